// WebCrypto: sign and verify with ECDSA P-256, then with HMAC; digest a message with SHA-256.
// Everything runs offline; the work happens off the JavaScript thread.
const encoder = new TextEncoder();
const message = encoder.encode("NANO Workbench says hello");
const hex = (buffer) => [...new Uint8Array(buffer)].map((b) => b.toString(16).padStart(2, "0")).join("");

const digest = await crypto.subtle.digest("SHA-256", message);
console.log("SHA-256:", hex(digest));

const { privateKey, publicKey } = await crypto.subtle.generateKey(
  { name: "ECDSA", namedCurve: "P-256" }, true, ["sign", "verify"]);
const ecdsa = { name: "ECDSA", hash: "SHA-256" };
const signature = await crypto.subtle.sign(ecdsa, privateKey, message);
console.log("ECDSA signature (r||s):", hex(signature));
console.log("verifies:", await crypto.subtle.verify(ecdsa, publicKey, signature, message));

const tampered = encoder.encode("NANO Workbench says hellO");
console.log("verifies a tampered message:", await crypto.subtle.verify(ecdsa, publicKey, signature, tampered));

const jwk = await crypto.subtle.exportKey("jwk", publicKey);
console.log("public key as JWK:", jwk);

const hmacKey = await crypto.subtle.generateKey({ name: "HMAC", hash: "SHA-256" }, false, ["sign", "verify"]);
const tag = await crypto.subtle.sign("HMAC", hmacKey, message);
console.log("HMAC tag:", hex(tag), "verifies:", await crypto.subtle.verify("HMAC", hmacKey, tag, message));

try {
  await crypto.subtle.exportKey("raw", hmacKey);
} catch (error) {
  console.log("a non-extractable key cannot be exported:", error.name);
}
