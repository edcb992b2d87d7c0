# A firmware project's toolchain file for Cortex-M3 with Debian's
# arm-none-eabi GCC (gcc-arm-none-eabi, libnewlib-arm-none-eabi). The same
# file builds tflm and the firmware that links it: the core's flags are in
# CMAKE_C_FLAGS_INIT, so every target of both builds is compiled for it.
set(CMAKE_SYSTEM_NAME Generic)
set(CMAKE_SYSTEM_PROCESSOR arm)

set(CMAKE_C_COMPILER arm-none-eabi-gcc)
set(CMAKE_C_FLAGS_INIT "-mcpu=cortex-m3 -mthumb -mfloat-abi=soft")

# Compiler checks cannot link a program without the board's startup code
# and linker script.
set(CMAKE_TRY_COMPILE_TARGET_TYPE STATIC_LIBRARY)

