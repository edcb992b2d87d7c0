# Shared part of the Cortex-M toolchain files: Debian's arm-none-eabi GCC
# (gcc-arm-none-eabi, libnewlib-arm-none-eabi) building bare-metal ELFs.
# A per-core file sets TFLM_ARM_CPU_FLAGS and includes this one; the flags
# themselves go on the INTERFACE target tflm_cpu (cmake/TflmBoard.cmake),
# never into the global CMAKE_C_FLAGS.
set(CMAKE_SYSTEM_NAME Generic)
set(CMAKE_SYSTEM_PROCESSOR arm)

set(CMAKE_C_COMPILER arm-none-eabi-gcc)
set(CMAKE_ASM_COMPILER arm-none-eabi-gcc)
set(CMAKE_OBJCOPY arm-none-eabi-objcopy CACHE FILEPATH "objcopy for firmware images")
set(CMAKE_SIZE arm-none-eabi-size CACHE FILEPATH "size for the code size report")

# The compiler check cannot link without a board's startup and linker script.
set(CMAKE_TRY_COMPILE_TARGET_TYPE STATIC_LIBRARY)

set(CMAKE_FIND_ROOT_PATH_MODE_PROGRAM NEVER)
set(CMAKE_FIND_ROOT_PATH_MODE_LIBRARY ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_INCLUDE ONLY)

set(CMAKE_EXECUTABLE_SUFFIX_C .elf)
