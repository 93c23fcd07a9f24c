// NormalizeDate: the date forms found in news feeds and event-data inputs,
// to ISO 8601 (see entente/reader.h for the accepted forms).
#include <cctype>
#include <cstdio>
#include <string>

#include "entente/reader.h"

namespace entente {
namespace {

struct Parts {
  int year = 0, month = 0, day = 0;
  bool has_time = false;
  int hour = 0, minute = 0, second = 0;
  std::string fraction;  // digits after the decimal point
  bool has_zone = false;
  int zone_minutes = 0;  // offset east of UTC
};

bool IsLeap(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }
int DaysIn(int y, int m) {
  static const int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return m == 2 && IsLeap(y) ? 29 : kDays[m - 1];
}

class Cursor {
 public:
  explicit Cursor(std::string_view s) : s_(s) {}
  bool done() const { return i_ >= s_.size(); }
  char peek() const { return done() ? '\0' : s_[i_]; }
  bool Eat(char c) {
    if (peek() != c) return false;
    ++i_;
    return true;
  }
  void SkipSpace() {
    while (!done() && std::isspace(static_cast<unsigned char>(s_[i_]))) ++i_;
  }
  // Skips spaces and at most one comma (and spaces after it).
  void SkipSep() {
    SkipSpace();
    if (Eat(',')) SkipSpace();
  }
  // Reads between min and max digits.
  bool Digits(int min, int max, int* v, int* count = nullptr) {
    int n = 0, val = 0;
    while (n < max && !done() && std::isdigit(static_cast<unsigned char>(s_[i_]))) {
      val = val * 10 + (s_[i_] - '0');
      ++i_;
      ++n;
    }
    if (count) *count = n;
    if (n < min) return false;
    *v = val;
    return true;
  }
  std::string_view Word() {
    size_t b = i_;
    while (!done() && std::isalpha(static_cast<unsigned char>(s_[i_]))) ++i_;
    return s_.substr(b, i_ - b);
  }
  size_t pos() const { return i_; }
  void set_pos(size_t p) { i_ = p; }

 private:
  std::string_view s_;
  size_t i_ = 0;
};

bool EqualsNoCase(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(a[i])) != std::tolower(static_cast<unsigned char>(b[i])))
      return false;
  }
  return true;
}

// "Jan", "January", "Sept" -> 1..12; 0 if not a month name.
int MonthOf(std::string_view w) {
  static const char* const kNames[] = {"january", "february", "march",     "april",   "may",      "june",
                                       "july",    "august",   "september", "october", "november", "december"};
  if (w.size() < 3) return 0;
  for (int m = 0; m < 12; ++m) {
    std::string_view full(kNames[m]);
    if (w.size() > full.size()) continue;
    if (EqualsNoCase(w, full.substr(0, w.size())) && (w.size() == 3 || w.size() == full.size() ||
                                                      (m == 8 && w.size() == 4)))
      return m + 1;
  }
  return 0;
}

bool IsWeekday(std::string_view w) {
  static const char* const kDays[] = {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"};
  if (w.size() < 3) return false;
  for (const char* d : kDays) {
    std::string_view full(d);
    if (w.size() <= full.size() && EqualsNoCase(w, full.substr(0, w.size())) &&
        (w.size() == 3 || w.size() == full.size()))
      return true;
  }
  return false;
}

// HH:MM[:SS[.fff]]
bool ParseTime(Cursor* c, Parts* p) {
  if (!c->Digits(1, 2, &p->hour) || !c->Eat(':') || !c->Digits(2, 2, &p->minute)) return false;
  if (c->Eat(':')) {
    if (!c->Digits(2, 2, &p->second)) return false;
    if (c->peek() == '.' || c->peek() == ',') {
      c->Eat(c->peek());
      while (std::isdigit(static_cast<unsigned char>(c->peek()))) {
        p->fraction.push_back(c->peek());
        c->Eat(c->peek());
      }
      if (p->fraction.empty()) return false;
    }
  }
  p->has_time = true;
  return true;
}

// Z, +HH:MM, +HHMM, +HH, UTC, GMT, UT and the RFC 2822 US zones.
bool ParseZone(Cursor* c, Parts* p) {
  c->SkipSpace();
  if (c->done()) return true;
  char ch = c->peek();
  if (ch == 'Z' || ch == 'z') {
    c->Eat(ch);
    p->has_zone = true;
    return true;
  }
  if (ch == '+' || ch == '-') {
    c->Eat(ch);
    int h = 0, m = 0, n = 0;
    if (!c->Digits(2, 4, &h, &n)) return false;
    if (n == 4) {
      m = h % 100;
      h /= 100;
    } else if (n == 2) {
      if (c->Eat(':') && !c->Digits(2, 2, &m)) return false;
      if (!c->done() && std::isdigit(static_cast<unsigned char>(c->peek()))) return false;
    } else {
      return false;
    }
    if (h > 14 || m > 59) return false;
    p->has_zone = true;
    p->zone_minutes = (ch == '-' ? -1 : 1) * (h * 60 + m);
    return true;
  }
  std::string_view w = c->Word();
  struct Z {
    const char* name;
    int hours;
  };
  static const Z kZones[] = {{"UTC", 0},  {"GMT", 0},  {"UT", 0},   {"EST", -5}, {"EDT", -4},
                             {"CST", -6}, {"CDT", -5}, {"MST", -7}, {"MDT", -6}, {"PST", -8},
                             {"PDT", -7}};
  for (const Z& z : kZones) {
    if (EqualsNoCase(w, z.name)) {
      p->has_zone = true;
      p->zone_minutes = z.hours * 60;
      return true;
    }
  }
  return false;
}

// YYYY-MM-DD or YYYY/MM/DD, optional [T ]time and zone.
bool ParseIsoLike(Cursor* c, Parts* p) {
  if (!c->Digits(4, 4, &p->year)) return false;
  char sep = c->peek();
  if (sep != '-' && sep != '/') return false;
  c->Eat(sep);
  if (!c->Digits(1, 2, &p->month) || !c->Eat(sep) || !c->Digits(1, 2, &p->day)) return false;
  if (c->done()) return true;
  if (c->peek() == 'T' || c->peek() == 't' || c->peek() == ' ') {
    c->Eat(c->peek());
    c->SkipSpace();
    if (c->done()) return true;
    if (!ParseTime(c, p)) return false;
  }
  return ParseZone(c, p);
}

// Optional weekday, then "D Month YYYY" or "Month D, YYYY", optional time and zone.
bool ParseWords(Cursor* c, Parts* p) {
  size_t start = c->pos();
  std::string_view w = c->Word();
  if (!w.empty() && IsWeekday(w)) {
    c->Eat('.');
    c->SkipSep();
    start = c->pos();
    w = c->Word();
  }
  auto day_suffix = [&] {
    size_t q = c->pos();
    std::string_view s = c->Word();
    if (!(s.empty() || EqualsNoCase(s, "st") || EqualsNoCase(s, "nd") || EqualsNoCase(s, "rd") ||
          EqualsNoCase(s, "th")))
      c->set_pos(q);
  };
  if (!w.empty()) {  // Month D, YYYY
    p->month = MonthOf(w);
    if (p->month == 0) return false;
    c->Eat('.');
    c->SkipSpace();
    if (!c->Digits(1, 2, &p->day)) return false;
    day_suffix();
    c->SkipSep();
  } else {  // D Month YYYY
    c->set_pos(start);
    if (!c->Digits(1, 2, &p->day)) return false;
    day_suffix();
    c->SkipSpace();
    c->Eat('-');
    p->month = MonthOf(c->Word());
    if (p->month == 0) return false;
    c->Eat('.');
    c->SkipSpace();
    c->Eat('-');
  }
  int n = 0;
  if (!c->Digits(4, 4, &p->year, &n)) return false;
  c->SkipSep();
  if (c->done()) return true;
  if (!ParseTime(c, p)) return false;
  return ParseZone(c, p);
}

}  // namespace

Result<std::string> NormalizeDate(std::string_view text) {
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.front()))) text.remove_prefix(1);
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.back()))) text.remove_suffix(1);
  auto fail = [&](std::string_view why) {
    return Status(Code::kParseError, std::string(why) + " '" + std::string(text.substr(0, 80)) + "'");
  };
  if (text.empty()) return fail("empty date");
  Parts p;
  bool all_digits = true;
  for (char ch : text) all_digits = all_digits && std::isdigit(static_cast<unsigned char>(ch));
  if (all_digits) {
    auto num = [&](size_t b, size_t n) {
      int v = 0;
      for (size_t i = b; i < b + n; ++i) v = v * 10 + (text[i] - '0');
      return v;
    };
    if (text.size() == 8) {
      p.year = num(0, 4);
      p.month = num(4, 2);
      p.day = num(6, 2);
    } else if (text.size() == 6) {
      int yy = num(0, 2);
      p.year = yy >= 69 ? 1900 + yy : 2000 + yy;
      p.month = num(2, 2);
      p.day = num(4, 2);
    } else {
      return fail("unrecognised date");
    }
  } else {
    Cursor c(text);
    bool ok = std::isdigit(static_cast<unsigned char>(text[0])) && text.size() >= 5 &&
                      std::isdigit(static_cast<unsigned char>(text[3])) &&
                      (text[4] == '-' || text[4] == '/')
                  ? ParseIsoLike(&c, &p)
                  : ParseWords(&c, &p);
    c.SkipSpace();
    if (!ok || !c.done()) return fail("unrecognised date");
  }
  if (p.year < 1 || p.month < 1 || p.month > 12 || p.day < 1 || p.day > DaysIn(p.year, p.month))
    return fail("impossible date");
  if (p.hour > 23 || p.minute > 59 || p.second > 60) return fail("impossible time");
  char buf[64];
  int n = std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", p.year, p.month, p.day);
  std::string out(buf, static_cast<size_t>(n));
  if (!p.has_time) return out;
  n = std::snprintf(buf, sizeof buf, "T%02d:%02d:%02d", p.hour, p.minute, p.second);
  out.append(buf, static_cast<size_t>(n));
  if (!p.fraction.empty()) {
    out.push_back('.');
    out += p.fraction;
  }
  if (p.has_zone) {
    if (p.zone_minutes == 0) {
      out.push_back('Z');
    } else {
      int z = p.zone_minutes < 0 ? -p.zone_minutes : p.zone_minutes;
      n = std::snprintf(buf, sizeof buf, "%c%02d:%02d", p.zone_minutes < 0 ? '-' : '+', z / 60, z % 60);
      out.append(buf, static_cast<size_t>(n));
    }
  }
  return out;
}

}  // namespace entente
