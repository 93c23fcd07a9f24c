// SharedVocabulary (include/entente/dictionary.h): one open-addressing table
// over the words of the actor, agent and verb dictionaries of a set.
#include <cstring>

#include "dictionaries/common.h"

namespace entente {

namespace {

constexpr uint64_t kFnvOffset = 1469598103934665603ull;
constexpr uint64_t kFnvPrime = 1099511628211ull;

uint64_t HashBytes(std::string_view s) {
  uint64_t h = kFnvOffset;
  for (unsigned char c : s) h = (h ^ c) * kFnvPrime;
  return h ^ (h >> 29);
}

// Byte equality for the short words of a vocabulary: inline, eight bytes
// at a time (a library memcmp call costs more than the compare itself).
inline bool SameBytes(const char* a, const char* b, size_t n) {
  for (; n >= 8; a += 8, b += 8, n -= 8) {
    uint64_t x, y;
    std::memcpy(&x, a, 8);
    std::memcpy(&y, b, 8);
    if (x != y) return false;
  }
  for (; n > 0; ++a, ++b, --n)
    if (*a != *b) return false;
  return true;
}

}  // namespace

SharedVocabulary::SharedVocabulary() = default;

const SharedVocabulary::Ids* SharedVocabulary::Probe(uint64_t hash, std::string_view upper) const {
  if (slots_.empty()) return nullptr;
  for (uint64_t i = hash & mask_;; i = (i + 1) & mask_) {
    const Slot& s = slots_[i];
    if (s.length == 0) return nullptr;
    if (s.hash == hash && s.length == upper.size() && SameBytes(text_.data() + s.offset, upper.data(), upper.size()))
      return &s.ids;
  }
}

void SharedVocabulary::Insert(std::string_view upper, int which, WordId id) {
  if (upper.empty()) return;
  uint64_t hash = HashBytes(upper);
  uint64_t i = hash & mask_;
  for (;; i = (i + 1) & mask_) {
    Slot& s = slots_[i];
    if (s.length == 0) break;
    if (s.hash == hash && s.length == upper.size() &&
        std::memcmp(text_.data() + s.offset, upper.data(), upper.size()) == 0)
      break;
  }
  Slot& s = slots_[i];
  if (s.length == 0) {
    s.hash = hash;
    s.offset = static_cast<uint32_t>(text_.size());
    s.length = static_cast<uint32_t>(upper.size());
    text_.append(upper);
    ++size_;
  }
  (which == 0 ? s.ids.actor : which == 1 ? s.ids.agent : s.ids.verb) = id;
}

SharedVocabulary SharedVocabulary::Build(const EventDictionaries& d) {
  SharedVocabulary v;
  size_t n = d.actors.words() + d.agents.words() + d.verbs.words();
  size_t cap = 16;
  while (cap < 2 * n + 16) cap <<= 1;
  v.slots_.assign(cap, Slot{});
  v.mask_ = cap - 1;
  for (size_t i = 0; i < d.actors.words(); ++i)
    v.Insert(d.actors.Word(static_cast<WordId>(i)), 0, static_cast<WordId>(i));
  for (size_t i = 0; i < d.agents.words(); ++i)
    v.Insert(d.agents.Word(static_cast<WordId>(i)), 1, static_cast<WordId>(i));
  for (size_t i = 0; i < d.verbs.words(); ++i)
    v.Insert(d.verbs.Word(static_cast<WordId>(i)), 2, static_cast<WordId>(i));
  return v;
}

SharedVocabulary::Ids SharedVocabulary::Find(std::string_view word) const {
  static const Ids kNone{};
  if (word.empty() || slots_.empty()) return kNone;
  char buf[64];
  if (word.size() <= sizeof(buf)) {
    uint64_t h = kFnvOffset;
    bool ascii = true;
    for (size_t i = 0; i < word.size(); ++i) {
      unsigned char c = static_cast<unsigned char>(word[i]);
      if (c >= 0x80) {
        ascii = false;
        break;
      }
      if (c >= 'a' && c <= 'z') c = static_cast<unsigned char>(c - 32);
      buf[i] = static_cast<char>(c);
      h = (h ^ c) * kFnvPrime;
    }
    if (ascii) {
      const Ids* ids = Probe(h ^ (h >> 29), std::string_view(buf, word.size()));
      return ids ? *ids : kNone;
    }
  }
  std::string upper;
  dict::UpperInto(word, &upper);
  const Ids* ids = Probe(HashBytes(upper), upper);
  return ids ? *ids : kNone;
}

}  // namespace entente
