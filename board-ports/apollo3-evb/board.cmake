# apollo3-evb: Ambiq Apollo3 Blue EVB, Cortex-M4F at 48 MHz (the reset
# clock); debug log on UART0 (TX on pad 48), which the EVB's J-Link OB
# exposes as a USB virtual COM port, 115200 8N1. The image starts at 0xC000,
# after the secure bootloader. Build only: flash the .bin at 0xC000 with
# the J-Link (e.g. JLinkExe loadbin <elf>.bin 0xC000).
set(TFLM_BOARD_CPU cortex-m4f)
set(TFLM_BOARD_CPU_HZ 48000000)
set(TFLM_BOARD_SOURCES
  ../common/cortex_m_startup.c
  ../common/systick_timer.c
  ../common/halt_exit.c
  debug_log.c
)
set(TFLM_BOARD_QEMU)
set(TFLM_BOARD_EXAMPLES hello_world person_detection micro_speech custom_op)
set(TFLM_BOARD_BENCHMARKS ALL)
