#include "inspect_text.h"

namespace nano::ui::inspect {

namespace {

bool isQuote(QChar c)
{
    return c == u'\'' || c == u'"' || c == u'`';
}

// Index just past the string literal that starts at `i` (a quote), or `end` if unterminated.
int skipString(const QString& text, int i, int end)
{
    const QChar quote = text.at(i);
    for (++i; i < end; ++i) {
        const QChar c = text.at(i);
        if (c == u'\\')
            ++i;
        else if (c == quote)
            return i + 1;
    }
    return end;
}

bool isOpen(QChar c)
{
    return c == u'{' || c == u'[' || c == u'(';
}

bool isClose(QChar c)
{
    return c == u'}' || c == u']' || c == u')';
}

// Does the bracket at `i` open a non-empty object or array (rather than a tag or "{}")?
bool opensComposite(const QString& text, int i, int end)
{
    const QChar c = text.at(i);
    if (c != u'{' && c != u'[') return false;
    if (i + 1 >= end) return false;
    const QChar next = text.at(i + 1);
    return next == u' ' || next == u'\n';
}

// Index just past the bracket group that opens at `i`, or `end` if it is unbalanced.
int skipGroup(const QString& text, int i, int end)
{
    int depth = 0;
    while (i < end) {
        const QChar c = text.at(i);
        if (isQuote(c)) {
            i = skipString(text, i, end);
            continue;
        }
        if (isOpen(c)) {
            ++depth;
        } else if (isClose(c)) {
            if (--depth == 0) return i + 1;
        }
        ++i;
    }
    return end;
}

Span trimmed(const QString& text, Span s)
{
    while (s.begin < s.end && text.at(s.begin).isSpace())
        ++s.begin;
    while (s.end > s.begin && text.at(s.end - 1).isSpace())
        --s.end;
    return s;
}

// Splits `item` at its top-level separator (": " or " => ") into key and value; an item
// without one is a plain value.
void splitKey(const QString& text, Span item, Entry& entry)
{
    entry.value = item;
    int i = item.begin;
    while (i < item.end) {
        const QChar c = text.at(i);
        if (isQuote(c)) {
            i = skipString(text, i, item.end);
            continue;
        }
        if (isOpen(c)) {
            // A key is never a composite; "[Symbol(x)]" and "[key]" are tags.
            if (opensComposite(text, i, item.end)) return;
            i = skipGroup(text, i, item.end);
            continue;
        }
        if (c == u':' && i + 1 < item.end && text.at(i + 1) == u' ') {
            entry.key = {item.begin, i};
            entry.value = trimmed(text, {i + 2, item.end});
            return;
        }
        if (c == u'=' && i + 2 < item.end && text.at(i + 1) == u'>' && i > item.begin &&
            text.at(i - 1) == u' ') {
            entry.key = trimmed(text, {item.begin, i - 1});
            entry.value = trimmed(text, {i + 2, item.end});
            return;
        }
        if (c.isSpace() && !(i + 1 < item.end && text.at(i + 1) == u'=')) {
            // Keys contain no spaces outside quotes: this item is a plain value.
            return;
        }
        ++i;
    }
}

} // namespace

QVector<Span> composites(const QString& text, Span span, int limit)
{
    QVector<Span> found;
    int i = span.begin;
    while (i < span.end && found.size() < limit) {
        const QChar c = text.at(i);
        if (isQuote(c)) {
            i = skipString(text, i, span.end);
        } else if (isOpen(c)) {
            const int close = skipGroup(text, i, span.end);
            if (opensComposite(text, i, span.end)) found.append({i, close});
            i = close;
        } else {
            ++i;
        }
    }
    return found;
}

Span firstComposite(const QString& text, Span span)
{
    const QVector<Span> found = composites(text, span, 1);
    return found.isEmpty() ? Span() : found.first();
}

namespace {

bool isIdentifierChar(QChar c)
{
    return c.isLetterOrNumber() || c == u'_' || c == u'$';
}

// The start of the tag "[...]" that ends just before `end` (text[end - 1] == ']'), or -1.
int tagStart(const QString& text, int begin, int end)
{
    if (end <= begin || text.at(end - 1) != u']') return -1;
    int depth = 0;
    for (int i = end - 1; i >= begin; --i) {
        const QChar c = text.at(i);
        if (c == u']')
            ++depth;
        else if (c == u'[' && --depth == 0)
            // "[ 1, 2 ]" is an array, not a tag.
            return i + 1 < end && !text.at(i + 1).isSpace() ? i : -1;
    }
    return -1;
}

// The start of "Name" or "Name(12)" ending just before `end`, or -1; `named` tells whether it
// is surely a class name (upper-case first letter or a size).
int classNameStart(const QString& text, int begin, int end, bool& named)
{
    int i = end;
    bool sized = false;
    if (i > begin && text.at(i - 1) == u')') {
        int j = i - 1;
        while (j > begin && text.at(j - 1).isDigit())
            --j;
        if (j == i - 1 || j <= begin || text.at(j - 1) != u'(') return -1;
        i = j - 1;
        sized = true;
    }
    int start = i;
    while (start > begin && isIdentifierChar(text.at(start - 1)))
        --start;
    if (start == i || text.at(start).isDigit()) return -1;
    if (start > begin && !text.at(start - 1).isSpace()) return -1; // "a.b {" or "x:{"
    named = sized || text.at(start).isUpper();
    return start;
}

} // namespace

Span withPrefix(const QString& text, Span within, Span composite)
{
    int begin = composite.begin;
    auto spaceBefore = [&](int at) { return at - 1 > within.begin && text.at(at - 1) == u' '; };
    if (!spaceBefore(begin)) return composite;
    bool found = false;
    // A tag right before the bracket: "[Object: null prototype] {", "Foo [Map] {".
    if (const int tag = tagStart(text, within.begin, begin - 1);
        tag >= 0 && (tag == within.begin || text.at(tag - 1).isSpace())) {
        begin = tag;
        found = true;
    }
    if (!found || spaceBefore(begin)) {
        bool named = false;
        const int name = classNameStart(text, within.begin, begin - 1, named);
        if (name >= 0 && (named || found)) {
            begin = name;
            found = true;
        }
    }
    if (!found) return composite;
    // "<ref *1> Point {" (a value that refers to itself).
    if (spaceBefore(begin) && text.at(begin - 2) == u'>') {
        const int open = text.lastIndexOf(u'<', begin - 2);
        if (open >= within.begin &&
            QStringView(text).mid(open, begin - 1 - open).startsWith(u"<ref *"))
            begin = open;
    }
    return {begin, composite.end};
}

QVector<Entry> entries(const QString& text, Span composite)
{
    QVector<Entry> result;
    if (composite.end - composite.begin < 2) return result;
    const Span inner{composite.begin + 1, composite.end - 1};
    int start = inner.begin;
    int i = inner.begin;
    auto flush = [&](int stop) {
        const Span item = trimmed(text, {start, stop});
        if (!item.isEmpty()) {
            Entry entry;
            splitKey(text, item, entry);
            result.append(entry);
        }
    };
    while (i < inner.end) {
        const QChar c = text.at(i);
        if (isQuote(c)) {
            i = skipString(text, i, inner.end);
        } else if (isOpen(c)) {
            i = skipGroup(text, i, inner.end);
        } else if (c == u',') {
            flush(i);
            start = ++i;
        } else {
            ++i;
        }
    }
    flush(inner.end);
    return result;
}

QString oneLine(const QString& text, Span span, int maxChars)
{
    QString out;
    out.reserve(qMin(span.end - span.begin, maxChars + 1));
    bool space = false;
    int i = span.begin;
    while (i < span.end) {
        if (out.size() >= maxChars) {
            out += QChar(0x2026);
            return out;
        }
        const QChar c = text.at(i);
        if (isQuote(c)) {
            const int stop = skipString(text, i, span.end);
            if (space) out += u' ';
            space = false;
            out += QStringView(text).mid(i, stop - i);
            i = stop;
            continue;
        }
        if (c.isSpace()) {
            space = !out.isEmpty();
        } else {
            // No space after an opening or before a closing bracket that followed a line break
            // would look odd: util.inspect writes "{ a: 1 }", so keep single spaces everywhere.
            if (space) out += u' ';
            space = false;
            out += c;
        }
        ++i;
    }
    return out;
}

} // namespace nano::ui::inspect
