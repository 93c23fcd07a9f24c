// entente eval: code a validation suite and score it against its expected events.
#include <fmt/core.h>

#include <chrono>
#include <iostream>
#include <memory>
#include <string>
#include <vector>

#include "coding.h"
#include "command.h"
#include "entente/evaluate.h"
#include "entente/parallel.h"
#include "entente/reader.h"

namespace entente::cli {
namespace {

struct EvalArgs {
  std::vector<std::string> records;
  bool json = false;
  bool quiet = false;
  int threads = 1;
  std::vector<std::string> trace;  // record ids (substrings) to print in detail
  bool coder_stats = false;        // print the coder's counters on stderr
  int repeat = 0;                  // code the suite this many more times, timed
  CodingArgs coding;
};

int Run(const EvalArgs& a) {
  auto setup = LoadCoding(a.coding, "eval");
  if (!setup.ok()) {
    std::cerr << "entente eval: " << setup.status().ToString() << "\n";
    return kExitFatal;
  }
  const CodingSetup& cs = **setup;
  ReadOptions ro;
  uint64_t read_errors = 0;
  ro.on_error = [&](const Status& st) {
    ++read_errors;
    std::cerr << "entente eval: " << st.ToString() << "\n";
  };
  auto reader = DocumentReader::Open(a.records, ro);
  if (!reader.ok()) {
    std::cerr << "entente eval: " << reader.status().ToString() << "\n";
    return kExitUsage;
  }
  std::vector<Document> docs;
  for (Document d; (*reader)->Next(&d); d = Document()) docs.push_back(std::move(d));
  std::vector<std::vector<Event>> events(docs.size());
  std::vector<uint64_t> fallbacks(docs.size(), 0);
  std::vector<CoderStats> stats(a.coder_stats ? docs.size() : 0);
  ParallelFor(docs.size(), a.threads, [&](size_t i) {
    PrepareSentences(a.coding, cs, &docs[i], &fallbacks[i]);
    cs.coder->Code(docs[i], &events[i], a.coder_stats ? &stats[i] : nullptr);
  });
  Evaluator eval;
  uint64_t n_fallbacks = 0;
  for (size_t i = 0; i < docs.size(); ++i) {
    eval.Add(docs[i], events[i]);
    n_fallbacks += fallbacks[i];
    for (const std::string& t : a.trace)
      if (docs[i].id.find(t) != std::string::npos) {
        std::cerr << EvalTraceText(docs[i], events[i]);
        break;
      }
  }
  if (a.json) {
    std::cout << EvalReportJson(eval.report()) << "\n";
  } else {
    std::cout << EvalReportText(eval.report(), !a.quiet);
    std::cout << fmt::format("parses: {}; {} records read, {} input errors", a.coding.parsed ? "the suite's" : "entente's own",
                             docs.size(), read_errors);
    if (a.coding.parsed) std::cout << fmt::format(", {} records without a usable parse parsed by entente", n_fallbacks);
    std::cout << "\n";
  }
  if (a.coder_stats) {
    CoderStats t;
    for (const CoderStats& s : stats) {
      t.sentences += s.sentences;
      t.unparsed += s.unparsed;
      t.discarded += s.discarded;
      t.verbs += s.verbs;
      t.events += s.events;
      t.capped += s.capped;
    }
    std::cerr << fmt::format(
        "entente eval: coder: {} sentences, {} without a parse, {} discarded, {} dictionary verbs, {} events, "
        "{} dropped over the per-sentence cap\n",
        t.sentences, t.unparsed, t.discarded, t.verbs, t.events, t.capped);
  }
  if (a.repeat > 0) {
    // Coding only (the parses are already there), on one thread.
    uint64_t sentences = 0;
    std::vector<Event> ev;
    const auto t0 = std::chrono::steady_clock::now();
    for (int r = 0; r < a.repeat; ++r) {
      for (const Document& d : docs) {
        ev.clear();
        cs.coder->Code(d, &ev);
        sentences += d.sentences.size();
      }
    }
    const double sec = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    std::cerr << fmt::format("entente eval: speed: coded {} sentences in {:.3f} s = {:.0f} sentences/s (one thread)\n",
                             sentences, sec, sec > 0 ? sentences / sec : 0.0);
  }
  return (*reader)->stats().skipped > 0 ? kExitSkipped : kExitOk;
}

}  // namespace

CLI::App* AddEvalCommand(CLI::App& app, Runner* run) {
  auto a = std::make_shared<EvalArgs>();
  CLI::App* sub = app.add_subcommand(
      "eval", "Code validation records (PETRARCH XML or normalized JSONL) and score them against their expected events");
  sub->add_option("records", a->records, "Validation record files")->required();
  sub->add_flag("--json", a->json, "Print one JSON object (expected, emitted, found, recall, precision, exact, ...)");
  sub->add_flag("-q,--quiet", a->quiet, "Totals and categories only, without the list of misses and extras");
  sub->add_option("-t,--threads", a->threads, "Worker threads (0 = all cores)")->capture_default_str();
  sub->add_option("--trace", a->trace,
                  "Print, on stderr, the parse, expected and coded events of records whose id contains this (repeatable)");
  sub->add_flag("--coder-stats", a->coder_stats,
                "Print, on stderr, the coder's counters (sentences, discarded, dictionary verbs, events)");
  sub->add_option("--repeat", a->repeat,
                  "Code the suite N more times on one thread and print the coding speed on stderr")
      ->check(CLI::NonNegativeNumber);
  AddCodingOptions(sub, &a->coding);
  AddCoderTuningOptions(sub, &a->coding);
  *run = [a] { return Run(*a); };
  return sub;
}

}  // namespace entente::cli
