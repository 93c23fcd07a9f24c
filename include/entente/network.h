// entente/network.h -- signed networks of states and their structural balance.
//
// A SignedGraph is an undirected simple graph whose edges carry a sign (+1
// alliance / cooperation, -1 dispute / conflict) and a positive weight.  Node
// names are interned: each distinct name gets a dense id 0..n-1 in order of
// first appearance.  Self-loops are rejected; a second edge on the same pair is
// merged (see SignedGraph::AddEdge for the rule).
//
// Balance measures (Harary; Aref, Mason & Wilson; Doreian & Mrvar):
//   * the frustration index L (line index of balance): the least number of
//     edges whose sign change makes the network balanced, i.e. splittable into
//     two blocs with every + edge inside a bloc and every - edge between them;
//     F = 1 - 2L/m is the normalised balance.  ExactFrustration proves L with a
//     branch and bound on the cycle (cut polytope) LP relaxation solved by CLP;
//     HeuristicFrustration brackets L between a lower bound and the best
//     partition found, for graphs too large for the exact method.
//   * the triangle census (balanced / unbalanced triangles by number of
//     negative edges);
//   * k-bloc partitions under weak balance (Doreian-Mrvar criterion).
//
// Edge weights are kept, merged, read and written, but every measure here
// counts edges (each pair once), as the published indices do.
//
// All results are deterministic: fixed seeds, no dependence on timing unless a
// time limit actually stops a search (then `optimal` is false and the result
// says so).  Functions never throw; expected failures return Status/Result.
//
// Thread safety: a SignedGraph is a value; const methods may be called from
// several threads at once.  The analysis functions keep no global state and may
// run concurrently on distinct or shared (const) graphs.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "entente/status.h"

namespace entente {

// One undirected edge; u < v always holds.
struct SignedEdge {
  uint32_t u = 0;
  uint32_t v = 0;
  int sign = 1;        // +1 or -1
  double weight = 1;   // > 0
};

class SignedGraph {
 public:
  SignedGraph() = default;

  // Returns the id of `name`, adding it if new.  Names are case-sensitive and
  // used as given (the reader trims surrounding spaces and quotes).
  uint32_t AddNode(std::string_view name);
  // Returns the id of `name` or -1 when absent.
  int64_t FindNode(std::string_view name) const;
  const std::string& NodeName(uint32_t id) const { return names_[id]; }

  // Adds the edge {a, b}.  Fails with kInvalidArgument for a self-loop, an
  // unknown id, a sign other than +1/-1, or a weight that is not > 0.
  //
  // Duplicate rule: the pair keeps one edge whose signed value is the sum of
  // sign*weight over all its occurrences; the sign is the sign of that sum and
  // the weight its absolute value.  If the sum becomes exactly 0 (as many +
  // as - of equal weight) the pair is removed; a later occurrence adds it anew.
  // *merged (optional) is set to true when the pair already existed.
  // Removal moves the last edge into the freed slot, so edge ids can change
  // only when a pair cancels out.
  Status AddEdge(uint32_t a, uint32_t b, int sign, double weight = 1, bool* merged = nullptr);

  size_t num_nodes() const { return names_.size(); }
  size_t num_edges() const { return edges_.size(); }
  size_t num_negative() const;
  const std::vector<SignedEdge>& edges() const { return edges_; }
  const std::vector<std::string>& names() const { return names_; }
  // Index of the edge on {a, b} or -1.
  int64_t FindEdge(uint32_t a, uint32_t b) const;

 private:
  std::vector<std::string> names_;
  std::unordered_map<std::string, uint32_t> ids_;
  std::vector<SignedEdge> edges_;
  std::unordered_map<uint64_t, uint32_t> pair_;  // (u << 32 | v) -> edge index
};

// ---------------------------------------------------------------------------
// Reading and writing.

// Counts kept by the edge-list reader.
struct EdgeListStats {
  uint64_t lines = 0;        // physical lines read
  uint64_t rows = 0;         // well-formed data rows
  uint64_t skipped = 0;      // malformed rows skipped (each reported)
  uint64_t merged = 0;       // rows that hit an existing pair (duplicates)
  uint64_t cancelled = 0;    // pairs removed because + and - cancelled out
  bool header = false;       // first row was a header
};

using NetworkErrorFn = std::function<void(const Status&)>;

// Parses an edge list `from,to,sign[,weight]`, one edge per line:
//   * an optional first line is a header when its third field is not a number;
//   * a UTF-8 byte order mark, CR LF line ends, blank lines, lines starting
//     with '#', spaces around fields and "double-quoted" fields ("" inside a
//     quoted field is a quote) are all accepted;
//   * `sign` is any non-zero number; only its sign is kept (so a rating
//     -10..10 counts as -1 or +1).  The weight is 1 unless a weight column
//     gives it; a weight must be > 0;
//   * edges are undirected: `a,b` and `b,a` are the same pair and merge by the
//     SignedGraph::AddEdge rule.
// Each bad line (wrong field count, empty name, bad or zero sign, bad weight,
// self-loop, unterminated quote) is skipped, counted in stats->skipped and
// reported to on_error as a kParseError/kInvalidArgument Status "name:line: ...".
// `name` is used in messages only.
SignedGraph ParseEdgeList(std::string_view text, std::string_view name,
                          EdgeListStats* stats = nullptr,
                          const NetworkErrorFn& on_error = nullptr);

// Reads a file with ParseEdgeList.  Fails (kNotFound/kIoError) only when the
// file cannot be read, and with kEmpty when it holds no valid edge.
Result<SignedGraph> ReadEdgeList(const std::string& path, EdgeListStats* stats = nullptr,
                                 const NetworkErrorFn& on_error = nullptr);

// `from,to,sign,weight` with a header; names quoted when they hold , " or
// spaces.  Reading the output back gives the same graph.
std::string EdgeListToCsv(const SignedGraph& g);
// GraphML with node attribute "name" (and "bloc" when `blocs` is given, one
// entry per node) and edge attributes "sign" and "weight".
std::string GraphToGraphML(const SignedGraph& g, const std::vector<int>* blocs = nullptr);
// {"nodes":[{"id":0,"name":..,("bloc":..)}],"edges":[{"from":..,"to":..,"sign":..,"weight":..}]}
std::string GraphToJson(const SignedGraph& g, const std::vector<int>* blocs = nullptr);
// Writes `text` to `path` (kIoError on failure).
Status WriteTextFile(const std::string& path, std::string_view text);

// ---------------------------------------------------------------------------
// Frustration index.

struct FrustrationOptions {
  // Wall-clock limit for the whole call, in seconds; <= 0 means none.  When it
  // stops an exact search, the result holds the best partition found and the
  // best proven lower bound with optimal = false.  Default 60.
  double time_limit_s = 60;
  // Seed of the deterministic pseudo-random generator.  Default 1.
  uint64_t seed = 1;
  // Heuristic restarts per reduced component (multi-start local search);
  // each restart starts from a random spanning-tree switching.  Default 32.
  int restarts = 32;
  // Heuristic: perturbation steps (flip a short random walk, descend, keep
  // if not worse) per restart; 0 = automatic: 4 per kernel vertex, at most
  // 20000 (exact mode: 5 per vertex, at most 1000).  Default 0.
  int iterations = 0;
  // Heuristic: compute a lower bound by packing edge-disjoint unbalanced
  // cycles (triangles first).  Default true.
  bool lower_bound = true;
  // Exact: components with more edges than this are not solved exactly;
  // their heuristic bounds are reported instead (optimal = false).
  // Default 20000.
  size_t exact_max_edges = 20000;
};

struct FrustrationResult {
  int64_t L = 0;              // edges frustrated by the best partition found
  double F = 1;               // 1 - 2L/m (1 for an edgeless graph)
  bool optimal = false;       // L proven minimal
  int64_t lower_bound = 0;    // proven: L* >= lower_bound
  double gap = 0;             // (L - lower_bound) / max(L, 1)
  double seconds = 0;         // wall-clock time of the call
  std::vector<int> bloc;      // per node: 0 or 1 (isolated nodes: 0)
  std::vector<uint32_t> frustrated;  // edge ids (into g.edges()), ascending
  // Reduction statistics.
  size_t components = 0;      // connected components with at least one edge
  size_t blocks = 0;          // biconnected blocks with a cycle that were solved
  size_t reduced_nodes = 0;   // vertices left after pruning trees and series paths
  size_t reduced_edges = 0;
  uint64_t bb_nodes = 0;      // branch-and-bound nodes (exact only)
};

// Exact line index of balance.  The graph is split into biconnected blocks
// (L is additive over blocks; bridges and tree parts are never frustrated),
// degree-2 paths are contracted, each reduced block is solved by branch and
// bound on the LP relaxation over edge variables with cycle inequalities
// separated by shortest paths (CLP dual simplex), with a heuristic incumbent.
// Errors: kInvalidArgument for bad options.
Result<FrustrationResult> ExactFrustration(const SignedGraph& g,
                                           const FrustrationOptions& options = {});

// Upper bound by multi-start local search (random spanning-tree switchings
// improved by single-vertex flips and perturbation), lower bound by packing
// edge-disjoint unbalanced cycles.  optimal is true only when the bounds meet.
Result<FrustrationResult> HeuristicFrustration(const SignedGraph& g,
                                               const FrustrationOptions& options = {});

// Checks a partition: number of edges frustrated by `bloc` (0/1 per node).
int64_t CountFrustrated(const SignedGraph& g, const std::vector<int>& bloc);

// ---------------------------------------------------------------------------
// Triangle census.

struct TriangleCensus {
  // by_negative[k]: triangles with exactly k negative edges (k = 0..3).
  uint64_t by_negative[4] = {0, 0, 0, 0};
  uint64_t total() const { return by_negative[0] + by_negative[1] + by_negative[2] + by_negative[3]; }
  // Strong (Heider) balance: an even number of negative edges.
  uint64_t balanced() const { return by_negative[0] + by_negative[2]; }
  uint64_t unbalanced() const { return by_negative[1] + by_negative[3]; }
};

// O(m * sqrt(m)) by degree ordering.
TriangleCensus CountTriangles(const SignedGraph& g);

// ---------------------------------------------------------------------------
// k-bloc partitions (weak balance, Doreian & Mrvar).

struct BlocOptions {
  // Weight of negative edges inside blocs; positive edges between blocs get
  // 1 - alpha.  Must be in [0, 1].  Default 0.5.
  double alpha = 0.5;
  // Deterministic random restarts of the relocation search, plus one start
  // from the two blocs of HeuristicFrustration when k >= 2.  Default 20.
  int restarts = 20;
  // Perturbation steps per restart (move one or two adjacent vertices to a
  // random bloc, descend, keep if not worse); 0 = automatic, 10 per node,
  // at most 20000.  Default 0.
  int iterations = 0;
  uint64_t seed = 1;      // Default 1.
  // When true, blocs may be left empty (fewer than k used).  Default false:
  // the search keeps every bloc non-empty when n >= k.
  bool allow_empty = false;
};

struct BlocPartitionResult {
  int k = 0;
  double criterion = 0;        // alpha*neg_within + (1-alpha)*pos_between
  uint64_t neg_within = 0;     // negative edges inside blocs
  uint64_t pos_between = 0;    // positive edges between blocs
  uint64_t inconsistencies() const { return neg_within + pos_between; }
  std::vector<int> bloc;       // per node, 0..k-1 (blocs numbered by first node)
};

// Best k-bloc partition found by relocation (move one vertex) and exchange
// (swap two vertices, graphs up to 2000 nodes) local search with iterated
// perturbation from seeded starts.  A heuristic: no optimality proof.
// Errors: kInvalidArgument for k < 1 or alpha outside [0, 1].
Result<BlocPartitionResult> BlocPartition(const SignedGraph& g, int k,
                                          const BlocOptions& options = {});

// BlocPartition for k = 1..max_k, one result per k.
Result<std::vector<BlocPartitionResult>> SearchBlocPartitions(const SignedGraph& g, int max_k,
                                                              const BlocOptions& options = {});

}  // namespace entente
