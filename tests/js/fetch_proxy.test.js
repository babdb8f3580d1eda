// Proxies from the environment (run by lib/with_server.sh --proxy: http_proxy and https_proxy
// are `nanojs serve-test --proxy`, no_proxy=localhost). The proxy records what it forwards;
// GET /__proxy/log on it lists "METHOD TARGET" lines.
import { test, run, equal, assert } from "./lib/harness.js";
import { http, https, proxy } from "./lib/servers.js";

async function proxyLog() {
  return (await fetch(`${proxy}/__proxy/log`)).json();
}

test("proxy: an http: fetch goes through http_proxy (absolute-form request)", async () => {
  const response = await fetch(`${http}/get?via=proxy`);
  equal(response.status, 200);
  const echo = await response.json();
  equal(echo.args.via, "proxy");
  const log = await proxyLog();
  assert(log.includes(`GET ${http}/get?via=proxy`), JSON.stringify(log));
});

test("proxy: a POST body goes through the proxy whole", async () => {
  const body = "p".repeat(200000);
  const echo = await (await fetch(`${http}/anything`, { method: "POST", body })).json();
  equal(echo.data, body);
  assert((await proxyLog()).includes(`POST ${http}/anything`));
});

test("proxy: a no_proxy host is fetched directly", async () => {
  const direct = http.replace("127.0.0.1", "localhost");
  const response = await fetch(`${direct}/get?via=direct`);
  equal(response.status, 200);
  equal((await response.json()).args.via, "direct");
  const log = await proxyLog();
  assert(!log.some((line) => line.includes("via=direct")), JSON.stringify(log));
});

test("proxy: https: is tunnelled through https_proxy with CONNECT", async () => {
  // The TLS handshake runs through the tunnel: the test server's self-signed certificate is
  // what fails the fetch, so the cause names the certificate, not the proxy.
  let error;
  try {
    await fetch(`${https}/get`);
  } catch (e) {
    error = e;
  }
  equal(error && error.message, "fetch failed");
  equal(error.cause.code, "ERR_TLS_CERT", error.cause.message);
  const log = await proxyLog();
  assert(log.includes(`CONNECT ${https.slice("https://".length)}`), JSON.stringify(log));
});

await run();
