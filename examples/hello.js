// A first script: console formatting, timers, microtasks and top-level await.
console.log("Hello from NANO", { version: Nano.version, userAgent: navigator.userAgent });

queueMicrotask(() => console.log("a microtask runs before any timer"));
setTimeout(() => console.log("a timer fires after", Math.round(performance.now()), "ms"), 20);

const started = performance.now();
await new Promise((resolve) => setTimeout(resolve, 50));
console.log(`top-level await waited ${Math.round(performance.now() - started)} ms`);
console.table([{ api: "console", ok: true }, { api: "timers", ok: true }]);
