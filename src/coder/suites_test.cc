// Data-file tests: the validation suites (with their own parses and
// dictionaries) and the golden seed sentences with the production set.
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "entente/coder.h"
#include "entente/conllu.h"
#include "entente/evaluate.h"
#include "entente/reader.h"

namespace entente {
namespace {

// Scores reached when these thresholds were set (see the report in
// doc/coder.md), rounded down by about half a point.
constexpr double THRESHOLD_UP_RECALL = 0.925, THRESHOLD_UP_PRECISION = 0.92, THRESHOLD_UP_EXACT = 0.90;
constexpr double THRESHOLD_UT_RECALL = 0.895, THRESHOLD_UT_PRECISION = 0.94, THRESHOLD_UT_EXACT = 0.88;
constexpr double THRESHOLD_GSR_RECALL = 0.845, THRESHOLD_GSR_PRECISION = 0.805, THRESHOLD_GSR_EXACT = 0.765;

bool Exists(const std::string& p) { return std::ifstream(p).good(); }

EvalReport RunSuite(const std::string& records, const EventDictionaryPaths& paths) {
  auto dicts = EventDictionaries::Load(paths);
  EXPECT_TRUE(dicts.ok()) << dicts.status().ToString();
  if (!dicts.ok()) return {};
  auto coder = Coder::Create(&*dicts, nullptr, {});
  EXPECT_TRUE(coder.ok());
  ReadOptions ro;
  ro.format = InputFormat::kPetrarchXml;
  auto reader = DocumentReader::Open({records}, ro);
  EXPECT_TRUE(reader.ok());
  Evaluator eval;
  Document doc;
  std::vector<Event> events;
  while ((*reader)->Next(&doc)) {
    auto n = SentencesFromParse(&doc);
    EXPECT_TRUE(n.ok());
    events.clear();
    (*coder)->Code(doc, &events);
    eval.Add(doc, events);
    doc = Document();
  }
  return eval.report();
}

// Thresholds are the scores reached when the test was written (rounded
// down), so that they never regress.  Raise them when the coder improves.
struct Suite {
  const char* name;
  const char* records;
  const char* verbs;
  std::vector<const char*> actors, agents, discards;
  bool production;
  double min_recall, min_precision, min_exact;
};

class SuiteTest : public ::testing::TestWithParam<Suite> {};

TEST_P(SuiteTest, ScoresDoNotRegress) {
  const Suite& s = GetParam();
  std::string dir = std::string(ENTENTE_SHARED_DIR) + "/data/validation/";
  std::string records = dir + s.records;
  if (!Exists(records)) GTEST_SKIP() << records << " absent";
  EventDictionaryPaths paths;
  if (s.production) {
    paths = EventDictionaries::ProductionPaths(std::string(ENTENTE_DATA_DIR) + "/dictionaries");
  } else {
    std::string base = records.substr(0, records.find_last_of('/') + 1);
    paths.verbs = base + s.verbs;
    for (auto* a : s.actors) paths.actors.push_back(base + a);
    for (auto* a : s.agents) paths.agents.push_back(base + a);
    for (auto* a : s.discards) paths.discards.push_back(base + a);
  }
  EvalReport r = RunSuite(records, paths);
  RecordProperty("recall", std::to_string(r.total.recall()));
  RecordProperty("precision", std::to_string(r.total.precision()));
  EXPECT_GT(r.total.records, 50u);
  EXPECT_GE(r.total.recall(), s.min_recall) << EvalReportText(r, false);
  EXPECT_GE(r.total.precision(), s.min_precision) << EvalReportText(r, false);
  EXPECT_GE(r.total.exact_share(), s.min_exact) << EvalReportText(r, false);
}

INSTANTIATE_TEST_SUITE_P(
    Validation, SuiteTest,
    ::testing::Values(
        Suite{"up_validate_2_02", "up-validate-2.02/PETR_Validate_records_2_02.xml",
              "PETR_Validate_verbs_2_02.txt", {"PETR_Validate_actors_2_02.txt"},
              {"PETR_Validate_agents_2_02.txt"}, {"PETR_Validate_discards_2_02.txt"}, false,
              THRESHOLD_UP_RECALL, THRESHOLD_UP_PRECISION, THRESHOLD_UP_EXACT},
        Suite{"unit_tests_udpipe",
              "petrarch-unit-tests/PETR.UnitTest.records.parsing_parsed_udpipe_2.0.xml",
              "PETR.Validate.verbs.2.0.txt", {"PETR.Validate.actors.txt"},
              {"PETR.Validate.agents.txt"}, {"PETR.Validate.discards.txt"}, false,
              THRESHOLD_UT_RECALL, THRESHOLD_UT_PRECISION, THRESHOLD_UT_EXACT},
        Suite{"petrarch2_gsr", "petrarch2-gsr/PETR2_GSR_validation.xml", "", {}, {}, {}, true,
              THRESHOLD_GSR_RECALL, THRESHOLD_GSR_PRECISION, THRESHOLD_GSR_EXACT}),
    [](const ::testing::TestParamInfo<Suite>& i) { return std::string(i.param.name); });

// Golden: hand-built parses of seed-article sentences, coded with the
// production dictionaries; compared line by line with the golden file.
TEST(CoderGolden, SeedSentencesWithProductionDictionaries) {
  std::string data = std::string(ENTENTE_DATA_DIR) + "/dictionaries";
  auto dicts = EventDictionaries::LoadProduction(data);
  ASSERT_TRUE(dicts.ok()) << dicts.status().ToString();
  auto coder = Coder::Create(&*dicts, nullptr, {});
  ASSERT_TRUE(coder.ok());
  std::string src = ENTENTE_SOURCE_DIR;
  auto sentences = ReadConlluFile(src + "/test/data/coder/seed.conllu");
  ASSERT_TRUE(sentences.ok()) << sentences.status().ToString();
  Document doc;
  doc.id = "nato-asia-pacific";
  doc.date = "2023-01-30";
  doc.sentences = std::move(*sentences);
  std::vector<Event> events;
  (*coder)->Code(doc, &events);
  std::string got;
  for (const Event& e : events)
    got += e.sentence_id + "\t" + e.source_actor + "\t" + e.code + "\t" + e.target_actor + "\n";
  std::ifstream in(src + "/test/golden/coder/seed.events.tsv");
  ASSERT_TRUE(in.good());
  std::stringstream want;
  want << in.rdbuf();
  EXPECT_EQ(got, want.str());
  // The two sentences the brief names, checked explicitly too.
  bool criticised = false, visited = false;
  for (const Event& e : events) {
    // Phoenix.agents.txt has SPOKES!PERSON! [~MED], so the code is CHNGOVMED.
    if (e.source_actor.rfind("CHNGOV", 0) == 0 && e.code.rfind("11", 0) == 0 && e.target_actor.rfind("IGO", 0) == 0)
      criticised = true;
    if (e.source_actor.find("NAT") != std::string::npos && e.code == "042" && e.target_actor == "KOR")
      visited = true;
  }
  EXPECT_TRUE(criticised) << got;
  EXPECT_TRUE(visited) << got;
}

}  // namespace
}  // namespace entente
