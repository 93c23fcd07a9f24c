#include <cmath>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "entente/trend.h"

namespace entente {
namespace {

Event Ev(const std::string& date, const std::string& src, const std::string& tgt, int quad,
         const std::string& doc) {
  Event e;
  e.doc_id = doc;
  e.date = date;
  e.source_actor = src;
  e.target_actor = tgt;
  e.quad_class = quad;
  e.goldstein = quad <= 2 ? 3 : -5;
  return e;
}

// Year y (2010 + i) gets coop[i] cooperation and conflict[i] conflict events.
// one_article_per_year: all events of a year in one article; otherwise one
// article per event.
std::vector<Event> Series(const std::vector<int>& coop, const std::vector<int>& conflict,
                          bool one_article_per_year) {
  std::vector<Event> v;
  int n = 0;
  for (size_t i = 0; i < coop.size(); ++i) {
    std::string date = std::to_string(2010 + i) + "-06-15";
    auto doc = [&]() {
      return one_article_per_year ? "y" + std::to_string(i) : "e" + std::to_string(n++);
    };
    for (int k = 0; k < coop[i]; ++k) v.push_back(Ev(date, "CHNGOV", "PRKGOV", 1, doc()));
    for (int k = 0; k < conflict[i]; ++k) v.push_back(Ev(date, "PRK", "CHN", 4, doc()));
    // Unrelated news in the same window.
    v.push_back(Ev(date, "USA", "KOR", 1, "other" + std::to_string(i)));
  }
  return v;
}

TEST(OlsSlope, KnownAnswers) {
  double s = 0, c = 0;
  ASSERT_TRUE(OlsSlope({0, 1, 2, 3}, {1, 3, 5, 7}, &s, &c));
  EXPECT_DOUBLE_EQ(s, 2);
  EXPECT_DOUBLE_EQ(c, 1);
  ASSERT_TRUE(OlsSlope({0, 1, 2}, {0, 2, 1}, &s, &c));
  EXPECT_DOUBLE_EQ(s, 0.5);
  EXPECT_DOUBLE_EQ(c, 0.5);
  EXPECT_FALSE(OlsSlope({1}, {1}, &s, &c));
  EXPECT_FALSE(OlsSlope({2, 2}, {1, 3}, &s, &c));
}

TEST(Trend, ShareSeriesSlopeExact) {
  // Shares 0, 0.5, 1.0 -> slope 0.5 per year, intercept 0.
  auto ev = Series({10, 15, 20}, {10, 5, 0}, /*one_article_per_year=*/false);
  auto r = Trend(ev, "CHN", "PRK");
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  ASSERT_EQ(r->points.size(), 3u);
  EXPECT_DOUBLE_EQ(r->points[1].value, 0.5);
  EXPECT_EQ(r->points[1].dyad_events, 20u);
  EXPECT_EQ(r->points[1].all_events, 21u);
  EXPECT_DOUBLE_EQ(r->slope, 0.5);
  EXPECT_NEAR(r->intercept, 0, 1e-12);
  EXPECT_EQ(r->fitted, 3u);
  EXPECT_EQ(r->articles, 60u);  // only articles with CHN-PRK events
  EXPECT_LE(r->ci_low, r->slope);
  EXPECT_GE(r->ci_high, r->slope);
  // Deterministic with the seed, different with another seed.
  auto again = Trend(ev, "PRK", "CHN");
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again->ci_low, r->ci_low);
  EXPECT_EQ(again->ci_high, r->ci_high);
  TrendOptions o;
  o.seed = 7;
  auto other = Trend(ev, "CHN", "PRK", o);
  ASSERT_TRUE(other.ok());
  EXPECT_TRUE(other->ci_low != r->ci_low || other->ci_high != r->ci_high);
}

TEST(Trend, BootstrapResamplesArticlesNotEvents) {
  // All events of a year in one article: resampling cannot change a
  // window's share, and any two windows give slope 0.5, so the interval is
  // exactly [0.5, 0.5].  Resamples drawing fewer than two distinct year
  // articles (3 draws from 3: probability 1/9) give no slope and are not
  // used.
  auto ev = Series({2, 3, 4}, {2, 1, 0}, /*one_article_per_year=*/true);
  auto r = Trend(ev, "CHN", "PRK");
  ASSERT_TRUE(r.ok());
  EXPECT_DOUBLE_EQ(r->slope, 0.5);
  EXPECT_DOUBLE_EQ(r->ci_low, 0.5);
  EXPECT_DOUBLE_EQ(r->ci_high, 0.5);
  EXPECT_EQ(r->articles, 3u);
  EXPECT_GT(r->resamples_used, 850);
  EXPECT_LT(r->resamples_used, 930);
  EXPECT_EQ(r->verdict, Verdict::kStrengthening);
}

TEST(Trend, PerThousandAndGaps) {
  auto ev = Series({1, 0, 3}, {0, 0, 0}, false);
  TrendOptions o;
  o.measure = TrendMeasure::kPerThousand;
  o.resamples = 0;
  auto r = Trend(ev, "CHN", "PRK", o);
  ASSERT_TRUE(r.ok());
  ASSERT_EQ(r->points.size(), 3u);
  EXPECT_DOUBLE_EQ(r->points[0].value, 500);  // 1 of 2 events
  EXPECT_FALSE(r->points[1].included);        // no CHN-PRK event in 2011 (min_events 1)
  EXPECT_DOUBLE_EQ(r->points[2].value, 750);  // 3 of 4
  EXPECT_EQ(r->fitted, 2u);
  EXPECT_DOUBLE_EQ(r->slope, 125);            // (750 - 500) / 2 windows
  EXPECT_EQ(r->verdict, Verdict::kInsufficientData);  // no interval without resamples
  o.min_events = 0;
  r = Trend(ev, "CHN", "PRK", o);
  ASSERT_TRUE(r.ok());
  EXPECT_TRUE(r->points[1].included);
  EXPECT_DOUBLE_EQ(r->points[1].value, 0);
}

TEST(Trend, Errors) {
  auto ev = Series({1}, {0}, false);
  EXPECT_EQ(Trend(ev, "CHN", "CHN").status().code(), Code::kInvalidArgument);
  TrendOptions o;
  o.level_ci = 1.5;
  EXPECT_EQ(Trend(ev, "CHN", "PRK", o).status().code(), Code::kInvalidArgument);
  EXPECT_EQ(Trend({}, "CHN", "PRK").status().code(), Code::kEmpty);
  auto r = Trend(ev, "CHN", "PRK");
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->verdict, Verdict::kInsufficientData);
  EXPECT_EQ(r->verdict_text,
            "CHN-PRK: insufficient data: 1 window with CHN-PRK events, at least 2 are needed for a slope.");
}

TEST(Verdict, Table) {
  struct Case {
    double lo, hi;
    size_t fitted;
    int used;
    Verdict v;
  } cases[] = {
      {0.01, 0.2, 5, 1000, Verdict::kStrengthening},
      {0.0, 0.2, 5, 1000, Verdict::kNoClearTrend},  // touches 0: not strengthening
      {-0.2, -0.01, 5, 1000, Verdict::kWeakening},
      {-0.2, 0.0, 5, 1000, Verdict::kNoClearTrend},
      {-0.1, 0.1, 5, 1000, Verdict::kNoClearTrend},
      {0.1, 0.2, 1, 1000, Verdict::kInsufficientData},
      {0.1, 0.2, 5, 0, Verdict::kInsufficientData},
  };
  for (const Case& c : cases)
    EXPECT_EQ(VerdictOf(c.lo, c.hi, c.fitted, c.used), c.v) << c.lo << " " << c.hi;
}

TEST(Verdict, WordingTable) {
  struct Case {
    double slope, lo, hi;
    Verdict v;
    const char* text;
  } cases[] = {
      {0.081, 0.052, 0.110, Verdict::kStrengthening,
       "CHN-PRK: strengthening: the cooperation-minus-conflict share of CHN-PRK events changes by "
       "+0.081 per year (95% bootstrap interval +0.052 to +0.110; 1000 resamples of 812 articles; 10 "
       "windows)."},
      {-0.05, -0.09, -0.01, Verdict::kWeakening,
       "CHN-PRK: weakening: the cooperation-minus-conflict share of CHN-PRK events changes by "
       "-0.050 per year (95% bootstrap interval -0.090 to -0.010; 1000 resamples of 812 articles; 10 "
       "windows)."},
      {0.02, -0.01, 0.05, Verdict::kNoClearTrend,
       "CHN-PRK: no clear trend: the cooperation-minus-conflict share of CHN-PRK events changes by "
       "+0.020 per year (95% bootstrap interval -0.010 to +0.050; 1000 resamples of 812 articles; 10 "
       "windows); the interval includes 0."},
  };
  for (const Case& c : cases) {
    TrendResult r;
    r.a = "CHN";
    r.b = "PRK";
    r.slope = c.slope;
    r.ci_low = c.lo;
    r.ci_high = c.hi;
    r.fitted = 10;
    r.resamples = r.resamples_used = 1000;
    r.articles = 812;
    r.verdict = VerdictOf(c.lo, c.hi, r.fitted, r.resamples_used);
    ASSERT_EQ(r.verdict, c.v);
    EXPECT_EQ(VerdictText(r), c.text);
  }
}

// The generated corpus (test/data/corpus, see make_corpus.py and truth.json).
class CorpusTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    auto r = ReadEventsJsonl(std::string(ENTENTE_SOURCE_DIR) + "/test/data/corpus/events.jsonl");
    ASSERT_TRUE(r.ok()) << r.status().ToString();
    events_ = new std::vector<Event>(std::move(r).value());
  }
  static void TearDownTestSuite() {
    delete events_;
    events_ = nullptr;
  }
  static std::vector<Event>* events_;
};
std::vector<Event>* CorpusTest::events_ = nullptr;

TEST_F(CorpusTest, PlantedTrendsRecovered) {
  struct Case {
    const char* a;
    const char* b;
    double planted;  // share slope per year from truth.json
    Verdict v;
  } cases[] = {
      {"CHN", "PRK", 0.1222, Verdict::kStrengthening},
      {"USA", "KOR", 0.0889, Verdict::kStrengthening},
      {"USA", "CHN", -0.0778, Verdict::kWeakening},
      {"USA", "JPN", 0.0, Verdict::kNoClearTrend},
  };
  for (const Case& c : cases) {
    auto r = Trend(*events_, c.a, c.b);
    ASSERT_TRUE(r.ok());
    EXPECT_EQ(r->points.size(), 10u);
    EXPECT_EQ(r->verdict, c.v) << r->verdict_text;
    // The planted slope lies inside the bootstrap interval.
    EXPECT_LE(r->ci_low, c.planted) << r->verdict_text;
    EXPECT_GE(r->ci_high, c.planted) << r->verdict_text;
    EXPECT_EQ(r->resamples_used, 1000);
  }
}

TEST_F(CorpusTest, PlantedBlocsRecovered) {
  NetworkOptions no;
  auto s = BuildSignedNetworks(*events_, no);
  ASSERT_TRUE(s.ok());
  EXPECT_EQ(s->skipped.bad_date, 2u);
  EXPECT_EQ(s->skipped.self_dyad, 3u);
  EXPECT_EQ(s->skipped.no_actor, 2u);
  auto b = BlocsOverTime(*s);
  ASSERT_TRUE(b.ok());
  ASSERT_EQ(b->size(), 10u);
  const std::vector<std::string> A = {"USA", "KOR", "JPN", "GBR", "AUS", "NATO"};
  for (const BlocWindow& w : *b) {
    ASSERT_EQ(w.names.size(), 11u) << w.window.label;
    EXPECT_TRUE(w.optimal);
    EXPECT_GE(w.F, 0.8) << w.window.label;
    for (size_t v = 0; v < w.names.size(); ++v) {
      bool in_a = std::find(A.begin(), A.end(), w.names[v]) != A.end();
      EXPECT_EQ(w.bloc[v], in_a ? 0 : 1) << w.window.label << " " << w.names[v];
      EXPECT_GE(w.stability[v], 0.9) << w.window.label << " " << w.names[v];
    }
  }
}

}  // namespace
}  // namespace entente
