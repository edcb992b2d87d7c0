# Cortex-M55 (ARMv8.1-M, Helium MVE with float), hard-float ABI: mps3-an547.
set(TFLM_ARM_CPU cortex-m55)
set(TFLM_ARM_CPU_FLAGS -mcpu=cortex-m55 -mthumb -mfloat-abi=hard)
include(${CMAKE_CURRENT_LIST_DIR}/arm-none-eabi-gcc.cmake)
