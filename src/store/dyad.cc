// Dyad time series and clusters, read from the dyad_day/day_totals aggregates.
#include <sqlite3.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>
#include <unordered_map>
#include <string>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "entente/store.h"
#include "store/store_internal.h"

namespace entente {

using store_internal::SqlError;
using store_internal::Stmt;

namespace {

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return out;
}

int64_t PeriodIndex(int64_t day, Period p) {
  const int64_t y = day / 10000, m = day / 100 % 100;
  switch (p) {
    case Period::kMonth: return y * 12 + (m - 1);
    case Period::kQuarter: return y * 4 + (m - 1) / 3;
    case Period::kYear: return y;
  }
  return y;
}

int LastDayOfMonth(int64_t y, int64_t m) {
  static const int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0)) return 29;
  return kDays[m - 1];
}

// Label and YYYYMMDD bounds of a period index.
void DescribePeriod(int64_t idx, Period p, DyadPeriod* out) {
  int64_t y, m0, m1;
  switch (p) {
    case Period::kMonth:
      y = idx / 12;
      m0 = m1 = idx % 12 + 1;
      out->period = fmt::format("{:04}-{:02}", y, m0);
      break;
    case Period::kQuarter:
      y = idx / 4;
      m0 = (idx % 4) * 3 + 1;
      m1 = m0 + 2;
      out->period = fmt::format("{:04}-Q{}", y, idx % 4 + 1);
      break;
    case Period::kYear:
    default:
      y = idx;
      m0 = 1;
      m1 = 12;
      out->period = fmt::format("{:04}", y);
      break;
  }
  out->first_day = y * 10000 + m0 * 100 + 1;
  out->last_day = y * 10000 + m1 * 100 + LastDayOfMonth(y, m1);
}

// "YYYY-MM-DD", "YYYY-MM" or "YYYY" -> YYYYMMDD (first or last day).
Result<int64_t> ParseBound(std::string_view s, bool end) {
  auto digits = [](std::string_view v) {
    return !v.empty() && std::all_of(v.begin(), v.end(), [](char c) { return c >= '0' && c <= '9'; });
  };
  if (s.size() == 4 && digits(s)) {
    int64_t y = std::stoll(std::string(s));
    if (y >= 1) return end ? y * 10000 + 1231 : y * 10000 + 101;
  } else if (s.size() == 7 && s[4] == '-' && digits(s.substr(0, 4)) && digits(s.substr(5, 2))) {
    int64_t y = std::stoll(std::string(s.substr(0, 4))), m = std::stoll(std::string(s.substr(5, 2)));
    if (y >= 1 && m >= 1 && m <= 12) return y * 10000 + m * 100 + (end ? LastDayOfMonth(y, m) : 1);
  } else if (int64_t d = DayNumber(s)) {
    return d;
  }
  return Status(Code::kInvalidArgument,
                fmt::format("bad date '{}' (expected YYYY-MM-DD, YYYY-MM or YYYY)", s));
}

std::string IsoDay(int64_t day) {
  return fmt::format("{:04}-{:02}-{:02}", day / 10000, day / 100 % 100, day % 100);
}

// dyad_day is keyed day first (ingest appends), so a dyad is read with one
// index seek per day that has events: `day IN (days of day_totals)`.
const char* kCountrySql =
    "SELECT day, source_actor, target_actor, code, quad_class, n_events, n_articles, n_goldstein, "
    "goldstein_sum FROM dyad_day "
    "WHERE day IN (SELECT day FROM day_totals WHERE day BETWEEN ?3 AND ?4) "
    "AND source_country = ?1 AND target_country = ?2";
const char* kActorSql =
    "SELECT day, source_actor, target_actor, code, quad_class, n_events, n_articles, n_goldstein, "
    "goldstein_sum FROM dyad_day INDEXED BY dyad_day_actor "
    "WHERE day IN (SELECT day FROM day_totals WHERE day BETWEEN ?3 AND ?4) "
    "AND source_actor = ?1 AND target_actor = ?2";

struct Range {
  int64_t lo = 0, hi = 99999999;
  bool has_lo = false, has_hi = false;
};

Result<Range> CheckQuery(const EventStore& store, const DyadQuery& q) {
  if (q.a.empty() || q.b.empty())
    return Status(Code::kInvalidArgument, "a dyad query needs two non-empty actors");
  if (store.aggregates_stale())
    return Status(Code::kUnsupported,
                  fmt::format("{}: the dyad aggregates are stale (ingest ran with maintain_aggregates off); "
                              "rebuild them first",
                              store.path()));
  Range r;
  if (!q.from.empty()) {
    Result<int64_t> d = ParseBound(q.from, false);
    if (!d.ok()) return d.status();
    r.lo = *d;
    r.has_lo = true;
  }
  if (!q.to.empty()) {
    Result<int64_t> d = ParseBound(q.to, true);
    if (!d.ok()) return d.status();
    r.hi = *d;
    r.has_hi = true;
  }
  if (r.lo > r.hi)
    return Status(Code::kInvalidArgument, fmt::format("empty date range {} .. {}", q.from, q.to));
  return r;
}

// Calls fn(row) for every dyad_day row of the dyad in both requested directions.
template <typename Fn>
Status ForEachRow(const EventStore& store, const DyadQuery& q, const Range& r, Fn&& fn) {
  sqlite3* db = store_internal::Db(store);
  Stmt s;
  ENTENTE_RETURN_IF_ERROR(s.Prepare(db, q.level == DyadLevel::kCountry ? kCountrySql : kActorSql));
  const int directions = (!q.directed && q.a != q.b) ? 2 : 1;
  for (int dir = 0; dir < directions; ++dir) {
    const std::string& src = dir == 0 ? q.a : q.b;
    const std::string& tgt = dir == 0 ? q.b : q.a;
    sqlite3_reset(s.get());
    sqlite3_bind_text(s.get(), 1, src.data(), static_cast<int>(src.size()), SQLITE_STATIC);
    sqlite3_bind_text(s.get(), 2, tgt.data(), static_cast<int>(tgt.size()), SQLITE_STATIC);
    sqlite3_bind_int64(s.get(), 3, r.lo);
    sqlite3_bind_int64(s.get(), 4, r.hi);
    int rc;
    while ((rc = sqlite3_step(s.get())) == SQLITE_ROW) fn(s.get());
    if (rc != SQLITE_DONE) return SqlError(db, "reading dyad_day");
  }
  return Status::OK();
}

}  // namespace

Result<Period> ParsePeriod(std::string_view name) {
  const std::string n = Lower(name);
  if (n == "month" || n == "monthly") return Period::kMonth;
  if (n == "quarter" || n == "quarterly") return Period::kQuarter;
  if (n == "year" || n == "yearly") return Period::kYear;
  return Status(Code::kInvalidArgument, fmt::format("unknown period '{}' (expected month, quarter or year)", name));
}

Result<DyadLevel> ParseDyadLevel(std::string_view name) {
  const std::string n = Lower(name);
  if (n == "country") return DyadLevel::kCountry;
  if (n == "actor" || n == "full" || n == "code") return DyadLevel::kActor;
  return Status(Code::kInvalidArgument, fmt::format("unknown dyad level '{}' (expected country or actor)", name));
}

Result<Dedup> ParseDedup(std::string_view name) {
  const std::string n = Lower(name);
  if (n == "none" || n == "raw") return Dedup::kNone;
  if (n == "one_a_day" || n == "one-a-day" || n == "cluster" || n == "clusters") return Dedup::kOneADay;
  return Status(Code::kInvalidArgument, fmt::format("unknown dedup '{}' (expected none or one_a_day)", name));
}

std::string_view PeriodName(Period p) {
  switch (p) {
    case Period::kMonth: return "month";
    case Period::kQuarter: return "quarter";
    case Period::kYear: return "year";
  }
  return "month";
}
std::string_view DyadLevelName(DyadLevel l) { return l == DyadLevel::kCountry ? "country" : "actor"; }
std::string_view DedupName(Dedup d) { return d == Dedup::kNone ? "none" : "one_a_day"; }

Result<TableFormat> ParseTableFormat(std::string_view name) {
  const std::string n = Lower(name);
  if (n == "csv") return TableFormat::kCsv;
  if (n == "json") return TableFormat::kJson;
  if (n == "table" || n == "text") return TableFormat::kTable;
  return Status(Code::kInvalidArgument, fmt::format("unknown output format '{}' (expected csv, json or table)", name));
}

Result<DyadSeriesResult> DyadSeries(const EventStore& store, const DyadQuery& q) {
  Result<Range> range = CheckQuery(store, q);
  if (!range.ok()) return range.status();
  const Range r = *range;
  const bool dedup = q.dedup == Dedup::kOneADay;

  std::map<int64_t, DyadPeriod> periods;
  Status st = ForEachRow(store, q, r, [&](sqlite3_stmt* s) {
    const int64_t day = sqlite3_column_int64(s, 0);
    const int quad = sqlite3_column_int(s, 4);
    const int64_t n = sqlite3_column_int64(s, 5);
    const int64_t articles = sqlite3_column_int64(s, 6);
    const int64_t gn = sqlite3_column_int64(s, 7);
    const double gsum = sqlite3_column_double(s, 8);
    DyadPeriod& p = periods[PeriodIndex(day, q.by)];
    p.events += n;
    p.clusters += 1;
    p.multi_article += articles >= 2;
    const int qi = quad >= 1 && quad <= 4 ? quad : 0;
    if (dedup) {
      p.counted += 1;
      p.quad[qi] += 1;
      if (gn > 0) {
        p.goldstein_sum += gsum / static_cast<double>(gn);
        p.goldstein_n += 1;
      }
    } else {
      p.counted += n;
      p.quad[qi] += n;
      p.goldstein_sum += gsum;
      p.goldstein_n += gn;
    }
  });
  if (!st.ok()) return st;

  // Which periods are listed.
  DyadSeriesResult out;
  out.query = q;
  std::vector<int64_t> listed;
  if (q.fill_gaps && (!periods.empty() || (r.has_lo && r.has_hi))) {
    int64_t lo = r.has_lo ? PeriodIndex(r.lo, q.by) : periods.begin()->first;
    int64_t hi = r.has_hi ? PeriodIndex(r.hi, q.by) : periods.rbegin()->first;
    for (int64_t i = lo; i <= hi; ++i) listed.push_back(i);
  } else {
    for (auto& [i, p] : periods) listed.push_back(i);
  }
  if (listed.empty()) return out;

  // Volume of the whole store in the listed periods.
  for (int64_t i : listed) DescribePeriod(i, q.by, &periods[i]);
  {
    sqlite3* db = store_internal::Db(store);
    Stmt t;
    ENTENTE_RETURN_IF_ERROR(
        t.Prepare(db, "SELECT day, n_events, n_clusters FROM day_totals WHERE day BETWEEN ?1 AND ?2"));
    sqlite3_bind_int64(t.get(), 1, std::max(r.lo, periods[listed.front()].first_day));
    sqlite3_bind_int64(t.get(), 2, std::min(r.hi, periods[listed.back()].last_day));
    int rc;
    while ((rc = sqlite3_step(t.get())) == SQLITE_ROW) {
      auto it = periods.find(PeriodIndex(sqlite3_column_int64(t.get(), 0), q.by));
      if (it == periods.end()) continue;
      it->second.total += sqlite3_column_int64(t.get(), dedup ? 2 : 1);
    }
    if (rc != SQLITE_DONE) return SqlError(db, "reading day_totals");
  }

  out.periods.reserve(listed.size());
  for (int64_t i : listed) {
    DyadPeriod& p = periods[i];
    p.goldstein_mean = p.goldstein_n > 0 ? p.goldstein_sum / static_cast<double>(p.goldstein_n)
                                         : std::numeric_limits<double>::quiet_NaN();
    if (p.total > 0) {
      const double t = static_cast<double>(p.total);
      p.share = static_cast<double>(p.counted) / t;
      for (int k = 0; k < 5; ++k) p.quad_share[k] = static_cast<double>(p.quad[k]) / t;
      p.goldstein_per_total = p.goldstein_sum / t;
    }
    out.periods.push_back(std::move(p));
  }
  return out;
}

Result<std::vector<EventCluster>> DyadClusters(const EventStore& store, const DyadQuery& q, size_t limit) {
  Result<Range> range = CheckQuery(store, q);
  if (!range.ok()) return range.status();
  std::vector<EventCluster> out;
  Status st = ForEachRow(store, q, *range, [&](sqlite3_stmt* s) {
    EventCluster c;
    c.day = sqlite3_column_int64(s, 0);
    c.source_actor = reinterpret_cast<const char*>(sqlite3_column_text(s, 1));
    c.target_actor = reinterpret_cast<const char*>(sqlite3_column_text(s, 2));
    c.code = reinterpret_cast<const char*>(sqlite3_column_text(s, 3));
    c.quad_class = sqlite3_column_int(s, 4);
    c.events = sqlite3_column_int64(s, 5);
    c.articles = sqlite3_column_int64(s, 6);
    const int64_t gn = sqlite3_column_int64(s, 7);
    c.goldstein_mean = gn > 0 ? sqlite3_column_double(s, 8) / static_cast<double>(gn)
                              : std::numeric_limits<double>::quiet_NaN();
    out.push_back(std::move(c));
  });
  if (!st.ok()) return st;
  std::stable_sort(out.begin(), out.end(), [](const EventCluster& x, const EventCluster& y) {
    if (x.day != y.day) return x.day < y.day;
    if (x.source_actor != y.source_actor) return x.source_actor < y.source_actor;
    if (x.target_actor != y.target_actor) return x.target_actor < y.target_actor;
    return x.code < y.code;
  });
  if (limit > 0 && out.size() > limit) out.resize(limit);
  return out;
}

Result<std::vector<DyadTotal>> DyadTotals(const EventStore& store, const DyadTotalsQuery& q) {
  if (store.aggregates_stale())
    return Status(Code::kUnsupported, fmt::format("{}: the dyad aggregates are stale; rebuild them first",
                                                  store.path()));
  int64_t lo = 0, hi = 99999999;
  if (!q.from.empty()) {
    Result<int64_t> d = ParseBound(q.from, false);
    if (!d.ok()) return d.status();
    lo = *d;
  }
  if (!q.to.empty()) {
    Result<int64_t> d = ParseBound(q.to, true);
    if (!d.ok()) return d.status();
    hi = *d;
  }
  sqlite3* db = store_internal::Db(store);
  Stmt s;
  ENTENTE_RETURN_IF_ERROR(s.Prepare(
      db, q.level == DyadLevel::kCountry
              ? "SELECT source_country, target_country, quad_class, n_events, n_goldstein, goldstein_sum "
                "FROM dyad_day WHERE day BETWEEN ?1 AND ?2"
              : "SELECT source_actor, target_actor, quad_class, n_events, n_goldstein, goldstein_sum "
                "FROM dyad_day WHERE day BETWEEN ?1 AND ?2"));
  sqlite3_bind_int64(s.get(), 1, lo);
  sqlite3_bind_int64(s.get(), 2, hi);
  // Key "source\x1ftarget"; the buffer is reused so a known dyad costs no allocation.
  std::unordered_map<std::string, DyadTotal> totals;
  std::string key;
  const bool dedup = q.dedup == Dedup::kOneADay;
  int rc;
  while ((rc = sqlite3_step(s.get())) == SQLITE_ROW) {
    const auto* src = reinterpret_cast<const char*>(sqlite3_column_text(s.get(), 0));
    const int src_n = sqlite3_column_bytes(s.get(), 0);
    const auto* tgt = reinterpret_cast<const char*>(sqlite3_column_text(s.get(), 1));
    const int tgt_n = sqlite3_column_bytes(s.get(), 1);
    if (q.skip_empty && (src_n == 0 || tgt_n == 0)) continue;
    key.assign(src ? src : "", src_n);
    key.push_back('\x1f');
    key.append(tgt ? tgt : "", tgt_n);
    auto it = totals.find(key);
    if (it == totals.end()) {
      it = totals.emplace(key, DyadTotal{}).first;
      it->second.source.assign(src ? src : "", src_n);
      it->second.target.assign(tgt ? tgt : "", tgt_n);
    }
    DyadTotal& t = it->second;
    const int quad = sqlite3_column_int(s.get(), 2);
    const int qi = quad >= 1 && quad <= 4 ? quad : 0;
    const int64_t n = sqlite3_column_int64(s.get(), 3);
    const int64_t gn = sqlite3_column_int64(s.get(), 4);
    const double gsum = sqlite3_column_double(s.get(), 5);
    t.events += n;
    t.clusters += 1;
    if (dedup) {
      t.counted += 1;
      t.quad[qi] += 1;
      if (gn > 0) {
        t.goldstein_sum += gsum / static_cast<double>(gn);
        t.goldstein_n += 1;
      }
    } else {
      t.counted += n;
      t.quad[qi] += n;
      t.goldstein_sum += gsum;
      t.goldstein_n += gn;
    }
  }
  if (rc != SQLITE_DONE) return SqlError(db, "reading dyad_day");
  std::vector<DyadTotal> out;
  out.reserve(totals.size());
  for (auto& [k, t] : totals) {
    if (t.counted < q.min_count) continue;
    t.goldstein_mean = t.goldstein_n > 0 ? t.goldstein_sum / static_cast<double>(t.goldstein_n)
                                         : std::numeric_limits<double>::quiet_NaN();
    out.push_back(std::move(t));
  }
  std::sort(out.begin(), out.end(), [](const DyadTotal& a, const DyadTotal& b) {
    return a.source != b.source ? a.source < b.source : a.target < b.target;
  });
  return out;
}

// ---------------------------------------------------------------------------
// Writers.

namespace {

// Shortest round-trip form; NaN -> `nan_text`.
std::string Num(double v, std::string_view nan_text) {
  if (std::isnan(v)) return std::string(nan_text);
  return fmt::format("{}", v);
}

const char* const kColumns[] = {
    "period", "first_day", "last_day", "events", "clusters", "multi_article", "counted",
    "quad1", "quad2", "quad3", "quad4", "quad_unknown", "goldstein_sum", "goldstein_n",
    "goldstein_mean", "total", "share", "quad1_share", "quad2_share", "quad3_share",
    "quad4_share", "goldstein_per_total"};

std::vector<std::string> Cells(const DyadPeriod& p, std::string_view nan_text) {
  return {p.period,
          IsoDay(p.first_day),
          IsoDay(p.last_day),
          std::to_string(p.events),
          std::to_string(p.clusters),
          std::to_string(p.multi_article),
          std::to_string(p.counted),
          std::to_string(p.quad[1]),
          std::to_string(p.quad[2]),
          std::to_string(p.quad[3]),
          std::to_string(p.quad[4]),
          std::to_string(p.quad[0]),
          Num(p.goldstein_sum, nan_text),
          std::to_string(p.goldstein_n),
          Num(p.goldstein_mean, nan_text),
          std::to_string(p.total),
          Num(p.share, nan_text),
          Num(p.quad_share[1], nan_text),
          Num(p.quad_share[2], nan_text),
          Num(p.quad_share[3], nan_text),
          Num(p.quad_share[4], nan_text),
          Num(p.goldstein_per_total, nan_text)};
}

}  // namespace

Status WriteDyadSeries(const DyadSeriesResult& series, TableFormat format, std::ostream& out) {
  const DyadQuery& q = series.query;
  switch (format) {
    case TableFormat::kCsv: {
      std::string line;
      for (const char* c : kColumns) {
        if (!line.empty()) line += ',';
        line += c;
      }
      out << line << '\n';
      for (const DyadPeriod& p : series.periods) {
        line.clear();
        for (const std::string& c : Cells(p, "")) {
          line += c;
          line += ',';
        }
        line.back() = '\n';
        out << line;
      }
      break;
    }
    case TableFormat::kJson: {
      using nlohmann::ordered_json;
      ordered_json j;
      j["query"] = {{"a", q.a},
                    {"b", q.b},
                    {"by", PeriodName(q.by)},
                    {"directed", q.directed},
                    {"level", DyadLevelName(q.level)},
                    {"dedup", DedupName(q.dedup)},
                    {"from", q.from},
                    {"to", q.to}};
      ordered_json rows = ordered_json::array();
      auto num = [](double v) { return std::isnan(v) ? ordered_json(nullptr) : ordered_json(v); };
      for (const DyadPeriod& p : series.periods) {
        ordered_json r;
        r["period"] = p.period;
        r["first_day"] = IsoDay(p.first_day);
        r["last_day"] = IsoDay(p.last_day);
        r["events"] = p.events;
        r["clusters"] = p.clusters;
        r["multi_article"] = p.multi_article;
        r["counted"] = p.counted;
        r["quad"] = {p.quad[1], p.quad[2], p.quad[3], p.quad[4]};
        r["quad_unknown"] = p.quad[0];
        r["goldstein_sum"] = num(p.goldstein_sum);
        r["goldstein_n"] = p.goldstein_n;
        r["goldstein_mean"] = num(p.goldstein_mean);
        r["total"] = p.total;
        r["share"] = num(p.share);
        r["quad_share"] = {num(p.quad_share[1]), num(p.quad_share[2]), num(p.quad_share[3]),
                           num(p.quad_share[4])};
        r["goldstein_per_total"] = num(p.goldstein_per_total);
        rows.push_back(std::move(r));
      }
      j["periods"] = std::move(rows);
      out << j.dump() << '\n';
      break;
    }
    case TableFormat::kTable: {
      // A readable subset; CSV/JSON carry every column.
      const std::vector<std::string> head = {"period", "events", "clusters", "counted", "verb.coop",
                                             "mat.coop", "verb.confl", "mat.confl", "goldstein",
                                             "mean", "total", "share"};
      std::vector<std::vector<std::string>> rows;
      rows.push_back(head);
      for (const DyadPeriod& p : series.periods) {
        rows.push_back({p.period, std::to_string(p.events), std::to_string(p.clusters),
                        std::to_string(p.counted), std::to_string(p.quad[1]), std::to_string(p.quad[2]),
                        std::to_string(p.quad[3]), std::to_string(p.quad[4]),
                        fmt::format("{:.1f}", p.goldstein_sum),
                        std::isnan(p.goldstein_mean) ? "-" : fmt::format("{:.2f}", p.goldstein_mean),
                        std::to_string(p.total), fmt::format("{:.4f}", p.share)});
      }
      std::vector<size_t> width(head.size(), 0);
      for (const auto& row : rows)
        for (size_t i = 0; i < row.size(); ++i) width[i] = std::max(width[i], row[i].size());
      out << fmt::format("# {} {} {}, by {}, level {}, dedup {}\n", q.a, q.directed ? "->" : "<->", q.b,
                         PeriodName(q.by), DyadLevelName(q.level), DedupName(q.dedup));
      for (const auto& row : rows) {
        std::string line;
        for (size_t i = 0; i < row.size(); ++i) {
          if (i == 0) {
            line += fmt::format("{:<{}}", row[i], width[i]);
          } else {
            line += fmt::format("  {:>{}}", row[i], width[i]);
          }
        }
        out << line << '\n';
      }
      break;
    }
  }
  if (!out) return Status(Code::kIoError, "writing the dyad series failed");
  return Status::OK();
}

Status WriteDyadTotals(const std::vector<DyadTotal>& totals, TableFormat format, std::ostream& out) {
  auto cells = [](const DyadTotal& t, std::string_view nan_text) -> std::vector<std::string> {
    return {t.source,
            t.target,
            std::to_string(t.events),
            std::to_string(t.clusters),
            std::to_string(t.counted),
            std::to_string(t.quad[1]),
            std::to_string(t.quad[2]),
            std::to_string(t.quad[3]),
            std::to_string(t.quad[4]),
            std::to_string(t.quad[0]),
            Num(t.goldstein_sum, nan_text),
            std::to_string(t.goldstein_n),
            Num(t.goldstein_mean, nan_text)};
  };
  const std::vector<std::string> head = {"source", "target", "events", "clusters", "counted",
                                         "quad1", "quad2", "quad3", "quad4", "quad_unknown",
                                         "goldstein_sum", "goldstein_n", "goldstein_mean"};
  switch (format) {
    case TableFormat::kCsv: {
      // Actor codes hold no commas or quotes; quote defensively anyway.
      auto field = [](const std::string& v) {
        if (v.find_first_of(",\"\n") == std::string::npos) return v;
        std::string q = "\"";
        for (char c : v) {
          if (c == '"') q += '"';
          q += c;
        }
        return q + "\"";
      };
      std::string line;
      for (size_t i = 0; i < head.size(); ++i) {
        if (i) line += ',';
        line += head[i];
      }
      out << line << '\n';
      for (const DyadTotal& t : totals) {
        line.clear();
        std::vector<std::string> c = cells(t, "");
        for (size_t i = 0; i < c.size(); ++i) {
          if (i) line += ',';
          line += field(c[i]);
        }
        out << line << '\n';
      }
      break;
    }
    case TableFormat::kJson: {
      using nlohmann::ordered_json;
      ordered_json rows = ordered_json::array();
      auto num = [](double v) { return std::isnan(v) ? ordered_json(nullptr) : ordered_json(v); };
      for (const DyadTotal& t : totals) {
        ordered_json r;
        r["source"] = t.source;
        r["target"] = t.target;
        r["events"] = t.events;
        r["clusters"] = t.clusters;
        r["counted"] = t.counted;
        r["quad"] = {t.quad[1], t.quad[2], t.quad[3], t.quad[4]};
        r["quad_unknown"] = t.quad[0];
        r["goldstein_sum"] = num(t.goldstein_sum);
        r["goldstein_n"] = t.goldstein_n;
        r["goldstein_mean"] = num(t.goldstein_mean);
        rows.push_back(std::move(r));
      }
      out << rows.dump() << '\n';
      break;
    }
    case TableFormat::kTable: {
      std::vector<std::vector<std::string>> rows = {head};
      for (const DyadTotal& t : totals) rows.push_back(cells(t, "-"));
      std::vector<size_t> width(head.size(), 0);
      for (const auto& row : rows)
        for (size_t i = 0; i < row.size(); ++i) width[i] = std::max(width[i], row[i].size());
      for (const auto& row : rows) {
        std::string line;
        for (size_t i = 0; i < row.size(); ++i)
          line += i < 2 ? fmt::format("{:<{}}  ", row[i], width[i]) : fmt::format("{:>{}}  ", row[i], width[i]);
        while (!line.empty() && line.back() == ' ') line.pop_back();
        out << line << '\n';
      }
      break;
    }
  }
  if (!out) return Status(Code::kIoError, "writing dyad totals failed");
  return Status::OK();
}

}  // namespace entente
