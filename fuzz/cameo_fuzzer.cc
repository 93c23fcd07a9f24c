// CameoTable::FromStreams (entente/cameo.h) on fuzzed tables, then lookups.
//
// Input: up to ten tables separated by the byte 0x1E (ASCII record
// separator), in this order: master, gdelt_eventcodes, gdelt_goldstein,
// country, type, knowngroup, religion, ethnic, plover_scores, plover_types.
// An empty part leaves that stream null.
#include <cmath>
#include <memory>
#include <sstream>

#include "entente/cameo.h"
#include "entente/event.h"
#include "fuzz_common.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  auto parts = entente::fuzz::Split(entente::fuzz::AsView(data, size), '\x1e');
  std::vector<std::unique_ptr<std::istringstream>> streams;
  auto stream = [&](size_t i) -> std::istream* {
    if (i >= parts.size() || parts[i].empty()) return nullptr;
    streams.push_back(std::make_unique<std::istringstream>(std::string(parts[i])));
    return streams.back().get();
  };
  entente::CameoSources src;
  src.master = stream(0);
  src.gdelt_eventcodes = stream(1);
  src.gdelt_goldstein = stream(2);
  src.country = stream(3);
  src.type = stream(4);
  src.knowngroup = stream(5);
  src.religion = stream(6);
  src.ethnic = stream(7);
  src.plover_scores = stream(8);
  src.plover_types = stream(9);
  auto t = entente::CameoTable::FromStreams(src);
  if (!t.ok()) return 0;
  size_t n = 0;
  for (const entente::CameoCode* c : t->entries()) {
    ENTENTE_FUZZ_CHECK(c != nullptr, "entries are not null");
    if (++n > 2000) break;
    ENTENTE_FUZZ_CHECK(t->Find(c->code) == c, "Find returns the entry");
    (void)t->Lookup(c->code);
    (void)t->Goldstein(c->code, entente::GoldsteinScale::kGdelt);
    entente::Event e;
    e.code = c->code;
    e.source_actor = "CHNGOVMIL";
    e.target_actor = "USAREBWST";
    (void)t->Enrich(&e);
  }
  // Lookups of words of the input (codes, actor codes, PLOVER types).
  for (std::string_view w : entente::fuzz::Words(parts[0], 32)) {
    (void)t->Lookup(w);
    (void)t->Goldstein(w, entente::GoldsteinScale::kGdelt);
    (void)t->SplitActor(w);
    (void)t->ActorLabel(w);
    (void)t->PloverIntensity(w, w);
    (void)t->PloverQuad(w);
  }
  return 0;
}
