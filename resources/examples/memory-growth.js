// Memory growth: watch the Memory dock while this script allocates and lets go.
// Press "Collect garbage" to force a collection, or Stop to end the run.

const retained = [];
let round = 0;

function allocate() {
  // About 4 MB of small objects per round.
  const chunk = Array.from({ length: 50000 }, (_, i) => ({ id: i, label: 'item ' + i }));
  retained.push(chunk);
  // Keep the last 40 rounds: the heap grows, then levels off as old rounds become garbage.
  if (retained.length > 40) retained.shift();
  // Array buffers count as external memory.
  retained[retained.length - 1].buffer = new ArrayBuffer(256 * 1024);
  if (++round % 25 === 0)
    report();
  if (round < 150)
    setTimeout(allocate, 40);
  else
    console.log('done');
}

// Every 25 rounds: a group with what is retained, the last chunks as a table.
function report() {
  console.group(`round ${round}`);
  console.log(`${retained.length} chunks retained`);
  console.table(retained.slice(-3).map((chunk, i) => ({
    round: round - 2 + i,
    objects: chunk.length,
    last: chunk[chunk.length - 1].label,
    'buffer kB': chunk.buffer.byteLength / 1024,
  })));
  console.groupEnd();
}

allocate();
