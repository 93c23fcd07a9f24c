#include "entente/tagger.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdio>
#include <functional>
#include <limits>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <thread>

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

std::string TempPath(const std::string& name) {
  return (fs::temp_directory_path() / ("entente-tagger-test-" + name)).string();
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
