// Event store speed (issue 4, point 9): ingest rate into SQLite and dyad
// query time over a large synthetic store.  Prints its figures; not a test.
//
//   build/bench/entente-bench-store [--events N] [--rate-events M] [--jsonl-events K]
//                                   [--batch B] [--dir DIR] [--keep] [--no-raw-index]
//
// Phases:
//   1. ingest rate: M synthetic events (default 1,000,000) into a fresh store,
//      with the dyad aggregates maintained (the default) and without them
//      (then RebuildAggregates timed separately);
//   2. JSONL ingest: K events (default 200,000) written by the kJsonl writer,
//      read back through IngestEventsJsonl (JSON parsing included);
//   3. N events (default 10,000,000) into one store, its size, then dyad
//      queries (median of 5, on a warm connection and on a fresh read-only
//      connection per query, as the CLI does);
//   4. the same dyad counted from the raw events table without the
//      aggregates: full scan, then with an index on events built for it
//      (build time and size reported) -- the trade-off of doc/store.md.
//
// Synthetic data: 150 countries with Zipf(1) weights, actor = country +
// optional agent (GOV 30%, none 40%, 7 others), 40 CAMEO codes over all 20
// roots, 1-7 events per article (mean 4), dates running forward from
// 2015-01-01 over 10 years (articles arrive in date order, as in real
// ingest); 40% of events retell an earlier event of the same day (same
// actors and code, another article), so about a third of events fall into
// an existing one-a-day cluster.  Deterministic (fixed seed).
#include <sqlite3.h>
#include <sys/resource.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <sstream>
#include <string>
#include <vector>

#include "entente/cameo.h"
#include "entente/event.h"
#include "entente/store.h"

namespace {

using Clock = std::chrono::steady_clock;
double Since(Clock::time_point t) { return std::chrono::duration<double>(Clock::now() - t).count(); }
using entente::Event;

struct Rng {
  uint64_t s = 0x9E3779B97F4A7C15ull;
  uint64_t Next() {
    s ^= s << 13;
    s ^= s >> 7;
    s ^= s << 17;
    return s;
  }
  double Uniform() { return static_cast<double>(Next() >> 11) / 9007199254740992.0; }
};

const char* kRealCountries[] = {"USA", "CHN", "RUS", "GBR", "FRA", "DEU", "IND", "JPN", "ISR", "IRN",
                                "UKR", "TUR", "PAK", "AFG", "SYR", "IRQ", "KOR", "PRK", "SAU", "EGY"};
const char* kAgents[] = {"", "GOV", "MIL", "BUS", "MED", "OPP", "JUD", "COP", "REB"};
const double kAgentWeight[] = {0.40, 0.30, 0.08, 0.05, 0.05, 0.04, 0.03, 0.03, 0.02};
const char* kCodes[] = {"010", "012", "013", "020", "030", "036", "040", "042", "043", "046",
                        "051", "057", "060", "061", "070", "071", "080", "081", "090", "100",
                        "110", "111", "112", "120", "128", "130", "138", "140", "141", "150",
                        "160", "163", "170", "173", "180", "181", "190", "193", "200", "202"};

class Generator {
 public:
  explicit Generator(uint64_t total_events) : total_(total_events) {
    for (int i = 0; i < 150; ++i) {
      countries_.push_back(i < 20 ? std::string(kRealCountries[i])
                                  : std::string{static_cast<char>('A' + i / 26 % 26),
                                                static_cast<char>('A' + i % 26), 'X'});
      const double w = 1.0 / (i + 1);
      cum_country_.push_back((cum_country_.empty() ? 0 : cum_country_.back()) + w);
    }
    double c = 0;
    for (double w : kAgentWeight) cum_agent_.push_back(c += w);
    for (const char* code : kCodes) {
      const int root = std::atoi(std::string(code, 2).c_str());
      // A synthetic Goldstein value falling from +7 (root 01) to -10 (root 20).
      goldstein_.push_back(std::round((7.0 - 17.0 * (root - 1) / 19.0) * 10) / 10);
    }
  }
  const std::string& Country(int i) const { return countries_[i]; }

  // Fills `out` with the events of the next article; returns false when done.
  bool NextArticle(std::vector<Event>* out) {
    if (emitted_ >= total_) return false;
    const int n = std::min<uint64_t>(1 + rng_.Next() % 7, total_ - emitted_);
    out->resize(n);
    ++doc_;
    // Day runs forward over 3652 days as the events are emitted.
    const int64_t day_index = static_cast<int64_t>(3652.0 * emitted_ / total_);
    const std::string date = DateOf(day_index);
    doc_id_ = "syn-" + std::to_string(doc_);
    for (int i = 0; i < n; ++i) {
      Event& e = (*out)[i];
      e.doc_id = doc_id_;
      e.date = date;
      e.source_name = "Synthetic Wire";
      e.url = "https://example.org/" + doc_id_;
      e.sentence_index = i;
      e.event_index = 0;
      e.sentence_id = doc_id_ + "-" + std::to_string(i + 1);
      // 40% of events retell an event of an earlier article of the same
      // day (same actors and code): the story reported by several outlets.
      if (day_index != story_day_) {
        story_day_ = day_index;
        stories_.clear();
      }
      Story st;
      if (!stories_.empty() && rng_.Uniform() < 0.4) {
        st = stories_[rng_.Next() % stories_.size()];
      } else {
        st.s = PickCountry();
        st.t = PickCountry();
        while (st.t == st.s) st.t = PickCountry();
        st.sa = PickAgent();
        st.ta = PickAgent();
        st.code = static_cast<int>(rng_.Next() % std::size(kCodes));
        stories_.push_back(st);
      }
      const int s = st.s, t = st.t, ci = st.code;
      const char* sa = kAgents[st.sa];
      const char* ta = kAgents[st.ta];
      e.source_parts.country = countries_[s];
      e.target_parts.country = countries_[t];
      e.source_parts.type1 = sa;
      e.target_parts.type1 = ta;
      e.source_actor = countries_[s] + sa;
      e.target_actor = countries_[t] + ta;
      e.source_text = "Source actor mention";
      e.target_text = "Target actor";
      e.code = kCodes[ci];
      e.root_code = e.code.substr(0, 2);
      e.base_code = e.code;
      e.code_resolved = e.code;
      e.quad_class = entente::QuadClassOfRoot(e.code);
      e.goldstein = goldstein_[ci];
      e.plover_type = "CONSULT";
      e.source_span = {i, 0, 3};
      e.verb_span = {i, 3, 4};
      e.target_span = {i, 6, 8};
      e.pattern = "CAMEO.2.0.txt:1234: RECEIVE * RECEPTION";
      e.sentence_text = "A synthetic sentence of some ordinary news length, about twenty words or so, ending here.";
    }
    emitted_ += n;
    return true;
  }

 private:
  static std::string DateOf(int64_t day_index) {
    // Civil date of 2015-01-01 + day_index.
    int y = 2015, m = 1, d = 1;
    static const int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    int64_t left = day_index;
    while (left > 0) {
      int dim = kDays[m - 1] + (m == 2 && y % 4 == 0 ? 1 : 0);
      if (d + left <= dim) {
        d += static_cast<int>(left);
        break;
      }
      left -= dim - d + 1;
      d = 1;
      if (++m > 12) {
        m = 1;
        ++y;
      }
    }
    char buf[48];
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", y, m, d);
    return buf;
  }
  int PickCountry() {
    const double u = rng_.Uniform() * cum_country_.back();
    return static_cast<int>(std::lower_bound(cum_country_.begin(), cum_country_.end(), u) - cum_country_.begin());
  }
  int PickAgent() {
    const double u = rng_.Uniform() * cum_agent_.back();
    return static_cast<int>(std::lower_bound(cum_agent_.begin(), cum_agent_.end(), u) - cum_agent_.begin());
  }

  struct Story {
    int s = 0, t = 0, sa = 0, ta = 0, code = 0;
  };
  std::vector<Story> stories_;
  int64_t story_day_ = -1;
  uint64_t total_;
  uint64_t emitted_ = 0, doc_ = 0;
  std::string doc_id_;
  Rng rng_;
  std::vector<std::string> countries_;
  std::vector<double> cum_country_, cum_agent_, goldstein_;
};

void RemoveDb(const std::string& path) {
  std::error_code ec;
  for (const char* s : {"", "-wal", "-shm"}) std::filesystem::remove(path + s, ec);
}

double SizeMiB(const std::string& path) {
  std::error_code ec;
  double total = 0;
  for (const char* s : {"", "-wal"}) {
    auto n = std::filesystem::file_size(path + s, ec);
    if (!ec) total += static_cast<double>(n);
  }
  return total / (1024.0 * 1024.0);
}

double CpuSeconds() {
  struct rusage ru;
  getrusage(RUSAGE_SELF, &ru);
  return ru.ru_utime.tv_sec + ru.ru_stime.tv_sec + (ru.ru_utime.tv_usec + ru.ru_stime.tv_usec) / 1e6;
}

struct IngestResult {
  double seconds = 0;  // AddEvents + Commit only (generation excluded)
  double cpu = 0;      // CPU seconds (user + system) of the same calls
  uint64_t events = 0;
  uint64_t commits = 0;
};

IngestResult Ingest(const std::string& path, uint64_t n, const entente::StoreOptions& opts) {
  RemoveDb(path);
  auto store = entente::EventStore::Open(path, opts);
  if (!store.ok()) {
    std::fprintf(stderr, "open: %s\n", store.status().ToString().c_str());
    std::exit(1);
  }
  Generator gen(n);
  std::vector<Event> article;
  IngestResult r;
  double t = 0, cpu = 0;
  while (gen.NextArticle(&article)) {
    auto t0 = Clock::now();
    const double c0 = CpuSeconds();
    entente::Status st = (*store)->AddEvents(article);
    cpu += CpuSeconds() - c0;
    t += Since(t0);
    if (!st.ok()) {
      std::fprintf(stderr, "add: %s\n", st.ToString().c_str());
      std::exit(1);
    }
  }
  auto t0 = Clock::now();
  const double c0 = CpuSeconds();
  entente::Status st = (*store)->Commit();
  cpu += CpuSeconds() - c0;
  t += Since(t0);
  if (!st.ok()) {
    std::fprintf(stderr, "commit: %s\n", st.ToString().c_str());
    std::exit(1);
  }
  r.seconds = t;
  r.cpu = cpu;
  r.events = (*store)->stats().events_added;
  r.commits = (*store)->stats().commits;
  return r;
}

double Median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  return v[v.size() / 2];
}

std::unique_ptr<entente::EventStore> OpenStore(const std::string& path, const entente::StoreOptions& opts) {
  auto r = entente::EventStore::Open(path, opts);
  if (!r.ok()) {
    std::fprintf(stderr, "open: %s\n", r.status().ToString().c_str());
    std::exit(1);
  }
  return std::move(r).value();
}

}  // namespace

int main(int argc, char** argv) {
  uint64_t n_big = 10'000'000, n_rate = 1'000'000, n_jsonl = 200'000;
  size_t batch = 10000;
  std::string dir = std::filesystem::temp_directory_path().string();
  bool keep = false, raw_index = true;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    auto next = [&]() -> std::string { return i + 1 < argc ? argv[++i] : ""; };
    if (a == "--events") n_big = std::stoull(next());
    else if (a == "--rate-events") n_rate = std::stoull(next());
    else if (a == "--jsonl-events") n_jsonl = std::stoull(next());
    else if (a == "--batch") batch = std::stoull(next());
    else if (a == "--dir") dir = next();
    else if (a == "--keep") keep = true;
    else if (a == "--no-raw-index") raw_index = false;
    else {
      std::fprintf(stderr, "usage: %s [--events N] [--rate-events M] [--jsonl-events K] [--batch B] "
                           "[--dir DIR] [--keep] [--no-raw-index]\n", argv[0]);
      return 2;
    }
  }
  std::printf("entente store benchmark -- SQLite %s, batch %zu rows, synchronous=NORMAL, WAL\n",
              sqlite3_libversion(), batch);
  std::printf("machine: 2 cores, 24 GiB (shared); single thread\n\n");

  entente::StoreOptions opts;
  opts.batch_size = batch;

  // 1. Ingest rate.
  const std::string rate_path = dir + "/entente_bench_rate.db";
  {
    IngestResult with = Ingest(rate_path, n_rate, opts);
    const double size_with = SizeMiB(rate_path);
    std::printf("[1] ingest %llu events, aggregates maintained: %.2f s wall %.0f events/s; %.2f s CPU %.0f events/s "
                "(%llu commits, %.1f MiB)\n",
                static_cast<unsigned long long>(with.events), with.seconds, with.events / with.seconds, with.cpu,
                with.events / with.cpu, static_cast<unsigned long long>(with.commits), size_with);
    entente::StoreOptions no_agg = opts;
    no_agg.maintain_aggregates = false;
    IngestResult without = Ingest(rate_path, n_rate, no_agg);
    auto store = OpenStore(rate_path, opts);
    auto t0 = Clock::now();
    entente::Status st = store->RebuildAggregates();
    const double rebuild = Since(t0);
    std::printf("[1] ingest %llu events, aggregates off:        %.2f s wall %.0f events/s; %.2f s CPU %.0f events/s; "
                "RebuildAggregates %.2f s (%s)\n",
                static_cast<unsigned long long>(without.events), without.seconds, without.events / without.seconds,
                without.cpu, without.events / without.cpu, rebuild, st.ok() ? "ok" : st.ToString().c_str());
    store.reset();
    RemoveDb(rate_path);
  }

  // 2. JSONL ingest (parsing included).
  {
    std::ostringstream out;
    auto writer = entente::NewEventWriter(entente::EventFormat::kJsonl, out);
    Generator gen(n_jsonl);
    std::vector<Event> article;
    while (gen.NextArticle(&article))
      for (const Event& e : article) (void)writer->Write(e);
    (void)writer->Finish();
    const std::string text = out.str();
    RemoveDb(rate_path);
    auto store = OpenStore(rate_path, opts);
    std::istringstream in(text);
    auto t0 = Clock::now();
    auto r = entente::IngestEventsJsonl(*store, in, "synthetic.jsonl");
    const double s = Since(t0);
    if (r.ok())
      std::printf("[2] JSONL ingest %llu events (%.1f MiB of JSONL): %.2f s  %.0f events/s  %.1f MiB/s\n",
                  static_cast<unsigned long long>(r->added), text.size() / 1048576.0, s, r->added / s,
                  text.size() / 1048576.0 / s);
    store.reset();
    RemoveDb(rate_path);
  }

  // 3. The big store.
  const std::string big = dir + "/entente_bench_big.db";
  IngestResult ing = Ingest(big, n_big, opts);
  std::printf("[3] ingest %llu events: %.1f s wall %.0f events/s; %.1f s CPU %.0f events/s\n",
              static_cast<unsigned long long>(ing.events), ing.seconds, ing.events / ing.seconds, ing.cpu,
              ing.events / ing.cpu);
  {
    // Checkpoint the WAL so the size is the database's own.
    sqlite3* db = nullptr;
    sqlite3_open(big.c_str(), &db);
    sqlite3_exec(db, "PRAGMA wal_checkpoint(TRUNCATE)", nullptr, nullptr, nullptr);
    auto table_mib = [&](const char* name) {
      sqlite3_stmt* s = nullptr;
      double v = -1;
      if (sqlite3_prepare_v2(db, "SELECT SUM(pgsize) FROM dbstat WHERE name = ?1", -1, &s, nullptr) == SQLITE_OK) {
        sqlite3_bind_text(s, 1, name, -1, SQLITE_STATIC);
        if (sqlite3_step(s) == SQLITE_ROW) v = sqlite3_column_double(s, 0) / 1048576.0;
      }
      sqlite3_finalize(s);
      return v;
    };
    std::printf("[3] database size %.1f MiB (%.0f bytes/event)", SizeMiB(big), SizeMiB(big) * 1048576.0 / ing.events);
    const double ev = table_mib("events");
    if (ev >= 0) {
      std::printf(": events %.1f, events_slot %.1f, articles %.1f, sqlite_autoindex_articles_1 %.1f, "
                  "dyad_day %.1f, dyad_day_actor %.1f, day_totals %.2f MiB",
                  ev, table_mib("events_slot"), table_mib("articles"), table_mib("sqlite_autoindex_articles_1"),
                  table_mib("dyad_day"), table_mib("dyad_day_actor"), table_mib("day_totals"));
    }
    std::printf("\n");
    sqlite3_close(db);
  }
  entente::StoreOptions ro;
  ro.read_only = true;
  auto store = OpenStore(big, ro);
  auto counts = store->Counts();
  std::printf("[3] store: %lld articles, %lld events, %lld clusters (one-a-day units)\n",
              static_cast<long long>(counts->articles), static_cast<long long>(counts->events),
              static_cast<long long>(counts->clusters));

  struct Case {
    const char* label;
    entente::DyadQuery q;
  };
  auto make = [](std::string a, std::string b, entente::Period by, bool directed, entente::DyadLevel level,
                 entente::Dedup dedup) {
    entente::DyadQuery q;
    q.a = std::move(a);
    q.b = std::move(b);
    q.by = by;
    q.directed = directed;
    q.level = level;
    q.dedup = dedup;
    return q;
  };
  using entente::Dedup;
  using entente::DyadLevel;
  using entente::Period;
  std::vector<Case> cases = {
      {"USA->CHN month directed raw (busiest dyad)",
       make("USA", "CHN", Period::kMonth, true, DyadLevel::kCountry, Dedup::kNone)},
      {"USA<->CHN quarter undirected one_a_day",
       make("USA", "CHN", Period::kQuarter, false, DyadLevel::kCountry, Dedup::kOneADay)},
      {"ISR<->IRN year undirected raw", make("ISR", "IRN", Period::kYear, false, DyadLevel::kCountry, Dedup::kNone)},
      {"USAGOV->CHNGOV month actor level", make("USAGOV", "CHNGOV", Period::kMonth, true, DyadLevel::kActor,
                                               Dedup::kNone)},
  };
  for (const Case& c : cases) {
    std::vector<double> warm, fresh;
    int64_t events = 0;
    size_t periods = 0;
    for (int i = 0; i < 5; ++i) {
      auto t0 = Clock::now();
      auto r = entente::DyadSeries(*store, c.q);
      warm.push_back(Since(t0) * 1000);
      if (!r.ok()) {
        std::fprintf(stderr, "%s\n", r.status().ToString().c_str());
        return 1;
      }
      events = 0;
      for (const auto& p : r->periods) events += p.events;
      periods = r->periods.size();
      t0 = Clock::now();
      auto s = OpenStore(big, ro);
      auto r2 = entente::DyadSeries(*s, c.q);
      fresh.push_back(Since(t0) * 1000);
    }
    std::printf("[3] dyad %-42s %6lld events %4zu periods: %.2f ms warm, %.2f ms fresh connection (median of 5)\n",
                c.label, static_cast<long long>(events), periods, Median(warm), Median(fresh));
  }
  for (const char* to : {"2015-12-31", ""}) {
    entente::DyadTotalsQuery tq;
    tq.to = to;
    std::vector<double> times;
    size_t dyads = 0;
    for (int i = 0; i < 3; ++i) {
      auto t0 = Clock::now();
      auto t = entente::DyadTotals(*store, tq);
      times.push_back(Since(t0) * 1000);
      dyads = t.ok() ? t->size() : 0;
    }
    std::printf("[3] DyadTotals (edge list), country level, %s: %zu dyads, %.0f ms (median of 3)\n",
                *to ? "first year" : "all 10 years", dyads, Median(times));
  }
  store.reset();

  // 4. The same from raw events, without the aggregates.
  {
    sqlite3* db = nullptr;
    sqlite3_open(big.c_str(), &db);
    sqlite3_exec(db, "PRAGMA cache_size = -65536", nullptr, nullptr, nullptr);
    const char* q =
        "SELECT day / 100 AS month, quad_class, COUNT(*), TOTAL(goldstein) FROM events "
        "WHERE source_country = 'USA' AND target_country = 'CHN' AND day IS NOT NULL GROUP BY month, quad_class";
    auto run = [&](const char* label) {
      sqlite3_stmt* s = nullptr;
      auto t0 = Clock::now();
      int64_t n = 0;
      if (sqlite3_prepare_v2(db, q, -1, &s, nullptr) == SQLITE_OK)
        while (sqlite3_step(s) == SQLITE_ROW) n += sqlite3_column_int64(s, 2);
      sqlite3_finalize(s);
      std::printf("[4] raw events, USA->CHN by month, %s: %.0f ms (%lld events)\n", label, Since(t0) * 1000,
                  static_cast<long long>(n));
    };
    run("full table scan");
    if (raw_index) {
      const double before = SizeMiB(big);
      auto t0 = Clock::now();
      sqlite3_exec(db,
                   "CREATE INDEX bench_events_dyad ON events(source_country, target_country, day, quad_class, "
                   "goldstein)",
                   nullptr, nullptr, nullptr);
      const double build = Since(t0);
      sqlite3_exec(db, "PRAGMA wal_checkpoint(TRUNCATE)", nullptr, nullptr, nullptr);
      std::printf("[4] covering index on events(source_country, target_country, day, quad_class, goldstein): "
                  "built in %.1f s, +%.1f MiB\n", build, SizeMiB(big) - before);
      run("covering index");
      run("covering index, again");
    }
    sqlite3_close(db);
  }
  struct rusage ru;
  getrusage(RUSAGE_SELF, &ru);
  std::printf("peak RSS %.0f MiB\n", ru.ru_maxrss / 1024.0);
  if (!keep) RemoveDb(big);
  else std::printf("kept %s\n", big.c_str());
  return 0;
}
