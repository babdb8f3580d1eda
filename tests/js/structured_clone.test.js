import { test, run, equal, assert, throws } from "./lib/harness.js";

test("primitives and wrappers", () => {
  for (const v of [undefined, null, true, 0, -0, NaN, 1.5, "s", 10n]) assert(Object.is(structuredClone(v), v), String(v));
  const n = structuredClone(Object(5));
  equal(typeof n, "object");
  equal(n.valueOf(), 5);
  equal(structuredClone(Object("ab")).valueOf(), "ab");
  equal(structuredClone(Object(false)).valueOf(), false);
  equal(structuredClone(Object(3n)).valueOf(), 3n);
});

test("Date, RegExp, Map, Set", () => {
  const d = new Date(123456);
  const cd = structuredClone(d);
  assert(cd !== d && cd instanceof Date && cd.getTime() === 123456);
  const r = structuredClone(/a+b/gi);
  equal(r.source, "a+b");
  equal(r.flags, "gi");
  const m = structuredClone(new Map([["k", { v: 1 }]]));
  equal(m.get("k").v, 1);
  const s = structuredClone(new Set([1, "two"]));
  assert(s.has(1) && s.has("two"));
});

test("arrays keep holes and extra properties; objects keep only own enumerable data", () => {
  const a = [1, , 3];
  a.extra = "x";
  const c = structuredClone(a);
  equal(c.length, 3);
  equal(1 in c, false);
  equal(c.extra, "x");
  class K { constructor() { this.x = 1; } method() {} }
  const k = structuredClone(new K());
  equal(Object.getPrototypeOf(k), Object.prototype);
  equal(k.x, 1);
});

test("cycles and shared references are preserved", () => {
  const shared = { n: 1 };
  const o = { a: shared, b: shared };
  o.self = o;
  const c = structuredClone(o);
  equal(c.self, c);
  equal(c.a, c.b);
  assert(c.a !== shared);
});

test("ArrayBuffer, typed arrays and DataView", () => {
  const buf = new Uint8Array([1, 2, 3, 4]).buffer;
  const view = new Uint16Array(buf, 2, 1);
  const c = structuredClone({ buf, view, dv: new DataView(buf, 1, 2) });
  equal(c.view.buffer, c.buf);
  equal(c.view[0], view[0]);
  equal(c.dv.byteOffset, 1);
  equal(c.dv.buffer, c.buf);
  new Uint8Array(c.buf)[0] = 9;
  equal(new Uint8Array(buf)[0], 1);
});

test("a lone buffer or view clones its whole buffer", () => {
  const big = new Uint8Array(3 << 20);
  big[5] = 1;
  big[big.length - 1] = 2;
  const copy = structuredClone(big.buffer);
  equal(copy.byteLength, big.length);
  equal(new Uint8Array(copy)[5], 1);
  equal(new Uint8Array(copy)[big.length - 1], 2);
  const sub = big.subarray(4, 8);
  const subCopy = structuredClone(sub);
  assert(subCopy instanceof Uint8Array);
  equal(subCopy.byteOffset, 4);
  equal(subCopy.length, 4);
  equal(subCopy.buffer.byteLength, big.length);
  equal(subCopy[1], 1);
  const dv = structuredClone(new DataView(new ArrayBuffer(8), 2, 3));
  assert(dv instanceof DataView);
  equal(dv.byteOffset + dv.byteLength, 5);
  const wide = structuredClone(new BigInt64Array([-5n, 7n]));
  equal(wide[0], -5n);
  equal(structuredClone(new Float64Array([0.5]))[0], 0.5);
  const detached = new ArrayBuffer(4);
  structuredClone(detached, { transfer: [detached] });
  throws(() => structuredClone(detached), "DataCloneError");
});

// Buffers of 2 MiB and more are huge-page mappings of their own (core::ArrayBufferAllocator):
// sizes on both sides of that threshold, and lengths that are not a multiple of any page.
const kSizes = [(2 << 20) - 1, 2 << 20, (2 << 20) + 4097, (5 << 20) + 3, 17 << 20];

function pattern(i) {
  return (i * 31 + (i >>> 12)) & 255;
}

test("new buffers of every size read as zero", () => {
  for (const size of kSizes) {
    const bytes = new Uint8Array(size);
    let nonZero = 0;
    for (let i = 0; i < size; i++) nonZero |= bytes[i];
    equal(nonZero, 0, `size ${size}`);
    bytes[size - 1] = 1; // the last byte is writable
    equal(bytes[size - 1], 1);
  }
});

test("large buffer clones keep every byte and are independent", () => {
  for (const size of kSizes) {
    const source = new Uint8Array(size);
    for (let i = 0; i < size; i++) source[i] = pattern(i);
    const copy = new Uint8Array(structuredClone(source.buffer));
    equal(copy.length, size);
    let mismatch = -1;
    for (let i = 0; i < size && mismatch < 0; i++) if (copy[i] !== pattern(i)) mismatch = i;
    equal(mismatch, -1, `size ${size}`);
    copy[0] ^= 0xff;
    equal(source[0], pattern(0));
    const view = structuredClone(source.subarray(size - 10));
    equal(view.byteOffset, size - 10);
    equal(view[9], pattern(size - 1));
    const moved = structuredClone(source.buffer, { transfer: [source.buffer] });
    equal(source.byteLength, 0);
    equal(new Uint8Array(moved)[size - 1], pattern(size - 1));
  }
});

test("many large clones in a row", () => {
  // More than any heap limit keeps alive at once: old copies must be freed with their size.
  const source = new Uint8Array(24 << 20).fill(3);
  for (let i = 0; i < 40; i++) {
    const copy = new Uint8Array(structuredClone(source.buffer));
    equal(copy[(i * 999983) % copy.length], 3);
  }
});

test("a view of shared memory stays shared", () => {
  const shared = new SharedArrayBuffer(4);
  const view = structuredClone(new Uint8Array(shared));
  view[0] = 7;
  equal(new Uint8Array(shared)[0], 7);
});

test("transfer detaches the source", () => {
  const buf = new ArrayBuffer(16);
  new Uint8Array(buf)[3] = 7;
  const c = structuredClone(buf, { transfer: [buf] });
  equal(buf.byteLength, 0);
  equal(c.byteLength, 16);
  equal(new Uint8Array(c)[3], 7);
});

test("errors keep name, message, stack and cause", () => {
  const e = new RangeError("out", { cause: new Error("root") });
  const c = structuredClone(e);
  assert(c instanceof RangeError);
  equal(c.message, "out");
  equal(c.stack, e.stack);
  equal(c.cause.message, "root");
  const d = structuredClone(new DOMException("gone", "AbortError"));
  assert(d instanceof DOMException);
  equal(d.name, "AbortError");
  equal(d.code, 20);
});

test("Blob and File clone with their bytes, type, name and lastModified", async () => {
  const blob = structuredClone(new Blob(["hello ", "world"], { type: "text/plain" }));
  assert(blob instanceof Blob);
  equal(blob.type, "text/plain");
  equal(await blob.text(), "hello world");
  const file = structuredClone(new File(["x"], "a.txt", { lastModified: 42, type: "text/x" }));
  assert(file instanceof File);
  equal(file.name, "a.txt");
  equal(file.lastModified, 42);
  equal(await file.text(), "x");
  const slice = structuredClone(new Blob(["abcdef"]).slice(-3));
  equal(await slice.text(), "def");
});

test("CryptoKey clones with its algorithm, usages, extractability and material", async () => {
  const key = await crypto.subtle.generateKey({ name: "HMAC", hash: "SHA-256" }, false, ["sign", "verify"]);
  const copy = structuredClone(key);
  assert(copy instanceof CryptoKey && copy !== key);
  equal(copy.type, "secret");
  equal(copy.extractable, false);
  equal(copy.algorithm.hash.name, "SHA-256");
  equal(copy.usages.join(), "sign,verify");
  const data = new TextEncoder().encode("payload");
  const signature = await crypto.subtle.sign("HMAC", key, data);
  equal(await crypto.subtle.verify("HMAC", copy, signature, data), true);
  const pair = await crypto.subtle.generateKey({ name: "Ed25519" }, true, ["sign", "verify"]);
  const publicCopy = structuredClone(pair.publicKey);
  const edSignature = await crypto.subtle.sign("Ed25519", pair.privateKey, data);
  equal(await crypto.subtle.verify("Ed25519", publicCopy, edSignature, data), true);
});

test("DataCloneError for what cannot be cloned", () => {
  throws(() => structuredClone(() => 1), "DataCloneError");
  throws(() => structuredClone({ s: Symbol("x") }), "DataCloneError");
  throws(() => structuredClone(navigator), "DataCloneError", "Navigator");
  throws(() => structuredClone(new WeakMap()), "DataCloneError");
  const b = new ArrayBuffer(1);
  throws(() => structuredClone(1, { transfer: [b, b] }), "DataCloneError", "more than once");
  structuredClone(b, { transfer: [b] });
  throws(() => structuredClone(1, { transfer: [b] }), "DataCloneError", "detached");
  throws(() => structuredClone(1, { transfer: [{}] }), "DataCloneError", "not transferable");
  throws(() => structuredClone(), "TypeError", "1 argument required");
});

test("pathological input does not crash", () => {
  let deep = [];
  for (let i = 0; i < 1e6; i++) deep = [deep];
  throws(() => structuredClone(deep), "RangeError");
  const big = Array.from({ length: 2e5 }, (_, i) => ({ i }));
  equal(structuredClone(big)[199999].i, 199999);
});

await run();
