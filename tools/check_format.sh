#!/usr/bin/env bash
# The C++ format check (tools/lab test and --quick): every tracked C++ file as clang-format
# writes it with the project's .clang-format. Prints the files that differ and how to fix them.
set -uo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
mapfile -t files < <(git ls-files '*.cpp' '*.hpp')
if ((${#files[@]} == 0)); then echo "format: no tracked C++ files (not a git checkout?)" >&2; exit 1; fi
# One clang-format for every file (a process per file took 30 s); it names each file it would change.
if ! report=$(clang-format --style=file --dry-run --Werror "${files[@]}" 2>&1); then
  mapfile -t unformatted < <(grep -oE '^[^:]+\.(cpp|hpp):' <<<"$report" | sed 's/:$//' | sort -u)
  if ((${#unformatted[@]} == 0)); then echo "$report" >&2; exit 1; fi
  printf 'format: not as .clang-format writes it: %s\n' "${unformatted[@]}" >&2
  echo "format: fix with: clang-format -i ${unformatted[*]}" >&2
  exit 1
fi
echo "format: ${#files[@]} C++ files as .clang-format writes them"
