// entente-alliances: signed networks, dyad trends, blocs over time and the
// HTML report, on an events JSONL file or on ATOP + MID tables.
//
//   entente-alliances network --events E.jsonl [--format json|csv|graphml --out PATH]
//   entente-alliances network --atop A.csv --mid M.csv [--first-year 1990 --last-year 2014]
//   entente-alliances trend   --events E.jsonl --pair CHN,PRK [--pair USA,KOR] [--json]
//   entente-alliances blocs   (--events E.jsonl | --atop A --mid M) [--k 2] [--json]
//   entente-alliances report  (--events E.jsonl | --atop A --mid M) --out report.html
//
// Exit status: 0 success, 1 usage error, 2 input or solver failure.
#include <cstdio>
#include <iostream>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>

#include "entente/alliances.h"
#include "entente/report.h"
#include "entente/trend.h"

namespace {

using namespace entente;

struct Args {
  std::string events, atop, mid, cow_map = std::string(ENTENTE_DATA_DIR) + "/alliances/cow_iso3.csv";
  int window_months = 12, step_months = 0, min_events = 3;
  std::string sign = "goldstein", mixed = "net";
  double majority_share = 2.0 / 3.0;
  std::string actors;
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
  sub->add_option("--atop", a->atop, "ATOP dyad-year or spell CSV (with --mid)");
  sub->add_option("--mid", a->mid, "CoW MID dyad-year CSV (with --atop)");
  sub->add_option("--cow-map", a->cow_map, "CoW -> ISO3/CAMEO table")->capture_default_str();
  sub->add_option("--window-months", a->window_months, "window length in months")->capture_default_str();
  sub->add_option("--step-months", a->step_months, "window step in months (0 = window: tumbling)")
      ->capture_default_str();
  sub->add_option("--sign", a->sign, "goldstein | quad")->capture_default_str();
  sub->add_option("--mixed", a->mixed, "net | drop | majority | conflict-wins")->capture_default_str();
  sub->add_option("--majority-share", a->majority_share, "share the majority rule needs")->capture_default_str();
  sub->add_option("--min-events", a->min_events, "signed events per dyad and window")->capture_default_str();
  sub->add_option("--actors", a->actors, "comma-separated actors/states to keep (default all)");
  sub->add_flag("--agents", a->agents, "country+type actors (CHNGOV) instead of countries");
  sub->add_option("--first-year", a->first_year, "first year (events: optional; ATOP/MID default 1816)");
  sub->add_option("--last-year", a->last_year, "last year (events: optional; ATOP/MID default 2018)");
  sub->add_option("--provisions", a->provisions, "ATOP provisions counted as +")->capture_default_str();
  sub->add_option("--min-hostility", a->min_hostility, "MID hostility level counted as -")->capture_default_str();
  sub->add_option("--both", a->both, "alliance and MID in one year: conflict-wins | alliance-wins | drop")
      ->capture_default_str();
}

int Fail(const Status& s) {
  std::cerr << "entente-alliances: " << s.ToString() << "\n";
  return 2;
}

// Loads the networks (and the events, for trends) from the arguments.
Status Load(const Args& a, std::vector<Event>* events, NetworkSeries* series) {
  auto report = [](const Status& s) { std::cerr << s.ToString() << "\n"; };
  if (!a.events.empty()) {
    uint64_t skipped = 0;
    Result<std::vector<Event>> ev = ReadEventsJsonl(a.events, &skipped, report);
    if (!ev.ok()) return ev.status();
    if (skipped) std::cerr << a.events << ": " << skipped << " bad lines skipped\n";
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
    return Status(Code::kInvalidArgument, "give --events FILE, or --atop FILE and --mid FILE");
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

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"entente-alliances: signed networks, trends, blocs and reports"};
  app.require_subcommand(1);
  Args a;

  CLI::App* net = app.add_subcommand("network", "signed networks per window (JSON, CSV or GraphML)");
  AddNetworkOptions(net, &a);
  net->add_option("--format", a.format, "json | csv | graphml")->capture_default_str();
  net->add_option("--out", a.out, "output file (graphml: a folder prefix, one file per window)");

  CLI::App* tr = app.add_subcommand("trend", "is the A-B relationship strengthening?");
  tr->add_option("--events", a.events, "events JSONL file")->required();
  tr->add_option("--pair", a.pairs, "A,B (repeatable)")->required();
  tr->add_option("--window-months", a.window_months, "window length in months")->capture_default_str();
  tr->add_option("--step-months", a.step_months, "window step (0 = tumbling)")->capture_default_str();
  tr->add_option("--measure", a.measure, "share | per1000")->capture_default_str();
  tr->add_option("--resamples", a.resamples, "bootstrap resamples of articles")->capture_default_str();
  tr->add_option("--level", a.level, "interval coverage")->capture_default_str();
  tr->add_option("--seed", a.seed, "bootstrap seed")->capture_default_str();
  tr->add_option("--min-events", a.trend_min_events, "A-B events a window needs")->capture_default_str();
  tr->add_option("--first-year", a.first_year, "first year");
  tr->add_option("--last-year", a.last_year, "last year");
  tr->add_flag("--agents", a.agents, "country+type actors");
  tr->add_flag("--json", a.json, "JSON output");

  CLI::App* bl = app.add_subcommand("blocs", "blocs, F and stability per window");
  AddNetworkOptions(bl, &a);
  bl->add_option("--k", a.k, "number of blocs (2: exact frustration)")->capture_default_str();
  bl->add_option("--solutions", a.solutions, "heuristic reruns for stability")->capture_default_str();
  bl->add_option("--delta", a.delta, "near-optimal slack for stability")->capture_default_str();
  bl->add_option("--seed", a.seed, "seed")->capture_default_str();
  bl->add_option("--time-limit", a.time_limit, "exact solver time limit per window (s)")->capture_default_str();
  std::string focus;
  bl->add_option("--show", focus, "states to print (default all)");
  bl->add_flag("--json", a.json, "JSON output");

  CLI::App* rp = app.add_subcommand("report", "self-contained HTML report");
  AddNetworkOptions(rp, &a);
  rp->add_option("--pair", a.pairs, "A,B trend to plot (repeatable; events only)");
  rp->add_option("--show", focus, "actors drawn (default CHN,PRK,RUS,USA,KOR,JPN,NATO)");
  rp->add_option("--k", a.k, "number of blocs")->capture_default_str();
  rp->add_option("--seed", a.seed, "seed")->capture_default_str();
  rp->add_option("--resamples", a.resamples, "bootstrap resamples")->capture_default_str();
  rp->add_option("--measure", a.measure, "share | per1000")->capture_default_str();
  rp->add_option("--title", a.title, "page title")->capture_default_str();
  rp->add_option("--out", a.out, "HTML file")->required();

  CLI11_PARSE(app, argc, argv);

  std::vector<Event> events;
  NetworkSeries series;
  if (*tr) {
    uint64_t skipped = 0;
    Result<std::vector<Event>> ev = ReadEventsJsonl(a.events, &skipped, [](const Status& s) {
      std::cerr << s.ToString() << "\n";
    });
    if (!ev.ok()) return Fail(ev.status());
    if (skipped) std::cerr << a.events << ": " << skipped << " bad lines skipped\n";
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
                    static_cast<unsigned long long>(p.cooperation),
                    static_cast<unsigned long long>(p.conflict),
                    static_cast<unsigned long long>(p.all_events),
                    p.included ? std::to_string(p.value).c_str() : "-");
    }
    return 0;
  }

  Status st = Load(a, &events, &series);
  if (!st.ok()) return Fail(st);

  if (*net) {
    if (a.format == "json") return Emit(a.out, NetworkSeriesToJson(series)).ok() ? 0 : 2;
    if (a.format == "csv") return Emit(a.out, NetworkSeriesToCsv(series)).ok() ? 0 : 2;
    if (a.format == "graphml") {
      if (a.out.empty()) {
        std::cerr << "entente-alliances: --format graphml needs --out PREFIX\n";
        return 1;
      }
      for (const WindowNetwork& w : series.windows) {
        Status ws = WriteTextFile(a.out + w.window.label + ".graphml", GraphToGraphML(w.graph));
        if (!ws.ok()) return Fail(ws);
      }
      return 0;
    }
    std::cerr << "entente-alliances: unknown format " << a.format << "\n";
    return 1;
  }

  Result<std::vector<BlocWindow>> blocs = BlocsOverTime(series, MakeBlocsOptions(a));
  if (!blocs.ok()) return Fail(blocs.status());
  if (*bl) {
    if (a.json)
      std::cout << BlocWindowsToJson(*blocs);
    else
      PrintBlocs(*blocs, SplitList(focus));
    return 0;
  }

  // report
  ReportInput in;
  in.title = a.title;
  in.actors = focus.empty() ? DefaultReportActors() : SplitList(focus);
  in.series = &series;
  in.blocs = &*blocs;
  if (!events.empty() && !a.pairs.empty()) {
    Result<std::vector<TrendResult>> rs = RunTrends(a, events, a.pairs);
    if (!rs.ok()) return Fail(rs.status());
    in.trends = std::move(rs).value();
  }
  Status ws = WriteHtmlReport(a.out, in);
  if (!ws.ok()) return Fail(ws);
  std::cerr << "wrote " << a.out << "\n";
  return 0;
}
