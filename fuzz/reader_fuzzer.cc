// DocumentReader::FromStream over every InputFormat.
//
// Input: byte 0 picks the format, byte % 6: '0' auto (sniffed), '1' text,
// '2' jsonl, '3' petrarch xml, '4' tabari, '5' conllu.  Byte 0 & 0x40 (e.g.
// 'p'..'u' instead of '0'..'5') also lowers max_document_bytes to 64 so the
// limit paths are exercised.  The rest is the file.
#include <sstream>

#include "entente/reader.h"
#include "fuzz_common.h"

namespace {
constexpr entente::InputFormat kFormats[] = {
    entente::InputFormat::kAuto,        entente::InputFormat::kText,
    entente::InputFormat::kJsonl,       entente::InputFormat::kPetrarchXml,
    entente::InputFormat::kTabari,      entente::InputFormat::kConllu};
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size < 1) return 0;
  entente::ReadOptions opts;
  opts.format = kFormats[data[0] % 6];
  if (data[0] & 0x40) opts.max_document_bytes = 64;
  uint64_t errors = 0;
  opts.on_error = [&](const entente::Status& s) {
    ENTENTE_FUZZ_CHECK(!s.ok(), "on_error got an OK status");
    ++errors;
  };
  std::istringstream in(std::string(entente::fuzz::AsView(data + 1, size - 1)));
  auto r = entente::DocumentReader::FromStream(&in, "fuzz.in", opts);
  if (!r.ok()) return 0;
  entente::Document doc;
  uint64_t docs = 0;
  while ((*r)->Next(&doc)) {
    ++docs;
    // Tokens' byte offsets (CoNLL-U) must lie inside the rebuilt text.
    for (const auto& s : doc.sentences)
      for (const auto& t : s.tokens)
        ENTENTE_FUZZ_CHECK(t.begin <= t.end && t.end <= doc.text.size(), "token offsets in text");
  }
  const auto& st = (*r)->stats();
  ENTENTE_FUZZ_CHECK(st.documents == docs, "stats().documents counts Next()");
  ENTENTE_FUZZ_CHECK(st.skipped + st.warnings == errors, "every problem reported once");
  return 0;
}
