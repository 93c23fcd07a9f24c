// IngestEventsJsonl (entente/store.h) on the input as a JSONL file, into a
// fresh in-memory EventStore, as `entente ingest` does (with the shipped
// CAMEO table for derived fields, small batches so that automatic commits at
// article boundaries happen within one input).  The whole input is one file;
// no selector byte.
//
// Checked beyond "no crash, no sanitizer report":
//  * the call succeeds (a bad line is skipped, never a database error);
//  * lines == blank + events + bad, each judged as ParseEventJson judges the
//    line alone, plus the ingest's rules (a doc_id, Goldstein in [-10, 10]):
//    the fast simdjson reader may not accept more or less;
//  * events == added + duplicates, and added == the distinct
//    (doc_id, sentence_index, event_index) slots of the parsed lines;
//  * PRAGMA integrity_check is "ok";
//  * ReadEvents returns one event per slot with the date, code and actors of
//    the first line that filled the slot;
//  * dyad_day and day_totals agree with a GROUP BY over the stored events
//    (n_events, n_goldstein; goldstein_sum up to rounding unless the values
//    are near overflow; n_articles between the exact count and n_events, as
//    doc/store.md allows);
//  * ingesting the same bytes again adds nothing and counts every event as
//    a duplicate.
#include <sqlite3.h>

#include <cmath>
#include <map>
#include <optional>
#include <sstream>
#include <string>
#include <tuple>

#include "entente/cameo.h"
#include "entente/event.h"
#include "entente/store.h"
#include "fuzz_common.h"
#include "store/store_internal.h"

namespace {

using entente::Event;

const entente::CameoTable* Table() {
  // Read once: the table is immutable and the same for every input.
  static const std::optional<entente::CameoTable> table = [] {
    auto t = entente::CameoTable::FromDirectory(std::string(ENTENTE_DATA_DIR) + "/cameo");
    if (!t.ok()) {
      std::fprintf(stderr, "store_ingest_fuzzer: %s\n", t.status().ToString().c_str());
      std::abort();
    }
    return std::optional<entente::CameoTable>(std::move(t).value());
  }();
  return &*table;
}

// One integer of a single-row query; -1 when the query fails.
int64_t Int(sqlite3* db, const char* sql) {
  sqlite3_stmt* s = nullptr;
  int64_t v = -1;
  if (sqlite3_prepare_v2(db, sql, -1, &s, nullptr) == SQLITE_OK && sqlite3_step(s) == SQLITE_ROW)
    v = sqlite3_column_int64(s, 0);
  sqlite3_finalize(s);
  return v;
}

std::string Text(sqlite3* db, const char* sql) {
  sqlite3_stmt* s = nullptr;
  std::string v = "(query failed)";
  if (sqlite3_prepare_v2(db, sql, -1, &s, nullptr) == SQLITE_OK && sqlite3_step(s) == SQLITE_ROW) {
    const unsigned char* t = sqlite3_column_text(s, 0);
    v = t ? reinterpret_cast<const char*>(t) : "(null)";
  }
  sqlite3_finalize(s);
  return v;
}

constexpr const char* kExactClusters = R"sql(
  SELECT day, source_country, target_country, source_actor, target_actor, code,
         COUNT(*) AS n, COUNT(DISTINCT article) AS a, COUNT(goldstein) AS g, TOTAL(goldstein) AS s,
         TOTAL(abs(goldstein)) AS m
  FROM events WHERE day IS NOT NULL
  GROUP BY day, source_country, target_country, source_actor, target_actor, code)sql";

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view input = entente::fuzz::AsView(data, size);

  // The expected outcome, line by line, from ParseEventJson alone.
  uint64_t lines = 0, blank = 0, events = 0, bad = 0;
  using Slot = std::tuple<std::string, int, int>;
  std::map<Slot, Event> first;  // slot -> the line that fills it
  std::vector<std::string_view> parts = entente::fuzz::Split(input, '\n');
  if (!parts.empty() && parts.back().empty()) parts.pop_back();  // getline: no line after a final '\n'
  for (std::string_view l : parts) {
    ++lines;
    if (!l.empty() && l.back() == '\r') l.remove_suffix(1);
    if (l.find_first_not_of(" \t") == std::string_view::npos) {
      ++blank;
      continue;
    }
    auto e = entente::ParseEventJson(l, "fuzz.jsonl", lines);
    // IngestEventsJsonl's own rules on top: a doc_id, a Goldstein value on the scale.
    if (!e.ok() || e->doc_id.empty() || (!std::isnan(e->goldstein) && !(std::fabs(e->goldstein) <= 10.0))) {
      ++bad;
      continue;
    }
    ++events;
    first.try_emplace(Slot{e->doc_id, e->sentence_index, e->event_index}, std::move(e).value());
  }

  entente::StoreOptions so;
  so.batch_size = 4;
  so.cache_mib = 2;
  auto opened = entente::EventStore::Open(":memory:", so);
  ENTENTE_FUZZ_CHECK(opened.ok(), "an in-memory store opens");
  entente::EventStore& store = **opened;
  entente::IngestOptions io;
  io.table = Table();

  std::istringstream in{std::string(input)};
  auto st = entente::IngestEventsJsonl(store, in, "fuzz.jsonl", io);
  if (!st.ok()) std::fprintf(stderr, "%s\n", st.status().ToString().c_str());
  ENTENTE_FUZZ_CHECK(st.ok(), "ingest skips bad lines instead of failing");
  ENTENTE_FUZZ_CHECK(st->lines == lines, "every line is read");
  ENTENTE_FUZZ_CHECK(st->lines == st->blank + st->events + st->bad, "every line is blank, stored or skipped");
  ENTENTE_FUZZ_CHECK(st->blank == blank && st->events == events && st->bad == bad,
                     "lines are judged as ParseEventJson judges them");
  ENTENTE_FUZZ_CHECK(st->issues.size() == std::min<uint64_t>(st->bad, io.max_issues), "bad lines are reported");
  ENTENTE_FUZZ_CHECK(st->events == st->added + st->duplicates, "every event is added or a duplicate");
  ENTENTE_FUZZ_CHECK(st->added == first.size(), "one stored event per (doc_id, sentence, event) slot");

  sqlite3* db = entente::store_internal::Db(store);
  const std::string integrity = Text(db, "PRAGMA integrity_check");
  if (integrity != "ok") std::fprintf(stderr, "integrity_check: %s\n", integrity.c_str());
  ENTENTE_FUZZ_CHECK(integrity == "ok", "PRAGMA integrity_check");

  auto back = entente::ReadEvents(store);
  ENTENTE_FUZZ_CHECK(back.ok(), "stored events read back");
  ENTENTE_FUZZ_CHECK(back->size() == first.size(), "as many events read back as slots");
  for (const Event& e : *back) {
    auto it = first.find(Slot{e.doc_id, e.sentence_index, e.event_index});
    ENTENTE_FUZZ_CHECK(it != first.end(), "a stored event comes from a line of the input");
    const Event& want = it->second;
    ENTENTE_FUZZ_CHECK(e.code == want.code && e.source_actor == want.source_actor &&
                           e.target_actor == want.target_actor && e.date == want.date,
                       "a stored event keeps the date, code and actors of its first line");
  }

  // The aggregates maintained at each commit equal a recount of the events.
  const std::string exact = kExactClusters;
  ENTENTE_FUZZ_CHECK(
      Int(db, ("SELECT COUNT(*) FROM (" + exact +
               ") x FULL OUTER JOIN dyad_day d USING(day, source_country, target_country, source_actor, "
               "target_actor, code) WHERE x.n IS NOT d.n_events OR x.g IS NOT d.n_goldstein "
               "OR d.n_articles < x.a OR d.n_articles > d.n_events "
               "OR (x.m < 1e300 AND abs(x.s - d.goldstein_sum) > 1e-9 * max(1.0, x.m))")
                     .c_str()) == 0,
      "dyad_day agrees with a recount of the events");
  ENTENTE_FUZZ_CHECK(
      Int(db, "SELECT COUNT(*) FROM (SELECT day, SUM(n_events) AS n, COUNT(*) AS c FROM dyad_day GROUP BY day) x "
              "FULL OUTER JOIN day_totals t USING(day) WHERE x.n IS NOT t.n_events OR x.c IS NOT t.n_clusters") == 0,
      "day_totals agrees with dyad_day");

  // Idempotence: the same bytes again add nothing.
  std::istringstream again{std::string(input)};
  auto st2 = entente::IngestEventsJsonl(store, again, "fuzz.jsonl", io);
  ENTENTE_FUZZ_CHECK(st2.ok(), "re-ingest succeeds");
  ENTENTE_FUZZ_CHECK(st2->added == 0 && st2->duplicates == st->events, "re-ingest adds nothing");
  auto counts = store.Counts();
  ENTENTE_FUZZ_CHECK(counts.ok() && counts->events == static_cast<int64_t>(first.size()),
                     "the store holds one event per slot after re-ingest");
  return 0;
}
