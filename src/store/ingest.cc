// IngestEventsJsonl: JSONL events (the kJsonl writer's format) into a store.
#include <cmath>
#include <istream>
#include <string>

#include "entente/event.h"
#include "entente/store.h"
#include "store/event_json_fast.h"
#include "store/store_internal.h"

namespace entente {
namespace {

bool NoParts(const ActorParts& p) {
  return p.country.empty() && p.known_group.empty() && p.type1.empty() && p.other.empty();
}

// Derived fields for events written without them (see IngestOptions::table).
void FillDerived(const CameoTable& table, Event* e) {
  if (e->quad_class == 0 && !e->code.empty()) {
    const double goldstein = e->goldstein;
    table.Enrich(e);
    if (!std::isnan(goldstein)) e->goldstein = goldstein;  // keep a value the producer gave
    return;
  }
  if (NoParts(e->source_parts) && !e->source_actor.empty()) e->source_parts = table.SplitActor(e->source_actor);
  if (NoParts(e->target_parts) && !e->target_actor.empty()) e->target_parts = table.SplitActor(e->target_actor);
}

}  // namespace

Result<IngestStats> IngestEventsJsonl(EventStore& store, std::istream& in, std::string_view name,
                                      const IngestOptions& options) {
  IngestStats stats;
  std::string line;
  const StoreStats& ss = store.stats();
  const uint64_t added0 = ss.events_added, dup0 = ss.events_duplicate;
  store_internal::FastEventParser fast;
  Event event;
  while (std::getline(in, line)) {
    ++stats.lines;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.find_first_not_of(" \t") == std::string::npos) {
      ++stats.blank;
      continue;
    }
    // The fast reader takes well-formed lines; ParseEventJson judges the rest.
    Status bad;
    if (!fast.Parse(line, &event)) {
      Result<Event> e = ParseEventJson(line, name, stats.lines);
      if (e.ok()) event = std::move(e).value();
      else bad = e.status();
    }
    // What the store would refuse (no doc_id, Goldstein off the scale) is a
    // bad line, skipped and counted, not a failed ingest.
    if (bad.ok()) {
      std::string why = store_internal::UnstorableReason(event);
      if (!why.empty()) bad = Status::At(Code::kInvalidArgument, name, stats.lines, why);
    }
    if (!bad.ok()) {
      ++stats.bad;
      if (options.strict) return bad;
      if (stats.issues.size() < options.max_issues) stats.issues.push_back(bad.message());
      continue;
    }
    ++stats.events;
    if (options.table != nullptr) FillDerived(*options.table, &event);
    Status st = store.AddEvent(event);
    if (!st.ok()) return Status::At(st.code(), name, stats.lines, st.message());
  }
  if (in.bad()) return Status::At(Code::kIoError, name, stats.lines, "read error");
  if (options.commit) ENTENTE_RETURN_IF_ERROR(store.Commit());
  stats.added = ss.events_added - added0;
  stats.duplicates = ss.events_duplicate - dup0;
  return stats;
}

}  // namespace entente
