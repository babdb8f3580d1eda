// A module that imports, dynamically, a module that imports it statically.
export const a = 1;
export const b = import("./cycle_b.js");
