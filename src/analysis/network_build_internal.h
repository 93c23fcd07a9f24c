// Helpers shared by the alliance/trend/report sources.  Not public API.
#pragma once

#include <cmath>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "entente/status.h"
#include "csv_internal.h"

namespace entente::netbuild {

using analysis_internal::SplitCsvLine;  // csv_internal.h

// Calls fn(line_number, line) for each line of `text` (CR LF accepted, BOM
// dropped).  Stops when fn returns false.
template <typename Fn>
void ForEachLine(std::string_view text, Fn&& fn) {
  if (text.size() >= 3 && static_cast<unsigned char>(text[0]) == 0xEF &&
      static_cast<unsigned char>(text[1]) == 0xBB && static_cast<unsigned char>(text[2]) == 0xBF)
    text.remove_prefix(3);
  uint64_t line_no = 0;
  size_t pos = 0;
  while (pos < text.size()) {
    size_t nl = text.find('\n', pos);
    size_t end = nl == std::string_view::npos ? text.size() : nl;
    std::string_view line = text.substr(pos, end - pos);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    ++line_no;
    if (!fn(line_no, line)) return;
    if (nl == std::string_view::npos) break;
    pos = nl + 1;
  }
}

// Reads a whole file.  kNotFound / kIoError.
Result<std::string> ReadWholeFile(const std::string& path);

// Parses a whole decimal integer (optional sign, surrounding spaces, "1.0"
// style accepted when integral).  False on anything else.
bool ParseInt(std::string_view s, int* out);

// "2019-01" for a month number.
std::string MonthLabel(int month);

// Deterministic 64-bit generator (splitmix64) with unbiased bounded draws.
class Rng {
 public:
  explicit Rng(uint64_t seed) : s_(seed) {}
  uint64_t Next() {
    uint64_t z = (s_ += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
  }
  // Uniform in [0, n), n > 0 (Lemire's multiply-shift with rejection).
  uint64_t Below(uint64_t n) {
    unsigned __int128 m = static_cast<unsigned __int128>(Next()) * n;
    uint64_t low = static_cast<uint64_t>(m);
    if (low < n) {
      uint64_t t = (0 - n) % n;
      while (low < t) {
        m = static_cast<unsigned __int128>(Next()) * n;
        low = static_cast<uint64_t>(m);
      }
    }
    return static_cast<uint64_t>(m >> 64);
  }

 private:
  uint64_t s_;
};

// Formats a double compactly ("%.6g"), "NaN" never appears in JSON: callers
// check.
std::string Num(double v, int precision = 6);

}  // namespace entente::netbuild
