// DependencyParser::Load(std::istream&, name) on a valid container around a
// fuzzed payload (model_fuzz.h); a model that loads must then parse into a
// well-formed tree (the contract of DependencyParser::Parse).
#include <sstream>

#include "entente/parser.h"
#include "fuzz_common.h"
#include "model_fuzz.h"
#include "parse/parser_internal.h"

namespace {
entente::Sentence MakeSentence() {
  entente::Sentence s;
  const char* words[][3] = {{"NATO", "PROPN", "NNP"}, {"chief", "NOUN", "NN"},
                            {"visited", "VERB", "VBD"}, {"Seoul", "PROPN", "NNP"},
                            {"and", "CCONJ", "CC"}, {"China", "PROPN", "NNP"},
                            {"objected", "VERB", "VBD"}, {".", "PUNCT", "."}};
  for (auto& w : words) {
    entente::Token t;
    t.form = w[0];
    t.lemma = w[0];
    t.upos = w[1];
    t.xpos = w[2];
    s.tokens.push_back(t);
  }
  return s;
}
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::istringstream in(entente::fuzz::WrapPayload(entente::parser_internal::kModelKind,
                                                   entente::parser_internal::kModelVersion,
                                                   entente::fuzz::AsView(data, size)));
  auto p = entente::DependencyParser::Load(in, "fuzz-parser.bin");
  if (!p.ok()) {
    ENTENTE_FUZZ_CHECK(p.status().code() == entente::Code::kCorruptModel, "bad model is kCorruptModel");
    return 0;
  }
  entente::Sentence s = MakeSentence();
  (*p)->Parse(&s);
  int roots = 0;
  for (size_t i = 0; i < s.tokens.size(); ++i) {
    const auto& t = s.tokens[i];
    ENTENTE_FUZZ_CHECK(t.head >= 0 && t.head <= static_cast<int>(s.tokens.size()) &&
                           t.head != static_cast<int>(i + 1), "head in range");
    if (t.head == 0) ++roots;
  }
  ENTENTE_FUZZ_CHECK(roots == 1, "exactly one root");
  return 0;
}
