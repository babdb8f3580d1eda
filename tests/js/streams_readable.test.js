// ReadableStream with a default controller: the underlying source's start/pull/cancel, the
// queue and desiredSize, cancel(), locked. https://streams.spec.whatwg.org/#rs-class
import { test, run, equal, deepEqual, assert } from "./lib/harness.js";
import { flush, readAll, readableOf, deferred } from "./lib/streams.js";

test("a stream with no source is a readable, unlocked ReadableStream", () => {
  const stream = new ReadableStream();
  assert(stream instanceof ReadableStream);
  equal(stream.locked, false);
  equal(Object.prototype.toString.call(stream), "[object ReadableStream]");
});

// https://streams.spec.whatwg.org/#set-up-readable-stream-default-controller
test("start runs synchronously with the source as this and a default controller", () => {
  let seen;
  const source = {
    start(controller) {
      seen = { self: this, controller };
    },
  };
  new ReadableStream(source);
  equal(seen.self, source);
  assert(seen.controller instanceof ReadableStreamDefaultController);
  equal(seen.controller.desiredSize, 1, "default high-water mark is 1");
});

test("chunks enqueued in start are read in order, then done", async () => {
  deepEqual(await readAll(readableOf(["a", "b", "c"])), ["a", "b", "c"]);
});

test("enqueue keeps the very object it was given", async () => {
  const chunk = { n: 1 };
  const [read] = await readAll(readableOf([chunk]));
  equal(read, chunk);
});

// https://streams.spec.whatwg.org/#readable-stream-default-controller-get-desired-size
test("desiredSize follows the queue and is 0 once closed, null after error", async () => {
  let controller;
  const stream = new ReadableStream({ start: (c) => void (controller = c) }, { highWaterMark: 3 });
  equal(controller.desiredSize, 3);
  controller.enqueue("x");
  controller.enqueue("y");
  equal(controller.desiredSize, 1);
  controller.enqueue("z");
  controller.enqueue("w");
  equal(controller.desiredSize, -1, "enqueue past the high-water mark is allowed");
  controller.close();
  equal(controller.desiredSize, -1, "still readable while queued chunks wait to be read");
  await readAll(stream);
  equal(controller.desiredSize, 0, "closed");

  let errored;
  new ReadableStream({ start: (c) => void (errored = c) });
  errored.error(new Error("e"));
  equal(errored.desiredSize, null);
});

// https://streams.spec.whatwg.org/#readable-stream-default-controller-call-pull-if-needed
test("pull waits for start's promise, then fills the queue to the high-water mark", async () => {
  const started = deferred();
  let pulls = 0;
  new ReadableStream(
    {
      start: () => started.promise,
      pull(controller) {
        ++pulls;
        controller.enqueue(pulls);
      },
    },
    { highWaterMark: 2 },
  );
  await flush();
  equal(pulls, 0, "no pull before start settles");
  started.resolve();
  await flush();
  equal(pulls, 2, "pulled until desiredSize reached 0");
});

test("pull is not called again while its promise is pending", async () => {
  const pending = [];
  let pulls = 0;
  const stream = new ReadableStream(
    {
      pull() {
        ++pulls;
        const d = deferred();
        pending.push(d);
        return d.promise;
      },
    },
    { highWaterMark: 5 },
  );
  await flush();
  equal(pulls, 1);
  const reader = stream.getReader();
  reader.read();
  reader.read();
  await flush();
  equal(pulls, 1, "one pull at a time");
  pending[0].resolve();
  await flush();
  equal(pulls, 2, "the next pull after the first settled");
});

test("with highWaterMark 0, pull runs only when a read is pending", async () => {
  let pulls = 0;
  const stream = new ReadableStream(
    {
      pull(controller) {
        controller.enqueue(++pulls);
      },
    },
    { highWaterMark: 0 },
  );
  await flush();
  equal(pulls, 0);
  const reader = stream.getReader();
  deepEqual(await reader.read(), { value: 1, done: false });
  await flush();
  equal(pulls, 1, "no read-ahead");
});

test("a read waiting on an empty queue is fulfilled by the next enqueue", async () => {
  let controller;
  const stream = new ReadableStream({ start: (c) => void (controller = c) });
  const read = stream.getReader().read();
  await flush();
  controller.enqueue("late");
  deepEqual(await read, { value: "late", done: false });
});

// https://streams.spec.whatwg.org/#readable-stream-cancel
test("cancel(reason) empties the queue, calls the source's cancel and resolves undefined", async () => {
  let reason;
  let self;
  const source = {
    start(c) {
      c.enqueue("dropped");
    },
    cancel(r) {
      self = this;
      reason = r;
    },
  };
  const stream = new ReadableStream(source);
  equal(await stream.cancel("why"), undefined);
  equal(reason, "why");
  equal(self, source);
  deepEqual(await readAll(stream), [], "the queued chunk is gone, the stream is closed");
});

test("cancel waits for the source's cancel promise and rejects with its error", async () => {
  const d = deferred();
  let settled = false;
  const stream = new ReadableStream({ cancel: () => d.promise });
  const cancelled = stream.cancel().then(() => (settled = true));
  await flush();
  equal(settled, false);
  d.resolve("ignored");
  await cancelled;
  equal(settled, true);

  const failure = new Error("cancel failed");
  const other = new ReadableStream({ cancel: () => Promise.reject(failure) });
  let caught;
  await other.cancel().catch((e) => (caught = e));
  equal(caught, failure);
});

test("cancel of a closed stream resolves and does not call the source", async () => {
  let calls = 0;
  const stream = new ReadableStream({
    start: (c) => c.close(),
    cancel: () => void ++calls,
  });
  equal(await stream.cancel("x"), undefined);
  equal(calls, 0);
});

test("cancel of an errored stream rejects with the stored error", async () => {
  const failure = new Error("boom");
  const stream = new ReadableStream({ start: (c) => c.error(failure) });
  let caught;
  await stream.cancel().catch((e) => (caught = e));
  equal(caught, failure);
});

test("controller.error rejects pending and later reads with that error", async () => {
  let controller;
  const failure = new TypeError("bad");
  const stream = new ReadableStream({ start: (c) => void (controller = c) });
  const reader = stream.getReader();
  const pending = reader.read();
  controller.error(failure);
  let first;
  let second;
  await pending.catch((e) => (first = e));
  await reader.read().catch((e) => (second = e));
  equal(first, failure);
  equal(second, failure);
});

test("error discards queued chunks", async () => {
  const failure = new Error("gone");
  const stream = new ReadableStream({
    start(c) {
      c.enqueue(1);
      c.error(failure);
    },
  });
  let caught;
  await stream.getReader().read().catch((e) => (caught = e));
  equal(caught, failure);
});

test("locked is true while a reader holds the stream and false after releaseLock", () => {
  const stream = new ReadableStream();
  const reader = stream.getReader();
  equal(stream.locked, true);
  reader.releaseLock();
  equal(stream.locked, false);
});

test("close() with queued chunks lets them be read before done", async () => {
  let controller;
  const stream = new ReadableStream({ start: (c) => void (controller = c) });
  controller.enqueue(1);
  controller.enqueue(2);
  controller.close();
  deepEqual(await readAll(stream), [1, 2]);
});

test("a source's pull that enqueues many chunks at once is read completely", async () => {
  let n = 0;
  const stream = new ReadableStream({
    pull(c) {
      for (let i = 0; i < 10; ++i) c.enqueue(n++);
      if (n >= 1000) c.close();
    },
  });
  const chunks = await readAll(stream);
  equal(chunks.length, 1000);
  assert(chunks.every((v, i) => v === i), "in order");
});

await run();
