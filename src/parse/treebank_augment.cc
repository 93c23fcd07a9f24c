#include "parse/treebank_augment.h"

#include <array>
#include <string>
#include <utility>

namespace entente::treebank {
namespace {

constexpr std::array<const char*, 7> kDays = {"Monday", "Tuesday", "Wednesday", "Thursday",
                                              "Friday", "Saturday", "Sunday"};

bool IsSubject(const std::string& rel) { return rel == "nsubj" || rel == "nsubj:pass"; }

// Smallest and largest 1-based index of the subtree under `root`; `count`
// gets its size, so the subtree is contiguous iff last - first + 1 == count.
void SubtreeSpan(const Sentence& s, int root, int* first, int* last, int* count) {
  const int n = static_cast<int>(s.tokens.size());
  *first = *last = root;
  *count = 0;
  for (int i = 1; i <= n; ++i) {
    int x = i, steps = 0;
    while (x != root && x > 0 && steps <= n) x = s.tokens[x - 1].head, ++steps;
    if (x != root) continue;
    ++*count;
    if (i < *first) *first = i;
    if (i > *last) *last = i;
  }
}

// 1-based index of the verb to put the day before, or 0.
int FindSite(const Sentence& s) {
  const int n = static_cast<int>(s.tokens.size());
  for (int v = 1; v <= n; ++v) {
    const Token& t = s.tokens[v - 1];
    if (t.upos != "VERB" || t.xpos != "VBD") continue;
    for (int c = 1; c < v; ++c) {
      const Token& d = s.tokens[c - 1];
      if (d.head != v || !IsSubject(d.deprel) || (d.upos != "NOUN" && d.upos != "PROPN")) continue;
      int first, last, count;
      SubtreeSpan(s, c, &first, &last, &count);
      if (last == v - 1 && last - first + 1 == count) return v;
    }
    return 0;  // only the first past-tense verb is considered
  }
  return 0;
}

Token DayToken(const char* day, bool bare, int head) {
  Token t;
  t.form = day;
  t.lemma = day;
  t.upos = "PROPN";
  t.xpos = "NNP";
  t.feats = "Number=Sing";
  t.head = head;
  t.deprel = bare ? "obl:unmarked" : "obl";
  if (bare) t.misc = "TemporalNPAdjunct=Yes";
  return t;
}

Sentence MakeVariant(const Sentence& s, int v, size_t k) {
  const bool bare = k % 2 == 1;
  const char* day = kDays[(k / 2) % kDays.size()];
  const int ins = bare ? 1 : 2;  // words inserted before the verb
  // Old index i (1-based) -> new index.
  auto renum = [&](int i) { return i >= v ? i + ins : i; };
  Sentence out;
  out.id = s.id + "+day";
  out.tokens.reserve(s.tokens.size() + ins);
  const int n = static_cast<int>(s.tokens.size());
  for (int i = 1; i <= n; ++i) {
    if (i == v) {
      const int day_index = v + ins - 1;  // 1-based, after the insertion
      if (!bare) {
        Token on;
        on.form = "on";
        on.lemma = "on";
        on.upos = "ADP";
        on.xpos = "IN";
        on.head = day_index;
        on.deprel = "case";
        out.tokens.push_back(std::move(on));
      }
      out.tokens.push_back(DayToken(day, bare, renum(v)));
    }
    Token t = s.tokens[i - 1];
    if (t.head > 0) t.head = renum(t.head);
    t.deps.clear();
    out.tokens.push_back(std::move(t));
  }
  for (size_t i = 0; i < out.tokens.size(); ++i) {
    out.text += out.tokens[i].form;
    if (out.tokens[i].space_after && i + 1 < out.tokens.size()) out.text += ' ';
  }
  return out;
}

}  // namespace

size_t AddNewsDateVariants(std::vector<Sentence>* sents) {
  std::vector<Sentence> result;
  result.reserve(sents->size() + sents->size() / 8);
  size_t added = 0;
  for (Sentence& s : *sents) {
    bool usable = s.multiword.empty() && s.empty_nodes.empty();
    const int n = static_cast<int>(s.tokens.size());
    for (const Token& t : s.tokens) usable = usable && t.head >= 0 && t.head <= n;
    const int v = usable ? FindSite(s) : 0;
    Sentence variant;
    if (v > 0) variant = MakeVariant(s, v, added);
    result.push_back(std::move(s));
    if (v > 0) {
      result.push_back(std::move(variant));
      ++added;
    }
  }
  *sents = std::move(result);
  return added;
}

}  // namespace entente::treebank
