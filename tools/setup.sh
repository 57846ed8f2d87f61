#!/usr/bin/env bash
# Installs what the build and tests need, and only what is missing, so a second run is quick.
# Everything comes from Debian's packages and npm; nothing installed by hand is assumed.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

APT_PACKAGES=(
  cmake ninja-build g++ clang libclang-rt-14-dev  # native build, fuzzing, sanitizers
  clang-format                                    # the C++ format check (.clang-format)
  emscripten                                      # wasm build (3.1.6)
  libeigen3-dev nlohmann-json3-dev libyaml-cpp-dev googletest
  libbenchmark-dev                                # native micro-benchmarks of the bench drivers
  dpkg-dev                                        # dpkg-source, to unpack yaml-cpp's source for wasm
  zip unzip                                       # SCORM packages (tools/lab pack --scorm) and their checks
  chromium                                        # end-to-end tests
  mkdocs mkdocs-material python3-sphinx           # example course sites that embed the widgets (examples/)
  python3-sklearn python3-pandas                  # the bench's scikit-learn references (tools/bench/sklearn_reference.py)
  nodejs npm
)

missing=()
for p in "${APT_PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
# A Node.js from elsewhere on the image is fine; do not replace it with Debian's.
if command -v node >/dev/null && command -v npm >/dev/null; then
  missing=("${missing[@]/nodejs}"); missing=("${missing[@]/npm}")
fi
read -r -a missing <<<"${missing[*]}"
if ((${#missing[@]})); then
  echo "setup: installing ${missing[*]}"
  SUDO=""; [[ $(id -u) -eq 0 ]] || SUDO=sudo
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# yaml-cpp for the wasm build: Debian's source package, unpacked once into .deps/.
# A deb-src entry is made from the machine's own deb sources in a project-owned folder,
# so the machine's apt configuration is never touched.
YAML_SRC="$ROOT/.deps/yaml-cpp"
if [[ ! -f "$YAML_SRC/CMakeLists.txt" ]]; then
  echo "setup: fetching Debian's yaml-cpp source for the wasm build"
  APTDIR="$ROOT/.deps/apt"
  rm -rf "$APTDIR" && mkdir -p "$APTDIR/sources" "$APTDIR/lists/partial"
  for f in /etc/apt/sources.list.d/*.sources; do
    [[ -f "$f" ]] && sed 's/^Types:.*/Types: deb-src/' "$f" > "$APTDIR/sources/$(basename "$f")"
  done
  if [[ -f /etc/apt/sources.list ]]; then
    grep -E '^deb ' /etc/apt/sources.list | sed 's/^deb /deb-src /' > "$APTDIR/sources/from-list.list" || true
  fi
  APT_OPTS=(-o "Dir::Etc::SourceParts=$APTDIR/sources" -o "Dir::Etc::SourceList=/dev/null"
            -o "Dir::State::Lists=$APTDIR/lists" -o "APT::Sandbox::User=root")
  apt-get "${APT_OPTS[@]}" update -qq
  (cd "$APTDIR" && apt-get "${APT_OPTS[@]}" source --download-only -qq yaml-cpp)
  rm -rf "$YAML_SRC"
  dpkg-source --no-check -x "$APTDIR"/yaml-cpp_*.dsc "$YAML_SRC" >/dev/null
fi

# npm packages, pinned by package-lock.json; reinstalled only when the lock changes.
if [[ ! -f node_modules/.package-lock.json || package-lock.json -nt node_modules/.package-lock.json ]]; then
  echo "setup: npm ci"
  # --ignore-scripts: onnxruntime-node's install script downloads GPU binaries from outside
  # (its CPU binaries ship in the package); the other install scripts only print notices or
  # re-check a binary that the platform package already provides (esbuild).
  npm ci --ignore-scripts --no-audit --no-fund --loglevel=error
fi
