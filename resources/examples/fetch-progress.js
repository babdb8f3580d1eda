// Fetch with progress: read the body chunk by chunk from its reader and report how much of
// Content-Length has arrived. Needs the local test server: in the workbench, Run → Use the
// Local Test Server (on for this example); in a terminal, `nanojs serve-test` and then
// `nanojs run --location <its URL> fetch-progress.js`. Relative URLs resolve against it.

const response = await fetch('/drip?numbytes=400&duration=3'); // 400 bytes over 3 seconds
const total = Number(response.headers.get('Content-Length'));
console.log(`${response.status} ${response.url}: ${total} bytes to come`);

const reader = response.body.getReader();
let received = 0;
let reported = 0;
for (;;) {
  const { done, value } = await reader.read();
  if (done) break;
  received += value.byteLength;
  const percent = Math.floor((received / total) * 100);
  if (percent >= reported + 10 || received === total) {
    reported = percent - (percent % 10);
    console.log(`${String(percent).padStart(3)}% ${'#'.repeat(percent / 5)}`);
  }
}
console.log(`done: ${received} of ${total} bytes`);
