// CountQueuingStrategy, ByteLengthQueuingStrategy, custom strategies and the high-water mark.
// https://streams.spec.whatwg.org/#qs
import { test, run, equal, assert, throws, throwsAsync } from "./lib/harness.js";

test("CountQueuingStrategy: highWaterMark as given, size() is 1", () => {
  const strategy = new CountQueuingStrategy({ highWaterMark: 5 });
  equal(strategy.highWaterMark, 5);
  equal(strategy.size(), 1);
  equal(strategy.size("anything"), 1);
  equal(Object.prototype.toString.call(strategy), "[object CountQueuingStrategy]");
});

test("ByteLengthQueuingStrategy: size(chunk) is chunk.byteLength", () => {
  const strategy = new ByteLengthQueuingStrategy({ highWaterMark: 1024 });
  equal(strategy.highWaterMark, 1024);
  equal(strategy.size(new Uint8Array(7)), 7);
  equal(strategy.size(new ArrayBuffer(3)), 3);
  equal(strategy.size({ byteLength: 42 }), 42, "any object with a byteLength");
  equal(Object.prototype.toString.call(strategy), "[object ByteLengthQueuingStrategy]");
});

// https://streams.spec.whatwg.org/#count-queuing-strategy-size-function: one function per realm.
test("size is the same function for every instance, named size, with the spec's length", () => {
  const c1 = new CountQueuingStrategy({ highWaterMark: 1 });
  const c2 = new CountQueuingStrategy({ highWaterMark: 2 });
  equal(c1.size, c2.size);
  equal(c1.size.name, "size");
  equal(c1.size.length, 0);
  const b1 = new ByteLengthQueuingStrategy({ highWaterMark: 1 });
  const b2 = new ByteLengthQueuingStrategy({ highWaterMark: 2 });
  equal(b1.size, b2.size);
  equal(b1.size.name, "size");
  equal(b1.size.length, 1);
  assert(b1.size !== c1.size);
});

test("size and highWaterMark are prototype getters; size works detached from its strategy", () => {
  for (const Strategy of [CountQueuingStrategy, ByteLengthQueuingStrategy]) {
    for (const name of ["size", "highWaterMark"]) {
      const descriptor = Object.getOwnPropertyDescriptor(Strategy.prototype, name);
      equal(typeof descriptor.get, "function", `${Strategy.name}.${name}`);
      equal(descriptor.set, undefined);
    }
  }
  const { size } = new ByteLengthQueuingStrategy({ highWaterMark: 1 });
  equal(size(new Uint8Array(9)), 9);
  const count = new CountQueuingStrategy({ highWaterMark: 1 }).size;
  equal(count.call(undefined), 1);
});

test("the getters check their receiver", () => {
  const getter = (C, name) => Object.getOwnPropertyDescriptor(C.prototype, name).get;
  throws(() => getter(CountQueuingStrategy, "highWaterMark").call({}), "TypeError");
  throws(() => getter(ByteLengthQueuingStrategy, "size").call({}), "TypeError");
  throws(
    () => getter(CountQueuingStrategy, "highWaterMark").call(new ByteLengthQueuingStrategy({ highWaterMark: 1 })),
    "TypeError",
  );
});

// WebIDL: QueuingStrategyInit { required unrestricted double highWaterMark; }.
test("the init dictionary's highWaterMark is required and converted to a number", () => {
  throws(() => new CountQueuingStrategy(), "TypeError");
  throws(() => new CountQueuingStrategy({}), "TypeError");
  throws(() => new ByteLengthQueuingStrategy({ size: 1 }), "TypeError");
  equal(new CountQueuingStrategy({ highWaterMark: "3" }).highWaterMark, 3);
  equal(new CountQueuingStrategy({ highWaterMark: Infinity }).highWaterMark, Infinity);
  // The strategy itself does not validate; the stream that uses it does.
  assert(Number.isNaN(new CountQueuingStrategy({ highWaterMark: NaN }).highWaterMark));
  equal(new ByteLengthQueuingStrategy({ highWaterMark: -1 }).highWaterMark, -1);
  throws(() => CountQueuingStrategy({ highWaterMark: 1 }), "TypeError");
});

test("a stream uses the strategy's high-water mark and size", () => {
  let controller;
  new ReadableStream(
    { start: (c) => void (controller = c) },
    new ByteLengthQueuingStrategy({ highWaterMark: 16 }),
  );
  equal(controller.desiredSize, 16);
  controller.enqueue(new Uint8Array(10));
  equal(controller.desiredSize, 6);

  const writer = new WritableStream({}, new CountQueuingStrategy({ highWaterMark: 3 })).getWriter();
  equal(writer.desiredSize, 3);
});

test("a plain object strategy works; a missing highWaterMark defaults to 1", () => {
  let controller;
  new ReadableStream({ start: (c) => void (controller = c) }, { size: () => 2 });
  equal(controller.desiredSize, 1);
  controller.enqueue("x");
  equal(controller.desiredSize, -1);
});

// https://streams.spec.whatwg.org/#validate-and-normalize-high-water-mark
test("NaN or a negative highWaterMark is a RangeError for every stream", () => {
  for (const highWaterMark of [NaN, -1, -Infinity, "nope"]) {
    throws(() => new ReadableStream({}, { highWaterMark }), "RangeError");
    throws(() => new WritableStream({}, { highWaterMark }), "RangeError");
    throws(() => new TransformStream({}, { highWaterMark }), "RangeError");
    throws(() => new TransformStream({}, undefined, { highWaterMark }), "RangeError");
    throws(() => new ReadableStream({}, new CountQueuingStrategy({ highWaterMark })), "RangeError");
  }
  new ReadableStream({}, { highWaterMark: 0 });
  new ReadableStream({}, { highWaterMark: Infinity });
});

test("a non-callable size is a TypeError", () => {
  throws(() => new ReadableStream({}, { size: 5 }), "TypeError");
  throws(() => new WritableStream({}, { size: "x" }), "TypeError");
});

// https://streams.spec.whatwg.org/#readable-stream-default-controller-enqueue, step 4.
test("a throwing size() makes enqueue throw and errors the readable stream with that error", async () => {
  const failure = new Error("size failed");
  let controller;
  const stream = new ReadableStream(
    { start: (c) => void (controller = c) },
    {
      size() {
        throw failure;
      },
    },
  );
  let thrown;
  try {
    controller.enqueue("x");
  } catch (e) {
    thrown = e;
  }
  equal(thrown, failure);
  equal(await stream.getReader().closed.catch((e) => e), failure);
});

test("size() returning NaN, a negative number or Infinity errors the stream with a RangeError", async () => {
  for (const bad of [NaN, -1, Infinity]) {
    let controller;
    const stream = new ReadableStream({ start: (c) => void (controller = c) }, { size: () => bad });
    throws(() => controller.enqueue("x"), "RangeError");
    await throwsAsync(() => stream.getReader().read(), "RangeError");
  }
});

test("a throwing size() errors a writable stream: the write rejects with that error", async () => {
  const failure = new Error("size failed");
  const writer = new WritableStream(
    {},
    {
      size() {
        throw failure;
      },
    },
  ).getWriter();
  equal(await writer.write("x").catch((e) => e), failure);
  equal(await writer.closed.catch((e) => e), failure);
});

test("size() is called with the chunk and undefined as this", () => {
  let seen;
  let controller;
  new ReadableStream(
    { start: (c) => void (controller = c) },
    {
      size(chunk) {
        "use strict";
        seen = { self: this, chunk };
        return 1;
      },
    },
  );
  controller.enqueue("c");
  equal(seen.chunk, "c");
  equal(seen.self, undefined);
});

await run();
