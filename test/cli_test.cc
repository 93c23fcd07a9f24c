// End-to-end tests of the entente command line: exit statuses, outputs,
// error messages naming file and line.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <array>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "cli_run.h"

namespace {

using entente::testing_cli::ReadAll;
using RunResult = entente::testing_cli::CliRun;

std::string Slurp(const std::string& path) { return ReadAll(path); }

// Runs the CLI with `args` (a shell-quoted string); captures stdout and stderr.
RunResult RunCli(const std::string& args) {
  // Per process: ctest runs the CliTest tests two at a time.
  return entente::testing_cli::RunEntente(args,
                                          testing::TempDir() + "/cli_stderr_" + std::to_string(::getpid()) + ".txt");
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
    if (line.substr(0, line.find('\t')).find('-') != std::string::npos) continue;  // multiword token
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

namespace {

// Events of the synthetic corpus between two countries in a year, counted
// straight from the JSONL (country = first three letters of the actor code).
int CountCorpus(const std::string& path, const std::string& a, const std::string& b, const std::string& year) {
  std::ifstream in(path);
  std::string line;
  int n = 0;
  while (std::getline(in, line)) {
    auto j = nlohmann::json::parse(line, nullptr, false);
    if (j.is_discarded()) continue;
    const std::string s = j.value("source_actor", "").substr(0, 3), t = j.value("target_actor", "").substr(0, 3);
    if (j.value("date", "").rfind(year, 0) == 0 && ((s == a && t == b) || (s == b && t == a))) ++n;
  }
  return n;
}

TEST(CliTest, IngestThenDyadCountsEveryEventOnce) {
  const std::string db = testing::TempDir() + "/cli_dyad.sqlite";
  for (const char* ext : {"", "-wal", "-shm"}) std::filesystem::remove(db + ext);
  const std::string corpus = kSrc + "/test/data/corpus/events.jsonl";
  RunResult ing = RunCli("ingest " + corpus + " --db " + db);
  EXPECT_EQ(ing.status, 1) << ing.err;  // the corpus holds one malformed line on purpose
  EXPECT_NE(ing.err.find("events.jsonl:"), std::string::npos) << ing.err;
  RunResult again = RunCli("ingest " + corpus + " --db " + db);
  EXPECT_NE(again.err.find(" 0 added"), std::string::npos) << again.err;  // nothing twice
  RunResult d = RunCli("dyad CHN PRK --db " + db + " --by year --format json");
  ASSERT_EQ(d.status, 0) << d.err;
  auto j = nlohmann::json::parse(d.out);
  int y2010 = -1, y2015 = -1;
  for (const auto& p : j["periods"]) {
    if (p["period"] == "2010") y2010 = p["events"];
    if (p["period"] == "2015") y2015 = p["events"];
  }
  EXPECT_EQ(y2010, CountCorpus(corpus, "CHN", "PRK", "2010"));
  EXPECT_EQ(y2015, CountCorpus(corpus, "CHN", "PRK", "2015"));
  EXPECT_GT(y2010, 0);
}

TEST(CliTest, CodeIntoDbIsIdempotentAndResumes) {
  const std::string db = testing::TempDir() + "/cli_code.sqlite";
  for (const char* ext : {"", "-wal", "-shm"}) std::filesystem::remove(db + ext);
  const std::string in = kSrc + "/examples/nato-asia-pacific.txt " + kSrc + "/test/data/cli/mixed.jsonl";
  RunResult first = RunCli("code -q --db " + db + " " + in);
  EXPECT_EQ(first.status, 1) << first.err;  // mixed.jsonl has a bad line
  RunResult resumed = RunCli("code --resume --db " + db + " " + in);
  EXPECT_NE(resumed.err.find("3 articles already in"), std::string::npos) << resumed.err;
  EXPECT_TRUE(resumed.out.empty());  // nothing left to code
}

}  // namespace

namespace {

TEST(CliTest, AnalysesReadTheStoreLikeTheJsonl) {
  const std::string db = testing::TempDir() + "/cli_analyses.sqlite";
  for (const char* ext : {"", "-wal", "-shm"}) std::filesystem::remove(db + ext);
  const std::string corpus = kSrc + "/test/data/corpus/events.jsonl";
  RunCli("ingest " + corpus + " --db " + db);
  for (const std::string& cmd : {std::string("trend CHN PRK --json"), std::string("blocs --json"),
                                 std::string("network --format csv")}) {
    RunResult from_db = RunCli(cmd + " --db " + db);
    RunResult from_jsonl = RunCli(cmd + " --events " + corpus);
    ASSERT_EQ(from_db.status, 0) << cmd << ": " << from_db.err;
    EXPECT_FALSE(from_db.out.empty()) << cmd;
    EXPECT_EQ(from_db.out, from_jsonl.out) << cmd;
  }
  const std::string html = testing::TempDir() + "/cli_report.html";
  RunResult r = RunCli("report --db " + db + " --pair CHN,PRK -o " + html);
  ASSERT_EQ(r.status, 0) << r.err;
  const std::string page = Slurp(html);
  EXPECT_NE(page.find("<svg"), std::string::npos);
  EXPECT_EQ(page.find("http://"), std::string::npos);
  EXPECT_EQ(page.find("https://"), std::string::npos);
}

}  // namespace

namespace {

TEST(CliTest, DeviceOutputIsWrittenInPlaceNotReplaced) {
  // A FIFO stands in for /dev/null: renaming a temporary file over it would
  // replace it with a regular file.
  const std::string fifo = testing::TempDir() + "/cli_fifo";
  std::filesystem::remove(fifo);
  ASSERT_EQ(mkfifo(fifo.c_str(), 0600), 0);
  std::string got;
  std::thread reader([&] { got = Slurp(fifo); });
  RunResult r = RunCli("parse --no-parse -o " + fifo + " " + kSrc + "/examples/nato-asia-pacific.txt");
  reader.join();
  EXPECT_EQ(r.status, 0) << r.err;
  EXPECT_EQ(got.rfind("# newdoc id = nato-asia-pacific", 0), 0u);
  EXPECT_TRUE(std::filesystem::is_fifo(fifo));  // still a FIFO
  for (const auto& e : std::filesystem::directory_iterator(testing::TempDir()))
    EXPECT_EQ(e.path().filename().string().find("cli_fifo.tmp"), std::string::npos);
  std::filesystem::remove(fifo);
}

}  // namespace

namespace {

// `entente eval` on hand-built CoNLL-U (the parses are used as given): the
// coder options moved from the old entente-coder-eval driver.
const std::string kNegation = kSrc + "/test/data/cli/negation.conllu";

// The emitted events of a --json report (none is expected), "record SOURCE CODE TARGET".
std::vector<std::string> Extras(const RunResult& r) {
  std::vector<std::string> out;
  auto j = nlohmann::json::parse(r.out, nullptr, false);
  if (j.is_discarded()) return {"unparsable: " + r.out};
  for (const auto& e : j["extras"])
    out.push_back(e["record"].get<std::string>() + " " + e["source"].get<std::string>() + " " +
                  e["code"].get<std::string>() + " " + e["target"].get<std::string>());
  return out;
}

using Strings = std::vector<std::string>;

TEST(CliTest, EvalCodesConlluWithItsParsesAndTracesAll) {
  RunResult r = RunCli("eval --parsed --json --trace '' " + kSrc + "/test/data/coder/seed.conllu");
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_EQ(Extras(r), (Strings{"seed CHN 111 IGOWSTNAT", "seed CHNGOVMED 111 IGOWSTNAT", "seed IGOWSTNAT 042 KOR",
                                "seed IGOWSTNAT 040 KORGOV", "seed KOR 043 IGOWSTNAT", "seed PRK 111 IGOWSTNAT"}));
  // --trace '' traces every document: the parse as given, and the events.
  EXPECT_NE(r.err.find("== seed"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("      6 criticised         criticise      VERB   -1 root"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("coded CHNGOVMED 111 IGOWSTNAT  sentence 0 source[0,4) verb[6,7) target[7,8)"),
            std::string::npos)
      << r.err;
}

TEST(CliTest, EvalNegationModes) {
  // "China did not aid NATO": AID is 060; PICO's "not 060" is 121.
  RunResult def = RunCli("eval --parsed --json " + kNegation);
  ASSERT_EQ(def.status, 0) << def.err;
  EXPECT_EQ(Extras(def), Strings{"negated CHN 121 IGOWSTNAT"});
  RunResult drop = RunCli("eval --parsed --json --drop-negation " + kNegation);
  ASSERT_EQ(drop.status, 0) << drop.err;
  EXPECT_EQ(Extras(drop), Strings{});
  RunResult ignore = RunCli("eval --parsed --json --ignore-negation " + kNegation);
  ASSERT_EQ(ignore.status, 0) << ignore.err;
  EXPECT_EQ(Extras(ignore), Strings{"negated CHN 060 IGOWSTNAT"});
  RunResult both = RunCli("eval --parsed --drop-negation --ignore-negation " + kNegation);
  EXPECT_EQ(both.status, 2);
  EXPECT_NE(both.err.find("excludes"), std::string::npos) << both.err;
}

TEST(CliTest, EvalOntologyFile) {
  // An ontology in which "not 060" is 050; a malformed line is counted.
  const std::string path = testing::TempDir() + "/cli_ontology_" + std::to_string(::getpid()) + ".txt";
  std::ofstream(path) << "# test ontology\n060:0x0070\n050:-0xFFFF+0x0070\nnot a line\n";
  RunResult r = RunCli("eval --parsed --json --ontology " + path + " " + kNegation);
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_EQ(Extras(r), Strings{"negated CHN 050 IGOWSTNAT"});
  EXPECT_NE(r.err.find(path + ": 1 malformed lines skipped"), std::string::npos) << r.err;
  RunResult missing = RunCli("eval --parsed --ontology /nonexistent-ontology.txt " + kNegation);
  EXPECT_EQ(missing.status, 3);
  EXPECT_NE(missing.err.find("/nonexistent-ontology.txt"), std::string::npos) << missing.err;
  std::filesystem::remove(path);
}

TEST(CliTest, EvalMonadsAddsOneActorEvents) {
  // "Russia aided the project" has a source and no target actor.
  RunResult r = RunCli("eval --parsed --json --monads " + kNegation);
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_EQ(Extras(r), (Strings{"negated CHN 121 IGOWSTNAT", "monad RUS 060 ---"}));
}

TEST(CliTest, EvalRepeatAndCoderStatsReportOnStderrOnly) {
  RunResult plain = RunCli("eval --parsed " + kNegation);
  RunResult r = RunCli("eval --parsed --repeat 3 --coder-stats " + kNegation);
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_EQ(r.out, plain.out);  // the report does not change
  EXPECT_NE(r.err.find("entente eval: coder: 2 sentences, 0 without a parse, 0 discarded, 2 dictionary verbs, "
                       "1 events, 0 dropped over the per-sentence cap\n"),
            std::string::npos)
      << r.err;
  // Two sentences coded three more times.
  EXPECT_NE(r.err.find("entente eval: speed: coded 6 sentences in "), std::string::npos) << r.err;
  EXPECT_NE(r.err.find(" sentences/s (one thread)\n"), std::string::npos) << r.err;
  EXPECT_EQ(plain.err.find("speed:"), std::string::npos) << plain.err;
  EXPECT_EQ(RunCli("eval --parsed --repeat -1 " + kNegation).status, 2);
}

// `entente parse --eval --gold-tokens`: the shipped models on the gold file's
// own tokens.  Of its 12 words the tagger gets one XPOS and its FEATS wrong
// ("attacked" VBN, gold VBD) and the parser one full label ("Monday" obl,
// gold obl:tmod); every head and universal relation is right.
const std::string kGoldTokens = kSrc + "/test/data/cli/gold-tokens.conllu";

// The token line of `form` in CoNLL-U `text` (the first one), or "".
std::string TokenLine(const std::string& text, const std::string& form) {
  std::istringstream in(text);
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#') continue;
    const size_t a = line.find('\t');
    if (a != std::string::npos && line.compare(a + 1, form.size() + 1, form + "\t") == 0) return line;
  }
  return "";
}

TEST(CliTest, ParseEvalGoldTokensScoresTaggerAndParser) {
  const std::string pred = testing::TempDir() + "/cli_gold_tokens_pred.conllu";
  std::filesystem::remove(pred);
  RunResult r = RunCli("parse --eval " + kGoldTokens + " --gold-tokens --json --repeat 3 -o " + pred);
  ASSERT_EQ(r.status, 0) << r.err;
  auto j = nlohmann::json::parse(r.out);
  EXPECT_EQ(j["tokens"], "gold");
  EXPECT_EQ(j["tags"], "predicted");
  EXPECT_EQ(j["sentences"], 2);
  EXPECT_EQ(j["words"], 12);
  EXPECT_DOUBLE_EQ(j["upos"].get<double>(), 100.0);
  EXPECT_DOUBLE_EQ(j["xpos"].get<double>(), 100.0 * 11 / 12);
  EXPECT_DOUBLE_EQ(j["upos_xpos"].get<double>(), 100.0 * 11 / 12);
  EXPECT_DOUBLE_EQ(j["lemma"].get<double>(), 100.0);
  EXPECT_DOUBLE_EQ(j["lemma_nocase"].get<double>(), 100.0);
  EXPECT_DOUBLE_EQ(j["feats"].get<double>(), 100.0 * 11 / 12);
  EXPECT_DOUBLE_EQ(j["uas"].get<double>(), 100.0);
  EXPECT_DOUBLE_EQ(j["las"].get<double>(), 100.0);
  EXPECT_DOUBLE_EQ(j["las_full"].get<double>(), 100.0 * 11 / 12);
  EXPECT_GT(j["tag_tokens_per_cpu_second"].get<double>(), 0.0);
  EXPECT_GT(j["parse_tokens_per_cpu_second"].get<double>(), 0.0);
  EXPECT_EQ(j["repeat"], 3);
  // The predictions: the tagger's tags, the parser's tree; comments and MISC kept.
  const std::string text = Slurp(pred);
  EXPECT_EQ(text.rfind("# Gold tokens for", 0), 0u) << text;
  EXPECT_EQ(TokenLine(text, "attacked"), "3\tattacked\tattack\tVERB\tVBN\tTense=Past|VerbForm=Part|Voice=Pass\t0\troot\t_\t_");
  EXPECT_EQ(TokenLine(text, "Monday"), "5\tMonday\tMonday\tPROPN\tNNP\tNumber=Sing\t2\tobl\t_\tSpaceAfter=No");
  // The whole-pipeline --eval with --models-only scores tags and parses on
  // gold tokens the same way.
  RunResult whole = RunCli("parse --eval " + kGoldTokens + " --json --models-only");
  ASSERT_EQ(whole.status, 0) << whole.err;
  auto w = nlohmann::json::parse(whole.out);
  for (const char* key : {"upos", "xpos", "lemma", "uas", "las", "las_full"})
    EXPECT_DOUBLE_EQ(w[key].get<double>(), j[key].get<double>()) << key;
  // Without --models-only the pipeline's finite-verb repair gives "The army
  // attacked the city." its verb: attacked VBD, as gold has it.
  RunResult rules = RunCli("parse --eval " + kGoldTokens + " --json");
  ASSERT_EQ(rules.status, 0) << rules.err;
  auto k = nlohmann::json::parse(rules.out);
  EXPECT_DOUBLE_EQ(k["xpos"].get<double>(), 100.0);
  EXPECT_DOUBLE_EQ(k["uas"].get<double>(), 100.0);
}

TEST(CliTest, ParseEvalGoldTokensTextReport) {
  RunResult r = RunCli("parse --eval " + kGoldTokens + " --gold-tokens");
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_EQ(r.out.rfind("Evaluation against " + kGoldTokens +
                            " (2 sentences, 12 words; gold tokens, predicted tags)\n"
                            "  UPOS                          100.00\n"
                            "  XPOS                           91.67\n"
                            "  UPOS+XPOS                      91.67\n"
                            "  lemma                         100.00\n"
                            "  lemma, ignoring case          100.00\n"
                            "  FEATS                          91.67\n"
                            "  UAS (predicted tags)          100.00\n"
                            "  LAS (predicted tags)          100.00\n"
                            "  LAS, full labels               91.67\n"
                            "  tagging, words/CPU-second ",
                        0),
            0u)
      << r.out;
  EXPECT_NE(r.out.find("\n  parsing, words/CPU-second "), std::string::npos) << r.out;
  EXPECT_EQ(r.out.find("best of"), std::string::npos) << r.out;  // one run
}

TEST(CliTest, ParseEvalGoldTagsParsesTheGoldTags) {
  const std::string pred = testing::TempDir() + "/cli_gold_tags_pred.conllu";
  std::filesystem::remove(pred);
  RunResult r = RunCli("parse --eval " + kGoldTokens + " --gold-tokens --gold-tags --json -o " + pred);
  ASSERT_EQ(r.status, 0) << r.err;
  auto j = nlohmann::json::parse(r.out);
  EXPECT_EQ(j["tags"], "gold");
  EXPECT_EQ(j["words"], 12);
  EXPECT_FALSE(j.contains("upos")) << "no tagger run with --gold-tags";
  EXPECT_FALSE(j.contains("tag_tokens_per_cpu_second"));
  EXPECT_DOUBLE_EQ(j["uas"].get<double>(), 100.0);
  EXPECT_DOUBLE_EQ(j["las"].get<double>(), 100.0);
  EXPECT_DOUBLE_EQ(j["las_full"].get<double>(), 100.0 * 11 / 12);
  const std::string text = Slurp(pred);
  // The gold tags and FEATS stay; head and relation are the parser's.
  EXPECT_EQ(TokenLine(text, "attacked"),
            "3\tattacked\tattack\tVERB\tVBD\tMood=Ind|Number=Sing|Person=3|Tense=Past|VerbForm=Fin\t0\troot\t_\t_");
  EXPECT_EQ(TokenLine(text, "Monday"), "5\tMonday\tMonday\tPROPN\tNNP\tNumber=Sing\t2\tobl\t_\tSpaceAfter=No");
}

TEST(CliTest, ParseEvalGoldTokensTaggerOnly) {
  const std::string pred = testing::TempDir() + "/cli_gold_tokens_tagged.conllu";
  std::filesystem::remove(pred);
  RunResult r = RunCli("parse --eval " + kGoldTokens + " --gold-tokens --no-parse --json -o " + pred);
  ASSERT_EQ(r.status, 0) << r.err;
  auto j = nlohmann::json::parse(r.out);
  EXPECT_DOUBLE_EQ(j["xpos"].get<double>(), 100.0 * 11 / 12);
  EXPECT_DOUBLE_EQ(j["feats"].get<double>(), 100.0 * 11 / 12);
  EXPECT_FALSE(j.contains("uas"));
  EXPECT_FALSE(j.contains("parse_tokens_per_cpu_second"));
  // Tagged only: the tagger's tags, the gold file's heads and relations.
  const std::string text = Slurp(pred);
  EXPECT_EQ(TokenLine(text, "attacked"), "3\tattacked\tattack\tVERB\tVBN\tTense=Past|VerbForm=Part|Voice=Pass\t0\troot\t_\t_");
  EXPECT_EQ(TokenLine(text, "Monday"), "5\tMonday\tMonday\tPROPN\tNNP\tNumber=Sing\t2\tobl:tmod\t_\tSpaceAfter=No");
}

TEST(CliTest, ParseEvalGoldTokensUsageAndErrors) {
  const std::string out = testing::TempDir() + "/cli_gold_tokens_unused.conllu";
  // Options that need --gold-tokens (and it --eval), or contradict each other.
  EXPECT_EQ(RunCli("parse --gold-tokens " + kSrc + "/examples/nato-asia-pacific.txt").status, 2);
  EXPECT_EQ(RunCli("parse --eval " + kGoldTokens + " --gold-tags").status, 2);
  EXPECT_EQ(RunCli("parse --eval " + kGoldTokens + " --repeat 2").status, 2);
  EXPECT_EQ(RunCli("parse --eval " + kGoldTokens + " --gold-tokens --repeat 0").status, 2);
  EXPECT_EQ(RunCli("parse --eval " + kGoldTokens + " --gold-tokens --gold-tags --no-parse").status, 2);
  EXPECT_EQ(RunCli("parse --eval " + kGoldTokens + " --gold-tokens --gold-tags --tagger x.bin").status, 2);
  RunResult o = RunCli("parse --eval " + kGoldTokens + " -o " + out);
  EXPECT_EQ(o.status, 2);
  EXPECT_NE(o.err.find("--gold-tokens"), std::string::npos) << o.err;
  EXPECT_FALSE(std::filesystem::exists(out));
  EXPECT_EQ(RunCli("parse --eval " + kGoldTokens + " --gold-tokens -o -").status, 2);
  // A missing gold file, model or output folder is fatal and named.
  RunResult g = RunCli("parse --eval /nonexistent-gold.conllu --gold-tokens");
  EXPECT_EQ(g.status, 3);
  EXPECT_NE(g.err.find("/nonexistent-gold.conllu"), std::string::npos) << g.err;
  RunResult m = RunCli("parse --eval " + kGoldTokens + " --gold-tokens --parser /nonexistent-parser.bin");
  EXPECT_EQ(m.status, 3);
  EXPECT_NE(m.err.find("/nonexistent-parser.bin"), std::string::npos) << m.err;
  RunResult w = RunCli("parse --eval " + kGoldTokens + " --gold-tokens -o /nonexistent-dir/pred.conllu");
  EXPECT_EQ(w.status, 3);
  EXPECT_NE(w.err.find("/nonexistent-dir/pred.conllu"), std::string::npos) << w.err;
}

}  // namespace
