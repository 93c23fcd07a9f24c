// Dyad series and clusters on hand-built events with hand-computed numbers.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <cmath>
#include <filesystem>
#include <sstream>
#include <string>

#include <unistd.h>

#include "entente/store.h"

namespace entente {
namespace {

namespace fs = std::filesystem;

Event Ev(const std::string& doc, int sent, int idx, const std::string& date, const std::string& src,
         const std::string& tgt, const std::string& code, int quad, double goldstein) {
  Event e;
  e.doc_id = doc;
  e.sentence_index = sent;
  e.event_index = idx;
  e.date = date;
  e.source_actor = src;
  e.target_actor = tgt;
  e.source_parts.country = src.substr(0, 3);
  e.target_parts.country = tgt.substr(0, 3);
  e.code = code;
  e.quad_class = quad;
  e.goldstein = goldstein;
  return e;
}

const double kNaN = std::nan("");

// The fixture, article by article (doc, events):
//   d1 2023-01-05  USAGOV>CHNGOV 042 q1 +1.9 (s0)   USAGOV>CHNGOV 042 q1 +1.9 (s1)
//                  USA>CHN 190 q4 -10 (s2)
//   d2 2023-01-05  USAGOV>CHNGOV 042 q1 +1.9        (same cluster as d1's, 2nd article)
//   d5 2023-01-20  RUS>UKR 190 q4 -10               (another dyad: volume only)
//   d3 2023-02-10  CHNGOV>USAGOV 111 q3 -2          USAMIL>CHNMIL 173 q4 -5
//   d4 2023-04-02  USAGOV>CHNGOV 057 q1 +8          USA>CHN 999 q0 unknown Goldstein
//   d6 2024-03-01  USA>CHN 036 q1 +4
//   d7 (no date)   USA>CHN 042 q1 +1.9              (stored, in no series)
std::vector<std::vector<Event>> Fixture() {
  return {
      {Ev("d1", 0, 0, "2023-01-05", "USAGOV", "CHNGOV", "042", 1, 1.9),
       Ev("d1", 1, 0, "2023-01-05", "USAGOV", "CHNGOV", "042", 1, 1.9),
       Ev("d1", 2, 0, "2023-01-05", "USA", "CHN", "190", 4, -10)},
      {Ev("d2", 0, 0, "2023-01-05T10:00:00Z", "USAGOV", "CHNGOV", "042", 1, 1.9)},
      {Ev("d5", 0, 0, "2023-01-20", "RUS", "UKR", "190", 4, -10)},
      {Ev("d3", 0, 0, "2023-02-10", "CHNGOV", "USAGOV", "111", 3, -2),
       Ev("d3", 0, 1, "2023-02-10", "USAMIL", "CHNMIL", "173", 4, -5)},
      {Ev("d4", 0, 0, "2023-04-02", "USAGOV", "CHNGOV", "057", 1, 8),
       Ev("d4", 1, 0, "2023-04-02", "USA", "CHN", "999", 0, kNaN)},
      {Ev("d6", 0, 0, "2024-03-01", "USA", "CHN", "036", 1, 4)},
      {Ev("d7", 0, 0, "", "USA", "CHN", "042", 1, 1.9)},
  };
}

class DyadTest : public ::testing::Test {
 protected:
  void SetUp() override {
    path_ = (fs::temp_directory_path() / ("entente_dyad_test_" + std::to_string(::getpid()) + ".db")).string();
    Remove();
    auto r = EventStore::Open(path_);
    ASSERT_TRUE(r.ok()) << r.status().ToString();
    store_ = std::move(r).value();
    // One commit per article: the aggregates are updated incrementally.
    for (const auto& article : Fixture()) {
      ASSERT_TRUE(store_->AddEvents(article).ok());
      ASSERT_TRUE(store_->Commit().ok());
    }
  }
  void TearDown() override {
    store_.reset();
    Remove();
  }
  void Remove() {
    std::error_code ec;
    for (const char* s : {"", "-wal", "-shm"}) fs::remove(path_ + s, ec);
  }
  DyadSeriesResult Series(DyadQuery q) {
    auto r = DyadSeries(*store_, q);
    EXPECT_TRUE(r.ok()) << r.status().ToString();
    return r.ok() ? *r : DyadSeriesResult{};
  }
  static DyadQuery Q(Period by = Period::kMonth, bool directed = true, Dedup dedup = Dedup::kNone) {
    DyadQuery q;
    q.a = "USA";
    q.b = "CHN";
    q.by = by;
    q.directed = directed;
    q.dedup = dedup;
    return q;
  }
  std::string path_;
  std::unique_ptr<EventStore> store_;
};

TEST_F(DyadTest, MonthlyDirectedRawCounts) {
  DyadSeriesResult s = Series(Q());
  // 2023-01 .. 2024-03, gaps filled.
  ASSERT_EQ(s.periods.size(), 15u);
  const DyadPeriod& jan = s.periods[0];
  EXPECT_EQ(jan.period, "2023-01");
  EXPECT_EQ(jan.first_day, 20230101);
  EXPECT_EQ(jan.last_day, 20230131);
  EXPECT_EQ(jan.events, 4);
  EXPECT_EQ(jan.clusters, 2);
  EXPECT_EQ(jan.multi_article, 1);  // 042 on 01-05 reported by d1 and d2
  EXPECT_EQ(jan.counted, 4);
  EXPECT_EQ(jan.quad[1], 3);
  EXPECT_EQ(jan.quad[4], 1);
  EXPECT_NEAR(jan.goldstein_sum, 3 * 1.9 - 10, 1e-9);
  EXPECT_EQ(jan.goldstein_n, 4);
  EXPECT_NEAR(jan.goldstein_mean, (3 * 1.9 - 10) / 4, 1e-9);
  EXPECT_EQ(jan.total, 5);  // d1 3 + d2 1 + d5 1
  EXPECT_NEAR(jan.share, 4.0 / 5, 1e-12);
  EXPECT_NEAR(jan.quad_share[1], 3.0 / 5, 1e-12);
  EXPECT_NEAR(jan.quad_share[4], 1.0 / 5, 1e-12);
  EXPECT_NEAR(jan.goldstein_per_total, (3 * 1.9 - 10) / 5, 1e-12);

  const DyadPeriod& feb = s.periods[1];  // only USAMIL>CHNMIL counts (directed)
  EXPECT_EQ(feb.events, 1);
  EXPECT_EQ(feb.quad[4], 1);
  EXPECT_EQ(feb.total, 2);
  EXPECT_NEAR(feb.share, 0.5, 1e-12);

  const DyadPeriod& mar = s.periods[2];  // a gap
  EXPECT_EQ(mar.period, "2023-03");
  EXPECT_EQ(mar.events, 0);
  EXPECT_EQ(mar.total, 0);
  EXPECT_EQ(mar.share, 0);
  EXPECT_TRUE(std::isnan(mar.goldstein_mean));

  const DyadPeriod& apr = s.periods[3];
  EXPECT_EQ(apr.events, 2);
  EXPECT_EQ(apr.quad[1], 1);
  EXPECT_EQ(apr.quad[0], 1);  // code 999: unknown quad class
  EXPECT_EQ(apr.goldstein_n, 1);
  EXPECT_NEAR(apr.goldstein_sum, 8, 1e-12);
  EXPECT_NEAR(apr.goldstein_mean, 8, 1e-12);
  EXPECT_NEAR(apr.share, 1.0, 1e-12);

  EXPECT_EQ(s.periods.back().period, "2024-03");
  EXPECT_EQ(s.periods.back().events, 1);
  int64_t sum = 0;
  for (const auto& p : s.periods) sum += p.events;
  EXPECT_EQ(sum, 8);  // d7 is undated: in no period
}

TEST_F(DyadTest, OneADayCountsClusters) {
  DyadSeriesResult s = Series(Q(Period::kMonth, true, Dedup::kOneADay));
  const DyadPeriod& jan = s.periods.at(0);
  EXPECT_EQ(jan.events, 4);  // raw figures are reported as well
  EXPECT_EQ(jan.counted, 2);
  EXPECT_EQ(jan.quad[1], 1);
  EXPECT_EQ(jan.quad[4], 1);
  EXPECT_NEAR(jan.goldstein_sum, 1.9 - 10, 1e-9);
  EXPECT_EQ(jan.goldstein_n, 2);
  EXPECT_NEAR(jan.goldstein_mean, (1.9 - 10) / 2, 1e-9);
  EXPECT_EQ(jan.total, 3);  // clusters in the store in Jan: 042, 190 (USA>CHN), 190 (RUS>UKR)
  EXPECT_NEAR(jan.share, 2.0 / 3, 1e-12);
  const DyadPeriod& apr = s.periods.at(3);
  EXPECT_EQ(apr.counted, 2);
  EXPECT_EQ(apr.goldstein_n, 1);
}

TEST_F(DyadTest, UndirectedSumsBothDirections) {
  DyadSeriesResult s = Series(Q(Period::kMonth, false));
  const DyadPeriod& feb = s.periods.at(1);
  EXPECT_EQ(feb.events, 2);
  EXPECT_EQ(feb.quad[3], 1);
  EXPECT_EQ(feb.quad[4], 1);
  EXPECT_NEAR(feb.goldstein_sum, -7, 1e-12);
  EXPECT_NEAR(feb.share, 1.0, 1e-12);
  // Swapping the actors gives the same undirected series.
  DyadQuery q = Q(Period::kMonth, false);
  std::swap(q.a, q.b);
  DyadSeriesResult t = Series(q);
  ASSERT_EQ(t.periods.size(), s.periods.size());
  for (size_t i = 0; i < s.periods.size(); ++i) EXPECT_EQ(t.periods[i].events, s.periods[i].events);
  // Directed the other way: only the 111.
  DyadSeriesResult back = Series([] {
    DyadQuery q = Q();
    std::swap(q.a, q.b);
    return q;
  }());
  ASSERT_EQ(back.periods.size(), 1u);
  EXPECT_EQ(back.periods[0].period, "2023-02");
  EXPECT_EQ(back.periods[0].quad[3], 1);
}

TEST_F(DyadTest, QuartersAndYears) {
  DyadSeriesResult q = Series(Q(Period::kQuarter));
  ASSERT_EQ(q.periods.size(), 5u);  // 2023-Q1 .. 2024-Q1
  EXPECT_EQ(q.periods[0].period, "2023-Q1");
  EXPECT_EQ(q.periods[0].first_day, 20230101);
  EXPECT_EQ(q.periods[0].last_day, 20230331);
  EXPECT_EQ(q.periods[0].events, 5);
  EXPECT_EQ(q.periods[0].total, 7);
  EXPECT_NEAR(q.periods[0].share, 5.0 / 7, 1e-12);
  EXPECT_EQ(q.periods[1].period, "2023-Q2");
  EXPECT_EQ(q.periods[1].events, 2);
  EXPECT_EQ(q.periods[2].events, 0);
  EXPECT_EQ(q.periods[4].period, "2024-Q1");
  EXPECT_EQ(q.periods[4].last_day, 20240331);

  DyadSeriesResult y = Series(Q(Period::kYear));
  ASSERT_EQ(y.periods.size(), 2u);
  EXPECT_EQ(y.periods[0].period, "2023");
  EXPECT_EQ(y.periods[0].events, 7);
  EXPECT_EQ(y.periods[0].total, 9);
  EXPECT_NEAR(y.periods[0].goldstein_sum, 3 * 1.9 - 10 - 5 + 8, 1e-9);
  EXPECT_EQ(y.periods[0].goldstein_n, 6);
  EXPECT_EQ(y.periods[1].events, 1);
  EXPECT_EQ(y.periods[1].total, 1);
}

TEST_F(DyadTest, ActorLevelMatchesFullCodes) {
  DyadQuery q = Q();
  q.a = "USAGOV";
  q.b = "CHNGOV";
  q.level = DyadLevel::kActor;
  DyadSeriesResult s = Series(q);
  ASSERT_EQ(s.periods.size(), 4u);  // 2023-01 .. 2023-04
  EXPECT_EQ(s.periods[0].events, 3);
  EXPECT_EQ(s.periods[1].events, 0);
  EXPECT_EQ(s.periods[3].events, 1);
  q.level = DyadLevel::kCountry;  // "USAGOV" is no country
  EXPECT_TRUE(Series(q).periods.empty());
}

TEST_F(DyadTest, RangesAndGaps) {
  DyadQuery q = Q();
  q.from = "2023-02";
  q.to = "2023-03-31";
  DyadSeriesResult s = Series(q);
  ASSERT_EQ(s.periods.size(), 2u);
  EXPECT_EQ(s.periods[0].events, 1);
  EXPECT_EQ(s.periods[1].events, 0);

  q.from = "2025";  // a range with no events still lists its periods
  q.to = "2025";
  EXPECT_EQ(Series(q).periods.size(), 12u);

  q.from = q.to = "";
  q.fill_gaps = false;
  s = Series(q);
  ASSERT_EQ(s.periods.size(), 4u);
  EXPECT_EQ(s.periods[2].period, "2023-04");

  q.from = "2023-05-01";  // the range cuts a month: totals only count days in it
  q.to = "2023-01-01";
  EXPECT_EQ(DyadSeries(*store_, q).status().code(), Code::kInvalidArgument);
  q.from = "2023-1";
  q.to = "";
  EXPECT_EQ(DyadSeries(*store_, q).status().code(), Code::kInvalidArgument);
  q.from = "";
  q.a = "";
  EXPECT_EQ(DyadSeries(*store_, q).status().code(), Code::kInvalidArgument);
}

TEST_F(DyadTest, ClustersListTheOneADayUnits) {
  auto c = DyadClusters(*store_, Q());
  ASSERT_TRUE(c.ok()) << c.status().ToString();
  ASSERT_EQ(c->size(), 6u);
  const EventCluster& first = (*c)[0];
  EXPECT_EQ(first.day, 20230105);
  EXPECT_EQ(first.source_actor, "USA");
  EXPECT_EQ(first.code, "190");
  EXPECT_EQ(first.events, 1);
  const EventCluster& second = (*c)[1];
  EXPECT_EQ(second.source_actor, "USAGOV");
  EXPECT_EQ(second.code, "042");
  EXPECT_EQ(second.events, 3);
  EXPECT_EQ(second.articles, 2);
  EXPECT_NEAR(second.goldstein_mean, 1.9, 1e-12);
  EXPECT_EQ(DyadClusters(*store_, Q(), 2)->size(), 2u);
}

TEST_F(DyadTest, TotalsGiveTheEdgeList) {
  DyadTotalsQuery q;
  q.to = "2023-12-31";
  auto t = DyadTotals(*store_, q);
  ASSERT_TRUE(t.ok()) << t.status().ToString();
  // CHN>USA, RUS>UKR, USA>CHN in 2023 (d6 is 2024, d7 undated).
  ASSERT_EQ(t->size(), 3u);
  EXPECT_EQ((*t)[0].source, "CHN");
  EXPECT_EQ((*t)[0].quad[3], 1);
  const DyadTotal& us = (*t)[2];
  EXPECT_EQ(us.source, "USA");
  EXPECT_EQ(us.target, "CHN");
  EXPECT_EQ(us.events, 7);
  EXPECT_EQ(us.clusters, 5);
  EXPECT_EQ(us.quad[1], 4);
  EXPECT_EQ(us.quad[4], 2);
  EXPECT_EQ(us.quad[0], 1);
  EXPECT_EQ(us.goldstein_n, 6);
  EXPECT_NEAR(us.goldstein_sum, 3 * 1.9 - 10 - 5 + 8, 1e-9);

  q.dedup = Dedup::kOneADay;
  q.min_count = 2;  // only USA>CHN has 2+ clusters
  t = DyadTotals(*store_, q);
  ASSERT_EQ(t->size(), 1u);
  EXPECT_EQ((*t)[0].counted, 5);
  EXPECT_EQ((*t)[0].quad[1], 2);

  q = {};
  q.level = DyadLevel::kActor;
  q.from = "2023-04";
  t = DyadTotals(*store_, q);
  ASSERT_EQ(t->size(), 2u);  // USA>CHN (999, 036) and USAGOV>CHNGOV (057)
  EXPECT_EQ((*t)[0].source, "USA");
  EXPECT_EQ((*t)[0].events, 2);
  EXPECT_EQ((*t)[1].source, "USAGOV");
}

TEST_F(DyadTest, RebuiltAggregatesEqualIncrementalOnes) {
  const std::string other = path_ + ".rebuilt";
  {
    StoreOptions o;
    o.maintain_aggregates = false;
    auto r = EventStore::Open(other, o);
    ASSERT_TRUE(r.ok());
    auto& s = *r;
    std::vector<Event> all;
    for (const auto& a : Fixture()) all.insert(all.end(), a.begin(), a.end());
    ASSERT_TRUE(s->AddEvents(all).ok());  // one batch
    ASSERT_TRUE(s->Commit().ok());
    EXPECT_TRUE(s->aggregates_stale());
    auto stale = DyadSeries(*s, Q());
    ASSERT_FALSE(stale.ok());
    EXPECT_EQ(stale.status().code(), Code::kUnsupported);
    ASSERT_TRUE(s->RebuildAggregates().ok());
    EXPECT_FALSE(s->aggregates_stale());
    for (Dedup d : {Dedup::kNone, Dedup::kOneADay}) {
      for (bool directed : {true, false}) {
        auto a = DyadSeries(*s, Q(Period::kMonth, directed, d));
        ASSERT_TRUE(a.ok());
        DyadSeriesResult b = Series(Q(Period::kMonth, directed, d));
        ASSERT_EQ(a->periods.size(), b.periods.size());
        for (size_t i = 0; i < b.periods.size(); ++i) {
          EXPECT_EQ(a->periods[i].counted, b.periods[i].counted);
          EXPECT_EQ(a->periods[i].clusters, b.periods[i].clusters);
          EXPECT_EQ(a->periods[i].multi_article, b.periods[i].multi_article);
          EXPECT_EQ(a->periods[i].total, b.periods[i].total);
          EXPECT_NEAR(a->periods[i].goldstein_sum, b.periods[i].goldstein_sum, 1e-9);
        }
      }
    }
    auto ca = s->Counts();
    auto cb = store_->Counts();
    EXPECT_EQ(ca->clusters, cb->clusters);
    EXPECT_EQ(ca->undated_events, 1);
    EXPECT_EQ(cb->undated_events, 1);
  }
  std::error_code ec;
  for (const char* x : {"", "-wal", "-shm"}) fs::remove(other + x, ec);
}

TEST_F(DyadTest, WritersCsvJsonTable) {
  DyadQuery q = Q(Period::kQuarter);
  q.to = "2023-06-30";
  DyadSeriesResult s = Series(q);
  ASSERT_EQ(s.periods.size(), 2u);

  std::ostringstream csv;
  ASSERT_TRUE(WriteDyadSeries(s, TableFormat::kCsv, csv).ok());
  std::istringstream lines(csv.str());
  std::string header, row1, row2, extra;
  std::getline(lines, header);
  std::getline(lines, row1);
  std::getline(lines, row2);
  EXPECT_FALSE(std::getline(lines, extra));
  EXPECT_EQ(header.rfind("period,first_day,last_day,events,clusters,multi_article,counted,quad1,", 0), 0u);
  EXPECT_EQ(row1.rfind("2023-Q1,2023-01-01,2023-03-31,5,3,1,5,3,0,0,2,0,", 0), 0u) << row1;
  auto count = [](const std::string& s) { return std::count(s.begin(), s.end(), ','); };
  EXPECT_EQ(count(row1), count(header));
  EXPECT_EQ(count(row2), count(header));

  std::ostringstream js;
  ASSERT_TRUE(WriteDyadSeries(s, TableFormat::kJson, js).ok());
  auto j = nlohmann::json::parse(js.str());
  EXPECT_EQ(j["query"]["a"], "USA");
  EXPECT_EQ(j["query"]["by"], "quarter");
  ASSERT_EQ(j["periods"].size(), 2u);
  EXPECT_EQ(j["periods"][0]["events"], 5);
  EXPECT_EQ(j["periods"][0]["quad"][3], 2);
  EXPECT_NEAR(j["periods"][0]["share"].get<double>(), 5.0 / 7, 1e-12);
  EXPECT_EQ(j["periods"][1]["period"], "2023-Q2");

  std::ostringstream table;
  ASSERT_TRUE(WriteDyadSeries(s, TableFormat::kTable, table).ok());
  EXPECT_NE(table.str().find("USA -> CHN, by quarter"), std::string::npos) << table.str();
  EXPECT_NE(table.str().find("2023-Q2"), std::string::npos);

  EXPECT_TRUE(ParseTableFormat("CSV").ok());
  EXPECT_FALSE(ParseTableFormat("xml").ok());
  EXPECT_EQ(*ParsePeriod("Quarter"), Period::kQuarter);
  EXPECT_EQ(*ParseDedup("one-a-day"), Dedup::kOneADay);
  EXPECT_EQ(*ParseDyadLevel("full"), DyadLevel::kActor);
  EXPECT_FALSE(ParsePeriod("week").ok());
}

}  // namespace
}  // namespace entente
