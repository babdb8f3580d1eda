// Streams: a source with backpressure, tee() into two branches, a TransformStream, a sink that
// counts, and compression. Run it with `nanojs run --trace-streams` to see each stream's
// queue, state and links, ten times a second.

// A source that produces numbered lines only when asked (pull), 2 at a time at most.
let produced = 0;
const lines = new ReadableStream(
  {
    pull(controller) {
      if (produced === 20) return controller.close();
      controller.enqueue(`line ${++produced}\n`);
    },
  },
  new CountQueuingStrategy({ highWaterMark: 2 }),
);

// tee(): both branches get every chunk, each from its own queue.
const [forUpperCase, forCompression] = lines.tee();

// Branch 1: upper-case each line, then write to a sink that is slow on purpose.
const upper = new TransformStream({
  transform(chunk, controller) {
    controller.enqueue(chunk.toUpperCase());
  },
});
let written = 0;
const slowSink = new WritableStream({
  async write(chunk) {
    await new Promise((resolve) => setTimeout(resolve, 5)); // backpressure reaches the source
    written += 1;
    if (written <= 3) console.log('sink got', JSON.stringify(chunk));
  },
});
const piped = forUpperCase.pipeThrough(upper).pipeTo(slowSink);

// Branch 2: encode and gzip, then count the compressed bytes with a reader.
const gzipped = forCompression
  .pipeThrough(new TextEncoderStream())
  .pipeThrough(new CompressionStream('gzip'));
let compressedBytes = 0;
for await (const chunk of gzipped) compressedBytes += chunk.byteLength;

await piped;
console.log(`${written} lines written; ${compressedBytes} bytes of gzip for ${produced} lines`);

// Round trip: decompress what a Blob holds, reading with for await.
const blob = new Blob(['hello, streams '.repeat(1000)]);
const roundTrip = blob.stream()
  .pipeThrough(new CompressionStream('deflate'))
  .pipeThrough(new DecompressionStream('deflate'))
  .pipeThrough(new TextDecoderStream());
let text = '';
for await (const part of roundTrip) text += part;
console.log('round trip intact:', text === (await blob.text()), `(${text.length} characters)`);
