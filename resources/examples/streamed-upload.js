// Upload of a streamed body: a ReadableStream made chunk by chunk becomes a POST body
// (duplex: 'half'), sent as it is produced. The test server's /upload counts and hashes what
// arrives; we hash what we sent and compare. Needs the local test server (see
// fetch-progress.js).

const chunkCount = 64;
const chunkSize = 64 * 1024;
let sent = 0;
const hashInput = [];

const body = new ReadableStream({
  async pull(controller) {
    if (sent === chunkCount) return controller.close();
    const chunk = new Uint8Array(chunkSize).map((_, i) => (i + sent) & 0xff);
    hashInput.push(chunk);
    sent += 1;
    controller.enqueue(chunk);
    await new Promise((resolve) => setTimeout(resolve, 5)); // produced over time
  },
});

const response = await fetch('/upload', {
  method: 'POST',
  body,
  duplex: 'half',
  headers: { 'Content-Type': 'application/octet-stream' },
});
const answer = await response.json();

const all = new Uint8Array(chunkCount * chunkSize);
hashInput.forEach((chunk, i) => all.set(chunk, i * chunkSize));
const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', all));
const hex = Array.from(digest, (b) => b.toString(16).padStart(2, '0')).join('');

console.log(`sent ${all.byteLength} bytes in ${chunkCount} chunks; the server got ${answer.bytes}`);
console.log(answer.sha256 === hex ? 'SHA-256 matches' : `SHA-256 differs: ${answer.sha256}`);
