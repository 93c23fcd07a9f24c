#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "analysis/frustration_internal.h"
#include "entente/network.h"

namespace entente {
namespace {

// Builds a graph over nodes "0".."n-1" from (a, b, sign) triples.
SignedGraph Build(int n, const std::vector<std::tuple<int, int, int>>& edges) {
  SignedGraph g;
  for (int i = 0; i < n; ++i) g.AddNode(std::to_string(i));
  for (auto [a, b, s] : edges) EXPECT_TRUE(g.AddEdge(a, b, s).ok());
  return g;
}

// Minimum over all 2^(n-1) partitions.
int64_t BruteForce(const SignedGraph& g) {
  const int n = static_cast<int>(g.num_nodes());
  int64_t best = static_cast<int64_t>(g.num_edges());
  std::vector<int> bloc(n, 0);
  for (uint32_t mask = 0; mask < (1u << (n > 0 ? n - 1 : 0)); ++mask) {
    for (int i = 0; i < n; ++i) bloc[i] = i == 0 ? 0 : (mask >> (i - 1)) & 1;
    best = std::min(best, CountFrustrated(g, bloc));
  }
  return best;
}

void ExpectConsistent(const SignedGraph& g, const FrustrationResult& r) {
  ASSERT_EQ(r.bloc.size(), g.num_nodes());
  EXPECT_EQ(CountFrustrated(g, r.bloc), r.L);
  EXPECT_EQ(static_cast<int64_t>(r.frustrated.size()), r.L);
  EXPECT_LE(r.lower_bound, r.L);
  for (uint32_t e : r.frustrated) {
    const SignedEdge& ed = g.edges()[e];
    EXPECT_NE(ed.sign > 0, r.bloc[ed.u] == r.bloc[ed.v]);
  }
}

struct SmallCase {
  const char* name;
  int n;
  std::vector<std::tuple<int, int, int>> edges;
  int64_t L;
};

class SmallGraphTest : public ::testing::TestWithParam<SmallCase> {};

TEST_P(SmallGraphTest, ExactAndHeuristic) {
  const SmallCase& c = GetParam();
  SignedGraph g = Build(c.n, c.edges);
  auto exact = ExactFrustration(g);
  ASSERT_TRUE(exact.ok()) << exact.status().ToString();
  EXPECT_EQ(exact->L, c.L) << c.name;
  EXPECT_TRUE(exact->optimal);
  EXPECT_EQ(exact->lower_bound, c.L);
  ExpectConsistent(g, *exact);
  if (g.num_edges() > 0) {
    EXPECT_DOUBLE_EQ(exact->F, 1.0 - 2.0 * double(c.L) / double(g.num_edges()));
  }
  auto heur = HeuristicFrustration(g);
  ASSERT_TRUE(heur.ok());
  EXPECT_LE(heur->lower_bound, c.L);
  EXPECT_GE(heur->L, c.L);
  ExpectConsistent(g, *heur);
}

INSTANTIATE_TEST_SUITE_P(
    Cases, SmallGraphTest,
    ::testing::Values(
        SmallCase{"empty", 3, {}, 0},
        SmallCase{"single_negative_edge", 2, {{0, 1, -1}}, 0},
        SmallCase{"balanced_triangle_ppp", 3, {{0, 1, 1}, {1, 2, 1}, {0, 2, 1}}, 0},
        SmallCase{"balanced_triangle_pnn", 3, {{0, 1, 1}, {1, 2, -1}, {0, 2, -1}}, 0},
        SmallCase{"unbalanced_triangle_ppn", 3, {{0, 1, 1}, {1, 2, 1}, {0, 2, -1}}, 1},
        SmallCase{"unbalanced_triangle_nnn", 3, {{0, 1, -1}, {1, 2, -1}, {0, 2, -1}}, 1},
        SmallCase{"k4_all_positive", 4, {{0, 1, 1}, {0, 2, 1}, {0, 3, 1}, {1, 2, 1}, {1, 3, 1}, {2, 3, 1}}, 0},
        SmallCase{"k4_all_negative", 4, {{0, 1, -1}, {0, 2, -1}, {0, 3, -1}, {1, 2, -1}, {1, 3, -1}, {2, 3, -1}}, 2},
        SmallCase{"k4_one_negative", 4, {{0, 1, -1}, {0, 2, 1}, {0, 3, 1}, {1, 2, 1}, {1, 3, 1}, {2, 3, 1}}, 1},
        SmallCase{"k4_negative_matching", 4, {{0, 1, -1}, {0, 2, 1}, {0, 3, 1}, {1, 2, 1}, {1, 3, 1}, {2, 3, -1}}, 2},
        SmallCase{"k4_balanced_2_2", 4, {{0, 1, 1}, {2, 3, 1}, {0, 2, -1}, {0, 3, -1}, {1, 2, -1}, {1, 3, -1}}, 0},
        // Two unbalanced triangles in separate components.
        SmallCase{"disconnected", 7, {{0, 1, 1}, {1, 2, 1}, {0, 2, -1}, {3, 4, -1}, {4, 5, -1}, {3, 5, -1}}, 2},
        // Two unbalanced triangles joined by a negative bridge, plus a pendant path.
        SmallCase{"bridge_and_pendant", 8,
                  {{0, 1, 1}, {1, 2, 1}, {0, 2, -1}, {2, 3, -1}, {3, 4, -1}, {4, 5, -1}, {3, 5, -1},
                   {5, 6, -1}, {6, 7, 1}},
                  2},
        // An unbalanced 5-cycle (no triangles) sharing a vertex with a balanced square.
        SmallCase{"cycles", 8,
                  {{0, 1, 1}, {1, 2, 1}, {2, 3, 1}, {3, 4, 1}, {0, 4, -1},
                   {0, 5, -1}, {5, 6, -1}, {6, 7, 1}, {0, 7, 1}},
                  1}),
    [](const ::testing::TestParamInfo<SmallCase>& info) { return std::string(info.param.name); });

TEST(FrustrationTest, BridgeIsNeverFrustrated) {
  SignedGraph g = Build(6, {{0, 1, 1}, {1, 2, 1}, {0, 2, -1}, {2, 3, -1}, {3, 4, -1}, {4, 5, -1}, {3, 5, -1}});
  auto r = ExactFrustration(g);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->L, 2);
  const int64_t bridge = g.FindEdge(2, 3);
  for (uint32_t e : r->frustrated) EXPECT_NE(static_cast<int64_t>(e), bridge);
  EXPECT_EQ(r->components, 1u);
  EXPECT_EQ(r->blocks, 2u);
}

TEST(FrustrationTest, MatchesBruteForceOnRandomGraphs) {
  balance_internal::Rng rng(7);
  for (int trial = 0; trial < 60; ++trial) {
    const int n = 4 + static_cast<int>(rng.Below(9));          // 4..12 nodes
    const uint32_t density = 30 + rng.Below(60);              // percent
    const uint32_t neg = 10 + rng.Below(60);                  // percent negative
    std::vector<std::tuple<int, int, int>> edges;
    for (int a = 0; a < n; ++a)
      for (int b = a + 1; b < n; ++b)
        if (rng.Below(100) < density) edges.emplace_back(a, b, rng.Below(100) < neg ? -1 : 1);
    SignedGraph g = Build(n, edges);
    const int64_t want = BruteForce(g);
    auto r = ExactFrustration(g);
    ASSERT_TRUE(r.ok());
    EXPECT_EQ(r->L, want) << "trial " << trial;
    EXPECT_TRUE(r->optimal);
    ExpectConsistent(g, *r);
    auto h = HeuristicFrustration(g);
    ASSERT_TRUE(h.ok());
    EXPECT_LE(h->lower_bound, want);
    EXPECT_GE(h->L, want);
  }
}

TEST(FrustrationInternalTest, ReductionKeepsOptimumOnWeightedPaths) {
  using namespace balance_internal;
  // Square 0-1-2-3-0 with one negative edge, plus chord 0-2 (negative) and a
  // pendant 3-4: the optimum must survive series/parallel reduction.
  std::vector<KEdge> edges = {{0, 1, 0, 1}, {1, 2, 0, 1}, {2, 3, 0, 1}, {0, 3, 1, 1}, {0, 2, 1, 1}, {3, 4, 1, 1}};
  Kernel k{5, edges};
  int64_t best = 1 << 30;
  for (int mask = 0; mask < 32; ++mask) {
    std::vector<uint8_t> s(5);
    for (int i = 0; i < 5; ++i) s[i] = (mask >> i) & 1;
    best = std::min(best, KernelCost(k, s));
  }
  Reduction r = Reduce(5, edges);
  EXPECT_EQ(r.kernel.edges.size(), 0u);  // everything reduces away
  EXPECT_EQ(r.offset, best);
  std::vector<uint8_t> side = Expand(r, std::vector<uint8_t>(r.kernel.n, 0));
  EXPECT_EQ(KernelCost(k, side), best);
}

TEST(FrustrationTest, DeterministicAndValidUnderTinyTimeLimit) {
  const std::string path = std::string(ENTENTE_SOURCE_DIR) + "/test/data/networks/avatar.csv";
  auto g = ReadEdgeList(path);
  if (!g.ok()) GTEST_SKIP() << "missing " << path;
  FrustrationOptions opt;
  auto a = ExactFrustration(*g, opt);
  auto b = ExactFrustration(*g, opt);
  ASSERT_TRUE(a.ok() && b.ok());
  EXPECT_EQ(a->bloc, b->bloc);
  EXPECT_EQ(a->frustrated, b->frustrated);
  opt.time_limit_s = 1e-6;
  auto c = ExactFrustration(*g, opt);
  ASSERT_TRUE(c.ok());
  ExpectConsistent(*g, *c);
  EXPECT_GE(c->L, 122);
}

// ---------------------------------------------------------------------------
// Benchmarks with known answers (shipped under test/data/networks).

std::string DataDir() { return std::string(ENTENTE_SOURCE_DIR) + "/test/data/networks"; }

TEST(FrustrationDataTest, GahukuGama) {
  auto g = ReadEdgeList(DataDir() + "/tribes_gahuku_gama.csv");
  if (!g.ok()) GTEST_SKIP() << g.status().ToString();
  EXPECT_EQ(g->num_nodes(), 16u);
  EXPECT_EQ(g->num_edges(), 58u);
  EXPECT_EQ(g->num_negative(), 29u);
  auto r = ExactFrustration(*g);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->L, 7);
  EXPECT_TRUE(r->optimal);
  EXPECT_NEAR(r->F, 0.7586, 5e-5);
  ExpectConsistent(*g, *r);
}

TEST(FrustrationDataTest, Avatar) {
  auto g = ReadEdgeList(DataDir() + "/avatar.csv");
  if (!g.ok()) GTEST_SKIP() << g.status().ToString();
  EXPECT_EQ(g->num_nodes(), 464u);
  EXPECT_EQ(g->num_edges(), 1679u);
  EXPECT_EQ(g->num_negative(), 579u);
  auto r = ExactFrustration(*g);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->L, 122);
  EXPECT_TRUE(r->optimal);
  EXPECT_NEAR(r->F, 0.8547, 5e-5);
  ExpectConsistent(*g, *r);
  auto h = HeuristicFrustration(*g);
  ASSERT_TRUE(h.ok());
  EXPECT_LE(h->lower_bound, 122);
  EXPECT_GE(h->L, 122);
}

struct CowRow {
  std::string file;
  size_t n, m, m_neg;
  uint64_t unbalanced;
  int64_t L;
  double F;
};

std::vector<CowRow> ReadCowTable() {
  std::vector<CowRow> rows;
  std::ifstream in(DataDir() + "/cow/expected.csv");
  std::string line;
  std::getline(in, line);  // header
  while (std::getline(in, line)) {
    if (line.empty()) continue;
    std::stringstream ss(line);
    CowRow r;
    std::string f;
    std::getline(ss, r.file, ',');
    std::getline(ss, f, ',');
    r.n = std::stoul(f);
    std::getline(ss, f, ',');
    r.m = std::stoul(f);
    std::getline(ss, f, ',');
    r.m_neg = std::stoul(f);
    std::getline(ss, f, ',');
    r.unbalanced = std::stoull(f);
    std::getline(ss, f, ',');
    r.L = std::stoll(f);
    std::getline(ss, f, ',');
    r.F = std::stod(f);
    rows.push_back(r);
  }
  return rows;
}

TEST(FrustrationDataTest, CorrelatesOfWarWindows) {
  const std::vector<CowRow> rows = ReadCowTable();
  if (rows.empty()) GTEST_SKIP() << "no " << DataDir() << "/cow/expected.csv";
  EXPECT_EQ(rows.size(), 51u);
  for (const CowRow& row : rows) {
    SCOPED_TRACE(row.file);
    EdgeListStats st;
    auto g = ReadEdgeList(DataDir() + "/cow/" + row.file, &st);
    ASSERT_TRUE(g.ok()) << g.status().ToString();
    EXPECT_EQ(st.skipped, 0u);
    EXPECT_EQ(g->num_nodes(), row.n);
    EXPECT_EQ(g->num_edges(), row.m);
    EXPECT_EQ(g->num_negative(), row.m_neg);
    EXPECT_EQ(CountTriangles(*g).unbalanced(), row.unbalanced);
    auto r = ExactFrustration(*g);
    ASSERT_TRUE(r.ok()) << r.status().ToString();
    EXPECT_EQ(r->L, row.L);
    EXPECT_TRUE(r->optimal);
    EXPECT_NEAR(r->F, row.F, 5e-5);
    ExpectConsistent(*g, *r);
    // The heuristic brackets the exact value.
    auto h = HeuristicFrustration(*g);
    ASSERT_TRUE(h.ok());
    EXPECT_LE(h->lower_bound, row.L);
    EXPECT_GE(h->L, row.L);
    ExpectConsistent(*g, *h);
    // No 2-bloc partition has fewer inconsistencies than L.
    BlocOptions bo;
    bo.restarts = 2;
    auto b2 = BlocPartition(*g, 2, bo);
    ASSERT_TRUE(b2.ok());
    EXPECT_GE(static_cast<int64_t>(b2->inconsistencies()), row.L);
  }
}

}  // namespace
}  // namespace entente
