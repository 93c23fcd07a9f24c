// Unit tests of the event coder on hand-built dependency parses.
#include "entente/coder.h"

#include <algorithm>
#include <string>
#include <tuple>
#include <vector>

#include <gtest/gtest.h>

namespace entente {
namespace {

constexpr char kVerbs[] = R"(
&CURRENCY
+DOLLAR
+EURO

--- CRITICIZE [111] ---
CRITICIZE
CRITICISE

--- VISIT [042:043] ---
VISIT

--- MEET [040] ---
MEET {MEETS MET MEETING}

--- RESTORE [050] ---
RESTORE
- * {DIPLOMATIC TIES} [051]

--- CONTRIBUTE [070] ---
CONTRIBUTE
- * &CURRENCY [071]

--- SAY [010] ---
SAY {SAYS SAID SAYING}

--- ATTACK [190] ---
ATTACK

--- IGNORE [---] ---
IGNORE

--- SEEK [030] ---
SEEK {SEEKS SOUGHT SEEKING}

--- HELP [070] ---
HELP

--- URGE [020] ---
URGE

--- ARRIVE [040] ---
ARRIVE

--- GO [040] ---
GO

--- KILL [190] ---
KILL {KILLS KILLED KILLING}
- * TROOPS [193]
- REBEL * [194]
)";

constexpr char kActors[] = R"(
CHINA_ [CHN]
+CHINESE_
NATO_ [IGOWSTNAT]
SOUTH_KOREA_ [KOR]
+SOUTH_KOREAN_
NORTH_KOREA_ [PRK]
ARNOR_ [ARN]
GONDOR_ [GON]
MORDOR_ [MOR]
+BARAD-DUR_
SMEAGOL
	[HOBGOV <19950101]
	[HOB >19950102]
)";

constexpr char kAgents[] = R"(
FOREIGN_MINISTRY [~GOV]
SPOKESPERSON [~GOV]
TROOPS {} [~MIL]
REBEL [~REB]
)";

constexpr char kDiscards[] = R"(
BASEBALL
+WORLD CUP
)";

// form lemma upos head(1-based, 0 root) deprel
using Row = std::tuple<const char*, const char*, const char*, int, const char*>;

Sentence Make(const std::vector<Row>& rows, const std::string& id = "s1") {
  Sentence s;
  s.id = id;
  for (const auto& [form, lemma, upos, head, deprel] : rows) {
    Token t;
    t.form = form;
    t.lemma = lemma;
    t.upos = upos;
    t.head = head;
    t.deprel = deprel;
    if (!s.text.empty()) s.text += ' ';
    s.text += form;
    s.tokens.push_back(std::move(t));
  }
  return s;
}

class CoderTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto v = VerbDictionary::Parse(kVerbs, "test.verbs");
    auto a = ActorDictionary::Parse(kActors, "test.actors");
    auto g = AgentDictionary::Parse(kAgents, "test.agents");
    auto d = DiscardDictionary::Parse(kDiscards, "test.discards");
    ASSERT_TRUE(v.ok()) << v.status().ToString();
    ASSERT_TRUE(a.ok()) << a.status().ToString();
    ASSERT_TRUE(g.ok()) << g.status().ToString();
    ASSERT_TRUE(d.ok()) << d.status().ToString();
    dicts_.verbs = *v;
    dicts_.actors = *a;
    dicts_.agents = *g;
    dicts_.discards = *d;
  }

  std::vector<Event> Code(std::vector<Sentence> sentences, CoderOptions opts = {},
                          std::string date = "2023-01-30", CoderStats* stats = nullptr) {
    opts.verbs_name = "test.verbs";
    auto coder = Coder::Create(&dicts_, nullptr, opts);
    EXPECT_TRUE(coder.ok());
    Document doc;
    doc.id = "doc1";
    doc.date = date;
    doc.source = "AFP";
    doc.url = "https://example.org/a";
    doc.sentences = std::move(sentences);
    std::vector<Event> events;
    (*coder)->Code(doc, &events, stats);
    return events;
  }

  static std::vector<std::string> Triples(const std::vector<Event>& events) {
    std::vector<std::string> out;
    for (const auto& e : events) out.push_back(e.source_actor + " " + e.code + " " + e.target_actor);
    return out;
  }

  EventDictionaries dicts_;
};

using Strings = std::vector<std::string>;

TEST_F(CoderTest, AgentsCombineWithActorOfThePhrase) {
  // Chinese Foreign Ministry spokesperson Mao Ning criticised NATO
  auto ev = Code({Make({{"Chinese", "chinese", "ADJ", 4, "amod"},
                        {"Foreign", "foreign", "PROPN", 3, "compound"},
                        {"Ministry", "ministry", "PROPN", 4, "compound"},
                        {"spokesperson", "spokesperson", "NOUN", 7, "nsubj"},
                        {"Mao", "Mao", "PROPN", 4, "appos"},
                        {"Ning", "Ning", "PROPN", 5, "flat"},
                        {"criticised", "criticise", "VERB", 0, "root"},
                        {"NATO", "NATO", "PROPN", 7, "obj"}})});
  ASSERT_EQ(Triples(ev), Strings{"CHNGOV 111 IGOWSTNAT"});
  const Event& e = ev[0];
  // Provenance.
  EXPECT_EQ(e.doc_id, "doc1");
  EXPECT_EQ(e.date, "2023-01-30");
  EXPECT_EQ(e.source_name, "AFP");
  EXPECT_EQ(e.url, "https://example.org/a");
  EXPECT_EQ(e.sentence_id, "s1");
  EXPECT_EQ(e.sentence_index, 0);
  EXPECT_NE(e.sentence_text.find("criticised NATO"), std::string::npos);
  EXPECT_EQ(e.verb_span.begin, 6);
  EXPECT_EQ(e.verb_span.end, 7);
  EXPECT_EQ(e.source_span.begin, 0);
  EXPECT_EQ(e.source_span.end, 4);
  EXPECT_EQ(e.source_text, "Chinese Foreign Ministry spokesperson");
  EXPECT_EQ(e.target_span.begin, 7);
  EXPECT_EQ(e.target_text, "NATO");
  EXPECT_EQ(e.pattern.rfind("test.verbs:", 0), 0u) << e.pattern;
  EXPECT_NE(e.pattern.find("CRITICI"), std::string::npos) << e.pattern;
}

TEST_F(CoderTest, MultiWordActorWithAgent) {
  // South Korean troops attacked Gondor
  auto ev = Code({Make({{"South", "south", "ADJ", 3, "amod"},
                        {"Korean", "korean", "ADJ", 3, "amod"},
                        {"troops", "troop", "NOUN", 4, "nsubj"},
                        {"attacked", "attack", "VERB", 0, "root"},
                        {"Gondor", "Gondor", "PROPN", 4, "obj"}})});
  EXPECT_EQ(Triples(ev), Strings{"KORMIL 190 GON"});
}

TEST_F(CoderTest, CompoundSubjectGivesOneEventPerActor) {
  // China and North Korea criticised NATO
  auto ev = Code({Make({{"China", "China", "PROPN", 5, "nsubj"},
                        {"and", "and", "CCONJ", 4, "cc"},
                        {"North", "North", "PROPN", 4, "compound"},
                        {"Korea", "Korea", "PROPN", 1, "conj"},
                        {"criticised", "criticise", "VERB", 0, "root"},
                        {"NATO", "NATO", "PROPN", 5, "obj"}})});
  EXPECT_EQ(Triples(ev), (Strings{"CHN 111 IGOWSTNAT", "PRK 111 IGOWSTNAT"}));
}

TEST_F(CoderTest, CompoundSubjectWithoutTargetPairsUp) {
  // China and Arnor met
  Sentence s = Make({{"China", "China", "PROPN", 4, "nsubj"},
                     {"and", "and", "CCONJ", 3, "cc"},
                     {"Arnor", "Arnor", "PROPN", 1, "conj"},
                     {"met", "meet", "VERB", 0, "root"}});
  EXPECT_EQ(Triples(Code({s})), (Strings{"CHN 040 ARN", "ARN 040 CHN"}));
  CoderOptions no_pairs;
  no_pairs.pair_compound_subjects = false;
  EXPECT_TRUE(Code({s}, no_pairs).empty());
}

TEST_F(CoderTest, CompoundSubjectOfAStatementIsNotPaired) {
  // China and Arnor said: two statements, neither to the other (with
  // require_dyad, no event at all) -- unlike "China and Arnor met".
  Sentence s = Make({{"China", "China", "PROPN", 4, "nsubj"},
                     {"and", "and", "CCONJ", 3, "cc"},
                     {"Arnor", "Arnor", "PROPN", 1, "conj"},
                     {"said", "say", "VERB", 0, "root"}});
  EXPECT_TRUE(Code({s}).empty()) << Triples(Code({s})).front();
  CoderOptions mono;
  mono.require_dyad = false;
  EXPECT_EQ(Triples(Code({s}, mono)), (Strings{"CHN 010 ", "ARN 010 "}));
}

TEST_F(CoderTest, PassiveVoiceSwapsRoles) {
  // NATO was criticised by China
  auto ev = Code({Make({{"NATO", "NATO", "PROPN", 3, "nsubj:pass"},
                        {"was", "be", "AUX", 3, "aux:pass"},
                        {"criticised", "criticise", "VERB", 0, "root"},
                        {"by", "by", "ADP", 5, "case"},
                        {"China", "China", "PROPN", 3, "obl:agent"}})});
  EXPECT_EQ(Triples(ev), Strings{"CHN 111 IGOWSTNAT"});
}

TEST_F(CoderTest, PairedCodeGivesBothDirections) {
  // NATO visited South Korea -> 042 and the reverse 043
  auto ev = Code({Make({{"NATO", "NATO", "PROPN", 2, "nsubj"},
                        {"visited", "visit", "VERB", 0, "root"},
                        {"South", "South", "PROPN", 4, "compound"},
                        {"Korea", "Korea", "PROPN", 2, "obj"}})});
  EXPECT_EQ(Triples(ev), (Strings{"IGOWSTNAT 042 KOR", "KOR 043 IGOWSTNAT"}));
}

TEST_F(CoderTest, PatternsAndFallbackToBaseCode) {
  struct Case {
    const char* object;   // adjective + noun of the object
    const char* adj;
    const char* code;
  } cases[] = {{"ties", "diplomatic", "051"}, {"order", "public", "050"}};
  for (const auto& c : cases) {
    // Arnor restored <adj> <object> with Gondor
    auto ev = Code({Make({{"Arnor", "Arnor", "PROPN", 2, "nsubj"},
                          {"restored", "restore", "VERB", 0, "root"},
                          {c.adj, c.adj, "ADJ", 4, "amod"},
                          {c.object, c.object, "NOUN", 2, "obj"},
                          {"with", "with", "ADP", 6, "case"},
                          {"Gondor", "Gondor", "PROPN", 2, "obl"}})});
    ASSERT_EQ(ev.size(), 1u) << c.object;
    EXPECT_EQ(ev[0].code, c.code) << c.object;
    EXPECT_EQ(ev[0].target_actor, "GON");
    if (std::string(c.code) == "051") {
      EXPECT_NE(ev[0].pattern.find("DIPLOMATIC TIES"), std::string::npos) << ev[0].pattern;
    }
  }
}

TEST_F(CoderTest, SynsetInPattern) {
  // Arnor contributed euros to Gondor
  auto ev = Code({Make({{"Arnor", "Arnor", "PROPN", 2, "nsubj"},
                        {"contributed", "contribute", "VERB", 0, "root"},
                        {"euros", "euro", "NOUN", 2, "obj"},
                        {"to", "to", "ADP", 5, "case"},
                        {"Gondor", "Gondor", "PROPN", 2, "obl"}})});
  EXPECT_EQ(Triples(ev), Strings{"ARN 071 GON"});
}

TEST_F(CoderTest, NullCodeGivesNoEvent) {
  auto ev = Code({Make({{"Arnor", "Arnor", "PROPN", 2, "nsubj"},
                        {"ignored", "ignore", "VERB", 0, "root"},
                        {"Gondor", "Gondor", "PROPN", 2, "obj"}})});
  EXPECT_TRUE(ev.empty());
}

TEST_F(CoderTest, Negation) {
  // China did not criticise NATO
  Sentence s = Make({{"China", "China", "PROPN", 4, "nsubj"},
                     {"did", "do", "AUX", 4, "aux"},
                     {"not", "not", "PART", 4, "advmod"},
                     {"criticise", "criticise", "VERB", 0, "root"},
                     {"NATO", "NATO", "PROPN", 4, "obj"}});
  // The built-in PICO table defines no negation of 111: no event.
  EXPECT_TRUE(Code({s}).empty());
  CoderOptions ignore;
  ignore.negation = NegationMode::kIgnore;
  EXPECT_EQ(Triples(Code({s}, ignore)), Strings{"CHN 111 IGOWSTNAT"});
  CoderOptions drop;
  drop.negation = NegationMode::kDrop;
  EXPECT_TRUE(Code({s}, drop).empty());
  // An ontology in which "not 111" is 051.
  auto onto = CodeOntology::Parse("051:0x0081\n111:0x10080\n", "test");
  ASSERT_TRUE(onto.ok());
  CoderOptions mapped;
  mapped.ontology = &*onto;
  EXPECT_EQ(Triples(Code({s}, mapped)), Strings{"CHN 051 IGOWSTNAT"});
}

TEST(CodeOntologyTest, NegatesThroughMeanings) {
  const CodeOntology& b = CodeOntology::Builtin();
  EXPECT_GT(b.size(), 250u);
  struct Case {
    const char* code;
    const char* negated;  // "" = undefined
  } cases[] = {
      {"110", "050"},   // not disapprove -> diplomatic cooperation
      {"170", "057"},   // not coerce
      {"060", "121"},   // not cooperate materially -> reject material cooperation
      {"061", "1211"},
      {"080", "124"},   // not yield -> refuse to yield
      {"010", "011"},   // not comment -> decline comment
      {"190", ""},      // no negation defined
      {"999", ""},      // unknown code
  };
  for (const Case& c : cases) {
    auto n = b.Negate(c.code);
    if (*c.negated == 0) {
      EXPECT_FALSE(n.has_value()) << c.code;
    } else {
      ASSERT_TRUE(n.has_value()) << c.code;
      EXPECT_EQ(*n, c.negated) << c.code;
    }
  }
}

TEST(CodeOntologyTest, ParsesAlternativesCommentsAndSkipsBadLines) {
  auto o = CodeOntology::Parse(
      "# header\n"
      "050:0x0080#DiplomaticCoop\n"
      "110:0x1007f#0xFFFF+0x0080#0x7000#Disapprove\n"
      "abc:0x1\n"
      "122:-0xFFFF+0x2040+0x300# a comment\n"
      "042:junk\n",
      "t");
  ASSERT_TRUE(o.ok());
  EXPECT_EQ(o->size(), 3u);
  EXPECT_EQ(o->skipped(), 2u);
  EXPECT_EQ(o->Negate("110").value_or(""), "050");
  EXPECT_FALSE(o->Negate("122").has_value());
  EXPECT_FALSE(CodeOntology::Parse("# nothing\n", "t").ok());
  EXPECT_FALSE(CodeOntology::Load("/nonexistent/pico.txt").ok());
}

TEST_F(CoderTest, StatementCodesTheEmbeddedEventWithResolvedPronoun) {
  // Arnor said it would attack Gondor
  auto ev = Code({Make({{"Arnor", "Arnor", "PROPN", 2, "nsubj"},
                        {"said", "say", "VERB", 0, "root"},
                        {"it", "it", "PRON", 5, "nsubj"},
                        {"would", "would", "AUX", 5, "aux"},
                        {"attack", "attack", "VERB", 2, "ccomp"},
                        {"Gondor", "Gondor", "PROPN", 5, "obj"}})});
  EXPECT_EQ(Triples(ev), Strings{"ARN 190 GON"});
}

TEST_F(CoderTest, StatementAboutAnotherActor) {
  // Arnor said Gondor attacked NATO: the embedded event, and (the
  // complement's subject as target) ARN 010 GON.
  Sentence s = Make({{"Arnor", "Arnor", "PROPN", 2, "nsubj"},
                     {"said", "say", "VERB", 0, "root"},
                     {"Gondor", "Gondor", "PROPN", 4, "nsubj"},
                     {"attacked", "attack", "VERB", 2, "ccomp"},
                     {"NATO", "NATO", "PROPN", 4, "obj"}});
  EXPECT_EQ(Triples(Code({s})), (Strings{"ARN 010 GON", "GON 190 IGOWSTNAT"}));
  CoderOptions quiet;
  quiet.code_statements = false;
  EXPECT_EQ(Triples(Code({s}, quiet)), Strings{"GON 190 IGOWSTNAT"});
}

TEST_F(CoderTest, ActorDateRestrictions) {
  Sentence s = Make({{"Smeagol", "Smeagol", "PROPN", 2, "nsubj"},
                     {"attacked", "attack", "VERB", 0, "root"},
                     {"Gondor", "Gondor", "PROPN", 2, "obj"}});
  EXPECT_EQ(Triples(Code({s}, {}, "1994-06-01")), Strings{"HOBGOV 190 GON"});
  EXPECT_EQ(Triples(Code({s}, {}, "1996-06-01")), Strings{"HOB 190 GON"});
}

TEST_F(CoderTest, Discards) {
  Sentence sentence_level = Make({{"Arnor", "Arnor", "PROPN", 2, "nsubj"},
                                  {"attacked", "attack", "VERB", 0, "root"},
                                  {"Gondor", "Gondor", "PROPN", 2, "obj"},
                                  {"at", "at", "ADP", 5, "case"},
                                  {"baseball", "baseball", "NOUN", 2, "obl"}});
  Sentence plain = Make({{"Arnor", "Arnor", "PROPN", 2, "nsubj"},
                         {"attacked", "attack", "VERB", 0, "root"},
                         {"NATO", "NATO", "PROPN", 2, "obj"}}, "s2");
  Sentence story_level = Make({{"the", "the", "DET", 3, "det"},
                               {"World", "World", "PROPN", 3, "compound"},
                               {"Cup", "Cup", "PROPN", 4, "nsubj"},
                               {"began", "begin", "VERB", 0, "root"}}, "s3");
  CoderStats stats;
  EXPECT_EQ(Triples(Code({sentence_level, plain}, {}, "2023-01-30", &stats)),
            Strings{"ARN 190 IGOWSTNAT"});
  EXPECT_EQ(stats.discarded, 1u);
  EXPECT_TRUE(Code({sentence_level, plain, story_level}).empty());
}

TEST_F(CoderTest, PronounAndAllianceResolvedFromEarlierSentence) {
  Sentence s1 = Make({{"Arnor", "Arnor", "PROPN", 2, "nsubj"},
                      {"restored", "restore", "VERB", 0, "root"},
                      {"order", "order", "NOUN", 2, "obj"}}, "s1");
  Sentence s2 = Make({{"It", "it", "PRON", 2, "nsubj"},
                      {"attacked", "attack", "VERB", 0, "root"},
                      {"Gondor", "Gondor", "PROPN", 2, "obj"}}, "s2");
  EXPECT_EQ(Triples(Code({s1, s2})), Strings{"ARN 190 GON"});

  Sentence n1 = Make({{"NATO", "NATO", "PROPN", 2, "nsubj"},
                      {"criticised", "criticise", "VERB", 0, "root"},
                      {"China", "China", "PROPN", 2, "obj"}}, "n1");
  Sentence n2 = Make({{"The", "the", "DET", 2, "det"},
                      {"alliance", "alliance", "NOUN", 3, "nsubj"},
                      {"attacked", "attack", "VERB", 0, "root"},
                      {"Gondor", "Gondor", "PROPN", 3, "obj"}}, "n2");
  auto ev = Code({n1, n2});
  ASSERT_EQ(Triples(ev), (Strings{"IGOWSTNAT 111 CHN", "IGOWSTNAT 190 GON"}));
  EXPECT_EQ(ev[1].sentence_index, 1);
  EXPECT_EQ(ev[1].source_text, "alliance");

  // Ambiguous: two earlier actors, a pronoun is not resolved.
  Sentence a1 = Make({{"Arnor", "Arnor", "PROPN", 2, "nsubj"},
                      {"criticised", "criticise", "VERB", 0, "root"},
                      {"China", "China", "PROPN", 2, "obj"}}, "a1");
  EXPECT_EQ(Triples(Code({a1, s2})), Strings{"ARN 111 CHN"});
  CoderOptions off;
  off.resolve_pronouns = false;
  EXPECT_TRUE(Code({s1, s2}, off).empty());
}

TEST_F(CoderTest, UnparsedSentencesAreSkippedAndCounted) {
  Sentence s = Make({{"Arnor", "Arnor", "PROPN", 2, "nsubj"},
                     {"attacked", "attack", "VERB", 0, "root"},
                     {"Gondor", "Gondor", "PROPN", 2, "obj"}});
  for (auto& t : s.tokens) t.head = -1;
  CoderStats stats;
  EXPECT_TRUE(Code({s}, {}, "2023-01-30", &stats).empty());
  EXPECT_EQ(stats.unparsed, 1u);
  EXPECT_EQ(stats.sentences, 1u);
}

TEST_F(CoderTest, DeterministicOutput) {
  std::vector<Sentence> doc = {
      Make({{"China", "China", "PROPN", 5, "nsubj"},
            {"and", "and", "CCONJ", 4, "cc"},
            {"North", "North", "PROPN", 4, "compound"},
            {"Korea", "Korea", "PROPN", 1, "conj"},
            {"criticised", "criticise", "VERB", 0, "root"},
            {"NATO", "NATO", "PROPN", 5, "obj"}})};
  auto a = Code(doc), b = Code(doc);
  ASSERT_EQ(a.size(), 2u);
  for (size_t i = 0; i < a.size(); ++i) {
    EXPECT_EQ(EventId(a[i]), EventId(b[i]));
    EXPECT_EQ(a[i].event_index, static_cast<int>(i));
  }
}

TEST_F(CoderTest, MaxEventsPerSentence) {
  // "visited" has a paired code: NATO 042 Arnor and Arnor 043 NATO.
  Sentence s = Make({{"NATO", "NATO", "PROPN", 2, "nsubj"},
                     {"visited", "visit", "VERB", 0, "root"},
                     {"Arnor", "Arnor", "PROPN", 2, "obj"}});
  CoderStats all_stats;
  EXPECT_EQ(Code({s}, {}, "2023-01-30", &all_stats).size(), 2u);
  EXPECT_EQ(all_stats.capped, 0u);
  CoderOptions one;
  one.max_events_per_sentence = 1;
  CoderStats stats;
  auto ev = Code({s}, one, "2023-01-30", &stats);
  EXPECT_EQ(ev.size(), 1u);
  EXPECT_EQ(stats.events, 1u);
  EXPECT_EQ(stats.capped, 1u);  // the dropped event is counted, not lost silently
}

TEST(CoderCreate, RejectsBadArguments) {
  EXPECT_FALSE(Coder::Create(nullptr, nullptr, {}).ok());
  EventDictionaries d;
  CoderOptions bad;
  bad.max_events_per_sentence = 0;
  auto r = Coder::Create(&d, nullptr, bad);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), Code::kInvalidArgument);
}

TEST(SentencesFromParse, ReadsConlluParse) {
  Document doc;
  doc.id = "r1";
  doc.parse_format = "conllu";
  doc.parse =
      "1\tArnor\tArnor\tPROPN\tNNP\t_\t2\tnsubj\t_\t_\n"
      "2\tattacked\tattack\tVERB\tVBD\t_\t0\troot\t_\t_\n"
      "3\tGondor\tGondor\tPROPN\tNNP\t_\t2\tdobj\t_\t_\n";
  auto n = SentencesFromParse(&doc);
  ASSERT_TRUE(n.ok());
  EXPECT_EQ(*n, 0);
  ASSERT_EQ(doc.sentences.size(), 1u);
  EXPECT_EQ(doc.sentences[0].tokens.size(), 3u);
  EXPECT_EQ(doc.sentences[0].text, "Arnor attacked Gondor");
  EXPECT_EQ(doc.sentences[0].id, "r1-1");
}

}  // namespace
}  // namespace entente

namespace entente {
namespace {

TEST_F(CoderTest, UpperVerbComposesWithItsInfinitive) {
  // Arnor seeks to help Gondor: SEEK 030 (0x3000) + HELP 070 (0x0040) -> 033.
  Sentence s = Make({{"Arnor", "Arnor", "PROPN", 2, "nsubj"},
                     {"seeks", "seek", "VERB", 0, "root"},
                     {"to", "to", "PART", 4, "mark"},
                     {"help", "help", "VERB", 2, "xcomp"},
                     {"Gondor", "Gondor", "PROPN", 4, "obj"}});
  EXPECT_EQ(Triples(Code({s})), Strings{"ARN 033 GON"});
  CoderOptions off;
  off.compose_verbs = false;
  EXPECT_EQ(Triples(Code({s}, off)), Strings{"ARN 070 GON"});
}

TEST_F(CoderTest, ObjectControlComposesOnlyWithABasicLowerVerb) {
  // Arnor urged Gondor to help China: URGE 020 (0x2000) + HELP 070 (0x0040)
  // -> 023 towards the object.
  auto make = [&](const char* form, const char* lemma) {
    return Make({{"Arnor", "Arnor", "PROPN", 2, "nsubj"},
                 {"urged", "urge", "VERB", 0, "root"},
                 {"Gondor", "Gondor", "PROPN", 2, "iobj"},
                 {"to", "to", "PART", 5, "mark"},
                 {form, lemma, "VERB", 2, "xcomp"},
                 {"China", "China", "PROPN", 5, "obj"}});
  };
  EXPECT_EQ(Triples(Code({make("help", "help")})), Strings{"ARN 023 GON"});
  // Arnor urged Gondor to criticise China: CRITICIZE 111 is high-level
  // (0x7001): no composition; the appeal and the criticism each stand.
  EXPECT_EQ(Triples(Code({make("criticise", "criticise")})), (Strings{"ARN 020 GON", "GON 111 CHN"}));
}

TEST_F(CoderTest, AgentlessPassiveRaisesItsSubjectIntoTheInfinitive) {
  // Arnor is scheduled to meet Gondor
  Sentence s = Make({{"Arnor", "Arnor", "PROPN", 3, "nsubj:pass"},
                     {"is", "be", "AUX", 3, "aux:pass"},
                     {"scheduled", "schedule", "VERB", 0, "root"},
                     {"to", "to", "PART", 5, "mark"},
                     {"meet", "meet", "VERB", 3, "xcomp"},
                     {"Gondor", "Gondor", "PROPN", 5, "obj"}});
  EXPECT_EQ(Triples(Code({s})), Strings{"ARN 040 GON"});
}

TEST_F(CoderTest, PluralPronounTakesTheCompoundSubject) {
  // Arnor and Gondor said they will attack NATO: no ARN 010 GON pairs.
  Sentence s = Make({{"Arnor", "Arnor", "PROPN", 4, "nsubj"},
                     {"and", "and", "CCONJ", 3, "cc"},
                     {"Gondor", "Gondor", "PROPN", 1, "conj"},
                     {"said", "say", "VERB", 0, "root"},
                     {"they", "they", "PRON", 7, "nsubj"},
                     {"will", "will", "AUX", 7, "aux"},
                     {"attack", "attack", "VERB", 4, "ccomp"},
                     {"NATO", "NATO", "PROPN", 7, "obj"}});
  EXPECT_EQ(Triples(Code({s})), (Strings{"ARN 190 IGOWSTNAT", "GON 190 IGOWSTNAT"}));
}

TEST_F(CoderTest, AgentOnlyConjunctTakesEveryActorOfTheFirstConjunct) {
  // Lawmakers in Arnor and Gondor and troops attacked NATO
  Sentence s = Make({{"Lawmakers", "lawmaker", "NOUN", 8, "nsubj"},
                     {"in", "in", "ADP", 3, "case"},
                     {"Arnor", "Arnor", "PROPN", 1, "nmod"},
                     {"and", "and", "CCONJ", 5, "cc"},
                     {"Gondor", "Gondor", "PROPN", 3, "conj"},
                     {"and", "and", "CCONJ", 7, "cc"},
                     {"troops", "troop", "NOUN", 1, "conj"},
                     {"attacked", "attack", "VERB", 0, "root"},
                     {"NATO", "NATO", "PROPN", 8, "obj"}});
  EXPECT_EQ(Triples(Code({s})), (Strings{"ARN 190 IGOWSTNAT", "GON 190 IGOWSTNAT", "ARNMIL 190 IGOWSTNAT",
                                          "GONMIL 190 IGOWSTNAT"}));
}

TEST_F(CoderTest, PassiveIsMatchedInActiveOrder) {
  // Arnor troops were killed by Gondor rebels: "* TROOPS" sees the passive
  // subject after the verb, "REBEL *" the by-agent before it; the longer
  // match (2 elements) wins over neither: both have one, file order -> 193.
  Sentence s = Make({{"Arnor", "Arnor", "PROPN", 2, "compound"},
                     {"troops", "troops", "NOUN", 4, "nsubj:pass"},
                     {"were", "be", "AUX", 4, "aux:pass"},
                     {"killed", "kill", "VERB", 0, "root"},
                     {"by", "by", "ADP", 7, "case"},
                     {"Gondor", "Gondor", "PROPN", 7, "compound"},
                     {"rebels", "rebel", "NOUN", 4, "obl"}});
  EXPECT_EQ(Triples(Code({s})), Strings{"GONREB 193 ARNMIL"});
}

TEST_F(CoderTest, ExistentialThereMakesAReducedPassive) {
  // There were troops killed in Gondor (parsed troops <-nsubj- killed).
  Sentence s = Make({{"There", "there", "PRON", 2, "expl"},
                     {"were", "be", "VERB", 0, "root"},
                     {"Arnor", "Arnor", "PROPN", 4, "compound"},
                     {"troops", "troops", "NOUN", 5, "nsubj"},
                     {"killed", "kill", "VERB", 2, "csubj"},
                     {"in", "in", "ADP", 7, "case"},
                     {"Gondor", "Gondor", "PROPN", 5, "obl"}});
  EXPECT_EQ(Triples(Code({s})), Strings{"GON 193 ARNMIL"});
}

TEST_F(CoderTest, ExistentialSubjectWithParticipleAcl) {
  // There were Arnor troops killed in Gondor, parsed with "troops" the
  // subject of "were" and "killed" its acl: still a reduced passive whose
  // complement names the source.
  std::vector<Row> rows = {{"There", "there", "PRON", 2, "expl"},
                           {"were", "be", "VERB", 0, "root"},
                           {"Arnor", "Arnor", "PROPN", 4, "compound"},
                           {"troops", "troops", "NOUN", 2, "nsubj"},
                           {"killed", "kill", "VERB", 4, "acl"},
                           {"in", "in", "ADP", 7, "case"},
                           {"Gondor", "Gondor", "PROPN", 5, "obl"}};
  Sentence s = Make(rows);
  s.tokens[4].xpos = "VBN";
  // (The noun lies outside the participle's clause, so "* TROOPS" [193] is
  // not matched here, unlike with the csubj parse above: KILL's 190.)
  EXPECT_EQ(Triples(Code({s})), Strings{"GON 190 ARNMIL"});
  // Without "there" it is an ordinary reduced relative ("Arnor troops
  // killed in Gondor were ..."), whose source is named only by "by".
  rows.erase(rows.begin());
  for (auto& r : rows) std::get<3>(r) = std::get<3>(r) == 0 ? 0 : std::get<3>(r) - 1;
  s = Make(rows);
  s.tokens[3].xpos = "VBN";
  EXPECT_TRUE(Code({s}).empty()) << ::testing::PrintToString(Triples(Code({s})));
}

TEST_F(CoderTest, UncoordinatedParticipleConjunctIsAReducedRelative) {
  // Gondor was attacked by a missile believed to be fired by Mordor, with
  // "believed" parsed as a conjunct of "attacked" (no "and", no comma).
  std::vector<Row> rows = {{"Gondor", "Gondor", "PROPN", 3, "nsubj:pass"},
                           {"was", "be", "AUX", 3, "aux:pass"},
                           {"attacked", "attack", "VERB", 0, "root"},
                           {"by", "by", "ADP", 6, "case"},
                           {"a", "a", "DET", 6, "det"},
                           {"missile", "missile", "NOUN", 3, "obl:agent"},
                           {"believed", "believe", "VERB", 3, "conj"},
                           {"to", "to", "PART", 10, "mark"},
                           {"be", "be", "AUX", 10, "aux:pass"},
                           {"fired", "fire", "VERB", 7, "xcomp"},
                           {"by", "by", "ADP", 12, "case"},
                           {"Mordor", "Mordor", "PROPN", 10, "obl:agent"}};
  Sentence s = Make(rows);
  s.tokens[2].xpos = s.tokens[6].xpos = s.tokens[9].xpos = "VBN";
  EXPECT_EQ(Triples(Code({s})), Strings{"MOR 190 GON"});
  // A real coordination ("... by a missile and believed ...") is left alone.
  rows.insert(rows.begin() + 6, Row{"and", "and", "CCONJ", 8, "cc"});
  for (size_t i = 0; i < rows.size(); ++i)
    if (i != 6 && std::get<3>(rows[i]) > 6) ++std::get<3>(rows[i]);
  s = Make(rows);
  s.tokens[2].xpos = s.tokens[7].xpos = s.tokens[10].xpos = "VBN";
  EXPECT_TRUE(Code({s}).empty()) << ::testing::PrintToString(Triples(Code({s})));
}

TEST_F(CoderTest, ParticipleAfterTheObjectLendsItsTarget) {
  // Arnor criticised the attack targeting the embassy in Gondor, with
  // "targeting" parsed as an advcl of "criticised".
  std::vector<Row> rows = {{"Arnor", "Arnor", "PROPN", 2, "nsubj"},
                           {"criticised", "criticise", "VERB", 0, "root"},
                           {"the", "the", "DET", 4, "det"},
                           {"attack", "attack", "NOUN", 2, "obj"},
                           {"targeting", "target", "VERB", 2, "advcl"},
                           {"the", "the", "DET", 7, "det"},
                           {"embassy", "embassy", "NOUN", 5, "obj"},
                           {"in", "in", "ADP", 9, "case"},
                           {"Gondor", "Gondor", "PROPN", 5, "obl"}};
  Sentence s = Make(rows);
  s.tokens[4].xpos = "VBG";
  EXPECT_EQ(Triples(Code({s})), Strings{"ARN 111 GON"});
  // After a comma the participle is adverbial ("..., targeting ..."): no
  // target.
  rows.insert(rows.begin() + 4, Row{",", ",", "PUNCT", 6, "punct"});
  for (size_t i = 0; i < rows.size(); ++i)
    if (i != 4 && std::get<3>(rows[i]) > 4) ++std::get<3>(rows[i]);
  s = Make(rows);
  s.tokens[5].xpos = "VBG";
  EXPECT_TRUE(Code({s}).empty()) << ::testing::PrintToString(Triples(Code({s})));
}

TEST_F(CoderTest, WithPhraseMisparsedAsAbsoluteClauseIsTheComplement) {
  // Arnor met with Gondor to discuss ties, parsed with "with" the mark and
  // "Gondor" the subject of "discuss".
  std::vector<Row> rows = {{"Arnor", "Arnor", "PROPN", 2, "nsubj"},
                           {"met", "meet", "VERB", 0, "root"},
                           {"with", "with", "SCONJ", 6, "mark"},
                           {"Gondor", "Gondor", "PROPN", 6, "nsubj"},
                           {"to", "to", "PART", 6, "mark"},
                           {"discuss", "discuss", "VERB", 2, "advcl"},
                           {"ties", "tie", "NOUN", 6, "obj"}};
  EXPECT_EQ(Triples(Code({Make(rows)})), Strings{"ARN 040 GON"});
  // Without the infinitive it is a real absolute clause ("met, with Gondor
  // discussing ties"): Gondor is no complement of "met".
  rows[4] = Row{"then", "then", "ADV", 6, "advmod"};
  EXPECT_TRUE(Code({Make(rows)}).empty());
}

TEST_F(CoderTest, HyphenGluedAgentIsAModifierAndNominalXcompAnObject) {
  // Arnor attacked a rebel-held part of Gondor (tokenised "rebel - held"),
  // parsed with "rebel" the object and "part" an xcomp.
  Sentence s = Make({{"Arnor", "Arnor", "PROPN", 2, "nsubj"},
                     {"attacked", "attack", "VERB", 0, "root"},
                     {"a", "a", "DET", 4, "det"},
                     {"rebel", "rebel", "NOUN", 2, "obj"},
                     {"-", "-", "PUNCT", 6, "punct"},
                     {"held", "hold", "VERB", 7, "amod"},
                     {"part", "part", "NOUN", 2, "xcomp"},
                     {"of", "of", "ADP", 9, "case"},
                     {"Gondor", "Gondor", "PROPN", 7, "nmod"}});
  s.tokens[3].space_after = false;
  s.tokens[4].space_after = false;
  EXPECT_EQ(Triples(Code({s})), Strings{"ARN 190 GON"});
  // "rebel - held" with spaces: "rebel" is a word of its own, the object.
  s.tokens[3].space_after = true;
  s.tokens[4].space_after = true;
  EXPECT_EQ(Triples(Code({s})), Strings{"ARN 190 ---REB"});
}

TEST_F(CoderTest, RegularLookingFormsAreNotLemmatised) {
  // "attacks" is a form the dictionary generates; "attackes" is not, and
  // its lemma must not rescue it.
  auto ok = Code({Make({{"Arnor", "Arnor", "PROPN", 2, "nsubj"},
                        {"attacks", "attack", "VERB", 0, "root"},
                        {"Gondor", "Gondor", "PROPN", 2, "obj"}})});
  EXPECT_EQ(Triples(ok), Strings{"ARN 190 GON"});
  auto bad = Code({Make({{"Arnor", "Arnor", "PROPN", 2, "nsubj"},
                         {"attackes", "attack", "VERB", 0, "root"},
                         {"Gondor", "Gondor", "PROPN", 2, "obj"}})});
  EXPECT_TRUE(bad.empty());
}


// ---------------------------------------------------------------- seed
// constructions and tolerance to imperfect parses

std::vector<Row> SpokespersonCriticisedNato() {
  // Chinese Foreign Ministry spokesperson Mao Ning criticised NATO
  return {{"Chinese", "chinese", "ADJ", 4, "amod"},       {"Foreign", "foreign", "PROPN", 3, "compound"},
          {"Ministry", "ministry", "PROPN", 4, "compound"}, {"spokesperson", "spokesperson", "NOUN", 7, "nsubj"},
          {"Mao", "Mao", "PROPN", 4, "appos"},            {"Ning", "Ning", "PROPN", 5, "flat"},
          {"criticised", "criticise", "VERB", 0, "root"}, {"NATO", "NATO", "PROPN", 7, "obj"}};
}

TEST_F(CoderTest, SheAndBareNameReferToTheEarlierPerson) {
  // The first sentence has two actors (CHNGOV, NATO); "she" and "Mao" are
  // the person among them.
  for (const char* who : {"She", "Mao"}) {
    auto ev = Code({Make(SpokespersonCriticisedNato(), "s1"),
                    Make({{who, who, std::string(who) == "She" ? "PRON" : "PROPN", 2, "nsubj"},
                          {"criticised", "criticise", "VERB", 0, "root"},
                          {"South", "South", "PROPN", 4, "compound"},
                          {"Korea", "Korea", "PROPN", 2, "obj"}},
                         "s2")});
    EXPECT_EQ(Triples(ev), (Strings{"CHNGOV 111 IGOWSTNAT", "CHNGOV 111 KOR"})) << who;
  }
}

TEST_F(CoderTest, WeNamesOnlyTheSpeakerOfTheGoverningClause) {
  auto we = [](int n) {
    // "We criticised China" [, she said]
    std::vector<Row> r = {{"We", "we", "PRON", 2, "nsubj"},
                          {"criticised", "criticise", "VERB", n > 0 ? 0 : 0, "root"},
                          {"China", "China", "PROPN", 2, "obj"}};
    if (n > 0) {
      r = {{"We", "we", "PRON", 2, "nsubj"}, {"criticised", "criticise", "VERB", 6, "ccomp"},
           {"China", "China", "PROPN", 2, "obj"}, {",", ",", "PUNCT", 2, "punct"},
           {"she", "she", "PRON", 6, "nsubj"}, {"said", "say", "VERB", 0, "root"}};
    }
    return r;
  };
  // Outside a statement "we" is the writer: no event, though NATO was the
  // only actor of the sentence before.
  auto nato = Make({{"NATO", "NATO", "PROPN", 2, "nsubj"},
                    {"criticised", "criticise", "VERB", 0, "root"},
                    {"Gondor", "Gondor", "PROPN", 2, "obj"}},
                   "s0");
  EXPECT_EQ(Triples(Code({nato, Make(we(0), "s1")})), Strings{"IGOWSTNAT 111 GON"});
  // Inside one, the speaker ("she" = the spokesperson).
  auto ev = Code({Make(SpokespersonCriticisedNato(), "s0"), Make(we(1), "s1")});
  EXPECT_EQ(Triples(ev), (Strings{"CHNGOV 111 IGOWSTNAT", "CHNGOV 111 CHN"}));
}

TEST_F(CoderTest, CleftFocusIsTheStatementTarget) {
  // Arnor said it was NATO that ignored the talks
  auto ev = Code({Make({{"Arnor", "Arnor", "PROPN", 2, "nsubj"},
                        {"said", "say", "VERB", 0, "root"},
                        {"it", "it", "PRON", 5, "expl"},
                        {"was", "be", "AUX", 5, "cop"},
                        {"NATO", "NATO", "PROPN", 2, "ccomp"},
                        {"that", "that", "PRON", 7, "nsubj"},
                        {"ignored", "ignore", "VERB", 5, "acl:relcl"},
                        {"talks", "talk", "NOUN", 7, "obj"}})});
  EXPECT_EQ(Triples(ev), Strings{"ARN 010 IGOWSTNAT"});
}

TEST_F(CoderTest, QuoteAttributedAfterTheQuote) {
  // “NATO ignored Gondor,” Arnor said.  (the parser hangs "said" on the
  // quote's verb as a dep); without quotation marks nothing is attributed.
  for (bool quoted : {true, false}) {
    std::vector<Row> r = {{quoted ? "\xE2\x80\x9C" : "-", "\"", "PUNCT", 3, "punct"},
                          {"NATO", "NATO", "PROPN", 3, "nsubj"},
                          {"ignored", "ignore", "VERB", 0, "root"},
                          {"Gondor", "Gondor", "PROPN", 3, "obj"},
                          {",", ",", "PUNCT", 3, "punct"},
                          {quoted ? "\xE2\x80\x9D" : ",", quoted ? "\"" : ",", "PUNCT", 3, "punct"},
                          {"Arnor", "Arnor", "PROPN", 8, "nsubj"},
                          {"said", "say", "VERB", 3, "dep"},
                          {".", ".", "PUNCT", 3, "punct"}};
    auto ev = Code({Make(r)});
    if (quoted)
      EXPECT_EQ(Triples(ev), Strings{"ARN 010 IGOWSTNAT"});
    else
      EXPECT_TRUE(ev.empty()) << Triples(ev).front();
  }
}

TEST_F(CoderTest, SpeakerAboutItsOwnStateIsNoEvent) {
  // Chinese spokesperson said China seeks talks / Gondor seeks talks
  for (const char* who : {"China", "Gondor"}) {
    auto ev = Code({Make({{"Chinese", "chinese", "ADJ", 2, "amod"},
                          {"spokesperson", "spokesperson", "NOUN", 3, "nsubj"},
                          {"said", "say", "VERB", 0, "root"},
                          {who, who, "PROPN", 5, "nsubj"},
                          {"ignores", "ignore", "VERB", 3, "ccomp"},
                          {"talks", "talk", "NOUN", 5, "obj"}})});
    if (std::string(who) == "China")
      EXPECT_TRUE(ev.empty()) << Triples(ev).front();
    else
      EXPECT_EQ(Triples(ev), Strings{"CHNGOV 010 GON"});
  }
}

TEST_F(CoderTest, PossessedEventNounIsCodedLikeItsVerb) {
  // NATO's visit to South Korea ended; Arnor welcomed his arrival in Gondor
  auto ev = Code({Make({{"NATO", "NATO", "PROPN", 3, "nmod:poss"},
                        {"'s", "'s", "PART", 1, "case"},
                        {"visit", "visit", "NOUN", 7, "nsubj"},
                        {"to", "to", "ADP", 6, "case"},
                        {"South", "South", "PROPN", 6, "compound"},
                        {"Korea", "Korea", "PROPN", 3, "nmod"},
                        {"ended", "end", "VERB", 0, "root"}}),
                  Make({{"Arnor", "Arnor", "PROPN", 2, "nsubj"},
                        {"received", "receive", "VERB", 0, "root"},
                        {"praise", "praise", "NOUN", 2, "obj"},
                        {"upon", "upon", "ADP", 6, "case"},
                        {"his", "his", "PRON", 6, "nmod:poss"},
                        {"arrival", "arrival", "NOUN", 2, "obl"},
                        {"in", "in", "ADP", 8, "case"},
                        {"Gondor", "Gondor", "PROPN", 6, "nmod"}},
                       "s2"),
                  // Unpossessed: no event ("the visit to Korea").
                  Make({{"the", "the", "DET", 2, "det"},
                        {"visit", "visit", "NOUN", 0, "root"},
                        {"to", "to", "ADP", 4, "case"},
                        {"Korea", "Korea", "PROPN", 2, "nmod"}},
                       "s3")});
  EXPECT_EQ(Triples(ev), (Strings{"IGOWSTNAT 042 KOR", "KOR 043 IGOWSTNAT", "ARN 040 GON"}));
  CoderOptions off;
  off.code_event_nouns = false;
  EXPECT_TRUE(Code({Make({{"NATO", "NATO", "PROPN", 3, "nmod:poss"},
                          {"'s", "'s", "PART", 1, "case"},
                          {"visit", "visit", "NOUN", 0, "root"},
                          {"to", "to", "ADP", 5, "case"},
                          {"Korea", "Korea", "PROPN", 3, "nmod"}})},
                   off)
                  .empty());
}

TEST_F(CoderTest, EventNounTakesThePlacePhraseRightAfterIt) {
  // Arnor received praise upon his arrival Sunday in Gondor, parsed with
  // "Sunday" and "in Gondor" on the verb: the place phrase right after the
  // event noun is its target (right association).
  auto make = [&](const char* prep) {
    return Make({{"Arnor", "Arnor", "PROPN", 2, "nsubj"},
                 {"received", "receive", "VERB", 0, "root"},
                 {"praise", "praise", "NOUN", 2, "obj"},
                 {"upon", "upon", "ADP", 6, "case"},
                 {"his", "his", "PRON", 6, "nmod:poss"},
                 {"arrival", "arrival", "NOUN", 2, "obl"},
                 {"Sunday", "Sunday", "PROPN", 2, "obl:tmod"},
                 {prep, prep, "ADP", 9, "case"},
                 {"Gondor", "Gondor", "PROPN", 2, "obl"}});
  };
  EXPECT_EQ(Triples(Code({make("in")})), (Strings{"ARN 040 GON"}));
  // Not a phrase of place or direction: left where the parse put it.
  EXPECT_TRUE(Code({make("for")}).empty());
}

TEST_F(CoderTest, HyphenSplitWordIsLookedUpWhole) {
  // Gondor criticised Barad-dur (tokenised "Barad - dur")
  Sentence s = Make({{"Gondor", "Gondor", "PROPN", 2, "nsubj"},
                     {"criticised", "criticise", "VERB", 0, "root"},
                     {"Barad", "Barad", "PROPN", 5, "compound"},
                     {"-", "-", "PUNCT", 3, "punct"},
                     {"dur", "dur", "NOUN", 2, "obj"}});
  s.tokens[2].space_after = false;
  s.tokens[3].space_after = false;
  EXPECT_EQ(Triples(Code({s})), Strings{"GON 111 MOR"});
  // With spaces around the hyphen the parts are separate words.
  s.tokens[2].space_after = true;
  s.tokens[3].space_after = true;
  EXPECT_TRUE(Code({s}).empty());
}

TEST_F(CoderTest, ToleratesMisparsedCoordinationAndSplitNames) {
  // "Arnor and the evil Gondor criticised NATO" with "evil" a noun and two
  // subjects; "The US, Russia, and Switzerland met" -> here "Arnor, China,
  // and Gondor met" with the verb a conjunct of the first name.
  auto ev = Code({Make({{"Arnor", "Arnor", "PROPN", 6, "nsubj"},
                        {"and", "and", "CCONJ", 6, "cc"},
                        {"the", "the", "DET", 4, "det"},
                        {"evil", "evil", "NOUN", 6, "obl"},
                        {"Gondor", "Gondor", "PROPN", 6, "nsubj"},
                        {"criticised", "criticise", "VERB", 0, "root"},
                        {"NATO", "NATO", "PROPN", 6, "obj"}})});
  EXPECT_EQ(Triples(ev), (Strings{"ARN 111 IGOWSTNAT", "GON 111 IGOWSTNAT"}));
  ev = Code({Make({{"Arnor", "Arnor", "PROPN", 0, "root"},
                   {",", ",", "PUNCT", 3, "punct"},
                   {"China", "China", "PROPN", 1, "conj"},
                   {",", ",", "PUNCT", 7, "punct"},
                   {"and", "and", "CCONJ", 7, "cc"},
                   {"Gondor", "Gondor", "PROPN", 7, "nsubj"},
                   {"met", "meet", "VERB", 1, "conj"}})});
  EXPECT_EQ(ev.size(), 6u) << ::testing::PrintToString(Triples(ev));
  // "the Prince of Dol Amroth"-style split: "South" in the phrase, "Korea"
  // hung on the verb; the actor is found in the sentence's words.
  ev = Code({Make({{"Arnor", "Arnor", "PROPN", 2, "nsubj"},
                   {"criticised", "criticise", "VERB", 0, "root"},
                   {"the", "the", "DET", 4, "det"},
                   {"leaders", "leader", "NOUN", 2, "obj"},
                   {"of", "of", "ADP", 6, "case"},
                   {"South", "South", "PROPN", 4, "nmod"},
                   {"Korea", "Korea", "PROPN", 4, "conj"}})});
  EXPECT_EQ(Triples(ev), Strings{"ARN 111 KOR"});
}

TEST_F(CoderTest, MayCodeIsANecessaryCondition) {
  auto coder = Coder::Create(&dicts_, nullptr, {});
  ASSERT_TRUE(coder.ok());
  Document doc;
  auto words = [](std::vector<const char*> w) {
    Sentence s;
    for (const char* f : w) {
      Token t;
      t.form = f;
      s.tokens.push_back(t);  // tokens only: no tags, no heads
    }
    return s;
  };
  doc.sentences = {words({"The", "weather", "was", "fine", "."}),                 // no verb, no actor
                   words({"Arnor", "criticised", "Gondor", "."}),                  // verb + two actors
                   words({"Arnor", "criticised", "the", "weather", "."}),          // one actor only
                   words({"She", "criticised", "it", "."}),                        // pronouns
                   words({"Arnor", "went", "to", "Gondor", "."}),                  // irregular form of GO
                   words({"The", "arrival", "of", "Arnor", "in", "Gondor", "."}),  // "-al" noun
                   words({"Arnor", "and", "Gondor", "argued", "."})};              // no dictionary verb
  std::vector<bool> want = {false, true, false, true, true, true, false};
  for (size_t i = 0; i < want.size(); ++i) EXPECT_EQ((*coder)->MayCode(doc, i), want[i]) << i;
  EXPECT_FALSE((*coder)->MayCode(doc, 99));
  // Without require_dyad one actor suffices.
  CoderOptions mono;
  mono.require_dyad = false;
  auto c2 = Coder::Create(&dicts_, nullptr, mono);
  ASSERT_TRUE(c2.ok());
  EXPECT_TRUE((*c2)->MayCode(doc, 2));
}

}  // namespace
}  // namespace entente

