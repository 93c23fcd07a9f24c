#include "entente/conllu.h"

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>
#include <string>
#include <vector>

namespace entente {
namespace {

const char* kTwo =
    "# sent_id = s1\n"
    "# text = I don't know.\n"
    "# newpar\n"
    "1\tI\tI\tPRON\tPRP\tCase=Nom\t4\tnsubj\t4:nsubj\t_\n"
    "2-3\tdon't\t_\t_\t_\t_\t_\t_\t_\t_\n"
    "2\tdo\tdo\tAUX\tVBP\t_\t4\taux\t4:aux\t_\n"
    "3\tn't\tnot\tPART\tRB\t_\t4\tadvmod\t4:advmod\t_\n"
    "4\tknow\tknow\tVERB\tVB\t_\t0\troot\t0:root\tSpaceAfter=No\n"
    "4.1\tknow\tknow\tVERB\tVB\t_\t_\t_\t0:root\tCopyOf=4\n"
    "5\t.\t.\tPUNCT\t.\t_\t4\tpunct\t4:punct\t_\n"
    "\n"
    "# sent_id = s2\n"
    "1\tYes\tyes\tINTJ\tUH\t_\t0\troot\t0:root\tSpaceAfter=No|Foo=bar\n"
    "\n";

TEST(ConlluTest, ReadsFieldsCommentsAndMultiwords) {
  std::istringstream in(kTwo);
  ConlluReader r(in, "t.conllu");
  Sentence s;
  ASSERT_TRUE(r.Next(&s));
  EXPECT_EQ(s.id, "s1");
  EXPECT_EQ(s.text, "I don't know.");
  ASSERT_EQ(s.tokens.size(), 5u);
  EXPECT_EQ(s.tokens[2].form, "n't");
  EXPECT_EQ(s.tokens[2].lemma, "not");
  EXPECT_EQ(s.tokens[0].head, 4);
  EXPECT_EQ(s.tokens[3].deprel, "root");
  EXPECT_FALSE(s.tokens[3].space_after);
  EXPECT_TRUE(s.tokens[4].space_after);
  ASSERT_EQ(s.multiword.size(), 1u);
  EXPECT_EQ(s.multiword[0].form, "don't");
  EXPECT_EQ(s.multiword[0].first, 2);
  ASSERT_EQ(s.empty_nodes.size(), 1u);
  ASSERT_TRUE(r.Next(&s));
  EXPECT_EQ(s.tokens[0].misc, "SpaceAfter=No|Foo=bar");
  EXPECT_FALSE(s.tokens[0].space_after);
  EXPECT_FALSE(r.Next(&s));
  EXPECT_EQ(r.sentences(), 2u);
}

TEST(ConlluTest, RoundTripIsExact) {
  std::istringstream in(kTwo);
  ConlluReader r(in, "t");
  Sentence s;
  std::string out;
  while (r.Next(&s)) AppendConllu(s, &out);
  EXPECT_EQ(out, kTwo);
}

TEST(ConlluTest, MalformedSentenceIsSkippedWithFileAndLine) {
  const char* text =
      "1\tA\ta\tDET\tDT\t_\t2\tdet\t_\t_\n"
      "2\tdog\tdog\tNOUN\tNN\t_\t0\troot\t_\t_\n"
      "\n"
      "1\tbad\tbad\tADJ\tJJ\t_\n"  // line 4: 6 columns
      "2\tline\tline\tNOUN\tNN\t_\t0\troot\t_\t_\n"
      "\n"
      "1\tOK\tok\tINTJ\tUH\t_\t0\troot\t_\t_\n"
      "\n"
      "1\tfar\tfar\tADV\tRB\t_\t9\tadvmod\t_\t_\n"  // line 9: head beyond length
      "\n"
      "1\tx\tx\tX\tX\t_\t0\troot\t_\t_\n"
      "3\ty\ty\tX\tX\t_\t1\tdep\t_\t_\n";  // line 12: id out of sequence
  std::istringstream in(text);
  std::vector<Status> errors;
  ConlluReader r(in, "bad.conllu", [&](const Status& st) { errors.push_back(st); });
  Sentence s;
  std::vector<std::string> first_forms;
  while (r.Next(&s)) first_forms.push_back(s.tokens[0].form);
  EXPECT_EQ(first_forms, (std::vector<std::string>{"A", "OK"}));
  ASSERT_EQ(errors.size(), 3u);
  EXPECT_EQ(r.skipped(), 3u);
  EXPECT_EQ(errors[0].message().rfind("bad.conllu:4:", 0), 0u) << errors[0].message();
  EXPECT_EQ(errors[1].message().rfind("bad.conllu:9:", 0), 0u) << errors[1].message();
  EXPECT_EQ(errors[2].message().rfind("bad.conllu:12:", 0), 0u) << errors[2].message();
}

TEST(ConlluTest, EmptyColumnsSelfHeadsAndCyclesAreMalformed) {
  struct Case {
    const char* name;
    const char* text;
    const char* why;
  } cases[] = {
      {"empty form", "1\t\tx\tX\tX\t_\t0\troot\t_\t_\n", "empty column 2"},
      {"own head", "1\ta\ta\tX\tX\t_\t1\tdep\t_\t_\n", "its own head"},
      {"cycle",
       "1\ta\ta\tX\tX\t_\t2\tdep\t_\t_\n2\tb\tb\tX\tX\t_\t1\tdep\t_\t_\n", "cycle"},
  };
  for (const Case& c : cases) {
    std::istringstream in(std::string(c.text) + "\n1\tok\tok\tX\tX\t_\t0\troot\t_\t_\n\n");
    std::vector<Status> errors;
    ConlluReader r(in, "x.conllu", [&](const Status& st) { errors.push_back(st); });
    Sentence s;
    ASSERT_TRUE(r.Next(&s)) << c.name;
    EXPECT_EQ(s.tokens[0].form, "ok") << c.name;  // the next sentence is still read
    ASSERT_EQ(errors.size(), 1u) << c.name;
    EXPECT_NE(errors[0].message().find(c.why), std::string::npos) << c.name << ": " << errors[0].message();
    EXPECT_EQ(errors[0].message().rfind("x.conllu:1:", 0), 0u) << errors[0].message();
  }
}

// Cycles are found whatever the shape; the first token whose heads do not
// reach the root is named.
TEST(ConlluTest, CycleNamesFirstTokenNotReachingTheRoot) {
  struct Case {
    const char* name;
    std::vector<int> heads;  // of tokens 1..n
    const char* why;
  } cases[] = {
      {"into a cycle", {2, 3, 2}, "heads of token 1 form a cycle"},
      {"cycle after a rooted token", {0, 3, 2}, "heads of token 2 form a cycle"},
      {"long cycle", {2, 3, 4, 5, 1}, "heads of token 1 form a cycle"},
      {"rooted chain then cycle", {0, 1, 2, 5, 4}, "heads of token 4 form a cycle"},
  };
  for (const Case& c : cases) {
    std::string text;
    for (size_t i = 0; i < c.heads.size(); ++i)
      text += std::to_string(i + 1) + "\tw\tw\tX\tX\t_\t" + std::to_string(c.heads[i]) + "\tdep\t_\t_\n";
    std::istringstream in(text + "\n");
    std::vector<Status> errors;
    ConlluReader r(in, "x.conllu", [&](const Status& st) { errors.push_back(st); });
    Sentence s;
    EXPECT_FALSE(r.Next(&s)) << c.name;
    ASSERT_EQ(errors.size(), 1u) << c.name;
    EXPECT_NE(errors[0].message().find(c.why), std::string::npos) << c.name << ": " << errors[0].message();
  }
}

// A sentence whose heads form one chain 100,000 deep (each word the
// dependent of the next) is a tree and is read whole; the tree check walks
// each word once (it used to walk to the root from every word).
TEST(ConlluTest, DeepChainIsATree) {
  const int n = 100000;
  std::string text;
  for (int i = 1; i <= n; ++i)
    text += std::to_string(i) + "\tw\tw\tX\tX\t_\t" + std::to_string(i < n ? i + 1 : 0) + "\tdep\t_\t_\n";
  std::istringstream in(text + "\n");
  std::vector<Status> errors;
  ConlluReader r(in, "deep.conllu", [&](const Status& st) { errors.push_back(st); });
  Sentence s;
  ASSERT_TRUE(r.Next(&s));
  EXPECT_TRUE(errors.empty()) << errors.front().ToString();
  ASSERT_EQ(s.tokens.size(), static_cast<size_t>(n));
  EXPECT_EQ(s.tokens.back().head, 0);
  EXPECT_EQ(s.tokens.front().head, 2);
}

TEST(ConlluTest, EwtDevRoundTripsWhenSharedDataPresent) {
  const std::string path = std::string(ENTENTE_SHARED_DIR) + "/data/ud-english-ewt/en_ewt-ud-dev.conllu";
  std::ifstream f(path, std::ios::binary);
  if (!f) GTEST_SKIP() << "needs ../shared (UD EWT dev): " << path;
  std::stringstream buf;
  buf << f.rdbuf();
  const std::string original = buf.str();
  std::istringstream in(original);
  ConlluReader r(in, path);
  Sentence s;
  std::string out;
  while (r.Next(&s)) AppendConllu(s, &out);
  EXPECT_EQ(r.sentences(), 2001u);
  EXPECT_EQ(r.skipped(), 0u);
  // Compare line by line so a failure prints one line, not the treebank.
  std::istringstream a(out), b(original);
  std::string la, lb;
  int line = 0;
  while (true) {
    bool ga = static_cast<bool>(std::getline(a, la));
    bool gb = static_cast<bool>(std::getline(b, lb));
    ++line;
    ASSERT_EQ(ga, gb) << "length differs at line " << line;
    if (!ga) break;
    ASSERT_EQ(la, lb) << "line " << line;
  }
}

}  // namespace
}  // namespace entente
