// ATOP alliances, CoW MID disputes, the CoW -> ISO3/CAMEO table, and the
// per-year signed networks built from them.
#include <algorithm>
#include <map>
#include <unordered_map>

#include "entente/alliances.h"
#include "network_build_internal.h"

namespace entente {

using netbuild::ForEachLine;
using netbuild::ParseInt;
using netbuild::SplitCsvLine;

namespace {

struct ProvisionName {
  const char* name;
  uint32_t bit;
};
constexpr ProvisionName kProvisions[] = {
    {"defense", kAtopDefense},         {"offense", kAtopOffense}, {"neutral", kAtopNeutral},
    {"nonagg", kAtopNonaggression},    {"consul", kAtopConsultation}};

std::string Lower(std::string_view s) {
  std::string o(s);
  for (char& c : o)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return o;
}

// Header column lookup: index of the first name in `names` present, or -1.
int Column(const std::vector<std::string>& header, std::initializer_list<const char*> names) {
  for (const char* n : names)
    for (size_t i = 0; i < header.size(); ++i)
      if (Lower(header[i]) == n) return static_cast<int>(i);
  return -1;
}

Status Missing(std::string_view file, std::string_view what) {
  return Status::At(Code::kParseError, file, 1, std::string("header lacks column ") + std::string(what));
}

uint64_t PairKey(int a, int b) {
  return (static_cast<uint64_t>(static_cast<uint32_t>(a)) << 32) | static_cast<uint32_t>(b);
}

}  // namespace

Result<uint32_t> ParseAtopProvisions(std::string_view list) {
  uint32_t bits = 0;
  std::vector<std::string> parts;
  SplitCsvLine(list, &parts);
  for (const std::string& p : parts) {
    std::string n = Lower(p);
    if (n.empty()) continue;
    if (n == "all") {
      bits |= kAtopDefense | kAtopOffense | kAtopNeutral | kAtopNonaggression | kAtopConsultation;
      continue;
    }
    bool found = false;
    for (const auto& pn : kProvisions) {
      if (n == pn.name || n == std::string("atop_") + pn.name) {
        bits |= pn.bit;
        found = true;
      }
    }
    if (!found)
      return Status(Code::kInvalidArgument,
                    "unknown ATOP provision '" + p + "' (defense, offense, neutral, nonagg, consul, all)");
  }
  if (bits == 0) return Status(Code::kInvalidArgument, "no ATOP provision given");
  return bits;
}

std::string AtopProvisionNames(uint32_t bits) {
  std::string s;
  for (const auto& pn : kProvisions) {
    if (!(bits & pn.bit)) continue;
    if (!s.empty()) s += ',';
    s += pn.name;
  }
  return s.empty() ? "none" : s;
}

// ---------------------------------------------------------------------------
// CSV tables with a header line (ATOP, MID, the CoW map).

// Reads `text` (called `name` in messages): blank lines and '#' comments are
// passed over; the first other line is the header, given to on_header, which
// picks its columns and returns its Status (an error ends the read and is
// returned).  Every later line is a row: counted in st->rows, split, checked
// for the header's width, then given to on_row(fields), which returns nullptr
// or why the row is bad.  A bad row is counted in st->skipped and reported
// to on_error as name:line.  No header at all is kEmpty.
template <typename HeaderFn, typename RowFn>
Status ReadCsvTable(std::string_view text, std::string_view name, TableStats* st,
                    const NetworkErrorFn& on_error, HeaderFn&& on_header, RowFn&& on_row) {
  std::vector<std::string> header, f;
  Status header_error;
  ForEachLine(text, [&](uint64_t line, std::string_view s) {
    if (s.empty() || s[0] == '#') return true;
    if (header.empty()) {
      if (!SplitCsvLine(s, &header)) header = {""};
      header_error = on_header(header);
      return header_error.ok();
    }
    ++st->rows;
    const char* why = nullptr;
    if (!SplitCsvLine(s, &f)) {
      why = "unterminated quote";
    } else if (f.size() != header.size()) {
      why = "wrong number of fields";
    } else {
      why = on_row(f);
    }
    if (why) {
      ++st->skipped;
      if (on_error) on_error(Status::At(Code::kParseError, name, line, why));
    }
    return true;
  });
  if (!header_error.ok()) return header_error;
  if (header.empty()) return Status(Code::kEmpty, std::string(name) + ": no header");
  return Status::OK();
}

// ---------------------------------------------------------------------------
// ATOP.

Result<std::vector<AllianceSpell>> ParseAtop(std::string_view text, std::string_view name,
                                             TableStats* stats, const NetworkErrorFn& on_error) {
  TableStats st;
  int c1 = -1, c2 = -1, cy = -1, cfirst = -1, clast = -1;
  int cprov[5] = {-1, -1, -1, -1, -1};
  // (c1, c2) -> year -> bits
  std::unordered_map<uint64_t, std::map<int, uint32_t>> years;
  auto on_header = [&](const std::vector<std::string>& header) {
    c1 = Column(header, {"ccode1", "statea"});
    c2 = Column(header, {"ccode2", "stateb"});
    cy = Column(header, {"year"});
    cfirst = Column(header, {"first_year"});
    clast = Column(header, {"last_year"});
    for (int i = 0; i < 5; ++i) {
      std::string plain = kProvisions[i].name;
      cprov[i] = Column(header, {plain.c_str(), ("atop_" + plain).c_str()});
    }
    if (c1 < 0 || c2 < 0) return Missing(name, "ccode1/ccode2");
    if (cy < 0 && (cfirst < 0 || clast < 0)) return Missing(name, "year (or first_year, last_year)");
    if (cprov[0] < 0 && cprov[1] < 0 && cprov[2] < 0 && cprov[3] < 0 && cprov[4] < 0)
      return Missing(name, "defense/offense/neutral/nonagg/consul");
    return Status::OK();
  };
  auto on_row = [&](const std::vector<std::string>& f) -> const char* {
    int a = 0, b = 0, y0 = 0, y1 = 0;
    if (!ParseInt(f[c1], &a) || !ParseInt(f[c2], &b)) return "bad ccode";
    if (cy >= 0) {
      if (!ParseInt(f[cy], &y0)) return "bad year";
      y1 = y0;
    } else if (!ParseInt(f[cfirst], &y0) || !ParseInt(f[clast], &y1) || y1 < y0) {
      return "bad first_year/last_year";
    }
    if (a == b) return "a state allied with itself";
    uint32_t bits = 0;
    for (int i = 0; i < 5; ++i) {
      if (cprov[i] < 0) continue;
      int v = 0;
      if (f[cprov[i]].empty() || f[cprov[i]] == "NA") continue;
      if (!ParseInt(f[cprov[i]], &v) || (v != 0 && v != 1)) return "provision is not 0/1";
      if (v) bits |= kProvisions[i].bit;
    }
    if (bits == 0) return nullptr;
    if (a > b) std::swap(a, b);
    auto& m = years[PairKey(a, b)];
    for (int y = y0; y <= y1; ++y) m[y] |= bits;
    return nullptr;
  };
  ENTENTE_RETURN_IF_ERROR(ReadCsvTable(text, name, &st, on_error, on_header, on_row));
  std::vector<uint64_t> keys;
  keys.reserve(years.size());
  for (const auto& kv : years) keys.push_back(kv.first);
  std::sort(keys.begin(), keys.end());
  std::vector<AllianceSpell> out;
  for (uint64_t k : keys) {
    const int a = static_cast<int>(k >> 32), b = static_cast<int>(k & 0xffffffffu);
    AllianceSpell cur;
    bool open = false;
    for (const auto& [y, bits] : years[k]) {
      if (open && y == cur.last_year + 1 && bits == cur.provisions) {
        cur.last_year = y;
        continue;
      }
      if (open) out.push_back(cur);
      cur = AllianceSpell{a, b, y, y, bits};
      open = true;
    }
    if (open) out.push_back(cur);
  }
  if (stats) *stats = st;
  return out;
}

Result<std::vector<AllianceSpell>> ReadAtop(const std::string& path, TableStats* stats,
                                            const NetworkErrorFn& on_error) {
  Result<std::string> t = netbuild::ReadWholeFile(path);
  if (!t.ok()) return t.status();
  return ParseAtop(*t, path, stats, on_error);
}

// ---------------------------------------------------------------------------
// MID.

Result<std::vector<DisputeYear>> ParseMid(std::string_view text, std::string_view name,
                                          TableStats* stats, const NetworkErrorFn& on_error) {
  TableStats st;
  int c1 = -1, c2 = -1, cy = -1, ch = -1, cd = -1;
  std::vector<DisputeYear> out;
  auto on_header = [&](const std::vector<std::string>& header) {
    c1 = Column(header, {"ccode1", "statea"});
    c2 = Column(header, {"ccode2", "stateb"});
    cy = Column(header, {"year"});
    ch = Column(header, {"hostlev", "hostility"});
    cd = Column(header, {"dispnum", "dispute"});
    if (c1 < 0 || c2 < 0 || cy < 0 || ch < 0) return Missing(name, "ccode1/ccode2/year/hostlev");
    return Status::OK();
  };
  auto on_row = [&](const std::vector<std::string>& f) -> const char* {
    DisputeYear d;
    if (!ParseInt(f[c1], &d.ccode1) || !ParseInt(f[c2], &d.ccode2)) return "bad ccode";
    if (!ParseInt(f[cy], &d.year)) return "bad year";
    if (!ParseInt(f[ch], &d.hostility) || d.hostility < 1 || d.hostility > 5)
      return "hostility level is not 1..5";
    if (cd >= 0 && !f[cd].empty() && !ParseInt(f[cd], &d.dispute)) return "bad dispnum";
    if (d.ccode1 == d.ccode2) return "a state in dispute with itself";
    if (d.ccode1 > d.ccode2) std::swap(d.ccode1, d.ccode2);
    out.push_back(d);
    return nullptr;
  };
  ENTENTE_RETURN_IF_ERROR(ReadCsvTable(text, name, &st, on_error, on_header, on_row));
  if (stats) *stats = st;
  return out;
}

Result<std::vector<DisputeYear>> ReadMid(const std::string& path, TableStats* stats,
                                         const NetworkErrorFn& on_error) {
  Result<std::string> t = netbuild::ReadWholeFile(path);
  if (!t.ok()) return t.status();
  return ParseMid(*t, path, stats, on_error);
}

// ---------------------------------------------------------------------------
// CoW mapping.

Result<CowCountryMap> CowCountryMap::Parse(std::string_view text, std::string_view name,
                                           const NetworkErrorFn& on_error) {
  CowCountryMap m;
  TableStats st;
  int cc = -1, cabb = -1, cname = -1, ciso = -1, ccameo = -1;
  auto on_header = [&](const std::vector<std::string>& header) {
    cc = Column(header, {"ccode"});
    cabb = Column(header, {"stateabb"});
    cname = Column(header, {"statename", "statenme"});
    ciso = Column(header, {"iso3"});
    ccameo = Column(header, {"cameo"});
    if (cc < 0 || ciso < 0) return Missing(name, "ccode/iso3");
    return Status::OK();
  };
  auto on_row = [&](const std::vector<std::string>& f) -> const char* {
    CowCountry c;
    if (!ParseInt(f[cc], &c.ccode) || c.ccode <= 0) return "bad ccode";
    if (m.by_ccode_.count(c.ccode)) return "duplicate ccode";
    if (cabb >= 0) c.stateabb = f[cabb];
    if (cname >= 0) c.name = f[cname];
    c.iso3 = f[ciso];
    c.cameo = ccameo >= 0 ? f[ccameo] : c.iso3;
    m.by_ccode_[c.ccode] = m.rows_.size();
    m.rows_.push_back(std::move(c));
    return nullptr;
  };
  Status read = ReadCsvTable(text, name, &st, on_error, on_header, on_row);
  if (!read.ok() && read.code() != Code::kEmpty) return read;
  if (m.rows_.empty()) return Status(Code::kEmpty, std::string(name) + ": no mapping rows");
  return m;
}

Result<CowCountryMap> CowCountryMap::Read(const std::string& path, const NetworkErrorFn& on_error) {
  Result<std::string> t = netbuild::ReadWholeFile(path);
  if (!t.ok()) return t.status();
  return Parse(*t, path, on_error);
}

const CowCountry* CowCountryMap::Find(int ccode) const {
  auto it = by_ccode_.find(ccode);
  return it == by_ccode_.end() ? nullptr : &rows_[it->second];
}

std::string CowCountryMap::NodeName(int ccode) const {
  const CowCountry* c = Find(ccode);
  if (c && !c->cameo.empty()) return c->cameo;
  if (c && !c->iso3.empty()) return c->iso3;
  if (c && !c->stateabb.empty()) return "COW:" + c->stateabb;
  return "COW:" + std::to_string(ccode);
}

std::vector<int> CowCountryMap::FindByCode(std::string_view code) const {
  std::vector<int> out;
  for (const CowCountry& c : rows_)
    if ((!c.cameo.empty() ? c.cameo : c.iso3) == code) out.push_back(c.ccode);
  std::sort(out.begin(), out.end());
  return out;
}

// ---------------------------------------------------------------------------
// Networks.

std::string_view AllianceConflictRuleName(AllianceConflictRule r) {
  switch (r) {
    case AllianceConflictRule::kConflictWins: return "conflict-wins";
    case AllianceConflictRule::kAllianceWins: return "alliance-wins";
    case AllianceConflictRule::kDrop: return "drop";
  }
  return "?";
}

Result<AllianceConflictRule> ParseAllianceConflictRule(std::string_view n) {
  if (n == "conflict-wins" || n == "conflict") return AllianceConflictRule::kConflictWins;
  if (n == "alliance-wins" || n == "alliance") return AllianceConflictRule::kAllianceWins;
  if (n == "drop") return AllianceConflictRule::kDrop;
  return Status(Code::kInvalidArgument,
                "unknown rule '" + std::string(n) + "' (conflict-wins, alliance-wins, drop)");
}

Result<NetworkSeries> BuildAllianceNetworks(const std::vector<AllianceSpell>& alliances,
                                            const std::vector<DisputeYear>& disputes,
                                            const CowCountryMap& map, const AllianceOptions& o) {
  if (o.first_year > o.last_year) return Status(Code::kInvalidArgument, "first_year > last_year");
  if (o.last_year - o.first_year > 5000) return Status(Code::kInvalidArgument, "year range too large");
  if (o.positive == 0) return Status(Code::kInvalidArgument, "no ATOP provision counts as positive");
  if (o.min_hostility < 1 || o.min_hostility > 5)
    return Status(Code::kInvalidArgument, "min_hostility must be 1..5");

  NetworkSeries out;
  std::string states;
  for (const auto& s : o.states) states += (states.empty() ? "" : ",") + s;
  out.settings = {
      {"source", "atop+mid"},
      {"window_months", "12"},
      {"step_months", "12"},
      {"windows", "tumbling calendar years"},
      {"actor_level", "state (CoW code mapped to CAMEO/ISO3)"},
      {"actors", states.empty() ? "all" : states},
      {"positive", "ATOP " + AtopProvisionNames(o.positive) + " (either direction)"},
      {"negative", "MID dyad-year with hostility >= " + std::to_string(o.min_hostility)},
      {"both_rule", std::string(AllianceConflictRuleName(o.both))},
      {"years", std::to_string(o.first_year) + ".." + std::to_string(o.last_year)},
      {"edge_weight", "1"},
  };
  out.input = alliances.size() + disputes.size();

  const int nyears = o.last_year - o.first_year + 1;
  // Per year: (ccode1, ccode2) -> (ally, hostility)
  struct Cell {
    bool ally = false;
    int host = 0;
  };
  std::vector<std::unordered_map<uint64_t, Cell>> cells(nyears);
  for (const AllianceSpell& s : alliances) {
    if (!(s.provisions & o.positive)) continue;
    bool used = false;
    for (int y = std::max(s.first_year, o.first_year); y <= std::min(s.last_year, o.last_year); ++y) {
      cells[y - o.first_year][PairKey(std::min(s.ccode1, s.ccode2), std::max(s.ccode1, s.ccode2))].ally = true;
      used = true;
    }
    if (used) ++out.used;
  }
  for (const DisputeYear& d : disputes) {
    if (d.year < o.first_year || d.year > o.last_year || d.hostility < o.min_hostility) continue;
    Cell& c = cells[d.year - o.first_year][PairKey(std::min(d.ccode1, d.ccode2), std::max(d.ccode1, d.ccode2))];
    c.host = std::max(c.host, d.hostility);
    ++out.used;
  }

  std::unordered_map<std::string, int> selected;
  for (const auto& s : o.states) selected.emplace(s, 0);
  std::unordered_map<int, bool> unmapped_seen;

  out.windows.resize(nyears);
  std::vector<std::pair<uint64_t, Cell>> sorted;
  for (int yi = 0; yi < nyears; ++yi) {
    WindowNetwork& wn = out.windows[yi];
    const int year = o.first_year + yi;
    wn.window.first_month = year * 12;
    wn.window.end_month = year * 12 + 12;
    wn.window.label = std::to_string(year);
    sorted.assign(cells[yi].begin(), cells[yi].end());
    std::sort(sorted.begin(), sorted.end(),
              [](const auto& x, const auto& y) { return x.first < y.first; });
    // Merge pairs that map to the same names (255/260 -> DEU).
    std::map<std::pair<std::string, std::string>, Cell> named;
    std::vector<std::pair<std::string, std::string>> order;
    for (const auto& [k, c] : sorted) {
      const int a = static_cast<int>(k >> 32), b = static_cast<int>(k & 0xffffffffu);
      for (int cc : {a, b}) {
        const CowCountry* row = map.Find(cc);
        if ((!row || (row->cameo.empty() && row->iso3.empty())) && !unmapped_seen[cc]) {
          unmapped_seen[cc] = true;
          ++out.skipped.unmapped;  // counted once per state, kept under its COW: name
        }
      }
      std::string na = map.NodeName(a), nb = map.NodeName(b);
      if (na == nb) {
        ++out.skipped.self_dyad;
        continue;
      }
      if (!selected.empty() && (!selected.count(na) || !selected.count(nb))) {
        ++out.skipped.not_selected;
        continue;
      }
      ++wn.counts.events;
      if (nb < na) std::swap(na, nb);
      auto key = std::make_pair(na, nb);
      auto [it, inserted] = named.emplace(key, c);
      if (inserted) {
        order.push_back(key);
      } else {
        it->second.ally = it->second.ally || c.ally;
        it->second.host = std::max(it->second.host, c.host);
      }
    }
    WindowCounts& cnt = wn.counts;
    cnt.dyads = order.size();
    for (const auto& key : order) {
      const Cell& c = named[key];
      const bool mixed = c.ally && c.host > 0;
      int sign = c.ally ? 1 : -1;
      if (mixed) {
        ++cnt.mixed;
        if (o.both == AllianceConflictRule::kDrop) {
          ++cnt.dropped_mixed;
          continue;
        }
        sign = o.both == AllianceConflictRule::kConflictWins ? -1 : 1;
        ++cnt.mixed_kept;
      }
      uint32_t u = wn.graph.AddNode(key.first), v = wn.graph.AddNode(key.second);
      Status st = wn.graph.AddEdge(u, v, sign, 1);
      if (!st.ok()) return st;
      DyadEvidence ev;
      ev.events = (c.ally ? 1 : 0) + (c.host > 0 ? 1 : 0);
      ev.cooperation = c.ally ? 1 : 0;
      ev.conflict = static_cast<uint32_t>(c.host);
      ev.score = sign;
      wn.evidence.push_back(ev);
      ++cnt.edges;
      if (sign > 0)
        ++cnt.positive;
      else
        ++cnt.negative;
    }
  }
  return out;
}

}  // namespace entente
