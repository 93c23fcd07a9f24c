// RepairFiniteVerb on hand-tagged sentences, then with the bundled models.
#include "pipeline/finite_verb.h"

#include <gtest/gtest.h>

#include <sstream>
#include <string>
#include <vector>

#include "entente/pipeline.h"

namespace entente::pipeline {
namespace {

// "Word/UPOS/XPOS ..." -> a tagged sentence.
Sentence Tagged(const std::string& text) {
  Sentence s;
  std::istringstream in(text);
  std::string item;
  while (in >> item) {
    const size_t a = item.find('/'), b = item.rfind('/');
    Token t;
    t.form = item.substr(0, a);
    t.upos = item.substr(a + 1, b - a - 1);
    t.xpos = item.substr(b + 1);
    s.tokens.push_back(t);
  }
  return s;
}

struct Case {
  const char* name;
  const char* tagged;
  int repaired;  // index of the word that becomes VBD, -1: none
};

class RepairFiniteVerbTest : public ::testing::TestWithParam<Case> {};

TEST_P(RepairFiniteVerbTest, Repairs) {
  const Case& c = GetParam();
  Sentence s = Tagged(c.tagged);
  const Sentence before = s;
  EXPECT_EQ(RepairFiniteVerb(&s), c.repaired >= 0);
  for (size_t i = 0; i < s.tokens.size(); ++i) {
    if (static_cast<int>(i) == c.repaired) {
      EXPECT_EQ(s.tokens[i].upos, "VERB");
      EXPECT_EQ(s.tokens[i].xpos, "VBD");
      EXPECT_EQ(s.tokens[i].feats, "Mood=Ind|Tense=Past|VerbForm=Fin");
    } else {
      EXPECT_EQ(s.tokens[i].xpos, before.tokens[i].xpos) << i;
      EXPECT_EQ(s.tokens[i].upos, before.tokens[i].upos) << i;
    }
  }
}

INSTANTIATE_TEST_SUITE_P(
    FiniteVerb, RepairFiniteVerbTest,
    ::testing::Values(
        Case{"ParticipleAfterName", "Hamas/PROPN/NNP fired/VERB/VBN rockets/NOUN/NNS ./PUNCT/.", 1},
        Case{"ParticipleAfterNoun", "The/DET/DT government/NOUN/NN announced/VERB/VBN sanctions/NOUN/NNS", 2},
        Case{"FirstOfTwo", "Troops/NOUN/NNS fired/VERB/VBN shells/NOUN/NNS sent/VERB/VBN north/ADV/RB", 1},
        Case{"AlreadyFinite", "Hamas/PROPN/NNP fired/VERB/VBD rockets/NOUN/NNS ./PUNCT/.", -1},
        Case{"FiniteElsewhere", "Rockets/NOUN/NNS fired/VERB/VBN by/ADP/IN Hamas/PROPN/NNP hit/VERB/VBD Sderot/PROPN/NNP",
             -1},
        Case{"AuxiliaryCounts", "Rockets/NOUN/NNS were/AUX/VBD fired/VERB/VBN ./PUNCT/.", -1},
        Case{"ModalCounts", "Rockets/NOUN/NNS can/AUX/MD fired/VERB/VBN", -1},
        Case{"NotAfterANoun", "The/DET/DT newly/ADV/RB elected/VERB/VBN president/NOUN/NN", -1},
        Case{"TooShort", "Rebels/NOUN/NNS routed/VERB/VBN", -1}),
    [](const auto& info) { return std::string(info.param.name); });

// With the bundled models: the tagger alone reads the sentence as a noun
// phrase; the pipeline makes "fired" the root with Hamas its subject.
TEST(FiniteVerb, PipelineGivesTheSentenceAClause) {
  PipelineOptions on;
  auto p = Pipeline::Create(on);
  ASSERT_TRUE(p.ok()) << p.status().ToString();
  PipelineOptions off_opts;
  off_opts.finite_verb_repair = false;
  auto off = Pipeline::Create(off_opts);
  ASSERT_TRUE(off.ok()) << off.status().ToString();
  auto words = [] {
    Sentence s;
    for (const char* w : {"Hamas", "fired", "rockets", "at", "Israel", "."}) {
      Token t;
      t.form = w;
      s.tokens.push_back(t);
    }
    return s;
  };
  Sentence s = words();
  (*p)->Process(&s);
  EXPECT_EQ(s.tokens[1].xpos, "VBD");
  EXPECT_EQ(s.tokens[1].head, 0);
  EXPECT_EQ(s.tokens[0].head, 2);
  EXPECT_EQ(s.tokens[0].deprel, "nsubj");
  Sentence plain = words();
  (*off)->Process(&plain);
  EXPECT_EQ(plain.tokens[1].xpos, "VBN") << "the tagger alone now tags this right; the repair may be unneeded";
}

}  // namespace
}  // namespace entente::pipeline
