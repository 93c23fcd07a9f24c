// entente/parser.h -- the dependency parser: UD heads and relations.
//
// A greedy transition-based parser (arc-eager with labeled arcs and a
// single-root constraint) scored by an averaged perceptron over hashed
// feature templates of the stack, the buffer and the partial tree.  It reads
// form, lemma, upos and xpos of every token (so run the tagger first) and
// writes Token::head and Token::deprel.  Non-projective training trees are
// projectivised by lifting arcs; the parser itself only builds projective
// trees.
//
// Models are versioned binary files (kind "parser", see src/util/model_io.h)
// carrying their provenance in metadata.  A missing, truncated, corrupt or
// mismatched model file is reported as a kCorruptModel (or kNotFound /
// kIoError) Status; loading never crashes on bad bytes.
//
// Thread safety: a loaded DependencyParser is immutable; Parse() is const and
// may be called from many threads at once on distinct sentences.
//
// Example:
//   auto p = entente::DependencyParser::Load("data/models/en_ewt-parser.bin");
//   if (!p.ok()) { ... p.status() ... }
//   (*p)->Parse(&sentence);
#pragma once

#include <cstdint>
#include <iosfwd>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "entente/document.h"
#include "entente/status.h"

namespace entente {

namespace parser_internal {
struct Model;
}

class DependencyParser {
 public:
  ~DependencyParser();
  DependencyParser(const DependencyParser&) = delete;
  DependencyParser& operator=(const DependencyParser&) = delete;

  // Reads a model file written by TrainParser().  Errors: kNotFound / kIoError
  // when the file cannot be read, kCorruptModel when its bytes are wrong.
  static Result<std::unique_ptr<DependencyParser>> Load(const std::string& path);
  // Same, from a stream; `name` is used in error messages.
  static Result<std::unique_ptr<DependencyParser>> Load(std::istream& in, std::string_view name);

  // Fills head and deprel of every token of *s from form/lemma/upos/xpos
  // (xpos is used when present, else upos).  Always produces a well-formed
  // tree with exactly one token headed by 0 (deprel "root").  Any previous
  // head/deprel values are overwritten.  Empty sentences are left alone.
  // Thread-safe (const).
  void Parse(Sentence* s) const;

  // The model file's metadata (training data, licence, command, dev scores).
  const std::vector<std::pair<std::string, std::string>>& metadata() const;

  // Relation labels the model can predict, in class order.
  const std::vector<std::string>& labels() const;

  // Internal: wraps a model built by the trainer.
  explicit DependencyParser(std::unique_ptr<parser_internal::Model> model);

 private:
  std::unique_ptr<parser_internal::Model> model_;
};

struct ParserTrainOptions {
  std::string train_path;   // CoNLL-U training treebank (required)
  std::string dev_path;     // CoNLL-U dev treebank: picks the best iteration (optional)
  std::string output_path;  // where the model is written (required)
  // Optional tagger model (entente/tagger.h).  When set, the dev sentences
  // are tagged with it, and so are the training sentences -- by this model
  // when jackknife_folds == 0, else by jackknifing -- so that the parser
  // learns to live with tagging errors.
  std::string tagger_path;
  // When > 1 (and tagger_path is set): tags the training data by k-fold
  // jackknifing: for each fold a tagger is trained (TrainTagger, default
  // options, same seed, dev_path for epoch selection; dev_path required) on
  // the other folds and tags that fold.  Temporary files go to the system
  // temporary directory and are removed.
  int jackknife_folds = 0;
  // With tagger_path: train on every sentence twice, once with predicted and
  // once with gold tags.
  bool add_gold_tags = false;
  // Also train on newswire word-order variants of the training sentences,
  // as TaggerTrainOptions::news_date_variants.  They are added before
  // jackknifing, each next to its original, so that both fall in one fold
  // (the fold taggers then train on the variants and do not add their own).
  bool news_date_variants = false;
  int iterations = 15;      // passes over the training data
  uint64_t seed = 1;        // shuffling and exploration; same seed, same model
  // Averaged weights smaller than this (in perceptron-update units) are
  // dropped: 1.0 halves the English model at no dev cost.  0 keeps all.
  double prune = 1.0;
  std::string command_line; // recorded verbatim in the model's metadata
};

// Trains a parser and writes it to opts.output_path.  Deterministic for a
// given input, options and seed.  Progress goes to *log when non-null.
Status TrainParser(const ParserTrainOptions& opts, std::ostream* log);

// Attachment scores over all words (punctuation included), as in the CoNLL
// 2018 shared task: `las` compares only the universal part of the relation
// ("obl:tmod" counts as "obl"); `las_full` compares the full label.  Sentences
// are paired by position; a predicted sentence with a different token count
// scores 0 for its gold words.
struct ParseScores {
  double uas = 0;
  double las = 0;
  uint64_t tokens = 0;
  double las_full = 0;
};
ParseScores ScoreParses(const std::vector<Sentence>& gold, const std::vector<Sentence>& pred);

}  // namespace entente
