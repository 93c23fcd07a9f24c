// entente network | trend | blocs | report: signed networks of states per
// time window, dyad trends, blocs over time and the HTML report, from coded
// events (--events JSONL or --db) or from ATOP + MID tables.
//
//   entente network --events E.jsonl --window 1y [--format json|csv|graphml -o PATH]
//   entente network --atop A.csv --mid M.csv [--first-year 1990 --last-year 2014]
//   entente trend CHN PRK --events E.jsonl [--pair USA,KOR ...] [--json]
//   entente blocs (--events E.jsonl | --atop A --mid M) --window 1y [--k 2] [--json]
//   entente report (--events E.jsonl | --atop A --mid M) -o report.html
#include <algorithm>
#include <cstdio>
#include <iostream>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>

#include "command.h"
#include "entente/alliances.h"
#include "entente/pipeline.h"
#include "entente/store.h"
#include "entente/report.h"
#include "entente/trend.h"

namespace {

using namespace entente;

struct Args {
  std::string events, db, atop, mid, cow_map;  // cow_map "" = DataDir()/alliances/cow_iso3.csv
  std::string window = "1y", step;        // "1y", "6m", "2y"; step "" = window (tumbling)
  int window_months = 12, step_months = 0, min_events = 3;
  std::string sign = "goldstein", mixed = "net";
  double majority_share = 2.0 / 3.0;
  std::string actors;
  std::string issues;  // --issue: keep only events whose sentence names one of these issue codes
  bool agents = false;
  int first_year = 0, last_year = 0;
  std::string provisions = "defense,offense,consul", both = "conflict-wins";
  int min_hostility = 2;
  std::string format = "json", out;
  // trend
  std::vector<std::string> pairs;
  std::string measure = "share";
  int resamples = 1000;
  double level = 0.95;
  uint64_t seed = 1;
  int trend_min_events = 1;
  // blocs
  int k = 2, solutions = 20, delta = 0;
  double time_limit = 60;
  bool json = false;
  std::string title = "entente report";
  std::string focus;                     // --show
  std::vector<std::string> ab;           // trend A B
};

std::vector<std::string> SplitList(const std::string& s) {
  std::vector<std::string> out;
  std::string cur;
  for (char c : s) {
    if (c == ',') {
      if (!cur.empty()) out.push_back(cur);
      cur.clear();
    } else if (c != ' ') {
      cur += c;
    }
  }
  if (!cur.empty()) out.push_back(cur);
  return out;
}

void AddNetworkOptions(CLI::App* sub, Args* a) {
  sub->add_option("--events", a->events, "events JSONL file");
  sub->add_option("--db", a->db, "SQLite event store (entente code --db / entente ingest)");
  sub->add_option("--atop", a->atop, "ATOP dyad-year or spell CSV (with --mid)");
  sub->add_option("--mid", a->mid, "CoW MID dyad-year CSV (with --atop)");
  sub->add_option("--cow-map", a->cow_map, "CoW -> ISO3/CAMEO table")->capture_default_str();
  sub->add_option("--window", a->window, "Window length: Ny (years) or Nm (months)")->capture_default_str();
  sub->add_option("--step", a->step, "Window step, Ny or Nm (default: the window length, i.e. tumbling windows)")
      ->capture_default_str();
  sub->add_option("--sign", a->sign, "goldstein | quad")->capture_default_str();
  sub->add_option("--mixed", a->mixed, "net | drop | majority | conflict-wins")->capture_default_str();
  sub->add_option("--majority-share", a->majority_share, "share the majority rule needs")->capture_default_str();
  sub->add_option("--min-events", a->min_events, "signed events per dyad and window")->capture_default_str();
  sub->add_option("--actors", a->actors, "comma-separated actors/states to keep (default all)");
  sub->add_option("--issue", a->issues,
                  "events only: keep the events whose sentence names one of these issue codes "
                  "(comma-separated, e.g. NUCLEAR_WEAPONS; see entente code's issues)");
  sub->add_flag("--agents", a->agents, "country+type actors (CHNGOV) instead of countries");
  sub->add_option("--first-year", a->first_year, "first year (events: optional; ATOP/MID default 1816)");
  sub->add_option("--last-year", a->last_year, "last year (events: optional; ATOP/MID default 2018)");
  sub->add_option("--provisions", a->provisions, "ATOP provisions counted as +")->capture_default_str();
  sub->add_option("--min-hostility", a->min_hostility, "MID hostility level counted as -")->capture_default_str();
  sub->add_option("--both", a->both, "alliance and MID in one year: conflict-wins | alliance-wins | drop")
      ->capture_default_str();
}

int Fail(const Status& s) {
  std::cerr << "entente: " << s.ToString() << "\n";
  return s.code() == Code::kInvalidArgument ? cli::kExitUsage : cli::kExitFatal;
}

// "1y" -> 12, "6m" -> 6, "2y" -> 24.
Result<int> ParseMonths(const std::string& s) {
  if (s.size() < 2 || (s.back() != 'y' && s.back() != 'm'))
    return Status(Code::kInvalidArgument, "a window is Ny or Nm (e.g. 1y, 6m): '" + s + "'");
  int n = 0;
  for (size_t i = 0; i + 1 < s.size(); ++i) {
    if (s[i] < '0' || s[i] > '9' || n > 1000)
      return Status(Code::kInvalidArgument, "a window is Ny or Nm (e.g. 1y, 6m): '" + s + "'");
    n = n * 10 + (s[i] - '0');
  }
  if (n <= 0) return Status(Code::kInvalidArgument, "a window must be positive: '" + s + "'");
  return s.back() == 'y' ? n * 12 : n;
}

// Resolves --window/--step into months.
Status ResolveWindow(Args* a) {
  Result<int> w = ParseMonths(a->window);
  if (!w.ok()) return w.status();
  a->window_months = *w;
  a->step_months = 0;
  if (!a->step.empty()) {
    Result<int> st = ParseMonths(a->step);
    if (!st.ok()) return st.status();
    a->step_months = *st;
  }
  if (a->cow_map.empty()) a->cow_map = DataDir() + "/alliances/cow_iso3.csv";
  return Status::OK();
}

// Events from --db (the SQLite store) or --events (JSONL); bad JSONL lines
// are reported, skipped and counted.
Result<std::vector<Event>> ReadAllEvents(const Args& a) {
  if (!a.db.empty() && !a.events.empty())
    return Status(Code::kInvalidArgument, "give --events or --db, not both");
  if (!a.db.empty()) {
    StoreOptions so;
    so.read_only = true;
    auto store = EventStore::Open(a.db, so);
    if (!store.ok()) return store.status();
    return ReadEvents(**store);
  }
  uint64_t skipped = 0;
  auto report = [](const Status& s) { std::cerr << "entente: " << s.ToString() << "\n"; };
  Result<std::vector<Event>> ev = ReadEventsJsonl(a.events, &skipped, report);
  if (ev.ok() && skipped) std::cerr << "entente: " << a.events << ": " << skipped << " bad lines skipped\n";
  return ev;
}

// ReadAllEvents, then with --issue only the events whose sentence names one
// of the issue codes (Event::issues); how many were kept goes to stderr.
Result<std::vector<Event>> LoadEvents(const Args& a) {
  Result<std::vector<Event>> ev = ReadAllEvents(a);
  const std::vector<std::string> wanted = SplitList(a.issues);
  if (!ev.ok() || wanted.empty()) return ev;
  const size_t before = ev->size();
  std::erase_if(*ev, [&](const Event& e) {
    for (const IssueCount& c : e.issues)
      if (std::find(wanted.begin(), wanted.end(), c.code) != wanted.end()) return false;
    return true;
  });
  std::cerr << "entente: --issue " << a.issues << ": " << ev->size() << " of " << before << " events kept\n";
  return ev;
}

// Loads the networks (and the events, for trends) from the arguments.
Status Load(const Args& a, std::vector<Event>* events, NetworkSeries* series) {
  auto report = [](const Status& s) { std::cerr << "entente: " << s.ToString() << "\n"; };
  if (!a.issues.empty() && a.events.empty() && a.db.empty())
    return Status(Code::kInvalidArgument, "--issue filters events: give --events or --db");
  if (!a.events.empty() || !a.db.empty()) {
    Result<std::vector<Event>> ev = LoadEvents(a);
    if (!ev.ok()) return ev.status();
    *events = std::move(ev).value();
    NetworkOptions o;
    o.window.months = a.window_months;
    o.window.step_months = a.step_months;
    Result<SignSource> sign = ParseSignSource(a.sign);
    if (!sign.ok()) return sign.status();
    Result<MixedRule> mixed = ParseMixedRule(a.mixed);
    if (!mixed.ok()) return mixed.status();
    o.sign = *sign;
    o.mixed = *mixed;
    o.majority_share = a.majority_share;
    o.min_events = a.min_events;
    o.actors = SplitList(a.actors);
    o.level = a.agents ? ActorLevel::kCountryType : ActorLevel::kCountry;
    if (a.first_year > 0) o.first_month = a.first_year * 12;
    if (a.last_year > 0) o.last_month = a.last_year * 12 + 11;
    if (a.first_year > 0) o.window.anchor_month = a.first_year * 12;
    Result<NetworkSeries> s = BuildSignedNetworks(*events, o);
    if (!s.ok()) return s.status();
    *series = std::move(s).value();
    return Status::OK();
  }
  if (a.atop.empty() || a.mid.empty())
    return Status(Code::kInvalidArgument, "give --events FILE or --db FILE, or --atop FILE and --mid FILE");
  TableStats as, ms;
  Result<std::vector<AllianceSpell>> al = ReadAtop(a.atop, &as, report);
  if (!al.ok()) return al.status();
  Result<std::vector<DisputeYear>> di = ReadMid(a.mid, &ms, report);
  if (!di.ok()) return di.status();
  Result<CowCountryMap> map = CowCountryMap::Read(a.cow_map, report);
  if (!map.ok()) return map.status();
  AllianceOptions o;
  Result<uint32_t> prov = ParseAtopProvisions(a.provisions);
  if (!prov.ok()) return prov.status();
  Result<AllianceConflictRule> both = ParseAllianceConflictRule(a.both);
  if (!both.ok()) return both.status();
  o.positive = *prov;
  o.both = *both;
  o.min_hostility = a.min_hostility;
  if (a.first_year > 0) o.first_year = a.first_year;
  if (a.last_year > 0) o.last_year = a.last_year;
  o.states = SplitList(a.actors);
  Result<NetworkSeries> s = BuildAllianceNetworks(*al, *di, *map, o);
  if (!s.ok()) return s.status();
  *series = std::move(s).value();
  series->settings.emplace_back("atop_file", a.atop + " (" + std::to_string(as.rows) + " rows, " +
                                                 std::to_string(as.skipped) + " skipped)");
  series->settings.emplace_back("mid_file", a.mid + " (" + std::to_string(ms.rows) + " rows, " +
                                                std::to_string(ms.skipped) + " skipped)");
  return Status::OK();
}

Status Emit(const std::string& out, const std::string& text) {
  if (out.empty() || out == "-") {
    std::fwrite(text.data(), 1, text.size(), stdout);
    return Status::OK();
  }
  return WriteTextFile(out, text);
}

Result<TrendOptions> MakeTrendOptions(const Args& a) {
  TrendOptions t;
  t.window.months = a.window_months;
  t.window.step_months = a.step_months;
  t.level = a.agents ? ActorLevel::kCountryType : ActorLevel::kCountry;
  Result<TrendMeasure> m = ParseTrendMeasure(a.measure);
  if (!m.ok()) return m.status();
  t.measure = *m;
  t.resamples = a.resamples;
  t.level_ci = a.level;
  t.seed = a.seed;
  t.min_events = a.trend_min_events;
  if (a.first_year > 0) {
    t.first_month = a.first_year * 12;
    t.window.anchor_month = a.first_year * 12;
  }
  if (a.last_year > 0) t.last_month = a.last_year * 12 + 11;
  return t;
}

Result<std::vector<TrendResult>> RunTrends(const Args& a, const std::vector<Event>& events,
                                           std::vector<std::string> pairs) {
  Result<TrendOptions> t = MakeTrendOptions(a);
  if (!t.ok()) return t.status();
  std::vector<TrendResult> out;
  for (const std::string& p : pairs) {
    std::vector<std::string> ab = SplitList(p);
    if (ab.size() != 2) return Status(Code::kInvalidArgument, "--pair wants A,B: '" + p + "'");
    Result<TrendResult> r = Trend(events, ab[0], ab[1], *t);
    if (!r.ok()) return r.status();
    out.push_back(std::move(r).value());
  }
  return out;
}

BlocsOptions MakeBlocsOptions(const Args& a) {
  BlocsOptions b;
  b.k = a.k;
  b.solutions = a.solutions;
  b.delta = a.delta;
  b.seed = a.seed;
  b.frustration.time_limit_s = a.time_limit;
  return b;
}

void PrintBlocs(const std::vector<BlocWindow>& ws, const std::vector<std::string>& focus) {
  std::printf("%-22s %5s %6s %5s %5s %7s %4s  blocs (stability)\n", "window", "nodes", "edges", "neg",
              "L", "F", "opt");
  for (const BlocWindow& w : ws) {
    std::string blocs;
    for (size_t v = 0; v < w.names.size(); ++v) {
      if (!focus.empty()) {
        bool keep = false;
        for (const auto& f : focus) keep = keep || f == w.names[v];
        if (!keep) continue;
      }
      char buf[96];
      std::snprintf(buf, sizeof buf, " %s:%d(%.2f)", w.names[v].c_str(), w.bloc[v], w.stability[v]);
      blocs += buf;
    }
    std::printf("%-22s %5zu %6zu %5zu %5lld %7.3f %4s %s\n", w.window.label.c_str(), w.nodes, w.edges,
                w.negative, static_cast<long long>(w.L), w.F, w.optimal ? "yes" : "no", blocs.c_str());
  }
}

int RunNetwork(Args a) {
  if (Status st = ResolveWindow(&a); !st.ok()) return Fail(st);
  std::vector<Event> events;
  NetworkSeries series;
  if (Status st = Load(a, &events, &series); !st.ok()) return Fail(st);
  Status st;
  if (a.format == "json") {
    st = Emit(a.out, NetworkSeriesToJson(series));
  } else if (a.format == "csv") {
    st = Emit(a.out, NetworkSeriesToCsv(series));
  } else {  // graphml
    if (a.out.empty()) return Fail(Status(Code::kInvalidArgument, "--format graphml needs -o PREFIX"));
    for (const WindowNetwork& w : series.windows) {
      st = WriteTextFile(a.out + w.window.label + ".graphml", GraphToGraphML(w.graph));
      if (!st.ok()) break;
    }
  }
  return st.ok() ? cli::kExitOk : Fail(st);
}

int RunTrend(Args a) {
  if (Status st = ResolveWindow(&a); !st.ok()) return Fail(st);
  if (a.ab.size() == 2) a.pairs.insert(a.pairs.begin(), a.ab[0] + "," + a.ab[1]);
  if (a.pairs.empty()) return Fail(Status(Code::kInvalidArgument, "name two actors: entente trend A B"));
  if (a.events.empty() && a.db.empty()) return Fail(Status(Code::kInvalidArgument, "give --events FILE or --db FILE"));
  Result<std::vector<Event>> ev = LoadEvents(a);
  if (!ev.ok()) return Fail(ev.status());
  Result<std::vector<TrendResult>> rs = RunTrends(a, *ev, a.pairs);
  if (!rs.ok()) return Fail(rs.status());
  for (const TrendResult& r : *rs) {
    if (a.json) {
      std::cout << TrendToJson(r);
      continue;
    }
    std::printf("%s\n", r.verdict_text.c_str());
    for (const TrendPoint& p : r.points)
      std::printf("  %-22s events %6llu  coop %6llu  conflict %6llu  all %8llu  value %s\n",
                  p.window.label.c_str(), static_cast<unsigned long long>(p.dyad_events),
                  static_cast<unsigned long long>(p.cooperation), static_cast<unsigned long long>(p.conflict),
                  static_cast<unsigned long long>(p.all_events), p.included ? std::to_string(p.value).c_str() : "-");
  }
  return cli::kExitOk;
}

int RunBlocs(Args a, bool report) {
  if (Status st = ResolveWindow(&a); !st.ok()) return Fail(st);
  std::vector<Event> events;
  NetworkSeries series;
  if (Status st = Load(a, &events, &series); !st.ok()) return Fail(st);
  Result<std::vector<BlocWindow>> blocs = BlocsOverTime(series, MakeBlocsOptions(a));
  if (!blocs.ok()) return Fail(blocs.status());
  if (!report) {
    if (a.json)
      std::cout << BlocWindowsToJson(*blocs);
    else
      PrintBlocs(*blocs, SplitList(a.focus));
    return cli::kExitOk;
  }
  ReportInput in;
  in.title = a.title;
  in.actors = a.focus.empty() ? DefaultReportActors() : SplitList(a.focus);
  in.series = &series;
  in.blocs = &*blocs;
  if (!events.empty() && !a.pairs.empty()) {
    Result<std::vector<TrendResult>> rs = RunTrends(a, events, a.pairs);
    if (!rs.ok()) return Fail(rs.status());
    in.trends = std::move(rs).value();
  }
  if (Status ws = WriteHtmlReport(a.out, in); !ws.ok()) return Fail(ws);
  std::cerr << "entente report: wrote " << a.out << "\n";
  return cli::kExitOk;
}

void AddTrendOptions(CLI::App* sub, Args* a) {
  sub->add_option("--measure", a->measure, "share | per1000")->capture_default_str();
  sub->add_option("--resamples", a->resamples, "Bootstrap resamples of articles")->capture_default_str();
  sub->add_option("--seed", a->seed, "Random seed (same seed, same numbers)")->capture_default_str();
}

void AddBlocOptions(CLI::App* sub, Args* a) {
  sub->add_option("--k", a->k, "Number of blocs (2: exact frustration index)")->capture_default_str();
  sub->add_option("--solutions", a->solutions, "Heuristic reruns used to measure bloc stability")->capture_default_str();
  sub->add_option("--delta", a->delta, "Near-optimal slack (frustrated edges above L) for stability")
      ->capture_default_str();
  sub->add_option("--time-limit", a->time_limit, "Exact solver time limit per window (s)")->capture_default_str();
}

}  // namespace

namespace entente::cli {

CLI::App* AddNetworkCommand(CLI::App& app, Runner* run) {
  auto a = std::make_shared<Args>();
  CLI::App* sub = app.add_subcommand("network", "Signed networks of actors per time window, from events or ATOP + MID");
  AddNetworkOptions(sub, a.get());
  sub->add_option("--format", a->format, "json, csv (from,to,sign,weight per window) or graphml")
      ->check(CLI::IsMember({"json", "csv", "graphml"}))
      ->capture_default_str();
  sub->add_option("-o,--out", a->out, "Output file (graphml: a path prefix, one file per window); default stdout");
  *run = [a] { return RunNetwork(*a); };
  return sub;
}

CLI::App* AddTrendCommand(CLI::App& app, Runner* run) {
  auto a = std::make_shared<Args>();
  CLI::App* sub = app.add_subcommand("trend", "Is the A-B relationship strengthening? Slope with a bootstrap interval");
  sub->add_option("actors", a->ab, "Two actors, e.g. CHN PRK")->expected(2);
  sub->add_option("--events", a->events, "Events JSONL (entente code output)");
  sub->add_option("--db", a->db, "SQLite event store (entente code --db / entente ingest)");
  sub->add_option("--pair", a->pairs, "More pairs A,B (repeatable)");
  sub->add_option("--issue", a->issues,
                  "Keep the events whose sentence names one of these issue codes (comma-separated); "
                  "the share is then among those events");
  sub->add_option("--window", a->window, "Window length: Ny or Nm")->capture_default_str();
  sub->add_option("--step", a->step, "Window step (default: the window length)");
  sub->add_option("--level", a->level, "Interval coverage")->capture_default_str();
  sub->add_option("--min-events", a->trend_min_events, "A-B events a window needs to count")->capture_default_str();
  sub->add_option("--first-year", a->first_year, "First year");
  sub->add_option("--last-year", a->last_year, "Last year");
  sub->add_flag("--agents", a->agents, "Country+type actors (CHNGOV) instead of countries");
  sub->add_flag("--json", a->json, "JSON output");
  AddTrendOptions(sub, a.get());
  *run = [a] { return RunTrend(*a); };
  return sub;
}

CLI::App* AddBlocsCommand(CLI::App& app, Runner* run) {
  auto a = std::make_shared<Args>();
  CLI::App* sub = app.add_subcommand("blocs", "Blocs, frustration F and bloc stability per time window");
  AddNetworkOptions(sub, a.get());
  AddBlocOptions(sub, a.get());
  sub->add_option("--seed", a->seed, "Random seed")->capture_default_str();
  sub->add_option("--show", a->focus, "States to print, comma-separated (default all)");
  sub->add_flag("--json", a->json, "JSON output");
  *run = [a] { return RunBlocs(*a, false); };
  return sub;
}

CLI::App* AddReportCommand(CLI::App& app, Runner* run) {
  auto a = std::make_shared<Args>();
  CLI::App* sub = app.add_subcommand("report", "Self-contained HTML report: dyad trends, F over time, bloc networks");
  AddNetworkOptions(sub, a.get());
  AddBlocOptions(sub, a.get());
  AddTrendOptions(sub, a.get());
  sub->add_option("--pair", a->pairs, "A,B trend to plot (repeatable; events only)");
  sub->add_option("--show", a->focus, "Actors drawn (default CHN,PRK,RUS,USA,KOR,JPN,NATO)");
  sub->add_option("--title", a->title, "Page title")->capture_default_str();
  sub->add_option("-o,--out", a->out, "HTML file")->required();
  *run = [a] { return RunBlocs(*a, true); };
  return sub;
}

}  // namespace entente::cli
