// Streams keep working when a script puts index accessors on Array.prototype and
// Object.prototype: the engine's own arrays (a wrapper's references, the queues of chunks,
// read requests and write requests) never run those accessors, so no value the engine holds
// is swallowed by a setter and collected while it is still in use. Arrays the engine hands
// to scripts (a WebIDL sequence) are made with CreateDataProperty, so the setters do not run
// either. Run with NANO_V8_FLAGS=--expose-gc (set by tests/js/CMakeLists.txt).
import { test, run, equal, deepEqual, assert } from "./lib/harness.js";
import { flush } from "./lib/streams.js";

const collect = typeof gc === "function" ? () => void (gc(), gc()) : () => {};
const kIndices = 16;

// Runs fn with accessors on indices 0..15 of both prototypes; returns how often a setter ran.
// fn must not rely on arrays of its own while they are installed.
async function withHostilePrototypes(fn) {
  let setterCalls = 0;
  for (const proto of [Array.prototype, Object.prototype])
    for (let i = 0; i < kIndices; i++)
      Object.defineProperty(proto, i, {
        configurable: true,
        get() {
          return "fake" + i;
        },
        set() {
          setterCalls++;
        },
      });
  try {
    await fn();
  } finally {
    for (const proto of [Array.prototype, Object.prototype])
      for (let i = 0; i < kIndices; i++) delete proto[i];
  }
  return setterCalls;
}

test("queued chunks are not taken by Array.prototype setters", async () => {
  let out = "";
  const calls = await withHostilePrototypes(async () => {
    const stream = new ReadableStream({
      start(c) {
        for (let i = 0; i < 10; i++) c.enqueue("chunk" + i);
      },
    });
    const reader = stream.getReader();
    for (let i = 0; i < 10; i++) out += (await reader.read()).value + ",";
  });
  equal(out, "chunk0,chunk1,chunk2,chunk3,chunk4,chunk5,chunk6,chunk7,chunk8,chunk9,");
  equal(calls, 0, "setter calls");
});

test("pending read requests are not taken by Array.prototype setters", async () => {
  let controller;
  const stream = new ReadableStream({
    start(c) {
      controller = c;
    },
  });
  const reader = stream.getReader();
  let p1, p2, p3;
  const calls = await withHostilePrototypes(() => {
    p1 = reader.read();
    p2 = reader.read();
    p3 = reader.read();
  });
  controller.enqueue(1);
  controller.enqueue(2);
  controller.enqueue(3);
  equal(JSON.stringify([await p1, await p2, await p3]),
    '[{"value":1,"done":false},{"value":2,"done":false},{"value":3,"done":false}]');
  equal(calls, 0, "setter calls");
});

test("write requests are not taken by Array.prototype setters", async () => {
  let written = "";
  let release;
  const stream = new WritableStream({
    write(chunk) {
      written += chunk + ",";
      return new Promise((resolve) => (release = resolve));
    },
  });
  const writer = stream.getWriter();
  let writes;
  const calls = await withHostilePrototypes(() => {
    writes = [0, 1, 2, 3, 4, 5].map((i) => writer.write("w" + i));
  });
  for (let i = 0; i < 6; i++) {
    await flush();
    release();
  }
  await Promise.all(writes);
  equal(written, "w0,w1,w2,w3,w4,w5,");
  equal(calls, 0, "setter calls");
});

test("references made under hostile prototypes survive garbage collection", async () => {
  let pulls = 0;
  const stream = new ReadableStream({
    pull(c) {
      c.enqueue(++pulls);
    },
  });
  let iterator, reader;
  await withHostilePrototypes(() => {
    iterator = stream[Symbol.asyncIterator]();
    const other = new ReadableStream({ start: (c) => c.enqueue("kept") });
    reader = other.getReader();
  });
  for (let k = 0; k < 5; k++) {
    collect();
    let garbage = [];
    for (let i = 0; i < 100000; i++) garbage.push({ i });
    garbage = null;
    await flush();
  }
  collect();
  equal(JSON.stringify(await iterator.next()), '{"value":1,"done":false}');
  equal(JSON.stringify(await reader.read()), '{"value":"kept","done":false}');
});

test("a WebIDL sequence the engine returns does not run Array.prototype setters", async () => {
  const params = new URLSearchParams("a=1&a=2&a=3");
  let all;
  const calls = await withHostilePrototypes(() => {
    all = params.getAll("a");
  });
  equal(JSON.stringify(all), '["1","2","3"]');
  equal(calls, 0, "setter calls");
});

// A read() called with almost no stack left either throws or rejects a RangeError before it
// takes a chunk, or delivers the chunk: never takes it and then fails.
test("reads made at every depth near the stack limit lose no chunk", async () => {
  const chunks = Array.from({ length: 400 }, (_, i) => i);
  const reader = new ReadableStream(
    { start(c) { for (const x of chunks) c.enqueue(x); c.close(); } },
    { highWaterMark: 1000 },
  ).getReader();
  let depth = 0;
  function measure(n) { depth = n; measure(n + 1); }
  try { measure(0); } catch {}
  // A store into a slot that exists calls nothing, so no promise is lost on the way back.
  const tries = Math.min(depth, 4000);
  const reads = new Array(tries).fill(undefined);
  function readAt(n, slot) {
    if (n > 0) return readAt(n - 1, slot);
    try { reads[slot] = reader.read(); } catch {}
  }
  for (let m = 0; m < tries; m++) try { readAt(depth - m, m); } catch {}
  const settled = await Promise.allSettled(reads.filter((p) => p !== undefined));
  for (const s of settled) if (s.status === "rejected") equal(s.reason.name, "RangeError");
  const values = settled.filter((s) => s.status === "fulfilled" && !s.value.done).map((s) => s.value.value);
  assert(values.length > 0, "some reads must have got through");
  deepEqual(values, chunks.slice(0, values.length));
});

await run();
