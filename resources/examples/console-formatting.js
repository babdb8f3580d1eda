// Console formatting: levels, objects, tables, groups, substitutions and errors.
// Objects and arrays are trees in the console: click the arrow to expand them.

console.log('plain text, a number %d and an object %o', 42, { answer: 42 });
console.info('console.info');
console.warn('console.warn: something looks off');
console.error('console.error: something went wrong');
console.debug('console.debug');

const user = {
  name: 'Ada',
  languages: ['JavaScript', 'C++', 'Rust'],
  address: { city: 'London', zip: 'N1', geo: { lat: 51.5, lng: -0.1 } },
  active: true,
};
console.log('an object:', user);
console.log('nested arrays:', [1, [2, [3, [4, [5]]]]]);
console.log('a map and a set:', new Map([['a', 1], ['b', 2]]), new Set(['x', 'y']));
console.log('a big array (only the first 100 items are formatted):',
            Array.from({ length: 1e6 }, (_, i) => i));

console.table([
  { language: 'JavaScript', typed: false, year: 1995 },
  { language: 'TypeScript', typed: true, year: 2012 },
]);

console.group('a group');
console.log('inside the group');
console.group('a nested group');
console.log('deeper');
console.groupEnd();
console.groupCollapsed('a collapsed group: click to open it');
console.log('hidden until opened');
console.groupEnd();
console.groupEnd();

console.count('clicks');
console.count('clicks');
console.time('loop');
let sum = 0;
for (let i = 0; i < 1e6; ++i) sum += i;
console.timeEnd('loop');
console.assert(sum === 0, 'console.assert: sum is %d', sum);
console.trace('where am I?');

// An uncaught error ends a run: its console row links to the line, and the editor marks it.
// Remove the // in front of the next line to see it.
// null.property;
