// Issue coding in the coder: every event carries the issues of its
// sentence; "~" and "~~" phrases cancel their category in the sentence /
// the story.  Hand-built parses, no model.
#include <gtest/gtest.h>

#include <string>
#include <tuple>
#include <vector>

#include "coder/coder_test_rows.h"
#include "entente/coder.h"

namespace entente {
namespace {

constexpr char kVerbs[] = "--- CRITICIZE [111] ---\nCRITICIZE\n";
constexpr char kActors[] = "CHINA_ [CHN]\nNATO_ [IGOWSTNAT]\n";
constexpr char kAgents[] = "SPOKESPERSON [~GOV]\n";
constexpr char kIssues[] = R"(
<ISSUE CATEGORY="WMD" TYPE="ALL">
nuclear n:weapon [NUCLEAR_WEAPONS]
~~nuclear weapons talks
</ISSUE>
<ISSUE CATEGORY="ENVIRONMENT" TYPE="ALL">
climate change [CLIMATE_CHANGE]
~climate change denial
</ISSUE>
)";

using coder_test::ChinaCriticizedNato;
using coder_test::MakeSentence;
using coder_test::Row;

// "China criticized NATO" followed by `tail` words attached to the verb.
Sentence Criticism(const std::string& id, const std::vector<std::string>& tail) {
  std::vector<Row> rows = ChinaCriticizedNato();
  for (const std::string& w : tail) rows.emplace_back(w, "NOUN", 2, "obl");
  return MakeSentence(rows, id);
}

// A sentence with no event: the first word is the root of the others.
Sentence Plain(const std::string& id, const std::vector<std::string>& words) {
  std::vector<Row> rows;
  for (size_t i = 0; i < words.size(); ++i) rows.emplace_back(words[i], "NOUN", i == 0 ? 0 : 1, i == 0 ? "root" : "dep");
  return MakeSentence(rows, id);
}

class CoderIssues : public ::testing::Test {
 protected:
  void SetUp() override {
    auto v = VerbDictionary::Parse(kVerbs, "t.verbs");
    auto a = ActorDictionary::Parse(kActors, "t.actors");
    auto g = AgentDictionary::Parse(kAgents, "t.agents");
    auto i = IssueDictionary::Parse(kIssues, "t.issues");
    ASSERT_TRUE(v.ok() && a.ok() && g.ok() && i.ok());
    dicts_.verbs = *v;
    dicts_.actors = *a;
    dicts_.agents = *g;
    dicts_.issues = *i;
  }
  std::vector<Event> Code(std::vector<Sentence> sentences) {
    auto coder = Coder::Create(&dicts_, nullptr, {});
    EXPECT_TRUE(coder.ok());
    Document doc;
    doc.id = "d";
    doc.date = "2023-01-30";
    doc.sentences = std::move(sentences);
    std::vector<Event> events;
    (*coder)->Code(doc, &events);
    return events;
  }
  static std::string Issues(const Event& e) {
    std::string out;
    for (const IssueCount& c : e.issues) out += (out.empty() ? "" : ";") + c.code + "," + std::to_string(c.count);
    return out;
  }
  EventDictionaries dicts_;
};

TEST_F(CoderIssues, EachEventCarriesTheIssuesOfItsSentence) {
  auto ev = Code({Criticism("s1", {"over", "nuclear", "weapons", "and", "a", "nuclear", "weapon"}),
                  Criticism("s2", {"over", "climate", "change"}), Criticism("s3", {"again"})});
  ASSERT_EQ(ev.size(), 3u);
  EXPECT_EQ(Issues(ev[0]), "NUCLEAR_WEAPONS,2");
  EXPECT_EQ(ev[0].issues[0].category, "WMD");
  EXPECT_EQ(Issues(ev[1]), "CLIMATE_CHANGE,1");
  EXPECT_EQ(Issues(ev[2]), "");
}

TEST_F(CoderIssues, SentenceIgnoreCancelsItsCategoryInThatSentence) {
  auto ev = Code({Criticism("s1", {"over", "climate", "change", "denial", "and", "nuclear", "weapons"}),
                  Criticism("s2", {"over", "climate", "change"})});
  ASSERT_EQ(ev.size(), 2u);
  EXPECT_EQ(Issues(ev[0]), "NUCLEAR_WEAPONS,1");
  EXPECT_EQ(Issues(ev[1]), "CLIMATE_CHANGE,1");
}

TEST_F(CoderIssues, StoryIgnoreInAnySentenceCancelsItsCategoryInTheStory) {
  // The "~~" phrase stands in a sentence without an event.
  auto ev = Code({Criticism("s1", {"over", "nuclear", "weapons", "and", "climate", "change"}),
                  Plain("s2", {"nuclear", "weapons", "talks", "resumed"})});
  ASSERT_EQ(ev.size(), 1u);
  EXPECT_EQ(Issues(ev[0]), "CLIMATE_CHANGE,1");
}

TEST_F(CoderIssues, NoIssueDictionaryNoIssues) {
  dicts_.issues = IssueDictionary();
  auto ev = Code({Criticism("s1", {"over", "nuclear", "weapons"})});
  ASSERT_EQ(ev.size(), 1u);
  EXPECT_TRUE(ev[0].issues.empty());
}

}  // namespace
}  // namespace entente
