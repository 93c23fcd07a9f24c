#include "parse/tagger_features.h"

#include <algorithm>
#include <string>

namespace entente::tagger {
namespace {

char ShapeClass(char c) {
  if (c >= 'A' && c <= 'Z') return 'X';
  if (c >= 'a' && c <= 'z') return 'x';
  if (c >= '0' && c <= '9') return 'd';
  if (static_cast<unsigned char>(c) >= 0x80) return 'u';
  return c;
}

WordInfo MakePad(uint64_t seed) {
  WordInfo w;
  w.form = Mix(seed);
  w.lower = Mix(seed + 1);
  for (int k = 0; k < kAffixes; ++k) {
    w.suffix[k] = Mix(seed + 2 + k);
    w.prefix[k] = Mix(seed + 10 + k);
  }
  w.shape = Mix(seed + 20);
  w.flags = 0;
  w.amb = Mix(seed + 30);
  return w;
}

}  // namespace

std::string WordShape(std::string_view form) {
  std::string out;
  char prev = 0;
  int run = 0;
  for (char c : form) {
    char s = ShapeClass(c);
    if (s == prev) {
      if (++run > 2) continue;
    } else {
      prev = s;
      run = 1;
    }
    out.push_back(s);
  }
  return out;
}

void DescribeWord(std::string_view form, WordInfo* w, std::vector<char>* scratch) {
  const size_t n = form.size();
  if (scratch->size() < 2 * n + 1) scratch->resize(2 * n + 1);
  char* lower = scratch->data();
  char* shape = lower + n;
  size_t shape_len = 0;
  char prev = 0;
  int run = 0;
  uint32_t flags = 0;
  bool all_upper = true, all_digit = n > 0, any_alpha = false;
  // FNV-1a of the form and of the lower-cased form (HashBytes with seeds 1
  // and 2), in the same loop.
  uint64_t hf = 0xCBF29CE484222325ull ^ 1, hl = 0xCBF29CE484222325ull ^ 2;
  for (size_t i = 0; i < n; ++i) {
    char c = form[i];
    lower[i] = LowerAscii(c);
    hf = (hf ^ static_cast<unsigned char>(c)) * 0x100000001B3ull;
    hl = (hl ^ static_cast<unsigned char>(lower[i])) * 0x100000001B3ull;
    char s = ShapeClass(c);
    if (s == 'd') flags |= kHasDigit; else all_digit = false;
    if (s == 'X') { flags |= kHasUpper; any_alpha = true; }
    if (s == 'x') { all_upper = false; any_alpha = true; }
    if (s == 'u') any_alpha = true;
    if (c == '-') flags |= kHasHyphen;
    if (c == '.') flags |= kHasPeriod;
    if (s == prev) {
      if (++run > 2) continue;
    } else {
      prev = s;
      run = 1;
    }
    shape[shape_len++] = s;
  }
  if (n > 0 && ShapeClass(form[0]) == 'X') flags |= kInitUpper;
  if (all_upper && (flags & kHasUpper)) flags |= kAllUpper;
  if (!any_alpha) flags |= kNoAlpha;
  if (all_digit) flags |= kAllDigit;
  // The affix hashes are HashBytes of each affix, computed side by side (four
  // independent multiply chains instead of one after the other).
  constexpr uint64_t kBasis = 0xCBF29CE484222325ull, kPrime = 0x100000001B3ull;
  const size_t na = std::min<size_t>(n, kAffixes);
  uint64_t pre[kAffixes], suf[kAffixes];
  size_t suf_start[kAffixes];
  for (int k = 0; k < kAffixes; ++k) {
    pre[k] = kBasis ^ static_cast<uint64_t>(11 + k);
    suf[k] = kBasis ^ static_cast<uint64_t>(3 + k);
    suf_start[k] = n - std::min<size_t>(n, k + 1);
  }
  for (size_t j = 0; j < na; ++j) {
    const uint64_t c = static_cast<unsigned char>(lower[j]);
    const uint64_t d = static_cast<unsigned char>(lower[n - na + j]);
    for (int k = 0; k < kAffixes; ++k) {
      if (static_cast<size_t>(k) >= j) pre[k] = (pre[k] ^ c) * kPrime;
      if (n - na + j >= suf_start[k]) suf[k] = (suf[k] ^ d) * kPrime;
    }
  }
  for (int k = 0; k < kAffixes; ++k) {
    w->prefix[k] = Mix(pre[k]);
    w->suffix[k] = Mix(suf[k]);
  }
  w->form = Mix(hf);
  w->lower = Mix(hl);
  w->shape = HashBytes(std::string_view(shape, shape_len), 20);
  w->flags = flags;
  w->amb = kUnknownAmb;
}

const WordInfo& BeginPad() {
  static const WordInfo w = MakePad(0xB0B0);
  return w;
}
const WordInfo& EndPad() {
  static const WordInfo w = MakePad(0xE0E0);
  return w;
}

namespace {
// Template ids are folded in by multiplying with distinct odd constants.
inline uint64_t T(uint64_t id, uint64_t h) { return Mix(h ^ (id * 0xD6E8FEB86659FD93ull)); }
}  // namespace

void ExtractWordFeatures(const WordInfo* words, int n, int i, uint64_t* out) {
  const WordInfo& w = words[i];
  const WordInfo& p1 = i >= 1 ? words[i - 1] : BeginPad();
  const WordInfo& p2 = i >= 2 ? words[i - 2] : BeginPad();
  const WordInfo& n1 = i + 1 < n ? words[i + 1] : EndPad();
  const WordInfo& n2 = i + 2 < n ? words[i + 2] : EndPad();
  out[0] = T(0, 0);  // bias
  out[1] = T(1, w.lower);
  out[2] = T(2, w.form);
  for (int a = 0; a < kAffixes; ++a) out[3 + a] = T(3 + a, w.suffix[a]);
  for (int a = 0; a < kAffixes; ++a) out[7 + a] = T(7 + a, w.prefix[a]);
  out[11] = T(11, w.shape);
  out[12] = T(12, w.flags);
  out[17] = T(17, p1.lower);
  out[18] = T(18, p2.lower);
  out[19] = T(19, n1.lower);
  out[20] = T(20, n2.lower);
  out[21] = T(21, p1.suffix[2]);
  out[22] = T(22, n1.suffix[2]);
  out[24] = T(24, n1.shape);
  out[25] = T(25, p1.shape);
  out[26] = T(26, Combine(w.lower, n1.lower));
  out[27] = T(27, Combine(p1.lower, w.lower));
  out[28] = T(28, (i == 0 ? 1u : 0u) | (w.flags << 1));
  out[30] = T(30, w.amb);
  out[31] = T(31, n1.amb);
  out[32] = T(32, n2.amb);
  out[33] = T(33, Combine(w.amb, n1.amb));
  out[35] = T(35, Combine(n1.amb, w.suffix[2]));
  out[36] = T(36, Combine(w.lower, n1.amb));
  out[38] = T(38, Combine(w.lower, n2.amb));
  out[39] = T(39, Combine(w.suffix[3], w.flags & (kInitUpper | kAllUpper)));
  out[41] = T(41, Combine(n1.lower, n1.flags & kInitUpper) ^ (w.flags & kInitUpper));
  static_assert(kNumFeatures == 43);
}

void ExtractTagFeatures(const WordInfo* words, int n, int i, uint32_t t1, uint32_t t2,
                        uint64_t* out) {
  const WordInfo& w = words[i];
  const WordInfo& p1 = i >= 1 ? words[i - 1] : BeginPad();
  const WordInfo& n1 = i + 1 < n ? words[i + 1] : EndPad();
  out[13] = T(13, t1);
  out[14] = T(14, t2);
  out[15] = T(15, (uint64_t{t1} << 16) | t2);
  out[16] = T(16, Combine(w.lower, t1));
  out[23] = T(23, Combine(n1.lower, t1));
  out[29] = T(29, Combine(w.suffix[2], t1));
  out[34] = T(34, Combine(w.amb, t1));
  out[37] = T(37, Combine(t1, n1.amb));
  out[40] = T(40, Combine(w.shape, t1));
  out[42] = T(42, Combine(p1.lower, t1));
  static_assert(kNumTagFeatures == 10);
}

void ExtractFeatures(const WordInfo* words, int n, int i, uint32_t t1, uint32_t t2,
                     uint64_t* out) {
  ExtractWordFeatures(words, n, i, out);
  ExtractTagFeatures(words, n, i, t1, t2, out);
}

}  // namespace entente::tagger

namespace entente::tagger {

void ExtractRightFeatures(const WordInfo* words, int n, int i, uint32_t t1,
                          const uint32_t* right, uint32_t none, uint64_t* out) {
  auto T = [](uint64_t id, uint64_t h) { return Mix(h ^ (id * 0xA0761D6478BD642Full)); };
  const uint32_t r1 = i + 1 < n ? right[i + 1] : none;
  const uint32_t r2 = i + 2 < n ? right[i + 2] : none;
  const WordInfo& w = words[i];
  int k = 0;
  out[k++] = T(1, r1);
  out[k++] = T(2, (uint64_t{r1} << 16) | r2);
  out[k++] = T(3, Combine(w.lower, r1));
  out[k++] = T(4, (uint64_t{t1} << 16) | r1);
  out[k++] = T(5, Combine(w.suffix[2], r1));
  out[k++] = T(6, Combine(w.amb, r1));
  static_assert(kNumRightFeatures == 6);
}

}  // namespace entente::tagger
