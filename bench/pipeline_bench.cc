// Throughput and memory of the text pipeline (issue: speed and memory).
//
// Prints, for each corpus, tokens per second on one core for tokenising,
// tagging, parsing and the three together, then the whole pipeline on all
// threads; model load time; peak resident memory.  Corpora: UD EWT test raw
// text (needs ../shared), news text = the seed article plus the gigaword
// sample sentences (../shared) repeated to at least --min-tokens tokens.
//
//   build/bench/entente-bench-pipeline [--shared DIR] [--min-tokens N] [--threads N]
#include <sys/resource.h>
#include <time.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "entente/conllu.h"
#include "entente/parser.h"
#include "entente/pipeline.h"
#include "entente/reader.h"
#include "entente/tagger.h"
#include "entente/tokenizer.h"

namespace {

using Clock = std::chrono::steady_clock;
double Since(Clock::time_point t) { return std::chrono::duration<double>(Clock::now() - t).count(); }

// CPU time of the calling thread: single-thread figures do not depend on
// what else the machine runs (the shared 2-core machine is often loaded).
double ThreadCpu() {
  timespec ts;
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) + 1e-9 * static_cast<double>(ts.tv_nsec);
}

std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// Splits `text` into documents of about 2,000 bytes at paragraph breaks so
// threads have work to share, repeated until `min_tokens` words.
std::vector<entente::Document> MakeDocs(const std::vector<std::string>& texts, size_t min_tokens,
                                        const entente::Tokenizer& tok) {
  size_t words_per_round = 0;
  for (const auto& t : texts) {
    entente::Document d;
    d.text = t;
    tok.Segment(&d);
    for (auto& s : d.sentences) words_per_round += s.tokens.size();
  }
  std::vector<entente::Document> docs;
  size_t words = 0;
  for (int round = 0; words < min_tokens && words_per_round > 0; ++round) {
    for (size_t i = 0; i < texts.size(); ++i) {
      entente::Document d;
      d.id = std::to_string(round) + "-" + std::to_string(i);
      d.text = texts[i];
      docs.push_back(std::move(d));
    }
    words += words_per_round;
  }
  return docs;
}

size_t Words(const std::vector<entente::Document>& docs) {
  size_t n = 0;
  for (const auto& d : docs)
    for (const auto& s : d.sentences) n += s.tokens.size();
  return n;
}

void Report(const char* corpus, std::vector<entente::Document> docs, const entente::Pipeline& p, int threads) {
  // Stage by stage on one core (thread CPU time).
  double c = ThreadCpu();
  for (auto& d : docs) p.tokenizer().Segment(&d);
  const double seg = ThreadCpu() - c;
  const size_t words = Words(docs);
  size_t sentences = 0;
  for (const auto& d : docs) sentences += d.sentences.size();
  c = ThreadCpu();
  for (auto& d : docs)
    for (auto& s : d.sentences) p.tagger()->Tag(&s);
  const double tag = ThreadCpu() - c;
  c = ThreadCpu();
  for (auto& d : docs)
    for (auto& s : d.sentences) p.parser()->Parse(&s);
  const double parse = ThreadCpu() - c;
  // Together: one thread (CPU time and wall time), then all threads (wall).
  for (auto& d : docs) d.sentences.clear();
  c = ThreadCpu();
  auto t = Clock::now();
  p.ProcessBatch(&docs, 1);
  const double all1_cpu = ThreadCpu() - c, all1_wall = Since(t);
  for (auto& d : docs) d.sentences.clear();
  t = Clock::now();
  p.ProcessBatch(&docs, threads);
  const double alln = Since(t);
  std::printf("%s: %zu words in %zu sentences (%.1f words/sentence)\n", corpus, words, sentences,
              static_cast<double>(words) / static_cast<double>(sentences));
  std::printf("  one core, CPU time:  tokenise %10.0f  tag %9.0f  parse %9.0f  whole pipeline %9.0f words/s (%.0f sentences/s)\n",
              words / seg, words / tag, words / parse, words / all1_cpu, sentences / all1_cpu);
  std::printf("  wall clock:          whole pipeline, 1 thread %9.0f words/s; %d threads %9.0f words/s\n",
              words / all1_wall, threads, words / alln);
}

}  // namespace

int main(int argc, char** argv) {
  std::string shared = ENTENTE_SHARED_DIR;
  size_t min_tokens = 500000;
  int threads = static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  for (int i = 1; i < argc; ++i) {
    if (!std::strcmp(argv[i], "--shared") && i + 1 < argc) shared = argv[++i];
    else if (!std::strcmp(argv[i], "--min-tokens") && i + 1 < argc) min_tokens = std::stoul(argv[++i]);
    else if (!std::strcmp(argv[i], "--threads") && i + 1 < argc) threads = std::stoi(argv[++i]);
    else {
      std::fprintf(stderr, "usage: %s [--shared DIR] [--min-tokens N] [--threads N]\n", argv[0]);
      return 2;
    }
  }
  auto t = Clock::now();
  auto p = entente::Pipeline::Create({});
  if (!p.ok()) {
    std::fprintf(stderr, "%s\n", p.status().ToString().c_str());
    return 3;
  }
  std::printf("machine: %u hardware threads; model load %.3f s\n", std::thread::hardware_concurrency(), Since(t));
  const entente::Pipeline& pipe = **p;

  // News: the bundled seed article, plus the gigaword sample when present.
  std::vector<std::string> news = {ReadFile(std::string(ENTENTE_SOURCE_DIR) + "/examples/nato-asia-pacific.txt")};
  {
    entente::ReadOptions ro;
    auto r = entente::DocumentReader::Open({shared + "/data/validation/gigaword-sample/GigaWord.sample.PETR.xml"}, ro);
    entente::Document d;
    std::string all;
    if (r.ok())
      while ((*r)->Next(&d)) all += d.text + "\n\n";
    if (!all.empty()) news.push_back(all);
  }
  Report("news", MakeDocs(news, min_tokens, pipe.tokenizer()), pipe, threads);

  auto gold = entente::ReadConlluFile(shared + "/data/ud-english-ewt/en_ewt-ud-test.conllu");
  if (gold.ok()) {
    std::string raw = entente::RawTextOfTreebank(*gold);
    // Paragraph-sized documents.
    std::vector<std::string> parts;
    size_t start = 0;
    while (start < raw.size()) {
      size_t cut = raw.find("\n\n", start + 2000);
      if (cut == std::string::npos) cut = raw.size();
      parts.push_back(raw.substr(start, cut - start));
      start = cut;
    }
    Report("ewt-test", MakeDocs(parts, min_tokens, pipe.tokenizer()), pipe, threads);
  } else {
    std::printf("ewt-test: skipped (%s)\n", gold.status().ToString().c_str());
  }
  struct rusage ru;
  getrusage(RUSAGE_SELF, &ru);
  std::printf("peak resident memory: %.1f MiB\n", ru.ru_maxrss / 1024.0);
  return 0;
}
