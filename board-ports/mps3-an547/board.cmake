# mps3-an547: Arm MPS3 AN547, Cortex-M55 at 32 MHz; runs in QEMU.
# A board is data: read by cmake/TflmBoard.cmake (see there for each variable).
set(TFLM_BOARD_CPU cortex-m55)
set(TFLM_BOARD_CPU_HZ 32000000)
set(TFLM_BOARD_SOURCES
  ../common/cortex_m_startup.c
  ../common/semihosting.c
  ../common/systick_timer.c
)
set(TFLM_BOARD_QEMU -machine mps3-an547)
set(TFLM_BOARD_EXAMPLES hello_world person_detection micro_speech micro_speech_audio custom_op)
set(TFLM_BOARD_BENCHMARKS ALL)
