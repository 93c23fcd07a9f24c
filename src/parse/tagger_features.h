// Feature extraction for the perceptron tagger (internal).
//
// Every feature is a 64-bit hash of a template id and the bytes (or hashes)
// it is made of; no strings are built.  Word-level hashes are computed once
// per token (WordInfo); context features combine them with the classes
// predicted so far.
#pragma once

#include <cstdint>
#include <cstring>
#include <string_view>
#include <vector>

namespace entente::tagger {

// splitmix64 finaliser: a strong 64-bit mixer.
inline uint64_t Mix(uint64_t x) {
  x += 0x9E3779B97F4A7C15ull;
  x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ull;
  x = (x ^ (x >> 27)) * 0x94D049BB133111EBull;
  return x ^ (x >> 31);
}
inline uint64_t Combine(uint64_t a, uint64_t b) { return Mix(a * 0x100000001B3ull ^ b); }

// FNV-1a over bytes, then mixed.
inline uint64_t HashBytes(std::string_view s, uint64_t seed = 0) {
  uint64_t h = 0xCBF29CE484222325ull ^ seed;
  for (unsigned char c : s) h = (h ^ c) * 0x100000001B3ull;
  return Mix(h);
}

// ASCII lower-casing (bytes >= 0x80 are kept as they are).
inline char LowerAscii(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c + 32) : c; }

enum WordFlag : uint32_t {
  kHasDigit = 1,
  kHasHyphen = 2,
  kHasUpper = 4,
  kInitUpper = 8,
  kAllUpper = 16,
  kNoAlpha = 32,
  kHasPeriod = 64,
  kAllDigit = 128,
};

inline constexpr int kAffixes = 4;  // prefixes and suffixes of 1..4 bytes

// Hashes describing one word, independent of context.
struct WordInfo {
  uint64_t form = 0;                 // exact form
  uint64_t lower = 0;                // lower-cased form
  uint64_t suffix[kAffixes] = {};    // suffix[k] = last k+1 bytes of lower
  uint64_t prefix[kAffixes] = {};    // prefix[k] = first k+1 bytes of lower
  uint64_t shape = 0;                // "Xxxx" -> "Xxx", "1984" -> "dd"
  uint32_t flags = 0;
  // Ambiguity class: hash of the set of classes the word was seen with in
  // training (filled from the model's lexicon; kUnknownAmb when unseen).
  uint64_t amb = 0;
};
inline constexpr uint64_t kUnknownAmb = 0x5EED;   // word not in the model's vocabulary
inline constexpr uint64_t kRareAmb = 0x4A4E;      // in the vocabulary, too rare for a class
inline constexpr uint64_t kUnknownWord = 0xDEADBEEF0BADull;  // form/lower hash of unknown words

// Turns *w into the description of an out-of-vocabulary word: the word's
// identity is dropped, its spelling features (affixes, shape, flags) stay.
inline void MakeUnknown(WordInfo* w) {
  w->form = kUnknownWord;
  w->lower = kUnknownWord + 1;
  w->amb = kUnknownAmb;
}

// Fills *w for `form`.  `scratch` avoids allocation (grown as needed).
void DescribeWord(std::string_view form, WordInfo* w, std::vector<char>* scratch);
// The shape string of a form (for tests): upper->X, lower->x, digit->d,
// others kept; runs of one character class are cut to 2.
std::string WordShape(std::string_view form);

// Padding words before the sentence start / after its end.
const WordInfo& BeginPad();
const WordInfo& EndPad();

inline constexpr int kNumFeatures = 43;
// Second pass: features of the first pass's tags of the right neighbours.
inline constexpr int kNumRightFeatures = 6;
inline constexpr int kMaxFeatures = kNumFeatures + kNumRightFeatures;

// Computes the kNumFeatures feature keys of word i of `words` (n words) given
// the classes predicted for words i-1 and i-2 (`t1`, `t2`; use the
// class count K for "before the sentence" and K+1 for "none").
void ExtractFeatures(const WordInfo* words, int n, int i, uint32_t t1, uint32_t t2,
                     uint64_t* out);
// The same keys in two parts: ExtractWordFeatures fills the positions that
// depend on the words only, ExtractTagFeatures the kNumTagFeatures positions
// kTagFeatures[] that read t1 or t2 (the others of out[] are left as they are).
inline constexpr int kNumTagFeatures = 10;
inline constexpr int kTagFeatures[kNumTagFeatures] = {13, 14, 15, 16, 23, 29, 34, 37, 40, 42};
void ExtractWordFeatures(const WordInfo* words, int n, int i, uint64_t* out);
void ExtractTagFeatures(const WordInfo* words, int n, int i, uint32_t t1, uint32_t t2,
                        uint64_t* out);
// Appends the kNumRightFeatures second-pass features of word i to `out`
// given `right`, the first pass's classes of words[0..n) (K+1 past the end).
void ExtractRightFeatures(const WordInfo* words, int n, int i, uint32_t t1,
                          const uint32_t* right, uint32_t none, uint64_t* out);

}  // namespace entente::tagger
