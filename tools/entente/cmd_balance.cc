// entente balance: structural balance of a signed network.
//
//   entente balance EDGES.csv [--json] [--heuristic] [--k N] [--max-k K]
//                   [--alpha A] [--time-limit S] [--seed N] [--restarts R] [--iterations I]
//
// Prints the frustration index L, F = 1 - 2L/m, whether L is proven optimal,
// the lower bound, the time, the two blocs, the frustrated edges and the
// triangle census; with --k N also the best N-bloc partition (weak balance,
// Doreian-Mrvar criterion), with --max-k K the criterion for k = 1..K.
// Bad input lines are reported on stderr, skipped and counted (exit status 1).
#include <cstdio>
#include <memory>
#include <string>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "command.h"
#include "entente/network.h"

namespace {

nlohmann::json BlocJson(const entente::SignedGraph& g, const entente::BlocPartitionResult& b) {
  nlohmann::json blocs = nlohmann::json::array();
  for (int c = 0; c < b.k; ++c) blocs.push_back(nlohmann::json::array());
  for (size_t v = 0; v < b.bloc.size(); ++v) blocs[b.bloc[v]].push_back(g.NodeName(static_cast<uint32_t>(v)));
  return {{"k", b.k},
          {"criterion", b.criterion},
          {"neg_within", b.neg_within},
          {"pos_between", b.pos_between},
          {"inconsistencies", b.inconsistencies()},
          {"blocs", blocs}};
}


struct BalanceArgs {
  std::string path;
  bool json = false, heuristic = false;
  int k = 0, max_k = 0;
  entente::FrustrationOptions fopt;
  entente::BlocOptions bopt;
};

int Run(const BalanceArgs& a) {
  const std::string& path = a.path;
  const bool json = a.json, heuristic = a.heuristic;
  const int k = a.k, max_k = a.max_k;
  const entente::FrustrationOptions& fopt = a.fopt;
  const entente::BlocOptions& bopt = a.bopt;
  entente::EdgeListStats st;
  auto graph = entente::ReadEdgeList(path, &st, [](const entente::Status& s) {
    std::fprintf(stderr, "entente balance: %s\n", s.ToString().c_str());
  });
  if (!graph.ok()) {
    std::fprintf(stderr, "entente balance: %s\n", graph.status().ToString().c_str());
    return entente::cli::kExitFatal;
  }
  const entente::SignedGraph& g = *graph;
  auto fr = heuristic ? entente::HeuristicFrustration(g, fopt) : entente::ExactFrustration(g, fopt);
  if (!fr.ok()) {
    std::fprintf(stderr, "entente balance: %s\n", fr.status().ToString().c_str());
    return entente::cli::kExitFatal;
  }
  const entente::TriangleCensus tc = entente::CountTriangles(g);
  std::vector<entente::BlocPartitionResult> kb;
  if (k > 0) {
    auto r = entente::BlocPartition(g, static_cast<int>(k), bopt);
    if (!r.ok()) {
      std::fprintf(stderr, "entente balance: %s\n", r.status().ToString().c_str());
      return entente::cli::kExitUsage;
    }
    kb.push_back(std::move(r).value());
  }
  if (max_k > 0) {
    auto r = entente::SearchBlocPartitions(g, static_cast<int>(max_k), bopt);
    if (!r.ok()) {
      std::fprintf(stderr, "entente balance: %s\n", r.status().ToString().c_str());
      return entente::cli::kExitUsage;
    }
    for (auto& b : *r) kb.push_back(std::move(b));
  }

  nlohmann::json blocs = {nlohmann::json::array(), nlohmann::json::array()};
  for (size_t v = 0; v < fr->bloc.size(); ++v) blocs[fr->bloc[v]].push_back(g.NodeName(static_cast<uint32_t>(v)));
  if (json) {
    nlohmann::json j;
    j["file"] = path;
    j["nodes"] = g.num_nodes();
    j["edges"] = g.num_edges();
    j["negative"] = g.num_negative();
    j["read"] = {{"rows", st.rows}, {"skipped", st.skipped}, {"merged", st.merged},
                 {"cancelled", st.cancelled}, {"header", st.header}};
    nlohmann::json frustrated = nlohmann::json::array();
    for (uint32_t e : fr->frustrated) {
      const auto& ed = g.edges()[e];
      frustrated.push_back({g.NodeName(ed.u), g.NodeName(ed.v), ed.sign});
    }
    // The headline figures at top level; details under "frustration".
    j["L"] = fr->L;
    j["F"] = fr->F;
    j["optimal"] = fr->optimal;
    j["lower_bound"] = fr->lower_bound;
    j["seconds"] = fr->seconds;
    j["blocs"] = blocs;
    j["frustration"] = {{"method", heuristic ? "heuristic" : "exact"},
                        {"L", fr->L},
                        {"F", fr->F},
                        {"optimal", fr->optimal},
                        {"lower_bound", fr->lower_bound},
                        {"gap", fr->gap},
                        {"seconds", fr->seconds},
                        {"components", fr->components},
                        {"blocks", fr->blocks},
                        {"reduced_nodes", fr->reduced_nodes},
                        {"reduced_edges", fr->reduced_edges},
                        {"bb_nodes", fr->bb_nodes},
                        {"blocs", blocs},
                        {"frustrated", frustrated}};
    j["triangles"] = {{"total", tc.total()},
                      {"balanced", tc.balanced()},
                      {"unbalanced", tc.unbalanced()},
                      {"by_negative", {tc.by_negative[0], tc.by_negative[1], tc.by_negative[2], tc.by_negative[3]}}};
    if (!kb.empty()) {
      j["k_blocs"] = nlohmann::json::array();
      for (const auto& b : kb) j["k_blocs"].push_back(BlocJson(g, b));
    }
    std::printf("%s\n", j.dump(2, ' ', false, nlohmann::json::error_handler_t::replace).c_str());
    return st.skipped ? entente::cli::kExitSkipped : entente::cli::kExitOk;
  }
  std::string out;
  out += fmt::format("file           {}\n", path);
  out += fmt::format("nodes          {}\nedges          {} ({} negative)\n", g.num_nodes(), g.num_edges(),
                     g.num_negative());
  out += fmt::format("lines skipped  {}   duplicates merged {}   cancelled {}\n", st.skipped, st.merged,
                     st.cancelled);
  out += fmt::format("method         {}\n", heuristic ? "heuristic" : "exact");
  out += fmt::format("L              {}\nF              {:.4f}\noptimal        {}\n", fr->L, fr->F,
                     fr->optimal ? "yes" : "no");
  out += fmt::format("lower_bound    {}\ngap            {:.4f}\nseconds        {:.3f}\n", fr->lower_bound,
                     fr->gap, fr->seconds);
  out += fmt::format("reduced        {} components, {} cyclic blocks, kernel {} nodes / {} edges, {} B&B nodes\n",
                     fr->components, fr->blocks, fr->reduced_nodes, fr->reduced_edges, fr->bb_nodes);
  out += fmt::format("triangles      {} total, {} balanced, {} unbalanced (by negative edges 0/1/2/3: {}/{}/{}/{})\n",
                     tc.total(), tc.balanced(), tc.unbalanced(), tc.by_negative[0], tc.by_negative[1],
                     tc.by_negative[2], tc.by_negative[3]);
  for (int b = 0; b < 2; ++b) {
    out += fmt::format("bloc {} ({:>4})  ", b, blocs[b].size());
    size_t shown = 0;
    for (const auto& name : blocs[b]) {
      if (shown++ == 40) {
        out += fmt::format("... (+{})", blocs[b].size() - 40);
        break;
      }
      out += name.get<std::string>() + " ";
    }
    out += "\n";
  }
  out += fmt::format("frustrated     {} edges:", fr->frustrated.size());
  size_t shown = 0;
  for (uint32_t e : fr->frustrated) {
    if (shown++ == 60) {
      out += " ...";
      break;
    }
    const auto& ed = g.edges()[e];
    out += fmt::format(" {}{}{}", g.NodeName(ed.u), ed.sign > 0 ? "+" : "-", g.NodeName(ed.v));
  }
  out += "\n";
  for (const auto& b : kb) {
    out += fmt::format("k={:<3} criterion {:.2f}  (neg within {}, pos between {})\n", b.k, b.criterion,
                       b.neg_within, b.pos_between);
  }
  std::fputs(out.c_str(), stdout);
  return st.skipped ? entente::cli::kExitSkipped : entente::cli::kExitOk;
}

}  // namespace

namespace entente::cli {

CLI::App* AddBalanceCommand(CLI::App& app, Runner* run) {
  auto a = std::make_shared<BalanceArgs>();
  CLI::App* sub = app.add_subcommand(
      "balance", "Structural balance of a signed network: frustration index L, F, blocs, triangle census");
  sub->add_option("edges", a->path, "Edge list CSV: from,to,sign[,weight] (header optional)")->required();
  sub->add_flag("--json", a->json, "Print one JSON object");
  sub->add_flag("--heuristic", a->heuristic,
                "Fast bounds for large networks instead of the exact solver (upper and lower bound)");
  sub->add_option("--k", a->k, "Also find the best k-bloc partition (weak balance, Doreian-Mrvar)")
      ->check(CLI::PositiveNumber);
  sub->add_option("--max-k", a->max_k, "Also report the Doreian-Mrvar criterion for k = 1..K")
      ->check(CLI::PositiveNumber);
  sub->add_option("--alpha", a->bopt.alpha, "Doreian-Mrvar weight of negative edges within blocs")
      ->capture_default_str();
  sub->add_option("--time-limit", a->fopt.time_limit_s, "Seconds before the exact search stops with bounds")
      ->capture_default_str();
  sub->add_option_function<uint64_t>("--seed", [a](uint64_t s) { a->fopt.seed = a->bopt.seed = s; },
                                     "Random seed of the heuristics (same seed, same result)");
  sub->add_option("--restarts", a->fopt.restarts, "Heuristic restarts")->capture_default_str();
  sub->add_option("--iterations", a->fopt.iterations, "Heuristic local-search iterations per restart")
      ->capture_default_str();
  *run = [a] { return Run(*a); };
  return sub;
}

}  // namespace entente::cli
