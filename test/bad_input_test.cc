// The bad input catalogue (issue 5, doc/robustness.md "Bad input
// catalogue"): one test per kind of bad input, each run through the real
// `entente code` (or `entente parse`) command line.  Every case checks
//   * the message on stderr names the file and line (or the counted skip
//     appears in the summary),
//   * the exit status is the documented one (README.md "Exit statuses":
//     0 all processed, 1 something skipped, 2 usage, 3 fatal),
//   * the good documents of the same run are still coded.
// Inputs are written by hand into a fresh folder per test; the large ones
// (100 MB line, 100,000 brackets, 10,000 tokens) are generated here and
// never committed.  Every suite's name starts with "BadInput", so
// `ctest -R BadInput` runs them all.
#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <array>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <ostream>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

#include "cli_run.h"

namespace {

namespace fs = std::filesystem;

using entente::testing_cli::CliRun;
using entente::testing_cli::ReadAll;

fs::path ProcessDir() { return fs::path(testing::TempDir()) / ("entente_bad_input_" + std::to_string(getpid())); }

// Removes this process's folders at the end, unless a test failed (they
// then hold the inputs and stderr.txt of the failing case).
class RemoveTestDirs : public testing::Environment {
 public:
  void TearDown() override {
    if (testing::UnitTest::GetInstance()->Passed()) fs::remove_all(ProcessDir());
  }
};
testing::Environment* const kRemoveTestDirs = testing::AddGlobalTestEnvironment(new RemoveTestDirs);

// A fresh, empty folder for the running test.
std::string TestDir() {
  const auto* info = testing::UnitTest::GetInstance()->current_test_info();
  std::string name = std::string(info->test_suite_name()) + "." + info->name();
  for (char& c : name)
    if (c == '/') c = '_';
  const fs::path dir = ProcessDir() / name;
  fs::remove_all(dir);
  fs::create_directories(dir);
  return dir.string();
}

std::string Write(const std::string& dir, const std::string& name, const std::string& bytes) {
  const std::string path = dir + "/" + name;
  std::ofstream(path, std::ios::binary) << bytes;
  return path;
}

// Runs `entente ARGS` (shell words), capturing stdout and stderr.
CliRun Cli(const std::string& dir, const std::string& args) {
  return entente::testing_cli::RunEntente(args, dir + "/stderr.txt");
}

bool Has(const std::string& hay, const std::string& needle) { return hay.find(needle) != std::string::npos; }

size_t Count(const std::string& hay, const std::string& needle) {
  size_t n = 0;
  for (size_t at = hay.find(needle); at != std::string::npos; at = hay.find(needle, at + needle.size())) ++n;
  return n;
}

// Good articles whose events the bundled dictionaries code (checked by
// GoodArticlesAreCoded below): each JSONL id appears in the events' output.
const std::string kGood1 = R"({"id":"good1","date":"2023-01-30","text":"China criticized NATO on Monday."})";
const std::string kGood2 = R"({"id":"good2","date":"2023-01-31","text":"Japan praised the United States."})";

// The summary line of `entente code` starts "entente code: N documents".
std::string Docs(int n) { return "entente code: " + std::to_string(n) + " documents"; }

// Expects the events of good1 and good2 in a jsonl events output.
void ExpectGoodCoded(const CliRun& r) {
  EXPECT_TRUE(Has(r.out, "\"good1\"")) << "events of good1 missing; stdout:\n" << r.out << "\nstderr:\n" << r.err;
  EXPECT_TRUE(Has(r.out, "\"good2\"")) << "events of good2 missing; stdout:\n" << r.out << "\nstderr:\n" << r.err;
}

TEST(BadInputTest, GoodArticlesAreCoded) {
  const std::string dir = TestDir();
  const std::string f = Write(dir, "good.jsonl", kGood1 + "\n" + kGood2 + "\n");
  CliRun r = Cli(dir, "code " + f);
  EXPECT_EQ(r.status, 0) << r.err;
  ExpectGoodCoded(r);
  EXPECT_TRUE(Has(r.err, Docs(2))) << r.err;
}

// --- Encoding ---------------------------------------------------------------

TEST(BadInputTest, InvalidUtf8InJsonlRecord) {
  const std::string dir = TestDir();
  const std::string f =
      Write(dir, "bad.jsonl", kGood1 + "\n" + R"({"id":"bad","text":"Caf)" + std::string("\xC3\x28") + "\"}\n" + kGood2 + "\n");
  CliRun r = Cli(dir, "code " + f);
  EXPECT_EQ(r.status, 1) << r.err;
  EXPECT_TRUE(Has(r.err, "encoding_error: " + f + ":2:")) << r.err;
  ExpectGoodCoded(r);
  EXPECT_TRUE(Has(r.err, Docs(2))) << r.err;
  EXPECT_FALSE(Has(r.out, "\"bad\""));
}

TEST(BadInputTest, InvalidUtf8InTextFile) {
  const std::string dir = TestDir();
  fs::create_directories(dir + "/in");
  Write(dir, "in/a.jsonl", kGood1 + "\n" + kGood2 + "\n");
  // Latin-1 bytes on the third line.
  Write(dir, "in/b.txt", "Headline\n\nFirst line.\nSecond line with caf\xE9 au lait.\n");
  CliRun r = Cli(dir, "code " + dir + "/in");
  EXPECT_EQ(r.status, 1) << r.err;
  EXPECT_TRUE(Has(r.err, "b.txt:4:")) << r.err;
  EXPECT_TRUE(Has(r.err, "encoding_error")) << r.err;
  ExpectGoodCoded(r);
}

TEST(BadInputTest, Utf8ByteOrderMarkIsDropped) {
  const std::string dir = TestDir();
  const std::string f = Write(dir, "bom.jsonl", "\xEF\xBB\xBF" + kGood1 + "\n" + kGood2 + "\n");
  CliRun r = Cli(dir, "code " + f);
  EXPECT_EQ(r.status, 0) << r.err;
  ExpectGoodCoded(r);
  EXPECT_TRUE(Has(r.err, Docs(2))) << r.err;
}

TEST(BadInputTest, Utf8ByteOrderMarkInTextFile) {
  const std::string dir = TestDir();
  const std::string f = Write(dir, "bom.txt", "\xEF\xBB\xBF" "China criticized NATO on Monday.\n");
  CliRun r = Cli(dir, "code " + f);
  EXPECT_EQ(r.status, 0) << r.err;
  EXPECT_TRUE(Has(r.out, "\"bom\"")) << r.out << r.err;  // id = file stem, not "\xEF\xBB\xBF..."
  EXPECT_TRUE(Has(r.err, Docs(1))) << r.err;
}

// On standard input there is no extension: the format is sniffed from the
// first bytes, which must look past the mark.
TEST(BadInputTest, Utf8ByteOrderMarkOnStandardInput) {
  const std::string dir = TestDir();
  const std::string f = Write(dir, "bom", "\xEF\xBB\xBF" + kGood1 + "\n" + kGood2 + "\n");
  CliRun r = Cli(dir, "code - < '" + f + "'");
  EXPECT_EQ(r.status, 0) << r.err;
  ExpectGoodCoded(r);
  EXPECT_TRUE(Has(r.err, Docs(2))) << r.err;
}

TEST(BadInputTest, Utf16FileIsSkippedAsBinary) {
  const std::string dir = TestDir();
  fs::create_directories(dir + "/in");
  Write(dir, "in/a.jsonl", kGood1 + "\n" + kGood2 + "\n");
  std::string utf16 = "\xFF\xFE";
  for (char c : std::string("China criticized NATO on Monday.\n")) {
    utf16.push_back(c);
    utf16.push_back('\0');
  }
  Write(dir, "in/b.txt", utf16);
  CliRun r = Cli(dir, "code " + dir + "/in");
  EXPECT_EQ(r.status, 1) << r.err;
  EXPECT_TRUE(Has(r.err, "b.txt:1: UTF-16")) << r.err;
  EXPECT_TRUE(Has(r.err, "encoding_error")) << r.err;
  ExpectGoodCoded(r);
  EXPECT_TRUE(Has(r.err, Docs(2))) << r.err;
}

TEST(BadInputTest, CrlfLineEndsKeepLineNumbers) {
  const std::string dir = TestDir();
  const std::string f = Write(dir, "crlf.jsonl", kGood1 + "\r\n\r\n{\"id\":\"bad\",\"text\":}\r\n" + kGood2 + "\r\n");
  CliRun r = Cli(dir, "code " + f);
  EXPECT_EQ(r.status, 1) << r.err;
  EXPECT_TRUE(Has(r.err, "crlf.jsonl:3:")) << r.err;
  ExpectGoodCoded(r);
}

TEST(BadInputTest, CrlfTextFileTitleAndText) {
  const std::string dir = TestDir();
  const std::string f =
      Write(dir, "crlf.txt", "Tension in Europe\r\n\r\nChina criticized NATO on Monday.\r\nJapan praised the United States.\r\n");
  CliRun r = Cli(dir, "parse --no-parse --format json " + f);
  EXPECT_EQ(r.status, 0) << r.err;
  EXPECT_TRUE(Has(r.out, "\"title\":\"Tension in Europe\"")) << r.out;
  EXPECT_FALSE(Has(r.out, "\\r")) << r.out;
  EXPECT_EQ(Count(r.out, "\"form\":\"criticized\""), 1u) << r.out;
}

TEST(BadInputTest, StrayNulBytesAreRemoved) {
  const std::string dir = TestDir();
  const std::string f = Write(dir, "nul.txt", std::string("China criti\0cized NATO on Monday.\n", 35));
  CliRun r = Cli(dir, "code " + f);
  EXPECT_EQ(r.status, 0) << r.err;
  EXPECT_TRUE(Has(r.out, "\"nul\"")) << r.out << r.err;  // coded: the NUL is gone
}

TEST(BadInputTest, NulBytesInJsonlRecord) {
  const std::string dir = TestDir();
  const std::string f =
      Write(dir, "nul.jsonl", kGood1 + "\n" + std::string("{\"id\":\"bad\",\"text\":\"a\0b\"}\n", 26) + kGood2 + "\n");
  CliRun r = Cli(dir, "code " + f);
  // A raw NUL inside a JSON string is malformed JSON: the record is skipped.
  EXPECT_EQ(r.status, 1) << r.err;
  EXPECT_TRUE(Has(r.err, "nul.jsonl:2:")) << r.err;
  ExpectGoodCoded(r);
}

TEST(BadInputTest, BinaryFileOfNulsIsSkipped) {
  const std::string dir = TestDir();
  fs::create_directories(dir + "/in");
  Write(dir, "in/a.jsonl", kGood1 + "\n" + kGood2 + "\n");
  Write(dir, "in/b.bin", std::string(4096, '\0'));
  CliRun r = Cli(dir, "code " + dir + "/in");
  EXPECT_EQ(r.status, 1) << r.err;
  EXPECT_TRUE(Has(r.err, "encoding_error: " + dir + "/in/b.bin:1: binary file")) << r.err;
  ExpectGoodCoded(r);
}

// --- Size -------------------------------------------------------------------

TEST(BadInputTest, HundredMegabyteLineIsSkipped) {
  const std::string dir = TestDir();
  const std::string f = dir + "/big.jsonl";
  {
    std::ofstream out(f, std::ios::binary);
    out << kGood1 << "\n{\"id\":\"big\",\"text\":\"";
    const std::string chunk(1 << 20, 'a');
    for (int i = 0; i < 100; ++i) out << chunk;
    out << "\"}\n" << kGood2 << "\n";
  }
  CliRun r = Cli(dir, "code " + f);
  fs::remove(f);
  EXPECT_EQ(r.status, 1) << r.err;
  EXPECT_TRUE(Has(r.err, "big.jsonl:2:")) << r.err;
  EXPECT_TRUE(Has(r.err, "max_document_bytes")) << r.err;
  EXPECT_TRUE(Has(r.err, "(1 over --max-document-bytes")) << r.err;
  ExpectGoodCoded(r);
}

TEST(BadInputTest, HundredMegabyteTextFileWithoutNewline) {
  const std::string dir = TestDir();
  fs::create_directories(dir + "/in");
  Write(dir, "in/a.jsonl", kGood1 + "\n" + kGood2 + "\n");
  {
    std::ofstream out(dir + "/in/b.txt", std::ios::binary);
    const std::string chunk(1 << 20, 'b');
    for (int i = 0; i < 100; ++i) out << chunk;
  }
  CliRun r = Cli(dir, "code " + dir + "/in");
  fs::remove(dir + "/in/b.txt");
  EXPECT_EQ(r.status, 1) << r.err;
  EXPECT_TRUE(Has(r.err, "b.txt:1:")) << r.err;
  EXPECT_TRUE(Has(r.err, "(1 over --max-document-bytes")) << r.err;
  ExpectGoodCoded(r);
}

// A record over --max-document-bytes in every format that has records: the
// record is skipped with its file:line, counted apart in the summary, and
// the good records around it are coded.
struct OversizeCase {
  const char* name;
  const char* file;
  std::string bytes;
  int line;
};

void PrintTo(const OversizeCase& c, std::ostream* os) { *os << c.file; }

const std::string kBig(3000, 'x');

const OversizeCase kOversize[] = {
    {"Jsonl", "big.jsonl", kGood1 + "\n{\"id\":\"big\",\"text\":\"" + kBig + "\"}\n" + kGood2 + "\n", 2},
    {"PetrarchXml", "big.xml",
     "<Sentences>\n<Sentence id=\"good1\"><Text>China criticized NATO on Monday.</Text></Sentence>\n"
     "<Sentence id=\"big\"><Text>" + kBig + "</Text></Sentence>\n"
     "<Sentence id=\"good2\"><Text>Japan praised the United States.</Text></Sentence>\n</Sentences>\n",
     3},
    {"Tabari", "big.tabari",
     "230130 good1\nChina criticized NATO on Monday.\n\n230131 big\n" + kBig +
         "\n\n230201 good2\nJapan praised the United States.\n\n",
     4},
};

class BadInputOversizeTest : public testing::TestWithParam<OversizeCase> {};

TEST_P(BadInputOversizeTest, SkippedNamedAndCounted) {
  const std::string dir = TestDir();
  const std::string f = Write(dir, GetParam().file, GetParam().bytes);
  CliRun r = Cli(dir, "code --max-document-bytes 2K " + f);
  EXPECT_EQ(r.status, 1) << r.err;
  EXPECT_TRUE(Has(r.err, std::string(GetParam().file) + ":" + std::to_string(GetParam().line) + ":")) << r.err;
  EXPECT_TRUE(Has(r.err, "limit_exceeded")) << r.err;
  EXPECT_TRUE(Has(r.err, "1 inputs skipped (1 over --max-document-bytes 2048)")) << r.err;
  EXPECT_TRUE(Has(r.err, Docs(2))) << r.err;
  ExpectGoodCoded(r);
  EXPECT_FALSE(Has(r.out, "\"big\"")) << r.out;
}

INSTANTIATE_TEST_SUITE_P(BadInput, BadInputOversizeTest, testing::ValuesIn(kOversize),
                         [](const testing::TestParamInfo<OversizeCase>& i) { return std::string(i.param.name); });

// --- JSON -------------------------------------------------------------------

TEST(BadInputTest, DeeplyNestedJsonRecord) {
  const std::string dir = TestDir();
  const std::string deep = "{\"id\":\"deep\",\"text\":\"x\",\"meta\":" + std::string(100000, '[') +
                           std::string(100000, ']') + "}";
  const std::string f = Write(dir, "deep.jsonl", kGood1 + "\n" + deep + "\n" + kGood2 + "\n");
  CliRun r = Cli(dir, "code " + f);
  EXPECT_EQ(r.status, 1) << r.err;
  EXPECT_TRUE(Has(r.err, "deep.jsonl:2:")) << r.err;
  ExpectGoodCoded(r);
  EXPECT_FALSE(Has(r.out, "\"deep\""));
}

TEST(BadInputTest, DeeplyNestedJsonArrayFile) {
  const std::string dir = TestDir();
  fs::create_directories(dir + "/in");
  Write(dir, "in/a.jsonl", kGood1 + "\n" + kGood2 + "\n");
  Write(dir, "in/b.json", std::string(100000, '['));  // a JSON array file, never closed
  CliRun r = Cli(dir, "code " + dir + "/in");
  EXPECT_EQ(r.status, 1) << r.err;
  EXPECT_TRUE(Has(r.err, "b.json:1:")) << r.err;
  ExpectGoodCoded(r);
}

TEST(BadInputTest, TruncatedJsonLastLine) {
  const std::string dir = TestDir();
  const std::string f = Write(dir, "cut.jsonl", kGood1 + "\n" + kGood2 + "\n{\"id\":\"cut\",\"text\":\"China critic");
  CliRun r = Cli(dir, "code " + f);
  EXPECT_EQ(r.status, 1) << r.err;
  EXPECT_TRUE(Has(r.err, "cut.jsonl:3:")) << r.err;
  ExpectGoodCoded(r);
}

TEST(BadInputTest, TruncatedJsonMidFile) {
  const std::string dir = TestDir();
  const std::string f = Write(dir, "cut.jsonl", kGood1 + "\n{\"id\":\"cut\",\"te\n" + kGood2 + "\n");
  CliRun r = Cli(dir, "code " + f);
  EXPECT_EQ(r.status, 1) << r.err;
  EXPECT_TRUE(Has(r.err, "cut.jsonl:2:")) << r.err;
  ExpectGoodCoded(r);
}

// --- XML --------------------------------------------------------------------

std::string XmlSentence(const std::string& id, const std::string& date, const std::string& text) {
  return "<Sentence id=\"" + id + "\" date=\"" + date + "\" source=\"AFP\">\n<Text>\n" + text + "\n</Text>\n</Sentence>\n";
}

TEST(BadInputTest, MalformedXmlRecord) {
  const std::string dir = TestDir();
  const std::string f = Write(dir, "suite.xml",
                              "<Sentences>\n" + XmlSentence("good1", "20230130", "China criticized NATO on Monday.") +
                                  "<Sentence id=\"bad\">\n<Text>Broken <b>record</Text>\n</Sentence>\n" +
                                  XmlSentence("good2", "20230131", "Japan praised the United States.") +
                                  "</Sentences>\n");
  CliRun r = Cli(dir, "code " + f);
  EXPECT_EQ(r.status, 1) << r.err;
  EXPECT_TRUE(Has(r.err, "suite.xml:8:")) << r.err;  // the line of the mismatched tag
  EXPECT_TRUE(Has(r.err, "parse_error")) << r.err;
  ExpectGoodCoded(r);
}

TEST(BadInputTest, TruncatedXml) {
  const std::string dir = TestDir();
  const std::string f = Write(dir, "cut.xml",
                              "<Sentences>\n" + XmlSentence("good1", "20230130", "China criticized NATO on Monday.") +
                                  XmlSentence("good2", "20230131", "Japan praised the United States.") +
                                  "<Sentence id=\"cut\">\n<Text>China crit");
  CliRun r = Cli(dir, "code " + f);
  EXPECT_EQ(r.status, 1) << r.err;
  EXPECT_TRUE(Has(r.err, "cut.xml:12:")) << r.err;  // where the cut record starts
  EXPECT_TRUE(Has(r.err, "truncated")) << r.err;
  ExpectGoodCoded(r);
}

TEST(BadInputTest, BillionLaughsXmlIsRefused) {
  const std::string dir = TestDir();
  fs::create_directories(dir + "/in");
  Write(dir, "in/a.jsonl", kGood1 + "\n" + kGood2 + "\n");
  std::string doctype = "<?xml version=\"1.0\"?>\n<!DOCTYPE lolz [\n <!ENTITY lol \"lol\">\n";
  for (int i = 1; i <= 9; ++i) {
    doctype += " <!ENTITY lol" + std::to_string(i) + " \"";
    for (int k = 0; k < 10; ++k) doctype += i == 1 ? "&lol;" : "&lol" + std::to_string(i - 1) + ";";
    doctype += "\">\n";
  }
  doctype += "]>\n";
  Write(dir, "in/b.xml",
        doctype + "<Sentences>\n" + XmlSentence("lol", "20230130", "China criticized &lol9; NATO.") + "</Sentences>\n");
  CliRun r = Cli(dir, "code " + dir + "/in");
  EXPECT_EQ(r.status, 1) << r.err;
  EXPECT_TRUE(Has(r.err, "unsupported: " + dir + "/in/b.xml:2: DOCTYPE declares entities")) << r.err;
  EXPECT_FALSE(Has(r.out, "\"lol\""));
  ExpectGoodCoded(r);
}

// --- Dictionaries -----------------------------------------------------------

// A verb dictionary that codes "criticize" (111) and "praise" (051), with
// the synsets given before its patterns.
std::string Verbs(const std::string& synsets) {
  return synsets +
         "\n--- CRITICIZE [111] ---\nCRITICIZE\n- * &FOO [111]\n"
         "\n--- PRAISE [051] ---\nPRAISE\n";
}

TEST(BadInputTest, SynsetReferringToItself) {
  const std::string dir = TestDir();
  const std::string verbs = Write(dir, "self.verbs", Verbs("&FOO\n+&FOO\n+WORD\n"));
  const std::string f = Write(dir, "good.jsonl", kGood1 + "\n" + kGood2 + "\n");
  CliRun r = Cli(dir, "code --verbs " + verbs + " " + f);
  EXPECT_EQ(r.status, 0) << r.err;  // a dictionary entry skip is reported, not an input skip
  EXPECT_TRUE(Has(r.err, "self.verbs:2:")) << r.err;
  EXPECT_TRUE(Has(r.err, "refers to itself")) << r.err;
  ExpectGoodCoded(r);
}

TEST(BadInputTest, SynsetCycleThroughTwoSynsets) {
  const std::string dir = TestDir();
  const std::string verbs = Write(dir, "cycle.verbs", Verbs("&FOO\n+&BAR\n+WORD\n&BAR\n+&FOO\n"));
  const std::string f = Write(dir, "good.jsonl", kGood1 + "\n" + kGood2 + "\n");
  CliRun r = Cli(dir, "code --verbs " + verbs + " " + f);
  EXPECT_EQ(r.status, 0) << r.err;
  EXPECT_TRUE(Has(r.err, "cycle.verbs:5:")) << r.err;
  EXPECT_TRUE(Has(r.err, "cycle")) << r.err;
  ExpectGoodCoded(r);
}

TEST(BadInputTest, SynsetCycleIsFatalWithStrict) {
  const std::string dir = TestDir();
  const std::string verbs = Write(dir, "cycle.verbs", Verbs("&FOO\n+&BAR\n&BAR\n+&FOO\n"));
  const std::string f = Write(dir, "good.jsonl", kGood1 + "\n");
  CliRun r = Cli(dir, "code --strict --verbs " + verbs + " " + f);
  EXPECT_EQ(r.status, 3) << r.err;
  EXPECT_EQ(Count(r.err, "cycle.verbs:4:"), 1u) << r.err;  // named once, not also as a skipped entry
  EXPECT_TRUE(r.out.empty()) << r.out;
}

// --- Dates ------------------------------------------------------------------

struct DateCase {
  const char* name;
  const char* date;
};

void PrintTo(const DateCase& c, std::ostream* os) { *os << c.date; }

const DateCase kBadDates[] = {
    {"Feb30", "2023-02-30"}, {"Month13", "2023-13-01"}, {"YearZero", "0000-01-01"},
    {"Words", "next Tuesday"}, {"Hour25", "2023-01-30T25:00:00Z"}, {"CompactFeb30", "20230230"},
};

class BadInputDateTest : public testing::TestWithParam<DateCase> {};

// A bad date keeps the record (date left empty, original kept in meta
// "date_raw"), is reported with file:line and counted as a warning; the
// exit status stays 0 because nothing was skipped.
TEST_P(BadInputDateTest, Jsonl) {
  const std::string dir = TestDir();
  const std::string f = Write(dir, "dates.jsonl",
                              kGood1 + "\n" + R"({"id":"good2","date":")" + GetParam().date +
                                  R"(","text":"Japan praised the United States."})" + "\n");
  CliRun r = Cli(dir, "code " + f);
  EXPECT_EQ(r.status, 0) << r.err;
  EXPECT_TRUE(Has(r.err, "dates.jsonl:2:")) << r.err;
  EXPECT_TRUE(Has(r.err, "1 warnings")) << r.err;
  ExpectGoodCoded(r);
}

TEST_P(BadInputDateTest, PetrarchXml) {
  const std::string dir = TestDir();
  const std::string f = Write(dir, "dates.xml",
                              "<Sentences>\n" + XmlSentence("good1", "20230130", "China criticized NATO on Monday.") +
                                  XmlSentence("good2", GetParam().date, "Japan praised the United States.") +
                                  "</Sentences>\n");
  CliRun r = Cli(dir, "code " + f);
  EXPECT_EQ(r.status, 0) << r.err;
  EXPECT_TRUE(Has(r.err, "dates.xml:7:")) << r.err;
  EXPECT_TRUE(Has(r.err, "1 warnings")) << r.err;
  ExpectGoodCoded(r);
}

INSTANTIATE_TEST_SUITE_P(BadInput, BadInputDateTest, testing::ValuesIn(kBadDates),
                         [](const testing::TestParamInfo<DateCase>& i) { return std::string(i.param.name); });

// --- Long sentences ---------------------------------------------------------

std::string LongSentence(size_t words) {
  std::string text = "China criticized NATO";
  for (size_t i = 3; i < words; ++i) text += (i % 2) ? " and" : " Japan";
  return text + ".";
}

TEST(BadInputTest, TenThousandTokenSentenceIsCut) {
  const std::string dir = TestDir();
  const std::string f = Write(dir, "long.jsonl",
                              kGood1 + "\n{\"id\":\"long\",\"text\":\"" + LongSentence(10000) + "\"}\n" + kGood2 + "\n");
  CliRun r = Cli(dir, "code " + f);
  EXPECT_EQ(r.status, 0) << r.err;
  // 10,001 words (the period too) in pieces of 500: 20 cuts.
  EXPECT_TRUE(Has(r.err, "; 20 sentences cut at --max-sentence-tokens 500")) << r.err;
  EXPECT_TRUE(Has(r.err, Docs(3))) << r.err;
  ExpectGoodCoded(r);
}

// A parse carried by the input (--parsed) whose heads form one chain
// 100,000 words deep: read and coded like any other, the good articles
// around it too.  (The tree check used to take minutes on it.)
TEST(BadInputTest, HundredThousandDeepConlluParse) {
  const std::string dir = TestDir();
  std::string parse;
  const int n = 100000;
  for (int i = 1; i <= n; ++i)
    parse += std::to_string(i) + "\\tword\\t_\\t_\\t_\\t_\\t" + std::to_string(i < n ? i + 1 : 0) + "\\tdep\\t_\\t_\\n";
  const std::string f = Write(dir, "deep.jsonl",
                              kGood1 + "\n{\"id\":\"deep\",\"parse_format\":\"conllu\",\"parse\":\"" + parse + "\"}\n" +
                                  kGood2 + "\n");
  CliRun r = Cli(dir, "code --parsed " + f);
  EXPECT_EQ(r.status, 0) << r.err;
  EXPECT_TRUE(Has(r.err, Docs(3) + ", 3 sentences")) << r.err;
  EXPECT_TRUE(Has(r.err, "2 documents without a usable parse were parsed by entente")) << r.err;
  ExpectGoodCoded(r);
}

// --- Empty corpora ----------------------------------------------------------

struct EmptyCase {
  const char* name;
  const char* file;
  const char* bytes;
};

void PrintTo(const EmptyCase& c, std::ostream* os) { *os << c.file << " (" << c.name << ")"; }

const EmptyCase kEmpty[] = {
    {"EmptyJsonl", "e.jsonl", ""},     {"BlankJsonl", "e.jsonl", " \n\t\n  \r\n\n"},
    {"EmptyText", "e.txt", ""},        {"BlankText", "e.txt", "\n   \n\t\n"},
    {"EmptyXml", "e.xml", ""},         {"NoRecordsXml", "e.xml", "<Sentences>\n</Sentences>\n"},
};

class BadInputEmptyCorpusTest : public testing::TestWithParam<EmptyCase> {};

// Alone: the run ends with 0 documents, the file named, exit 1 (the file
// was skipped).
TEST_P(BadInputEmptyCorpusTest, Alone) {
  const std::string dir = TestDir();
  const std::string f = Write(dir, GetParam().file, GetParam().bytes);
  CliRun r = Cli(dir, "code " + f);
  EXPECT_EQ(r.status, 1) << r.err;
  EXPECT_TRUE(Has(r.err, GetParam().file)) << r.err;
  EXPECT_TRUE(Has(r.err, Docs(0))) << r.err;
  EXPECT_TRUE(Has(r.err, "1 inputs skipped")) << r.err;
  EXPECT_TRUE(r.out.empty()) << r.out;
}

// Beside a good file: the good one is coded.
TEST_P(BadInputEmptyCorpusTest, BesideGoodFile) {
  const std::string dir = TestDir();
  const std::string f = Write(dir, GetParam().file, GetParam().bytes);
  const std::string good = Write(dir, "good.jsonl", kGood1 + "\n" + kGood2 + "\n");
  CliRun r = Cli(dir, "code " + f + " " + good);
  EXPECT_EQ(r.status, 1) << r.err;
  EXPECT_TRUE(Has(r.err, GetParam().file)) << r.err;
  ExpectGoodCoded(r);
}

INSTANTIATE_TEST_SUITE_P(BadInput, BadInputEmptyCorpusTest, testing::ValuesIn(kEmpty),
                         [](const testing::TestParamInfo<EmptyCase>& i) { return std::string(i.param.name); });

// A record whose text is blank (white space, or only characters the text
// hygiene removes) is skipped as empty in every format.
struct BlankCase {
  const char* name;
  const char* file;
  std::string bytes;
  int line;
};

void PrintTo(const BlankCase& c, std::ostream* os) { *os << c.file; }

const BlankCase kBlank[] = {
    {"Jsonl", "blank.jsonl", kGood1 + "\n{\"id\":\"blank\",\"text\":\" \\u200b\\u0000 \\n\"}\n" + kGood2 + "\n", 2},
    {"PetrarchXml", "blank.xml",
     "<Sentences>\n<Sentence id=\"good1\"><Text>China criticized NATO on Monday.</Text></Sentence>\n"
     "<Sentence id=\"blank\"><Text>  \n  </Text></Sentence>\n"
     "<Sentence id=\"good2\"><Text>Japan praised the United States.</Text></Sentence>\n</Sentences>\n",
     3},
    {"Tabari", "blank.tabari",
     "230130 good1\nChina criticized NATO on Monday.\n\n230131 blank\n   \n\n230201 good2\nJapan praised the United "
     "States.\n\n",
     4},
};

class BadInputBlankRecordTest : public testing::TestWithParam<BlankCase> {};

TEST_P(BadInputBlankRecordTest, SkippedAsEmpty) {
  const std::string dir = TestDir();
  const std::string f = Write(dir, GetParam().file, GetParam().bytes);
  CliRun r = Cli(dir, "code " + f);
  EXPECT_EQ(r.status, 1) << r.err;
  EXPECT_TRUE(Has(r.err, "empty: " + f + ":" + std::to_string(GetParam().line) + ":")) << r.err;
  EXPECT_TRUE(Has(r.err, Docs(2))) << r.err;
  ExpectGoodCoded(r);
}

INSTANTIATE_TEST_SUITE_P(BadInput, BadInputBlankRecordTest, testing::ValuesIn(kBlank),
                         [](const testing::TestParamInfo<BlankCase>& i) { return std::string(i.param.name); });

TEST(BadInputTest, EmptyFolder) {
  const std::string dir = TestDir();
  fs::create_directories(dir + "/in");
  CliRun r = Cli(dir, "code " + dir + "/in");
  EXPECT_EQ(r.status, 0) << r.err;  // nothing to read is not an error
  EXPECT_TRUE(Has(r.err, Docs(0))) << r.err;
  EXPECT_TRUE(r.out.empty());
}

TEST(BadInputTest, MissingInputIsNamed) {
  const std::string dir = TestDir();
  const std::string good = Write(dir, "good.jsonl", kGood1 + "\n" + kGood2 + "\n");
  CliRun r = Cli(dir, "code " + dir + "/no-such-file.jsonl " + good);
  EXPECT_EQ(r.status, 1) << r.err;
  EXPECT_TRUE(Has(r.err, "no-such-file.jsonl")) << r.err;
  EXPECT_TRUE(Has(r.err, "not_found")) << r.err;
  ExpectGoodCoded(r);
}

// --- Mixed ------------------------------------------------------------------

// One bad record of every kind in one run, between good ones: every good
// article is coded, every bad one named, and the counts add up.
TEST(BadInputTest, MixedRunCodesEveryGoodRecord) {
  const std::string dir = TestDir();
  fs::create_directories(dir + "/in");
  Write(dir, "in/1.jsonl",
        kGood1 + "\n{\"id\":\"x\",\"text\":\"a\xFF\"}\n{\"id\":\"g3\",\"text\":\"China criticized Japan.\"}\n");
  Write(dir, "in/2.xml",
        "<Sentences>\n" + XmlSentence("g4", "20230130", "Japan criticized China.") +
            "<Sentence id=\"bad\">\n<Text>Broken <b>record</Text>\n</Sentence>\n" +
            XmlSentence("good2", "20230131", "Japan praised the United States.") + "</Sentences>\n");
  Write(dir, "in/3.txt", "");
  CliRun r = Cli(dir, "code " + dir + "/in");
  EXPECT_EQ(r.status, 1) << r.err;
  EXPECT_TRUE(Has(r.err, "1.jsonl:2:")) << r.err;
  EXPECT_TRUE(Has(r.err, "2.xml:8:")) << r.err;
  EXPECT_TRUE(Has(r.err, "3.txt")) << r.err;
  EXPECT_TRUE(Has(r.err, Docs(4))) << r.err;
  EXPECT_TRUE(Has(r.err, "3 inputs skipped")) << r.err;
  ExpectGoodCoded(r);
  EXPECT_TRUE(Has(r.out, "\"g3\"")) << r.out;
  EXPECT_TRUE(Has(r.out, "\"g4\"")) << r.out;
}

// --- The limit flags ----------------------------------------------------------

TEST(BadInputLimitFlagTest, MaxDocumentBytesCode) {
  const std::string dir = TestDir();
  const std::string big = "{\"id\":\"big\",\"text\":\"" + std::string(2000, 'a') + "\"}";
  const std::string f = Write(dir, "in.jsonl", kGood1 + "\n" + big + "\n" + kGood2 + "\n");
  CliRun r = Cli(dir, "code --max-document-bytes 1K " + f);
  EXPECT_EQ(r.status, 1) << r.err;
  EXPECT_TRUE(Has(r.err, "in.jsonl:2:")) << r.err;
  EXPECT_TRUE(Has(r.err, "1 inputs skipped (1 over --max-document-bytes 1024)")) << r.err;
  ExpectGoodCoded(r);
  // The default (16 MiB) takes it.
  CliRun d = Cli(dir, "code " + f);
  EXPECT_EQ(d.status, 0) << d.err;
  EXPECT_TRUE(Has(d.err, "0 inputs skipped (0 over --max-document-bytes 16777216)")) << d.err;
}

TEST(BadInputLimitFlagTest, MaxDocumentBytesParse) {
  const std::string dir = TestDir();
  fs::create_directories(dir + "/in");
  Write(dir, "in/a.txt", "China criticized NATO on Monday.\n");
  Write(dir, "in/b.txt", std::string(5000, 'b') + "\n");
  CliRun r = Cli(dir, "parse --no-parse --max-document-bytes 4096 " + dir + "/in");
  EXPECT_EQ(r.status, 1) << r.err;
  EXPECT_TRUE(Has(r.err, "b.txt:1:")) << r.err;
  EXPECT_TRUE(Has(r.err, "1 inputs skipped (1 over --max-document-bytes 4096)")) << r.err;
  EXPECT_TRUE(Has(r.out, "# newdoc id = a")) << r.out;
  EXPECT_FALSE(Has(r.out, "# newdoc id = b")) << r.out;
}

TEST(BadInputLimitFlagTest, MaxSentenceTokensCode) {
  const std::string dir = TestDir();
  const std::string f = Write(dir, "in.jsonl",
                              kGood1 + "\n{\"id\":\"long\",\"text\":\"" + LongSentence(30) + "\"}\n" + kGood2 + "\n");
  CliRun r = Cli(dir, "code --max-sentence-tokens 10 " + f);
  EXPECT_EQ(r.status, 0) << r.err;
  // 31 words (the period too) in pieces of 10: 3 cuts, 4 sentences.
  EXPECT_TRUE(Has(r.err, "; 3 sentences cut at --max-sentence-tokens 10")) << r.err;
  EXPECT_TRUE(Has(r.err, "3 documents, 6 sentences")) << r.err;
  ExpectGoodCoded(r);
  CliRun none = Cli(dir, "code --max-sentence-tokens 0 " + f);
  EXPECT_EQ(none.status, 0) << none.err;
  EXPECT_TRUE(Has(none.err, "3 documents, 3 sentences")) << none.err;
  EXPECT_TRUE(Has(none.err, "; 0 sentences cut")) << none.err;
}

TEST(BadInputLimitFlagTest, MaxSentenceTokensParse) {
  const std::string dir = TestDir();
  const std::string f = Write(dir, "long.txt", LongSentence(30) + "\n");
  CliRun r = Cli(dir, "parse --no-parse --max-sentence-tokens 10 " + f);
  EXPECT_EQ(r.status, 0) << r.err;
  EXPECT_TRUE(Has(r.err, "; 3 sentences cut at --max-sentence-tokens 10")) << r.err;
  EXPECT_EQ(Count(r.out, "# sent_id"), 4u) << r.out;
  // No sentence holds a word with ID 11.
  EXPECT_FALSE(Has(r.out, "\n11\t")) << r.out;
}

TEST(BadInputLimitFlagTest, BadValuesAreUsageErrors) {
  const std::string dir = TestDir();
  const std::string f = Write(dir, "good.jsonl", kGood1 + "\n");
  const std::pair<const char*, const char*> kCases[] = {
      {"--max-document-bytes 0", "max-document-bytes"},
      {"--max-document-bytes lots", "max-document-bytes"},
      {"--max-document-bytes -1", "max-document-bytes"},
      {"--max-sentence-tokens -3", "max-sentence-tokens"},
      {"--max-sentence-tokens many", "max-sentence-tokens"},
  };
  for (const auto& [args, named] : kCases) {
    CliRun r = Cli(dir, std::string("parse --no-parse ") + args + " " + f);
    EXPECT_EQ(r.status, 2) << args << ": " << r.err;
    EXPECT_TRUE(Has(r.err, named)) << args << ": " << r.err;
  }
}

}  // namespace
