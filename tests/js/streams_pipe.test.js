// pipeTo and pipeThrough: close/abort/cancel propagation and their prevent* options, errors
// both ways, abort through a signal, backpressure. https://streams.spec.whatwg.org/#readable-stream-pipe-to
import { test, run, equal, deepEqual, assert, throws, throwsAsync } from "./lib/harness.js";
import { flush, readAll, readableOf, recordingWritable, stateOf } from "./lib/streams.js";

// A readable stream that records cancel reasons and hands out its controller.
function controlled() {
  const cancels = [];
  let controller;
  const stream = new ReadableStream({
    start: (c) => void (controller = c),
    cancel: (reason) => void cancels.push(reason),
  });
  return { stream, cancels, controller };
}

test("pipeTo writes every chunk in order, closes the destination and unlocks both", async () => {
  const source = readableOf([1, 2, 3]);
  const { stream: dest, events } = recordingWritable();
  const piping = source.pipeTo(dest);
  equal(source.locked, true);
  equal(dest.locked, true);
  equal(await piping, undefined);
  deepEqual(events, ["write", 1, "write", 2, "write", 3, "close"]);
  equal(source.locked, false);
  equal(dest.locked, false);
});

test("preventClose leaves the destination open for more writes", async () => {
  const { stream: dest, events } = recordingWritable();
  await readableOf(["a"]).pipeTo(dest, { preventClose: true });
  const writer = dest.getWriter();
  await writer.write("b");
  deepEqual(events, ["write", "a", "write", "b"]);
});

// https://streams.spec.whatwg.org/#readable-stream-pipe-to: "errors must be propagated forward".
test("a source error aborts the destination with it and rejects pipeTo", async () => {
  const { stream: source, controller } = controlled();
  const { stream: dest, events } = recordingWritable();
  const failure = new Error("source failed");
  const piping = source.pipeTo(dest);
  controller.enqueue("x");
  await flush();
  controller.error(failure);
  equal(await piping.catch((e) => e), failure);
  deepEqual(events, ["write", "x", "abort", failure]);
});

test("preventAbort keeps the destination writable when the source errors", async () => {
  const { stream: source, controller } = controlled();
  const { stream: dest, events } = recordingWritable();
  const failure = new Error("source failed");
  const piping = source.pipeTo(dest, { preventAbort: true });
  controller.error(failure);
  equal(await piping.catch((e) => e), failure);
  deepEqual(events, []);
  await dest.getWriter().write("still");
  deepEqual(events, ["write", "still"]);
});

// "errors must be propagated backward".
test("a destination error cancels the source with it and rejects pipeTo", async () => {
  const { stream: source, controller, cancels } = controlled();
  const failure = new Error("sink failed");
  const dest = new WritableStream({
    write() {
      throw failure;
    },
  });
  const piping = source.pipeTo(dest);
  controller.enqueue("boom");
  equal(await piping.catch((e) => e), failure);
  deepEqual(cancels, [failure]);
});

test("preventCancel keeps the source readable when the destination errors", async () => {
  const { stream: source, controller, cancels } = controlled();
  const failure = new Error("sink failed");
  const dest = new WritableStream({
    write() {
      throw failure;
    },
  });
  const piping = source.pipeTo(dest, { preventCancel: true });
  controller.enqueue("first");
  equal(await piping.catch((e) => e), failure);
  deepEqual(cancels, []);
  equal(source.locked, false);
  controller.enqueue("second");
  controller.close();
  deepEqual(await readAll(source), ["second"], "the chunk the pipe wrote was consumed");
});

test("piping to an already errored destination cancels the source", async () => {
  const { stream: source, cancels } = controlled();
  const failure = new Error("errored before");
  const dest = new WritableStream({ start: (c) => c.error(failure) });
  equal(await source.pipeTo(dest).catch((e) => e), failure);
  deepEqual(cancels, [failure]);
});

test("a closed destination cancels the source with a TypeError", async () => {
  const { stream: source, cancels } = controlled();
  const dest = new WritableStream();
  await dest.close();
  const error = await source.pipeTo(dest).catch((e) => e);
  equal(error.name, "TypeError");
  equal(cancels.length, 1);
  equal(cancels[0].name, "TypeError");
});

// https://streams.spec.whatwg.org/#readable-stream-pipe-to, step 14 (the signal's abort algorithm).
test("aborting the signal rejects pipeTo with its reason, aborts dest and cancels source", async () => {
  const { stream: source, controller, cancels } = controlled();
  const { stream: dest, events } = recordingWritable();
  const abort = new AbortController();
  const piping = source.pipeTo(dest, { signal: abort.signal });
  controller.enqueue("before");
  await flush();
  const reason = new Error("user stopped");
  abort.abort(reason);
  equal(await piping.catch((e) => e), reason);
  deepEqual(events, ["write", "before", "abort", reason]);
  deepEqual(cancels, [reason]);
  equal(source.locked, false);
  equal(dest.locked, false);
});

test("abort() without a reason rejects pipeTo with an AbortError DOMException", async () => {
  const { stream: source } = controlled();
  const abort = new AbortController();
  const piping = source.pipeTo(new WritableStream(), { signal: abort.signal });
  abort.abort();
  const error = await piping.catch((e) => e);
  assert(error instanceof DOMException);
  equal(error.name, "AbortError");
});

test("an already aborted signal rejects at once and honours preventAbort/preventCancel", async () => {
  const { stream: source, cancels } = controlled();
  const { stream: dest, events } = recordingWritable();
  const signal = AbortSignal.abort("early");
  const error = await source
    .pipeTo(dest, { signal, preventAbort: true, preventCancel: true })
    .catch((e) => e);
  equal(error, "early");
  deepEqual(events, []);
  deepEqual(cancels, []);
  equal(source.locked, false);
});

// Step 14.1: each action of the abort algorithm looks at its stream's state when it runs.
test("abort with preventAbort cancels only a still readable source, and rejects with the reason", async () => {
  const { stream: source, controller, cancels } = controlled();
  const { stream: dest, events } = recordingWritable();
  const abort = new AbortController();
  const piping = source.pipeTo(dest, { signal: abort.signal, preventAbort: true });
  await flush();
  const sourceError = new Error("source failed");
  const reason = new Error("aborted");
  controller.error(sourceError); // the pipe learns of it a microtask later, after the abort
  abort.abort(reason);
  equal(await piping.catch((e) => e), reason);
  deepEqual(cancels, []);
  await dest.getWriter().write("still writable");
  deepEqual(events, ["write", "still writable"]);
});

test("abort with preventAbort and preventCancel leaves both streams usable", async () => {
  const { stream: source, controller, cancels } = controlled();
  const { stream: dest, events } = recordingWritable();
  const abort = new AbortController();
  const piping = source.pipeTo(dest, { signal: abort.signal, preventAbort: true, preventCancel: true });
  controller.enqueue(1);
  await flush();
  abort.abort("stop");
  equal(await piping.catch((e) => e), "stop");
  deepEqual(events, ["write", 1]);
  deepEqual(cancels, []);
  controller.enqueue(2);
  deepEqual(await source.getReader().read(), { value: 2, done: false });
  await dest.getWriter().write(3);
  deepEqual(events, ["write", 1, "write", 3]);
});

test("aborting after the pipe finished changes nothing", async () => {
  const abort = new AbortController();
  const { stream: dest, events } = recordingWritable();
  await readableOf([1]).pipeTo(dest, { signal: abort.signal });
  abort.abort();
  await flush();
  deepEqual(events, ["write", 1, "close"]);
});

test("pipeThrough returns the transform's readable and pipes into its writable", async () => {
  const doubled = new TransformStream({ transform: (n, c) => c.enqueue(n * 2) });
  const out = readableOf([1, 2, 3]).pipeThrough(doubled);
  equal(out, doubled.readable);
  deepEqual(await readAll(out), [2, 4, 6]);
});

test("pipeThrough accepts any {writable, readable} pair and chains", async () => {
  const plusOne = () => new TransformStream({ transform: (n, c) => c.enqueue(n + 1) });
  const { writable, readable } = plusOne();
  const out = readableOf([0]).pipeThrough({ writable, readable }).pipeThrough(plusOne());
  deepEqual(await readAll(out), [2]);
});

test("pipeThrough with a bad pair or a locked side throws a TypeError", () => {
  throws(() => readableOf([]).pipeThrough({}), "TypeError");
  throws(() => readableOf([]).pipeThrough({ readable: new ReadableStream() }), "TypeError");
  const ts = new TransformStream();
  ts.writable.getWriter();
  throws(() => readableOf([]).pipeThrough(ts), "TypeError");
  const locked = readableOf([]);
  locked.getReader();
  throws(() => locked.pipeThrough(new TransformStream()), "TypeError");
});

// WebIDL converts every argument before the method's steps: the pair, then the options.
test("pipeThrough reads the pair's members before the options', in IDL order", () => {
  const reads = [];
  const { readable, writable } = new TransformStream();
  const pair = {
    get readable() { reads.push("readable"); return readable; },
    get writable() { reads.push("writable"); return writable; },
  };
  const options = {};
  for (const key of ["preventAbort", "preventCancel", "preventClose", "signal"])
    Object.defineProperty(options, key, { get: () => void reads.push(key) });
  readableOf([]).pipeThrough(pair, options);
  deepEqual(reads, ["readable", "writable", "preventAbort", "preventCancel", "preventClose", "signal"]);
});

test("pipeTo to a non-WritableStream rejects with a TypeError", async () => {
  await throwsAsync(() => readableOf([]).pipeTo({}), "TypeError");
  await throwsAsync(() => readableOf([]).pipeTo(), "TypeError");
  await throwsAsync(() => readableOf([]).pipeTo(new WritableStream(), { signal: 5 }), "TypeError");
});

// https://streams.spec.whatwg.org/#readable-stream-pipe-to: "Backpressure must be enforced".
test("backpressure: the source is not pulled faster than the destination drains", async () => {
  const total = 100;
  const sourceHighWaterMark = 1;
  const destHighWaterMark = 2;
  let pulled = 0;
  let written = 0;
  let maxAhead = 0;
  const source = new ReadableStream(
    {
      pull(c) {
        if (pulled === total) return c.close();
        c.enqueue(pulled++);
        maxAhead = Math.max(maxAhead, pulled - written);
      },
    },
    { highWaterMark: sourceHighWaterMark },
  );
  const dest = new WritableStream(
    {
      async write(chunk) {
        equal(chunk, written, "in order");
        await new Promise((resolve) => setTimeout(resolve, 0));
        ++written;
      },
    },
    { highWaterMark: destHighWaterMark },
  );
  await source.pipeTo(dest);
  equal(written, total);
  // At most the destination's queue, the source's queue and the chunk being pulled.
  assert(
    maxAhead <= destHighWaterMark + sourceHighWaterMark + 1,
    `the source got ${maxAhead} chunks ahead of the sink`,
  );
});

test("a pipe from a source that is never read ahead of a slow sink: pull count follows writes", async () => {
  let pulls = 0;
  let writes = 0;
  const source = new ReadableStream(
    {
      pull(c) {
        ++pulls;
        c.enqueue(pulls);
        if (pulls === 20) c.close();
      },
    },
    { highWaterMark: 0 },
  );
  let release;
  const dest = new WritableStream({
    write() {
      ++writes;
      return new Promise((resolve) => (release = resolve));
    },
  });
  const piping = source.pipeTo(dest);
  await flush();
  equal(writes, 1);
  assert(pulls <= 3, `pulled ${pulls} while the first write is stuck`);
  for (let i = 0; i < 25 && (await stateOf(piping)) === "pending"; ++i) release();
  await piping;
  equal(writes, 20);
});

await run();
