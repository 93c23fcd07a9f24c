#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "entente/network.h"

namespace entente {
namespace {

SignedGraph Build(int n, const std::vector<std::tuple<int, int, int>>& edges) {
  SignedGraph g;
  for (int i = 0; i < n; ++i) g.AddNode(std::to_string(i));
  for (auto [a, b, s] : edges) EXPECT_TRUE(g.AddEdge(a, b, s).ok());
  return g;
}

TEST(TriangleCensusTest, CountsByNegativeEdges) {
  // K4 with negative edges 0-1 and 2-3: every triangle has exactly one.
  SignedGraph g = Build(4, {{0, 1, -1}, {0, 2, 1}, {0, 3, 1}, {1, 2, 1}, {1, 3, 1}, {2, 3, -1}});
  TriangleCensus c = CountTriangles(g);
  EXPECT_EQ(c.total(), 4u);
  EXPECT_EQ(c.by_negative[1], 4u);
  EXPECT_EQ(c.unbalanced(), 4u);
  EXPECT_EQ(c.balanced(), 0u);
  // Add a vertex 4 joined negatively to 0 and 1: triangle 0-1-4 has three
  // negative edges; 0-2-4 etc. do not exist.
  SignedGraph h = Build(5, {{0, 1, -1}, {0, 2, 1}, {0, 3, 1}, {1, 2, 1}, {1, 3, 1}, {2, 3, -1}, {0, 4, -1}, {1, 4, -1}});
  TriangleCensus d = CountTriangles(h);
  EXPECT_EQ(d.total(), 5u);
  EXPECT_EQ(d.by_negative[3], 1u);
  EXPECT_EQ(d.unbalanced(), 5u);
  EXPECT_EQ(CountTriangles(Build(3, {{0, 1, 1}, {1, 2, -1}, {0, 2, -1}})).by_negative[2], 1u);
  EXPECT_EQ(CountTriangles(Build(3, {{0, 1, 1}, {1, 2, -1}})).total(), 0u);
}

TEST(BlocPartitionTest, ThreeHostileCliquesNeedThreeBlocs) {
  // Three positive triangles, all negative between them: weakly balanced
  // with k = 3, not with k = 2.
  std::vector<std::tuple<int, int, int>> e;
  for (int c = 0; c < 3; ++c) {
    e.emplace_back(3 * c, 3 * c + 1, 1);
    e.emplace_back(3 * c + 1, 3 * c + 2, 1);
    e.emplace_back(3 * c, 3 * c + 2, 1);
  }
  for (int a = 0; a < 9; ++a)
    for (int b = a + 1; b < 9; ++b)
      if (a / 3 != b / 3) e.emplace_back(a, b, -1);
  SignedGraph g = Build(9, e);
  auto r3 = BlocPartition(g, 3);
  ASSERT_TRUE(r3.ok());
  EXPECT_EQ(r3->inconsistencies(), 0u);
  EXPECT_DOUBLE_EQ(r3->criterion, 0);
  ASSERT_EQ(r3->bloc.size(), 9u);
  EXPECT_EQ(r3->bloc[0], 0);  // canonical numbering
  for (int v = 0; v < 9; ++v) EXPECT_EQ(r3->bloc[v], r3->bloc[3 * (v / 3)]);
  auto r2 = BlocPartition(g, 2);
  ASSERT_TRUE(r2.ok());
  EXPECT_EQ(r2->neg_within, 9u);  // two cliques merged: 9 negative edges inside
  EXPECT_EQ(r2->pos_between, 0u);
  auto r1 = BlocPartition(g, 1);
  ASSERT_TRUE(r1.ok());
  EXPECT_EQ(r1->neg_within, 27u);
  EXPECT_DOUBLE_EQ(r1->criterion, 13.5);
}

TEST(BlocPartitionTest, RejectsBadArguments) {
  SignedGraph g = Build(3, {{0, 1, 1}});
  EXPECT_EQ(BlocPartition(g, 0).status().code(), Code::kInvalidArgument);
  BlocOptions o;
  o.alpha = 1.5;
  EXPECT_EQ(BlocPartition(g, 2, o).status().code(), Code::kInvalidArgument);
  EXPECT_EQ(SearchBlocPartitions(g, 0).status().code(), Code::kInvalidArgument);
}

TEST(BlocPartitionTest, GahukuGamaThreeBlocsHaveTwoInconsistencies) {
  auto g = ReadEdgeList(std::string(ENTENTE_SOURCE_DIR) + "/test/data/networks/tribes_gahuku_gama.csv");
  if (!g.ok()) GTEST_SKIP() << g.status().ToString();
  auto r = BlocPartition(*g, 3);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->inconsistencies(), 2u);
  EXPECT_DOUBLE_EQ(r->criterion, 1.0);
  // Deterministic.
  auto again = BlocPartition(*g, 3);
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(r->bloc, again->bloc);
  // Searching k = 1..4 gives one result per k, and k = 3 is no worse than k = 2.
  auto all = SearchBlocPartitions(*g, 4);
  ASSERT_TRUE(all.ok());
  ASSERT_EQ(all->size(), 4u);
  for (int k = 0; k < 4; ++k) EXPECT_EQ((*all)[k].k, k + 1);
  EXPECT_LE((*all)[2].criterion, (*all)[1].criterion);
  EXPECT_DOUBLE_EQ((*all)[2].criterion, 1.0);
  // With alpha = 0.5 and k = 2 the criterion is half the frustration index (L = 7).
  EXPECT_EQ((*all)[1].inconsistencies(), 7u);
}

}  // namespace
}  // namespace entente
