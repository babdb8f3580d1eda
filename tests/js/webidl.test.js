// WebIDL behaviour of the binding layer that every API shares, seen through real APIs.
import { test, run, equal, assert, throws, throwsAsync } from "./lib/harness.js";

test("a promise-returning operation rejects on a wrong receiver instead of throwing", async () => {
  // https://webidl.spec.whatwg.org/#dfn-create-operation-function step 2.1.2.2
  for (const call of [
    () => crypto.subtle.digest.call({}, "SHA-256", new Uint8Array(1)),
    () => Blob.prototype.text.call({}),
    () => Blob.prototype.arrayBuffer.call(new EventTarget()),
  ]) {
    let promise;
    try {
      promise = call();
    } catch (e) {
      throw new Error("threw synchronously: " + e);
    }
    assert(promise instanceof Promise, "returns a promise");
    await throwsAsync(() => promise, "TypeError", "Illegal invocation");
  }
});

test("a promise-returning operation still works on a right receiver, also a subclass's", async () => {
  equal(await new Blob(["abc"]).text(), "abc");
  equal(await File.prototype.text.call(new File(["de"], "f.txt")), "de");
  equal((await crypto.subtle.digest("SHA-256", new Uint8Array(0))).byteLength, 32);
});

test("other operations still throw synchronously on a wrong receiver", () => {
  throws(() => Blob.prototype.slice.call({}), "TypeError", "Illegal invocation");
  throws(() => crypto.getRandomValues.call({}, new Uint8Array(1)), "TypeError", "Illegal invocation");
});

await run();
