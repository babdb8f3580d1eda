import { test, run, equal, throws } from "./lib/harness.js";

test("btoa encodes Latin-1 strings", () => {
  equal(btoa(""), "");
  equal(btoa("f"), "Zg==");
  equal(btoa("fo"), "Zm8=");
  equal(btoa("foo"), "Zm9v");
  equal(btoa("\u00ff\u00fe\u0000"), "//4A");
  equal(btoa(12), "MTI="); // any value is converted to a string
  equal(btoa(null), "bnVsbA==");
});

test("btoa rejects code points above U+00FF", () => {
  throws(() => btoa("€"), "InvalidCharacterError", "Failed to execute 'btoa': The string to be encoded contains characters outside of the Latin1 range.");
  throws(() => btoa("\uD800"), "InvalidCharacterError");
  throws(() => btoa(), "TypeError", "1 argument required");
});

test("atob is forgiving-base64 decode", () => {
  equal(atob(""), "");
  equal(atob("Zm9v"), "foo");
  equal(atob("Zm8="), "fo");
  equal(atob("Zm8"), "fo"); // padding is optional
  equal(atob("Zg"), "f");
  equal(atob(" Z m\t9\nv\f\r"), "foo"); // ASCII whitespace is removed
  equal(atob("//4A"), "\u00ff\u00fe\u0000");
  equal(atob("YR=="), "a"); // leftover bits are discarded
  throws(() => atob(undefined), "InvalidCharacterError"); // "undefined": 9 characters
});

test("atob rejects what forgiving-base64 calls failure", () => {
  for (const bad of ["a", "abcde", "Zm9v=", "Zg===", "Z=g=", "Zm9v\u00a0", "Zm-_", "==", "Zm8=Zm8=", "\u0100AAA"])
    throws(() => atob(bad), "InvalidCharacterError", "Failed to execute 'atob': The string to be decoded is not correctly encoded.");
});

test("round trip of every byte", () => {
  let s = "";
  for (let i = 0; i < 256; i++) s += String.fromCharCode(i);
  equal(atob(btoa(s)), s);
  const long = s.repeat(1000);
  equal(atob(btoa(long)), long);
});

await run();
