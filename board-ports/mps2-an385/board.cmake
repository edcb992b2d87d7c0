# mps2-an385: Arm MPS2 AN385, Cortex-M3 at 25 MHz; runs in QEMU.
# A board is data: read by cmake/TflmBoard.cmake (see there for each variable).
set(TFLM_BOARD_CPU cortex-m3)
set(TFLM_BOARD_CPU_HZ 25000000)
set(TFLM_BOARD_SOURCES
  ../common/cortex_m_startup.c
  ../common/semihosting.c
  ../common/systick_timer.c
)
set(TFLM_BOARD_QEMU -machine mps2-an385)
set(TFLM_BOARD_EXAMPLES hello_world person_detection micro_speech micro_speech_audio custom_op)
set(TFLM_BOARD_BENCHMARKS ALL)
