#!/usr/bin/env bash
# tools/lab fuzz [seconds] [harness...]: builds the libFuzzer harnesses (clang + ASan + UBSan)
# and runs each (default: all four) for the given time (default 60 s) on a seed corpus made from
# the project's own files; the corpus grows from run to run. Crashes are saved under
# build/sanitize/fuzzing/findings/<harness>/ and make the command fail; each run's log and final
# statistics are in build/sanitize/fuzzing/<harness>.log. `--build-only` only builds.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
BUILD="$ROOT/build/sanitize"  # the sanitize preset also builds the harnesses
OUT="$BUILD/fuzzing"
HARNESSES=(fuzz_csv fuzz_lesson fuzz_spec fuzz_run)

if [[ "${LAB_FUZZ_BUILT:-}" != 1 ]]; then
  cmake --preset sanitize >/dev/null
  cmake --build --preset sanitize -j "$(nproc)"
fi
[[ "${1:-}" == --build-only ]] && exit 0
SECONDS_EACH="${1:-60}"
[[ $# -gt 0 ]] && shift
if [[ $# -gt 0 ]]; then
  for h in "$@"; do
    [[ " ${HARNESSES[*]} " == *" $h "* ]] || { echo "fuzz: unknown harness '$h' (have: ${HARNESSES[*]})" >&2; exit 2; }
  done
  HARNESSES=("$@")
fi

seed() {  # seed <harness> <files...>
  local dir="$OUT/corpus/$1"; shift
  mkdir -p "$dir"
  for f in "$@"; do
    if [[ -f "$f" ]]; then head -c 65536 "$f" > "$dir/$(echo "$f" | tr / _)"; fi
  done
}
seed fuzz_csv widgets/data/titanic.csv tests/bad_inputs/*.csv
seed fuzz_lesson lessons/*.md tests/fixtures/lessons/* tests/bad_inputs/*.md
seed fuzz_spec widgets/*.json tests/bad_inputs/*.json
mkdir -p "$OUT/corpus/fuzz_run"
printf '{}\nx,z,y\n1,a,p\n2,b,q\n3,a,p\n4,b,q\n5,a,q\n6,b,p\n7,a,p\n8,b,q\n' > "$OUT/corpus/fuzz_run/lr"
printf '{"model":{"type":"mlp","hidden":[3],"dropout":0.5,"batch_norm":true}}\nx,z,y\n1,a,p\n2,b,q\n3,a,p\n4,b,q\n5,a,q\n6,b,p\n7,a,p\n8,b,q\n' > "$OUT/corpus/fuzz_run/mlp"
printf '{"model":{"l1_ratio":1,"path":{},"cv":{"folds":2}}}\nx,z,y\n1,a,p\n2,b,q\n3,a,p\n4,b,q\n5,a,q\n6,b,p\n7,a,p\n8,b,q\n' > "$OUT/corpus/fuzz_run/path"

status=0
for harness in "${HARNESSES[@]}"; do
  findings="$OUT/findings/$harness"
  mkdir -p "$findings"
  echo "=== $harness: ${SECONDS_EACH}s"
  if ! "$BUILD/tests/fuzz/$harness" "$OUT/corpus/$harness" -max_total_time="$SECONDS_EACH" -timeout=10 \
       -rss_limit_mb=2048 -max_len=65536 -artifact_prefix="$findings/" -print_final_stats=1 \
       >"$OUT/$harness.log" 2>&1; then
    status=1
    echo "=== $harness: FOUND A PROBLEM (see $OUT/$harness.log and $findings/)"
  fi
  grep -E "^#[0-9]+ +DONE|stat::number_of_executed_units|stat::average_exec_per_sec|stat::new_units_added|stat::peak_rss_mb" "$OUT/$harness.log" || true
done
exit $status
