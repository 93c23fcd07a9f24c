// Small helpers for reading the tab-separated tables of data/cameo (internal).
#pragma once

#include <charconv>
#include <cmath>
#include <istream>
#include <limits>
#include <string>
#include <string_view>
#include <vector>

namespace entente::table_text {

// Reads lines, strips a trailing CR and a UTF-8 BOM on line 1, counts lines.
class TableReader {
 public:
  explicit TableReader(std::istream& in) : in_(in) {}
  bool Next(std::string_view* line) {
    if (!std::getline(in_, buf_)) return false;
    ++line_;
    if (!buf_.empty() && buf_.back() == '\r') buf_.pop_back();
    std::string_view v(buf_);
    if (line_ == 1 && v.substr(0, 3) == "\xEF\xBB\xBF") v.remove_prefix(3);
    *line = v;
    return true;
  }
  uint64_t line() const { return line_; }
  bool failed() const { return in_.bad(); }

 private:
  std::istream& in_;
  std::string buf_;
  uint64_t line_ = 0;
};

inline std::vector<std::string_view> SplitTabs(std::string_view line) {
  std::vector<std::string_view> f;
  size_t start = 0;
  while (true) {
    size_t tab = line.find('\t', start);
    if (tab == std::string_view::npos) {
      f.push_back(line.substr(start));
      return f;
    }
    f.push_back(line.substr(start, tab - start));
    start = tab + 1;
  }
}

inline std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

// The whole of `s` as a number, or NaN.  Locale-independent.
inline double ParseDouble(std::string_view s) {
  s = Trim(s);
  if (!s.empty() && s.front() == '+') s.remove_prefix(1);
  double v = 0;
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (s.empty() || ec != std::errc() || p != s.data() + s.size() || !std::isfinite(v)) {
    return std::numeric_limits<double>::quiet_NaN();
  }
  return v;
}

}  // namespace entente::table_text
