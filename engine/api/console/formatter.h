#pragma once

// The console value formatter: Node's util.inspect(), util.formatWithOptions() and the
// console.table() renderer, written against the V8 API so that console.log() in our runtime
// prints what Node 18/20 prints for the same values, byte for byte.
//
// Contract shared by the three functions:
// - Call them on the isolate's thread with the isolate entered; they open their own
//   HandleScope and enter `context`.
// - Output is UTF-8. Lone UTF-16 surrogates become U+FFFD where a string prints raw and are
//   escaped (`\ud800`) inside quoted strings, like Node does.
// - No C++ exception escapes. User code runs where Node's inspect() and format() run it:
//   toString()/valueOf() for %s, %d, %i and %f, toJSON() for %j, Symbol.toStringTag getters,
//   the `name`/`message`/`stack`/`errors` getters of errors, the getters console.table() reads
//   and the custom inspection hook (Symbol.for('nodejs.util.inspect.custom'), called as
//   Node calls it, unless FormatOptions::customInspect is false). An exception thrown there
//   (including the RangeError of a runaway recursion) makes the call return nullopt with the
//   exception pending, for the caller to propagate as console.log does in Node. Other
//   properties are read without running script: other accessors print as [Getter], [Setter] or
//   [Getter/Setter], as in Node, and Proxies print their target without invoking traps.
//
// Implementation: formatter_inspect.h (util.inspect, split over formatter_inspect.cpp,
// formatter_entries.cpp, formatter_errors.cpp, formatter_custom.cpp), formatter_access.h
// (property reads, and how exceptions of user code unwind), formatter_layout.h (line
// breaking, column grouping, table boxes) and formatter_text.h (escaping, widths, colours).

#include <optional>
#include <string>
#include <vector>

#include <v8.h>

namespace nano::api {

// The subset of util.inspect() options our console uses. compact is fixed at Node's default (3).
struct FormatOptions {
    int depth = 2;               // nesting shown before "[Object]" / "[Array]"
    bool colors = false;         // ANSI colours like Node when true (used by a terminal later)
    int maxArrayLength = 100;    // "... N more items"
    int maxStringLength = 10000; // "... N more characters"
    int breakLength = 80;        // Node's line-breaking rule (and compact = 3 grouping)
    bool showHidden = false;
    bool sorted = false;
    bool customInspect = true; // call Symbol.for('nodejs.util.inspect.custom') methods
};

// Reads the util.inspect() options console.dir() and the custom inspection hook's `inspect`
// accept (depth, showHidden, colors, customInspect, maxArrayLength, maxStringLength,
// breakLength, sorted) from `options` into `out`, running getters as Node's object spread
// does. False when one threw (the exception is pending).
bool readInspectOptions(v8::Local<v8::Context> context, v8::Local<v8::Object> options,
                        FormatOptions& out);

// util.inspect(value, options). A negative depth prints only the top level ("[Object]"),
// INT_MAX means unlimited (Node's `depth: null`).
std::optional<std::string> formatValue(v8::Local<v8::Context> context, v8::Local<v8::Value> value,
                                       const FormatOptions& options = {});

// console.log(...args): the Console Standard "Formatter" with %s %d %i %f %j %o %O %c and %%,
// as Node's util.formatWithOptions() does it: a first string argument with specifiers consumes
// arguments; the remaining ones are appended with spaces; top-level strings print raw, other
// values through formatValue().
std::optional<std::string> formatLogArguments(v8::Local<v8::Context> context,
                                              const std::vector<v8::Local<v8::Value>>& args,
                                              const FormatOptions& options = {});

// The cells of a console.table: `head` are the column titles ("(index)" first), `columns[i]`
// the formatted cells of column i, one per row.
struct TableCells {
    std::vector<std::string> head;
    std::vector<std::vector<std::string>> columns;
};

// console.table(data, properties): the box-drawing table Node prints, without the trailing
// newline. `properties` is an array of column names or undefined (anything else is treated as
// undefined, where Node would throw). Non-object data falls back to formatLogArguments({data})
// and leaves `cells` empty; tabular data also fills `cells` when given (for a table view).
std::optional<std::string> formatTable(v8::Local<v8::Context> context, v8::Local<v8::Value> data,
                                       v8::Local<v8::Value> properties,
                                       TableCells* cells = nullptr);

} // namespace nano::api
