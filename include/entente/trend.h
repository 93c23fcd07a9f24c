// entente/trend.h -- is a relationship getting better or worse, and which
// blocs do states form, window by window?
//
// Trend(events, A, B): for each time window, the normalised
// cooperation-minus-conflict value of the A-B dyad (both directions), the
// OLS slope of that series over windows, and a bootstrap percentile interval
// of the slope obtained by resampling ARTICLES (doc_id) with replacement, so
// that events of one story, which are not independent, move together.  The
// verdict never says more than the interval: "strengthening" only when the
// whole interval is above 0, "weakening" only when it is below 0, otherwise
// "no clear trend".
//
// BlocsOverTime(series): per window, two blocs from ExactFrustration (or k
// blocs from BlocPartition), F, and for each state how stable its bloc is
// across near-optimal solutions (see BlocStability below).
//
// Everything is deterministic for a given seed.  Thread safety: pure
// functions, no global state.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "entente/alliances.h"
#include "entente/event.h"
#include "entente/network.h"
#include "entente/status.h"

namespace entente {

enum class TrendMeasure {
  // (cooperation - conflict) / (A-B events in the window): a share in
  // [-1, 1], independent of how much news there is (default).  Windows
  // without A-B events have no value and are left out of the fit.
  kShare,
  // (cooperation - conflict) per 1000 events of any dyad in the window:
  // also reflects how prominent the dyad is in the news.
  kPerThousand,
};
std::string_view TrendMeasureName(TrendMeasure m);  // "share", "per1000"
Result<TrendMeasure> ParseTrendMeasure(std::string_view name);

enum class Verdict { kStrengthening, kWeakening, kNoClearTrend, kInsufficientData };
std::string_view VerdictName(Verdict v);  // "strengthening", "weakening", "no clear trend", "insufficient data"

struct TrendOptions {
  WindowOptions window;            // default: calendar years, tumbling
  ActorLevel level = ActorLevel::kCountry;
  TrendMeasure measure = TrendMeasure::kShare;
  // Cooperation / conflict are quad classes 1-2 / 3-4.  Default.
  // Bootstrap resamples (0 = no interval).  Default 1000.
  int resamples = 1000;
  double level_ci = 0.95;          // interval coverage in (0, 1).  Default 0.95.
  uint64_t seed = 1;               // Default 1.
  // Windows with fewer A-B events than this are left out of the fit (shown
  // with included = false).  Default 1.
  int min_events = 1;
  // Only dates in [first_month, last_month]; -1 = open.  The windows span
  // the whole corpus (all dyads) within that range, so every pair of a
  // corpus is measured on the same windows.
  int first_month = -1, last_month = -1;
};

struct TrendPoint {
  TimeWindow window;
  uint64_t dyad_events = 0;    // A-B events (either direction)
  uint64_t cooperation = 0;    // quad 1-2
  uint64_t conflict = 0;       // quad 3-4
  uint64_t all_events = 0;     // events of all dyads in the window
  double value = 0;            // the measure (NaN when undefined)
  bool included = false;       // used in the fit
};

struct TrendResult {
  std::string a, b;
  TrendMeasure measure = TrendMeasure::kShare;
  std::vector<TrendPoint> points;
  size_t fitted = 0;           // points used in the fit
  double slope = 0;            // per window step (per year with the defaults)
  double intercept = 0;        // value at the first window
  double ci_low = 0, ci_high = 0;  // bootstrap percentile interval of the slope
  double level_ci = 0.95;
  int resamples = 0;           // requested
  int resamples_used = 0;      // resamples with >= 2 fitted windows
  uint64_t articles = 0;       // articles resampled: those with A-B events (share), all (per1000)
  uint64_t seed = 1;
  int step_months = 12;
  Verdict verdict = Verdict::kInsufficientData;
  std::string verdict_text;    // plain language with the numbers
};

// Ordinary least squares of y on x; false when fewer than 2 points or all x
// equal.
bool OlsSlope(const std::vector<double>& x, const std::vector<double>& y, double* slope,
              double* intercept);

// The verdict for an interval: strengthening iff low > 0, weakening iff
// high < 0, otherwise no clear trend; insufficient data when fitted < 2 or
// resamples_used == 0.
Verdict VerdictOf(double low, double high, size_t fitted, int resamples_used);
// One sentence, e.g. "CHN-PRK: strengthening: the cooperation-minus-conflict
// share changes by +0.081 per year (95% bootstrap interval +0.052 to +0.110;
// 1000 resamples of 812 articles; 10 windows)."  Uses r's fields.
std::string VerdictText(const TrendResult& r);

// The A-B trend.  A and B are actor keys (ActorKey, e.g. "CHN", "NATO").
// Fails with kInvalidArgument for bad options or A == B, and kEmpty when no
// event has a usable date.
Result<TrendResult> Trend(const std::vector<Event>& events, std::string_view a,
                          std::string_view b, const TrendOptions& options = {});

// ---------------------------------------------------------------------------
// Blocs over time.

struct BlocsOptions {
  // 2: two blocs from ExactFrustration (default).  k > 2: BlocPartition.
  int k = 2;
  // Near-optimal solutions collected for stability: the exact (or first)
  // solution plus this many heuristic runs with seeds seed+1..seed+solutions.
  // Default 20.
  int solutions = 20;
  // A heuristic solution counts when its L (k = 2) or its number of
  // inconsistencies (k > 2) is at most best + delta.  Default 0 (alternative
  // optima only).
  int delta = 0;
  uint64_t seed = 1;
  FrustrationOptions frustration;  // time limit etc. of ExactFrustration
  BlocOptions blocs;               // k > 2
  // States whose bloc gets number 0 when present (the first one found in a
  // component decides that component's orientation).  Default {"USA"}.
  std::vector<std::string> anchors = {"USA"};
};

struct BlocWindow {
  TimeWindow window;
  size_t nodes = 0, edges = 0, negative = 0;
  int64_t L = 0;                    // frustration (k = 2) or inconsistencies (k > 2)
  double F = 1;                     // 1 - 2L/m (k = 2); 1 - inconsistencies/m (k > 2)
  bool optimal = false;             // L proven (k = 2 only)
  size_t components = 0;            // connected components with an edge
  std::vector<std::string> names;   // node names, graph order
  std::vector<int> bloc;            // per node
  std::vector<int> component;       // per node, 0.. in order of first node
  // Per node: share of the collected solutions in which the node sits on
  // the same side as the majority of its own bloc's members from the same
  // connected component (the node included).  1 = never moves.
  std::vector<double> stability;
  int solutions = 0;                // solutions within best + delta
  TriangleCensus triangles;
};

// One BlocWindow per window of `series` (empty graphs give an empty window
// with F = 1).  Errors: kInvalidArgument for bad options; a solver error is
// passed on.
Result<std::vector<BlocWindow>> BlocsOverTime(const NetworkSeries& series,
                                              const BlocsOptions& options = {});

// Stability as defined above, for a reference partition `ref` and a set of
// solutions over the same nodes; `component` gives each node's component.
std::vector<double> BlocStability(const std::vector<int>& ref, const std::vector<int>& component,
                                  const std::vector<std::vector<int>>& solutions);

// JSON of a trend and of a bloc series.
std::string TrendToJson(const TrendResult& r);
std::string BlocWindowsToJson(const std::vector<BlocWindow>& w);

}  // namespace entente
