import { test, run, equal, deepEqual, assert, delay } from "./lib/harness.js";

test("setTimeout passes extra arguments and returns positive ids", async () => {
  const got = await new Promise((resolve) => {
    const id = setTimeout((a, b) => resolve([a, b, typeof id, id > 0]), 1, "x", 2);
  });
  deepEqual(got, ["x", 2, "number", true]);
});

test("timers fire in order of due time, then of creation", async () => {
  const order = [];
  setTimeout(() => order.push("b"), 10);
  setTimeout(() => order.push("a"), 0);
  setTimeout(() => order.push("a2"), 0);
  await delay(30);
  deepEqual(order, ["a", "a2", "b"]);
});

test("clearTimeout cancels, and ignores unknown ids", async () => {
  let fired = false;
  const id = setTimeout(() => (fired = true), 1);
  clearTimeout(id);
  clearTimeout(123456);
  clearTimeout();
  await delay(10);
  equal(fired, false);
});

test("setInterval repeats until cleared from its own callback", async () => {
  let count = 0;
  await new Promise((resolve) => {
    const id = setInterval(() => {
      if (++count === 3) {
        clearInterval(id);
        resolve();
      }
    }, 1);
  });
  await delay(10);
  equal(count, 3);
});

test("microtasks run before the next timer", async () => {
  const order = [];
  setTimeout(() => order.push("timeout"), 0);
  queueMicrotask(() => order.push("microtask"));
  Promise.resolve().then(() => order.push("promise"));
  await delay(5);
  deepEqual(order, ["microtask", "promise", "timeout"]);
});

test("a microtask checkpoint follows every timer callback", async () => {
  const order = [];
  setTimeout(() => {
    order.push("t1");
    queueMicrotask(() => order.push("m1"));
  }, 0);
  setTimeout(() => order.push("t2"), 0);
  await delay(5);
  deepEqual(order, ["t1", "m1", "t2"]);
});

test("nested timers are clamped to 4 ms beyond nesting level 5", async () => {
  const start = performance.now();
  await new Promise((resolve) => {
    let n = 0;
    const step = () => (++n < 15 ? setTimeout(step, 0) : resolve());
    setTimeout(step, 0);
  });
  const elapsed = performance.now() - start;
  // Timers scheduled from a task nested deeper than 5 (the 7th to the 15th) wait 4 ms each.
  assert(elapsed >= 36, `15 nested timers took only ${elapsed} ms`);
});

test("string handlers are compiled when the timer fires", async () => {
  globalThis.fromString = 0;
  setTimeout("globalThis.fromString = 7", 0);
  await delay(5);
  equal(globalThis.fromString, 7);
});

test("queueMicrotask requires a function", () => {
  let error;
  try {
    queueMicrotask(1);
  } catch (e) {
    error = e;
  }
  equal(error.name, "TypeError");
  assert(error.message.includes("queueMicrotask"), error.message);
});

await run();
