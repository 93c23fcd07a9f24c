// Tagger::Load(std::istream&, name) on a valid container around a fuzzed
// payload (model_fuzz.h); a model that loads must then tag without fault.
// Seeds are payloads of small real models (fuzz/tools/model_payload.py).
#include <sstream>

#include "entente/tagger.h"
#include "fuzz_common.h"
#include "model_fuzz.h"
#include "parse/tagger_model.h"

namespace {
entente::Sentence MakeSentence() {
  entente::Sentence s;
  for (const char* w : {"NATO", "'s", "chief", "visited", "Seoul", "on", "Monday", ",", "and",
                        "China", "objected", "3.5", "unbelievably", "ÉTÉ", "!"}) {
    entente::Token t;
    t.form = w;
    s.tokens.push_back(t);
  }
  return s;
}
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::istringstream in(entente::fuzz::WrapPayload(entente::tagger::kTaggerKind,
                                                   entente::tagger::kTaggerKindVersion,
                                                   entente::fuzz::AsView(data, size)));
  auto t = entente::Tagger::Load(in, "fuzz-tagger.bin");
  if (!t.ok()) {
    ENTENTE_FUZZ_CHECK(t.status().code() == entente::Code::kCorruptModel, "bad model is kCorruptModel");
    return 0;
  }
  entente::Sentence s = MakeSentence();
  (*t)->Tag(&s);
  entente::Sentence one;
  one.tokens.emplace_back();
  one.tokens[0].form = "x";
  (*t)->Tag(&one);
  return 0;
}
