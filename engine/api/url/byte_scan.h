#pragma once

// Internal to the URL parser: find the first byte of a run that needs attention (a delimiter, or a
// byte to percent-encode). Most of a URL needs none, so the parser copies whole runs and only
// looks at the bytes these functions stop at. SSE2 (every x86-64) checks 16 bytes at a time;
// other targets use the scalar loop, which gives the same answers.

#include <array>
#include <cstddef>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#if defined(__GNUC__)
#define NANO_URL_ALWAYS_INLINE inline __attribute__((always_inline))
#else
#define NANO_URL_ALWAYS_INLINE inline
#endif

namespace nano::url::detail {

// Matches a byte that is one of Specials, or, when Low is non-zero, one outside [Low, 0x7E]
// (below Low, U+007F DELETE, or any non-ASCII byte).
template <unsigned char Low, char... Specials> struct ByteSet {
    static constexpr bool matchesSlow(unsigned char c)
    {
        if constexpr (Low != 0) {
            if (c < Low || c >= 0x7F) return true;
        }
        return ((c == static_cast<unsigned char>(Specials)) || ... || false);
    }
    static constexpr std::array<bool, 256> makeTable()
    {
        std::array<bool, 256> table{};
        for (unsigned c = 0; c < 256; ++c)
            table[c] = matchesSlow(static_cast<unsigned char>(c));
        return table;
    }
    static constexpr std::array<bool, 256> kTable = makeTable();
    static bool matches(unsigned char c) { return kTable[c]; }

#if defined(__SSE2__)
    static NANO_URL_ALWAYS_INLINE int matchMask(__m128i v)
    {
        __m128i hit = _mm_setzero_si128();
        if constexpr (Low != 0) {
            // Signed compare: bytes >= 0x80 are negative, so "< Low" also catches non-ASCII.
            hit = _mm_or_si128(_mm_cmplt_epi8(v, _mm_set1_epi8(static_cast<char>(Low))),
                               _mm_cmpeq_epi8(v, _mm_set1_epi8(0x7F)));
        }
        ((hit = _mm_or_si128(hit, _mm_cmpeq_epi8(v, _mm_set1_epi8(Specials)))), ...);
        return _mm_movemask_epi8(hit);
    }
#endif

    // The index of the first matching byte of s[i, n), or n. `s` must be readable on [0, n).
    // Inlined so that the constant vectors are hoisted out of the caller's loop.
    static NANO_URL_ALWAYS_INLINE size_t find(const char* s, size_t i, size_t n)
    {
#if defined(__SSE2__)
        for (; i + 16 <= n; i += 16) {
            const int mask = matchMask(_mm_loadu_si128(reinterpret_cast<const __m128i*>(s + i)));
            if (mask) return i + static_cast<size_t>(__builtin_ctz(static_cast<unsigned>(mask)));
        }
        if (i < n && n >= 16) {
            // The tail: reload the last 16 bytes of the buffer and ignore those before i.
            const size_t start = n - 16;
            const unsigned mask =
                static_cast<unsigned>(
                    matchMask(_mm_loadu_si128(reinterpret_cast<const __m128i*>(s + start)))) >>
                (i - start);
            return mask ? i + static_cast<size_t>(__builtin_ctz(mask)) : n;
        }
#endif
        for (; i < n; ++i) {
            if (matches(static_cast<unsigned char>(s[i]))) return i;
        }
        return n;
    }
};

} // namespace nano::url::detail
