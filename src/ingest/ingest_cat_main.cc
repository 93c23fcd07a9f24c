// ingest_cat: reads inputs with DocumentReader and prints one line per
// document (or only statistics), for debugging and measuring the readers.
//   ingest_cat [--stats] [--format F] [--ids] PATH...
#include <chrono>
#include <cstdio>
#include <cstring>
#include <string>
#include <vector>

#include "entente/reader.h"

int main(int argc, char** argv) {
  using namespace entente;
  ReadOptions o;
  bool stats_only = false;
  std::vector<std::string> paths;
  for (int i = 1; i < argc; ++i) {
    if (std::strcmp(argv[i], "--stats") == 0) {
      stats_only = true;
    } else if (std::strcmp(argv[i], "--format") == 0 && i + 1 < argc) {
      auto f = ParseInputFormat(argv[++i]);
      if (!f.ok()) {
        std::fprintf(stderr, "%s\n", f.status().ToString().c_str());
        return 2;
      }
      o.format = *f;
    } else {
      paths.push_back(argv[i]);
    }
  }
  uint64_t errors = 0;
  o.on_error = [&](const Status& s) {
    if (++errors <= 20) std::fprintf(stderr, "%s\n", s.ToString().c_str());
  };
  auto t0 = std::chrono::steady_clock::now();
  auto r = DocumentReader::Open(paths, o);
  if (!r.ok()) {
    std::fprintf(stderr, "%s\n", r.status().ToString().c_str());
    return 2;
  }
  Document d;
  uint64_t text_bytes = 0;
  while ((*r)->Next(&d)) {
    text_bytes += d.text.size();
    if (!stats_only) {
      std::printf("%s\t%s\t%zu\t%zu\t%s\n", d.id.c_str(), d.date.c_str(), d.text.size(), d.annotations.size(),
                  d.text.substr(0, 60).c_str());
    }
  }
  double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  const ReadStats& s = (*r)->stats();
  std::fprintf(stderr,
               "files %llu documents %llu skipped %llu warnings %llu bytes_read %llu text_bytes %llu "
               "seconds %.3f MB/s %.1f docs/s %.0f\n",
               (unsigned long long)s.files, (unsigned long long)s.documents, (unsigned long long)s.skipped,
               (unsigned long long)s.warnings, (unsigned long long)s.bytes_read, (unsigned long long)text_bytes, secs,
               s.bytes_read / 1e6 / secs, s.documents / secs);
  return 0;
}
