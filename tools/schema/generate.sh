#!/usr/bin/env bash
# Regenerates the files derived from TensorFlow Lite's flatbuffer schema (see
# SchemaHeaders.java) from ../shared/spec/schema.fbs, or the schema given as
# $TFLM_SCHEMA. The files are committed, so builds need neither the schema nor a JDK.
#
#   tools/schema/generate.sh           rewrites them
#   tools/schema/generate.sh --check   fails, showing the difference, when they are
#                                      not what the schema gives (CI runs this)
#
# Needs a JDK 17+: $JAVA_HOME's, else the java on PATH.
set -euo pipefail
cd "$(dirname "$0")/../.."

schema=${TFLM_SCHEMA:-../shared/spec/schema.fbs}
java=java
if [[ -n "${JAVA_HOME:-}" && -x "$JAVA_HOME/bin/java" ]]; then
  java=$JAVA_HOME/bin/java
fi
generated=(
  native/include/tflm/builtin_codes.h
  native/include/tflm/builtin_options.h
  native/src/core/builtin_names.c
)

case "${1:-}" in
  "")
    "$java" tools/schema/SchemaHeaders.java "$schema" .
    ;;
  --check)
    fresh=$(mktemp -d)
    trap 'rm -rf "$fresh"' EXIT
    "$java" tools/schema/SchemaHeaders.java "$schema" "$fresh"
    status=0
    for file in "${generated[@]}"; do
      diff -u "$file" "$fresh/$file" || status=1
    done
    if ((status != 0)); then
      echo "schema: the files above differ from what $schema gives: run tools/schema/generate.sh" >&2
      exit 1
    fi
    echo "schema: ${#generated[@]} generated files match $schema"
    ;;
  *)
    echo "usage: tools/schema/generate.sh [--check]" >&2
    exit 2
    ;;
esac
