// Every misuse the streams spec defines gets its spec error, a throwing user callback errors the
// stream with its error, and a then patched onto Object.prototype is not observable.
import { test, run, equal, deepEqual, assert, throws, throwsAsync } from "./lib/harness.js";
import { flush, readableOf, recordingWritable } from "./lib/streams.js";

// What a callback threw or a promise rejected with.
async function errorOf(fnOrPromise) {
  try {
    await (typeof fnOrPromise === "function" ? fnOrPromise() : fnOrPromise);
  } catch (e) {
    return e;
  }
  throw new Error("expected an error");
}

const lockedReadable = () => {
  const stream = new ReadableStream();
  stream.getReader();
  return stream;
};

// https://streams.spec.whatwg.org/#is-readable-stream-locked
test("a locked ReadableStream: getReader, cancel, pipeTo, pipeThrough, tee, values", async () => {
  throws(() => lockedReadable().getReader(), "TypeError");
  throws(() => new ReadableStreamDefaultReader(lockedReadable()), "TypeError");
  await throwsAsync(() => lockedReadable().cancel(), "TypeError");
  await throwsAsync(() => lockedReadable().pipeTo(new WritableStream()), "TypeError");
  throws(() => lockedReadable().pipeThrough(new TransformStream()), "TypeError");
  throws(() => lockedReadable().tee(), "TypeError");
  throws(() => lockedReadable().values(), "TypeError");
});

test("cancel of a locked stream does not reach the source", async () => {
  let cancels = 0;
  const stream = new ReadableStream({ cancel: () => void ++cancels });
  stream.getReader();
  await stream.cancel().catch(() => {});
  equal(cancels, 0);
});

test("a locked WritableStream: getWriter, new writer, abort, close, pipeTo into it", async () => {
  const locked = () => {
    const stream = new WritableStream();
    stream.getWriter();
    return stream;
  };
  throws(() => locked().getWriter(), "TypeError");
  throws(() => new WritableStreamDefaultWriter(locked()), "TypeError");
  await throwsAsync(() => locked().abort(), "TypeError");
  await throwsAsync(() => locked().close(), "TypeError");
  await throwsAsync(() => readableOf([]).pipeTo(locked()), "TypeError");
});

// https://streams.spec.whatwg.org/#readable-stream-default-controller-can-close-or-enqueue
test("enqueue or close after close, and close twice, throw a TypeError", () => {
  let controller;
  new ReadableStream({ start: (c) => void (controller = c) });
  controller.close();
  throws(() => controller.enqueue("late"), "TypeError");
  throws(() => controller.close(), "TypeError");
});

test("enqueue and close after error throw a TypeError; a second error() is ignored", async () => {
  let controller;
  const first = new Error("first");
  const stream = new ReadableStream({ start: (c) => void (controller = c) });
  controller.error(first);
  throws(() => controller.enqueue("x"), "TypeError");
  throws(() => controller.close(), "TypeError");
  controller.error(new Error("second"));
  equal(await errorOf(stream.getReader().closed), first);
});

test("enqueue after the stream was cancelled throws a TypeError", async () => {
  let controller;
  const stream = new ReadableStream({ start: (c) => void (controller = c) });
  await stream.cancel();
  throws(() => controller.enqueue("x"), "TypeError");
});

// https://streams.spec.whatwg.org/#abstract-opdef-readablestreamdefaultreaderrelease
test("releaseLock with pending reads rejects them with a TypeError", async () => {
  const stream = new ReadableStream();
  const reader = stream.getReader();
  const reads = [reader.read(), reader.read()];
  reader.releaseLock();
  for (const read of reads) equal((await errorOf(read)).name, "TypeError");
  equal(stream.locked, false);
});

test("a reader whose lock was released: read, cancel and closed reject with a TypeError", async () => {
  const reader = readableOf([1]).getReader();
  reader.releaseLock();
  await throwsAsync(() => reader.read(), "TypeError");
  await throwsAsync(() => reader.cancel(), "TypeError");
  await throwsAsync(() => reader.closed, "TypeError");
});

test("a writer whose lock was released: write, close, abort, ready reject with a TypeError", async () => {
  const writer = new WritableStream().getWriter();
  writer.releaseLock();
  await throwsAsync(() => writer.write("x"), "TypeError");
  await throwsAsync(() => writer.close(), "TypeError");
  await throwsAsync(() => writer.abort(), "TypeError");
  await throwsAsync(() => writer.ready, "TypeError");
  throws(() => writer.desiredSize, "TypeError");
});

test("writer.close twice rejects the second with a TypeError", async () => {
  const writer = new WritableStream().getWriter();
  const first = writer.close();
  await throwsAsync(() => writer.close(), "TypeError");
  await first;
});

// Throwing user callbacks: the stream is errored with exactly that error.
test("a throwing start makes the ReadableStream and WritableStream constructors throw it", () => {
  const failure = new Error("start");
  const start = () => {
    throw failure;
  };
  let caught;
  try {
    new ReadableStream({ start });
  } catch (e) {
    caught = e;
  }
  equal(caught, failure);
  caught = undefined;
  try {
    new WritableStream({ start });
  } catch (e) {
    caught = e;
  }
  equal(caught, failure);
});

test("a start promise that rejects errors the stream", async () => {
  const failure = new Error("async start");
  const readable = new ReadableStream({ start: () => Promise.reject(failure) });
  equal(await errorOf(readable.getReader().read()), failure);
  const writable = new WritableStream({ start: () => Promise.reject(failure) });
  equal(await errorOf(writable.getWriter().closed), failure);
});

test("a throwing pull errors the stream with its error", async () => {
  const failure = new Error("pull");
  const stream = new ReadableStream({
    pull() {
      throw failure;
    },
  });
  const reader = stream.getReader();
  equal(await errorOf(reader.read()), failure);
  equal(await errorOf(reader.closed), failure);
});

test("a throwing cancel rejects cancel() with its error", async () => {
  const failure = new Error("cancel");
  const stream = new ReadableStream({
    cancel() {
      throw failure;
    },
  });
  equal(await errorOf(stream.cancel()), failure);
});

test("a throwing write errors the writable stream: later writes and closed reject with it", async () => {
  const failure = new Error("write");
  const writer = new WritableStream({
    write() {
      throw failure;
    },
  }).getWriter();
  equal(await errorOf(writer.write(1)), failure);
  equal(await errorOf(writer.write(2)), failure);
  equal(await errorOf(writer.closed), failure);
  equal(writer.desiredSize, null);
});

test("a throwing close rejects close() and closed with its error", async () => {
  const failure = new Error("close");
  const writer = new WritableStream({
    close() {
      throw failure;
    },
  }).getWriter();
  equal(await errorOf(writer.close()), failure);
  equal(await errorOf(writer.closed), failure);
});

test("a throwing size errors the stream it belongs to", async () => {
  const failure = new Error("size");
  const size = () => {
    throw failure;
  };
  let controller;
  const readable = new ReadableStream({ start: (c) => void (controller = c) }, { size });
  throws(() => controller.enqueue("x"), "Error");
  equal(await errorOf(readable.getReader().closed), failure);
  const writer = new WritableStream({}, { size }).getWriter();
  equal(await errorOf(writer.write("x")), failure);
});

// WPT streams/piping/then-interception.any.js, and the same with a getter.
function patchThen(kind) {
  const intercepted = [];
  const record = function () {
    if (this && typeof this === "object" && "done" in this) intercepted.push(this.value);
  };
  if (kind === "getter") {
    Object.defineProperty(Object.prototype, "then", {
      configurable: true,
      get() {
        record.call(this);
        return undefined;
      },
    });
  } else {
    Object.prototype.then = function (resolve) {
      record.call(this);
      resolve(Object.create(null));
    };
  }
  return intercepted;
}
const unpatchThen = () => delete Object.prototype.then;

for (const kind of ["function", "getter"]) {
  test(`a then ${kind} on Object.prototype does not change pipeTo`, async () => {
    const { stream: dest, events } = recordingWritable();
    const source = readableOf(["a", "b"]);
    const intercepted = patchThen(kind);
    try {
      await source.pipeTo(dest);
    } finally {
      unpatchThen();
    }
    deepEqual(intercepted, [], "no read result went through a then lookup");
    deepEqual(events, ["write", "a", "write", "b", "close"]);
  });

  test(`a then ${kind} on Object.prototype does not change tee`, async () => {
    const { stream: dest, events } = recordingWritable();
    const [branch1, branch2] = readableOf(["a"]).tee();
    const intercepted = patchThen(kind);
    try {
      await branch1.pipeTo(dest);
    } finally {
      unpatchThen();
    }
    branch2.cancel();
    deepEqual(intercepted, []);
    deepEqual(events, ["write", "a", "close"]);
  });
}

// Bad arguments: WebIDL conversions and the spec's own checks.
// IDL: constructor(optional object underlyingSource): null is not an object.
test("new ReadableStream(5) and other non-object sources throw a TypeError", () => {
  for (const bad of [5, "source", true, Symbol("s"), null]) {
    throws(() => new ReadableStream(bad), "TypeError");
    throws(() => new WritableStream(bad), "TypeError");
    throws(() => new TransformStream(bad), "TypeError");
  }
  new ReadableStream(undefined);
  new ReadableStream(() => {}); // a function is an object
});

test("non-callable start, pull or cancel throw a TypeError", () => {
  throws(() => new ReadableStream({ pull: 5 }), "TypeError");
  throws(() => new ReadableStream({ start: "x" }), "TypeError");
  throws(() => new ReadableStream({ cancel: {} }), "TypeError");
  throws(() => new WritableStream({ write: 1 }), "TypeError");
  throws(() => new WritableStream({ close: "x" }), "TypeError");
  throws(() => new WritableStream({ abort: {} }), "TypeError");
  throws(() => new TransformStream({ transform: 5 }), "TypeError");
  throws(() => new TransformStream({ flush: "x" }), "TypeError");
});

// ReadableStreamType is a WebIDL enum: an unknown value fails its conversion.
test("an unknown ReadableStream type is a TypeError; a bytes stream takes no size", () => {
  throws(() => new ReadableStream({ type: "nope" }), "TypeError");
  throws(() => new ReadableStream({ type: "" }), "TypeError");
  new ReadableStream({ type: undefined });
  new ReadableStream({ type: "bytes" });
  throws(() => new ReadableStream({ type: "bytes" }, { size: () => 1 }), "RangeError");
});

// https://streams.spec.whatwg.org/#ws-constructor step 2, #ts-constructor steps 3-4.
test("a writable type or a transformer's readableType/writableType is a RangeError", () => {
  throws(() => new WritableStream({ type: "bytes" }), "RangeError");
  throws(() => new TransformStream({ readableType: "bytes" }), "RangeError");
  throws(() => new TransformStream({ writableType: "bytes" }), "RangeError");
});

test("getReader with an unknown mode is a TypeError; byob on a default stream is a TypeError", () => {
  throws(() => new ReadableStream().getReader({ mode: "nope" }), "TypeError");
  throws(() => new ReadableStream().getReader({ mode: "byob" }), "TypeError");
  throws(() => new ReadableStream().getReader(5), "TypeError");
});

test("pipeTo and pipeThrough reject bad options", async () => {
  await throwsAsync(() => readableOf([]).pipeTo(new WritableStream(), 5), "TypeError");
  await throwsAsync(() => readableOf([]).pipeTo(new WritableStream(), { signal: {} }), "TypeError");
  throws(() => readableOf([]).pipeThrough(new TransformStream(), { signal: "x" }), "TypeError");
  throws(() => readableOf([]).pipeThrough(5), "TypeError");
});

test("methods and getters check their receiver", async () => {
  await throwsAsync(() => ReadableStream.prototype.cancel.call({}), "TypeError");
  throws(() => ReadableStream.prototype.getReader.call({}), "TypeError");
  throws(() => ReadableStream.prototype.tee.call(new WritableStream()), "TypeError");
  throws(() => Object.getOwnPropertyDescriptor(ReadableStream.prototype, "locked").get.call({}), "TypeError");
  await throwsAsync(() => WritableStream.prototype.abort.call({}), "TypeError");
  throws(() => WritableStream.prototype.getWriter.call(new ReadableStream()), "TypeError");
  await throwsAsync(() => ReadableStream.prototype.pipeTo.call({}, new WritableStream()), "TypeError");
});

test("the controllers and the streams without new cannot be constructed by script", () => {
  throws(() => new ReadableStreamDefaultController(), "TypeError");
  throws(() => new WritableStreamDefaultController(), "TypeError");
  throws(() => new TransformStreamDefaultController(), "TypeError");
  throws(() => ReadableStream(), "TypeError");
  throws(() => WritableStream(), "TypeError");
  throws(() => TransformStream(), "TypeError");
});

test("a controller method on the wrong object is a TypeError", () => {
  let controller;
  new ReadableStream({ start: (c) => void (controller = c) });
  throws(() => controller.enqueue.call({}, 1), "TypeError");
  throws(() => WritableStreamDefaultController.prototype.error.call(controller), "TypeError");
});

test("errors leave the engine usable: a fresh stream still works", async () => {
  await flush();
  const reader = readableOf(["ok"]).getReader();
  equal((await reader.read()).value, "ok");
  assert(true);
});

await run();
