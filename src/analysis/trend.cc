// Dyad trends: per-window cooperation-minus-conflict, OLS slope, article
// bootstrap, verdict.
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <limits>
#include <unordered_map>

#include <nlohmann/json.hpp>

#include "entente/trend.h"
#include "network_build_internal.h"

namespace entente {

std::string_view TrendMeasureName(TrendMeasure m) {
  return m == TrendMeasure::kShare ? "share" : "per1000";
}

Result<TrendMeasure> ParseTrendMeasure(std::string_view n) {
  if (n == "share") return TrendMeasure::kShare;
  if (n == "per1000" || n == "per-1000") return TrendMeasure::kPerThousand;
  return Status(Code::kInvalidArgument, "unknown trend measure '" + std::string(n) + "' (share, per1000)");
}

std::string_view VerdictName(Verdict v) {
  switch (v) {
    case Verdict::kStrengthening: return "strengthening";
    case Verdict::kWeakening: return "weakening";
    case Verdict::kNoClearTrend: return "no clear trend";
    case Verdict::kInsufficientData: return "insufficient data";
  }
  return "?";
}

bool OlsSlope(const std::vector<double>& x, const std::vector<double>& y, double* slope,
              double* intercept) {
  const size_t n = std::min(x.size(), y.size());
  if (n < 2) return false;
  double mx = 0, my = 0;
  for (size_t i = 0; i < n; ++i) {
    mx += x[i];
    my += y[i];
  }
  mx /= n;
  my /= n;
  double sxx = 0, sxy = 0;
  for (size_t i = 0; i < n; ++i) {
    sxx += (x[i] - mx) * (x[i] - mx);
    sxy += (x[i] - mx) * (y[i] - my);
  }
  if (sxx <= 0) return false;
  *slope = sxy / sxx;
  *intercept = my - *slope * mx;
  return true;
}

Verdict VerdictOf(double low, double high, size_t fitted, int resamples_used) {
  if (fitted < 2 || resamples_used <= 0) return Verdict::kInsufficientData;
  if (low > 0) return Verdict::kStrengthening;
  if (high < 0) return Verdict::kWeakening;
  return Verdict::kNoClearTrend;
}

static std::string Signed(double v) {
  char buf[48];
  if (std::fabs(v) < 5e-4) v = 0;  // no "-0.000"
  std::snprintf(buf, sizeof buf, "%+.3f", v);
  return buf;
}

std::string VerdictText(const TrendResult& r) {
  std::string pair = r.a + "-" + r.b;
  std::string what = r.measure == TrendMeasure::kShare
                         ? "the cooperation-minus-conflict share of " + pair + " events"
                         : "cooperation minus conflict per 1000 events";
  std::string per = r.step_months == 12 ? "per year"
                    : r.step_months == 1 ? "per month"
                                         : "per " + std::to_string(r.step_months) + " months";
  char level[16];
  std::snprintf(level, sizeof level, "%g%%", r.level_ci * 100);
  if (r.verdict == Verdict::kInsufficientData) {
    if (r.fitted < 2)
      return pair + ": insufficient data: " + std::to_string(r.fitted) + " window" +
             (r.fitted == 1 ? "" : "s") + " with " + pair +
             " events, at least 2 are needed for a slope.";
    return pair + ": insufficient data: no bootstrap interval (" + std::to_string(r.resamples) +
           " resamples requested); the slope is " + Signed(r.slope) + " " + per + ".";
  }
  std::string s = pair + ": " + std::string(VerdictName(r.verdict)) + ": " + what + " changes by " +
                  Signed(r.slope) + " " + per + " (" + level + " bootstrap interval " +
                  Signed(r.ci_low) + " to " + Signed(r.ci_high) + "; " +
                  std::to_string(r.resamples_used) + " resamples of " + std::to_string(r.articles) +
                  " articles; " + std::to_string(r.fitted) + " windows)";
  if (r.verdict == Verdict::kNoClearTrend) s += "; the interval includes 0";
  return s + ".";
}

namespace {

struct Contribution {
  uint32_t window;
  uint32_t coop, conflict, dyad, all;
};

// Value of one window from its sums; NaN when not included.
double ValueOf(TrendMeasure m, double coop, double conflict, double dyad, double all,
               int min_events, bool* included) {
  *included = false;
  if (m == TrendMeasure::kShare) {
    if (dyad < std::max(1, min_events)) return std::numeric_limits<double>::quiet_NaN();
    *included = true;
    return (coop - conflict) / dyad;
  }
  if (all <= 0 || dyad < min_events) return std::numeric_limits<double>::quiet_NaN();
  *included = true;
  return 1000.0 * (coop - conflict) / all;
}

// Type 7 quantile of sorted v.
double Quantile(const std::vector<double>& v, double q) {
  if (v.empty()) return std::numeric_limits<double>::quiet_NaN();
  double h = (v.size() - 1) * q;
  size_t lo = static_cast<size_t>(std::floor(h));
  size_t hi = std::min(lo + 1, v.size() - 1);
  return v[lo] + (h - lo) * (v[hi] - v[lo]);
}

}  // namespace

Result<TrendResult> Trend(const std::vector<Event>& events, std::string_view a, std::string_view b,
                          const TrendOptions& o) {
  if (a.empty() || b.empty() || a == b)
    return Status(Code::kInvalidArgument, "trend needs two distinct actors");
  if (o.window.months < 1 || o.window.step_months < 0)
    return Status(Code::kInvalidArgument, "window months must be >= 1 and step >= 0");
  if (o.resamples < 0 || !(o.level_ci > 0 && o.level_ci < 1) || o.min_events < 0)
    return Status(Code::kInvalidArgument, "bad bootstrap options (resamples >= 0, 0 < level < 1)");

  TrendResult r;
  r.a = std::string(a);
  r.b = std::string(b);
  r.measure = o.measure;
  r.level_ci = o.level_ci;
  r.resamples = o.resamples;
  r.seed = o.seed;
  r.step_months = o.window.step_months == 0 ? o.window.months : o.window.step_months;

  // Pass 1: months, dyad membership, articles.
  struct Ref {
    uint32_t article;
    int month;
    int8_t side;  // +1 coop, -1 conflict, 0 other (A-B only)
    bool dyad;
  };
  std::vector<Ref> refs;
  refs.reserve(events.size());
  std::unordered_map<std::string_view, uint32_t> article_ids;
  uint32_t next_article = 0;  // events without a doc_id are articles of their own
  int min_month = INT32_MAX, max_month = -1;
  for (const Event& e : events) {
    int m = MonthOfDate(e.date);
    if (m < 0) continue;
    if ((o.first_month >= 0 && m < o.first_month) || (o.last_month >= 0 && m > o.last_month)) continue;
    Ref ref;
    ref.month = m;
    std::string ka = ActorKey(e.source_actor, e.source_parts, o.level);
    std::string kb = ActorKey(e.target_actor, e.target_parts, o.level);
    ref.dyad = (ka == a && kb == b) || (ka == b && kb == a);
    ref.side = 0;
    if (e.quad_class == 1 || e.quad_class == 2) ref.side = 1;
    if (e.quad_class == 3 || e.quad_class == 4) ref.side = -1;
    if (e.doc_id.empty()) {
      ref.article = next_article++;
    } else {
      auto [it, ins] = article_ids.emplace(e.doc_id, next_article);
      if (ins) ++next_article;
      ref.article = it->second;
    }
    refs.push_back(ref);
    min_month = std::min(min_month, m);
    max_month = std::max(max_month, m);
  }
  if (refs.empty()) return Status(Code::kEmpty, "no event with a valid date");
  const uint32_t narticles = next_article;

  std::vector<TimeWindow> windows = MakeWindows(min_month, max_month, o.window);
  const size_t W = windows.size();
  // Per article contributions (CSR), built by sorting refs by article.
  std::vector<uint32_t> start(narticles + 1, 0);
  std::vector<int> hit;
  std::vector<std::pair<uint32_t, Contribution>> raw;
  raw.reserve(refs.size());
  for (const Ref& ref : refs) {
    WindowsOfMonth(windows, ref.month, &hit);
    for (int w : hit) {
      Contribution c{static_cast<uint32_t>(w), 0, 0, 0, 1};
      if (ref.dyad) {
        c.dyad = 1;
        if (ref.side > 0) c.coop = 1;
        if (ref.side < 0) c.conflict = 1;
      }
      raw.emplace_back(ref.article, c);
    }
  }
  std::stable_sort(raw.begin(), raw.end(), [](const auto& x, const auto& y) {
    return x.first != y.first ? x.first < y.first : x.second.window < y.second.window;
  });
  // Merge per (article, window).
  std::vector<Contribution> contrib;
  contrib.reserve(raw.size());
  uint32_t cur_article = UINT32_MAX;
  for (const auto& [art, c] : raw) {
    if (art == cur_article && !contrib.empty() && contrib.back().window == c.window) {
      Contribution& d = contrib.back();
      d.coop += c.coop;
      d.conflict += c.conflict;
      d.dyad += c.dyad;
      d.all += c.all;
    } else {
      contrib.push_back(c);
      ++start[art + 1];
    }
    cur_article = art;
  }
  for (uint32_t i = 0; i < narticles; ++i) start[i + 1] += start[i];

  // Point estimate.
  std::vector<double> coop(W), conf(W), dyad(W), all(W);
  for (const Contribution& c : contrib) {
    coop[c.window] += c.coop;
    conf[c.window] += c.conflict;
    dyad[c.window] += c.dyad;
    all[c.window] += c.all;
  }
  std::vector<double> xs, ys;
  r.points.resize(W);
  for (size_t w = 0; w < W; ++w) {
    TrendPoint& p = r.points[w];
    p.window = windows[w];
    p.cooperation = static_cast<uint64_t>(coop[w]);
    p.conflict = static_cast<uint64_t>(conf[w]);
    p.dyad_events = static_cast<uint64_t>(dyad[w]);
    p.all_events = static_cast<uint64_t>(all[w]);
    p.value = ValueOf(o.measure, coop[w], conf[w], dyad[w], all[w], o.min_events, &p.included);
    if (p.included) {
      xs.push_back(static_cast<double>(w));
      ys.push_back(p.value);
    }
  }
  r.fitted = xs.size();
  if (!OlsSlope(xs, ys, &r.slope, &r.intercept)) {
    r.slope = 0;
    r.intercept = ys.empty() ? 0 : ys[0];
  }

  // Bootstrap over articles.  The share measure reads only A-B events, so
  // only the articles holding some are resampled (their number is kept);
  // per1000 needs every article.
  std::vector<uint32_t> pool;
  if (o.measure == TrendMeasure::kShare) {
    for (uint32_t i = 0; i < narticles; ++i)
      for (uint32_t k = start[i]; k < start[i + 1]; ++k)
        if (contrib[k].dyad) {
          pool.push_back(i);
          break;
        }
  } else {
    pool.resize(narticles);
    for (uint32_t i = 0; i < narticles; ++i) pool[i] = i;
  }
  r.articles = pool.size();
  const uint32_t npool = static_cast<uint32_t>(pool.size());
  if (r.fitted >= 2 && o.resamples > 0 && npool > 0) {
    netbuild::Rng rng(o.seed);
    std::vector<double> slopes;
    slopes.reserve(o.resamples);
    for (int rep = 0; rep < o.resamples; ++rep) {
      std::fill(coop.begin(), coop.end(), 0);
      std::fill(conf.begin(), conf.end(), 0);
      std::fill(dyad.begin(), dyad.end(), 0);
      std::fill(all.begin(), all.end(), 0);
      for (uint32_t i = 0; i < npool; ++i) {
        const uint32_t art = pool[rng.Below(npool)];
        for (uint32_t k = start[art]; k < start[art + 1]; ++k) {
          const Contribution& c = contrib[k];
          coop[c.window] += c.coop;
          conf[c.window] += c.conflict;
          dyad[c.window] += c.dyad;
          all[c.window] += c.all;
        }
      }
      xs.clear();
      ys.clear();
      for (size_t w = 0; w < W; ++w) {
        bool inc = false;
        double v = ValueOf(o.measure, coop[w], conf[w], dyad[w], all[w], o.min_events, &inc);
        if (inc) {
          xs.push_back(static_cast<double>(w));
          ys.push_back(v);
        }
      }
      double s = 0, icpt = 0;
      if (OlsSlope(xs, ys, &s, &icpt)) slopes.push_back(s);
    }
    std::sort(slopes.begin(), slopes.end());
    r.resamples_used = static_cast<int>(slopes.size());
    if (!slopes.empty()) {
      const double tail = (1 - o.level_ci) / 2;
      r.ci_low = Quantile(slopes, tail);
      r.ci_high = Quantile(slopes, 1 - tail);
    }
  }
  r.verdict = VerdictOf(r.ci_low, r.ci_high, r.fitted, r.resamples_used);
  r.verdict_text = VerdictText(r);
  return r;
}

std::string TrendToJson(const TrendResult& r) {
  using nlohmann::ordered_json;
  ordered_json j;
  j["a"] = r.a;
  j["b"] = r.b;
  j["measure"] = std::string(TrendMeasureName(r.measure));
  j["step_months"] = r.step_months;
  j["slope"] = r.slope;
  j["intercept"] = r.intercept;
  j["ci_low"] = r.ci_low;
  j["ci_high"] = r.ci_high;
  j["level"] = r.level_ci;
  j["resamples"] = r.resamples;
  j["resamples_used"] = r.resamples_used;
  j["articles"] = r.articles;
  j["seed"] = r.seed;
  j["fitted"] = r.fitted;
  j["verdict"] = std::string(VerdictName(r.verdict));
  j["verdict_text"] = r.verdict_text;
  ordered_json pts = ordered_json::array();
  for (const TrendPoint& p : r.points) {
    ordered_json jp = {{"window", p.window.label},     {"dyad_events", p.dyad_events},
                       {"cooperation", p.cooperation}, {"conflict", p.conflict},
                       {"all_events", p.all_events},   {"included", p.included}};
    if (p.included)
      jp["value"] = p.value;
    else
      jp["value"] = nullptr;
    pts.push_back(std::move(jp));
  }
  j["points"] = std::move(pts);
  return j.dump(1) + "\n";
}

}  // namespace entente
