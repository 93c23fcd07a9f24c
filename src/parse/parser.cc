// Dependency parser runtime: transition system, features, model loading,
// parsing and scoring.
#include <immintrin.h>
#include <sys/mman.h>

#include <algorithm>
#include <array>
#include <climits>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <new>
#include <cmath>
#include <fstream>
#include <istream>

#include "entente/parser.h"
#include "parse/parser_internal.h"
#include "util/model_io.h"

namespace entente {
namespace parser_internal {
namespace {
// 64-byte aligned storage for std::vector (accumulators are added with SIMD).
template <typename T>
struct AlignedAllocator {
  using value_type = T;
  AlignedAllocator() = default;
  template <typename U>
  AlignedAllocator(const AlignedAllocator<U>&) {}  // NOLINT: rebinding
  T* allocate(size_t n) {
    void* p = std::aligned_alloc(64, (n * sizeof(T) + 63) / 64 * 64);
    if (!p) throw std::bad_alloc();
    return static_cast<T*>(p);
  }
  void deallocate(T* p, size_t) { std::free(p); }
  template <typename U>
  bool operator==(const AlignedAllocator<U>&) const { return true; }
};
}  // namespace

// ------------------------------------------------------ transition system

void State::Init(int words) {
  n = words;
  const size_t m = static_cast<size_t>(words) + 2;
  stack.clear();
  stack.reserve(m);
  stack.push_back(0);
  b = 1;
  head.assign(m, -1);
  label.assign(m, -1);
  lc1.assign(m, -1);
  lc2.assign(m, -1);
  rc1.assign(m, -1);
  rc2.assign(m, -1);
  nl.assign(m, 0);
  nr.assign(m, 0);
  lset.assign(m, 0);
  rset.assign(m, 0);
  on_stack.assign(m, 0);
  on_stack[0] = 1;
  head[0] = 0;
  root_taken = false;
}

int ValidClasses(int situation, int num_labels, int root_label, uint8_t* valid) {
  const int nc = NumClasses(num_labels);
  std::fill(valid, valid + nc, 0);
  int count = 0;
  if (situation & kCanShift) valid[kShift] = 1, ++count;
  if (situation & kCanReduce) valid[kReduce] = 1, ++count;
  if (situation & kCanLeft) {
    for (int l = 0; l < num_labels; ++l) {
      if (l != root_label) valid[LeftClass(l)] = 1, ++count;
    }
  }
  if (situation & kCanRight) {
    if (situation & kS0IsRoot) {
      valid[RightClass(root_label)] = 1, ++count;
    } else {
      for (int l = 0; l < num_labels; ++l) {
        if (l != root_label) valid[RightClass(l)] = 1, ++count;
      }
    }
  }
  return count;
}

int State::Situation() const {
  return (CanShift() ? kCanShift : 0) | (CanReduce() ? kCanReduce : 0) | (CanLeft() ? kCanLeft : 0) |
         (CanRight() ? kCanRight : 0) | (S0() == 0 ? kS0IsRoot : 0);
}

int State::Valid(int num_labels, int root_label, uint8_t* valid) const {
  return ValidClasses(Situation(), num_labels, root_label, valid);
}

void State::AddArc(int h, int d, int l) {
  head[d] = h;
  label[d] = l;
  const uint64_t bit = uint64_t{1} << (static_cast<unsigned>(l) & 63);
  if (d < h) {
    if (lc1[h] < 0 || d < lc1[h]) {
      lc2[h] = lc1[h];
      lc1[h] = d;
    } else if (lc2[h] < 0 || d < lc2[h]) {
      lc2[h] = d;
    }
    ++nl[h];
    lset[h] |= bit;
  } else {
    if (rc1[h] < 0 || d > rc1[h]) {
      rc2[h] = rc1[h];
      rc1[h] = d;
    } else if (rc2[h] < 0 || d > rc2[h]) {
      rc2[h] = d;
    }
    ++nr[h];
    rset[h] |= bit;
  }
  if (h == 0) root_taken = true;
}

void State::Apply(int cls) {
  if (cls == kShift) {
    stack.push_back(b);
    on_stack[b] = 1;
    ++b;
  } else if (cls == kReduce) {
    on_stack[stack.back()] = 0;
    stack.pop_back();
  } else if (IsLeft(cls)) {
    const int s0 = stack.back();
    AddArc(b, s0, ClassLabel(cls));
    on_stack[s0] = 0;
    stack.pop_back();
  } else {
    AddArc(stack.back(), b, ClassLabel(cls));
    stack.push_back(b);
    on_stack[b] = 1;
    ++b;
  }
}

void State::Finish(int root_label, int fallback_label) {
  int root_word = -1;
  for (int i = 1; i <= n; ++i) {
    if (head[i] == 0) {
      root_word = i;
      break;
    }
  }
  for (int i = 1; i <= n; ++i) {
    if (head[i] >= 0) continue;
    if (root_word < 0) {
      root_word = i;
      AddArc(0, i, root_label);
    } else {
      AddArc(root_word, i, fallback_label);
    }
  }
}

void Costs(const State& s, const int* gh, const int* gl, int num_labels, const uint8_t* valid,
           int* cost) {
  const int n = s.n;
  const int b = s.b;
  const int s0 = s.S0();
  // Words of the buffer that s0 heads, and whether b0 is among them.
  auto buffer_deps_of = [&](int h, int from) {
    int c = 0;
    for (int k = from; k <= n; ++k) c += gh[k] == h;
    return c;
  };
  // Stack words (headless) whose gold head is b0, and whether b0's gold
  // head is on the stack.
  auto stack_links_of_b = [&](int skip_head) {
    int c = 0;
    for (int k : s.stack) {
      if (k == skip_head) continue;
      if (gh[b] == k) ++c;
      if (k != 0 && s.head[k] < 0 && gh[k] == b) ++c;
    }
    return c;
  };
  if (valid[kShift]) cost[kShift] = stack_links_of_b(-1);
  if (valid[kReduce]) cost[kReduce] = buffer_deps_of(s0, b);
  if (s.CanLeft()) {
    int base = buffer_deps_of(s0, b);
    if (gh[s0] > b) ++base;
    const bool head_is_b = gh[s0] == b;
    for (int l = 0; l < num_labels; ++l) {
      const int c = LeftClass(l);
      if (valid[c]) cost[c] = base + (head_is_b && gl[s0] != l ? 1 : 0);
    }
  }
  if (s.CanRight()) {
    int base = 0;
    for (int k : s.stack) {
      if (k != 0 && s.head[k] < 0 && gh[k] == b) ++base;
    }
    const int h = gh[b];
    if (h != s0 && (h > b || (h >= 0 && h < b && s.on_stack[h]))) ++base;
    for (int l = 0; l < num_labels; ++l) {
      const int c = RightClass(l);
      if (valid[c]) cost[c] = base + (h == s0 && gl[b] != l ? 1 : 0);
    }
  }
}

int Projectivize(std::vector<int>* heads_ptr) {
  std::vector<int>& h = *heads_ptr;
  const int n = static_cast<int>(h.size()) - 1;
  // Does a dominate k?  (Walks up from k; bounded in case of cycles.)
  auto dominates = [&](int a, int k) {
    for (int steps = 0; k > 0 && steps <= n; ++steps) {
      if (k == a) return true;
      k = h[k];
    }
    return a == 0 || k == a;
  };
  int lifts = 0;
  for (int guard = 0; guard < 4 * n + 4; ++guard) {
    // The shortest non-projective arc: one spanning a word its head does not
    // dominate.  Arcs of the root and of the root word are always projective,
    // so lifting never creates a second root.
    int best = -1, best_len = 1 << 30;
    for (int d = 1; d <= n; ++d) {
      const int hd = h[d];
      if (hd <= 0) continue;
      const int len = std::abs(hd - d);
      if (len >= best_len) continue;
      const int lo = std::min(hd, d), hi = std::max(hd, d);
      for (int k = lo + 1; k < hi; ++k) {
        if (!dominates(hd, k)) {
          best = d, best_len = len;
          break;
        }
      }
    }
    if (best < 0) return lifts;
    h[best] = h[h[best]];
    ++lifts;
  }
  return lifts;
}

// ------------------------------------------------------------- features

namespace {
constexpr uint64_t kNone = 0x6E6F6E65ULL;     // absent position
constexpr uint64_t kRootAtom = 0x726F6F74ULL;  // the artificial root
}  // namespace

void Atoms::Fill(const Sentence& s) {
  const size_t n = s.tokens.size();
  w.resize(n + 1);
  p.resize(n + 1);
  wp.resize(n + 1);
  u.resize(n + 1);
  sfx.resize(n + 1);
  w[0] = p[0] = u[0] = sfx[0] = kRootAtom;
  wp[0] = Pair(kRootAtom, kRootAtom);
  for (size_t i = 0; i < n; ++i) {
    const Token& t = s.tokens[i];
    w[i + 1] = HashLower(t.form, 0x77);
    p[i + 1] = HashExact(t.xpos.empty() ? t.upos : t.xpos, 0x70);
    wp[i + 1] = Pair(w[i + 1], p[i + 1]);
    u[i + 1] = HashExact(t.upos, 0x75);
    const std::string_view f = t.form;
    sfx[i + 1] = HashLower(f.size() > 3 ? f.substr(f.size() - 3) : f, 0x73);
  }
}

namespace {
// The atoms of one state that the templates combine.
struct Context {
  uint64_t s0w, s0p, s0wp, s0u, s0s, n0w, n0p, n0wp, n0u, n1w, n1p, n1wp, n1u, n1s, n2w, n2p, n2wp, n3p;
  uint64_t s1w, s1p, s1wp, s1u;
  uint64_t s0hw, s0hp, s0h2w, s0h2p, s0lw, s0lp, s0l2w, s0l2p, s0rp, s0r2p;
  uint64_t n0lw, n0lp, n0l2w, n0l2p;
  uint64_t s0L, s0lL, s0l2L, s0rL, n0lL, n0l2L;
  uint64_t dist, s0vl, s0vr, n0vl, s0sl, s0sr, n0sl;
};

// Only the atoms that `groups` (a bit set of 1 << FeatureGroup) use.
void FillContext(const State& s, const Atoms& a, unsigned groups, Context* c) {
  const int n = s.n;
  const int sp = static_cast<int>(s.stack.size());
  const int s0 = s.stack[sp - 1];
  const int n0 = s.b <= n ? s.b : -1;
  auto W = [&](int i) { return i < 0 ? kNone : a.w[i]; };
  auto P = [&](int i) { return i < 0 ? kNone : a.p[i]; };
  auto WP = [&](int i) { return i < 0 ? kNone : a.wp[i]; };
  auto U = [&](int i) { return i < 0 ? kNone : a.u[i]; };
  auto S = [&](int i) { return i < 0 ? kNone : a.sfx[i]; };
  auto L = [&](int i) { return i <= 0 ? kNone : static_cast<uint64_t>(s.label[i] + 1); };
  if (groups & ((1u << kGroupBuffer) | (1u << kGroupBufferTree) | (1u << kGroupPair))) {
    const int n1 = s.b + 1 <= n ? s.b + 1 : -1;
    const int n2 = s.b + 2 <= n ? s.b + 2 : -1;
    const int n3 = s.b + 3 <= n ? s.b + 3 : -1;
    c->n0w = W(n0), c->n0p = P(n0), c->n0wp = WP(n0), c->n0u = U(n0);
    c->n1w = W(n1), c->n1p = P(n1), c->n1wp = WP(n1), c->n1u = U(n1), c->n1s = S(n1);
    c->n2w = W(n2), c->n2p = P(n2), c->n2wp = WP(n2), c->n3p = P(n3);
    const int n0l = n0 >= 0 ? s.lc1[n0] : -1;
    const int n0l2 = n0 >= 0 ? s.lc2[n0] : -1;
    c->n0lw = W(n0l), c->n0lp = P(n0l), c->n0lL = L(n0l);
    c->n0l2w = W(n0l2), c->n0l2p = P(n0l2), c->n0l2L = L(n0l2);
    c->n0vl = n0 >= 0 ? static_cast<uint64_t>(s.nl[n0]) : kNone;
    c->n0sl = n0 >= 0 ? s.lset[n0] : kNone;
  }
  if (groups & ((1u << kGroupStack) | (1u << kGroupStackRight) | (1u << kGroupPair))) {
    const int s1 = sp >= 2 ? s.stack[sp - 2] : -1;
    const int s0h = s0 > 0 && s.head[s0] > 0 ? s.head[s0] : -1;
    const int s0h2 = s0h > 0 && s.head[s0h] > 0 ? s.head[s0h] : -1;
    const int s0l = s.lc1[s0], s0l2 = s.lc2[s0], s0r = s.rc1[s0], s0r2 = s.rc2[s0];
    c->s0w = W(s0), c->s0p = P(s0), c->s0wp = WP(s0), c->s0u = U(s0), c->s0s = S(s0);
    c->s1w = W(s1), c->s1p = P(s1), c->s1wp = WP(s1), c->s1u = U(s1);
    c->s0hw = W(s0h), c->s0hp = P(s0h), c->s0h2w = W(s0h2), c->s0h2p = P(s0h2);
    c->s0lw = W(s0l), c->s0lp = P(s0l), c->s0l2w = W(s0l2), c->s0l2p = P(s0l2);
    c->s0rp = P(s0r), c->s0r2p = P(s0r2);
    c->s0L = L(s0), c->s0lL = L(s0l), c->s0l2L = L(s0l2), c->s0rL = L(s0r);
    c->s0vl = static_cast<uint64_t>(s.nl[s0]), c->s0vr = static_cast<uint64_t>(s.nr[s0]);
    c->s0sl = s.lset[s0], c->s0sr = s.rset[s0];
    c->dist = kNone;
    if (n0 >= 0) {
      int d = s0 == 0 ? 0 : n0 - s0;
      if (d > 10) d = 10 + (d > 20);
      c->dist = static_cast<uint64_t>(d + 1);
    }
  }
}

// Writes the features of one group; template ids run on from `first`.
int GroupFeatures(const Context& c, FeatureGroup g, uint64_t* out) {
  int k = 0;
  const uint64_t first = static_cast<uint64_t>(kGroupBegin[g]);
  auto F = [&](uint64_t x, uint64_t y = 0x51ED27ULL, uint64_t z = 0x2F1A3BULL) {
    out[k] = Feat(first + static_cast<uint64_t>(k), x, y, z);
    ++k;
  };
  switch (g) {
    case kGroupBuffer:  // b and the words after it
      F(1);  // bias
      F(c.n0wp); F(c.n0w); F(c.n0p); F(c.n1wp); F(c.n1w); F(c.n1p); F(c.n2wp); F(c.n2w); F(c.n2p);
      F(c.n0p, c.n1p); F(c.n0p, c.n1p, c.n2p); F(c.n3p); F(c.n0p, c.n1p, c.n3p);
      F(c.n0wp, c.n1p); F(c.n0p, c.n1wp); F(c.n1s); F(c.n0u, c.n1u);
      F(c.n0w, c.n1w);
      break;
    case kGroupBufferTree:  // b's left dependents
      F(c.n0p, c.n0vl); F(c.n0lw); F(c.n0lp); F(c.n0lL);
      F(c.n0l2w); F(c.n0l2p); F(c.n0l2L); F(c.n0p, c.n0lp, c.n0l2p); F(c.n0p, c.n0sl);
      break;
    case kGroupStack:  // s0, s1, s0's head chain and left dependents
      F(c.s0wp); F(c.s0w); F(c.s0p); F(c.s0w, c.s0vl); F(c.s0p, c.s0vl);
      F(c.s0hw); F(c.s0hp); F(c.s0L); F(c.s0lw); F(c.s0lp); F(c.s0lL);
      F(c.s0h2w); F(c.s0h2p); F(c.s0l2w); F(c.s0l2p); F(c.s0l2L);
      F(c.s0p, c.s0hp, c.s0h2p); F(c.s0w, c.s0sl); F(c.s0p, c.s0sl);
      F(c.s1p); F(c.s1w); F(c.s1p, c.s0p); F(c.s1wp, c.s0p); F(c.s0s, c.s0p);
      break;
    case kGroupStackRight:  // s0's right dependents
      F(c.s0w, c.s0vr); F(c.s0p, c.s0vr); F(c.s0rL);
      F(c.s0p, c.s0rp, c.s0r2p); F(c.s0w, c.s0sr); F(c.s0p, c.s0sr); F(c.s0L, c.s0lL, c.s0rL);
      break;
    case kGroupPair:  // s0 with the buffer
      F(c.s0wp, c.n0p); F(c.s0p, c.n0wp); F(c.s0w, c.n0w);
      F(c.s0p, c.n0p, c.n1p); F(c.s0hp, c.s0p, c.n0p); F(c.s0p, c.s0lp, c.n0p);
      F(c.s0p, c.s0rp, c.n0p); F(c.s0p, c.n0p, c.n0lp);
      F(c.s0w, c.dist); F(c.s0p, c.dist); F(c.n0p, c.dist); F(c.s0p, c.n0p, c.dist);
      F(c.s0p, c.s0L, c.n0p); F(c.s0wp, c.n0p, c.n1p); F(c.s0w, c.n0p, c.n1p);
      F(c.s0u, c.n0u); F(c.s0u, c.n0u, c.n1u); F(c.s1u, c.s0u, c.n0u);
      break;
    case kNumGroups:
      break;
  }
  return k;
}
}  // namespace

int ExtractGroup(const State& s, const Atoms& a, FeatureGroup g, uint64_t* out) {
  Context c;
  FillContext(s, a, 1u << g, &c);
  return GroupFeatures(c, g, out);
}

int ExtractGroups(const State& s, const Atoms& a, unsigned groups, uint64_t* out, int* begin) {
  Context c;
  FillContext(s, a, groups, &c);
  int k = 0;
  for (int g = 0; g < kNumGroups; ++g) {
    begin[g] = k;
    if (groups & (1u << g)) k += GroupFeatures(c, static_cast<FeatureGroup>(g), out + k);
  }
  return k;
}

int ExtractFeatures(const State& s, const Atoms& a, uint64_t* out) {
  Context c;
  FillContext(s, a, (1u << kNumGroups) - 1, &c);
  int k = 0;
  for (int g = 0; g < kNumGroups; ++g) k += GroupFeatures(c, static_cast<FeatureGroup>(g), out + k);
  return k;
}

FeatureGroup GroupOfFeature(int k) {
  int g = 0;
  while (g + 1 < kNumGroups && k >= kGroupBegin[g + 1]) ++g;
  return static_cast<FeatureGroup>(g);
}

// ------------------------------------------------------ compact weights

void Model::FreeDeleter::operator()(void* p) const { std::free(p); }

namespace {
// Zeroed memory, 64-byte aligned; blocks of 2 MB or more on huge pages where
// the OS allows (random probes into megabytes otherwise miss the TLB).
void* AllocZeroed(size_t bytes) {
  constexpr size_t kHuge = size_t{2} << 20;
  void* mem = nullptr;
  if (bytes >= kHuge) {
    bytes = (bytes + kHuge - 1) / kHuge * kHuge;
    mem = std::aligned_alloc(kHuge, bytes);
    if (mem) madvise(mem, bytes, MADV_HUGEPAGE);
  } else {
    bytes = (std::max<size_t>(bytes, 1) + 63) / 64 * 64;
    mem = std::aligned_alloc(64, bytes);
  }
  if (!mem) throw std::bad_alloc();
  std::memset(mem, 0, bytes);
  return mem;
}
}  // namespace

int DenseShift(const Entry* e, uint32_t n) {
  int32_t bits = 0, lo = 0, hi = 0;
  for (uint32_t j = 0; j < n; ++j) {
    bits |= e[j].w;
    lo = std::min<int32_t>(lo, e[j].w);
    hi = std::max<int32_t>(hi, e[j].w);
  }
  // The largest shift that keeps every weight exact, then the smallest
  // that fits int8: a row is dense-representable when the first is not
  // below the second.
  const int exact = bits == 0 ? 15 : __builtin_ctz(static_cast<uint32_t>(bits));
  int need = 0;
  while ((hi >> need) > 127 || (lo >> need) < -128) ++need;
  return need <= exact ? need : -1;
}

void RoundLongRows(Model* m) {
  std::vector<Entry> kept;
  std::vector<uint32_t> new_end;
  std::vector<uint64_t> new_keys;
  kept.reserve(m->entries.size());
  uint32_t begin = 0;
  for (size_t i = 0; i < m->keys.size(); ++i) {
    const uint32_t end = m->row_end[i];
    const size_t before = kept.size();
    if (end - begin >= kDenseMin) {
      int32_t lo = 0, hi = 0;
      for (uint32_t j = begin; j < end; ++j) {
        lo = std::min<int32_t>(lo, m->entries[j].w);
        hi = std::max<int32_t>(hi, m->entries[j].w);
      }
      int shift = 0;
      // Round half away from zero; 127.5 << shift rounds up to 128 << shift,
      // so keep the bound at 127 for positive and -128 for negative values.
      auto rounded = [&](int32_t w, int sh) {
        const int32_t half = sh ? int32_t{1} << (sh - 1) : 0;
        return w >= 0 ? (w + half) >> sh : -((-w + half) >> sh);
      };
      while (rounded(hi, shift) > 127 || rounded(lo, shift) < -128) ++shift;
      for (uint32_t j = begin; j < end; ++j) {
        const int32_t q = rounded(m->entries[j].w, shift);
        if (q != 0) kept.push_back(Entry{m->entries[j].cls, static_cast<int16_t>(q * (int32_t{1} << shift))});
      }
    } else {
      kept.insert(kept.end(), m->entries.begin() + begin, m->entries.begin() + end);
    }
    begin = end;
    if (kept.size() == before) continue;
    new_keys.push_back(m->keys[i]);
    new_end.push_back(static_cast<uint32_t>(kept.size()));
  }
  m->entries = std::move(kept);
  m->keys = std::move(new_keys);
  m->row_end = std::move(new_end);
}

bool Model::BuildTable() {
  dense_width = (num_classes + 15) / 16 * 16;
  dense_stride = (dense_width + 63) / 64 * 64;
  // Dense and external rows: count them, then allocate.
  size_t dense_rows = 0, external_entries = 0;
  {
    uint32_t b = 0;
    for (size_t i = 0; i < keys.size(); ++i) {
      const uint32_t count = row_end[i] - b;
      if (count >= kDenseMin) {
        ++dense_rows;
      } else if (count >= 2) {
        external_entries += (count + 3) / 4 * 4;
      }
      b = row_end[i];
    }
  }
  if (external_entries >= (size_t{1} << 26) || dense_rows >= (size_t{1} << 25)) return false;
  {
    std::vector<uint64_t> sorted = keys;
    std::sort(sorted.begin(), sorted.end());
    if (std::adjacent_find(sorted.begin(), sorted.end()) != sorted.end()) return false;
  }
  dense.reset(static_cast<int8_t*>(AllocZeroed(dense_rows * static_cast<size_t>(dense_stride))));
  external.reset(static_cast<Entry*>(AllocZeroed(external_entries * sizeof(Entry))));
  // Row descriptors, in key order.
  std::vector<uint32_t> desc(keys.size());
  {
    uint32_t next_external = 0, next_dense = 0, begin = 0;
    for (size_t i = 0; i < keys.size(); ++i) {
      const uint32_t count = row_end[i] - begin;
      if (count == 1) {
        desc[i] = (static_cast<uint32_t>(entries[begin].cls & 0xFF) << 16) |
                  static_cast<uint16_t>(entries[begin].w);
      } else if (count >= kDenseMin) {
        const int shift = DenseShift(&entries[begin], count);
        if (shift < 0) return false;
        const uint32_t row = next_dense++;
        int8_t* d = dense.get() + static_cast<size_t>(row) * dense_stride;
        for (uint32_t j = begin; j < row_end[i]; ++j) d[entries[j].cls] = static_cast<int8_t>(entries[j].w >> shift);
        desc[i] = (kDense << 30) | (static_cast<uint32_t>(shift) << 25) | row;
      } else {
        const uint32_t groups = (count + 3) / 4;
        Entry* e = external.get() + next_external;
        std::copy(entries.begin() + begin, entries.begin() + row_end[i], e);
        for (uint32_t j = count; j < groups * 4; ++j) e[j] = Entry{kPad, 0};
        desc[i] = (kExternal << 30) | (groups << 26) | next_external;
        next_external += groups * 4;
      }
      begin = row_end[i];
    }
  }
  // At most four keys per bucket on average; grow while two keys share a
  // home bucket and a fingerprint.
  size_t buckets = 1;
  while (buckets * 5 < keys.size()) buckets <<= 1;
  bool built = false;
  for (int attempt = 0; attempt < 8 && !built; ++attempt, buckets <<= 1) {
    table.reset(static_cast<Bucket*>(AllocZeroed(buckets * sizeof(Bucket))));
    mask = buckets - 1;
    bool clash = false;
    for (size_t i = 0; i < keys.size() && !clash; ++i) {
      const uint32_t fp = FingerprintOf(keys[i]);
      for (uint64_t j = Home(keys[i]);; j = (j + 1) & mask) {
        Bucket& bk = table[j];
        int k = 0;
        while (k < 8 && bk.fp[k] != 0 && bk.fp[k] != fp) ++k;
        if (k < 8 && bk.fp[k] == fp) {
          // Another key with this fingerprint is already where lookups for
          // this one would stop: grow the table.
          clash = true;
          break;
        }
        if (k < 8) {
          bk.fp[k] = fp;
          bk.val[k] = desc[i];
          break;
        }
      }
    }
    built = !clash;
  }
  if (!built) return false;
  return true;
}

namespace {
// Bit i set when fp[i] == want (SSE2: part of every x86-64).
inline unsigned MatchMask(const Bucket& b, uint32_t want) {
  const __m128i w = _mm_set1_epi32(static_cast<int>(want));
  const __m128i lo = _mm_cmpeq_epi32(_mm_load_si128(reinterpret_cast<const __m128i*>(b.fp)), w);
  const __m128i hi = _mm_cmpeq_epi32(_mm_load_si128(reinterpret_cast<const __m128i*>(b.fp + 4)), w);
  return static_cast<unsigned>(_mm_movemask_ps(_mm_castsi128_ps(lo)) |
                               (_mm_movemask_ps(_mm_castsi128_ps(hi)) << 4));
}

// Descriptor of the key in bucket b, 0 when absent from it.
inline uint32_t ValueIn(const Bucket& b, unsigned match) {
  const uint32_t v = b.val[__builtin_ctz(match | 0x100u) & 7];
  return match ? v : 0;
}
}  // namespace

uint32_t Model::Lookup(uint64_t key) const {
  const uint32_t fp = FingerprintOf(key);
  for (uint64_t j = Home(key);; j = (j + 1) & mask) {
    const Bucket& b = table[j];
    const unsigned match = MatchMask(b, fp);
    if (match) return ValueIn(b, match);
    if (b.fp[7] == 0) return 0;  // not full: the key would be here
  }
}

namespace {

// acc[0..width) += rows[i][0..width) << shifts[i] for every row; width is a
// multiple of 16.  Versions for AVX-512 and AVX2 are picked at run time where
// the CPU has them (the dense rows are about a third of the parser's
// instructions).
void AddDenseRowsPlain(const int8_t* const* rows, const uint8_t* shifts, int m, int width,
                       int32_t* acc) {
  for (int i = 0; i < m; ++i) {
    const int8_t* r = rows[i];
    const int32_t mul = int32_t{1} << shifts[i];
    for (int c = 0; c < width; ++c) acc[c] += r[c] * mul;
  }
}

// acc[c, c + 8K) += the rows' columns there, with K 256-bit accumulators
// kept in registers across the rows.
template <int K>
__attribute__((target("avx2"))) inline void AddBlockAvx2(const int8_t* const* rows, const uint8_t* shifts,
                                                        int m, int c, int32_t* acc) {
  __m256i a[K];
  for (int j = 0; j < K; ++j) a[j] = _mm256_load_si256(reinterpret_cast<const __m256i*>(acc + c + 8 * j));
  for (int i = 0; i < m; ++i) {
    const int8_t* r = rows[i] + c;
    const __m128i sh = _mm_cvtsi32_si128(shifts[i]);
    for (int j = 0; j < K; ++j) {
      const __m256i x = _mm256_cvtepi8_epi32(_mm_loadl_epi64(reinterpret_cast<const __m128i*>(r + 8 * j)));
      a[j] = _mm256_add_epi32(a[j], _mm256_sll_epi32(x, sh));
    }
  }
  for (int j = 0; j < K; ++j) _mm256_store_si256(reinterpret_cast<__m256i*>(acc + c + 8 * j), a[j]);
}

__attribute__((target("avx2"))) void AddDenseRowsAvx2(const int8_t* const* rows,
                                                      const uint8_t* shifts, int m, int width,
                                                      int32_t* acc) {
  int c = 0;
  for (; c + 64 <= width; c += 64) AddBlockAvx2<8>(rows, shifts, m, c, acc);  // 8 accumulators of 8 classes
  for (; c < width; c += 16) AddBlockAvx2<2>(rows, shifts, m, c, acc);
}

// GCC 12's _mm512_cvtepi8_epi32 trips -Wmaybe-uninitialized on its own
// internals.
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"
// acc[c, c + 16K) += the rows' columns there, with K 512-bit accumulators
// kept in registers across the rows.
template <int K>
__attribute__((target("avx512f,avx512bw"))) inline void AddBlockAvx512(const int8_t* const* rows,
                                                                      const uint8_t* shifts, int m, int c,
                                                                      int32_t* acc) {
  __m512i a[K];
  for (int j = 0; j < K; ++j) a[j] = _mm512_load_si512(acc + c + 16 * j);
  for (int i = 0; i < m; ++i) {
    const int8_t* r = rows[i] + c;
    const __m128i sh = _mm_cvtsi32_si128(shifts[i]);
    for (int j = 0; j < K; ++j) {
      const __m512i x = _mm512_cvtepi8_epi32(_mm_loadu_si128(reinterpret_cast<const __m128i*>(r + 16 * j)));
      a[j] = _mm512_add_epi32(a[j], _mm512_sll_epi32(x, sh));
    }
  }
  for (int j = 0; j < K; ++j) _mm512_store_si512(acc + c + 16 * j, a[j]);
}

__attribute__((target("avx512f,avx512bw"))) void AddDenseRowsAvx512(const int8_t* const* rows,
                                                                    const uint8_t* shifts, int m,
                                                                    int width, int32_t* acc) {
  int c = 0;
  for (; c + 128 <= width; c += 128) AddBlockAvx512<8>(rows, shifts, m, c, acc);  // 8 x 16 classes
  for (; c + 64 <= width; c += 64) AddBlockAvx512<4>(rows, shifts, m, c, acc);
  for (; c < width; c += 16) AddBlockAvx512<1>(rows, shifts, m, c, acc);
}
#pragma GCC diagnostic pop

using AddDenseRowsFn = void (*)(const int8_t* const*, const uint8_t*, int, int, int32_t*);
// ENTENTE_PARSER_SIMD=plain|avx2 caps the instruction set (for tests and
// comparisons); results are the same on every path.
const AddDenseRowsFn AddDenseRows = [] {
  __builtin_cpu_init();  // may run before libgcc's own constructor
  const char* cap = std::getenv("ENTENTE_PARSER_SIMD");
  const std::string_view want = cap ? cap : "";
  if (want == "plain") return AddDenseRowsPlain;
  if (want != "avx2" && __builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx512bw")) {
    return AddDenseRowsAvx512;
  }
  return __builtin_cpu_supports("avx2") ? AddDenseRowsAvx2 : AddDenseRowsPlain;
}();

}  // namespace

void Model::Score(const uint64_t* feats, int n, float* scores) const {
  // Integer accumulation is exact; scale once at the end.
  alignas(64) int32_t acc[256] = {};
  Accumulate(feats, n, acc);
  for (int c = 0; c < num_classes; ++c) scores[c] = static_cast<float>(acc[c]) * scale;
}

void Model::Accumulate(const uint64_t* feats, int n, int32_t* acc, bool prefetch) const {
  if (prefetch) {
    for (int i = 0; i < n; ++i) __builtin_prefetch(&table[Home(feats[i])]);
  }
  uint32_t desc[kMaxFeatures];
  Resolve(feats, n, desc);
  AddRows(desc, n, acc);
}

void Model::Resolve(const uint64_t* feats, int n, uint32_t* desc) const {
  // Without branches on the outcome (found or not, kind of row), which no
  // predictor can guess: the address to prefetch is selected arithmetically
  // (the bucket itself, already loaded, when there is no row to fetch).
  const uintptr_t dense_base = reinterpret_cast<uintptr_t>(dense.get());
  const uintptr_t external_base = reinterpret_cast<uintptr_t>(external.get());
  const uintptr_t row_bytes = static_cast<uintptr_t>(dense_stride);
  for (int i = 0; i < n; ++i) {
    const uint64_t key = feats[i];
    const Bucket& b = table[Home(key)];
    const unsigned match = MatchMask(b, FingerprintOf(key));
    uint32_t v = b.val[__builtin_ctz(match | 0x100u) & 7] & (0u - (match != 0));
    // One rarely taken branch: the home bucket is full and lacks the key.
    const bool spill = (match == 0) & (b.fp[7] != 0);
    if (__builtin_expect(spill, 0)) v = Lookup(key);
    desc[i] = v;
    const uint32_t kind = v >> 30;
    const uintptr_t dense_at = dense_base + (v & 0x1FFFFFFu) * row_bytes;
    const uintptr_t external_at = external_base + (v & 0x3FFFFFFu) * sizeof(Entry);
    // Masks rather than conditionals, which GCC turns into branches.
    const uintptr_t is_dense = uintptr_t{0} - (kind == kDense);
    const uintptr_t is_external = uintptr_t{0} - (kind == kExternal);
    const uintptr_t at = (reinterpret_cast<uintptr_t>(&b) & ~(is_dense | is_external)) |
                         (dense_at & is_dense) | (external_at & is_external);
    __builtin_prefetch(reinterpret_cast<const void*>(at));
    __builtin_prefetch(reinterpret_cast<const void*>(at + (64 & is_dense)));
  }
}

void Model::AddRows(const uint32_t* desc, int n, int32_t* acc) const {
  uint32_t inl[kMaxFeatures], ext[kMaxFeatures];
  const int8_t* rows[kMaxFeatures];
  uint8_t shifts[kMaxFeatures];
  // Descriptors are sorted into lists by kind without branches (each list
  // grows only for its kind), then each list is added.
  int ni = 0, m = 0, md = 0;
  const uintptr_t dense_base = reinterpret_cast<uintptr_t>(dense.get());
  const uintptr_t row_bytes = static_cast<uintptr_t>(dense_stride);
  for (int i = 0; i < n; ++i) {
    const uint32_t v = desc[i];
    const uint32_t kind = v >> 30;
    inl[ni] = v;
    ni += kind == kInline && v != 0;
    rows[md] = reinterpret_cast<const int8_t*>(dense_base + (v & 0x1FFFFFFu) * row_bytes);
    shifts[md] = static_cast<uint8_t>((v >> 25) & 0x1F);
    md += kind == kDense;
    ext[m] = v;
    m += kind == kExternal;
  }
  for (int i = 0; i < ni; ++i) acc[(inl[i] >> 16) & 0xFF] += static_cast<int16_t>(inl[i] & 0xFFFF);
  for (int i = 0; i < m; ++i) {
    const Entry* e = &external[ext[i] & 0x3FFFFFFu];
    const uint32_t groups = (ext[i] >> 26) & 0xF;
    for (uint32_t g = 0; g < groups; ++g, e += 4) {
      acc[e[0].cls] += e[0].w;
      acc[e[1].cls] += e[1].w;
      acc[e[2].cls] += e[2].w;
      acc[e[3].cls] += e[3].w;
    }
  }
  AddDenseRows(rows, shifts, md, dense_width, acc);
}

namespace {
struct Workspace {
  State state;
  Atoms atoms;
  // Valid classes of every situation (State::Situation), for the model
  // whose class layout is masks_for.
  std::vector<uint8_t> masks;
  std::pair<int, int> masks_for{-1, -1};
  // Partial scores of the stack groups, kAccStride per word: kGroupStack
  // (computed once per word: it is fixed while the word is on the stack,
  // and a word is pushed only once) and kGroupStackRight (valid while
  // nr[word] equals right_nr[word]).
  std::vector<int32_t, AlignedAllocator<int32_t>> stack_acc, right_acc;
  std::vector<int> right_nr;
  std::vector<uint8_t> stack_done;
};

// Scratch class kPad must be inside every accumulator.
constexpr int kAccStride = 256;
static_assert(kPad < kAccStride);
}  // namespace

void Model::ParseSentence(Sentence* sent) const {
  const int n = static_cast<int>(sent->tokens.size());
  if (n == 0) return;
  thread_local Workspace ws;
  ws.atoms.Fill(*sent);
  State& st = ws.state;
  st.Init(n);
  const int num_labels = static_cast<int>(labels.size());
  if (ws.masks_for != std::make_pair(num_labels, root_label)) {
    ws.masks.assign(static_cast<size_t>(kNumSituations) * num_classes, 0);
    for (int sit = 0; sit < kNumSituations; ++sit) {
      ValidClasses(sit, num_labels, root_label, &ws.masks[static_cast<size_t>(sit) * num_classes]);
    }
    ws.masks_for = {num_labels, root_label};
  }
  const size_t words = static_cast<size_t>(n) + 1;
  if (ws.stack_acc.size() < words * kAccStride) {
    ws.stack_acc.resize(words * kAccStride);
    ws.right_acc.resize(words * kAccStride);
  }
  ws.stack_done.assign(words, 0);
  ws.right_nr.assign(words, -1);
  const int width = dense_width;
  uint64_t feats[kMaxFeatures];
  uint32_t desc[kMaxFeatures];
  // Partial sums of the buffer features (valid while b is unchanged) and of
  // the buffer-tree features (while b and nl[b] are unchanged): REDUCE and
  // LEFT keep b, so about half of the transitions reuse them.
  alignas(64) int32_t buffer_acc[kAccStride], tree_acc[kAccStride], acc[kAccStride];
  int buffer_b = -1, tree_b = -1, tree_nl = -1;
  while (!st.Terminal()) {
    const int s0 = st.S0();
    const bool new_buffer = buffer_b != st.b;
    const bool new_tree = tree_b != st.b || tree_nl != st.nl[st.b];
    const bool new_stack = !ws.stack_done[static_cast<size_t>(s0)];
    const bool new_right = ws.right_nr[static_cast<size_t>(s0)] != st.nr[s0];
    int32_t* stack_row = &ws.stack_acc[static_cast<size_t>(s0) * kAccStride];
    int32_t* right_row = &ws.right_acc[static_cast<size_t>(s0) * kAccStride];
    // The pair features always, the other groups when their state changed:
    // every key is looked up (and every row prefetched) before any row is
    // added.
    int begin[kNumGroups];
    const unsigned groups = (1u << kGroupPair) | (new_buffer ? 1u << kGroupBuffer : 0) |
                            (new_tree ? 1u << kGroupBufferTree : 0) |
                            (new_stack ? 1u << kGroupStack : 0) |
                            (new_right ? 1u << kGroupStackRight : 0);
    const int nm = ExtractGroups(st, ws.atoms, groups, feats, begin);
    for (int i = 0; i < nm; ++i) __builtin_prefetch(&table[Home(feats[i])]);
    Resolve(feats, nm, desc);
    auto fill = [&](FeatureGroup g, int32_t* into) {
      std::memset(into, 0, sizeof(int32_t) * static_cast<size_t>(width));
      AddRows(desc + begin[g], kGroupSize[g], into);
    };
    if (new_buffer) {
      fill(kGroupBuffer, buffer_acc);
      buffer_b = st.b;
    }
    if (new_tree) {
      fill(kGroupBufferTree, tree_acc);
      tree_b = st.b;
      tree_nl = st.nl[st.b];
    }
    if (new_stack) {
      fill(kGroupStack, stack_row);
      ws.stack_done[static_cast<size_t>(s0)] = 1;
    }
    if (new_right) {
      fill(kGroupStackRight, right_row);
      ws.right_nr[static_cast<size_t>(s0)] = st.nr[s0];
    }
    for (int c = 0; c < width; ++c) acc[c] = buffer_acc[c] + tree_acc[c] + stack_row[c] + right_row[c];
    AddRows(desc + begin[kGroupPair], kGroupSize[kGroupPair], acc);
    // scale > 0: the best integer sum is the best score; ties go to the
    // lowest class.  Two passes (a masked maximum, then its first valid
    // occurrence) vectorise.
    const uint8_t* valid = &ws.masks[static_cast<size_t>(st.Situation()) * num_classes];
    int32_t best_score = INT32_MIN;
    for (int c = 0; c < num_classes; ++c) best_score = std::max(best_score, valid[c] ? acc[c] : INT32_MIN);
    int best = -1;
    for (int c = 0; c < num_classes; ++c) {
      if (valid[c] && acc[c] == best_score) {
        best = c;
        break;
      }
    }
    if (best < 0) break;  // cannot happen: SHIFT is valid while the buffer is not empty
    st.Apply(best);
  }
  st.Finish(root_label, fallback_label);
  for (int i = 1; i <= n; ++i) {
    Token& t = sent->tokens[i - 1];
    t.head = st.head[i];
    t.deprel = labels[st.label[i]];
  }
}

// ------------------------------------------------------------- file format

void WriteModel(const Model& m, model_io::ModelWriter* w) {
  w->PutU32(static_cast<uint32_t>(m.labels.size()));
  for (const auto& l : m.labels) w->PutString(l);
  w->PutU32(static_cast<uint32_t>(m.root_label));
  w->PutU32(static_cast<uint32_t>(m.fallback_label));
  w->PutF32(m.scale);
  w->PutVector(m.keys);
  w->PutVector(m.row_end);
  w->PutVector(m.entries);
}

Status ReadModel(model_io::ModelReader* r, Model* m) {
  uint32_t nl = 0;
  if (!r->GetU32(&nl)) return r->status();
  if (nl == 0 || nl > kMaxLabels) {
    r->Fail("bad label count");
    return r->status();
  }
  m->labels.resize(nl);
  for (auto& l : m->labels) {
    if (!r->GetString(&l)) return r->status();
  }
  uint32_t root = 0, fallback = 0;
  float scale = 0;
  if (!r->GetU32(&root) || !r->GetU32(&fallback) || !r->GetF32(&scale)) return r->status();
  if (nl < 2 || root >= nl || fallback >= nl || fallback == root || m->labels[root] != "root" ||
      !(scale > 0) ||
      !std::isfinite(scale)) {
    r->Fail("bad label or scale header");
    return r->status();
  }
  m->root_label = static_cast<int>(root);
  m->fallback_label = static_cast<int>(fallback);
  m->scale = scale;
  m->num_classes = NumClasses(static_cast<int>(nl));
  std::vector<uint64_t>& keys = m->keys;
  std::vector<uint32_t>& row_end = m->row_end;
  if (!r->GetVector(&keys) || !r->GetVector(&row_end) || !r->GetVector(&m->entries)) {
    return r->status();
  }
  if (!r->AtEnd()) {
    r->Fail("trailing bytes after the weights");
    return r->status();
  }
  if (keys.size() != row_end.size()) {
    r->Fail("feature and row counts differ");
    return r->status();
  }
  uint32_t prev = 0;
  for (size_t i = 0; i < keys.size(); ++i) {
    if (keys[i] == 0 || row_end[i] <= prev || row_end[i] > m->entries.size() ||
        row_end[i] - prev > static_cast<uint32_t>(m->num_classes)) {
      r->Fail("bad feature row");
      return r->status();
    }
    prev = row_end[i];
  }
  if (prev != m->entries.size()) {
    r->Fail("rows do not cover the weights");
    return r->status();
  }
  for (const Entry& e : m->entries) {
    if (e.cls >= m->num_classes) {
      r->Fail("weight of an unknown class");
      return r->status();
    }
  }
  // Duplicate keys would make rows unreachable: reject them.
  if (!m->BuildTable()) {
    r->Fail("duplicate feature keys or a long row that is not int8 << shift");
    return r->status();
  }
  m->meta = r->meta();
  return Status::OK();
}

}  // namespace parser_internal

// ------------------------------------------------------------- public API

using parser_internal::Model;

DependencyParser::DependencyParser(std::unique_ptr<Model> model) : model_(std::move(model)) {}
DependencyParser::~DependencyParser() = default;

Result<std::unique_ptr<DependencyParser>> DependencyParser::Load(std::istream& in,
                                                                 std::string_view name) {
  auto reader = model_io::ModelReader::FromStream(in, name, parser_internal::kModelKind,
                                                  parser_internal::kModelVersion);
  if (!reader.ok()) return reader.status();
  auto model = std::make_unique<Model>();
  Status st = parser_internal::ReadModel(&reader.value(), model.get());
  if (!st.ok()) return st;
  return std::make_unique<DependencyParser>(std::move(model));
}

Result<std::unique_ptr<DependencyParser>> DependencyParser::Load(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status(Code::kNotFound, path + ": cannot open parser model");
  return Load(in, path);
}

void DependencyParser::Parse(Sentence* s) const { model_->ParseSentence(s); }

const std::vector<std::pair<std::string, std::string>>& DependencyParser::metadata() const {
  return model_->meta;
}

const std::vector<std::string>& DependencyParser::labels() const { return model_->labels; }

ParseScores ScoreParses(const std::vector<Sentence>& gold, const std::vector<Sentence>& pred) {
  ParseScores sc;
  uint64_t uas = 0, las = 0, full = 0;
  auto universal = [](const std::string& l) {
    return std::string_view(l).substr(0, std::min(l.size(), l.find(':')));
  };
  for (size_t i = 0; i < gold.size(); ++i) {
    const auto& g = gold[i].tokens;
    sc.tokens += g.size();
    if (i >= pred.size() || pred[i].tokens.size() != g.size()) continue;
    const auto& p = pred[i].tokens;
    for (size_t j = 0; j < g.size(); ++j) {
      if (g[j].head != p[j].head) continue;
      ++uas;
      if (universal(g[j].deprel) == universal(p[j].deprel)) ++las;
      if (g[j].deprel == p[j].deprel) ++full;
    }
  }
  if (sc.tokens) {
    const double t = static_cast<double>(sc.tokens);
    sc.uas = 100.0 * uas / t;
    sc.las = 100.0 * las / t;
    sc.las_full = 100.0 * full / t;
  }
  return sc;
}

}  // namespace entente
