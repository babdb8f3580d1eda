#!/bin/sh
# Runs a JS test against local test servers: starts `nanojs serve-test` (HTTP) and
# `nanojs serve-test --tls` (HTTPS, self-signed) on free ports of 127.0.0.1, then
#   nanojs run --location "<http URL>/?tls=<https URL>" [extra options] TEST.js
# so the test reads its servers from `location` (relative URLs go to the HTTP one). Both
# servers are stopped (by their process ids) when the test ends; the test's exit code is ours.
# With --proxy first among the options, `nanojs serve-test --proxy` runs too: the test runs
# with http_proxy and https_proxy set to it, no_proxy=bypassed.test, and &proxy=<its URL>.
#   with_server.sh NANOJS TEST.js [--proxy] [nanojs run options...]
set -u
nanojs=$1
test_file=$2
shift 2
dir=$(mktemp -d)
"$nanojs" serve-test >"$dir/http.out" 2>&1 &
http_pid=$!
"$nanojs" serve-test --tls >"$dir/https.out" 2>&1 &
https_pid=$!
proxy_pid=
if [ "${1:-}" = "--proxy" ]; then
  shift
  "$nanojs" serve-test --proxy >"$dir/proxy.out" 2>&1 &
  proxy_pid=$!
fi
stop() {
  kill "$http_pid" "$https_pid" $proxy_pid 2>/dev/null
  wait "$http_pid" "$https_pid" $proxy_pid 2>/dev/null
  rm -rf "$dir"
}
trap stop EXIT
first_line() { # waits up to 10 s for the server's first line (its URL)
  i=0
  while [ $i -lt 100 ]; do
    line=$(head -n 1 "$1" 2>/dev/null)
    case "$line" in http*) echo "$line"; return 0 ;; esac
    sleep 0.1
    i=$((i + 1))
  done
  echo "with_server.sh: the test server did not start: $(cat "$1")" >&2
  return 1
}
http_url=$(first_line "$dir/http.out") || exit 1
https_url=$(first_line "$dir/https.out") || exit 1
if [ -n "$proxy_pid" ]; then
  proxy_url=$(first_line "$dir/proxy.out") || exit 1
  http_proxy=$proxy_url https_proxy=$proxy_url no_proxy=bypassed.test \
    "$nanojs" run --location "$http_url/?tls=$https_url&proxy=$proxy_url" "$@" "$test_file"
else
  "$nanojs" run --location "$http_url/?tls=$https_url" "$@" "$test_file"
fi
