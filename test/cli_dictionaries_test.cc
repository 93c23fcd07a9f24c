// Dictionary options through the CLI: issue coding (the bundled
// Phoenix.IssueCoding.txt is on by default; --no-issues and --issues FILE
// change it; Phoenix TSV fills its Issues column) and the list options
// (--actors, --agents, --discards, --issues take one value per occurrence).
#include <gtest/gtest.h>
#include <unistd.h>

#include <fstream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "cli_run.h"

namespace {

using entente::testing_cli::CliRun;

const std::string kSrc = ENTENTE_SOURCE_DIR;
const std::string kSeed = kSrc + "/examples/nato-asia-pacific.txt";

CliRun RunCode(const std::string& args) {
  return entente::testing_cli::RunEntente(args, "/tmp/entente-cli-dictionaries-" + std::to_string(::getpid()) + ".err");
}

std::vector<nlohmann::json> Events(const std::string& jsonl) {
  std::vector<nlohmann::json> out;
  size_t i = 0;
  while (i < jsonl.size()) {
    size_t j = jsonl.find('\n', i);
    if (j == std::string::npos) j = jsonl.size();
    if (j > i) out.push_back(nlohmann::json::parse(jsonl.substr(i, j - i)));
    i = j + 1;
  }
  return out;
}

TEST(CliDictionaries, BundledIssueDictionaryIsTheDefault) {
  CliRun r = RunCode("code " + kSeed);
  ASSERT_EQ(r.status, 0) << r.err;
  auto events = Events(r.out);
  ASSERT_FALSE(events.empty());
  int with_issues = 0;
  for (const auto& e : events) {
    ASSERT_TRUE(e.contains("issues")) << e.dump();
    ASSERT_TRUE(e["issues"].is_array());
    if (e["issues"].empty()) continue;
    ++with_issues;
    // "... engagement was sought on issues such as arms control and climate change ..."
    EXPECT_EQ(e["issues"][0]["code"], "CLIMATE_CHANGE");
    EXPECT_EQ(e["issues"][0]["category"], "ENVIRONMENT");
    EXPECT_EQ(e["issues"][0]["count"], 1);
    EXPECT_NE(e["sentence_text"].get<std::string>().find("climate change"), std::string::npos);
  }
  EXPECT_EQ(with_issues, 1);
}

TEST(CliDictionaries, NoIssuesAndOtherIssueFiles) {
  CliRun off = RunCode("code --no-issues " + kSeed);
  ASSERT_EQ(off.status, 0) << off.err;
  for (const auto& e : Events(off.out)) EXPECT_TRUE(e["issues"].empty()) << e.dump();

  const std::string dict = "/tmp/entente-cli-dictionaries-" + std::to_string(::getpid()) + ".txt";
  std::ofstream(dict) << "<ISSUE CATEGORY=\"GEO\" TYPE=\"ALL\">\nn:alliance [ALLIANCES]\n</ISSUE>\n";
  CliRun own = RunCode("code --issues " + dict + " " + kSeed);
  ASSERT_EQ(own.status, 0) << own.err;
  int alliances = 0;
  for (const auto& e : Events(own.out))
    for (const auto& i : e["issues"]) alliances += i["code"] == "ALLIANCES";
  EXPECT_GE(alliances, 1);

  CliRun missing = RunCode("code --issues /nonexistent/issues.txt " + kSeed);
  EXPECT_NE(missing.status, 0);
  EXPECT_NE(missing.err.find("/nonexistent/issues.txt"), std::string::npos) << missing.err;
  std::remove(dict.c_str());
}

TEST(CliDictionaries, PhoenixIssuesColumn) {
  CliRun r = RunCode("code --format phoenix " + kSeed);
  ASSERT_EQ(r.status, 0) << r.err;
  std::vector<std::string> issues;
  size_t i = 0;
  while (i < r.out.size()) {
    size_t j = r.out.find('\n', i);
    std::string line = r.out.substr(i, j - i);
    std::vector<std::string> f;
    size_t a = 0;
    for (size_t b; (b = line.find('\t', a)) != std::string::npos; a = b + 1) f.push_back(line.substr(a, b - a));
    f.push_back(line.substr(a));
    ASSERT_EQ(f.size(), 26u) << line;
    if (!f[17].empty()) issues.push_back(f[17]);
    i = j + 1;
  }
  EXPECT_EQ(issues, std::vector<std::string>{"CLIMATE_CHANGE,1"});
}

// A list option takes one value (or one comma-separated list) per
// occurrence: the input after it stays an input.
TEST(CliDictionaries, ListOptionsDoNotSwallowTheInput) {
  const std::string d = kSrc + "/data/dictionaries/";
  CliRun r = RunCode("code --actors " + d + "Phoenix.Countries.actors.txt," + d + "Phoenix.International.actors.txt" +
                     " --actors " + d + "Phoenix.MilNonState.actors.txt --agents " + d + "Phoenix.agents.txt" +
                     " --discards " + d + "Phoenix.discards.txt --issues " + d + "Phoenix.IssueCoding.txt " + kSeed);
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_NE(r.err.find("1 documents, 12 sentences"), std::string::npos) << r.err;
  CliRun all = RunCode("code " + kSeed);
  ASSERT_EQ(all.status, 0) << all.err;
  EXPECT_EQ(r.out, all.out);  // the same files as the default set: the same events
}

// --issue keeps the events whose sentence names one of the codes, in the
// analyses read from events (network, trend, blocs, report).
TEST(CliDictionaries, AnalysesFilterEventsByIssue) {
  const std::string events = kSrc + "/test/data/cli/issue_events.jsonl";
  CliRun all = RunCode("network --events " + events + " --min-events 1 --format csv");
  ASSERT_EQ(all.status, 0) << all.err;
  EXPECT_EQ(all.out, "window,from,to,sign,weight\n2023,CHN,PRK,1,2\n2023,CHN,USA,-1,1\n2023,USA,KOR,1,1\n"
                     "2023,PRK,USA,-1,1\n");
  CliRun nuclear = RunCode("network --events " + events + " --issue NUCLEAR_WEAPONS --min-events 1 --format csv");
  ASSERT_EQ(nuclear.status, 0) << nuclear.err;
  EXPECT_EQ(nuclear.out, "window,from,to,sign,weight\n2023,CHN,PRK,1,2\n2023,PRK,USA,-1,1\n");
  EXPECT_NE(nuclear.err.find("--issue NUCLEAR_WEAPONS: 3 of 5 events kept"), std::string::npos) << nuclear.err;
  CliRun two = RunCode("network --events " + events + " --issue SANCTIONS,CLIMATE_CHANGE --min-events 1 --format csv");
  ASSERT_EQ(two.status, 0) << two.err;
  EXPECT_EQ(two.out, "window,from,to,sign,weight\n2023,USA,KOR,1,1\n2023,USA,PRK,-1,1\n");  // nodes in order of appearance
  // Without events to filter it is a usage error, not silently ignored.
  CliRun alliances = RunCode("network --atop a.csv --mid m.csv --issue NUCLEAR_WEAPONS");
  EXPECT_NE(alliances.status, 0);
  EXPECT_NE(alliances.err.find("--issue filters events"), std::string::npos) << alliances.err;
}

}  // namespace
