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

#include <cstdint>
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

struct Entry {
  uint16_t cls;
  int16_t q;
};

struct Weights {
  std::vector<uint64_t> keys;   // feature keys, one per row
  std::vector<uint32_t> begin = {0};  // row r: entries [begin[r], begin[r+1])
  std::vector<float> scale;     // per row
  std::vector<Entry> entries;

  bool empty() const { return keys.empty(); }
  void BuildIndex();
  void Write(model_io::ModelWriter* w) const;
  bool Read(model_io::ModelReader* r, uint32_t num_classes);
  // Adds the weights of feats[0..nf) to scores[0..K) (which the caller
  // zeroes, with room for and zeroes in 256 floats: dense rows are added
  // in blocks of 16 classes) and returns the argmax class.
  uint32_t Predict(const uint64_t* feats, int nf, float* scores, uint32_t K) const;

 private:
  // Runtime index, 8 bytes a slot: the key's high 32 bits as a fingerprint
  // (the low bits pick the slot) and (run length << 24 | offset in blob_).
  // blob_ holds each row as the float scale followed by its entries.
  static constexpr uint32_t kEmpty = ~0u;
  struct Slot {
    uint32_t fp = 0;
    uint32_t row = kEmpty;
  };
  std::vector<Slot> slots_;
  uint64_t mask_ = 0;
  std::vector<uint32_t> blob_;
  // Rows of kDenseMin or more entries (the frequent features) are dense:
  // dense_width_ int16 weights each, the slot's run length kDenseRun and its
  // offset the row number; their scales in dense_scale_.  They are added
  // with SIMD instead of one class at a time (tagging ~1.3x faster).
  static constexpr uint32_t kDenseMin = 12;
  static constexpr uint32_t kDenseRun = 255;
  std::vector<int16_t> dense_;
  std::vector<float> dense_scale_;
  int dense_width_ = 0;
};

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
