globalThis.importOrder.push("module body");
