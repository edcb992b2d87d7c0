# Cortex-M0 (ARMv6-M, no FPU): micro:bit (nRF51822).
set(TFLM_ARM_CPU cortex-m0)
set(TFLM_ARM_CPU_FLAGS -mcpu=cortex-m0 -mthumb -mfloat-abi=soft)
include(${CMAKE_CURRENT_LIST_DIR}/arm-none-eabi-gcc.cmake)
