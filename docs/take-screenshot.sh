#!/bin/sh
# Retakes the README's screenshots: the real workbench under Xvfb (1600x1000) with openbox,
# on a first start (fresh settings: the first-start layout, the light system palette), each
# after running the Memory Growth example so that the console and memory docks show content:
#   docs/screenshot-main-window.png     English
#   docs/screenshot-main-window-de.png  German (LANG=de_DE.UTF-8 LANGUAGE=de)
# Needs xvfb-run, openbox, ImageMagick (import, convert). Usage: docs/take-screenshot.sh [BUILD_DIR]
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-$root/build}
if [ -z "${NANO_SCREENSHOT_INNER:-}" ]; then
    NANO_SCREENSHOT_INNER=1 exec xvfb-run -a -s "-screen 0 1600x1000x24" "$0" "$build"
fi
openbox >/dev/null 2>&1 &
wm=$!
trap 'kill $wm 2>/dev/null || true' EXIT
sleep 1
shoot() { # LANG LANGUAGE OUTPUT
    home=$(mktemp -d)
    XDG_CONFIG_HOME=$home/config XDG_DATA_HOME=$home/data LANG=$1 LANGUAGE=$2 \
        "$build/bin/nano-workbench" --run "$root/resources/examples/memory-growth.js" &
    pid=$!
    sleep "${NANO_SCREENSHOT_DELAY:-8}"
    import -window root "$home/shot.png"
    kill "$pid"
    wait "$pid" || true
    # 256 colours keep the file small; the UI has few.
    convert "$home/shot.png" -colors 256 "PNG8:$3"
    rm -rf "$home"
}
shoot en_US.UTF-8 en "$root/docs/screenshot-main-window.png"
shoot de_DE.UTF-8 de "$root/docs/screenshot-main-window-de.png"
