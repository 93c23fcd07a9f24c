// Speed of the event coder from given parses (issue: coder speed).
//
// Codes CoNLL-U-parsed news sentences with the production dictionaries
// (data/dictionaries) on one thread and prints sentences per second, tokens
// per second, dictionary load time and peak resident memory.
//
// Corpus: the gigaword sample (shared/data/validation/gigaword-sample) only
// has PTB constituency parses, which the coder does not read; the harness
// therefore uses the CoNLL-U parses of the PETRARCH2 GSR wire sentences
// (shared/data/validation/petrarch2-gsr/PETR2_GSR_validation.xml), repeated
// to at least --min-sentences sentences (default 40,000): the documents are
// coded again and again (not copied), so per-document work (discard checks,
// anaphora memory) is included and peak RSS reflects dictionaries + coder.
//
//   build/bench/entente-bench-coder [--shared DIR] [--data DIR] [--min-sentences N]
#include <sys/resource.h>
#include <time.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

#include "entente/coder.h"
#include "entente/dictionary.h"
#include "entente/reader.h"

namespace {

using Clock = std::chrono::steady_clock;
double Since(Clock::time_point t) { return std::chrono::duration<double>(Clock::now() - t).count(); }

double ThreadCpuSeconds() {
  timespec ts{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) * 1e-9;
}

double PeakRssMiB() {
  rusage u{};
  getrusage(RUSAGE_SELF, &u);
  return static_cast<double>(u.ru_maxrss) / 1024.0;  // ru_maxrss is KiB on Linux
}

}  // namespace

int main(int argc, char** argv) {
  std::string shared = ENTENTE_SHARED_DIR;
  std::string data = std::string(ENTENTE_SOURCE_DIR) + "/data/dictionaries";
  size_t min_sentences = 40000;
  for (int i = 1; i + 1 < argc; i += 2) {
    if (!std::strcmp(argv[i], "--shared")) shared = argv[i + 1];
    else if (!std::strcmp(argv[i], "--data")) data = argv[i + 1];
    else if (!std::strcmp(argv[i], "--min-sentences")) min_sentences = std::strtoul(argv[i + 1], nullptr, 10);
    else {
      std::fprintf(stderr, "usage: %s [--shared DIR] [--data DIR] [--min-sentences N]\n", argv[0]);
      return 2;
    }
  }

  auto t0 = Clock::now();
  entente::LoadReport load;
  auto dicts = entente::EventDictionaries::LoadProduction(data, {}, &load);
  if (!dicts.ok()) {
    std::fprintf(stderr, "%s\n", dicts.status().ToString().c_str());
    return 1;
  }
  double load_s = Since(t0);
  auto t1 = Clock::now();
  auto coder = entente::Coder::Create(&*dicts, nullptr, {});
  if (!coder.ok()) {
    std::fprintf(stderr, "%s\n", coder.status().ToString().c_str());
    return 1;
  }
  double create_s = Since(t1);

  std::string records = shared + "/data/validation/petrarch2-gsr/PETR2_GSR_validation.xml";
  entente::ReadOptions ro;
  ro.format = entente::InputFormat::kPetrarchXml;
  auto reader = entente::DocumentReader::Open({records}, ro);
  if (!reader.ok()) {
    std::fprintf(stderr, "%s (needs ../shared)\n", reader.status().ToString().c_str());
    return 1;
  }
  std::vector<entente::Document> base;
  entente::Document doc;
  while ((*reader)->Next(&doc)) {
    (void)entente::SentencesFromParse(&doc);
    if (!doc.sentences.empty()) base.push_back(std::move(doc));
    doc = entente::Document();
  }
  size_t base_sentences = 0, base_tokens = 0;
  for (const auto& d : base) {
    base_sentences += d.sentences.size();
    for (const auto& s : d.sentences) base_tokens += s.tokens.size();
  }
  if (base_sentences == 0) {
    std::fprintf(stderr, "no parsed sentences in %s\n", records.c_str());
    return 1;
  }
  size_t reps = (min_sentences + base_sentences - 1) / base_sentences;
  size_t sentences = base_sentences * reps, tokens = base_tokens * reps;

  // Warm-up pass (page in the dictionaries), then the timed pass.
  std::vector<entente::Event> events;
  for (const auto& d : base) {
    events.clear();
    (*coder)->Code(d, &events);
  }
  entente::CoderStats stats;
  uint64_t n_events = 0;
  double cpu0 = ThreadCpuSeconds();
  auto w0 = Clock::now();
  for (size_t r = 0; r < reps; ++r) {
    for (const auto& d : base) {
      events.clear();
      (*coder)->Code(d, &events, &stats);
      n_events += events.size();
    }
  }
  double wall = Since(w0), cpu = ThreadCpuSeconds() - cpu0;

  std::printf("corpus: PETRARCH2 GSR CoNLL-U parses x %zu = %zu sentences, %zu tokens (%.1f tokens/sentence)\n",
              reps, sentences, tokens, static_cast<double>(tokens) / static_cast<double>(sentences));
  std::printf("        (the gigaword sample has PTB parses only, so it is not used)\n");
  std::printf("dictionaries: %s: %llu entries, load %.3f s, coder setup %.3f s\n", data.c_str(),
              static_cast<unsigned long long>(load.entries), load_s, create_s);
  std::printf("coding, one thread: %.0f sentences/s, %.0f tokens/s (CPU %.3f s, wall %.3f s)\n",
              static_cast<double>(sentences) / cpu, static_cast<double>(tokens) / cpu, cpu, wall);
  std::printf("events %llu, verbs %llu, discarded sentences %llu\n",
              static_cast<unsigned long long>(n_events), static_cast<unsigned long long>(stats.verbs),
              static_cast<unsigned long long>(stats.discarded));
  std::printf("peak RSS: %.1f MiB\n", PeakRssMiB());
  return 0;
}
