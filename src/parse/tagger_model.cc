#include "parse/tagger_model.h"

#include <immintrin.h>

#include <algorithm>
#include <array>
#include <utility>
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <string_view>

namespace entente::tagger {
namespace {

// Blob offsets are packed in 24 bits (rows + entries must stay below).
constexpr uint64_t kMaxEntries = 1u << 23;

uint32_t ArgmaxPlain(const float* scores, uint32_t K) {
  uint32_t best = 0;
  float best_s = scores[0];
  for (uint32_t c = 1; c < K; ++c)
    if (scores[c] > best_s) {
      best_s = scores[c];
      best = c;
    }
  return best;
}

// scores[0..width) += scale[i] * rows[i][0..width) for every row i < m (width
// a multiple of 16, at least K), then the argmax of scores[0..K).  The
// AVX-512 version keeps the scores in registers, adds with fma and finds the
// argmax with vector compares (same result: the first maximum); it is used
// where the CPU has it (ENTENTE_TAGGER_SIMD=plain forces the portable loop,
// whose sums may differ in the last bit).
uint32_t DensePlain(const int16_t* const* rows, const float* scale, int m, int width,
                    float* scores, uint32_t K) {
  for (int i = 0; i < m; ++i) {
    for (int c = 0; c < width; ++c) scores[c] += scale[i] * static_cast<float>(rows[i][c]);
  }
  return ArgmaxPlain(scores, K);
}

#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"
#pragma GCC diagnostic ignored "-Wuninitialized"
template <int NB>
__attribute__((target("avx512f,avx512bw"))) uint32_t DenseAvx512(const int16_t* const* rows,
                                                                 const float* scale, int m,
                                                                 int width, float* scores,
                                                                 uint32_t K) {
  __m512 a[NB];
  for (int b = 0; b < NB; ++b) a[b] = _mm512_loadu_ps(scores + 16 * b);
  for (int i = 0; i < m; ++i) {
    const __m512 s = _mm512_set1_ps(scale[i]);
    const int16_t* r = rows[i];
    for (int b = 0; b < NB; ++b) {
      const __m512 w = _mm512_cvtepi32_ps(
          _mm512_cvtepi16_epi32(_mm256_loadu_si256(reinterpret_cast<const __m256i*>(r + 16 * b))));
      a[b] = _mm512_fmadd_ps(s, w, a[b]);
    }
  }
  // Classes >= K read as -inf; the first lane equal to the maximum wins.
  const __m512 neg = _mm512_set1_ps(-__builtin_inff());
  __mmask16 valid[NB];
  __m512 mx = neg;
  for (int b = 0; b < NB; ++b) {
    const uint32_t lo = 16u * b;
    valid[b] = K >= lo + 16 ? 0xFFFF : K > lo ? static_cast<__mmask16>((1u << (K - lo)) - 1) : 0;
    a[b] = _mm512_mask_mov_ps(neg, valid[b], a[b]);
    mx = _mm512_max_ps(mx, a[b]);
  }
  const __m512 best = _mm512_set1_ps(_mm512_reduce_max_ps(mx));
  for (int b = 0; b < NB; ++b) {
    const __mmask16 eq = _mm512_mask_cmp_ps_mask(valid[b], a[b], best, _CMP_EQ_OQ);
    if (eq) return 16u * b + static_cast<uint32_t>(__builtin_ctz(eq));
  }
  return 0;
}
#pragma GCC diagnostic pop

using DenseFn = uint32_t (*)(const int16_t* const*, const float*, int, int, float*, uint32_t);

template <int... NB>
constexpr std::array<DenseFn, sizeof...(NB) + 1> Avx512Table(std::integer_sequence<int, NB...>) {
  return {nullptr, &DenseAvx512<NB + 1>...};
}
constexpr auto kDenseAvx512 = Avx512Table(std::make_integer_sequence<int, 16>{});

const bool kUseAvx512 = [] {
  __builtin_cpu_init();  // may run before libgcc's own constructor
  const char* cap = std::getenv("ENTENTE_TAGGER_SIMD");
  if (cap && std::string_view(cap) == "plain") return false;
  return __builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx512bw");
}();

}  // namespace

void Weights::BuildIndex(uint32_t num_classes) {
  uint32_t max_cls = 0;
  for (const Entry& e : entries) max_cls = std::max<uint32_t>(max_cls, e.cls);
  dense_width_ = static_cast<int>((std::max(max_cls + 1, num_classes) + 15) / 16 * 16);
  // Row descriptors, in key order.
  std::vector<uint32_t> desc(keys.size(), 0);
  size_t ndense = 0, nblob = 0;
  for (size_t r = 0; r < keys.size(); ++r) {
    const uint32_t len = begin[r + 1] - begin[r];
    if (len >= kDenseMin) {
      ++ndense;
    } else if (len > 0) {
      nblob += 1 + len;
    }
  }
  dense_.Allocate(ndense * static_cast<size_t>(dense_width_));
  dense_scale_.assign(std::max<size_t>(ndense, 1), 0.0f);
  blob_.Allocate(nblob);
  uint32_t nblob_used = 0;
  uint32_t next_dense = 0;
  for (size_t r = 0; r < keys.size(); ++r) {
    const uint32_t len = begin[r + 1] - begin[r];
    if (len == 0) continue;
    if (len >= kDenseMin) {
      const uint32_t row = next_dense++;
      int16_t* d = dense_.data() + row * static_cast<size_t>(dense_width_);
      for (uint32_t j = begin[r]; j < begin[r + 1]; ++j) d[entries[j].cls] = entries[j].q;
      dense_scale_[row] = scale[r];
      desc[r] = kDescDense | row;
      continue;
    }
    desc[r] = (len << 24) | nblob_used;
    std::memcpy(&blob_[nblob_used++], &scale[r], 4);
    for (uint32_t j = begin[r]; j < begin[r + 1]; ++j) std::memcpy(&blob_[nblob_used++], &entries[j], 4);
  }
  // At most four keys per bucket on average; grow while two different keys
  // share a fingerprint on one probe path.  A repeated key keeps its first
  // row (as the previous index did).
  size_t nb = 1;
  while (nb * 4 < keys.size()) nb <<= 1;
  std::vector<uint32_t> slot_row;
  for (int attempt = 0;; ++attempt, nb <<= 1) {
    buckets_.Allocate(nb);
    mask_ = nb - 1;
    slot_row.assign(nb * 8, 0);
    bool clash = false;
    for (size_t r = 0; r < keys.size() && !clash; ++r) {
      const uint32_t fp = Fingerprint(keys[r]);
      for (size_t j = keys[r] & mask_;; j = (j + 1) & mask_) {
        Bucket& b = buckets_[j];
        int k = 0;
        while (k < 8 && b.fp[k] != 0 && b.fp[k] != fp) ++k;
        if (k < 8 && b.fp[k] == fp) {
          // Same fingerprint: the same key again (first wins) or a clash.
          clash = keys[slot_row[j * 8 + k]] != keys[r] && attempt < 8;
          break;
        }
        if (k < 8) {
          b.fp[k] = fp;
          b.val[k] = desc[r];
          slot_row[j * 8 + k] = static_cast<uint32_t>(r);
          break;
        }
      }
    }
    if (!clash) break;
  }
}

uint32_t Weights::LookupOverflow(uint64_t key) const {
  const uint32_t fp = Fingerprint(key);
  for (size_t j = key & mask_;; j = (j + 1) & mask_) {
    const Bucket& b = buckets_[j];
    const unsigned m = MatchMask(b, fp);
    if (m) return b.val[__builtin_ctz(m)];
    if (b.fp[7] == 0) return 0;
  }
}

bool Weights::UsesAvx512() { return kUseAvx512; }

uint32_t Weights::Predict(const uint64_t* feats, int nf, float* scores, uint32_t K) const {
  uint32_t desc[kMaxFeatures];
  for (int f = 0; f < nf; ++f) Prefetch(feats[f]);
  for (int f = 0; f < nf; ++f) desc[f] = Lookup(feats[f]);
  return PredictRows(desc, nf, scores, K);
}

uint32_t Weights::PredictRows(const uint32_t* desc, int nf, float* scores, uint32_t K) const {
  // Split into sparse and dense lists without branching on the kind.
  uint32_t sparse[kMaxFeatures];
  const int16_t* dense_rows[kMaxFeatures];
  float dscale[kMaxFeatures];
  int ns = 0, nd = 0;
  const int16_t* dense_base = dense_.data();
  const float* dense_scale = dense_scale_.data();
  const size_t width = static_cast<size_t>(dense_width_);
  for (int f = 0; f < nf; ++f) {
    const uint32_t d = desc[f];
    const uint32_t is_dense = d >> 31;
    const uint32_t row = (d & ~kDescDense) & (0u - is_dense);  // 0 unless dense
    dense_rows[nd] = dense_base + row * width;
    dscale[nd] = dense_scale[row];
    nd += static_cast<int>(is_dense);
    sparse[ns] = d;
    ns += static_cast<int>((d != 0) & (is_dense ^ 1u));
  }
  const uint32_t* blob = blob_.data();
  for (int r = 0; r < ns; ++r) __builtin_prefetch(blob + (sparse[r] & 0xFFFFFFu));
  for (int r = 0; r < nd; ++r) {
    const char* p = reinterpret_cast<const char*>(dense_rows[r]);
    for (size_t o = 0; o < width * sizeof(int16_t); o += 64) __builtin_prefetch(p + o);
  }
  for (int r = 0; r < ns; ++r) {
    const uint32_t* p = blob + (sparse[r] & 0xFFFFFFu);
    float s;
    std::memcpy(&s, p, 4);
    const uint32_t len = sparse[r] >> 24;
    for (uint32_t j = 1; j <= len; ++j) {
      Entry e;
      std::memcpy(&e, p + j, 4);
      scores[e.cls] += s * static_cast<float>(e.q);
    }
  }
  // Dense rows last; the padding classes beyond K are never chosen.
  if (kUseAvx512) return kDenseAvx512[width / 16](dense_rows, dscale, nd, dense_width_, scores, K);
  return DensePlain(dense_rows, dscale, nd, dense_width_, scores, K);
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
  return true;
}

void Model::BuildIndex() {
  dict_ = FlatMap();
  dict_.Reserve(dict_keys.size());
  for (size_t i = 0; i < dict_keys.size(); ++i) dict_.Insert(dict_keys[i], dict_vals[i]);
  amb_ = FlatMap();
  amb_.Reserve(amb_keys.size());
  for (size_t i = 0; i < amb_keys.size(); ++i) amb_.Insert(amb_keys[i], amb_vals[i]);
  pass1.BuildIndex(num_classes());
  pass2.BuildIndex(num_classes());
}

void Model::RunPass(const Weights& weights, const WordInfo* words, int n, const uint32_t* right,
                    uint32_t* out) const {
  const uint32_t K = num_classes();
  uint32_t t1 = K, t2 = K;
  uint64_t feats[kMaxFeatures];
  alignas(64) float scores[256];
  const int nf = right ? kMaxFeatures : kNumFeatures;
  const uint32_t width = (K + 15) / 16 * 16;
  for (int i = 0; i < n; ++i) {
    int d = DictClass(words[i].form);
    uint32_t c;
    if (d >= 0) {
      c = static_cast<uint32_t>(d);
    } else {
      ExtractFeatures(words, n, i, t1, t2, feats);
      if (right) ExtractRightFeatures(words, n, i, t1, right, K + 1, feats + kNumFeatures);
      // The sums read the classes below K rounded up to 16 (the dense width).
      for (uint32_t j = 0; j < width; j += 16) std::memset(scores + j, 0, 16 * sizeof(float));
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
  thread_local std::vector<uint64_t> lex_keys;
  thread_local std::vector<char> scratch;
  thread_local std::string buf;
  if (words.size() < static_cast<size_t>(n)) {
    words.resize(n);
    cls.resize(n);
    lex_keys.resize(n);
  }
  // Every table is probed for all the words after their slots were asked
  // for: the misses of a sentence overlap instead of following each other.
  for (int i = 0; i < n; ++i) {
    DescribeWord(s->tokens[i].form, &words[i], &scratch);
    amb_.Prefetch(words[i].lower);
  }
  for (int i = 0; i < n; ++i) {
    const uint64_t a = amb_.Find(words[i].lower);
    if (a != FlatMap::kNone)
      words[i].amb = a;
    else
      MakeUnknown(&words[i]);
  }
  TagWords(words.data(), n, cls.data(), &tmp);
  for (int i = 0; i < n; ++i) {
    lex_keys[i] = lemmatiser.Key(s->tokens[i].form, cls[i]);
    lemmatiser.Prefetch(lex_keys[i]);
  }
  for (int i = 0; i < n; ++i) {
    Token& t = s->tokens[i];
    const auto& c = classes[cls[i]];
    t.upos = c.first;
    t.xpos = c.second;
    std::string_view lemma, feats;
    lemmatiser.Analyse(t.form, cls[i], lex_keys[i], &buf, &lemma, &feats);
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
