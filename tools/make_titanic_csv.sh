#!/usr/bin/env bash
# Regenerates widgets/data/titanic.csv from Debian's r-cran-stablelearner package (see
# widgets/data/README.md). The CSV is committed so the site and tests work offline; this script
# is how it was made and must reproduce it byte for byte, so every value is formatted explicitly
# instead of relying on pandas' defaults (which change between versions).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
OUT="${1:-$ROOT/widgets/data/titanic.csv}"
PACKAGE=r-cran-stablelearner
EXPECTED_VERSION="0.1-4+ds-1"

SUDO=""; [[ $(id -u) -eq 0 ]] || SUDO=sudo
if ! dpkg-query -W -f='${Status}' python3-rdata 2>/dev/null | grep -q "install ok installed"; then
  echo "make_titanic_csv: installing python3-rdata" >&2
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends python3-rdata >/dev/null
fi

WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
# apt-get download writes into the current folder; _apt cannot read a root-owned mktemp dir,
# which only costs a harmless "unsandboxed" warning.
(cd "$WORK" && apt-get download -qq "$PACKAGE" 2>/dev/null)
DEB="$(ls "$WORK"/${PACKAGE}_*.deb)"
VERSION="$(dpkg-deb -f "$DEB" Version)"
if [[ "$VERSION" != "$EXPECTED_VERSION" ]]; then
  echo "make_titanic_csv: warning: $PACKAGE is $VERSION, the committed CSV came from $EXPECTED_VERSION" >&2
fi
dpkg-deb -x "$DEB" "$WORK/pkg"
RDA="$WORK/pkg/usr/lib/R/site-library/stablelearner/data/titanic.rda"

# Debian's python3-rdata (0.5) lives in /usr/bin/python3's dist-packages; another python3 may
# come first on PATH.
/usr/bin/python3 - "$RDA" "$OUT.tmp" <<'PY'
import csv, math, sys
import rdata

frame = rdata.conversion.convert(rdata.parser.parse_file(sys.argv[1]))["titanic"]
columns = ["name", "gender", "age", "class", "embarked", "country",
           "ticketno", "fare", "sibsp", "parch", "survived"]
assert list(frame.columns) == columns, list(frame.columns)
R_NA_INTEGER = -2147483648  # rdata 0.5 leaves R's integer NA as this sentinel

def cell(value):
    if value is None:
        return ""
    if isinstance(value, float):
        if math.isnan(value):
            return ""
        # %.10g: whole numbers without ".0", ages such as 0.8333333333 as R prints them.
        return "%.10g" % value
    if isinstance(value, int) or hasattr(value, "item"):
        value = value.item() if hasattr(value, "item") else value
        if isinstance(value, float):
            return cell(value)
        return "" if value == R_NA_INTEGER else str(value)
    return str(value)

with open(sys.argv[2], "w", encoding="utf-8", newline="") as f:
    writer = csv.writer(f, lineterminator="\n", quoting=csv.QUOTE_MINIMAL)
    writer.writerow(columns)
    for row in frame.itertuples(index=False, name=None):
        writer.writerow([cell(v) for v in row])
PY
mv "$OUT.tmp" "$OUT"
rows=$(($(wc -l <"$OUT") - 1))
echo "make_titanic_csv: wrote $OUT ($rows rows, sha256 $(sha256sum "$OUT" | cut -c1-16))" >&2
