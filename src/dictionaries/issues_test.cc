// Issue dictionaries: every construct of the format, matching, errors, and
// the shipped production file.
#include <gtest/gtest.h>

#include <set>
#include <span>
#include <string>
#include <vector>

#include "dictionaries/dictionary_test_util.h"
#include "entente/dictionary.h"

namespace entente {
namespace {

using dict_test::Words;
using dict_test::BadCase;

IssueDictionary MustParse(std::string_view text, LoadReport* report = nullptr) {
  auto d = IssueDictionary::Parse(text, "t.txt", {}, report);
  EXPECT_TRUE(d.ok()) << d.status().ToString();
  return d.ok() ? *d : IssueDictionary();
}

// "CODE count; CODE count" of a sentence, for compact expectations.
std::string Issues(const IssueDictionary& d, std::string_view sentence) {
  auto words = Words(sentence);
  auto r = d.Find(std::span<const std::string_view>(words));
  std::string out;
  for (const IssueCount& c : r.issues) {
    if (!out.empty()) out += "; ";
    out += c.code + " " + std::to_string(c.count);
  }
  return out;
}

std::set<std::string> Phrases(const IssueDictionary& d) {
  std::set<std::string> out;
  for (uint32_t i = 0; i < d.size(); ++i) out.insert(d.entry(i).phrase);
  return out;
}

TEST(IssueDictionary, Expansions) {
  const IssueDictionary d = MustParse(
      "n:teacher [TEACHERS]\n"
      "n:university [POSTSECONDARY]\n"
      "v:vote fraud [ELECTIONS]\n"
      "v:rig n:ballot [ELECTIONS]\n"
      "pre+k [EARLY]\n"
      "pre+n:school [EARLY]\n"
      "weapons_grade plutonium [NUCLEAR]\n");
  const std::set<std::string> want = {
      "TEACHER", "TEACHERS", "UNIVERSITY", "UNIVERSITIES",
      "VOTE FRAUD", "VOTES FRAUD", "VOTED FRAUD", "VOTING FRAUD",
      "RIG BALLOT", "RIG BALLOTS", "RIGS BALLOT", "RIGS BALLOTS", "RIGED BALLOT", "RIGED BALLOTS",
      "RIGING BALLOT", "RIGING BALLOTS",
      "PRE K", "PRE-K", "PRE SCHOOL", "PRE SCHOOLS", "PRE-SCHOOL", "PRE-SCHOOLS",
      "WEAPONS GRADE PLUTONIUM"};
  EXPECT_EQ(Phrases(d), want);
}

TEST(IssueDictionary, CountsLongestFirstAndCaseInsensitive) {
  const IssueDictionary d = MustParse(
      "n:school [SCHOOLS]\n"
      "law school [POSTSECONDARY]\n"
      "literacy [LITERACY]\n");
  EXPECT_EQ(Issues(d, "The law school and two schools teach literacy ."), "POSTSECONDARY 1; SCHOOLS 1; LITERACY 1");
  EXPECT_EQ(Issues(d, "SCHOOL school Schools"), "SCHOOLS 3");
  EXPECT_EQ(Issues(d, "schooling"), "");
  EXPECT_EQ(Issues(d, ""), "");
}

TEST(IssueDictionary, PunctuationIsItsOwnPieceOnBothSides) {
  const IssueDictionary d = MustParse(
      "e.c.b. [ECB]\n"
      "pre+k [EARLY]\n"
      "hand, foot and mouth disease [DISEASE]\n");
  // The tokenizer may keep "E.C.B." whole or split it; both match.
  EXPECT_EQ(Issues(d, "the E.C.B. said"), "ECB 1");
  EXPECT_EQ(Issues(d, "the E. C. B. said"), "ECB 1");
  EXPECT_EQ(Issues(d, "pre-k and pre - k and pre k"), "EARLY 3");
  EXPECT_EQ(Issues(d, "cases of hand , foot and mouth disease"), "DISEASE 1");
  EXPECT_EQ(Issues(d, "prek"), "");
}

TEST(IssueDictionary, IgnorePhrasesCancelTheirCategory) {
  const IssueDictionary d = MustParse(
      "<ISSUE CATEGORY=\"EDUCATION\" TYPE=\"ALL\">\n"
      "head start [EARLY]\n"
      "literacy [LITERACY]\n"
      "~a head start\n"
      "~~financial literacy\n"
      "</ISSUE>\n"
      "<ISSUE CATEGORY=\"WMD\" TYPE=\"ALL\">\n"
      "nuclear weapons [NUCLEAR]\n"
      "</ISSUE>\n"
      "~nukers\n");
  EXPECT_EQ(d.entry(0).category, "EDUCATION");
  EXPECT_EQ(Issues(d, "Head Start helps literacy"), "EARLY 1; LITERACY 1");
  // "~a head start" cancels the EDUCATION issues of the sentence only.
  EXPECT_EQ(Issues(d, "they got a head start on literacy and nuclear weapons"), "NUCLEAR 1");
  // "~~": cancels the category here and is reported for the whole story.
  auto words = Words("financial literacy and literacy and nuclear weapons");
  auto r = d.Find(std::span<const std::string_view>(words));
  ASSERT_EQ(r.issues.size(), 1u);
  EXPECT_EQ(r.issues[0].code, "NUCLEAR");
  EXPECT_EQ(r.issues[0].category, "WMD");
  EXPECT_EQ(r.story_ignores, std::vector<std::string>{"EDUCATION"});
  EXPECT_TRUE(d.has_story_ignores());
  // An ignore phrase outside any block cancels every category.
  EXPECT_EQ(Issues(d, "nukers want nuclear weapons and literacy"), "");
}

TEST(IssueDictionary, CommentsMergedLinesAndDuplicates) {
  LoadReport report;
  const IssueDictionary d = MustParse(
      "# a comment line\n"
      "<!-- an html comment -->\n"
      "tourism [TOURISM]   # trailing comment\n"
      "intimidation of press [CENSORSHIP]intimidation of the media [CENSORSHIP]\n"
      "tourism [OTHER]\n",
      &report);
  EXPECT_EQ(Phrases(d), (std::set<std::string>{"TOURISM", "INTIMIDATION OF PRESS", "INTIMIDATION OF THE MEDIA"}));
  EXPECT_EQ(Issues(d, "tourism"), "TOURISM 1");  // the first definition wins
  ASSERT_EQ(report.files.size(), 1u);
  EXPECT_EQ(report.files[0].kind, "issues");
  EXPECT_EQ(report.files[0].duplicates, 1u);
  EXPECT_EQ(report.skipped, 0u);
}

TEST(IssueDictionary, MalformedEntriesNameFileAndLine) {
  const BadCase cases[] = {
      {"no code", "ok [A]\neurozone\n", 2, "without a [code]"},
      {"unterminated code", "ok [A]\nbad [B\n", 2, "unterminated '['"},
      {"bad code", "ok [A]\nbad [B C]\n", 2, "bad issue code"},
      {"empty phrase", "ok [A]\n [B]\n", 2, "empty issue phrase"},
      {"code on an ignore", "ok [A]\n~bad [B]\n", 2, "takes no [code]"},
      {"stray close", "ok [A]\n</ISSUE>\n", 2, "without <ISSUE>"},
      {"nested block", "<ISSUE CATEGORY=\"X\">\nok [A]\n<ISSUE CATEGORY=\"Y\">\n</ISSUE>\n", 3, "inside the block"},
      {"unclosed block", "ok [A]\n<ISSUE CATEGORY=\"X\">\nb [B]\n", 2, "not closed"},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.name);
    LoadReport report;
    auto d = IssueDictionary::Parse(c.text, "bad.txt", {}, &report);
    ASSERT_TRUE(d.ok()) << d.status().ToString();
    EXPECT_GE(d->size(), 1u);  // the good entries are kept
    ASSERT_EQ(report.errors.size(), 1u);
    EXPECT_EQ(report.skipped, 1u);
    const std::string msg = report.errors[0].ToString();
    EXPECT_NE(msg.find("bad.txt:" + std::to_string(c.line)), std::string::npos) << msg;
    EXPECT_NE(msg.find(c.what), std::string::npos) << msg;
    DictionaryLoadOptions strict;
    strict.strict = true;
    auto s = IssueDictionary::Parse(c.text, "bad.txt", strict);
    EXPECT_FALSE(s.ok());
  }
  auto empty = IssueDictionary::Parse("# nothing\n", "empty.txt");
  ASSERT_FALSE(empty.ok());
  EXPECT_EQ(empty.status().code(), Code::kEmpty);
  EXPECT_NE(empty.status().message().find("issue dictionary holds no entries (empty.txt)"), std::string::npos)
      << empty.status().ToString();
}

TEST(IssueDictionary, ProductionFile) {
  LoadReport report;
  auto d = IssueDictionary::Load({std::string(ENTENTE_DATA_DIR) + "/dictionaries/Phoenix.IssueCoding.txt"}, {},
                                 &report);
  ASSERT_TRUE(d.ok()) << d.status().ToString();
  EXPECT_GT(d->size(), 4000u);
  EXPECT_TRUE(d->has_story_ignores());
  // The file's own defects are reported, not fatal: lines without a code.
  EXPECT_GT(report.skipped, 0u);
  for (const Status& e : report.errors)
    EXPECT_NE(e.ToString().find("Phoenix.IssueCoding.txt:"), std::string::npos) << e.ToString();
  EXPECT_EQ(Issues(*d, "Iran said its nuclear weapons programme was peaceful"), "NUCLEAR_WEAPONS 1");
}

}  // namespace
}  // namespace entente
