// Streaming event writers: JSONL, GDELT 1.0 TSV, Phoenix TSV, PLOVER JSON.
#include <charconv>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <string>

#include <fmt/format.h>

#include "entente/event.h"

namespace entente {

namespace {

// ---------------------------------------------------------------- helpers

// Appends `s` as a JSON string.  Invalid UTF-8 bytes become U+FFFD so the
// line always parses.
void AppendJsonString(std::string* out, std::string_view s) {
  out->push_back('"');
  size_t i = 0;
  while (i < s.size()) {
    // Copy a run of plain ASCII in one go; eight bytes at a time while no
    // byte of the eight is a control byte, non-ASCII, '"' or '\\'.
    size_t run = i;
    constexpr uint64_t kOnes = 0x0101010101010101ull, kHighs = 0x8080808080808080ull;
    while (run + 8 <= s.size()) {
      uint64_t x;
      std::memcpy(&x, s.data() + run, 8);
      const uint64_t q = x ^ (kOnes * '"'), b = x ^ (kOnes * '\\');
      const uint64_t special = ((x - kOnes * 0x20) & ~x) | x | ((q - kOnes) & ~q) | ((b - kOnes) & ~b);
      if (special & kHighs) break;
      run += 8;
    }
    while (run < s.size()) {
      unsigned char r = static_cast<unsigned char>(s[run]);
      if (r < 0x20 || r >= 0x80 || r == '"' || r == '\\') break;
      ++run;
    }
    if (run > i) {
      out->append(s.data() + i, run - i);
      i = run;
      if (i == s.size()) break;
    }
    unsigned char c = static_cast<unsigned char>(s[i]);
    if (c < 0x80) {
      switch (c) {
        case '"': out->append("\\\""); break;
        case '\\': out->append("\\\\"); break;
        case '\n': out->append("\\n"); break;
        case '\r': out->append("\\r"); break;
        case '\t': out->append("\\t"); break;
        case '\b': out->append("\\b"); break;
        case '\f': out->append("\\f"); break;
        default:
          if (c < 0x20) {
            fmt::format_to(std::back_inserter(*out), "\\u{:04x}", c);
          } else {
            out->push_back(static_cast<char>(c));
          }
      }
      ++i;
      continue;
    }
    // Validate one UTF-8 sequence.
    size_t n = c >= 0xF0 && c <= 0xF4 ? 4 : c >= 0xE0 ? 3 : c >= 0xC2 && c <= 0xDF ? 2 : 0;
    if (c >= 0xE0 && c <= 0xEF) n = 3;
    bool ok = n > 0 && i + n <= s.size();
    for (size_t k = 1; ok && k < n; ++k) ok = (static_cast<unsigned char>(s[i + k]) & 0xC0) == 0x80;
    if (ok && n == 3) {
      unsigned char d = static_cast<unsigned char>(s[i + 1]);
      if ((c == 0xE0 && d < 0xA0) || (c == 0xED && d >= 0xA0)) ok = false;  // overlong, surrogate
    }
    if (ok && n == 4) {
      unsigned char d = static_cast<unsigned char>(s[i + 1]);
      if ((c == 0xF0 && d < 0x90) || (c == 0xF4 && d >= 0x90)) ok = false;
    }
    if (ok) {
      out->append(s.substr(i, n));
      i += n;
    } else {
      out->append("\xEF\xBF\xBD");
      ++i;
    }
  }
  out->push_back('"');
}

void Key(std::string* out, std::string_view key, bool first = false) {
  if (!first) out->push_back(',');
  out->push_back('"');
  out->append(key);
  out->append("\":");
}
void KeyStr(std::string* out, std::string_view key, std::string_view value) {
  Key(out, key);
  AppendJsonString(out, value);
}
// Empty string -> null.
void KeyStrOrNull(std::string* out, std::string_view key, std::string_view value) {
  Key(out, key);
  if (value.empty()) {
    out->append("null");
  } else {
    AppendJsonString(out, value);
  }
}
void KeyInt(std::string* out, std::string_view key, long long v) {
  Key(out, key);
  char buf[24];
  auto r = std::to_chars(buf, buf + sizeof buf, v);
  out->append(buf, static_cast<size_t>(r.ptr - buf));
}
void KeyBool(std::string* out, std::string_view key, bool v) {
  Key(out, key);
  out->append(v ? "true" : "false");
}
// Shortest round-trip representation; NaN/inf -> null.
void KeyDouble(std::string* out, std::string_view key, double v) {
  Key(out, key);
  if (!std::isfinite(v)) {
    out->append("null");
  } else {
    if (v == 0) v = 0;  // no "-0"
    // Shortest round-trip form, but integral values keep one decimal
    // ("-2.0", not "-2") so every reader sees a float.
    if (v == std::trunc(v) && std::fabs(v) < 1e15) {
      fmt::format_to(std::back_inserter(*out), "{:.1f}", v);
    } else {
      fmt::format_to(std::back_inserter(*out), "{}", v);
    }
  }
}

// TSV field: tabs and line breaks would break the row; they become spaces.
void AppendTsvField(std::string* out, std::string_view s) {
  size_t start = out->size();
  out->append(s);
  if (s.find_first_of("\t\n\r") == std::string_view::npos) return;
  for (size_t i = start; i < out->size(); ++i) {
    char& c = (*out)[i];
    if (c == '\t' || c == '\n' || c == '\r') c = ' ';
  }
}

struct Ymd {
  int y = 0, m = 0, d = 0;
  bool ok = false;
};

// "YYYY-MM-DD..." or "YYYYMMDD".
Ymd ParseDate(std::string_view date) {
  Ymd r;
  auto digits = [&](size_t pos, size_t n, int* v) {
    if (pos + n > date.size()) return false;
    int x = 0;
    for (size_t i = pos; i < pos + n; ++i) {
      if (date[i] < '0' || date[i] > '9') return false;
      x = x * 10 + (date[i] - '0');
    }
    *v = x;
    return true;
  };
  bool ok = false;
  if (date.size() >= 10 && date[4] == '-' && date[7] == '-') {
    ok = digits(0, 4, &r.y) && digits(5, 2, &r.m) && digits(8, 2, &r.d);
  } else if (date.size() == 8) {
    ok = digits(0, 4, &r.y) && digits(4, 2, &r.m) && digits(6, 2, &r.d);
  }
  r.ok = ok && r.m >= 1 && r.m <= 12 && r.d >= 1 && r.d <= 31;
  return r;
}

std::string Upper(std::string_view s) {
  std::string r(s);
  for (char& c : r)
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
  return r;
}

std::string RootOf(const Event& e) {
  if (!e.root_code.empty()) return e.root_code;
  return e.code.size() >= 2 ? e.code.substr(0, 2) : std::string();
}
std::string BaseOf(const Event& e) {
  if (!e.base_code.empty()) return e.base_code;
  return e.code.size() >= 2 ? e.code.substr(0, std::min<size_t>(3, e.code.size())) : std::string();
}

const char* QuadName(int q) {
  switch (q) {
    case 1: return "VERBAL COOPERATION";
    case 2: return "MATERIAL COOPERATION";
    case 3: return "VERBAL CONFLICT";
    case 4: return "MATERIAL CONFLICT";
  }
  return "";
}

class WriterBase : public EventWriter {
 public:
  WriterBase(std::ostream& out, const WriterOptions& options) : out_(out), options_(options) {
    next_id_ = options.first_id;
  }
  Status Finish() override {
    out_.flush();
    if (!out_) return Status(Code::kIoError, "writing events failed");
    return Status::OK();
  }

 protected:
  uint64_t NextId(const Event& e) { return options_.first_id ? next_id_++ : EventId(e); }
  Status Emit() {
    out_.write(buf_.data(), static_cast<std::streamsize>(buf_.size()));
    if (!out_) return Status(Code::kIoError, "writing events failed");
    ++written_;
    return Status::OK();
  }

  std::ostream& out_;
  WriterOptions options_;
  uint64_t next_id_ = 0;
  std::string buf_;  // reused across events
};

// ---------------------------------------------------------------- JSONL

void AppendParts(std::string* out, std::string_view key, const ActorParts& p) {
  Key(out, key);
  out->push_back('{');
  Key(out, "country", true);
  AppendJsonString(out, p.country);
  KeyStr(out, "known_group", p.known_group);
  KeyStr(out, "ethnic", p.ethnic);
  KeyStr(out, "religion1", p.religion1);
  KeyStr(out, "religion2", p.religion2);
  Key(out, "types");
  out->push_back('[');
  bool first = true;
  for (const std::string* t : {&p.type1, &p.type2, &p.type3}) {
    if (t->empty()) continue;
    if (!first) out->push_back(',');
    first = false;
    AppendJsonString(out, *t);
  }
  out->push_back(']');
  KeyStr(out, "other", p.other);
  KeyBool(out, "unknown", p.unknown);
  out->push_back('}');
}

void AppendSpan(std::string* out, std::string_view key, const TokenSpan& s) {
  Key(out, key);
  if (!s.known()) {
    out->append("null");
    return;
  }
  fmt::format_to(std::back_inserter(*out), "{{\"sentence\":{},\"begin\":{},\"end\":{}}}", s.sentence, s.begin, s.end);
}

// "issues":[{"code":"..","category":"..","count":N},...] (always present).
void AppendIssues(std::string* out, const std::vector<IssueCount>& issues) {
  out->append(",\"issues\":[");
  for (size_t i = 0; i < issues.size(); ++i) {
    if (i) out->push_back(',');
    out->push_back('{');
    Key(out, "code", true);
    AppendJsonString(out, issues[i].code);
    KeyStr(out, "category", issues[i].category);
    KeyInt(out, "count", issues[i].count);
    out->push_back('}');
  }
  out->push_back(']');
}

// "location":{"text":..,"country":..,"span":{..}}, or null when unknown.
void AppendLocation(std::string* out, const EventLocation& loc) {
  Key(out, "location");
  if (!loc.known()) {
    out->append("null");
    return;
  }
  out->push_back('{');
  Key(out, "text", true);
  AppendJsonString(out, loc.text);
  KeyStr(out, "country", loc.country);
  AppendSpan(out, "span", loc.span);
  out->push_back('}');
}

// Phoenix "Issues": "CODE,COUNT;CODE,COUNT" (PETRARCH2's joined issues).
std::string IssuesField(const std::vector<IssueCount>& issues) {
  std::string out;
  for (const IssueCount& c : issues) {
    if (!out.empty()) out.push_back(';');
    out += c.code;
    out.push_back(',');
    out += std::to_string(c.count);
  }
  return out;
}

class JsonlWriter : public WriterBase {
 public:
  using WriterBase::WriterBase;
  Status Write(const Event& e) override {
    std::string* o = &buf_;
    o->clear();
    o->push_back('{');
    Key(o, "id", true);
    {
      char buf[24];
      auto r = std::to_chars(buf, buf + sizeof buf, NextId(e));
      o->append(buf, static_cast<size_t>(r.ptr - buf));
    }
    KeyStr(o, "doc_id", e.doc_id);
    KeyStr(o, "date", e.date);
    KeyStr(o, "source_name", e.source_name);
    KeyStr(o, "url", e.url);
    KeyStr(o, "sentence_id", e.sentence_id);
    KeyInt(o, "sentence_index", e.sentence_index);
    KeyInt(o, "event_index", e.event_index);
    KeyBool(o, "is_root_event", e.is_root_event);
    KeyStr(o, "source_actor", e.source_actor);
    KeyStr(o, "source_text", e.source_text);
    KeyStr(o, "target_actor", e.target_actor);
    KeyStr(o, "target_text", e.target_text);
    KeyStr(o, "code", e.code);
    KeyStr(o, "code_name", e.code_name);
    KeyStr(o, "root_code", e.root_code);
    KeyStr(o, "base_code", e.base_code);
    KeyStr(o, "code_resolved", e.code_resolved);
    KeyBool(o, "code_fallback", e.code_fallback);
    KeyInt(o, "quad_class", e.quad_class);
    KeyInt(o, "penta_class", e.penta_class);
    KeyDouble(o, "goldstein", e.goldstein);
    KeyStr(o, "goldstein_scale", GoldsteinScaleName(e.goldstein_scale));
    KeyStr(o, "plover_type", e.plover_type);
    KeyStr(o, "plover_mode", e.plover_mode);
    KeyStr(o, "plover_context", e.plover_context);
    AppendParts(o, "source_parts", e.source_parts);
    AppendParts(o, "target_parts", e.target_parts);
    AppendSpan(o, "source_span", e.source_span);
    AppendSpan(o, "verb_span", e.verb_span);
    AppendSpan(o, "target_span", e.target_span);
    AppendIssues(o, e.issues);
    AppendLocation(o, e.location);
    KeyStr(o, "pattern", e.pattern);
    KeyStr(o, "sentence_text", e.sentence_text);
    o->append("}\n");
    return Emit();
  }
};

// ---------------------------------------------------------------- TSV

class TsvRow {
 public:
  explicit TsvRow(std::string* out) : out_(out) { out_->clear(); }
  void Field(std::string_view s) {
    Sep();
    AppendTsvField(out_, s);
  }
  template <typename... Args>
  void Fmt(fmt::format_string<Args...> f, Args&&... args) {
    Sep();
    fmt::format_to(std::back_inserter(*out_), f, std::forward<Args>(args)...);
  }
  void Empty(int n = 1) {
    for (int i = 0; i < n; ++i) Sep();
  }
  void End() { out_->push_back('\n'); }
  int count() const { return n_; }

 private:
  void Sep() {
    if (n_++ > 0) out_->push_back('\t');
  }
  std::string* out_;
  int n_ = 0;
};

void GoldsteinField(TsvRow* r, double g) {
  if (std::isfinite(g)) {
    r->Fmt("{:.1f}", g == 0 ? 0.0 : g);
  } else {
    r->Empty();
  }
}

// The parts every TSV format shares: the header line once (when asked for),
// then one row per event whose column count is checked against the header.
class TsvWriterBase : public WriterBase {
 public:
  TsvWriterBase(std::ostream& out, const WriterOptions& options, const char* format,
                const std::vector<std::string_view>& columns)
      : WriterBase(out, options), format_(format), columns_(columns) {}

 protected:
  // Starts a row in buf_, after writing the header line if it is due.
  TsvRow BeginRow() {
    if (options_.header && !header_done_) {
      header_done_ = true;
      TsvRow h(&buf_);
      for (auto c : columns_) h.Field(c);
      h.End();
      out_.write(buf_.data(), static_cast<std::streamsize>(buf_.size()));
    }
    return TsvRow(&buf_);
  }
  // Ends the row and writes it; a row whose width is not the header's is an
  // internal error (nothing is written).
  Status EndRow(TsvRow* r) {
    r->End();
    if (static_cast<size_t>(r->count()) != columns_.size()) {
      return Status(Code::kInternal, fmt::format("{} row has {} columns, not {}", format_, r->count(),
                                                 columns_.size()));
    }
    return Emit();
  }

 private:
  const char* format_;
  const std::vector<std::string_view>& columns_;
  bool header_done_ = false;
};

class Gdelt1Writer : public TsvWriterBase {
 public:
  Gdelt1Writer(std::ostream& out, const WriterOptions& options)
      : TsvWriterBase(out, options, "GDELT", Gdelt1Columns()) {}
  Status Write(const Event& e) override {
    TsvRow r = BeginRow();
    r.Fmt("{}", NextId(e));
    Ymd d = ParseDate(e.date);
    if (d.ok) {
      r.Fmt("{:04}{:02}{:02}", d.y, d.m, d.d);
      r.Fmt("{:04}{:02}", d.y, d.m);
      r.Fmt("{:04}", d.y);
      // GDELT's FractionDate: year + ((month - 1) * 30 + day) / 365.
      r.Fmt("{:.4f}", d.y + ((d.m - 1) * 30 + d.d) / 365.0);
    } else {
      r.Empty(4);
    }
    Actor(&r, e.source_actor, e.source_text, e.source_parts);
    Actor(&r, e.target_actor, e.target_text, e.target_parts);
    r.Fmt("{}", e.is_root_event ? 1 : 0);
    r.Field(e.code);
    r.Field(BaseOf(e));
    r.Field(RootOf(e));
    if (e.quad_class > 0) {
      r.Fmt("{}", e.quad_class);
    } else {
      r.Empty();
    }
    GoldsteinField(&r, e.goldstein);
    r.Field("1");  // NumMentions: this record is one mention
    r.Field("1");  // NumSources
    r.Field("1");  // NumArticles
    r.Empty();     // AvgTone: not computed
    for (int g = 0; g < 3; ++g) {  // Actor1Geo, Actor2Geo, ActionGeo: type 0 = none
      r.Field("0");
      r.Empty(6);
    }
    r.Field(options_.date_added);
    r.Field(e.url);
    return EndRow(&r);
  }

 private:
  static void Actor(TsvRow* r, const std::string& code, const std::string& text, const ActorParts& p) {
    r->Field(code);
    r->Field(code.empty() ? std::string() : Upper(text));
    r->Field(p.country);
    r->Field(p.known_group);
    r->Field(p.ethnic);
    r->Field(p.religion1);
    r->Field(p.religion2);
    r->Field(p.type1);
    r->Field(p.type2);
    r->Field(p.type3);
  }
};

class PhoenixWriter : public TsvWriterBase {
 public:
  PhoenixWriter(std::ostream& out, const WriterOptions& options)
      : TsvWriterBase(out, options, "Phoenix", PhoenixColumns()) {}
  Status Write(const Event& e) override {
    TsvRow r = BeginRow();
    r.Fmt("{}", NextId(e));
    Ymd d = ParseDate(e.date);
    if (d.ok) {
      r.Fmt("{:04}{:02}{:02}", d.y, d.m, d.d);
      r.Fmt("{}", d.y);
      r.Fmt("{}", d.m);
      r.Fmt("{}", d.d);
    } else {
      r.Empty(4);
    }
    Actor(&r, e.source_actor, e.source_parts);
    Actor(&r, e.target_actor, e.target_parts);
    r.Field(e.code);
    r.Field(RootOf(e));
    if (e.penta_class >= 0) {
      r.Fmt("{}", e.penta_class);
    } else {
      r.Empty();
    }
    GoldsteinField(&r, e.goldstein);
    r.Field(IssuesField(e.issues));
    r.Empty(2);  // Lat, Lon
    r.Field(e.location.text);  // LocationName
    r.Empty(1);  // StateName
    r.Field(e.location.country);  // CountryCode (CAMEO's, ISO 3166 alpha-3 for states)
    r.Field(e.sentence_id);
    r.Field(e.url);
    r.Field(e.source_name);
    return EndRow(&r);
  }

 private:
  // Entity = first 3 letters; Role = first later chunk that the actor
  // tables call a type (agent); Attribute = the other later chunks.  Without
  // actor parts (no Enrich), Role is simply letters 4-6.
  static void Actor(TsvRow* r, const std::string& code, const ActorParts& p) {
    r->Field(code);
    std::string_view c = code;
    std::string_view entity = c.substr(0, std::min<size_t>(3, c.size()));
    std::string role, attr;
    bool have_parts = !(p.country.empty() && p.known_group.empty() && p.type1.empty() && p.other.empty() &&
                        p.religion1.empty() && p.ethnic.empty());
    for (size_t i = 3; i < c.size(); i += 3) {
      std::string_view chunk = c.substr(i, 3);
      bool is_type = have_parts ? (chunk == p.type1 || chunk == p.type2 || chunk == p.type3) : i == 3;
      if (role.empty() && is_type) {
        role = std::string(chunk);
      } else {
        attr.append(chunk);
      }
    }
    r->Field(entity);
    r->Field(role);
    r->Field(attr);
  }
};

// ---------------------------------------------------------------- PLOVER

class PloverWriter : public WriterBase {
 public:
  using WriterBase::WriterBase;
  Status Write(const Event& e) override {
    if (e.plover_type.empty() || e.plover_type == "dropped") {
      ++skipped_;
      return Status::OK();
    }
    std::string* o = &buf_;
    o->clear();
    o->push_back('{');
    Key(o, "event_id", true);
    AppendJsonString(o, fmt::format("{}", NextId(e)));
    Ymd d = ParseDate(e.date);
    KeyStrOrNull(o, "event_date", d.ok ? fmt::format("{:04}-{:02}-{:02}", d.y, d.m, d.d) : std::string());
    KeyStr(o, "event_type", e.plover_type);
    KeyStrOrNull(o, "event_mode", e.plover_mode);
    double intensity = options_.table ? options_.table->PloverIntensity(e.plover_type, e.plover_mode)
                                      : std::nan("");
    KeyDouble(o, "intensity", intensity);
    std::string_view quad = options_.table ? options_.table->PloverQuad(e.plover_type) : std::string_view();
    if (quad.empty()) quad = QuadName(e.quad_class);
    KeyStrOrNull(o, "quad_code", quad);
    Key(o, "contexts");
    o->push_back('[');
    bool first = true;
    std::string_view ctx = e.plover_context;
    while (!ctx.empty()) {
      size_t semi = ctx.find(';');
      std::string_view one = ctx.substr(0, semi);
      while (!one.empty() && one.front() == ' ') one.remove_prefix(1);
      while (!one.empty() && one.back() == ' ') one.remove_suffix(1);
      if (!one.empty()) {
        if (!first) o->push_back(',');
        first = false;
        AppendJsonString(o, one);
      }
      if (semi == std::string_view::npos) break;
      ctx.remove_prefix(semi + 1);
    }
    o->push_back(']');
    Actor(o, "actor", "actor", e.source_actor, e.source_text, e.source_parts);
    Actor(o, "recipient", "recipient", e.target_actor, e.target_text, e.target_parts);
    for (const char* k : {"placename", "city", "district", "province", "country", "latitude", "longitude",
                          "geonames_id", "raw_placename", "feature_type"}) {
      Key(o, k);
      o->append("null");
    }
    KeyStrOrNull(o, "source", e.source_name);
    KeyStrOrNull(o, "publication_date", e.date);
    for (const char* k : {"story_people", "story_organizations", "story_locations"}) {
      Key(o, k);
      o->append("[]");
    }
    Key(o, "language");
    o->append("null");
    KeyStrOrNull(o, "version", options_.version);
    // Extensions: provenance not in POLECAT.
    KeyStr(o, "cameo_code", e.code);
    KeyStr(o, "doc_id", e.doc_id);
    KeyStr(o, "sentence_id", e.sentence_id);
    KeyStr(o, "url", e.url);
    KeyStr(o, "sentence_text", e.sentence_text);
    o->append("}\n");
    return Emit();
  }

 private:
  static void Actor(std::string* o, std::string_view prefix, std::string_view, const std::string& code,
                    const std::string& text, const ActorParts& p) {
    std::string pre(prefix);
    KeyStrOrNull(o, pre + "_name", code);
    KeyStrOrNull(o, pre + "_country", p.country);
    Key(o, pre + "_cow");
    o->append("null");
    KeyStrOrNull(o, "primary_" + pre + "_sector", p.type1);
    Key(o, pre + "_sectors");
    o->push_back('[');
    bool first = true;
    for (const std::string* t : {&p.type1, &p.type2, &p.type3}) {
      if (t->empty()) continue;
      if (!first) o->push_back(',');
      first = false;
      AppendJsonString(o, *t);
    }
    o->push_back(']');
    Key(o, pre + "_title");
    o->append("null");
    KeyStrOrNull(o, pre + "_name_raw", text);
    Key(o, "wikipedia_" + pre + "_id");
    o->append("null");
  }
};

}  // namespace

const std::vector<std::string_view>& Gdelt1Columns() {
  static const std::vector<std::string_view> kCols = {
      "GLOBALEVENTID", "SQLDATE", "MonthYear", "Year", "FractionDate",
      "Actor1Code", "Actor1Name", "Actor1CountryCode", "Actor1KnownGroupCode", "Actor1EthnicCode",
      "Actor1Religion1Code", "Actor1Religion2Code", "Actor1Type1Code", "Actor1Type2Code", "Actor1Type3Code",
      "Actor2Code", "Actor2Name", "Actor2CountryCode", "Actor2KnownGroupCode", "Actor2EthnicCode",
      "Actor2Religion1Code", "Actor2Religion2Code", "Actor2Type1Code", "Actor2Type2Code", "Actor2Type3Code",
      "IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass",
      "GoldsteinScale", "NumMentions", "NumSources", "NumArticles", "AvgTone",
      "Actor1Geo_Type", "Actor1Geo_FullName", "Actor1Geo_CountryCode", "Actor1Geo_ADM1Code", "Actor1Geo_Lat",
      "Actor1Geo_Long", "Actor1Geo_FeatureID", "Actor2Geo_Type", "Actor2Geo_FullName", "Actor2Geo_CountryCode",
      "Actor2Geo_ADM1Code", "Actor2Geo_Lat", "Actor2Geo_Long", "Actor2Geo_FeatureID", "ActionGeo_Type",
      "ActionGeo_FullName", "ActionGeo_CountryCode", "ActionGeo_ADM1Code", "ActionGeo_Lat", "ActionGeo_Long",
      "ActionGeo_FeatureID", "DATEADDED", "SOURCEURL"};
  return kCols;
}

const std::vector<std::string_view>& PhoenixColumns() {
  static const std::vector<std::string_view> kCols = {
      "EventID", "Date", "Year", "Month", "Day", "SourceActorFull", "SourceActorEntity", "SourceActorRole",
      "SourceActorAttribute", "TargetActorFull", "TargetActorEntity", "TargetActorRole", "TargetActorAttribute",
      "EventCode", "EventRootCode", "PentaClass", "GoldsteinScore", "Issues", "Lat", "Lon", "LocationName",
      "StateName", "CountryCode", "SentenceID", "URLs", "NewsSources"};
  return kCols;
}

std::unique_ptr<EventWriter> NewEventWriter(EventFormat format, std::ostream& out, const WriterOptions& options) {
  switch (format) {
    case EventFormat::kJsonl: return std::make_unique<JsonlWriter>(out, options);
    case EventFormat::kGdelt1: return std::make_unique<Gdelt1Writer>(out, options);
    case EventFormat::kPhoenix: return std::make_unique<PhoenixWriter>(out, options);
    case EventFormat::kPlover: return std::make_unique<PloverWriter>(out, options);
  }
  return std::make_unique<JsonlWriter>(out, options);
}

}  // namespace entente
