// entente-coder-eval: codes a validation suite from its own parses and
// scores the result (include/entente/evaluate.h).
//
//   entente-coder-eval RECORDS.xml --verbs F --actors F[,F] --agents F [--discards F] [--json]
//   entente-coder-eval RECORDS.xml --production data/dictionaries
//   [--ontology PICO.txt | --drop-negation | --ignore-negation]
//
// A FILE.conllu (e.g. from `entente parse`) is coded as parsed documents
// and every document's parse and events are printed (with ENTENTE_CODER_DEBUG=1
// also each verb's argument candidates).
//
// --repeat N codes the suite N times to measure speed (sentences/s, one
// thread; printed on stderr).
#include <chrono>
#include <cstdio>
#include <iostream>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include "entente/coder.h"
#include "entente/dictionary.h"
#include "entente/evaluate.h"
#include "entente/reader.h"

namespace {

std::vector<std::string> SplitComma(const std::string& s) {
  std::vector<std::string> out;
  size_t start = 0;
  while (start <= s.size()) {
    size_t c = s.find(',', start);
    if (c == std::string::npos) c = s.size();
    if (c > start) out.push_back(s.substr(start, c - start));
    start = c + 1;
  }
  return out;
}

std::string BaseName(const std::string& p) {
  size_t s = p.find_last_of('/');
  return s == std::string::npos ? p : p.substr(s + 1);
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"Code a PETRARCH-XML validation suite from its own parses and score it"};
  std::string records, verbs, actors, agents, discards, production;
  bool json = false, quiet = false, ignore_negation = false;
  int repeat = 0;
  std::string trace;
  app.add_option("records", records, "PETRARCH XML records with <Parse> CoNLL-U")->required();
  app.add_option("--verbs", verbs, "verb dictionary");
  app.add_option("--actors", actors, "actor dictionaries, comma-separated");
  app.add_option("--agents", agents, "agent dictionaries, comma-separated");
  app.add_option("--discards", discards, "discard dictionaries, comma-separated");
  app.add_option("--production", production, "use the production set in this folder (data/dictionaries)");
  app.add_flag("--json", json, "print the report as JSON");
  app.add_flag("--quiet", quiet, "totals and categories only (no misses/extras)");
  app.add_flag("--ignore-negation", ignore_negation, "code negated verbs as if positive");
  bool drop_negation = false, monads = false;
  app.add_flag("--monads", monads, "also emit events with only a source or only a target (require_dyad=false)");
  std::string ontology;
  app.add_flag("--drop-negation", drop_negation, "code no event from negated verbs");
  app.add_option("--ontology", ontology, "code ontology (PICO) for negated codes; default: built-in PICO 1.01");
  app.add_option("--trace", trace, "print the parse and events of records whose id contains this");
  app.add_option("--repeat", repeat, "code the suite this many more times to measure speed");
  CLI11_PARSE(app, argc, argv);

  entente::EventDictionaryPaths paths;
  if (!production.empty()) {
    paths = entente::EventDictionaries::ProductionPaths(production);
  } else {
    if (verbs.empty() || actors.empty()) {
      fmt::print(stderr, "entente-coder-eval: give --verbs and --actors, or --production DIR\n");
      return 2;
    }
    paths.verbs = verbs;
    paths.actors = SplitComma(actors);
    paths.agents = SplitComma(agents);
    paths.discards = SplitComma(discards);
  }
  entente::LoadReport load;
  auto dicts = entente::EventDictionaries::Load(paths, {}, &load);
  if (!dicts.ok()) {
    fmt::print(stderr, "{}\n", dicts.status().ToString());
    return 1;
  }
  entente::CoderOptions opts;
  opts.verbs_name = BaseName(paths.verbs);
  if (ignore_negation) opts.negation = entente::NegationMode::kIgnore;
  if (drop_negation) opts.negation = entente::NegationMode::kDrop;
  if (monads) opts.require_dyad = false;
  entente::CodeOntology onto;
  if (!ontology.empty()) {
    auto o = entente::CodeOntology::Load(ontology);
    if (!o.ok()) {
      fmt::print(stderr, "{}\n", o.status().ToString());
      return 1;
    }
    onto = std::move(*o);
    opts.ontology = &onto;
  }
  auto coder = entente::Coder::Create(&*dicts, nullptr, opts);
  if (!coder.ok()) {
    fmt::print(stderr, "{}\n", coder.status().ToString());
    return 1;
  }

  entente::ReadOptions ro;
  // A .conllu file (e.g. from `entente parse`) is coded as parsed documents;
  // with --trace "" every document is traced.
  const bool conllu = records.size() > 7 && records.compare(records.size() - 7, 7, ".conllu") == 0;
  ro.format = conllu ? entente::InputFormat::kConllu : entente::InputFormat::kPetrarchXml;
  uint64_t read_errors = 0;
  ro.on_error = [&](const entente::Status& s) {
    ++read_errors;
    fmt::print(stderr, "{}\n", s.ToString());
  };
  auto reader = entente::DocumentReader::Open({records}, ro);
  if (!reader.ok()) {
    fmt::print(stderr, "{}\n", reader.status().ToString());
    return 1;
  }
  std::vector<entente::Document> docs;
  entente::Document doc;
  uint64_t bad_parses = 0;
  while ((*reader)->Next(&doc)) {
    auto n = entente::SentencesFromParse(&doc);
    if (n.ok()) bad_parses += *n;
    docs.push_back(std::move(doc));
    doc = entente::Document();
  }

  entente::Evaluator eval;
  entente::CoderStats stats;
  std::vector<entente::Event> events;
  for (const auto& d : docs) {
    events.clear();
    (*coder)->Code(d, &events, &stats);
    eval.Add(d, events);
    if ((!trace.empty() || conllu) && d.id.find(trace) != std::string::npos) {
      fmt::print(stderr, "{}", entente::EvalTraceText(d, events));
    }
  }
  if (json) {
    std::cout << entente::EvalReportJson(eval.report()) << "\n";
  } else {
    std::cout << entente::EvalReportText(eval.report(), !quiet);
    std::cout << fmt::format("sentences {} unparsed {} discarded {} verbs {} events {} read_errors {} bad_parses {}\n",
                             stats.sentences, stats.unparsed, stats.discarded, stats.verbs,
                             stats.events, read_errors, bad_parses);
  }
  if (repeat > 0) {
    uint64_t sentences = 0;
    auto t0 = std::chrono::steady_clock::now();
    for (int r = 0; r < repeat; ++r) {
      for (const auto& d : docs) {
        events.clear();
        (*coder)->Code(d, &events);
        sentences += d.sentences.size();
      }
    }
    double sec = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    fmt::print(stderr, "speed: {} sentences in {:.3f} s = {:.0f} sentences/s (one thread)\n", sentences,
               sec, sentences / sec);
  }
  return 0;
}
