#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "dictionaries/dictionary_test_util.h"
#include "entente/dictionary.h"

namespace entente {
namespace {

using dict_test::Words;
using dict_test::BadCase;

ActorDictionary MustParse(std::string_view text, LoadReport* report = nullptr) {
  auto r = ActorDictionary::Parse(text, "t.actors", {}, report);
  EXPECT_TRUE(r.ok()) << r.status().ToString();
  return r.ok() ? std::move(r).value() : ActorDictionary();
}

// Code of the longest phrase at the start of `text` on `date`.
std::string CodeOf(const ActorDictionary& d, std::string_view text, int32_t date) {
  auto w = Words(text);
  auto ids = d.Encode(w);
  auto code = d.CodeAt(ids, 0, date);
  return code ? std::string(*code) : std::string("<none>");
}

TEST(ActorParse, PrimarySynonymsAndCodes) {
  LoadReport rep;
  auto d = MustParse(
      "# comment line\n"
      "AFGHANISTAN_  [AFG]\n"
      "+AFGHAN_ \n"
      "+KABUL_   # trailing comment\n"
      "\n"
      "UNITED_STATES [USA] ; legacy comment\n",
      &rep);
  EXPECT_EQ(d.size(), 2u);
  EXPECT_EQ(d.phrases(), 4u);
  EXPECT_EQ(d.entry(0).root, "AFGHANISTAN");
  EXPECT_EQ(d.entry(0).line, 2u);
  EXPECT_EQ(CodeOf(d, "Kabul", 0), "AFG");
  EXPECT_EQ(CodeOf(d, "afghan", 0), "AFG");
  EXPECT_EQ(CodeOf(d, "United States", 0), "USA");
  EXPECT_EQ(CodeOf(d, "United", 0), "<none>");
  ASSERT_EQ(rep.files.size(), 1u);
  EXPECT_EQ(rep.files[0].entries, 2u);
  EXPECT_EQ(rep.files[0].lines, 6u);
  EXPECT_EQ(rep.skipped, 0u);
}

struct DateCase {
  int32_t date;
  const char* code;
};

TEST(ActorParse, DateRestrictionsOfEachKind) {
  auto d = MustParse(
      "GOLLUM  # pas\n"
      "+SMEAGOL\n"
      "\t[HOB < 950601]\n"
      "\t[HOBGOV 19950601 - 19990815]\n"
      "\t[HOBREB >990816]\n"
      "\t[ELI]\n");
  const DateCase cases[] = {
      {19900101, "HOB"},    {19950601, "HOB"},    // '<' is inclusive
      {19950602, "HOBGOV"}, {19990815, "HOBGOV"}, // interval inclusive
      {19990816, "HOBREB"}, {20200101, "HOBREB"},
  };
  for (const auto& c : cases) EXPECT_EQ(CodeOf(d, "Smeagol", c.date), c.code) << c.date;
  EXPECT_EQ(CodeOf(d, "Gollum", 0), "ELI");  // unknown date -> default
  const ActorEntry& e = d.entry(0);
  ASSERT_EQ(e.rules.size(), 3u);
  EXPECT_EQ(e.rules[0].kind, DateRule::Kind::kBefore);
  EXPECT_EQ(e.rules[0].to, 19950601);
  EXPECT_EQ(e.rules[1].kind, DateRule::Kind::kBetween);
  EXPECT_EQ(e.rules[2].kind, DateRule::Kind::kAfter);
  EXPECT_EQ(e.rules[2].from, 19990816);
  EXPECT_EQ(e.default_code, "ELI");
}

TEST(ActorParse, DefaultCodeWhenNoRuleHolds) {
  auto d = MustParse(
      "BAN_KI-MOON [KORGOV]\n"
      "\t[IGOUNO >20070101]\n");
  EXPECT_EQ(CodeOf(d, "Ban Ki-moon", 20061231), "KORGOV");
  EXPECT_EQ(CodeOf(d, "Ban Ki-moon", 20070101), "IGOUNO");
}

TEST(ActorParse, UnknownDateWithoutDefaultTakesLatestRule) {
  auto d = MustParse(
      "KOFI_ANNAN\n"
      "\t[GHAGOV 19700101-19961231]\n"
      "\t[IGOUNO 970101-061231]\n");
  EXPECT_EQ(CodeOf(d, "Kofi Annan", 0), "IGOUNO");
  EXPECT_EQ(CodeOf(d, "Kofi Annan", 19800101), "GHAGOV");
  EXPECT_EQ(CodeOf(d, "Kofi Annan", 20100101), "");  // no rule holds, no default
}

TEST(ActorParse, InlineRestrictionsOnPrimaryLine) {
  auto d = MustParse("JAVIER_DE_CUELLAR_\t[IGOUNO 820101-911231] [ELI]# IGOrulers.txt\n"
                     "ACME_INC_\t[MNCBUS]\tNewspapers/Magazines\t$137,000,000\n");
  EXPECT_EQ(CodeOf(d, "Javier de Cuellar", 19850101), "IGOUNO");
  EXPECT_EQ(CodeOf(d, "Javier de Cuellar", 19950101), "ELI");
  EXPECT_EQ(CodeOf(d, "Acme Inc", 0), "MNCBUS");  // text after ']' ignored
}

TEST(ActorParse, CodelessRootJoinsNextRecord) {
  auto d = MustParse("UN_ [IGOUNO]\nU.N._\nUN_SECRETARY_GENERAL\n+UNSG\n\t[IGOUNOSG]\n");
  EXPECT_EQ(d.size(), 2u);
  EXPECT_EQ(CodeOf(d, "U.N.", 0), "IGOUNOSG");
  EXPECT_EQ(CodeOf(d, "UNSG", 0), "IGOUNOSG");
  EXPECT_EQ(CodeOf(d, "UN", 0), "IGOUNO");
}

TEST(ActorParse, HtmlCommentsSpanningLines) {
  auto d = MustParse("<!-- header -->\n<!-- \n# inside\nNOT_AN_ACTOR [XXX]\n-->\nGONDOR [GON] <!-- x -->\n");
  EXPECT_EQ(d.size(), 1u);
  EXPECT_EQ(CodeOf(d, "Gondor", 0), "GON");
  EXPECT_EQ(CodeOf(d, "not an actor", 0), "<none>");
}

TEST(ActorMatch, LongestMatchWins) {
  auto d = MustParse("ISRAEL [ISR]\nISRAELI [ISR]\nISRAELI_TROOPS [ISRMIL]\n"
                     "HAMAS [PSEREBHMS]\nHAMAS_MILITARY_COMMAND [PSEHMSGOV]\n");
  auto w = Words("the Israeli troops and Hamas military command");
  auto ids = d.Encode(w);
  auto m = d.LongestAt(ids, 1);
  ASSERT_TRUE(m.has_value());
  EXPECT_EQ(m->begin, 1u);
  EXPECT_EQ(m->end, 3u);
  EXPECT_EQ(m->words, 2u);
  EXPECT_EQ(d.entry(m->entry).default_code, "ISRMIL");
  auto m2 = d.LongestAt(ids, 4);
  ASSERT_TRUE(m2.has_value());
  EXPECT_EQ(m2->end, 7u);
  EXPECT_EQ(d.entry(m2->entry).default_code, "PSEHMSGOV");
  auto f = d.Find(ids);
  ASSERT_TRUE(f.has_value());
  EXPECT_EQ(f->begin, 1u);
  EXPECT_FALSE(d.LongestAt(ids, 0).has_value());  // "the"
}

TEST(ActorMatch, BlankAllowsGapUnderscoreDoesNot) {
  auto d = MustParse("HAMAS WING [PSEHMSBRD]\nGAZA_CITY [PSEGZA]\n");
  auto ids = d.Encode(Words("Hamas armed wing"));
  auto m = d.LongestAt(ids, 0);
  ASSERT_TRUE(m.has_value());
  EXPECT_EQ(m->end, 3u);
  EXPECT_EQ(m->words, 2u);
  auto ids2 = d.Encode(Words("Gaza old city"));
  EXPECT_FALSE(d.LongestAt(ids2, 0).has_value());
}

TEST(ActorMatch, SentenceTokensFormOrLemma) {
  auto d = MustParse("NORTH_KOREA [PRK]\n");
  Sentence s;
  for (const char* f : {"North", "Korea", "objected"}) {
    Token t;
    t.form = f;
    t.lemma = UpperCase(f) == "OBJECTED" ? "object" : f;
    s.tokens.push_back(t);
  }
  auto ids = d.Encode(s, TokenField::kForm);
  auto m = d.LongestAt(ids, 0);
  ASSERT_TRUE(m.has_value());
  EXPECT_EQ(m->end, 2u);
  EXPECT_EQ(ids[2], kUnknownWord);
}

TEST(ActorMatch, DuplicatePhraseTakesTheLaterRecordAndIsCounted) {
  LoadReport rep;
  auto d = MustParse("JORDAN [JOR]\nJORDAN [USA]\n", &rep);
  EXPECT_EQ(CodeOf(d, "Jordan", 0), "USA");
  EXPECT_EQ(rep.files[0].duplicates, 1u);
}

TEST(ActorErrors, MalformedEntriesNameFileAndLine) {
  const BadCase cases[] = {
      {"unterminated", "ISRAEL [ISR\nJORDAN [JOR]\n", 1, "unterminated '['"},
      {"bad date", "X [A]\nY\n\t[B 20100231-20110101]\nZ [C]\n", 3, "bad date '20100231'"},
      {"seven digits", "X [A]\n\t[B >2004017]\nZ [C]\n", 2, "bad date '2004017'"},
      {"no operator", "X [A]\n\t[B 20121204]\nZ [C]\n", 2, "want <date"},
      {"reversed", "X [A]\n\t[B 20121207-20120802]\nZ [C]\n", 2, "ends before it starts"},
      {"orphan restriction", "\t[B]\nZ [C]\n", 1, "without an actor"},
      {"orphan synonym", "+FOO\nZ [C]\n", 1, "without an actor"},
      {"no code at end", "Z [C]\nLONELY\n", 2, "no code"},
  };
  for (const auto& c : cases) {
    LoadReport rep;
    std::vector<Status> seen;
    DictionaryLoadOptions opts;
    opts.on_error = [&](const Status& s) { seen.push_back(s); };
    auto r = ActorDictionary::Parse(c.text, "bad.actors", opts, &rep);
    ASSERT_TRUE(r.ok()) << c.name << ": " << r.status().ToString();
    ASSERT_EQ(seen.size(), 1u) << c.name;
    std::string want = "bad.actors:" + std::to_string(c.line) + ": ";
    EXPECT_NE(seen[0].message().find(want), std::string::npos) << c.name << ": " << seen[0].message();
    EXPECT_NE(seen[0].message().find(c.what), std::string::npos) << c.name << ": " << seen[0].message();
    EXPECT_EQ(rep.skipped, 1u) << c.name;
    EXPECT_EQ(rep.errors.size(), 1u) << c.name;
    // strict: the same input fails with that error.
    DictionaryLoadOptions strict;
    strict.strict = true;
    auto s = ActorDictionary::Parse(c.text, "bad.actors", strict);
    ASSERT_FALSE(s.ok()) << c.name;
    EXPECT_EQ(s.status().code(), Code::kParseError);
    EXPECT_NE(s.status().message().find(want), std::string::npos) << c.name;
  }
}

TEST(ActorErrors, EmptyFile) {
  LoadReport rep;
  auto r = ActorDictionary::Parse("# only a comment\n\n", "empty.actors", {}, &rep);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), Code::kEmpty);
  ASSERT_EQ(rep.errors.size(), 1u);
  EXPECT_EQ(rep.errors[0].message(), "empty.actors: dictionary file holds no entries");
}

TEST(ActorErrors, MissingFile) {
  auto r = ActorDictionary::Load({"/nonexistent/x.actors"});
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), Code::kNotFound);
  EXPECT_NE(r.status().message().find("/nonexistent/x.actors"), std::string::npos);
}

}  // namespace
}  // namespace entente
