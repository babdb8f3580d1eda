import { test, run, equal, assert, throws } from "./lib/harness.js";
import data from "./lib/data.json" assert { type: "json" };

test("globalThis and self", () => {
  equal(self, globalThis);
  equal(typeof location, "undefined"); // only with --location (location.test.js)
  equal(typeof globalThis.console, "object");
  equal(Object.prototype.toString.call(console), "[object console]");
});

test("navigator", () => {
  assert(navigator.userAgent.startsWith("NANO/"), navigator.userAgent);
  assert(navigator.hardwareConcurrency >= 1);
  equal(typeof navigator.language, "string");
});

test("Nano namespace", () => {
  equal(Nano.version, navigator.userAgent.slice(5));
  assert(Array.isArray(Nano.args) && Object.isFrozen(Nano.args));
  equal(typeof Nano.exit, "function");
});

test("import.meta.url, JSON modules and dynamic import", async () => {
  assert(import.meta.url.startsWith("file:///") && import.meta.url.endsWith("globals.test.js"));
  equal(data.answer, 42);
  const mod = await import("./lib/harness.js");
  equal(typeof mod.test, "function");
});

test("import.meta.resolve", () => {
  equal(import.meta.resolve("./lib/data.json"), new URL("./lib/data.json", import.meta.url).href);
  equal(import.meta.resolve("https://example.com/x.js"), "https://example.com/x.js");
  throws(() => import.meta.resolve("lodash"), "TypeError", "bare specifiers are not supported");
  equal(typeof Nano.bundle, "undefined"); // only in a bundle's run
});

test("import() evaluates after the importer's current code, and cycles resolve", async () => {
  globalThis.importOrder = [];
  const pending = import("./lib/side_effect.js");
  globalThis.importOrder.push("after import()");
  await pending;
  equal(globalThis.importOrder.join(), "after import(),module body");
  const a = await import("./lib/cycle_a.js");
  equal((await a.b).b, 2);
});

test("a missing module names the file and the importer", async () => {
  let error;
  try {
    await import("./no-such-module.js");
  } catch (e) {
    error = e;
  }
  assert(error && error.message.includes("no-such-module.js"), String(error));
  assert(error.message.includes("globals.test.js"), error.message);
});

test("a bare specifier is rejected with a clear message", async () => {
  let error;
  try {
    await import("lodash");
  } catch (e) {
    error = e;
  }
  equal(error.name, "TypeError");
  assert(error.message.includes("'lodash'"), error.message);
});

test("DOMException", () => {
  const e = new DOMException("gone", "AbortError");
  equal(e.code, 20);
  assert(e instanceof Error);
  throws(() => { throw new DOMException("x", "DataError"); }, "DataError");
});

test("reportError fires a cancelable error event and the script goes on", () => {
  const error = new Error("reported on purpose by globals.test.js");
  let seen;
  const listener = (event) => {
    seen = event.error;
    event.preventDefault(); // handled: nothing is printed
  };
  addEventListener("error", listener);
  reportError(error);
  removeEventListener("error", listener);
  equal(seen, error);
});

await run();
