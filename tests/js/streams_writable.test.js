// WritableStream, its default writer and controller: write settles when the sink processed the
// chunk, backpressure through ready/desiredSize, close and abort ordering, controller.signal.
// https://streams.spec.whatwg.org/#ws-class
import { test, run, equal, deepEqual, assert, throwsAsync } from "./lib/harness.js";
import { flush, recordingWritable, stateOf, deferred } from "./lib/streams.js";

test("a writable stream with no sink accepts writes and closes", async () => {
  const stream = new WritableStream();
  assert(stream instanceof WritableStream);
  equal(Object.prototype.toString.call(stream), "[object WritableStream]");
  const writer = stream.getWriter();
  assert(writer instanceof WritableStreamDefaultWriter);
  equal(stream.locked, true);
  await writer.write("x");
  await writer.close();
  equal(await writer.closed, undefined);
});

test("start runs synchronously with the sink as this and a default controller", () => {
  let seen;
  const sink = {
    start(controller) {
      seen = { self: this, controller };
    },
  };
  new WritableStream(sink);
  equal(seen.self, sink);
  assert(seen.controller instanceof WritableStreamDefaultController);
});

test("writes wait for start's promise", async () => {
  const started = deferred();
  const events = [];
  const stream = new WritableStream({ start: () => started.promise, write: (c) => void events.push(c) });
  const writer = stream.getWriter();
  writer.write("a");
  await flush();
  deepEqual(events, []);
  started.resolve();
  await flush();
  deepEqual(events, ["a"]);
});

// https://streams.spec.whatwg.org/#writable-stream-default-controller-process-write
test("write() settles only when the sink has processed that chunk", async () => {
  const processing = [];
  const stream = new WritableStream({
    write(chunk) {
      const d = deferred();
      processing.push({ chunk, d });
      return d.promise;
    },
  });
  const writer = stream.getWriter();
  const first = writer.write("one");
  const second = writer.write("two");
  await flush();
  equal(processing.length, 1, "the sink gets one chunk at a time");
  equal(await stateOf(first), "pending");
  processing[0].d.resolve();
  equal(await first, undefined);
  equal(await stateOf(second), "pending", "the second write waits for its own processing");
  equal(processing.length, 2);
  equal(processing[1].chunk, "two");
  processing[1].d.resolve();
  await second;
});

test("the sink's write gets (chunk, controller) with the sink as this", async () => {
  let seen;
  const sink = {
    start(c) {
      this.controller = c;
    },
    write(chunk, controller) {
      seen = { self: this, chunk, controller };
    },
  };
  const writer = new WritableStream(sink).getWriter();
  const chunk = { id: 1 };
  await writer.write(chunk);
  equal(seen.self, sink);
  equal(seen.chunk, chunk);
  equal(seen.controller, sink.controller);
});

// https://streams.spec.whatwg.org/#writable-stream-update-backpressure
test("desiredSize and ready follow the queue against the high-water mark", async () => {
  const gate = deferred();
  const stream = new WritableStream({ write: () => gate.promise }, { highWaterMark: 2 });
  const writer = stream.getWriter();
  equal(writer.desiredSize, 2);
  equal(await stateOf(writer.ready), "fulfilled");
  writer.write("a");
  equal(writer.desiredSize, 1, "the chunk is queued while the sink processes it");
  writer.write("b");
  equal(writer.desiredSize, 0);
  equal(await stateOf(writer.ready), "pending", "backpressure");
  gate.resolve();
  await writer.ready;
  assert(writer.desiredSize > 0);
});

// The user complaint this answers: a producer that awaits ready must never get ahead of the
// sink by more than the high-water mark.
test("a producer awaiting ready never has more than the high-water mark queued", async () => {
  const highWaterMark = 4;
  let written = 0;
  let processed = 0;
  let maxQueuedBySink = 0;
  let minDesired = Infinity;
  const stream = new WritableStream(
    {
      async write() {
        await new Promise((resolve) => setTimeout(resolve, 1));
        // This chunk and those behind it are in the queue while the sink works.
        maxQueuedBySink = Math.max(maxQueuedBySink, written - processed);
        ++processed;
      },
    },
    new CountQueuingStrategy({ highWaterMark }),
  );
  const writer = stream.getWriter();
  for (let i = 0; i < 60; ++i) {
    await writer.ready;
    writer.write(i);
    ++written;
    minDesired = Math.min(minDesired, writer.desiredSize);
    equal(highWaterMark - writer.desiredSize, written - processed, "desiredSize counts the queue");
    assert(written - processed <= highWaterMark, `${written - processed} chunks queued`);
  }
  await writer.close();
  equal(processed, 60);
  equal(minDesired, 0, "desiredSize went down to 0, never below");
  equal(maxQueuedBySink, highWaterMark, "the sink saw the queue full but never past it");
});

test("a size() strategy counts chunk sizes in desiredSize", async () => {
  const gate = deferred();
  const stream = new WritableStream(
    { write: () => gate.promise },
    { highWaterMark: 10, size: (chunk) => chunk.length },
  );
  const writer = stream.getWriter();
  writer.write("abcd");
  equal(writer.desiredSize, 6);
  writer.write("efghijk");
  equal(writer.desiredSize, -1);
  gate.resolve();
});

// https://streams.spec.whatwg.org/#writable-stream-default-writer-close
test("close waits for queued writes, then calls the sink's close and resolves closed", async () => {
  const order = [];
  const stream = new WritableStream({
    async write(chunk) {
      await flush();
      order.push(chunk);
    },
    close() {
      order.push("close");
    },
  });
  const writer = stream.getWriter();
  writer.write(1);
  writer.write(2);
  const closing = writer.close();
  writer.closed.then(() => order.push("closed"));
  await closing;
  await flush();
  deepEqual(order, [1, 2, "close", "closed"]);
});

test("write after close rejects with a TypeError", async () => {
  const writer = new WritableStream().getWriter();
  writer.close();
  await throwsAsync(() => writer.write("late"), "TypeError");
});

test("stream.close() closes an unlocked stream; a locked one rejects with a TypeError", async () => {
  const { stream, events } = recordingWritable();
  await stream.close();
  deepEqual(events, ["close"]);
  const locked = new WritableStream();
  locked.getWriter();
  await throwsAsync(() => locked.close(), "TypeError");
});

// https://streams.spec.whatwg.org/#writable-stream-abort
test("abort: the write in progress finishes, queued writes reject, then the sink's abort runs", async () => {
  const gate = deferred();
  const reason = new Error("stop");
  const order = [];
  const stream = new WritableStream(
    {
      write(chunk) {
        order.push(`write ${chunk}`);
        return gate.promise;
      },
      abort(r) {
        order.push("abort");
        equal(r, reason);
      },
    },
    { highWaterMark: 5 },
  );
  const writer = stream.getWriter();
  const w1 = writer.write(1);
  const w2 = writer.write(2);
  const w3 = writer.write(3);
  await flush();
  const aborted = writer.abort(reason);
  w1.then(() => order.push("w1 fulfilled"));
  w2.catch((e) => order.push(e === reason ? "w2 rejected" : "w2 wrong"));
  w3.catch((e) => order.push(e === reason ? "w3 rejected" : "w3 wrong"));
  await flush();
  deepEqual(order, ["write 1"], "abort waits for the write in progress");
  gate.resolve();
  await aborted;
  await flush();
  // The sink's abort is called in the same job that settles the writes (writable-stream-finish-
  // erroring), so it is recorded before the writes' reactions run.
  deepEqual(order, ["write 1", "abort", "w1 fulfilled", "w2 rejected", "w3 rejected"]);
  let closedError;
  await writer.closed.catch((e) => (closedError = e));
  equal(closedError, reason);
  let lateError;
  await writer.write(4).catch((e) => (lateError = e));
  equal(lateError, reason, "writes to the errored stream reject with the reason");
});

test("abort rejects a pending close with the reason and skips the sink's close", async () => {
  const gate = deferred();
  const { stream, events } = recordingWritable({ write: () => gate.promise });
  const writer = stream.getWriter();
  const writing = writer.write("a");
  await flush(); // started, "a" is in the sink
  const closing = writer.close();
  const aborting = writer.abort("why");
  let closeError;
  closing.catch((e) => (closeError = e));
  gate.resolve();
  await aborting.catch(() => {});
  await flush();
  equal(closeError, "why");
  equal(await writing, undefined, "the write in progress completed");
  deepEqual(events, ["write", "a", "abort", "why"]);
});

test("abort after close has completed resolves and does not call the sink", async () => {
  const { stream, events } = recordingWritable();
  const writer = stream.getWriter();
  await writer.close();
  equal(await writer.abort("late"), undefined);
  deepEqual(events, ["close"]);
});

test("abort rejects with the sink's abort error", async () => {
  const failure = new Error("abort failed");
  const writer = new WritableStream({
    abort() {
      throw failure;
    },
  }).getWriter();
  let caught;
  await writer.abort("x").catch((e) => (caught = e));
  equal(caught, failure);
});

// https://streams.spec.whatwg.org/#ws-default-controller-signal
test("controller.signal aborts with the reason as soon as abort() is called", async () => {
  let controller;
  const gate = deferred();
  const stream = new WritableStream({
    start: (c) => void (controller = c),
    write: () => gate.promise,
  });
  const signal = controller.signal;
  assert(signal instanceof AbortSignal);
  equal(signal.aborted, false);
  let eventReason;
  signal.addEventListener("abort", () => (eventReason = signal.reason));
  const writer = stream.getWriter();
  writer.write("in flight");
  await flush();
  const reason = { why: "user" };
  const aborting = writer.abort(reason);
  equal(signal.aborted, true, "aborted before the write in progress finished");
  equal(signal.reason, reason);
  equal(eventReason, reason);
  gate.resolve();
  await aborting;
});

// https://dom.spec.whatwg.org/#abortsignal-signal-abort: a reason that is not given (undefined)
// becomes an "AbortError" DOMException on the signal (as node, workerd and WPT read it), while
// the stream's stored error stays undefined.
test("abort() without a reason: the signal's reason is an AbortError, the stream's is undefined", async () => {
  let controller;
  const stream = new WritableStream({ start: (c) => void (controller = c) });
  const writer = stream.getWriter();
  await writer.abort();
  equal(controller.signal.aborted, true);
  assert(controller.signal.reason instanceof DOMException);
  equal(controller.signal.reason.name, "AbortError");
  let closedError = "not rejected";
  await writer.closed.catch((e) => (closedError = e));
  equal(closedError, undefined);
});

test("controller.error(e) errors the stream: writes and closed reject with e", async () => {
  let controller;
  const failure = new Error("sink broke");
  const writer = new WritableStream({ start: (c) => void (controller = c) }).getWriter();
  controller.error(failure);
  let writeError;
  let closedError;
  await writer.write("x").catch((e) => (writeError = e));
  await writer.closed.catch((e) => (closedError = e));
  equal(writeError, failure);
  equal(closedError, failure);
  equal(writer.desiredSize, null);
});

test("releaseLock unlocks; the old writer's closed and ready reject with a TypeError", async () => {
  const stream = new WritableStream();
  const writer = stream.getWriter();
  writer.releaseLock();
  equal(stream.locked, false);
  await throwsAsync(() => writer.closed, "TypeError");
  await throwsAsync(() => writer.ready, "TypeError");
  await throwsAsync(() => writer.write("x"), "TypeError");
  const next = stream.getWriter();
  await next.write("y");
});

await run();
