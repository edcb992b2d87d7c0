# Cortex-M33 (ARMv8-M Mainline, DSP, single-precision FPU), hard-float ABI: mps2-an505.
set(TFLM_ARM_CPU cortex-m33)
set(TFLM_ARM_CPU_FLAGS -mcpu=cortex-m33 -mthumb -mfpu=fpv5-sp-d16 -mfloat-abi=hard)
include(${CMAKE_CURRENT_LIST_DIR}/arm-none-eabi-gcc.cmake)
