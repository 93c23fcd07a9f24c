// Signed networks from coded events: windows, actor keys, sign rules.
#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <sstream>
#include <unordered_map>

#include <nlohmann/json.hpp>

#include "entente/alliances.h"
#include "network_build_internal.h"

namespace entente {
namespace netbuild {

Result<std::string> ReadWholeFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status(Code::kNotFound, path + ": cannot open");
  std::ostringstream ss;
  ss << in.rdbuf();
  if (in.bad()) return Status(Code::kIoError, path + ": read failed");
  return ss.str();
}

bool ParseInt(std::string_view s, int* out) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  if (s.empty()) return false;
  bool neg = false;
  size_t i = 0;
  if (s[0] == '-' || s[0] == '+') {
    neg = s[0] == '-';
    i = 1;
  }
  if (i >= s.size()) return false;
  long v = 0;
  for (; i < s.size(); ++i) {
    char c = s[i];
    if (c == '.') {  // accept "12.0"
      for (size_t j = i + 1; j < s.size(); ++j)
        if (s[j] != '0') return false;
      break;
    }
    if (c < '0' || c > '9') return false;
    v = v * 10 + (c - '0');
    if (v > 1000000000L) return false;
  }
  *out = static_cast<int>(neg ? -v : v);
  return true;
}

std::string MonthLabel(int month) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02d", month / 12, month % 12 + 1);
  return buf;
}

std::string Num(double v, int precision) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.*g", precision, v);
  return buf;
}

}  // namespace netbuild

using netbuild::MonthLabel;

// ---------------------------------------------------------------------------
// Windows.

int MonthOfDate(std::string_view d) {
  auto digits = [&](size_t pos, size_t len, int* out) {
    if (pos + len > d.size()) return false;
    int v = 0;
    for (size_t i = pos; i < pos + len; ++i) {
      if (d[i] < '0' || d[i] > '9') return false;
      v = v * 10 + (d[i] - '0');
    }
    *out = v;
    return true;
  };
  int year = 0, month = 0;
  if (!digits(0, 4, &year)) return -1;
  if (d.size() >= 5 && d[4] == '-') {
    if (!digits(5, 2, &month)) return -1;
    if (d.size() > 7) {  // day
      int day = 0;
      if (d[7] != '-' || !digits(8, 2, &day) || day < 1 || day > 31) return -1;
      if (d.size() > 10 && d[10] != 'T' && d[10] != ' ') return -1;
    }
  } else {
    int day = 0;
    if (d.size() != 8 || !digits(4, 2, &month) || !digits(6, 2, &day) || day < 1 || day > 31)
      return -1;
  }
  if (month < 1 || month > 12) return -1;
  return year * 12 + (month - 1);
}

static std::string WindowLabel(int first, int months) {
  if (months == 12 && first % 12 == 0) return std::to_string(first / 12);
  if (months == 1) return MonthLabel(first);
  return MonthLabel(first) + ".." + MonthLabel(first + months - 1);
}

std::vector<TimeWindow> MakeWindows(int min_month, int max_month, const WindowOptions& o) {
  std::vector<TimeWindow> out;
  if (min_month < 0 || min_month > max_month || o.months < 1 || o.step_months < 0) return out;
  const int step = o.step_months == 0 ? o.months : o.step_months;
  const int anchor = o.anchor_month >= 0 ? o.anchor_month : (min_month / 12) * 12;
  if (anchor > max_month) return out;
  for (int s = anchor; s <= max_month; s += step) {
    TimeWindow w;
    w.first_month = s;
    w.end_month = s + o.months;
    w.label = WindowLabel(s, o.months);
    out.push_back(std::move(w));
  }
  return out;
}

void WindowsOfMonth(const std::vector<TimeWindow>& windows, int month, std::vector<int>* out) {
  out->clear();
  if (windows.empty()) return;
  const int anchor = windows[0].first_month;
  const int len = windows[0].end_month - windows[0].first_month;
  const int step = windows.size() > 1 ? windows[1].first_month - windows[0].first_month : len;
  if (month < anchor || step <= 0) return;
  // i*step <= month-anchor < i*step + len
  const int hi = (month - anchor) / step;
  int lo = month - anchor - len + 1;
  lo = lo <= 0 ? 0 : (lo + step - 1) / step;
  for (int i = lo; i <= hi && i < static_cast<int>(windows.size()); ++i) out->push_back(i);
}

// ---------------------------------------------------------------------------
// Actors.

static bool IsUpper3(std::string_view s) {
  return s.size() == 3 && std::isupper(static_cast<unsigned char>(s[0])) &&
         std::isupper(static_cast<unsigned char>(s[1])) &&
         std::isupper(static_cast<unsigned char>(s[2]));
}

// Generic CAMEO actor types and sectors that never start a country code.
static bool IsGenericChunk(std::string_view c) {
  static const char* const kTypes[] = {
      "GOV", "MIL", "REB", "OPP", "PTY", "COP", "JUD", "SPY", "IGO", "NGO", "IMG", "MNC",
      "BUS", "CRM", "CVL", "EDU", "ELI", "ENV", "HLH", "HRI", "LAB", "LEG", "MED", "REF",
      "RAD", "MOD", "AGR", "DEV", "UAF", "SEP", "INS", "NGM", "CHR", "MUS", "JEW", "BUD",
      "HIN", "REL", "UIS", "SET", "IRC", "AMN", "UNO"};
  for (const char* t : kTypes)
    if (c == t) return true;
  return false;
}

static std::string GroupName(std::string_view group) {
  if (group == "NAT") return "NATO";
  return std::string(group);
}

std::string ActorKey(std::string_view code, const ActorParts& parts, ActorLevel level) {
  if (!parts.country.empty()) {
    std::string key = parts.country;
    if (level == ActorLevel::kCountryType && !parts.type1.empty()) key += parts.type1;
    return key;
  }
  if (!parts.known_group.empty()) return GroupName(parts.known_group);
  if (code.size() < 3) return "";
  std::string_view first = code.substr(0, 3);
  if (!IsUpper3(first)) return "";
  if (!IsGenericChunk(first)) {
    std::string key(first);
    if (level == ActorLevel::kCountryType && code.size() >= 6) {
      std::string_view t = code.substr(3, 3);
      if (IsUpper3(t)) key.append(t);
    }
    return key;
  }
  if (first == "IGO" || first == "NGO" || first == "IMG") {
    for (size_t i = 3; i + 3 <= code.size(); i += 3)
      if (code.substr(i, 3) == "NAT") return "NATO";
    // Other IGOs: the last known chunk names the organisation (IGOUNO -> UNO).
    if (code.size() >= 6) return std::string(code.substr(code.size() - 3));
  }
  return "";
}

// ---------------------------------------------------------------------------
// Names.

std::string_view SignSourceName(SignSource s) {
  return s == SignSource::kGoldstein ? "goldstein" : "quad";
}
std::string_view MixedRuleName(MixedRule r) {
  switch (r) {
    case MixedRule::kNet: return "net";
    case MixedRule::kDrop: return "drop";
    case MixedRule::kMajority: return "majority";
    case MixedRule::kConflictWins: return "conflict-wins";
  }
  return "?";
}
Result<SignSource> ParseSignSource(std::string_view n) {
  if (n == "goldstein") return SignSource::kGoldstein;
  if (n == "quad" || n == "quadclass" || n == "quad-class") return SignSource::kQuadClass;
  return Status(Code::kInvalidArgument, "unknown sign source '" + std::string(n) +
                                            "' (goldstein, quad)");
}
Result<MixedRule> ParseMixedRule(std::string_view n) {
  if (n == "net") return MixedRule::kNet;
  if (n == "drop") return MixedRule::kDrop;
  if (n == "majority") return MixedRule::kMajority;
  if (n == "conflict-wins" || n == "conflict") return MixedRule::kConflictWins;
  return Status(Code::kInvalidArgument, "unknown mixed-dyad rule '" + std::string(n) +
                                            "' (net, drop, majority, conflict-wins)");
}

// ---------------------------------------------------------------------------
// Building.

namespace {

struct DyadAcc {
  uint32_t a = 0, b = 0;  // global actor ids, order of first appearance in the dyad
  uint32_t events = 0, pos = 0, neg = 0;
  double score = 0;
};

struct WindowAcc {
  std::unordered_map<uint64_t, uint32_t> index;
  std::vector<DyadAcc> dyads;
  uint64_t events = 0;
};

std::string JoinNames(const std::vector<std::string>& v) {
  std::string s;
  for (const auto& x : v) {
    if (!s.empty()) s += ',';
    s += x;
  }
  return s.empty() ? "all" : s;
}

}  // namespace

Result<NetworkSeries> BuildSignedNetworks(const std::vector<Event>& events,
                                          const NetworkOptions& o) {
  if (o.window.months < 1 || o.window.step_months < 0)
    return Status(Code::kInvalidArgument, "window months must be >= 1 and step >= 0");
  if (o.min_events < 1) return Status(Code::kInvalidArgument, "min_events must be >= 1");
  if (o.mixed == MixedRule::kMajority && !(o.majority_share > 0.5 && o.majority_share <= 1))
    return Status(Code::kInvalidArgument, "majority_share must be in (0.5, 1]");

  NetworkSeries out;
  out.input = events.size();
  const int step = o.window.step_months == 0 ? o.window.months : o.window.step_months;
  out.settings = {
      {"source", "events"},
      {"window_months", std::to_string(o.window.months)},
      {"step_months", std::to_string(step)},
      {"windows", step == o.window.months ? "tumbling" : (step < o.window.months ? "sliding" : "gapped")},
      {"anchor", o.window.anchor_month >= 0 ? MonthLabel(o.window.anchor_month)
                                            : "january of the first year"},
      {"actor_level", o.level == ActorLevel::kCountry ? "country" : "country+type"},
      {"actors", JoinNames(o.actors)},
      {"sign", std::string(SignSourceName(o.sign))},
      {"mixed_rule", std::string(MixedRuleName(o.mixed))},
      {"min_events", std::to_string(o.min_events)},
      {"edge_weight", "signed events"},
  };
  if (o.mixed == MixedRule::kMajority)
    out.settings.emplace_back("majority_share", netbuild::Num(o.majority_share));
  if (o.first_month >= 0) out.settings.emplace_back("first_month", MonthLabel(o.first_month));
  if (o.last_month >= 0) out.settings.emplace_back("last_month", MonthLabel(o.last_month));

  std::unordered_map<std::string, uint32_t> selected;
  for (const auto& a : o.actors) selected.emplace(a, 0);

  // Pass 1: keys and months.
  struct Ref {
    uint32_t event;
    uint32_t a, b;
    int month;
  };
  std::vector<Ref> refs;
  refs.reserve(events.size());
  std::unordered_map<std::string, uint32_t> ids;
  std::vector<std::string> names;
  auto intern = [&](std::string&& k) {
    auto [it, inserted] = ids.emplace(std::move(k), static_cast<uint32_t>(names.size()));
    if (inserted) names.push_back(it->first);
    return it->second;
  };
  int min_month = INT32_MAX, max_month = -1;
  for (size_t i = 0; i < events.size(); ++i) {
    const Event& e = events[i];
    int m = MonthOfDate(e.date);
    if (m < 0) {
      ++out.skipped.bad_date;
      continue;
    }
    if ((o.first_month >= 0 && m < o.first_month) || (o.last_month >= 0 && m > o.last_month)) {
      ++out.skipped.out_of_range;
      continue;
    }
    std::string ka = ActorKey(e.source_actor, e.source_parts, o.level);
    std::string kb = ActorKey(e.target_actor, e.target_parts, o.level);
    if (ka.empty() || kb.empty()) {
      ++out.skipped.no_actor;
      continue;
    }
    if (ka == kb) {
      ++out.skipped.self_dyad;
      continue;
    }
    if (!selected.empty() && (!selected.count(ka) || !selected.count(kb))) {
      ++out.skipped.not_selected;
      continue;
    }
    bool has_sign = o.sign == SignSource::kGoldstein
                        ? (!std::isnan(e.goldstein) && e.goldstein != 0)
                        : (e.quad_class >= 1 && e.quad_class <= 4);
    if (!has_sign) ++out.skipped.unsigned_event;
    refs.push_back({static_cast<uint32_t>(i), intern(std::move(ka)), intern(std::move(kb)), m});
    min_month = std::min(min_month, m);
    max_month = std::max(max_month, m);
  }
  if (refs.empty()) return Status(Code::kEmpty, "no event with a valid date and two actors");

  std::vector<TimeWindow> windows = MakeWindows(min_month, max_month, o.window);
  std::vector<WindowAcc> acc(windows.size());
  std::vector<int> hit;
  for (const Ref& r : refs) {
    WindowsOfMonth(windows, r.month, &hit);
    if (hit.empty()) {
      ++out.skipped.out_of_range;
      continue;
    }
    ++out.used;
    const Event& e = events[r.event];
    int s = 0;  // +1 cooperation, -1 conflict, 0 unsigned
    double score = 0;
    if (o.sign == SignSource::kGoldstein) {
      if (!std::isnan(e.goldstein) && e.goldstein != 0) {
        s = e.goldstein > 0 ? 1 : -1;
        score = e.goldstein;
      }
    } else if (e.quad_class >= 1 && e.quad_class <= 4) {
      s = e.quad_class <= 2 ? 1 : -1;
      score = s;
    }
    uint32_t lo = std::min(r.a, r.b), hi = std::max(r.a, r.b);
    uint64_t key = (static_cast<uint64_t>(lo) << 32) | hi;
    for (int w : hit) {
      WindowAcc& wa = acc[w];
      ++wa.events;
      auto [it, inserted] = wa.index.emplace(key, static_cast<uint32_t>(wa.dyads.size()));
      if (inserted) wa.dyads.push_back(DyadAcc{r.a, r.b});
      DyadAcc& d = wa.dyads[it->second];
      ++d.events;
      if (s > 0) ++d.pos;
      if (s < 0) ++d.neg;
      d.score += score;
    }
  }

  out.windows.resize(windows.size());
  for (size_t w = 0; w < windows.size(); ++w) {
    WindowNetwork& wn = out.windows[w];
    wn.window = windows[w];
    WindowCounts& c = wn.counts;
    c.events = acc[w].events;
    c.dyads = acc[w].dyads.size();
    for (const DyadAcc& d : acc[w].dyads) {
      const uint32_t evidence = d.pos + d.neg;
      const bool mixed = d.pos > 0 && d.neg > 0;
      if (mixed) ++c.mixed;
      if (evidence < static_cast<uint32_t>(o.min_events)) {
        ++c.low_evidence;
        continue;
      }
      int sign = 0;
      const int net = d.score > 0 ? 1 : (d.score < 0 ? -1 : 0);
      switch (o.mixed) {
        case MixedRule::kNet:
          sign = net;
          break;
        case MixedRule::kDrop:
          if (mixed) {
            ++c.dropped_mixed;
            continue;
          }
          sign = net;
          break;
        case MixedRule::kMajority: {
          const double share = static_cast<double>(std::max(d.pos, d.neg)) / evidence;
          if (share + 1e-12 < o.majority_share || d.pos == d.neg) {
            ++c.dropped_mixed;
            continue;
          }
          sign = d.pos > d.neg ? 1 : -1;
          break;
        }
        case MixedRule::kConflictWins:
          sign = d.neg > 0 ? -1 : net;
          break;
      }
      if (sign == 0) {
        ++c.ties;
        continue;
      }
      uint32_t a = wn.graph.AddNode(names[d.a]);
      uint32_t b = wn.graph.AddNode(names[d.b]);
      Status st = wn.graph.AddEdge(a, b, sign, evidence);
      if (!st.ok()) return st;
      DyadEvidence ev;
      ev.events = d.events;
      ev.cooperation = d.pos;
      ev.conflict = d.neg;
      ev.score = d.score;
      wn.evidence.push_back(ev);
      ++c.edges;
      if (mixed) ++c.mixed_kept;
      if (sign > 0)
        ++c.positive;
      else
        ++c.negative;
    }
  }
  return out;
}

Result<std::vector<Event>> ReadEventsJsonl(const std::string& path, uint64_t* skipped,
                                           const NetworkErrorFn& on_error) {
  Result<std::string> text = netbuild::ReadWholeFile(path);
  if (!text.ok()) return text.status();
  std::vector<Event> out;
  uint64_t bad = 0;
  std::string name = path;
  if (size_t slash = name.rfind('/'); slash != std::string::npos) name = name.substr(slash + 1);
  netbuild::ForEachLine(*text, [&](uint64_t line, std::string_view s) {
    size_t p = s.find_first_not_of(" \t");
    if (p == std::string_view::npos) return true;
    Result<Event> e = ParseEventJson(s, name, line);
    if (!e.ok()) {
      ++bad;
      if (on_error) on_error(e.status());
      return true;
    }
    out.push_back(std::move(e).value());
    return true;
  });
  if (skipped) *skipped = bad;
  return out;
}

// ---------------------------------------------------------------------------
// Export.

std::string NetworkSeriesToJson(const NetworkSeries& s) {
  using nlohmann::ordered_json;
  ordered_json j;
  ordered_json settings = ordered_json::object();
  for (const auto& [k, v] : s.settings) settings[k] = v;
  j["settings"] = settings;
  j["input"] = s.input;
  j["used"] = s.used;
  j["skipped"] = {{"bad_date", s.skipped.bad_date},         {"out_of_range", s.skipped.out_of_range},
                  {"no_actor", s.skipped.no_actor},         {"self_dyad", s.skipped.self_dyad},
                  {"not_selected", s.skipped.not_selected}, {"unsigned_event", s.skipped.unsigned_event},
                  {"unmapped", s.skipped.unmapped}};
  ordered_json ws = ordered_json::array();
  for (const WindowNetwork& w : s.windows) {
    ordered_json jw;
    jw["label"] = w.window.label;
    jw["first"] = MonthLabel(w.window.first_month);
    jw["end"] = MonthLabel(w.window.end_month);
    const WindowCounts& c = w.counts;
    jw["counts"] = {{"events", c.events},         {"dyads", c.dyads},
                    {"edges", c.edges},           {"positive", c.positive},
                    {"negative", c.negative},     {"mixed", c.mixed},
                    {"mixed_kept", c.mixed_kept}, {"low_evidence", c.low_evidence},
                    {"dropped_mixed", c.dropped_mixed}, {"ties", c.ties}};
    jw["nodes"] = w.graph.names();
    ordered_json es = ordered_json::array();
    for (size_t i = 0; i < w.graph.edges().size(); ++i) {
      const SignedEdge& e = w.graph.edges()[i];
      ordered_json je = {{"from", w.graph.NodeName(e.u)}, {"to", w.graph.NodeName(e.v)},
                         {"sign", e.sign}, {"weight", e.weight}};
      if (i < w.evidence.size()) {
        je["events"] = w.evidence[i].events;
        je["cooperation"] = w.evidence[i].cooperation;
        je["conflict"] = w.evidence[i].conflict;
        je["score"] = w.evidence[i].score;
      }
      es.push_back(std::move(je));
    }
    jw["edges"] = std::move(es);
    ws.push_back(std::move(jw));
  }
  j["windows"] = std::move(ws);
  return j.dump(1) + "\n";
}

static std::string CsvField(const std::string& s) {
  if (s.find_first_of(",\" ") == std::string::npos) return s;
  std::string q = "\"";
  for (char c : s) {
    if (c == '"') q += '"';
    q += c;
  }
  return q + "\"";
}

std::string NetworkSeriesToCsv(const NetworkSeries& s) {
  std::string out = "window,from,to,sign,weight\n";
  for (const WindowNetwork& w : s.windows) {
    for (const SignedEdge& e : w.graph.edges()) {
      out += CsvField(w.window.label);
      out += ',';
      out += CsvField(w.graph.NodeName(e.u));
      out += ',';
      out += CsvField(w.graph.NodeName(e.v));
      out += e.sign > 0 ? ",1," : ",-1,";
      out += netbuild::Num(e.weight, 10);
      out += '\n';
    }
  }
  return out;
}

}  // namespace entente
