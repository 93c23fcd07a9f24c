#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "entente/trend.h"

namespace entente {
namespace {

TEST(BlocStability, HandBuiltSolutions) {
  const std::vector<int> ref = {0, 0, 0, 1, 1};
  const std::vector<int> comp = {0, 0, 0, 0, 0};
  const std::vector<std::vector<int>> sols = {
      {0, 0, 0, 1, 1},
      {1, 1, 1, 0, 0},  // same partition, labels swapped: everyone stable
      {0, 0, 1, 1, 1},  // node 2 moved to the other side
  };
  auto s = BlocStability(ref, comp, sols);
  ASSERT_EQ(s.size(), 5u);
  EXPECT_DOUBLE_EQ(s[0], 1.0);
  EXPECT_DOUBLE_EQ(s[1], 1.0);
  EXPECT_DOUBLE_EQ(s[2], 2.0 / 3.0);
  EXPECT_DOUBLE_EQ(s[3], 1.0);
  EXPECT_DOUBLE_EQ(s[4], 1.0);
}

TEST(BlocStability, TiesAndComponents) {
  // A two-member bloc split 1-1 has no majority: both count as unstable.
  auto s = BlocStability({0, 0}, {0, 0}, {{0, 0}, {0, 1}});
  EXPECT_DOUBLE_EQ(s[0], 0.5);
  EXPECT_DOUBLE_EQ(s[1], 0.5);
  // Separate components are judged separately: flipping one component
  // relative to the other changes nothing.
  s = BlocStability({0, 0, 0, 0}, {0, 0, 1, 1}, {{0, 0, 0, 0}, {0, 0, 1, 1}});
  for (double x : s) EXPECT_DOUBLE_EQ(x, 1.0);
  // Singletons are always with their own majority.
  s = BlocStability({0, 1}, {0, 0}, {{1, 1}});
  EXPECT_DOUBLE_EQ(s[0], 1.0);
  EXPECT_DOUBLE_EQ(s[1], 1.0);
}

NetworkSeries OneWindow(const std::vector<std::tuple<std::string, std::string, int>>& edges) {
  NetworkSeries s;
  WindowNetwork w;
  w.window.label = "2020";
  for (const auto& [a, b, sign] : edges) {
    uint32_t u = w.graph.AddNode(a), v = w.graph.AddNode(b);
    EXPECT_TRUE(w.graph.AddEdge(u, v, sign).ok());
  }
  s.windows.push_back(std::move(w));
  s.windows.push_back(WindowNetwork());  // an empty window
  s.windows.back().window.label = "2021";
  return s;
}

TEST(BlocsOverTime, TwoBlocsOrientedByAnchor) {
  auto s = OneWindow({{"CHN", "PRK", 1}, {"USA", "KOR", 1}, {"USA", "PRK", -1}, {"KOR", "CHN", -1},
                      {"USA", "CHN", -1}});
  auto r = BlocsOverTime(s);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  ASSERT_EQ(r->size(), 2u);
  const BlocWindow& w = (*r)[0];
  EXPECT_EQ(w.L, 0);
  EXPECT_DOUBLE_EQ(w.F, 1.0);
  EXPECT_TRUE(w.optimal);
  EXPECT_EQ(w.components, 1u);
  EXPECT_EQ(w.solutions, 21);
  for (size_t v = 0; v < w.names.size(); ++v) {
    bool west = w.names[v] == "USA" || w.names[v] == "KOR";
    EXPECT_EQ(w.bloc[v], west ? 0 : 1) << w.names[v];
    EXPECT_DOUBLE_EQ(w.stability[v], 1.0) << w.names[v];
  }
  EXPECT_EQ((*r)[1].edges, 0u);
  EXPECT_DOUBLE_EQ((*r)[1].F, 1.0);
  std::string json = BlocWindowsToJson(*r);
  EXPECT_NE(json.find("\"stability\""), std::string::npos);
}

TEST(BlocsOverTime, UnbalancedTriangleHasAlternativeOptima) {
  // + + - triangle: L = 1 whichever edge is frustrated; each of the three
  // optimal partitions puts a different node alone.
  auto s = OneWindow({{"A", "B", 1}, {"B", "C", 1}, {"A", "C", -1}});
  BlocsOptions o;
  o.solutions = 40;
  auto r = BlocsOverTime(s, o);
  ASSERT_TRUE(r.ok());
  const BlocWindow& w = (*r)[0];
  EXPECT_EQ(w.L, 1);
  EXPECT_NEAR(w.F, 1.0 / 3.0, 1e-12);
  EXPECT_EQ(w.triangles.unbalanced(), 1u);
  for (double x : w.stability) {
    EXPECT_GE(x, 0.0);
    EXPECT_LE(x, 1.0);
  }
}

TEST(BlocsOverTime, KBlocs) {
  auto s = OneWindow({{"A", "B", 1}, {"C", "D", 1}, {"E", "F", 1}, {"A", "C", -1}, {"C", "E", -1},
                      {"A", "E", -1}, {"B", "D", -1}, {"D", "F", -1}, {"B", "F", -1}});
  BlocsOptions o;
  o.k = 3;
  auto r = BlocsOverTime(s, o);
  ASSERT_TRUE(r.ok());
  const BlocWindow& w = (*r)[0];
  EXPECT_EQ(w.L, 0);
  EXPECT_EQ(w.bloc[0], w.bloc[1]);
  EXPECT_NE(w.bloc[0], w.bloc[2]);
  o.k = 1;
  EXPECT_EQ(BlocsOverTime(s, o).status().code(), Code::kInvalidArgument);
}

}  // namespace
}  // namespace entente
