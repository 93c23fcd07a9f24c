// CSV line splitting shared by the edge-list, alliance and dispute readers
// (internal to src/analysis).
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace entente::analysis_internal {

// Splits one CSV line into fields: commas separate, "double quotes" protect
// commas, "" inside quotes is a quote, spaces around fields are trimmed,
// anything after a closing quote up to the comma is ignored.  Returns false
// on an unterminated quote.
bool SplitCsvLine(std::string_view line, std::vector<std::string>* fields);

}  // namespace entente::analysis_internal
