// A flat open-addressing hash map from 64-bit keys (already well mixed) to a
// 64-bit value (internal to the tagger).  Lookups touch one cache line in the
// common case; no deletion.
#pragma once

#include <cstdint>
#include <vector>

namespace entente::tagger {

class FlatMap {
 public:
  static constexpr uint64_t kNone = ~uint64_t{0};

  FlatMap() { Rehash(16); }

  // Value of `key`, or kNone.
  uint64_t Find(uint64_t key) const {
    size_t i = key & mask_;
    while (true) {
      const Slot& s = slots_[i];
      if (s.value == kNone) return kNone;
      if (s.key == key) return s.value;
      i = (i + 1) & mask_;
    }
  }

  // Hints the CPU to fetch the slot of `key` ahead of a Find.
  void Prefetch(uint64_t key) const { __builtin_prefetch(&slots_[key & mask_]); }

  // Inserts key -> value unless present; returns the value stored for key.
  // `value` must not be kNone.
  uint64_t Insert(uint64_t key, uint64_t value) {
    if ((size_ + 1) * 2 > slots_.size()) Rehash(slots_.size() * 2);
    size_t i = key & mask_;
    while (true) {
      Slot& s = slots_[i];
      if (s.value == kNone) {
        s.key = key;
        s.value = value;
        ++size_;
        return value;
      }
      if (s.key == key) return s.value;
      i = (i + 1) & mask_;
    }
  }

  // Sets key -> value, overwriting.
  void Set(uint64_t key, uint64_t value) {
    if ((size_ + 1) * 2 > slots_.size()) Rehash(slots_.size() * 2);
    size_t i = key & mask_;
    while (true) {
      Slot& s = slots_[i];
      if (s.value == kNone) {
        s.key = key;
        s.value = value;
        ++size_;
        return;
      }
      if (s.key == key) {
        s.value = value;
        return;
      }
      i = (i + 1) & mask_;
    }
  }

  void Reserve(size_t n) {
    size_t cap = 16;
    while (cap < n * 2 + 2) cap *= 2;
    if (cap > slots_.size()) Rehash(cap);
  }

  size_t size() const { return size_; }

  // Calls f(key, value) for every entry (in table order).
  template <typename F>
  void ForEach(F&& f) const {
    for (const Slot& s : slots_)
      if (s.value != kNone) f(s.key, s.value);
  }

 private:
  struct Slot {
    uint64_t key = 0;
    uint64_t value = kNone;
  };
  void Rehash(size_t cap) {
    std::vector<Slot> old;
    old.swap(slots_);
    slots_.assign(cap, Slot{});
    mask_ = cap - 1;
    size_ = 0;
    for (const Slot& s : old)
      if (s.value != kNone) Insert(s.key, s.value);
  }
  std::vector<Slot> slots_;
  size_t mask_ = 0;
  size_t size_ = 0;
};

}  // namespace entente::tagger
