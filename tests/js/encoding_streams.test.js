// TextEncoderStream and TextDecoderStream: the GenericTransformStream sides, the attributes,
// chunk conversion (ToString for the encoder, AllowSharedBufferSource for the decoder),
// surrogate pairs and multi-byte sequences split across chunks, BOM handling, fatal errors, and
// that dropped streams are collected. Run with NANO_V8_FLAGS=--expose-gc for the last test.
// https://encoding.spec.whatwg.org/#interface-textencoderstream
// https://encoding.spec.whatwg.org/#interface-textdecoderstream
import { test, run, equal, deepEqual, assert, throws, throwsAsync } from "./lib/harness.js";
import { readAll, readableOf } from "./lib/streams.js";

// Writes each chunk, closes, and returns what the readable side gives, as arrays for bytes.
async function through(transform, chunks) {
  const out = await readAll(readableOf(chunks).pipeThrough(transform));
  return out.map((chunk) => (chunk instanceof Uint8Array ? [...chunk] : chunk));
}

const encode = (chunks) => through(new TextEncoderStream(), chunks);
const decode = (chunks, label, options) => through(new TextDecoderStream(label, options), chunks);
const bytes = (...values) => new Uint8Array(values);

test("both are GenericTransformStreams: a ReadableStream and a WritableStream, the same each time", () => {
  for (const stream of [new TextEncoderStream(), new TextDecoderStream()]) {
    assert(stream.readable instanceof ReadableStream);
    assert(stream.writable instanceof WritableStream);
    equal(stream.readable, stream.readable);
    equal(stream.writable, stream.writable);
    equal(typeof ReadableStream.prototype.getReader.call(stream.readable), "object");
  }
  equal(Object.prototype.toString.call(new TextEncoderStream()), "[object TextEncoderStream]");
  equal(Object.prototype.toString.call(new TextDecoderStream()), "[object TextDecoderStream]");
});

test("the attributes reflect the constructor's arguments", () => {
  equal(new TextEncoderStream().encoding, "utf-8");
  const utf8 = new TextDecoderStream();
  deepEqual([utf8.encoding, utf8.fatal, utf8.ignoreBOM], ["utf-8", false, false]);
  const latin = new TextDecoderStream("latin1", { fatal: 1, ignoreBOM: "yes" });
  deepEqual([latin.encoding, latin.fatal, latin.ignoreBOM], ["windows-1252", true, true]);
  equal(new TextDecoderStream(" UTF-16 ").encoding, "utf-16le");
});

test("the getters check their receiver and the constructors need new", () => {
  const get = (cls, name) => Object.getOwnPropertyDescriptor(cls.prototype, name).get;
  throws(() => get(TextDecoderStream, "readable").call(new TextEncoderStream()), "TypeError");
  throws(() => get(TextEncoderStream, "writable").call({}), "TypeError");
  throws(() => TextEncoderStream(), "TypeError");
  throws(() => TextDecoderStream(), "TypeError");
});

test("an unknown label or the replacement encoding is a RangeError", () => {
  throws(() => new TextDecoderStream("no-such-encoding"), "RangeError", "no-such-encoding");
  throws(() => new TextDecoderStream("iso-2022-kr"), "RangeError"); // the replacement encoding
  throws(() => new TextDecoderStream({ toString: () => ({}) }), "TypeError");
});

test("TextEncoderStream encodes each chunk to UTF-8 Uint8Arrays", async () => {
  const out = await readAll(readableOf(["a", "é€", "😀"]).pipeThrough(new TextEncoderStream()));
  assert(out.every((chunk) => chunk instanceof Uint8Array));
  deepEqual(
    out.map((chunk) => [...chunk]),
    [[0x61], [0xc3, 0xa9, 0xe2, 0x82, 0xac], [0xf0, 0x9f, 0x98, 0x80]],
  );
});

test("TextEncoderStream converts chunks with ToString", async () => {
  deepEqual(await encode([undefined, null, 3.5, ["h", "i"], { toString: () => "x" }]), [
    [...new TextEncoder().encode("undefined")],
    [...new TextEncoder().encode("null")],
    [...new TextEncoder().encode("3.5")],
    [...new TextEncoder().encode("h,i")],
    [0x78],
  ]);
});

test("an empty chunk gives no output chunk", async () => {
  deepEqual(await encode(["", "a", ""]), [[0x61]]);
});

// https://encoding.spec.whatwg.org/#convert-code-unit-to-scalar-value
test("a surrogate pair split across chunks is one code point", async () => {
  deepEqual(await encode(["a\uD83D", "\uDE00b"]), [[0x61], [0xf0, 0x9f, 0x98, 0x80, 0x62]]);
  deepEqual(await encode(["\uD83D", "", "\uDE00"]), [[0xf0, 0x9f, 0x98, 0x80]], "across an empty chunk");
});

test("lone surrogates become U+FFFD, also a leading one at the end of the stream", async () => {
  const fffd = [0xef, 0xbf, 0xbd];
  deepEqual(await encode(["\uDE00x"]), [[...fffd, 0x78]], "a trailing surrogate first");
  deepEqual(await encode(["\uD83D", "x"]), [[...fffd, 0x78]], "a leading one, then no trailing");
  deepEqual(await encode(["\uD83D", "\uD83D"]), [fffd, fffd], "two leading ones");
  deepEqual(await encode(["a\uD800b"]), [[0x61, ...fffd, 0x62]], "inside a chunk");
  deepEqual(await encode(["x\uD83D"]), [[0x78], fffd], "flushed at the end");
});

test("a chunk whose ToString throws errors both sides with that error", async () => {
  const boom = new Error("boom");
  const ts = new TextEncoderStream();
  const writer = ts.writable.getWriter();
  const reader = ts.readable.getReader();
  const written = writer.write({ toString() { throw boom; } });
  const read = reader.read();
  for (const promise of [written, read, writer.closed, reader.closed]) {
    let caught;
    await promise.catch((e) => (caught = e));
    equal(caught, boom);
  }
  await throwsAsync(() => writer.write(Symbol()), "Error"); // errored: the stored error
});

test("a Symbol chunk is a TypeError", async () => {
  const ts = new TextEncoderStream();
  const read = ts.readable.getReader().read(); // the write waits for a read (backpressure)
  await throwsAsync(() => ts.writable.getWriter().write(Symbol("s")), "TypeError");
  await throwsAsync(() => read, "TypeError");
});

test("TextDecoderStream decodes multi-byte sequences split anywhere", async () => {
  const text = "aé€😀z";
  const encoded = new TextEncoder().encode(text);
  for (const size of [1, 2, 3, 5]) {
    const chunks = [];
    for (let i = 0; i < encoded.length; i += size) chunks.push(encoded.slice(i, i + size));
    equal((await decode(chunks)).join(""), text, `chunks of ${size}`);
  }
});

test("it gives no chunk for input that produces no characters yet", async () => {
  deepEqual(await decode([bytes(0xf0, 0x9f), bytes(0x98), bytes(0x80)]), ["😀"]);
  deepEqual(await decode([new Uint8Array(0)]), []);
});

test("a BOM is dropped at the start only, unless ignoreBOM", async () => {
  deepEqual(await decode([bytes(0xef, 0xbb), bytes(0xbf, 0x41), bytes(0xef, 0xbb, 0xbf)]), ["A", "\uFEFF"]);
  deepEqual(await decode([bytes(0xef, 0xbb, 0xbf, 0x41)], "utf-8", { ignoreBOM: true }), ["\uFEFFA"]);
  deepEqual(await decode([bytes(0xff, 0xfe, 0x41, 0x00)], "utf-16le"), ["A"]);
});

test("it takes any BufferSource, shared memory too (AllowSharedBufferSource)", async () => {
  const abc = new TextEncoder().encode("abc");
  const shared = new Uint8Array(new SharedArrayBuffer(3));
  shared.set(abc);
  deepEqual(await decode([abc.buffer, new DataView(abc.buffer, 1), shared]), ["abc", "bc", "abc"]);
});

test("legacy encodings decode across chunks", async () => {
  deepEqual(await decode([bytes(0x80, 0xe9)], "windows-1252"), ["€é"]);
  deepEqual(await decode([bytes(0x82), bytes(0xa0)], "shift_jis"), ["あ"]);
});

test("a chunk that is not a BufferSource errors the stream with a TypeError", async () => {
  for (const chunk of [undefined, null, 3, "abc", {}, [65]]) {
    const ts = new TextDecoderStream();
    const writer = ts.writable.getWriter();
    const reader = ts.readable.getReader();
    const written = writer.write(chunk);
    await throwsAsync(() => reader.read(), "TypeError");
    await throwsAsync(() => written, "TypeError", "ArrayBuffer or ArrayBufferView");
  }
});

test("incomplete input at the end is U+FFFD, or a TypeError when fatal", async () => {
  deepEqual(await decode([bytes(0x61, 0xe2, 0x82)]), ["a", "\uFFFD"]);
  const ts = new TextDecoderStream("utf-8", { fatal: true });
  const writer = ts.writable.getWriter();
  const reading = readAll(ts.readable).catch((e) => e);
  writer.write(bytes(0x61, 0xe2, 0x82));
  await throwsAsync(() => writer.close(), "TypeError", "not valid for encoding utf-8");
  equal((await reading).name, "TypeError");
});

test("an invalid byte in fatal mode errors both sides with a TypeError", async () => {
  const ts = new TextDecoderStream("utf-8", { fatal: true });
  const writer = ts.writable.getWriter();
  const written = writer.write(bytes(0x61, 0xff));
  await throwsAsync(() => ts.readable.getReader().read(), "TypeError");
  await throwsAsync(() => written, "TypeError");
  await throwsAsync(() => writer.closed, "TypeError");
});

test("a round trip of 1 MiB of mixed text in odd chunk sizes", async () => {
  const text = "héllo wörld € 😀 ".repeat(40000).slice(0, 1 << 20);
  const pieces = [];
  for (let at = 0, size = 1; at < text.length; at += size, size = (size * 7 + 3) % 4099)
    pieces.push(text.slice(at, at + size)); // splits surrogate pairs now and then
  const out = await readAll(
    readableOf(pieces).pipeThrough(new TextEncoderStream()).pipeThrough(new TextDecoderStream()),
  );
  equal(out.join(""), text);
});

test("dropped streams leave no objects behind", async () => {
  if (typeof gc !== "function" || typeof Nano !== "object") return;
  const count = () => {
    gc();
    gc();
    const live = Nano.liveObjects();
    return (live.TextEncoderStream ?? 0) + (live.TextDecoderStream ?? 0) + (live.TransformStream ?? 0);
  };
  const before = count();
  for (let i = 0; i < 10000; i++) {
    const encoder = new TextEncoderStream();
    if (i % 10 === 0) await readAll(readableOf(["x"]).pipeThrough(encoder).pipeThrough(new TextDecoderStream()));
  }
  await new Promise((resolve) => setTimeout(resolve, 0)); // the start steps' jobs hold them
  const left = count() - before;
  assert(left < 50, `left behind: ${left}`);
});

await run();
