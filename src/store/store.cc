// EventStore: batched, idempotent writes of articles and events to SQLite.
#include "entente/store.h"

#include <sqlite3.h>

#include <algorithm>
#include <cmath>
#include <ctime>
#include <filesystem>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include <fmt/format.h>

#include "store/store_internal.h"

namespace entente {

std::string store_internal::UnstorableReason(const Event& e) {
  if (e.doc_id.empty()) return "event without doc_id";
  if (!std::isnan(e.goldstein) && !(e.goldstein >= -10.0 && e.goldstein <= 10.0))
    return fmt::format("goldstein {} outside the scale [-10, 10]", e.goldstein);
  return {};
}

using store_internal::Exec;
using store_internal::SqlError;
using store_internal::Stmt;

namespace {

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

int DaysInMonth(int y, int m) {
  static const int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0)) return 29;
  return kDays[m - 1];
}

int Num(std::string_view s, size_t pos, size_t n) {
  int v = 0;
  for (size_t i = 0; i < n; ++i) v = v * 10 + (s[pos + i] - '0');
  return v;
}

// UnstorableReason as a Status naming the event.
Status CheckStorable(const Event& e) {
  std::string why = store_internal::UnstorableReason(e);
  if (why.empty()) return Status::OK();
  return Status(Code::kInvalidArgument, fmt::format("{} (document '{}', sentence {}, event {}): cannot be stored",
                                                    why, e.doc_id, e.sentence_index, e.event_index));
}

// Key of a cluster: one row of dyad_day.  The countries are part of the
// key as in the table, though they normally follow from the actor codes.
struct ClusterKey {
  int64_t day;
  std::string source, target, code, source_country, target_country;
  bool operator==(const ClusterKey& o) const {
    return day == o.day && code == o.code && source == o.source && target == o.target &&
           source_country == o.source_country && target_country == o.target_country;
  }
};
struct ClusterKeyHash {
  size_t operator()(const ClusterKey& k) const {
    size_t h = std::hash<int64_t>()(k.day);
    auto mix = [&h](std::string_view s) { h = h * 1000003u ^ std::hash<std::string_view>()(s); };
    mix(k.source);
    mix(k.target);
    mix(k.code);
    mix(k.source_country);
    mix(k.target_country);
    return h;
  }
};
struct ClusterDelta {
  int quad = 0;
  int64_t events = 0, articles = 0, goldstein_n = 0;
  double goldstein_sum = 0;
};

}  // namespace

int64_t DayNumber(std::string_view s) {
  int y, m, d;
  if (s.size() >= 10 && s[4] == '-' && s[7] == '-') {
    for (size_t i : {0, 1, 2, 3, 5, 6, 8, 9})
      if (!IsDigit(s[i])) return 0;
    if (s.size() > 10 && s[10] != 'T' && s[10] != ' ') return 0;
    y = Num(s, 0, 4);
    m = Num(s, 5, 2);
    d = Num(s, 8, 2);
  } else if (s.size() == 8) {
    for (char c : s)
      if (!IsDigit(c)) return 0;
    y = Num(s, 0, 4);
    m = Num(s, 4, 2);
    d = Num(s, 6, 2);
  } else {
    return 0;
  }
  if (y < 1 || m < 1 || m > 12 || d < 1 || d > DaysInMonth(y, m)) return 0;
  return int64_t{y} * 10000 + m * 100 + d;
}

// Closes the connection; declared first in Rep so that the statements
// (declared later) are finalized before it.
struct DbHandle {
  sqlite3* db = nullptr;
  ~DbHandle() { sqlite3_close_v2(db); }
};

struct EventStore::Rep {
  DbHandle handle;
  sqlite3* db = nullptr;  // == handle.db
  std::string path;
  StoreOptions opts;
  bool in_txn = false;
  size_t pending = 0;
  int64_t run = 0;  // 0 = NULL
  StoreStats stats;

  Stmt insert_article, find_article, insert_event, insert_issue, insert_cluster, update_cluster, upsert_total, mark_stale;

  // Article of the last event (events of one article come together).
  std::string last_doc;
  int64_t last_article = 0;

  // Aggregate deltas of the open batch.
  std::unordered_map<ClusterKey, ClusterDelta, ClusterKeyHash> clusters;
  // Clusters the current article has already counted (n_articles).
  int64_t keys_article = 0;
  std::vector<const ClusterKey*> article_keys;
  ClusterKey scratch;

  ~Rep() {
    if (handle.db && in_txn) Exec(handle.db, "ROLLBACK");
  }

  Status Begin() {
    if (in_txn) return Status::OK();
    if (opts.read_only) return Status(Code::kInvalidArgument, path + ": the store is open read-only");
    ENTENTE_RETURN_IF_ERROR(Exec(db, "BEGIN IMMEDIATE"));
    in_txn = true;
    if (!opts.maintain_aggregates) {
      sqlite3_reset(mark_stale.get());
      if (sqlite3_step(mark_stale.get()) != SQLITE_DONE) return SqlError(db, "marking aggregates stale");
    }
    return Status::OK();
  }

  // Commits when the batch is full and `doc` starts a new article.
  Status MaybeCommit(std::string_view doc) {
    if (in_txn && opts.batch_size > 0 && pending >= opts.batch_size && doc != last_doc) return CommitBatch();
    return Status::OK();
  }

  Status FlushAggregates() {
    // In primary-key order, so the B-tree is walked forward, not at random.
    using Entry = std::pair<const ClusterKey, ClusterDelta>;
    std::vector<const Entry*> order;
    order.reserve(clusters.size());
    for (const Entry& e : clusters) order.push_back(&e);
    std::sort(order.begin(), order.end(), [](const Entry* x, const Entry* y) {
      const ClusterKey& a = x->first;
      const ClusterKey& b = y->first;
      if (a.day != b.day) return a.day < b.day;
      if (int c = a.source_country.compare(b.source_country)) return c < 0;
      if (int c = a.target_country.compare(b.target_country)) return c < 0;
      if (int c = a.source.compare(b.source)) return c < 0;
      if (int c = a.target.compare(b.target)) return c < 0;
      return a.code < b.code;
    });
    std::unordered_map<int64_t, std::pair<int64_t, int64_t>> days;  // day -> (events, new clusters)
    sqlite3_stmt* ins = insert_cluster.get();
    sqlite3_stmt* upd = update_cluster.get();
    for (const Entry* e : order) {
      const ClusterKey& k = e->first;
      const ClusterDelta& d = e->second;
      auto bind = [&](sqlite3_stmt* s) {
        sqlite3_reset(s);
        sqlite3_bind_int64(s, 1, k.day);
        sqlite3_bind_text(s, 2, k.source_country.data(), static_cast<int>(k.source_country.size()), SQLITE_STATIC);
        sqlite3_bind_text(s, 3, k.target_country.data(), static_cast<int>(k.target_country.size()), SQLITE_STATIC);
        sqlite3_bind_text(s, 4, k.source.data(), static_cast<int>(k.source.size()), SQLITE_STATIC);
        sqlite3_bind_text(s, 5, k.target.data(), static_cast<int>(k.target.size()), SQLITE_STATIC);
        sqlite3_bind_text(s, 6, k.code.data(), static_cast<int>(k.code.size()), SQLITE_STATIC);
        sqlite3_bind_int(s, 7, d.quad);
        sqlite3_bind_int64(s, 8, d.events);
        sqlite3_bind_int64(s, 9, d.articles);
        sqlite3_bind_int64(s, 10, d.goldstein_n);
        sqlite3_bind_double(s, 11, d.goldstein_sum);
      };
      // New clusters: one INSERT.  Known ones: the INSERT is ignored, then UPDATE.
      bind(ins);
      if (sqlite3_step(ins) != SQLITE_DONE) return SqlError(db, "inserting into dyad_day");
      const bool created = sqlite3_changes(db) > 0;
      if (!created) {
        bind(upd);
        if (sqlite3_step(upd) != SQLITE_DONE) return SqlError(db, "updating dyad_day");
      }
      auto& day = days[k.day];
      day.first += d.events;
      day.second += created;
    }
    sqlite3_reset(ins);
    sqlite3_reset(upd);
    sqlite3_stmt* t = upsert_total.get();
    for (auto& [day, v] : days) {
      sqlite3_reset(t);
      sqlite3_bind_int64(t, 1, day);
      sqlite3_bind_int64(t, 2, v.first);
      sqlite3_bind_int64(t, 3, v.second);
      if (sqlite3_step(t) != SQLITE_DONE) return SqlError(db, "updating day_totals");
    }
    sqlite3_reset(t);
    return Status::OK();
  }

  void ClearBatch() {
    clusters.clear();
    article_keys.clear();
    keys_article = 0;
    pending = 0;
    last_doc.clear();
    last_article = 0;
  }

  Status CommitBatch() {
    if (!in_txn) return Status::OK();
    if (opts.maintain_aggregates) {
      Status st = FlushAggregates();
      if (!st.ok()) {
        RollbackBatch();
        return st;
      }
    }
    Status st = Exec(db, "COMMIT");
    if (!st.ok()) {
      RollbackBatch();
      return st;
    }
    in_txn = false;
    ++stats.commits;
    ClearBatch();
    return Status::OK();
  }

  void RollbackBatch() {
    if (in_txn) Exec(db, "ROLLBACK");
    in_txn = false;
    ClearBatch();
  }

  // Row id of the article `doc_id`, creating a stub from `e` when absent.
  Result<int64_t> ArticleFor(const Event& e) {
    if (last_article != 0 && e.doc_id == last_doc) return last_article;
    sqlite3_stmt* f = find_article.get();
    sqlite3_reset(f);
    sqlite3_bind_text(f, 1, e.doc_id.data(), static_cast<int>(e.doc_id.size()), SQLITE_STATIC);
    int rc = sqlite3_step(f);
    int64_t id = 0;
    if (rc == SQLITE_ROW) {
      id = sqlite3_column_int64(f, 0);
    } else if (rc == SQLITE_DONE) {
      Document stub;
      stub.id = e.doc_id;
      stub.date = e.date;
      stub.source = e.source_name;
      stub.url = e.url;
      Result<int64_t> r = InsertArticle(stub);
      if (!r.ok()) return r.status();
      id = *r;
    } else {
      return SqlError(db, "looking up an article");
    }
    sqlite3_reset(f);
    last_doc = e.doc_id;
    last_article = id;
    return id;
  }

  // Inserts an article; returns its row id, or 0 when the id was stored.
  Result<int64_t> InsertArticle(const Document& d) {
    sqlite3_stmt* s = insert_article.get();
    sqlite3_reset(s);
    auto text = [s](int i, const std::string& v) {
      sqlite3_bind_text(s, i, v.data(), static_cast<int>(v.size()), SQLITE_STATIC);
    };
    text(1, d.id);
    text(2, d.date);
    int64_t day = DayNumber(d.date);
    if (day) sqlite3_bind_int64(s, 3, day); else sqlite3_bind_null(s, 3);
    text(4, d.source);
    text(5, d.url);
    text(6, d.title);
    if (opts.store_text) text(7, d.text); else sqlite3_bind_null(s, 7);
    text(8, d.origin);
    sqlite3_bind_int64(s, 9, static_cast<int64_t>(d.line));
    if (run) sqlite3_bind_int64(s, 10, run); else sqlite3_bind_null(s, 10);
    if (sqlite3_step(s) != SQLITE_DONE) return SqlError(db, "inserting an article");
    sqlite3_reset(s);
    if (sqlite3_changes(db) == 0) {
      ++stats.articles_existing;
      return int64_t{0};
    }
    ++stats.articles_added;
    ++pending;
    return static_cast<int64_t>(sqlite3_last_insert_rowid(db));
  }

  Status InsertEvent(const Event& e) {
    ENTENTE_RETURN_IF_ERROR(CheckStorable(e));
    ENTENTE_RETURN_IF_ERROR(MaybeCommit(e.doc_id));
    ENTENTE_RETURN_IF_ERROR(Begin());
    Result<int64_t> article = ArticleFor(e);
    if (!article.ok()) return article.status();
    sqlite3_stmt* s = insert_event.get();
    int i = 0;
    auto text = [s, &i](const std::string& v) {
      sqlite3_bind_text(s, ++i, v.data(), static_cast<int>(v.size()), SQLITE_STATIC);
    };
    auto integer = [s, &i](int64_t v) { sqlite3_bind_int64(s, ++i, v); };
    auto parts = [&](const ActorParts& p) {
      text(p.country);
      text(p.known_group);
      text(p.ethnic);
      text(p.religion1);
      text(p.religion2);
      text(p.type1);
      text(p.type2);
      text(p.type3);
      text(p.other);
      integer(p.unknown);
    };
    auto span = [&](const TokenSpan& sp) {
      integer(sp.sentence);
      integer(sp.begin);
      integer(sp.end);
    };
    const int64_t day = DayNumber(e.date);
    integer(*article);
    integer(static_cast<int64_t>(EventId(e)));
    text(e.sentence_id);
    integer(e.sentence_index);
    integer(e.event_index);
    text(e.date);
    if (day) integer(day); else sqlite3_bind_null(s, ++i);
    integer(e.is_root_event);
    text(e.source_actor);
    text(e.source_text);
    text(e.target_actor);
    text(e.target_text);
    text(e.code);
    text(e.root_code);
    text(e.base_code);
    text(e.code_resolved);
    integer(e.code_fallback);
    integer(e.quad_class);
    integer(e.penta_class);
    const bool known_goldstein = !std::isnan(e.goldstein);
    if (known_goldstein) sqlite3_bind_double(s, ++i, e.goldstein); else sqlite3_bind_null(s, ++i);
    integer(static_cast<int>(e.goldstein_scale));
    text(e.plover_type);
    text(e.plover_mode);
    text(e.plover_context);
    parts(e.source_parts);
    parts(e.target_parts);
    span(e.source_span);
    span(e.verb_span);
    span(e.target_span);
    text(e.pattern);
    if (opts.store_sentence_text) text(e.sentence_text); else sqlite3_bind_null(s, ++i);
    if (run) integer(run); else sqlite3_bind_null(s, ++i);
    text(e.location.text);
    text(e.location.country);
    integer(e.location.span.begin);
    integer(e.location.span.end);
    int rc = sqlite3_step(s);
    sqlite3_reset(s);
    if (rc != SQLITE_DONE) return SqlError(db, "inserting an event");
    if (sqlite3_changes(db) == 0) {
      ++stats.events_duplicate;
      return Status::OK();
    }
    ++stats.events_added;
    ++pending;
    if (!e.issues.empty()) ENTENTE_RETURN_IF_ERROR(InsertIssues(e, sqlite3_last_insert_rowid(db)));
    if (opts.maintain_aggregates && day) AddToCluster(e, day, *article, known_goldstein);
    return Status::OK();
  }

  // One event_issues row per issue of the event (stored as event `pk`).
  Status InsertIssues(const Event& e, int64_t pk) {
    sqlite3_stmt* s = insert_issue.get();
    int rank = 0;
    for (const IssueCount& c : e.issues) {
      sqlite3_bind_int64(s, 1, pk);
      sqlite3_bind_int(s, 2, rank++);
      sqlite3_bind_text(s, 3, c.code.data(), static_cast<int>(c.code.size()), SQLITE_STATIC);
      sqlite3_bind_text(s, 4, c.category.data(), static_cast<int>(c.category.size()), SQLITE_STATIC);
      sqlite3_bind_int64(s, 5, c.count);
      const int rc = sqlite3_step(s);
      sqlite3_reset(s);
      if (rc != SQLITE_DONE) return SqlError(db, "inserting an event's issues");
    }
    return Status::OK();
  }

  void AddToCluster(const Event& e, int64_t day, int64_t article, bool known_goldstein) {
    scratch.day = day;
    scratch.source.assign(e.source_actor);
    scratch.target.assign(e.target_actor);
    scratch.code.assign(e.code);
    scratch.source_country.assign(e.source_parts.country);
    scratch.target_country.assign(e.target_parts.country);
    auto [it, inserted] = clusters.try_emplace(scratch);
    ClusterDelta& d = it->second;
    // The cluster's quad class is the lowest of its events', as
    // kRebuildAggregatesSql has it (MIN), whatever order they come in.
    d.quad = inserted ? e.quad_class : std::min(d.quad, e.quad_class);
    ++d.events;
    if (known_goldstein) {
      ++d.goldstein_n;
      d.goldstein_sum += e.goldstein;
    }
    if (article != keys_article) {
      keys_article = article;
      article_keys.clear();
    }
    const ClusterKey* key = &it->first;
    for (const ClusterKey* k : article_keys)
      if (k == key) return;
    article_keys.push_back(key);
    ++d.articles;
  }
};

sqlite3* store_internal::Db(const EventStore& store) { return store.rep()->db; }

EventStore::EventStore(std::unique_ptr<Rep> rep) : rep_(std::move(rep)) {}
EventStore::~EventStore() = default;

Result<std::unique_ptr<EventStore>> EventStore::Open(const std::string& path, const StoreOptions& options) {
  auto rep = std::make_unique<Rep>();
  rep->path = path;
  rep->opts = options;
  std::error_code ec;
  const bool exists = path != ":memory:" && std::filesystem::exists(path, ec);
  if (!exists && path != ":memory:" && (options.read_only || !options.create_if_missing))
    return Status(Code::kNotFound, fmt::format("{}: no such event store", path));
  int flags = options.read_only ? SQLITE_OPEN_READONLY
                                : SQLITE_OPEN_READWRITE | (options.create_if_missing ? SQLITE_OPEN_CREATE : 0);
  flags |= SQLITE_OPEN_NOMUTEX;
  sqlite3* db = nullptr;
  int rc = sqlite3_open_v2(path.c_str(), &db, flags, nullptr);
  rep->db = db;
  rep->handle.db = db;
  if (rc != SQLITE_OK) return Status(Code::kIoError, fmt::format("{}: cannot open: {}", path, sqlite3_errstr(rc)));
  sqlite3_extended_result_codes(db, 1);
  sqlite3_busy_timeout(db, options.busy_timeout_ms);

  // Is it an SQLite database, and which schema version?
  int version = 0;
  int64_t tables = 0;
  {
    Stmt v;
    Status st = v.Prepare(db, "PRAGMA user_version");
    if (st.ok() && sqlite3_step(v.get()) == SQLITE_ROW) {
      version = sqlite3_column_int(v.get(), 0);
    } else {
      return Status(Code::kCorruptModel,
                    fmt::format("{}: not an SQLite database ({})", path, sqlite3_errmsg(db)));
    }
    Stmt t;
    ENTENTE_RETURN_IF_ERROR(t.Prepare(db, "SELECT COUNT(*) FROM sqlite_schema WHERE type = 'table'"));
    if (sqlite3_step(t.get()) != SQLITE_ROW) return SqlError(db, "reading the schema");
    tables = sqlite3_column_int64(t.get(), 0);
  }
  if (version == 0 && tables > 0)
    return Status(Code::kCorruptModel,
                  fmt::format("{}: an SQLite database but not an entente event store (user_version 0)", path));
  if (version > kStoreSchemaVersion)
    return Status(Code::kUnsupported,
                  fmt::format("{}: event store schema version {} is newer than this entente supports ({}); "
                              "upgrade entente",
                              path, version, kStoreSchemaVersion));
  if (options.read_only) {
    if (version < kStoreSchemaVersion)
      return Status(Code::kUnsupported,
                    fmt::format("{}: event store schema version {} is older than {}; open it once "
                                "writable (e.g. entente ingest) to migrate",
                                path, version, kStoreSchemaVersion));
  } else {
    // A new database gets 16 KiB pages (must precede the first table).
    if (version == 0) ENTENTE_RETURN_IF_ERROR(Exec(db, "PRAGMA page_size = 16384"));
    ENTENTE_RETURN_IF_ERROR(Exec(db, "PRAGMA journal_mode = WAL"));
    ENTENTE_RETURN_IF_ERROR(Exec(db, options.synchronous_full ? "PRAGMA synchronous = FULL"
                                                             : "PRAGMA synchronous = NORMAL"));
    if (version < kStoreSchemaVersion)
      ENTENTE_RETURN_IF_ERROR(store_internal::MigrateTo(db, kStoreSchemaVersion, path));
  }
  ENTENTE_RETURN_IF_ERROR(
      Exec(db, fmt::format("PRAGMA cache_size = {}", -int64_t{options.cache_mib > 0 ? options.cache_mib : 2} * 1024)
                   .c_str()));
  ENTENTE_RETURN_IF_ERROR(Exec(db, "PRAGMA temp_store = MEMORY"));

  if (!options.read_only) {
    Rep& r = *rep;
    ENTENTE_RETURN_IF_ERROR(r.insert_article.Prepare(
        db,
        "INSERT INTO articles(id, date, day, source, url, title, text, origin, line, run) "
        "VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10) ON CONFLICT(id) DO NOTHING"));
    ENTENTE_RETURN_IF_ERROR(r.insert_event.Prepare(
        db,
        "INSERT INTO events(article, event_id, sentence_id, sentence_index, event_index, date, day, "
        "is_root_event, source_actor, source_text, target_actor, target_text, code, root_code, base_code, "
        "code_resolved, code_fallback, quad_class, penta_class, goldstein, goldstein_scale, plover_type, "
        "plover_mode, plover_context, "
        "source_country, source_known_group, source_ethnic, source_religion1, source_religion2, "
        "source_type1, source_type2, source_type3, source_other, source_unknown, "
        "target_country, target_known_group, target_ethnic, target_religion1, target_religion2, "
        "target_type1, target_type2, target_type3, target_other, target_unknown, "
        "source_span_sentence, source_span_begin, source_span_end, verb_span_sentence, verb_span_begin, "
        "verb_span_end, target_span_sentence, target_span_begin, target_span_end, pattern, sentence_text, run, "
        "location_text, location_country, location_begin, location_end) "
        "VALUES(?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,"
        "?,?,?,?,?,?,?,?,?,?,?,?,?) "
        "ON CONFLICT(article, sentence_index, event_index) DO NOTHING"));
    ENTENTE_RETURN_IF_ERROR(r.insert_issue.Prepare(
        db, "INSERT INTO event_issues(event, rank, code, category, count) VALUES(?,?,?,?,?) "
              "ON CONFLICT(event, code) DO UPDATE SET count = count + excluded.count"));
    ENTENTE_RETURN_IF_ERROR(r.insert_cluster.Prepare(
        db,
        "INSERT INTO dyad_day(day, source_country, target_country, source_actor, target_actor, code, "
        "quad_class, n_events, n_articles, n_goldstein, goldstein_sum) "
        "VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11) ON CONFLICT DO NOTHING"));
    ENTENTE_RETURN_IF_ERROR(r.update_cluster.Prepare(
        db,
        "UPDATE dyad_day SET quad_class = MIN(quad_class, ?7), n_events = n_events + ?8, "
        "n_articles = n_articles + ?9, "
        "n_goldstein = n_goldstein + ?10, goldstein_sum = goldstein_sum + ?11 "
        "WHERE day = ?1 AND source_country = ?2 AND target_country = ?3 AND source_actor = ?4 "
        "AND target_actor = ?5 AND code = ?6"));
    ENTENTE_RETURN_IF_ERROR(r.upsert_total.Prepare(
        db,
        "INSERT INTO day_totals(day, n_events, n_clusters) VALUES(?1, ?2, ?3) "
        "ON CONFLICT(day) DO UPDATE SET n_events = n_events + excluded.n_events, "
        "n_clusters = n_clusters + excluded.n_clusters"));
    ENTENTE_RETURN_IF_ERROR(r.mark_stale.Prepare(
        db, "INSERT INTO store_meta(key, value) VALUES('aggregates_stale', '1') "
            "ON CONFLICT(key) DO NOTHING"));
  }
  ENTENTE_RETURN_IF_ERROR(rep->find_article.Prepare(db, "SELECT pk FROM articles WHERE id = ?1"));
  return std::unique_ptr<EventStore>(new EventStore(std::move(rep)));
}

Result<int64_t> EventStore::BeginRun(const RunInfo& run) {
  Rep& r = *rep_;
  ENTENTE_RETURN_IF_ERROR(r.Begin());
  Stmt s;
  ENTENTE_RETURN_IF_ERROR(s.Prepare(r.db,
                                    "INSERT INTO runs(started, entente_version, command_line, dictionaries, "
                                    "models, note) VALUES(?1, ?2, ?3, ?4, ?5, ?6)"));
  std::string started = run.started;
  if (started.empty()) {
    std::time_t t = std::time(nullptr);
    std::tm tm{};
    gmtime_r(&t, &tm);
    char buf[32];
    std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
    started = buf;
  }
  const std::string* fields[] = {&started, &run.entente_version, &run.command_line,
                                 &run.dictionaries, &run.models, &run.note};
  for (int i = 0; i < 6; ++i)
    sqlite3_bind_text(s.get(), i + 1, fields[i]->data(), static_cast<int>(fields[i]->size()), SQLITE_STATIC);
  if (sqlite3_step(s.get()) != SQLITE_DONE) return SqlError(r.db, "recording a run");
  r.run = sqlite3_last_insert_rowid(r.db);
  ++r.pending;
  return r.run;
}

Status EventStore::AddArticle(const Document& doc) {
  Rep& r = *rep_;
  if (doc.id.empty()) return Status(Code::kInvalidArgument, "an article without id cannot be stored");
  ENTENTE_RETURN_IF_ERROR(r.MaybeCommit(doc.id));
  ENTENTE_RETURN_IF_ERROR(r.Begin());
  Result<int64_t> id = r.InsertArticle(doc);
  if (!id.ok()) return id.status();
  r.last_doc = doc.id;
  r.last_article = 0;  // looked up again (cheap) when the id already existed
  if (*id) r.last_article = *id;
  return Status::OK();
}

Status EventStore::AddEvents(const std::vector<Event>& events) {
  for (const Event& e : events) ENTENTE_RETURN_IF_ERROR(CheckStorable(e));
  for (const Event& e : events) ENTENTE_RETURN_IF_ERROR(rep_->InsertEvent(e));
  return Status::OK();
}

Status EventStore::AddEvent(const Event& event) { return rep_->InsertEvent(event); }

Status EventStore::Commit() { return rep_->CommitBatch(); }

void EventStore::Rollback() { rep_->RollbackBatch(); }

bool EventStore::HasArticle(std::string_view id) const {
  sqlite3_stmt* f = rep_->find_article.get();
  sqlite3_reset(f);
  sqlite3_bind_text(f, 1, id.data(), static_cast<int>(id.size()), SQLITE_STATIC);
  const bool found = sqlite3_step(f) == SQLITE_ROW;
  sqlite3_reset(f);
  return found;
}

Result<StoreCounts> EventStore::Counts() const {
  sqlite3* db = rep_->db;
  StoreCounts c;
  struct Q {
    const char* sql;
    int64_t* out;
  } qs[] = {
      {"SELECT COUNT(*) FROM articles", &c.articles},
      {"SELECT COUNT(*) FROM events", &c.events},
      {"SELECT COUNT(*) - (SELECT COALESCE(SUM(n_events), 0) FROM day_totals) FROM events",
       &c.undated_events},
      {"SELECT COUNT(*) FROM dyad_day", &c.clusters},
      {"SELECT COUNT(*) FROM runs", &c.runs},
      {"SELECT COALESCE(MIN(day), 0) FROM day_totals", &c.first_day},
      {"SELECT COALESCE(MAX(day), 0) FROM day_totals", &c.last_day},
  };
  const bool stale = aggregates_stale();
  for (Q& q : qs) {
    if (stale && q.out == &c.undated_events) q.sql = "SELECT COUNT(*) FROM events WHERE day IS NULL";
    Stmt s;
    ENTENTE_RETURN_IF_ERROR(s.Prepare(db, q.sql));
    if (sqlite3_step(s.get()) != SQLITE_ROW) return SqlError(db, "counting");
    *q.out = sqlite3_column_int64(s.get(), 0);
  }
  return c;
}

const StoreStats& EventStore::stats() const { return rep_->stats; }

bool EventStore::aggregates_stale() const {
  Stmt s;
  if (!s.Prepare(rep_->db, "SELECT 1 FROM store_meta WHERE key = 'aggregates_stale'").ok()) return true;
  return sqlite3_step(s.get()) == SQLITE_ROW;
}

Status EventStore::RebuildAggregates() {
  Rep& r = *rep_;
  ENTENTE_RETURN_IF_ERROR(r.CommitBatch());
  if (r.opts.read_only) return Status(Code::kInvalidArgument, r.path + ": the store is open read-only");
  ENTENTE_RETURN_IF_ERROR(Exec(r.db, "BEGIN IMMEDIATE"));
  Status st = Exec(r.db, store_internal::kRebuildAggregatesSql);
  if (!st.ok()) {
    Exec(r.db, "ROLLBACK");
    return st;
  }
  return Exec(r.db, "COMMIT");
}

int EventStore::schema_version() const { return kStoreSchemaVersion; }
const std::string& EventStore::path() const { return rep_->path; }

}  // namespace entente
