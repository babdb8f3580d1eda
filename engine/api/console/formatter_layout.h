#pragma once

// Layout rules of the console formatter that only deal with already formatted entries: Node's
// reduceToSingleString() (single line vs. one entry per line), groupArrayElements() (columns
// for long arrays) and the console.table() box renderer (lib/internal/cli_table.js).
// Internal to engine/api/console.

#include <functional>
#include <string>
#include <vector>

namespace nano::api::formatter_detail {

// Node's `compact` option; our console always uses Node's default.
constexpr int kCompact = 3;

// How the entries of a braces pair were produced (Node's kObjectType / kArrayExtrasType).
enum class ExtrasType { Object, ArrayExtras };

// The part of the inspection state the layout depends on.
struct LayoutState {
    int indentationLvl = 0;
    int currentDepth = 0; // depth of the innermost object inspected so far
    long long breakLength = 80;
    long long maxArrayLength = 100;
    bool colors = false;
};

// Node's groupArrayElements(): lays out many short entries in aligned columns. `allNumeric`
// reports whether every value behind `output` is a number or bigint (right-aligned columns);
// it is only asked when grouping happens.
std::vector<std::string> groupArrayElements(const LayoutState& state,
                                            const std::vector<std::string>& output,
                                            const std::function<bool()>& allNumeric);

// Node's reduceToSingleString() for compact = 3.
std::string reduceToSingleString(const LayoutState& state, std::vector<std::string> output,
                                 const std::string& base, const std::string& openBrace,
                                 const std::string& closeBrace, ExtrasType extrasType,
                                 int recurseTimes, const std::function<bool()>& allNumeric);

// lib/internal/cli_table.js: `head` are the column titles, `columns[i]` the cells of column i
// (missing cells are empty strings).
std::string renderCliTable(const std::vector<std::string>& head,
                           const std::vector<std::vector<std::string>>& columns);

} // namespace nano::api::formatter_detail
