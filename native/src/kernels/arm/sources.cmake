# The Cortex-M variants (../README.md), chosen at compile time: one list per
# core feature, compiled only when the compiler targets a Cortex-M core that
# has it, as its own feature macro says (probed here with the target's
# flags), so a board's flash holds no kernel its core cannot run. Paths are
# relative to native/.
#
# TFLM_ARM_SOURCES: the Arm sources this target compiles (none on a core
# without the features, on Cortex-M0/M3 for example).

# The DSP extension (__ARM_FEATURE_DSP: Cortex-M4, M7, M33, M55): packed
# 16-bit multiply-accumulate (SMLAD) and byte unpacking (SXTB16).
set(TFLM_ARM_DSP_SOURCES
  src/kernels/arm/add_arm.c
  src/kernels/arm/conv_arm.c
  src/kernels/arm/depthwise_conv_arm.c
  src/kernels/arm/fully_connected_arm.c
  src/kernels/arm/mul_arm.c
  src/kernels/arm/pooling_arm.c
  src/kernels/arm/s16_conv_im2col.c
  src/kernels/arm/s16_dwconv_c4__dsp.c
  src/kernels/arm/s16_fc_2x4__dsp.c
  src/kernels/arm/s8_add_x1__dsp.c
  src/kernels/arm/s8_avgpool_c4__dsp.c
  src/kernels/arm/s8_conv_1x1_2x2__dsp.c
  src/kernels/arm/s8_conv_im2col_2x2__dsp.c
  src/kernels/arm/s8_dwconv_c4__dsp.c
  src/kernels/arm/s8_dwconv_m4__dsp.c
  src/kernels/arm/s8_fc_2x4__dsp.c
  src/kernels/arm/s8_maxpool_c4__dsp.c
  src/kernels/arm/s8_mul_x1__dsp.c
  src/kernels/arm/s8_s16_svdf_2x4__dsp.c
  src/kernels/arm/s8_softmax_c1__dsp.c
  src/kernels/arm/softmax_arm.c
  src/kernels/arm/svdf_arm.c
)

# Helium (__ARM_FEATURE_MVE: Cortex-M55, M85), on top of the DSP list: 128-bit
# vectors of sixteen int8 lanes, VMLADAVA summing their products.
set(TFLM_ARM_MVE_SOURCES
  src/kernels/arm/s16_dwconv_c4__mve.c
  src/kernels/arm/s16_fc_1x4__mve.c
  src/kernels/arm/s8_add_x4__mve.c
  src/kernels/arm/s8_avgpool_c4__mve.c
  src/kernels/arm/s8_conv_1x1_4x1__mve.c
  src/kernels/arm/s8_conv_im2col_4x1__mve.c
  src/kernels/arm/s8_dwconv_c4__mve.c
  src/kernels/arm/s8_fc_1x4__mve.c
  src/kernels/arm/s8_maxpool_c16__mve.c
  src/kernels/arm/s8_mul_x4__mve.c
  src/kernels/arm/s8_s16_svdf_1x4__mve.c
  src/kernels/arm/s8_softmax_x4__mve.c
)

# tflm_arm_feature(<macro> <result>): whether the compiler, with the
# target's flags, defines <macro> for an M-profile core.
function(tflm_arm_feature macro result)
  include(CheckCSourceCompiles)
  list(JOIN TFLM_ARM_CPU_FLAGS " " CMAKE_REQUIRED_FLAGS)
  set(CMAKE_TRY_COMPILE_TARGET_TYPE STATIC_LIBRARY)
  check_c_source_compiles("
#if !defined(${macro}) || !defined(__ARM_ARCH_PROFILE) || __ARM_ARCH_PROFILE != 'M'
#error no ${macro} on an M-profile core
#endif
int tflm_arm_feature_probe;" ${result})
endfunction()

tflm_arm_feature(__ARM_FEATURE_DSP TFLM_HAVE_ARM_DSP)
tflm_arm_feature(__ARM_FEATURE_MVE TFLM_HAVE_ARM_MVE)
set(TFLM_ARM_SOURCES)
if(TFLM_HAVE_ARM_DSP)
  list(APPEND TFLM_ARM_SOURCES ${TFLM_ARM_DSP_SOURCES})
endif()
if(TFLM_HAVE_ARM_MVE)
  list(APPEND TFLM_ARM_SOURCES ${TFLM_ARM_MVE_SOURCES})
endif()
