// structuredClone: deep copies of objects, arrays, maps, sets, dates, typed arrays and cycles.

const original = {
  name: 'config',
  created: new Date(0),
  tags: new Set(['a', 'b']),
  limits: new Map([['heap', 512], ['timeout', 30]]),
  bytes: new Uint8Array([1, 2, 3]),
  nested: { deep: { value: 42 } },
};
original.self = original; // cycles are kept

const copy = structuredClone(original);
console.log('copy:', copy);
console.log('a different object:', copy !== original, copy.nested !== original.nested);
console.log('the cycle points at the copy:', copy.self === copy);
console.log('types survive:', copy.created instanceof Date, copy.tags instanceof Set);

copy.nested.deep.value = 7;
console.log('the original is untouched:', original.nested.deep.value);

try {
  structuredClone({ fn() {} });
} catch (error) {
  console.log(`${error.name}: ${error.message}`);
}
