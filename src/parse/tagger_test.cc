#include "entente/tagger.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <functional>
#include <limits>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <thread>
#include <unordered_map>

#include "entente/conllu.h"
#include "parse/tagger_model.h"
#include "util/model_io.h"

namespace entente {
namespace {

namespace fs = std::filesystem;

// Dev scores of the shipped model (data/models/en_ewt-tagger.bin) minus 0.1.
constexpr double kMinDevUpos = 95.03;
constexpr double kMinDevXpos = 94.30;
constexpr double kMinDevLemma = 96.85;

std::string ToyPath(const char* name) {
  return std::string(ENTENTE_SOURCE_DIR) + "/test/data/tagger/" + name;
}

// Per process: ctest runs each test in its own process, two at a time, and
// every ToyTagger process trains the shared toy model in SetUpTestSuite.
std::string TempPath(const std::string& name) {
  return (fs::temp_directory_path() / ("entente-tagger-test-" + std::to_string(::getpid()) + "-" + name)).string();
}

std::string Slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// Trains the toy model once for the whole suite.
class ToyTagger : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    model_path_ = new std::string(TempPath("toy.bin"));
    TaggerTrainOptions o;
    o.train_path = ToyPath("toy-train.conllu");
    o.dev_path = ToyPath("toy-dev.conllu");
    o.output_path = *model_path_;
    o.iterations = 5;
    o.passes = 2;  // exercises both passes
    o.command_line = "toy training";
    std::ostringstream log;
    Status st = TrainTagger(o, &log);
    ASSERT_TRUE(st.ok()) << st.ToString() << "\n" << log.str();
  }
  static void TearDownTestSuite() {
    std::remove(model_path_->c_str());
    delete model_path_;
  }
  static std::string* model_path_;
};
std::string* ToyTagger::model_path_ = nullptr;

Sentence Words(std::initializer_list<const char*> forms) {
  Sentence s;
  for (const char* f : forms) {
    Token t;
    t.form = f;
    s.tokens.push_back(t);
  }
  return s;
}

TEST_F(ToyTagger, TagsItsTrainingData) {
  auto tagger = Tagger::Load(*model_path_);
  ASSERT_TRUE(tagger.ok()) << tagger.status().ToString();
  auto gold = ReadConlluFile(ToyPath("toy-train.conllu"));
  ASSERT_TRUE(gold.ok());
  TaggerScores sc = EvaluateTagger(**tagger, *gold);
  EXPECT_GT(sc.tokens, 100u);
  EXPECT_GE(sc.upos, 0.98);
  EXPECT_GE(sc.xpos, 0.98);
  EXPECT_GE(sc.lemma, 0.98);
  EXPECT_GE(sc.feats, 0.98);
}

TEST_F(ToyTagger, TagsAHandBuiltSentence) {
  auto tagger = Tagger::Load(*model_path_);
  ASSERT_TRUE(tagger.ok());
  Sentence s = Words({"The", "dog", "talked", "."});
  s.tokens[1].deprel = "keep-me";
  (*tagger)->Tag(&s);
  const char* upos[] = {"DET", "NOUN", "VERB", "PUNCT"};
  const char* xpos[] = {"DT", "NN", "VBD", "."};
  const char* lemma[] = {"the", "dog", "talk", "."};
  for (int i = 0; i < 4; ++i) {
    EXPECT_EQ(s.tokens[i].upos, upos[i]) << i;
    EXPECT_EQ(s.tokens[i].xpos, xpos[i]) << i;
    EXPECT_EQ(s.tokens[i].lemma, lemma[i]) << i;
  }
  EXPECT_EQ(s.tokens[1].deprel, "keep-me");  // other fields untouched
  EXPECT_EQ(s.tokens[2].feats, "Tense=Past");
}

TEST_F(ToyTagger, EmptySentenceIsFine) {
  auto tagger = Tagger::Load(*model_path_);
  ASSERT_TRUE(tagger.ok());
  Sentence s;
  (*tagger)->Tag(&s);
  EXPECT_TRUE(s.tokens.empty());
  Sentence odd = Words({"", "\xff\xfe", "zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzz"});
  (*tagger)->Tag(&odd);
  for (const Token& t : odd.tokens) EXPECT_FALSE(t.upos.empty());
}

TEST_F(ToyTagger, MetadataIsStored) {
  auto tagger = Tagger::Load(*model_path_);
  ASSERT_TRUE(tagger.ok());
  auto find = [&](const std::string& k) {
    for (const auto& [key, v] : (*tagger)->metadata())
      if (key == k) return v;
    return std::string("<absent>");
  };
  EXPECT_EQ(find("training_command"), "toy training");
  EXPECT_NE(find("dev_upos"), "<absent>");
  EXPECT_NE(find("created_by"), "<absent>");
  EXPECT_NE(find("licence"), "<absent>");
  auto u = (*tagger)->upos_tags();
  EXPECT_NE(std::find(u.begin(), u.end(), "PROPN"), u.end());
}

TEST_F(ToyTagger, TrainingIsDeterministic) {
  TaggerTrainOptions o;
  o.train_path = ToyPath("toy-train.conllu");
  o.dev_path = ToyPath("toy-dev.conllu");
  o.output_path = TempPath("toy-again.bin");
  o.iterations = 5;
  o.passes = 2;
  o.command_line = "toy training";
  ASSERT_TRUE(TrainTagger(o, nullptr).ok());
  EXPECT_EQ(Slurp(o.output_path), Slurp(*model_path_));
  std::remove(o.output_path.c_str());
}

TEST_F(ToyTagger, StreamRoundTripGivesIdenticalTags) {
  auto a = Tagger::Load(*model_path_);
  ASSERT_TRUE(a.ok());
  std::istringstream in(Slurp(*model_path_));
  auto b = Tagger::Load(in, "in-memory");
  ASSERT_TRUE(b.ok()) << b.status().ToString();
  auto gold = ReadConlluFile(ToyPath("toy-train.conllu"));
  ASSERT_TRUE(gold.ok());
  for (Sentence s : *gold) {
    Sentence t = s;
    (*a)->Tag(&s);
    (*b)->Tag(&t);
    EXPECT_EQ(ToConllu(s), ToConllu(t));
  }
}

TEST_F(ToyTagger, ConcurrentTaggingAgrees) {
  auto tagger = Tagger::Load(*model_path_);
  ASSERT_TRUE(tagger.ok());
  auto gold = ReadConlluFile(ToyPath("toy-train.conllu"));
  ASSERT_TRUE(gold.ok());
  std::vector<Sentence> serial = *gold;
  for (Sentence& s : serial) (*tagger)->Tag(&s);
  std::vector<Sentence> a = *gold, b = *gold;
  const Tagger& t = **tagger;
  std::thread ta([&] { for (int r = 0; r < 20; ++r) for (Sentence& s : a) t.Tag(&s); });
  std::thread tb([&] { for (int r = 0; r < 20; ++r) for (Sentence& s : b) t.Tag(&s); });
  ta.join();
  tb.join();
  for (size_t i = 0; i < serial.size(); ++i) {
    EXPECT_EQ(ToConllu(a[i]), ToConllu(serial[i]));
    EXPECT_EQ(ToConllu(b[i]), ToConllu(serial[i]));
  }
}

TEST_F(ToyTagger, TruncatedModelsAreCleanErrors) {
  std::string bytes = Slurp(*model_path_);
  ASSERT_GT(bytes.size(), 100u);
  size_t step = std::max<size_t>(1, bytes.size() / 300);
  for (size_t n = 0; n < bytes.size(); n += step) {
    std::istringstream in(bytes.substr(0, n));
    auto t = Tagger::Load(in, "cut");
    ASSERT_FALSE(t.ok()) << "truncated at " << n;
    EXPECT_EQ(t.status().code(), Code::kCorruptModel) << n;
  }
}

TEST_F(ToyTagger, FlippedBytesAreCleanErrors) {
  std::string bytes = Slurp(*model_path_);
  size_t step = std::max<size_t>(1, bytes.size() / 300);
  for (size_t i = 0; i < bytes.size(); i += step) {
    std::string b = bytes;
    b[i] = static_cast<char>(b[i] ^ 0x5A);
    std::istringstream in(b);
    auto t = Tagger::Load(in, "flipped");
    ASSERT_FALSE(t.ok()) << "flip at " << i;
    EXPECT_EQ(t.status().code(), Code::kCorruptModel) << i;
  }
}

TEST(TaggerLoad, MissingFileIsNotFound) {
  auto t = Tagger::Load(TempPath("does-not-exist.bin"));
  ASSERT_FALSE(t.ok());
  EXPECT_EQ(t.status().code(), Code::kNotFound);
}

TEST(TaggerLoad, WrongKindOrVersionIsCorrupt) {
  for (auto [kind, version] : {std::pair<const char*, uint32_t>{"parser", tagger::kTaggerKindVersion},
                               {"tagger", tagger::kTaggerKindVersion + 1}}) {
    model_io::ModelWriter w(kind, version);
    w.PutU32(1);
    std::stringstream ss;
    ASSERT_TRUE(w.WriteTo(ss, "mem").ok());
    auto t = Tagger::Load(ss, "mem");
    ASSERT_FALSE(t.ok());
    EXPECT_EQ(t.status().code(), Code::kCorruptModel);
  }
}

// Payloads with a valid checksum but inconsistent contents.
TEST(TaggerLoad, InconsistentPayloadsAreCorrupt) {
  auto base = [] {
    tagger::Model m;
    m.classes = {{"NOUN", "NN"}, {"VERB", "VB"}};
    m.pass1.begin = {0, 2};
    m.pass1.keys = {42};
    m.pass1.scale = {1.0f};
    m.pass1.entries = {{0, 5}, {1, -5}};
    m.lemmatiser.Add("dogs", 0, "dog", "");
    m.lemmatiser.Finish(2);
    return m;
  };
  auto load = [](const tagger::Model& m) {
    model_io::ModelWriter w(tagger::kTaggerKind, tagger::kTaggerKindVersion);
    m.Write(&w);
    std::stringstream ss;
    EXPECT_TRUE(w.WriteTo(ss, "mem").ok());
    return Tagger::Load(ss, "mem");
  };
  EXPECT_TRUE(load(base()).ok());
  std::vector<std::function<void(tagger::Model*)>> breakers = {
      [](tagger::Model* m) { m->pass1.entries[1].cls = 9; },
      [](tagger::Model* m) { m->pass1.begin = {0, 3}; },
      [](tagger::Model* m) { m->pass1.scale.clear(); },
      [](tagger::Model* m) { m->pass1.scale[0] = std::numeric_limits<float>::infinity(); },
      [](tagger::Model* m) { m->pass2.begin = {1}; },
      [](tagger::Model* m) { m->pass2 = m->pass1; m->pass2.begin = {0, 1}; },
      [](tagger::Model* m) {
        m->dict_keys = {1};
        m->dict_vals = {5};
      },
      [](tagger::Model* m) { m->dict_keys = {1, 2}; },
      [](tagger::Model* m) { m->classes.clear(); },
      [](tagger::Model* m) { m->amb_keys = {7}; },
  };
  for (size_t i = 0; i < breakers.size(); ++i) {
    tagger::Model m = base();
    breakers[i](&m);
    auto t = load(m);
    ASSERT_FALSE(t.ok()) << "breaker " << i;
    EXPECT_EQ(t.status().code(), Code::kCorruptModel) << i;
  }
}

// The scores of the canonical definition (tagger_model.h): sparse rows in
// feature order (product, then sum), then dense rows in feature order (fma
// on the AVX-512 path), from 0; argmax = first maximum.
using RowIndex = std::unordered_map<uint64_t, int>;
RowIndex IndexRows(const tagger::Weights& w) {
  RowIndex index;
  for (size_t r = 0; r < w.keys.size(); ++r) index.emplace(w.keys[r], static_cast<int>(r));
  return index;
}
uint32_t ReferencePredict(const tagger::Weights& w, const RowIndex& index, const uint64_t* feats,
                          int nf, uint32_t K) {
  std::vector<float> sc(K, 0.0f);
  std::vector<int> rows;
  for (int f = 0; f < nf; ++f) {
    auto it = index.find(feats[f]);
    rows.push_back(it == index.end() ? -1 : it->second);
  }
  for (int pass = 0; pass < 2; ++pass) {
    for (int r : rows) {
      if (r < 0) continue;
      const uint32_t len = w.begin[r + 1] - w.begin[r];
      const bool dense = len >= tagger::Weights::kDenseMin;
      if (dense != (pass == 1)) continue;
      for (uint32_t j = w.begin[r]; j < w.begin[r + 1]; ++j) {
        const auto& e = w.entries[j];
        const float q = static_cast<float>(e.q);
        if (dense && tagger::Weights::UsesAvx512())
          sc[e.cls] = std::fma(w.scale[r], q, sc[e.cls]);
        else
          sc[e.cls] += w.scale[r] * q;
      }
    }
  }
  return static_cast<uint32_t>(std::max_element(sc.begin(), sc.end()) - sc.begin());
}

// Random weights of every row kind and class counts around the SIMD block
// size: the runtime index and the fast sums give the reference's class.
TEST(TaggerWeights, FastPathMatchesReference) {
  uint64_t rng = 12345;
  auto next = [&] { return rng = tagger::Mix(rng); };
  for (uint32_t K : {1u, 5u, 16u, 17u, 102u, 250u}) {
    tagger::Weights w;
    const int nrows = 3000;
    for (int r = 0; r < nrows; ++r) {
      w.keys.push_back(next());
      // Lengths 0..K, many of them short, some dense.
      uint32_t len = static_cast<uint32_t>(next() % 4 == 0 ? next() % (K + 1) : next() % 4);
      len = std::min(len, K);
      std::vector<uint16_t> cls(K);
      for (uint32_t c = 0; c < K; ++c) cls[c] = static_cast<uint16_t>(c);
      for (uint32_t i = 0; i < len; ++i) std::swap(cls[i], cls[i + next() % (K - i)]);
      std::sort(cls.begin(), cls.begin() + len);
      for (uint32_t i = 0; i < len; ++i)
        w.entries.push_back({cls[i], static_cast<int16_t>(static_cast<int>(next() % 2001) - 1000)});
      w.begin.push_back(static_cast<uint32_t>(w.entries.size()));
      w.scale.push_back(static_cast<float>(next() % 1000 + 1) * 1e-4f);
    }
    w.BuildIndex(K);
    const RowIndex index = IndexRows(w);
    for (int r = 0; r < nrows; ++r)
      EXPECT_EQ(w.Lookup(w.keys[r]) != 0, w.begin[r + 1] > w.begin[r]) << "K " << K << " row " << r;
    int checked = 0;
    for (int t = 0; t < 300; ++t) {
      uint64_t feats[tagger::kMaxFeatures];
      const int nf = 1 + static_cast<int>(next() % tagger::kMaxFeatures);
      for (int f = 0; f < nf; ++f)
        feats[f] = next() % 5 == 0 ? next() : w.keys[next() % nrows];  // some absent
      alignas(64) float scores[256] = {};
      const uint32_t got = w.Predict(feats, nf, scores, K);
      ASSERT_EQ(got, ReferencePredict(w, index, feats, nf, K)) << "K " << K << " trial " << t;
      ++checked;
    }
    EXPECT_EQ(checked, 300);
  }
}

// Ties: the first class with the maximum score wins, as in a plain loop.
TEST(TaggerWeights, TiesGoToTheFirstClass) {
  for (uint32_t K : {3u, 20u, 102u}) {
    tagger::Weights w;
    w.keys = {tagger::Mix(7)};
    w.scale = {0.5f};
    for (uint32_t c = 0; c < K; ++c)  // a dense row: classes 1 and K-1 tie
      w.entries.push_back({static_cast<uint16_t>(c), static_cast<int16_t>(c == 1 || c == K - 1 ? 9 : 2)});
    w.begin = {0, static_cast<uint32_t>(w.entries.size())};
    w.BuildIndex(K);
    uint64_t f = tagger::Mix(7);
    alignas(64) float scores[256] = {};
    EXPECT_EQ(w.Predict(&f, 1, scores, K), 1u) << K;
    uint64_t absent = tagger::Mix(8);
    alignas(64) float zero[256] = {};
    EXPECT_EQ(w.Predict(&absent, 1, zero, K), 0u) << K;
  }
}

// The shipped model's tags from the runtime equal the reference sums on EWT
// dev sentences.
TEST(ShippedTagger, FastPathMatchesReferenceOnEwtDev) {
  std::string dev = std::string(ENTENTE_SHARED_DIR) + "/data/ud-english-ewt/en_ewt-ud-dev.conllu";
  if (!fs::exists(dev)) GTEST_SKIP() << "no " << dev;
  std::ifstream in(std::string(ENTENTE_DATA_DIR) + "/models/en_ewt-tagger.bin", std::ios::binary);
  auto reader = model_io::ModelReader::FromStream(in, "model", tagger::kTaggerKind,
                                                  tagger::kTaggerKindVersion);
  ASSERT_TRUE(reader.ok()) << reader.status().ToString();
  tagger::Model m;
  ASSERT_TRUE(m.Read(&*reader)) << reader->status().ToString();
  ASSERT_TRUE(m.pass2.empty());
  auto gold = ReadConlluFile(dev);
  ASSERT_TRUE(gold.ok()) << gold.status().ToString();
  // Only the rows the sentences use, for a fast reference lookup.
  std::vector<char> scratch;
  uint64_t words = 0;
  const uint32_t K = m.num_classes();
  const RowIndex index = IndexRows(m.pass1);
  for (size_t si = 0; si < gold->size() && si < 120; ++si) {
    const Sentence& s = (*gold)[si];
    const int n = static_cast<int>(s.tokens.size());
    std::vector<tagger::WordInfo> w(n);
    for (int i = 0; i < n; ++i) m.Describe(s.tokens[i].form, &w[i], &scratch);
    std::vector<uint32_t> fast(n), tmp;
    m.TagWords(w.data(), n, fast.data(), &tmp);
    uint32_t t1 = K, t2 = K;
    for (int i = 0; i < n; ++i, ++words) {
      uint32_t c;
      const int d = m.DictClass(w[i].form);
      if (d >= 0) {
        c = static_cast<uint32_t>(d);
      } else {
        uint64_t feats[tagger::kMaxFeatures];
        tagger::ExtractFeatures(w.data(), n, i, t1, t2, feats);
        c = ReferencePredict(m.pass1, index, feats, tagger::kNumFeatures, K);
      }
      ASSERT_EQ(fast[i], c) << "sentence " << si << " word " << i;
      t2 = t1;
      t1 = c;
    }
  }
  EXPECT_GT(words, 1000u);
}

// Accuracy regression of the shipped model on UD English EWT dev.
TEST(ShippedTagger, EwtDevAccuracy) {
  std::string dev = std::string(ENTENTE_SHARED_DIR) + "/data/ud-english-ewt/en_ewt-ud-dev.conllu";
  if (!fs::exists(dev)) GTEST_SKIP() << "no " << dev;
  std::string model = std::string(ENTENTE_DATA_DIR) + "/models/en_ewt-tagger.bin";
  auto tagger = Tagger::Load(model);
  ASSERT_TRUE(tagger.ok()) << tagger.status().ToString();
  auto gold = ReadConlluFile(dev);
  ASSERT_TRUE(gold.ok()) << gold.status().ToString();
  TaggerScores sc = EvaluateTagger(**tagger, *gold);
  // What the shipped model reaches, minus 0.1 point.
  EXPECT_GE(100 * sc.upos, kMinDevUpos);
  EXPECT_GE(100 * sc.xpos, kMinDevXpos);
  EXPECT_GE(100 * sc.lemma, kMinDevLemma);
}

}  // namespace
}  // namespace entente
