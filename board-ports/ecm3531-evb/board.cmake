# ecm3531-evb: Eta Compute ECM3531 EVB, Cortex-M3; SysTick counted at the
# 32 MHz default core clock (an assumption: check against your clock setup).
# Debug log on the ITM's stimulus port 0 (SWO), which needs no vendor driver:
# read it with the debug probe (e.g. openocd's `itm port 0 on`). Build only.
set(TFLM_BOARD_CPU cortex-m3)
set(TFLM_BOARD_CPU_HZ 32000000)
set(TFLM_BOARD_SOURCES
  ../common/cortex_m_startup.c
  ../common/systick_timer.c
  ../common/halt_exit.c
  ../common/itm_debug_log.c
)
set(TFLM_BOARD_QEMU)
set(TFLM_BOARD_EXAMPLES hello_world person_detection micro_speech custom_op)
set(TFLM_BOARD_BENCHMARKS hello_world_int8 micro_speech_quantized keyword_scrambled kws_ref_model person_detect pretrainedResnet_quant)
