// CAMEO event/actor tables: loading, defect repair, lookups, Enrich.
#include "entente/cameo.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <fstream>
#include <limits>
#include <unordered_map>

#include <fmt/format.h>

#include "entente/event.h"
#include "events/table_text.h"

namespace entente {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

// Index of a 2-4 digit code in a flat array: len*10000 + numeric value.
constexpr size_t kCodeSlots = 5 * 10000;
int CodeSlot(std::string_view code) {
  if (code.size() < 2 || code.size() > 4) return -1;
  int v = 0;
  for (char c : code) {
    if (c < '0' || c > '9') return -1;
    v = v * 10 + (c - '0');
  }
  return static_cast<int>(code.size()) * 10000 + v;
}

// Actor chunk index: 3 characters from [A-Za-z0-9] -> 62^3 slots.
constexpr size_t kChunkSlots = 62 * 62 * 62;
int ChunkChar(char c) {
  if (c >= 'A' && c <= 'Z') return c - 'A';
  if (c >= 'a' && c <= 'z') return 26 + (c - 'a');
  if (c >= '0' && c <= '9') return 52 + (c - '0');
  return -1;
}
int ChunkSlot(std::string_view chunk) {
  if (chunk.size() != 3) return -1;
  int a = ChunkChar(chunk[0]), b = ChunkChar(chunk[1]), c = ChunkChar(chunk[2]);
  if (a < 0 || b < 0 || c < 0) return -1;
  return (a * 62 + b) * 62 + c;
}

enum ChunkKind : uint8_t {
  kCountry = 1,
  kType = 2,
  kGroup = 4,
  kReligion = 8,
  kEthnic = 16,
};
constexpr int kNumKinds = 5;

std::string Upper(std::string_view s) {
  std::string r(s);
  for (char& c : r)
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
  return r;
}
std::string Lower(std::string_view s) {
  std::string r(s);
  for (char& c : r)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return r;
}

}  // namespace

std::string_view GoldsteinScaleName(GoldsteinScale s) {
  switch (s) {
    case GoldsteinScale::kGdelt: return "gdelt";
    case GoldsteinScale::kIcews: return "icews";
    case GoldsteinScale::kPhoenix: return "phoenix";
  }
  return "gdelt";
}

Result<GoldsteinScale> ParseGoldsteinScale(std::string_view name) {
  std::string n = Lower(name);
  if (n == "gdelt") return GoldsteinScale::kGdelt;
  if (n == "icews") return GoldsteinScale::kIcews;
  if (n == "phoenix") return GoldsteinScale::kPhoenix;
  return Status(Code::kInvalidArgument,
                fmt::format("unknown Goldstein scale '{}' (expected gdelt, icews or phoenix)", name));
}

int QuadClassOfRoot(std::string_view code) {
  if (code.size() < 2 || code[0] < '0' || code[0] > '9' || code[1] < '0' || code[1] > '9') {
    return kQuadUnknown;
  }
  int root = (code[0] - '0') * 10 + (code[1] - '0');
  if (root >= 1 && root <= 5) return kVerbalCooperation;
  if (root >= 6 && root <= 8) return kMaterialCooperation;
  if (root >= 9 && root <= 13) return kVerbalConflict;
  if (root >= 14 && root <= 20) return kMaterialConflict;
  return kQuadUnknown;
}

std::string RepairCameoLabel(std::string_view in) {
  std::string out;
  out.reserve(in.size());
  bool last_was_close_quote = false;
  for (size_t i = 0; i < in.size();) {
    unsigned char c = static_cast<unsigned char>(in[i]);
    int quote = 0;  // 1 opening, 2 closing (double); 3 opening, 4 closing (single)
    size_t len = 1;
    if (c == 0xC3 && i + 1 < in.size()) {
      // Latin-1 mojibake of Mac-Roman quotes: Ò Ó Ô Õ (C3 92..95).
      unsigned char d = static_cast<unsigned char>(in[i + 1]);
      if (d >= 0x92 && d <= 0x95) {
        quote = static_cast<int>(d - 0x92) + 1;
        len = 2;
      }
    } else if (c == 0xE2 && i + 2 < in.size() && static_cast<unsigned char>(in[i + 1]) == 0x80) {
      // UTF-8 curly quotes U+2018/2019/201C/201D.
      unsigned char d = static_cast<unsigned char>(in[i + 2]);
      if (d == 0x9C) quote = 1;
      if (d == 0x9D) quote = 2;
      if (d == 0x98) quote = 3;
      if (d == 0x99) quote = 4;
      if (quote) len = 3;
    } else if (c >= 0xD2 && c <= 0xD5) {
      // Raw Mac-Roman bytes; only when not the lead byte of valid UTF-8.
      bool utf8 = i + 1 < in.size() && (static_cast<unsigned char>(in[i + 1]) & 0xC0) == 0x80;
      if (!utf8) quote = static_cast<int>(c - 0xD2) + 1;
    } else if (c == 0x93 || c == 0x94 || c == 0x91 || c == 0x92) {
      // Windows-1252 quotes (bare continuation bytes are never valid UTF-8 here).
      quote = c == 0x93 ? 1 : c == 0x94 ? 2 : c == 0x91 ? 3 : 4;
    }
    if (quote) {
      out.push_back(quote <= 2 ? '"' : '\'');
      last_was_close_quote = (quote == 2);
      i += len;
      continue;
    }
    if (last_was_close_quote && ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z'))) {
      out.push_back(' ');
    }
    last_was_close_quote = false;
    if (c == ' ' && !out.empty() && out.back() == ' ') {
      ++i;
      continue;
    }
    out.push_back(static_cast<char>(c));
    ++i;
  }
  while (!out.empty() && out.back() == ' ') out.pop_back();
  size_t b = 0;
  while (b < out.size() && out[b] == ' ') ++b;
  return out.substr(b);
}

namespace {

// Label defects tied to one code, applied after RepairCameoLabel: widely
// copied GDELT tables hold 044 as "Meet at a \xC3\x92hird\xC3\x93location"
// (Mac-Roman quotes read as Latin-1, and the "t" lost with them).
std::string RepairKnownLabel(std::string_view code, std::string label) {
  if (code == "044") {
    size_t p = label.find("\"hird\"");
    if (p != std::string::npos) label.replace(p, 6, "\"third\"");
  }
  return label;
}

}  // namespace

struct CameoTable::Rep {
  CameoOptions options;
  std::vector<CameoCode> codes;                 // sorted by code, fixed after load
  std::vector<const CameoCode*> ordered;
  std::vector<int32_t> index = std::vector<int32_t>(kCodeSlots, -1);
  std::vector<uint8_t> chunk_kinds = std::vector<uint8_t>(kChunkSlots, 0);
  std::unordered_map<int, std::string> labels[kNumKinds];
  std::unordered_map<std::string, double> plover_scores;   // "ASSAULT" or "ASSAULT:beat"
  std::unordered_map<std::string, std::string> plover_quads;
  uint64_t skipped = 0;
  std::vector<std::string> issues;

  // Records a bad row.  Returns the Status to fail with (strict) or OK.
  Status Bad(std::string_view file, uint64_t line, std::string_view why) {
    ++skipped;
    Status st = Status::At(Code::kParseError, file, line, why);
    if (issues.size() < options.max_issues) issues.push_back(st.message());
    if (options.strict) return st;
    return Status::OK();
  }
  void Note(std::string message) {
    if (issues.size() < options.max_issues) issues.push_back(std::move(message));
  }
};

namespace {

using table_text::ParseDouble;
using table_text::SplitTabs;
using table_text::TableReader;

bool ValidCode(std::string_view code) {
  return CodeSlot(code) >= 0 && QuadClassOfRoot(code) != kQuadUnknown;
}

// Reads the master table into rep->codes (unsorted).
Status LoadMaster(std::istream& in, const std::string& name, CameoTable::Rep* rep);

}  // namespace

// The loader functions need Rep; define them here with access to it.
namespace {

struct MasterColumns {
  int code = -1, level = -1, root = -1, base = -1, name_gdelt = -1, name_icews = -1, quad = -1,
      penta = -1, g_gdelt = -1, g_icews = -1, g_phoenix = -1, p_event = -1, p_mode = -1,
      p_context = -1;
};

Status LoadMaster(std::istream& in, const std::string& name, CameoTable::Rep* rep) {
  TableReader reader(in);
  std::string_view line;
  if (!reader.Next(&line)) return Status::At(Code::kEmpty, name, 0, "table is empty");
  std::vector<std::string_view> header = SplitTabs(line);
  MasterColumns col;
  for (size_t i = 0; i < header.size(); ++i) {
    std::string_view h = header[i];
    int k = static_cast<int>(i);
    if (h == "code") col.code = k;
    else if (h == "level") col.level = k;
    else if (h == "root") col.root = k;
    else if (h == "base") col.base = k;
    else if (h == "name_gdelt") col.name_gdelt = k;
    else if (h == "name_icews") col.name_icews = k;
    else if (h == "quadclass_gdelt") col.quad = k;
    else if (h == "pentaclass_phoenix") col.penta = k;
    else if (h == "goldstein_gdelt") col.g_gdelt = k;
    else if (h == "goldstein_icews") col.g_icews = k;
    else if (h == "goldstein_phoenix") col.g_phoenix = k;
    else if (h == "plover_event") col.p_event = k;
    else if (h == "plover_mode") col.p_mode = k;
    else if (h == "plover_context") col.p_context = k;
  }
  for (auto [idx, what] : {std::pair{col.code, "code"}, std::pair{col.name_gdelt, "name_gdelt"},
                           std::pair{col.g_gdelt, "goldstein_gdelt"}}) {
    if (idx < 0) {
      return Status::At(Code::kParseError, name, reader.line(),
                        fmt::format("header lacks required column '{}'", what));
    }
  }
  auto field = [](const std::vector<std::string_view>& f, int i) -> std::string_view {
    return i >= 0 && static_cast<size_t>(i) < f.size() ? f[i] : std::string_view();
  };
  std::vector<std::string_view> f;
  while (reader.Next(&line)) {
    if (line.empty() || line[0] == '#') continue;
    f = SplitTabs(line);
    uint64_t ln = reader.line();
    if (f.size() != header.size()) {
      ENTENTE_RETURN_IF_ERROR(rep->Bad(
          name, ln, fmt::format("expected {} tab-separated columns, found {}", header.size(), f.size())));
      continue;
    }
    CameoCode c;
    c.code = std::string(field(f, col.code));
    c.line = static_cast<uint32_t>(ln);
    if (!ValidCode(c.code)) {
      ENTENTE_RETURN_IF_ERROR(rep->Bad(name, ln, fmt::format("bad CAMEO code '{}'", c.code)));
      continue;
    }
    c.level = static_cast<int>(c.code.size()) - 1;
    c.root = c.code.substr(0, 2);
    c.base = c.code.substr(0, std::min<size_t>(3, c.code.size()));
    std::string_view v;
    if (!(v = field(f, col.level)).empty() && v != std::to_string(c.level)) {
      ENTENTE_RETURN_IF_ERROR(rep->Bad(name, ln, fmt::format("level '{}' does not match code '{}'", v, c.code)));
      continue;
    }
    if (!(v = field(f, col.root)).empty() && v != c.root) {
      ENTENTE_RETURN_IF_ERROR(rep->Bad(name, ln, fmt::format("root '{}' does not match code '{}'", v, c.code)));
      continue;
    }
    if (!(v = field(f, col.base)).empty() && v != c.base) {
      ENTENTE_RETURN_IF_ERROR(rep->Bad(name, ln, fmt::format("base '{}' does not match code '{}'", v, c.code)));
      continue;
    }
    c.name_gdelt = RepairKnownLabel(c.code, RepairCameoLabel(field(f, col.name_gdelt)));
    c.name = RepairKnownLabel(c.code, RepairCameoLabel(field(f, col.name_icews)));
    if (c.name.empty()) c.name = c.name_gdelt;
    c.quad_class = QuadClassOfRoot(c.code);
    if (!(v = field(f, col.quad)).empty()) {
      double q = ParseDouble(v);
      if (!(q >= 1 && q <= 4 && q == std::floor(q))) {
        ENTENTE_RETURN_IF_ERROR(rep->Bad(name, ln, fmt::format("bad quad class '{}'", v)));
        continue;
      }
      if (static_cast<int>(q) != c.quad_class) {
        rep->Note(fmt::format("{}:{}: quad class {} of {} differs from its root's {}; the table's is used",
                              name, ln, v, c.code, c.quad_class));
        c.quad_class = static_cast<int>(q);
      }
    }
    if (!(v = field(f, col.penta)).empty()) {
      double p = ParseDouble(v);
      if (!(p >= 0 && p <= 4 && p == std::floor(p))) {
        ENTENTE_RETURN_IF_ERROR(rep->Bad(name, ln, fmt::format("bad penta class '{}'", v)));
        continue;
      }
      c.penta_class = static_cast<int>(p);
    }
    bool bad = false;
    int gcols[3] = {col.g_gdelt, col.g_icews, col.g_phoenix};
    for (int s = 0; s < 3; ++s) {
      v = field(f, gcols[s]);
      c.goldstein[s] = kNaN;
      if (v.empty()) continue;
      double g = ParseDouble(v);
      if (!(g >= -10.0 && g <= 10.0)) {
        ENTENTE_RETURN_IF_ERROR(rep->Bad(name, ln, fmt::format("bad Goldstein value '{}'", v)));
        bad = true;
        break;
      }
      c.goldstein[s] = g;
    }
    if (bad) continue;
    c.plover_type = std::string(field(f, col.p_event));
    c.plover_mode = std::string(field(f, col.p_mode));
    c.plover_context = std::string(field(f, col.p_context));
    rep->codes.push_back(std::move(c));
  }
  if (reader.failed()) return Status::At(Code::kIoError, name, reader.line(), "read failed");
  if (rep->codes.empty()) return Status::At(Code::kEmpty, name, 0, "table holds no codes");
  return Status::OK();
}

// One record of a GDELT two-column table, after splitting merged lines.
struct GdeltRecord {
  std::string code;
  std::string value;
  uint64_t line;
};

// Splits a GDELT two-column line into records, repairing the merged-line
// defect.  `numeric` tells whether values are Goldstein numbers.
Status SplitGdeltLine(std::string_view line, uint64_t ln, const std::string& name, bool numeric,
                      std::vector<GdeltRecord>* out, CameoTable::Rep* rep) {
  std::vector<std::string_view> f = SplitTabs(line);
  if (f.size() < 2) return rep->Bad(name, ln, "expected CODE<TAB>VALUE");
  std::string code(f[0]);
  for (size_t k = 1; k < f.size(); ++k) {
    std::string_view v = f[k];
    if (k + 1 < f.size()) {
      // Merged: this field ends with the next record's code.
      size_t t = v.size();
      while (t > 0 && v[t - 1] >= '0' && v[t - 1] <= '9') --t;
      if (numeric && t > 0 && v[t - 1] == '.' && t < v.size()) ++t;  // keep one decimal
      std::string_view next_code = v.substr(t);
      if (t == 0 || !ValidCode(next_code)) {
        return rep->Bad(name, ln, fmt::format("expected 2 columns, found {}", f.size()));
      }
      out->push_back({code, std::string(v.substr(0, t)), ln});
      rep->Note(fmt::format("{}:{}: split merged line: '{}' and '{}'", name, ln, code, next_code));
      code = std::string(next_code);
      continue;
    }
    // "...engagement106:[-5.0] Demand withdrawal" inside one label.
    if (!numeric) {
      size_t pos = 0;
      while ((pos = v.find(":[", pos)) != std::string_view::npos) {
        size_t t = pos;
        while (t > 0 && v[t - 1] >= '0' && v[t - 1] <= '9') --t;
        std::string_view next_code = v.substr(t, pos - t);
        size_t close = v.find("] ", pos);
        if (t > 0 && ValidCode(next_code) && close != std::string_view::npos) {
          out->push_back({code, std::string(v.substr(0, t)), ln});
          rep->Note(fmt::format("{}:{}: split merged line: '{}' and '{}'", name, ln, code, next_code));
          code = std::string(next_code);
          v = v.substr(close + 2);
          pos = 0;
          continue;
        }
        pos += 2;
      }
    }
    out->push_back({code, std::string(v), ln});
  }
  return Status::OK();
}

Status LoadGdeltTable(std::istream& in, const std::string& name, bool numeric,
                      std::vector<GdeltRecord>* out, CameoTable::Rep* rep) {
  TableReader reader(in);
  std::string_view line;
  bool first = true;
  while (reader.Next(&line)) {
    if (line.empty()) continue;
    if (first) {
      first = false;
      if (line.substr(0, 4) == "CAME" || line.substr(0, 4) == "CODE") continue;  // header
    }
    std::vector<GdeltRecord> recs;
    ENTENTE_RETURN_IF_ERROR(SplitGdeltLine(line, reader.line(), name, numeric, &recs, rep));
    for (auto& r : recs) {
      if (!ValidCode(r.code)) {
        ENTENTE_RETURN_IF_ERROR(rep->Bad(name, r.line, fmt::format("bad CAMEO code '{}'", r.code)));
        continue;
      }
      if (numeric) {
        double g = ParseDouble(r.value);
        if (!(g >= -10.0 && g <= 10.0)) {
          ENTENTE_RETURN_IF_ERROR(rep->Bad(name, r.line, fmt::format("bad Goldstein value '{}'", r.value)));
          continue;
        }
      }
      out->push_back(std::move(r));
    }
  }
  if (reader.failed()) return Status::At(Code::kIoError, name, reader.line(), "read failed");
  if (out->empty()) return Status::At(Code::kEmpty, name, 0, "table holds no codes");
  return Status::OK();
}

Status LoadGdeltPair(std::istream& codes_in, const std::string& codes_name, std::istream* gold_in,
                     const std::string& gold_name, CameoTable::Rep* rep) {
  std::vector<GdeltRecord> names, golds;
  ENTENTE_RETURN_IF_ERROR(LoadGdeltTable(codes_in, codes_name, false, &names, rep));
  if (gold_in) ENTENTE_RETURN_IF_ERROR(LoadGdeltTable(*gold_in, gold_name, true, &golds, rep));
  std::unordered_map<std::string, double> gmap;
  for (const auto& g : golds) gmap.emplace(g.code, ParseDouble(g.value));
  for (auto& r : names) {
    CameoCode c;
    c.code = r.code;
    c.line = static_cast<uint32_t>(r.line);
    c.level = static_cast<int>(c.code.size()) - 1;
    c.root = c.code.substr(0, 2);
    c.base = c.code.substr(0, std::min<size_t>(3, c.code.size()));
    c.name_gdelt = RepairKnownLabel(c.code, RepairCameoLabel(r.value));
    c.name = c.name_gdelt;
    c.quad_class = QuadClassOfRoot(c.code);
    auto it = gmap.find(c.code);
    double g = it == gmap.end() ? kNaN : it->second;
    // Only GDELT's scale is known: the others take its value.
    c.goldstein = {g, kNaN, kNaN};
    rep->codes.push_back(std::move(c));
  }
  return Status::OK();
}

// CODE<TAB>LABEL actor tables.
Status LoadActorTable(std::istream& in, const std::string& name, ChunkKind kind, int kind_index,
                      CameoTable::Rep* rep) {
  TableReader reader(in);
  std::string_view line;
  bool first = true;
  while (reader.Next(&line)) {
    if (line.empty()) continue;
    std::vector<std::string_view> f = SplitTabs(line);
    if (first) {
      first = false;
      if (!f.empty() && f[0] == "CODE") continue;
    }
    if (f.size() != 2) {
      ENTENTE_RETURN_IF_ERROR(rep->Bad(name, reader.line(), fmt::format("expected 2 columns, found {}", f.size())));
      continue;
    }
    int slot = ChunkSlot(f[0]);
    if (slot < 0) {
      ENTENTE_RETURN_IF_ERROR(rep->Bad(name, reader.line(), fmt::format("bad actor code '{}'", f[0])));
      continue;
    }
    if (rep->chunk_kinds[slot] & kind) {
      rep->Note(fmt::format("{}:{}: duplicate code '{}' ignored", name, reader.line(), f[0]));
      continue;
    }
    rep->chunk_kinds[slot] |= kind;
    rep->labels[kind_index].emplace(slot, RepairCameoLabel(f[1]));
  }
  if (reader.failed()) return Status::At(Code::kIoError, name, reader.line(), "read failed");
  return Status::OK();
}

Status LoadPloverScores(std::istream& in, const std::string& name, CameoTable::Rep* rep) {
  TableReader reader(in);
  std::string_view line;
  while (reader.Next(&line)) {
    if (line.empty()) continue;
    std::vector<std::string_view> f = SplitTabs(line);
    if (reader.line() == 1 && !f.empty() && f[0] == "category_mode") continue;
    double s = f.size() == 2 ? ParseDouble(f[1]) : kNaN;
    if (std::isnan(s)) {
      ENTENTE_RETURN_IF_ERROR(rep->Bad(name, reader.line(), "expected CATEGORY[: Mode]<TAB>score"));
      continue;
    }
    std::string_view key = f[0];
    size_t colon = key.find(':');
    std::string k = Upper(table_text::Trim(key.substr(0, colon)));
    if (colon != std::string_view::npos) {
      k.push_back(':');
      k.append(Lower(table_text::Trim(key.substr(colon + 1))));
    }
    rep->plover_scores[k] = s;
  }
  if (reader.failed()) return Status::At(Code::kIoError, name, reader.line(), "read failed");
  return Status::OK();
}

Status LoadPloverTypes(std::istream& in, const std::string& name, CameoTable::Rep* rep) {
  TableReader reader(in);
  std::string_view line;
  while (reader.Next(&line)) {
    if (line.empty()) continue;
    std::vector<std::string_view> f = SplitTabs(line);
    if (reader.line() == 1 && !f.empty() && f[0] == "event_type") continue;
    if (f.size() < 3) {
      ENTENTE_RETURN_IF_ERROR(rep->Bad(name, reader.line(), "expected at least 3 columns"));
      continue;
    }
    rep->plover_quads[Upper(f[0])] = std::string(f[2]);
  }
  if (reader.failed()) return Status::At(Code::kIoError, name, reader.line(), "read failed");
  return Status::OK();
}

// Sorts, removes duplicates, indexes and fills inherited columns.
Status Finalize(CameoTable::Rep* rep, const std::string& name) {
  std::stable_sort(rep->codes.begin(), rep->codes.end(),
                   [](const CameoCode& a, const CameoCode& b) { return a.code < b.code; });
  std::vector<CameoCode> uniq;
  uniq.reserve(rep->codes.size());
  for (auto& c : rep->codes) {
    if (!uniq.empty() && uniq.back().code == c.code) {
      ENTENTE_RETURN_IF_ERROR(rep->Bad(name, c.line, fmt::format("duplicate code '{}' (first at line {})", c.code,
                                                                  uniq.back().line)));
      continue;
    }
    uniq.push_back(std::move(c));
  }
  rep->codes = std::move(uniq);
  for (size_t i = 0; i < rep->codes.size(); ++i) rep->index[CodeSlot(rep->codes[i].code)] = static_cast<int32_t>(i);
  // Parents come before children in level order; resolve roots, then 3, then 4 digits.
  auto parent = [&](const CameoCode& c) -> const CameoCode* {
    if (c.level == 3) {
      int s = rep->index[CodeSlot(c.base)];
      if (s >= 0) return &rep->codes[s];
    }
    if (c.level >= 2) {
      int s = rep->index[CodeSlot(c.root)];
      if (s >= 0) return &rep->codes[s];
    }
    return nullptr;
  };
  for (int level = 1; level <= 3; ++level) {
    for (auto& c : rep->codes) {
      if (c.level != level) continue;
      const CameoCode* p = parent(c);
      for (int s = 0; s < 3; ++s) {
        if (std::isnan(c.goldstein[s]) && p && !std::isnan(p->goldstein[s])) {
          c.goldstein[s] = p->goldstein[s];
          c.inherited |= 1u << s;
        }
      }
      if (c.name_gdelt.empty() && p) {
        c.name_gdelt = p->name_gdelt;
        c.inherited |= 1u << 3;
      }
      if (c.name.empty()) c.name = p ? p->name : std::string();
      if (c.penta_class < 0 && p) c.penta_class = p->penta_class;
      if (c.plover_type.empty() && p) {
        c.plover_type = p->plover_type;
        if (c.plover_mode.empty()) c.plover_mode = p->plover_mode;
        if (c.plover_context.empty()) c.plover_context = p->plover_context;
      }
    }
  }
  // A scale with no value on the whole chain uses the GDELT value.
  for (auto& c : rep->codes) {
    for (int s = 1; s < 3; ++s) {
      if (std::isnan(c.goldstein[s]) && !std::isnan(c.goldstein[0])) {
        c.goldstein[s] = c.goldstein[0];
        c.inherited |= 1u << 4;
      }
    }
  }
  rep->ordered.clear();
  for (const auto& c : rep->codes) rep->ordered.push_back(&c);
  return Status::OK();
}

}  // namespace

CameoTable::CameoTable(std::unique_ptr<Rep> rep) : rep_(std::move(rep)) {}
CameoTable::CameoTable(CameoTable&&) noexcept = default;
CameoTable& CameoTable::operator=(CameoTable&&) noexcept = default;
CameoTable::~CameoTable() = default;

Result<CameoTable> CameoTable::FromStreams(const CameoSources& src, const CameoOptions& options) {
  return Build(src, options, {});
}

Result<CameoTable> CameoTable::Build(const CameoSources& src, const CameoOptions& options,
                                     const std::vector<std::string>& notes) {
  auto rep = std::make_unique<Rep>();
  rep->options = options;
  for (const auto& n : notes) rep->Note(n);
  std::string codes_name;
  if (src.master) {
    codes_name = src.master_name;
    ENTENTE_RETURN_IF_ERROR(LoadMaster(*src.master, src.master_name, rep.get()));
  } else if (src.gdelt_eventcodes) {
    codes_name = src.gdelt_eventcodes_name;
    ENTENTE_RETURN_IF_ERROR(LoadGdeltPair(*src.gdelt_eventcodes, src.gdelt_eventcodes_name, src.gdelt_goldstein,
                                          src.gdelt_goldstein_name, rep.get()));
  } else {
    return Status(Code::kInvalidArgument, "CameoSources: neither a master table nor GDELT event codes given");
  }
  ENTENTE_RETURN_IF_ERROR(Finalize(rep.get(), codes_name));
  struct ActorSrc {
    std::istream* in;
    const std::string* name;
    ChunkKind kind;
    int index;
  } actors[] = {{src.country, &src.country_name, kCountry, 0},
                {src.type, &src.type_name, kType, 1},
                {src.knowngroup, &src.knowngroup_name, kGroup, 2},
                {src.religion, &src.religion_name, kReligion, 3},
                {src.ethnic, &src.ethnic_name, kEthnic, 4}};
  for (const auto& a : actors) {
    if (a.in) ENTENTE_RETURN_IF_ERROR(LoadActorTable(*a.in, *a.name, a.kind, a.index, rep.get()));
  }
  if (src.plover_scores) {
    ENTENTE_RETURN_IF_ERROR(LoadPloverScores(*src.plover_scores, src.plover_scores_name, rep.get()));
  }
  if (src.plover_types) {
    ENTENTE_RETURN_IF_ERROR(LoadPloverTypes(*src.plover_types, src.plover_types_name, rep.get()));
  }
  return CameoTable(std::move(rep));
}

Result<CameoTable> CameoTable::FromDirectory(const std::string& dir, const CameoOptions& options) {
  return LoadDirectory(dir, options, false);
}

Result<CameoTable> CameoTable::FromGdeltDirectory(const std::string& dir, const CameoOptions& options) {
  return LoadDirectory(dir, options, true);
}

Result<CameoTable> CameoTable::LoadDirectory(const std::string& dir, const CameoOptions& options, bool gdelt) {
  auto path = [&](const char* f) { return dir.empty() ? std::string(f) : dir + "/" + f; };
  CameoSources src;
  std::ifstream master, codes, gold;
  if (gdelt) {
    src.gdelt_eventcodes_name = path("GDELT.CAMEO.eventcodes.txt");
    src.gdelt_goldstein_name = path("GDELT.CAMEO.goldsteinscale.txt");
    codes.open(src.gdelt_eventcodes_name, std::ios::binary);
    if (!codes) return Status::At(Code::kNotFound, src.gdelt_eventcodes_name, 0, "cannot open CAMEO table");
    gold.open(src.gdelt_goldstein_name, std::ios::binary);
    if (!gold) return Status::At(Code::kNotFound, src.gdelt_goldstein_name, 0, "cannot open CAMEO table");
    src.gdelt_eventcodes = &codes;
    src.gdelt_goldstein = &gold;
  } else {
    src.master_name = path("cameo_master.tsv");
    master.open(src.master_name, std::ios::binary);
    if (!master) return Status::At(Code::kNotFound, src.master_name, 0, "cannot open CAMEO table");
    src.master = &master;
  }
  struct Opt {
    std::string* name;
    std::istream** slot;
    const char* file;
  } opts[] = {{&src.country_name, &src.country, "GDELT.CAMEO.country.from-etk.txt"},
              {&src.type_name, &src.type, "GDELT.CAMEO.type.from-etk.txt"},
              {&src.knowngroup_name, &src.knowngroup, "GDELT.CAMEO.knowngroup.from-etk.txt"},
              {&src.religion_name, &src.religion, "GDELT.CAMEO.religion.from-etk.txt"},
              {&src.ethnic_name, &src.ethnic, "GDELT.CAMEO.ethnic.from-etk.txt"},
              {&src.plover_scores_name, &src.plover_scores, "plover_scores.tsv"},
              {&src.plover_types_name, &src.plover_types, "plover_event_types.tsv"}};
  std::vector<std::unique_ptr<std::ifstream>> files;
  std::vector<std::string> notes;
  for (auto& o : opts) {
    *o.name = path(o.file);
    auto f = std::make_unique<std::ifstream>(*o.name, std::ios::binary);
    if (!*f) {
      notes.push_back(*o.name + ": not found; that part of the table stays empty");
      continue;
    }
    *o.slot = f.get();
    files.push_back(std::move(f));
  }
  return Build(src, options, notes);
}

const CameoCode* CameoTable::Find(std::string_view code) const {
  int slot = CodeSlot(code);
  if (slot < 0) return nullptr;
  int i = rep_->index[slot];
  return i < 0 ? nullptr : &rep_->codes[i];
}

CameoLookup CameoTable::Lookup(std::string_view code) const {
  CameoLookup r;
  if (CodeSlot(code) < 0) return r;
  if ((r.entry = Find(code))) {
    r.exact = true;
    return r;
  }
  if (code.size() == 4 && (r.entry = Find(code.substr(0, 3)))) return r;
  r.entry = Find(code.substr(0, 2));
  return r;
}

const std::vector<const CameoCode*>& CameoTable::entries() const { return rep_->ordered; }
size_t CameoTable::size() const { return rep_->codes.size(); }
GoldsteinScale CameoTable::scale() const { return rep_->options.scale; }
uint64_t CameoTable::skipped_rows() const { return rep_->skipped; }
const std::vector<std::string>& CameoTable::issues() const { return rep_->issues; }

double CameoTable::Goldstein(std::string_view code, GoldsteinScale scale) const {
  CameoLookup l = Lookup(code);
  return l.ok() ? l.entry->goldstein[static_cast<int>(scale)] : kNaN;
}

double CameoTable::PloverIntensity(std::string_view type, std::string_view mode) const {
  std::string key = Upper(type);
  if (!mode.empty()) {
    std::string km = key;
    km.push_back(':');
    km.append(Lower(mode));
    auto it = rep_->plover_scores.find(km);
    if (it != rep_->plover_scores.end()) return it->second;
  }
  auto it = rep_->plover_scores.find(key);
  return it == rep_->plover_scores.end() ? kNaN : it->second;
}

std::string_view CameoTable::PloverQuad(std::string_view type) const {
  auto it = rep_->plover_quads.find(Upper(type));
  return it == rep_->plover_quads.end() ? std::string_view() : std::string_view(it->second);
}

bool CameoTable::IsCountry(std::string_view chunk) const {
  int s = ChunkSlot(chunk);
  return s >= 0 && (rep_->chunk_kinds[s] & kCountry);
}

std::string_view CameoTable::ActorLabel(std::string_view chunk) const {
  int s = ChunkSlot(chunk);
  if (s < 0) return {};
  for (int k = 0; k < kNumKinds; ++k) {
    if (rep_->chunk_kinds[s] & (1 << k)) {
      auto it = rep_->labels[k].find(s);
      if (it != rep_->labels[k].end()) return it->second;
    }
  }
  return {};
}

ActorParts CameoTable::SplitActor(std::string_view code) const {
  ActorParts p;
  std::string* types[3] = {&p.type1, &p.type2, &p.type3};
  int ntypes = 0;
  for (size_t i = 0; i < code.size(); i += 3) {
    std::string_view chunk = code.substr(i, 3);
    if (chunk == "---") continue;  // PETRARCH's "unknown" placeholder
    int slot = ChunkSlot(chunk);
    uint8_t k = slot < 0 ? 0 : rep_->chunk_kinds[slot];
    if (i == 0 && (k & kCountry)) {
      p.country = std::string(chunk);
      continue;
    }
    // A chunk in both the type and the known-group tables (UNO, AMN, IRC)
    // names an organisation: known group first.
    if ((k & kGroup) && p.known_group.empty()) {
      p.known_group = std::string(chunk);
      continue;
    }
    if ((k & kType) && ntypes < 3) {
      *types[ntypes++] = std::string(chunk);
      continue;
    }
    if ((k & kReligion) && p.religion2.empty()) {
      (p.religion1.empty() ? p.religion1 : p.religion2) = std::string(chunk);
      continue;
    }
    if ((k & kEthnic) && p.ethnic.empty()) {
      p.ethnic = std::string(chunk);
      continue;
    }
    p.other.append(chunk);
    if (!(k & (kCountry | kType | kGroup))) p.unknown = true;
  }
  return p;
}

bool CameoTable::Enrich(Event* e) const {
  e->source_parts = SplitActor(e->source_actor);
  e->target_parts = SplitActor(e->target_actor);
  e->goldstein_scale = rep_->options.scale;
  CameoLookup l = Lookup(e->code);
  if (!l.ok()) {
    e->root_code.clear();
    e->base_code.clear();
    e->code_name.clear();
    e->code_resolved.clear();
    e->code_fallback = false;
    e->quad_class = kQuadUnknown;
    e->penta_class = -1;
    e->goldstein = kNaN;
    e->plover_type.clear();
    e->plover_mode.clear();
    e->plover_context.clear();
    return false;
  }
  const CameoCode& c = *l.entry;
  std::string_view code = e->code;
  e->root_code = std::string(code.substr(0, 2));
  e->base_code = std::string(code.substr(0, std::min<size_t>(3, code.size())));
  e->code_name = c.name;
  e->code_resolved = c.code;
  e->code_fallback = !l.exact;
  e->quad_class = c.quad_class;
  e->penta_class = c.penta_class;
  e->goldstein = c.goldstein[static_cast<int>(rep_->options.scale)];
  e->plover_type = c.plover_type;
  e->plover_mode = c.plover_mode;
  e->plover_context = c.plover_context;
  return true;
}

}  // namespace entente
