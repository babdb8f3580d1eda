// Helpers shared by the streams_*.test.js files. Those files assert the spec's behaviour and
// also pass in node 20, whose web streams follow the spec: copy tests/js to a directory with a
// package.json of {"type":"module"} and run `node --expose-gc streams_x.test.js` there.

// Lets every pending promise job and zero-delay timer run: the stream algorithms settle in
// promise jobs, so after this a test sees their effects.
export const flush = () => new Promise((resolve) => setTimeout(resolve, 0));

// Reads `stream` to its end with a default reader and returns the chunks; the lock is released.
export async function readAll(stream) {
  const reader = stream.getReader();
  const chunks = [];
  for (;;) {
    const { value, done } = await reader.read();
    if (done) break;
    chunks.push(value);
  }
  reader.releaseLock();
  return chunks;
}

// A readable stream that enqueues `chunks` in start() and closes.
export function readableOf(chunks, strategy) {
  return new ReadableStream(
    {
      start(controller) {
        for (const chunk of chunks) controller.enqueue(chunk);
        controller.close();
      },
    },
    strategy,
  );
}

// A writable stream whose sink records what it is asked to do in `events`
// ("write", chunk, "close", "abort", reason), as WPT's recordingWritableStream does.
export function recordingWritable(extras = {}, strategy) {
  const events = [];
  const stream = new WritableStream(
    {
      write(chunk, controller) {
        events.push("write", chunk);
        return extras.write?.(chunk, controller);
      },
      close() {
        events.push("close");
        return extras.close?.();
      },
      abort(reason) {
        events.push("abort", reason);
        return extras.abort?.(reason);
      },
    },
    strategy,
  );
  return { stream, events };
}

// Whether `promise` has settled yet (after letting pending jobs run): "pending", "fulfilled"
// or "rejected".
export async function stateOf(promise) {
  let state = "pending";
  promise.then(
    () => (state = "fulfilled"),
    () => (state = "rejected"),
  );
  await flush();
  return state;
}

// A promise with its resolve/reject functions, to drive a sink or source step by step.
export function deferred() {
  let resolve;
  let reject;
  const promise = new Promise((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}
