// Internal pieces of the dependency parser shared by the runtime, the trainer
// and the tests: feature hashing, the arc-eager transition system with its
// dynamic oracle, feature extraction and the compact weight table.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "entente/document.h"
#include "entente/status.h"
#include "util/model_io.h"

namespace entente::parser_internal {

// ---------------------------------------------------------------- hashing

inline uint64_t Finalize(uint64_t h) {
  h ^= h >> 31;
  h *= 0xD6E8FEB86659FD93ULL;
  h ^= h >> 32;
  return h;
}

// FNV-1a over the bytes, ASCII letters folded to lower case, then mixed.
inline uint64_t HashLower(std::string_view s, uint64_t seed) {
  uint64_t h = 0xCBF29CE484222325ULL ^ seed;
  for (unsigned char c : s) {
    if (c >= 'A' && c <= 'Z') c = static_cast<unsigned char>(c + 32);
    h = (h ^ c) * 0x100000001B3ULL;
  }
  return Finalize(h);
}

inline uint64_t HashExact(std::string_view s, uint64_t seed) {
  uint64_t h = 0xCBF29CE484222325ULL ^ seed;
  for (unsigned char c : s) h = (h ^ c) * 0x100000001B3ULL;
  return Finalize(h);
}

// Combines a template id and up to three atoms into a nonzero feature key.
// Word and tag atoms are already mixed 64-bit hashes and the others small
// integers or label bit sets, so one XOR of the rotated atoms with a
// per-template salt is distinct for distinct features (barring 64-bit
// accidents); one multiply then spreads it over the low bits (the home
// bucket) and the high half (the fingerprint).  Every step is invertible.
inline uint64_t Feat(uint64_t t, uint64_t a, uint64_t b = 0x51ED27ULL, uint64_t c = 0x2F1A3BULL) {
  uint64_t h = a ^ ((b << 21) | (b >> 43)) ^ ((c << 43) | (c >> 21)) ^ ((t + 1) * 0x9E3779B97F4A7C15ULL);
  h = (h ^ (h >> 29)) * 0xBF58476D1CE4E5B9ULL;
  h ^= h >> 32;
  return h ? h : 1;
}

inline uint64_t Pair(uint64_t a, uint64_t b) { return Finalize(a * 0x9E3779B97F4A7C15ULL + b); }

// ------------------------------------------------------ transition system
//
// Arc-eager (Nivre 2003) with an artificial root 0 at the bottom of the
// stack.  Classes: 0 SHIFT, 1 REDUCE, 2+2l LEFT-l (s0 <- b0), 3+2l RIGHT-l
// (s0 -> b0).  The root takes exactly one dependent, with label `root`; no
// other arc may carry that label.

enum : int { kShift = 0, kReduce = 1 };
inline int LeftClass(int l) { return 2 + 2 * l; }
inline int RightClass(int l) { return 3 + 2 * l; }
inline bool IsLeft(int c) { return c >= 2 && (c & 1) == 0; }
inline bool IsRight(int c) { return c >= 3 && (c & 1) == 1; }
inline int ClassLabel(int c) { return (c - 2) >> 1; }
inline int NumClasses(int num_labels) { return 2 + 2 * num_labels; }

struct State {
  int n = 0;                   // words 1..n; node 0 is the root
  std::vector<int> stack;      // stack[0] == 0 always
  int b = 1;                   // first buffer word; n+1 when empty
  std::vector<int> head;       // -1 = none yet; head[0] = 0
  std::vector<int> label;      // -1 = none
  std::vector<int> lc1, lc2, rc1, rc2;  // left-/right-most children, -1 none
  std::vector<int> nl, nr;     // left / right valency
  std::vector<uint64_t> lset, rset;     // bit sets of dependents' labels
  std::vector<uint8_t> on_stack;
  bool root_taken = false;

  void Init(int words);
  bool Terminal() const { return b > n; }
  int S0() const { return stack.back(); }
  bool CanShift() const { return b <= n; }
  bool CanReduce() const { return stack.size() > 1 && head[S0()] >= 0; }
  bool CanLeft() const { return b <= n && stack.size() > 1 && head[S0()] < 0; }
  bool CanRight() const { return b <= n && (S0() != 0 || !root_taken); }
  // Marks valid classes in valid[0..NumClasses); returns how many.
  int Valid(int num_labels, int root_label, uint8_t* valid) const;
  // Which kinds of transition are possible: a bit set of kCan* and
  // kS0IsRoot, all that Valid depends on.
  int Situation() const;
  void Apply(int cls);
  // Completes the tree after the transitions: headless words go to the root
  // word (the first of them becomes it when there is none) as `fallback`.
  void Finish(int root_label, int fallback_label);

 private:
  void AddArc(int h, int d, int l);
};

enum : int { kCanShift = 1, kCanReduce = 2, kCanLeft = 4, kCanRight = 8, kS0IsRoot = 16,
             kNumSituations = 32 };
// Marks the valid classes of a situation (State::Situation) in
// valid[0..NumClasses); returns how many.
int ValidClasses(int situation, int num_labels, int root_label, uint8_t* valid);

// Dynamic-oracle cost (Goldberg & Nivre 2012) of every valid class for a
// projective gold tree gh/gl (indexed 1..n; gh[0] unused).  cost[c] is
// meaningful only where valid[c].
void Costs(const State& s, const int* gh, const int* gl, int num_labels, const uint8_t* valid,
           int* cost);

// Projectivises gold heads by lifting (repeatedly re-attaching the dependent
// of the shortest crossing arc to its grandparent).  heads is 1-based
// (heads[0] unused).  Returns the number of lifts.
int Projectivize(std::vector<int>* heads);

// ------------------------------------------------------------- features

// Per-word atoms of one sentence, index 0 = root.
struct Atoms {
  std::vector<uint64_t> w, p, wp;
  std::vector<uint64_t> u;    // universal tag
  std::vector<uint64_t> sfx;  // last three bytes of the lower-cased form
  void Fill(const Sentence& s);
};

inline constexpr int kMaxFeatures = 128;
// Writes the feature keys of state s to out; returns how many.
int ExtractFeatures(const State& s, const Atoms& a, uint64_t* out);

// The templates come in groups by the part of the state they read, so that
// the parser can reuse partial scores between transitions; ExtractFeatures
// writes them group after group, kGroupBegin[g] is the index (and template
// id) of the first feature of group g.
//   kGroupBuffer: only the buffer position b (words b..b+3);
//   kGroupBufferTree: b and the left dependents of b (unchanged unless b
//     changes or LEFT adds one, which increments nl[b]);
//   kGroupStack: s0, s1, s0's head, grand-head and left dependents: fixed
//     while s0 stays on the stack (only its right dependents can change);
//   kGroupStackRight: s0 and its right dependents (changes with nr[s0]);
//   kGroupPair: s0 together with the buffer.
enum FeatureGroup : uint8_t { kGroupBuffer = 0, kGroupBufferTree = 1, kGroupStack = 2,
                              kGroupStackRight = 3, kGroupPair = 4, kNumGroups = 5 };
inline constexpr int kGroupSize[kNumGroups] = {19, 9, 24, 7, 18};
inline constexpr int kGroupBegin[kNumGroups + 1] = {0, 19, 28, 52, 59, 77};
static_assert(kGroupBegin[kNumGroups] <= kMaxFeatures);
// Group of feature index k of ExtractFeatures (k < its return value).
FeatureGroup GroupOfFeature(int k);
// The features of one group only (kGroupSize[g] of them, the same keys as
// ExtractFeatures writes at kGroupBegin[g]..).
int ExtractGroup(const State& s, const Atoms& a, FeatureGroup g, uint64_t* out);
// The features of the groups in the bit set `groups` (1 << FeatureGroup),
// group after group; begin[g] is where group g starts in out.
int ExtractGroups(const State& s, const Atoms& a, unsigned groups, uint64_t* out, int* begin);

// ------------------------------------------------------ compact weights

struct Entry {
  uint16_t cls;
  int16_t w;  // weight = w * Model::scale
};

// The lookup table is an array of 64-byte buckets of eight 32-bit
// fingerprints and eight 32-bit row descriptors: one cache line per probe,
// compared with one SIMD instruction, no loop and no branch on the common
// path.  A key lives in its home bucket (key & mask) or, when that is full,
// in the next buckets (linear probing over buckets; rare at a mean of at most
// four keys per bucket).  The fingerprint is the key's high half (low bit
// forced to 1, so 0 marks an empty slot); two keys with the same home and
// fingerprint make the table grow until they differ (BuildTable), so a
// present key always finds its own row.  An absent key matches a stored one
// only if 49 or more hash bits agree by chance (about once in 10^9 probes).
struct alignas(64) Bucket {
  uint32_t fp[8];   // 0 = empty; filled from slot 0 up
  uint32_t val[8];  // row descriptor, see below
};
// Row descriptors: bits 31-30 give the kind.
//   kInline   (0): one weight: class in bits 16-23, int16 weight in bits 0-15;
//   kExternal (1): 4 * (bits 26-29) entries at Model::external[bits 0-25]
//                  (rows of 2..kDenseMin-1 weights padded with kPad entries);
//   kDense    (2): row (bits 0-24) of Model::dense, whose int8 weights are
//                  shifted left by bits 25-29.
// An absent feature reads as descriptor 0: weight 0 for class 0.
inline constexpr uint32_t kInline = 0, kExternal = 1, kDense = 2;
inline uint32_t FingerprintOf(uint64_t key) { return static_cast<uint32_t>(key >> 32) | 1u; }
// Rows with this many weights or more are stored dense (one int8 per class,
// shifted, added with SIMD); the frequent features -- tags, the bias -- have
// long rows and are hit by almost every transition.  Part of the file format
// (version 3): every such row's weights are q << s with one s per row and
// int8 q (RoundLongRows), so the dense copy is exact.
inline constexpr uint32_t kDenseMin = 5;
inline constexpr uint16_t kPad = 255;  // a scratch class beyond every real one
inline constexpr int kMaxLabels = 120;  // NumClasses(kMaxLabels) < kPad

struct Model {
  std::vector<std::string> labels;
  int root_label = 0;
  int fallback_label = 0;  // label of words attached by State::Finish
  int num_classes = 0;
  float scale = 1;
  // Canonical weights: feature keys in increasing order, the end of each
  // key's row in `entries`, and the entries (class, quantised weight).
  std::vector<uint64_t> keys;
  std::vector<uint32_t> row_end;
  std::vector<Entry> entries;
  // Built from the above (BuildTable): a power-of-two number of buckets, at
  // most four keys per bucket on average, on huge pages where the OS allows
  // (random probes into megabytes otherwise miss the TLB).
  struct FreeDeleter {
    void operator()(void* p) const;
  };
  std::unique_ptr<Bucket[], FreeDeleter> table;
  uint64_t mask = 0;
  // Rows of 2..kDenseMin-1 weights, padded to a multiple of four entries.
  std::unique_ptr<Entry[], FreeDeleter> external;
  // Dense rows: dense_width int8 weights each (num_classes rounded up to
  // 16, zero-padded), dense_stride bytes apart (whole cache lines); a row's
  // weights are these << the shift in its descriptor.
  std::unique_ptr<int8_t[], FreeDeleter> dense;
  int dense_width = 0;
  int dense_stride = 0;
  std::vector<std::pair<std::string, std::string>> meta;

  // Builds `table` from keys/row_end/entries; false on a duplicate key or a
  // table that cannot be built.
  bool BuildTable();
  // Home bucket of a key.
  uint64_t Home(uint64_t key) const { return key & mask; }
  // The row descriptor of a key; 0 when absent.
  uint32_t Lookup(uint64_t key) const;
  // Writes the summed weights of feats[0..n) into scores[0..num_classes).
  void Score(const uint64_t* feats, int n, float* scores) const;
  // Adds the quantised weights of feats[0..n) to acc[0..256) (64-byte
  // aligned; classes >= num_classes are scratch).  prefetch = false when the
  // caller has already prefetched the home buckets of feats.
  void Accumulate(const uint64_t* feats, int n, int32_t* acc, bool prefetch = true) const;
  // The two halves of Accumulate, so that callers can look up every feature
  // of a transition before adding any row: Resolve writes the row
  // descriptors of feats[0..n) to desc and prefetches the rows; AddRows adds
  // the rows of desc[0..n) to acc.
  void Resolve(const uint64_t* feats, int n, uint32_t* desc) const;
  void AddRows(const uint32_t* desc, int n, int32_t* acc) const;
  // Parses one sentence; writes head/deprel of every token.
  void ParseSentence(Sentence* s) const;
  size_t num_features() const { return keys.size(); }
};

// Rounds every row of kDenseMin or more weights to q << s (int8 q, the
// smallest s that fits); weights that round to 0 are dropped, and rows left
// empty.  The trainer applies it before writing a model.
void RoundLongRows(Model* m);
// The shift that stores the row e[0..n) exactly as int8, -1 when none does.
int DenseShift(const Entry* e, uint32_t n);

// ------------------------------------------------------------- file format

inline constexpr char kModelKind[] = "parser";
// Bump when the features, classes or payload layout change.
inline constexpr uint32_t kModelVersion = 3;

// Payload: labels, root/fallback label, scale, keys, row ends, entries.
void WriteModel(const Model& m, model_io::ModelWriter* w);
// Reads and validates a payload; kCorruptModel naming the file on failure.
Status ReadModel(model_io::ModelReader* r, Model* m);

}  // namespace entente::parser_internal
