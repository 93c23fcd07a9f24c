#include "parse/tagger_model.h"

#include <immintrin.h>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <string_view>

namespace entente::tagger {
namespace {

// Blob offsets are packed in 24 bits (rows + entries must stay below).
constexpr uint64_t kMaxEntries = 1u << 23;

// scores[0..width) += scale[i] * rows[i][0..width) for every row (width a
// multiple of 16).  AVX-512 where the CPU has it (ENTENTE_TAGGER_SIMD=plain
// forces the portable loop); the sums are the same up to float rounding.
void AddDensePlain(const int16_t* const* rows, const float* scale, int m, int width,
                   float* scores) {
  for (int i = 0; i < m; ++i) {
    for (int c = 0; c < width; ++c) scores[c] += scale[i] * static_cast<float>(rows[i][c]);
  }
}

#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"
__attribute__((target("avx512f,avx512bw"))) void AddDenseAvx512(const int16_t* const* rows,
                                                                const float* scale, int m,
                                                                int width, float* scores) {
  for (int c = 0; c < width; c += 16) {
    __m512 a = _mm512_loadu_ps(scores + c);
    for (int i = 0; i < m; ++i) {
      const __m512 w = _mm512_cvtepi32_ps(
          _mm512_cvtepi16_epi32(_mm256_loadu_si256(reinterpret_cast<const __m256i*>(rows[i] + c))));
      a = _mm512_fmadd_ps(_mm512_set1_ps(scale[i]), w, a);
    }
    _mm512_storeu_ps(scores + c, a);
  }
}
#pragma GCC diagnostic pop

using AddDenseFn = void (*)(const int16_t* const*, const float*, int, int, float*);
const AddDenseFn AddDense = [] {
  __builtin_cpu_init();  // may run before libgcc's own constructor
  const char* cap = std::getenv("ENTENTE_TAGGER_SIMD");
  if (cap && std::string_view(cap) == "plain") return AddDensePlain;
  return __builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx512bw") ? AddDenseAvx512
                                                                                 : AddDensePlain;
}();

}  // namespace

void Weights::BuildIndex() {
  size_t cap = 16;
  while (cap < keys.size() * 2 + 2) cap *= 2;
  slots_.assign(cap, Slot{});
  mask_ = cap - 1;
  blob_.clear();
  blob_.reserve(keys.size() + entries.size());
  dense_.clear();
  dense_scale_.clear();
  uint32_t max_cls = 0;
  for (const Entry& e : entries) max_cls = std::max<uint32_t>(max_cls, e.cls);
  dense_width_ = static_cast<int>((max_cls + 1 + 15) / 16 * 16);
  for (size_t r = 0; r < keys.size(); ++r) {
    const uint32_t fp = static_cast<uint32_t>(keys[r] >> 32);
    size_t i = keys[r] & mask_;
    while (slots_[i].row != kEmpty && slots_[i].fp != fp) i = (i + 1) & mask_;
    if (slots_[i].row != kEmpty) continue;  // same slot chain and fingerprint: first wins
    const uint32_t len = begin[r + 1] - begin[r];
    slots_[i].fp = fp;
    if (len >= kDenseMin) {
      const size_t row = dense_scale_.size();
      slots_[i].row = (kDenseRun << 24) | static_cast<uint32_t>(row);
      dense_scale_.push_back(scale[r]);
      dense_.resize((row + 1) * static_cast<size_t>(dense_width_), 0);
      for (uint32_t j = begin[r]; j < begin[r + 1]; ++j) {
        dense_[row * static_cast<size_t>(dense_width_) + entries[j].cls] = entries[j].q;
      }
      continue;
    }
    slots_[i].row = (len << 24) | static_cast<uint32_t>(blob_.size());
    uint32_t bits;
    std::memcpy(&bits, &scale[r], 4);
    blob_.push_back(bits);
    for (uint32_t j = begin[r]; j < begin[r + 1]; ++j) {
      uint32_t e;
      std::memcpy(&e, &entries[j], 4);
      blob_.push_back(e);
    }
  }
}

uint32_t Weights::Predict(const uint64_t* feats, int nf, float* scores, uint32_t K) const {
  const Slot* slots = slots_.data();
  for (int f = 0; f < nf; ++f) __builtin_prefetch(slots + (feats[f] & mask_));
  const uint32_t* blob = blob_.data();
  // Resolve every feature's row first (prefetching its weights), then add.
  uint32_t rows[kMaxFeatures];
  const int16_t* dense_rows[kMaxFeatures];
  float dense_scale[kMaxFeatures];
  int nr = 0, nd = 0;
  for (int f = 0; f < nf; ++f) {
    const uint32_t fp = static_cast<uint32_t>(feats[f] >> 32);
    size_t i = feats[f] & mask_;
    while (slots[i].row != kEmpty) {
      if (slots[i].fp == fp) {
        const uint32_t row = slots[i].row;
        if ((row >> 24) == kDenseRun) {
          const size_t d = row & 0xFFFFFFu;
          dense_rows[nd] = dense_.data() + d * static_cast<size_t>(dense_width_);
          dense_scale[nd++] = dense_scale_[d];
        } else {
          rows[nr++] = row;
          __builtin_prefetch(blob + (row & 0xFFFFFFu));
        }
        break;
      }
      i = (i + 1) & mask_;
    }
  }
  for (int r = 0; r < nr; ++r) {
    const uint32_t row = rows[r];
    const uint32_t* p = blob + (row & 0xFFFFFFu);
    float s;
    std::memcpy(&s, p, 4);
    const uint32_t len = row >> 24;
    for (uint32_t j = 1; j <= len; ++j) {
      Entry e;
      std::memcpy(&e, p + j, 4);
      scores[e.cls] += s * static_cast<float>(e.q);
    }
  }
  // Dense rows last; the padding classes beyond K stay unread.
  if (nd > 0) AddDense(dense_rows, dense_scale, nd, dense_width_, scores);
  uint32_t best = 0;
  float best_s = scores[0];
  for (uint32_t c = 1; c < K; ++c)
    if (scores[c] > best_s) {
      best_s = scores[c];
      best = c;
    }
  return best;
}

void Weights::Write(model_io::ModelWriter* w) const {
  w->PutVector(keys);
  w->PutVector(begin);
  w->PutVector(scale);
  w->PutVector(entries);
}

bool Weights::Read(model_io::ModelReader* r, uint32_t K) {
  if (!r->GetVector(&keys) || !r->GetVector(&begin) || !r->GetVector(&scale) ||
      !r->GetVector(&entries))
    return false;
  if (begin.size() != keys.size() + 1 || scale.size() != keys.size())
    return r->Fail("weight table sizes disagree");
  if (entries.size() >= kMaxEntries || keys.size() >= kMaxEntries)
    return r->Fail("too many weight entries");
  if (begin[0] != 0 || begin.back() != entries.size()) return r->Fail("bad weight row bounds");
  for (size_t i = 0; i + 1 < begin.size(); ++i)
    if (begin[i + 1] < begin[i] || begin[i + 1] - begin[i] > K)
      return r->Fail("bad weight row bounds");
  for (float s : scale)
    if (!std::isfinite(s)) return r->Fail("non-finite weight scale");
  for (const Entry& e : entries)
    if (e.cls >= K) return r->Fail("weight class out of range");
  BuildIndex();
  return true;
}

void Model::BuildIndex() {
  dict_ = FlatMap();
  dict_.Reserve(dict_keys.size());
  for (size_t i = 0; i < dict_keys.size(); ++i) dict_.Insert(dict_keys[i], dict_vals[i]);
  amb_ = FlatMap();
  amb_.Reserve(amb_keys.size());
  for (size_t i = 0; i < amb_keys.size(); ++i) amb_.Insert(amb_keys[i], amb_vals[i]);
  pass1.BuildIndex();
  pass2.BuildIndex();
}

void Model::RunPass(const Weights& weights, const WordInfo* words, int n, const uint32_t* right,
                    uint32_t* out) const {
  const uint32_t K = num_classes();
  uint32_t t1 = K, t2 = K;
  uint64_t feats[kMaxFeatures];
  float scores[256];
  const int nf = right ? kMaxFeatures : kNumFeatures;
  for (int i = 0; i < n; ++i) {
    int d = DictClass(words[i].form);
    uint32_t c;
    if (d >= 0) {
      c = static_cast<uint32_t>(d);
    } else {
      ExtractFeatures(words, n, i, t1, t2, feats);
      if (right) ExtractRightFeatures(words, n, i, t1, right, K + 1, feats + kNumFeatures);
      std::memset(scores, 0, sizeof scores);  // dense rows add up to 256
      c = weights.Predict(feats, nf, scores, K);
    }
    out[i] = c;
    t2 = t1;
    t1 = c;
  }
}

void Model::TagWords(const WordInfo* words, int n, uint32_t* out,
                     std::vector<uint32_t>* tmp) const {
  if (pass2.empty()) {
    RunPass(pass1, words, n, nullptr, out);
    return;
  }
  if (tmp->size() < static_cast<size_t>(n)) tmp->resize(n);
  RunPass(pass1, words, n, nullptr, tmp->data());
  RunPass(pass2, words, n, tmp->data(), out);
}

void Model::TagSentence(Sentence* s) const {
  const int n = static_cast<int>(s->tokens.size());
  if (n == 0 || classes.empty()) return;
  thread_local std::vector<WordInfo> words;
  thread_local std::vector<uint32_t> cls, tmp;
  thread_local std::vector<char> scratch;
  thread_local std::string buf;
  if (words.size() < static_cast<size_t>(n)) {
    words.resize(n);
    cls.resize(n);
  }
  for (int i = 0; i < n; ++i) Describe(s->tokens[i].form, &words[i], &scratch);
  TagWords(words.data(), n, cls.data(), &tmp);
  for (int i = 0; i < n; ++i) {
    Token& t = s->tokens[i];
    const auto& c = classes[cls[i]];
    t.upos = c.first;
    t.xpos = c.second;
    std::string_view lemma, feats;
    lemmatiser.Analyse(t.form, cls[i], &buf, &lemma, &feats);
    t.lemma.assign(lemma.data(), lemma.size());
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
  pass1.Write(w);
  pass2.Write(w);
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
      !r->GetVector(&amb_vals))
    return false;
  if (dict_keys.size() != dict_vals.size()) return r->Fail("tag dictionary sizes disagree");
  if (amb_keys.size() != amb_vals.size()) return r->Fail("ambiguity class sizes disagree");
  for (uint64_t v : amb_vals)
    if (v == FlatMap::kNone) return r->Fail("bad ambiguity class");
  for (uint32_t c : dict_vals)
    if (c >= K) return r->Fail("tag dictionary class out of range");
  if (!pass1.Read(r, K) || !pass2.Read(r, K)) return false;
  if (!lemmatiser.Load(r, K)) return false;
  if (!r->AtEnd()) return r->Fail("trailing bytes after the model");
  BuildIndex();
  return true;
}

}  // namespace entente::tagger
