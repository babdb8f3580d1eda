#include "editor/completion.h"

#include <algorithm>

namespace nano::ui::completion {

QStringList keywords()
{
    return QStringLiteral(
               "async await break case catch class const continue debugger default delete do "
               "else export extends false finally for from function if import in instanceof let "
               "new null of return static super switch this throw true try typeof undefined var "
               "void while with yield")
        .split(u' ');
}

QStringList runtimeGlobals()
{
    return QStringLiteral(
               "AbortController AbortSignal AggregateError Array ArrayBuffer Atomics BigInt "
               "BigInt64Array BigUint64Array Blob Boolean Crypto CryptoKey CustomEvent "
               "DOMException DataView Date Error ErrorEvent EvalError Event EventTarget File "
               "FinalizationRegistry Float32Array Float64Array FormData Function Headers "
               "Infinity Int16Array Int32Array Int8Array Intl JSON Map Math NaN Nano Navigator "
               "Number Object Performance PerformanceEntry PerformanceMark PerformanceMeasure "
               "Promise PromiseRejectionEvent Proxy RangeError ReferenceError Reflect RegExp Set "
               "SharedArrayBuffer String SubtleCrypto Symbol SyntaxError TextDecoder TextEncoder "
               "TypeError URIError URL URLSearchParams Uint16Array Uint32Array Uint8Array "
               "Uint8ClampedArray WeakMap WeakRef WeakSet WebAssembly atob btoa clearInterval "
               "clearTimeout console crypto decodeURI decodeURIComponent encodeURI "
               "encodeURIComponent globalThis isFinite isNaN navigator parseFloat parseInt "
               "performance queueMicrotask reportError self setInterval setTimeout "
               "structuredClone")
        .split(u' ');
}

WordList::WordList(QsciLexer* lexer)
    : QsciAbstractAPIs(lexer)
    , m_words(keywords() + runtimeGlobals())
{
    m_words.sort();
    m_words.removeDuplicates();
}

void WordList::updateAutoCompletionList(const QStringList& context, QStringList& list)
{
    if (context.isEmpty()) return;
    const QString& prefix = context.last();
    auto it = std::lower_bound(m_words.cbegin(), m_words.cend(), prefix);
    for (; it != m_words.cend() && it->startsWith(prefix); ++it)
        if (!list.contains(*it)) list << *it;
}

} // namespace nano::ui::completion
