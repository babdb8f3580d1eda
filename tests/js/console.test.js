import { test, run, equal, assert, throws } from "./lib/harness.js";

const custom = Symbol.for("nodejs.util.inspect.custom");

// Our util.inspect, as a custom inspection hook receives it: what console.log prints for a
// value. (Getting it prints one empty line.)
let inspect;
console.log("%s", { [custom]: (depth, options, fn) => ((inspect = fn), "") });

const throwingToString = { toString() { throw new Error("from toString"); } };

test("exceptions of user code leave every console method, as in Node", () => {
  const calls = {
    log: () => console.log("%s", throwingToString),
    info: () => console.info("%s", throwingToString),
    warn: () => console.warn("%s", throwingToString),
    error: () => console.error("%s", throwingToString),
    debug: () => console.debug("%s", throwingToString),
    assert: () => console.assert(false, "%s", throwingToString),
    group: () => console.group("%s", throwingToString),
    trace: () => console.trace("%s", throwingToString),
    table: () => console.table([{ get a() { throw new Error("from toString"); } }]),
    dir: () => console.dir({ get [Symbol.toStringTag]() { throw new Error("from toString"); } }),
  };
  for (const [name, call] of Object.entries(calls))
    throws(call, "Error", "from toString", name);
  const throwingTag = { get [Symbol.toStringTag]() { throw new Error("from the tag"); } };
  console.time("t");
  throws(() => console.timeLog("t", "%s", throwingTag), "Error", "from the tag");
  console.timeLog("t", "%s", throwingToString); // appended, not a format string: no toString()
  console.timeEnd("t");
  console.groupEnd(); // nothing was opened by the failed group()
});

test("the exception is the one user code threw", () => {
  const thrown = { reason: "mine" };
  let caught;
  try {
    console.log("%d", { valueOf() { throw thrown; } });
  } catch (e) {
    caught = e;
  }
  equal(caught, thrown);
  throws(() => console.log("%j", { toJSON() { throw new TypeError("tj"); } }), "TypeError", "tj");
  throws(() => console.log("%j", 1n), "TypeError", "BigInt");
  const circular = {};
  circular.self = circular;
  console.log("%j", circular); // '[Circular]', no exception
});

test("runaway recursion is a RangeError for the caller, not a crash", () => {
  let n = 0;
  const viaToString = { toString() { n++; console.log("%s", this); return "x"; } };
  throws(() => console.log("%s", viaToString), "RangeError", "Maximum call stack size exceeded");
  assert(n > 10, String(n));
  const viaHook = { [custom]() { console.log(this); return "x"; } };
  throws(() => console.log(viaHook), "RangeError", "Maximum call stack size exceeded");
  const viaTag = { get [Symbol.toStringTag]() { return inspect(this); } };
  throws(() => console.log(viaTag), "RangeError", "Maximum call stack size exceeded");
});

test("console.dir: options are read like Node's, getters included", () => {
  throws(() => console.dir({}, { get depth() { throw new Error("depth"); } }), "Error", "depth");
  equal(inspect({ a: { b: 1 } }, { depth: -1 }), "[Object]");
  equal(inspect([1, 2], { depth: -1 }), "[Array]");
  equal(inspect({}, { depth: -1 }), "{}");
  equal(inspect({ a: { b: { c: {} } } }, { depth: 0 }), "{ a: [Object] }");
  equal(inspect({ a: { [custom]: () => "C" } }, { customInspect: false }).includes("C"), false);
});

test("platform objects print as in Node", () => {
  equal(inspect(new AbortController()), "AbortController { signal: AbortSignal { aborted: false } }");
  const controller = new AbortController();
  controller.abort();
  equal(inspect(controller), "AbortController { signal: AbortSignal { aborted: true } }");
  const event = inspect(new Event("go", { cancelable: true }));
  assert(/^Event \{\n  type: 'go',\n  defaultPrevented: false,\n  cancelable: true,\n  timeStamp: [\d.]+\n\}$/.test(event), event);
  const customEvent = inspect(new CustomEvent("c", { detail: 1 }));
  assert(customEvent.startsWith("CustomEvent {\n  type: 'c',\n  defaultPrevented: false,"), customEvent);
  const exception = inspect(new DOMException("msg", "AbortError"));
  assert(exception.startsWith("DOMException [AbortError]: msg\n    at "), exception);
  assert(!exception.includes("code"), exception);
  const mark = inspect(performance.mark("m", { detail: { x: 1 } }));
  assert(/^PerformanceMark \{\n  name: 'm',\n  entryType: 'mark',\n  startTime: [\d.]+,\n  duration: 0,\n  detail: \{ x: 1 \}\n\}$/.test(mark), mark);
  assert(inspect(performance.mark("n")).endsWith("  detail: null\n}"));
});

test("user getters and hooks Node calls", () => {
  class T { get [Symbol.toStringTag]() { return "Tagged"; } }
  equal(inspect(new T()), "T [Tagged] {}");
  const e = new Error("x");
  Object.defineProperty(e, "stack", { get() { return "custom stack string"; } });
  equal(inspect(e), "[custom stack string]");
  equal(inspect({ a: { [custom]: (depth) => ({ depth }) } }), "{ a: { depth: 1 } }");
  equal(inspect({ get a() { throw new Error("never called"); } }), "{ a: [Getter] }");
});

test("hostile nesting does not crash", () => {
  let deep = {};
  for (let i = 0; i < 100000; i++) deep = { deep };
  assert(inspect(deep, { depth: null }).includes("Inspection interrupted prematurely"));
  let array = [];
  for (let i = 0; i < 100000; i++) array = [array];
  console.log(array);
});

await run();
