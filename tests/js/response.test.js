// Response (https://fetch.spec.whatwg.org/#response-class): the constructor's checks, the static
// methods, the attributes, clone() and the console. Body consumers: body.test.js.
import { test, run, equal, assert, throws } from "./lib/harness.js";

test("Response: defaults", () => {
  const response = new Response();
  equal(response.type, "default");
  equal(response.url, "");
  equal(response.redirected, false);
  equal(response.status, 200);
  equal(response.ok, true);
  equal(response.statusText, "");
  assert(response.headers instanceof Headers);
  equal(response.headers, response.headers); // [SameObject]
  equal(response.body, null);
  equal(response.bodyUsed, false);
  equal(Object.prototype.toString.call(response), "[object Response]");
  throws(() => Response(), "TypeError");
});

test("Response: status must be 200-599, statusText a reason-phrase", () => {
  for (const status of [0, 100, 199, 600, 999])
    throws(() => new Response("", { status }), "RangeError", `status ${status}`);
  equal(new Response("", { status: 65536 + 201 }).status, 201); // unsigned short wraps
  for (const status of [200, 299, 404, 599]) equal(new Response(null, { status }).ok, status < 300);
  equal(new Response("", { statusText: "\tOK \x80\xff" }).statusText, "\tOK \x80\xff");
  for (const statusText of ["a\nb", "a\rb", "\x00", "\x7f"])
    throws(() => new Response("", { statusText }), "TypeError", "reason-phrase");
  throws(() => new Response("", { statusText: "\u0100" }), "TypeError"); // not a ByteString
});

test("Response: a null body status with a body is a TypeError; without one it is fine", () => {
  for (const status of [204, 205, 304]) {
    throws(() => new Response("x", { status }), "TypeError", "cannot have a body");
    throws(() => new Response("", { status }), "TypeError"); // "" is a body
    equal(new Response(null, { status }).status, status);
  }
});

test("Response: headers are guarded 'response'; Content-Type comes from the body unless set", () => {
  const response = new Response("x", { headers: [["Set-Cookie", "a=1"], ["X-A", "1"]] });
  equal(response.headers.get("set-cookie"), null); // forbidden response-header name
  equal(response.headers.get("x-a"), "1");
  equal(response.headers.get("content-type"), "text/plain;charset=UTF-8");
  const typed = new Response("x", { headers: { "Content-Type": "text/html" } });
  equal(typed.headers.get("content-type"), "text/html");
  throws(() => new Response("", { headers: [["bad name", "v"]] }), "TypeError");
  response.headers.set("X-B", "2"); // mutable
  equal(response.headers.get("x-b"), "2");
});

test("Response.error(): a network error with immutable headers", () => {
  const error = Response.error();
  equal(error.type, "error");
  equal(error.status, 0);
  equal(error.ok, false);
  equal(error.body, null);
  throws(() => error.headers.set("a", "b"), "TypeError", "immutable");
  assert(Response.error() !== error);
});

test("Response.redirect(): Location, redirect statuses, URL errors", () => {
  const response = Response.redirect("https://example.com/a b?c#d");
  equal(response.status, 302);
  equal(response.headers.get("location"), "https://example.com/a%20b?c#d");
  equal(response.body, null);
  throws(() => response.headers.set("a", "b"), "TypeError");
  for (const status of [301, 302, 303, 307, 308])
    equal(Response.redirect("https://example.com/", status).status, status);
  for (const status of [200, 300, 304, 309])
    throws(() => Response.redirect("https://example.com/", status), "RangeError");
  throws(() => Response.redirect("http://[bad"), "TypeError", "Invalid URL");
  // No --location in this run: a relative URL says how to get a base URL.
  throws(() => Response.redirect("/relative"), "TypeError", "--location");
});

test("Response.json(): serializes with JSON.stringify and sets application/json", async () => {
  const response = Response.json({ a: 1, b: [true, null] }, { status: 201, headers: { "X-A": "1" } });
  equal(response.status, 201);
  equal(response.headers.get("content-type"), "application/json");
  equal(response.headers.get("x-a"), "1");
  equal(await response.text(), '{"a":1,"b":[true,null]}');
  equal(await Response.json("s").text(), '"s"');
  const typed = Response.json(1, { headers: { "Content-Type": "text/json" } });
  equal(typed.headers.get("content-type"), "text/json");
  for (const value of [undefined, () => 1, Symbol("s"), { toJSON() { return undefined; } }])
    throws(() => Response.json(value), "TypeError", "JSON-serializable");
  throws(() => Response.json(10n), "TypeError"); // JSON.stringify's own TypeError
  const cyclic = {};
  cyclic.self = cyclic;
  throws(() => Response.json(cyclic), "TypeError");
  throws(() => Response.json({ toJSON() { throw new RangeError("no"); } }), "RangeError");
  throws(() => Response.json({}, { status: 204 }), "TypeError", "cannot have a body");
});

test("Response.clone(): same state, own headers, independent body", async () => {
  const response = new Response("body", { status: 203, statusText: "Hi", headers: { "X-A": "1" } });
  const clone = response.clone();
  equal(clone.status, 203);
  equal(clone.statusText, "Hi");
  equal(clone.headers.get("x-a"), "1");
  assert(clone.headers !== response.headers);
  clone.headers.set("X-A", "2");
  equal(response.headers.get("x-a"), "1");
  equal(await clone.text(), "body");
  equal(await response.text(), "body");
  throws(() => response.clone(), "TypeError");
  const error = Response.error().clone();
  equal(error.type, "error");
  throws(() => error.headers.append("a", "b"), "TypeError", "immutable"); // the guard is kept
});

test("Response: console.log shows the state and the body", async () => {
  // Our util.inspect, as a custom inspection hook receives it (getting it prints one empty line).
  let inspect;
  console.log("%s", { [Symbol.for("nodejs.util.inspect.custom")]: (d, o, fn) => ((inspect = fn), "") });
  const response = new Response("x", { status: 201, headers: { "X-A": "1" } });
  const text = inspect(response);
  for (const part of ["Response {", "status: 201", "bodyUsed: false", "'x-a' => '1'", "ReadableStream"])
    assert(text.includes(part), text);
  equal(await response.text(), "x"); // inspecting made the stream; the body still reads
  assert(inspect(Response.error()).includes("body: null"));
});

await run();
