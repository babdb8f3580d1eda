#include "engine/api/url/punycode.h"

#include <algorithm>
#include <cstdint>
#include <utility>
#include <vector>

namespace nano::url {

namespace {

// https://www.rfc-editor.org/rfc/rfc3492#section-5
constexpr std::uint32_t kBase = 36;
constexpr std::uint32_t kTMin = 1;
constexpr std::uint32_t kTMax = 26;
constexpr std::uint32_t kSkew = 38;
constexpr std::uint32_t kDamp = 700;
constexpr std::uint32_t kInitialBias = 72;
constexpr char32_t kInitialN = 0x80;
// The largest number allowed (section 6.4), as in ICU's and node's punycode module.
constexpr std::uint64_t kMaxInt = 0x7FFFFFFF;

// https://www.rfc-editor.org/rfc/rfc3492#section-6.1
std::uint32_t adapt(std::uint64_t delta, std::uint64_t numPoints, bool firstTime)
{
    delta = firstTime ? delta / kDamp : delta / 2;
    delta += delta / numPoints;
    std::uint32_t k = 0;
    while (delta > ((kBase - kTMin) * kTMax) / 2) {
        delta /= kBase - kTMin;
        k += kBase;
    }
    return static_cast<std::uint32_t>(k + ((kBase - kTMin + 1) * delta) / (delta + kSkew));
}

char encodeDigit(std::uint64_t digit)
{
    return static_cast<char>(digit < 26 ? 'a' + digit : '0' + (digit - 26));
}

// https://www.rfc-editor.org/rfc/rfc3492#section-6.3, "output the code point for digit ...":
// `q` as a generalized variable-length integer.
void appendVariableLengthInteger(std::uint64_t q, std::uint32_t bias, std::string& out)
{
    for (std::uint32_t k = kBase;; k += kBase) {
        const std::uint32_t t = k <= bias ? kTMin : k >= bias + kTMax ? kTMax : k - bias;
        if (q < t) break;
        out.push_back(encodeDigit(t + (q - t) % (kBase - t)));
        q = (q - t) / (kBase - t);
    }
    out.push_back(encodeDigit(q));
}

// A Fenwick tree of counts over positions [0, size): the RFC's encoder and decoder walk or shift
// the whole label once per code point, which is quadratic; these counts give the same answers in
// O(log n) each.
class PositionCounts {
public:
    explicit PositionCounts(size_t size)
        : m_tree(size + 1, 0)
    {}
    void add(size_t position, std::int64_t delta)
    {
        for (size_t i = position + 1; i < m_tree.size(); i += i & (~i + 1))
            m_tree[i] += delta;
    }
    // The sum of the counts at positions below `position`.
    std::uint64_t countBefore(size_t position) const
    {
        std::int64_t count = 0;
        for (size_t i = position; i > 0; i -= i & (~i + 1))
            count += m_tree[i];
        return static_cast<std::uint64_t>(count);
    }
    // The position p whose count is 1 and that has k such positions before it (counts are 0/1).
    size_t findNth(std::uint64_t k) const
    {
        size_t position = 0;
        size_t step = 1;
        while (step * 2 < m_tree.size())
            step *= 2;
        for (; step > 0; step /= 2) {
            if (position + step < m_tree.size() &&
                static_cast<std::uint64_t>(m_tree[position + step]) <= k) {
                position += step;
                k -= static_cast<std::uint64_t>(m_tree[position]);
            }
        }
        return position;
    }

private:
    std::vector<std::int64_t> m_tree;
};

int decodeDigit(unsigned char c)
{
    if (c >= '0' && c <= '9') return c - '0' + 26;
    c |= 0x20;
    if (c >= 'a' && c <= 'z') return c - 'a';
    return -1;
}

} // namespace

// https://www.rfc-editor.org/rfc/rfc3492#section-6.3
bool punycodeEncodeAppend(std::u32string_view input, std::string& out)
{
    PositionCounts handled(input.size());
    // The non-basic code points with their positions, in the order the encoder handles them.
    std::vector<std::pair<char32_t, size_t>> pending;
    for (size_t j = 0; j < input.size(); ++j) {
        if (input[j] < kInitialN) {
            out.push_back(static_cast<char>(input[j]));
            handled.add(j, 1);
        } else {
            pending.emplace_back(input[j], j);
        }
    }
    const std::uint64_t basicCount = input.size() - pending.size();
    if (basicCount > 0) out.push_back('-');
    std::sort(pending.begin(), pending.end());

    char32_t n = kInitialN;
    std::uint64_t delta = 0;
    std::uint32_t bias = kInitialBias;
    std::uint64_t h = basicCount;
    for (size_t i = 0; i < pending.size();) {
        const char32_t m = pending[i].first;
        delta += std::uint64_t(m - n) * (h + 1);
        if (delta > kMaxInt) return false;
        n = m;
        // The RFC's pass over the input for code point n: each code point below n (handled)
        // increments delta; each occurrence of n outputs delta.
        const size_t first = i;
        size_t from = 0; // the position after the previous occurrence
        for (; i < pending.size() && pending[i].first == m; ++i) {
            const size_t position = pending[i].second;
            delta += handled.countBefore(position) - handled.countBefore(from);
            if (delta > kMaxInt) return false;
            appendVariableLengthInteger(delta, bias, out);
            bias = adapt(delta, h + 1, h == basicCount);
            delta = 0;
            ++h;
            from = position + 1;
        }
        delta += handled.countBefore(input.size()) - handled.countBefore(from);
        // Occurrences of n count as handled only from the next code point on.
        for (size_t k = first; k < i; ++k)
            handled.add(pending[k].second, 1);
        ++delta;
        ++n;
        if (delta > kMaxInt) return false;
    }
    return true;
}

// https://www.rfc-editor.org/rfc/rfc3492#section-6.2
bool punycodeDecode(std::string_view input, std::u32string& out)
{
    // Each code point of the result is "inserted at position i" of the output so far: the
    // basic code points first, in order, then one per decoded number. Record those inserts, then
    // place them from the last one back, each in the i-th slot still free (a later insert before
    // it pushed it right), instead of shifting the output on every insert.
    std::vector<std::pair<char32_t, std::uint64_t>> inserts;
    const size_t delimiter = input.rfind('-');
    const size_t basicCount = delimiter == std::string_view::npos ? 0 : delimiter;
    for (size_t j = 0; j < basicCount; ++j) {
        const auto c = static_cast<unsigned char>(input[j]);
        if (c >= kInitialN) return false;
        inserts.emplace_back(c, j);
    }
    std::uint64_t n = kInitialN;
    std::uint64_t i = 0;
    std::uint32_t bias = kInitialBias;
    for (size_t in = basicCount > 0 ? basicCount + 1 : 0; in < input.size();) {
        const std::uint64_t oldi = i;
        std::uint64_t w = 1;
        for (std::uint32_t k = kBase;; k += kBase) {
            if (in >= input.size()) return false;
            const int digit = decodeDigit(static_cast<unsigned char>(input[in++]));
            if (digit < 0) return false;
            i += static_cast<std::uint64_t>(digit) * w;
            if (i > kMaxInt) return false;
            const std::uint32_t t = k <= bias ? kTMin : k >= bias + kTMax ? kTMax : k - bias;
            if (static_cast<std::uint32_t>(digit) < t) break;
            w *= kBase - t;
            if (w > kMaxInt) return false;
        }
        const std::uint64_t length = inserts.size() + 1;
        bias = adapt(i - oldi, length, oldi == 0);
        n += i / length;
        i %= length;
        if (n > 0x10FFFF || (n >= 0xD800 && n <= 0xDFFF)) return false;
        inserts.emplace_back(static_cast<char32_t>(n), i);
        ++i;
    }
    out.assign(inserts.size(), U'\0');
    PositionCounts free(inserts.size());
    for (size_t slot = 0; slot < inserts.size(); ++slot)
        free.add(slot, 1);
    for (size_t k = inserts.size(); k-- > 0;) {
        const size_t slot = free.findNth(inserts[k].second);
        out[slot] = inserts[k].first;
        free.add(slot, -1);
    }
    return true;
}

} // namespace nano::url
