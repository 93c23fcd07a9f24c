// Loads the production dictionaries once and prints counts and timing.
// Usage: dictionaries_load_bench [data_dir] [--strict]
#include <cstdio>
#include <cstring>
#include <string>

#include "entente/dictionary.h"

int main(int argc, char** argv) {
  std::string dir = ENTENTE_DATA_DIR "/dictionaries";
  entente::DictionaryLoadOptions opts;
  for (int i = 1; i < argc; ++i) {
    if (std::strcmp(argv[i], "--strict") == 0) opts.strict = true;
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
  return 0;
}
