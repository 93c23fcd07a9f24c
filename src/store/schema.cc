// Schema of the event store: ordered migrations (doc/store.md).
#include <sqlite3.h>

#include <ctime>
#include <string>

#include <fmt/format.h>

#include "store/store_internal.h"

namespace entente::store_internal {

namespace {

// Version 1: articles and events.  FROZEN.
constexpr const char* kV1 = R"sql(
CREATE TABLE schema_migrations(
  version INTEGER PRIMARY KEY,
  name TEXT NOT NULL,
  applied_at TEXT NOT NULL
);
CREATE TABLE articles(
  pk INTEGER PRIMARY KEY,
  id TEXT NOT NULL UNIQUE,
  date TEXT NOT NULL,
  day INTEGER,
  source TEXT NOT NULL,
  url TEXT NOT NULL,
  title TEXT NOT NULL,
  text TEXT,
  origin TEXT NOT NULL,
  line INTEGER NOT NULL
);
CREATE TABLE events(
  pk INTEGER PRIMARY KEY,
  article INTEGER NOT NULL REFERENCES articles(pk),
  event_id INTEGER NOT NULL,
  sentence_id TEXT NOT NULL,
  sentence_index INTEGER NOT NULL,
  event_index INTEGER NOT NULL,
  date TEXT NOT NULL,
  day INTEGER,
  is_root_event INTEGER NOT NULL,
  source_actor TEXT NOT NULL,
  source_text TEXT NOT NULL,
  target_actor TEXT NOT NULL,
  target_text TEXT NOT NULL,
  code TEXT NOT NULL,
  root_code TEXT NOT NULL,
  base_code TEXT NOT NULL,
  code_resolved TEXT NOT NULL,
  code_fallback INTEGER NOT NULL,
  quad_class INTEGER NOT NULL,
  penta_class INTEGER NOT NULL,
  goldstein REAL,
  goldstein_scale INTEGER NOT NULL,
  plover_type TEXT NOT NULL,
  plover_mode TEXT NOT NULL,
  plover_context TEXT NOT NULL,
  source_country TEXT NOT NULL,
  source_known_group TEXT NOT NULL,
  source_ethnic TEXT NOT NULL,
  source_religion1 TEXT NOT NULL,
  source_religion2 TEXT NOT NULL,
  source_type1 TEXT NOT NULL,
  source_type2 TEXT NOT NULL,
  source_type3 TEXT NOT NULL,
  source_other TEXT NOT NULL,
  source_unknown INTEGER NOT NULL,
  target_country TEXT NOT NULL,
  target_known_group TEXT NOT NULL,
  target_ethnic TEXT NOT NULL,
  target_religion1 TEXT NOT NULL,
  target_religion2 TEXT NOT NULL,
  target_type1 TEXT NOT NULL,
  target_type2 TEXT NOT NULL,
  target_type3 TEXT NOT NULL,
  target_other TEXT NOT NULL,
  target_unknown INTEGER NOT NULL,
  source_span_sentence INTEGER NOT NULL,
  source_span_begin INTEGER NOT NULL,
  source_span_end INTEGER NOT NULL,
  verb_span_sentence INTEGER NOT NULL,
  verb_span_begin INTEGER NOT NULL,
  verb_span_end INTEGER NOT NULL,
  target_span_sentence INTEGER NOT NULL,
  target_span_begin INTEGER NOT NULL,
  target_span_end INTEGER NOT NULL,
  pattern TEXT NOT NULL,
  sentence_text TEXT
);
CREATE UNIQUE INDEX events_slot ON events(article, sentence_index, event_index);
)sql";

// Version 2: runs (provenance), store_meta, and the dyad aggregates,
// backfilled from the events of a version-1 database.  FROZEN.
constexpr const char* kV2 = R"sql(
CREATE TABLE runs(
  id INTEGER PRIMARY KEY,
  started TEXT NOT NULL,
  entente_version TEXT NOT NULL,
  command_line TEXT NOT NULL,
  dictionaries TEXT NOT NULL,
  models TEXT NOT NULL,
  note TEXT NOT NULL
);
ALTER TABLE articles ADD COLUMN run INTEGER REFERENCES runs(id);
ALTER TABLE events ADD COLUMN run INTEGER REFERENCES runs(id);
CREATE TABLE store_meta(
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL
) WITHOUT ROWID;
CREATE TABLE dyad_day(
  day INTEGER NOT NULL,
  source_country TEXT NOT NULL,
  target_country TEXT NOT NULL,
  source_actor TEXT NOT NULL,
  target_actor TEXT NOT NULL,
  code TEXT NOT NULL,
  quad_class INTEGER NOT NULL,
  n_events INTEGER NOT NULL,
  n_articles INTEGER NOT NULL,
  n_goldstein INTEGER NOT NULL,
  goldstein_sum REAL NOT NULL,
  PRIMARY KEY(day, source_country, target_country, source_actor, target_actor, code)
) WITHOUT ROWID;
CREATE INDEX dyad_day_actor ON dyad_day(day, source_actor, target_actor);
CREATE TABLE day_totals(
  day INTEGER PRIMARY KEY,
  n_events INTEGER NOT NULL,
  n_clusters INTEGER NOT NULL
);
INSERT INTO dyad_day
  SELECT day, source_country, target_country, source_actor, target_actor, code,
         MIN(quad_class), COUNT(*), COUNT(DISTINCT article), COUNT(goldstein), TOTAL(goldstein)
  FROM events WHERE day IS NOT NULL
  GROUP BY day, source_country, target_country, source_actor, target_actor, code;
INSERT INTO day_totals SELECT day, SUM(n_events), COUNT(*) FROM dyad_day GROUP BY day;
)sql";

// Version 3: the issues of each event (Phoenix issue coding), one row per
// (event, issue code), and where each event happened (Event::location).
// FROZEN.
constexpr const char* kV3 = R"sql(
CREATE TABLE event_issues(
  event INTEGER NOT NULL REFERENCES events(pk),
  rank INTEGER NOT NULL,
  code TEXT NOT NULL,
  category TEXT NOT NULL,
  count INTEGER NOT NULL,
  PRIMARY KEY(event, rank),
  UNIQUE(event, code)
) WITHOUT ROWID;
CREATE INDEX event_issues_code ON event_issues(code, event);
ALTER TABLE events ADD COLUMN location_text TEXT NOT NULL DEFAULT '';
ALTER TABLE events ADD COLUMN location_country TEXT NOT NULL DEFAULT '';
ALTER TABLE events ADD COLUMN location_begin INTEGER NOT NULL DEFAULT -1;
ALTER TABLE events ADD COLUMN location_end INTEGER NOT NULL DEFAULT -1;
)sql";

std::string UtcNow() {
  std::time_t t = std::time(nullptr);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

}  // namespace

const char* const kRebuildAggregatesSql = R"sql(
DELETE FROM dyad_day;
DELETE FROM day_totals;
INSERT INTO dyad_day
  SELECT day, source_country, target_country, source_actor, target_actor, code,
         MIN(quad_class), COUNT(*), COUNT(DISTINCT article), COUNT(goldstein), TOTAL(goldstein)
  FROM events WHERE day IS NOT NULL
  GROUP BY day, source_country, target_country, source_actor, target_actor, code;
INSERT INTO day_totals SELECT day, SUM(n_events), COUNT(*) FROM dyad_day GROUP BY day;
DELETE FROM store_meta WHERE key = 'aggregates_stale';
)sql";

const std::vector<Migration>& Migrations() {
  static const std::vector<Migration> kAll = {
      {1, "articles_and_events", kV1},
      {2, "runs_and_dyad_aggregates", kV2},
      {3, "issues_and_locations", kV3},
  };
  return kAll;
}

Status SqlError(sqlite3* db, std::string_view what) {
  return Status(Code::kIoError, fmt::format("{}: {}", what, db ? sqlite3_errmsg(db) : "no database"));
}

Status Exec(sqlite3* db, const char* sql) {
  char* err = nullptr;
  if (sqlite3_exec(db, sql, nullptr, nullptr, &err) != SQLITE_OK) {
    Status s(Code::kIoError, fmt::format("sqlite: {}", err ? err : sqlite3_errmsg(db)));
    sqlite3_free(err);
    return s;
  }
  return Status::OK();
}

Status Stmt::Prepare(sqlite3* db, const char* sql) {
  sqlite3_finalize(s_);
  s_ = nullptr;
  if (sqlite3_prepare_v3(db, sql, -1, SQLITE_PREPARE_PERSISTENT, &s_, nullptr) != SQLITE_OK)
    return SqlError(db, "preparing a statement");
  return Status::OK();
}

Status MigrateTo(sqlite3* db, int target, std::string_view path) {
  ENTENTE_RETURN_IF_ERROR(Exec(db, "BEGIN IMMEDIATE"));
  auto fail = [&](Status s) {
    Exec(db, "ROLLBACK");
    return s;
  };
  Stmt ver;
  Status st = ver.Prepare(db, "PRAGMA user_version");
  if (!st.ok()) return fail(st);
  if (sqlite3_step(ver.get()) != SQLITE_ROW) return fail(SqlError(db, "reading user_version"));
  const int current = sqlite3_column_int(ver.get(), 0);
  sqlite3_reset(ver.get());
  if (current > target) {
    return fail(Status(Code::kUnsupported,
                       fmt::format("{}: event store schema version {} is newer than this "
                                   "entente supports ({}); upgrade entente",
                                   path, current, target)));
  }
  const std::string now = UtcNow();
  for (const Migration& m : Migrations()) {
    if (m.version <= current || m.version > target) continue;
    st = Exec(db, m.sql);
    if (!st.ok())
      return fail(Status(Code::kIoError, fmt::format("{}: migration {} ({}) failed: {}", path,
                                                     m.version, m.name, st.message())));
    Stmt rec;
    st = rec.Prepare(db, "INSERT INTO schema_migrations(version, name, applied_at) VALUES(?1, ?2, ?3)");
    if (!st.ok()) return fail(st);
    sqlite3_bind_int(rec.get(), 1, m.version);
    sqlite3_bind_text(rec.get(), 2, m.name, -1, SQLITE_STATIC);
    sqlite3_bind_text(rec.get(), 3, now.c_str(), -1, SQLITE_STATIC);
    if (sqlite3_step(rec.get()) != SQLITE_DONE) return fail(SqlError(db, "recording a migration"));
    // PRAGMA cannot take a bound parameter; the value is our own integer.
    st = Exec(db, fmt::format("PRAGMA user_version = {}", m.version).c_str());
    if (!st.ok()) return fail(st);
  }
  return Exec(db, "COMMIT");
}

}  // namespace entente::store_internal
