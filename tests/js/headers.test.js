import { test, run, equal, deepEqual, assert, throws } from "./lib/harness.js";

test("Headers: names are case-insensitive, values combined with ', ', iteration sorted", () => {
  const h = new Headers({ "X-B": "2", "Content-Type": "text/plain" });
  h.append("x-b", "3");
  h.append("A", "1");
  deepEqual([...h], [["a", "1"], ["content-type", "text/plain"], ["x-b", "2, 3"]]);
  deepEqual([...h.keys()], ["a", "content-type", "x-b"]);
  deepEqual([...h.values()], ["1", "text/plain", "2, 3"]);
  equal(h.get("X-b"), "2, 3");
  equal(h.get("missing"), null);
  assert(h.has("CONTENT-TYPE") && !h.has("missing"));
  h.set("x-B", "4");
  equal(h.get("x-b"), "4");
  h.delete("A");
  deepEqual([...h.keys()], ["content-type", "x-b"]);
  const seen = [];
  h.forEach((value, name, target) => seen.push([name, value, target === h]));
  deepEqual(seen, [["content-type", "text/plain", true], ["x-b", "4", true]]);
});

test("Headers: set-cookie is never combined; getSetCookie lists every value", () => {
  const h = new Headers([["Set-Cookie", "a=1"], ["set-cookie", "b=2, c=3"]]);
  deepEqual([...h], [["set-cookie", "a=1"], ["set-cookie", "b=2, c=3"]]);
  deepEqual(h.getSetCookie(), ["a=1", "b=2, c=3"]);
  equal(h.get("set-cookie"), "a=1, b=2, c=3");
  deepEqual(new Headers().getSetCookie(), []);
});

test("Headers: values are normalized; invalid names and values are TypeErrors", () => {
  const h = new Headers();
  h.append("a", " \t\r\nvalue \n");
  equal(h.get("a"), "value");
  throws(() => h.append("bad name", "x"), "TypeError");
  throws(() => h.append("", "x"), "TypeError");
  throws(() => h.append("a", "x\ny"), "TypeError");
  throws(() => h.append("a", "x\0y"), "TypeError");
  throws(() => h.set("a:b", "x"), "TypeError");
  throws(() => h.get("a b"), "TypeError");
  throws(() => h.has("\u00e9"), "TypeError");
  throws(() => h.append("a", "\u0100"), "TypeError"); // not a ByteString
  throws(() => new Headers([["a", "1", "2"]]), "TypeError");
  throws(() => new Headers([["a"]]), "TypeError");
  throws(() => new Headers("a: b"), "TypeError");
  const message = (() => { try { h.append("a", "x\ny"); } catch (e) { return e.message; } })();
  assert(message.includes("\\n") && message.includes("'append' on 'Headers'"), message);
});

test("Headers: Latin-1 values round-trip as one byte each", () => {
  const h = new Headers({ "x-latin": "caf\u00e9 \u00ff" });
  equal(h.get("x-latin"), "caf\u00e9 \u00ff");
});

test("Headers: init from another Headers, a record, a sequence and an iterable", () => {
  const a = new Headers({ x: "1" });
  const b = new Headers(a);
  b.append("y", "2");
  deepEqual([...a], [["x", "1"]]);
  deepEqual([...b], [["x", "1"], ["y", "2"]]);
  const fromMap = new Headers(new Map([["m", "1"]]));
  equal(fromMap.get("m"), "1");
  function* pairs() { yield ["g", "1"]; yield ["g", "2"]; }
  equal(new Headers(pairs()).get("g"), "1, 2");
  const record = Object.create({ inherited: "no" });
  record.own = "yes";
  Object.defineProperty(record, "hidden", { value: "no", enumerable: false });
  deepEqual([...new Headers(record)], [["own", "yes"]]);
});

test("Headers: the iterator sees changes made while iterating", () => {
  const h = new Headers({ a: "1", c: "3" });
  const it = h[Symbol.iterator]();
  deepEqual(it.next().value, ["a", "1"]);
  h.append("b", "2");
  deepEqual(it.next().value, ["b", "2"]);
  deepEqual(it.next().value, ["c", "3"]);
  assert(it.next().done);
  equal(Object.prototype.toString.call(it), "[object Headers Iterator]");
});

test("Headers: large values and many headers have no size limit", () => {
  const big = "v".repeat(1 << 20);
  const h = new Headers();
  h.set("big", big);
  equal(h.get("big").length, big.length);
  for (let i = 0; i < 5000; i++) h.append("n" + i, String(i));
  equal([...h].length, 5001);
  equal(h.get("n4999"), "4999");
});

test("Headers: brand checks and constructor rules", () => {
  throws(() => Headers(), "TypeError");
  throws(() => Headers.prototype.get.call({}, "a"), "TypeError");
  equal(Headers.prototype[Symbol.toStringTag], "Headers");
  equal(Headers.length, 0);
});

run();
