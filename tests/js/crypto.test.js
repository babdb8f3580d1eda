// WebCrypto: known-answer tests from published vectors (FIPS 180 / NIST CAVP examples, NIST CAVP
// ECDSA and RSA-PSS SigVer (tests/data/crypto/nist_sigver.js), SP 800-38A, RFC 3394, 4231, 5869,
// 6070, 7748, 8032), vectors made by an independent
// implementation (tests/data/crypto/vectors.js, Node's WebCrypto; ec_compressed.js, the openssl
// command line), web-platform-tests' Ed25519 small-order cases (eddsa_small_order.js), round
// trips for every
// algorithm and format, and the error each bad input gets.
import { test, run, equal, deepEqual, assert, throws, throwsAsync } from "./lib/harness.js";
import vectors from "../data/crypto/vectors.js";
import nist from "../data/crypto/nist_sigver.js";
import ecCompressed from "../data/crypto/ec_compressed.js";
import edSmallOrder from "../data/crypto/eddsa_small_order.js";

const subtle = crypto.subtle;
const hex = (buf) =>
  [...new Uint8Array(buf.buffer ? buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.byteLength) : buf)]
    .map((b) => b.toString(16).padStart(2, "0"))
    .join("");
const unhex = (h) => new Uint8Array(h.match(/../g)?.map((x) => parseInt(x, 16)) ?? []);
const ascii = (s) => new Uint8Array([...s].map((c) => c.charCodeAt(0)));
function unb64(s) {
  const abc = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  const out = [];
  let acc = 0, bits = 0;
  for (const c of s.replace(/=+$/, "")) {
    acc = (acc << 6) | abc.indexOf(c);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out.push((acc >> bits) & 255);
    }
  }
  return new Uint8Array(out);
}
function b64url(bytes) {
  const abc = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
  let out = "", acc = 0, bits = 0;
  for (const b of bytes) {
    acc = ((acc << 8) | b) & 0xffff;
    bits += 8;
    while (bits >= 6) {
      bits -= 6;
      out += abc[(acc >> bits) & 63];
    }
  }
  return bits ? out + abc[(acc << (6 - bits)) & 63] : out;
}
// CAVP files drop leading zero digits; WebCrypto wants fixed-size fields.
const padHex = (h, bytes) => h.padStart(2 * bytes, "0");

// --- crypto.getRandomValues / randomUUID ------------------------------------------------------

test("getRandomValues fills integer arrays and returns the same object", () => {
  const a = new Uint32Array(8);
  equal(crypto.getRandomValues(a), a);
  assert(a.some((x) => x !== 0));
  crypto.getRandomValues(new BigInt64Array(2));
  crypto.getRandomValues(new Uint8Array(65536));
});

test("getRandomValues rejects float arrays, DataView and more than 65536 bytes", () => {
  throws(() => crypto.getRandomValues(new Float32Array(4)), "TypeMismatchError");
  throws(() => crypto.getRandomValues(new DataView(new ArrayBuffer(4))), "TypeMismatchError");
  throws(() => crypto.getRandomValues(new Uint8Array(65537)), "QuotaExceededError");
  throws(() => crypto.getRandomValues([1, 2]), "TypeError");
});

test("getRandomValues rejects a view on a SharedArrayBuffer (ArrayBufferView is not [AllowShared])", () => {
  const shared = new Uint8Array(new SharedArrayBuffer(8));
  throws(() => crypto.getRandomValues(shared), "TypeError", "SharedArrayBuffer");
  deepEqual([...shared], [0, 0, 0, 0, 0, 0, 0, 0]);
});

test("randomUUID is a version 4 UUID", () => {
  const id = crypto.randomUUID();
  assert(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/.test(id), id);
  assert(crypto.randomUUID() !== id);
});

test("crypto.subtle is one SubtleCrypto; its interfaces are exposed", () => {
  equal(crypto.subtle, crypto.subtle);
  assert(crypto.subtle instanceof SubtleCrypto);
  equal(Object.prototype.toString.call(crypto), "[object Crypto]");
  equal(typeof CryptoKey, "function");
  throws(() => new CryptoKey(), "TypeError");
});

// --- digest -------------------------------------------------------------------------------------

test("SHA-1 / SHA-2 of 'abc' (FIPS 180-2 examples)", async () => {
  const abc = ascii("abc");
  equal(hex(await subtle.digest("SHA-1", abc)), "a9993e364706816aba3e25717850c26c9cd0d89d");
  equal(hex(await subtle.digest({ name: "sha-256" }, abc)),
    "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  equal(hex(await subtle.digest("SHA-384", abc)),
    "cb00753f45a35e8bb5a03d699ac65007272c32ab0eded1631a8b605a43ff5bed8086072ba1e7cc2358baeca134c825a7");
  equal(hex(await subtle.digest("SHA-512", abc)),
    "ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a2192992a274fc1a836ba3c23a3feebbd454d4423643ce80e2a9ac94fa54ca49f");
  equal(hex(await subtle.digest("SHA-256", new ArrayBuffer(0))),
    "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
});

test("a large digest runs off the engine thread and equals the chunked one-million-'a' vector", async () => {
  const data = new Uint8Array(1000000).fill(97);
  let ticks = 0;
  const timer = setInterval(() => ticks++, 0);
  const p = subtle.digest("SHA-256", data);
  data.fill(0); // the input was copied at call time
  equal(hex(await p), "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
  clearInterval(timer);
});

test("digest rejects unknown algorithms and non-buffers", async () => {
  await throwsAsync(() => subtle.digest("MD5", new Uint8Array(1)), "NotSupportedError");
  await throwsAsync(() => subtle.digest({}, new Uint8Array(1)), "TypeError");
  await throwsAsync(() => subtle.digest("SHA-256", "abc"), "TypeError");
});

// Inputs of 8 MiB and more are copied in chunks while a pool thread already hashes them; an
// unaligned view exercises the copy's edges, and writing to the buffer right after the call must
// not change the result (the spec copies the bytes at call time). Expected values: Node's crypto.
test("SHA-256 / SHA-384 of 9 MiB + 5 bytes at an odd offset; the input is copied at call time", async () => {
  const buf = new Uint8Array((9 << 20) + 8);
  for (let i = 0; i < buf.length; i++) buf[i] = (i * 31 + (i >> 12)) & 255;
  const view = buf.subarray(3);
  const p256 = subtle.digest("SHA-256", view);
  const p384 = subtle.digest("SHA-384", view);
  buf.fill(0);
  equal(hex(await p256), "47a1a778a5b2e93112b31a1fa7ef1db70c872a27474566a022ff37d1c76dd851");
  equal(hex(await p384),
    "4e40edea0fac932edcef03c09614cc1e3f9d9137422836f7a2c68c2adf416004b68ef502bd9cb7c46d81730659290fa2");
});

// WebIDL: a BufferSource that is not [AllowShared] must not be a SharedArrayBuffer or a view on
// one; every SubtleCrypto method rejects its promise with a TypeError instead.
test("SubtleCrypto rejects shared memory as data, key data, iv, signature and exponent", async () => {
  const sab = new SharedArrayBuffer(40);
  const view = new Uint8Array(sab, 4, 8);
  for (const data of [sab, view, new DataView(sab)]) {
    const p = subtle.digest("SHA-256", data);
    assert(p instanceof Promise, "digest returns a promise");
    await throwsAsync(() => p, "TypeError", "SharedArrayBuffer");
  }
  await throwsAsync(() => subtle.importKey("raw", view, { name: "HMAC", hash: "SHA-256" }, false, ["sign"]), "TypeError");
  await throwsAsync(() => subtle.importKey("jwk", sab, { name: "HMAC", hash: "SHA-256" }, false, ["sign"]), "TypeError");
  const hmac = await subtle.generateKey({ name: "HMAC", hash: "SHA-256" }, false, ["sign", "verify"]);
  await throwsAsync(() => subtle.sign("HMAC", hmac, view), "TypeError");
  const mac = await subtle.sign("HMAC", hmac, new Uint8Array(8));
  await throwsAsync(() => subtle.verify("HMAC", hmac, new Uint8Array(sab, 0, 32), new Uint8Array(8)), "TypeError");
  await throwsAsync(() => subtle.verify("HMAC", hmac, mac, view), "TypeError");
  const aes = await subtle.generateKey({ name: "AES-GCM", length: 128 }, false, ["encrypt", "decrypt"]);
  await throwsAsync(() => subtle.encrypt({ name: "AES-GCM", iv: new Uint8Array(sab, 0, 12) }, aes, new Uint8Array(4)), "TypeError", "iv");
  await throwsAsync(() => subtle.encrypt({ name: "AES-GCM", iv: new Uint8Array(12), additionalData: view }, aes, new Uint8Array(4)), "TypeError");
  await throwsAsync(() => subtle.decrypt({ name: "AES-GCM", iv: new Uint8Array(12) }, aes, view), "TypeError");
  await throwsAsync(() => subtle.generateKey({ name: "RSA-PSS", modulusLength: 1024, hash: "SHA-256",
    publicExponent: new Uint8Array(new SharedArrayBuffer(3)) }, false, ["sign"]), "TypeError", "publicExponent");
  const pbkdf2 = await subtle.importKey("raw", new Uint8Array(8), "PBKDF2", false, ["deriveBits"]);
  await throwsAsync(() => subtle.deriveBits({ name: "PBKDF2", hash: "SHA-256", salt: view, iterations: 1 }, pbkdf2, 256), "TypeError");
  // The same bytes in an ArrayBuffer work.
  equal((await subtle.digest("SHA-256", new Uint8Array(8))).byteLength, 32);
});

// --- HMAC ---------------------------------------------------------------------------------------

test("HMAC RFC 4231 test case 1 (SHA-256, SHA-512) and verify", async () => {
  const raw = new Uint8Array(20).fill(0x0b);
  const data = ascii("Hi There");
  const k256 = await subtle.importKey("raw", raw, { name: "HMAC", hash: "SHA-256" }, true, ["sign", "verify"]);
  equal(hex(await subtle.sign("HMAC", k256, data)),
    "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7");
  const k512 = await subtle.importKey("raw", raw, { name: "HMAC", hash: "SHA-512" }, false, ["sign"]);
  equal(hex(await subtle.sign("HMAC", k512, data)),
    "87aa7cdea5ef619d4ff0b4241a1d6cb02379f4e2ce4ec2787ad0b30545e17cdedaa833b7d6b8a702038b274eaea3f4e4be9d914eeb61f1702e696c203a126854");
  const sig = await subtle.sign("HMAC", k256, data);
  equal(await subtle.verify("HMAC", k256, sig, data), true);
  const bad = new Uint8Array(sig);
  bad[0] ^= 1;
  equal(await subtle.verify("HMAC", k256, bad, data), false);
  deepEqual(k256.algorithm, { name: "HMAC", hash: { name: "SHA-256" }, length: 160 });
  equal(k256.algorithm, k256.algorithm);
});

test("HMAC generateKey defaults to the hash block size; JWK round trip", async () => {
  const key = await subtle.generateKey({ name: "HMAC", hash: "SHA-384" }, true, ["sign"]);
  equal(key.algorithm.length, 1024);
  const jwk = await subtle.exportKey("jwk", key);
  equal(jwk.alg, "HS384");
  equal(jwk.kty, "oct");
  deepEqual(jwk.key_ops, ["sign"]);
  equal(jwk.ext, true);
  const again = await subtle.importKey("jwk", jwk, { name: "HMAC", hash: "SHA-384" }, true, ["sign"]);
  equal(hex(await subtle.exportKey("raw", again)), hex(await subtle.exportKey("raw", key)));
});

test("HMAC import errors: empty key, bad length, JWK mismatches, usages", async () => {
  const H = { name: "HMAC", hash: "SHA-256" };
  await throwsAsync(() => subtle.importKey("raw", new Uint8Array(0), H, true, ["sign"]), "DataError");
  await throwsAsync(() => subtle.importKey("raw", new Uint8Array(16), { ...H, length: 200 }, true, ["sign"]), "DataError");
  await throwsAsync(() => subtle.importKey("raw", new Uint8Array(16), H, true, ["encrypt"]), "SyntaxError");
  await throwsAsync(() => subtle.importKey("raw", new Uint8Array(16), H, true, []), "SyntaxError");
  await throwsAsync(() => subtle.importKey("raw", new Uint8Array(16), H, true, ["bogus"]), "TypeError");
  await throwsAsync(() => subtle.importKey("spki", new Uint8Array(16), H, true, ["sign"]), "NotSupportedError");
  const k = "AAAAAAAAAAAAAAAAAAAAAA";
  await throwsAsync(() => subtle.importKey("jwk", { kty: "oct", k, alg: "HS512" }, H, true, ["sign"]), "DataError");
  await throwsAsync(() => subtle.importKey("jwk", { kty: "EC", k }, H, true, ["sign"]), "DataError");
  await throwsAsync(() => subtle.importKey("jwk", { kty: "oct", k, ext: false }, H, true, ["sign"]), "DataError");
  await throwsAsync(() => subtle.importKey("jwk", { kty: "oct", k, key_ops: ["verify"] }, H, true, ["sign"]), "DataError");
  await throwsAsync(() => subtle.importKey("jwk", { kty: "oct", k, use: "enc" }, H, true, ["sign"]), "DataError");
  await throwsAsync(() => subtle.importKey("jwk", { kty: "oct", k: "!!" }, H, true, ["sign"]), "DataError");
  await throwsAsync(() => subtle.importKey("jwk", new Uint8Array(4), H, true, ["sign"]), "TypeError");
  await throwsAsync(() => subtle.importKey("raw", { kty: "oct" }, H, true, ["sign"]), "TypeError");
  await throwsAsync(() => subtle.importKey("pem", new Uint8Array(4), H, true, ["sign"]), "TypeError");
});

// --- AES ------------------------------------------------------------------------------------------

test("AES-GCM: GCM spec test cases 2 and 14, tag lengths, additional data, odd IV lengths", async () => {
  const k128 = await subtle.importKey("raw", new Uint8Array(16), "AES-GCM", true, ["encrypt", "decrypt"]);
  const zero = new Uint8Array(16);
  equal(hex(await subtle.encrypt({ name: "AES-GCM", iv: new Uint8Array(12) }, k128, zero)),
    "0388dace60b6a392f328c2b971b2fe78ab6e47d42cec13bdf53a67b21257bddf");
  const k256 = await subtle.importKey("raw", new Uint8Array(32), { name: "aes-gcm" }, true, ["encrypt", "decrypt"]);
  equal(hex(await subtle.encrypt({ name: "AES-GCM", iv: new Uint8Array(12) }, k256, zero)),
    "cea7403d4d606b6e074ec5d3baf39d18d0d1c8a799996bf0265b98b5d48ab919");
  const iv = crypto.getRandomValues(new Uint8Array(60));
  const additionalData = ascii("header");
  for (const tagLength of [32, 64, 96, 104, 112, 120, 128]) {
    const p = { name: "AES-GCM", iv, additionalData, tagLength };
    const ct = await subtle.encrypt(p, k256, ascii("hello"));
    equal(ct.byteLength, 5 + tagLength / 8);
    equal(hex(await subtle.decrypt(p, k256, ct)), hex(ascii("hello")));
  }
  await throwsAsync(() => subtle.encrypt({ name: "AES-GCM", iv, tagLength: 48 }, k256, zero), "OperationError");
  await throwsAsync(() => subtle.encrypt({ name: "AES-GCM", iv: new Uint8Array(0) }, k256, zero), "OperationError");
});

test("AES-GCM: a flipped tag bit or other additional data is one OperationError", async () => {
  const key = await subtle.generateKey({ name: "AES-GCM", length: 256 }, false, ["encrypt", "decrypt"]);
  const iv = new Uint8Array(12);
  const ct = new Uint8Array(await subtle.encrypt({ name: "AES-GCM", iv }, key, ascii("secret")));
  ct[ct.length - 1] ^= 1;
  await throwsAsync(() => subtle.decrypt({ name: "AES-GCM", iv }, key, ct), "OperationError");
  ct[ct.length - 1] ^= 1;
  await throwsAsync(() => subtle.decrypt({ name: "AES-GCM", iv, additionalData: ascii("x") }, key, ct), "OperationError");
  await throwsAsync(() => subtle.decrypt({ name: "AES-GCM", iv }, key, new Uint8Array(8)), "OperationError");
});

test("AES-GCM of 9 MiB (copied while it is encrypted) round-trips; its input is copied at call time", async () => {
  const key = await subtle.generateKey({ name: "AES-GCM", length: 128 }, false, ["encrypt", "decrypt"]);
  const data = new Uint8Array(9 << 20).map((_, i) => i & 255);
  const iv = new Uint8Array(12);
  const p = subtle.encrypt({ name: "AES-GCM", iv }, key, data);
  const expect = hex(await subtle.digest("SHA-256", data));
  data.fill(1);
  const plain = await subtle.decrypt({ name: "AES-GCM", iv }, key, await p);
  equal(hex(await subtle.digest("SHA-256", plain)), expect);
});

// The index of the first byte where two byte sequences differ, or -1 (cheaper than hex for MiBs).
function firstDifference(a, b) {
  const x = new Uint8Array(a), y = new Uint8Array(b);
  if (x.length !== y.length) return Math.min(x.length, y.length);
  for (let i = 0; i < x.length; i++) if (x[i] !== y[i]) return i;
  return -1;
}

// Inputs of 8 MiB and more are encrypted in place in their call-time copy. GCM's ciphertext is
// CTR mode from the counter block IV || 00000002 (SP 800-38D, 96-bit IV), so the big (streamed,
// in-place) result must equal AES-CTR over pieces small enough to take the ordinary path.
test("AES-GCM and AES-CTR of 9 MiB + 5 bytes in place agree with small inputs", async () => {
  const raw = crypto.getRandomValues(new Uint8Array(32));
  const gcmKey = await subtle.importKey("raw", raw, "AES-GCM", false, ["encrypt", "decrypt"]);
  const ctrKey = await subtle.importKey("raw", raw, "AES-CTR", false, ["encrypt"]);
  const size = (9 << 20) + 5;
  const data = new Uint8Array(size).map((_, i) => (i * 13 + (i >> 10)) & 255);
  const iv = crypto.getRandomValues(new Uint8Array(12));
  const sealed = new Uint8Array(await subtle.encrypt({ name: "AES-GCM", iv }, gcmKey, data));
  equal(sealed.length, size + 16);
  const piece = 3 << 20; // a multiple of 16 bytes
  for (let offset = 0; offset < size; offset += piece) {
    const counter = new Uint8Array(16);
    counter.set(iv);
    new DataView(counter.buffer).setUint32(12, 2 + offset / 16);
    const part = data.subarray(offset, Math.min(size, offset + piece));
    const expected = await subtle.encrypt({ name: "AES-CTR", counter, length: 32 }, ctrKey, part);
    equal(firstDifference(sealed.subarray(offset, offset + part.length), expected), -1, `at ${offset}`);
  }
  const ctrWhole = new Uint8Array(await subtle.encrypt(
    { name: "AES-CTR", counter: (() => { const c = new Uint8Array(16); c.set(iv); c[15] = 2; return c; })(), length: 32 },
    ctrKey, data));
  equal(firstDifference(ctrWhole, sealed.subarray(0, size)), -1);
  const opened = await subtle.decrypt({ name: "AES-GCM", iv }, gcmKey, sealed);
  equal(firstDifference(opened, data), -1);
  sealed[size + 3] ^= 1; // the tag
  await throwsAsync(() => subtle.decrypt({ name: "AES-GCM", iv }, gcmKey, sealed), "OperationError");
});

test("AES-CTR and AES-CBC of 9 MiB agree with small inputs", async () => {
  const key = await subtle.generateKey({ name: "AES-CTR", length: 256 }, false, ["encrypt"]);
  const counter = new Uint8Array(16);
  const big = new Uint8Array(await subtle.encrypt({ name: "AES-CTR", counter, length: 128 }, key, new Uint8Array(9 << 20)));
  equal(hex(big.subarray(0, 32)), hex(await subtle.encrypt({ name: "AES-CTR", counter, length: 128 }, key, new Uint8Array(32))));
  const cbc = await subtle.generateKey({ name: "AES-CBC", length: 128 }, false, ["encrypt", "decrypt"]);
  const iv = new Uint8Array(16);
  const data = new Uint8Array(9 << 20).map((_, i) => (i * 7) & 255);
  const ct = await subtle.encrypt({ name: "AES-CBC", iv }, cbc, data);
  equal(ct.byteLength, (9 << 20) + 16);
  equal(hex(await subtle.digest("SHA-256", await subtle.decrypt({ name: "AES-CBC", iv }, cbc, ct))),
    hex(await subtle.digest("SHA-256", data)));
});

test("AES-CBC SP 800-38A F.2.1 / F.2.5; a bad padding is an OperationError", async () => {
  const key = await subtle.importKey("raw", unhex("2b7e151628aed2a6abf7158809cf4f3c"), "AES-CBC", true, ["encrypt", "decrypt"]);
  const iv = unhex("000102030405060708090a0b0c0d0e0f");
  const ct = await subtle.encrypt({ name: "AES-CBC", iv }, key, unhex("6bc1bee22e409f96e93d7e117393172a"));
  equal(ct.byteLength, 32);
  equal(hex(ct).slice(0, 32), "7649abac8119b246cee98e9b12e9197d");
  equal(hex(await subtle.decrypt({ name: "AES-CBC", iv }, key, ct)), "6bc1bee22e409f96e93d7e117393172a");
  const k256 = await subtle.importKey("raw",
    unhex("603deb1015ca71be2b73aef0857d77811f352c073b6108d72d9810a30914dff4"), "AES-CBC", false, ["encrypt"]);
  equal(hex(await subtle.encrypt({ name: "AES-CBC", iv }, k256, unhex("6bc1bee22e409f96e93d7e117393172a"))).slice(0, 32),
    "f58c4c04d6e5f1ba779eabfb5f7bfbd6");
  const broken = new Uint8Array(ct);
  broken[31] ^= 0xff;
  await throwsAsync(() => subtle.decrypt({ name: "AES-CBC", iv }, key, broken), "OperationError");
  await throwsAsync(() => subtle.encrypt({ name: "AES-CBC", iv: new Uint8Array(8) }, key, broken), "OperationError");
});

test("AES-CTR SP 800-38A F.5.1, and the counter wraps within its length bits", async () => {
  const key = await subtle.importKey("raw", unhex("2b7e151628aed2a6abf7158809cf4f3c"), "AES-CTR", true, ["encrypt", "decrypt"]);
  const counter = unhex("f0f1f2f3f4f5f6f7f8f9fafbfcfdfeff");
  equal(hex(await subtle.encrypt({ name: "AES-CTR", counter, length: 64 }, key,
    unhex("6bc1bee22e409f96e93d7e117393172aae2d8a571e03ac9c9eb76fac45af8e51"))),
    "874d6191b620e3261bef6864990db6ce9806f66b7970fdff8617187bb9fffdff");
  // length 8: block 2 uses counter ...00, not ...00 with a carry into byte 14.
  const c = unhex("000000000000000000000000000001ff");
  const two = await subtle.encrypt({ name: "AES-CTR", counter: c, length: 8 }, key, new Uint8Array(32));
  const wrapped = await subtle.encrypt({ name: "AES-CTR", counter: unhex("00000000000000000000000000000100"), length: 8 }, key, new Uint8Array(16));
  equal(hex(two).slice(32), hex(wrapped));
  await throwsAsync(() => subtle.encrypt({ name: "AES-CTR", counter: c, length: 1 }, key, new Uint8Array(48)), "OperationError");
  await throwsAsync(() => subtle.encrypt({ name: "AES-CTR", counter: c, length: 0 }, key, new Uint8Array(1)), "OperationError");
  await throwsAsync(() => subtle.encrypt({ name: "AES-CTR", counter: new Uint8Array(8), length: 64 }, key, new Uint8Array(1)), "OperationError");
});

test("AES-KW RFC 3394 4.1, wrapKey/unwrapKey of raw and jwk keys", async () => {
  const kek = await subtle.importKey("raw", unhex("000102030405060708090a0b0c0d0e0f"), "AES-KW", true, ["wrapKey", "unwrapKey"]);
  const inner = await subtle.importKey("raw", unhex("00112233445566778899aabbccddeeff"), "AES-GCM", true, ["encrypt"]);
  const wrapped = await subtle.wrapKey("raw", inner, kek, "AES-KW");
  equal(hex(wrapped), "1fa68b0a8112b447aef34bd8fb5a7b829d3e862371d2cfe5");
  const back = await subtle.unwrapKey("raw", wrapped, kek, "AES-KW", "AES-GCM", true, ["encrypt"]);
  equal(hex(await subtle.exportKey("raw", back)), "00112233445566778899aabbccddeeff");
  const bad = new Uint8Array(wrapped);
  bad[3] ^= 1;
  await throwsAsync(() => subtle.unwrapKey("raw", bad, kek, "AES-KW", "AES-GCM", true, ["encrypt"]), "OperationError");
  // jwk through AES-GCM (wrapKey falls back to encrypt).
  const wrapper = await subtle.generateKey({ name: "AES-GCM", length: 256 }, false, ["wrapKey", "unwrapKey"]);
  const hmac = await subtle.generateKey({ name: "HMAC", hash: "SHA-256" }, true, ["sign", "verify"]);
  const iv = new Uint8Array(12);
  const blob = await subtle.wrapKey("jwk", hmac, wrapper, { name: "AES-GCM", iv });
  const unwrapped = await subtle.unwrapKey("jwk", blob, wrapper, { name: "AES-GCM", iv },
    { name: "HMAC", hash: "SHA-256" }, false, ["verify"]);
  deepEqual(unwrapped.usages, ["verify"]);
  equal(unwrapped.extractable, false);
  const sig = await subtle.sign("HMAC", hmac, ascii("x"));
  equal(await subtle.verify("HMAC", unwrapped, sig, ascii("x")), true);
  await throwsAsync(() => subtle.wrapKey("raw", unwrapped, wrapper, { name: "AES-GCM", iv }), "InvalidAccessError");
  await throwsAsync(() => subtle.wrapKey("raw", inner, wrapper, "AES-KW"), "InvalidAccessError");
});

test("AES import/generate errors and key usage checks", async () => {
  await throwsAsync(() => subtle.importKey("raw", new Uint8Array(15), "AES-GCM", true, ["encrypt"]), "DataError");
  await throwsAsync(() => subtle.generateKey({ name: "AES-CBC", length: 100 }, true, ["encrypt"]), "OperationError");
  await throwsAsync(() => subtle.generateKey({ name: "AES-CBC" }, true, ["encrypt"]), "TypeError");
  await throwsAsync(() => subtle.generateKey({ name: "AES-KW", length: 128 }, true, ["encrypt"]), "SyntaxError");
  await throwsAsync(() => subtle.importKey("jwk", { kty: "oct", k: "AAAAAAAAAAAAAAAAAAAAAA", alg: "A256GCM" }, "AES-GCM", true, ["encrypt"]), "DataError");
  const key = await subtle.generateKey({ name: "AES-CBC", length: 128 }, false, ["encrypt"]);
  await throwsAsync(() => subtle.decrypt({ name: "AES-CBC", iv: new Uint8Array(16) }, key, new Uint8Array(16)), "InvalidAccessError");
  await throwsAsync(() => subtle.encrypt({ name: "AES-GCM", iv: new Uint8Array(12) }, key, new Uint8Array(16)), "InvalidAccessError");
  await throwsAsync(() => subtle.exportKey("raw", key), "InvalidAccessError");
  await throwsAsync(() => subtle.encrypt({ name: "AES-CBC", iv: new Uint8Array(16) }, {}, new Uint8Array(16)), "TypeError");
});

// --- ECDSA / ECDH --------------------------------------------------------------------------------

test("ECDSA: signatures made by another implementation verify, for every curve", async () => {
  const message = unb64(vectors.message);
  for (const v of vectors.ecdsa) {
    const alg = { name: "ECDSA", namedCurve: v.curve };
    const pub = await subtle.importKey("spki", unb64(v.spki), alg, true, ["verify"]);
    equal(await subtle.verify({ name: "ECDSA", hash: v.hash }, pub, unb64(v.signature), message), true, v.curve);
    const bad = unb64(v.signature);
    bad[5] ^= 1;
    equal(await subtle.verify({ name: "ECDSA", hash: v.hash }, pub, bad, message), false);
    equal(await subtle.verify({ name: "ECDSA", hash: v.hash }, pub, bad.slice(1), message), false);
    const priv = await subtle.importKey("jwk", v.jwk, alg, true, ["sign"]);
    const sig = await subtle.sign({ name: "ECDSA", hash: v.hash }, priv, message);
    equal(sig.byteLength, unb64(v.signature).length);
    equal(await subtle.verify({ name: "ECDSA", hash: v.hash }, pub, sig, message), true);
  }
});

// NIST CAVP SigVer.rsp: the public key is the point (Qx, Qy), the signature r || s with each half
// padded to the curve's size, and verify must answer what the vector's Result says.
test("ECDSA: NIST CAVP SigVer vectors verify as the file says (P-256, P-384, P-521)", async () => {
  const sizes = { "P-256": 32, "P-384": 48, "P-521": 66 };
  let passes = 0, failures = 0;
  for (const section of nist.ecdsa) {
    const size = sizes[section.curve];
    const alg = { name: "ECDSA", namedCurve: section.curve };
    const params = { name: "ECDSA", hash: section.hash };
    for (const v of section.vectors) {
      const x = unhex(padHex(v.qx, size)), y = unhex(padHex(v.qy, size));
      const raw = new Uint8Array([4, ...x, ...y]);
      const signature = unhex(padHex(v.r, size) + padHex(v.s, size));
      const expected = v.result.startsWith("P");
      const where = `${section.curve}/${section.hash} ${v.msg.slice(0, 16)} (${v.result})`;
      const key = await subtle.importKey("raw", raw, alg, false, ["verify"]);
      equal(await subtle.verify(params, key, signature, unhex(v.msg)), expected, where);
      // The same point as a JWK is the same key.
      const jwk = { kty: "EC", crv: section.curve, x: b64url(x), y: b64url(y) };
      const fromJwk = await subtle.importKey("jwk", jwk, alg, false, ["verify"]);
      equal(await subtle.verify(params, fromJwk, signature, unhex(v.msg)), expected, where);
      expected ? passes++ : failures++;
    }
  }
  assert(passes >= 6 && failures >= 12, `${passes} P and ${failures} F vectors`);
});

test("EC round trips: raw, spki, pkcs8, jwk on P-256, P-384, P-521", async () => {
  for (const namedCurve of ["P-256", "P-384", "P-521"]) {
    const alg = { name: "ECDSA", namedCurve };
    const { privateKey, publicKey } = await subtle.generateKey(alg, true, ["sign", "verify"]);
    deepEqual(privateKey.usages, ["sign"]);
    deepEqual(publicKey.usages, ["verify"]);
    deepEqual(publicKey.algorithm, { name: "ECDSA", namedCurve });
    for (const format of ["raw", "spki", "jwk"]) {
      const data = await subtle.exportKey(format, publicKey);
      const again = await subtle.importKey(format, data, alg, true, ["verify"]);
      deepEqual(await subtle.exportKey("jwk", again), await subtle.exportKey("jwk", publicKey));
    }
    for (const format of ["pkcs8", "jwk"]) {
      const data = await subtle.exportKey(format, privateKey);
      const again = await subtle.importKey(format, data, alg, true, ["sign"]);
      deepEqual(await subtle.exportKey("jwk", again), await subtle.exportKey("jwk", privateKey));
    }
    await throwsAsync(() => subtle.exportKey("raw", privateKey), "InvalidAccessError");
    await throwsAsync(() => subtle.exportKey("pkcs8", publicKey), "InvalidAccessError");
  }
});

// SEC 1 compressed points (0x02/0x03 || x) import through spki and raw; exports give the
// uncompressed point, as the spec and web-platform-tests' ec_importKey require (and Node does).
test("EC keys with a compressed point import and export uncompressed (spki, raw, jwk, pkcs8)", async () => {
  for (const [namedCurve, data] of Object.entries(ecCompressed)) {
    const spki = unb64(data.spki);
    for (const name of ["ECDSA", "ECDH"]) {
      const alg = { name, namedCurve };
      const pub = name === "ECDSA" ? ["verify"] : [];
      const expected = await subtle.importKey("spki", spki, alg, true, pub);
      const rawPoint = new Uint8Array(await subtle.exportKey("raw", expected));
      const n = (rawPoint.length - 1) / 2;
      equal(hex(spki.slice(spki.length - rawPoint.length)), hex(rawPoint));
      const compressed = new Uint8Array([2 | (rawPoint[2 * n] & 1), ...rawPoint.slice(1, 1 + n)]);
      const jwk = await subtle.exportKey("jwk", expected);
      const fromSpki = await subtle.importKey("spki", unb64(data.spkiCompressed), alg, true, pub);
      const fromRaw = await subtle.importKey("raw", compressed, alg, true, pub);
      for (const key of [fromSpki, fromRaw]) {
        equal(hex(await subtle.exportKey("spki", key)), hex(spki), `${name} ${namedCurve} spki`);
        equal(hex(await subtle.exportKey("raw", key)), hex(rawPoint), `${name} ${namedCurve} raw`);
        deepEqual(await subtle.exportKey("jwk", key), jwk);
      }
      const priv = name === "ECDSA" ? ["sign"] : ["deriveBits"];
      const fromPkcs8 = await subtle.importKey("pkcs8", unb64(data.pkcs8Compressed), alg, true, priv);
      equal(hex(await subtle.exportKey("pkcs8", fromPkcs8)), hex(unb64(data.pkcs8)), `${name} ${namedCurve} pkcs8`);
    }
  }
  // A compressed point whose x is not on the curve is a DataError.
  const bad = new Uint8Array(33).fill(0xff);
  bad[0] = 2;
  await throwsAsync(() => subtle.importKey("raw", bad, { name: "ECDSA", namedCurve: "P-256" }, true, ["verify"]), "DataError");
});

test("EC import errors: off-curve point, wrong curve, truncated DER, JWK mismatches", async () => {
  const alg = { name: "ECDSA", namedCurve: "P-256" };
  const { privateKey, publicKey } = await subtle.generateKey(alg, true, ["sign", "verify"]);
  const raw = new Uint8Array(await subtle.exportKey("raw", publicKey));
  raw[40] ^= 1;
  await throwsAsync(() => subtle.importKey("raw", raw, alg, true, ["verify"]), "DataError");
  const spki = new Uint8Array(await subtle.exportKey("spki", publicKey));
  await throwsAsync(() => subtle.importKey("spki", spki, { name: "ECDSA", namedCurve: "P-384" }, true, ["verify"]), "DataError");
  await throwsAsync(() => subtle.importKey("spki", spki.slice(0, 40), alg, true, ["verify"]), "DataError");
  const pkcs8 = new Uint8Array(await subtle.exportKey("pkcs8", privateKey));
  await throwsAsync(() => subtle.importKey("pkcs8", pkcs8.slice(0, pkcs8.length - 3), alg, true, ["sign"]), "DataError");
  await throwsAsync(() => subtle.importKey("spki", spki, alg, true, ["sign"]), "SyntaxError");
  await throwsAsync(() => subtle.importKey("spki", spki, { name: "ECDSA", namedCurve: "P-192" }, true, ["verify"]), "NotSupportedError");
  const jwk = await subtle.exportKey("jwk", privateKey);
  await throwsAsync(() => subtle.importKey("jwk", { ...jwk, crv: "P-384" }, alg, true, ["sign"]), "DataError");
  await throwsAsync(() => subtle.importKey("jwk", { ...jwk, alg: "ES384" }, alg, true, ["sign"]), "DataError");
  await throwsAsync(() => subtle.importKey("jwk", { ...jwk, x: jwk.y }, alg, true, ["sign"]), "DataError");
  await throwsAsync(() => subtle.importKey("jwk", { ...jwk, d: jwk.d.slice(2) }, alg, true, ["sign"]), "DataError");
  // An RSA key in SPKI is a DataError for ECDSA.
  const rsaSpki = await subtle.exportKey("spki", (await subtle.generateKey({ name: "RSA-PSS", modulusLength: 1024,
    publicExponent: new Uint8Array([1, 0, 1]), hash: "SHA-256" }, true, ["sign", "verify"])).publicKey);
  await throwsAsync(() => subtle.importKey("spki", rsaSpki, alg, true, ["verify"]), "DataError");
  await throwsAsync(() => subtle.sign({ name: "ECDSA", hash: "SHA-256" }, publicKey, new Uint8Array(1)), "InvalidAccessError");
});

test("ECDH deriveBits / deriveKey against another implementation's secret", async () => {
  const alg = { name: "ECDH", namedCurve: "P-384" };
  const priv = await subtle.importKey("pkcs8", unb64(vectors.ecdh.privateKey), alg, false, ["deriveBits", "deriveKey"]);
  const pub = await subtle.importKey("raw", unb64(vectors.ecdh.publicKey), alg, true, []);
  equal(hex(await subtle.deriveBits({ name: "ECDH", public: pub }, priv, 384)), hex(unb64(vectors.ecdh.secret)));
  equal(hex(await subtle.deriveBits({ name: "ECDH", public: pub }, priv, null)), hex(unb64(vectors.ecdh.secret)));
  equal((await subtle.deriveBits({ name: "ECDH", public: pub }, priv, 0)).byteLength, 0);
  equal(hex(await subtle.deriveBits({ name: "ECDH", public: pub }, priv, 12)), hex(unb64(vectors.ecdh.secret)).slice(0, 2) +
    (unb64(vectors.ecdh.secret)[1] & 0xf0).toString(16).padStart(2, "0"));
  await throwsAsync(() => subtle.deriveBits({ name: "ECDH", public: pub }, priv, 392), "OperationError");
  const key = await subtle.deriveKey({ name: "ECDH", public: pub }, priv, { name: "AES-GCM", length: 256 }, true, ["encrypt"]);
  equal(hex(await subtle.exportKey("raw", key)), hex(unb64(vectors.ecdh.secret)).slice(0, 64));
  const other = await subtle.generateKey({ name: "ECDH", namedCurve: "P-256" }, false, ["deriveBits"]);
  await throwsAsync(() => subtle.deriveBits({ name: "ECDH", public: other.publicKey }, priv, 128), "InvalidAccessError");
  await throwsAsync(() => subtle.deriveBits({ name: "ECDH", public: priv }, priv, 128), "InvalidAccessError");
  await throwsAsync(() => subtle.deriveBits({ name: "ECDH" }, priv, 128), "TypeError");
});

// --- RSA ------------------------------------------------------------------------------------------

test("RSA-PSS, RSASSA-PKCS1-v1_5, RSA-OAEP against another implementation", async () => {
  const message = unb64(vectors.message);
  const { pss, pkcs1, oaep } = vectors.rsa;
  const pssAlg = { name: "RSA-PSS", hash: "SHA-256" };
  const pssPriv = await subtle.importKey("jwk", pss.jwk, pssAlg, true, ["sign"]);
  const pssPub = await subtle.importKey("jwk", { kty: "RSA", n: pss.jwk.n, e: pss.jwk.e }, pssAlg, true, ["verify"]);
  equal(pssPub.algorithm.modulusLength, 2048);
  equal(hex(pssPub.algorithm.publicExponent), "010001");
  equal(await subtle.verify({ name: "RSA-PSS", saltLength: 32 }, pssPub, unb64(pss.signature), message), true);
  equal(await subtle.verify({ name: "RSA-PSS", saltLength: 20 }, pssPub, unb64(pss.signature), message), false);
  const mine = await subtle.sign({ name: "RSA-PSS", saltLength: 32 }, pssPriv, message);
  equal(await subtle.verify({ name: "RSA-PSS", saltLength: 32 }, pssPub, mine, message), true);
  const fromPkcs8 = await subtle.importKey("pkcs8", unb64(pss.pkcs8), pssAlg, true, ["sign"]);
  const sorted = (o) => Object.fromEntries(Object.entries(o).sort(([a], [b]) => (a < b ? -1 : 1)));
  deepEqual(sorted(await subtle.exportKey("jwk", fromPkcs8)), sorted({ ...pss.jwk, key_ops: ["sign"], ext: true }));
  const pkcs1Pub = await subtle.importKey("jwk", pkcs1.jwk, { name: "RSASSA-PKCS1-v1_5", hash: "SHA-256" }, true, ["verify"]);
  equal(await subtle.verify("RSASSA-PKCS1-v1_5", pkcs1Pub, unb64(pkcs1.signature), message), true);
  const oaepPriv = await subtle.importKey("jwk", oaep.jwk, { name: "RSA-OAEP", hash: "SHA-256" }, false, ["decrypt"]);
  equal(hex(await subtle.decrypt({ name: "RSA-OAEP", label: unb64(oaep.label) }, oaepPriv, unb64(oaep.ciphertext))), hex(message));
  await throwsAsync(() => subtle.decrypt({ name: "RSA-OAEP" }, oaepPriv, unb64(oaep.ciphertext)), "OperationError");
});

// NIST CAVP SigVerPSS_186-3.rsp, 2048-bit modulus: the key is (n, e) as a JWK; F vectors change
// the message, the signature, e, or the encoded message's format.
test("RSA-PSS: NIST CAVP SigVerPSS vectors verify as the file says (SHA-256, SHA-384)", async () => {
  const { n, saltLength } = nist.rsaPss;
  const seen = new Set();
  for (const v of nist.rsaPss.vectors) {
    const e = v.e.length % 2 ? "0" + v.e : v.e;
    const jwk = { kty: "RSA", n: b64url(unhex(n)), e: b64url(unhex(e)) };
    const key = await subtle.importKey("jwk", jwk, { name: "RSA-PSS", hash: v.hash }, false, ["verify"]);
    equal(key.algorithm.modulusLength, 2048);
    const expected = v.result.startsWith("P");
    const ok = await subtle.verify({ name: "RSA-PSS", saltLength }, key, unhex(v.s), unhex(v.msg));
    equal(ok, expected, `${v.hash} ${v.msg.slice(0, 16)} (${v.result})`);
    seen.add(`${v.hash} ${expected}`);
    // The salt length is part of the check: a passing vector fails with any other.
    if (expected)
      equal(await subtle.verify({ name: "RSA-PSS", saltLength: 32 }, key, unhex(v.s), unhex(v.msg)), false);
  }
  equal(seen.size, 4, "P and F vectors for both hashes");
});

test("RSA key import errors: inconsistent keys, wrong alg, raw format", async () => {
  const { pss } = vectors.rsa;
  const alg = { name: "RSA-PSS", hash: "SHA-256" };
  await throwsAsync(() => subtle.importKey("jwk", { ...pss.jwk, alg: "PS384" }, alg, true, ["sign"]), "DataError");
  await throwsAsync(() => subtle.importKey("jwk", { ...pss.jwk, dp: pss.jwk.dq }, alg, true, ["sign"]), "DataError");
  await throwsAsync(() => subtle.importKey("jwk", { ...pss.jwk, oth: [] }, alg, true, ["sign"]), "NotSupportedError");
  await throwsAsync(() => subtle.importKey("raw", new Uint8Array(16), alg, true, ["verify"]), "NotSupportedError");
  const pkcs8 = unb64(pss.pkcs8);
  await throwsAsync(() => subtle.importKey("pkcs8", pkcs8.slice(0, 100), alg, true, ["sign"]), "DataError");
  await throwsAsync(() => subtle.importKey("pkcs8", pkcs8, { name: "RSA-OAEP", hash: "SHA-256" }, true, ["sign"]), "SyntaxError");
});

test("RSA-OAEP generateKey, encrypt/decrypt round trip with a label; PKCS1 round trip", async () => {
  const { privateKey, publicKey } = await subtle.generateKey({ name: "RSA-OAEP", modulusLength: 1024,
    publicExponent: new Uint8Array([1, 0, 1]), hash: "SHA-1" }, false, ["encrypt", "decrypt"]);
  deepEqual(publicKey.usages, ["encrypt"]);
  equal(publicKey.extractable, true);
  const label = ascii("L");
  const ct = await subtle.encrypt({ name: "RSA-OAEP", label }, publicKey, ascii("data"));
  equal(hex(await subtle.decrypt({ name: "RSA-OAEP", label }, privateKey, ct)), hex(ascii("data")));
  await throwsAsync(() => subtle.generateKey({ name: "RSA-OAEP", modulusLength: 1024,
    publicExponent: [1, 0, 1], hash: "SHA-1" }, false, ["encrypt"]), "TypeError");
  const kp = await subtle.generateKey({ name: "RSASSA-PKCS1-v1_5", modulusLength: 1024,
    publicExponent: new Uint8Array([1, 0, 1]), hash: "SHA-512" }, true, ["sign", "verify"]);
  const sig = await subtle.sign("RSASSA-PKCS1-v1_5", kp.privateKey, ascii("m"));
  equal(await subtle.verify("RSASSA-PKCS1-v1_5", kp.publicKey, sig, ascii("m")), true);
  equal((await subtle.exportKey("jwk", kp.publicKey)).alg, "RS512");
});

// --- Secure Curves ---------------------------------------------------------------------------------

test("Ed25519 RFC 8032 test 1: sign, verify, JWK and PKCS #8 import", async () => {
  const seed = unhex("9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60");
  const pub = unhex("d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a");
  const expected = "e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b";
  const pkcs8 = new Uint8Array([...unhex("302e020100300506032b657004220420"), ...seed]);
  const priv = await subtle.importKey("pkcs8", pkcs8, "Ed25519", true, ["sign"]);
  equal(hex(await subtle.sign("Ed25519", priv, new Uint8Array(0))), expected);
  const publicKey = await subtle.importKey("raw", pub, { name: "Ed25519" }, true, ["verify"]);
  equal(await subtle.verify("Ed25519", publicKey, unhex(expected), new Uint8Array(0)), true);
  equal(await subtle.verify("Ed25519", publicKey, unhex(expected), new Uint8Array(1)), false);
  const jwk = await subtle.exportKey("jwk", priv);
  equal(jwk.crv, "Ed25519");
  equal(hex(unb64(jwk.x.replace(/-/g, "+").replace(/_/g, "/"))), hex(pub));
  await throwsAsync(() => subtle.importKey("jwk", { ...jwk, x: "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA" }, "Ed25519", true, ["sign"]), "DataError");
  await throwsAsync(() => subtle.importKey("raw", pub.slice(1), "Ed25519", true, ["verify"]), "DataError");
});

// https://w3c.github.io/webcrypto/#ed25519-operations-verify steps 2-3: a small-order or
// invalid point as the public key or as R makes verify return false; importing such a key works.
test("Ed25519 verify: web-platform-tests' small-order and non-canonical points", async () => {
  for (const v of edSmallOrder) {
    const key = await subtle.importKey("raw", unhex(v.key), "Ed25519", false, ["verify"]);
    equal(await subtle.verify("Ed25519", key, unhex(v.signature), unhex(v.message)), v.verified, `case ${v.id}`);
  }
  // The identity as A and R with S = 0 holds for every message; it must not verify.
  const identity = new Uint8Array(32);
  identity[0] = 1;
  const key = await subtle.importKey("raw", identity, "Ed25519", true, ["verify"]);
  equal(hex(await subtle.exportKey("raw", key)), hex(identity));
  const sig = new Uint8Array(64);
  sig[0] = 1;
  equal(await subtle.verify("Ed25519", key, sig, ascii("any message")), false);
});

test("Ed448 verify: points of order 4 as A and R do not verify", async () => {
  // A = R = (1, 0) (y = 0), S = 0: both sides are the identity once multiplied by the cofactor.
  const key = await subtle.importKey("raw", new Uint8Array(57), "Ed448", false, ["verify"]);
  equal(await subtle.verify("Ed448", key, new Uint8Array(114), new Uint8Array([0])), false);
  const negated = new Uint8Array(114);
  negated[56] = 0x80; // R = (-1, 0)
  equal(await subtle.verify("Ed448", key, negated, new Uint8Array([0])), false);
  // y = p (a non-canonical encoding of y = 0) is not a point either.
  const p = new Uint8Array(57).fill(0xff);
  p[28] = 0xfe;
  p[56] = 0;
  const nonCanonical = await subtle.importKey("raw", p, "Ed448", false, ["verify"]);
  equal(await subtle.verify("Ed448", nonCanonical, new Uint8Array(114), new Uint8Array([0])), false);
});

test("Ed448 generate, sign/verify and every format round-trips", async () => {
  const { privateKey, publicKey } = await subtle.generateKey("Ed448", true, ["sign", "verify"]);
  const sig = await subtle.sign("Ed448", privateKey, ascii("msg"));
  equal(sig.byteLength, 114);
  equal(await subtle.verify({ name: "Ed448" }, publicKey, sig, ascii("msg")), true);
  for (const f of ["raw", "spki", "jwk"])
    await subtle.importKey(f, await subtle.exportKey(f, publicKey), "Ed448", true, ["verify"]);
  for (const f of ["pkcs8", "jwk"])
    await subtle.importKey(f, await subtle.exportKey(f, privateKey), "Ed448", true, ["sign"]);
});

test("X25519 RFC 7748 6.1 and X448 agreement", async () => {
  const alicePkcs8 = new Uint8Array([...unhex("302e020100300506032b656e04220420"),
    ...unhex("77076d0a7318a57d3c16c17251b26645df4c2f87ebc0992ab177fba51db92c2a")]);
  const alice = await subtle.importKey("pkcs8", alicePkcs8, "X25519", false, ["deriveBits"]);
  const bob = await subtle.importKey("raw", unhex("de9edb7d7b7dc1b4d35b61c2ece435373f8343c85b78674dadfc7e146f882b4f"), "X25519", true, []);
  equal(hex(await subtle.deriveBits({ name: "X25519", public: bob }, alice, 256)),
    "4a5d9d5ba4ce2de1728e3bf480350f25e07e21c947d19e3376f09b3c1e161742");
  const zero = await subtle.importKey("raw", new Uint8Array(32), "X25519", true, []);
  await throwsAsync(() => subtle.deriveBits({ name: "X25519", public: zero }, alice, 256), "OperationError");
  const a = await subtle.generateKey("X448", true, ["deriveBits"]);
  const b = await subtle.generateKey("X448", true, ["deriveBits"]);
  equal(hex(await subtle.deriveBits({ name: "X448", public: b.publicKey }, a.privateKey, 448)),
    hex(await subtle.deriveBits({ name: "X448", public: a.publicKey }, b.privateKey, 448)));
});

// --- HKDF / PBKDF2 ---------------------------------------------------------------------------------

test("HKDF RFC 5869 test case 1; zero length; null length", async () => {
  const key = await subtle.importKey("raw", new Uint8Array(22).fill(0x0b), "HKDF", false, ["deriveBits", "deriveKey"]);
  const p = { name: "HKDF", hash: "SHA-256", salt: unhex("000102030405060708090a0b0c"), info: unhex("f0f1f2f3f4f5f6f7f8f9") };
  equal(hex(await subtle.deriveBits(p, key, 336)),
    "3cb25f25faacd57a90434f64d0362f2a2d2d0a90cf1a5a4c5db02d56ecc4c5bf34007208d5b887185865");
  equal((await subtle.deriveBits(p, key, 0)).byteLength, 0);
  await throwsAsync(() => subtle.deriveBits(p, key, null), "OperationError");
  await throwsAsync(() => subtle.deriveBits(p, key, 12), "OperationError");
  const hmac = await subtle.deriveKey(p, key, { name: "HMAC", hash: "SHA-256", length: 128 }, true, ["sign"]);
  equal(hex(await subtle.exportKey("raw", hmac)), "3cb25f25faacd57a90434f64d0362f2a");
  await throwsAsync(() => subtle.importKey("raw", new Uint8Array(4), "HKDF", true, ["deriveBits"]), "SyntaxError");
  await throwsAsync(() => subtle.deriveKey(p, key, "HKDF", false, ["deriveBits"]), "OperationError");
});

test("PBKDF2 RFC 6070 (c = 1, 2, 4096); zero iterations", async () => {
  const key = await subtle.importKey("raw", ascii("password"), "PBKDF2", false, ["deriveBits"]);
  const p = (iterations) => ({ name: "PBKDF2", hash: "SHA-1", salt: ascii("salt"), iterations });
  equal(hex(await subtle.deriveBits(p(1), key, 160)), "0c60c80f961f0e71f3a9b524af6012062fe037a6");
  equal(hex(await subtle.deriveBits(p(2), key, 160)), "ea6c014dc72d6f8ccd1ed92ace1d41f0d8de8957");
  equal(hex(await subtle.deriveBits(p(4096), key, 160)), "4b007901b765489abead49d926f721d065a429c1");
  await throwsAsync(() => subtle.deriveBits(p(0), key, 160), "OperationError");
  await throwsAsync(() => subtle.deriveKey(p(1), key, { name: "AES-GCM", length: 128 }, false, ["encrypt"]), "InvalidAccessError");
});

// --- scheduling --------------------------------------------------------------------------------------

test("a burst of signatures settles every promise, in order of creation", async () => {
  const { privateKey, publicKey } = await subtle.generateKey({ name: "ECDSA", namedCurve: "P-256" }, false, ["sign", "verify"]);
  const alg = { name: "ECDSA", hash: "SHA-256" };
  const msgs = Array.from({ length: 200 }, (_, i) => ascii(String(i)));
  const sigs = await Promise.all(msgs.map((m) => subtle.sign(alg, privateKey, m)));
  const ok = await Promise.all(sigs.map((s, i) => subtle.verify(alg, publicKey, s, msgs[i])));
  assert(ok.every((x) => x === true));
});

await run();
