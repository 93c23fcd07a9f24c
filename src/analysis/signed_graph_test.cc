#include <cstdio>
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "entente/network.h"

namespace entente {
namespace {

TEST(SignedGraphTest, InternsNamesAndRejectsBadEdges) {
  SignedGraph g;
  const uint32_t a = g.AddNode("USA"), b = g.AddNode("RUS");
  EXPECT_EQ(g.AddNode("USA"), a);
  EXPECT_EQ(g.FindNode("RUS"), b);
  EXPECT_EQ(g.FindNode("CHN"), -1);
  EXPECT_EQ(g.AddEdge(a, a, 1).code(), Code::kInvalidArgument);
  EXPECT_EQ(g.AddEdge(a, 7, 1).code(), Code::kInvalidArgument);
  EXPECT_EQ(g.AddEdge(a, b, 0).code(), Code::kInvalidArgument);
  EXPECT_EQ(g.AddEdge(a, b, 1, -2).code(), Code::kInvalidArgument);
  EXPECT_EQ(g.num_edges(), 0u);
  ASSERT_TRUE(g.AddEdge(b, a, -1).ok());
  ASSERT_EQ(g.num_edges(), 1u);
  EXPECT_EQ(g.edges()[0].u, a);  // stored with u < v
  EXPECT_EQ(g.edges()[0].v, b);
  EXPECT_EQ(g.FindEdge(b, a), 0);
}

TEST(SignedGraphTest, DuplicatePairsMergeBySignedSum) {
  SignedGraph g;
  const uint32_t a = g.AddNode("a"), b = g.AddNode("b"), c = g.AddNode("c");
  bool merged = false;
  ASSERT_TRUE(g.AddEdge(a, b, 1, 1, &merged).ok());
  EXPECT_FALSE(merged);
  ASSERT_TRUE(g.AddEdge(b, a, 1, 2, &merged).ok());
  EXPECT_TRUE(merged);
  EXPECT_EQ(g.edges()[0].sign, 1);
  EXPECT_DOUBLE_EQ(g.edges()[0].weight, 3);
  ASSERT_TRUE(g.AddEdge(a, b, -1, 5).ok());  // 3 - 5 = -2
  EXPECT_EQ(g.edges()[0].sign, -1);
  EXPECT_DOUBLE_EQ(g.edges()[0].weight, 2);
  ASSERT_TRUE(g.AddEdge(a, c, 1).ok());
  ASSERT_TRUE(g.AddEdge(a, b, 1, 2).ok());  // cancels: pair removed
  ASSERT_EQ(g.num_edges(), 1u);
  EXPECT_EQ(g.FindEdge(a, b), -1);
  EXPECT_EQ(g.FindEdge(a, c), 0);
  ASSERT_TRUE(g.AddEdge(a, b, -1).ok());  // added anew
  EXPECT_EQ(g.num_edges(), 2u);
  EXPECT_EQ(g.num_negative(), 1u);
}

TEST(SignedGraphTest, MergedWeightThatOverflowsIsRefused) {
  SignedGraph g;
  const uint32_t a = g.AddNode("a"), b = g.AddNode("b");
  ASSERT_TRUE(g.AddEdge(a, b, 1, 1e308).ok());
  bool merged = true;
  Status st = g.AddEdge(a, b, 1, 1e308, &merged);
  EXPECT_EQ(st.code(), Code::kInvalidArgument);
  EXPECT_FALSE(merged);
  ASSERT_EQ(g.num_edges(), 1u);
  EXPECT_DOUBLE_EQ(g.edges()[0].weight, 1e308);  // the pair is kept as it was
  // And the reader reports the row with its line and goes on.
  std::vector<Status> errors;
  EdgeListStats stats;
  SignedGraph parsed = ParseEdgeList("a,b,1,1e308\na,b,1,1e308\nb,c,-1\n", "w.csv", &stats,
                                     [&](const Status& s) { errors.push_back(s); });
  EXPECT_EQ(parsed.num_edges(), 2u);
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(errors[0].message().rfind("w.csv:2:", 0), 0u) << errors[0].message();
}

TEST(EdgeListTest, ControlCharactersInNamesAreRefused) {
  std::vector<Status> errors;
  EdgeListStats stats;
  const std::string text = std::string("a,b,1\n\"G\0\r\",c,-1\nx\ty,c,1\nd,e,1\n", 31);
  SignedGraph g = ParseEdgeList(text, "n.csv", &stats, [&](const Status& s) { errors.push_back(s); });
  EXPECT_EQ(g.num_edges(), 2u);  // a-b and d-e
  ASSERT_EQ(errors.size(), 2u);
  EXPECT_EQ(errors[0].message().rfind("n.csv:2:", 0), 0u) << errors[0].message();
  EXPECT_EQ(errors[1].message().rfind("n.csv:3:", 0), 0u) << errors[1].message();
}

TEST(EdgeListTest, ParsesHeaderBomQuotesCommentsAndCrLf) {
  const std::string text =
      "\xEF\xBB\xBF\"from\",\"to\",\"sign\"\r\n"
      "# a comment\r\n"
      "\r\n"
      "\"United States\",RUS,-1\r\n"
      " FRA , GBR , 1 , 2.5\r\n"
      "\"He said \"\"no\"\"\",GBR,+3\r\n";
  EdgeListStats st;
  std::vector<Status> errors;
  SignedGraph g = ParseEdgeList(text, "t.csv", &st, [&](const Status& s) { errors.push_back(s); });
  EXPECT_TRUE(errors.empty());
  EXPECT_TRUE(st.header);
  EXPECT_EQ(st.lines, 6u);
  EXPECT_EQ(st.rows, 3u);
  EXPECT_EQ(st.skipped, 0u);
  ASSERT_EQ(g.num_edges(), 3u);
  ASSERT_GE(g.FindNode("United States"), 0);
  ASSERT_GE(g.FindNode("He said \"no\""), 0);
  const int64_t e = g.FindEdge(static_cast<uint32_t>(g.FindNode("FRA")), static_cast<uint32_t>(g.FindNode("GBR")));
  ASSERT_GE(e, 0);
  EXPECT_DOUBLE_EQ(g.edges()[e].weight, 2.5);
  // Only the sign of the sign column is kept.
  const int64_t e2 = g.FindEdge(static_cast<uint32_t>(g.FindNode("He said \"no\"")),
                                static_cast<uint32_t>(g.FindNode("GBR")));
  ASSERT_GE(e2, 0);
  EXPECT_EQ(g.edges()[e2].sign, 1);
  EXPECT_DOUBLE_EQ(g.edges()[e2].weight, 1);
}

TEST(EdgeListTest, NoHeaderWhenFirstRowIsData) {
  EdgeListStats st;
  SignedGraph g = ParseEdgeList("0,1,1\n1,2,-1\n", "x", &st);
  EXPECT_FALSE(st.header);
  EXPECT_EQ(g.num_edges(), 2u);
}

struct BadLine {
  const char* line;
  const char* fragment;  // expected in the message
};

class EdgeListBadLineTest : public ::testing::TestWithParam<BadLine> {};

TEST_P(EdgeListBadLineTest, SkipsCountsAndNamesFileLine) {
  const BadLine& p = GetParam();
  const std::string text = std::string("from,to,sign\nA,B,1\n") + p.line + "\nC,D,-1\n";
  EdgeListStats st;
  std::vector<Status> errors;
  SignedGraph g = ParseEdgeList(text, "bad.csv", &st, [&](const Status& s) { errors.push_back(s); });
  EXPECT_EQ(st.skipped, 1u);
  EXPECT_EQ(st.rows, 2u);
  EXPECT_EQ(g.num_edges(), 2u);
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_NE(errors[0].message().find("bad.csv:3"), std::string::npos) << errors[0].message();
  EXPECT_NE(errors[0].message().find(p.fragment), std::string::npos) << errors[0].message();
}

INSTANTIATE_TEST_SUITE_P(
    Cases, EdgeListBadLineTest,
    ::testing::Values(BadLine{"A,B", "expected 3 or 4 fields"},
                      BadLine{"A,B,1,2,3", "expected 3 or 4 fields"},
                      BadLine{",B,1", "empty node name"},
                      BadLine{"A,B,plus", "not a number"},
                      BadLine{"A,B,0", "sign is 0"},
                      BadLine{"A,B,1,heavy", "weight 'heavy'"},
                      BadLine{"A,B,1,-1", "not > 0"},
                      BadLine{"A,A,-1", "self-loop"},
                      BadLine{"\"A,B,1", "unterminated"}));

TEST(EdgeListTest, DuplicatesAreCountedAndCancelled) {
  EdgeListStats st;
  SignedGraph g = ParseEdgeList("a,b,1\nb,a,-1\nb,c,1\nc,b,1\n", "d", &st);
  EXPECT_EQ(st.rows, 4u);
  EXPECT_EQ(st.merged, 2u);
  EXPECT_EQ(st.cancelled, 1u);
  ASSERT_EQ(g.num_edges(), 1u);
  EXPECT_DOUBLE_EQ(g.edges()[0].weight, 2);
}

TEST(EdgeListTest, ReadErrors) {
  EXPECT_EQ(ReadEdgeList("/nonexistent/entente/x.csv").status().code(), Code::kNotFound);
  const std::string path = ::testing::TempDir() + "/entente_empty_edges.csv";
  ASSERT_TRUE(WriteTextFile(path, "from,to,sign\nA,A,1\n").ok());
  EdgeListStats st;
  auto r = ReadEdgeList(path, &st);
  EXPECT_EQ(r.status().code(), Code::kEmpty);
  EXPECT_EQ(st.skipped, 1u);
  std::remove(path.c_str());
}

TEST(EdgeListTest, CsvRoundTrip) {
  SignedGraph g;
  const uint32_t a = g.AddNode("Côte d'Ivoire"), b = g.AddNode("a,b"), c = g.AddNode("q\"x");
  ASSERT_TRUE(g.AddEdge(a, b, -1, 1.5).ok());
  ASSERT_TRUE(g.AddEdge(b, c, 1).ok());
  const std::string csv = EdgeListToCsv(g);
  EdgeListStats st;
  SignedGraph h = ParseEdgeList(csv, "rt", &st);
  EXPECT_EQ(st.skipped, 0u);
  ASSERT_EQ(h.num_edges(), 2u);
  ASSERT_EQ(h.num_nodes(), 3u);
  for (size_t i = 0; i < g.num_edges(); ++i) {
    const SignedEdge& e = g.edges()[i];
    const int64_t j = h.FindEdge(static_cast<uint32_t>(h.FindNode(g.NodeName(e.u))),
                                 static_cast<uint32_t>(h.FindNode(g.NodeName(e.v))));
    ASSERT_GE(j, 0);
    EXPECT_EQ(h.edges()[j].sign, e.sign);
    EXPECT_DOUBLE_EQ(h.edges()[j].weight, e.weight);
  }
}

TEST(WritersTest, GraphMlAndJson) {
  SignedGraph g;
  const uint32_t a = g.AddNode("A&B"), b = g.AddNode("C");
  ASSERT_TRUE(g.AddEdge(a, b, -1).ok());
  std::vector<int> blocs = {0, 1};
  const std::string ml = GraphToGraphML(g, &blocs);
  EXPECT_NE(ml.find("<data key=\"name\">A&amp;B</data>"), std::string::npos);
  EXPECT_NE(ml.find("<data key=\"bloc\">1</data>"), std::string::npos);
  EXPECT_NE(ml.find("<data key=\"sign\">-1</data>"), std::string::npos);
  auto j = nlohmann::json::parse(GraphToJson(g, &blocs));
  ASSERT_EQ(j["nodes"].size(), 2u);
  EXPECT_EQ(j["nodes"][0]["name"], "A&B");
  EXPECT_EQ(j["nodes"][1]["bloc"], 1);
  ASSERT_EQ(j["edges"].size(), 1u);
  EXPECT_EQ(j["edges"][0]["sign"], -1);
}

}  // namespace
}  // namespace entente

namespace entente {
namespace {

TEST(EdgeListSharedTest, WikiElectionsWithBom) {
  const std::string path = std::string(ENTENTE_SHARED_DIR) + "/data/networks/large/wikielections.csv";
  EdgeListStats st;
  auto g = ReadEdgeList(path, &st);
  if (!g.ok() && g.status().code() == Code::kNotFound) GTEST_SKIP() << "missing " << path;
  ASSERT_TRUE(g.ok()) << g.status().ToString();
  EXPECT_FALSE(st.header);  // the BOM must not turn the first row into a header
  EXPECT_EQ(st.skipped, 0u);
  EXPECT_EQ(g->num_nodes(), 7115u);
  EXPECT_EQ(g->num_edges(), 100693u);
  EXPECT_EQ(g->num_negative(), 22253u);
  EXPECT_EQ(g->NodeName(0), "0");
}

}  // namespace
}  // namespace entente
