# Cortex-M7 with a double-precision FPU, hard-float ABI: mps2-an500, STM32F746.
set(TFLM_ARM_CPU cortex-m7)
set(TFLM_ARM_CPU_FLAGS -mcpu=cortex-m7 -mthumb -mfpu=fpv5-d16 -mfloat-abi=hard)
include(${CMAKE_CURRENT_LIST_DIR}/arm-none-eabi-gcc.cmake)
