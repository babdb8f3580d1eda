// The local test servers of a test run by lib/with_server.sh: `http` is the location's origin
// (relative URLs go there too), `https` the self-signed TLS server from its ?tls= parameter.
export const http = location.origin;
export const https = new URLSearchParams(location.search).get("tls");
// The forwarding proxy (with_server.sh --proxy), or null.
export const proxy = new URLSearchParams(location.search).get("proxy");

// The bytes of /bytes/N?seed=S (xorshift32, the low byte of each step): what a test checks a
// download against.
export function patternBytes(n, seed = 1) {
  const out = new Uint8Array(n);
  let state = seed >>> 0 || 1;
  for (let i = 0; i < n; ++i) {
    state ^= state << 13;
    state >>>= 0;
    state ^= state >>> 17;
    state ^= state << 5;
    state >>>= 0;
    out[i] = state & 0xff;
  }
  return out;
}

export function sameBytes(a, b) {
  if (a.byteLength !== b.byteLength) return false;
  for (let i = 0; i < a.byteLength; ++i) if (a[i] !== b[i]) return false;
  return true;
}
