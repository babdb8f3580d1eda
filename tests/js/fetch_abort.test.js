// fetch() and AbortSignal (https://fetch.spec.whatwg.org/#abort-fetch): an abort in each phase
// (before the call, queued or waiting for headers, mid-body, mid-upload) rejects with the
// signal's reason or errors the body being read, and releases the connection.
import { test, run, equal, assert } from "./lib/harness.js";
import { http } from "./lib/servers.js";

async function rejection(promise) {
  try {
    await promise;
  } catch (e) {
    return e;
  }
  throw new Error("the promise did not reject");
}

const delay = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

test("abort: an aborted signal rejects at once with its reason", async () => {
  const e = await rejection(fetch(`${http}/get`, { signal: AbortSignal.abort() }));
  equal(e.name, "AbortError");
  assert(e instanceof DOMException);
  const reason = new Error("mine");
  equal(await rejection(fetch(`${http}/get`, { signal: AbortSignal.abort(reason) })), reason);
  equal(await rejection(fetch("data:,x", { signal: AbortSignal.abort(7) })), 7);
});

test("abort: an aborted signal cancels a stream request body", async () => {
  let cancelled;
  const body = new ReadableStream({ cancel: (r) => (cancelled = r) });
  const reason = new Error("stop");
  const request = new Request(`${http}/anything`, { method: "POST", body, duplex: "half" });
  const controller = new AbortController();
  controller.abort(reason);
  equal(await rejection(fetch(request, { signal: controller.signal })), reason);
  equal(cancelled, reason);
});

test("abort: right after fetch() (a data: URL too) the abort wins", async () => {
  const controller = new AbortController();
  const p = fetch("data:,hello", { signal: controller.signal });
  controller.abort();
  equal((await rejection(p)).name, "AbortError");
});

test("abort: while waiting for the response head", async () => {
  const controller = new AbortController();
  const p = fetch(`${http}/hang`, { signal: controller.signal });
  setTimeout(() => controller.abort(new Error("gave up")), 50);
  equal((await rejection(p)).message, "gave up");
});

test("abort: AbortSignal.timeout on a server that never answers", async () => {
  const e = await rejection(fetch(`${http}/hang`, { signal: AbortSignal.timeout(100) }));
  equal(e.name, "TimeoutError");
});

test("abort: AbortSignal.any", async () => {
  const controller = new AbortController();
  const signal = AbortSignal.any([controller.signal, AbortSignal.timeout(60000)]);
  const p = fetch(`${http}/hang`, { signal });
  setTimeout(() => controller.abort("any"), 20);
  equal(await rejection(p), "any");
});

test("abort: mid-body errors the body being read with the reason", async () => {
  const controller = new AbortController();
  const response = await fetch(`${http}/drip?numbytes=20&duration=4`, { signal: controller.signal });
  const reader = response.body.getReader();
  const first = await reader.read();
  assert(!first.done && first.value.byteLength > 0);
  const reason = new Error("mid-body");
  controller.abort(reason);
  equal(await rejection(reader.read()), reason);
  equal(await rejection(reader.closed), reason);
});

test("abort: mid-body rejects a consumer with the reason", async () => {
  const controller = new AbortController();
  const response = await fetch(`${http}/drip?numbytes=20&duration=4`, { signal: controller.signal });
  const text = response.text();
  setTimeout(() => controller.abort(new Error("consumer")), 50);
  equal((await rejection(text)).message, "consumer");
});

test("abort: mid-upload cancels the request body stream", async () => {
  let cancelled;
  let pulls = 0;
  const body = new ReadableStream({
    async pull(c) {
      ++pulls;
      if (pulls < 3) c.enqueue(new Uint8Array(1024));
      else await new Promise(() => {}); // the rest never comes
    },
    cancel: (r) => (cancelled = r),
  });
  const controller = new AbortController();
  const p = fetch(`${http}/upload`, { method: "POST", body, duplex: "half", signal: controller.signal });
  await delay(100);
  const reason = new Error("upload");
  controller.abort(reason);
  equal(await rejection(p), reason);
  equal(cancelled, reason);
  assert(pulls >= 3, `pulls: ${pulls}`);
});

test("abort: a finished fetch ignores a later abort", async () => {
  const controller = new AbortController();
  const response = await fetch(`${http}/get`, { signal: controller.signal });
  const text = await response.text();
  controller.abort();
  assert(text.includes("/get"));
  equal(response.bodyUsed, true);
});

test("abort: aborted requests give their connections back", async () => {
  // More than the 6 connections per host Qt opens: each abort must free its slot.
  const controllers = [];
  const pending = [];
  for (let i = 0; i < 10; ++i) {
    const controller = new AbortController();
    controllers.push(controller);
    pending.push(fetch(`${http}/hang`, { signal: controller.signal }).catch((e) => e.name));
  }
  await delay(50);
  for (const c of controllers) c.abort();
  for (const name of await Promise.all(pending)) equal(name, "AbortError");
  const response = await fetch(`${http}/get`, { signal: AbortSignal.timeout(10000) });
  equal(response.status, 200);
  await response.text();
});

await run();
