import { test, run, equal, assert, throwsAsync } from "./lib/harness.js";

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

// --- compileStreaming / instantiateStreaming over Response ------------------------------------

const WASM = { headers: { "Content-Type": "application/wasm" } };

// A stream of `bytes` in chunks of `size` bytes, all enqueued at once (a synchronous run of
// queued chunks must be read in a loop, not recursively).
function chunked(bytes, size) {
  return new ReadableStream({
    start(controller) {
      for (let i = 0; i < bytes.length; i += size) controller.enqueue(bytes.slice(i, i + size));
      controller.close();
    },
  });
}

test("instantiateStreaming and compileStreaming take a Response or a promise of one", async () => {
  const { instance, module } = await WebAssembly.instantiateStreaming(new Response(ADD, WASM));
  equal(instance.exports.add(2, 3), 5);
  assert(module instanceof WebAssembly.Module);
  const compiled = await WebAssembly.compileStreaming(Promise.resolve(new Response(ADD, WASM)));
  equal(new WebAssembly.Instance(compiled).exports.add(20, 22), 42);
  equal(WebAssembly.compileStreaming.name, "compileStreaming");
  equal(WebAssembly.instantiateStreaming.length, 1);
});

test("a streamed body is compiled as its chunks arrive, one byte at a time too", async () => {
  const module = await WebAssembly.compileStreaming(new Response(chunked(ADD, 1), WASM));
  equal(new WebAssembly.Instance(module).exports.add(1, 2), 3);
  const blob = new Blob([ADD]);
  const fromBlob = await WebAssembly.instantiateStreaming(new Response(blob.stream(), WASM));
  equal(fromBlob.instance.exports.add(3, 4), 7);
});

test("the response is checked as the WebAssembly Web API says", async () => {
  await throwsAsync(() => WebAssembly.compileStreaming(ADD), "TypeError", "not a Response");
  await throwsAsync(() => WebAssembly.compileStreaming(new Response(ADD)), "TypeError",
                    "application/wasm");
  await throwsAsync(
    () => WebAssembly.compileStreaming(new Response(ADD, { headers: { "Content-Type": "application/wasm; x=1" } })),
    "TypeError", "application/wasm");
  // Surrounding tabs and spaces and the letters' case do not matter.
  const spaced = new Response(ADD, { headers: { "Content-Type": " \tApplication/WASM\t " } });
  assert((await WebAssembly.compileStreaming(spaced)) instanceof WebAssembly.Module);
  await throwsAsync(() => WebAssembly.compileStreaming(new Response(ADD, { ...WASM, status: 404 })),
                    "TypeError", "404");
  const used = new Response(ADD, WASM);
  await used.arrayBuffer();
  await throwsAsync(() => WebAssembly.compileStreaming(used), "TypeError", "already used");
  const locked = new Response(ADD, WASM);
  locked.body.getReader();
  await throwsAsync(() => WebAssembly.compileStreaming(locked), "TypeError", "already used");
  await throwsAsync(() => WebAssembly.compileStreaming(Promise.reject(new RangeError("no"))),
                    "RangeError", "no");
});

test("bad bytes, a null body, a failing stream and a wrong chunk reject", async () => {
  await throwsAsync(() => WebAssembly.compileStreaming(new Response(new Uint8Array([1, 2, 3]), WASM)),
                    "CompileError");
  await throwsAsync(() => WebAssembly.compileStreaming(new Response(null, WASM)), "CompileError");
  let cancelled;
  const failing = new ReadableStream({
    pull(controller) {
      controller.enqueue(ADD.slice(0, 8));
      controller.error(new SyntaxError("broken"));
    },
    cancel(reason) { cancelled = reason; },
  });
  await throwsAsync(() => WebAssembly.compileStreaming(new Response(failing, WASM)), "SyntaxError",
                    "broken");
  const wrongChunk = new ReadableStream({
    pull(controller) { controller.enqueue("not bytes"); },
    cancel(reason) { cancelled = reason; },
  });
  await throwsAsync(() => WebAssembly.compileStreaming(new Response(wrongChunk, WASM)), "TypeError",
                    "Uint8Array");
  equal(cancelled?.name, "TypeError", "the rest of the body is cancelled");
});

await run();
