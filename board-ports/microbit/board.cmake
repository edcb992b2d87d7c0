# microbit: BBC micro:bit v1, nRF51822 Cortex-M0 at 16 MHz, 16 KiB RAM; runs in QEMU.
# A board is data: read by cmake/TflmBoard.cmake (see there for each variable).
set(TFLM_BOARD_CPU cortex-m0)
set(TFLM_BOARD_CPU_HZ 16000000)
set(TFLM_BOARD_SOURCES
  ../common/cortex_m_startup.c
  ../common/semihosting.c
  ../common/systick_timer.c
)
set(TFLM_BOARD_QEMU -machine microbit)
set(TFLM_BOARD_EXAMPLES hello_world micro_speech custom_op)
set(TFLM_BOARD_BENCHMARKS hello_world_int8 micro_speech_quantized)
