// ReadableStreamDefaultReader: read, closed, cancel, releaseLock.
// https://streams.spec.whatwg.org/#default-reader-class
import { test, run, equal, deepEqual, assert, throws, throwsAsync } from "./lib/harness.js";
import { flush, readableOf, stateOf } from "./lib/streams.js";

test("getReader() and new ReadableStreamDefaultReader(stream) both lock the stream", () => {
  const a = new ReadableStream();
  const reader = a.getReader();
  assert(reader instanceof ReadableStreamDefaultReader);
  equal(a.locked, true);
  const b = new ReadableStream();
  const direct = new ReadableStreamDefaultReader(b);
  equal(b.locked, true);
  equal(Object.prototype.toString.call(direct), "[object ReadableStreamDefaultReader]");
});

test("getReader({mode: undefined}) is a default reader", () => {
  assert(new ReadableStream().getReader({ mode: undefined }) instanceof ReadableStreamDefaultReader);
  assert(new ReadableStream().getReader({}) instanceof ReadableStreamDefaultReader);
});

// https://streams.spec.whatwg.org/#default-reader-read
test("read() gives {value, done} records in order, then {value: undefined, done: true}", async () => {
  const reader = readableOf([1, 2]).getReader();
  deepEqual(await reader.read(), { value: 1, done: false });
  deepEqual(await reader.read(), { value: 2, done: false });
  const end = await reader.read();
  equal(end.done, true);
  equal(end.value, undefined);
  assert("value" in end, "the record has a value property");
  deepEqual(await reader.read(), { done: true }, "done stays done");
});

test("read() results are plain objects with value and done", async () => {
  const result = await readableOf(["x"]).getReader().read();
  equal(Object.getPrototypeOf(result), Object.prototype);
  deepEqual(Object.keys(result), ["value", "done"]);
});

test("several pending reads are fulfilled in order as chunks arrive", async () => {
  let controller;
  const reader = new ReadableStream({ start: (c) => void (controller = c) }).getReader();
  const reads = [reader.read(), reader.read(), reader.read()];
  await flush();
  controller.enqueue("a");
  controller.enqueue("b");
  controller.close();
  const results = await Promise.all(reads);
  deepEqual(results, [
    { value: "a", done: false },
    { value: "b", done: false },
    { done: true },
  ]);
});

test("closed resolves when the stream closes", async () => {
  let controller;
  const reader = new ReadableStream({ start: (c) => void (controller = c) }).getReader();
  equal(await stateOf(reader.closed), "pending");
  controller.close();
  equal(await reader.closed, undefined);
});

test("closed rejects with the stream's error", async () => {
  let controller;
  const failure = new Error("broken");
  const reader = new ReadableStream({ start: (c) => void (controller = c) }).getReader();
  controller.error(failure);
  let caught;
  await reader.closed.catch((e) => (caught = e));
  equal(caught, failure);
});

test("closed of a reader made after close or error is already settled", async () => {
  const closed = new ReadableStream({ start: (c) => c.close() });
  equal(await closed.getReader().closed, undefined);
  const failure = new Error("x");
  const errored = new ReadableStream({ start: (c) => c.error(failure) });
  let caught;
  await errored.getReader().closed.catch((e) => (caught = e));
  equal(caught, failure);
});

// https://streams.spec.whatwg.org/#readable-stream-reader-generic-release
test("releaseLock unlocks; closed rejects with a TypeError; a new reader reads the rest", async () => {
  const stream = readableOf([1, 2, 3]);
  const first = stream.getReader();
  deepEqual(await first.read(), { value: 1, done: false });
  first.releaseLock();
  equal(stream.locked, false);
  await throwsAsync(() => first.closed, "TypeError");
  const second = stream.getReader();
  deepEqual(await second.read(), { value: 2, done: false });
  deepEqual(await second.read(), { value: 3, done: false });
  equal((await second.read()).done, true);
});

test("releaseLock twice, and on a closed stream, is harmless", async () => {
  const stream = readableOf([]);
  const reader = stream.getReader();
  await reader.closed;
  reader.releaseLock();
  reader.releaseLock();
  equal(stream.locked, false);
});

test("a reader released after close keeps its resolved closed; the next reader sees closed too", async () => {
  const stream = readableOf([]);
  const reader = stream.getReader();
  const before = reader.closed;
  reader.releaseLock();
  equal(await before, undefined, "the closed promise had already resolved");
  const after = stream.getReader();
  equal(await after.closed, undefined);
});

test("reader.cancel(reason) cancels the stream through the source's cancel", async () => {
  let reason;
  const stream = new ReadableStream({
    start: (c) => c.enqueue("x"),
    cancel: (r) => void (reason = r),
  });
  const reader = stream.getReader();
  equal(await reader.cancel("stop"), undefined);
  equal(reason, "stop");
  equal(await reader.closed, undefined);
  equal((await reader.read()).done, true);
  equal(stream.locked, true, "cancel does not release the lock");
});

test("cancel resolves pending reads with done", async () => {
  const stream = new ReadableStream();
  const reader = stream.getReader();
  const pending = reader.read();
  await reader.cancel();
  deepEqual(await pending, { done: true });
});

test("the constructor needs a ReadableStream", () => {
  throws(() => new ReadableStreamDefaultReader({}), "TypeError");
  throws(() => new ReadableStreamDefaultReader(), "TypeError");
  throws(() => ReadableStreamDefaultReader(new ReadableStream()), "TypeError");
});

test("reader methods check their receiver", async () => {
  const proto = ReadableStreamDefaultReader.prototype;
  await throwsAsync(() => proto.read.call({}), "TypeError");
  await throwsAsync(() => proto.cancel.call({}), "TypeError");
  throws(() => proto.releaseLock.call({}), "TypeError");
  await throwsAsync(() => Object.getOwnPropertyDescriptor(proto, "closed").get.call({}), "TypeError");
});

test("an autoAllocateChunkSize that cannot be allocated rejects the read with a RangeError", async () => {
  let controller;
  let pulls = 0;
  const stream = new ReadableStream({
    type: "bytes",
    autoAllocateChunkSize: 2 ** 50,
    start(c) {
      controller = c;
    },
    pull() {
      pulls++;
    },
  });
  const reader = stream.getReader();
  await flush();
  // The spec's "If buffer is an abrupt completion": only that read fails, the stream goes on.
  await throwsAsync(() => reader.read(), "RangeError");
  equal(pulls, 0, "pulls");
  controller.enqueue(new Uint8Array([7]));
  const { value, done } = await reader.read();
  equal(done, false);
  deepEqual([...value], [7]);
});

await run();
