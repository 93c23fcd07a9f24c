// Internal pieces of the event store shared by its .cc files and tests.
#pragma once

#include <sqlite3.h>

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "entente/status.h"
#include "entente/store.h"

namespace entente::store_internal {

// One schema step.  Shipped steps are frozen: never edit one, add a new
// version instead (store_test checks their checksums).
struct Migration {
  int version;
  const char* name;
  const char* sql;
};
const std::vector<Migration>& Migrations();

// Applies the migrations after the database's user_version up to `target`
// in one IMMEDIATE transaction; on failure nothing is applied.
Status MigrateTo(sqlite3* db, int target, std::string_view path);

// Why an event cannot be stored ("" when it can): it needs a doc_id, and a
// Goldstein value that is unknown (NaN) or on the scale [-10, 10] -- an
// infinite or far out-of-scale value makes a cluster's sum infinite, then
// NaN, which the NOT NULL aggregate refuses, failing the whole batch.  Both
// EventStore::AddEvent(s) (which refuse the call) and the JSONL ingest
// (which skips the line as bad) use it.
std::string UnstorableReason(const Event& e);

// SQL that recomputes dyad_day and day_totals from events (also the body
// of migration 2's backfill).
extern const char* const kRebuildAggregatesSql;

// A prepared statement owned by RAII.
class Stmt {
 public:
  Stmt() = default;
  ~Stmt() { sqlite3_finalize(s_); }
  Stmt(const Stmt&) = delete;
  Stmt& operator=(const Stmt&) = delete;
  Status Prepare(sqlite3* db, const char* sql);
  sqlite3_stmt* get() const { return s_; }
  explicit operator bool() const { return s_ != nullptr; }

 private:
  sqlite3_stmt* s_ = nullptr;
};

Status SqlError(sqlite3* db, std::string_view what);
Status Exec(sqlite3* db, const char* sql);

sqlite3* Db(const EventStore& store);

}  // namespace entente::store_internal
