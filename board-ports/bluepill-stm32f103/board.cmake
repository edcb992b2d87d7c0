# bluepill-stm32f103: "Blue Pill", STM32F103C8 Cortex-M3 on its 8 MHz HSI
# (the reset clock); debug log on USART1 TX (PA9), 115200 8N1, to a USB-serial
# adapter. 64 KiB flash / 20 KiB RAM, built -Os (its preset): person_detection
# and benchmarks beyond hello_world (all kernels linked) do not fit. Build
# only: flash the .elf with an
# ST-Link (e.g. openocd -f interface/stlink.cfg -f target/stm32f1x.cfg).
set(TFLM_BOARD_CPU cortex-m3)
set(TFLM_BOARD_CPU_HZ 8000000)
set(TFLM_BOARD_SOURCES
  ../common/cortex_m_startup.c
  ../common/systick_timer.c
  ../common/halt_exit.c
  debug_log.c
)
set(TFLM_BOARD_QEMU)
set(TFLM_BOARD_EXAMPLES hello_world micro_speech custom_op)
set(TFLM_BOARD_BENCHMARKS hello_world_int8)
