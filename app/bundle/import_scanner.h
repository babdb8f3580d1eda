#pragma once
// Finds the module requests of an ES module's source text without running it: static
// `import ... from "x"`, `import "x"`, `export ... from "x"`, and `import("x")` whose specifier
// is a string literal; `assert { type: "json" }` (or `with`) marks a JSON module. A small
// tokenizer skips comments, strings, template literals and regular expression literals, so
// an "import" inside them is not taken for one. Dynamic imports of computed specifiers cannot
// be followed; they are counted so the writer can say so.

#include <QString>
#include <QVector>

namespace nano::bundle {

struct ModuleRequest {
    QString specifier;
    bool json = false;
    bool dynamic = false;
    int line = 0; // 1-based
};

struct ScanResult {
    QVector<ModuleRequest> requests;
    QVector<int> computedDynamicImportLines; // import(expr) with a non-literal specifier
};

ScanResult scanImports(const QString& source);

} // namespace nano::bundle
