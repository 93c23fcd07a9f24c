#include <cmath>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "entente/alliances.h"

namespace entente {
namespace {

Event Ev(std::string date, std::string src, std::string tgt, int quad, double goldstein,
         std::string doc = "d") {
  Event e;
  e.doc_id = std::move(doc);
  e.date = std::move(date);
  e.source_actor = std::move(src);
  e.target_actor = std::move(tgt);
  e.quad_class = quad;
  e.goldstein = goldstein;
  return e;
}

// n cooperation (quad 1, +2) and m conflict (quad 4, -5) events of a-b in 2019.
void Add(std::vector<Event>* v, const std::string& a, const std::string& b, int coop, int conflict,
         double coop_g = 2, double conf_g = -5) {
  for (int i = 0; i < coop; ++i) v->push_back(Ev("2019-05-01", a, b, 1, coop_g));
  for (int i = 0; i < conflict; ++i) v->push_back(Ev("2019-06-01", b, a, 4, conf_g));
}

TEST(MonthOfDate, Formats) {
  struct Case {
    const char* date;
    int month;
  } cases[] = {
      {"2019-01-01", 2019 * 12},        {"2019-12-31", 2019 * 12 + 11},
      {"2020-01-01", 2020 * 12},        {"2019-12-31T23:59:59Z", 2019 * 12 + 11},
      {"20191231", 2019 * 12 + 11},     {"2019-07", 2019 * 12 + 6},
      {"2019-13-01", -1},               {"2019-00-10", -1},
      {"", -1},                         {"19-1-1", -1},
      {"2019-02-32", -1},               {"2019/02/03", -1},
  };
  for (const Case& c : cases) EXPECT_EQ(MonthOfDate(c.date), c.month) << c.date;
}

TEST(Windows, CalendarYearsAndBoundaries) {
  WindowOptions o;  // 12 months tumbling
  auto w = MakeWindows(MonthOfDate("2018-03-05"), MonthOfDate("2020-01-01"), o);
  ASSERT_EQ(w.size(), 3u);
  EXPECT_EQ(w[0].label, "2018");
  EXPECT_EQ(w[2].label, "2020");
  std::vector<int> hit;
  WindowsOfMonth(w, MonthOfDate("2019-12-31"), &hit);
  EXPECT_EQ(hit, std::vector<int>({1}));
  WindowsOfMonth(w, MonthOfDate("2020-01-01"), &hit);
  EXPECT_EQ(hit, std::vector<int>({2}));
  WindowsOfMonth(w, MonthOfDate("2018-01-01"), &hit);
  EXPECT_EQ(hit, std::vector<int>({0}));
  WindowsOfMonth(w, MonthOfDate("2017-12-31"), &hit);
  EXPECT_TRUE(hit.empty());
}

TEST(Windows, SlidingAndMonthly) {
  WindowOptions o;
  o.months = 24;
  o.step_months = 12;  // two-year windows every year
  auto w = MakeWindows(2018 * 12, 2020 * 12 + 5, o);
  ASSERT_EQ(w.size(), 3u);
  EXPECT_EQ(w[0].label, "2018-01..2019-12");
  std::vector<int> hit;
  WindowsOfMonth(w, MonthOfDate("2019-06-01"), &hit);
  EXPECT_EQ(hit, std::vector<int>({0, 1}));
  WindowsOfMonth(w, MonthOfDate("2018-06-01"), &hit);
  EXPECT_EQ(hit, std::vector<int>({0}));
  o.months = 3;
  o.step_months = 0;
  auto q = MakeWindows(2019 * 12, 2019 * 12 + 11, o);
  ASSERT_EQ(q.size(), 4u);
  EXPECT_EQ(q[1].label, "2019-04..2019-06");
  WindowsOfMonth(q, MonthOfDate("2019-06-30"), &hit);
  EXPECT_EQ(hit, std::vector<int>({1}));
  WindowsOfMonth(q, MonthOfDate("2019-07-01"), &hit);
  EXPECT_EQ(hit, std::vector<int>({2}));
}

TEST(ActorKey, Table) {
  ActorParts none;
  ActorParts nato;
  nato.known_group = "NAT";
  nato.type1 = "IGO";
  ActorParts chn_gov;
  chn_gov.country = "CHN";
  chn_gov.type1 = "GOV";
  struct Case {
    const char* code;
    const ActorParts* parts;
    ActorLevel level;
    const char* key;
  } cases[] = {
      {"CHNGOV", &none, ActorLevel::kCountry, "CHN"},
      {"CHNGOV", &none, ActorLevel::kCountryType, "CHNGOV"},
      {"CHN", &none, ActorLevel::kCountryType, "CHN"},
      {"IGOWSTNAT", &none, ActorLevel::kCountry, "NATO"},
      {"IGONAT", &none, ActorLevel::kCountry, "NATO"},
      {"IGOWSTNAT", &nato, ActorLevel::kCountry, "NATO"},
      {"XXX", &chn_gov, ActorLevel::kCountry, "CHN"},
      {"CHNGOV", &chn_gov, ActorLevel::kCountryType, "CHNGOV"},
      {"GOV", &none, ActorLevel::kCountry, ""},
      {"MIL", &none, ActorLevel::kCountry, ""},
      {"", &none, ActorLevel::kCountry, ""},
      {"us", &none, ActorLevel::kCountry, ""},
      {"IGOUNO", &none, ActorLevel::kCountry, "UNO"},
  };
  for (const Case& c : cases) EXPECT_EQ(ActorKey(c.code, *c.parts, c.level), c.key) << c.code;
}

// One dyad with `coop` +2 events and `conflict` -5 events: the edge sign (0 =
// no edge) under each rule.
struct SignCase {
  const char* name;
  SignSource source;
  MixedRule rule;
  int coop, conflict;
  int expected;  // +1, -1, 0
};

TEST(BuildSignedNetworks, SignRulesTable) {
  const SignCase cases[] = {
      // Goldstein sum: 4*2 - 1*5 = +3.
      {"net goldstein", SignSource::kGoldstein, MixedRule::kNet, 4, 1, +1},
      // 2*2 - 1*5 = -1: more cooperation events but a negative sum.
      {"net goldstein heavier conflict", SignSource::kGoldstein, MixedRule::kNet, 2, 1, -1},
      {"net quad 2 vs 1", SignSource::kQuadClass, MixedRule::kNet, 2, 1, +1},
      {"net quad tie", SignSource::kQuadClass, MixedRule::kNet, 2, 2, 0},
      {"drop mixed", SignSource::kQuadClass, MixedRule::kDrop, 4, 1, 0},
      {"drop keeps pure", SignSource::kQuadClass, MixedRule::kDrop, 4, 0, +1},
      {"majority 4/5", SignSource::kQuadClass, MixedRule::kMajority, 4, 1, +1},
      {"majority 3/5 below 2/3", SignSource::kQuadClass, MixedRule::kMajority, 3, 2, 0},
      {"majority conflict 1/4", SignSource::kGoldstein, MixedRule::kMajority, 1, 3, -1},
      {"conflict wins", SignSource::kQuadClass, MixedRule::kConflictWins, 9, 1, -1},
      {"conflict wins pure coop", SignSource::kQuadClass, MixedRule::kConflictWins, 3, 0, +1},
  };
  for (const SignCase& c : cases) {
    std::vector<Event> ev;
    Add(&ev, "USA", "KOR", c.coop, c.conflict);
    NetworkOptions o;
    o.sign = c.source;
    o.mixed = c.rule;
    auto r = BuildSignedNetworks(ev, o);
    ASSERT_TRUE(r.ok()) << c.name << ": " << r.status().ToString();
    ASSERT_EQ(r->windows.size(), 1u) << c.name;
    const WindowNetwork& w = r->windows[0];
    if (c.expected == 0) {
      EXPECT_EQ(w.graph.num_edges(), 0u) << c.name;
      EXPECT_EQ(w.counts.ties + w.counts.dropped_mixed, 1u) << c.name;
    } else {
      ASSERT_EQ(w.graph.num_edges(), 1u) << c.name;
      EXPECT_EQ(w.graph.edges()[0].sign, c.expected) << c.name;
      EXPECT_EQ(w.graph.edges()[0].weight, c.coop + c.conflict) << c.name;
      EXPECT_EQ(w.evidence[0].cooperation, static_cast<uint32_t>(c.coop)) << c.name;
    }
    EXPECT_EQ(w.counts.mixed, c.coop > 0 && c.conflict > 0 ? 1u : 0u) << c.name;
    // The rule is written into the settings.
    bool found = false;
    for (const auto& [k, v] : r->settings)
      if (k == "mixed_rule") found = v == MixedRuleName(c.rule);
    EXPECT_TRUE(found) << c.name;
  }
}

TEST(BuildSignedNetworks, MinimumEvidence) {
  std::vector<Event> ev;
  Add(&ev, "USA", "KOR", 2, 0);   // 2 signed events: below the default 3
  Add(&ev, "CHN", "PRK", 3, 0);   // exactly 3
  ev.push_back(Ev("2019-03-01", "USA", "KOR", 0, std::nan("")));  // unsigned
  NetworkOptions o;
  auto r = BuildSignedNetworks(ev, o);
  ASSERT_TRUE(r.ok());
  const WindowNetwork& w = r->windows[0];
  EXPECT_EQ(w.graph.num_edges(), 1u);
  EXPECT_GE(w.graph.FindNode("CHN"), 0);
  EXPECT_LT(w.graph.FindNode("USA"), 0);
  EXPECT_EQ(w.counts.low_evidence, 1u);
  EXPECT_EQ(r->skipped.unsigned_event, 1u);
  o.min_events = 2;
  r = BuildSignedNetworks(ev, o);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->windows[0].graph.num_edges(), 2u);
}

TEST(BuildSignedNetworks, YearBoundaryAndSkips) {
  std::vector<Event> ev;
  for (int i = 0; i < 3; ++i) ev.push_back(Ev("2019-12-31", "USAGOV", "KORGOV", 1, 3));
  for (int i = 0; i < 3; ++i) ev.push_back(Ev("2020-01-01", "USAGOV", "KORGOV", 4, -5));
  ev.push_back(Ev("not a date", "USA", "KOR", 1, 3));
  ev.push_back(Ev("2020-02-01", "USAGOV", "USAMIL", 1, 3));
  ev.push_back(Ev("2020-02-01", "USAGOV", "", 1, 3));
  auto r = BuildSignedNetworks(ev);
  ASSERT_TRUE(r.ok());
  ASSERT_EQ(r->windows.size(), 2u);
  EXPECT_EQ(r->windows[0].window.label, "2019");
  ASSERT_EQ(r->windows[0].graph.num_edges(), 1u);
  EXPECT_EQ(r->windows[0].graph.edges()[0].sign, 1);
  ASSERT_EQ(r->windows[1].graph.num_edges(), 1u);
  EXPECT_EQ(r->windows[1].graph.edges()[0].sign, -1);
  EXPECT_EQ(r->skipped.bad_date, 1u);
  EXPECT_EQ(r->skipped.self_dyad, 1u);
  EXPECT_EQ(r->skipped.no_actor, 1u);
  EXPECT_EQ(r->input, ev.size());
  EXPECT_EQ(r->used, 6u);
}

TEST(BuildSignedNetworks, SlidingWindowsCountEventsTwice) {
  std::vector<Event> ev;
  for (int i = 0; i < 3; ++i) ev.push_back(Ev("2019-06-01", "USA", "KOR", 1, 3));
  for (int i = 0; i < 3; ++i) ev.push_back(Ev("2020-06-01", "USA", "KOR", 1, 3));
  NetworkOptions o;
  o.window.months = 24;
  o.window.step_months = 12;
  auto r = BuildSignedNetworks(ev, o);
  ASSERT_TRUE(r.ok());
  ASSERT_EQ(r->windows.size(), 2u);
  EXPECT_EQ(r->windows[0].counts.events, 6u);  // 2019-2020
  EXPECT_EQ(r->windows[1].counts.events, 3u);  // 2020-2021
  EXPECT_EQ(r->windows[0].graph.edges()[0].weight, 6);
}

TEST(BuildSignedNetworks, ActorSelectionAndErrors) {
  std::vector<Event> ev;
  Add(&ev, "USA", "KOR", 3, 0);
  Add(&ev, "CHN", "PRK", 3, 0);
  NetworkOptions o;
  o.actors = {"CHN", "PRK"};
  auto r = BuildSignedNetworks(ev, o);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->windows[0].graph.num_edges(), 1u);
  EXPECT_EQ(r->skipped.not_selected, 3u);
  o.min_events = 0;
  EXPECT_EQ(BuildSignedNetworks(ev, o).status().code(), Code::kInvalidArgument);
  EXPECT_EQ(BuildSignedNetworks({}).status().code(), Code::kEmpty);
  o = NetworkOptions();
  o.mixed = MixedRule::kMajority;
  o.majority_share = 0.4;
  EXPECT_EQ(BuildSignedNetworks(ev, o).status().code(), Code::kInvalidArgument);
}

TEST(BuildSignedNetworks, Exports) {
  std::vector<Event> ev;
  Add(&ev, "USA", "KOR", 3, 0);
  Add(&ev, "USA", "PRK", 0, 3);
  auto r = BuildSignedNetworks(ev);
  ASSERT_TRUE(r.ok());
  std::string csv = NetworkSeriesToCsv(*r);
  EXPECT_EQ(csv, "window,from,to,sign,weight\n2019,USA,KOR,1,3\n2019,USA,PRK,-1,3\n");
  std::string json = NetworkSeriesToJson(*r);
  EXPECT_NE(json.find("\"mixed_rule\": \"net\""), std::string::npos);
  EXPECT_NE(json.find("\"min_events\": \"3\""), std::string::npos);
  EXPECT_NE(json.find("\"label\": \"2019\""), std::string::npos);
  // The per-window graph round-trips through the edge-list reader.
  auto g = ParseEdgeList(EdgeListToCsv(r->windows[0].graph), "x");
  EXPECT_EQ(g.num_edges(), 2u);
  EXPECT_EQ(g.num_negative(), 1u);
}

TEST(ReadEventsJsonl, CorpusSkipsBadLines) {
  uint64_t skipped = 0;
  std::vector<std::string> errors;
  auto r = ReadEventsJsonl(std::string(ENTENTE_SOURCE_DIR) + "/test/data/corpus/events.jsonl", &skipped,
                           [&](const Status& s) { errors.push_back(s.message()); });
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(skipped, 1u);
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(errors[0].rfind("events.jsonl:", 0), 0u) << errors[0];
  EXPECT_GT(r->size(), 4900u);
  EXPECT_EQ(ReadEventsJsonl("/nonexistent/x.jsonl").status().code(), Code::kNotFound);
}

}  // namespace
}  // namespace entente
