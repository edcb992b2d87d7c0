#!/usr/bin/env bash
# make_seed_corpus.sh MODELS_DIR OUT_DIR: a seed corpus for the fuzz targets
# (fuzz_interpreter, fuzz_prepare) from .tflite files, made at run time (never committed). Each model goes in
# four times, with 0..3 appended: the targets pick the kernels by the
# last byte (reference, AVX2, AVX-512, best), and bytes past the flatbuffer
# are ignored, so every kernel set starts from a valid model.
set -euo pipefail
models=$1 out=$2
mkdir -p "$out"
for model in "$models"/*.tflite; do
  name=$(basename "$model" .tflite)
  for choice in 0 1 2 3; do
    { cat "$model"; printf "\\x0$choice"; } > "$out/$name-$choice.tflite"
  done
done
