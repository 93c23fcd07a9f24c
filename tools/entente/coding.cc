#include "coding.h"

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <iostream>

namespace entente::cli {

void AddCodingOptions(CLI::App* sub, CodingArgs* a) {
  sub->add_option("--dictionaries", a->dictionaries,
                  "Folder with a PETRARCH2-style production set (default: the bundled data/dictionaries)");
  sub->add_option("--verbs", a->verbs, "Verb dictionary (overrides the set's)");
  sub->add_option("--actors", a->actors, "Actor dictionaries, comma-separated or repeated")->delimiter(',')
      ->allow_extra_args(false);
  sub->add_option("--agents", a->agents, "Agent dictionaries, comma-separated or repeated")->delimiter(',')
      ->allow_extra_args(false);
  sub->add_option("--discards", a->discards, "Discard dictionaries, comma-separated or repeated")->delimiter(',')
      ->allow_extra_args(false);
  auto* issues = sub->add_option("--issues", a->issues,
                                 "Issue dictionaries (Phoenix.IssueCoding.txt format), comma-separated or repeated "
                                 "(default: the set's Phoenix.IssueCoding.txt when it has one)")
                     ->delimiter(',')
                     ->allow_extra_args(false);  // one value per --issues: a following input is an input
  sub->add_flag("--no-issues", a->no_issues, "No issue coding (events carry no issues)")->excludes(issues);
  sub->add_flag("-v,--verbose", a->verbose, "List every malformed dictionary entry that was skipped");
  sub->add_flag("--strict", a->strict, "A malformed dictionary entry is fatal (default: reported, skipped, counted)");
  sub->add_option("--goldstein", a->goldstein, "Goldstein scale: gdelt, icews or phoenix")->capture_default_str();
  sub->add_flag("--parsed", a->parsed,
                "Use the parses carried by the input (CoNLL-U, or CoNLL-U in PETRARCH <Parse>) instead of parsing");
  sub->add_flag("--ignore-negation", a->ignore_negation, "Code negated verbs as if positive (PETRARCH2 behaviour)");
  sub->add_flag("!--no-prefilter", a->prefilter,
                "Tag and parse every sentence, also those without the words an event needs (slower, same events)");
  sub->add_option("--tagger", a->tagger, "Tagger model (default: bundled)");
  sub->add_option("--parser", a->parser, "Parser model (default: bundled)");
  sub->add_flag("--models-only", a->models_only,
                "Tag and parse with the models alone: without the pipeline's newswire rules (wire-copy time "
                "phrases such as 'Israel on Monday released', a finite verb for every sentence)");
}

void AddCoderTuningOptions(CLI::App* sub, CodingArgs* a) {
  sub->add_flag("--drop-negation", a->drop_negation, "Code no event from a negated verb")
      ->excludes(sub->get_option("--ignore-negation"));
  sub->add_option("--ontology", a->ontology,
                  "Code ontology (PICO file) giving the code of a negated verb (default: the built-in PICO 1.01)");
  sub->add_flag("--monads", a->monads, "Also emit events with only a source or only a target actor");
}

Result<std::unique_ptr<CodingSetup>> LoadCoding(const CodingArgs& a, const char* verb) {
  auto t0 = std::chrono::steady_clock::now();
  EventDictionaryPaths paths = EventDictionaries::ProductionPaths(
      a.dictionaries.empty() ? DataDir() + "/dictionaries" : a.dictionaries);
  if (!a.verbs.empty()) paths.verbs = a.verbs;
  if (!a.actors.empty()) paths.actors = a.actors;
  if (!a.agents.empty()) paths.agents = a.agents;
  if (!a.discards.empty()) paths.discards = a.discards;
  // Issue coding is optional in a dictionary set: a --dictionaries folder
  // without Phoenix.IssueCoding.txt simply codes no issues.
  if (!a.dictionaries.empty() && !std::filesystem::exists(paths.issues.front())) paths.issues.clear();
  if (!a.issues.empty()) paths.issues = a.issues;
  if (a.no_issues) paths.issues.clear();
  DictionaryLoadOptions dopt;
  dopt.strict = a.strict;
  // The bundled production files carry a few known malformed entries (see
  // doc/dictionaries.md); list them only when asked, count them always.
  uint64_t shown = 0;
  const uint64_t show = a.verbose ? UINT64_MAX : 3;
  dopt.on_error = [&](const Status& st) {
    // With --strict the first error is fatal and the command prints it.
    if (a.strict) return;
    if (++shown <= show) std::cerr << "entente " << verb << ": dictionary: " << st.ToString() << "\n";
  };
  auto setup = std::make_unique<CodingSetup>();
  auto dicts = EventDictionaries::Load(paths, dopt, &setup->load);
  if (!dicts.ok()) return dicts.status();
  if (shown > show)
    std::cerr << "entente " << verb << ": dictionary: ... and " << shown - show
              << " more malformed entries skipped (--verbose lists them)\n";
  setup->dictionaries = std::move(dicts).value();

  CameoOptions copt;
  auto scale = ParseGoldsteinScale(a.goldstein);
  if (!scale.ok()) return scale.status();
  copt.scale = *scale;
  auto table = CameoTable::FromDirectory(DataDir() + "/cameo", copt);
  if (!table.ok()) return table.status();
  setup->table = std::make_unique<CameoTable>(std::move(table).value());

  CoderOptions co;
  {
    size_t slash = paths.verbs.find_last_of('/');
    co.verbs_name = slash == std::string::npos ? paths.verbs : paths.verbs.substr(slash + 1);
  }
  if (a.ignore_negation) co.negation = NegationMode::kIgnore;
  if (a.drop_negation) co.negation = NegationMode::kDrop;
  if (a.monads) co.require_dyad = false;
  if (!a.ontology.empty()) {
    auto onto = CodeOntology::Load(a.ontology);
    if (!onto.ok()) return onto.status();
    setup->ontology = std::make_unique<CodeOntology>(std::move(onto).value());
    if (setup->ontology->skipped() > 0)
      std::cerr << "entente " << verb << ": " << a.ontology << ": " << setup->ontology->skipped()
                << " malformed lines skipped\n";
    co.ontology = setup->ontology.get();
  }
  auto coder = Coder::Create(&setup->dictionaries, setup->table.get(), co);
  if (!coder.ok()) return coder.status();
  setup->coder = std::move(coder).value();

  PipelineOptions po;
  po.tagger_path = a.tagger;
  po.parser_path = a.parser;
  po.wire_day_phrases = !a.models_only;
  po.repair_tags = !a.models_only;
  po.tokenizer.max_sentence_tokens = a.max_sentence_tokens;
  auto pipeline = Pipeline::Create(po);
  if (!pipeline.ok()) {
    // With --parsed the pipeline is only a fallback for records without a parse.
    if (!a.parsed) return pipeline.status();
    std::cerr << "entente " << verb << ": " << pipeline.status().ToString()
              << " (records without a parse will be skipped)\n";
  } else {
    setup->pipeline = std::move(pipeline).value();
  }
  setup->load_seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  return setup;
}

void PrepareSentences(const CodingArgs& a, const CodingSetup& s, Document* doc, uint64_t* fallbacks,
                      uint64_t* prefiltered, uint64_t* cut) {
  if (a.parsed) {
    bool has_tree = false;
    if (!doc->sentences.empty()) {
      for (const Token& t : doc->sentences.front().tokens) has_tree |= t.head >= 0;
    } else if (doc->parse_format == "conllu") {
      auto n = SentencesFromParse(doc);
      has_tree = n.ok() && !doc->sentences.empty();
    }
    if (has_tree) return;
    ++*fallbacks;
    doc->sentences.clear();
  }
  if (!s.pipeline) {
    doc->sentences.clear();
    return;
  }
  // Tokenise everything, but tag and parse only the sentences that could
  // yield an event (Coder::MayCode is conservative: skipping the others
  // changes no event, see its test).
  const SegmentStats seg = s.pipeline->tokenizer().Segment(doc);
  if (cut != nullptr) *cut += seg.cut_sentences;
  for (size_t i = 0; i < doc->sentences.size(); ++i) {
    if (!a.prefilter || s.coder->MayCode(*doc, i)) {
      s.pipeline->Process(&doc->sentences[i]);
    } else if (prefiltered != nullptr) {
      ++*prefiltered;
    }
  }
}

}  // namespace entente::cli
