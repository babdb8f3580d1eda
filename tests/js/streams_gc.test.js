// Streams leave nothing behind: 100 000 streams with readers (some with writers, tees, pipes and
// transforms) are created and dropped, and after a GC Nano.liveObjects() shows none of their
// wrappers left. Run with NANO_V8_FLAGS=--expose-gc (set by tests/js/CMakeLists.txt).
// In node (no Nano) the same work runs and only the liveObjects assertions are skipped.
import { test, run, assert, equal, deepEqual } from "./lib/harness.js";

const counting = typeof Nano === "object" && typeof Nano.liveObjects === "function";
if (counting) assert(typeof gc === "function", "needs NANO_V8_FLAGS=--expose-gc");
const collect = typeof gc === "function" ? () => void (gc(), gc()) : () => {};

// The spec's class names, plus any other class of ours whose name says it belongs to streams
// (an iterator or a queue an implementation wraps under its own name).
const streamClasses = [
  "ReadableStream",
  "ReadableStreamDefaultReader",
  "ReadableStreamDefaultController",
  "ReadableStreamBYOBReader",
  "ReadableByteStreamController",
  "ReadableStreamBYOBRequest",
  "WritableStream",
  "WritableStreamDefaultWriter",
  "WritableStreamDefaultController",
  "TransformStream",
  "TransformStreamDefaultController",
  "CountQueuingStrategy",
  "ByteLengthQueuingStrategy",
];
function liveStreamObjects() {
  const counts = Nano.liveObjects();
  const names = new Set(streamClasses);
  for (const name of Object.keys(counts)) if (/Stream|Queuing/.test(name)) names.add(name);
  return Object.fromEntries([...names].map((name) => [name, counts[name] ?? 0]));
}

// Asserts that no stream class has more than `slack` objects more than in `before`.
function assertCollected(before, slack = 100) {
  if (!counting) return;
  collect();
  const after = liveStreamObjects();
  const left = Object.entries(after)
    .map(([name, count]) => [name, count - (before[name] ?? 0)])
    .filter(([, extra]) => extra >= slack);
  assert(left.length === 0, `left behind: ${JSON.stringify(Object.fromEntries(left))}`);
}

function baseline() {
  collect();
  return counting ? liveStreamObjects() : {};
}

// One stream with a reader that reads its one chunk; every 10th also a writable with a writer,
// every 100th a tee read on both branches and a pipe, every 1000th a pipeThrough a transform.
async function churn(i) {
  const stream = new ReadableStream(
    {
      start(c) {
        c.enqueue(i);
        c.close();
      },
    },
    new CountQueuingStrategy({ highWaterMark: 1 }),
  );
  const work = [];
  if (i % 100 === 0) {
    const [a, b] = stream.tee();
    work.push(a.getReader().read(), b.pipeTo(new WritableStream()));
  } else if (i % 1000 === 1) {
    const transformed = stream.pipeThrough(new TransformStream());
    work.push(transformed.getReader().read());
  } else {
    work.push(stream.getReader().read());
  }
  if (i % 10 === 0) {
    const writer = new WritableStream({}, new ByteLengthQueuingStrategy({ highWaterMark: 8 })).getWriter();
    work.push(writer.write(new Uint8Array(4)), writer.close());
  }
  if (i % 1000 === 2) {
    const bytes = new ReadableStream({ type: "bytes", start: (c) => c.enqueue(new Uint8Array(2)) });
    work.push(bytes.getReader({ mode: "byob" }).read(new Uint8Array(2)));
  }
  return Promise.all(work);
}

test("the streams being counted are counted while they live", async () => {
  if (!counting) return;
  const before = baseline();
  const kept = [];
  for (let i = 0; i < 1000; ++i) {
    const stream = new ReadableStream();
    kept.push(stream, stream.getReader(), new WritableStream().getWriter());
  }
  collect();
  const during = liveStreamObjects();
  for (const name of ["ReadableStream", "ReadableStreamDefaultReader", "WritableStreamDefaultWriter"])
    assert(during[name] - before[name] >= 1000, `${name}: ${during[name] - before[name]} counted`);
  kept.length = 0;
  // The start reactions still queued as microtasks hold their controllers until they ran.
  await new Promise((resolve) => setTimeout(resolve, 0));
  assertCollected(before);
});

test("100 000 streams with readers, writers, tees and pipes, dropped, are all collected", async () => {
  const before = baseline();
  const total = 100000;
  const batch = 1000;
  for (let start = 0; start < total; start += batch) {
    const batchWork = [];
    for (let i = start; i < start + batch; ++i) batchWork.push(churn(i));
    await Promise.all(batchWork);
  }
  assertCollected(before);
});

test("streams dropped with reads, writes, pipes and tees still pending are collected", async () => {
  const before = baseline();
  for (let i = 0; i < 10000; ++i) {
    const stream = new ReadableStream(); // never enqueues: everything below stays pending
    if (i % 4 === 0) {
      stream.getReader().read();
    } else if (i % 4 === 1) {
      const [a, b] = stream.tee();
      a.getReader().read();
      b.values().next();
    } else if (i % 4 === 2) {
      stream.pipeTo(new WritableStream(), { signal: new AbortController().signal });
    } else {
      const writer = new WritableStream({ write: () => new Promise(() => {}) }).getWriter();
      writer.write("stuck");
      writer.write("queued");
      stream.pipeThrough(new TransformStream());
    }
  }
  await new Promise((resolve) => setTimeout(resolve, 0));
  assertCollected(before);
});

// A pipe waiting for a chunk that never comes is reachable only through its signal; it must
// still be there to abort the destination when the signal aborts.
test("a pending pipe that only its signal reaches still aborts its destination", async () => {
  const aborted = [];
  const abort = new AbortController();
  const piping = (() => {
    const source = new ReadableStream();
    const dest = new WritableStream({ abort: (reason) => void aborted.push(reason) });
    return source.pipeTo(dest, { signal: abort.signal });
  })();
  await new Promise((resolve) => setTimeout(resolve, 0));
  collect();
  await new Promise((resolve) => setTimeout(resolve, 0));
  collect();
  abort.abort("stop");
  equal(await piping.catch((e) => e), "stop");
  deepEqual(aborted, ["stop"]);
});

test("an iterated and a cancelled stream leave nothing behind", async () => {
  const before = baseline();
  for (let i = 0; i < 5000; ++i) {
    const stream = ReadableStream.from([1, 2, 3]);
    for await (const chunk of stream) if (chunk === 2) break;
    await new ReadableStream().cancel("dropped");
  }
  assertCollected(before);
});

await run();
