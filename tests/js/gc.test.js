// Objects that refer to each other are collected (bind/member.h): run with
// NANO_V8_FLAGS=--expose-gc (set by tests/js/CMakeLists.txt), counting with Nano.liveObjects().
import { test, run, equal, assert } from "./lib/harness.js";

assert(typeof gc === "function", "needs NANO_V8_FLAGS=--expose-gc");
const live = (name) => Nano.liveObjects()[name] ?? 0;
const collect = () => { gc(); gc(); };

test("dependent signals with listeners are collected once their sources are gone", () => {
  collect();
  const before = live("AbortSignal");
  (() => {
    for (let i = 0; i < 20000; ++i) {
      const controller = new AbortController();
      const dependent = AbortSignal.any([controller.signal]);
      dependent.addEventListener("abort", () => dependent);
    }
  })();
  assert(live("AbortSignal") >= before, "made some");
  collect();
  assert(live("AbortSignal") - before < 100, `left ${live("AbortSignal") - before} signals`);
});

test("a dependent signal with a listener stays alive while a source lives, and aborts", () => {
  const controller = new AbortController();
  let fired = 0;
  (() => {
    const dependent = AbortSignal.any([controller.signal]);
    dependent.addEventListener("abort", () => ++fired);
  })();
  collect();
  controller.abort();
  equal(fired, 1);
});

test("listeners that close over their target, with a signal, are collected", () => {
  collect();
  const before = live("EventTarget");
  const controller = new AbortController();
  (() => {
    for (let i = 0; i < 20000; ++i) {
      const target = new EventTarget();
      target.addEventListener("x", () => target, { signal: controller.signal });
    }
  })();
  collect();
  assert(live("EventTarget") - before < 100, `left ${live("EventTarget") - before} targets`);
  controller.abort(); // the dead listeners' abort algorithms do nothing
});

test("Nano.liveObjects counts by class", () => {
  const kept = [new Blob(["a"]), new Blob(["b"])];
  assert(live("Blob") >= 2);
  equal(typeof Nano.liveObjects(), "object");
  kept.length = 0;
});

await run();
