#pragma once
// multipart/form-data: the encoder HTML defines for a FormData body
// (https://html.spec.whatwg.org/multipage/form-control-infrastructure.html#multipart/form-data-encoding-algorithm)
// and the parser that Body.formData() uses (https://fetch.spec.whatwg.org/#dom-body-formdata,
// "parse bytes per the rules of RFC 7578"; the steps follow the multipart/form-data parser
// proposed for the Fetch Standard, whatwg/fetch#1580).
//
// Plain C++ (no V8): FormData's entries come in as MultipartEntry values, the encoding goes
// out as ByteSpans in which each File's contents are a span of the File's own storage, so a
// large File is never copied into one big buffer.

#include "api/fetch/byte_span.h"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace nano::api::fetch {

struct MultipartEntry {
    std::string name;  // UTF-8
    std::string value; // a string entry's value (UTF-8), when !isFile
    bool isFile = false;
    std::string filename; // a File entry's name (UTF-8)
    std::string type;     // a File entry's type; empty means application/octet-stream
    ByteSpan contents;    // a File entry's bytes
};

// https://html.spec.whatwg.org/multipage/form-control-infrastructure.html#multipart/form-data-boundary-string:
// "----NanoFormBoundary" and 16 random ASCII alphanumerics, as WebKit and Blink make them.
std::string generateMultipartBoundary();

// https://html.spec.whatwg.org/multipage/form-control-infrastructure.html#multipart/form-data-encoding-algorithm
// with UTF-8. Line breaks in names and string values are normalized to CRLF; in the quoted
// name and filename parameters, LF, CR and '"' become %0A, %0D and %22.
ByteSpans encodeMultipartFormData(const std::vector<MultipartEntry>& entries,
                                  std::string_view boundary);

// One entry of a parsed multipart/form-data body.
struct ParsedMultipartEntry {
    std::string name;
    bool isFile = false;
    std::string value;             // a field's value, UTF-8 decoded without BOM
    std::string filename;          // a file's name
    std::string type;              // a file's Content-Type ("text/plain" if it had none)
    std::vector<uint8_t> contents; // a file's bytes
};

// Parses `body` with `boundary`; nullopt for malformed input, with `error` saying why.
std::optional<std::vector<ParsedMultipartEntry>> parseMultipartFormData(std::string_view body,
                                                                        std::string_view boundary,
                                                                        std::string* error);

} // namespace nano::api::fetch
