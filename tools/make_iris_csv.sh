#!/usr/bin/env bash
# Regenerates widgets/data/iris.csv from the iris table Debian's python3-sklearn ships
# (sklearn/datasets/data/iris.csv). The CSV is committed so the site and tests work offline;
# this script is how it was made and reproduces it byte for byte (the values are copied as
# text, the class codes replaced by the species names from the file's own header).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
OUT="${1:-$ROOT/widgets/data/iris.csv}"
SOURCE=/usr/lib/python3/dist-packages/sklearn/datasets/data/iris.csv
if [[ ! -f "$SOURCE" ]]; then
  SUDO=""; [[ $(id -u) -eq 0 ]] || SUDO=sudo
  echo "make_iris_csv: installing python3-sklearn" >&2
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends python3-sklearn >/dev/null
fi
/usr/bin/python3 - "$SOURCE" "$OUT.tmp" <<'PY'
import csv, sys

with open(sys.argv[1], newline="") as f:
    rows = list(csv.reader(f))
count, width, *species = rows[0]  # "150,4,setosa,versicolor,virginica"
body = rows[1:]
if len(body) != int(count) or any(len(r) != int(width) + 1 for r in body):
    sys.exit(f"make_iris_csv: {sys.argv[1]} is not the expected {count} x {width} table")
with open(sys.argv[2], "w", newline="") as f:
    out = csv.writer(f, lineterminator="\n")
    out.writerow(["sepal_length", "sepal_width", "petal_length", "petal_width", "species"])
    for r in body:
        out.writerow(r[:4] + [species[int(r[4])]])
PY
mv "$OUT.tmp" "$OUT"
echo "make_iris_csv: wrote $OUT" >&2
