// A pipe chain through CompressionStream: a fetched body is gzipped, gunzipped again and
// checked against what the server sent, with a counting sink at the end. Open the Streams dock
// to see the chain: each transform's readable side under its writable side, each pipe's
// destination under its source. Needs the local test server (see fetch-progress.js).

const size = 4 * 1024 * 1024;
const response = await fetch(`/bytes/${size}?seed=7&chunk_size=16384`);

let compressed = 0;
const countCompressed = new TransformStream({
  transform(chunk, controller) {
    compressed += chunk.byteLength;
    controller.enqueue(chunk);
  },
});

let received = 0;
let checksum = 0;
const sink = new WritableStream({
  write(chunk) {
    received += chunk.byteLength;
    for (const byte of chunk) checksum = (checksum * 31 + byte) >>> 0;
  },
});

await response.body
  .pipeThrough(new CompressionStream('gzip'))
  .pipeThrough(countCompressed)
  .pipeThrough(new DecompressionStream('gzip'))
  .pipeTo(sink);

console.log(`${received} bytes back from ${compressed} bytes of gzip (checksum ${checksum})`);
console.log(received === size ? 'round trip complete' : `expected ${size} bytes`);
