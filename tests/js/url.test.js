// URL and URLSearchParams through the JS API, driven by the web-platform-tests data in
// tests/data/wpt/url (the project's copy; a missing file fails the tests that need it).
import { test, run, equal, assert, throws, deepEqual } from "./lib/harness.js";

const wpt = new URL("../data/wpt/url/", import.meta.url);
async function load(name) {
  try {
    return (await import(new URL(name, wpt).href, { assert: { type: "json" } })).default;
  } catch (e) {
    return new Error(`${name} could not be loaded from ${wpt.pathname}: ${e.message}`);
  }
}
// The loaded data, or the load's error thrown (so the test using it fails).
function data(loaded) {
  if (loaded instanceof Error) throw loaded;
  return loaded;
}
const urlTests = await load("urltestdata.json");
const setterTests = await load("setters_tests.json");
const ATTRIBUTES = ["href", "origin", "protocol", "username", "password", "host", "hostname",
  "port", "pathname", "search", "hash"];

test("urltestdata.json: every case", () => {
  let checked = 0;
  const failures = [];
  for (const t of data(urlTests)) {
    if (typeof t === "string") continue; // comments
    const where = `${JSON.stringify(t.input)} against ${JSON.stringify(t.base)}`;
    let url = null;
    try {
      url = t.base === null ? new URL(t.input) : new URL(t.input, t.base);
    } catch (e) {
      if (!t.failure || e.name !== "TypeError") failures.push(`${where}: threw ${e.name}`);
      checked++;
      continue;
    }
    if (t.failure) {
      failures.push(`${where}: parsed but should fail`);
      continue;
    }
    for (const key of ATTRIBUTES) {
      if (key in t && url[key] !== t[key]) failures.push(`${where}: ${key} ${url[key]} != ${t[key]}`);
    }
    if ("searchParams" in t && url.searchParams.toString() !== t.searchParams)
      failures.push(`${where}: searchParams`);
    const canParse = t.base === null ? URL.canParse(t.input) : URL.canParse(t.input, t.base);
    if (!canParse) failures.push(`${where}: canParse disagrees`);
    checked++;
  }
  assert(failures.length === 0, failures.slice(0, 10).join("\n"));
  assert(checked > 800, `only ${checked} cases`);
});

test("setters_tests.json: every case", () => {
  const failures = [];
  let checked = 0;
  for (const [attribute, cases] of Object.entries(data(setterTests))) {
    if (attribute === "comment") continue;
    for (const t of cases) {
      const url = new URL(t.href);
      url[attribute] = t.new_value;
      for (const [key, value] of Object.entries(t.expected)) {
        if (url[key] !== value)
          failures.push(`${t.href} .${attribute} = ${JSON.stringify(t.new_value)}: ${key} ${url[key]} != ${value}`);
      }
      checked++;
    }
  }
  assert(failures.length === 0, failures.slice(0, 10).join("\n"));
  assert(checked > 200, `only ${checked} cases`);
});

test("errors name the API and the input", () => {
  throws(() => new URL("htp//x"), "TypeError", "Failed to construct 'URL': Invalid URL 'htp//x'");
  throws(() => new URL("x", "nope"), "TypeError", "Invalid base URL");
  throws(() => { new URL("http://a/").href = "::"; }, "TypeError", "Invalid URL");
  throws(() => new URL(), "TypeError", "1 argument required");
  equal(URL.parse("::"), null);
  equal(URL.canParse("/x", "http://h/"), true);
});

test("searchParams stays in sync both ways", () => {
  const url = new URL("https://h/p?a=1&b=2#f");
  const params = url.searchParams;
  equal(url.searchParams, params); // [SameObject]
  params.append("c", "x y");
  equal(url.search, "?a=1&b=2&c=x+y");
  params.delete("a");
  params.delete("c");
  params.delete("b");
  equal(url.href, "https://h/p#f");
  url.search = "?z=9";
  equal(params.get("z"), "9");
  url.href = "https://h/?q=1&q=2";
  equal(params.getAll("q").join(), "1,2");
});

test("URLSearchParams", () => {
  const p = new URLSearchParams("?b=2&a=1&b=3");
  equal(p.size, 3);
  equal(p.get("b"), "2");
  equal(p.get("none"), null);
  equal(p.has("b", "3"), true);
  equal(p.has("b", "4"), false);
  p.set("b", "x");
  equal(p.toString(), "b=x&a=1");
  p.sort();
  equal(p.toString(), "a=1&b=x");
  const fromPairs = new URLSearchParams([["k", "v"], ["k", "w"]]);
  equal(fromPairs.getAll("k").join(), "v,w");
  equal(new URLSearchParams({ x: "1", y: "2" }).toString(), "x=1&y=2");
  equal(new URLSearchParams(fromPairs).toString(), "k=v&k=w");
  throws(() => new URLSearchParams([["a"]]), "TypeError", "exactly two");
  const seen = [];
  p.forEach((value, key) => seen.push(key + value));
  equal(seen.join(), "a1,bx");
  equal([...p.keys()].join(), "a,b");
  // Sorting is by UTF-16 code units and stable.
  const s = new URLSearchParams("\uFFFD=1&\u{1F600}=2&a=3&a=4");
  s.sort();
  equal([...s.values()].join(), "3,4,2,1");
  equal(new URLSearchParams("a=%zz&b=%F0%9F%98%80+x").get("b"), "\u{1F600} x");
});

test("toString of unread params equals the serializer's output", () => {
  // A list made from a string is kept as that string until read; toString must still be what
  // serializing the parsed list gives, for input already in that form and for input that isn't.
  const cases = [
    ["a=b&c=d", "a=b&c=d"], ["a=b&&c", "a=b&c="], ["%7e=%41", "%7E=A"], ["a", "a="],
    ["a=b=c", "a=b%3Dc"], ["+=%20", "+=+"], ["%C3%A9=1", "%C3%A9=1"], ["%C3=1", "%EF%BF%BD=1"],
    ["a=b&", "a=b"], ["?a=1", "a=1"], ["%zz=1", "%25zz=1"], ["%2=1", "%252=1"], ["", ""],
    ["&", ""], ["a=%2B+%26", "a=%2B+%26"], ["a=%c3%a9", "a=%C3%A9"], ["a=~!", "a=%7E%21"],
    ["%E2%82=x", "%EF%BF%BD=x"], ["k=%F0%9F%98%80", "k=%F0%9F%98%80"], ["é=1", "%C3%A9=1"],
  ];
  for (const [input, expected] of cases) {
    const lazy = new URLSearchParams(input);
    equal(lazy.toString(), expected, JSON.stringify(input));
    const read = new URLSearchParams(input);
    read.has("x"); // parses the list
    equal(read.toString(), expected, JSON.stringify(input) + " after a read");
  }
  const p = new URLSearchParams("a=1");
  p.append("b", "2");
  equal(p.toString(), "a=1&b=2");
  const url = new URL("https://h/?x=%7e");
  equal(url.searchParams.toString(), "x=%7E");
  url.searchParams.set("y", "1");
  equal(url.search, "?x=%7E&y=1");
});

test("URL objects: receivers, subclasses, console and cloning", () => {
  const getter = Object.getOwnPropertyDescriptor(URL.prototype, "href").get;
  throws(() => getter.call({}), "TypeError", "Illegal invocation");
  throws(() => getter.call(new URLSearchParams("a=1")), "TypeError", "Illegal invocation");
  throws(() => URL.prototype.toString.call(Object.create(URL.prototype)), "TypeError",
    "Illegal invocation");
  class Local extends URL {
    origin2() { return this.origin; }
  }
  const local = new Local("http://a.example:81/x");
  equal(local instanceof URL, true);
  equal(local.origin2(), "http://a.example:81");
  local.port = "82";
  equal(local.href, "http://a.example:82/x");
  throws(() => structuredClone(new URL("http://h/")), "DataCloneError", "URL object");
  const url = new URL("https://u:p@h.example:8443/p?q=1#f");
  url.pathname = "/other";
  url.hash = "";
  equal(url.href, "https://u:p@h.example:8443/other?q=1");
  equal(url.username + url.password + url.host, "uph.example:8443");
});

test("hosts have no length limit, IDN labels of any length included", () => {
  // ICU encodes at most 1000 code points per label; the URL Standard sets no limit.
  const hostname = (host) => new URL(`http://${host}/`).hostname;
  equal(hostname("é".repeat(1000) + ".com"), "xn--9ca" + "a".repeat(999) + ".com");
  equal(hostname("é".repeat(1500) + ".com"), "xn--9ca" + "a".repeat(1499) + ".com");
  const huge = new URL("http://" + "é".repeat(100000) + ".com/");
  equal(huge.host.length, 100010);
  equal(new URL(huge.href).href, huge.href);
  // Long labels still get UTS #46's mapping, label separators and checks (results as node's).
  equal(hostname("É".repeat(1200)), "xn--9ca" + "a".repeat(1199));
  equal(hostname("ß".repeat(1200)), "xn--zca" + "a".repeat(1199));
  equal(hostname("a." + "é".repeat(1200) + "\u3002b"), "a.xn--9ca" + "a".repeat(1199) + ".b");
  equal(hostname("é".repeat(1200) + "%2e" + "ü".repeat(1001)),
    "xn--9ca" + "a".repeat(1199) + ".xn--tda" + "a".repeat(1000));
  equal(hostname("é".repeat(1200) + ".xn--ls8h"), "xn--9ca" + "a".repeat(1199) + ".xn--ls8h");
  throws(() => new URL(`http://${"é".repeat(1200)}\uFFFD/`), "TypeError", "Invalid URL");
  throws(() => new URL(`http://${"é".repeat(1200)}.xn--a/`), "TypeError", "Invalid URL");
  throws(() => new URL(`http://${"\u05D0".repeat(1200)}a/`), "TypeError", "Invalid URL");
});

test("URLSearchParams from a record converts keys to USVString before merging them", () => {
  // WPT url/urlsearchparams-constructor.any.js, "Construct with 2 unpaired surrogates (no
  // trailing)": the later value wins, in the first key's place.
  const params = new URLSearchParams({ "\uD835x": "1", xx: "2", "\uD83Dx": "3" });
  deepEqual([...params], [["\uFFFDx", "3"], ["xx", "2"]]);
  const mixed = new URLSearchParams({ "\uFFFD": "a", "\uDC00": "b", "\uD800": "c", k: "d" });
  deepEqual([...mixed], [["\uFFFD", "c"], ["k", "d"]]);
  equal(new URLSearchParams({ "a\uD800": "1", "b\uDC00": "2" }).toString(),
    "a%EF%BF%BD=1&b%EF%BF%BD=2");
});

test("a 1 MB URL parses", () => {
  const path = "/" + "a".repeat(1 << 20);
  const url = new URL("https://example.com" + path + "?q");
  equal(url.pathname.length, path.length);
});

await run();
