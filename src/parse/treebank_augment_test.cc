#include "parse/treebank_augment.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace entente::treebank {
namespace {

// Builds a sentence from "form/UPOS/XPOS/head/deprel" words.
Sentence Build(const std::string& id, const std::vector<std::string>& words) {
  Sentence s;
  s.id = id;
  for (const std::string& w : words) {
    Token t;
    size_t a = w.find('/'), b = w.find('/', a + 1), c = w.find('/', b + 1), d = w.find('/', c + 1);
    t.form = w.substr(0, a);
    t.lemma = t.form;
    t.upos = w.substr(a + 1, b - a - 1);
    t.xpos = w.substr(b + 1, c - b - 1);
    t.head = std::stoi(w.substr(c + 1, d - c - 1));
    t.deprel = w.substr(d + 1);
    t.deps = std::to_string(t.head) + ":" + t.deprel;
    s.tokens.push_back(t);
  }
  return s;
}

std::string Forms(const Sentence& s) {
  std::string out;
  for (const Token& t : s.tokens) {
    if (!out.empty()) out += ' ';
    out += t.form;
  }
  return out;
}

std::string Heads(const Sentence& s) {
  std::string out;
  for (const Token& t : s.tokens) {
    if (!out.empty()) out += ' ';
    out += std::to_string(t.head);
    out += ':';
    out += t.deprel;
  }
  return out;
}

// "North Korea fired two shells ."
Sentence Fired() {
  return Build("s1", {"North/PROPN/NNP/2/compound", "Korea/PROPN/NNP/3/nsubj", "fired/VERB/VBD/0/root",
                      "two/NUM/CD/5/nummod", "shells/NOUN/NNS/3/obj", "./PUNCT/./3/punct"});
}

TEST(NewsDateVariants, InsertsOnDayBetweenSubjectAndVerb) {
  std::vector<Sentence> v = {Fired()};
  EXPECT_EQ(AddNewsDateVariants(&v), 1u);
  ASSERT_EQ(v.size(), 2u);
  EXPECT_EQ(Forms(v[0]), "North Korea fired two shells .");  // original untouched, first
  EXPECT_EQ(v[1].id, "s1+day");
  EXPECT_EQ(Forms(v[1]), "North Korea on Monday fired two shells .");
  EXPECT_EQ(Heads(v[1]), "2:compound 5:nsubj 4:case 5:obl 0:root 7:nummod 5:obj 5:punct");
  EXPECT_EQ(v[1].text, "North Korea on Monday fired two shells .");
  EXPECT_EQ(v[1].tokens[3].upos, "PROPN");
  EXPECT_EQ(v[1].tokens[2].xpos, "IN");
  for (const Token& t : v[1].tokens) EXPECT_TRUE(t.deps.empty()) << t.form;
  EXPECT_EQ(v[0].tokens[0].deps, "2:compound");
}

TEST(NewsDateVariants, AlternatesBareDayAndCyclesDays) {
  std::vector<Sentence> v = {Fired(), Fired(), Fired()};
  EXPECT_EQ(AddNewsDateVariants(&v), 3u);
  ASSERT_EQ(v.size(), 6u);
  EXPECT_EQ(Forms(v[3]), "North Korea Monday fired two shells .");
  EXPECT_EQ(Heads(v[3]), "2:compound 4:nsubj 4:obl:unmarked 0:root 6:nummod 4:obj 4:punct");
  EXPECT_EQ(v[3].tokens[2].misc, "TemporalNPAdjunct=Yes");
  EXPECT_EQ(Forms(v[5]), "North Korea on Tuesday fired two shells .");
}

TEST(NewsDateVariants, LeavesOtherSentencesAlone) {
  const std::vector<Sentence> cases = {
      // pronoun subject
      Build("a", {"He/PRON/PRP/2/nsubj", "fired/VERB/VBD/0/root", "./PUNCT/./2/punct"}),
      // present tense
      Build("b", {"Korea/PROPN/NNP/2/nsubj", "fires/VERB/VBZ/0/root", "./PUNCT/./2/punct"}),
      // an auxiliary between subject and verb
      Build("c", {"Korea/PROPN/NNP/3/nsubj", "has/AUX/VBZ/3/aux", "fired/VERB/VBN/0/root"}),
      // subject after the verb
      Build("d", {"fired/VERB/VBD/0/root", "Korea/PROPN/NNP/1/nsubj"}),
      // subject phrase not next to the verb: "Korea , he said , fired"
      Build("e", {"Korea/PROPN/NNP/5/nsubj", ",/PUNCT/,/4/punct", "he/PRON/PRP/4/nsubj", "said/VERB/VBD/5/parataxis",
                  "fired/VERB/VBD/0/root"}),
  };
  for (const Sentence& s : cases) {
    std::vector<Sentence> v = {s};
    EXPECT_EQ(AddNewsDateVariants(&v), 0u) << s.id;
    EXPECT_EQ(v.size(), 1u) << s.id;
  }
  std::vector<Sentence> mw = {Fired()};
  mw[0].multiword.push_back({1, 2, "NorthKorea", ""});
  EXPECT_EQ(AddNewsDateVariants(&mw), 0u);
  std::vector<Sentence> bad = {Fired()};
  bad[0].tokens[0].head = 99;
  EXPECT_EQ(AddNewsDateVariants(&bad), 0u);
}

TEST(NewsDateVariants, OnlyTheFirstPastTenseVerbCounts) {
  // "officials said Korea fired": the first VBD (said) has a NOUN subject next to it.
  std::vector<Sentence> v = {Build("f", {"officials/NOUN/NNS/2/nsubj", "said/VERB/VBD/0/root",
                                         "Korea/PROPN/NNP/4/nsubj", "fired/VERB/VBD/2/ccomp"})};
  EXPECT_EQ(AddNewsDateVariants(&v), 1u);
  EXPECT_EQ(Forms(v[1]), "officials on Monday said Korea fired");
  EXPECT_EQ(Heads(v[1]), "4:nsubj 3:case 4:obl 0:root 6:nsubj 4:ccomp");
}

}  // namespace
}  // namespace entente::treebank
