import { test, run, equal, deepEqual, assert, throws, delay } from "./lib/harness.js";

test("Event: constructor, init dictionary and defaults", () => {
  const e = new Event("go", { bubbles: true, cancelable: true, composed: true });
  deepEqual([e.type, e.bubbles, e.cancelable, e.composed], ["go", true, true, true]);
  const d = new Event("plain");
  deepEqual([d.bubbles, d.cancelable, d.composed, d.defaultPrevented, d.isTrusted], [false, false, false, false, false]);
  deepEqual([d.target, d.currentTarget, d.srcElement, d.eventPhase], [null, null, null, Event.NONE]);
  deepEqual([Event.NONE, Event.CAPTURING_PHASE, Event.AT_TARGET, Event.BUBBLING_PHASE], [0, 1, 2, 3]);
  assert(d.timeStamp >= 0 && d.timeStamp <= performance.now(), String(d.timeStamp));
  equal(new Event("\uD800x").type, "\uD800x"); // DOMString, not USVString
  deepEqual(d.composedPath(), []);
  equal(Object.prototype.toString.call(d), "[object Event]");
});

test("Event: misuse throws the spec's TypeError naming the API", () => {
  throws(() => new Event(), "TypeError", "Failed to construct 'Event': 1 argument required");
  throws(() => Event("x"), "TypeError", "Failed to construct 'Event'");
  throws(() => new Event("x", 5), "TypeError", "EventInit");
  throws(() => Event.prototype.preventDefault.call({}), "TypeError", "Illegal invocation");
});

test("preventDefault, returnValue and cancelBubble", () => {
  const e = new Event("x", { cancelable: true });
  e.preventDefault();
  deepEqual([e.defaultPrevented, e.returnValue], [true, false]);
  const f = new Event("x");
  f.preventDefault();
  equal(f.defaultPrevented, false); // not cancelable
  const g = new Event("x", { cancelable: true });
  g.returnValue = false;
  equal(g.defaultPrevented, true);
  g.cancelBubble = true;
  equal(g.cancelBubble, true);
  g.cancelBubble = false; // cannot be unset
  equal(g.cancelBubble, true);
});

test("initEvent re-initializes outside dispatch", () => {
  const e = new Event("a");
  e.initEvent("b", true, true);
  deepEqual([e.type, e.bubbles, e.cancelable], ["b", true, true]);
});

test("EventTarget: listeners run in order with this, target and phase", () => {
  const t = new EventTarget();
  const seen = [];
  t.addEventListener("x", function (e) {
    seen.push(["a", this === t, e.target === t, e.currentTarget === t, e.eventPhase, e.composedPath()[0] === t]);
  });
  t.addEventListener("x", () => seen.push(["b"]));
  t.addEventListener("y", () => seen.push(["never"]));
  const e = new Event("x");
  equal(t.dispatchEvent(e), true);
  deepEqual(seen, [["a", true, true, true, 2, true], ["b"]]);
  // After dispatch: target stays, currentTarget and phase are reset.
  deepEqual([e.target === t, e.currentTarget, e.eventPhase, e.composedPath().length], [true, null, 0, 0]);
});

test("capture listeners run first at the target; duplicates are ignored", () => {
  const t = new EventTarget();
  const order = [];
  const f = () => order.push("bubble");
  t.addEventListener("x", f);
  t.addEventListener("x", f); // same type, callback and capture: ignored
  t.addEventListener("x", () => order.push("capture"), true);
  t.addEventListener("x", f, { capture: true }); // differs by capture
  t.dispatchEvent(new Event("x"));
  deepEqual(order, ["capture", "bubble", "bubble"]);
  t.removeEventListener("x", f, true);
  order.length = 0;
  t.dispatchEvent(new Event("x"));
  deepEqual(order, ["capture", "bubble"]);
});

test("handleEvent objects are looked up at dispatch time", () => {
  const t = new EventTarget();
  const listener = { count: 0 };
  t.addEventListener("x", listener);
  listener.handleEvent = function (e) {
    this.count++;
    equal(this, listener);
  };
  t.dispatchEvent(new Event("x"));
  equal(listener.count, 1);
});

test("once, passive and signal options", () => {
  const t = new EventTarget();
  let once = 0;
  t.addEventListener("x", () => once++, { once: true });
  t.dispatchEvent(new Event("x"));
  t.dispatchEvent(new Event("x"));
  equal(once, 1);

  const e = new Event("p", { cancelable: true });
  t.addEventListener("p", (ev) => ev.preventDefault(), { passive: true });
  equal(t.dispatchEvent(e), true);
  equal(e.defaultPrevented, false);

  const controller = new AbortController();
  let signalled = 0;
  t.addEventListener("s", () => signalled++, { signal: controller.signal });
  t.dispatchEvent(new Event("s"));
  controller.abort();
  t.dispatchEvent(new Event("s"));
  equal(signalled, 1);
  // An aborted signal adds nothing.
  t.addEventListener("s", () => signalled++, { signal: controller.signal });
  t.dispatchEvent(new Event("s"));
  equal(signalled, 1);
  throws(() => t.addEventListener("s", () => {}, { signal: null }), "TypeError", "AbortSignal");
});

test("stopImmediatePropagation and listeners added or removed during dispatch", () => {
  const t = new EventTarget();
  const order = [];
  const late = () => order.push("late");
  const removed = () => order.push("removed");
  t.addEventListener("x", () => {
    order.push("first");
    t.addEventListener("x", late); // not run for this event
    t.removeEventListener("x", removed); // not run any more
  });
  t.addEventListener("x", removed);
  t.dispatchEvent(new Event("x"));
  deepEqual(order, ["first"]);

  const u = new EventTarget();
  const calls = [];
  u.addEventListener("x", (e) => { calls.push(1); e.stopImmediatePropagation(); });
  u.addEventListener("x", () => calls.push(2));
  u.dispatchEvent(new Event("x"));
  deepEqual(calls, [1]);
});

test("dispatchEvent: returns !canceled, rejects an event being dispatched", () => {
  const t = new EventTarget();
  t.addEventListener("x", (e) => {
    e.preventDefault();
    throws(() => t.dispatchEvent(e), "InvalidStateError", "Failed to execute 'dispatchEvent' on 'EventTarget'");
  });
  const e = new Event("x", { cancelable: true });
  equal(t.dispatchEvent(e), false);
  equal(e.isTrusted, false);
  throws(() => t.dispatchEvent({ type: "x" }), "TypeError", "parameter 1 is not of type 'Event'");
  throws(() => t.addEventListener("x"), "TypeError", "2 arguments required");
  t.addEventListener("x", null); // null callback: nothing happens
  t.removeEventListener("x", null);
});

test("subclassing EventTarget and Event", () => {
  class Emitter extends EventTarget {
    fire() { return this.dispatchEvent(new MyEvent("hello")); }
  }
  class MyEvent extends Event {}
  const em = new Emitter();
  let got;
  em.addEventListener("hello", (e) => (got = e));
  em.fire();
  assert(got instanceof MyEvent && got.target === em);
});

test("CustomEvent", () => {
  const detail = { a: 1 };
  const e = new CustomEvent("c", { detail, bubbles: true });
  deepEqual([e.detail === detail, e.bubbles, e instanceof Event], [true, true, true]);
  equal(new CustomEvent("c").detail, null);
  e.initCustomEvent("d", false, false, 7);
  deepEqual([e.type, e.detail], ["d", 7]);
  throws(() => new CustomEvent(), "TypeError", "Failed to construct 'CustomEvent'");
});

test("ErrorEvent and PromiseRejectionEvent", () => {
  const error = new Error("e");
  const e = new ErrorEvent("error", { message: "m", filename: "f.js", lineno: 3, colno: 4, error });
  deepEqual([e.message, e.filename, e.lineno, e.colno, e.error === error], ["m", "f.js", 3, 4, true]);
  const d = new ErrorEvent("error");
  deepEqual([d.message, d.filename, d.lineno, d.colno, d.error], ["", "", 0, 0, undefined]);
  const promise = Promise.resolve();
  const p = new PromiseRejectionEvent("unhandledrejection", { promise, reason: 5 });
  deepEqual([p.promise === promise, p.reason], [true, 5]);
  throws(() => new PromiseRejectionEvent("x", {}), "TypeError", "Required member is undefined");
  throws(() => new PromiseRejectionEvent("x"), "TypeError", "Failed to construct 'PromiseRejectionEvent'");
});

test("the global scope is an EventTarget", () => {
  assert(globalThis instanceof EventTarget);
  let seen;
  const listener = function (e) { seen = [this === globalThis, e.target === globalThis, e.currentTarget === globalThis]; };
  addEventListener("custom", listener);
  equal(dispatchEvent(new Event("custom")), true);
  deepEqual(seen, [true, true, true]);
  seen = undefined;
  removeEventListener("custom", listener);
  dispatchEvent(new Event("custom"));
  equal(seen, undefined);
  const add = addEventListener; // unqualified call: this is undefined, i.e. the global
  add("other", listener);
  globalThis.dispatchEvent(new Event("other"));
  deepEqual(seen, [true, true, true]);
});

test("an uncaught exception fires a cancelable ErrorEvent at the global scope", async () => {
  let event;
  const listener = (e) => { event = e; e.preventDefault(); };
  addEventListener("error", listener);
  setTimeout(() => { throw new RangeError("from a timer"); }, 0);
  await delay(10);
  removeEventListener("error", listener);
  assert(event instanceof ErrorEvent);
  deepEqual([event.isTrusted, event.cancelable, event.error.message, event.message],
            [true, true, "from a timer", "Uncaught RangeError: from a timer"]);
  assert(event.filename.endsWith("events.test.js") && event.lineno > 0 && event.colno > 0);
});

test("a listener's exception is reported and the other listeners still run", async () => {
  const t = new EventTarget();
  const order = [];
  t.addEventListener("x", () => { throw new Error("listener failed"); });
  t.addEventListener("x", () => order.push("second"));
  let reported;
  const onError = (e) => { reported = e.error.message; e.preventDefault(); };
  addEventListener("error", onError);
  t.dispatchEvent(new Event("x"));
  removeEventListener("error", onError);
  deepEqual([reported, order], ["listener failed", ["second"]]);
});

test("abort() returns normally when an abort listener throws; the others still run", () => {
  const controller = new AbortController();
  const order = [];
  controller.signal.onabort = () => { throw new Error("onabort failed"); };
  controller.signal.addEventListener("abort", () => order.push("listener"));
  let reported;
  const onError = (e) => { reported = e.error.message; e.preventDefault(); };
  addEventListener("error", onError);
  let returned = false;
  try {
    controller.abort("why");
    returned = true;
  } finally {
    removeEventListener("error", onError);
  }
  deepEqual([returned, reported, order, controller.signal.reason], [true, "onabort failed", ["listener"], "why"]);
});

test("reportError fires an error event", () => {
  let got;
  const listener = (e) => { got = e.error; e.preventDefault(); };
  addEventListener("error", listener);
  const error = new Error("reported");
  reportError(error);
  removeEventListener("error", listener);
  equal(got, error);
});

test("an unhandled rejection fires a cancelable PromiseRejectionEvent", async () => {
  let event;
  const listener = (e) => { event = e; e.preventDefault(); };
  addEventListener("unhandledrejection", listener);
  const promise = Promise.reject(new Error("nobody"));
  await delay(5);
  removeEventListener("unhandledrejection", listener);
  assert(event instanceof PromiseRejectionEvent);
  deepEqual([event.promise === promise, event.reason.message, event.isTrusted, event.cancelable],
            [true, "nobody", true, true]);
});

test("onerror gets five arguments and cancels by returning true", async () => {
  let args;
  onerror = (...a) => { args = a; return true; };
  setTimeout(() => { throw new Error("via onerror"); }, 0);
  await delay(10);
  onerror = null;
  equal(onerror, null);
  deepEqual([args.length, args[0], typeof args[1], typeof args[2], args[4].message],
            [5, "Uncaught Error: via onerror", "string", "number", "via onerror"]);
});

test("onunhandledrejection is an event handler", async () => {
  let reason;
  onunhandledrejection = (e) => { reason = e.reason; e.preventDefault(); };
  Promise.reject(42);
  await delay(5);
  onunhandledrejection = null;
  equal(reason, 42);
});

await run();
