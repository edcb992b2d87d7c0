#!/usr/bin/env bash
# Regenerates the FFM bindings in src/main/java/dev/tflm/bindings with jextract
# (https://jdk.java.net/jextract/, JDK 22 builds). jextract is not obtainable on the
# build machines, so the bindings are kept by hand in exactly the layout this command
# produces, and HeaderBindingsTest checks them against the headers. Run from the
# repository root; NativeLibrary.java is ours and is not generated.
#
# jextract emits one header class (tflm_h) with C_* layout constants, a holder class
# per function (descriptor, address, handle built lazily), enum constants and macros
# as static methods, and one class per struct with its layout and accessors.
# Two hand edits follow a regeneration: tflm_h.findOrThrow must look symbols up in
# NativeLibrary.lookup() (jextract's --library looks on java.library.path instead), and the
# kernel variables keep only their $segment() accessors (tflm_kernel stays opaque to Java).
set -euo pipefail
cd "$(dirname "$0")/.."

jextract \
  --output bindings/src/main/java \
  --target-package dev.tflm.bindings \
  --header-class-name tflm_h \
  --library tflm \
  -I native/include \
  --include-function tflm_op_resolver_init \
  --include-function tflm_op_resolver_add \
  --include-function tflm_op_resolver_supports \
  --include-function tflm_op_resolver_add_all \
  --include-function tflm_interpreter_create \
  --include-function tflm_interpreter_create_with_options \
  --include-function tflm_interpreter_isa \
  --include-function tflm_cpu_isa \
  --include-function tflm_isa_name \
  --include-function tflm_interpreter_arena_used \
  --include-function tflm_interpreter_invoke \
  --include-function tflm_interpreter_operator_count \
  --include-function tflm_interpreter_invoke_operator \
  --include-function tflm_interpreter_operator_name \
  --include-function tflm_interpreter_reset_state \
  --include-function tflm_interpreter_input_count \
  --include-function tflm_interpreter_output_count \
  --include-function tflm_interpreter_input \
  --include-function tflm_interpreter_output \
  --include-function tflm_interpreter_tensor_count \
  --include-function tflm_interpreter_tensor \
  --include-function tflm_interpreter_error_message \
  --include-function tflm_status_name \
  --include-function tflm_version \
  --include-struct tflm_tensor_info \
  --include-struct tflm_error \
  --include-struct tflm_op_resolver \
  --include-struct tflm_interpreter_options \
  --include-var tflm_op_add \
  --include-var tflm_op_average_pool_2d \
  --include-var tflm_op_conv_2d \
  --include-var tflm_op_depthwise_conv_2d \
  --include-var tflm_op_dequantize \
  --include-var tflm_op_fully_connected \
  --include-var tflm_op_max_pool_2d \
  --include-var tflm_op_mul \
  --include-var tflm_op_quantize \
  --include-var tflm_op_reshape \
  --include-var tflm_op_softmax \
  --include-var tflm_op_svdf \
  --include-constant TFLM_OK \
  --include-constant TFLM_ERROR_INVALID_ARGUMENT \
  --include-constant TFLM_ERROR_MALFORMED_MODEL \
  --include-constant TFLM_ERROR_UNSUPPORTED \
  --include-constant TFLM_ERROR_ARENA_TOO_SMALL \
  --include-constant TFLM_ERROR_KERNEL \
  --include-constant TFLM_TYPE_FLOAT32 \
  --include-constant TFLM_TYPE_FLOAT16 \
  --include-constant TFLM_TYPE_INT32 \
  --include-constant TFLM_TYPE_UINT8 \
  --include-constant TFLM_TYPE_INT64 \
  --include-constant TFLM_TYPE_STRING \
  --include-constant TFLM_TYPE_BOOL \
  --include-constant TFLM_TYPE_INT16 \
  --include-constant TFLM_TYPE_COMPLEX64 \
  --include-constant TFLM_TYPE_INT8 \
  --include-constant TFLM_TYPE_FLOAT64 \
  --include-constant TFLM_TYPE_COMPLEX128 \
  --include-constant TFLM_TYPE_UINT64 \
  --include-constant TFLM_TYPE_RESOURCE \
  --include-constant TFLM_TYPE_VARIANT \
  --include-constant TFLM_TYPE_UINT32 \
  --include-constant TFLM_TYPE_UINT16 \
  --include-constant TFLM_TYPE_INT4 \
  --include-constant TFLM_KERNELS_OPTIMIZED \
  --include-constant TFLM_KERNELS_REFERENCE \
  --include-constant TFLM_ISA_BEST \
  --include-constant TFLM_ISA_SCALAR \
  --include-constant TFLM_ISA_AVX2 \
  --include-constant TFLM_ISA_AVX512 \
  --include-constant TFLM_ISA_AVX512_VNNI \
  --include-constant TFLM_ERROR_MESSAGE_CAPACITY \
  --include-constant TFLM_MAX_DIMS \
  --include-constant TFLM_RESOLVER_CAPACITY \
  --include-constant TFLM_ARENA_ALIGNMENT \
  native/include/tflm/tflm.h native/include/tflm/ops.h
