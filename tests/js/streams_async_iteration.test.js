// Async iteration of a ReadableStream (values(), for await) and ReadableStream.from.
// https://streams.spec.whatwg.org/#rs-asynciterator
import { test, run, equal, deepEqual, assert, throws, throwsAsync } from "./lib/harness.js";
import { flush, readAll, readableOf } from "./lib/streams.js";

// A stream of 0, 1, 2, ... (`count` chunks) that records its cancel reasons.
function counting(count = Infinity) {
  const cancels = [];
  let n = 0;
  const stream = new ReadableStream({
    pull(c) {
      if (n < count) c.enqueue(n++);
      else c.close();
    },
    cancel(reason) {
      cancels.push(reason);
    },
  });
  return { stream, cancels };
}

test("[Symbol.asyncIterator] is values", () => {
  equal(ReadableStream.prototype[Symbol.asyncIterator], ReadableStream.prototype.values);
});

test("for await reads every chunk in order and releases the lock at the end", async () => {
  const { stream, cancels } = counting(5);
  const seen = [];
  for await (const chunk of stream) seen.push(chunk);
  deepEqual(seen, [0, 1, 2, 3, 4]);
  equal(stream.locked, false);
  equal(cancels.length, 0, "a stream read to its end is not cancelled");
});

test("values() locks the stream while iterating", async () => {
  const stream = readableOf([1]);
  const iterator = stream.values();
  equal(stream.locked, true);
  deepEqual(await iterator.next(), { value: 1, done: false });
  deepEqual(await iterator.next(), { done: true });
  equal(stream.locked, false);
});

test("values() of a locked stream throws a TypeError", () => {
  const stream = new ReadableStream();
  stream.getReader();
  throws(() => stream.values(), "TypeError");
  throws(() => stream[Symbol.asyncIterator](), "TypeError");
});

// https://streams.spec.whatwg.org/#rs-asynciterator-prototype-return
test("break in for await cancels the source with undefined and unlocks the stream", async () => {
  const { stream, cancels } = counting();
  for await (const chunk of stream) {
    if (chunk === 2) break;
  }
  deepEqual(cancels, [undefined]);
  equal(cancels.length, 1);
  equal(stream.locked, false);
  equal((await stream.getReader().read()).done, true, "the cancelled stream is closed");
});

test("an exception thrown in the loop body cancels the source and propagates", async () => {
  const { stream, cancels } = counting();
  const failure = new Error("body failed");
  let caught;
  try {
    for await (const chunk of stream) {
      if (chunk === 1) throw failure;
    }
  } catch (e) {
    caught = e;
  }
  equal(caught, failure);
  equal(cancels.length, 1);
  equal(stream.locked, false);
});

test("return(value) resolves {value, done: true} and cancels", async () => {
  const { stream, cancels } = counting();
  const iterator = stream.values();
  await iterator.next();
  const result = await iterator.return("bye");
  equal(result.value, "bye");
  equal(result.done, true);
  equal(cancels.length, 1);
  deepEqual(await iterator.next(), { done: true }, "finished");
});

test("values({preventCancel: true}) with break leaves the stream readable", async () => {
  const { stream, cancels } = counting(6);
  for await (const chunk of stream.values({ preventCancel: true })) {
    if (chunk === 1) break;
  }
  equal(cancels.length, 0);
  equal(stream.locked, false);
  const rest = await readAll(stream);
  equal(rest[0], 2, "the next chunk is still there");
  deepEqual(rest, [2, 3, 4, 5]);
});

test("an errored stream rejects next() with its error", async () => {
  const failure = new Error("source broke");
  const stream = new ReadableStream({
    start(c) {
      c.enqueue("a");
      c.error(failure);
    },
  });
  let caught;
  try {
    for await (const chunk of stream) void chunk;
  } catch (e) {
    caught = e;
  }
  equal(caught, failure);
});

test("next() calls queue up and settle in order", async () => {
  const iterator = readableOf(["a", "b"]).values();
  const results = await Promise.all([iterator.next(), iterator.next(), iterator.next()]);
  deepEqual(results, [{ value: "a", done: false }, { value: "b", done: false }, { done: true }]);
});

test("the iterator's prototype chain reaches %AsyncIteratorPrototype%", () => {
  const asyncIteratorPrototype = Object.getPrototypeOf(
    Object.getPrototypeOf(async function* () {}).prototype,
  );
  const iterator = new ReadableStream().values();
  equal(Object.getPrototypeOf(Object.getPrototypeOf(iterator)), asyncIteratorPrototype);
  equal(typeof iterator.next, "function");
  equal(typeof iterator.return, "function");
});

// https://streams.spec.whatwg.org/#rs-from
test("ReadableStream.from(array) gives the elements, then closes", async () => {
  const stream = ReadableStream.from([1, "two", { three: 3 }]);
  assert(stream instanceof ReadableStream);
  deepEqual(await readAll(stream), [1, "two", { three: 3 }]);
});

test("ReadableStream.from of a sync iterable awaits promise elements", async () => {
  deepEqual(await readAll(ReadableStream.from([Promise.resolve("p"), "q"])), ["p", "q"]);
});

test("ReadableStream.from(generator) and from(async generator)", async () => {
  function* sync() {
    yield 1;
    yield 2;
  }
  async function* asynchronous() {
    yield "a";
    await flush();
    yield "b";
  }
  deepEqual(await readAll(ReadableStream.from(sync())), [1, 2]);
  deepEqual(await readAll(ReadableStream.from(asynchronous())), ["a", "b"]);
});

test("ReadableStream.from(string) streams its code points", async () => {
  deepEqual(await readAll(ReadableStream.from("a😀")), ["a", "😀"]);
});

// https://streams.spec.whatwg.org/#readable-stream-from-iterable: high-water mark 0.
test("ReadableStream.from pulls the iterator only when read", async () => {
  let nexts = 0;
  const iterable = {
    [Symbol.asyncIterator]() {
      return {
        next: async () => ({ value: ++nexts, done: false }),
      };
    },
  };
  const stream = ReadableStream.from(iterable);
  await flush();
  equal(nexts, 0, "nothing read ahead");
  const reader = stream.getReader();
  deepEqual(await reader.read(), { value: 1, done: false });
  await flush();
  equal(nexts, 1);
});

test("cancelling a ReadableStream.from stream calls the iterator's return(reason)", async () => {
  let returned;
  let finallyRan = false;
  async function* gen() {
    try {
      yield 1;
      yield 2;
    } finally {
      finallyRan = true;
    }
  }
  const iterator = gen();
  const realReturn = iterator.return.bind(iterator);
  iterator.return = (reason) => {
    returned = reason;
    return realReturn(reason);
  };
  const stream = ReadableStream.from({ [Symbol.asyncIterator]: () => iterator });
  const reader = stream.getReader();
  await reader.read();
  await reader.cancel("enough");
  equal(returned, "enough");
  equal(finallyRan, true);
});

test("an iterator whose next() throws errors the stream with that error", async () => {
  const failure = new Error("next failed");
  const stream = ReadableStream.from({
    [Symbol.iterator]: () => ({
      next() {
        throw failure;
      },
    }),
  });
  let caught;
  await stream.getReader().read().catch((e) => (caught = e));
  equal(caught, failure);
});

test("next() resolving to a non-object errors the stream with a TypeError", async () => {
  const stream = ReadableStream.from({
    [Symbol.asyncIterator]: () => ({ next: async () => 42 }),
  });
  await throwsAsync(() => stream.getReader().read(), "TypeError");
});

// GetIterator does not check next; IteratorNext fails at the first pull.
test("an iterator whose next is not callable errors the stream at its first read", async () => {
  const iterable = { [Symbol.iterator]: () => ({ next: 42 }) };
  const stream = ReadableStream.from(iterable);
  await throwsAsync(() => stream.getReader().read(), "TypeError");
  const asyncIterable = { [Symbol.asyncIterator]: () => ({}) };
  await throwsAsync(() => ReadableStream.from(asyncIterable).getReader().read(), "TypeError");
});

// %AsyncFromSyncIteratorPrototype%: the value is read and awaited even with done: true.
test("a sync iterator's final value is read and awaited: a rejected one errors the stream", async () => {
  const reads = [];
  const failure = new Error("final value rejected");
  const iterator = {
    next() {
      const result = { done: true };
      Object.defineProperty(result, "value", {
        get() {
          reads.push("value");
          const rejected = Promise.reject(failure);
          rejected.catch(() => {});
          return rejected;
        },
      });
      return result;
    },
    [Symbol.iterator]() { return this; },
  };
  const error = await ReadableStream.from(iterator).getReader().read().catch((e) => e);
  equal(error, failure);
  deepEqual(reads, ["value"]);
});

// Node 20 settles the cancel before that value (its from() does not await it): the spec's
// %AsyncFromSyncIteratorPrototype%.return does, through AsyncFromSyncIteratorContinuation.
test("cancel of a sync iterable awaits the value return() gives", async () => {
  if (typeof Nano !== "object") return;
  let resolveValue;
  const iterator = {
    next: () => ({ value: 1, done: false }),
    return: () => ({ value: new Promise((resolve) => (resolveValue = resolve)), done: true }),
    [Symbol.iterator]() { return this; },
  };
  let cancelled = false;
  const cancelling = ReadableStream.from(iterator).cancel("why").then(() => (cancelled = true));
  await flush();
  equal(cancelled, false);
  resolveValue();
  await cancelling;
  equal(cancelled, true);
  const rejecting = {
    next: () => ({ value: 1, done: false }),
    return: () => ({ value: Promise.reject(new RangeError("no")), done: true }),
    [Symbol.iterator]() { return this; },
  };
  await throwsAsync(() => ReadableStream.from(rejecting).cancel(), "RangeError");
});

test("ReadableStream.from of a non-iterable throws a TypeError", () => {
  throws(() => ReadableStream.from(5), "TypeError");
  throws(() => ReadableStream.from({}), "TypeError");
  throws(() => ReadableStream.from(null), "TypeError");
  throws(() => ReadableStream.from({ [Symbol.asyncIterator]: 5 }), "TypeError");
});

test("ReadableStream.from of a ReadableStream reads it through its async iterator", async () => {
  const source = readableOf(["x", "y"]);
  const copy = ReadableStream.from(source);
  assert(copy !== source, "a new stream");
  equal(source.locked, true, "from() took the source's iterator, which holds its lock");
  deepEqual(await readAll(copy), ["x", "y"]);
});

await run();
