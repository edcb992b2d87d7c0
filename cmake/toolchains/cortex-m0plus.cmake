# Cortex-M0+ (ARMv6-M, no FPU).
set(TFLM_ARM_CPU cortex-m0plus)
set(TFLM_ARM_CPU_FLAGS -mcpu=cortex-m0plus -mthumb -mfloat-abi=soft)
include(${CMAKE_CURRENT_LIST_DIR}/arm-none-eabi-gcc.cmake)
