// Timers and microtask order: what runs first?
//
// Synchronous code runs to the end, then the microtask queue (promise reactions and
// queueMicrotask) is emptied, and only then does the event loop pick the next timer.

console.log('1. script start');

setTimeout(() => console.log('7. setTimeout 0'), 0);
setTimeout(() => console.log('9. setTimeout 20'), 20);

Promise.resolve().then(() => {
  console.log('3. promise reaction');
  // A microtask queued by a microtask still runs before any timer.
  queueMicrotask(() => console.log('6. nested microtask'));
});
queueMicrotask(() => console.log('4. queueMicrotask'));

const interval = setInterval(() => {
  console.log('8. interval tick');
  clearInterval(interval);
}, 10);

(async () => {
  await null;
  console.log('5. after await (a microtask too)');
})();

console.log('2. script end');
