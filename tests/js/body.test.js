// The Body mixin (https://fetch.spec.whatwg.org/#body-mixin) through Response and Request: every
// consumer on every BodyInit type, the disturbed/locked errors, clone independence, big bodies,
// formData() round trips and malformed multipart bodies.
import { test, run, equal, deepEqual, assert, throws, throwsAsync } from "./lib/harness.js";

const utf8 = (s) => new TextEncoder().encode(s);
const streamOf = (...chunks) =>
  new ReadableStream({
    start(c) {
      for (const chunk of chunks) c.enqueue(typeof chunk === "string" ? utf8(chunk) : chunk);
      c.close();
    },
  });

// Each BodyInit type with the text it carries and the Content-Type extraction gives it.
const inits = () => [
  ["string", "h\u00e9llo \u{1F600}", "h\u00e9llo \u{1F600}", "text/plain;charset=UTF-8"],
  ["ArrayBuffer", utf8("bytes").buffer, "bytes", null],
  ["Uint8Array view", utf8("xxviewxx").subarray(2, 6), "view", null],
  ["DataView", new DataView(utf8("dv").buffer), "dv", null],
  ["Blob", new Blob(["blob"], { type: "Text/X-Thing" }), "blob", "text/x-thing"],
  ["URLSearchParams", new URLSearchParams({ a: "1", b: "x y" }), "a=1&b=x+y",
    "application/x-www-form-urlencoded;charset=UTF-8"],
  ["ReadableStream", streamOf("str", "eam"), "stream", null],
];

test("Body: text(), arrayBuffer(), bytes(), blob() and json() on every BodyInit type", async () => {
  for (const consumer of ["text", "arrayBuffer", "bytes", "blob"]) {
    for (const [what, body, text, type] of inits()) {
      const response = new Response(body);
      equal(response.headers.get("content-type"), type, `${what}:`);
      const value = await response[consumer]();
      assert(response.bodyUsed, `${what} ${consumer}: bodyUsed`);
      if (consumer === "text") equal(value, text, `${what}:`);
      if (consumer === "arrayBuffer") {
        assert(value instanceof ArrayBuffer);
        equal(new TextDecoder().decode(value), text, `${what}:`);
      }
      if (consumer === "bytes") {
        assert(value instanceof Uint8Array && value.byteOffset === 0);
        equal(new TextDecoder().decode(value), text, `${what}:`);
      }
      if (consumer === "blob") {
        assert(value instanceof Blob);
        equal(value.type, type === null ? "" : type, `${what} blob type:`); // the MIME type serialized
        equal(await value.text(), text);
      }
    }
  }
  deepEqual(await new Response('{"a":[1,"\u00e9"]}').json(), { a: [1, "\u00e9"] });
  deepEqual(await new Response(streamOf('{"b"', ":2}")).json(), { b: 2 });
  deepEqual(await new Response(utf8("[true]")).json(), [true]);
});

test("Body: a BufferSource is copied when the body is made", async () => {
  const bytes = utf8("abc");
  const response = new Response(bytes);
  bytes[0] = 0x7a;
  equal(await response.text(), "abc");
});

test("Body: text() strips one UTF-8 BOM and replaces invalid bytes; json() throws SyntaxError", async () => {
  equal(await new Response(new Uint8Array([0xef, 0xbb, 0xbf, 0xef, 0xbb, 0xbf, 0x41])).text(),
    "\ufeffA");
  equal(await new Response(new Uint8Array([0x61, 0xff, 0xc3])).text(), "a\ufffd\ufffd");
  deepEqual(await new Response(new Uint8Array([0xef, 0xbb, 0xbf, 0x31])).json(), 1);
  await throwsAsync(() => new Response("{").json(), "SyntaxError");
  await throwsAsync(() => new Response(streamOf("[1,")).json(), "SyntaxError");
  await throwsAsync(() => new Response().json(), "SyntaxError"); // a null body is empty
});

test("Body: a null body reads as empty, is never used, and body is null", async () => {
  const response = new Response(null);
  equal(response.body, null);
  equal(await response.text(), "");
  equal((await response.arrayBuffer()).byteLength, 0);
  equal(response.bodyUsed, false);
  equal(await response.text(), ""); // reading a null body again is fine
  equal(new Request("https://example.com/").body, null);
});

test("Body: the body stream is a byte stream made once; reading it makes the body used", async () => {
  const response = new Response("stream me");
  const body = response.body;
  assert(body instanceof ReadableStream);
  equal(response.body, body);
  const reader = body.getReader({ mode: "byob" });
  const { value } = await reader.read(new Uint8Array(6));
  equal(new TextDecoder().decode(value), "stream");
  assert(response.bodyUsed);
  await throwsAsync(() => response.text(), "TypeError", "already been read");
});

test("Body: disturbed and locked bodies reject every consumer with a TypeError", async () => {
  for (const consumer of ["arrayBuffer", "blob", "bytes", "formData", "json", "text"]) {
    const used = new Response("x");
    await used.text();
    await throwsAsync(() => used[consumer](), "TypeError", "already been read");
    const locked = new Response("x");
    locked.body.getReader();
    equal(locked.bodyUsed, false);
    await throwsAsync(() => locked[consumer](), "TypeError", "locked");
    const cancelled = new Response(streamOf("x"));
    await cancelled.body.cancel();
    assert(cancelled.bodyUsed);
    await throwsAsync(() => cancelled[consumer](), "TypeError");
  }
  // A consumed body's stream is locked and closed, as a stream read to its end.
  const consumed = new Response("abc");
  await consumed.text();
  assert(consumed.body.locked);
  throws(() => consumed.clone(), "TypeError");
});

test("Body: a ReadableStream body must be unlocked and undisturbed; bad chunks are a TypeError", async () => {
  const locked = streamOf("x");
  locked.getReader();
  throws(() => new Response(locked), "TypeError", "disturbed or locked");
  const disturbed = streamOf("x");
  await disturbed.cancel();
  throws(() => new Response(disturbed), "TypeError", "disturbed or locked");
  for (const chunk of ["text", 42, new ArrayBuffer(2), new DataView(new ArrayBuffer(1))]) {
    const stream = new ReadableStream({ start(c) { c.enqueue(chunk); c.close(); } });
    await throwsAsync(() => new Response(stream).arrayBuffer(), "TypeError", "not a Uint8Array");
  }
  const erroring = new ReadableStream({ pull(c) { c.error(new RangeError("boom")); } });
  await throwsAsync(() => new Response(erroring).text(), "RangeError", "boom");
});

test("Body: clones are independent, for lazy bodies and for streams", async () => {
  const lazy = new Response("shared bytes");
  const lazyClone = lazy.clone();
  equal(await lazy.text(), "shared bytes");
  assert(!lazyClone.bodyUsed);
  equal(await lazyClone.text(), "shared bytes");

  const streamed = new Response(streamOf("a", "b", "c"));
  const before = streamed.body;
  const clone = streamed.clone();
  assert(streamed.body !== before, "the original continues with a tee branch");
  assert(before.locked);
  equal(await clone.text(), "abc");
  equal(await streamed.text(), "abc");

  // A stream read from (disturbed, even when unlocked again) cannot be cloned.
  const partial = new Response("0123456789".repeat(10000));
  const reader = partial.body.getReader();
  equal((await reader.read()).value.byteLength, 65536);
  reader.releaseLock();
  throws(() => partial.clone(), "TypeError", "already been read");
  // A body stream that exists but was not read is teed: each side gets every byte.
  const touched = new Response("0123456789".repeat(10000));
  touched.body;
  const touchedClone = touched.clone();
  equal((await touchedClone.text()).length, 100000);
  equal((await touched.text()).length, 100000);

  const request = new Request("https://example.com/", { method: "POST", body: "req" });
  const requestClone = request.clone();
  equal(await request.text(), "req");
  equal(await requestClone.text(), "req");
});

test("Body: 64 MiB through text() and arrayBuffer(), lazily and through the stream", async () => {
  const size = 64 * 1024 * 1024;
  const big = "x".repeat(size);
  equal((await new Response(big).text()).length, size);
  const buffer = await new Response(big).arrayBuffer();
  equal(buffer.byteLength, size);
  const viaStream = new Response(big);
  viaStream.body; // the lazy body's stream now exists
  const bytes = await viaStream.bytes();
  equal(bytes.byteLength, size);
  equal(bytes[size - 1], 0x78);
  const chunk = new Uint8Array(1024 * 1024).fill(0x79);
  let pulls = 0;
  const script = new ReadableStream({
    pull(c) {
      if (pulls++ === 64) c.close();
      else c.enqueue(chunk.slice());
    },
  });
  const text = await new Response(script).text();
  equal(text.length, size);
  equal(text[size - 1], "y");
});

test("Body: formData() round trips FormData and URLSearchParams bodies", async () => {
  const fd = new FormData();
  fd.append("text", "h\u00e9llo");
  fd.append("lines", "a\nb\rc");
  fd.append("quote\"name", "v");
  fd.append("file", new File(["file contents"], "notes.txt", { type: "text/plain" }));
  fd.append("blob", new Blob([new Uint8Array([0, 255, 13, 10])]));
  const response = new Response(fd);
  const type = response.headers.get("content-type");
  assert(/^multipart\/form-data; boundary=----NanoFormBoundary[A-Za-z0-9]{16}$/.test(type), type);
  const parsed = await response.formData();
  assert(parsed instanceof FormData);
  deepEqual([...parsed.keys()], ["text", "lines", "quote\"name", "file", "blob"]);
  equal(parsed.get("text"), "h\u00e9llo");
  equal(parsed.get("lines"), "a\r\nb\r\nc"); // line breaks normalized to CRLF
  const file = parsed.get("file");
  assert(file instanceof File);
  equal(file.name, "notes.txt");
  equal(file.type, "text/plain");
  equal(await file.text(), "file contents");
  const blob = parsed.get("blob");
  equal(blob.name, "blob");
  equal(blob.type, "application/octet-stream");
  deepEqual([...new Uint8Array(await blob.arrayBuffer())], [0, 255, 13, 10]);

  const params = await new Response(new URLSearchParams("a=1&b=%C3%A9&a=2")).formData();
  deepEqual([...params], [["a", "1"], ["b", "\u00e9"], ["a", "2"]]);
  const request = new Request("https://example.com/", { method: "POST", body: fd });
  equal((await request.formData()).get("text"), "h\u00e9llo");
  // An empty FormData is an empty body.
  equal(await new Response(new FormData()).text(), "");
});

test("Body: formData() parses a multipart body with a File and quoted parameters", async () => {
  const body =
    "--XyZ\r\n" +
    'Content-Disposition: form-data; name="field"\r\n\r\n' +
    "value\r\n" +
    "--XyZ\r\n" +
    'Content-Disposition: form-data; name="up"; filename="a;b.bin"\r\n' +
    "Content-Type: Application/X-Bin\r\n\r\n" +
    "\x01\x02\r\n" +
    "--XyZ--\r\n";
  const headers = { "Content-Type": 'multipart/form-data; boundary="XyZ"' };
  const fd = await new Response(body, { headers }).formData();
  equal(fd.get("field"), "value");
  const up = fd.get("up");
  equal(up.name, "a;b.bin");
  equal(up.type, "application/x-bin");
  deepEqual([...new Uint8Array(await up.arrayBuffer())], [1, 2]);
});

test("Body: formData() rejects malformed bodies and other types with a TypeError", async () => {
  const multipart = (boundary) => ({ headers: { "Content-Type": "multipart/form-data" + boundary } });
  await throwsAsync(() => new Response("--B\r\n", multipart("")).formData(), "TypeError",
    "no boundary");
  for (const body of ["", "--B\r\n", "junk", "--B\r\nContent-Disposition: form-data\r\n\r\nv\r\n--B--",
    "--B\r\nContent-Disposition: form-data; name=a\r\n\r\nno closing boundary"])
    await throwsAsync(() => new Response(body, multipart("; boundary=B")).formData(), "TypeError",
      "multipart/form-data");
  await throwsAsync(() => new Response("a=1").formData(), "TypeError", "neither");
  await throwsAsync(() => new Response(new Blob(["a=1"], { type: "text/html" })).formData(),
    "TypeError");
  await throwsAsync(() => new Response(streamOf("junk"), multipart("; boundary=B")).formData(),
    "TypeError");
});

test("Body: blob() takes the MIME type from Content-Type; consumers check their receiver", async () => {
  const response = new Response("x", { headers: { "Content-Type": "Text/HTML; Charset=\"utf-8\"" } });
  equal((await response.blob()).type, "text/html;charset=utf-8");
  equal((await new Response("x", { headers: { "Content-Type": "nonsense" } }).blob()).type, "");
  await throwsAsync(() => Response.prototype.text.call({}), "TypeError", "Illegal invocation");
  throws(() => Object.getOwnPropertyDescriptor(Response.prototype, "body").get.call({}),
    "TypeError");
});

test("Body: requests, responses, clones and pending reads are collected", async () => {
  assert(typeof gc === "function", "run with NANO_V8_FLAGS=--expose-gc");
  for (let i = 0; i < 5000; i++) {
    const response = new Response("x" + i);
    response.body;
    await response.clone().text();
    const streamed = new Request("https://example.com/", { method: "POST", duplex: "half",
      body: new ReadableStream({ pull(c) { c.enqueue(new Uint8Array(1)); c.close(); } }) });
    new Request(streamed);
    new Response(new ReadableStream({ start() {} })).text(); // a read that never ends
  }
  await new Promise((resolve) => setTimeout(resolve, 10));
  gc();
  gc();
  const live = Nano.liveObjects();
  for (const name of ["Response", "Request", "ReadableStream", "Headers", "SpansSource",
    "ReadAllBytes", "ProxySource"])
    assert((live[name] ?? 0) < 100, `${name}: ${live[name]} alive`);
});

await run();
