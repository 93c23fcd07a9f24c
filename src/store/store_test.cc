#include "entente/store.h"

#include <gtest/gtest.h>
#include <sqlite3.h>

#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <limits>
#include <string>

#include <sys/wait.h>
#include <unistd.h>

#include "store/event_json_fast.h"
#include "store/store_internal.h"

namespace entente {
namespace {

namespace fs = std::filesystem;

// A fresh temporary database path, removed (with -wal/-shm) at the end.
class TempDb {
 public:
  TempDb() {
    static int n = 0;
    path_ = (fs::temp_directory_path() /
             ("entente_store_test_" + std::to_string(::getpid()) + "_" + std::to_string(++n) + ".db"))
                .string();
    Remove();
  }
  ~TempDb() { Remove(); }
  const std::string& path() const { return path_; }

 private:
  void Remove() {
    std::error_code ec;
    for (const char* s : {"", "-wal", "-shm", "-journal"}) fs::remove(path_ + s, ec);
  }
  std::string path_;
};

Event MakeEvent(std::string doc, int sent, int idx, std::string date, std::string src, std::string tgt,
                std::string code, int quad, double goldstein) {
  Event e;
  e.doc_id = std::move(doc);
  e.sentence_index = sent;
  e.sentence_id = e.doc_id + "-" + std::to_string(sent + 1);
  e.event_index = idx;
  e.date = std::move(date);
  e.source_actor = std::move(src);
  e.target_actor = std::move(tgt);
  e.source_parts.country = e.source_actor.substr(0, 3);
  e.target_parts.country = e.target_actor.substr(0, 3);
  if (e.source_actor.size() > 3) e.source_parts.type1 = e.source_actor.substr(3, 3);
  e.code = code;
  e.root_code = code.substr(0, 2);
  e.base_code = code.substr(0, 3);
  e.code_resolved = code;
  e.quad_class = quad;
  e.goldstein = goldstein;
  e.sentence_text = "Sentence text.";
  e.pattern = "CAMEO.txt:1: X";
  return e;
}

// Runs one query returning a single integer or text through raw SQLite.
struct RawDb {
  explicit RawDb(const std::string& path, bool create = false) {
    int flags = SQLITE_OPEN_READWRITE | (create ? SQLITE_OPEN_CREATE : 0);
    EXPECT_EQ(sqlite3_open_v2(path.c_str(), &db, flags, nullptr), SQLITE_OK);
  }
  ~RawDb() { sqlite3_close_v2(db); }
  int64_t Int(const char* sql) {
    sqlite3_stmt* s = nullptr;
    EXPECT_EQ(sqlite3_prepare_v2(db, sql, -1, &s, nullptr), SQLITE_OK) << sqlite3_errmsg(db);
    int64_t v = -1;
    if (sqlite3_step(s) == SQLITE_ROW) v = sqlite3_column_int64(s, 0);
    sqlite3_finalize(s);
    return v;
  }
  std::string Text(const char* sql) {
    sqlite3_stmt* s = nullptr;
    EXPECT_EQ(sqlite3_prepare_v2(db, sql, -1, &s, nullptr), SQLITE_OK) << sqlite3_errmsg(db);
    std::string v = "<none>";
    if (sqlite3_step(s) == SQLITE_ROW && sqlite3_column_text(s, 0))
      v = reinterpret_cast<const char*>(sqlite3_column_text(s, 0));
    sqlite3_finalize(s);
    return v;
  }
  void Exec(const char* sql) { ASSERT_TRUE(store_internal::Exec(db, sql).ok()) << sql; }
  sqlite3* db = nullptr;
};

std::unique_ptr<EventStore> OpenOrDie(const std::string& path, StoreOptions o = {}) {
  auto r = EventStore::Open(path, o);
  EXPECT_TRUE(r.ok()) << r.status().ToString();
  return r.ok() ? std::move(r).value() : nullptr;
}

TEST(DayNumber, ParsesIsoAndCompactDates) {
  struct {
    const char* in;
    int64_t want;
  } cases[] = {
      {"2023-01-30", 20230130},      {"2023-01-30T08:15:00Z", 20230130}, {"20230130", 20230130},
      {"2024-02-29", 20240229},      {"2023-02-29", 0},                  {"1900-02-29", 0},
      {"2000-02-29", 20000229},      {"2023-13-01", 0},                  {"2023-00-10", 0},
      {"2023-1-30", 0},              {"", 0},                            {"2023-01-30x", 0},
      {"abcd-ef-gh", 0},             {"2023-04-31", 0},
  };
  for (const auto& c : cases) EXPECT_EQ(DayNumber(c.in), c.want) << c.in;
}

TEST(Schema, CreatedAtCurrentVersionInWalMode) {
  TempDb t;
  {
    auto s = OpenOrDie(t.path());
    ASSERT_TRUE(s);
    EXPECT_EQ(s->schema_version(), kStoreSchemaVersion);
  }
  RawDb raw(t.path());
  EXPECT_EQ(raw.Int("PRAGMA user_version"), kStoreSchemaVersion);
  EXPECT_EQ(raw.Int("SELECT COUNT(*) FROM schema_migrations"), kStoreSchemaVersion);
  EXPECT_EQ(raw.Int("SELECT MAX(version) FROM schema_migrations"), kStoreSchemaVersion);
  EXPECT_EQ(raw.Text("PRAGMA journal_mode"), "wal");
  for (const char* table : {"articles", "events", "runs", "dyad_day", "day_totals", "store_meta", "event_issues"}) {
    std::string sql = std::string("SELECT COUNT(*) FROM sqlite_schema WHERE name = '") + table + "'";
    EXPECT_EQ(raw.Int(sql.c_str()), 1) << table;
  }
}

TEST(Schema, ShippedMigrationsAreFrozen) {
  // A shipped migration must never change: databases in the field were
  // built by it.  Add a new version instead, and its checksum here.
  auto fnv = [](std::string_view s) {
    uint64_t h = 1469598103934665603ull;
    for (unsigned char c : s) h = (h ^ c) * 1099511628211ull;
    return h;
  };
  const auto& m = store_internal::Migrations();
  ASSERT_EQ(m.size(), static_cast<size_t>(kStoreSchemaVersion));
  for (size_t i = 0; i < m.size(); ++i) EXPECT_EQ(m[i].version, static_cast<int>(i + 1));
  // Recorded when each version shipped (print with: fnv(m[i].sql)).
  const uint64_t frozen[] = {16548753278864605679ull, 10857982145369848375ull, 9123878620362222782ull};
  for (size_t i = 0; i < m.size(); ++i) EXPECT_EQ(fnv(m[i].sql), frozen[i]) << "migration " << i + 1;
}

TEST(Schema, RefusesNewerVersion) {
  TempDb t;
  { OpenOrDie(t.path()); }
  {
    RawDb raw(t.path());
    raw.Exec("PRAGMA user_version = 99");
  }
  for (bool ro : {false, true}) {
    StoreOptions o;
    o.read_only = ro;
    auto r = EventStore::Open(t.path(), o);
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.status().code(), Code::kUnsupported);
    EXPECT_NE(r.status().message().find("version 99 is newer"), std::string::npos) << r.status().message();
  }
}

TEST(Schema, RefusesForeignAndNonDatabaseFiles) {
  TempDb t;
  {
    RawDb raw(t.path(), /*create=*/true);
    raw.Exec("CREATE TABLE foo(x)");
  }
  auto r = EventStore::Open(t.path());
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), Code::kCorruptModel);

  TempDb junk;
  { std::ofstream(junk.path()) << "this is not a database at all, just some text that is long enough\n"; }
  r = EventStore::Open(junk.path());
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), Code::kCorruptModel) << r.status().ToString();

  TempDb missing;
  StoreOptions o;
  o.read_only = true;
  r = EventStore::Open(missing.path(), o);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), Code::kNotFound);
}

// A version-1 database built by hand (migration 1 plus rows inserted with
// plain SQL) is migrated on open: runs and aggregates appear, rows survive,
// the aggregates are backfilled.
TEST(Schema, MigratesVersion1) {
  TempDb t;
  {
    RawDb raw(t.path(), /*create=*/true);
    ASSERT_TRUE(store_internal::MigrateTo(raw.db, 1, t.path()).ok());
    EXPECT_EQ(raw.Int("PRAGMA user_version"), 1);
    raw.Exec(
        "INSERT INTO articles(pk, id, date, day, source, url, title, text, origin, line) "
        "VALUES(1, 'old1', '2022-05-01', 20220501, 'Wire', '', 'T', NULL, 'x.jsonl', 1), "
        "(2, 'old2', '2022-05-01', 20220501, 'Wire', '', 'T', NULL, 'x.jsonl', 2)");
    const char* ev =
        "INSERT INTO events VALUES(NULL, %d, 1, 's', %d, 0, '2022-05-01', 20220501, 0, 'USAGOV', '', "
        "'CHNGOV', '', '042', '04', '042', '042', 0, 1, 1, %s, 0, '', '', '', 'USA', '', '', '', '', 'GOV', "
        "'', '', '', 0, 'CHN', '', '', '', '', 'GOV', '', '', '', 0, 0, 0, 1, 0, 1, 2, 0, 2, 3, '', NULL)";
    char sql[1024];
    std::snprintf(sql, sizeof sql, ev, 1, 0, "1.9");
    raw.Exec(sql);
    std::snprintf(sql, sizeof sql, ev, 1, 1, "1.9");
    raw.Exec(sql);
    std::snprintf(sql, sizeof sql, ev, 2, 0, "NULL");
    raw.Exec(sql);
  }
  {
    StoreOptions ro;
    ro.read_only = true;
    auto r = EventStore::Open(t.path(), ro);
    ASSERT_FALSE(r.ok());  // read-only cannot migrate
    EXPECT_NE(r.status().message().find("open it once writable"), std::string::npos);
  }
  auto s = OpenOrDie(t.path());
  ASSERT_TRUE(s);
  auto c = s->Counts();
  ASSERT_TRUE(c.ok());
  EXPECT_EQ(c->articles, 2);
  EXPECT_EQ(c->events, 3);
  EXPECT_EQ(c->clusters, 1);
  EXPECT_EQ(c->first_day, 20220501);
  {
    RawDb raw(t.path());
    EXPECT_EQ(raw.Int("PRAGMA user_version"), kStoreSchemaVersion);
    EXPECT_EQ(raw.Int("SELECT n_events FROM dyad_day"), 3);
    EXPECT_EQ(raw.Int("SELECT n_articles FROM dyad_day"), 2);
    EXPECT_EQ(raw.Int("SELECT n_goldstein FROM dyad_day"), 2);
    EXPECT_EQ(raw.Int("SELECT n_clusters FROM day_totals WHERE day = 20220501"), 1);
    EXPECT_EQ(raw.Int("SELECT COUNT(*) FROM schema_migrations"), kStoreSchemaVersion);
    EXPECT_EQ(raw.Int("SELECT COUNT(*) FROM event_issues"), 0);
  }
  // Writing works on the migrated database.
  ASSERT_TRUE(s->AddEvent(MakeEvent("old2", 3, 0, "2022-05-01", "USAGOV", "CHNGOV", "042", 1, 1.9)).ok());
  ASSERT_TRUE(s->Commit().ok());
  DyadQuery q;
  q.a = "USA";
  q.b = "CHN";
  auto series = DyadSeries(*s, q);
  ASSERT_TRUE(series.ok()) << series.status().ToString();
  ASSERT_EQ(series->periods.size(), 1u);
  EXPECT_EQ(series->periods[0].events, 4);
  EXPECT_EQ(series->periods[0].goldstein_n, 3);
}

TEST(Store, ReingestAddsNothingTwice) {
  TempDb t;
  Document doc;
  doc.id = "d1";
  doc.date = "2023-01-30";
  doc.title = "Title";
  doc.text = "Body.";
  std::vector<Event> events = {MakeEvent("d1", 0, 0, "2023-01-30", "USAGOV", "CHNGOV", "042", 1, 1.9),
                               MakeEvent("d1", 0, 1, "2023-01-30", "USAGOV", "CHNGOV", "042", 1, 1.9),
                               MakeEvent("d1", 2, 0, "2023-01-30", "CHN", "USA", "111", 3, -2.0)};
  for (int round = 0; round < 2; ++round) {
    auto s = OpenOrDie(t.path());
    ASSERT_TRUE(s);
    ASSERT_TRUE(s->AddArticle(doc).ok());
    ASSERT_TRUE(s->AddEvents(events).ok());
    ASSERT_TRUE(s->AddEvents(events).ok());  // twice in the same batch too
    ASSERT_TRUE(s->Commit().ok());
    EXPECT_EQ(s->stats().articles_added, round == 0 ? 1u : 0u);
    EXPECT_EQ(s->stats().articles_existing, round == 0 ? 0u : 1u);
    EXPECT_EQ(s->stats().events_added, round == 0 ? 3u : 0u);
    EXPECT_EQ(s->stats().events_duplicate, round == 0 ? 3u : 6u);
    auto c = s->Counts();
    ASSERT_TRUE(c.ok());
    EXPECT_EQ(c->articles, 1);
    EXPECT_EQ(c->events, 3);
    EXPECT_EQ(c->clusters, 2);
  }
  RawDb raw(t.path());
  EXPECT_EQ(raw.Int("SELECT n_events FROM dyad_day WHERE code = '042'"), 2);
  EXPECT_EQ(raw.Int("SELECT n_events FROM day_totals"), 3);
  EXPECT_EQ(raw.Int("SELECT n_clusters FROM day_totals"), 2);
  EXPECT_EQ(raw.Text("SELECT title FROM articles"), "Title");
  EXPECT_EQ(raw.Int("SELECT text IS NULL FROM articles"), 1);  // store_text off by default
  EXPECT_EQ(raw.Int("SELECT COUNT(*) FROM events WHERE sentence_text IS NULL"), 3);
  EXPECT_EQ(raw.Int("SELECT event_id FROM events WHERE sentence_index = 2"),
            static_cast<int64_t>(EventId(events[2])));
}

// One cluster (day, dyad, code) whose events disagree on the quad class,
// in one batch and across batches: the maintained aggregate equals the
// rebuilt one (the lowest class), in either order of arrival.
TEST(Store, ClusterQuadClassIsTheLowestWhateverTheOrder) {
  for (bool across_batches : {false, true}) {
    for (bool low_first : {false, true}) {
      TempDb t;
      auto s = OpenOrDie(t.path());
      ASSERT_TRUE(s);
      Event hi = MakeEvent("d1", 0, 0, "2023-01-30", "USAGOV", "CHNGOV", "042", 2, 1.9);
      Event lo = MakeEvent("d2", 0, 0, "2023-01-30", "USAGOV", "CHNGOV", "042", 1, 1.9);
      const Event& first = low_first ? lo : hi;
      const Event& second = low_first ? hi : lo;
      ASSERT_TRUE(s->AddEvents({first}).ok());
      if (across_batches) {
        ASSERT_TRUE(s->Commit().ok());
      }
      ASSERT_TRUE(s->AddEvents({second}).ok());
      ASSERT_TRUE(s->Commit().ok());
      {
        RawDb raw(t.path());
        EXPECT_EQ(raw.Int("SELECT quad_class FROM dyad_day"), 1) << across_batches << low_first;
        EXPECT_EQ(raw.Int("SELECT n_events FROM dyad_day"), 2);
      }
      ASSERT_TRUE(s->RebuildAggregates().ok());
      RawDb raw(t.path());
      EXPECT_EQ(raw.Int("SELECT quad_class FROM dyad_day"), 1);
    }
  }
}

TEST(Store, KeepsTextOnlyWhenAsked) {
  TempDb t;
  StoreOptions o;
  o.store_text = true;
  o.store_sentence_text = true;
  auto s = OpenOrDie(t.path(), o);
  Document doc;
  doc.id = "d1";
  doc.text = "Body.";
  doc.origin = "in.jsonl";
  doc.line = 7;
  ASSERT_TRUE(s->AddArticle(doc).ok());
  ASSERT_TRUE(s->AddEvent(MakeEvent("d1", 0, 0, "2023-01-30", "USA", "CHN", "042", 1, 1.9)).ok());
  ASSERT_TRUE(s->Commit().ok());
  RawDb raw(t.path());
  EXPECT_EQ(raw.Text("SELECT text FROM articles"), "Body.");
  EXPECT_EQ(raw.Text("SELECT origin || ':' || line FROM articles"), "in.jsonl:7");
  EXPECT_EQ(raw.Text("SELECT sentence_text FROM events"), "Sentence text.");
}

TEST(Store, EventsWithoutArticleGetAStub) {
  TempDb t;
  auto s = OpenOrDie(t.path());
  Event e = MakeEvent("stub", 0, 0, "2023-01-30", "USA", "CHN", "042", 1, 1.9);
  e.source_name = "AFP";
  e.url = "https://x.org/a";
  ASSERT_TRUE(s->AddEvent(e).ok());
  EXPECT_TRUE(s->HasArticle("stub"));  // visible in the open batch
  EXPECT_FALSE(s->HasArticle("other"));
  ASSERT_TRUE(s->Commit().ok());
  EXPECT_TRUE(s->HasArticle("stub"));
  RawDb raw(t.path());
  EXPECT_EQ(raw.Text("SELECT source || ' ' || url || ' ' || day FROM articles WHERE id = 'stub'"),
            "AFP https://x.org/a 20230130");
}

TEST(Store, RefusesEventsWithoutDocId) {
  TempDb t;
  auto s = OpenOrDie(t.path());
  std::vector<Event> events = {MakeEvent("d1", 0, 0, "2023-01-30", "USA", "CHN", "042", 1, 1.9),
                               MakeEvent("", 0, 0, "2023-01-30", "USA", "CHN", "042", 1, 1.9)};
  Status st = s->AddEvents(events);
  EXPECT_EQ(st.code(), Code::kInvalidArgument);
  EXPECT_EQ(s->stats().events_added, 0u);  // nothing of the call was written
  Document no_id;
  EXPECT_EQ(s->AddArticle(no_id).code(), Code::kInvalidArgument);
}

// An out-of-scale Goldstein value through the API is refused (as the JSONL
// ingest skips such lines), so it cannot turn a cluster's sum into NaN and
// fail the batch: the events before it and after it are stored.
TEST(Store, RefusesGoldsteinOutsideTheScale) {
  TempDb t;
  auto s = OpenOrDie(t.path());
  ASSERT_TRUE(s->AddEvent(MakeEvent("d1", 0, 0, "2023-01-30", "USA", "CHN", "042", 1, 1.9)).ok());
  for (double g : {1.7e308, -1.7e308, 10.5, std::numeric_limits<double>::infinity()}) {
    Event bad = MakeEvent("d2", 0, 0, "2023-01-30", "USA", "CHN", "042", 1, g);
    Status st = s->AddEvent(bad);
    EXPECT_EQ(st.code(), Code::kInvalidArgument) << g;
    EXPECT_NE(st.message().find("outside the scale"), std::string::npos) << st.message();
    EXPECT_EQ(s->AddEvents({bad}).code(), Code::kInvalidArgument) << g;
  }
  Event unknown = MakeEvent("d3", 0, 0, "2023-01-30", "USA", "CHN", "042", 1, 0);
  unknown.goldstein = std::numeric_limits<double>::quiet_NaN();  // unknown is fine
  ASSERT_TRUE(s->AddEvent(unknown).ok());
  ASSERT_TRUE(s->AddEvent(MakeEvent("d4", 0, 0, "2023-01-30", "USA", "CHN", "042", 1, -10)).ok());
  ASSERT_TRUE(s->Commit().ok());
  EXPECT_EQ(s->stats().events_added, 3u);
  RawDb raw(t.path());
  EXPECT_EQ(raw.Int("SELECT n_events FROM dyad_day"), 3);
  EXPECT_EQ(raw.Int("SELECT n_goldstein FROM dyad_day"), 2);
}

TEST(Store, UncommittedBatchVanishesAndDatabaseStaysIntact) {
  TempDb t;
  {
    auto s = OpenOrDie(t.path());
    ASSERT_TRUE(s->AddEvent(MakeEvent("d1", 0, 0, "2023-01-30", "USA", "CHN", "042", 1, 1.9)).ok());
    ASSERT_TRUE(s->Commit().ok());
    for (int i = 0; i < 100; ++i)
      ASSERT_TRUE(s->AddEvent(MakeEvent("d2", i, 0, "2023-01-31", "USA", "CHN", "042", 1, 1.9)).ok());
    EXPECT_EQ(s->Counts()->events, 101);  // the writer sees its own batch
  }  // destroyed without Commit
  RawDb raw(t.path());
  EXPECT_EQ(raw.Int("SELECT COUNT(*) FROM events"), 1);
  EXPECT_EQ(raw.Int("SELECT COUNT(*) FROM articles"), 1);
  EXPECT_EQ(raw.Int("SELECT COUNT(*) FROM day_totals"), 1);
  EXPECT_EQ(raw.Text("PRAGMA integrity_check"), "ok");
}

// A process that dies mid-batch (no destructor, no rollback) leaves the
// committed batches and nothing else; the database is intact.
TEST(Store, CrashMidBatchKeepsCommittedBatchesOnly) {
  TempDb t;
  const pid_t pid = fork();
  ASSERT_GE(pid, 0);
  if (pid == 0) {
    StoreOptions o;
    o.batch_size = 50;  // auto-commits at article boundaries
    auto r = EventStore::Open(t.path(), o);
    if (!r.ok()) _exit(2);
    auto& s = *r;
    for (int doc = 0; doc < 10; ++doc)
      for (int i = 0; i < 30; ++i)
        if (!s->AddEvent(MakeEvent("doc" + std::to_string(doc), i, 0, "2023-01-30", "USA", "CHN", "042", 1, 1.9))
                 .ok())
          _exit(3);
    _exit(0);  // the open batch dies with the process
  }
  int status = 0;
  ASSERT_EQ(waitpid(pid, &status, 0), pid);
  ASSERT_TRUE(WIFEXITED(status));
  ASSERT_EQ(WEXITSTATUS(status), 0);
  StoreOptions o;
  auto s = OpenOrDie(t.path(), o);
  auto c = s->Counts();
  ASSERT_TRUE(c.ok());
  // Commits happened before doc2, doc4, doc6, doc8 (50 rows reached inside
  // the previous article): docs 0-7 are stored whole, 8-9 are lost.
  EXPECT_EQ(c->events, 8 * 30);
  EXPECT_EQ(c->articles, 8);
  EXPECT_TRUE(s->HasArticle("doc7"));
  EXPECT_FALSE(s->HasArticle("doc8"));
  RawDb raw(t.path());
  EXPECT_EQ(raw.Text("PRAGMA integrity_check"), "ok");
  EXPECT_EQ(raw.Int("SELECT n_events FROM day_totals"), 8 * 30);  // aggregates match the events
  EXPECT_EQ(raw.Int("SELECT COUNT(*) FROM events GROUP BY article HAVING COUNT(*) != 30"), -1);
}

TEST(Store, ExplicitRollbackDiscardsTheBatch) {
  TempDb t;
  auto s = OpenOrDie(t.path());
  ASSERT_TRUE(s->AddEvent(MakeEvent("d1", 0, 0, "2023-01-30", "USA", "CHN", "042", 1, 1.9)).ok());
  s->Rollback();
  ASSERT_TRUE(s->AddEvent(MakeEvent("d2", 0, 0, "2023-01-30", "USA", "CHN", "042", 1, 1.9)).ok());
  ASSERT_TRUE(s->Commit().ok());
  EXPECT_FALSE(s->HasArticle("d1"));
  EXPECT_TRUE(s->HasArticle("d2"));
  EXPECT_EQ(s->Counts()->clusters, 1);
}

TEST(Store, AutoCommitsOnlyAtArticleBoundaries) {
  TempDb t;
  StoreOptions o;
  o.batch_size = 2;
  auto w = OpenOrDie(t.path(), o);
  StoreOptions ro;
  ro.read_only = true;
  auto r = OpenOrDie(t.path(), ro);
  std::vector<Event> a;
  for (int i = 0; i < 5; ++i) a.push_back(MakeEvent("A", i, 0, "2023-01-30", "USA", "CHN", "042", 1, 1.9));
  ASSERT_TRUE(w->AddEvents(a).ok());
  EXPECT_EQ(r->Counts()->events, 0);  // the batch is full but article A is not split
  EXPECT_EQ(w->stats().commits, 0u);
  ASSERT_TRUE(w->AddEvent(MakeEvent("B", 0, 0, "2023-01-30", "USA", "CHN", "042", 1, 1.9)).ok());
  EXPECT_EQ(w->stats().commits, 1u);
  EXPECT_EQ(r->Counts()->events, 5);  // A committed before B started
  EXPECT_TRUE(r->HasArticle("A"));
  EXPECT_FALSE(r->HasArticle("B"));
  ASSERT_TRUE(w->Commit().ok());
  EXPECT_EQ(r->Counts()->events, 6);
}

TEST(Store, WalReaderReadsWhileWriterHoldsItsTransaction) {
  TempDb t;
  auto w = OpenOrDie(t.path());
  ASSERT_TRUE(w->AddEvent(MakeEvent("d1", 0, 0, "2023-01-30", "USA", "CHN", "042", 1, 1.9)).ok());
  ASSERT_TRUE(w->Commit().ok());
  ASSERT_TRUE(w->AddEvent(MakeEvent("d2", 0, 0, "2023-01-31", "USA", "CHN", "042", 1, 1.9)).ok());
  // The writer now holds an open write transaction.  A reader with no busy
  // wait at all must still read the last committed state.
  StoreOptions ro;
  ro.read_only = true;
  ro.busy_timeout_ms = 0;
  auto r = OpenOrDie(t.path(), ro);
  ASSERT_TRUE(r);
  auto c = r->Counts();
  ASSERT_TRUE(c.ok()) << c.status().ToString();
  EXPECT_EQ(c->events, 1);
  EXPECT_FALSE(r->HasArticle("d2"));
  DyadQuery q;
  q.a = "USA";
  q.b = "CHN";
  auto s = DyadSeries(*r, q);
  ASSERT_TRUE(s.ok()) << s.status().ToString();
  EXPECT_EQ(s->periods.at(0).events, 1);
  // The writer commits while the reader is open; the reader's next query sees it.
  ASSERT_TRUE(w->Commit().ok());
  EXPECT_EQ(r->Counts()->events, 2);
  // A second writer cannot write while... it can, once the first has committed.
  auto w2 = OpenOrDie(t.path());
  ASSERT_TRUE(w2->AddEvent(MakeEvent("d3", 0, 0, "2023-01-31", "USA", "CHN", "042", 1, 1.9)).ok());
  ASSERT_TRUE(w2->Commit().ok());
  EXPECT_EQ(r->Counts()->events, 3);
}

TEST(Store, ReadOnlyRefusesWrites) {
  TempDb t;
  { OpenOrDie(t.path()); }
  StoreOptions ro;
  ro.read_only = true;
  auto r = OpenOrDie(t.path(), ro);
  EXPECT_EQ(r->AddEvent(MakeEvent("d1", 0, 0, "2023-01-30", "USA", "CHN", "042", 1, 1.9)).code(),
            Code::kInvalidArgument);
}

TEST(Store, RunsRecordProvenance) {
  TempDb t;
  auto s = OpenOrDie(t.path());
  RunInfo run;
  run.entente_version = "0.1.0";
  run.command_line = "entente code in.jsonl --db x.db";
  run.started = "2026-01-01T00:00:00Z";
  auto id = s->BeginRun(run);
  ASSERT_TRUE(id.ok());
  ASSERT_TRUE(s->AddEvent(MakeEvent("d1", 0, 0, "2023-01-30", "USA", "CHN", "042", 1, 1.9)).ok());
  ASSERT_TRUE(s->Commit().ok());
  EXPECT_EQ(s->Counts()->runs, 1);
  RawDb raw(t.path());
  EXPECT_EQ(raw.Text("SELECT command_line FROM runs"), run.command_line);
  EXPECT_EQ(raw.Int("SELECT run FROM events"), *id);
  EXPECT_EQ(raw.Int("SELECT run FROM articles"), *id);
}

TEST(Store, UndatedEventsAreStoredButNotAggregated) {
  TempDb t;
  auto s = OpenOrDie(t.path());
  ASSERT_TRUE(s->AddEvent(MakeEvent("d1", 0, 0, "", "USA", "CHN", "042", 1, 1.9)).ok());
  ASSERT_TRUE(s->AddEvent(MakeEvent("d1", 1, 0, "2023-02-30", "USA", "CHN", "042", 1, 1.9)).ok());
  ASSERT_TRUE(s->AddEvent(MakeEvent("d1", 2, 0, "2023-02-28", "USA", "CHN", "042", 1, 1.9)).ok());
  ASSERT_TRUE(s->Commit().ok());
  auto c = s->Counts();
  EXPECT_EQ(c->events, 3);
  EXPECT_EQ(c->undated_events, 2);
  EXPECT_EQ(c->clusters, 1);
}

TEST(IngestJsonl, SkipsAndCountsBadLinesWithTheirPlace) {
  const std::string path = std::string(ENTENTE_SOURCE_DIR) + "/test/data/store/events_bad.jsonl";
  std::ifstream in(path);
  ASSERT_TRUE(in) << path;
  TempDb t;
  auto s = OpenOrDie(t.path());
  auto r = IngestEventsJsonl(*s, in, "events_bad.jsonl");
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->lines, 8u);
  EXPECT_EQ(r->blank, 1u);
  EXPECT_EQ(r->bad, 3u);
  EXPECT_EQ(r->events, 4u);
  EXPECT_EQ(r->added, 3u);
  EXPECT_EQ(r->duplicates, 1u);
  ASSERT_EQ(r->issues.size(), 3u);
  EXPECT_EQ(r->issues[0].rfind("events_bad.jsonl:2: ", 0), 0u) << r->issues[0];
  EXPECT_EQ(r->issues[1].rfind("events_bad.jsonl:5: ", 0), 0u) << r->issues[1];
  EXPECT_EQ(r->issues[2].rfind("events_bad.jsonl:6: ", 0), 0u) << r->issues[2];
  // Committed at the end: another connection sees the events.
  StoreOptions ro;
  ro.read_only = true;
  auto reader = OpenOrDie(t.path(), ro);
  EXPECT_EQ(reader->Counts()->events, 3);
  EXPECT_EQ(reader->Counts()->articles, 2);

  // Strict mode stops at the first bad line, naming it.
  std::istringstream again("{\"doc_id\": 1}\n");
  IngestOptions strict;
  strict.strict = true;
  auto bad = IngestEventsJsonl(*s, again, "x.jsonl", strict);
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.status().message().rfind("x.jsonl:1: ", 0), 0u) << bad.status().message();
}

// Found by fuzz/store_ingest_fuzzer (fuzz/regressions/store_ingest/
// goldstein-sum-overflows-to-nan.jsonl): Goldstein values far outside the
// scale summed to +inf in one batch's cluster and -inf in the next; the
// committed sum became NaN, SQLite stored NULL in the NOT NULL column
// dyad_day.goldstein_sum and the whole ingest failed.  Such lines are bad
// lines now, skipped and reported with their place.
TEST(IngestJsonl, GoldsteinOutsideTheScaleIsABadLine) {
  auto line = [](const char* doc, int event, const char* goldstein) {
    return std::string("{\"doc_id\":\"") + doc +
           "\",\"date\":\"2023-01-05\",\"sentence_index\":0,\"event_index\":" + std::to_string(event) +
           ",\"source_actor\":\"USA\",\"target_actor\":\"CHN\",\"code\":\"042\",\"quad_class\":1,"
           "\"goldstein\":" + goldstein + "}\n";
  };
  std::istringstream in(line("g1", 0, "1.7e308") + line("g1", 1, "1.7e308") + line("g1", 2, "1.9") +
                        line("g2", 0, "-1.7e308") + line("g2", 1, "-1.7e308") + line("g2", 2, "-10") +
                        line("g2", 3, "10.5"));
  TempDb t;
  StoreOptions o;
  o.batch_size = 4;  // g1 is committed before g2 starts
  auto s = OpenOrDie(t.path(), o);
  auto r = IngestEventsJsonl(*s, in, "g.jsonl");
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->lines, 7u);
  EXPECT_EQ(r->bad, 5u);
  EXPECT_EQ(r->added, 2u);
  ASSERT_EQ(r->issues.size(), 5u);
  EXPECT_EQ(r->issues[0].rfind("g.jsonl:1: goldstein ", 0), 0u) << r->issues[0];
  EXPECT_NE(r->issues[0].find("outside the scale [-10, 10]"), std::string::npos) << r->issues[0];
  EXPECT_EQ(r->issues[4].rfind("g.jsonl:7: ", 0), 0u) << r->issues[4];
  RawDb raw(t.path());
  EXPECT_EQ(raw.Text("PRAGMA integrity_check"), "ok");
  EXPECT_EQ(raw.Int("SELECT n_events FROM dyad_day"), 2);
  EXPECT_EQ(raw.Text("SELECT goldstein_sum FROM dyad_day"), "-8.1");
}

TEST(IngestJsonl, RoundTripsTheGoldenSeedEvents) {
  const std::string path = std::string(ENTENTE_SOURCE_DIR) + "/test/golden/events/seed.jsonl";
  std::ifstream in(path);
  ASSERT_TRUE(in) << path;
  TempDb t;
  auto s = OpenOrDie(t.path());
  auto r = IngestEventsJsonl(*s, in, "seed.jsonl");
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->bad, 0u);
  EXPECT_EQ(r->added, 6u);
  RawDb raw(t.path());
  EXPECT_EQ(raw.Text("SELECT source_known_group || '/' || source_type1 || '/' || source_other FROM events "
                     "WHERE source_actor = 'IGOWSTNAT' LIMIT 1"),
            "NAT/IGO/WST");
  EXPECT_EQ(raw.Int("SELECT verb_span_end FROM events WHERE sentence_index = 1 AND event_index = 0"), 6);
  // Issues: one row per (event, code); the two events of sentence 4 name two each.
  EXPECT_EQ(raw.Int("SELECT COUNT(*) FROM event_issues"), 4);
  EXPECT_EQ(raw.Int("SELECT SUM(count) FROM event_issues WHERE code = 'NUCLEAR_WEAPONS'"), 4);
  EXPECT_EQ(raw.Text("SELECT category FROM event_issues WHERE code = 'CLIMATE_CHANGE' LIMIT 1"), "ENVIRONMENT");
  EXPECT_EQ(raw.Int("SELECT COUNT(*) FROM event_issues i JOIN events e ON e.pk = i.event "
                    "WHERE e.sentence_index = 4"),
            4);
  // Locations are stored with their events.
  EXPECT_EQ(raw.Text("SELECT location_text || '/' || location_country || '/' || location_begin || '-' || location_end "
                     "FROM events WHERE sentence_index = 1 AND event_index = 0"),
            "South Korea/KOR/15-17");
  EXPECT_EQ(raw.Int("SELECT COUNT(*) FROM events WHERE location_country = ''"), 5);
  // ReadEvents gives them back, in their order in the sentence.
  auto back = ReadEvents(*s);
  ASSERT_TRUE(back.ok()) << back.status().ToString();
  ASSERT_EQ(back->size(), 6u);
  int with_issues = 0;
  for (const Event& e : *back) {
    if (e.sentence_index == 1 && e.event_index == 0) {
      EXPECT_EQ(e.location.country, "KOR");
      EXPECT_EQ(e.location.text, "South Korea");
      EXPECT_EQ(e.location.span.begin, 15);
    }
    if (e.sentence_index != 4) {
      EXPECT_TRUE(e.issues.empty()) << e.sentence_id;
      continue;
    }
    ++with_issues;
    ASSERT_EQ(e.issues.size(), 2u);
    EXPECT_EQ(e.issues[0], (IssueCount{"NUCLEAR_WEAPONS", "WMD", 2}));
    EXPECT_EQ(e.issues[1], (IssueCount{"CLIMATE_CHANGE", "ENVIRONMENT", 1}));
  }
  EXPECT_EQ(with_issues, 2);
  // Ingesting again adds no event and so no issue row.
  std::ifstream again(path);
  auto r2 = IngestEventsJsonl(*s, again, "seed.jsonl");
  ASSERT_TRUE(r2.ok()) << r2.status().ToString();
  EXPECT_EQ(r2->added, 0u);
  EXPECT_EQ(raw.Int("SELECT COUNT(*) FROM event_issues"), 4);
}

// The fast reader used by IngestEventsJsonl must give exactly what
// ParseEventJson gives whenever it accepts a line (compared through the
// kJsonl writer, which prints every field).
TEST(IngestJsonl, FastReaderAgreesWithParseEventJson) {
  std::vector<std::string> lines;
  for (const char* f : {"/test/golden/events/seed.jsonl", "/test/data/store/events_bad.jsonl"}) {
    std::ifstream in(std::string(ENTENTE_SOURCE_DIR) + f);
    ASSERT_TRUE(in) << f;
    for (std::string l; std::getline(in, l);) lines.push_back(l);
  }
  const size_t seed_lines = 6;
  const char* crafted[] = {
      R"({"doc_id":"d","date":null,"sentence_index":3,"goldstein":null})",
      R"({"doc_id":"d","goldstein":3,"quad_class":2,"source_parts":{"types":["GOV","MIL"],"unknown":true}})",
      R"({ "doc_id" : "dé
"q"" , "target_parts" : null , "verb_span" : {"begin":1,"end":2} })",
      R"({"doc_id":"d","goldstein_scale":"icews","code_fallback":true,"is_root_event":false})",
      R"({"doc_id":"d","goldstein_scale":"ICEWS"})",
      R"({"doc_id":"d","goldstein_scale":"bogus"})",
      R"({"doc_id":"d","quad_class":1.0})",
      R"({"doc_id":"d","sentence_index":99999999999})",
      R"({"doc_id":"d","source_parts":{"types":["A","B","C","D"]}})",
      R"({"doc_id":"d","source_parts":{"types":[null]}})",
      R"({"doc_id":"d","date":5})",
      R"({"doc_id":"d","issues":[{"code":"A","category":"","count":2},{"count":1,"code":"B"}]})",
      R"({"doc_id":"d","issues":[]})",
      R"({"doc_id":"d","issues":[{"code":"A","count":0}]})",
      R"({"doc_id":"d","issues":{"code":"A"}})",
      R"({"doc_id":"d","issues":[{"code":"A","count":1.5}]})",
      R"({"doc_id":"d","extra":{"nested":[1,2,3]},"code":"042"})",
      R"({"doc_id":"d","code":"042","code":"043"})",
      R"({"doc_id":"d"} trailing)",
      R"("just a string")",
      "",
  };
  for (const char* c : crafted) lines.push_back(c);
  auto write = [](const Event& e) {
    std::ostringstream out;
    auto w = NewEventWriter(EventFormat::kJsonl, out);
    EXPECT_TRUE(w->Write(e).ok());
    EXPECT_TRUE(w->Finish().ok());
    return out.str();
  };
  store_internal::FastEventParser fast;
  size_t accepted = 0;
  for (size_t i = 0; i < lines.size(); ++i) {
    Event e;
    const bool ok = fast.Parse(lines[i], &e);
    Result<Event> ref = ParseEventJson(lines[i], "x", i + 1);
    if (i < seed_lines) {
      EXPECT_TRUE(ok) << "seed line " << i + 1 << " should take the fast path";
    }
    if (!ok) continue;
    ++accepted;
    ASSERT_TRUE(ref.ok()) << "fast reader accepted what ParseEventJson refuses: " << lines[i];
    EXPECT_EQ(write(e), write(*ref)) << lines[i];
  }
  EXPECT_GE(accepted, seed_lines + 6);
}

// Golden files: the seed events (test/golden/events/seed.jsonl) ingested,
// then dyad totals at actor level and the PRK -> USA series as CSV.
// Regenerate with ENTENTE_UPDATE_GOLDEN=1 after an intended change.
TEST(Golden, SeedTotalsAndSeries) {
  const std::string src = ENTENTE_SOURCE_DIR;
  std::ifstream in(src + "/test/golden/events/seed.jsonl");
  ASSERT_TRUE(in);
  TempDb t;
  auto s = OpenOrDie(t.path());
  ASSERT_TRUE(IngestEventsJsonl(*s, in, "seed.jsonl").ok());

  DyadTotalsQuery tq;
  tq.level = DyadLevel::kActor;
  auto totals = DyadTotals(*s, tq);
  ASSERT_TRUE(totals.ok());
  std::ostringstream totals_csv;
  ASSERT_TRUE(WriteDyadTotals(*totals, TableFormat::kCsv, totals_csv).ok());

  DyadQuery q;
  q.a = "PRK";
  q.b = "USA";
  q.from = "2022-12";
  q.to = "2023-02";
  auto series = DyadSeries(*s, q);
  ASSERT_TRUE(series.ok());
  std::ostringstream series_csv;
  ASSERT_TRUE(WriteDyadSeries(*series, TableFormat::kCsv, series_csv).ok());

  const std::pair<std::string, std::string> files[] = {
      {src + "/test/data/store/seed.totals.actor.csv", totals_csv.str()},
      {src + "/test/data/store/seed.series.PRK-USA.csv", series_csv.str()},
  };
  for (const auto& [path, got] : files) {
    if (std::getenv("ENTENTE_UPDATE_GOLDEN")) std::ofstream(path, std::ios::binary) << got;
    std::ifstream g(path, std::ios::binary);
    ASSERT_TRUE(g) << path << " missing; run with ENTENTE_UPDATE_GOLDEN=1";
    std::stringstream want;
    want << g.rdbuf();
    EXPECT_EQ(got, want.str()) << path;
  }
}

}  // namespace
}  // namespace entente
