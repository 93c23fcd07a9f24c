// Tests of the scoring of coded events against annotated records.
#include "entente/evaluate.h"

#include <gtest/gtest.h>

#include <tuple>

namespace entente {
namespace {

Document Record(const std::string& id, const std::string& category,
                std::vector<std::vector<std::pair<std::string, std::string>>> codings,
                bool evaluate = true) {
  Document d;
  d.id = id;
  d.text = "text of " + id;
  d.meta = {{"category", category}, {"evaluate", evaluate ? "true" : "false"}};
  for (auto& attrs : codings) d.annotations.push_back({"EventCoding", attrs});
  return d;
}

Event Ev(const std::string& s, const std::string& c, const std::string& t) {
  Event e;
  e.source_actor = s;
  e.code = c;
  e.target_actor = t;
  return e;
}

TEST(Evaluate, ExpectedFromAnnotations) {
  Document d = Record("r", "DEMO",
                      {{{"eventcode", "050"}, {"sourcecode", "ARN"}, {"targetcode", "GON"}},
                       {{"noevents", "True"}}});
  ExpectedRecord r = ExpectedFromDocument(d);
  EXPECT_EQ(r.category, "DEMO");
  EXPECT_TRUE(r.evaluate);
  EXPECT_TRUE(r.noevents);
  ASSERT_EQ(r.expected.size(), 1u);
  EXPECT_EQ(r.expected[0], (EventTriple{"ARN", "GON", "050"}));
}

TEST(Evaluate, TraceShowsExpectedParseAndCodedEvents) {
  Document d = Record("DEMO-7", "DEMO", {{{"eventcode", "050"}, {"sourcecode", "ARN"}, {"targetcode", "GON"}}});
  d.date = "1995-01-01";
  Sentence s;
  s.text = "Arnor helped Gondor";
  for (auto [form, lemma, upos, head, rel] :
       {std::tuple{"Arnor", "Arnor", "PROPN", 2, "nsubj"}, std::tuple{"helped", "help", "VERB", 0, "root"},
        std::tuple{"Gondor", "Gondor", "PROPN", 2, "obj"}}) {
    Token t;
    t.form = form;
    t.lemma = lemma;
    t.upos = upos;
    t.head = head;
    t.deprel = rel;
    s.tokens.push_back(t);
  }
  d.sentences.push_back(s);
  Event e = Ev("ARN", "070", "GON");
  e.sentence_index = 0;
  e.source_span = {0, 0, 1};
  e.verb_span = {0, 1, 2};
  e.target_span = {0, 2, 3};
  e.pattern = "verbs.txt:12: HELP [070]";
  const std::string t = EvalTraceText(d, {e});
  EXPECT_EQ(t.rfind("== DEMO-7  1995-01-01\n", 0), 0u) << t;
  EXPECT_NE(t.find("  expected ARN 050 GON\n"), std::string::npos) << t;
  EXPECT_NE(t.find("  sentence 0: Arnor helped Gondor\n"), std::string::npos) << t;
  // Heads 0-based, -1 for the root.
  EXPECT_NE(t.find("      1 helped             help           VERB   -1 root\n"), std::string::npos) << t;
  EXPECT_NE(t.find("      2 Gondor             Gondor         PROPN   1 obj\n"), std::string::npos) << t;
  EXPECT_NE(t.find("  coded ARN 070 GON  sentence 0 source[0,1) verb[1,2) target[2,3)  verbs.txt:12: HELP [070]\n"),
            std::string::npos)
      << t;
}

TEST(Evaluate, CountsRecallPrecisionExactAndCategories) {
  Evaluator ev;
  // Record 1: both found, exact.
  ev.Add(Record("r1", "A",
                {{{"sourcecode", "ARN"}, {"targetcode", "GON"}, {"eventcode", "050"}},
                 {{"sourcecode", "GON"}, {"targetcode", "ARN"}, {"eventcode", "050"}}}),
         {Ev("ARN", "050", "GON"), Ev("GON", "050", "ARN"), Ev("ARN", "050", "GON")});
  // Record 2: one miss, one extra.
  ev.Add(Record("r2", "B", {{{"sourcecode", "ARN"}, {"targetcode", "GON"}, {"eventcode", "111"}}}),
         {Ev("ARN", "112", "GON")});
  // Record 3: noevents, nothing emitted: exact.
  ev.Add(Record("r3", "B", {{{"noevents", "True"}}}), {});
  // Record 4: excluded.
  ev.Add(Record("r4", "B", {{{"sourcecode", "X"}, {"targetcode", "Y"}, {"eventcode", "010"}}}, false),
         {Ev("Q", "010", "R")});
  const EvalReport& r = ev.report();
  EXPECT_EQ(r.total.records, 3u);
  EXPECT_EQ(r.excluded, 1u);
  EXPECT_EQ(r.total.expected, 3u);
  EXPECT_EQ(r.total.emitted, 3u);  // duplicate emitted triple counted once
  EXPECT_EQ(r.total.found, 2u);
  EXPECT_EQ(r.total.correct, 2u);
  EXPECT_EQ(r.total.exact, 2u);
  EXPECT_DOUBLE_EQ(r.total.recall(), 2.0 / 3.0);
  EXPECT_DOUBLE_EQ(r.total.precision(), 2.0 / 3.0);
  ASSERT_EQ(r.misses.size(), 1u);
  EXPECT_EQ(r.misses[0].record, "r2");
  EXPECT_EQ(r.misses[0].event.code, "111");
  ASSERT_EQ(r.extras.size(), 1u);
  EXPECT_EQ(r.extras[0].event.code, "112");
  EXPECT_EQ(r.by_category.at("A").found, 2u);
  EXPECT_EQ(r.by_category.at("B").records, 2u);
  EXPECT_EQ(r.by_category.at("B").exact, 1u);
  std::string text = EvalReportText(r);
  EXPECT_NE(text.find("MISS  r2"), std::string::npos);
  std::string json = EvalReportJson(r);
  EXPECT_NE(json.find("\"found\":2"), std::string::npos) << json;
}

TEST(Evaluate, NoEventsRecordWithOutputIsNotExact) {
  Evaluator ev;
  ev.Add(Record("r", "", {{{"noevents", "True"}}}), {Ev("A", "010", "B")});
  EXPECT_EQ(ev.report().total.exact, 0u);
  EXPECT_EQ(ev.report().total.emitted, 1u);
  EXPECT_DOUBLE_EQ(ev.report().total.precision(), 0.0);
  EXPECT_EQ(ev.report().extras.size(), 1u);
}

TEST(Evaluate, AbsentActorMatchesTheSuitesDashes) {
  // The suites write a missing target as "---"; an emitted event with no
  // target actor (require_dyad = false) is compared as "---".
  Evaluator eval;
  eval.Add(Record("m", "DEMO", {{{"eventcode", "010"}, {"sourcecode", "BREGOV"}, {"targetcode", "---"}}}),
           {Ev("BREGOV", "010", "")});
  EXPECT_EQ(eval.report().total.found, 1u);
  EXPECT_EQ(eval.report().total.correct, 1u);
}

}  // namespace
}  // namespace entente
