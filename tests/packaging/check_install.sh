#!/bin/sh
# What `cmake --install` and the .deb hold: both binaries, the .desktop file (which opens
# .nanobundle files), the icon, the AppStream metainfo and the .nanobundle MIME type; the
# validators where they are installed (setup.sh installs them); the .deb's file list
# (dpkg-deb -c) and its Debian dependencies (libnode108, QuaZip, Qt).
#   check_install.sh BUILD_DIR
set -eu
build=$1
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail() { echo "check_install.sh: $*" >&2; exit 1; }

cmake --install "$build" --prefix "$tmp/usr" >/dev/null
files="bin/nanojs bin/nano-workbench share/applications/nano-workbench.desktop
  share/metainfo/io.nano.Workbench.metainfo.xml
  share/icons/hicolor/scalable/apps/io.nano.Workbench.svg
  share/mime/packages/io.nano.Workbench.nanobundle.xml"
for f in $files; do
  [ -e "$tmp/usr/$f" ] || fail "cmake --install did not install $f"
done
desktop="$tmp/usr/share/applications/nano-workbench.desktop"
grep -q '^MimeType=.*application/x-nanobundle;' "$desktop" ||
  fail "the .desktop file does not open application/x-nanobundle"

if command -v desktop-file-validate >/dev/null; then
  desktop-file-validate "$desktop" || fail "desktop-file-validate failed"
else
  echo "desktop-file-validate is not installed: skipped"
fi
if command -v appstreamcli >/dev/null; then
  appstreamcli validate --no-net "$tmp/usr/share/metainfo/io.nano.Workbench.metainfo.xml" ||
    fail "appstreamcli validate failed"
else
  echo "appstreamcli is not installed: skipped"
fi
if command -v update-mime-database >/dev/null; then
  # The MIME database built from what we install maps *.nanobundle to our type.
  update-mime-database "$tmp/usr/share/mime" >"$tmp/mime.log" 2>&1 || {
    cat "$tmp/mime.log" >&2
    fail "update-mime-database failed"
  }
  grep -q 'application/x-nanobundle:\*\.nanobundle' "$tmp/usr/share/mime/globs2" ||
    fail "*.nanobundle is not application/x-nanobundle in the MIME database"
else
  echo "update-mime-database is not installed: skipped"
fi

# The .deb: built by CPack from the same install rules.
(cd "$build" && cpack -G DEB -B "$tmp/deb" >"$tmp/cpack.log" 2>&1) || {
  cat "$tmp/cpack.log" >&2
  fail "cpack -G DEB failed"
}
deb=$(ls "$tmp"/deb/*.deb | head -n 1)
[ -f "$deb" ] || fail "cpack made no .deb"
dpkg-deb -c "$deb" >"$tmp/contents"
for f in $files; do
  grep -q "\./usr/$f\$" "$tmp/contents" || fail "the .deb does not hold /usr/$f"
done
depends=$(dpkg-deb -f "$deb" Depends)
for package in libnode108 libquazip1-qt6-1 libqt6widgets6 libqscintilla2-qt6-15; do
  echo "$depends" | grep -q "$package" || fail "the .deb does not depend on $package: $depends"
done
echo "check_install.sh: OK ($(basename "$deb"))"
