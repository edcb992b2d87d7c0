#!/usr/bin/env bash
# benchmarks/run.sh [JMH options...] - runs the JMH comparison (this runtime optimized and
# reference, TensorFlow Lite 2.6.2 with XNNPACK off and on, one FFM call) and writes
#   benchmarks/results/<date-time>/results.json  JMH's results (-rf json)
#   benchmarks/results/<date-time>/jmh.log       JMH's console output
#   benchmarks/results/<date-time>/report.md     the table: us per inference, ratios
#   benchmarks/results/<date-time>/chart.svg     the bar chart (log scale)
#
# The default run (one fork, 3 x 1 s warm-up, 5 x 1 s measurement per benchmark) takes
# about 6 minutes on 2 cores. Other work on the machine skews the numbers: the report
# states the load average at the start. JMH options go longer or narrower, e.g.
#   benchmarks/run.sh -f 3 -wi 5 -i 10              # more forks and iterations
#   benchmarks/run.sh -p model=vww_96_int8,kws_ref_model InferenceBenchmark
# Models come from $TFLM_MODELS (default: ../shared/models beside the checkout).
set -euo pipefail

root="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
models="${TFLM_MODELS:-$root/../shared/models}"
jar="$root/benchmarks/target/benchmarks.jar"

# A JDK 25+ (the Java the build targets): $JAVA_HOME when it is one, else the newest under /usr/lib/jvm.
java_bin=""
for home in "${JAVA_HOME:-}" $(ls -d /usr/lib/jvm/* 2>/dev/null | sort -V -r); do
  [[ -n "$home" && -x "$home/bin/java" ]] || continue
  version=$(sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$home/release" 2>/dev/null || true)
  if (( ${version:-0} >= 25 )); then
    java_bin="$home/bin/java"
    break
  fi
done
if [[ -z "$java_bin" ]]; then
  echo "run.sh: no JDK 25 or newer found: set JAVA_HOME to one" >&2
  exit 1
fi
if [[ ! -d "$models" ]]; then
  echo "run.sh: no models at $models: set TFLM_MODELS" >&2
  exit 1
fi

out="$root/benchmarks/results/$(date +%Y-%m-%d-%H%M)"
mkdir -p "$out"
echo "run.sh: building benchmarks.jar (log: $out/build.log)..." >&2
if ! (cd "$root" && mvn -B -DskipTests -pl benchmarks -am package) >"$out/build.log" 2>&1; then
  tail -n 40 "$out/build.log" >&2
  echo "run.sh: the build failed; the whole log is in $out/build.log" >&2
  exit 1
fi

load="$(cut -d' ' -f1-3 /proc/loadavg)"
# Options on the command line replace the annotations' jvmArgsAppend: repeat native access.
"$java_bin" -jar "$jar" -rf json -rff "$out/results.json" \
  -jvmArgsAppend "--enable-native-access=ALL-UNNAMED -Dtflm.models=$models" "$@" | tee "$out/jmh.log"

machine="$(lscpu | sed -n 's/^Model name:[[:space:]]*//p' | head -n 1), $(nproc) CPUs (load average $load at the start)"
"$java_bin" --enable-native-access=ALL-UNNAMED -Dtflm.models="$models" -cp "$jar" \
  dev.tflm.benchmarks.report.ReportMain "$out/results.json" --out "$out" --machine "$machine"
