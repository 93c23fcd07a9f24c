// Event locations (Event::location): an "in"/"at" phrase on the event's
// verb whose head word lies in a state's name.  Hand-built parses.
#include <gtest/gtest.h>

#include <string>
#include <tuple>
#include <vector>

#include "coder/coder_test_rows.h"
#include "entente/cameo.h"
#include "entente/coder.h"

namespace entente {
namespace {

constexpr char kVerbs[] = "--- CRITICIZE [111] ---\nCRITICIZE\n";
constexpr char kActors[] = R"(
CHINA_ [CHN]
NATO_ [IGOWSTNAT]
SEOUL_ [KOR]
SOUTH_KOREA_ [KOR]
JAPAN_ [JPN]
PYONGYANG_ [PRK]
)";
constexpr char kAgents[] = "SPOKESPERSON [~GOV]\n";

using coder_test::Row;

// "China criticized NATO" + a phrase hung on "criticized" (token 2).
Sentence WithPhrase(const std::vector<Row>& phrase) {
  std::vector<Row> rows = coder_test::ChinaCriticizedNato();
  rows.insert(rows.end(), phrase.begin(), phrase.end());
  return coder_test::MakeSentence(rows);
}

class CoderLocation : public ::testing::Test {
 protected:
  void SetUp() override {
    auto v = VerbDictionary::Parse(kVerbs, "t.verbs");
    auto a = ActorDictionary::Parse(kActors, "t.actors");
    auto g = AgentDictionary::Parse(kAgents, "t.agents");
    ASSERT_TRUE(v.ok() && a.ok() && g.ok());
    dicts_.verbs = *v;
    dicts_.actors = *a;
    dicts_.agents = *g;
    auto t = CameoTable::FromDirectory(std::string(ENTENTE_DATA_DIR) + "/cameo");
    ASSERT_TRUE(t.ok()) << t.status().ToString();
    table_ = std::make_unique<CameoTable>(std::move(t).value());
  }
  std::vector<Event> Code(Sentence s, bool with_table = true) {
    auto coder = Coder::Create(&dicts_, with_table ? table_.get() : nullptr, {});
    EXPECT_TRUE(coder.ok());
    Document doc;
    doc.id = "d";
    doc.date = "2023-01-30";
    doc.sentences.push_back(std::move(s));
    std::vector<Event> events;
    (*coder)->Code(doc, &events);
    return events;
  }
  static std::string Where(const Event& e) {
    if (!e.location.known()) return "-";
    return e.location.text + "/" + e.location.country + "/" + std::to_string(e.location.span.begin) + "-" +
           std::to_string(e.location.span.end);
  }
  EventDictionaries dicts_;
  std::unique_ptr<CameoTable> table_;
};

TEST_F(CoderLocation, InOrAtAStateOnTheVerb) {
  // China criticized NATO in Seoul
  auto ev = Code(WithPhrase({{"in", "ADP", 5, "case"}, {"Seoul", "PROPN", 2, "obl"}}));
  ASSERT_EQ(ev.size(), 1u);
  EXPECT_EQ(Where(ev[0]), "Seoul/KOR/4-5");
  // China criticized NATO at a meeting ... no: "at Pyongyang"
  ev = Code(WithPhrase({{"at", "ADP", 5, "case"}, {"Pyongyang", "PROPN", 2, "obl"}}));
  ASSERT_EQ(ev.size(), 1u);
  EXPECT_EQ(Where(ev[0]), "Pyongyang/PRK/4-5");
  // China criticized NATO in South Korea (multi-word name, head "Korea")
  ev = Code(WithPhrase({{"in", "ADP", 6, "case"}, {"South", "PROPN", 6, "compound"}, {"Korea", "PROPN", 2, "obl"}}));
  ASSERT_EQ(ev.size(), 1u);
  EXPECT_EQ(Where(ev[0]), "South Korea/KOR/4-6");
}

TEST_F(CoderLocation, OnlyPlacePhrasesWhoseHeadIsTheState) {
  // China criticized NATO in talks with Japan: the phrase's head is "talks".
  auto ev = Code(WithPhrase({{"in", "ADP", 5, "case"}, {"talks", "NOUN", 2, "obl"}, {"with", "ADP", 7, "case"},
                             {"Japan", "PROPN", 5, "nmod"}}));
  ASSERT_EQ(ev.size(), 1u);
  EXPECT_EQ(Where(ev[0]), "-");
  // China criticized NATO for Japan: not a place preposition.
  ev = Code(WithPhrase({{"for", "ADP", 5, "case"}, {"Japan", "PROPN", 2, "obl"}}));
  ASSERT_EQ(ev.size(), 1u);
  EXPECT_EQ(Where(ev[0]), "-");
  // China criticized NATO in NATO: an organisation, not a state.
  ev = Code(WithPhrase({{"in", "ADP", 5, "case"}, {"NATO", "PROPN", 2, "obl"}}));
  ASSERT_EQ(ev.size(), 1u);
  EXPECT_EQ(Where(ev[0]), "-");
  // "in Seoul" on the object, not on the verb: "NATO in Seoul".
  ev = Code(WithPhrase({{"in", "ADP", 5, "case"}, {"Seoul", "PROPN", 3, "nmod"}}));
  ASSERT_EQ(ev.size(), 1u);
  EXPECT_EQ(Where(ev[0]), "-");
}

TEST_F(CoderLocation, NothingWithoutATable) {
  auto ev = Code(WithPhrase({{"in", "ADP", 5, "case"}, {"Seoul", "PROPN", 2, "obl"}}), /*with_table=*/false);
  ASSERT_EQ(ev.size(), 1u);
  EXPECT_EQ(Where(ev[0]), "-");
}

}  // namespace
}  // namespace entente
