// tee() with a slow branch. The source is read as fast as the faster branch reads, so the
// slow branch's queue keeps every chunk it has not read yet: watch it grow in the Streams dock
// (View → Inspectors → Streams), which flags it with a warning, and select it to see its queue
// size over the run. Runs offline; `nanojs run --trace-streams tee-slow-branch.js` prints the
// same snapshots as JSON lines.

let produced = 0;
const source = new ReadableStream({
  async pull(controller) {
    await new Promise((resolve) => setTimeout(resolve, 10)); // a chunk every 10 ms
    controller.enqueue(new Uint8Array(1024));
    if (++produced === 300) controller.close();
  },
});

const [fast, slow] = source.tee();

async function drain(name, stream, delayMs) {
  const reader = stream.getReader();
  let chunks = 0;
  while (!(await reader.read()).done) {
    chunks += 1;
    if (delayMs) await new Promise((resolve) => setTimeout(resolve, delayMs));
  }
  console.log(`${name} branch read ${chunks} chunks`);
}

// The fast branch keeps up with the source; the slow one reads a chunk every 60 ms.
await Promise.all([drain('fast', fast, 0), drain('slow', slow, 60)]);
console.log('both branches done: the slow queue drained as it caught up');
