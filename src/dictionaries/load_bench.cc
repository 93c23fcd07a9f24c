// Loads the production dictionaries once and prints counts and timing.
// Usage: dictionaries_load_bench [data_dir] [--strict] [--match text_file]
// With --match, every whitespace token of text_file is matched against
// actors, agents and verbs at every position (throughput figure).
#include <cstdio>
#include <chrono>
#include <cstring>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "entente/dictionary.h"

int main(int argc, char** argv) {
  std::string dir = ENTENTE_DATA_DIR "/dictionaries";
  std::string match_file;
  entente::DictionaryLoadOptions opts;
  for (int i = 1; i < argc; ++i) {
    if (std::strcmp(argv[i], "--strict") == 0) opts.strict = true;
    else if (std::strcmp(argv[i], "--match") == 0 && i + 1 < argc) match_file = argv[++i];
    else dir = argv[i];
  }
  entente::LoadReport report;
  auto d = entente::EventDictionaries::LoadProduction(dir, opts, &report);
  if (!d.ok()) {
    std::fprintf(stderr, "%s\n", d.status().ToString().c_str());
    return 1;
  }
  for (const auto& f : report.files)
    std::printf("%-9s %-60s lines %7llu entries %7llu skipped %4llu duplicates %5llu\n", f.kind.c_str(),
                f.path.c_str(), (unsigned long long)f.lines, (unsigned long long)f.entries,
                (unsigned long long)f.skipped, (unsigned long long)f.duplicates);
  for (const auto& e : report.errors) std::printf("  %s\n", e.ToString().c_str());
  std::printf("verbs: %zu blocks, %zu verbs, %zu patterns, %zu synsets, %zu transformations\n",
              d->verbs.blocks().size(), d->verbs.verbs().size(), d->verbs.patterns().size(),
              d->verbs.synsets().size(), d->verbs.transformations().size());
  std::printf("actors: %zu records, %zu phrases; agents: %zu phrases; discards: %zu\n", d->actors.size(),
              d->actors.phrases(), d->agents.size(), d->discards.size());
  std::printf("total entries %llu, skipped %llu, load %.3f s\n", (unsigned long long)report.entries,
              (unsigned long long)report.skipped, report.seconds);
  if (!match_file.empty()) {
    std::ifstream in(match_file);
    std::stringstream ss;
    ss << in.rdbuf();
    std::string text = ss.str();
    std::vector<std::string_view> words;
    for (size_t i = 0; i < text.size();) {
      while (i < text.size() && (text[i] == ' ' || text[i] == '\n' || text[i] == '\t')) ++i;
      size_t j = i;
      while (j < text.size() && text[j] != ' ' && text[j] != '\n' && text[j] != '\t') ++j;
      if (j > i) words.push_back(std::string_view(text).substr(i, j - i));
      i = j;
    }
    auto t0 = std::chrono::steady_clock::now();
    size_t hits = 0;
    const int kRounds = 20;
    for (int r = 0; r < kRounds; ++r) {
      auto a = d->actors.Encode(words);
      auto g = d->agents.Encode(words);
      auto v = d->verbs.Encode(words);
      for (size_t i = 0; i < words.size(); ++i) {
        hits += d->actors.LongestAt(a, i).has_value();
        hits += d->agents.LongestAt(g, i).has_value();
        hits += d->verbs.MatchVerbAt(v, i).has_value();
      }
      hits += d->discards.Find(words).has_value();
    }
    double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    std::printf("match: %zu tokens x %d rounds in %.3f s = %.1f M tokens/s (encode 3x + actor/agent/verb at every token), %zu hits\n",
                words.size(), kRounds, s, words.size() * kRounds / s / 1e6, hits);
  }
  return 0;
}
