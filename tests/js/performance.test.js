import { test, run, equal, assert, throws } from "./lib/harness.js";

test("now() is monotonic and timeOrigin is the epoch time of the start", () => {
  const a = performance.now();
  const b = performance.now();
  assert(b >= a && a >= 0);
  assert(Math.abs(performance.timeOrigin + performance.now() - Date.now()) < 50);
  equal(performance.toJSON().timeOrigin, performance.timeOrigin);
});

test("mark and measure", () => {
  const start = performance.mark("start", { detail: { step: 1 } });
  equal(start.entryType, "mark");
  equal(start.detail.step, 1);
  equal(start instanceof PerformanceMark && start instanceof PerformanceEntry, true);
  performance.mark("end", { startTime: start.startTime + 5 });
  const m = performance.measure("span", "start", "end");
  equal(m.entryType, "measure");
  equal(m.duration, 5);
  const m2 = performance.measure("opts", { start: 1, duration: 2 });
  equal(m2.startTime, 1);
  equal(m2.duration, 2);
  equal(performance.getEntriesByName("span")[0], m);
  equal(performance.getEntriesByType("mark").length, 2);
  equal(performance.getEntries().length, 4);
  equal(JSON.stringify(m.toJSON()).includes('"entryType":"measure"'), true);
});

test("clearMarks and clearMeasures", () => {
  performance.clearMarks("start");
  equal(performance.getEntriesByName("start").length, 0);
  performance.clearMarks();
  performance.clearMeasures();
  equal(performance.getEntries().length, 0);
});

test("measure with null options measures from the time origin", () => {
  const m = performance.measure("from-origin", null);
  equal(m.startTime, 0);
  performance.clearMeasures();
});

test("errors are the spec's", () => {
  throws(() => performance.mark("x", { detail: () => 1 }), "DataCloneError");
  throws(() => performance.measure("x", "no-such-mark"), "SyntaxError", "no-such-mark");
  throws(() => performance.mark("x", { startTime: -1 }), "TypeError");
  throws(() => performance.measure("x", { start: 0, duration: 1, end: 2 }), "TypeError");
  throws(() => performance.now.call({}), "TypeError", "Illegal invocation");
});

test("performance is an EventTarget (HR Time: interface Performance : EventTarget)", () => {
  assert(performance instanceof EventTarget);
  equal(Object.getPrototypeOf(Performance.prototype), EventTarget.prototype);
  let seen = 0;
  const listener = () => seen++;
  performance.addEventListener("custom", listener);
  equal(performance.dispatchEvent(new Event("custom")), true);
  performance.removeEventListener("custom", listener);
  performance.dispatchEvent(new Event("custom"));
  equal(seen, 1);
});

await run();
