# mps2-an505: Arm MPS2+ AN505, Cortex-M33 at 20 MHz; runs in QEMU.
# A board is data: read by cmake/TflmBoard.cmake (see there for each variable).
set(TFLM_BOARD_CPU cortex-m33)
set(TFLM_BOARD_CPU_HZ 20000000)
set(TFLM_BOARD_SOURCES
  ../common/cortex_m_startup.c
  ../common/semihosting.c
  ../common/systick_timer.c
)
set(TFLM_BOARD_QEMU -machine mps2-an505)
set(TFLM_BOARD_EXAMPLES hello_world person_detection micro_speech custom_op)
set(TFLM_BOARD_BENCHMARKS ALL)
