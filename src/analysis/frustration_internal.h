// Internal pieces of the frustration solvers, exposed for unit tests only.
#pragma once

#include <chrono>
#include <cstdint>
#include <vector>

namespace entente::balance_internal {

using Clock = std::chrono::steady_clock;

// Deterministic generator (splitmix64); identical on every platform.
class Rng {
 public:
  explicit Rng(uint64_t seed) : s_(seed * 0x9E3779B97F4A7C15ull + 0x2545F4914F6CDD1Dull) {}
  uint64_t Next() {
    uint64_t z = (s_ += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
  }
  // Uniform in [0, n), n > 0.
  uint32_t Below(uint32_t n) { return static_cast<uint32_t>((Next() >> 32) * n >> 32); }

 private:
  uint64_t s_;
};

// An edge of a weighted signed multigraph-free kernel: parity p = 1 for a
// negative edge; cost w >= 1 of frustrating it.
struct KEdge {
  int a = 0;
  int b = 0;
  uint8_t p = 0;
  int64_t w = 1;
};

struct Kernel {
  int n = 0;
  std::vector<KEdge> edges;
};

// Compressed adjacency of a kernel.
struct Csr {
  std::vector<int> off, nbr, eid;
  void Build(const Kernel& k);
};

// Cost of a side assignment (0/1 per vertex).
int64_t KernelCost(const Kernel& k, const std::vector<uint8_t>& side);

// Series/pendant reduction: repeatedly removes vertices of degree <= 2,
// merging parallel edges (same parity: weights add; opposite: the smaller
// weight becomes a constant).  `kernel` keeps the vertices of degree >= 3.
struct Reduction {
  struct Step {
    int x = 0, a = -1, b = -1;
    uint8_t pa = 0, pb = 0;
    int64_t wa = 0, wb = 0;
  };
  Kernel kernel;
  std::vector<int> local_of_kernel;  // kernel vertex -> input vertex
  std::vector<Step> steps;           // in elimination order
  int64_t offset = 0;                // constant cost from cancelled parallels
  int n = 0;                         // input vertices
};
Reduction Reduce(int n, const std::vector<KEdge>& edges);
// Sides of all input vertices from the kernel sides (optimal extension).
std::vector<uint8_t> Expand(const Reduction& r, const std::vector<uint8_t>& kernel_side);

// Biconnected blocks (edge ids per block, in emission order of Tarjan's
// algorithm: a block comes after every block hanging below it).
std::vector<std::vector<int>> BiconnectedBlocks(int n, const std::vector<std::pair<int, int>>& edges);

// Multi-start iterated local search.  Returns the best cost; *side receives
// the best assignment.  Stops early (still valid) at `deadline`.
int64_t HeuristicSolve(const Kernel& k, const Csr& csr, uint64_t seed, int restarts,
                       int iterations, Clock::time_point deadline, std::vector<uint8_t>* side);

// Lower bound by packing unbalanced triangles then short unbalanced cycles
// (weighted, edge capacities w).
int64_t PackingLowerBound(const Kernel& k, const Csr& csr, Clock::time_point deadline);

struct ExactOutcome {
  int64_t best = 0;        // cost of *side
  int64_t lower = 0;       // proven lower bound
  bool optimal = false;
  uint64_t nodes = 0;
};
// Branch and bound on the cycle LP relaxation; `ub` and *side hold a starting
// incumbent (feasible assignment) and receive the best one.
ExactOutcome ExactSolve(const Kernel& k, const Csr& csr, int64_t ub, std::vector<uint8_t>* side,
                        Clock::time_point deadline);

}  // namespace entente::balance_internal
