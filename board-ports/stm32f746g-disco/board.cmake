# stm32f746g-disco: ST STM32F746G Discovery, STM32F746NG Cortex-M7 on its
# 16 MHz HSI (the reset clock); debug log on USART1 (PA9), which the on-board
# ST-Link exposes as a USB virtual COM port, 115200 8N1. Build only: flash
# the .elf with the ST-Link (e.g. openocd -f board/stm32f7discovery.cfg).
set(TFLM_BOARD_CPU cortex-m7)
set(TFLM_BOARD_CPU_HZ 16000000)
set(TFLM_BOARD_SOURCES
  ../common/cortex_m_startup.c
  ../common/systick_timer.c
  ../common/halt_exit.c
  debug_log.c
)
set(TFLM_BOARD_QEMU)
set(TFLM_BOARD_EXAMPLES hello_world person_detection micro_speech custom_op)
set(TFLM_BOARD_BENCHMARKS ALL)
