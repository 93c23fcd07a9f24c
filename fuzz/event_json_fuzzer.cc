// ParseEventJson (entente/event.h) on every line of the input; an event that
// parses is written back with the JSONL writer and must parse again.
#include <sstream>

#include "entente/event.h"
#include "fuzz_common.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  uint64_t line = 0;
  for (std::string_view l : entente::fuzz::Split(entente::fuzz::AsView(data, size), '\n')) {
    ++line;
    auto e = entente::ParseEventJson(l, "fuzz.jsonl", line);
    if (!e.ok()) {
      ENTENTE_FUZZ_CHECK(!e.status().message().empty(), "an error says why");
      continue;
    }
    std::ostringstream out;
    auto w = entente::NewEventWriter(entente::EventFormat::kJsonl, out);
    ENTENTE_FUZZ_CHECK(w->Write(*e).ok() && w->Finish().ok(), "writer accepts a parsed event");
    std::string text = out.str();
    while (!text.empty() && text.back() == '\n') text.pop_back();
    ENTENTE_FUZZ_CHECK(text.find('\n') == std::string::npos, "one event, one line");
    auto again = entente::ParseEventJson(text, "roundtrip.jsonl", 1);
    if (!again.ok()) std::fprintf(stderr, "%s\n", again.status().ToString().c_str());
    ENTENTE_FUZZ_CHECK(again.ok(), "written event parses again");
    ENTENTE_FUZZ_CHECK(again->code == e->code && again->source_actor == e->source_actor &&
                           again->target_actor == e->target_actor && again->doc_id == e->doc_id,
                       "round trip keeps code, actors and doc id");
  }
  return 0;
}
