import { test, run, equal, assert } from "./lib/harness.js";

// (module (func (export "add") (param i32 i32) (result i32) local.get 0 local.get 1 i32.add))
const ADD = new Uint8Array([0, 97, 115, 109, 1, 0, 0, 0, 1, 7, 1, 96, 2, 127, 127, 1, 127, 3, 2,
  1, 0, 7, 7, 1, 3, 97, 100, 100, 0, 0, 10, 9, 1, 7, 0, 32, 0, 32, 1, 106, 11]);

test("compile and instantiate resolve through the event loop", async () => {
  const module = await WebAssembly.compile(ADD);
  assert(module instanceof WebAssembly.Module);
  const { instance } = await WebAssembly.instantiate(ADD);
  equal(instance.exports.add(2, 3), 5);
  const again = await WebAssembly.instantiate(module);
  equal(again.exports.add(40, 2), 42);
});

test("a compile error rejects with CompileError", async () => {
  let error;
  try {
    await WebAssembly.compile(new Uint8Array([1, 2, 3]));
  } catch (e) {
    error = e;
  }
  equal(error.name, "CompileError");
});

test("the wrapped functions keep their names and lengths", () => {
  equal(WebAssembly.compile.name, "compile");
  equal(WebAssembly.compile.length, 1);
  equal(WebAssembly.instantiate.name, "instantiate");
});

test("a module can be structured-cloned", async () => {
  const module = await WebAssembly.compile(ADD);
  const copy = structuredClone(module);
  const instance = await WebAssembly.instantiate(copy);
  equal(instance.exports.add(1, 1), 2);
});

test("Atomics.waitAsync settles through the event loop", async () => {
  const cell = new Int32Array(new SharedArrayBuffer(4));
  const timedOut = Atomics.waitAsync(cell, 0, 0, 10);
  equal(timedOut.async, true);
  equal(await timedOut.value, "timed-out");
  const woken = Atomics.waitAsync(cell, 0, 0, 10000);
  setTimeout(() => Atomics.notify(cell, 0), 5);
  equal(await woken.value, "ok");
});

await run();
