// Hostile scripts (issue 17): every web API survives arguments that throw from every Proxy trap,
// re-entrant recursion through its callbacks until the stack runs out, a million timers and
// strings at V8's length limit. "Survives" means the script gets an ordinary exception (the
// Proxy's own, a TypeError, a RangeError, a DOMException) and the run goes on; under the
// sanitizer build (docs/reliability.md) it also means no memory error, UB or leak.
import { test, run, equal, assert, throws } from "./lib/harness.js";

class Sentinel extends Error {}

// A hostile callback passed to setTimeout or queueMicrotask throws later, outside the call: the
// run reports it as uncaught unless a listener cancels it, as here for the Proxy's own errors.
// reportError(proxy) reports the Proxy itself, which is hostile to `instanceof` too.
const proxies = new WeakSet();
function isOurs(value) {
  if (proxies.has(value)) return true;
  try {
    return value instanceof Sentinel;
  } catch {
    return false;
  }
}
globalThis.addEventListener("error", (event) => {
  if (isOurs(event.error)) event.preventDefault();
});
globalThis.addEventListener("unhandledrejection", (event) => {
  if (isOurs(event.reason) || event.reason instanceof Error) event.preventDefault();
});

// A Proxy whose every trap throws: what a misbehaving script passes to an API.
function hostile() {
  const thrower = () => {
    throw new Sentinel("trap");
  };
  const traps = {};
  for (const trap of [
    "get", "set", "has", "deleteProperty", "ownKeys", "getOwnPropertyDescriptor",
    "defineProperty", "getPrototypeOf", "setPrototypeOf", "isExtensible",
    "preventExtensions", "apply", "construct",
  ])
    traps[trap] = thrower;
  const proxy = new Proxy(function () {}, traps);
  proxies.add(proxy);
  return proxy;
}

// What an API may throw at a hostile argument: the Proxy's error (or the Proxy, where the API
// passes a script's value on, as controller.error(reason) does), or an error of its own.
function checkThrown(what, error) {
  const ok = isOurs(error) || error instanceof Error || error instanceof DOMException;
  assert(ok, `${what} threw ${typeof error} ${String(error)}`);
}

async function settle(what, fn) {
  try {
    const result = fn();
    if (result && typeof result.then === "function") {
      // A promise an API returns may stay pending (a read from a stream nobody feeds): wait a
      // little, no more.
      await Promise.race([result, new Promise((resolve) => setTimeout(resolve, 0))]);
    }
  } catch (error) {
    checkThrown(what, error);
  }
}

// Constructors whose instances the methods below run on, made with ordinary arguments.
const instances = {
  URL: () => new URL("https://example.com/a?b#c"),
  URLSearchParams: () => new URLSearchParams("a=1&b=2"),
  Headers: () => new Headers({ a: "1" }),
  Request: () => new Request("https://example.com/", { method: "POST", body: "x" }),
  Response: () => new Response("body"),
  Blob: () => new Blob(["abc"]),
  File: () => new File(["abc"], "f.txt"),
  FormData: () => {
    const f = new FormData();
    f.append("a", "1");
    return f;
  },
  TextEncoder: () => new TextEncoder(),
  TextDecoder: () => new TextDecoder(),
  EventTarget: () => new EventTarget(),
  Event: () => new Event("x"),
  CustomEvent: () => new CustomEvent("x"),
  AbortController: () => new AbortController(),
  ReadableStream: () => new ReadableStream(),
  WritableStream: () => new WritableStream(),
  TransformStream: () => new TransformStream(),
  CountQueuingStrategy: () => new CountQueuingStrategy({ highWaterMark: 1 }),
  ByteLengthQueuingStrategy: () => new ByteLengthQueuingStrategy({ highWaterMark: 1 }),
  TextEncoderStream: () => new TextEncoderStream(),
  TextDecoderStream: () => new TextDecoderStream(),
  CompressionStream: () => new CompressionStream("gzip"),
  DecompressionStream: () => new DecompressionStream("gzip"),
  DOMException: () => new DOMException("m", "DataError"),
};

const kGlobalFunctions = [
  "atob", "btoa", "structuredClone", "queueMicrotask", "reportError", "setTimeout",
  "clearTimeout", "setInterval", "clearInterval",
];

test("every constructor survives hostile arguments", async () => {
  let calls = 0;
  for (const name of Object.keys(instances)) {
    const C = globalThis[name];
    for (const args of [[hostile()], [hostile(), hostile()], ["x", hostile()]]) {
      await settle(`new ${name}`, () => new C(...args));
      calls++;
    }
  }
  assert(calls > 50);
});

test("every method and attribute survives hostile arguments", async () => {
  let calls = 0;
  for (const [name, make] of Object.entries(instances)) {
    const proto = globalThis[name].prototype;
    for (const key of Reflect.ownKeys(proto)) {
      if (key === "constructor") continue;
      const descriptor = Object.getOwnPropertyDescriptor(proto, key);
      const what = `${name}.${String(key)}`;
      if (typeof descriptor.value === "function") {
        for (const args of [[hostile()], [hostile(), hostile()], ["x", hostile()]]) {
          const instance = make();
          await settle(what, () => descriptor.value.apply(instance, args));
          calls++;
        }
      }
      if (descriptor.set) {
        await settle(`${what}=`, () => descriptor.set.call(make(), hostile()));
        calls++;
      }
      // The wrong receiver: the brand check throws a TypeError.
      if (descriptor.get) await settle(`get ${what}`, () => descriptor.get.call(hostile()));
    }
  }
  assert(calls > 200, `${calls} calls`);
});

test("global functions, console and crypto survive hostile arguments", async () => {
  for (const name of kGlobalFunctions)
    for (const args of [[hostile()], [hostile(), hostile()]]) {
      let id;
      await settle(name, () => (id = globalThis[name](...args)));
      // A hostile interval would fire (and throw) forever: the run would never end.
      if (typeof id === "number") clearInterval(id);
    }
  for (const name of Object.keys(console))
    await settle(`console.${name}`, () => console[name](hostile(), hostile()));
  await settle("getRandomValues", () => crypto.getRandomValues(hostile()));
  for (const name of Object.getOwnPropertyNames(SubtleCrypto.prototype)) {
    if (name === "constructor") continue;
    await settle(`subtle.${name}`, () => crypto.subtle[name](hostile(), hostile(), hostile()));
    await settle(`subtle.${name}`, () => crypto.subtle[name]("AES-GCM", hostile(), hostile()));
  }
});

// Recursion through an API's callback until the stack is exhausted: the RangeError reaches the
// script that started it, each API on the way unwinds cleanly.
function recurseThrough(call) {
  let depth = 0;
  const hook = () => {
    depth++;
    return call(hook);
  };
  throws(() => hook(), "RangeError");
  return depth;
}

test("deep recursion through API callbacks is a RangeError", () => {
  const hooks = {
    "URL's toString": (hook) => new URL({ toString: hook }),
    "a Headers init's iterator": (hook) => new Headers({ [Symbol.iterator]: hook }),
    "structuredClone's getters": (hook) =>
      structuredClone({
        get x() {
          return hook();
        },
      }),
    "console.log's %s conversion": (hook) => console.log("%s", { toString: hook }),
    "console.count's label": (hook) => console.count({ toString: hook }),
    "TextEncoder's toString": (hook) => new TextEncoder().encode({ toString: hook }),
    "atob's toString": (hook) => atob({ toString: hook }),
    "Blob's parts": (hook) => new Blob([{ toString: hook }]),
    "URLSearchParams' record": (hook) =>
      new URLSearchParams({
        get a() {
          return hook();
        },
      }),
    "a queuing strategy's highWaterMark": (hook) =>
      new CountQueuingStrategy({
        get highWaterMark() {
          return hook();
        },
      }),
    "Request's input": (hook) => new Request({ toString: hook }),
    "a ResponseInit's status": (hook) =>
      new Response(null, {
        get status() {
          return hook();
        },
      }),
  };
  for (const [what, call] of Object.entries(hooks)) {
    let depth = 0;
    try {
      depth = recurseThrough(call);
    } catch (error) {
      throw new Error(`${what}: ${error.message}`);
    }
    assert(depth > 10, `${what}: ${depth} levels`);
  }
});

test("a million timers all fire", async () => {
  const kTimers = 1_000_000;
  let fired = 0;
  await new Promise((resolve) => {
    for (let i = 0; i < kTimers; i++)
      setTimeout(() => {
        if (++fired === kTimers) resolve();
      }, 0);
  });
  equal(fired, kTimers);
});

test("strings at V8's length limit", () => {
  // V8 10.2's limit is 2^29 - 24 one-byte characters: a 512 MiB string is a RangeError.
  throws(() => "x".repeat(2 ** 29), "RangeError");
  let big = "y".repeat(2 ** 28); // 256 MiB
  equal(new TextEncoder().encode(big).byteLength, 2 ** 28);
  equal(new Blob([big]).size, 2 ** 28);
  equal(new URL("https://example.com/" + big.slice(0, 2 ** 26)).pathname.length, 2 ** 26 + 1);
  big = null;
});

await run();
