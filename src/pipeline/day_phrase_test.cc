// Wire-copy day phrases: finding them, taking them out, and putting them
// back into a parse built by hand; then the whole pipeline with the bundled
// models on the newswire sentences that motivated it.
#include "pipeline/day_phrase.h"

#include <gtest/gtest.h>

#include <string>
#include <cstdint>
#include <iterator>
#include <tuple>
#include <vector>

#include "entente/pipeline.h"
#include "pipeline/pipeline_test_util.h"

namespace entente::pipeline {
namespace {

using test_util::Words;

struct FindCase {
  const char* name;
  const char* text;
  int begin;  // -1: no phrase
  int end;
  int head;
};

class FindDayPhraseTest : public ::testing::TestWithParam<FindCase> {};

TEST_P(FindDayPhraseTest, Finds) {
  const FindCase& c = GetParam();
  auto p = FindDayPhrase(Words(c.text));
  if (c.begin < 0) {
    EXPECT_FALSE(p.has_value()) << p->begin << ".." << p->end;
  } else {
    ASSERT_TRUE(p.has_value());
    EXPECT_EQ(p->begin, c.begin);
    EXPECT_EQ(p->end, c.end);
    EXPECT_EQ(p->head, c.head);
  }
}

INSTANTIATE_TEST_SUITE_P(
    DayPhrase, FindDayPhraseTest,
    ::testing::Values(FindCase{"OnDay", "Israel on Wednesday released the mayor .", 1, 3, 2},
                      FindCase{"BareDay", "Ukrainian lawmakers Tuesday endorsed an agreement .", 2, 3, 2},
                      FindCase{"OnDayPart", "Hamas on Tuesday morning fired rockets .", 1, 4, 3},
                      FindCase{"LateDay", "Pakistan late Tuesday rejected the offer .", 1, 3, 2},
                      FindCase{"EarlyDayPart", "Rebels early Monday night attacked a post .", 1, 4, 3},
                      FindCase{"Yesterday", "Russian troops yesterday entered the town .", 2, 3, 2},
                      FindCase{"LateToday", "The ministry late today said nothing .", 2, 4, 3},
                      FindCase{"LastWeek", "Israel last week released the prisoners .", 1, 3, 2},
                      FindCase{"ThisMonth", "Iran 's minister this month met him .", 3, 5, 4},
                      FindCase{"FirstWord", "Tuesday was quiet .", -1, -1, -1},
                      FindCase{"OnFirst", "On Tuesday troops left .", -1, -1, -1},
                      FindCase{"LastDay", "He left last Tuesday and returned .", -1, -1, -1},
                      FindCase{"SinceDay", "Fighting since Monday killed ten .", -1, -1, -1},
                      FindCase{"OfToday", "The world of today faces risks .", -1, -1, -1},
                      FindCase{"OnToday", "Israel on today released him .", -1, -1, -1},
                      FindCase{"LastSummit", "Israel last summit released him .", -1, -1, -1},
                      FindCase{"AfterComma", "The talks , Monday said nothing .", -1, -1, -1},
                      FindCase{"CapitalAfter", "He met on Monday Israeli leaders .", -1, -1, -1},
                      // A candidate by its words; DayPhraseFits rejects it ("said" is no subject).
                      FindCase{"AfterAVerb", "He said on Monday Israel left .", -1, -1, -1},
                      FindCase{"AfterAVerbBeforeAWord", "He said on Monday troops left .", 2, 4, 3},
                      // A closed-class word after the phrase is never its verb.
                      FindCase{"ThatAfter", "He said on Monday that Israel left .", -1, -1, -1},
                      FindCase{"PronounAfter", "The minister said Wednesday she hoped .", -1, -1, -1},
                      FindCase{"PrepositionAfter", "A report released Tuesday in Geneva said .", -1, -1, -1},
                      FindCase{"PunctAfter", "He left on Monday .", -1, -1, -1},
                      FindCase{"AtTheEnd", "He left on Monday", -1, -1, -1},
                      FindCase{"LowercaseDayIsNotADay", "Israel on wednesday released him .", -1, -1, -1},
                      FindCase{"SecondCandidate", "Last Monday , Israel on Tuesday released him .", 4, 6, 5}),
    [](const auto& info) { return std::string(info.param.name); });

TEST(DayPhrase, WithoutDayPhraseDropsTheTokensAndMultiwords) {
  Sentence s = Words("Israel on Wednesday released him .");
  s.multiword.push_back({1, 2, "x", ""});
  Sentence r = WithoutDayPhrase(s, DayPhrase{1, 3, 2});
  ASSERT_EQ(r.tokens.size(), 4u);
  EXPECT_EQ(r.tokens[0].form, "Israel");
  EXPECT_EQ(r.tokens[1].form, "released");
  EXPECT_TRUE(r.multiword.empty());
}

void Tag(Sentence* s, const std::vector<std::pair<const char*, const char*>>& tags) {
  ASSERT_EQ(s->tokens.size(), tags.size());
  for (size_t i = 0; i < tags.size(); ++i) {
    s->tokens[i].upos = tags[i].first;
    s->tokens[i].xpos = tags[i].second;
  }
}

TEST(DayPhrase, FitsOnlyBetweenSubjectAndFiniteVerb) {
  struct Case {
    const char* name;
    const char* before_upos;
    const char* after_upos;
    const char* after_xpos;
    bool fits;
  };
  const Case cases[] = {
      {"NounVbd", "PROPN", "VERB", "VBD", true},  {"PronVbz", "PRON", "VERB", "VBZ", true},
      {"NounAux", "NOUN", "AUX", "MD", true},     {"NounParticiple", "NOUN", "VERB", "VBN", false},
      {"NounGerund", "NOUN", "VERB", "VBG", false}, {"VerbBefore", "VERB", "VERB", "VBD", false},
      {"NounNoun", "NOUN", "NOUN", "NN", false},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.name);
    Sentence r = Words("X y z");  // "X [on Monday] y z"
    Tag(&r, {{c.before_upos, "NN"}, {c.after_upos, c.after_xpos}, {"NOUN", "NN"}});
    EXPECT_EQ(DayPhraseFits(r, DayPhrase{1, 3, 2}), c.fits);
  }
}

// Sets head and deprel of every token (1-based heads).
void Parse(Sentence* s, const std::vector<std::pair<int, const char*>>& arcs) {
  ASSERT_EQ(s->tokens.size(), arcs.size());
  for (size_t i = 0; i < arcs.size(); ++i) {
    s->tokens[i].head = arcs[i].first;
    s->tokens[i].deprel = arcs[i].second;
  }
}

TEST(DayPhrase, RestoreAttachesOnDayToTheVerb) {
  Sentence full = Words("Israel on Wednesday released him .");
  const DayPhrase p{1, 3, 2};
  Sentence r = WithoutDayPhrase(full, p);  // Israel released him .
  Tag(&r, {{"PROPN", "NNP"}, {"VERB", "VBD"}, {"PRON", "PRP"}, {"PUNCT", "."}});
  Parse(&r, {{2, "nsubj"}, {0, "root"}, {2, "obj"}, {2, "punct"}});
  RestoreDayPhrase(r, p, &full);
  const auto& t = full.tokens;
  EXPECT_EQ(t[0].head, 4);
  EXPECT_EQ(t[0].deprel, "nsubj");
  EXPECT_EQ(t[1].head, 3);
  EXPECT_EQ(t[1].deprel, "case");
  EXPECT_EQ(t[1].upos, "ADP");
  EXPECT_EQ(t[2].head, 4);
  EXPECT_EQ(t[2].deprel, "obl");
  EXPECT_EQ(t[2].upos, "PROPN");
  EXPECT_EQ(t[3].head, 0);
  EXPECT_EQ(t[3].upos, "VERB");
  EXPECT_EQ(t[4].head, 4);
  EXPECT_EQ(t[4].deprel, "obj");
  EXPECT_EQ(t[5].head, 4);
}

TEST(DayPhrase, RestoreAttachesBareDayToTheMainVerbOfAnAuxiliary) {
  Sentence full = Words("Officials Tuesday have rejected it");
  const DayPhrase p{1, 2, 1};
  Sentence r = WithoutDayPhrase(full, p);  // Officials have rejected it
  Tag(&r, {{"NOUN", "NNS"}, {"AUX", "VBP"}, {"VERB", "VBN"}, {"PRON", "PRP"}});
  Parse(&r, {{3, "nsubj"}, {3, "aux"}, {0, "root"}, {3, "obj"}});
  RestoreDayPhrase(r, p, &full);
  const auto& t = full.tokens;
  EXPECT_EQ(t[1].head, 4);  // rejected
  EXPECT_EQ(t[1].deprel, "obl:tmod");
  EXPECT_EQ(t[0].head, 4);
  EXPECT_EQ(t[2].head, 4);
  EXPECT_EQ(t[2].deprel, "aux");
  EXPECT_EQ(t[3].head, 0);
}

TEST(DayPhrase, RestoreBuildsThePhraseAsEwtDoes) {
  struct Case {
    const char* name;
    const char* text;  // the verb is the word after the phrase, at index verb
    int verb;
    std::vector<std::tuple<const char*, const char*, int, const char*>> phrase;  // upos, xpos, head, deprel
  };
  const Case cases[] = {
      {"OnDayPart", "Hamas on Tuesday morning fired rockets", 4,
       {{"ADP", "IN", 4, "case"}, {"PROPN", "NNP", 4, "compound"}, {"NOUN", "NN", 5, "obl"}}},
      {"LateYesterday", "Troops late yesterday left town", 3,
       {{"ADV", "RB", 3, "advmod"}, {"NOUN", "NN", 4, "obl:tmod"}}},
      {"LastWeek", "Israel last week released prisoners", 3, {{"ADJ", "JJ", 3, "amod"}, {"NOUN", "NN", 4, "obl:tmod"}}},
      {"ThisWeek", "Israel this week released prisoners", 3, {{"DET", "DT", 3, "det"}, {"NOUN", "NN", 4, "obl:tmod"}}},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.name);
    Sentence full = Words(c.text);
    auto p = FindDayPhrase(full);
    ASSERT_TRUE(p.has_value());
    ASSERT_EQ(p->end, c.verb);
    ASSERT_EQ(static_cast<size_t>(p->end - p->begin), c.phrase.size());
    Sentence r = WithoutDayPhrase(full, *p);  // subject verb object
    ASSERT_EQ(r.tokens.size(), 3u);
    Tag(&r, {{"PROPN", "NNP"}, {"VERB", "VBD"}, {"NOUN", "NNS"}});
    Parse(&r, {{2, "nsubj"}, {0, "root"}, {2, "obj"}});
    RestoreDayPhrase(r, *p, &full);
    EXPECT_EQ(full.tokens[0].head, c.verb + 1);
    EXPECT_EQ(full.tokens[static_cast<size_t>(c.verb)].head, 0);
    EXPECT_EQ(full.tokens[static_cast<size_t>(c.verb) + 1].head, c.verb + 1);
    for (size_t k = 0; k < c.phrase.size(); ++k) {
      const Token& t = full.tokens[static_cast<size_t>(p->begin) + k];
      SCOPED_TRACE(t.form);
      EXPECT_EQ(t.upos, std::get<0>(c.phrase[k]));
      EXPECT_EQ(t.xpos, std::get<1>(c.phrase[k]));
      EXPECT_EQ(t.head, std::get<2>(c.phrase[k]));
      EXPECT_EQ(t.deprel, std::get<3>(c.phrase[k]));
    }
  }
}

// With the bundled models: the verb after the day phrase is the root and
// takes the subject; with the option off the models misparse both.
TEST(DayPhrase, PipelineParsesWireCopyDayOrder) {
  struct Case {
    const char* text;
    int subject;  // 0-based
    int verb;
    int day;
  };
  const Case cases[] = {
      {"Israel on Wednesday released the mayor of Nablus .", 0, 3, 2},
      {"Ukrainian lawmakers Tuesday endorsed an association agreement with the European Union .", 1, 3, 2},
      {"Israel last week released the prisoners .", 0, 3, 2},
      {"Hamas on Tuesday morning fired rockets at Israel .", 0, 4, 3},
  };
  PipelineOptions on;
  auto p = Pipeline::Create(on);
  ASSERT_TRUE(p.ok()) << p.status().ToString();
  PipelineOptions off_opts;
  off_opts.wire_day_phrases = false;
  off_opts.repair_tags = false;
  auto off = Pipeline::Create(off_opts);
  ASSERT_TRUE(off.ok()) << off.status().ToString();
  for (const Case& c : cases) {
    SCOPED_TRACE(c.text);
    Sentence s = Words(c.text);
    (*p)->Process(&s);
    const auto& t = s.tokens;
    EXPECT_EQ(t[c.verb].head, 0);
    EXPECT_EQ(t[c.subject].head, c.verb + 1);
    EXPECT_EQ(t[c.subject].deprel, "nsubj");
    EXPECT_EQ(t[c.day].head, c.verb + 1);
    Sentence plain = Words(c.text);
    (*off)->Process(&plain);
    const bool plain_right = plain.tokens[c.verb].head == 0 && plain.tokens[c.subject].head == c.verb + 1;
    EXPECT_FALSE(plain_right) << "the models alone now parse this order; the option may be unneeded";
  }
}

// Random sentences over a vocabulary rich in time words, with random tags
// and random trees: whatever the input, the restored tree stays well
// formed (heads in range, no word its own head, the phrase attached inside
// the sentence) and only the phrase's words and annotations change.
TEST(DayPhrase, RandomSentencesKeepTheTreeWellFormed) {
  const char* vocab[] = {"on", "On", "Monday", "Tuesday", "last", "this", "next", "week", "night", "morning",
                         "early", "late", "today", "yesterday", "Israel", "troops", "fired", "said", ",", ".",
                         "the", "of", "-", "and", "released", "has"};
  const char* tags[][2] = {{"NOUN", "NN"}, {"PROPN", "NNP"}, {"PRON", "PRP"}, {"VERB", "VBD"},
                           {"VERB", "VBN"}, {"AUX", "VBZ"},  {"DET", "DT"},   {"PUNCT", ","}};
  const char* rels[] = {"nsubj", "obj", "aux", "cop", "obl", "punct", "aux:pass"};
  uint64_t rng = 12345;
  auto next = [&](uint64_t n) {
    rng = rng * 6364136223846793005ull + 1442695040888963407ull;
    return static_cast<int>((rng >> 33) % n);
  };
  int found = 0;
  for (int iter = 0; iter < 20000; ++iter) {
    Sentence s;
    const int n = 2 + next(10);
    for (int i = 0; i < n; ++i) {
      Token t;
      t.form = vocab[next(std::size(vocab))];
      s.tokens.push_back(t);
    }
    auto p = FindDayPhrase(s);
    if (!p) continue;
    ++found;
    ASSERT_GT(p->begin, 0);
    ASSERT_LT(p->end, n);
    ASSERT_GE(p->head, p->begin);
    ASSERT_LT(p->head, p->end);
    Sentence r = WithoutDayPhrase(s, *p);
    const int m = static_cast<int>(r.tokens.size());
    ASSERT_EQ(m, n - (p->end - p->begin));
    for (int j = 0; j < m; ++j) {
      Token& t = r.tokens[static_cast<size_t>(j)];
      const auto& tag = tags[next(std::size(tags))];
      t.upos = tag[0];
      t.xpos = tag[1];
      int h = next(static_cast<uint64_t>(m) + 1);  // 0 = root
      if (h == j + 1) h = 0;
      t.head = h;
      t.deprel = rels[next(std::size(rels))];
    }
    (void)DayPhraseFits(r, *p);
    Sentence full = s;
    RestoreDayPhrase(r, *p, &full);
    for (int i = 0; i < n; ++i) {
      const Token& t = full.tokens[static_cast<size_t>(i)];
      EXPECT_EQ(t.form, s.tokens[static_cast<size_t>(i)].form);
      EXPECT_GE(t.head, 0) << i;
      EXPECT_LE(t.head, n) << i;
      EXPECT_NE(t.head, i + 1) << i;
      if (i >= p->begin && i < p->end) {
        EXPECT_FALSE(t.deprel.empty());
        if (i != p->head) {
          EXPECT_EQ(t.head, p->head + 1) << i;
        }
      }
    }
  }
  EXPECT_GT(found, 1000);  // the vocabulary does produce phrases
}

}  // namespace
}  // namespace entente::pipeline
