#!/usr/bin/env bash
# One entry point for a fresh Debian 12 machine: installs what is missing, builds, then runs a
# script or the tests. Idempotent: with everything present it only (re)builds incrementally.
#
#   ./setup.sh run [FILE.js]   set up, build, run FILE (default: examples/hello.js) with nanojs
#   ./setup.sh test            set up, build, run every test (ctest)
#   ./setup.sh build           set up and build only
#   ./setup.sh deps            install the Debian packages and V8 (libnode) only
#
# Environment: BUILD_DIR (default: build), BUILD_TYPE (default: Release), JOBS (default: nproc).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
BUILD_DIR="${BUILD_DIR:-$ROOT/build}"
BUILD_TYPE="${BUILD_TYPE:-Release}"
JOBS="${JOBS:-$(nproc)}"
LIBNODE_PREFIX="$ROOT/.deps/libnode"

PACKAGES=(
  build-essential cmake ninja-build ccache pkg-config
  qt6-base-dev qt6-base-dev-tools qt6-tools-dev qt6-tools-dev-tools qt6-l10n-tools
  qt6-charts-dev qt6-httpserver-dev qt6-websockets-dev libgl-dev libqt6opengl6-dev libxkbcommon-dev
  libqscintilla2-qt6-dev libquazip1-qt6-dev
  # Qt's and QScintilla's own translations (dialog buttons, key names, the editor's menu)
  qt6-translations-l10n libqscintilla2-qt6-l10n
  libssl-dev libicu-dev zlib1g-dev
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

build() {
  local generator=()
  command -v ninja >/dev/null && generator=(-G Ninja)
  if [ ! -f "$BUILD_DIR/CMakeCache.txt" ]; then
    log "configuring $BUILD_DIR ($BUILD_TYPE)"
    cmake -S "$ROOT" -B "$BUILD_DIR" "${generator[@]}" -DCMAKE_BUILD_TYPE="$BUILD_TYPE"
  fi
  log "building"
  cmake --build "$BUILD_DIR" --parallel "$JOBS"
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
    cd "$BUILD_DIR"
    exec ctest --output-on-failure --parallel "$JOBS" --timeout 600
    ;;
  *) sed -n '2,12p' "$0" | sed 's/^# \{0,1\}//' >&2; exit 2 ;;
esac
