// entente/store.h -- the event store: coded events in an embedded SQLite file.
//
// An EventStore keeps articles, events and the provenance of coding runs in
// one SQLite database with a documented, versioned schema (doc/store.md).
// It is written by `entente ingest` / `entente code --db` and read by
// queries such as DyadSeries (below).
//
// Writing.  AddArticle/AddEvents buffer rows in a batch transaction that
// opens on the first write.  The batch is committed by Commit(), and
// automatically once it holds StoreOptions::batch_size rows -- but only at
// an article boundary, so the events of one article are never split across
// two transactions: after a crash the database holds whole articles only,
// and HasArticle() is a safe test for resuming.  Destroying the store (or a
// crash) without Commit() discards the open batch and nothing else.
//
// Idempotence.  An article id is stored once (the first record wins); an
// event is keyed by (article, sentence_index, event_index), so re-ingesting
// the same events adds nothing.  Rows not added are counted in stats().
// Events whose article was never added get a stub article built from the
// event's doc_id, date, source_name and url.
//
// Aggregates.  Besides raw events the store keeps `dyad_day` (one row per
// day, source actor, target actor and event code: an event *cluster*, the
// unit of the one-a-day filter) and `day_totals`, both updated at each
// commit from the rows actually added.  Queries read only these, so a dyad
// series over 10^7 events takes tens of milliseconds (doc/store.md has the
// rules and the measurements).  Both are keyed by day first: ingest in
// roughly chronological order (as news arrives) appends to them; a batch
// spanning many years costs more.
//
// Concurrency.  The database runs in WAL mode: any number of readers (other
// EventStore objects, other processes) read the last committed state while
// one writer holds its batch open; readers never block the writer.  One
// EventStore object is not thread-safe: use one per thread.
//
// All SQL uses prepared statements with bound parameters; no statement is
// ever built from data.
#pragma once

#include <array>
#include <cstdint>
#include <istream>
#include <memory>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "entente/document.h"
#include "entente/cameo.h"
#include "entente/event.h"
#include "entente/status.h"

namespace entente {

// The schema version this build creates and reads (PRAGMA user_version).
// Opening an older database migrates it; a newer one is refused.
inline constexpr int kStoreSchemaVersion = 3;

struct StoreOptions {
  // Keep Document::text in articles.text.  Default false: text is NULL.
  bool store_text = false;
  // Keep Event::sentence_text in events.sentence_text.  Default false.
  bool store_sentence_text = false;
  // Rows (articles + events) after which the batch is committed at the next
  // article boundary.  Default 10000.  0 means "only on Commit()".
  size_t batch_size = 10000;
  // Open read-only: no writes, no migration (an older database is refused
  // with a message asking to open it writable once).  Default false.
  bool read_only = false;
  // Create the file when it does not exist.  Default true (ignored when
  // read_only).
  bool create_if_missing = true;
  // Keep dyad_day/day_totals up to date at each commit.  Default true.
  // When false, ingest is faster, the aggregates are marked stale and
  // queries refuse to run until RebuildAggregates() (doc/store.md).
  bool maintain_aggregates = true;
  // SQLite page cache in MiB for this connection.  Default 64.
  int cache_mib = 64;
  // PRAGMA synchronous: false (default) = NORMAL, which in WAL mode keeps
  // the database consistent after a crash but may lose the last commits on
  // power loss; true = FULL.
  bool synchronous_full = false;
  // How long a writer waits for another writer's lock, in ms.  Default 5000.
  int busy_timeout_ms = 5000;
};

// Provenance of one coding run (table `runs`).
struct RunInfo {
  std::string entente_version;  // e.g. "0.1.0"
  std::string command_line;     // as typed
  std::string dictionaries;     // paths / versions of the dictionaries used
  std::string models;           // tagger/parser model files and their metadata
  std::string started;          // ISO 8601 UTC; "" = the store fills in the clock
  std::string note;
};

struct StoreCounts {
  int64_t articles = 0;
  int64_t events = 0;
  int64_t undated_events = 0;  // events whose date is missing or malformed
  int64_t clusters = 0;        // rows of dyad_day (one-a-day units)
  int64_t runs = 0;
  int64_t first_day = 0, last_day = 0;  // YYYYMMDD of dated events; 0 when none
};

// What this object did since Open (the open batch included, also when it
// is later rolled back).
struct StoreStats {
  uint64_t articles_added = 0;
  uint64_t articles_existing = 0;  // AddArticle of an id already stored
  uint64_t events_added = 0;
  uint64_t events_duplicate = 0;   // (article, sentence_index, event_index) already stored
  uint64_t commits = 0;
};

class EventStore {
 public:
  // Opens or creates the database at `path` and brings its schema to
  // kStoreSchemaVersion (all migrations in one transaction).  Fails with
  // kUnsupported when the file's schema is newer than this build,
  // kNotFound when it is missing and may not be created, kIoError when
  // SQLite cannot open it, kCorruptModel when it is not an entente store.
  static Result<std::unique_ptr<EventStore>> Open(const std::string& path,
                                                  const StoreOptions& options = {});
  ~EventStore();  // rolls back an uncommitted batch
  EventStore(const EventStore&) = delete;
  EventStore& operator=(const EventStore&) = delete;

  // Records a coding run; later AddArticle/AddEvents rows point at it.
  // Returns the run's id.
  Result<int64_t> BeginRun(const RunInfo& run);

  // Buffers an article (id, date, source, url, title, origin, line; text if
  // StoreOptions::store_text).  An id already stored is counted and left
  // alone.  kInvalidArgument for an empty id.
  Status AddArticle(const Document& doc);
  // Buffers events.  Events with an empty doc_id or a Goldstein value that
  // is neither NaN (unknown) nor within [-10, 10] are refused (the whole
  // call fails with kInvalidArgument before anything is written).
  Status AddEvents(const std::vector<Event>& events);
  Status AddEvent(const Event& event);
  // Commits the open batch (no-op when none is open).
  Status Commit();
  // Discards the open batch.
  void Rollback();

  // True when the article id is stored (committed, or in this object's
  // open batch).  False on error.
  bool HasArticle(std::string_view id) const;
  Result<StoreCounts> Counts() const;
  const StoreStats& stats() const;

  // Whether dyad_day/day_totals lag behind the events (see
  // StoreOptions::maintain_aggregates), and rebuilding them from events.
  bool aggregates_stale() const;
  Status RebuildAggregates();

  int schema_version() const;  // always kStoreSchemaVersion once open
  const std::string& path() const;

  struct Rep;  // implementation detail
  Rep* rep() const { return rep_.get(); }

 private:
  explicit EventStore(std::unique_ptr<Rep> rep);
  std::unique_ptr<Rep> rep_;
};

// ---------------------------------------------------------------------------
// Ingest of JSONL events (the kJsonl writer's format, see ParseEventJson).

struct IngestOptions {
  // Commit at the end of the stream.  Default true.
  bool commit = true;
  // Messages kept in IngestStats::issues (all bad lines are counted).
  size_t max_issues = 100;
  // Stop at the first bad line instead of skipping it.  Default false.
  bool strict = false;
  // When set (not owned), events read without derived fields get them from
  // the table: no quad class -> CameoTable::Enrich fills every derived field;
  // no actor parts -> SplitActor fills them (so country-level queries see
  // events written by other tools).  Default null: events stored as read.
  const CameoTable* table = nullptr;
};

struct IngestStats {
  uint64_t lines = 0;        // lines read
  uint64_t blank = 0;        // empty or whitespace-only lines (skipped, not bad)
  uint64_t events = 0;       // lines parsed into events
  uint64_t added = 0;        // events new to the store
  uint64_t duplicates = 0;   // events already stored
  uint64_t bad = 0;          // lines skipped: "name:line: why" in issues
  std::vector<std::string> issues;
};

// Reads events line by line and adds them.  `name` names the stream in
// messages.  Bad lines are skipped and counted; the call fails only on an
// I/O or database error (or on a bad line when `strict`).
// Reads the stored events (in insertion order) with the fields the analyses
// use: ids, date, actor codes and their country/known group/first type,
// code, root, base, quad class, Goldstein, PLOVER type and mode, pattern,
// issues, location.
// `from`/`to` bound the date inclusively ("2010", "2010-06", "2010-06-30");
// "" = open.  Memory grows with the number of events returned.
Result<std::vector<Event>> ReadEvents(const EventStore& store, const std::string& from = "",
                                      const std::string& to = "");

Result<IngestStats> IngestEventsJsonl(EventStore& store, std::istream& in, std::string_view name,
                                      const IngestOptions& options = {});

// ---------------------------------------------------------------------------
// Dyad time series.

enum class Period { kMonth, kQuarter, kYear };
enum class DyadLevel {
  kCountry,  // match the country part of actor codes ("CHN" for "CHNGOV")
  kActor,    // match full actor codes exactly ("CHNGOV")
};
enum class Dedup {
  kNone,     // every event counts
  kOneADay,  // one per (day, source actor, target actor, code): a cluster counts once
};
// "month"/"quarter"/"year"; "country"/"actor" ("full" accepted);
// "none"/"one_a_day" ("one-a-day", "cluster" accepted).  Case-insensitive.
Result<Period> ParsePeriod(std::string_view name);
Result<DyadLevel> ParseDyadLevel(std::string_view name);
Result<Dedup> ParseDedup(std::string_view name);
std::string_view PeriodName(Period p);
std::string_view DyadLevelName(DyadLevel l);
std::string_view DedupName(Dedup d);

struct DyadQuery {
  std::string a, b;             // actors: country codes or full codes (see level)
  Period by = Period::kMonth;
  bool directed = true;         // true: a -> b only; false: a -> b plus b -> a
  DyadLevel level = DyadLevel::kCountry;
  Dedup dedup = Dedup::kNone;
  // Inclusive date range, ISO "YYYY-MM-DD" (or "YYYY-MM", "YYYY").  "" =
  // open.  With both ends given every period in the range is listed;
  // otherwise the series runs from the dyad's first to its last period.
  std::string from, to;
  // List periods without events (zeros) between the first and last.  Default true.
  bool fill_gaps = true;
};

struct DyadPeriod {
  std::string period;           // "2023-01", "2023-Q1", "2023"
  int64_t first_day = 0, last_day = 0;  // YYYYMMDD bounds of the period
  // Raw figures: always reported.
  int64_t events = 0;           // events of the dyad
  int64_t clusters = 0;         // their one-a-day clusters
  int64_t multi_article = 0;    // clusters reported by 2+ articles
  // Measures under DyadQuery::dedup (counted = events or clusters).
  int64_t counted = 0;
  std::array<int64_t, 5> quad{};  // [q] = counted of quad class q (0 unknown, 1..4)
  double goldstein_sum = 0;     // over counted units with a known Goldstein value
  int64_t goldstein_n = 0;      // units with a known value
  double goldstein_mean = 0;    // goldstein_sum / goldstein_n; NaN when 0
  // Normalisation by volume: `total` is every event (kNone) or every
  // cluster (kOneADay) of the whole store dated in the period.
  int64_t total = 0;
  double share = 0;                   // counted / total (0 when total is 0)
  std::array<double, 5> quad_share{}; // quad[q] / total
  double goldstein_per_total = 0;     // goldstein_sum / total
};

struct DyadSeriesResult {
  DyadQuery query;
  std::vector<DyadPeriod> periods;
};

// Computes the series from the aggregates.  kInvalidArgument for empty
// actors or a malformed range; kUnsupported when the aggregates are stale
// (call RebuildAggregates first).
Result<DyadSeriesResult> DyadSeries(const EventStore& store, const DyadQuery& query);

// One cluster: the events of one (day, source actor, target actor, code).
struct EventCluster {
  int64_t day = 0;              // YYYYMMDD
  std::string source_actor, target_actor, code;
  int quad_class = 0;
  int64_t events = 0;
  int64_t articles = 0;         // distinct articles reporting it
  double goldstein_mean = 0;    // NaN when unknown
};
// The clusters of a dyad (level, direction and range of `query` apply;
// `by` and `dedup` are ignored), in day order, at most `limit` (0 = all).
Result<std::vector<EventCluster>> DyadClusters(const EventStore& store, const DyadQuery& query,
                                               size_t limit = 0);

// Totals of every dyad over a date range: the edge list of an event network
// (e.g. for entente/network.h).  Same definitions as DyadSeries.
struct DyadTotalsQuery {
  std::string from, to;          // inclusive, as in DyadQuery; "" = open
  DyadLevel level = DyadLevel::kCountry;
  Dedup dedup = Dedup::kNone;
  int64_t min_count = 1;         // drop dyads with fewer counted units
  // Skip dyads whose source or target is "" at the chosen level (actors
  // without a country, events without a target).  Default true.
  bool skip_empty = true;
};
struct DyadTotal {
  std::string source, target;    // country codes or full actor codes
  int64_t events = 0, clusters = 0, counted = 0;
  std::array<int64_t, 5> quad{};  // counted units per quad class
  double goldstein_sum = 0;
  int64_t goldstein_n = 0;
  double goldstein_mean = 0;     // NaN when goldstein_n is 0
};
// Directed dyads, sorted by (source, target).  Reads dyad_day over the range
// (a scan of the clusters of those days).
Result<std::vector<DyadTotal>> DyadTotals(const EventStore& store, const DyadTotalsQuery& query);

enum class TableFormat { kCsv, kJson, kTable };
// "csv", "json", "table"/"text".
Result<TableFormat> ParseTableFormat(std::string_view name);
// Writes the series: CSV with a header row, one JSON object (query + rows),
// or an aligned text table.  Columns are documented in doc/store.md.
Status WriteDyadSeries(const DyadSeriesResult& series, TableFormat format, std::ostream& out);

// Writes dyad totals: CSV with a header row (source, target, events,
// clusters, counted, quad1..quad4, quad_unknown, goldstein_sum, goldstein_n,
// goldstein_mean), a JSON array of objects, or an aligned text table.
Status WriteDyadTotals(const std::vector<DyadTotal>& totals, TableFormat format, std::ostream& out);

// YYYYMMDD of an ISO date ("2023-01-30", time part ignored); 0 when the
// date is missing or not a valid calendar date.  Exposed for tests.
int64_t DayNumber(std::string_view iso_date);

}  // namespace entente
