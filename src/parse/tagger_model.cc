#include "parse/tagger_model.h"

#include <cmath>
#include <cstring>

namespace entente::tagger {
namespace {

constexpr uint32_t kMaxEntries = 1u << 24;  // run starts are packed in 24 bits

uint64_t PackRow(float scale, uint32_t len, uint32_t start) {
  uint32_t bits;
  std::memcpy(&bits, &scale, 4);
  return (uint64_t{bits} << 32) | (uint64_t{len} << 24) | start;
}

}  // namespace

void Model::BuildIndex() {
  dict_ = FlatMap();
  dict_.Reserve(dict_keys.size());
  for (size_t i = 0; i < dict_keys.size(); ++i) dict_.Insert(dict_keys[i], dict_vals[i]);
  amb_ = FlatMap();
  amb_.Reserve(amb_keys.size());
  for (size_t i = 0; i < amb_keys.size(); ++i) amb_.Insert(amb_keys[i], amb_vals[i]);
  index_ = FlatMap();
  index_.Reserve(keys.size());
  for (size_t r = 0; r < keys.size(); ++r)
    index_.Insert(keys[r], PackRow(scale[r], begin[r + 1] - begin[r], begin[r]));
}

uint32_t Model::Predict(const uint64_t* feats, float* scores) const {
  const uint32_t K = num_classes();
  const Entry* e = entries.data();
  for (int f = 0; f < kNumFeatures; ++f) {
    uint64_t v = index_.Find(feats[f]);
    if (v == FlatMap::kNone) continue;
    float s;
    uint32_t bits = static_cast<uint32_t>(v >> 32);
    std::memcpy(&s, &bits, 4);
    uint32_t len = static_cast<uint32_t>(v >> 24) & 0xFFu;
    const Entry* p = e + (v & 0xFFFFFFu);
    for (uint32_t j = 0; j < len; ++j) scores[p[j].cls] += s * static_cast<float>(p[j].q);
  }
  uint32_t best = 0;
  float best_s = scores[0];
  for (uint32_t c = 1; c < K; ++c)
    if (scores[c] > best_s) {
      best_s = scores[c];
      best = c;
    }
  return best;
}

void Model::TagWords(const WordInfo* words, int n, uint32_t* out) const {
  const uint32_t K = num_classes();
  uint32_t t1 = K, t2 = K;
  uint64_t feats[kNumFeatures];
  float scores[256];
  for (int i = 0; i < n; ++i) {
    int d = DictClass(words[i].form);
    uint32_t c;
    if (d >= 0) {
      c = static_cast<uint32_t>(d);
    } else {
      ExtractFeatures(words, n, i, t1, t2, feats);
      std::memset(scores, 0, sizeof(float) * K);
      c = Predict(feats, scores);
    }
    out[i] = c;
    t2 = t1;
    t1 = c;
  }
}

void Model::TagSentence(Sentence* s) const {
  const int n = static_cast<int>(s->tokens.size());
  if (n == 0 || classes.empty()) return;
  thread_local std::vector<WordInfo> words;
  thread_local std::vector<uint32_t> cls;
  thread_local std::vector<char> scratch;
  thread_local std::string buf;
  if (words.size() < static_cast<size_t>(n)) {
    words.resize(n);
    cls.resize(n);
  }
  for (int i = 0; i < n; ++i) Describe(s->tokens[i].form, &words[i], &scratch);
  TagWords(words.data(), n, cls.data());
  for (int i = 0; i < n; ++i) {
    Token& t = s->tokens[i];
    const auto& c = classes[cls[i]];
    t.upos = c.first;
    t.xpos = c.second;
    std::string_view lemma = lemmatiser.Lemma(t.form, cls[i], &buf);
    t.lemma.assign(lemma.data(), lemma.size());
    std::string_view feats = lemmatiser.Feats(t.form, cls[i]);
    t.feats.assign(feats.data(), feats.size());
  }
}

void Model::Write(model_io::ModelWriter* w) const {
  w->PutU32(num_classes());
  for (const auto& [u, x] : classes) {
    w->PutString(u);
    w->PutString(x);
  }
  w->PutVector(dict_keys);
  w->PutVector(dict_vals);
  w->PutVector(amb_keys);
  w->PutVector(amb_vals);
  w->PutVector(keys);
  w->PutVector(begin);
  w->PutVector(scale);
  w->PutVector(entries);
  lemmatiser.Save(w);
}

bool Model::Read(model_io::ModelReader* r) {
  uint32_t K = 0;
  if (!r->GetU32(&K)) return false;
  if (K == 0 || K > 250) return r->Fail("bad class count");
  classes.clear();
  for (uint32_t i = 0; i < K; ++i) {
    std::string u, x;
    if (!r->GetString(&u) || !r->GetString(&x)) return false;
    classes.emplace_back(std::move(u), std::move(x));
  }
  if (!r->GetVector(&dict_keys) || !r->GetVector(&dict_vals) || !r->GetVector(&amb_keys) ||
      !r->GetVector(&amb_vals) || !r->GetVector(&keys) ||
      !r->GetVector(&begin) || !r->GetVector(&scale) || !r->GetVector(&entries))
    return false;
  if (dict_keys.size() != dict_vals.size()) return r->Fail("tag dictionary sizes disagree");
  if (amb_keys.size() != amb_vals.size()) return r->Fail("ambiguity class sizes disagree");
  for (uint64_t v : amb_vals)
    if (v == FlatMap::kNone) return r->Fail("bad ambiguity class");
  for (uint32_t c : dict_vals)
    if (c >= K) return r->Fail("tag dictionary class out of range");
  if (begin.size() != keys.size() + 1 || scale.size() != keys.size())
    return r->Fail("weight table sizes disagree");
  if (entries.size() >= kMaxEntries) return r->Fail("too many weight entries");
  if (begin[0] != 0 || begin.back() != entries.size()) return r->Fail("bad weight row bounds");
  for (size_t i = 0; i + 1 < begin.size(); ++i)
    if (begin[i + 1] < begin[i] || begin[i + 1] - begin[i] > K)
      return r->Fail("bad weight row bounds");
  for (float s : scale)
    if (!std::isfinite(s)) return r->Fail("non-finite weight scale");
  for (const Entry& e : entries)
    if (e.cls >= K) return r->Fail("weight class out of range");
  if (!lemmatiser.Load(r, K)) return false;
  if (!r->AtEnd()) return r->Fail("trailing bytes after the model");
  BuildIndex();
  return true;
}

}  // namespace entente::tagger
