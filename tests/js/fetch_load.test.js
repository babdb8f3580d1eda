// The load part of issue 17's fault suite: 5000 fetches with 200 in flight at any time, of
// bodies of several sizes and both framings (Content-Length and chunked), read through every
// kind of consumer, all complete with the right bytes.
import { test, run, equal } from "./lib/harness.js";
import { http, patternBytes, sameBytes } from "./lib/servers.js";

const kTotal = 5000;
const kInFlight = 200;

async function one(i) {
  const size = 1 + ((i * 977) % 16384);
  const route = i % 2 ? "bytes" : "stream-bytes";
  const response = await fetch(`${http}/${route}/${size}?seed=${i + 1}`);
  let bytes;
  if (i % 3 === 0) {
    bytes = new Uint8Array(await response.arrayBuffer());
  } else if (i % 3 === 1) {
    bytes = await response.bytes();
  } else {
    const parts = [];
    for await (const chunk of response.body) parts.push(chunk);
    bytes = new Uint8Array(await new Blob(parts).arrayBuffer());
  }
  return sameBytes(bytes, patternBytes(size, i + 1));
}

test(`load: ${kTotal} fetches with ${kInFlight} in flight complete with the right bodies`, async () => {
  let next = 0;
  let right = 0;
  let inFlight = 0;
  let most = 0;
  async function worker() {
    while (next < kTotal) {
      const i = next++;
      most = Math.max(most, ++inFlight);
      if (await one(i)) ++right;
      --inFlight;
    }
  }
  await Promise.all(Array.from({ length: kInFlight }, worker));
  equal(most, kInFlight, "requests in flight at once");
  equal(right, kTotal, "bodies with the right bytes");
});

await run();
