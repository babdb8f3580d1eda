#pragma once
// Code that reproduces a recorded request, for the network dock's Copy as cURL and Copy as
// fetch (and Resend, which runs the fetch form). Headers that the client sets itself (Host,
// Content-Length, Connection, and fetch's other forbidden request headers) are left out;
// Accept-Encoding becomes curl's --compressed. A request body that was not kept whole (past
// the preview bound, or sent while nobody listened) is reproduced as far as it was kept, and a
// comment says so.

#include "engine/inspect/fetch_record.h"

#include <QString>

namespace nano::ui::requestcode {

// A POSIX shell command line: curl 'URL' -X METHOD -H 'name: value' --data-raw '...'.
QString curlCommand(const FetchRecord& record);
// JavaScript: fetch("URL", { method, headers, body }).
QString fetchCode(const FetchRecord& record);
// One shell word: 'text' with ' as '\'', or $'...' with escapes when `bytes` are not
// printable UTF-8.
QString shellQuote(const QByteArray& bytes);
// Whether a header is one a client sets itself (fetch's forbidden request headers).
bool isClientHeader(const QByteArray& name);

} // namespace nano::ui::requestcode
