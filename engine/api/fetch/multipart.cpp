#include "api/fetch/multipart.h"

#include "api/fetch/header_list.h"
#include "api/fetch/mime_type.h"
#include "api/url/percent_encode.h"

#include <QRandomGenerator>

namespace nano::api::fetch {

namespace {

// https://html.spec.whatwg.org/multipage/form-control-infrastructure.html#converting-an-entry-list-to-a-list-of-name-value-pairs
// step: every CR not followed by LF and every LF not preceded by CR becomes CRLF.
std::string normalizeLineBreaks(std::string_view text)
{
    std::string out;
    out.reserve(text.size());
    for (size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (c == '\r') {
            out += "\r\n";
            if (i + 1 < text.size() && text[i + 1] == '\n') ++i;
        } else if (c == '\n') {
            out += "\r\n";
        } else {
            out += c;
        }
    }
    return out;
}

// The quoted form of a name or filename: LF, CR and '"' percent-encoded.
void appendQuoted(std::string& out, std::string_view text)
{
    out += '"';
    for (char c : text) {
        if (c == '\n')
            out += "%0A";
        else if (c == '\r')
            out += "%0D";
        else if (c == '"')
            out += "%22";
        else
            out += c;
    }
    out += '"';
}

bool startsWithAt(std::string_view input, size_t position, std::string_view prefix)
{
    return input.size() - position >= prefix.size() &&
           input.compare(position, prefix.size(), prefix) == 0;
}

// The inverse of appendQuoted's escapes (the proposed parser's "parse a multipart/form-data
// name" step), then UTF-8 decoded without BOM.
std::string decodeParameter(std::string_view raw)
{
    std::string bytes;
    bytes.reserve(raw.size());
    for (size_t i = 0; i < raw.size(); ++i) {
        if (raw[i] == '%' && i + 2 < raw.size()) {
            const std::string_view escape = raw.substr(i, 3);
            if (escape == "%0A" || escape == "%0a") {
                bytes += '\n';
                i += 2;
                continue;
            }
            if (escape == "%0D" || escape == "%0d") {
                bytes += '\r';
                i += 2;
                continue;
            }
            if (escape == "%22") {
                bytes += '"';
                i += 2;
                continue;
            }
        }
        bytes += raw[i];
    }
    std::string out;
    url::utf8DecodeWithoutBomAppend(out, bytes);
    return out;
}

struct PartHeaders {
    std::optional<std::string> name;
    std::optional<std::string> filename;
    std::optional<std::string> contentType;
};

// Content-Disposition: form-data; name="..."[; filename="..."]. Other parameters are ignored;
// false if it is not form-data or a parameter is malformed.
bool parseContentDisposition(std::string_view value, PartHeaders& out, std::string* error)
{
    size_t position = 0;
    if (value.size() < 9 || !equalsIgnoringAsciiCase(value.substr(0, 9), "form-data")) {
        if (error) *error = "A part's Content-Disposition is not form-data.";
        return false;
    }
    position = 9;
    auto skipSpaces = [&] {
        while (position < value.size() && (value[position] == ' ' || value[position] == '\t'))
            ++position;
    };
    while (true) {
        skipSpaces();
        if (position >= value.size()) return true;
        if (value[position] != ';') {
            if (error) *error = "A part's Content-Disposition has a malformed parameter.";
            return false;
        }
        ++position;
        skipSpaces();
        const size_t nameStart = position;
        while (position < value.size() && value[position] != '=' && value[position] != ';')
            ++position;
        std::string name = byteLowercase(value.substr(nameStart, position - nameStart));
        while (!name.empty() && (name.back() == ' ' || name.back() == '\t'))
            name.pop_back();
        if (position >= value.size() || value[position] != '=') {
            if (error) *error = "A part's Content-Disposition has a parameter without a value.";
            return false;
        }
        ++position;
        skipSpaces();
        std::string_view raw;
        if (position < value.size() && value[position] == '"') {
            const size_t close = value.find('"', position + 1);
            if (close == std::string_view::npos) {
                if (error) *error = "A part's Content-Disposition has an unterminated quote.";
                return false;
            }
            raw = value.substr(position + 1, close - position - 1);
            position = close + 1;
        } else {
            const size_t start = position;
            while (position < value.size() && value[position] != ';' && value[position] != ' ' &&
                   value[position] != '\t')
                ++position;
            raw = value.substr(start, position - start);
        }
        if (name == "name" && !out.name)
            out.name = decodeParameter(raw);
        else if (name == "filename" && !out.filename)
            out.filename = decodeParameter(raw);
    }
}

} // namespace

std::string generateMultipartBoundary()
{
    static const char kAlphanumerics[] =
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    std::string boundary = "----NanoFormBoundary";
    QRandomGenerator* random = QRandomGenerator::system();
    for (int i = 0; i < 16; ++i)
        boundary += kAlphanumerics[random->bounded(62)];
    return boundary;
}

// https://html.spec.whatwg.org/multipage/form-control-infrastructure.html#multipart/form-data-encoding-algorithm
ByteSpans encodeMultipartFormData(const std::vector<MultipartEntry>& entries,
                                  std::string_view boundary)
{
    ByteSpans out;
    // An empty entry list is an empty body, as browsers send it (not a lone close delimiter).
    if (entries.empty()) return out;
    std::string text; // headers and string values, up to the next File's contents
    for (const MultipartEntry& entry : entries) {
        text += "--";
        text += boundary;
        text += "\r\nContent-Disposition: form-data; name=";
        appendQuoted(text, normalizeLineBreaks(entry.name));
        if (entry.isFile) {
            text += "; filename=";
            appendQuoted(text, entry.filename);
            text += "\r\nContent-Type: ";
            text += entry.type.empty() ? std::string_view("application/octet-stream")
                                       : std::string_view(entry.type);
            text += "\r\n\r\n";
            if (entry.contents.size > 0) {
                out.push_back(ByteSpan::fromString(std::move(text)));
                text.clear();
                out.push_back(entry.contents);
            }
        } else {
            text += "\r\n\r\n";
            text += normalizeLineBreaks(entry.value);
        }
        text += "\r\n";
    }
    text += "--";
    text += boundary;
    text += "--\r\n";
    out.push_back(ByteSpan::fromString(std::move(text)));
    return out;
}

std::optional<std::vector<ParsedMultipartEntry>> parseMultipartFormData(std::string_view body,
                                                                        std::string_view boundary,
                                                                        std::string* error)
{
    auto fail = [&](const char* why) -> std::optional<std::vector<ParsedMultipartEntry>> {
        if (error) *error = why;
        return std::nullopt;
    };
    if (boundary.empty()) return fail("The multipart/form-data boundary is empty.");
    const std::string delimiter = "--" + std::string(boundary);
    const std::string bodyEnd = "\r\n" + delimiter;
    std::vector<ParsedMultipartEntry> entries;
    size_t position = 0;
    while (true) {
        // A delimiter, then "--" (the end; what follows is an epilogue) or CRLF.
        if (!startsWithAt(body, position, delimiter))
            return fail("The body does not start with the boundary.");
        position += delimiter.size();
        if (startsWithAt(body, position, "--")) return entries;
        if (!startsWithAt(body, position, "\r\n"))
            return fail("A boundary is not followed by CRLF.");
        position += 2;

        // The part's header fields, up to an empty line.
        PartHeaders headers;
        while (true) {
            if (startsWithAt(body, position, "\r\n")) {
                position += 2;
                break;
            }
            const size_t lineEnd = body.find("\r\n", position);
            if (lineEnd == std::string_view::npos) return fail("A part's headers do not end.");
            const std::string_view line = body.substr(position, lineEnd - position);
            position = lineEnd + 2;
            const size_t colon = line.find(':');
            if (colon == std::string_view::npos || colon == 0 ||
                !isHeaderName(line.substr(0, colon)))
                return fail("A part has a malformed header.");
            std::string_view value = line.substr(colon + 1);
            while (!value.empty() && (value.front() == ' ' || value.front() == '\t'))
                value.remove_prefix(1);
            while (!value.empty() && (value.back() == ' ' || value.back() == '\t'))
                value.remove_suffix(1);
            const std::string_view name = line.substr(0, colon);
            if (equalsIgnoringAsciiCase(name, "content-disposition")) {
                if (!parseContentDisposition(value, headers, error)) return std::nullopt;
            } else if (equalsIgnoringAsciiCase(name, "content-type")) {
                headers.contentType = std::string(value);
            }
        }
        if (!headers.name) return fail("A part has no Content-Disposition name.");

        // The contents, up to CRLF and the next delimiter.
        const size_t contentEnd = body.find(bodyEnd, position);
        if (contentEnd == std::string_view::npos)
            return fail("A part is not followed by the boundary.");
        const std::string_view contents = body.substr(position, contentEnd - position);
        position = contentEnd + 2;

        ParsedMultipartEntry entry;
        entry.name = std::move(*headers.name);
        if (headers.filename) {
            entry.isFile = true;
            entry.filename = std::move(*headers.filename);
            entry.type = headers.contentType ? *headers.contentType : "text/plain";
            entry.contents.assign(contents.begin(), contents.end());
        } else {
            url::utf8DecodeWithoutBomAppend(entry.value, contents);
        }
        entries.push_back(std::move(entry));
    }
}

} // namespace nano::api::fetch
