// TransformStream and TransformStreamDefaultController: the identity transform, the
// transformer's start/transform/flush/cancel, terminate(), errors, backpressure between sides.
// https://streams.spec.whatwg.org/#ts-class
import { test, run, equal, deepEqual, assert, throwsAsync } from "./lib/harness.js";
import { flush, readAll, stateOf } from "./lib/streams.js";

// Writes `chunks` to `writable` and closes it, without waiting for anything to be read.
function writeAll(writable, chunks) {
  const writer = writable.getWriter();
  for (const chunk of chunks) writer.write(chunk).catch(() => {});
  return writer.close();
}

test("a TransformStream has a readable and a writable side", () => {
  const ts = new TransformStream();
  assert(ts.readable instanceof ReadableStream);
  assert(ts.writable instanceof WritableStream);
  equal(ts.readable, ts.readable, "the same object every time");
  equal(Object.prototype.toString.call(ts), "[object TransformStream]");
});

test("without a transformer it is the identity transform, passing the same objects", async () => {
  const ts = new TransformStream();
  const chunks = [{ a: 1 }, "b", 3];
  const closing = writeAll(ts.writable, chunks);
  const out = await readAll(ts.readable);
  await closing;
  equal(out.length, 3);
  chunks.forEach((chunk, i) => equal(out[i], chunk));
});

// https://streams.spec.whatwg.org/#set-up-transform-stream-default-controller-from-transformer
test("start gets the controller, with the transformer as this", () => {
  let seen;
  const transformer = {
    start(controller) {
      seen = { self: this, controller };
    },
  };
  new TransformStream(transformer);
  equal(seen.self, transformer);
  assert(seen.controller instanceof TransformStreamDefaultController);
});

test("transform(chunk, controller) may enqueue zero or several chunks; flush adds a tail", async () => {
  const calls = [];
  const ts = new TransformStream({
    transform(chunk, controller) {
      calls.push(chunk);
      for (let i = 0; i < chunk; ++i) controller.enqueue(`${chunk}.${i}`);
    },
    flush(controller) {
      calls.push("flush");
      controller.enqueue("end");
    },
  });
  const closing = writeAll(ts.writable, [2, 0, 1]);
  deepEqual(await readAll(ts.readable), ["2.0", "2.1", "1.0", "end"]);
  await closing;
  deepEqual(calls, [2, 0, 1, "flush"]);
});

test("an async transform is awaited before the next chunk is transformed", async () => {
  const order = [];
  const ts = new TransformStream({
    async transform(chunk, controller) {
      order.push(`start ${chunk}`);
      await flush();
      order.push(`end ${chunk}`);
      controller.enqueue(chunk);
    },
  });
  const closing = writeAll(ts.writable, [1, 2]);
  deepEqual(await readAll(ts.readable), [1, 2]);
  await closing;
  deepEqual(order, ["start 1", "end 1", "start 2", "end 2"]);
});

test("the writable side's close waits for flush's promise", async () => {
  let finishFlush;
  const ts = new TransformStream({
    flush: () => new Promise((resolve) => (finishFlush = resolve)),
  });
  const reading = readAll(ts.readable);
  const closing = ts.writable.getWriter().close();
  equal(await stateOf(closing), "pending");
  finishFlush();
  await closing;
  deepEqual(await reading, []);
});

test("a throwing transform errors both sides with its error", async () => {
  const failure = new Error("transform failed");
  const ts = new TransformStream({
    transform() {
      throw failure;
    },
  });
  const writer = ts.writable.getWriter();
  const reader = ts.readable.getReader();
  const [writeError, readError] = await Promise.all([
    writer.write("x").catch((e) => e),
    reader.read().catch((e) => e),
  ]);
  equal(writeError, failure);
  equal(readError, failure);
  equal(await writer.closed.catch((e) => e), failure);
});

test("a throwing flush errors the readable side and rejects close", async () => {
  const failure = new Error("flush failed");
  const ts = new TransformStream({
    flush() {
      throw failure;
    },
  });
  const reader = ts.readable.getReader();
  const closeError = await ts.writable.getWriter().close().catch((e) => e);
  equal(closeError, failure);
  equal(await reader.closed.catch((e) => e), failure);
});

test("a throwing start makes the constructor throw that error", async () => {
  const failure = new Error("start failed");
  let caught;
  try {
    new TransformStream({
      start() {
        throw failure;
      },
    });
  } catch (e) {
    caught = e;
  }
  equal(caught, failure);
});

// https://streams.spec.whatwg.org/#ts-default-controller-terminate
test("terminate() closes the readable side and errors the writable side with a TypeError", async () => {
  let controller;
  const ts = new TransformStream({ start: (c) => void (controller = c) });
  const reader = ts.readable.getReader();
  const writer = ts.writable.getWriter();
  controller.terminate();
  equal((await reader.read()).done, true);
  await throwsAsync(() => writer.write("late"), "TypeError");
  await throwsAsync(() => writer.closed, "TypeError");
});

test("controller.error(e) errors both sides", async () => {
  let controller;
  const failure = new Error("by the controller");
  const ts = new TransformStream({ start: (c) => void (controller = c) });
  controller.error(failure);
  equal(await ts.readable.getReader().read().catch((e) => e), failure);
  equal(await ts.writable.getWriter().write("x").catch((e) => e), failure);
});

// https://streams.spec.whatwg.org/#transform-stream-default-source-cancel
test("cancelling the readable side calls the transformer's cancel and errors the writable", async () => {
  const reasons = [];
  const ts = new TransformStream({ cancel: (reason) => void reasons.push(reason) });
  const writer = ts.writable.getWriter();
  await ts.readable.cancel("no more");
  deepEqual(reasons, ["no more"]);
  equal(await writer.closed.catch((e) => e), "no more");
});

// https://streams.spec.whatwg.org/#transform-stream-default-sink-abort-algorithm
test("aborting the writable side calls the transformer's cancel and errors the readable", async () => {
  const reasons = [];
  const ts = new TransformStream({ cancel: (reason) => void reasons.push(reason) });
  const reader = ts.readable.getReader();
  await ts.writable.abort("stop");
  deepEqual(reasons, ["stop"]);
  equal(await reader.closed.catch((e) => e), "stop");
});

test("the transformer's cancel is not called after a normal close", async () => {
  let cancels = 0;
  const ts = new TransformStream({ cancel: () => void ++cancels });
  const closing = writeAll(ts.writable, ["a"]);
  await readAll(ts.readable);
  await closing;
  await ts.readable.cancel().catch(() => {});
  equal(cancels, 0);
});

// https://streams.spec.whatwg.org/#transform-stream-set-backpressure: the default readable
// high-water mark is 0, so a write waits until someone reads.
test("backpressure: a write waits while the readable side is full, then proceeds on read", async () => {
  const transformed = [];
  const ts = new TransformStream({
    transform(chunk, controller) {
      transformed.push(chunk);
      controller.enqueue(chunk);
    },
  });
  const writer = ts.writable.getWriter();
  const write = writer.write("a");
  equal(await stateOf(write), "pending", "nobody reads, so the chunk waits");
  deepEqual(transformed, [], "not even transformed yet");
  equal(writer.desiredSize, 0, "the writable side's queue holds it");
  equal(await stateOf(writer.ready), "pending");

  const reader = ts.readable.getReader();
  deepEqual(await reader.read(), { value: "a", done: false });
  equal(await write, undefined);
  deepEqual(transformed, ["a"]);
});

test("backpressure with a readable high-water mark of 2: two chunks go through, the third waits", async () => {
  let transforms = 0;
  const ts = new TransformStream(
    {
      transform(chunk, controller) {
        ++transforms;
        controller.enqueue(chunk);
      },
    },
    { highWaterMark: 1 },
    { highWaterMark: 2 },
  );
  const writer = ts.writable.getWriter();
  const writes = [1, 2, 3].map((n) => writer.write(n));
  await flush();
  equal(transforms, 2, "the readable queue filled to its high-water mark");
  equal(await stateOf(writes[1]), "fulfilled");
  equal(await stateOf(writes[2]), "pending");
  const reader = ts.readable.getReader();
  equal((await reader.read()).value, 1);
  await writes[2];
  equal(transforms, 3);
});

test("controller.desiredSize reports the readable side", () => {
  let controller;
  const ts = new TransformStream(
    { start: (c) => void (controller = c) },
    undefined,
    { highWaterMark: 3 },
  );
  equal(controller.desiredSize, 3);
  controller.enqueue("x");
  equal(controller.desiredSize, 2);
  void ts;
});

test("enqueue on a terminated transform throws a TypeError", () => {
  let controller;
  new TransformStream({ start: (c) => void (controller = c) });
  controller.terminate();
  let caught;
  try {
    controller.enqueue("x");
  } catch (e) {
    caught = e;
  }
  equal(caught?.name, "TypeError");
});

test("pipeThrough a TransformStream maps every chunk", async () => {
  const upper = new TransformStream({ transform: (s, c) => c.enqueue(s.toUpperCase()) });
  const source = ReadableStream.from(["a", "b", "c"]);
  deepEqual(await readAll(source.pipeThrough(upper)), ["A", "B", "C"]);
});

await run();
