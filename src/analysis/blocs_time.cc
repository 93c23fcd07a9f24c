// Blocs over time: per-window partitions, F, and bloc stability across
// near-optimal solutions.
#include <algorithm>
#include <numeric>
#include <unordered_set>

#include <nlohmann/json.hpp>

#include "entente/trend.h"

namespace entente {

namespace {

std::vector<int> Components(const SignedGraph& g, size_t* count) {
  const size_t n = g.num_nodes();
  std::vector<int> parent(n);
  std::iota(parent.begin(), parent.end(), 0);
  auto find = [&](int x) {
    while (parent[x] != x) x = parent[x] = parent[parent[x]];
    return x;
  };
  for (const SignedEdge& e : g.edges()) {
    int a = find(e.u), b = find(e.v);
    if (a != b) parent[std::max(a, b)] = std::min(a, b);
  }
  std::vector<int> comp(n, -1), root_id(n, -1);
  int next = 0;
  for (size_t v = 0; v < n; ++v) {
    int r = find(static_cast<int>(v));
    if (root_id[r] < 0) root_id[r] = next++;
    comp[v] = root_id[r];
  }
  *count = static_cast<size_t>(next);
  return comp;
}

// k = 2: flip each component so that its first anchor (or its first node)
// sits in bloc 0.
void Orient(const SignedGraph& g, const std::vector<int>& comp, size_t ncomp,
            const std::vector<std::string>& anchors, std::vector<int>* bloc) {
  std::vector<int> ref_side(ncomp, -1);
  for (const std::string& a : anchors) {
    int64_t id = g.FindNode(a);
    if (id < 0) continue;
    int c = comp[id];
    if (ref_side[c] < 0) ref_side[c] = (*bloc)[id];
  }
  for (size_t v = 0; v < g.num_nodes(); ++v)
    if (ref_side[comp[v]] < 0) ref_side[comp[v]] = (*bloc)[v];
  for (size_t v = 0; v < g.num_nodes(); ++v)
    if (ref_side[comp[v]] == 1) (*bloc)[v] = 1 - (*bloc)[v];
}

}  // namespace

std::vector<double> BlocStability(const std::vector<int>& ref, const std::vector<int>& component,
                                  const std::vector<std::vector<int>>& solutions) {
  const size_t n = ref.size();
  std::vector<double> out(n, 1.0);
  if (solutions.empty() || n == 0) return out;
  std::vector<uint32_t> stable(n, 0);
  // Group nodes by (component, reference bloc).
  std::vector<std::pair<std::pair<int, int>, uint32_t>> keyed(n);
  for (size_t v = 0; v < n; ++v) keyed[v] = {{component[v], ref[v]}, static_cast<uint32_t>(v)};
  std::sort(keyed.begin(), keyed.end());
  std::vector<uint32_t> count;
  for (const auto& sol : solutions) {
    for (size_t i = 0; i < n;) {
      size_t j = i;
      while (j < n && keyed[j].first == keyed[i].first) ++j;
      // Label counts within the group.
      int maxlab = 0;
      for (size_t t = i; t < j; ++t) maxlab = std::max(maxlab, sol[keyed[t].second]);
      count.assign(maxlab + 1, 0);
      for (size_t t = i; t < j; ++t) ++count[sol[keyed[t].second]];
      uint32_t best = 0, second = 0;
      int best_lab = -1;
      for (int l = 0; l <= maxlab; ++l) {
        if (count[l] > best) {
          second = best;
          best = count[l];
          best_lab = l;
        } else if (count[l] > second) {
          second = count[l];
        }
      }
      if (best > second)  // a strict majority label; ties count as unstable
        for (size_t t = i; t < j; ++t)
          if (sol[keyed[t].second] == best_lab) ++stable[keyed[t].second];
      i = j;
    }
  }
  for (size_t v = 0; v < n; ++v) out[v] = static_cast<double>(stable[v]) / solutions.size();
  return out;
}

Result<std::vector<BlocWindow>> BlocsOverTime(const NetworkSeries& series, const BlocsOptions& o) {
  if (o.k < 2) return Status(Code::kInvalidArgument, "blocs over time needs k >= 2");
  if (o.solutions < 0 || o.delta < 0)
    return Status(Code::kInvalidArgument, "solutions and delta must be >= 0");
  std::vector<BlocWindow> out;
  out.reserve(series.windows.size());
  for (const WindowNetwork& wn : series.windows) {
    const SignedGraph& g = wn.graph;
    BlocWindow bw;
    bw.window = wn.window;
    bw.nodes = g.num_nodes();
    bw.edges = g.num_edges();
    bw.negative = g.num_negative();
    bw.names = g.names();
    bw.component = Components(g, &bw.components);
    bw.triangles = CountTriangles(g);
    if (g.num_edges() == 0) {
      bw.bloc.assign(g.num_nodes(), 0);
      bw.stability.assign(g.num_nodes(), 1.0);
      bw.optimal = true;
      out.push_back(std::move(bw));
      continue;
    }
    std::vector<std::vector<int>> sols;
    if (o.k == 2) {
      FrustrationOptions fo = o.frustration;
      fo.seed = o.seed;
      Result<FrustrationResult> ex = ExactFrustration(g, fo);
      if (!ex.ok()) return ex.status();
      bw.L = ex->L;
      bw.F = ex->F;
      bw.optimal = ex->optimal;
      bw.bloc = ex->bloc;
      sols.push_back(ex->bloc);
      for (int s = 1; s <= o.solutions; ++s) {
        FrustrationOptions ho;
        ho.seed = o.seed + s;
        ho.restarts = 1;          // one start per run: distinct local optima show up
        ho.lower_bound = false;
        ho.time_limit_s = o.frustration.time_limit_s;
        Result<FrustrationResult> h = HeuristicFrustration(g, ho);
        if (!h.ok()) return h.status();
        if (h->L <= bw.L + o.delta) sols.push_back(h->bloc);
      }
      Orient(g, bw.component, bw.components, o.anchors, &bw.bloc);
    } else {
      BlocOptions bo = o.blocs;
      bo.seed = o.seed;
      Result<BlocPartitionResult> best = BlocPartition(g, o.k, bo);
      if (!best.ok()) return best.status();
      bw.L = static_cast<int64_t>(best->inconsistencies());
      bw.F = 1.0 - static_cast<double>(bw.L) / g.num_edges();
      bw.optimal = false;
      bw.bloc = best->bloc;
      sols.push_back(best->bloc);
      for (int s = 1; s <= o.solutions; ++s) {
        BlocOptions alt = o.blocs;
        alt.seed = o.seed + s;
        alt.restarts = 1;
        Result<BlocPartitionResult> h = BlocPartition(g, o.k, alt);
        if (!h.ok()) return h.status();
        if (static_cast<int64_t>(h->inconsistencies()) <= bw.L + o.delta) sols.push_back(h->bloc);
      }
    }
    bw.solutions = static_cast<int>(sols.size());
    bw.stability = BlocStability(bw.bloc, bw.component, sols);
    out.push_back(std::move(bw));
  }
  return out;
}

std::string BlocWindowsToJson(const std::vector<BlocWindow>& ws) {
  using nlohmann::ordered_json;
  ordered_json arr = ordered_json::array();
  for (const BlocWindow& w : ws) {
    ordered_json j;
    j["window"] = w.window.label;
    j["nodes"] = w.nodes;
    j["edges"] = w.edges;
    j["negative"] = w.negative;
    j["L"] = w.L;
    j["F"] = w.F;
    j["optimal"] = w.optimal;
    j["components"] = w.components;
    j["solutions"] = w.solutions;
    j["triangles_balanced"] = w.triangles.balanced();
    j["triangles_unbalanced"] = w.triangles.unbalanced();
    ordered_json states = ordered_json::array();
    for (size_t v = 0; v < w.names.size(); ++v)
      states.push_back({{"name", w.names[v]},
                        {"bloc", w.bloc[v]},
                        {"component", w.component[v]},
                        {"stability", w.stability[v]}});
    j["states"] = std::move(states);
    arr.push_back(std::move(j));
  }
  return arr.dump(1) + "\n";
}

}  // namespace entente
