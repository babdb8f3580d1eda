// Bodies both ways through fetch(): every BodyInit type sent (the server echoes or hashes what
// it got), every consumer on a network response, streamed uploads and downloads, BYOB reads,
// and large bodies with bounded buffering.
import { test, run, equal, assert, deepEqual } from "./lib/harness.js";
import { http, patternBytes, sameBytes } from "./lib/servers.js";

async function echo(body, init = {}) {
  const response = await fetch(`${http}/anything`, { method: "POST", body, ...init });
  return response.json();
}

async function sha256Hex(bytes) {
  const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", bytes));
  return [...digest].map((b) => b.toString(16).padStart(2, "0")).join("");
}

test("request bodies: string, BufferSource, Blob, URLSearchParams, FormData", async () => {
  let e = await echo("héllo");
  equal(e.data, "héllo");
  equal(e.headers["Content-Type"], "text/plain;charset=UTF-8");
  equal(e.headers["Content-Length"], "6");

  e = await echo(new Uint8Array([104, 105]));
  equal(e.data, "hi");
  equal(e.headers["Content-Type"], undefined);
  e = await echo(new Uint8Array([0, 1, 2, 3, 104, 105]).subarray(4));
  equal(e.data, "hi");
  e = await echo(new Uint16Array([0x6968]).buffer);
  equal(e.data, "hi");
  e = await echo(new DataView(new TextEncoder().encode("xhiy").buffer, 1, 2));
  equal(e.data, "hi");

  e = await echo(new Blob(["a", "b"], { type: "text/x-test" }));
  equal(e.data, "ab");
  equal(e.headers["Content-Type"], "text/x-test");

  e = await echo(new URLSearchParams({ q: "a b", r: "é" }));
  deepEqual(e.form, { q: "a b", r: "é" });
  equal(e.headers["Content-Type"], "application/x-www-form-urlencoded;charset=UTF-8");

  const form = new FormData();
  form.append("field", "value");
  form.append("file", new File(["contents"], "f.txt", { type: "text/plain" }));
  e = await echo(form);
  assert(e.headers["Content-Type"].startsWith("multipart/form-data; boundary="));
  assert(e.data.includes('name="field"\r\n\r\nvalue'), e.data);
  assert(e.data.includes('filename="f.txt"\r\nContent-Type: text/plain\r\n\r\ncontents'), e.data);
  equal(e.bodySize, Number(e.headers["Content-Length"]));
});

test("request bodies: a ReadableStream needs duplex 'half' and is sent chunk by chunk", async () => {
  const makeStream = (chunks = ["one ", "two ", "three"]) =>
    new ReadableStream({
      pull(c) {
        if (chunks.length) c.enqueue(new TextEncoder().encode(chunks.shift()));
        else c.close();
      },
    });
  let error;
  try {
    await fetch(`${http}/anything`, { method: "POST", body: makeStream() });
  } catch (e) {
    error = e;
  }
  equal(error && error.name, "TypeError");
  const e = await echo(makeStream(), { duplex: "half" });
  equal(e.data, "one two three");
});

test("request bodies: a stream chunk that is not a Uint8Array fails the fetch", async () => {
  const body = new ReadableStream({
    start(c) {
      c.enqueue("text");
      c.close();
    },
  });
  let error;
  try {
    await fetch(`${http}/anything`, { method: "POST", body, duplex: "half" });
  } catch (e) {
    error = e;
  }
  equal(error.name, "TypeError");
  equal(error.message, "fetch failed");
  equal(error.cause.name, "TypeError");
});

test("request bodies: an erroring stream fails the fetch with its error as the cause", async () => {
  const reason = new Error("broken body");
  const body = new ReadableStream({
    pull(c) {
      c.error(reason);
    },
  });
  let error;
  try {
    await fetch(`${http}/anything`, { method: "POST", body, duplex: "half" });
  } catch (e) {
    error = e;
  }
  equal(error.message, "fetch failed");
  equal(error.cause, reason);
});

test("request bodies: 8 MiB from a Blob and from a stream arrive whole", async () => {
  const bytes = patternBytes(8 << 20, 7);
  const expected = await sha256Hex(bytes);
  let r = await (await fetch(`${http}/upload`, { method: "POST", body: new Blob([bytes]) })).json();
  equal(r.bytes, bytes.byteLength);
  equal(r.sha256, expected);
  let offset = 0;
  const body = new ReadableStream({
    pull(c) {
      if (offset >= bytes.byteLength) return c.close();
      c.enqueue(bytes.slice(offset, offset + 100000));
      offset += 100000;
    },
  });
  r = await (await fetch(`${http}/upload`, { method: "POST", body, duplex: "half" })).json();
  equal(r.bytes, bytes.byteLength);
  equal(r.sha256, expected);
});

test("response bodies: every consumer", async () => {
  const url = `${http}/anything?x=1`;
  equal(JSON.parse(await (await fetch(url)).text()).args.x, "1");
  equal((await (await fetch(url)).json()).args.x, "1");
  const buffer = await (await fetch(`${http}/bytes/1000?seed=3`)).arrayBuffer();
  assert(buffer instanceof ArrayBuffer);
  assert(sameBytes(new Uint8Array(buffer), patternBytes(1000, 3)));
  const bytes = await (await fetch(`${http}/bytes/1000?seed=3`)).bytes();
  assert(bytes instanceof Uint8Array && sameBytes(bytes, patternBytes(1000, 3)));
  const blob = await (await fetch(url)).blob();
  equal(blob.type, "application/json");
  equal(JSON.parse(await blob.text()).args.x, "1");
  const form = await (await fetch("data:application/x-www-form-urlencoded,a=1&b=2")).formData();
  equal(form.get("b"), "2");
  const multipart = new FormData();
  multipart.append("k", "v");
  const echoed = await fetch(`${http}/anything`, { method: "POST", body: multipart });
  equal((await echoed.json()).bodySize > 0, true);
});

test("response bodies: a streamed download read with a reader, and bodyUsed", async () => {
  const response = await fetch(`${http}/stream-bytes/300000?seed=5&chunk_size=7000`);
  equal(response.bodyUsed, false);
  const reader = response.body.getReader();
  const parts = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    assert(value instanceof Uint8Array);
    parts.push(value);
    total += value.byteLength;
  }
  equal(response.bodyUsed, true);
  const all = new Uint8Array(total);
  let at = 0;
  for (const p of parts) all.set(p, (at += p.byteLength) - p.byteLength);
  assert(sameBytes(all, patternBytes(300000, 5)));
});

test("response bodies: BYOB reads fill the caller's buffer", async () => {
  const response = await fetch(`${http}/bytes/100000?seed=9`);
  const reader = response.body.getReader({ mode: "byob" });
  const out = new Uint8Array(100000);
  let at = 0;
  for (;;) {
    const { done, value } = await reader.read(new Uint8Array(4096));
    if (done) break;
    assert(value.byteLength <= 4096);
    out.set(value, at);
    at += value.byteLength;
  }
  equal(at, 100000);
  assert(sameBytes(out, patternBytes(100000, 9)));
});

test("response bodies: clone() tees the network body", async () => {
  const response = await fetch(`${http}/bytes/50000?seed=2`);
  const clone = response.clone();
  const [a, b] = await Promise.all([response.arrayBuffer(), clone.arrayBuffer()]);
  assert(sameBytes(new Uint8Array(a), patternBytes(50000, 2)));
  assert(sameBytes(new Uint8Array(b), patternBytes(50000, 2)));
});

test("response bodies: for await iterates the body; cancel() ends the download", async () => {
  let total = 0;
  for await (const chunk of (await fetch(`${http}/bytes/200000`)).body) total += chunk.byteLength;
  equal(total, 200000);
  const response = await fetch(`${http}/drip?numbytes=100&duration=10`);
  const reader = response.body.getReader();
  await reader.read();
  await reader.cancel();
  const again = await fetch(`${http}/get`);
  equal(again.status, 200);
  await again.text();
});

test("response bodies: 64 MiB through arrayBuffer() and through a reader", async () => {
  const size = 64 << 20;
  const buffer = await (await fetch(`${http}/bytes/${size}`)).arrayBuffer();
  equal(buffer.byteLength, size);
  let total = 0;
  for await (const chunk of (await fetch(`${http}/stream-bytes/${size}`)).body) total += chunk.byteLength;
  equal(total, size);
});

test("response bodies: a 100 KB URL and a 64 KB header value", async () => {
  const long = "a".repeat(100 * 1024);
  const r = await (await fetch(`${http}/anything?q=${long}`)).json();
  equal(r.args.q.length, long.length);
  const value = "v".repeat(64 * 1024);
  const h = await (await fetch(`${http}/headers`, { headers: { "X-Big": value } })).json();
  equal(h.headers["X-Big"].length, value.length);
  const big = await fetch(`${http}/big-header/65536`);
  equal(big.headers.get("x-big").length, 65536);
  await big.text();
});

await run();
