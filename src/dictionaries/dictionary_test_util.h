// Helpers shared by the dictionary tests (one test executable).
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

namespace entente::dict_test {

// The blank-separated words of `s` (views into it).
inline std::vector<std::string_view> Words(std::string_view s) {
  std::vector<std::string_view> out;
  size_t i = 0;
  while (i < s.size()) {
    size_t j = s.find(' ', i);
    if (j == std::string_view::npos) j = s.size();
    if (j > i) out.push_back(s.substr(i, j - i));
    i = j + 1;
  }
  return out;
}

// A malformed dictionary text: the line its error must name and a piece of
// the message it must carry.
struct BadCase {
  const char* name;
  const char* text;
  uint32_t line;
  const char* what;
};

}  // namespace entente::dict_test
