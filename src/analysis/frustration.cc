// Frustration index (line index of balance): reductions, heuristic, bounds and
// the exact branch and bound on the cycle LP relaxation.
#include <algorithm>
#include <array>
#include <cmath>
#include <limits>
#include <numeric>
#include <queue>
#include <unordered_set>

#include <coin/CoinPackedVector.hpp>
#include <coin/OsiClpSolverInterface.hpp>

#include "analysis/frustration_internal.h"
#include "entente/network.h"

namespace entente {
namespace balance_internal {

void Csr::Build(const Kernel& k) {
  off.assign(k.n + 1, 0);
  for (const KEdge& e : k.edges) {
    ++off[e.a + 1];
    ++off[e.b + 1];
  }
  for (int i = 0; i < k.n; ++i) off[i + 1] += off[i];
  nbr.resize(off[k.n]);
  eid.resize(off[k.n]);
  std::vector<int> pos(off.begin(), off.end() - 1);
  for (size_t i = 0; i < k.edges.size(); ++i) {
    const KEdge& e = k.edges[i];
    nbr[pos[e.a]] = e.b;
    eid[pos[e.a]++] = static_cast<int>(i);
    nbr[pos[e.b]] = e.a;
    eid[pos[e.b]++] = static_cast<int>(i);
  }
}

int64_t KernelCost(const Kernel& k, const std::vector<uint8_t>& side) {
  int64_t c = 0;
  for (const KEdge& e : k.edges) c += ((side[e.a] ^ side[e.b]) != e.p) ? e.w : 0;
  return c;
}

// ---------------------------------------------------------------------------
// Reduction.

Reduction Reduce(int n, const std::vector<KEdge>& input) {
  Reduction r;
  r.n = n;
  std::vector<KEdge> E = input;
  std::vector<char> alive(E.size(), 1);
  std::vector<std::vector<int>> adj(n);
  std::vector<int> deg(n, 0);
  for (size_t i = 0; i < E.size(); ++i) {
    adj[E[i].a].push_back(static_cast<int>(i));
    adj[E[i].b].push_back(static_cast<int>(i));
    ++deg[E[i].a];
    ++deg[E[i].b];
  }
  std::vector<char> removed(n, 0);
  std::vector<int> stack;
  for (int v = n - 1; v >= 0; --v)
    if (deg[v] <= 2) stack.push_back(v);
  auto other = [&](int e, int v) { return E[e].a == v ? E[e].b : E[e].a; };
  auto kill = [&](int e) {
    alive[e] = 0;
    for (int v : {E[e].a, E[e].b}) {
      if (--deg[v] <= 2 && !removed[v]) stack.push_back(v);
    }
  };
  auto live_edges = [&](int v) {
    auto& l = adj[v];
    l.erase(std::remove_if(l.begin(), l.end(), [&](int e) { return !alive[e]; }), l.end());
    return l;
  };
  while (!stack.empty()) {
    int x = stack.back();
    stack.pop_back();
    if (removed[x] || deg[x] > 2) continue;
    std::vector<int> le = live_edges(x);
    Reduction::Step st;
    st.x = x;
    removed[x] = 1;
    if (le.size() >= 1) {
      st.a = other(le[0], x);
      st.pa = E[le[0]].p;
      st.wa = E[le[0]].w;
    }
    if (le.size() == 2) {
      st.b = other(le[1], x);
      st.pb = E[le[1]].p;
      st.wb = E[le[1]].w;
    }
    r.steps.push_back(st);
    for (int e : le) kill(e);
    if (le.size() != 2) continue;
    const int a = st.a, b = st.b;
    const uint8_t p = st.pa ^ st.pb;
    const int64_t w = std::min(st.wa, st.wb);
    // Existing edge a-b?
    int found = -1;
    {
      const int s = adj[a].size() <= adj[b].size() ? a : b;
      const int t = s == a ? b : a;
      for (int e : adj[s]) {
        if (alive[e] && other(e, s) == t) {
          found = e;
          break;
        }
      }
    }
    if (found < 0) {
      E.push_back(KEdge{std::min(a, b), std::max(a, b), p, w});
      alive.push_back(1);
      const int id = static_cast<int>(E.size()) - 1;
      adj[a].push_back(id);
      adj[b].push_back(id);
      ++deg[a];
      ++deg[b];
    } else if (E[found].p == p) {
      E[found].w += w;
    } else {
      r.offset += std::min(E[found].w, w);
      if (E[found].w > w) {
        E[found].w -= w;
      } else if (E[found].w < w) {
        E[found].w = w - E[found].w;
        E[found].p = p;
      } else {
        kill(found);
      }
    }
  }
  std::vector<int> kid(n, -1);
  for (int v = 0; v < n; ++v) {
    if (!removed[v]) {
      kid[v] = static_cast<int>(r.local_of_kernel.size());
      r.local_of_kernel.push_back(v);
    }
  }
  r.kernel.n = static_cast<int>(r.local_of_kernel.size());
  for (size_t i = 0; i < E.size(); ++i) {
    if (!alive[i]) continue;
    KEdge e = E[i];
    e.a = kid[e.a];
    e.b = kid[e.b];
    if (e.a > e.b) std::swap(e.a, e.b);
    r.kernel.edges.push_back(e);
  }
  return r;
}

std::vector<uint8_t> Expand(const Reduction& r, const std::vector<uint8_t>& kernel_side) {
  std::vector<uint8_t> side(r.n, 0);
  for (size_t i = 0; i < r.local_of_kernel.size(); ++i) side[r.local_of_kernel[i]] = kernel_side[i];
  for (auto it = r.steps.rbegin(); it != r.steps.rend(); ++it) {
    const Reduction::Step& st = *it;
    if (st.a < 0) {
      side[st.x] = 0;
    } else if (st.b < 0) {
      side[st.x] = side[st.a] ^ st.pa;  // keep the pendant edge satisfied
    } else {
      int64_t cost[2];
      for (int s = 0; s < 2; ++s) {
        cost[s] = (((s ^ side[st.a]) != st.pa) ? st.wa : 0) + (((s ^ side[st.b]) != st.pb) ? st.wb : 0);
      }
      side[st.x] = cost[1] < cost[0] ? 1 : 0;
    }
  }
  return side;
}

// ---------------------------------------------------------------------------
// Biconnected blocks (iterative Tarjan).

std::vector<std::vector<int>> BiconnectedBlocks(int n, const std::vector<std::pair<int, int>>& edges) {
  std::vector<int> off(n + 1, 0), nb(2 * edges.size()), ne(2 * edges.size());
  for (const auto& [a, b] : edges) {
    ++off[a + 1];
    ++off[b + 1];
  }
  for (int i = 0; i < n; ++i) off[i + 1] += off[i];
  {
    std::vector<int> pos(off.begin(), off.end() - 1);
    for (size_t i = 0; i < edges.size(); ++i) {
      auto [a, b] = edges[i];
      nb[pos[a]] = b;
      ne[pos[a]++] = static_cast<int>(i);
      nb[pos[b]] = a;
      ne[pos[b]++] = static_cast<int>(i);
    }
  }
  std::vector<std::vector<int>> blocks;
  std::vector<int> disc(n, -1), low(n, 0), estack;
  struct Frame {
    int v, pe, it;
  };
  std::vector<Frame> frames;
  int t = 0;
  for (int r = 0; r < n; ++r) {
    if (disc[r] >= 0 || off[r] == off[r + 1]) continue;
    disc[r] = low[r] = t++;
    frames.push_back({r, -1, off[r]});
    while (!frames.empty()) {
      Frame& f = frames.back();
      const int v = f.v;
      if (f.it < off[v + 1]) {
        const int w = nb[f.it], e = ne[f.it];
        ++f.it;
        if (e == f.pe) continue;
        if (disc[w] < 0) {
          estack.push_back(e);
          disc[w] = low[w] = t++;
          frames.push_back({w, e, off[w]});
        } else if (disc[w] < disc[v]) {
          estack.push_back(e);
          low[v] = std::min(low[v], disc[w]);
        }
      } else {
        const int pe = f.pe;
        frames.pop_back();
        if (frames.empty()) break;
        const int u = frames.back().v;
        low[u] = std::min(low[u], low[v]);
        if (low[v] >= disc[u]) {
          std::vector<int> block;
          while (true) {
            int e = estack.back();
            estack.pop_back();
            block.push_back(e);
            if (e == pe) break;
          }
          blocks.push_back(std::move(block));
        }
      }
    }
  }
  return blocks;
}

// ---------------------------------------------------------------------------
// Local search.

namespace {

class LocalSearch {
 public:
  LocalSearch(const Kernel& k, const Csr& c) : k_(k), c_(c), side_(k.n, 0), gain_(k.n, 0) {}

  void Load(const std::vector<uint8_t>& side) {
    side_ = side;
    std::fill(gain_.begin(), gain_.end(), 0);
    cost_ = 0;
    for (const KEdge& e : k_.edges) {
      const bool fr = (side_[e.a] ^ side_[e.b]) != e.p;
      const int64_t d = fr ? e.w : -e.w;
      gain_[e.a] += d;
      gain_[e.b] += d;
      if (fr) cost_ += e.w;
    }
  }

  void Flip(int v) {
    for (int i = c_.off[v]; i < c_.off[v + 1]; ++i) {
      const int u = c_.nbr[i];
      const KEdge& e = k_.edges[c_.eid[i]];
      const bool fr = (side_[u] ^ side_[v]) != e.p;
      if (fr) {
        cost_ -= e.w;
        gain_[u] -= 2 * e.w;
      } else {
        cost_ += e.w;
        gain_[u] += 2 * e.w;
      }
    }
    side_[v] ^= 1;
    gain_[v] = -gain_[v];
  }

  // First-improvement descent; flipped vertices are appended to *log.
  void Descend(std::vector<int>* log, std::vector<int>& queue) {
    queue.clear();
    for (int v = 0; v < k_.n; ++v)
      if (gain_[v] > 0) queue.push_back(v);
    DescendFrom(log, queue);
  }

  void DescendFrom(std::vector<int>* log, std::vector<int>& queue) {
    while (!queue.empty()) {
      const int v = queue.back();
      queue.pop_back();
      if (gain_[v] <= 0) continue;
      Flip(v);
      if (log) log->push_back(v);
      for (int i = c_.off[v]; i < c_.off[v + 1]; ++i) {
        const int u = c_.nbr[i];
        if (gain_[u] > 0) queue.push_back(u);
      }
    }
  }

  int64_t cost() const { return cost_; }
  const std::vector<uint8_t>& side() const { return side_; }

 private:
  const Kernel& k_;
  const Csr& c_;
  std::vector<uint8_t> side_;
  std::vector<int64_t> gain_;
  int64_t cost_ = 0;
};

int FindRoot(std::vector<int>& parent, int x) {
  while (parent[x] != x) {
    parent[x] = parent[parent[x]];
    x = parent[x];
  }
  return x;
}

// Sides making the edges of a spanning forest (chosen in `order`) satisfied.
void TreeSides(const Kernel& k, const std::vector<int>& order, std::vector<uint8_t>* side) {
  std::vector<int> parent(k.n);
  std::iota(parent.begin(), parent.end(), 0);
  // forest adjacency
  std::vector<std::vector<std::pair<int, int>>> tree(k.n);
  for (int ei : order) {
    const KEdge& e = k.edges[ei];
    int ra = FindRoot(parent, e.a), rb = FindRoot(parent, e.b);
    if (ra == rb) continue;
    parent[ra] = rb;
    tree[e.a].push_back({e.b, e.p});
    tree[e.b].push_back({e.a, e.p});
  }
  side->assign(k.n, 0);
  std::vector<char> seen(k.n, 0);
  std::vector<int> stack;
  for (int r = 0; r < k.n; ++r) {
    if (seen[r]) continue;
    seen[r] = 1;
    stack.push_back(r);
    while (!stack.empty()) {
      int v = stack.back();
      stack.pop_back();
      for (auto [u, p] : tree[v]) {
        if (seen[u]) continue;
        seen[u] = 1;
        (*side)[u] = (*side)[v] ^ p;
        stack.push_back(u);
      }
    }
  }
}

}  // namespace

int64_t HeuristicSolve(const Kernel& k, const Csr& csr, uint64_t seed, int restarts, int iterations,
                       Clock::time_point deadline, std::vector<uint8_t>* best_side) {
  if (k.edges.empty()) {
    best_side->assign(k.n, 0);
    return 0;
  }
  Rng rng(seed);
  LocalSearch ls(k, csr);
  int64_t best = std::numeric_limits<int64_t>::max();
  std::vector<int> order(k.edges.size()), log, queue;
  std::vector<uint8_t> side;
  if (!best_side->empty() && best_side->size() == static_cast<size_t>(k.n)) {
    ls.Load(*best_side);
    best = ls.cost();
  }
  for (int r = 0; r < std::max(1, restarts); ++r) {
    std::iota(order.begin(), order.end(), 0);
    for (size_t i = order.size(); i > 1; --i) std::swap(order[i - 1], order[rng.Below(static_cast<uint32_t>(i))]);
    TreeSides(k, order, &side);
    ls.Load(side);
    ls.Descend(nullptr, queue);
    int64_t cur = ls.cost();
    if (cur < best) {
      best = cur;
      *best_side = ls.side();
    }
    for (int it = 0; it < iterations; ++it) {
      if ((it & 255) == 0 && Clock::now() > deadline) break;
      // Perturb: flip a short random walk of 1..4 vertices.
      log.clear();
      int v = static_cast<int>(rng.Below(static_cast<uint32_t>(k.n)));
      const int len = 1 + static_cast<int>(rng.Below(4));
      queue.clear();
      for (int s = 0; s < len; ++s) {
        ls.Flip(v);
        log.push_back(v);
        const int d = csr.off[v + 1] - csr.off[v];
        if (d == 0) break;
        v = csr.nbr[csr.off[v] + static_cast<int>(rng.Below(static_cast<uint32_t>(d)))];
      }
      for (int x : log) {
        for (int i = csr.off[x]; i < csr.off[x + 1]; ++i) queue.push_back(csr.nbr[i]);
        queue.push_back(x);
      }
      ls.DescendFrom(&log, queue);
      if (ls.cost() <= cur) {
        cur = ls.cost();
        if (cur < best) {
          best = cur;
          *best_side = ls.side();
        }
      } else {
        for (auto i = log.rbegin(); i != log.rend(); ++i) ls.Flip(*i);
      }
    }
    if (Clock::now() > deadline) break;
  }
  return best;
}

// ---------------------------------------------------------------------------
// Lower bound by cycle packing.

int64_t PackingLowerBound(const Kernel& k, const Csr& csr, Clock::time_point deadline) {
  const int n = k.n;
  std::vector<int64_t> res(k.edges.size());
  for (size_t i = 0; i < k.edges.size(); ++i) res[i] = k.edges[i].w;
  int64_t lb = 0;
  // 1. Triangles, by degree ordering.
  {
    std::vector<int> rank(n);
    std::vector<int> idx(n);
    std::iota(idx.begin(), idx.end(), 0);
    std::sort(idx.begin(), idx.end(), [&](int a, int b) {
      int da = csr.off[a + 1] - csr.off[a], db = csr.off[b + 1] - csr.off[b];
      return da != db ? da < db : a < b;
    });
    for (int i = 0; i < n; ++i) rank[idx[i]] = i;
    // Enumerate unbalanced triangles (bounded memory), then pack them
    // greedily, scarcest first: a triangle whose edges lie on few other
    // unbalanced triangles blocks few others.
    constexpr size_t kMaxTriangles = size_t{1} << 23;
    std::vector<std::array<int, 3>> tris;
    std::vector<int> mark(n, -1);
    for (int u = 0; u < n && tris.size() < kMaxTriangles; ++u) {
      if ((u & 1023) == 0 && Clock::now() > deadline) break;
      for (int i = csr.off[u]; i < csr.off[u + 1]; ++i)
        if (rank[csr.nbr[i]] > rank[u]) mark[csr.nbr[i]] = csr.eid[i];
      for (int i = csr.off[u]; i < csr.off[u + 1]; ++i) {
        const int v = csr.nbr[i], euv = csr.eid[i];
        if (rank[v] <= rank[u]) continue;
        for (int j = csr.off[v]; j < csr.off[v + 1]; ++j) {
          const int w = csr.nbr[j];
          if (rank[w] <= rank[v] || mark[w] < 0) continue;
          const int evw = csr.eid[j], euw = mark[w];
          if ((k.edges[euv].p ^ k.edges[evw].p ^ k.edges[euw].p) == 0) continue;
          tris.push_back({euv, evw, euw});
        }
      }
      for (int i = csr.off[u]; i < csr.off[u + 1]; ++i) mark[csr.nbr[i]] = -1;
    }
    std::vector<int64_t> load(k.edges.size(), 0);
    for (const auto& t : tris)
      for (int e : t) ++load[e];
    std::vector<int64_t> score(tris.size());
    for (size_t i = 0; i < tris.size(); ++i)
      score[i] = load[tris[i][0]] + load[tris[i][1]] + load[tris[i][2]];
    std::vector<uint32_t> order(tris.size());
    std::iota(order.begin(), order.end(), 0u);
    std::stable_sort(order.begin(), order.end(), [&](uint32_t a, uint32_t b) { return score[a] < score[b]; });
    for (uint32_t ti : order) {
      const auto& t = tris[ti];
      const int64_t r = std::min({res[t[0]], res[t[1]], res[t[2]]});
      if (r <= 0) continue;
      for (int e : t) res[e] -= r;
      lb += r;
    }
  }
  // 2. Short unbalanced closed walks by BFS in the parity double cover.
  {
    const size_t kMaxVisit = 512;  // BFS budget per start vertex
    std::vector<int> pred_node(2 * n, -1), pred_edge(2 * n, -1), touched, bfs;
    std::vector<char> seen(2 * n, 0), in_walk(k.edges.size(), 0);
    for (int s = 0; s < n; ++s) {
      if ((s & 63) == 0 && Clock::now() > deadline) break;
      while (true) {
        for (int t : touched) seen[t] = 0;
        touched.clear();
        bfs.clear();
        bfs.push_back(2 * s);
        seen[2 * s] = 1;
        touched.push_back(2 * s);
        bool found = false;
        for (size_t h = 0; h < bfs.size() && !found && bfs.size() < kMaxVisit; ++h) {
          const int x = bfs[h], v = x >> 1, par = x & 1;
          for (int i = csr.off[v]; i < csr.off[v + 1]; ++i) {
            const int e = csr.eid[i];
            if (res[e] == 0) continue;
            const int y = 2 * csr.nbr[i] + (par ^ k.edges[e].p);
            if (seen[y]) continue;
            seen[y] = 1;
            touched.push_back(y);
            pred_node[y] = x;
            pred_edge[y] = e;
            if (y == 2 * s + 1) {
              found = true;
              break;
            }
            bfs.push_back(y);
          }
        }
        if (!found) break;
        std::vector<int> walk;
        for (int y = 2 * s + 1; y != 2 * s; y = pred_node[y]) {
          const int e = pred_edge[y];
          if (!in_walk[e]) {
            in_walk[e] = 1;
            walk.push_back(e);
          }
        }
        int64_t r = std::numeric_limits<int64_t>::max();
        for (int e : walk) r = std::min(r, res[e]);
        for (int e : walk) {
          res[e] -= r;
          in_walk[e] = 0;
        }
        lb += r;
      }
    }
  }
  return lb;
}

// ---------------------------------------------------------------------------
// Exact branch and bound.

namespace {

constexpr double kEps = 1e-6;
constexpr double kViolation = 1e-4;

struct Cut {
  std::vector<int> edges;  // edge ids
  std::vector<char> in_s;  // term is (1 - x_e)
};

class BranchAndBound {
 public:
  BranchAndBound(const Kernel& k, const Csr& c, Clock::time_point deadline)
      : k_(k), c_(c), deadline_(deadline), m_(static_cast<int>(k.edges.size())) {
    FindTriangles();
    std::vector<int> start(m_ + 1, 0);
    std::vector<double> lo(m_, 0.0), hi(m_, 1.0), obj(m_);
    for (int i = 0; i < m_; ++i) obj[i] = static_cast<double>(k.edges[i].w);
    si_.messageHandler()->setLogLevel(0);
    si_.setHintParam(OsiDoReducePrint, true, OsiHintTry);
    si_.loadProblem(m_, 0, start.data(), nullptr, nullptr, lo.data(), hi.data(), obj.data(),
                    nullptr, nullptr);
    si_.setObjSense(1.0);
  }

  ExactOutcome Run(int64_t ub, std::vector<uint8_t>* side) {
    ExactOutcome out;
    ub_ = ub;
    best_side_ = *side;
    x_.assign(m_, 0.0);
    // Depth-first search; each open node is its list of fixings and the
    // bound of its parent.
    struct Node {
      std::vector<std::pair<int, int>> fix;
      int64_t bound;
    };
    std::vector<Node> open;
    open.push_back({{}, 0});
    bool first = true;
    int64_t lower_at_stop = std::numeric_limits<int64_t>::max();
    bool stopped = false;
    while (!open.empty()) {
      Node node = std::move(open.back());
      open.pop_back();
      if (node.bound >= ub_) continue;
      if (Clock::now() > deadline_) {
        stopped = true;
        lower_at_stop = std::min(lower_at_stop, node.bound);
        for (const Node& o : open) lower_at_stop = std::min(lower_at_stop, o.bound);
        break;
      }
      ++out.nodes;
      ApplyFixings(node.fix);
      int64_t bound = 0;
      const int status = SolveNode(first, &bound);
      if (first) root_bound_ = bound;
      first = false;
      if (status == kInfeasible) continue;
      if (status == kStopped) {
        stopped = true;
        lower_at_stop = std::min(lower_at_stop, std::max(node.bound, bound));
        for (const Node& o : open) lower_at_stop = std::min(lower_at_stop, o.bound);
        break;
      }
      if (bound >= ub_) continue;
      if (status == kIntegral) continue;  // incumbent updated inside
      if (out.nodes % 16 == 1) RoundingHeuristic();
      if (bound >= ub_) continue;
      // Branch on the most fractional variable.
      int var = -1;
      double best = 2;
      for (int i = 0; i < m_; ++i) {
        const double d = std::fabs(x_[i] - 0.5);
        if (x_[i] > kEps && x_[i] < 1 - kEps && d < best) {
          best = d;
          var = i;
        }
      }
      if (var < 0) continue;  // cannot happen: not integral means a fractional var
      const int first_val = x_[var] >= 0.5 ? 1 : 0;
      Node a{node.fix, bound}, b{std::move(node.fix), bound};
      a.fix.push_back({var, 1 - first_val});
      b.fix.push_back({var, first_val});
      open.push_back(std::move(a));
      open.push_back(std::move(b));  // explored first
    }
    out.best = ub_;
    *side = best_side_;
    if (stopped) {
      out.optimal = false;
      out.lower = std::min(ub_, std::max(root_bound_, lower_at_stop == std::numeric_limits<int64_t>::max() ? 0 : lower_at_stop));
      if (root_bound_ > out.lower) out.lower = std::min(ub_, root_bound_);
    } else {
      out.optimal = true;
      out.lower = ub_;
    }
    return out;
  }

 private:
  enum { kFractional = 0, kIntegral = 1, kInfeasible = 2, kStopped = 3 };

  void FindTriangles() {
    const int n = k_.n;
    std::vector<int> mark(n, -1);
    for (int u = 0; u < n; ++u) {
      for (int i = c_.off[u]; i < c_.off[u + 1]; ++i)
        if (c_.nbr[i] > u) mark[c_.nbr[i]] = c_.eid[i];
      for (int i = c_.off[u]; i < c_.off[u + 1]; ++i) {
        const int v = c_.nbr[i];
        if (v <= u) continue;
        for (int j = c_.off[v]; j < c_.off[v + 1]; ++j) {
          const int w = c_.nbr[j];
          if (w <= v || mark[w] < 0) continue;
          tri_.push_back({c_.eid[i], c_.eid[j], mark[w]});
        }
      }
      for (int i = c_.off[u]; i < c_.off[u + 1]; ++i) mark[c_.nbr[i]] = -1;
    }
  }

  void ApplyFixings(const std::vector<std::pair<int, int>>& fix) {
    std::vector<double> lo(m_, 0.0), hi(m_, 1.0);
    for (auto [v, val] : fix) lo[v] = hi[v] = val;
    for (int i = 0; i < m_; ++i) {
      si_.setColLower(i, lo[i]);
      si_.setColUpper(i, hi[i]);
    }
  }

  bool Resolve(bool initial) {
    if (initial) si_.initialSolve();
    else si_.resolve();
    if (!si_.isProvenOptimal()) return false;
    const double* x = si_.getColSolution();
    x_.assign(x, x + m_);
    return true;
  }

  // Cutting-plane loop at one node.
  int SolveNode(bool initial, int64_t* bound) {
    if (!Resolve(initial && si_.getNumRows() == 0)) return kInfeasible;
    while (true) {
      *bound = static_cast<int64_t>(std::ceil(si_.getObjValue() - kEps));
      if (*bound >= ub_) return kFractional;
      if (Clock::now() > deadline_) return kStopped;
      std::vector<Cut> cuts;
      SeparateTriangles(&cuts);
      if (cuts.size() < 8) SeparateCycles(&cuts);
      if (cuts.empty()) break;
      AddCuts(cuts);
      if (!Resolve(false)) return kInfeasible;
    }
    *bound = static_cast<int64_t>(std::ceil(si_.getObjValue() - kEps));
    for (int i = 0; i < m_; ++i)
      if (x_[i] > kEps && x_[i] < 1 - kEps) return kFractional;
    // Integral and no violated cycle inequality: a cut vector.
    std::vector<uint8_t> side;
    if (SidesFromFrustrated(&side)) {
      const int64_t c = KernelCost(k_, side);
      if (c < ub_) {
        ub_ = c;
        best_side_ = side;
      }
    }
    return kIntegral;
  }

  bool SidesFromFrustrated(std::vector<uint8_t>* side) {
    const int n = k_.n;
    side->assign(n, 0);
    std::vector<char> seen(n, 0);
    std::vector<int> stack;
    for (int r = 0; r < n; ++r) {
      if (seen[r]) continue;
      seen[r] = 1;
      stack.push_back(r);
      while (!stack.empty()) {
        int v = stack.back();
        stack.pop_back();
        for (int i = c_.off[v]; i < c_.off[v + 1]; ++i) {
          const int u = c_.nbr[i], e = c_.eid[i];
          const uint8_t y = static_cast<uint8_t>((x_[e] > 0.5 ? 1 : 0) ^ k_.edges[e].p);
          if (!seen[u]) {
            seen[u] = 1;
            (*side)[u] = (*side)[v] ^ y;
            stack.push_back(u);
          }
        }
      }
    }
    return true;
  }

  void RoundingHeuristic() {
    std::vector<int> order(m_);
    std::iota(order.begin(), order.end(), 0);
    std::stable_sort(order.begin(), order.end(), [&](int a, int b) {
      const double da = std::min(x_[a], 1 - x_[a]), db = std::min(x_[b], 1 - x_[b]);
      return da < db;
    });
    // Satisfy confident edges first: an edge with x near 1 is frustrated, so
    // its target relation is flipped.
    Kernel flipped = k_;
    for (int i = 0; i < m_; ++i)
      if (x_[i] > 0.5) flipped.edges[i].p ^= 1;
    std::vector<uint8_t> side;
    TreeSides(flipped, order, &side);
    LocalSearch ls(k_, c_);
    ls.Load(side);
    std::vector<int> queue;
    ls.Descend(nullptr, queue);
    if (ls.cost() < ub_) {
      ub_ = ls.cost();
      best_side_ = ls.side();
    }
  }

  void AddCuts(const std::vector<Cut>& cuts) {
    std::vector<CoinPackedVector> rows(cuts.size());
    std::vector<const CoinPackedVectorBase*> ptrs(cuts.size());
    std::vector<double> lo(cuts.size()), hi(cuts.size(), si_.getInfinity());
    for (size_t c = 0; c < cuts.size(); ++c) {
      const Cut& cut = cuts[c];
      int s = 0;
      for (size_t i = 0; i < cut.edges.size(); ++i) {
        rows[c].insert(cut.edges[i], cut.in_s[i] ? -1.0 : 1.0);
        s += cut.in_s[i];
      }
      lo[c] = 1.0 - s;
      ptrs[c] = &rows[c];
    }
    si_.addRows(static_cast<int>(cuts.size()), ptrs.data(), lo.data(), hi.data());
  }

  bool Remember(const Cut& cut) {
    // Canonical key: sorted (edge, in_s).
    std::vector<uint64_t> key;
    for (size_t i = 0; i < cut.edges.size(); ++i) key.push_back(uint64_t(cut.edges[i]) * 2 + cut.in_s[i]);
    std::sort(key.begin(), key.end());
    uint64_t h = 1469598103934665603ull;
    for (uint64_t x : key) h = (h ^ x) * 1099511628211ull;
    return seen_.insert(h).second;
  }

  void SeparateTriangles(std::vector<Cut>* cuts) {
    const size_t limit = std::max<size_t>(50, static_cast<size_t>(k_.n) * 2);
    for (const auto& t : tri_) {
      const int p = k_.edges[t[0]].p ^ k_.edges[t[1]].p ^ k_.edges[t[2]].p;
      const double x0 = x_[t[0]], x1 = x_[t[1]], x2 = x_[t[2]];
      // Try the S sets of the right parity: |S| = p + 1 mod 2.
      double best = 1 - kViolation;
      int best_mask = -1;
      for (int mask = 0; mask < 8; ++mask) {
        if ((__builtin_popcount(mask) & 1) != ((p + 1) & 1)) continue;
        const double lhs = ((mask & 1) ? 1 - x0 : x0) + ((mask & 2) ? 1 - x1 : x1) + ((mask & 4) ? 1 - x2 : x2);
        if (lhs < best) {
          best = lhs;
          best_mask = mask;
        }
      }
      if (best_mask < 0) continue;
      Cut cut{{t[0], t[1], t[2]}, {char(best_mask & 1), char((best_mask >> 1) & 1), char((best_mask >> 2) & 1)}};
      if (!Remember(cut)) continue;
      cuts->push_back(std::move(cut));
      if (cuts->size() >= limit) return;
    }
  }

  // Shortest odd closed walks in the double cover; split into simple cycles.
  void SeparateCycles(std::vector<Cut>* cuts) {
    const int n = k_.n;
    const size_t limit = std::max<size_t>(50, static_cast<size_t>(n));
    std::vector<double> dist(2 * n);
    std::vector<int> pn(2 * n), pe(2 * n);
    std::vector<char> ps(2 * n), done(2 * n);
    using Item = std::pair<double, int>;
    for (int s = 0; s < n && cuts->size() < limit; ++s) {
      std::fill(dist.begin(), dist.end(), 1.0);
      std::fill(done.begin(), done.end(), 0);
      std::priority_queue<Item, std::vector<Item>, std::greater<Item>> pq;
      dist[2 * s] = 0;
      pq.push({0.0, 2 * s});
      const int target = 2 * s + 1;
      while (!pq.empty()) {
        auto [d, xnode] = pq.top();
        pq.pop();
        if (done[xnode]) continue;
        done[xnode] = 1;
        if (xnode == target) break;
        const int v = xnode >> 1, par = xnode & 1;
        for (int i = c_.off[v]; i < c_.off[v + 1]; ++i) {
          const int u = c_.nbr[i], e = c_.eid[i];
          for (int ins = 0; ins < 2; ++ins) {
            const double c = ins ? std::max(0.0, 1 - x_[e]) : std::max(0.0, x_[e]);
            const double nd = d + c;
            const int y = 2 * u + (par ^ k_.edges[e].p ^ ins);
            if (nd < dist[y] - 1e-12) {
              dist[y] = nd;
              pn[y] = xnode;
              pe[y] = e;
              ps[y] = static_cast<char>(ins);
              pq.push({nd, y});
            }
          }
        }
      }
      if (!(dist[target] < 1 - kViolation)) continue;
      // Walk as sequences of vertices and (edge, in_s).
      std::vector<int> verts{s};
      std::vector<int> es;
      std::vector<char> ss;
      for (int y = target; y != 2 * s; y = pn[y]) {
        es.push_back(pe[y]);
        ss.push_back(ps[y]);
        verts.push_back(pn[y] >> 1);
      }
      // verts[i] -- es[i] -- verts[i+1]; closed: verts.back() == s.
      ExtractSimple(verts, es, ss, cuts);
    }
  }

  void ExtractSimple(std::vector<int> verts, std::vector<int> es, std::vector<char> ss,
                     std::vector<Cut>* cuts) {
    while (true) {
      // Find a repeated vertex among verts[0..len-1] (verts[len] == verts[0]).
      const size_t len = es.size();
      int i0 = -1, j0 = -1;
      for (size_t i = 0; i < len && i0 < 0; ++i)
        for (size_t j = i + 1; j < len; ++j)
          if (verts[i] == verts[j]) {
            i0 = static_cast<int>(i);
            j0 = static_cast<int>(j);
            break;
          }
      if (i0 < 0) break;
      // Sub-walk i0..j0 versus the rest; keep the one with odd parity.
      int par = 0;
      for (int t = i0; t < j0; ++t) par ^= k_.edges[es[t]].p ^ ss[t];
      std::vector<int> nv, ne;
      std::vector<char> ns;
      if (par) {
        for (int t = i0; t < j0; ++t) {
          nv.push_back(verts[t]);
          ne.push_back(es[t]);
          ns.push_back(ss[t]);
        }
        nv.push_back(verts[j0]);
      } else {
        for (int t = 0; t < i0; ++t) {
          nv.push_back(verts[t]);
          ne.push_back(es[t]);
          ns.push_back(ss[t]);
        }
        for (size_t t = j0; t < len; ++t) {
          nv.push_back(verts[t]);
          ne.push_back(es[t]);
          ns.push_back(ss[t]);
        }
        nv.push_back(verts[len]);
      }
      verts.swap(nv);
      es.swap(ne);
      ss.swap(ns);
    }
    if (es.size() < 3) return;
    Cut cut{es, ss};
    if (Remember(cut)) cuts->push_back(std::move(cut));
  }

  const Kernel& k_;
  const Csr& c_;
  Clock::time_point deadline_;
  int m_;
  OsiClpSolverInterface si_;
  std::vector<double> x_;
  std::vector<std::array<int, 3>> tri_;
  std::unordered_set<uint64_t> seen_;
  int64_t ub_ = 0;
  int64_t root_bound_ = 0;
  std::vector<uint8_t> best_side_;
};

}  // namespace

ExactOutcome ExactSolve(const Kernel& k, const Csr& csr, int64_t ub, std::vector<uint8_t>* side,
                        Clock::time_point deadline) {
  if (k.edges.empty()) {
    side->assign(k.n, 0);
    return ExactOutcome{0, 0, true, 0};
  }
  BranchAndBound bb(k, csr, deadline);
  return bb.Run(ub, side);
}

}  // namespace balance_internal

// ---------------------------------------------------------------------------
// Public entry points.

namespace {

using namespace balance_internal;

Result<FrustrationResult> Solve(const SignedGraph& g, const FrustrationOptions& opt, bool exact) {
  if (opt.restarts < 0) return Status(Code::kInvalidArgument, "restarts must be >= 0");
  if (opt.iterations < 0) return Status(Code::kInvalidArgument, "iterations must be >= 0");
  const auto start = Clock::now();
  const auto deadline = opt.time_limit_s > 0
                            ? start + std::chrono::duration_cast<Clock::duration>(
                                          std::chrono::duration<double>(opt.time_limit_s))
                            : Clock::time_point::max();
  FrustrationResult res;
  const int n = static_cast<int>(g.num_nodes());
  const auto& E = g.edges();
  std::vector<std::pair<int, int>> pairs(E.size());
  for (size_t i = 0; i < E.size(); ++i) pairs[i] = {static_cast<int>(E[i].u), static_cast<int>(E[i].v)};
  // Connected components with edges.
  {
    std::vector<int> parent(n);
    std::iota(parent.begin(), parent.end(), 0);
    for (auto [a, b] : pairs) {
      int ra = FindRoot(parent, a), rb = FindRoot(parent, b);
      if (ra != rb) parent[ra] = rb;
    }
    std::vector<char> has(n, 0);
    for (auto [a, b] : pairs) has[FindRoot(parent, a)] = 1;
    for (int v = 0; v < n; ++v) res.components += has[v] && FindRoot(parent, v) == v;
  }
  std::vector<std::vector<int>> blocks = BiconnectedBlocks(n, pairs);
  // Solve every block; remember local sides.
  std::vector<std::vector<uint8_t>> block_side(blocks.size());
  std::vector<std::vector<int>> block_verts(blocks.size());
  std::vector<int> local(n, -1);
  int64_t lower = 0, upper = 0;
  bool all_optimal = true;
  uint64_t seed = opt.seed;
  for (size_t bi = 0; bi < blocks.size(); ++bi) {
    const auto& blk = blocks[bi];
    auto& verts = block_verts[bi];
    for (int e : blk) {
      for (int v : {pairs[e].first, pairs[e].second}) {
        if (local[v] < 0) {
          local[v] = static_cast<int>(verts.size());
          verts.push_back(v);
        }
      }
    }
    if (blk.size() == 1) {
      // A bridge: never frustrated.
      block_side[bi] = {0, static_cast<uint8_t>(E[blk[0]].sign < 0 ? 1 : 0)};
      // verts order is (u, v) of the edge
      for (int v : verts) local[v] = -1;
      continue;
    }
    ++res.blocks;
    std::vector<KEdge> ke;
    ke.reserve(blk.size());
    for (int e : blk) {
      int a = local[pairs[e].first], b = local[pairs[e].second];
      if (a > b) std::swap(a, b);
      ke.push_back(KEdge{a, b, static_cast<uint8_t>(E[e].sign < 0 ? 1 : 0), 1});
    }
    for (int v : verts) local[v] = -1;
    Reduction red = Reduce(static_cast<int>(verts.size()), ke);
    res.reduced_nodes += red.kernel.n;
    res.reduced_edges += red.kernel.edges.size();
    std::vector<uint8_t> kside;
    int64_t kcost = 0, klower = 0;
    bool kopt = true;
    if (!red.kernel.edges.empty()) {
      Csr csr;
      csr.Build(red.kernel);
      const int kn = red.kernel.n;
      // In exact mode the heuristic only seeds the branch and bound (which
      // has its own LP rounding), so it gets a quarter of the restarts.
      const bool solve_exact = exact && red.kernel.edges.size() <= opt.exact_max_edges;
      const int restarts = solve_exact ? std::max(1, opt.restarts / 4) : std::max(1, opt.restarts);
      const int iterations = opt.iterations > 0 ? opt.iterations
                             : solve_exact      ? std::min(5 * kn, 1000)
                                                : std::min(4 * kn, 20000);
      kcost = HeuristicSolve(red.kernel, csr, seed++, restarts, iterations, deadline, &kside);
      if (solve_exact) {
        ExactOutcome eo = ExactSolve(red.kernel, csr, kcost, &kside, deadline);
        kcost = eo.best;
        klower = eo.lower;
        kopt = eo.optimal;
        res.bb_nodes += eo.nodes;
      } else {
        klower = opt.lower_bound ? PackingLowerBound(red.kernel, csr, deadline) : 0;
        klower = std::min(klower, kcost);
        kopt = klower == kcost;
      }
    }
    upper += kcost + red.offset;
    lower += klower + red.offset;
    all_optimal = all_optimal && kopt;
    block_side[bi] = Expand(red, kside);
  }
  // Combine blocks: parents come after children in emission order.
  res.bloc.assign(n, 0);
  std::vector<char> assigned(n, 0);
  for (size_t bi = blocks.size(); bi-- > 0;) {
    const auto& verts = block_verts[bi];
    const auto& side = block_side[bi];
    int flip = 0;
    for (size_t i = 0; i < verts.size(); ++i) {
      if (assigned[verts[i]]) {
        flip = res.bloc[verts[i]] ^ side[i];
        break;
      }
    }
    for (size_t i = 0; i < verts.size(); ++i) {
      if (!assigned[verts[i]]) {
        res.bloc[verts[i]] = side[i] ^ flip;
        assigned[verts[i]] = 1;
      }
    }
  }
  for (size_t i = 0; i < E.size(); ++i) {
    const bool same = res.bloc[E[i].u] == res.bloc[E[i].v];
    if ((E[i].sign > 0) != same) res.frustrated.push_back(static_cast<uint32_t>(i));
  }
  res.L = static_cast<int64_t>(res.frustrated.size());
  if (res.L != upper) {
    return Status(Code::kInternal, "frustration: partition cost " + std::to_string(res.L) +
                                       " differs from solver cost " + std::to_string(upper));
  }
  res.lower_bound = std::min(lower, res.L);
  res.optimal = all_optimal && res.lower_bound == res.L;
  if (res.lower_bound == res.L) res.optimal = true;
  res.gap = res.L > 0 ? double(res.L - res.lower_bound) / double(res.L) : 0.0;
  res.F = E.empty() ? 1.0 : 1.0 - 2.0 * double(res.L) / double(E.size());
  res.seconds = std::chrono::duration<double>(Clock::now() - start).count();
  return res;
}

}  // namespace

Result<FrustrationResult> ExactFrustration(const SignedGraph& g, const FrustrationOptions& options) {
  return Solve(g, options, true);
}

Result<FrustrationResult> HeuristicFrustration(const SignedGraph& g, const FrustrationOptions& options) {
  return Solve(g, options, false);
}

}  // namespace entente
