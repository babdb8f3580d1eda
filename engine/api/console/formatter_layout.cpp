#include "engine/api/console/formatter_layout.h"

#include <algorithm>
#include <cmath>

#include "engine/api/console/formatter_text.h"

namespace nano::api::formatter_detail {

namespace {

constexpr int kSeparatorSpace = 2; // ", " between two entries

// Math.round()
long long jsRound(double x)
{
    return static_cast<long long>(std::floor(x + 0.5));
}

std::string join(const std::vector<std::string>& parts, const std::string& separator)
{
    std::string out;
    for (std::size_t i = 0; i < parts.size(); ++i) {
        if (i != 0) out += separator;
        out += parts[i];
    }
    return out;
}

// Node's isBelowBreakLength(): do all entries fit on one line after `start` columns?
bool isBelowBreakLength(const LayoutState& state, const std::vector<std::string>& output,
                        long long start, const std::string& base)
{
    long long totalLength = static_cast<long long>(output.size()) + start;
    if (totalLength + static_cast<long long>(output.size()) > state.breakLength) return false;
    for (const std::string& entry : output) {
        totalLength +=
            static_cast<long long>(state.colors ? lengthWithoutColors(entry) : utf16Length(entry));
        if (totalLength > state.breakLength) return false;
    }
    // Do not line up properties on the same line if `base` contains line breaks.
    return base.find('\n') == std::string::npos;
}

} // namespace

std::vector<std::string> groupArrayElements(const LayoutState& state,
                                            const std::vector<std::string>& output,
                                            const std::function<bool()>& allNumeric)
{
    std::size_t outputLength = output.size();
    // The "... n more items" entry does not take part in the grouping.
    if (state.maxArrayLength < static_cast<long long>(output.size())) --outputLength;

    long long totalLength = 0;
    int maxLength = 0;
    std::vector<int> dataLen(outputLength);
    for (std::size_t i = 0; i < outputLength; ++i) {
        const int len = stringWidth(output[i], state.colors);
        dataLen[i] = len;
        totalLength += len + kSeparatorSpace;
        maxLength = std::max(maxLength, len);
    }
    const int actualMax = maxLength + kSeparatorSpace;
    // At least three entries must fit next to each other, and one entry may not be much longer
    // than the others, or the gaps between the short ones would be enormous.
    if (!(actualMax * 3 + state.indentationLvl < state.breakLength &&
          (double(totalLength) / actualMax > 5 || maxLength <= 6)))
        return output;

    constexpr double approxCharHeights = 2.5;
    const double averageBias = std::sqrt(actualMax - double(totalLength) / double(output.size()));
    const double biasedMax = std::max(actualMax - 3 - averageBias, 1.0);
    // Aim for a roughly square block of entries, within breakLength, compact * 4 and 15 columns.
    const long long columns = std::min(
        {jsRound(std::sqrt(approxCharHeights * biasedMax * double(outputLength)) / biasedMax),
         static_cast<long long>(
             std::floor(double(state.breakLength - state.indentationLvl) / actualMax)),
         static_cast<long long>(kCompact) * 4, 15LL});
    if (columns <= 1) return output;

    std::vector<int> maxLineLength;
    for (long long i = 0; i < columns; ++i) {
        int lineMaxLength = 0;
        for (std::size_t j = std::size_t(i); j < outputLength; j += std::size_t(columns))
            lineMaxLength = std::max(lineMaxLength, dataLen[j]);
        maxLineLength.push_back(lineMaxLength + kSeparatorSpace);
    }
    // Numbers are right-aligned (padStart), everything else left-aligned (padEnd).
    const bool padStart = allNumeric ? allNumeric() : true;

    std::vector<std::string> grouped;
    for (std::size_t i = 0; i < outputLength; i += std::size_t(columns)) {
        const std::size_t max = std::min(i + std::size_t(columns), outputLength);
        std::string line;
        std::size_t j = i;
        for (; j < max - 1; ++j) {
            const long long pad = maxLineLength[j - i] - kSeparatorSpace - dataLen[j];
            if (padStart)
                line += spaces(pad) + output[j] + ", ";
            else
                line += output[j] + ", " + spaces(pad);
        }
        if (padStart)
            line += spaces(maxLineLength[j - i] - kSeparatorSpace - dataLen[j]) + output[j];
        else
            line += output[j];
        grouped.push_back(std::move(line));
    }
    if (outputLength < output.size()) grouped.push_back(output[outputLength]);
    return grouped;
}

std::string reduceToSingleString(const LayoutState& state, std::vector<std::string> output,
                                 const std::string& base, const std::string& openBrace,
                                 const std::string& closeBrace, ExtrasType extrasType,
                                 int recurseTimes, const std::function<bool()>& allNumeric)
{
    const std::size_t entries = output.size();
    if (extrasType == ExtrasType::ArrayExtras && entries > 6)
        output = groupArrayElements(state, output, allNumeric);
    const std::string basePrefix = base.empty() ? std::string() : base + " ";
    // Only the innermost `compact` levels may be combined on a single line, and only when the
    // entries were not grouped into columns.
    if (state.currentDepth - recurseTimes < kCompact && entries == output.size()) {
        const long long start = static_cast<long long>(output.size()) + state.indentationLvl +
                                static_cast<long long>(utf16Length(openBrace) + utf16Length(base)) +
                                10;
        if (isBelowBreakLength(state, output, start, base)) {
            const std::string joined = join(output, ", ");
            if (joined.find('\n') == std::string::npos)
                return basePrefix + openBrace + " " + joined + " " + closeBrace;
        }
    }
    const std::string indentation = "\n" + spaces(state.indentationLvl);
    return basePrefix + openBrace + indentation + "  " + join(output, "," + indentation + "  ") +
           indentation + closeBrace;
}

std::string renderCliTable(const std::vector<std::string>& head,
                           const std::vector<std::vector<std::string>>& columns)
{
    std::vector<int> columnWidths;
    for (const std::string& h : head)
        columnWidths.push_back(stringWidth(h));
    std::size_t longestColumn = 0;
    for (const auto& column : columns)
        longestColumn = std::max(longestColumn, column.size());

    std::vector<std::vector<std::string>> rows(longestColumn,
                                               std::vector<std::string>(head.size()));
    for (std::size_t i = 0; i < head.size(); ++i) {
        for (std::size_t j = 0; j < longestColumn; ++j) {
            const bool present = i < columns.size() && j < columns[i].size();
            rows[j][i] = present ? columns[i][j] : std::string();
            columnWidths[i] = std::max(columnWidths[i], stringWidth(rows[j][i]));
        }
    }

    const auto renderRow = [&](const std::vector<std::string>& row) {
        std::string out = "│ ";
        for (std::size_t i = 0; i < row.size(); ++i) {
            out += row[i] + spaces(columnWidths[i] - stringWidth(row[i]));
            if (i + 1 != row.size()) out += " │ ";
        }
        return out + " │";
    };
    const auto divider = [&](const char* left, const char* middle, const char* right) {
        std::string out = left;
        for (std::size_t i = 0; i < columnWidths.size(); ++i) {
            if (i != 0) out += middle;
            for (int k = 0; k < columnWidths[i] + 2; ++k)
                out += "─";
        }
        return out + right;
    };

    std::string result =
        divider("┌", "┬", "┐") + "\n" + renderRow(head) + "\n" + divider("├", "┼", "┤") + "\n";
    for (const auto& row : rows)
        result += renderRow(row) + "\n";
    result += divider("└", "┴", "┘");
    return result;
}

} // namespace nano::api::formatter_detail
