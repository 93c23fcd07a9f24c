// Triangle census and Doreian-Mrvar k-bloc partitions.
#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>

#include "analysis/frustration_internal.h"
#include "entente/network.h"

namespace entente {
namespace {

struct Adjacency {
  std::vector<int> off, nbr, sign;
  explicit Adjacency(const SignedGraph& g) {
    const int n = static_cast<int>(g.num_nodes());
    off.assign(n + 1, 0);
    for (const SignedEdge& e : g.edges()) {
      ++off[e.u + 1];
      ++off[e.v + 1];
    }
    for (int i = 0; i < n; ++i) off[i + 1] += off[i];
    nbr.resize(off[n]);
    sign.resize(off[n]);
    std::vector<int> pos(off.begin(), off.end() - 1);
    for (const SignedEdge& e : g.edges()) {
      nbr[pos[e.u]] = static_cast<int>(e.v);
      sign[pos[e.u]++] = e.sign;
      nbr[pos[e.v]] = static_cast<int>(e.u);
      sign[pos[e.v]++] = e.sign;
    }
  }
  int degree(int v) const { return off[v + 1] - off[v]; }
};

}  // namespace

TriangleCensus CountTriangles(const SignedGraph& g) {
  TriangleCensus c;
  const int n = static_cast<int>(g.num_nodes());
  Adjacency adj(g);
  std::vector<int> rank(n), idx(n);
  std::iota(idx.begin(), idx.end(), 0);
  std::sort(idx.begin(), idx.end(), [&](int a, int b) {
    return adj.degree(a) != adj.degree(b) ? adj.degree(a) < adj.degree(b) : a < b;
  });
  for (int i = 0; i < n; ++i) rank[idx[i]] = i;
  // mark[w] = 1 + (sign of u-w < 0) for higher-ranked neighbours w of u.
  std::vector<int8_t> mark(n, 0);
  for (int u = 0; u < n; ++u) {
    for (int i = adj.off[u]; i < adj.off[u + 1]; ++i)
      if (rank[adj.nbr[i]] > rank[u]) mark[adj.nbr[i]] = static_cast<int8_t>(1 + (adj.sign[i] < 0));
    for (int i = adj.off[u]; i < adj.off[u + 1]; ++i) {
      const int v = adj.nbr[i];
      if (rank[v] <= rank[u]) continue;
      const int nuv = adj.sign[i] < 0;
      for (int j = adj.off[v]; j < adj.off[v + 1]; ++j) {
        const int w = adj.nbr[j];
        if (rank[w] <= rank[v] || mark[w] == 0) continue;
        c.by_negative[nuv + (adj.sign[j] < 0) + (mark[w] - 1)]++;
      }
    }
    for (int i = adj.off[u]; i < adj.off[u + 1]; ++i) mark[adj.nbr[i]] = 0;
  }
  return c;
}

namespace {

// Relocation / exchange local search for one k.
// Exchange moves are O(n^2) per pass; larger graphs use relocation only.
constexpr int kMaxExchangeNodes = 2000;

class BlocSearch {
 public:
  BlocSearch(const Adjacency& adj, int n, int k, double alpha)
      : adj_(adj), n_(n), k_(k), alpha_(alpha), bloc_(n, 0), size_(k, 0),
        pos_to_(static_cast<size_t>(n) * k, 0), neg_to_(static_cast<size_t>(n) * k, 0) {}

  void Load(const std::vector<int>& bloc) {
    bloc_ = bloc;
    crit_ = 0;
    std::fill(size_.begin(), size_.end(), 0);
    std::fill(pos_to_.begin(), pos_to_.end(), 0);
    std::fill(neg_to_.begin(), neg_to_.end(), 0);
    for (int v = 0; v < n_; ++v) {
      ++size_[bloc_[v]];
      for (int i = adj_.off[v]; i < adj_.off[v + 1]; ++i) {
        const int u = adj_.nbr[i];
        if (adj_.sign[i] > 0) ++pos_to_[Idx(v, bloc_[u])];
        else ++neg_to_[Idx(v, bloc_[u])];
        if (u < v) {
          const bool same = bloc_[u] == bloc_[v];
          if (adj_.sign[i] < 0 && same) crit_ += alpha_;
          if (adj_.sign[i] > 0 && !same) crit_ += 1 - alpha_;
        }
      }
    }
  }

  // Change of the criterion when v moves to bloc c.
  double MoveDelta(int v, int c) const {
    const int b = bloc_[v];
    if (b == c) return 0;
    // neg within: loses neg_to[v][b], gains neg_to[v][c].
    // pos between: gains pos_to[v][b], loses pos_to[v][c].
    return alpha_ * (neg_to_[Idx(v, c)] - neg_to_[Idx(v, b)]) +
           (1 - alpha_) * (pos_to_[Idx(v, b)] - pos_to_[Idx(v, c)]);
  }

  void Move(int v, int c) {
    crit_ += MoveDelta(v, c);
    const int b = bloc_[v];
    for (int i = adj_.off[v]; i < adj_.off[v + 1]; ++i) {
      const int u = adj_.nbr[i];
      auto& arr = adj_.sign[i] > 0 ? pos_to_ : neg_to_;
      --arr[Idx(u, b)];
      ++arr[Idx(u, c)];
    }
    --size_[b];
    ++size_[c];
    bloc_[v] = c;
  }

  // Edge weight sign between u and v (0 when not adjacent), by scan.
  int SignBetween(int u, int v) const {
    const int a = adj_.degree(u) <= adj_.degree(v) ? u : v;
    const int b = a == u ? v : u;
    for (int i = adj_.off[a]; i < adj_.off[a + 1]; ++i)
      if (adj_.nbr[i] == b) return adj_.sign[i];
    return 0;
  }

  void Descend(bool allow_empty) {
    const double eps = 1e-9;
    bool improved = true;
    while (improved) {
      improved = false;
      for (int v = 0; v < n_; ++v) {
        const int best_c = BestMove(v, allow_empty);
        if (best_c >= 0) {
          Move(v, best_c);
          improved = true;
        }
      }
      if (improved || n_ > kMaxExchangeNodes) continue;
      // Exchanges: swap u and v in different blocs.
      for (int u = 0; u < n_ && !improved; ++u) {
        for (int v = u + 1; v < n_; ++v) {
          const int bu = bloc_[u], bv = bloc_[v];
          if (bu == bv) continue;
          double d = MoveDelta(u, bv) + MoveDelta(v, bu);
          const int s = SignBetween(u, v);
          if (s != 0) d += Correction(s);
          if (d < -eps) {
            Move(u, bv);
            Move(v, bu);
            improved = true;
            break;
          }
        }
      }
    }
  }

  // Best improving relocation of v, or -1.
  int BestMove(int v, bool allow_empty) const {
    if (!allow_empty && size_[bloc_[v]] == 1) return -1;
    int best_c = -1;
    double best = -1e-9;
    for (int c = 0; c < k_; ++c) {
      const double d = MoveDelta(v, c);
      if (d < best) {
        best = d;
        best_c = c;
      }
    }
    return best_c;
  }

  // Relocation descent from the vertices in `queue`; moves go to *log as
  // (vertex, previous bloc).
  void DescendFrom(std::vector<int>& queue, std::vector<std::pair<int, int>>* log, bool allow_empty) {
    while (!queue.empty()) {
      const int v = queue.back();
      queue.pop_back();
      const int c = BestMove(v, allow_empty);
      if (c < 0) continue;
      log->push_back({v, bloc_[v]});
      Move(v, c);
      queue.push_back(v);
      for (int i = adj_.off[v]; i < adj_.off[v + 1]; ++i) queue.push_back(adj_.nbr[i]);
    }
  }

  double criterion() const { return crit_; }
  int size(int c) const { return size_[c]; }
  int bloc_of(int v) const { return bloc_[v]; }

  // The two independent deltas each treat the u-v edge as if the other end
  // stayed put: u joining bv makes a positive u-v edge "within" (gain
  // -(1-alpha)) or a negative one "within" (+alpha), and the same for v.
  // After the swap the edge is still between blocs, so undo both effects.
  double Correction(int s) const {
    if (s > 0) return 2 * (1 - alpha_);
    return -2 * alpha_;
  }

  void Counts(uint64_t* neg_within, uint64_t* pos_between) const {
    uint64_t nw = 0, pb = 0;
    for (int v = 0; v < n_; ++v) {
      for (int i = adj_.off[v]; i < adj_.off[v + 1]; ++i) {
        const int u = adj_.nbr[i];
        if (u < v) continue;
        const bool same = bloc_[u] == bloc_[v];
        if (adj_.sign[i] < 0 && same) ++nw;
        if (adj_.sign[i] > 0 && !same) ++pb;
      }
    }
    *neg_within = nw;
    *pos_between = pb;
  }

  const std::vector<int>& bloc() const { return bloc_; }

 private:
  size_t Idx(int v, int c) const { return static_cast<size_t>(v) * k_ + c; }

  const Adjacency& adj_;
  int n_, k_;
  double alpha_;
  std::vector<int> bloc_, size_;
  std::vector<int> pos_to_, neg_to_;
  double crit_ = 0;
};

// Renumbers blocs in order of their first node.
void Canonical(std::vector<int>* bloc, int k) {
  std::vector<int> map(k, -1);
  int next = 0;
  for (int& b : *bloc) {
    if (map[b] < 0) map[b] = next++;
    b = map[b];
  }
}

}  // namespace

Result<BlocPartitionResult> BlocPartition(const SignedGraph& g, int k, const BlocOptions& opt) {
  if (k < 1) return Status(Code::kInvalidArgument, "k must be >= 1");
  if (!(opt.alpha >= 0 && opt.alpha <= 1)) return Status(Code::kInvalidArgument, "alpha must be in [0, 1]");
  if (opt.restarts < 0 || opt.iterations < 0)
    return Status(Code::kInvalidArgument, "restarts and iterations must be >= 0");
  const int n = static_cast<int>(g.num_nodes());
  Adjacency adj(g);
  BlocPartitionResult best;
  best.k = k;
  best.criterion = std::numeric_limits<double>::infinity();
  if (n == 0) {
    best.criterion = 0;
    return best;
  }
  const bool allow_empty = opt.allow_empty || n < k;
  BlocSearch search(adj, n, k, opt.alpha);
  balance_internal::Rng rng(opt.seed);
  std::vector<int> start(n);
  const int restarts = std::max(1, opt.restarts);
  const int iterations = opt.iterations > 0 ? opt.iterations : std::min(10 * n, 20000);
  std::vector<int> queue;
  std::vector<std::pair<int, int>> log;
  // Start -1 (k >= 2): the two blocs of the frustration heuristic (which
  // minimise neg_within + pos_between for k = 2), other blocs filled by the
  // cheapest relocations.
  std::vector<int> seeded;
  if (k >= 2) {
    FrustrationOptions fo;
    fo.restarts = 4;
    fo.lower_bound = false;
    fo.seed = opt.seed;
    auto fr = HeuristicFrustration(g, fo);
    if (fr.ok()) seeded = fr->bloc;
  }
  for (int r = seeded.empty() ? 0 : -1; r < restarts; ++r) {
    if (r < 0) {
      start = seeded;
      search.Load(start);
      for (int c = 0; c < k && !allow_empty; ++c) {
        if (search.size(c) > 0) continue;
        int best_v = -1;
        double best_d = std::numeric_limits<double>::infinity();
        for (int v = 0; v < n; ++v) {
          if (search.size(search.bloc_of(v)) <= 1) continue;
          const double d = search.MoveDelta(v, c);
          if (d < best_d) {
            best_d = d;
            best_v = v;
          }
        }
        if (best_v >= 0) search.Move(best_v, c);
      }
    } else {
      // Random start with every bloc non-empty when possible.
      for (int v = 0; v < n; ++v) start[v] = static_cast<int>(rng.Below(static_cast<uint32_t>(k)));
      if (!allow_empty) {
        std::vector<int> perm(n);
        std::iota(perm.begin(), perm.end(), 0);
        for (int i = n; i > 1; --i) std::swap(perm[i - 1], perm[rng.Below(static_cast<uint32_t>(i))]);
        for (int c = 0; c < k; ++c) start[perm[c]] = c;
      }
      search.Load(start);
    }
    search.Descend(allow_empty);
    // Iterated local search: move one or two adjacent vertices to a random
    // other bloc, descend, keep if not worse.
    double cur = search.criterion();
    for (int it = 0; it < iterations && k > 1; ++it) {
      log.clear();
      queue.clear();
      const int v = static_cast<int>(rng.Below(static_cast<uint32_t>(n)));
      const int from = search.bloc_of(v);
      if (!allow_empty && search.size(from) == 1) continue;
      int c = static_cast<int>(rng.Below(static_cast<uint32_t>(k - 1)));
      if (c >= from) ++c;
      log.push_back({v, from});
      search.Move(v, c);
      queue.push_back(v);
      const int d = adj.degree(v);
      if (d > 0 && (rng.Next() & 1)) {
        const int u = adj.nbr[adj.off[v] + static_cast<int>(rng.Below(static_cast<uint32_t>(d)))];
        const int fu = search.bloc_of(u);
        if (fu != c && (allow_empty || search.size(fu) > 1)) {
          log.push_back({u, fu});
          search.Move(u, c);
          queue.push_back(u);
        }
      }
      for (const auto& [x, ignored] : log)
        for (int i = adj.off[x]; i < adj.off[x + 1]; ++i) queue.push_back(adj.nbr[i]);
      search.DescendFrom(queue, &log, allow_empty);
      if (search.criterion() <= cur + 1e-9) {
        cur = search.criterion();
      } else {
        for (auto i = log.rbegin(); i != log.rend(); ++i) search.Move(i->first, i->second);
      }
    }
    search.Descend(allow_empty);
    uint64_t nw = 0, pb = 0;
    search.Counts(&nw, &pb);
    const double crit = opt.alpha * double(nw) + (1 - opt.alpha) * double(pb);
    if (crit < best.criterion - 1e-12) {
      best.criterion = crit;
      best.neg_within = nw;
      best.pos_between = pb;
      best.bloc = search.bloc();
    }
  }
  Canonical(&best.bloc, k);
  return best;
}

Result<std::vector<BlocPartitionResult>> SearchBlocPartitions(const SignedGraph& g, int max_k,
                                                              const BlocOptions& options) {
  if (max_k < 1) return Status(Code::kInvalidArgument, "max_k must be >= 1");
  std::vector<BlocPartitionResult> out;
  for (int k = 1; k <= max_k; ++k) {
    Result<BlocPartitionResult> r = BlocPartition(g, k, options);
    if (!r.ok()) return r.status();
    out.push_back(std::move(r).value());
  }
  return out;
}

}  // namespace entente
