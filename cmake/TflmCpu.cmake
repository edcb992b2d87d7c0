# tflm_cpu: the INTERFACE target carrying the core's flags (TFLM_ARM_CPU_FLAGS
# from cmake/toolchains/<core>.cmake) and the firmware's size flags to
# everything that links it: the runtime library, board code, firmware.
add_library(tflm_cpu INTERFACE)
target_compile_options(tflm_cpu INTERFACE ${TFLM_ARM_CPU_FLAGS} -ffunction-sections -fdata-sections)
target_link_options(tflm_cpu INTERFACE ${TFLM_ARM_CPU_FLAGS} -Wl,--gc-sections)
