// Request (https://fetch.spec.whatwg.org/#request-class), run with
// --location https://example.com/app/page.html (see CMakeLists.txt): URL parsing against the
// base, every RequestInit member's checks, the attributes, the signal, clone(), and bodies made
// from another Request. Body consumers: body.test.js.
import { test, run, equal, deepEqual, assert, throws, throwsAsync } from "./lib/harness.js";

test("Request: defaults from a URL string; relative URLs resolve against the location", () => {
  const request = new Request("other?q=1#frag");
  equal(request.url, "https://example.com/app/other?q=1#frag");
  equal(request.method, "GET");
  equal(request.destination, "");
  equal(request.referrer, "about:client");
  equal(request.referrerPolicy, "");
  equal(request.mode, "cors");
  equal(request.credentials, "same-origin");
  equal(request.cache, "default");
  equal(request.redirect, "follow");
  equal(request.integrity, "");
  equal(request.keepalive, false);
  equal(request.isReloadNavigation, false);
  equal(request.isHistoryNavigation, false);
  equal(request.duplex, "half");
  assert(request.signal instanceof AbortSignal && !request.signal.aborted);
  equal(request.signal, request.signal);
  equal(request.headers, request.headers);
  equal(request.body, null);
  equal(request.bodyUsed, false);
  equal(new Request("").url, "https://example.com/app/page.html");
  throws(() => Request("x"), "TypeError");
});

test("Request: bad URLs and URLs with credentials are TypeErrors", () => {
  throws(() => new Request("http://[::1"), "TypeError", "Invalid URL");
  throws(() => new Request("https://user:pass@example.com/"), "TypeError", "credentials");
  throws(() => new Request("https://user@example.com/"), "TypeError", "credentials");
});

test("Request: methods are normalized; invalid and forbidden ones are TypeErrors", () => {
  for (const [given, normalized] of [["get", "GET"], ["pOsT", "POST"], ["delete", "DELETE"],
    ["options", "OPTIONS"], ["put", "PUT"], ["head", "HEAD"], ["patch", "patch"], ["X-Custom", "X-Custom"]])
    equal(new Request("/", { method: given }).method, normalized);
  for (const method of ["CONNECT", "trace", "Track"])
    throws(() => new Request("/", { method }), "TypeError", "unsupported");
  for (const method of ["", "a b", "a,b", "\u00e9"])
    throws(() => new Request("/", { method }), "TypeError");
});

test("Request: mode, credentials, cache, redirect, integrity, keepalive, referrerPolicy", () => {
  const request = new Request("/", {
    mode: "same-origin", credentials: "include", cache: "no-store", redirect: "manual",
    integrity: "sha256-abc", keepalive: true, referrerPolicy: "no-referrer", priority: "high",
  });
  deepEqual([request.mode, request.credentials, request.cache, request.redirect, request.integrity,
    request.keepalive, request.referrerPolicy],
    ["same-origin", "include", "no-store", "manual", "sha256-abc", true, "no-referrer"]);
  throws(() => new Request("/", { mode: "navigate" }), "TypeError", "navigate");
  throws(() => new Request("/", { mode: "nope" }), "TypeError");
  throws(() => new Request("/", { cache: "only-if-cached" }), "TypeError", "same-origin");
  equal(new Request("/", { cache: "only-if-cached", mode: "same-origin" }).cache, "only-if-cached");
  throws(() => new Request("/", { redirect: "sometimes" }), "TypeError");
  throws(() => new Request("/", { window: {} }), "TypeError", "window");
  equal(new Request("/", { window: null }).url, "https://example.com/");
});

test("Request: referrer is no-referrer, about:client, or a same-origin URL", () => {
  equal(new Request("/", { referrer: "" }).referrer, "");
  equal(new Request("/", { referrer: "about:client" }).referrer, "about:client");
  equal(new Request("/", { referrer: "/from" }).referrer, "https://example.com/from");
  equal(new Request("/", { referrer: "https://other.example/" }).referrer, "about:client");
  throws(() => new Request("/", { referrer: "http://[x" }), "TypeError", "referrer");
});

test("Request: no-cors allows only CORS-safelisted methods and headers", () => {
  throws(() => new Request("/", { mode: "no-cors", method: "PUT" }), "TypeError", "no-cors");
  const request = new Request("/", {
    mode: "no-cors", method: "POST",
    headers: { Accept: "text/html", "X-Custom": "dropped", Range: "bytes=0-1" },
  });
  equal(request.headers.get("accept"), "text/html");
  equal(request.headers.get("x-custom"), null);
  equal(request.headers.get("range"), null);
  request.headers.set("X-Later", "dropped too");
  equal(request.headers.get("x-later"), null);
});

test("Request: headers are guarded 'request'; Content-Type comes from the body", () => {
  const request = new Request("/", {
    method: "POST", body: new URLSearchParams("a=1"),
    headers: [["Host", "evil"], ["X-A", "1"], ["Cookie", "c"]],
  });
  equal(request.headers.get("host"), null); // forbidden request-headers are dropped
  equal(request.headers.get("cookie"), null);
  equal(request.headers.get("x-a"), "1");
  equal(request.headers.get("content-type"), "application/x-www-form-urlencoded;charset=UTF-8");
  const typed = new Request("/", { method: "POST", body: "x", headers: { "content-type": "a/b" } });
  equal(typed.headers.get("content-type"), "a/b");
  const blob = new Request("/", { method: "POST", body: new Blob(["x"], { type: "image/png" }),
    mode: "no-cors" });
  equal(blob.headers.get("content-type"), "image/png"); // the body's type passes the guard
});

test("Request: GET and HEAD cannot have a body; a stream body needs duplex 'half'", async () => {
  for (const method of ["GET", "HEAD", "get"])
    throws(() => new Request("/", { method, body: "x" }), "TypeError", "cannot have a body");
  equal(new Request("/", { method: "GET", body: null }).body, null);
  const stream = () => new ReadableStream({ start(c) { c.enqueue(new Uint8Array([104, 105])); c.close(); } });
  throws(() => new Request("/", { method: "POST", body: stream() }), "TypeError", "duplex");
  throws(() => new Request("/", { method: "POST", body: stream(), duplex: "full" }), "TypeError");
  throws(() => new Request("/", { method: "POST", body: stream(), duplex: "half", mode: "no-cors" }),
    "TypeError", "same-origin");
  throws(() => new Request("/", { method: "POST", body: stream(), duplex: "half", keepalive: true }),
    "TypeError", "keepalive");
  const request = new Request("/", { method: "POST", body: stream(), duplex: "half" });
  equal(await request.text(), "hi");
});

test("Request: made from a Request: fields copied, init overrides, body taken over", async () => {
  const input = new Request("https://example.com/in", {
    method: "PUT", headers: { "X-A": "1" }, body: "payload", mode: "same-origin",
    referrer: "/ref", credentials: "omit", cache: "reload", redirect: "error", integrity: "i",
  });
  const copy = new Request(input);
  deepEqual([copy.url, copy.method, copy.mode, copy.referrer, copy.credentials, copy.cache,
    copy.redirect, copy.integrity, copy.headers.get("x-a")],
    ["https://example.com/in", "PUT", "same-origin", "https://example.com/ref", "omit", "reload",
     "error", "i", "1"]);
  assert(input.bodyUsed, "the input's body was taken");
  throwsAsync(() => input.text(), "TypeError");
  throws(() => new Request(input), "TypeError", "already been read");
  equal(await copy.text(), "payload");

  const overridden = new Request(new Request("https://example.com/", { referrer: "/r", headers: { "X-A": "1" } }),
    { method: "POST", headers: { "X-B": "2" } });
  equal(overridden.method, "POST");
  equal(overridden.referrer, "about:client"); // a non-empty init resets the referrer
  equal(overridden.headers.get("x-a"), null);
  equal(overridden.headers.get("x-b"), "2");
  // A failing constructor leaves the input's body alone.
  const kept = new Request("/", { method: "POST", body: "kept" });
  throws(() => new Request(kept, { method: "GET" }), "TypeError");
  equal(kept.bodyUsed, false);
  // A stream body is proxied.
  const streamed = new Request("/", { method: "POST", duplex: "half",
    body: new ReadableStream({ start(c) { c.enqueue(new Uint8Array([111, 107])); c.close(); } }) });
  const proxied = new Request(streamed);
  assert(streamed.bodyUsed && streamed.body.locked);
  equal(await proxied.text(), "ok");
});

test("Request: the signal follows the input's and init's signals", () => {
  const controller = new AbortController();
  const request = new Request("/", { signal: controller.signal });
  assert(request.signal !== controller.signal);
  const fromRequest = new Request(request);
  const clone = request.clone();
  controller.abort(new RangeError("stop"));
  for (const r of [request, fromRequest, clone]) {
    assert(r.signal.aborted);
    equal(r.signal.reason.name, "RangeError");
  }
  const aborted = new Request("/", { signal: AbortSignal.abort("why") });
  equal(aborted.signal.reason, "why");
  const detached = new Request(request, { signal: null });
  assert(!detached.signal.aborted, "signal: null drops the input's signal");
  throws(() => new Request("/", { signal: {} }), "TypeError");
});

test("Request.clone(): same request, own headers, independent body; TypeError when used", async () => {
  const request = new Request("/c", { method: "POST", body: "b", headers: { "X-A": "1" } });
  const clone = request.clone();
  equal(clone.url, request.url);
  equal(clone.method, "POST");
  assert(clone.headers !== request.headers);
  equal(clone.headers.get("x-a"), "1");
  equal(await clone.text(), "b");
  equal(await request.text(), "b");
  throws(() => request.clone(), "TypeError");
  const noCors = new Request("/", { mode: "no-cors" }).clone();
  noCors.headers.set("X-Custom", "dropped");
  equal(noCors.headers.get("x-custom"), null); // the guard is kept
});

await run();
