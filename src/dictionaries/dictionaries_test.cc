// Dates, case, agents and discards.
#include <gtest/gtest.h>

#include <span>
#include <string>
#include <vector>

#include "dictionaries/dictionary_test_util.h"
#include "entente/dictionary.h"

namespace entente {
namespace {

using dict_test::Words;
using dict_test::BadCase;

struct DateCase {
  const char* text;
  int32_t want;  // 0 = invalid
};

TEST(DictionaryDate, FormatsAndValidation) {
  const DateCase cases[] = {
      {"20090120", 20090120}, {"090120", 20090120}, {"300101", 20300101}, {"310101", 19310101},
      {"991231", 19991231},   {"20120229", 20120229}, {"20100229", 0},    {"20100931", 0},
      {"19000229", 0},        {"20000229", 20000229}, {"2004017", 0},     {"201005011", 0},
      {"1920030320", 0},      {"2009012a", 0},        {"", 0},            {" 950601 ", 19950601},
  };
  for (const auto& c : cases) {
    auto d = ParseDictionaryDate(c.text);
    if (c.want == 0) EXPECT_FALSE(d.has_value()) << c.text;
    else {
      ASSERT_TRUE(d.has_value()) << c.text;
      EXPECT_EQ(*d, c.want) << c.text;
    }
  }
}

TEST(DictionaryDate, ArticleDates) {
  EXPECT_EQ(ArticleDate("2023-01-30"), 20230130);
  EXPECT_EQ(ArticleDate("2023-01-30T08:15:00Z"), 20230130);
  EXPECT_EQ(ArticleDate("20230130"), 20230130);
  EXPECT_EQ(ArticleDate("230130"), 20230130);
  EXPECT_EQ(ArticleDate(""), 0);
  EXPECT_EQ(ArticleDate("2023-02-30"), 0);
  EXPECT_EQ(ArticleDate("yesterday"), 0);
}

TEST(DictionaryCase, UpperCase) {
  EXPECT_EQ(UpperCase("North Korea's"), "NORTH KOREA'S");
  EXPECT_EQ(UpperCase("Zürich"), "ZÜRICH");
  EXPECT_EQ(UpperCase("ñandú"), "ÑANDÚ");
  EXPECT_EQ(UpperCase(std::string("a\xff" "b")), std::string("A\xff" "B"));  // invalid byte kept
}

// ---------------------------------------------------------------- agents

AgentDictionary MustAgents(std::string_view text, LoadReport* report = nullptr) {
  auto r = AgentDictionary::Parse(text, "t.agents", {}, report);
  EXPECT_TRUE(r.ok()) << r.status().ToString();
  return r.ok() ? std::move(r).value() : AgentDictionary();
}

// Phrase -> "CODE/prefix/plural" of the longest agent at the start, or "<none>".
std::string AgentAt(const AgentDictionary& d, std::string_view text) {
  auto ids = d.Encode(Words(text));
  auto m = d.LongestAt(ids, 0);
  if (!m) return "<none>";
  const AgentEntry& e = d.entry(m->entry);
  return e.code + (e.prefix ? "/prefix" : "/suffix") + (e.plural ? "/plural" : "");
}

const char kAgents[] =
    "<!-- PETRARCH VALIDATION SUITE AGENTS DICTIONARY -->\n"
    "!PERSON! = MAN, MEN, WOMAN, WOMEN, PERSON\n"
    "!MINST! = MINISTER, MINISTERS\n"
    "AMBASSADOR [~GOV] # LRP\n"
    "SECURITY_FORCE  [~MIL]\n"
    "POLICE {} [ ~COP]\n"
    "ATTORNEY_GENERAL {ATTORNEYS_GENERAL} [~GOVATG]\n"
    "CONGRESS [~LEG]\n"
    "CONGRESS!PERSON! [~LEG]\n"
    "!MINST!_OF_SILLY_WALKS [~GOV]\n"
    "HUMAN_RIGHTS_BODY  [NGO~]\n"
    "ARMY [~MIL]\n"
    "SECURITY SERVICE [~GOV]\n";

TEST(AgentParse, PluralsMarkersAndCodes) {
  LoadReport rep;
  auto d = MustAgents(kAgents, &rep);
  EXPECT_EQ(AgentAt(d, "ambassador"), "GOV/suffix");
  EXPECT_EQ(AgentAt(d, "Ambassadors"), "GOV/suffix/plural");   // regular plural
  EXPECT_EQ(AgentAt(d, "security forces"), "MIL/suffix/plural");
  EXPECT_EQ(AgentAt(d, "police"), "COP/suffix");              // {}: no plural
  EXPECT_EQ(AgentAt(d, "polices"), "<none>");
  EXPECT_EQ(AgentAt(d, "attorneys general"), "GOVATG/suffix/plural");  // given plural
  EXPECT_EQ(AgentAt(d, "attorney generals"), "<none>");
  EXPECT_EQ(AgentAt(d, "congresses"), "LEG/suffix/plural");   // S -> ES
  EXPECT_EQ(AgentAt(d, "armies"), "MIL/suffix/plural");       // Y -> IES
  for (const char* w : {"congressman", "congressmen", "congresswoman", "congresswomen", "congressperson"})
    EXPECT_EQ(AgentAt(d, w), "LEG/suffix") << w;              // substitution marker
  EXPECT_EQ(AgentAt(d, "congresspersons"), "<none>");         // no plural after markers
  EXPECT_EQ(AgentAt(d, "ministers of silly walks"), "GOV/suffix");
  EXPECT_EQ(AgentAt(d, "human rights body"), "NGO/prefix");
  EXPECT_EQ(AgentAt(d, "security intelligence service"), "GOV/suffix");  // blank: gap allowed
  EXPECT_EQ(rep.skipped, 0u);
  // 2+2+1+2+2+5+2+2+2+2 phrases
  EXPECT_EQ(d.size(), 22u);
  EXPECT_EQ(rep.files[0].entries, 22u);
}

TEST(AgentMatch, ApplyCombinesWithActorCode) {
  auto d = MustAgents(kAgents);
  auto ids = d.Encode(Words("human rights body"));
  auto m = d.LongestAt(ids, 0);
  ASSERT_TRUE(m.has_value());
  EXPECT_EQ(d.entry(m->entry).Apply("USA"), "NGOUSA");
  auto ids2 = d.Encode(Words("ambassador"));
  EXPECT_EQ(d.entry(d.LongestAt(ids2, 0)->entry).Apply("USA"), "USAGOV");
}

TEST(AgentErrors, MalformedEntriesNameFileAndLine) {
  const BadCase cases[] = {
      {"unterminated", "ARMY [~MIL]\nDEPARTMENT_OF_ENVIRONMENT [~ENV}\n", 2, "unterminated '['"},
      {"no code", "ARMY [~MIL]\nISLAMIC_EXTREMIST\n", 2, "without a [code]"},
      {"no tilde", "ARMY [MIL]\nNAVY [~MIL]\n", 1, "bad agent code"},
      {"unterminated plural", "ARMY [~MIL]\nGOOSE {GEESE [~GGS]\n", 2, "unterminated '{'"},
      {"unknown marker", "ARMY [~MIL]\nFIRE!HUMAN! [~GOV]\n", 2, "unknown substitution marker !HUMAN!"},
      {"two markers", "!M! = MINISTER\nARMY [~MIL]\n!M!_AD!M!RATION [~GOV]\n", 3, "more than one"},
      {"bad marker", "!M = MINISTER\nARMY [~MIL]\n", 1, "incorrectly defined"},
  };
  for (const auto& c : cases) {
    LoadReport rep;
    auto r = AgentDictionary::Parse(c.text, "bad.agents", {}, &rep);
    ASSERT_TRUE(r.ok()) << c.name << ": " << r.status().ToString();
    ASSERT_EQ(rep.errors.size(), 1u) << c.name;
    const std::string& msg = rep.errors[0].message();
    EXPECT_NE(msg.find("bad.agents:" + std::to_string(c.line) + ": "), std::string::npos) << c.name << ": " << msg;
    EXPECT_NE(msg.find(c.what), std::string::npos) << c.name << ": " << msg;
    EXPECT_EQ(rep.skipped, 1u);
    DictionaryLoadOptions strict;
    strict.strict = true;
    EXPECT_FALSE(AgentDictionary::Parse(c.text, "bad.agents", strict).ok()) << c.name;
  }
}

// ---------------------------------------------------------------- discards

TEST(DiscardParse, StoryAndSentenceLevelStemsAndExact) {
  LoadReport rep;
  auto r = DiscardDictionary::Parse(
      "# Story-level discards are indicated with a '+'.\n"
      "MONTHS LATER\n"
      "+World Golf Championships   # pas 26-Feb-2014\n"
      "BASEBALL\n"
      "AZEROTH_   # exact word\n"
      "1914\n",
      "t.discards", {}, &rep);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  const DiscardDictionary& d = *r;
  EXPECT_EQ(d.size(), 5u);
  EXPECT_EQ(rep.files[0].entries, 5u);
  EXPECT_FALSE(d.entry(0).story);
  EXPECT_TRUE(d.entry(1).story);
  EXPECT_EQ(d.entry(1).phrase, "WORLD GOLF CHAMPIONSHIPS");
  EXPECT_TRUE(d.entry(2).stem);
  EXPECT_FALSE(d.entry(3).stem);

  auto find = [&](std::string_view text) -> std::string {
    auto m = d.Find(Words(text));
    if (!m) return "<none>";
    return d.entry(m->entry).phrase + "@" + std::to_string(m->begin);
  };
  EXPECT_EQ(find("he won the baseball game"), "BASEBALL@3");
  EXPECT_EQ(find("Baseballs flew"), "BASEBALL@0");           // stem
  EXPECT_EQ(find("in Azeroth today"), "AZEROTH@1");
  EXPECT_EQ(find("in Azerothian lands"), "<none>");         // '_' = whole word
  EXPECT_EQ(find("two months later peace"), "MONTHS LATER@1");
  EXPECT_EQ(find("two months laters"), "MONTHS LATER@1");   // stem: letters follow
  // A stem does not extend into punctuation glued to a whitespace word
  // ("later," is not a form of "later"), as in PETRARCH's word matching.
  EXPECT_EQ(find("two months later, peace"), "<none>");
  EXPECT_EQ(find("months passed later"), "<none>");         // consecutive
  EXPECT_EQ(find("in 1914 war began"), "1914@1");
  // Story-level entries win over an earlier sentence-level one.
  auto m = d.Find(Words("baseball at the world golf championships"));
  ASSERT_TRUE(m.has_value());
  EXPECT_TRUE(d.entry(m->entry).story);
  EXPECT_EQ(find("the talks went on"), "<none>");
}

// Stems that are prefixes of each other, exact words that are also stem
// prefixes, and a stem of 64+ bytes: exact (and multi-word) entries of a
// token are tried before its stems, stems shortest first; a story-level
// entry stops the search.
TEST(DiscardFind, PrefixStemsExactWordsAndLongStems) {
  const std::string long_stem(70, 'Q');
  auto r = DiscardDictionary::Parse("WAR GAMES\n"   // 0: multi-word, first word exact
                                    "WARF\n"        // 1: stem
                                    "WA\n"          // 2: stem, prefix of both
                                    "+WARFARE_\n"   // 3: exact, story-level
                                    "CRICKET_\n"    // 4: exact
                                    + long_stem + "\n",  // 5: long stem
                                    "p.discards");
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  const DiscardDictionary& d = *r;
  ASSERT_EQ(d.size(), 6u);
  auto find = [&](std::string_view text) -> std::string {
    auto m = d.Find(Words(text));
    if (!m) return "<none>";
    return (d.entry(m->entry).story ? "+" : "") + d.entry(m->entry).phrase + "@" + std::to_string(m->begin) +
           "-" + std::to_string(m->end);
  };
  EXPECT_EQ(find("war games today"), "WAR GAMES@0-2");  // exact entries before the stem WA
  EXPECT_EQ(find("the wars"), "WA@1-2");
  EXPECT_EQ(find("Wa"), "WA@0-1");
  EXPECT_EQ(find("w"), "<none>");
  EXPECT_EQ(find("wa-"), "<none>");                    // punctuation does not continue a stem
  EXPECT_EQ(find("the wharf"), "<none>");
  EXPECT_EQ(find("warfare ended"), "+WARFARE@0-1");     // story-level, exact
  EXPECT_EQ(find("warfs and then warfare"), "+WARFARE@3-4");
  EXPECT_EQ(find("warfs and then war"), "WA@0-1");      // first sentence-level hit: shortest stem
  EXPECT_EQ(find("cricketer"), "<none>");
  EXPECT_EQ(find("CRICKET"), "CRICKET@0-1");
  EXPECT_EQ(find("a " + long_stem + "s"), long_stem + "@1-2");
  EXPECT_EQ(find("a " + long_stem.substr(1)), "<none>");
  EXPECT_EQ(find(""), "<none>");
  EXPECT_EQ(find("WaRfArE"), "+WARFARE@0-1");           // any case

  // A node with many children (the years of Phoenix.discards.txt).
  std::string years;
  for (int y = 1900; y <= 1939; ++y)
    if (y % 10 != 5) years += std::to_string(y) + "\n";  // 9 children under "190", "191", ...
  auto yd = DiscardDictionary::Parse(years, "years.discards");
  ASSERT_TRUE(yd.ok()) << yd.status().ToString();
  for (int y = 1900; y <= 1940; ++y) {
    const std::string w = std::to_string(y);
    EXPECT_EQ(yd->Find(Words(w)).has_value(), y % 10 != 5 && y < 1940) << w;
    EXPECT_EQ(yd->Find(Words(w + "s")).has_value(), y % 10 != 5 && y < 1940) << w;  // stems
  }

  // Non-ASCII words are upper-cased like the dictionary (Unicode mapping).
  auto u = DiscardDictionary::Parse("\xC3\x89" "COLE\nGR\xC3\x9CN BERG_\n", "u.discards");
  ASSERT_TRUE(u.ok()) << u.status().ToString();
  auto ufind = [&](std::string_view text) -> std::string {
    auto m = u->Find(Words(text));
    return m ? u->entry(m->entry).phrase + "@" + std::to_string(m->begin) : "<none>";
  };
  EXPECT_EQ(ufind("les \xC3\xA9" "coles ferment"), "\xC3\x89" "COLE@1");  // "écoles": stem
  EXPECT_EQ(ufind("\xC3\x89" "cole"), "\xC3\x89" "COLE@0");
  EXPECT_EQ(ufind("ecole"), "<none>");
  EXPECT_EQ(ufind("in gr\xC3\xBCn berg"), "GR\xC3\x9CN BERG@1");      // "grün berg"
  EXPECT_EQ(ufind("in gr\xC3\xBCn bergs"), "<none>");
}

TEST(DiscardErrors, BracketsRejectedAndEmptyFile) {
  LoadReport rep;
  auto r = DiscardDictionary::Parse("GOOD\nBAD [XXX]\n", "bad.discards", {}, &rep);
  ASSERT_TRUE(r.ok());
  ASSERT_EQ(rep.errors.size(), 1u);
  EXPECT_NE(rep.errors[0].message().find("bad.discards:2: "), std::string::npos);
  auto e = DiscardDictionary::Parse("", "empty.discards");
  ASSERT_FALSE(e.ok());
  EXPECT_EQ(e.status().code(), Code::kEmpty);
}

TEST(SharedVocabulary, OneLookupGivesEveryDictionarysId) {
  auto verbs = VerbDictionary::Parse("--- ATTACK [190] ---\nATTACK\n- * ARMY [193]\n", "v");
  auto actors = ActorDictionary::Parse("ARMY_OF_GONDOR [GONMIL]\nGONDOR [GON]\nCÔTE_D'IVOIRE [CIV]\n", "a");
  auto agents = AgentDictionary::Parse("ARMY [~MIL]\n", "g");
  ASSERT_TRUE(verbs.ok() && actors.ok() && agents.ok());
  EventDictionaries d;
  d.verbs = *verbs;
  d.actors = *actors;
  d.agents = *agents;
  SharedVocabulary v = SharedVocabulary::Build(d);
  struct Case {
    const char* word;
    bool actor, agent, verb;
  } cases[] = {
      {"army", true, true, true},     // all three dictionaries
      {"Gondor", true, false, false},
      {"ATTACK", false, false, true},
      {"côte", true, false, false},   // non-ASCII upper-cased like the dictionaries
      {"armies", false, true, false}, // generated agent plural
      {"Mordor", false, false, false},
      {"", false, false, false},
  };
  for (const Case& c : cases) {
    SharedVocabulary::Ids ids = v.Find(c.word);
    EXPECT_EQ(ids.actor != kUnknownWord, c.actor) << c.word;
    EXPECT_EQ(ids.agent != kUnknownWord, c.agent) << c.word;
    EXPECT_EQ(ids.verb != kUnknownWord, c.verb) << c.word;
    // The ids agree with each dictionary's own encoding.
    std::string_view w = c.word;
    EXPECT_EQ(ids.actor, d.actors.Encode(std::span<const std::string_view>(&w, 1))[0]) << c.word;
    EXPECT_EQ(ids.agent, d.agents.Encode(std::span<const std::string_view>(&w, 1))[0]) << c.word;
    EXPECT_EQ(ids.verb, d.verbs.Encode(std::span<const std::string_view>(&w, 1))[0]) << c.word;
  }
  EXPECT_GE(v.size(), 6u);
  EXPECT_EQ(SharedVocabulary().Find("army").actor, kUnknownWord);
}

}  // namespace
}  // namespace entente
