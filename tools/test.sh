#!/usr/bin/env bash
# Every test suite, after tools/lab has built everything. Runs them all even when one fails,
# then prints one summary line and exits non-zero on any failure. --quick (after a native build
# only): the native engine tests and the JS tests; JS tests that need the wasm build use the
# last one made, or are skipped without it (a failure when CI is set).
set -uo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
export NODE_PATH=/usr/share/nodejs
quick=0
case "${1:-}" in
  "") ;;
  --quick) quick=1 ;;
  *) echo "test.sh: unknown argument '$1'" >&2; exit 2 ;;
esac

passed=0
failed=0
failures=()
suite() {
  local name="$1"; shift
  echo
  echo "=== $name: $*"
  local start=$SECONDS
  if "$@"; then
    passed=$((passed + 1))
    echo "=== $name: ok ($((SECONDS - start)) s)"
  else
    failed=$((failed + 1))
    failures+=("$name")
    echo "=== $name: FAILED ($((SECONDS - start)) s)"
  fi
}

summary() {
  echo
  ((failed)) && echo "failed suites: ${failures[*]}"
  echo "suites: $passed passed, $failed failed"
  ((failed == 0))
}

# The engine's folders include only those below them (engine/layers.txt); C++ as .clang-format writes it.
suite "engine layers" node tools/check_layers.mjs
suite "C++ format" bash tools/check_format.sh
suite "engine (native)" ctest --preset native --output-on-failure -j "$(nproc)"
if ((quick)); then
  suite "js and bindings" npm run --silent test:js
  summary
  exit
fi
# The same GoogleTest sources compiled to wasm, under Node (--no-experimental-fetch:
# docs/toolchain.md, "Node cannot fetch the wasm file").
suite "engine (wasm)" node --no-experimental-fetch build/wasm/tests/engine_tests.cjs
suite "validate lessons and widgets" build/native/engine/lab-cli validate --root "$ROOT" lessons widgets
suite "js and bindings" npm run --silent test:js
suite "browser end-to-end" npm run --silent test:e2e
# The engine suite again under AddressSanitizer + UndefinedBehaviorSanitizer (clang), and each
# libFuzzer harness briefly on the project's own files as seeds.
sanitized_tests() {
  cmake --preset sanitize >/dev/null && cmake --build --preset sanitize -j "$(nproc)" >/dev/null &&
    ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 ctest --preset sanitize -j "$(nproc)"
}
suite "engine (ASan + UBSan)" sanitized_tests
suite "fuzz smoke" bash tools/fuzz.sh "${LAB_FUZZ_SECONDS:-10}"
if [[ -f tools/bench/run.mjs ]]; then
  suite "bench smoke" node tools/bench/run.mjs --quick --no-write
fi

summary
