// Twenty fetches at once, each with its own start, wait and length: open the Network dock to
// see them as a waterfall (six connections per host at a time, as browsers have, so the
// later ones queue). Needs the local test server (see fetch-progress.js): in the
// workbench, Run → Use the Local Test Server; in a terminal, `nanojs serve-test` and
// `nanojs run --location <its URL> concurrent-fetches.js`.

const started = performance.now();
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

async function one(i) {
  await sleep(i * 60); // staggered starts
  // Every third one waits a second before answering; the body drips over 1 or 2 seconds.
  const url = `/drip?numbytes=${40 + i * 8}&duration=${1 + (i % 2)}&delay=${i % 3 === 0 ? 1 : 0}`;
  const begin = performance.now() - started;
  const response = await fetch(url);
  const firstByte = performance.now() - started;
  const body = await response.arrayBuffer();
  const end = performance.now() - started;
  return { i, status: response.status, bytes: body.byteLength, begin, firstByte, end };
}

const results = await Promise.all(Array.from({ length: 20 }, (_, i) => one(i)));
console.table(
  results.map(({ status, bytes, begin, firstByte, end }) => ({
    status,
    bytes,
    'start (ms)': Math.round(begin),
    'first byte (ms)': Math.round(firstByte),
    'end (ms)': Math.round(end),
  })),
);
const slowest = Math.max(...results.map((r) => r.end));
console.log(`${results.length} responses in ${Math.round(slowest)} ms`);
