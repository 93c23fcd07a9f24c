// End-to-end tests of the entente command line: exit statuses, outputs,
// error messages naming file and line.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>
#include <sys/wait.h>

#include <array>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

namespace {

struct RunResult {
  int status = -1;
  std::string out, err;
};

std::string Slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// Runs the CLI with `args` (a shell-quoted string); captures stdout and stderr.
RunResult RunCli(const std::string& args) {
  const std::string err_path = testing::TempDir() + "/cli_stderr.txt";
  const std::string cmd = std::string(ENTENTE_CLI) + " " + args + " 2>" + err_path;
  RunResult r;
  FILE* p = popen(cmd.c_str(), "r");
  if (!p) return r;
  std::array<char, 65536> buf;
  size_t n;
  while ((n = fread(buf.data(), 1, buf.size(), p)) > 0) r.out.append(buf.data(), n);
  int st = pclose(p);
  r.status = WIFEXITED(st) ? WEXITSTATUS(st) : -1;
  r.err = Slurp(err_path);
  return r;
}

const std::string kSrc = ENTENTE_SOURCE_DIR;

TEST(CliTest, VersionAndHelp) {
  RunResult v = RunCli("--version");
  EXPECT_EQ(v.status, 0);
  EXPECT_NE(v.out.find("entente "), std::string::npos);
  RunResult h = RunCli("--help");
  EXPECT_EQ(h.status, 0);
  for (const char* verb : {"parse", "code", "eval", "balance", "train"})
    EXPECT_NE(h.out.find(verb), std::string::npos) << verb;
}

TEST(CliTest, UsageErrorsExitTwo) {
  EXPECT_EQ(RunCli("").status, 2);
  EXPECT_EQ(RunCli("no-such-verb").status, 2);
  EXPECT_EQ(RunCli("parse --format xml " + kSrc + "/examples/nato-asia-pacific.txt").status, 2);
}

TEST(CliTest, ParseExampleWritesConllu) {
  RunResult r = RunCli("parse " + kSrc + "/examples/nato-asia-pacific.txt");
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_EQ(r.out.rfind("# newdoc id = nato-asia-pacific\n", 0), 0u);
  // Every token line has 10 columns, a head and a relation.
  std::istringstream in(r.out);
  std::string line;
  int tokens = 0, roots = 0, sentences = 0;
  while (std::getline(in, line)) {
    if (line.rfind("# sent_id", 0) == 0) ++sentences;
    if (line.empty() || line[0] == '#') continue;
    int tabs = 0;
    for (char c : line) tabs += c == '\t';
    ASSERT_EQ(tabs, 9) << line;
    ++tokens;
    std::istringstream cols(line);
    std::string id, form, lemma, upos, xpos, feats, head, deprel;
    cols >> id >> form >> lemma >> upos >> xpos >> feats >> head >> deprel;
    EXPECT_NE(head, "_") << line;
    EXPECT_NE(deprel, "_") << line;
    roots += head == "0";
  }
  EXPECT_GT(tokens, 300);
  EXPECT_EQ(roots, sentences);  // one root per sentence
}

TEST(CliTest, BadRecordIsReportedSkippedAndCounted) {
  const std::string path = kSrc + "/test/data/cli/mixed.jsonl";
  RunResult r = RunCli("parse --no-parse --format json " + path);
  EXPECT_EQ(r.status, 1) << "a skipped record must make the exit status 1";
  EXPECT_NE(r.err.find("mixed.jsonl:2:"), std::string::npos) << r.err;
  // The good records before and after the bad one are there, dates normalised.
  std::istringstream in(r.out);
  std::string line;
  std::vector<nlohmann::json> docs;
  while (std::getline(in, line)) docs.push_back(nlohmann::json::parse(line));
  ASSERT_EQ(docs.size(), 2u);
  EXPECT_EQ(docs[0]["id"], "a1");
  EXPECT_EQ(docs[1]["id"], "a3");
  EXPECT_EQ(docs[1]["date"], "2023-01-30");
}

TEST(CliTest, OutputFileIsWrittenWhole) {
  const std::string out = testing::TempDir() + "/cli_out.conllu";
  std::filesystem::remove(out);
  RunResult r = RunCli("parse --no-parse -o " + out + " " + kSrc + "/examples/nato-asia-pacific.txt");
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_TRUE(r.out.empty());
  const std::string text = Slurp(out);
  EXPECT_EQ(text.rfind("# newdoc id = nato-asia-pacific", 0), 0u);
  for (const auto& e : std::filesystem::directory_iterator(testing::TempDir()))
    EXPECT_EQ(e.path().filename().string().find("cli_out.conllu.tmp"), std::string::npos);
}

TEST(CliTest, UnwritableOutputIsFatal) {
  RunResult r = RunCli("parse --no-parse -o /nonexistent-dir/x.conllu " + kSrc + "/examples/nato-asia-pacific.txt");
  EXPECT_EQ(r.status, 3);
  EXPECT_NE(r.err.find("/nonexistent-dir/x.conllu"), std::string::npos) << r.err;
}

TEST(CliTest, MissingModelIsFatalAndNamed) {
  RunResult r = RunCli("parse --tagger /nonexistent.bin " + kSrc + "/examples/nato-asia-pacific.txt");
  EXPECT_EQ(r.status, 3);
  EXPECT_NE(r.err.find("/nonexistent.bin"), std::string::npos) << r.err;
}

TEST(CliTest, BalanceJsonHeadline) {
  RunResult r = RunCli("balance --json " + kSrc + "/test/data/networks/tribes_gahuku_gama.csv");
  ASSERT_EQ(r.status, 0) << r.err;
  auto j = nlohmann::json::parse(r.out);
  EXPECT_EQ(j["L"], 7);
  EXPECT_EQ(j["optimal"], true);
  EXPECT_EQ(j["lower_bound"], 7);
  EXPECT_NEAR(j["F"].get<double>(), 1.0 - 2.0 * 7 / 58, 1e-9);
  EXPECT_EQ(j["blocs"].size(), 2u);
  EXPECT_EQ(j["triangles"]["unbalanced"].get<int>() + j["triangles"]["balanced"].get<int>(),
            j["triangles"]["total"].get<int>());
}

TEST(CliTest, ParseIsDeterministicAcrossThreads) {
  const std::string in = kSrc + "/examples/nato-asia-pacific.txt " + kSrc + "/test/data/cli/mixed.jsonl";
  RunResult one = RunCli("parse --threads 1 --batch 1 " + in);
  RunResult two = RunCli("parse --threads 2 --batch 1 " + in);
  EXPECT_EQ(one.status, 1);
  EXPECT_EQ(two.status, 1);
  EXPECT_FALSE(one.out.empty());
  EXPECT_EQ(one.out, two.out);
}

}  // namespace
