// Proxies from the environment (run by lib/with_server.sh --proxy: http_proxy and https_proxy
// are `nanojs serve-test --proxy`, no_proxy=bypassed.test). The proxy records what it forwards
// (GET /__proxy/log on it lists "METHOD TARGET" lines) and forwards names under .test to
// 127.0.0.1: Qt sends nothing for a loopback host through a proxy (as browsers do), so the
// local servers are reached through it as origin.test:PORT.
import { test, run, equal, assert } from "./lib/harness.js";
import { http, https, proxy } from "./lib/servers.js";

const viaProxy = http.replace("127.0.0.1", "origin.test");
const tlsViaProxy = https.replace("127.0.0.1", "origin.test");

async function proxyLog() {
  return (await fetch(`${proxy}/__proxy/log`)).json();
}

async function failure(promise) {
  try {
    await promise;
  } catch (e) {
    return e;
  }
  throw new Error("did not fail");
}

test("proxy: an http: fetch goes through http_proxy (an absolute-form request)", async () => {
  const response = await fetch(`${viaProxy}/get?via=proxy`);
  equal(response.status, 200);
  const echo = await response.json();
  equal(echo.args.via, "proxy");
  equal(echo.headers.Host, viaProxy.slice("http://".length), "the Host is the origin's");
  const log = await proxyLog();
  assert(log.includes(`GET ${viaProxy}/get?via=proxy`), JSON.stringify(log));
});

test("proxy: a POST body and a streamed download go through the proxy whole", async () => {
  const body = "p".repeat(200000);
  const echo = await (await fetch(`${viaProxy}/anything`, { method: "POST", body })).json();
  equal(echo.data, body);
  const bytes = await (await fetch(`${viaProxy}/stream-bytes/3000000`)).arrayBuffer();
  equal(bytes.byteLength, 3000000);
  const log = await proxyLog();
  assert(log.includes(`POST ${viaProxy}/anything`), JSON.stringify(log));
  assert(log.includes(`GET ${viaProxy}/stream-bytes/3000000`), JSON.stringify(log));
});

test("proxy: a no_proxy host is not sent to the proxy", async () => {
  // bypassed.test resolves nowhere: fetched directly it fails on its name; through the proxy
  // it would have reached the test server.
  const direct = http.replace("127.0.0.1", "bypassed.test");
  const e = await failure(fetch(`${direct}/get?via=direct`));
  equal(e.cause.code, "ENOTFOUND", e.cause.message);
  assert(e.cause.message.includes("bypassed.test"), e.cause.message);
  const log = await proxyLog();
  assert(!log.some((line) => line.includes("bypassed.test")), JSON.stringify(log));
});

test("proxy: loopback hosts are always fetched directly", async () => {
  equal((await (await fetch(`${http}/get?via=loopback`)).json()).args.via, "loopback");
  const log = await proxyLog();
  assert(!log.some((line) => line.includes("via=loopback")), JSON.stringify(log));
});

test("proxy: https: is tunnelled through https_proxy with CONNECT", async () => {
  // The TLS handshake runs through the tunnel: the test server's self-signed certificate (for
  // 127.0.0.1, not origin.test) is what fails the fetch, so the cause names the certificate.
  const e = await failure(fetch(`${tlsViaProxy}/get`));
  equal(e.message, "fetch failed");
  equal(e.cause.code, "ERR_TLS_CERT", e.cause.message);
  const log = await proxyLog();
  assert(log.includes(`CONNECT ${tlsViaProxy.slice("https://".length)}`), JSON.stringify(log));
});

await run();
