// The tagger's model: class inventory, tag dictionary, vocabulary with
// ambiguity classes, sparse quantised perceptron weights of one or two passes
// and the lemmatiser (internal; shared by the trainer and entente::Tagger).
//
// Tagging is greedy left to right.  Pass 1 sees the classes it predicted for
// the words on the left; the optional pass 2 also sees pass 1's classes of the
// words on the right.
//
// Weights: every feature key owns a run of entries (class, int16 weight) and a
// float scale; the score of a class is the sum over the active features of
// scale * weight.  The runtime index maps a key to (scale bits, run length,
// run start) packed in one 64-bit value, so a feature costs one table probe.
#pragma once

#include <emmintrin.h>

#include <sys/mman.h>

#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <new>
#include <string>
#include <utility>
#include <vector>

#include "entente/document.h"
#include "parse/lemma.h"
#include "parse/tagger_features.h"
#include "parse/tagger_flatmap.h"
#include "util/model_io.h"

namespace entente::tagger {

inline constexpr uint32_t kTaggerKindVersion = 2;
inline constexpr char kTaggerKind[] = "tagger";

// A fixed-size array, 64-byte aligned; arrays of 2 MB or more are aligned to
// 2 MB and offered transparent huge pages (madvise), since the weight tables
// are probed at random and would otherwise miss the TLB.  Copyable.
template <typename T>
class HugeArray {
 public:
  HugeArray() = default;
  explicit HugeArray(size_t n) { Allocate(n); }
  HugeArray(const HugeArray& o) {
    Allocate(o.n_);
    if (n_) std::memcpy(static_cast<void*>(p_), o.p_, n_ * sizeof(T));
  }
  HugeArray(HugeArray&& o) noexcept : p_(o.p_), n_(o.n_) {
    o.p_ = nullptr;
    o.n_ = 0;
  }
  HugeArray& operator=(HugeArray o) noexcept {
    std::swap(p_, o.p_);
    std::swap(n_, o.n_);
    return *this;
  }
  ~HugeArray() { std::free(p_); }
  // n zero-filled elements (T must be trivially copyable).
  void Allocate(size_t n) {
    std::free(p_);
    p_ = nullptr;
    n_ = n;
    if (n == 0) return;
    constexpr size_t kHuge = size_t{2} << 20;
    size_t bytes = n * sizeof(T);
    const size_t align = bytes >= kHuge ? kHuge : 64;
    bytes = (bytes + align - 1) / align * align;
    void* mem = std::aligned_alloc(align, bytes);
    if (!mem) throw std::bad_alloc();
    if (align == kHuge) madvise(mem, bytes, MADV_HUGEPAGE);
    std::memset(mem, 0, bytes);
    p_ = static_cast<T*>(mem);
  }
  T* data() { return p_; }
  const T* data() const { return p_; }
  size_t size() const { return n_; }
  T& operator[](size_t i) { return p_[i]; }
  const T& operator[](size_t i) const { return p_[i]; }

 private:
  T* p_ = nullptr;
  size_t n_ = 0;
};

struct Entry {
  uint16_t cls;
  int16_t q;
};

struct Weights {
  std::vector<uint64_t> keys;   // feature keys, one per row
  std::vector<uint32_t> begin = {0};  // row r: entries [begin[r], begin[r+1])
  std::vector<float> scale;     // per row
  std::vector<Entry> entries;

  // Rows of kDenseMin or more entries (the frequent features) are dense at
  // run time and added with SIMD; shorter rows are sparse.
  static constexpr uint32_t kDenseMin = 12;

  bool empty() const { return keys.empty(); }
  // Builds the runtime index for classes [0, num_classes).
  void BuildIndex(uint32_t num_classes);
  void Write(model_io::ModelWriter* w) const;
  // Reads and validates (the caller builds the index).
  bool Read(model_io::ModelReader* r, uint32_t num_classes);

  // The scores of a feature set, class by class, are
  //   sum over the sparse rows of the features, in feature order, of
  //     scale * weight (rounded product, then rounded sum), then
  //   over the dense rows, in feature order, fma(scale, weight, score)
  //     (with ENTENTE_TAGGER_SIMD=plain: product and sum as for sparse rows),
  // from 0; absent features add nothing.  The fast paths below keep exactly
  // these operations in this order, so the tags never depend on them.

  // Row descriptor of `key` (0 when absent): see Desc* below.  No branch on
  // the common path (the key's home bucket is not full or holds the key), so
  // the CPU overlaps the probes of many features.
  uint32_t Lookup(uint64_t key) const {
    const Bucket& b = buckets_[key & mask_];
    const unsigned m = MatchMask(b, Fingerprint(key));
    const uint32_t v = b.val[__builtin_ctz(m | 0x100u) & 7] & (0u - (m != 0));
    if (__builtin_expect((m | (b.fp[7] == 0)) == 0, 0)) return LookupOverflow(key);
    return v;
  }
  // Hints the CPU to fetch the home bucket of `key`.
  void Prefetch(uint64_t key) const { __builtin_prefetch(&buckets_[key & mask_]); }

  // Adds the rows of the descriptors desc[0..nf) to scores[0..K) (room for
  // 256 floats, of which the caller zeroes the first K rounded up to 16) and
  // returns the argmax class (the first one on ties).
  uint32_t PredictRows(const uint32_t* desc, int nf, float* scores, uint32_t K) const;
  // True when PredictRows adds dense rows with AVX-512 fma (else with the
  // portable product and sum); chosen at start-up.
  static bool UsesAvx512();
  // Lookup of feats[0..nf), then PredictRows.
  uint32_t Predict(const uint64_t* feats, int nf, float* scores, uint32_t K) const;

 private:
  // Runtime index: 64-byte buckets of eight 32-bit fingerprints (the key's
  // high half, 0 mapped to 1; 0 marks an empty slot, slots fill from 0) and
  // eight row descriptors; a key lives in its home bucket (key & mask_) or,
  // when that is full, in the following ones.  One cache line and one SIMD
  // compare per probe.  Two keys with the same fingerprint on one probe path
  // make the table grow (BuildIndex), so every stored key finds its own row;
  // an absent key matches a stored one only when 32 fingerprint bits and the
  // home bucket's bits agree by chance (as with the previous slot table).
  struct alignas(64) Bucket {
    uint32_t fp[8];
    uint32_t val[8];
  };
  // Descriptors: 0 absent (or an empty row); bit 31 set: dense row number in
  // bits 0-30; else sparse: length (1..kDenseMin-1) in bits 24-30, offset in
  // blob_ in bits 0-23 (blob_ holds the row's float scale, then its entries).
  static constexpr uint32_t kDescDense = 1u << 31;
  static uint32_t Fingerprint(uint64_t key) {
    const uint32_t fp = static_cast<uint32_t>(key >> 32);
    return fp ? fp : 1u;
  }
  static unsigned MatchMask(const Bucket& b, uint32_t fp);
  // Lookup past a full home bucket.
  uint32_t LookupOverflow(uint64_t key) const;
  HugeArray<Bucket> buckets_ = HugeArray<Bucket>(1);
  uint64_t mask_ = 0;
  HugeArray<uint32_t> blob_;
  // Dense rows: dense_width_ int16 weights each (the class count rounded up
  // to 16, zero-padded); their scales in dense_scale_.
  HugeArray<int16_t> dense_;
  std::vector<float> dense_scale_;
  int dense_width_ = 16;
};

// Bit i set when b.fp[i] == fp (SSE2, part of every x86-64).
inline unsigned Weights::MatchMask(const Bucket& b, uint32_t fp) {
  const __m128i w = _mm_set1_epi32(static_cast<int>(fp));
  const __m128i lo = _mm_cmpeq_epi32(_mm_load_si128(reinterpret_cast<const __m128i*>(b.fp)), w);
  const __m128i hi =
      _mm_cmpeq_epi32(_mm_load_si128(reinterpret_cast<const __m128i*>(b.fp + 4)), w);
  return static_cast<unsigned>(_mm_movemask_ps(_mm_castsi128_ps(lo)) |
                               (_mm_movemask_ps(_mm_castsi128_ps(hi)) << 4));
}

class Model {
 public:
  // Class inventory: (UPOS, XPOS) pairs.
  std::vector<std::pair<std::string, std::string>> classes;
  // Tag dictionary: WordInfo::form hash -> class.
  std::vector<uint64_t> dict_keys;
  std::vector<uint32_t> dict_vals;
  // Vocabulary with ambiguity classes: WordInfo::lower hash -> hash of the
  // word's class set (kRareAmb for rare words).  Words absent from it are
  // described as unknown (MakeUnknown).
  std::vector<uint64_t> amb_keys;
  std::vector<uint64_t> amb_vals;
  Weights pass1;
  Weights pass2;  // empty: single pass
  Lemmatiser lemmatiser;

  uint32_t num_classes() const { return static_cast<uint32_t>(classes.size()); }

  // Builds the runtime indexes; call after filling the fields above.
  void BuildIndex();

  void Write(model_io::ModelWriter* w) const;
  // Reads and validates; on failure records it in *r and returns false.
  bool Read(model_io::ModelReader* r);

  // DescribeWord plus the model's ambiguity class of the word.
  void Describe(std::string_view form, WordInfo* w, std::vector<char>* scratch) const {
    DescribeWord(form, w, scratch);
    uint64_t a = amb_.Find(w->lower);
    if (a != FlatMap::kNone)
      w->amb = a;
    else
      MakeUnknown(w);
  }
  // Class of a dictionary word, or -1.
  int DictClass(uint64_t form_hash) const {
    uint64_t v = dict_.Find(form_hash);
    return v == FlatMap::kNone ? -1 : static_cast<int>(v);
  }

  // One greedy pass over words[0..n) into out[0..n) with `weights`; `right`
  // (pass 1's classes) is used, and must be non-null, when `second`.
  void RunPass(const Weights& weights, const WordInfo* words, int n, const uint32_t* right,
               uint32_t* out) const;
  // Tags words[0..n) into classes_out[0..n) (both passes); `tmp` is scratch.
  void TagWords(const WordInfo* words, int n, uint32_t* classes_out,
                std::vector<uint32_t>* tmp) const;

  // Fills upos/xpos/lemma/feats of *s.
  void TagSentence(Sentence* s) const;

 private:
  FlatMap dict_;
  FlatMap amb_;
};

}  // namespace entente::tagger
