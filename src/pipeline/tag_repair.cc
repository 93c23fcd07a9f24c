#include "pipeline/tag_repair.h"

#include <cstddef>
#include <string>
#include <vector>

namespace entente::pipeline {
namespace {

bool IsFinite(const Token& t) {
  return t.upos == "AUX" || t.xpos == "VBD" || t.xpos == "VBZ" || t.xpos == "VBP" || t.xpos == "MD";
}

bool EndsNounPhrase(const Token& t) { return t.upos == "NOUN" || t.upos == "PROPN" || t.upos == "PRON"; }

bool HasFinite(const std::vector<Token>& t, size_t begin, size_t end) {
  for (size_t i = begin; i < end; ++i)
    if (IsFinite(t[i])) return true;
  return false;
}

// Tokens [begin, end) form a clause without a finite verb: its first VBN
// after a noun phrase becomes VBD.
bool GiveFiniteVerb(std::vector<Token>* t, size_t begin, size_t end) {
  if (end - begin < 3 || HasFinite(*t, begin, end)) return false;
  for (size_t i = begin + 1; i < end; ++i) {
    Token& w = (*t)[i];
    if (w.xpos != "VBN" || !EndsNounPhrase((*t)[i - 1])) continue;
    w.upos = "VERB";
    w.xpos = "VBD";
    w.feats = "Mood=Ind|Tense=Past|VerbForm=Fin";
    return true;
  }
  return false;
}

// The start of a closing attribution's comma ("X did Y, officials said."):
// the index of the last comma when at most 8 words follow it (not counting
// final punctuation), none of them a comma, one of them finite; else npos.
size_t AttributionComma(const std::vector<Token>& t) {
  size_t end = t.size();
  while (end > 0 && t[end - 1].upos == "PUNCT" && t[end - 1].form != ",") --end;
  for (size_t i = end; i-- > 0;) {
    if (t[i].form != ",") continue;
    if (end - i - 1 > 8 || end - i - 1 == 0 || !HasFinite(t, i + 1, end)) return std::string::npos;
    return i;
  }
  return std::string::npos;
}

bool IsLetter(unsigned char c) { return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z'); }

}  // namespace

int RepairTags(Sentence* s) {
  auto& t = s->tokens;
  int changed = 0;
  // A hyphen joined to a letter before and a lower-case letter after
  // ("government-held", "two-nation") is HYPH.  Not between capitalised
  // words ("Secretary-General"): the parser, trained on EWT's few such
  // names, splits the name when the hyphen is HYPH.
  for (size_t i = 1; i + 1 < t.size(); ++i) {
    Token& h = t[i];
    if (h.form != "-" || h.xpos == "HYPH" || h.space_after || t[i - 1].space_after) continue;
    const std::string& a = t[i - 1].form;
    const std::string& b = t[i + 1].form;
    if (a.empty() || b.empty() || !IsLetter(static_cast<unsigned char>(a.back())) || b.front() < 'a' ||
        b.front() > 'z')
      continue;
    h.upos = "PUNCT";
    h.xpos = "HYPH";
    h.feats.clear();
    ++changed;
  }
  // A past form between a determiner or numeral and a noun is a participle.
  for (size_t i = 1; i + 1 < t.size(); ++i) {
    if (t[i].xpos != "VBD") continue;
    if ((t[i - 1].upos != "DET" && t[i - 1].upos != "NUM") || t[i + 1].upos != "NOUN") continue;
    t[i].upos = "VERB";
    t[i].xpos = "VBN";
    t[i].feats = "Tense=Past|VerbForm=Part";
    ++changed;
  }
  if (GiveFiniteVerb(&t, 0, t.size())) return changed + 1;
  const size_t comma = AttributionComma(t);
  if (comma != std::string::npos && GiveFiniteVerb(&t, 0, comma)) ++changed;
  return changed;
}

}  // namespace entente::pipeline
