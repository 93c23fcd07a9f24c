#include "pipeline/finite_verb.h"

namespace entente::pipeline {
namespace {

bool IsFinite(const Token& t) {
  return t.upos == "AUX" || t.xpos == "VBD" || t.xpos == "VBZ" || t.xpos == "VBP" || t.xpos == "MD";
}

bool EndsNounPhrase(const Token& t) { return t.upos == "NOUN" || t.upos == "PROPN" || t.upos == "PRON"; }

}  // namespace

bool RepairFiniteVerb(Sentence* s) {
  auto& t = s->tokens;
  if (t.size() < 3) return false;
  for (const Token& w : t)
    if (IsFinite(w)) return false;
  for (size_t i = 1; i < t.size(); ++i) {
    if (t[i].xpos != "VBN" || !EndsNounPhrase(t[i - 1])) continue;
    t[i].upos = "VERB";
    t[i].xpos = "VBD";
    t[i].feats = "Mood=Ind|Tense=Past|VerbForm=Fin";
    return true;
  }
  return false;
}

}  // namespace entente::pipeline
