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
  if (++round % 10 === 0)
    console.log(`round ${round}: ${retained.length} chunks retained`);
  if (round < 150)
    setTimeout(allocate, 40);
  else
    console.log('done');
}

allocate();
