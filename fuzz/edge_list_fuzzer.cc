// ParseEdgeList (entente/network.h) on arbitrary bytes, then the writers, and
// the documented round trip: EdgeListToCsv read back gives the same graph.
#include <cmath>

#include "entente/network.h"
#include "fuzz_common.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  entente::EdgeListStats st;
  uint64_t errors = 0;
  entente::SignedGraph g = entente::ParseEdgeList(
      entente::fuzz::AsView(data, size), "fuzz.csv", &st, [&](const entente::Status& s) {
        ENTENTE_FUZZ_CHECK(!s.ok(), "on_error got an OK status");
        ++errors;
      });
  ENTENTE_FUZZ_CHECK(st.skipped == errors, "every skipped line reported once");
  for (const auto& e : g.edges()) {
    ENTENTE_FUZZ_CHECK(e.u < e.v && e.v < g.num_nodes(), "edge ends");
    ENTENTE_FUZZ_CHECK(e.sign == 1 || e.sign == -1, "edge sign");
    ENTENTE_FUZZ_CHECK(e.weight > 0, "edge weight > 0");
  }
  std::string csv = entente::EdgeListToCsv(g);
  (void)entente::GraphToJson(g);
  (void)entente::GraphToGraphML(g);

  entente::EdgeListStats st2;
  entente::SignedGraph g2 = entente::ParseEdgeList(csv, "roundtrip.csv", &st2, [&](const entente::Status& s) {
    std::fprintf(stderr, "round trip: %s\n--- written edge list:\n%s---\n", s.ToString().c_str(), csv.c_str());
  });
  ENTENTE_FUZZ_CHECK(st2.skipped == 0, "written edge list reads back without errors");
  ENTENTE_FUZZ_CHECK(g2.num_edges() == g.num_edges(), "round trip keeps the edges");
  for (const auto& e : g.edges()) {
    int64_t a = g2.FindNode(g.NodeName(e.u)), b = g2.FindNode(g.NodeName(e.v));
    ENTENTE_FUZZ_CHECK(a >= 0 && b >= 0, "round trip keeps the names");
    int64_t k = g2.FindEdge(static_cast<uint32_t>(a), static_cast<uint32_t>(b));
    ENTENTE_FUZZ_CHECK(k >= 0, "round trip keeps the pairs");
    ENTENTE_FUZZ_CHECK(g2.edges()[k].sign == e.sign, "round trip keeps the signs");
  }
  return 0;
}
