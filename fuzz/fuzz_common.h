// Helpers shared by the libFuzzer targets in fuzz/ (see doc/robustness.md).
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

namespace entente::fuzz {

inline std::string_view AsView(const uint8_t* data, size_t size) {
  return {reinterpret_cast<const char*>(data), size};
}

// Splits `s` at every `sep` byte; keeps empty parts.
inline std::vector<std::string_view> Split(std::string_view s, char sep) {
  std::vector<std::string_view> parts;
  size_t begin = 0;
  for (;;) {
    size_t end = s.find(sep, begin);
    if (end == std::string_view::npos) {
      parts.push_back(s.substr(begin));
      return parts;
    }
    parts.push_back(s.substr(begin, end - begin));
    begin = end + 1;
  }
}

// Up to `max` whitespace-separated words of `s` (for exercising matchers).
inline std::vector<std::string_view> Words(std::string_view s, size_t max) {
  std::vector<std::string_view> words;
  size_t i = 0;
  while (i < s.size() && words.size() < max) {
    while (i < s.size() && (s[i] == ' ' || s[i] == '\n' || s[i] == '\t' || s[i] == '\r')) ++i;
    size_t b = i;
    while (i < s.size() && !(s[i] == ' ' || s[i] == '\n' || s[i] == '\t' || s[i] == '\r')) ++i;
    if (i > b) words.push_back(s.substr(b, i - b));
  }
  return words;
}

// A property that must hold for every input; a violation is a finding, so it
// aborts (libFuzzer then saves the input as a crash).
#define ENTENTE_FUZZ_CHECK(cond, what)                                              \
  do {                                                                              \
    if (!(cond)) {                                                                  \
      std::fprintf(stderr, "fuzz property violated: %s (%s) at %s:%d\n", what, #cond, \
                   __FILE__, __LINE__);                                             \
      std::abort();                                                                 \
    }                                                                               \
  } while (0)

}  // namespace entente::fuzz
