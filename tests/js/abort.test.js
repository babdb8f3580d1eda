import { test, run, equal, deepEqual, assert, throws, delay } from "./lib/harness.js";

test("AbortController: signal is the same object; abort() fires once", () => {
  const controller = new AbortController();
  const signal = controller.signal;
  equal(controller.signal, signal);
  assert(signal instanceof AbortSignal && signal instanceof EventTarget);
  deepEqual([signal.aborted, signal.reason], [false, undefined]);
  const events = [];
  signal.addEventListener("abort", (e) => events.push([e.type, e.isTrusted, e.target === signal, signal.aborted]));
  controller.abort();
  controller.abort("again"); // no second event, reason unchanged
  deepEqual(events, [["abort", true, true, true]]);
  assert(signal.reason instanceof DOMException);
  deepEqual([signal.reason.name, signal.reason.code], ["AbortError", 20]);
});

test("abort(reason) keeps any reason; undefined means an AbortError", () => {
  const a = new AbortController();
  const reason = { why: 1 };
  a.abort(reason);
  equal(a.signal.reason, reason);
  const b = new AbortController();
  b.abort(undefined);
  equal(b.signal.reason.name, "AbortError");
  const c = new AbortController();
  c.abort(null);
  equal(c.signal.reason, null);
});

test("throwIfAborted throws the reason", () => {
  const controller = new AbortController();
  controller.signal.throwIfAborted();
  controller.abort(new RangeError("stop"));
  throws(() => controller.signal.throwIfAborted(), "RangeError", "stop");
});

test("onabort runs in its position among the listeners", () => {
  const controller = new AbortController();
  const order = [];
  controller.signal.addEventListener("abort", () => order.push("first"));
  controller.signal.onabort = () => order.push("handler");
  controller.signal.addEventListener("abort", () => order.push("last"));
  controller.signal.onabort = function (e) { order.push("replaced:" + (this === controller.signal) + ":" + e.type); };
  equal(typeof controller.signal.onabort, "function");
  controller.abort();
  deepEqual(order, ["first", "replaced:true:abort", "last"]);
  const other = new AbortController();
  other.signal.onabort = 5; // not an object: null
  equal(other.signal.onabort, null);
});

test("AbortSignal.abort()", () => {
  const signal = AbortSignal.abort();
  deepEqual([signal.aborted, signal.reason.name], [true, "AbortError"]);
  equal(AbortSignal.abort("r").reason, "r");
  throws(() => new AbortSignal(), "TypeError", "Illegal constructor");
});

// A pending AbortSignal.timeout does not keep the run alive by itself: the tests hold it open.
const waitForAbort = (signal) => {
  const keepAlive = setTimeout(() => {}, 10000);
  return new Promise((resolve) => signal.addEventListener("abort", (e) => { clearTimeout(keepAlive); resolve(e); }));
};

test("AbortSignal.timeout() aborts with a TimeoutError", async () => {
  const signal = AbortSignal.timeout(5);
  equal(signal.aborted, false);
  const event = await waitForAbort(signal);
  deepEqual([signal.aborted, signal.reason.name, signal.reason.code, event.isTrusted], [true, "TimeoutError", 23, true]);
  assert(signal.reason instanceof DOMException);
});

test("AbortSignal.timeout() validates its argument", () => {
  throws(() => AbortSignal.timeout(-1), "TypeError", "Failed to execute 'timeout' on 'AbortSignal'");
  throws(() => AbortSignal.timeout(NaN), "TypeError", "not a finite number");
  throws(() => AbortSignal.timeout(), "TypeError", "1 argument required");
  AbortSignal.timeout(2 ** 53 - 1); // far away; must not keep the run alive
});

test("AbortSignal.any() follows its sources", async () => {
  const a = new AbortController();
  const b = new AbortController();
  const any = AbortSignal.any([a.signal, b.signal]);
  equal(any.aborted, false);
  const seen = [];
  any.onabort = () => seen.push(any.reason);
  b.abort("b first");
  a.abort("a later");
  deepEqual(seen, ["b first"]);
  equal(any.reason, "b first");

  const already = AbortSignal.any([new AbortController().signal, AbortSignal.abort("done")]);
  deepEqual([already.aborted, already.reason], [true, "done"]);
  equal(AbortSignal.any([]).aborted, false);

  // A dependent of a dependent follows the original sources.
  const c = new AbortController();
  const nested = AbortSignal.any([AbortSignal.any([c.signal])]);
  c.abort("deep");
  equal(nested.reason, "deep");

  const timed = AbortSignal.any([AbortSignal.timeout(5)]);
  await waitForAbort(timed);
  equal(timed.reason.name, "TimeoutError");

  throws(() => AbortSignal.any([a.signal, {}]), "TypeError", "AbortSignal");
  throws(() => AbortSignal.any(5), "TypeError", "sequence");
});

test("dependents abort before their listeners run, sources first", () => {
  const controller = new AbortController();
  const dependent = AbortSignal.any([controller.signal]);
  const order = [];
  controller.signal.addEventListener("abort", () => order.push(["source", dependent.aborted]));
  dependent.addEventListener("abort", () => order.push(["dependent"]));
  controller.abort();
  deepEqual(order, [["source", true], ["dependent"]]);
});

test("a dependent signal with listeners survives garbage collection", async () => {
  const controller = new AbortController();
  let fired = false;
  AbortSignal.any([controller.signal]).addEventListener("abort", () => (fired = true));
  if (globalThis.gc) gc();
  await delay(1);
  controller.abort();
  equal(fired, true);
});

await run();
