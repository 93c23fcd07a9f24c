// Self-contained HTML report: inline CSS and SVG, no scripts, no URLs.
#include "entente/report.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <unordered_map>

#include "network_build_internal.h"

namespace entente {

const std::vector<std::string>& DefaultReportActors() {
  static const std::vector<std::string> kActors = {"CHN", "PRK", "RUS", "USA", "KOR", "JPN", "NATO"};
  return kActors;
}

namespace {

std::string Esc(std::string_view s) {
  std::string o;
  o.reserve(s.size());
  for (char c : s) {
    switch (c) {
      case '&': o += "&amp;"; break;
      case '<': o += "&lt;"; break;
      case '>': o += "&gt;"; break;
      case '"': o += "&quot;"; break;
      case '\'': o += "&#39;"; break;
      default: o += c;
    }
  }
  return o;
}

std::string F(double v, int prec = 1) {
  char buf[48];
  std::snprintf(buf, sizeof buf, "%.*f", prec, v);
  return buf;
}

const char* BlocColour(int b) {
  static const char* const kColours[] = {"#1f77b4", "#d62728", "#2ca02c", "#9467bd",
                                         "#ff7f0e", "#8c564b", "#e377c2", "#7f7f7f"};
  if (b < 0) return "#bbbbbb";
  return kColours[b % 8];
}

// A line plot of y over labelled x positions; NaN values leave gaps.
// `fit` draws intercept + slope * x when set.
std::string LinePlot(const std::string& cls, const std::vector<std::string>& labels,
                     const std::vector<double>& y, const double* slope, const double* intercept,
                     double lo_hint, double hi_hint, const std::string& y_title) {
  const double W = 680, H = 260, L = 56, R = 16, T = 16, B = 44;
  double lo = lo_hint, hi = hi_hint;
  for (double v : y)
    if (!std::isnan(v)) {
      lo = std::min(lo, v);
      hi = std::max(hi, v);
    }
  if (hi - lo < 1e-9) {
    hi += 0.5;
    lo -= 0.5;
  }
  const double pad = (hi - lo) * 0.05;
  lo -= pad;
  // A hint of exactly 1 is a ceiling (F never exceeds 1).
  if (!(hi_hint == 1.0 && hi <= 1.0)) hi += pad;
  const size_t n = labels.size();
  auto X = [&](double i) { return L + (n <= 1 ? (W - L - R) / 2 : i * (W - L - R) / (n - 1)); };
  auto Y = [&](double v) { return T + (hi - v) * (H - T - B) / (hi - lo); };
  std::string s = "<svg class=\"" + cls + "\" width=\"" + F(W, 0) + "\" height=\"" + F(H, 0) +
                  "\" viewBox=\"0 0 " + F(W, 0) + " " + F(H, 0) + "\" role=\"img\">\n";
  s += "<rect x=\"0\" y=\"0\" width=\"" + F(W, 0) + "\" height=\"" + F(H, 0) + "\" fill=\"#fff\"/>\n";
  // Axes and grid.
  s += "<line x1=\"" + F(L) + "\" y1=\"" + F(T) + "\" x2=\"" + F(L) + "\" y2=\"" + F(H - B) +
       "\" stroke=\"#333\"/>\n";
  s += "<line x1=\"" + F(L) + "\" y1=\"" + F(H - B) + "\" x2=\"" + F(W - R) + "\" y2=\"" + F(H - B) +
       "\" stroke=\"#333\"/>\n";
  for (int t = 0; t <= 4; ++t) {
    double v = lo + (hi - lo) * t / 4;
    s += "<line x1=\"" + F(L) + "\" y1=\"" + F(Y(v)) + "\" x2=\"" + F(W - R) + "\" y2=\"" + F(Y(v)) +
         "\" stroke=\"#eee\"/>\n";
    s += "<text x=\"" + F(L - 4) + "\" y=\"" + F(Y(v) + 4) + "\" text-anchor=\"end\">" + F(v, 2) +
         "</text>\n";
  }
  if (lo < 0 && hi > 0)
    s += "<line x1=\"" + F(L) + "\" y1=\"" + F(Y(0)) + "\" x2=\"" + F(W - R) + "\" y2=\"" + F(Y(0)) +
         "\" stroke=\"#999\" stroke-dasharray=\"4 3\"/>\n";
  const size_t every = std::max<size_t>(1, (n + 11) / 12);
  for (size_t i = 0; i < n; i += every)
    s += "<text x=\"" + F(X(i)) + "\" y=\"" + F(H - B + 16) + "\" text-anchor=\"middle\">" +
         Esc(labels[i]) + "</text>\n";
  s += "<text x=\"12\" y=\"" + F((H - B + T) / 2) + "\" transform=\"rotate(-90 12 " +
       F((H - B + T) / 2) + ")\" text-anchor=\"middle\">" + Esc(y_title) + "</text>\n";
  if (slope && intercept && n >= 2) {
    double y0 = *intercept, y1 = *intercept + *slope * (n - 1);
    s += "<line class=\"fit\" x1=\"" + F(X(0)) + "\" y1=\"" + F(Y(std::clamp(y0, lo, hi))) + "\" x2=\"" +
         F(X(n - 1)) + "\" y2=\"" + F(Y(std::clamp(y1, lo, hi))) +
         "\" stroke=\"#ff7f0e\" stroke-width=\"2\"/>\n";
  }
  std::string path;
  bool pen = false;
  for (size_t i = 0; i < n && i < y.size(); ++i) {
    if (std::isnan(y[i])) {
      pen = false;
      continue;
    }
    path += (pen ? " L" : " M") + F(X(i)) + " " + F(Y(y[i]));
    pen = true;
  }
  if (!path.empty())
    s += "<path d=\"" + path + "\" fill=\"none\" stroke=\"#1f77b4\" stroke-width=\"2\"/>\n";
  for (size_t i = 0; i < n && i < y.size(); ++i)
    if (!std::isnan(y[i]))
      s += "<circle cx=\"" + F(X(i)) + "\" cy=\"" + F(Y(y[i])) + "\" r=\"3.5\" fill=\"#1f77b4\"><title>" +
           Esc(labels[i]) + ": " + F(y[i], 3) + "</title></circle>\n";
  s += "</svg>\n";
  return s;
}

std::string NetworkSvg(const WindowNetwork* wn, const BlocWindow* bw,
                       const std::vector<std::string>& actors, std::string* table) {
  // Nodes drawn: the asked actors present in the window (all when none).
  std::vector<std::string> names;
  std::unordered_map<std::string, int> bloc_of, comp_of;
  std::unordered_map<std::string, double> stab_of;
  if (bw)
    for (size_t v = 0; v < bw->names.size(); ++v) {
      bloc_of[bw->names[v]] = bw->bloc[v];
      comp_of[bw->names[v]] = bw->component[v];
      stab_of[bw->names[v]] = bw->stability[v];
    }
  const SignedGraph* g = wn ? &wn->graph : nullptr;
  if (actors.empty()) {
    if (g) names = g->names();
  } else {
    for (const auto& a : actors)
      if (g && g->FindNode(a) >= 0) names.push_back(a);
  }
  if (names.size() > 60) names.resize(60);
  const double W = 360, H = 360, cx = 180, cy = 176, rad = 130;
  std::unordered_map<std::string, std::pair<double, double>> pos;
  for (size_t i = 0; i < names.size(); ++i) {
    double ang = -M_PI / 2 + 2 * M_PI * i / std::max<size_t>(1, names.size());
    pos[names[i]] = {cx + rad * std::cos(ang), cy + rad * std::sin(ang)};
  }
  std::string s = "<svg class=\"network\" width=\"360\" height=\"360\" viewBox=\"0 0 360 360\" role=\"img\">\n";
  s += "<rect x=\"0\" y=\"0\" width=\"" + F(W, 0) + "\" height=\"" + F(H, 0) + "\" fill=\"#fff\"/>\n";
  if (g) {
    for (const SignedEdge& e : g->edges()) {
      auto a = pos.find(g->NodeName(e.u)), b = pos.find(g->NodeName(e.v));
      if (a == pos.end() || b == pos.end()) continue;
      s += std::string("<line class=\"") + (e.sign > 0 ? "pos" : "neg") + "\" x1=\"" + F(a->second.first) +
           "\" y1=\"" + F(a->second.second) + "\" x2=\"" + F(b->second.first) + "\" y2=\"" +
           F(b->second.second) + "\" stroke=\"" + (e.sign > 0 ? "#2ca02c" : "#d62728") +
           "\" stroke-width=\"2\"" + (e.sign > 0 ? "" : " stroke-dasharray=\"6 4\"") + "/>\n";
    }
  }
  for (const auto& n : names) {
    auto [x, y] = pos[n];
    int b = bloc_of.count(n) ? bloc_of[n] : -1;
    s += "<circle cx=\"" + F(x) + "\" cy=\"" + F(y) + "\" r=\"15\" fill=\"" + BlocColour(b) +
         "\" stroke=\"#222\"/>\n";
    s += "<text x=\"" + F(x) + "\" y=\"" + F(y + 4) + "\" text-anchor=\"middle\" fill=\"#fff\" "
         "font-weight=\"bold\">" + Esc(n) + "</text>\n";
  }
  if (names.empty())
    s += "<text x=\"180\" y=\"180\" text-anchor=\"middle\">no edge among the actors shown</text>\n";
  s += "</svg>\n";
  if (table) {
    *table = "<table class=\"blocs\"><tr><th>state</th><th>bloc</th><th>component</th><th>stability</th></tr>\n";
    for (const auto& n : names) {
      int b = bloc_of.count(n) ? bloc_of[n] : -1;
      *table += "<tr><td><span class=\"sw\" style=\"background:" + std::string(BlocColour(b)) + "\"></span>" +
                Esc(n) + "</td><td>" + (b < 0 ? "-" : std::to_string(b)) + "</td><td>" +
                (comp_of.count(n) ? std::to_string(comp_of[n]) : "-") + "</td><td>" +
                (stab_of.count(n) ? F(stab_of[n], 2) : "-") + "</td></tr>\n";
    }
    *table += "</table>\n";
  }
  return s;
}

}  // namespace

std::string HtmlReport(const ReportInput& in) {
  std::string h;
  h.reserve(1 << 16);
  h += "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>" + Esc(in.title) +
       "</title>\n<style>\n"
       "body{font-family:sans-serif;margin:24px;color:#222;max-width:1200px}\n"
       "h1{font-size:22px}h2{font-size:18px;margin-top:28px;border-bottom:1px solid #ccc}\n"
       "h3{font-size:15px;margin:12px 0 4px}\n"
       "svg{font-family:sans-serif;font-size:11px;border:1px solid #ddd;background:#fff}\n"
       "table{border-collapse:collapse;font-size:12px;margin:6px 0}\n"
       "td,th{border:1px solid #ccc;padding:2px 6px;text-align:left}\n"
       ".verdict{font-weight:bold}.grid{display:flex;flex-wrap:wrap;gap:16px}\n"
       ".cell{border:1px solid #eee;padding:6px}\n"
       ".sw{display:inline-block;width:10px;height:10px;margin-right:4px;border:1px solid #333}\n"
       ".legend{font-size:12px;color:#555}\n"
       "</style>\n</head>\n<body>\n";
  h += "<h1>" + Esc(in.title) + "</h1>\n";
  if (in.series) {
    h += "<h2>Settings</h2>\n<table class=\"settings\">\n";
    for (const auto& [k, v] : in.series->settings)
      h += "<tr><th>" + Esc(k) + "</th><td>" + Esc(v) + "</td></tr>\n";
    h += "<tr><th>input</th><td>" + std::to_string(in.series->input) + "</td></tr>\n";
    h += "<tr><th>used</th><td>" + std::to_string(in.series->used) + "</td></tr>\n";
    const SkipCounts& sk = in.series->skipped;
    h += "<tr><th>skipped</th><td>bad date " + std::to_string(sk.bad_date) + ", out of range " +
         std::to_string(sk.out_of_range) + ", no actor " + std::to_string(sk.no_actor) + ", self dyad " +
         std::to_string(sk.self_dyad) + ", not selected " + std::to_string(sk.not_selected) +
         ", unsigned " + std::to_string(sk.unsigned_event) + ", unmapped " + std::to_string(sk.unmapped) +
         "</td></tr>\n</table>\n";
  }
  if (!in.trends.empty()) {
    h += "<h2>Dyad trends</h2>\n";
    for (const TrendResult& t : in.trends) {
      std::vector<std::string> labels;
      std::vector<double> ys;
      for (const TrendPoint& p : t.points) {
        labels.push_back(p.window.label);
        ys.push_back(p.included ? p.value : std::nan(""));
      }
      h += "<h3>" + Esc(t.a) + " &ndash; " + Esc(t.b) + "</h3>\n";
      h += "<p class=\"verdict\">" + Esc(t.verdict_text) + "</p>\n";
      const bool share = t.measure == TrendMeasure::kShare;
      h += LinePlot("trend", labels, ys, &t.slope, &t.intercept, share ? -0.1 : 0, share ? 0.1 : 0,
                    share ? "(coop - conflict) / events" : "(coop - conflict) per 1000");
      h += "<p class=\"legend\">blue: value per window (gaps: no events); orange: OLS fit.</p>\n";
    }
  }
  if (in.blocs && !in.blocs->empty()) {
    h += "<h2>Balance over time</h2>\n";
    std::vector<std::string> labels;
    std::vector<double> fs;
    for (const BlocWindow& b : *in.blocs) {
      labels.push_back(b.window.label);
      fs.push_back(b.edges ? b.F : std::nan(""));
    }
    h += LinePlot("frustration", labels, fs, nullptr, nullptr, 0.5, 1.0, "F = 1 - 2L/m");
    h += "<table class=\"ftable\"><tr><th>window</th><th>nodes</th><th>edges</th><th>negative</th>"
         "<th>L</th><th>F</th><th>optimal</th><th>solutions</th></tr>\n";
    for (const BlocWindow& b : *in.blocs)
      h += "<tr><td>" + Esc(b.window.label) + "</td><td>" + std::to_string(b.nodes) + "</td><td>" +
           std::to_string(b.edges) + "</td><td>" + std::to_string(b.negative) + "</td><td>" +
           std::to_string(b.L) + "</td><td>" + F(b.F, 3) + "</td><td>" + (b.optimal ? "yes" : "no") +
           "</td><td>" + std::to_string(b.solutions) + "</td></tr>\n";
    h += "</table>\n";
  }
  if (in.series && !in.series->windows.empty()) {
    h += "<h2>Networks by window</h2>\n<p class=\"legend\">solid green: + edge; dashed red: &minus; edge; "
         "colour: bloc (blocs of different components are not comparable); stability: share of "
         "near-optimal solutions in which the state sits with the majority of its bloc.</p>\n<div class=\"grid\">\n";
    const auto& ws = in.series->windows;
    size_t first = ws.size() > in.max_networks ? ws.size() - in.max_networks : 0;
    for (size_t i = first; i < ws.size(); ++i) {
      const BlocWindow* bw = nullptr;
      if (in.blocs)
        for (const BlocWindow& b : *in.blocs)
          if (b.window.label == ws[i].window.label) bw = &b;
      std::string table;
      h += "<div class=\"cell\"><h3>" + Esc(ws[i].window.label);
      if (bw) h += " &mdash; F = " + F(bw->F, 3);
      h += "</h3>\n" + NetworkSvg(&ws[i], bw, in.actors, &table) + table + "</div>\n";
    }
    h += "</div>\n";
  }
  h += "</body>\n</html>\n";
  return h;
}

Status WriteHtmlReport(const std::string& path, const ReportInput& input) {
  return WriteTextFile(path, HtmlReport(input));
}

}  // namespace entente
