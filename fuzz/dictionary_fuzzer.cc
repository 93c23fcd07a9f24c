// The PETRARCH/TABARI dictionary parsers (entente/dictionary.h), then the
// compiled matchers on words taken from the input itself.
//
// Input: byte 0 picks the parser: '4' issues, else byte % 4: '0' verbs
// (CAMEO verb dictionary), '1' actors, '2' agents, '3' discards.  The rest
// is the file.
#include <string_view>
#include <vector>

#include "entente/dictionary.h"
#include "fuzz_common.h"

namespace {

template <typename Dict>
void Exercise(const Dict& d, const std::vector<std::string_view>& words) {
  std::vector<entente::WordId> ids = d.Encode(std::span<const std::string_view>(words));
  ENTENTE_FUZZ_CHECK(ids.size() == words.size(), "Encode keeps the length");
  for (size_t i = 0; i < ids.size(); ++i) {
    auto m = d.LongestAt(ids, i);
    if (m) ENTENTE_FUZZ_CHECK(m->entry < d.size() && m->begin == i && m->end > m->begin &&
                                  m->end <= ids.size(), "LongestAt span");
  }
  auto f = d.Find(ids);
  if (f) ENTENTE_FUZZ_CHECK(f->entry < d.size() && f->begin < f->end && f->end <= ids.size(), "Find span");
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size < 1) return 0;
  std::string_view text = entente::fuzz::AsView(data + 1, size - 1);
  std::vector<std::string_view> words = entente::fuzz::Words(text, 64);
  entente::DictionaryLoadOptions opts;
  uint64_t errors = 0;
  opts.on_error = [&](const entente::Status& s) {
    ENTENTE_FUZZ_CHECK(!s.ok(), "on_error got an OK status");
    ++errors;
  };
  entente::LoadReport report;
  switch (data[0] == '4' ? 4 : data[0] % 4) {
    case 0: {
      auto d = entente::VerbDictionary::Parse(text, "fuzz.verbs", opts, &report);
      if (d.ok()) {
        std::vector<entente::WordId> ids = d->Encode(std::span<const std::string_view>(words));
        ENTENTE_FUZZ_CHECK(ids.size() == words.size(), "Encode keeps the length");
        for (entente::WordId id : ids) (void)d->Word(id);
        for (std::string_view w : words) {
          (void)d->FindSynset(w);
          if (const entente::Verb* v = d->FindVerb(w))
            ENTENTE_FUZZ_CHECK(v->head >= 0 && static_cast<size_t>(v->head) < v->words.size(),
                               "verb head inside its words");
        }
        for (size_t i = 0; i < ids.size(); ++i) {
          auto m = d->MatchVerbAt(ids, i);
          if (m) ENTENTE_FUZZ_CHECK(m->verb < d->verbs().size() && m->begin <= i && i < m->end &&
                                        m->end <= ids.size(), "MatchVerbAt span");
        }
        const size_t nsyn = d->synsets().size();
        for (uint32_t k = 0; k < nsyn && k < 64; ++k)
          for (size_t i = 0; i < ids.size(); ++i) {
            auto e = d->MatchSynsetAt(k, ids, i);
            if (e) ENTENTE_FUZZ_CHECK(*e > i && *e <= ids.size(), "MatchSynsetAt end");
          }
        // Every index a pattern holds must name something that exists.
        for (const auto& p : d->patterns()) {
          ENTENTE_FUZZ_CHECK(p.block < d->blocks().size(), "pattern block index");
          ENTENTE_FUZZ_CHECK(p.verb_position < static_cast<int>(p.elements.size()), "verb_position");
          for (const auto& e : p.elements) {
            if (e.kind == entente::PatternElementKind::kAlternatives) (void)d->alternatives(e.index);
            if (e.kind == entente::PatternElementKind::kSynset)
              ENTENTE_FUZZ_CHECK(e.index < nsyn, "pattern synset index");
            for (entente::WordId id : ids) (void)d->ElementMatchesWord(e, id);
          }
        }
        for (const auto& b : d->blocks()) {
          for (uint32_t v : b.verbs) ENTENTE_FUZZ_CHECK(v < d->verbs().size(), "block verb index");
          for (uint32_t q : b.patterns) ENTENTE_FUZZ_CHECK(q < d->patterns().size(), "block pattern index");
        }
      }
      break;
    }
    case 1: {
      auto d = entente::ActorDictionary::Parse(text, "fuzz.actors", opts, &report);
      if (d.ok()) {
        Exercise(*d, words);
        for (uint32_t i = 0; i < d->size(); ++i) (void)d->entry(i).CodeOn(20230130);
      }
      break;
    }
    case 2: {
      auto d = entente::AgentDictionary::Parse(text, "fuzz.agents", opts, &report);
      if (d.ok()) Exercise(*d, words);
      break;
    }
    case 3: {
      auto d = entente::DiscardDictionary::Parse(text, "fuzz.discards", opts, &report);
      if (d.ok()) {
        auto f = d->Find(std::span<const std::string_view>(words));
        if (f) ENTENTE_FUZZ_CHECK(f->entry < d->size() && f->begin < f->end && f->end <= words.size(),
                                  "discard Find span");
      }
      break;
    }
    case 4: {
      auto d = entente::IssueDictionary::Parse(text, "fuzz.issues", opts, &report);
      if (d.ok()) {
        ENTENTE_FUZZ_CHECK(d->size() > 0, "a loaded issue dictionary has entries");
        for (uint32_t i = 0; i < d->size(); ++i)
          ENTENTE_FUZZ_CHECK(!d->entry(i).phrase.empty(), "issue phrases are not empty");
        auto r = d->Find(std::span<const std::string_view>(words));
        int total = 0;
        for (const auto& c : r.issues) {
          ENTENTE_FUZZ_CHECK(c.count >= 1 && !c.code.empty(), "issue counts");
          total += c.count;
        }
        ENTENTE_FUZZ_CHECK(total <= static_cast<int>(text.size()) + 1, "no more issues than pieces");
      }
      break;
    }
  }
  ENTENTE_FUZZ_CHECK(report.skipped <= errors, "every skipped entry reported");
  return 0;
}
