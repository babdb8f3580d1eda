#!/usr/bin/env bash
# One entry point for a fresh Debian 12 machine: installs what is missing, builds, then runs a
# script or the tests. Idempotent: with everything present it only (re)builds incrementally.
#
#   ./setup.sh run [FILE.js]   set up, build, run FILE (default: examples/hello.js) with nanojs
#   ./setup.sh test            set up, build, run every test (ctest); with SANITIZE=1, then build
#                              the sanitizer build (ASan+UBSan+LSan, in ASAN_BUILD_DIR) and run
#                              its engine, JS and nanojs tests; any sanitizer report fails the run
#   ./setup.sh fuzz [SECONDS]  build the libFuzzer targets with clang (in FUZZ_BUILD_DIR) and run
#                              each for SECONDS (default 30) on its corpus; fails on any crash
#   ./setup.sh build           set up and build only
#   ./setup.sh deps            install the Debian packages and V8 (libnode) only
#
# Environment: BUILD_DIR (default: build), BUILD_TYPE (default: Release), JOBS (default: nproc),
# ASAN_BUILD_DIR (default: build-asan), SANITIZE=1 to run the sanitizer suite too,
# FUZZ_BUILD_DIR (default: build-fuzz).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
BUILD_DIR="${BUILD_DIR:-$ROOT/build}"
BUILD_TYPE="${BUILD_TYPE:-Release}"
JOBS="${JOBS:-$(nproc)}"
ASAN_BUILD_DIR="${ASAN_BUILD_DIR:-$ROOT/build-asan}"
FUZZ_BUILD_DIR="${FUZZ_BUILD_DIR:-$ROOT/build-fuzz}"
# Off by default until a clean CI run with it is measured well under 30 minutes
# (docs/reliability.md, "CI budget").
SANITIZE="${SANITIZE:-0}"
# ccache: the engine's sources use a precompiled header, which ccache refuses to cache without
# this sloppiness ("Could not use precompiled header" in `ccache -s -v`); and paths relative to
# the checkout, so a fresh clone anywhere (CI's) hits what any other checkout compiled.
export CCACHE_SLOPPINESS="${CCACHE_SLOPPINESS:-pch_defines,time_macros,include_file_mtime,include_file_ctime}"
export CCACHE_BASEDIR="${CCACHE_BASEDIR:-$ROOT}"
LIBNODE_PREFIX="$ROOT/.deps/libnode"

PACKAGES=(
  build-essential cmake ninja-build ccache pkg-config
  qt6-base-dev qt6-base-dev-tools qt6-tools-dev qt6-tools-dev-tools qt6-l10n-tools
  qt6-charts-dev qt6-httpserver-dev qt6-websockets-dev libgl-dev libqt6opengl6-dev libxkbcommon-dev
  libqscintilla2-qt6-dev libquazip1-qt6-dev
  # Qt's and QScintilla's own translations (dialog buttons, key names, the editor's menu)
  qt6-translations-l10n libqscintilla2-qt6-l10n
  libssl-dev libicu-dev zlib1g-dev libbrotli-dev
  # the packaging tests: desktop-file-validate, appstreamcli validate, update-mime-database
  desktop-file-utils appstream shared-mime-info
  # libnode108's own run-time dependencies, needed when it is unpacked by hand
  libuv1 libc-ares2 libnghttp2-14 libbrotli1
)

log() { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }
as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

missing_packages() {
  local p
  for p in "${PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || echo "$p"
  done
}

APT_UPDATED=0
apt_update_once() {
  [ "$APT_UPDATED" = 1 ] && return
  as_root apt-get update -qq
  APT_UPDATED=1
}

install_packages() {
  local missing
  missing="$(missing_packages)"
  [ -z "$missing" ] && return
  log "installing: $(echo $missing)"
  apt_update_once
  # shellcheck disable=SC2086
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $missing
}

# V8 10.2 comes from Debian's libnode108 + libnode-dev. Where a non-Debian nodejs package blocks
# installing libnode-dev, the two .deb files are unpacked into .deps/libnode, which CMake finds.
install_libnode() {
  if [ -f /usr/include/node/v8.h ] && [ -e /usr/lib/x86_64-linux-gnu/libnode.so ] ||
     [ -f "$LIBNODE_PREFIX/usr/include/node/v8.h" ]; then
    return
  fi
  apt_update_once
  if as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-remove libnode-dev \
       >/dev/null 2>&1; then
    log "installed libnode-dev"
    return
  fi
  log "libnode-dev cannot be installed beside this nodejs: unpacking it into $LIBNODE_PREFIX"
  local tmp
  tmp="$(mktemp -d)"
  chmod 777 "$tmp" # apt's download sandbox user must be able to write here
  (cd "$tmp" && apt-get download libnode108 libnode-dev >/dev/null)
  rm -rf "$LIBNODE_PREFIX.partial"
  mkdir -p "$LIBNODE_PREFIX.partial"
  local deb
  for deb in "$tmp"/*.deb; do dpkg -x "$deb" "$LIBNODE_PREFIX.partial"; done
  rm -rf "$tmp" "$LIBNODE_PREFIX"
  mv "$LIBNODE_PREFIX.partial" "$LIBNODE_PREFIX"
}

# configure_and_build DIR [TARGET] [CMAKE ARGS...]: configures DIR once, then builds it.
configure_and_build() {
  local dir="$1" target="$2"
  shift 2
  local generator=()
  command -v ninja >/dev/null && generator=(-G Ninja)
  if [ ! -f "$dir/CMakeCache.txt" ]; then
    log "configuring $dir ($BUILD_TYPE $*)"
    cmake -S "$ROOT" -B "$dir" "${generator[@]}" -DCMAKE_BUILD_TYPE="$BUILD_TYPE" "$@"
  fi
  log "building $dir"
  cmake --build "$dir" --parallel "$JOBS" ${target:+--target "$target"}
}

build() { configure_and_build "$BUILD_DIR" ""; }

# The sanitizer build: engine, nanojs and their tests with ASan + UBSan (+ LSan at exit); V8 and
# Qt stay uninstrumented (cmake/NanoSanitizers.cmake). No UI: see docs/reliability.md.
build_sanitized() {
  configure_and_build "$ASAN_BUILD_DIR" "" -DNANO_SANITIZE=address,undefined -DNANO_BUILD_UI=OFF
}

# Runs ctest in DIR; on failure, returns 1 after the rest ran.
run_ctest() {
  local dir="$1"
  shift
  (cd "$dir" && ctest --output-on-failure --parallel "$JOBS" --timeout 900 "$@")
}

# A report that did not change a test's exit status (a child process's, printed as output) still
# fails the run: ctest keeps every test's output in LastTest.log.
sanitizer_reports() {
  grep -E -m 5 'ERROR: (AddressSanitizer|LeakSanitizer)|runtime error: ' \
    "$ASAN_BUILD_DIR/Testing/Temporary/LastTest.log"
}

install_clang() {
  command -v clang++ >/dev/null && return
  log "installing clang (for libFuzzer)"
  apt_update_once
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends clang
}

# Runs each fuzzer for $1 seconds on a working copy of its seed corpus (new inputs stay in the
# build dir); a crash's input is saved as FUZZ_BUILD_DIR/crashes/<target>-crash-<sha1>.
run_fuzzers() {
  local seconds="$1" failed=0 seeds name
  mkdir -p "$FUZZ_BUILD_DIR/crashes"
  for seeds in "$ROOT"/tests/fuzz/corpus/*/; do
    name="$(basename "$seeds")"
    mkdir -p "$FUZZ_BUILD_DIR/corpus/$name"
    log "fuzzing $name for ${seconds}s"
    local options=()
    [ -f "$ROOT/tests/fuzz/fuzz_$name.options" ] &&
      mapfile -t options < <(grep -v '^#' "$ROOT/tests/fuzz/fuzz_$name.options")
    if ! "$FUZZ_BUILD_DIR/bin/fuzz_$name" "${options[@]}" -max_total_time="$seconds" -timeout=25 -rss_limit_mb=4096 \
         -print_final_stats=1 -artifact_prefix="$FUZZ_BUILD_DIR/crashes/$name-" \
         "$FUZZ_BUILD_DIR/corpus/$name" "$seeds" 2>"$FUZZ_BUILD_DIR/fuzz_$name.log"; then
      tail -n 40 "$FUZZ_BUILD_DIR/fuzz_$name.log" >&2
      failed=1
    fi
    grep -E '^stat::number_of_executed_units|^stat::new_units_added' "$FUZZ_BUILD_DIR/fuzz_$name.log" >&2 || true
  done
  return "$failed"
}

command="${1:-run}"
[ $# -gt 0 ] && shift
case "$command" in
  deps) install_packages; install_libnode ;;
  build) install_packages; install_libnode; build ;;
  run)
    install_packages; install_libnode; build
    script="${1:-$ROOT/examples/hello.js}"
    [ $# -gt 0 ] && shift
    log "running $script"
    exec "$BUILD_DIR/bin/nanojs" run "$script" "$@"
    ;;
  test)
    install_packages; install_libnode; build
    log "testing"
    status=0
    run_ctest "$BUILD_DIR" || status=1
    if [ "$SANITIZE" != 0 ]; then
      build_sanitized
      log "testing the sanitizer build"
      run_ctest "$ASAN_BUILD_DIR" || status=1
      if sanitizer_reports >&2; then
        log "sanitizer reports in $ASAN_BUILD_DIR/Testing/Temporary/LastTest.log"
        status=1
      fi
    fi
    exit "$status"
    ;;
  fuzz)
    install_packages; install_libnode; install_clang
    configure_and_build "$FUZZ_BUILD_DIR" nano_fuzzers -DNANO_FUZZ=ON \
      -DNANO_BUILD_UI=OFF -DCMAKE_CXX_COMPILER=clang++
    run_fuzzers "${1:-30}"
    ;;
  *) sed -n '2,20p' "$0" | sed 's/^# \{0,1\}//' >&2; exit 2 ;;
esac
