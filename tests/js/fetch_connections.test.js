// fetch() and connections (run with --expose-gc): many concurrent requests all complete with
// the right bodies, and responses nobody reads never starve other requests to the same host
// (Qt opens at most 6 connections per host): an unread body that fits the transfer's read
// buffer frees its connection, and an unread response that is garbage-collected aborts its
// transfer.
import { test, run, equal, assert } from "./lib/harness.js";
import { http, patternBytes, sameBytes } from "./lib/servers.js";

const delay = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

test("connections: 1000 concurrent fetches complete with the right bodies", async () => {
  const results = await Promise.all(
    Array.from({ length: 1000 }, async (_, i) => {
      const response = await fetch(`${http}/bytes/${100 + (i % 50)}?seed=${i + 1}`);
      const bytes = new Uint8Array(await response.arrayBuffer());
      return sameBytes(bytes, patternBytes(100 + (i % 50), i + 1));
    }),
  );
  equal(results.filter(Boolean).length, 1000);
});

test("connections: ten unread responses, then an eleventh request to the same host", async () => {
  const unread = [];
  for (let i = 0; i < 10; ++i) unread.push(await fetch(`${http}/bytes/200000`));
  const response = await fetch(`${http}/get`, { signal: AbortSignal.timeout(15000) });
  equal(response.status, 200);
  await response.text();
  // The unread ones are still whole.
  const bytes = new Uint8Array(await unread[9].arrayBuffer());
  assert(sameBytes(bytes, patternBytes(200000)));
});

test("connections: garbage-collected unread responses give their connections back", async () => {
  // Bodies larger than the read buffer hold their connections while unread: all six.
  await (async () => {
    for (let i = 0; i < 6; ++i) await fetch(`${http}/bytes/${16 << 20}`);
  })();
  for (let i = 0; i < 3; ++i) {
    gc();
    await delay(20);
  }
  const response = await fetch(`${http}/get`, { signal: AbortSignal.timeout(15000) });
  equal(response.status, 200);
  await response.text();
});

test("connections: a read waiting for the network survives garbage collection", async () => {
  // Only the read's own objects (its reader, stream and promise) refer to the fetch while it
  // waits for the server: a GC must not take them (or the run would end under the read).
  const read = (async () => {
    const response = await fetch(`${http}/drip?numbytes=4&duration=1`);
    return (await response.arrayBuffer()).byteLength;
  })();
  for (let i = 0; i < 8; ++i) {
    await delay(50);
    gc();
  }
  equal(await read, 4);
});

await run();
