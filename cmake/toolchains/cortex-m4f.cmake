# Cortex-M4 with its single-precision FPU, hard-float ABI: mps2-an386, Apollo3.
set(TFLM_ARM_CPU cortex-m4f)
set(TFLM_ARM_CPU_FLAGS -mcpu=cortex-m4 -mthumb -mfpu=fpv4-sp-d16 -mfloat-abi=hard)
include(${CMAKE_CURRENT_LIST_DIR}/arm-none-eabi-gcc.cmake)
