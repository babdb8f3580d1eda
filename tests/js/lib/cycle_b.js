import { a } from "./cycle_a.js";
export const b = a + 1;
