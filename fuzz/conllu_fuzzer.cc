// ConlluReader over arbitrary bytes, plus a write/read round trip: every
// sentence the reader accepts, written back with ToConllu(), must be read
// again as one well-formed sentence with the same words.
#include <sstream>

#include "entente/conllu.h"
#include "fuzz_common.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::istringstream in(std::string(entente::fuzz::AsView(data, size)));
  uint64_t errors = 0;
  entente::ConlluReader reader(in, "fuzz.conllu", [&](const entente::Status& s) {
    ENTENTE_FUZZ_CHECK(!s.ok(), "error callback got an OK status");
    ++errors;
  });
  entente::Sentence s;
  uint64_t n = 0;
  while (reader.Next(&s)) {
    ++n;
    std::string text = entente::ToConllu(s);
    std::istringstream again(text);
    uint64_t again_errors = 0;
    entente::ConlluReader r2(again, "roundtrip.conllu", [&](const entente::Status& e) {
      std::fprintf(stderr, "round trip: %s\n", e.ToString().c_str());
      ++again_errors;
    });
    entente::Sentence s2;
    bool got = r2.Next(&s2);
    ENTENTE_FUZZ_CHECK(got && again_errors == 0, "ToConllu output reads back");
    ENTENTE_FUZZ_CHECK(s2.tokens.size() == s.tokens.size(), "round trip keeps the word count");
    for (size_t i = 0; i < s.tokens.size(); ++i) {
      if (s2.tokens[i].form != s.tokens[i].form || s2.tokens[i].head != s.tokens[i].head)
        std::fprintf(stderr, "round trip: word %zu form [%s] head %d read back as [%s] head %d\n--- written:\n%s---\n",
                     i + 1, s.tokens[i].form.c_str(), s.tokens[i].head, s2.tokens[i].form.c_str(),
                     s2.tokens[i].head, text.c_str());
      ENTENTE_FUZZ_CHECK(s2.tokens[i].form == s.tokens[i].form, "round trip keeps forms");
      ENTENTE_FUZZ_CHECK(s2.tokens[i].head == s.tokens[i].head, "round trip keeps heads");
    }
    ENTENTE_FUZZ_CHECK(!r2.Next(&s2), "one sentence written, one read");
  }
  ENTENTE_FUZZ_CHECK(reader.sentences() == n, "sentences() counts Next()");
  ENTENTE_FUZZ_CHECK(reader.skipped() <= errors, "every skipped sentence reported");
  return 0;
}
