// entente eval: code a validation suite and score it against its expected events.
#include <fmt/core.h>

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
  ParallelFor(docs.size(), a.threads, [&](size_t i) {
    PrepareSentences(a.coding, cs, &docs[i], &fallbacks[i]);
    cs.coder->Code(docs[i], &events[i]);
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
  AddCodingOptions(sub, &a->coding);
  *run = [a] { return Run(*a); };
  return sub;
}

}  // namespace entente::cli
