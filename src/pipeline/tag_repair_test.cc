// RepairTags on hand-tagged sentences, then with the bundled models.
#include "pipeline/tag_repair.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "entente/pipeline.h"
#include "pipeline/pipeline_test_util.h"

namespace entente::pipeline {
namespace {

using test_util::Words;

struct Case {
  const char* name;
  const char* tagged;
  int repaired;         // index of the word that changes, -1: none
  const char* to_xpos;  // its new XPOS
};

class RepairTagsTest : public ::testing::TestWithParam<Case> {};

TEST_P(RepairTagsTest, Repairs) {
  const Case& c = GetParam();
  Sentence s = Words(c.tagged);
  const Sentence before = s;
  EXPECT_EQ(RepairTags(&s), c.repaired >= 0 ? 1 : 0);
  for (size_t i = 0; i < s.tokens.size(); ++i) {
    if (static_cast<int>(i) == c.repaired) {
      EXPECT_EQ(s.tokens[i].upos, "VERB");
      EXPECT_EQ(s.tokens[i].xpos, c.to_xpos);
      EXPECT_EQ(s.tokens[i].feats, std::string(c.to_xpos) == "VBD" ? "Mood=Ind|Tense=Past|VerbForm=Fin"
                                                                    : "Tense=Past|VerbForm=Part");
    } else {
      EXPECT_EQ(s.tokens[i].xpos, before.tokens[i].xpos) << i;
      EXPECT_EQ(s.tokens[i].upos, before.tokens[i].upos) << i;
    }
  }
}

INSTANTIATE_TEST_SUITE_P(
    TagRepair, RepairTagsTest,
    ::testing::Values(
        Case{"ParticipleAfterName", "Hamas/PROPN/NNP fired/VERB/VBN rockets/NOUN/NNS ./PUNCT/.", 1, "VBD"},
        Case{"ParticipleAfterNoun", "The/DET/DT government/NOUN/NN announced/VERB/VBN sanctions/NOUN/NNS", 2, "VBD"},
        Case{"FirstOfTwo", "Troops/NOUN/NNS fired/VERB/VBN shells/NOUN/NNS sent/VERB/VBN north/ADV/RB", 1, "VBD"},
        Case{"AlreadyFinite", "Hamas/PROPN/NNP fired/VERB/VBD rockets/NOUN/NNS ./PUNCT/.", -1, ""},
        Case{"FiniteElsewhere",
             "Rockets/NOUN/NNS fired/VERB/VBN by/ADP/IN Hamas/PROPN/NNP hit/VERB/VBD Sderot/PROPN/NNP", -1, ""},
        Case{"AuxiliaryCounts", "Rockets/NOUN/NNS were/AUX/VBD fired/VERB/VBN ./PUNCT/.", -1, ""},
        Case{"ModalCounts", "Rockets/NOUN/NNS can/AUX/MD fired/VERB/VBN", -1, ""},
        Case{"NotAfterANoun", "The/DET/DT newly/ADV/RB elected/VERB/VBN president/NOUN/NN", -1, ""},
        Case{"TooShort", "Rebels/NOUN/NNS routed/VERB/VBN", -1, ""},
        // The reported clause before a closing attribution.
        Case{"ReportedClause",
             "Rebels/NOUN/NNS engaged/VERB/VBN peacekeepers/NOUN/NNS in/ADP/IN battle/NOUN/NN ,/PUNCT/, "
             "officials/NOUN/NNS said/VERB/VBD ./PUNCT/.",
             1, "VBD"},
        Case{"ReportedClauseWithVerb",
             "Rebels/NOUN/NNS engaged/VERB/VBN by/ADP/IN troops/NOUN/NNS fled/VERB/VBD ,/PUNCT/, "
             "officials/NOUN/NNS said/VERB/VBD ./PUNCT/.",
             -1, ""},
        Case{"LongTailIsNoAttribution",
             "Rebels/NOUN/NNS engaged/VERB/VBN peacekeepers/NOUN/NNS ,/PUNCT/, and/CCONJ/CC then/ADV/RB "
             "the/DET/DT army/NOUN/NN of/ADP/IN the/DET/DT north/NOUN/NN of/ADP/IN the/DET/DT "
             "country/NOUN/NN said/VERB/VBD ./PUNCT/.",
             -1, ""},
        // No attribution (no finite verb after the comma), but then the
        // whole sentence has none: the sentence rule applies.
        Case{"TailWithoutVerb",
             "Rebels/NOUN/NNS engaged/VERB/VBN peacekeepers/NOUN/NNS ,/PUNCT/, killing/VERB/VBG "
             "two/NUM/CD ./PUNCT/.",
             1, "VBD"},
        // A finite form inside a noun phrase.
        Case{"PastBetweenNumeralAndNoun",
             "The/DET/DT USA/PROPN/NNP helped/VERB/VBD the/DET/DT two/NUM/CD exiled/VERB/VBD dissidents/NOUN/NNS",
             5, "VBN"},
        Case{"PastBetweenDeterminerAndNoun",
             "Troops/NOUN/NNS freed/VERB/VBD the/DET/DT kidnapped/VERB/VBD workers/NOUN/NNS", 3, "VBN"},
        Case{"PastBeforeDeterminer", "The/DET/DT army/NOUN/NN attacked/VERB/VBD the/DET/DT city/NOUN/NN", -1, ""}),
    [](const auto& info) { return std::string(info.param.name); });

TEST(TagRepair, HyphenJoinedToLettersIsHyph) {
  struct Case {
    const char* name;
    const char* tagged;
    bool space_before, space_after;  // around the hyphen (index 3)
    const char* xpos;                // the hyphen's XPOS after the repair
  };
  const Case cases[] = {
      {"InsideWord", "bombarded/VERB/VBD a/DET/DT government/NOUN/NN -/PUNCT/, held/VERB/VBN part/NOUN/NN", false,
       false, "HYPH"},
      {"ColonToo", "bombarded/VERB/VBD a/DET/DT rebel/NOUN/NN -/PUNCT/: held/VERB/VBN town/NOUN/NN", false, false,
       "HYPH"},
      {"SpacedDash", "He/PRON/PRP left/VERB/VBD early/ADV/RB -/PUNCT/, too/ADV/RB early/ADV/RB", true, true, ","},
      {"SpaceAfter", "He/PRON/PRP left/VERB/VBD early/ADV/RB -/PUNCT/, too/ADV/RB early/ADV/RB", false, true, ","},
      {"Digits", "It/PRON/PRP won/VERB/VBD 3/NUM/CD -/SYM/SYM 1/NUM/CD today/NOUN/NN", false, false, "SYM"},
      {"CapitalAfter", "NATO/PROPN/NNP 's/PART/POS Secretary/PROPN/NNP -/PUNCT/, General/PROPN/NNP left/VERB/VBD",
       false, false, ","},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.name);
    Sentence s = Words(c.tagged);
    s.tokens[2].space_after = c.space_before;
    s.tokens[3].space_after = c.space_after;
    const bool change = std::string(c.xpos) != s.tokens[3].xpos;
    EXPECT_EQ(RepairTags(&s), change ? 1 : 0);
    EXPECT_EQ(s.tokens[3].xpos, c.xpos);
    if (change) {
      EXPECT_EQ(s.tokens[3].upos, "PUNCT");
    }
  }
}

// With the bundled models: the tagger alone reads the sentence as a noun
// phrase; the pipeline makes "fired" the root with Hamas its subject.
TEST(FiniteVerb, PipelineGivesTheSentenceAClause) {
  PipelineOptions on;
  auto p = Pipeline::Create(on);
  ASSERT_TRUE(p.ok()) << p.status().ToString();
  PipelineOptions off_opts;
  off_opts.repair_tags = false;
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
