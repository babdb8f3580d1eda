// fetch() (https://fetch.spec.whatwg.org/#fetch-method) against the local test servers (run by
// lib/with_server.sh): responses, relative URLs, redirects in each mode, data: URLs, and every
// network failure with its cause. Bodies: fetch_bodies.test.js; abort: fetch_abort.test.js;
// connections: fetch_connections.test.js.
import { test, run, equal, assert, deepEqual, throwsAsync } from "./lib/harness.js";
import { http, https } from "./lib/servers.js";

async function failure(promise) {
  try {
    await promise;
  } catch (e) {
    return e;
  }
  throw new Error("the fetch did not fail");
}

async function expectNetworkError(promise, code, includes) {
  const e = await failure(promise);
  equal(e.name, "TypeError");
  equal(e.message, "fetch failed");
  assert(e.cause instanceof Error, "cause is an Error");
  equal(e.cause.code, code, `cause.code (${e.cause.message})`);
  if (includes) assert(e.cause.message.includes(includes), `cause says: ${e.cause.message}`);
  return e;
}

test("fetch: a GET, its response and headers", async () => {
  const promise = fetch(`${http}/get?a=1&b=two`);
  assert(promise instanceof Promise);
  const response = await promise;
  equal(response.status, 200);
  equal(response.statusText, "OK");
  equal(response.ok, true);
  equal(response.type, "basic");
  equal(response.url, `${http}/get?a=1&b=two`);
  equal(response.redirected, false);
  equal(response.headers.get("content-type"), "application/json");
  throws_immutable(response.headers);
  const body = await response.json();
  deepEqual(body.args, { a: "1", b: "two" });
  equal(body.headers["Accept"], "*/*");
  assert(body.headers["User-Agent"].startsWith("nanojs/"), body.headers["User-Agent"]);
});

function throws_immutable(headers) {
  let error;
  try {
    headers.set("x", "y");
  } catch (e) {
    error = e;
  }
  equal(error && error.name, "TypeError", "the response's headers are immutable");
}

test("fetch: relative URLs resolve against --location; Request objects are accepted", async () => {
  const response = await fetch("/get?rel=1");
  equal(response.url, `${http}/get?rel=1`);
  await response.body.cancel();
  const request = new Request("/anything", { method: "PUT", body: "x", headers: { "X-A": "1" } });
  const echo = await (await fetch(request)).json();
  equal(echo.method, "PUT");
  equal(echo.data, "x");
  equal(echo.headers["X-A"], "1");
  equal(request.bodyUsed, true, "fetch() used the request's body");
  await throwsAsync(() => fetch(request), "TypeError");
});

test("fetch: a bad input rejects (does not throw)", async () => {
  const p = fetch("http://[bad");
  assert(p instanceof Promise);
  await throwsAsync(() => p, "TypeError", "Invalid URL");
  await throwsAsync(() => fetch(`${http}/get`, { method: "CONNECT" }), "TypeError");
  await throwsAsync(() => fetch(`${http}/get`, { method: "GET", body: "x" }), "TypeError");
  await throwsAsync(() => fetch("http://user:pass@127.0.0.1/"), "TypeError", "credentials");
});

test("fetch: error statuses are responses", async () => {
  for (const status of [400, 404, 500, 503]) {
    const response = await fetch(`${http}/status/${status}`);
    equal(response.status, status);
    equal(response.ok, false);
    equal(await response.text(), "");
  }
});

test("fetch: null-body statuses and HEAD have a null body", async () => {
  const noContent = await fetch(`${http}/status/204`);
  equal(noContent.status, 204);
  equal(noContent.body, null);
  const head = await fetch(`${http}/bytes/100`, { method: "HEAD" });
  equal(head.status, 200);
  equal(head.body, null);
  equal(await head.text(), "");
});

test("fetch: redirect 'follow' follows up to 20 hops and sets url, redirected", async () => {
  const response = await fetch(`${http}/redirect/3`);
  equal(response.status, 200);
  equal(response.url, `${http}/get`);
  equal(response.redirected, true);
  await response.text();
  const twenty = await fetch(`${http}/redirect/20`);
  equal(twenty.status, 200);
  await twenty.text();
  await expectNetworkError(fetch(`${http}/redirect/21`), "ERR_TOO_MANY_REDIRECTS", "20 times");
  const absolute = await fetch(`${http}/absolute-redirect/2`);
  equal(absolute.url, `${http}/get`);
  await absolute.text();
});

test("fetch: a redirect keeps the fragment; response.url drops it", async () => {
  const response = await fetch(`${http}/redirect/1#frag`);
  equal(response.url, `${http}/get`);
  await response.text();
});

test("fetch: 301/302 turn POST into GET, 303 anything but HEAD; 307/308 keep method and body", async () => {
  const to = encodeURIComponent("/anything");
  for (const [status, method, expected, keepsBody] of [
    [301, "POST", "GET", false],
    [302, "POST", "GET", false],
    [303, "PUT", "GET", false],
    [302, "PUT", "PUT", true],
    [307, "POST", "POST", true],
    [308, "PATCH", "PATCH", true],
  ]) {
    const response = await fetch(`${http}/redirect-to?url=${to}&status_code=${status}`, {
      method,
      body: "payload",
      headers: { "Content-Type": "text/plain" },
    });
    const echo = await response.json();
    equal(echo.method, expected, `${status} ${method}`);
    equal(echo.data, keepsBody ? "payload" : "", `${status} ${method} body`);
    equal("Content-Type" in echo.headers, keepsBody, `${status} ${method} Content-Type`);
  }
});

test("fetch: a cross-origin redirect drops Authorization", async () => {
  // 127.0.0.1 and localhost are different origins on the same server.
  const other = http.replace("127.0.0.1", "localhost");
  const to = encodeURIComponent(`${other}/headers`);
  const response = await fetch(`${http}/redirect-to?url=${to}`, {
    headers: { Authorization: "Bearer secret", "X-Kept": "1" },
  });
  const { headers } = await response.json();
  equal(headers["Authorization"], undefined);
  equal(headers["X-Kept"], "1");
  const same = await fetch(`${http}/redirect-to?url=${encodeURIComponent("/headers")}`, {
    headers: { Authorization: "Bearer secret" },
  });
  equal((await same.json()).headers["Authorization"], "Bearer secret");
});

test("fetch: redirect 'error' rejects, 'manual' gives an opaque-redirect response", async () => {
  await expectNetworkError(fetch(`${http}/redirect/1`, { redirect: "error" }), "ERR_REDIRECT");
  const manual = await fetch(`${http}/redirect/2`, { redirect: "manual" });
  equal(manual.type, "opaqueredirect");
  equal(manual.status, 0);
  equal(manual.statusText, "");
  equal(manual.url, `${http}/redirect/2`);
  equal(manual.redirected, false);
  equal([...manual.headers].length, 0);
  equal(manual.body, null);
});

test("fetch: a redirect to a non-HTTP URL and a stream body on 307 are network errors", async () => {
  await expectNetworkError(
    fetch(`${http}/redirect-to?url=${encodeURIComponent("data:,x")}`),
    "ERR_INVALID_REDIRECT",
  );
  const body = new ReadableStream({
    start(c) {
      c.enqueue(new Uint8Array([1, 2, 3]));
      c.close();
    },
  });
  await expectNetworkError(
    fetch(`${http}/redirect-to?url=%2Fanything&status_code=307`, {
      method: "POST",
      body,
      duplex: "half",
    }),
    "ERR_STREAM_BODY_REDIRECT",
  );
});

test("fetch: a 304 is not a redirect: it is the response", async () => {
  const response = await fetch(`${http}/status/304`);
  equal(response.status, 304);
  equal(response.body, null);
});

test("fetch: data: URLs", async () => {
  const plain = await fetch("data:,Hello%2C%20World!");
  equal(plain.status, 200);
  equal(plain.statusText, "OK");
  equal(plain.type, "basic");
  equal(plain.url, "data:,Hello%2C%20World!");
  equal(plain.headers.get("content-type"), "text/plain;charset=US-ASCII");
  equal(await plain.text(), "Hello, World!");
  const base64 = await fetch("data:application/octet-stream;base64,AAEC/w==");
  equal(base64.headers.get("content-type"), "application/octet-stream");
  deepEqual([...(await base64.bytes())], [0, 1, 2, 255]);
  const typed = await fetch("data:text/html;charset=utf-8 ; base64 ,PGI+");
  equal(await typed.text(), "<b>");
  const json = await fetch('data:application/json,{"a":1}');
  deepEqual(await json.json(), { a: 1 });
  const semicolon = await fetch("data:;charset=utf-8,x");
  equal(semicolon.headers.get("content-type"), "text/plain;charset=utf-8");
  await expectNetworkError(fetch("data:text/plain"), "ERR_INVALID_URL");
  await expectNetworkError(fetch("data:;base64,%"), "ERR_INVALID_URL");
});

test("fetch: blob: URLs from URL.createObjectURL, until revoked", async () => {
  const blob = new Blob(["hello ", "blob"], { type: "text/plain" });
  const url = URL.createObjectURL(blob);
  assert(url.startsWith(`blob:${location.origin}/`), url);
  assert(/[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/.test(url), url);
  const response = await fetch(url);
  equal(response.status, 200);
  equal(response.type, "basic");
  equal(response.url, url);
  equal(response.headers.get("content-type"), "text/plain");
  equal(response.headers.get("content-length"), "10");
  equal(await response.text(), "hello blob");
  equal(await (await fetch(URL.createObjectURL(blob.slice(6)) + "#f")).text(), "blob");
  equal(await (await fetch(URL.createObjectURL(new Blob([])))).text(), "");
  await expectNetworkError(fetch(url, { method: "POST", body: "x" }), "ERR_INVALID_URL", "GET");
  URL.revokeObjectURL(url);
  await expectNetworkError(fetch(url), "ERR_INVALID_URL", "not in the blob URL store");
  URL.revokeObjectURL("not a url"); // ignored
  let error;
  try {
    URL.createObjectURL("text");
  } catch (e) {
    error = e;
  }
  equal(error && error.name, "TypeError");
});

test("fetch: about:, file: and unknown schemes are network errors", async () => {
  await expectNetworkError(fetch("about:blank"), "ERR_UNSUPPORTED_SCHEME", "about:");
  await expectNetworkError(fetch("file:///etc/hostname"), "ERR_UNSUPPORTED_SCHEME");
  await expectNetworkError(fetch("ftp://127.0.0.1/"), "ERR_UNSUPPORTED_SCHEME");
});

test("fetch: connection refused names host:port", async () => {
  await expectNetworkError(fetch("http://127.0.0.1:1/"), "ECONNREFUSED", "127.0.0.1:1");
});

test("fetch: a host name that does not resolve is named", async () => {
  await expectNetworkError(fetch("http://no-such-host.invalid/"), "ENOTFOUND", "no-such-host.invalid");
});

test("fetch: a server that closes without answering", async () => {
  await expectNetworkError(fetch(`${http}/close`), "ECONNRESET", "without sending a response");
});

test("fetch: a reset mid-body errors the body with a TypeError and its cause", async () => {
  const response = await fetch(`${http}/reset/5000`);
  equal(response.status, 200);
  const reader = response.body.getReader();
  let received = 0;
  let error;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      received += value.byteLength;
    }
  } catch (e) {
    error = e;
  }
  assert(error, "the body errored");
  equal(error.name, "TypeError");
  equal(error.cause.code, "ECONNRESET", error.cause.message);
  assert(error.cause.message.includes("before the response body was complete"));
  equal(received, 5000);
  // A consumer rejects the same way.
  const again = await fetch(`${http}/reset/100`);
  await throwsAsync(() => again.arrayBuffer(), "TypeError");
});

test("fetch: a response header section too large is named (and does not hang)", async () => {
  await expectNetworkError(fetch(`${http}/big-header/200000`), "ERR_HTTP_HEADERS_TOO_LARGE", "too large");
  const after = await fetch(`${http}/get`);
  equal(after.status, 200);
  await after.text();
});

test("fetch: a self-signed certificate is named", async () => {
  const e = await expectNetworkError(fetch(`${https}/get`), "ERR_TLS_CERT");
  assert(/self.signed|not trusted/i.test(e.cause.message), e.cause.message);
});

test("fetch: timers keep running while requests are in flight", async () => {
  let ticks = 0;
  const timer = setInterval(() => ++ticks, 20);
  const response = await fetch(`${http}/delay/1`);
  clearInterval(timer);
  await response.text();
  assert(ticks > 3, `ticks: ${ticks}`);
});

test("fetch: gzip and deflate bodies are decoded", async () => {
  const gzip = await (await fetch(`${http}/gzip`)).json();
  equal(gzip.gzipped, true);
  const deflate = await (await fetch(`${http}/deflate`)).json();
  equal(deflate.deflated, true);
});

test("fetch: Set-Cookie headers stay separate; no cookies without credentials 'include'", async () => {
  const response = await fetch(`${http}/cookies/set?a=1&b=2`, { redirect: "manual" });
  assert(response.type === "opaqueredirect");
  const set = await fetch(`${http}/response-headers?Set-Cookie=x%3D1`);
  deepEqual(set.headers.getSetCookie(), ["x=1"]);
  const cookies = await (await fetch(`${http}/cookies`)).json();
  deepEqual(cookies.cookies, {});
});

test("fetch: credentials 'include' uses the run's cookie jar; other modes send none", async () => {
  const set = await fetch(`${http}/cookies/set?jar=1`, { credentials: "include" });
  equal(set.url, `${http}/cookies`); // the redirect was followed with the new cookie
  deepEqual((await set.json()).cookies, { jar: "1" });
  deepEqual((await (await fetch(`${http}/cookies`, { credentials: "include" })).json()).cookies, {
    jar: "1",
  });
  deepEqual((await (await fetch(`${http}/cookies`)).json()).cookies, {});
  deepEqual((await (await fetch(`${http}/cookies`, { credentials: "omit" })).json()).cookies, {});
});

await run();
