#!/bin/sh
# Retakes docs/screenshot-main-window.png: the real workbench under Xvfb, running the Memory
# Growth example (editor, console with groups and tables, memory dock), grabbed after a few
# seconds. Needs xvfb-run and ImageMagick's import. Usage: docs/take-screenshot.sh [BUILD_DIR]
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-$root/build-ui}
if [ -z "${NANO_SCREENSHOT_INNER:-}" ]; then
    NANO_SCREENSHOT_INNER=1 exec xvfb-run -a -s "-screen 0 1200x800x24" "$0" "$build"
fi
home=$(mktemp -d)
trap 'rm -rf "$home"' EXIT
# Fresh settings: the default layout and size (1200x800), the light system palette.
XDG_CONFIG_HOME=$home/config XDG_DATA_HOME=$home/data LANG=en_US.UTF-8 \
    "$build/bin/nano-workbench" --run "$root/resources/examples/memory-growth.js" &
pid=$!
sleep "${NANO_SCREENSHOT_DELAY:-6}"
import -window root "$root/docs/screenshot-main-window.png"
kill "$pid"
