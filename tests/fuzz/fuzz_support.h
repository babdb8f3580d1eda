#pragma once
// Shared by the libFuzzer targets (tests/fuzz/README.md): input helpers and the property check.

#include <QString>

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

namespace nano::fuzz {

// A property the target checks failed: print what and where, then abort so libFuzzer saves the
// input as a crash (a failed property is a bug like any memory error).
#define NANO_FUZZ_CHECK(condition, what)                                                           \
    do {                                                                                           \
        if (!(condition)) {                                                                        \
            std::fprintf(stderr, "%s:%d: property failed: %s\n", __FILE__, __LINE__,               \
                         std::string(what).c_str());                                               \
            std::abort();                                                                          \
        }                                                                                          \
    } while (false)

inline std::string_view bytesOf(const uint8_t* data, size_t size)
{
    return {reinterpret_cast<const char*>(data), size};
}

// The input as valid UTF-8 (ill-formed sequences become U+FFFD), as a JS string converted with
// bind's toUtf8 would be: the parsers' documented precondition.
inline std::string validUtf8(std::string_view bytes)
{
    return QString::fromUtf8(bytes.data(), static_cast<qsizetype>(bytes.size()))
        .toUtf8()
        .toStdString();
}

// Splits the input at its first NUL: two strings for targets with two inputs (a URL and its
// base, a body and its boundary). The seed corpora use the same convention.
inline std::pair<std::string_view, std::string_view> splitAtNul(std::string_view input)
{
    const size_t nul = input.find('\0');
    if (nul == std::string_view::npos) return {input, {}};
    return {input.substr(0, nul), input.substr(nul + 1)};
}

} // namespace nano::fuzz
