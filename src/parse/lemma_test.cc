#include "parse/lemma.h"

#include <gtest/gtest.h>

#include <sstream>

namespace entente::tagger {
namespace {

TEST(EditRule, DeriveAndApplyTable) {
  struct Case {
    const char* form;
    const char* lemma;
    bool lower;
    uint32_t strip;
    const char* append;
  } cases[] = {
      {"walked", "walk", true, 2, ""},
      {"dogs", "dog", true, 1, ""},
      {"The", "the", true, 0, ""},
      {"John", "John", false, 0, ""},
      {"went", "go", true, 4, "go"},
      {"studies", "study", true, 3, "y"},
      {"Running", "run", true, 4, ""},
      {"n't", "not", true, 2, "ot"},
      {"", "", true, 0, ""},
  };
  for (const auto& c : cases) {
    EditRule r = DeriveRule(c.form, c.lemma);
    EXPECT_EQ(r.lower, c.lower) << c.form;
    EXPECT_EQ(r.strip, c.strip) << c.form;
    EXPECT_EQ(r.append, c.append) << c.form;
    std::string out;
    EXPECT_TRUE(ApplyRule(r, c.form, &out));
    EXPECT_EQ(out, c.lemma) << c.form;
  }
}

TEST(EditRule, TooLongStripKeepsForm) {
  EditRule r{true, 10, "x"};
  std::string out;
  EXPECT_FALSE(ApplyRule(r, "cat", &out));
  EXPECT_EQ(out, "cat");
}

// Classes: 0 = NN, 1 = NNS, 2 = VBD, 3 = NNP.
Lemmatiser Toy() {
  Lemmatiser l;
  l.Add("dogs", 1, "dog", "Number=Plur");
  l.Add("cats", 1, "cat", "Number=Plur");
  l.Add("boxes", 1, "box", "Number=Plur");
  l.Add("foxes", 1, "fox", "Number=Plur");
  l.Add("talked", 2, "talk", "Tense=Past");
  l.Add("walked", 2, "walk", "Tense=Past");
  l.Add("jumped", 2, "jump", "Tense=Past");
  l.Add("went", 2, "go", "Tense=Past");
  l.Add("John", 3, "John", "Number=Sing");
  l.Add("Paris", 3, "Paris", "Number=Sing");
  l.Add("dog", 0, "dog", "Number=Sing");
  l.Add("saw", 2, "see", "Tense=Past");
  l.Add("saw", 2, "see", "Tense=Past");
  l.Add("saw", 0, "saw", "Number=Sing");
  l.Finish(4);
  return l;
}

TEST(Lemmatiser, Table) {
  Lemmatiser l = Toy();
  struct Case {
    const char* form;
    uint32_t cls;
    const char* lemma;
    const char* feats;
  } cases[] = {
      {"dogs", 1, "dog", "Number=Plur"},       // lexicon
      {"saw", 2, "see", "Tense=Past"},         // lexicon, by tag
      {"saw", 0, "saw", "Number=Sing"},
      {"went", 2, "go", "Tense=Past"},
      {"Dogs", 1, "dog", "Number=Plur"},       // lower-cased lexicon
      {"kicked", 2, "kick", "Tense=Past"},     // suffix rule "-ed"
      {"Kicked", 2, "kick", "Tense=Past"},     // rule lower-cases
      {"frogs", 1, "frog", "Number=Plur"},     // suffix rule "-gs"
      {"London", 3, "London", "Number=Sing"},  // proper noun keeps its case
      {"x", 1, "x", "Number=Plur"},            // nothing to strip
  };
  for (const auto& c : cases) {
    std::string buf;
    EXPECT_EQ(l.Lemma(c.form, c.cls, &buf), c.lemma) << c.form;
    EXPECT_EQ(l.Feats(c.form, c.cls), c.feats) << c.form;
  }
}

// Analyse (with or without a key computed ahead) agrees with Lemma and Feats.
TEST(Lemmatiser, AnalyseAgreesWithLemmaAndFeats) {
  Lemmatiser l = Toy();
  int checked = 0;
  for (const char* f : {"dogs", "Dogs", "kicked", "Kicked", "London", "saw", "Went", "x", ""})
    for (uint32_t c = 0; c < 4; ++c) {
      std::string a, b, d;
      std::string_view lemma, feats, lemma2, feats2;
      l.Analyse(f, c, &b, &lemma, &feats);
      l.Analyse(f, c, l.Key(f, c), &d, &lemma2, &feats2);
      EXPECT_EQ(lemma, l.Lemma(f, c, &a)) << f << " " << c;
      EXPECT_EQ(feats, l.Feats(f, c)) << f << " " << c;
      EXPECT_EQ(lemma2, lemma);
      EXPECT_EQ(feats2, feats);
      ++checked;
    }
  EXPECT_EQ(checked, 36);
}

// A lemma of 64 KB or more does not fit the packed index: still found.
TEST(Lemmatiser, VeryLongLemma) {
  Lemmatiser l;
  const std::string huge(70000, 'a');
  l.Add("big", 0, huge, "F=1");
  l.Add("dogs", 1, "dog", "Number=Plur");
  l.Finish(2);
  std::string buf;
  EXPECT_EQ(l.Lemma("big", 0, &buf), huge);
  EXPECT_EQ(l.Lemma("dogs", 1, &buf), "dog");
  EXPECT_EQ(l.Feats("dogs", 1), "Number=Plur");
  EXPECT_EQ(l.Feats("big", 0), "F=1");
}

TEST(Lemmatiser, SaveLoadRoundTrip) {
  Lemmatiser l = Toy();
  model_io::ModelWriter w("lemma-test", 1);
  l.Save(&w);
  std::stringstream ss;
  ASSERT_TRUE(w.WriteTo(ss, "mem").ok());
  auto r = model_io::ModelReader::FromStream(ss, "mem", "lemma-test", 1);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  Lemmatiser back;
  ASSERT_TRUE(back.Load(&*r, 4)) << r->status().ToString();
  EXPECT_TRUE(r->AtEnd());
  for (const char* f : {"dogs", "kicked", "London", "saw", "Went"})
    for (uint32_t c = 0; c < 4; ++c) {
      std::string a, b;
      EXPECT_EQ(l.Lemma(f, c, &a), back.Lemma(f, c, &b)) << f << " " << c;
      EXPECT_EQ(l.Feats(f, c), back.Feats(f, c));
    }
}

TEST(Lemmatiser, LoadRejectsWrongClassCount) {
  Lemmatiser l = Toy();
  model_io::ModelWriter w("lemma-test", 1);
  l.Save(&w);
  std::stringstream ss;
  ASSERT_TRUE(w.WriteTo(ss, "mem").ok());
  auto r = model_io::ModelReader::FromStream(ss, "mem", "lemma-test", 1);
  ASSERT_TRUE(r.ok());
  Lemmatiser back;
  EXPECT_FALSE(back.Load(&*r, 7));
  EXPECT_EQ(r->status().code(), Code::kCorruptModel);
}

}  // namespace
}  // namespace entente::tagger
