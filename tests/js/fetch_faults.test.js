// The fault suite of the network path (issue 17, "Faults and load"): servers that do the wrong
// thing on purpose (`nanojs serve-test`'s /fault/ routes, app/test_server/fault_routes.h, and
// the TLS server spoken to in plain HTTP). Each case is a TypeError("fetch failed") or a body
// stream error with a cause that says what happened, and nothing hangs: every case ends, and
// the server is usable afterwards. Memory under an endless body and a gzip bomb:
// tests/app/tst_fetch_sizes.cpp. Load: fetch_load.test.js.
import { test, run, equal, assert } from "./lib/harness.js";
import { http, https } from "./lib/servers.js";

async function failure(promise) {
  try {
    await promise;
  } catch (e) {
    return e;
  }
  throw new Error("did not fail");
}

// fetch() rejects with TypeError("fetch failed") whose cause has `code` (one of `codes`).
async function networkError(url, codes, includes) {
  const e = await failure(fetch(url));
  equal(e.name, "TypeError", String(e));
  equal(e.message, "fetch failed");
  assert(e.cause instanceof Error, "cause is an Error");
  assert([].concat(codes).includes(e.cause.code), `cause ${e.cause.code}: ${e.cause.message}`);
  if (includes) assert(e.cause.message.includes(includes), `cause says: ${e.cause.message}`);
  return e.cause;
}

// The response arrives; reading its body fails with a TypeError whose cause has `code`.
async function bodyError(url, codes) {
  const response = await fetch(url);
  equal(response.status, 200);
  const e = await failure(response.arrayBuffer());
  equal(e.name, "TypeError", String(e));
  assert(e.cause instanceof Error, `cause of ${e}`);
  assert([].concat(codes).includes(e.cause.code), `cause ${e.cause.code}: ${e.cause.message}`);
  return e.cause;
}

async function serverStillAnswers() {
  const response = await fetch(`${http}/get`);
  equal(response.status, 200);
  await response.json();
}

test("faults: connection refused", async () => {
  await networkError("http://127.0.0.1:1/", "ECONNREFUSED", "127.0.0.1:1");
});

test("faults: reset and close in the middle of the response head", async () => {
  await networkError(`${http}/fault/reset-in-head`, "ECONNRESET", "without sending a response");
  await networkError(`${http}/fault/close-in-head`, "ECONNRESET", "without sending a response");
  await serverStillAnswers();
});

test("faults: reset in the middle of the body", async () => {
  const cause = await bodyError(`${http}/reset/5000`, "ECONNRESET");
  assert(cause.message.includes("before the response body was complete"), cause.message);
});

test("faults: a Content-Length longer than the body, then the connection closes", async () => {
  const cause = await bodyError(`${http}/fault/short-body`, "ECONNRESET");
  assert(cause.message.includes("before the response body was complete"), cause.message);
  await serverStillAnswers();
});

// Qt 6.4 reports a chunked body cut off by the server's close as complete about half of the
// time (the bytes that arrived, no error): a known transport bug (docs/reliability.md). What
// holds every time: the fetch ends, with those bytes or with ECONNRESET.
test("faults: a chunked body cut off inside a chunk ends (bytes so far, or ECONNRESET)", async () => {
  for (let i = 0; i < 5; ++i) {
    const response = await fetch(`${http}/fault/truncated-chunked`);
    try {
      equal(await response.text(), "0123456789abcdefonly part of");
    } catch (e) {
      equal(e.name, "TypeError", String(e));
      equal(e.cause.code, "ECONNRESET", e.cause.message);
    }
  }
  await serverStillAnswers();
});

test("faults: a stall before the head, with AbortSignal.timeout", async () => {
  const e = await failure(fetch(`${http}/hang`, { signal: AbortSignal.timeout(200) }));
  equal(e.name, "TimeoutError");
  await serverStillAnswers();
});

test("faults: a stall in the middle of the body, with AbortSignal.timeout", async () => {
  const response = await fetch(`${http}/fault/stall-body`, { signal: AbortSignal.timeout(500) });
  const reader = response.body.getReader();
  const first = await reader.read();
  equal(first.value.byteLength, 100);
  const e = await failure(reader.read());
  equal(e.name, "TimeoutError");
  // A consumer rejects the same way.
  const again = await fetch(`${http}/fault/stall-body`, { signal: AbortSignal.timeout(300) });
  equal((await failure(again.text())).name, "TimeoutError");
  await serverStillAnswers();
});

// The HTTP/1.1 client tells a reply that is not HTTP from a close, and a malformed head from
// one too large.
test("faults: an invalid status line, and a reply that is not HTTP", async () => {
  await networkError(`${http}/fault/bad-status-line`, "ERR_HTTP_PROTOCOL", "invalid status line");
  await networkError(`${http}/fault/not-http`, "ERR_HTTP_PROTOCOL", "not valid HTTP");
  await serverStillAnswers();
});

test("faults: a header line without a colon fails the head; NUL and bare CR fail the fetch", async () => {
  await networkError(`${http}/fault/header-no-colon`, "ERR_HTTP_PROTOCOL", "invalid header line");
  // A value with NUL or CR is rejected by fetch (RFC 9110: reject or replace).
  await networkError(`${http}/fault/header-bad-bytes`, "ERR_HTTP_PROTOCOL", "invalid header 'X-Nul'");
  await serverStillAnswers();
});

test("faults: a 1 MiB header line and a head past 16 MiB are ERR_HTTP_HEADERS_TOO_LARGE; 10 000 headers arrive", async () => {
  await networkError(`${http}/big-header/1048576`, "ERR_HTTP_HEADERS_TOO_LARGE", "too large");
  await networkError(`${http}/fault/many-headers?n=1000000`, "ERR_HTTP_HEADERS_TOO_LARGE", "16 MiB");
  const response = await fetch(`${http}/fault/many-headers?n=10000`);
  equal(response.headers.get("x-many-9999"), "9999");
  equal(await response.text(), "ok\n");
  await serverStillAnswers();
});

test("faults: an endless body is read as far as wanted, then cancelled", async () => {
  const response = await fetch(`${http}/fault/endless`);
  const reader = response.body.getReader();
  let total = 0;
  while (total < 32 << 20) total += (await reader.read()).value.byteLength;
  await reader.cancel();
  // arrayBuffer() of it ends when its signal does.
  const e = await failure(
    fetch(`${http}/fault/endless`, { signal: AbortSignal.timeout(1000) }).then((r) => r.arrayBuffer()),
  );
  equal(e.name, "TimeoutError");
  await serverStillAnswers();
});

// The HTTP/1.1 client decodes gzip as the body is read and keeps Qt's archive-bomb rule (more
// than 40:1 past 10 MiB decoded is an error): the body errors with ERR_CONTENT_DECODING, and
// no more than about 10 MiB was ever decoded (docs/reliability.md).
test("faults: a gzip bomb errors the body past 10 MiB decoded (ERR_CONTENT_DECODING)", async () => {
  const response = await fetch(`${http}/fault/gzip-bomb?mb=10`);
  equal(response.headers.get("content-encoding"), "gzip");
  const reader = response.body.getReader();
  let inflated = 0;
  const e = await failure(
    (async () => {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) return;
        inflated += value.byteLength;
      }
    })(),
  );
  equal(e.name, "TypeError", String(e));
  equal(e.cause.code, "ERR_CONTENT_DECODING", e.cause.message);
  assert(e.cause.message.includes("decompression bomb"), e.cause.message);
  assert(inflated <= 11 << 20, `decoded ${inflated} bytes`);
  await serverStillAnswers();
});

test("faults: a redirect loop stops after 20 redirects", async () => {
  await networkError(`${http}/fault/redirect-loop`, "ERR_TOO_MANY_REDIRECTS");
});

test("faults: a TLS handshake with a plain HTTP server", async () => {
  const cause = await networkError(http.replace("http:", "https:") + "/get", ["ERR_TLS", "ECONNRESET"]);
  console.log(`TLS to plain: ${cause.code}: ${cause.message}`);
  await serverStillAnswers();
});

test("faults: plain HTTP to a TLS server", async () => {
  const cause = await networkError(https.replace("https:", "http:") + "/get", ["ECONNRESET", "ERR_HTTP_PROTOCOL"]);
  console.log(`plain to TLS: ${cause.code}: ${cause.message}`);
});

await run();
