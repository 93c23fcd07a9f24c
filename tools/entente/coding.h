// Internal to the CLI: what `entente code` and `entente eval` share --
// dictionary options, loading the coder, and preparing parsed sentences.
#pragma once

#include <CLI/CLI.hpp>

#include <memory>
#include <string>
#include <vector>

#include "entente/cameo.h"
#include "entente/coder.h"
#include "entente/dictionary.h"
#include "entente/document.h"
#include "entente/pipeline.h"
#include "entente/status.h"
#include "entente/tokenizer.h"

namespace entente::cli {

struct CodingArgs {
  std::string dictionaries;  // folder of a production-style set; "" = bundled
  std::string verbs;
  std::vector<std::string> actors, agents, discards;
  std::vector<std::string> issues;  // --issues: issue dictionaries (default: the set's, when present)
  bool no_issues = false;           // --no-issues: no issue coding
  bool strict = false;
  bool verbose = false;      // list every skipped dictionary entry
  std::string goldstein = "gdelt";
  bool parsed = false;       // use the parses carried by the input
  bool ignore_negation = false;
  // Coder experiments, registered by `entente eval` only (AddCoderTuningOptions):
  bool drop_negation = false;  // no event from a negated verb
  std::string ontology;        // PICO file for negated codes; "" = built-in
  bool monads = false;         // also one-actor events (require_dyad off)
  bool prefilter = true;     // parse only sentences Coder::MayCode passes
  std::string tagger, parser;
  bool models_only = false;  // PipelineOptions' newswire rules off
  // Sentences are cut at this many words (TokenizerOptions; 0 = no limit).
  // Registered by the commands that offer it (AddLimitOptions, output.h).
  size_t max_sentence_tokens = TokenizerOptions{}.max_sentence_tokens;
};

// Registers --dictionaries, --verbs, --actors, --agents, --discards, --issues,
// --no-issues, --strict,
// --goldstein, --parsed, --tagger, --parser, --models-only on `sub`.
void AddCodingOptions(CLI::App* sub, CodingArgs* a);

// Registers --drop-negation (excludes --ignore-negation, so call it after
// AddCodingOptions), --ontology and --monads on `sub`.
void AddCoderTuningOptions(CLI::App* sub, CodingArgs* a);

// Everything needed to code documents; immutable once built, shared by threads.
struct CodingSetup {
  EventDictionaries dictionaries;
  std::unique_ptr<CameoTable> table;
  std::unique_ptr<CodeOntology> ontology;  // --ontology; null = built-in
  std::unique_ptr<Coder> coder;
  std::unique_ptr<Pipeline> pipeline;  // null with --parsed when never needed
  LoadReport load;
  double load_seconds = 0;
};

// Loads dictionaries, tables, coder and (unless a.parsed) the pipeline.
// Dictionary problems go to stderr prefixed by `verb`.
Result<std::unique_ptr<CodingSetup>> LoadCoding(const CodingArgs& a, const char* verb);

// Gives `doc` parsed sentences: with a.parsed, from the parse it carries
// (CoNLL-U) -- falling back to entente's own parse when it has none, which is
// counted in *fallbacks; otherwise by running the pipeline on its text,
// tagging and parsing only the sentences Coder::MayCode passes (the others
// are counted in *prefiltered, which may be null).  Sentences the tokeniser
// cut at a.max_sentence_tokens are counted in *cut (may be null).
void PrepareSentences(const CodingArgs& a, const CodingSetup& s, Document* doc, uint64_t* fallbacks,
                      uint64_t* prefiltered = nullptr, uint64_t* cut = nullptr);

}  // namespace entente::cli
