// Run with --location https://example.com:8443/app/page.html?q=1#top (tests/js/CMakeLists.txt).
import { test, run, equal, deepEqual, assert, throws } from "./lib/harness.js";

test("location: a read-only WorkerLocation of the --location URL", () => {
  assert(location instanceof WorkerLocation);
  deepEqual(
    [location.href, location.origin, location.protocol, location.host, location.hostname,
     location.port, location.pathname, location.search, location.hash],
    ["https://example.com:8443/app/page.html?q=1#top", "https://example.com:8443", "https:",
     "example.com:8443", "example.com", "8443", "/app/page.html", "?q=1", "#top"]);
  equal(String(location), location.href);
  equal(`${location}`, location.href);
  equal(location.toString(), location.href);
  equal(globalThis.location, location);
  throws(() => { location.href = "https://other.example/"; }, "TypeError");
  equal(location.href, "https://example.com:8443/app/page.html?q=1#top");
  throws(() => new WorkerLocation(), "TypeError");
  equal(Object.prototype.toString.call(location), "[object WorkerLocation]");
});

test("location: URLs resolve against it the way fetch will", () => {
  equal(new URL("other.html", location).href, "https://example.com:8443/app/other.html");
});

run();
