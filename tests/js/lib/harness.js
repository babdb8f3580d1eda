// A small test harness for JS tests run by nanojs: test(name, fn) registers a test (fn may be
// async); the module's top-level `await run()` executes them in order, prints one line per
// failure and a closing "N passed, N failed" line, and exits 1 if anything failed.

const tests = [];

export function test(name, fn) {
  tests.push({ name, fn });
}

export class AssertionError extends Error {
  constructor(message) {
    super(message);
    this.name = "AssertionError";
  }
}

function show(value) {
  if (typeof value === "string") return JSON.stringify(value);
  if (value instanceof Error) return `${value.name}: ${value.message}`; // JSON shows errors as {}
  try {
    return typeof value === "object" && value !== null ? JSON.stringify(value) : String(value);
  } catch {
    return String(value);
  }
}

export function assert(condition, message = "assertion failed") {
  if (!condition) throw new AssertionError(message);
}

export function equal(actual, expected, message = "") {
  if (!Object.is(actual, expected))
    throw new AssertionError(`${message} expected ${show(expected)}, got ${show(actual)}`.trim());
}

export function deepEqual(actual, expected, message = "") {
  const a = JSON.stringify(actual);
  const b = JSON.stringify(expected);
  if (a !== b) throw new AssertionError(`${message} expected ${b}, got ${a}`.trim());
}

// Asserts that fn throws (or rejects, if it returns a promise) an error whose name is `name`
// and, if given, whose message contains `includes`.
export async function throwsAsync(fn, name, includes) {
  let error;
  try {
    await fn();
  } catch (e) {
    error = e;
  }
  checkError(error, name, includes);
}

export function throws(fn, name, includes) {
  let error;
  try {
    fn();
  } catch (e) {
    error = e;
  }
  checkError(error, name, includes);
}

function checkError(error, name, includes) {
  if (error === undefined) throw new AssertionError(`expected ${name} to be thrown`);
  if (error.name !== name)
    throw new AssertionError(`expected ${name}, got ${error.name}: ${error.message}`);
  if (includes && !String(error.message).includes(includes))
    throw new AssertionError(`expected the message to include ${show(includes)}: ${error.message}`);
}

export const delay = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

export async function run() {
  let passed = 0;
  let failed = 0;
  for (const { name, fn } of tests) {
    try {
      await fn();
      passed++;
    } catch (error) {
      failed++;
      console.error(`FAIL ${name}: ${error && error.stack ? error.stack : error}`);
    }
  }
  console.log(`${passed} passed, ${failed} failed`);
  if (failed > 0) Nano.exit(1);
}
