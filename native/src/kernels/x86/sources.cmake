# The x86-64 variants (../README.md), compiled on x86-64 hosts only; the
# interpreter picks one per node from what CPUID reports. Each microkernel
# is compiled for its ISA alone, so the library runs on any x86-64.
# -ffp-contract=off keeps float variants from fusing mul+add (their sums
# must equal the reference's). Paths are relative to native/.
#
# TFLM_X86_SOURCES: every x86 source, its compile options set.

# Glue, one file per op (plain C): the op's hook and variant tables.
set(TFLM_X86_GLUE_SOURCES
  src/kernels/x86/add_x86.c
  src/kernels/x86/conv_x86.c
  src/kernels/x86/depthwise_conv_x86.c
  src/kernels/x86/fully_connected_x86.c
  src/kernels/x86/mul_x86.c
  src/kernels/x86/pooling_x86.c
  src/kernels/x86/softmax_x86.c
  src/kernels/x86/svdf_x86.c
)
set(TFLM_X86_AVX2_SOURCES
  src/kernels/x86/s8_conv_im2col_4x16__avx2.c
  src/kernels/x86/s8_fc_8x16__avx2.c
  src/kernels/x86/s8_maxpool_c32__avx2.c
  src/kernels/x86/s8_avgpool_c8__avx2.c
  src/kernels/x86/f32_maxpool_c8__avx2.c
  src/kernels/x86/f32_avgpool_c8__avx2.c
  src/kernels/x86/s8_softmax_x8__avx2.c
  src/kernels/x86/f32_fc_8x8__avx2.c
  src/kernels/x86/f32_dwconv_c8__avx2.c
  src/kernels/x86/f32_dwconv_multiplier_c8__avx2.c
  src/kernels/x86/f32_conv_4x16__avx2.c
  src/kernels/x86/f32_softmax_x8__avx2.c
  src/kernels/x86/f32_add_x8__avx2.c
  src/kernels/x86/f32_mul_x8__avx2.c
  src/kernels/x86/s8_dwconv_c8__avx2.c
  src/kernels/x86/s8_dwconv_multiplier_c8__avx2.c
  src/kernels/x86/s8_add_x8__avx2.c
  src/kernels/x86/s8_mul_x8__avx2.c
  src/kernels/x86/s8_s16_svdf_8x16__avx2.c
)
set(TFLM_X86_AVX512_SOURCES
  src/kernels/x86/s8_add_x16__avx512.c
  src/kernels/x86/s8_dwconv_c16__avx512.c
  src/kernels/x86/s8_dwconv_multiplier_c16__avx512.c
  src/kernels/x86/f32_conv_8x32__avx512.c
)
set(TFLM_X86_AVX512VNNI_SOURCES
  src/kernels/x86/s8_conv_im2col_8x32__avx512vnni.c
  src/kernels/x86/s8_dwconv_k4_c16__avx512vnni.c
  src/kernels/x86/s8_fc_8x64__avx512vnni.c
)
set_source_files_properties(${TFLM_X86_AVX2_SOURCES} PROPERTIES
  COMPILE_OPTIONS "-mavx2;-mfma;-ffp-contract=off")
set_source_files_properties(${TFLM_X86_AVX512_SOURCES} PROPERTIES
  COMPILE_OPTIONS "-mavx2;-mfma;-mavx512f;-mavx512bw;-mavx512vl;-ffp-contract=off")
set_source_files_properties(${TFLM_X86_AVX512VNNI_SOURCES} PROPERTIES
  COMPILE_OPTIONS "-mavx2;-mfma;-mavx512f;-mavx512bw;-mavx512vl;-mavx512vnni;-ffp-contract=off")
set(TFLM_X86_SOURCES ${TFLM_X86_GLUE_SOURCES} ${TFLM_X86_AVX2_SOURCES}
    ${TFLM_X86_AVX512_SOURCES} ${TFLM_X86_AVX512VNNI_SOURCES})
