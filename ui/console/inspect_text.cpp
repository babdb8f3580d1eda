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
