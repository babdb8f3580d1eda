import { test, run, equal, deepEqual, assert, throws, throwsAsync } from "./lib/harness.js";

test("Blob: empty, parts of every kind, size and type", async () => {
  const empty = new Blob();
  deepEqual([empty.size, empty.type, await empty.text()], [0, "", ""]);
  const inner = new Blob(["de"]);
  const parts = ["ab", new Uint8Array([99]), inner, new Uint16Array([0x6766]).buffer, new DataView(new Uint8Array([0x68]).buffer), 1, { toString: () => "i" }];
  const blob = new Blob(parts, { type: "Text/Plain;Charset=UTF-8" });
  deepEqual([blob.size, blob.type, await blob.text()], [10, "text/plain;charset=utf-8", "abcdefgh1i"]);
  equal(new Blob(["€"]).size, 3);
  equal(await new Blob(["\uD800"]).text(), "\uFFFD"); // USVString parts
  assert(blob instanceof Blob && Object.prototype.toString.call(blob) === "[object Blob]");
});

// BlobPart's BufferSource is not [AllowShared]: shared memory is a TypeError (as in browsers).
test("Blob: a view on a SharedArrayBuffer is a TypeError", () => {
  throws(() => new Blob([new Uint8Array(new SharedArrayBuffer(4))]), "TypeError", "SharedArrayBuffer");
});

test("Blob: a type outside U+0020-U+007E becomes empty", () => {
  equal(new Blob([], { type: "a\u0019b" }).type, "");
  equal(new Blob([], { type: "é" }).type, "");
  equal(new Blob([], { type: "IMAGE/PNG" }).type, "image/png");
});

test("Blob: line endings", async () => {
  equal(await new Blob(["a\r\nb\rc\n"]).text(), "a\r\nb\rc\n");
  equal(await new Blob(["a\r\nb\rc\n"], { endings: "transparent" }).text(), "a\r\nb\rc\n");
  equal(await new Blob(["a\r\nb\rc\n", new Uint8Array([13])], { endings: "native" }).text(), "a\nb\nc\n\r");
});

test("Blob: parts are copied when the blob is made", async () => {
  const bytes = new Uint8Array([1, 2, 3]);
  const blob = new Blob([bytes]);
  bytes[0] = 9;
  deepEqual([...new Uint8Array(await blob.arrayBuffer())], [1, 2, 3]);
});

test("slice: negative indices, clamping, content type", async () => {
  const blob = new Blob(["0123456789"], { type: "text/plain" });
  const cases = [
    [[], "0123456789"], [[2], "23456789"], [[-3], "789"], [[2, 5], "234"], [[2, -2], "234567"],
    [[-5, -2], "567"], [[5, 2], ""], [[-100, 3], "012"], [[8, 100], "89"], [[100], ""],
    [[1.9, 3.5], "23"] /* [Clamp] rounds half to even */, [[Infinity], ""], [[-Infinity, 2], "01"],
  ];
  for (const [args, expected] of cases) equal(await blob.slice(...args).text(), expected, JSON.stringify(args));
  equal(blob.slice().type, "");
  equal(blob.slice(0, 1, "A/B").type, "a/b");
  equal(blob.slice(0, 1, "\u0100").type, "");
  const nested = blob.slice(2, 8).slice(1, -1);
  deepEqual([nested.size, await nested.text()], [4, "3456"]);
  assert(!(new File(["x"], "f").slice() instanceof File));
});

test("text, arrayBuffer and bytes", async () => {
  const blob = new Blob([new Uint8Array([0xef, 0xbb, 0xbf, 0x68, 0xc3, 0xa9, 0xff])]);
  equal(await blob.text(), "hé\uFFFD"); // UTF-8 decode: BOM dropped, errors replaced
  const buffer = await blob.arrayBuffer();
  assert(buffer instanceof ArrayBuffer && buffer.byteLength === 7);
  const view = await blob.bytes();
  assert(view instanceof Uint8Array && view.length === 7 && view[3] === 0x68);
  assert((await blob.bytes()) !== view); // a new object each time
  assert(blob.text() instanceof Promise);
});

test("Blob: misuse throws TypeErrors naming the API", async () => {
  throws(() => new Blob("abc"), "TypeError", "Failed to construct 'Blob': parameter 1 cannot be converted to a sequence");
  throws(() => new Blob([], { endings: "crlf" }), "TypeError", "is not a valid enum value of type EndingType");
  throws(() => new Blob([], 5), "TypeError", "BlobPropertyBag");
  throws(() => Blob([]), "TypeError", "'new' operator");
  await throwsAsync(() => Blob.prototype.text.call({}), "TypeError", "Illegal invocation");
  throws(() => Object.getOwnPropertyDescriptor(Blob.prototype, "size").get.call({}), "TypeError", "Illegal invocation");
});

test("File: name, lastModified, type and inheritance", async () => {
  const file = new File(["ab", new Blob(["c"])], "notes.txt", { type: "TEXT/PLAIN", lastModified: 42 });
  deepEqual([file.name, file.lastModified, file.size, file.type, await file.text()], ["notes.txt", 42, 3, "text/plain", "abc"]);
  assert(file instanceof File && file instanceof Blob);
  equal(Object.prototype.toString.call(file), "[object File]");
  const now = Date.now();
  const fresh = new File([], "a/b");
  assert(Math.abs(fresh.lastModified - now) < 1000, String(fresh.lastModified));
  equal(fresh.name, "a/b");
  equal(new File([], "x", { lastModified: -1 }).lastModified, -1);
  equal(new File([], "\uD800").name, "\uFFFD"); // USVString
  equal(await new File(["a\rb"], "n", { endings: "native" }).text(), "a\nb");
});

test("File: misuse", () => {
  throws(() => new File([]), "TypeError", "Failed to construct 'File': 2 arguments required, but only 1 present.");
  throws(() => new File("x", "n"), "TypeError", "sequence");
  throws(() => new File([], "n", { endings: "x" }), "TypeError", "EndingType");
});

test("a large blob and its slices share memory", async () => {
  const big = new Blob([new Uint8Array(8 * 1024 * 1024)]);
  let total = 0;
  for (let i = 0; i < 100; i++) total += big.slice(i, i + 1024 * 1024).size;
  equal(total, 100 * 1024 * 1024);
  equal((await big.slice(-3).bytes()).length, 3);
});

test("stream() gives every byte in order, in chunks of at most 64 KiB", async () => {
  const pattern = new Uint8Array(300000).map((_, i) => (i * 7) % 251);
  const blob = new Blob(["<", pattern, ">"]);
  const stream = blob.stream();
  assert(stream instanceof ReadableStream);
  let offset = 0;
  for await (const chunk of stream) {
    assert(chunk instanceof Uint8Array);
    assert(chunk.byteLength > 0 && chunk.byteLength <= 65536, `chunk of ${chunk.byteLength}`);
    for (const byte of chunk) {
      const want = offset === 0 ? 60 : offset === 300001 ? 62 : ((offset - 1) * 7) % 251;
      if (byte !== want) throw new Error(`byte ${offset}: ${byte}, not ${want}`);
      ++offset;
    }
  }
  equal(offset, blob.size);
});

test("stream() is BYOB-readable and reads a slice's bytes only", async () => {
  const blob = new Blob(["0123456789"]).slice(2, 8);
  const reader = blob.stream().getReader({ mode: "byob" });
  let result = await reader.read(new Uint8Array(4));
  equal(new TextDecoder().decode(result.value), "2345");
  equal(result.done, false);
  result = await reader.read(new Uint8Array(100));
  equal(new TextDecoder().decode(result.value), "67");
  result = await reader.read(new Uint8Array(8));
  equal(result.done, true);
  equal(result.value.byteLength, 0);
});

test("stream() of an empty blob closes at once; each call is a new stream", async () => {
  const blob = new Blob([]);
  deepEqual(await blob.stream().getReader().read(), { done: true });
  const full = new Blob(["x"]);
  assert(full.stream() !== full.stream());
  const [a, b] = full.stream().tee();
  equal(new TextDecoder().decode((await a.getReader().read()).value), "x");
  equal(new TextDecoder().decode((await b.getReader().read()).value), "x");
});

await run();
