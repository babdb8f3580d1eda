import { test, run, equal, deepEqual, assert, throws } from "./lib/harness.js";

const describe = (fd) =>
  [...fd].map(([name, value]) =>
    typeof value === "string" ? [name, value] : [name, value.constructor.name, value.name, value.type, value.size]);

test("FormData: append keeps order and duplicates; get returns the first, getAll every value", () => {
  const fd = new FormData();
  fd.append("a", "1");
  fd.append("b", "2");
  fd.append("a", "3");
  deepEqual(describe(fd), [["a", "1"], ["b", "2"], ["a", "3"]]);
  equal(fd.get("a"), "1");
  deepEqual(fd.getAll("a"), ["1", "3"]);
  deepEqual(fd.getAll("none"), []);
  equal(fd.get("none"), null);
  assert(fd.has("b") && !fd.has("B")); // names are case-sensitive
});

test("FormData: set replaces the first entry in place and removes the rest; delete removes all", () => {
  const fd = new FormData();
  fd.append("a", "1");
  fd.append("b", "2");
  fd.append("a", "3");
  fd.set("a", "4");
  deepEqual(describe(fd), [["a", "4"], ["b", "2"]]);
  fd.set("c", "5");
  fd.delete("a");
  deepEqual(describe(fd), [["b", "2"], ["c", "5"]]);
});

test("FormData: Blobs become Files named 'blob'; a filename makes a new File; a File is kept", async () => {
  const fd = new FormData();
  const blob = new Blob(["hello"], { type: "Text/Plain" });
  const file = new File(["x"], "x.txt", { lastModified: 42 });
  fd.append("blob", blob);
  fd.append("named", blob, "hello.txt");
  fd.append("file", file);
  fd.append("renamed", file, "y.txt");
  deepEqual(describe(fd), [
    ["blob", "File", "blob", "text/plain", 5],
    ["named", "File", "hello.txt", "text/plain", 5],
    ["file", "File", "x.txt", "", 1],
    ["renamed", "File", "y.txt", "", 1],
  ]);
  equal(fd.get("file"), file);
  assert(fd.get("blob") !== blob && fd.get("blob") === fd.get("blob"));
  equal(fd.get("renamed").lastModified, 42);
  assert(Math.abs(fd.get("blob").lastModified - Date.now()) < 5000);
  equal(await fd.get("named").text(), "hello");
});

test("FormData: overloads and conversions follow WebIDL", () => {
  const fd = new FormData();
  throws(() => fd.append("a", "text", "name.txt"), "TypeError"); // 3 arguments need a Blob
  throws(() => fd.set("a", {}, "name.txt"), "TypeError");
  fd.append("a", new Blob([]), undefined); // an undefined filename is a missing one
  equal(fd.get("a").name, "blob");
  fd.append("n", 12);
  fd.append("o", { toString: () => "obj" });
  fd.append("\ud800", "\udc00x"); // lone surrogates become U+FFFD
  deepEqual(describe(fd).slice(1), [["n", "12"], ["o", "obj"], ["\ufffd", "\ufffdx"]]);
  throws(() => fd.append("a"), "TypeError");
  equal(FormData.prototype.append.length, 2);
  equal(FormData.prototype.set.length, 2);
});

test("FormData: the constructor takes no form outside a document", () => {
  assert(new FormData() instanceof FormData);
  assert(new FormData(undefined) instanceof FormData);
  throws(() => new FormData(null), "TypeError");
  throws(() => new FormData({}), "TypeError");
  throws(() => FormData(), "TypeError");
});

test("FormData: iteration, forEach and the iterator's tag", () => {
  const fd = new FormData();
  fd.append("k", "v");
  fd.append("f", new Blob(["1"]));
  deepEqual([...fd.keys()], ["k", "f"]);
  equal(fd.values().next().value, "v");
  const seen = [];
  fd.forEach((value, key, target) => seen.push([key, typeof value, target === fd]));
  deepEqual(seen, [["k", "string", true], ["f", "object", true]]);
  equal(Object.prototype.toString.call(fd.entries()), "[object FormData Iterator]");
  equal(Object.prototype.toString.call(fd), "[object FormData]");
});

test("FormData: many and large entries have no size limit", () => {
  const fd = new FormData();
  const big = "x".repeat(1 << 21);
  fd.append("big", big);
  for (let i = 0; i < 10000; i++) fd.append("e" + i, String(i));
  equal(fd.get("big").length, big.length);
  equal([...fd].length, 10001);
});

run();
