#include "entente/parser.h"

#include <gtest/gtest.h>

#include <unistd.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <thread>

#include "entente/conllu.h"
#include "parse/parser_internal.h"
#include "util/model_io.h"

#ifdef ENTENTE_PARSER_WITH_TAGGER
#include "entente/tagger.h"
#endif

namespace entente {
namespace {

using namespace parser_internal;

// Dev scores of the shipped model (data/models/README.md), gold and
// predicted tags; the regression test allows 0.2 below them.
constexpr double kGoldTagDevUas = 88.60;
constexpr double kGoldTagDevLas = 86.62;
[[maybe_unused]] constexpr double kPredTagDevUas = 85.52;  // with data/models/en_ewt-tagger.bin
[[maybe_unused]] constexpr double kPredTagDevLas = 82.32;

const std::string kTiny = std::string(ENTENTE_DATA_DIR) + "/../test/data/parser/tiny.conllu";

// Builds a sentence from (form, xpos, head, deprel) rows.
struct Row {
  const char* form;
  const char* xpos;
  int head;
  const char* deprel;
};
Sentence Make(std::initializer_list<Row> rows) {
  Sentence s;
  for (const Row& r : rows) {
    Token t;
    t.form = r.form;
    t.xpos = r.xpos;
    t.head = r.head;
    t.deprel = r.deprel;
    s.tokens.push_back(t);
  }
  return s;
}

// True when heads form one tree rooted at 0 with exactly one root word whose
// label is "root", and no other word labelled "root".
::testing::AssertionResult WellFormed(const Sentence& s) {
  const int n = static_cast<int>(s.tokens.size());
  int roots = 0;
  for (int i = 1; i <= n; ++i) {
    const Token& t = s.tokens[i - 1];
    if (t.head < 0 || t.head > n || t.head == i) {
      return ::testing::AssertionFailure() << "word " << i << " has head " << t.head;
    }
    if (t.deprel.empty()) return ::testing::AssertionFailure() << "word " << i << " has no label";
    if ((t.head == 0) != (t.deprel == "root")) {
      return ::testing::AssertionFailure() << "word " << i << " root/label mismatch";
    }
    roots += t.head == 0;
    int x = i, steps = 0;
    while (x != 0 && steps <= n) x = s.tokens[x - 1].head, ++steps;
    if (x != 0) return ::testing::AssertionFailure() << "cycle through word " << i;
  }
  if (roots != 1) return ::testing::AssertionFailure() << roots << " roots";
  return ::testing::AssertionSuccess();
}

// Runs the oracle from the initial state, always taking the cheapest valid
// class (lowest class id among ties); returns the resulting state.
State RunOracle(const Sentence& s, const std::vector<std::string>& labels) {
  const int n = static_cast<int>(s.tokens.size());
  const int nl = static_cast<int>(labels.size());
  auto id = [&](const std::string& l) {
    for (int i = 0; i < nl; ++i) {
      if (labels[i] == l) return i;
    }
    return -1;
  };
  std::vector<int> gh(n + 1, -1), gl(n + 1, -1);
  for (int i = 1; i <= n; ++i) gh[i] = s.tokens[i - 1].head, gl[i] = id(s.tokens[i - 1].deprel);
  State st;
  st.Init(n);
  std::vector<uint8_t> valid(NumClasses(nl));
  std::vector<int> cost(NumClasses(nl));
  int guard = 0;
  while (!st.Terminal() && ++guard < 10 * n + 10) {
    st.Valid(nl, id("root"), valid.data());
    Costs(st, gh.data(), gl.data(), nl, valid.data(), cost.data());
    int best = -1;
    for (int c = 0; c < NumClasses(nl); ++c) {
      if (valid[c] && (best < 0 || cost[c] < cost[best])) best = c;
    }
    EXPECT_EQ(cost[best], 0) << "no zero-cost transition";
    st.Apply(best);
  }
  st.Finish(id("root"), id("dep"));
  return st;
}

const std::vector<std::string> kLabels = {"amod", "case", "det", "dep", "nmod", "nsubj",
                                          "obj",  "obl",  "punct", "root", "advmod", "conj"};

TEST(ParserTransitions, OracleReproducesProjectiveTrees) {
  const std::vector<Sentence> trees = {
      Make({{"Help", "VB", 0, "root"}}),
      Make({{"The", "DT", 2, "det"}, {"dog", "NN", 3, "nsubj"}, {"barks", "VBZ", 0, "root"},
            {".", ".", 3, "punct"}}),
      // Root at the end, long left arcs.
      Make({{"a", "DT", 3, "det"}, {"big", "JJ", 3, "amod"}, {"city", "NN", 0, "root"}}),
      // Root first, nested right arcs and a right arc after a completed subtree.
      Make({{"saw", "VBD", 0, "root"}, {"the", "DT", 4, "det"}, {"old", "JJ", 4, "amod"},
            {"man", "NN", 1, "obj"}, {"in", "IN", 7, "case"}, {"the", "DT", 7, "det"},
            {"park", "NN", 4, "nmod"}, {"today", "NN", 1, "obl"}, {".", ".", 1, "punct"}}),
  };
  for (const Sentence& s : trees) {
    State st = RunOracle(s, kLabels);
    for (int i = 1; i <= st.n; ++i) {
      EXPECT_EQ(st.head[i], s.tokens[i - 1].head) << "word " << i;
      EXPECT_EQ(kLabels[st.label[i]], s.tokens[i - 1].deprel) << "word " << i;
    }
  }
}

TEST(ParserTransitions, ValidityRules) {
  State st;
  st.Init(2);
  std::vector<uint8_t> valid(NumClasses(static_cast<int>(kLabels.size())));
  const int root = 9;
  st.Valid(static_cast<int>(kLabels.size()), root, valid.data());
  EXPECT_TRUE(valid[kShift]);
  EXPECT_FALSE(valid[kReduce]);            // root cannot be reduced
  EXPECT_FALSE(valid[LeftClass(0)]);       // root cannot get a head
  EXPECT_TRUE(valid[RightClass(root)]);    // root takes its word ...
  EXPECT_FALSE(valid[RightClass(0)]);      // ... only as "root"
  st.Apply(RightClass(root));
  st.Valid(static_cast<int>(kLabels.size()), root, valid.data());
  EXPECT_FALSE(valid[RightClass(root)]);   // "root" only from the root node
  EXPECT_TRUE(valid[kReduce]);
  st.Apply(kReduce);
  st.Valid(static_cast<int>(kLabels.size()), root, valid.data());
  EXPECT_FALSE(valid[RightClass(root)]);   // the root takes only one word
  EXPECT_FALSE(valid[RightClass(0)]);
  EXPECT_TRUE(valid[kShift]);
}

TEST(ParserTransitions, ProjectivizeLiftsCrossingArcs) {
  // 1 <- 3 and 2 <- 4 cross; 4 does not dominate 3, so 2 is lifted to 3.
  std::vector<int> h = {-1, 3, 4, 0, 3};
  EXPECT_EQ(Projectivize(&h), 1);
  EXPECT_EQ(h, (std::vector<int>{-1, 3, 3, 0, 3}));
  std::vector<int> proj = {-1, 2, 0, 2};
  EXPECT_EQ(Projectivize(&proj), 0);
  EXPECT_EQ(proj, (std::vector<int>{-1, 2, 0, 2}));
}

TEST(ParserFeatures, CountFitsBuffer) {
  Sentence s = Make({{"The", "DT", 2, "det"}, {"dog", "NN", 0, "root"}});
  Atoms a;
  a.Fill(s);
  State st;
  st.Init(2);
  uint64_t feats[kMaxFeatures];
  const int n = ExtractFeatures(st, a, feats);
  EXPECT_GT(n, 50);
  EXPECT_LE(n, kMaxFeatures);
  for (int i = 0; i < n; ++i) EXPECT_NE(feats[i], 0u);
}

// The parser reuses partial scores: of buffer features while b stays, of
// buffer-tree features while b and nl[b] stay, of stack features for as long
// as a word is on the stack, of stack-right features while nr[s0] stays.
// Check on random walks through the transition system that those features
// really depend only on that state, and that ExtractGroup writes the same
// keys as ExtractFeatures.
TEST(ParserFeatures, GroupsDependOnlyOnTheirState) {
  Sentence s = Make({{"The", "DT", 2, "det"}, {"old", "JJ", 3, "amod"}, {"man", "NN", 4, "nsubj"},
                     {"saw", "VBD", 0, "root"}, {"a", "DT", 6, "det"}, {"red", "JJ", 7, "amod"},
                     {"boat", "NN", 4, "obj"}, {".", ".", 4, "punct"}});
  Atoms a;
  a.Fill(s);
  const int num_labels = 6, root_label = 0;
  std::vector<std::vector<uint64_t>> buffer_by_b(10);
  int groups_seen[kNumGroups] = {};
  int checked_buffer = 0, checked_tree = 0, checked_stack = 0, checked_right = 0;
  uint32_t rng = 12345;
  auto slice = [](const std::vector<uint64_t>& f, FeatureGroup g) {
    return std::vector<uint64_t>(f.begin() + kGroupBegin[g], f.begin() + kGroupBegin[g + 1]);
  };
  for (int walk = 0; walk < 200; ++walk) {
    State st;
    st.Init(8);
    std::vector<uint64_t> prev;
    int prev_b = -1, prev_nl = -1;
    std::vector<std::vector<uint64_t>> stack_of(10), right_of(10);
    std::vector<int> right_nr(10, -1);
    while (!st.Terminal()) {
      uint64_t f[kMaxFeatures];
      const int n = ExtractFeatures(st, a, f);
      ASSERT_EQ(n, kGroupBegin[kNumGroups]);
      std::vector<uint64_t> cur(f, f + n);
      for (int g = 0; g < kNumGroups; ++g) {
        uint64_t part[kMaxFeatures];
        const int m = ExtractGroup(st, a, static_cast<FeatureGroup>(g), part);
        ASSERT_EQ(m, kGroupSize[g]);
        EXPECT_EQ(std::vector<uint64_t>(part, part + m), slice(cur, static_cast<FeatureGroup>(g)));
      }
      for (int k = 0; k < n; ++k) {
        const FeatureGroup g = GroupOfFeature(k);
        ASSERT_GE(k, kGroupBegin[g]);
        ASSERT_LT(k, kGroupBegin[g + 1]);
        ++groups_seen[g];
        if (g == kGroupBufferTree && prev_b == st.b && prev_nl == st.nl[st.b]) {
          EXPECT_EQ(cur[k], prev[k]) << "feature " << k;
          ++checked_tree;
        }
      }
      auto& known = buffer_by_b[static_cast<size_t>(st.b)];
      if (known.empty()) {
        known = slice(cur, kGroupBuffer);
      } else {
        EXPECT_EQ(known, slice(cur, kGroupBuffer)) << "b=" << st.b;
        ++checked_buffer;
      }
      const size_t s0 = static_cast<size_t>(st.S0());
      if (stack_of[s0].empty()) {
        stack_of[s0] = slice(cur, kGroupStack);
      } else {
        EXPECT_EQ(stack_of[s0], slice(cur, kGroupStack)) << "s0=" << s0;
        ++checked_stack;
      }
      if (right_nr[s0] == st.nr[s0]) {
        EXPECT_EQ(right_of[s0], slice(cur, kGroupStackRight)) << "s0=" << s0;
        ++checked_right;
      }
      right_nr[s0] = st.nr[s0];
      right_of[s0] = slice(cur, kGroupStackRight);
      prev = cur;
      prev_b = st.b;
      prev_nl = st.nl[st.b];
      uint8_t valid[NumClasses(num_labels)];
      st.Valid(num_labels, root_label, valid);
      std::vector<int> options;
      for (int c = 0; c < NumClasses(num_labels); ++c) {
        if (valid[c]) options.push_back(c);
      }
      ASSERT_FALSE(options.empty());
      rng = rng * 1103515245u + 12345u;
      st.Apply(options[(rng >> 8) % options.size()]);
    }
  }
  EXPECT_GT(checked_buffer, 100);
  EXPECT_GT(checked_tree, 100);
  EXPECT_GT(checked_stack, 100);
  EXPECT_GT(checked_right, 100);
  for (int g = 0; g < kNumGroups; ++g) EXPECT_GT(groups_seen[g], 0) << "group " << g;
}

// Reference scoring straight from the canonical rows (keys, row_end,
// entries), independent of the lookup table, dense rows and SIMD.
std::vector<int64_t> ReferenceScores(const Model& m, const uint64_t* feats, int n) {
  std::vector<int64_t> acc(static_cast<size_t>(m.num_classes), 0);
  for (int i = 0; i < n; ++i) {
    auto it = std::find(m.keys.begin(), m.keys.end(), feats[i]);
    if (it == m.keys.end()) continue;
    const size_t row = static_cast<size_t>(it - m.keys.begin());
    const uint32_t begin = row == 0 ? 0 : m.row_end[row - 1];
    for (uint32_t j = begin; j < m.row_end[row]; ++j) acc[m.entries[j].cls] += m.entries[j].w;
  }
  return acc;
}

// Rows of every length (inline, short external, dense) with random weights:
// Model::Score must equal the plain sum of the canonical rows.
TEST(ParserWeights, FastScoresEqualCanonicalRows) {
  Sentence s = Make({{"The", "DT", 2, "det"}, {"old", "JJ", 3, "amod"}, {"man", "NN", 4, "nsubj"},
                     {"saw", "VBD", 0, "root"}, {"a", "DT", 6, "det"}, {"boat", "NN", 4, "obj"}});
  Atoms a;
  a.Fill(s);
  const int num_labels = 40;  // 82 classes: dense rows are 96 wide
  Model m;
  for (int l = 0; l < num_labels; ++l) m.labels.push_back(l == 0 ? "root" : "l" + std::to_string(l));
  m.root_label = 0;
  m.fallback_label = 1;
  m.num_classes = NumClasses(num_labels);
  m.scale = 0.5f;
  uint32_t rng = 777;
  auto next = [&] { return rng = rng * 1664525u + 1013904223u; };
  // Collect feature keys from random walks; give most of them a row.
  std::vector<uint64_t> pool;
  std::vector<std::vector<uint64_t>> states;
  for (int walk = 0; walk < 20; ++walk) {
    State st;
    st.Init(6);
    while (!st.Terminal()) {
      uint64_t f[kMaxFeatures];
      const int n = ExtractFeatures(st, a, f);
      states.emplace_back(f, f + n);
      pool.insert(pool.end(), f, f + n);
      uint8_t valid[NumClasses(num_labels)];
      st.Valid(num_labels, 0, valid);
      std::vector<int> options;
      for (int c = 0; c < m.num_classes; ++c) {
        if (valid[c]) options.push_back(c);
      }
      st.Apply(options[(next() >> 8) % options.size()]);
    }
  }
  std::sort(pool.begin(), pool.end());
  pool.erase(std::unique(pool.begin(), pool.end()), pool.end());
  int lengths[4] = {0, 0, 0, 0};
  for (uint64_t key : pool) {
    if (next() % 5 == 0) continue;  // absent feature
    const uint32_t len = 1 + (next() >> 4) % static_cast<uint32_t>(m.num_classes);
    std::vector<uint16_t> cls(static_cast<size_t>(m.num_classes));
    for (size_t c = 0; c < cls.size(); ++c) cls[c] = static_cast<uint16_t>(c);
    for (size_t c = cls.size() - 1; c > 0; --c) std::swap(cls[c], cls[(next() >> 3) % (c + 1)]);
    cls.resize(len);
    std::sort(cls.begin(), cls.end());
    for (uint16_t c : cls) {
      int16_t w = static_cast<int16_t>(static_cast<int>(next() >> 16) - 32768);
      if (w == 0) w = 1;
      m.entries.push_back(Entry{c, w});
    }
    m.keys.push_back(key);
    m.row_end.push_back(static_cast<uint32_t>(m.entries.size()));
    ++lengths[len == 1 ? 0 : len == 2 ? 1 : len < kDenseMin ? 2 : 3];
  }
  // Long rows as the trainer writes them (int8 << shift); any other long
  // row is refused.
  {
    Model raw;
    raw.num_classes = m.num_classes;
    raw.keys = m.keys;
    raw.row_end = m.row_end;
    raw.entries = m.entries;
    EXPECT_FALSE(raw.BuildTable());
  }
  RoundLongRows(&m);
  ASSERT_TRUE(m.BuildTable());
  for (int kind = 0; kind < 4; ++kind) EXPECT_GT(lengths[kind], 0) << "row kind " << kind;
  std::vector<float> scores(static_cast<size_t>(m.num_classes));
  for (const auto& f : states) {
    m.Score(f.data(), static_cast<int>(f.size()), scores.data());
    const std::vector<int64_t> ref = ReferenceScores(m, f.data(), static_cast<int>(f.size()));
    for (int c = 0; c < m.num_classes; ++c) {
      ASSERT_EQ(scores[static_cast<size_t>(c)], static_cast<float>(ref[static_cast<size_t>(c)]) * m.scale)
          << "class " << c;
    }
  }
}

TEST(ParserWeights, DenseShiftAndRounding) {
  const Entry exact[] = {{0, 6 * 64}, {3, -128 * 64}, {7, 127 * 64}};
  EXPECT_EQ(DenseShift(exact, 3), 6);
  const Entry small[] = {{0, 1}, {1, -128}, {2, 127}};
  EXPECT_EQ(DenseShift(small, 3), 0);
  const Entry odd[] = {{0, 129}, {1, 3}};
  EXPECT_EQ(DenseShift(odd, 2), -1);  // needs shift 1, loses the low bit
  Model m;
  m.num_classes = 8;
  m.keys = {5, 9};
  m.row_end = {1, 1 + kDenseMin};
  m.entries.push_back(Entry{2, 129});  // short row: kept as it is
  for (uint32_t j = 0; j < kDenseMin; ++j) {
    m.entries.push_back(Entry{static_cast<uint16_t>(j), static_cast<int16_t>(j == 0 ? 1000 : 3)});
  }
  RoundLongRows(&m);
  // 1000 needs shift 3: 1000 -> 125 << 3; 3 -> 0 (dropped).
  ASSERT_EQ(m.keys.size(), 2u);
  ASSERT_EQ(m.row_end, (std::vector<uint32_t>{1, 2}));
  EXPECT_EQ(m.entries[0].w, 129);
  EXPECT_EQ(m.entries[1].cls, 0);
  EXPECT_EQ(m.entries[1].w, 1000);
}

TEST(ParserScores, CountsHeadsAndUniversalLabels) {
  Sentence g = Make({{"a", "X", 2, "obl:tmod"}, {"b", "X", 0, "root"}, {"c", "X", 2, "obj"},
                     {"d", "X", 2, "punct"}});
  Sentence p = g;
  p.tokens[0].deprel = "obl";    // universal part right: LAS yes, full no
  p.tokens[2].deprel = "nsubj";  // head right, label wrong
  p.tokens[3].head = 3;          // head wrong
  ParseScores sc = ScoreParses({g}, {p});
  EXPECT_EQ(sc.tokens, 4u);
  EXPECT_DOUBLE_EQ(sc.uas, 75.0);
  EXPECT_DOUBLE_EQ(sc.las, 50.0);
  EXPECT_DOUBLE_EQ(sc.las_full, 25.0);
  // A predicted sentence with a different length scores zero.
  Sentence shorter = p;
  shorter.tokens.pop_back();
  EXPECT_DOUBLE_EQ(ScoreParses({g}, {shorter}).uas, 0.0);
}

class ParserTrained : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    path_ = (std::filesystem::temp_directory_path() /
             ("entente_parser_test_" + std::to_string(::getpid()) + ".bin"))
                .string();
    ParserTrainOptions o;
    o.train_path = kTiny;
    o.dev_path = kTiny;
    o.output_path = path_;
    o.iterations = 10;
    o.prune = 0;
    o.command_line = "parser_test";
    std::ostringstream log;
    status_ = TrainParser(o, &log);
  }
  static void TearDownTestSuite() { std::remove(path_.c_str()); }
  static std::string path_;
  static Status status_;
};
std::string ParserTrained::path_;
Status ParserTrained::status_;

TEST_F(ParserTrained, LearnsTinyTreebank) {
  ASSERT_TRUE(status_.ok()) << status_.ToString();
  auto p = DependencyParser::Load(path_);
  ASSERT_TRUE(p.ok()) << p.status().ToString();
  auto gold = ReadConlluFile(kTiny);
  ASSERT_TRUE(gold.ok());
  std::vector<Sentence> pred = gold.value();
  for (auto& s : pred) {
    for (auto& t : s.tokens) t.head = -1, t.deprel = "x";
    (*p)->Parse(&s);
    EXPECT_TRUE(WellFormed(s));
  }
  ParseScores sc = ScoreParses(gold.value(), pred);
  EXPECT_EQ(sc.tokens, 43u);
  EXPECT_DOUBLE_EQ(sc.uas, 100.0);
  EXPECT_DOUBLE_EQ(sc.las, 100.0);
}

TEST_F(ParserTrained, AlwaysWellFormedTrees) {
  ASSERT_TRUE(status_.ok());
  auto p = DependencyParser::Load(path_);
  ASSERT_TRUE(p.ok());
  const char* forms[] = {"the", "dog", ".", "said", "Ukraine", "and", "!", "big", "to", "xyzzy"};
  const char* tags[] = {"DT", "NN", ".", "VBD", "NNP", "CC", ".", "JJ", "IN", "FW"};
  for (int n : {1, 2, 3, 7, 50, 300}) {
    Sentence s;
    for (int i = 0; i < n; ++i) {
      Token t;
      t.form = forms[(i * 7 + n) % 10];
      t.xpos = tags[(i * 3 + n) % 10];
      s.tokens.push_back(t);
    }
    (*p)->Parse(&s);
    EXPECT_TRUE(WellFormed(s)) << "length " << n;
  }
  // Tokens with no tags at all still parse.
  Sentence bare;
  for (int i = 0; i < 5; ++i) bare.tokens.emplace_back().form = "w";
  (*p)->Parse(&bare);
  EXPECT_TRUE(WellFormed(bare));
  Sentence empty;
  (*p)->Parse(&empty);
  EXPECT_TRUE(empty.tokens.empty());
}

TEST_F(ParserTrained, RoundTripKeepsMetadataAndParses) {
  ASSERT_TRUE(status_.ok());
  auto a = DependencyParser::Load(path_);
  ASSERT_TRUE(a.ok());
  std::ifstream in(path_, std::ios::binary);
  auto b = DependencyParser::Load(in, "stream");
  ASSERT_TRUE(b.ok()) << b.status().ToString();
  auto meta = [&](const DependencyParser& p, const std::string& k) {
    for (const auto& [key, v] : p.metadata()) {
      if (key == k) return v;
    }
    return std::string("<absent>");
  };
  EXPECT_EQ(meta(**a, "licence"), "CC BY-SA 4.0");
  EXPECT_EQ(meta(**a, "training_command"), "parser_test");
  EXPECT_EQ(meta(**a, "dev_uas"), "100.00");
  EXPECT_EQ((*a)->labels(), (*b)->labels());
  auto gold = ReadConlluFile(kTiny);
  ASSERT_TRUE(gold.ok());
  for (const Sentence& g : gold.value()) {
    Sentence x = g, y = g;
    (*a)->Parse(&x);
    (*b)->Parse(&y);
    EXPECT_EQ(ToConllu(x), ToConllu(y));
  }
  // Training is deterministic: a second run writes identical bytes apart
  // from nothing (same options, same seed).
  const std::string again = path_ + ".again";
  ParserTrainOptions o;
  o.train_path = kTiny;
  o.dev_path = kTiny;
  o.output_path = again;
  o.iterations = 10;
  o.prune = 0;
  o.command_line = "parser_test";
  ASSERT_TRUE(TrainParser(o, nullptr).ok());
  std::ifstream f1(path_, std::ios::binary), f2(again, std::ios::binary);
  std::string b1((std::istreambuf_iterator<char>(f1)), {}), b2((std::istreambuf_iterator<char>(f2)), {});
  EXPECT_EQ(b1, b2);
  std::remove(again.c_str());
}

TEST_F(ParserTrained, ConcurrentParsesAgree) {
  ASSERT_TRUE(status_.ok());
  auto p = DependencyParser::Load(path_);
  ASSERT_TRUE(p.ok());
  auto gold = ReadConlluFile(kTiny);
  ASSERT_TRUE(gold.ok());
  std::string expected;
  for (Sentence s : gold.value()) {
    (*p)->Parse(&s);
    expected += ToConllu(s);
  }
  std::vector<std::string> got(4);
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] {
      for (int round = 0; round < 50; ++round) {
        std::string out;
        for (Sentence s : gold.value()) {
          (*p)->Parse(&s);
          out += ToConllu(s);
        }
        if (out != expected || round == 0) got[t] = out;  // a mismatch sticks
      }
    });
  }
  for (auto& th : threads) th.join();
  for (const auto& g : got) EXPECT_EQ(g, expected);
}

TEST_F(ParserTrained, CorruptModelsFailCleanly) {
  ASSERT_TRUE(status_.ok());
  std::ifstream f(path_, std::ios::binary);
  const std::string bytes((std::istreambuf_iterator<char>(f)), {});
  ASSERT_GT(bytes.size(), 100u);
  auto load = [](const std::string& b) {
    std::istringstream in(b);
    return DependencyParser::Load(in, "bad.bin");
  };
  // Truncations at many lengths.
  for (size_t len : {size_t{0}, size_t{4}, size_t{8}, size_t{20}, bytes.size() / 2, bytes.size() - 5,
                     bytes.size() - 1}) {
    auto r = load(bytes.substr(0, len));
    ASSERT_FALSE(r.ok()) << "length " << len;
    EXPECT_EQ(r.status().code(), Code::kCorruptModel) << r.status().ToString();
  }
  // Flipped bytes (checksum).
  for (size_t pos : {size_t{9}, bytes.size() / 3, bytes.size() - 10}) {
    std::string b = bytes;
    b[pos] = static_cast<char>(b[pos] ^ 0x5A);
    auto r = load(b);
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.status().code(), Code::kCorruptModel);
  }
  // Wrong kind and wrong version, with valid checksums.
  for (auto [kind, version] : {std::pair<std::string, uint32_t>{"tagger", kModelVersion},
                               std::pair<std::string, uint32_t>{"parser", kModelVersion + 7}}) {
    model_io::ModelWriter w(kind, version);
    w.PutU32(1);
    std::ostringstream out;
    ASSERT_TRUE(w.WriteTo(out, "x").ok());
    auto r = load(out.str());
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.status().code(), Code::kCorruptModel);
  }
  // Right container, nonsense payloads.
  auto payload = [](auto fill) {
    model_io::ModelWriter w(kModelKind, kModelVersion);
    fill(&w);
    std::ostringstream out;
    EXPECT_TRUE(w.WriteTo(out, "x").ok());
    return out.str();
  };
  const std::vector<std::string> bad = {
      payload([](model_io::ModelWriter*) {}),
      payload([](model_io::ModelWriter* w) { w->PutU32(100000); }),
      payload([](model_io::ModelWriter* w) {  // no "root" label
        w->PutU32(1); w->PutString("nsubj"); w->PutU32(0); w->PutU32(0); w->PutF32(1.0f);
        w->PutVector(std::vector<uint64_t>{}); w->PutVector(std::vector<uint32_t>{});
        w->PutVector(std::vector<Entry>{});
      }),
      payload([](model_io::ModelWriter* w) {  // class out of range
        w->PutU32(2); w->PutString("nsubj"); w->PutString("root"); w->PutU32(1); w->PutU32(0); w->PutF32(1.0f);
        w->PutVector(std::vector<uint64_t>{42}); w->PutVector(std::vector<uint32_t>{1});
        w->PutVector(std::vector<Entry>{{200, 3}});
      }),
      payload([](model_io::ModelWriter* w) {  // row end beyond the weights
        w->PutU32(2); w->PutString("nsubj"); w->PutString("root"); w->PutU32(1); w->PutU32(0); w->PutF32(1.0f);
        w->PutVector(std::vector<uint64_t>{42}); w->PutVector(std::vector<uint32_t>{9});
        w->PutVector(std::vector<Entry>{{1, 3}});
      }),
      payload([](model_io::ModelWriter* w) {  // duplicate keys
        w->PutU32(2); w->PutString("nsubj"); w->PutString("root"); w->PutU32(1); w->PutU32(0); w->PutF32(1.0f);
        w->PutVector(std::vector<uint64_t>{42, 42}); w->PutVector(std::vector<uint32_t>{1, 2});
        w->PutVector(std::vector<Entry>{{1, 3}, {2, 3}});
      }),
      payload([](model_io::ModelWriter* w) {  // fallback label is "root"
        w->PutU32(2); w->PutString("nsubj"); w->PutString("root"); w->PutU32(1); w->PutU32(1); w->PutF32(1.0f);
        w->PutVector(std::vector<uint64_t>{}); w->PutVector(std::vector<uint32_t>{});
        w->PutVector(std::vector<Entry>{});
      }),
      payload([](model_io::ModelWriter* w) {  // NaN scale
        w->PutU32(2); w->PutString("nsubj"); w->PutString("root"); w->PutU32(1); w->PutU32(0); w->PutF32(std::nanf(""));
        w->PutVector(std::vector<uint64_t>{}); w->PutVector(std::vector<uint32_t>{});
        w->PutVector(std::vector<Entry>{});
      }),
  };
  for (size_t i = 0; i < bad.size(); ++i) {
    auto r = load(bad[i]);
    ASSERT_FALSE(r.ok()) << "case " << i;
    EXPECT_EQ(r.status().code(), Code::kCorruptModel) << "case " << i << ": " << r.status().ToString();
    EXPECT_NE(r.status().message().find("bad.bin"), std::string::npos) << r.status().message();
  }
  auto missing = DependencyParser::Load("/nonexistent/dir/parser.bin");
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.status().code(), Code::kNotFound);
}

TEST(ParserTrain, BadOptionsAndInputs) {
  ParserTrainOptions o;
  EXPECT_EQ(TrainParser(o, nullptr).code(), Code::kInvalidArgument);
  o.train_path = "/nonexistent/train.conllu";
  o.output_path = "/tmp/never-written.bin";
  EXPECT_FALSE(TrainParser(o, nullptr).ok());
}

// Accuracy regression on EWT dev with the shipped model(s).  Floors are the
// scores measured when the model was trained, minus 0.2.
TEST(ParserAccuracy, EwtDevWithShippedModel) {
  const std::string dev = std::string(ENTENTE_SHARED_DIR) + "/data/ud-english-ewt/en_ewt-ud-dev.conllu";
  const std::string model = std::string(ENTENTE_DATA_DIR) + "/models/en_ewt-parser.bin";
  if (!std::filesystem::exists(dev)) GTEST_SKIP() << dev << " absent";
  if (!std::filesystem::exists(model)) GTEST_SKIP() << model << " absent";
  auto gold = ReadConlluFile(dev);
  ASSERT_TRUE(gold.ok());
  auto p = DependencyParser::Load(model);
  ASSERT_TRUE(p.ok()) << p.status().ToString();
  std::vector<Sentence> pred = gold.value();
  for (auto& s : pred) {
    for (auto& t : s.tokens) t.head = -1, t.deprel.clear();
    (*p)->Parse(&s);
  }
  ParseScores sc = ScoreParses(gold.value(), pred);
  EXPECT_GE(sc.uas, kGoldTagDevUas - 0.2);
  EXPECT_GE(sc.las, kGoldTagDevLas - 0.2);
#ifdef ENTENTE_PARSER_WITH_TAGGER
  const std::string tagger_model = std::string(ENTENTE_DATA_DIR) + "/models/en_ewt-tagger.bin";
  if (std::filesystem::exists(tagger_model)) {
    auto tagger = Tagger::Load(tagger_model);
    ASSERT_TRUE(tagger.ok()) << tagger.status().ToString();
    pred = gold.value();
    for (auto& s : pred) {
      for (auto& t : s.tokens) t.head = -1, t.deprel.clear();
      (*tagger)->Tag(&s);
      (*p)->Parse(&s);
    }
    ParseScores ps = ScoreParses(gold.value(), pred);
    EXPECT_GE(ps.uas, kPredTagDevUas - 0.2);
    EXPECT_GE(ps.las, kPredTagDevLas - 0.2);
  }
#endif
}


// The parser's fast path (cached buffer scores, dense rows, validity masks)
// parses exactly like a plain greedy loop over the canonical rows.
TEST(ParserAccuracy, FastPathParsesLikeReferenceLoop) {
  const std::string dev = std::string(ENTENTE_SHARED_DIR) + "/data/ud-english-ewt/en_ewt-ud-dev.conllu";
  const std::string path = std::string(ENTENTE_DATA_DIR) + "/models/en_ewt-parser.bin";
  if (!std::filesystem::exists(dev)) GTEST_SKIP() << dev << " absent";
  if (!std::filesystem::exists(path)) GTEST_SKIP() << path << " absent";
  auto reader = model_io::ModelReader::FromFile(path, kModelKind, kModelVersion);
  ASSERT_TRUE(reader.ok()) << reader.status().ToString();
  Model m;
  ASSERT_TRUE(ReadModel(&reader.value(), &m).ok());
  auto gold = ReadConlluFile(dev);
  ASSERT_TRUE(gold.ok());
  // Sorted keys: binary search instead of ReferenceScores' linear scan.
  std::vector<size_t> order(m.keys.size());
  for (size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::sort(order.begin(), order.end(), [&](size_t x, size_t y) { return m.keys[x] < m.keys[y]; });
  std::vector<uint64_t> sorted_keys(order.size());
  for (size_t i = 0; i < order.size(); ++i) sorted_keys[i] = m.keys[order[i]];
  const int num_labels = static_cast<int>(m.labels.size());
  size_t sentences = 0, words = 0;
  for (const Sentence& g : *gold) {
    if (sentences == 150) break;
    ++sentences;
    Sentence fast = g;
    m.ParseSentence(&fast);
    Atoms a;
    a.Fill(g);
    State st;
    const int n = static_cast<int>(g.tokens.size());
    st.Init(n);
    std::vector<uint8_t> valid(static_cast<size_t>(m.num_classes));
    while (!st.Terminal()) {
      uint64_t f[kMaxFeatures];
      const int nf = ExtractFeatures(st, a, f);
      std::vector<int64_t> acc(static_cast<size_t>(m.num_classes), 0);
      for (int i = 0; i < nf; ++i) {
        auto it = std::lower_bound(sorted_keys.begin(), sorted_keys.end(), f[i]);
        if (it == sorted_keys.end() || *it != f[i]) continue;
        const size_t row = order[static_cast<size_t>(it - sorted_keys.begin())];
        const uint32_t begin = row == 0 ? 0 : m.row_end[row - 1];
        for (uint32_t j = begin; j < m.row_end[row]; ++j) acc[m.entries[j].cls] += m.entries[j].w;
      }
      st.Valid(num_labels, m.root_label, valid.data());
      int best = -1;
      for (int c = 0; c < m.num_classes; ++c) {
        if (valid[static_cast<size_t>(c)] && (best < 0 || acc[static_cast<size_t>(c)] > acc[static_cast<size_t>(best)])) best = c;
      }
      ASSERT_GE(best, 0);
      st.Apply(best);
    }
    st.Finish(m.root_label, m.fallback_label);
    for (int i = 1; i <= n; ++i) {
      ++words;
      ASSERT_EQ(fast.tokens[static_cast<size_t>(i - 1)].head, st.head[static_cast<size_t>(i)]) << "sentence " << sentences;
      ASSERT_EQ(fast.tokens[static_cast<size_t>(i - 1)].deprel, m.labels[static_cast<size_t>(st.label[static_cast<size_t>(i)])]);
    }
  }
  EXPECT_GT(words, 1000u);
}
}  // namespace
}  // namespace entente
