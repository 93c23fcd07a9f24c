// entente-text-bench: tokenisation throughput on one core.
//
//   entente-text-bench FILE.conllu|FILE.txt [MIN_MB]
//
// Reads the raw text (a treebank's "# text" lines via RawTextOfTreebank, or a
// plain text file), repeats it to at least MIN_MB megabytes (default 10) and
// times Tokenizer::Segment over the whole, best of 3 runs.
#include <algorithm>
#include <chrono>
#include <ctime>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "entente/conllu.h"
#include "entente/tokenizer.h"

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: %s FILE.conllu|FILE.txt [MIN_MB]\n", argv[0]);
    return 2;
  }
  const std::string path = argv[1];
  const double min_mb = argc > 2 ? std::atof(argv[2]) : 10.0;
  std::string unit;
  if (path.size() > 7 && path.compare(path.size() - 7, 7, ".conllu") == 0) {
    auto gold = entente::ReadConlluFile(path);
    if (!gold.ok()) {
      std::fprintf(stderr, "%s\n", gold.status().ToString().c_str());
      return 1;
    }
    unit = entente::RawTextOfTreebank(*gold);
  } else {
    std::ifstream in(path, std::ios::binary);
    if (!in) {
      std::fprintf(stderr, "%s: cannot open\n", path.c_str());
      return 1;
    }
    std::stringstream ss;
    ss << in.rdbuf();
    unit = ss.str();
  }
  if (unit.empty()) return 1;
  std::string text;
  while (text.size() < min_mb * 1e6) text.append(unit).append("\n\n");
  entente::Tokenizer tok;
  double best = 1e9, best_cpu = 1e9;
  entente::SegmentStats st;
  for (int r = 0; r < 3; ++r) {
    std::vector<entente::Sentence> out;
    const auto t0 = std::chrono::steady_clock::now();
    const std::clock_t c0 = std::clock();
    st = tok.Segment(text, &out);
    const double cpu = static_cast<double>(std::clock() - c0) / CLOCKS_PER_SEC;
    const double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    best = std::min(best, s);
    best_cpu = std::min(best_cpu, cpu);
  }
  std::printf(
      "%.1f MB, %zu sentences, %zu tokens, %zu words: best wall %.3f s = %.2f M tokens/s, %.1f MB/s; "
      "best CPU %.3f s = %.2f M tokens/s\n",
      text.size() / 1e6, st.sentences, st.tokens, st.words, best, st.tokens / best / 1e6, text.size() / best / 1e6,
      best_cpu, st.tokens / best_cpu / 1e6);
  return 0;
}
