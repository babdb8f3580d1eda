// B-01 on fetch's path (issue 13): no fixed-size buffer between a script and the socket. Long
// URLs and header values, a thousand headers each way; the 1 GiB bodies are in
// tests/app/tst_fetch_sizes.cpp (they measure the process's memory from outside).
import { test, run, equal, assert } from "./lib/harness.js";
import { http } from "./lib/servers.js";

test("sizes: a 100 KB URL arrives whole, in the request line and in response.url", async () => {
  const long = "a".repeat(100 * 1024);
  const response = await fetch(`${http}/anything?q=${long}`);
  equal(response.url.length, `${http}/anything?q=`.length + long.length);
  const echo = await response.json();
  equal(echo.args.q, long);
});

test("sizes: a 64 KB request header value and a 64 KB response header value", async () => {
  const value = "v".repeat(64 * 1024);
  const echo = await (await fetch(`${http}/headers`, { headers: { "X-Big": value } })).json();
  equal(echo.headers["X-Big"], value);
  const big = await fetch(`${http}/big-header/65536`);
  equal(big.headers.get("x-big"), "h".repeat(65536));
  equal(await big.text(), "ok\n");
});

// A Headers object is iterated into the request's header list (fill), which lowercases names.
test("sizes: 1000 request headers are all sent", async () => {
  const headers = new Headers();
  for (let i = 0; i < 1000; ++i) headers.append(`X-H-${i}`, `value-${i}`);
  const echo = await (await fetch(`${http}/headers`, { headers })).json();
  const sent = Object.keys(echo.headers).filter((name) => name.startsWith("x-h-"));
  equal(sent.length, 1000);
  for (let i = 0; i < 1000; ++i) equal(echo.headers[`x-h-${i}`], `value-${i}`, `x-h-${i}`);
});

async function responseHeaders(count) {
  // /response-headers adds Content-Type; the server adds Content-Length and Connection.
  const query = Array.from({ length: count - 3 }, (_, i) => `x-r-${i}=${i}`).join("&");
  return fetch(`${http}/response-headers?${query}`);
}

test("sizes: a response with 100 headers has every one", async () => {
  const response = await responseHeaders(100);
  equal(response.status, 200);
  let count = 0;
  for (const [name, value] of response.headers) {
    if (!name.startsWith("x-r-")) continue;
    equal(value, name.slice(4), name);
    ++count;
  }
  equal(count, 97);
  equal(Object.keys(await response.json()).length, 97);
});

// B-01: the HTTP/1.1 client reads a head of any number of fields (up to 16 MiB in all).
// Through Qt's own path (https, proxies) the limit is Qt 6.4's: 100 fields (conformance.md).
test("sizes: a response with 1000 headers has every one", async () => {
  const response = await responseHeaders(1000);
  equal(response.status, 200);
  let count = 0;
  for (const [name, value] of response.headers) {
    if (!name.startsWith("x-r-")) continue;
    equal(value, name.slice(4), name);
    ++count;
  }
  equal(count, 997);
  await response.text();
});

test("sizes: 1000 request headers of 900 bytes each (a 900 KB head) are sent", async () => {
  const headers = new Headers();
  const value = "w".repeat(900);
  for (let i = 0; i < 1000; ++i) headers.append(`X-K-${i}`, value);
  const echo = await (await fetch(`${http}/headers`, { headers })).json();
  const sent = Object.entries(echo.headers).filter(([name]) => name.startsWith("x-k-"));
  equal(sent.length, 1000);
  assert(sent.every(([, v]) => v === value), "every value arrives whole");
});

await run();
