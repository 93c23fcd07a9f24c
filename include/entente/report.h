// entente/report.h -- a self-contained HTML report of dyad trends and blocs.
//
// The page has inline CSS and inline SVG only: no scripts, no external
// fonts, images or style sheets, no URL of any kind, so it opens offline
// and can be archived.  Sections:
//   * settings of the networks (NetworkSeries::settings);
//   * one plot per dyad trend: the per-window value, the fitted OLS line and
//     the verdict sentence;
//   * F over time (one point per window);
//   * one network drawing per window: actors on a circle, + edges solid
//     green, - edges dashed red, nodes coloured by bloc, with a table of the
//     blocs and their stability.
//
// Thread safety: pure function.
#pragma once

#include <string>
#include <vector>

#include "entente/alliances.h"
#include "entente/status.h"
#include "entente/trend.h"

namespace entente {

// The default actors of the report: CHN, PRK, RUS, USA, KOR, JPN, NATO.
const std::vector<std::string>& DefaultReportActors();

struct ReportInput {
  std::string title = "entente report";
  // Actors drawn in the network pictures (others are left out of the
  // drawings but counted in F).  Empty = all nodes.  Default: none set;
  // callers usually pass DefaultReportActors().
  std::vector<std::string> actors;
  // Not owned; each may be null / empty.
  const NetworkSeries* series = nullptr;
  const std::vector<BlocWindow>* blocs = nullptr;
  std::vector<TrendResult> trends;
  // At most this many network drawings (the last windows).  Default 40.
  size_t max_networks = 40;
};

// The HTML text.
std::string HtmlReport(const ReportInput& input);
// Writes HtmlReport(input) to `path` (kIoError on failure).
Status WriteHtmlReport(const std::string& path, const ReportInput& input);

}  // namespace entente
