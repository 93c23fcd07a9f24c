#include "parse/tagger_features.h"

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
  for (size_t i = 0; i < n; ++i) {
    char c = form[i];
    lower[i] = LowerAscii(c);
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
  std::string_view lv(lower, n);
  w->form = HashBytes(form, 1);
  w->lower = HashBytes(lv, 2);
  for (int k = 0; k < kAffixes; ++k) {
    size_t len = std::min<size_t>(n, k + 1);
    w->suffix[k] = HashBytes(lv.substr(n - len), 3 + k);
    w->prefix[k] = HashBytes(lv.substr(0, len), 11 + k);
  }
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

void ExtractFeatures(const WordInfo* words, int n, int i, uint32_t t1, uint32_t t2,
                     uint64_t* out) {
  const WordInfo& w = words[i];
  const WordInfo& p1 = i >= 1 ? words[i - 1] : BeginPad();
  const WordInfo& p2 = i >= 2 ? words[i - 2] : BeginPad();
  const WordInfo& n1 = i + 1 < n ? words[i + 1] : EndPad();
  const WordInfo& n2 = i + 2 < n ? words[i + 2] : EndPad();
  // Template ids are folded in by multiplying with distinct odd constants.
  auto T = [](uint64_t id, uint64_t h) { return Mix(h ^ (id * 0xD6E8FEB86659FD93ull)); };
  int k = 0;
  out[k++] = T(0, 0);  // bias
  out[k++] = T(1, w.lower);
  out[k++] = T(2, w.form);
  for (int a = 0; a < kAffixes; ++a) out[k++] = T(3 + a, w.suffix[a]);
  for (int a = 0; a < kAffixes; ++a) out[k++] = T(7 + a, w.prefix[a]);
  out[k++] = T(11, w.shape);
  out[k++] = T(12, w.flags);
  out[k++] = T(13, t1);
  out[k++] = T(14, t2);
  out[k++] = T(15, (uint64_t{t1} << 16) | t2);
  out[k++] = T(16, Combine(w.lower, t1));
  out[k++] = T(17, p1.lower);
  out[k++] = T(18, p2.lower);
  out[k++] = T(19, n1.lower);
  out[k++] = T(20, n2.lower);
  out[k++] = T(21, p1.suffix[2]);
  out[k++] = T(22, n1.suffix[2]);
  out[k++] = T(23, Combine(n1.lower, t1));
  out[k++] = T(24, n1.shape);
  out[k++] = T(25, p1.shape);
  out[k++] = T(26, Combine(w.lower, n1.lower));
  out[k++] = T(27, Combine(p1.lower, w.lower));
  out[k++] = T(28, (i == 0 ? 1u : 0u) | (w.flags << 1));
  out[k++] = T(29, Combine(w.suffix[2], t1));
  out[k++] = T(30, w.amb);
  out[k++] = T(31, n1.amb);
  out[k++] = T(32, n2.amb);
  out[k++] = T(33, Combine(w.amb, n1.amb));
  out[k++] = T(34, Combine(w.amb, t1));
  out[k++] = T(35, Combine(n1.amb, w.suffix[2]));
  out[k++] = T(36, Combine(w.lower, n1.amb));
  out[k++] = T(37, Combine(t1, n1.amb));
  out[k++] = T(38, Combine(w.lower, n2.amb));
  out[k++] = T(39, Combine(w.suffix[3], w.flags & (kInitUpper | kAllUpper)));
  out[k++] = T(40, Combine(w.shape, t1));
  out[k++] = T(41, Combine(n1.lower, n1.flags & kInitUpper) ^ (w.flags & kInitUpper));
  out[k++] = T(42, Combine(p1.lower, t1));
  static_assert(kNumFeatures == 43);
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
