# Cortex-M3 (ARMv7-M, no FPU): mps2-an385, Blue Pill, ECM3531.
set(TFLM_ARM_CPU cortex-m3)
set(TFLM_ARM_CPU_FLAGS -mcpu=cortex-m3 -mthumb -mfloat-abi=soft)
include(${CMAKE_CURRENT_LIST_DIR}/arm-none-eabi-gcc.cmake)
