#pragma once
// Splits Node util.inspect-style text (what the engine's console formatter prints) into the
// entries of its objects and arrays, one level at a time, so that the console can show a logged
// value as a tree that is built lazily: only the levels the user expands are ever parsed.
//
// The engine sends preformatted text, not structured values; this parser relies on the
// formatter's layout: a composite opens with "{ " / "[ " (or a line break) and is empty as
// "{}" / "[]", while "[Function: f]", "[Getter]", "[Circular *1]" are tags (no space after "[").
// Strings are quoted with ', " or ` and may contain backslash escapes.

#include <QString>
#include <QVector>

namespace nano::ui::inspect {

// A half-open range [begin, end) of the message text.
struct Span {
    int begin = 0;
    int end = 0;
    bool isEmpty() const { return end <= begin; }
};

struct Entry {
    Span key;   // empty for array items and separate values
    Span value; // the value text, including a composite's brackets and any prefix ("Map(1)")
};

// The first top-level composite ("{ ... }" or "[ ... ]", non-empty) within `span`, with its
// brackets; an empty span if there is none.
Span firstComposite(const QString& text, Span span);

// All top-level non-empty composites in `span` (a console.log line may hold several values).
QVector<Span> composites(const QString& text, Span span, int limit = 64);

// `composite` (from composites()) widened to the front by the prefix util.inspect writes before
// a value's bracket, as the collapsed row shows it: a class or constructor name with an
// optional size ("Point", "Map(2)", "Uint8Array(3)"), a tag ("[Map]", "[Object: null
// prototype]") or both ("Foo [Map]"), and a "<ref *1>" before them. A word is taken for a class
// name only if it starts with an upper-case letter or has a size: "label { a: 1 }" is more
// likely a logged string followed by an object. Stops at `within.begin`.
Span withPrefix(const QString& text, Span within, Span composite);

// The entries of the composite `composite` (as returned by firstComposite): "key: value",
// "key => value" (Map) or plain items. "... N more items" comes back as a plain item.
QVector<Entry> entries(const QString& text, Span composite);

// The span's text on one line: runs of whitespace outside strings collapse to one space.
// Stops after about `maxChars` characters and appends an ellipsis.
QString oneLine(const QString& text, Span span, int maxChars = 300);

} // namespace nano::ui::inspect
