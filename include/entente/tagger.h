// entente/tagger.h -- part-of-speech tagging and lemmatisation.
//
// A Tagger assigns every word of a Sentence its universal POS tag (UPOS), its
// language-specific tag (XPOS; Penn Treebank tags for English), its lemma and
// its morphological features (FEATS).  It is a greedy left-to-right averaged
// perceptron over hashed lexical and context features, predicting the
// (UPOS, XPOS) pair as one class, with a dictionary of frequent unambiguous
// words; the lemmatiser is a (form, tag) lexicon learned from the treebank
// plus suffix edit rules by tag for unseen words.
//
// Models are versioned binary files (kind "tagger") written by TrainTagger.
// The shipped English model is data/models/en_ewt-tagger.bin, trained on UD
// English EWT (CC BY-SA 4.0); see data/models/README.md for how to rebuild it.
//
// Example:
//   auto tagger = entente::Tagger::Load("data/models/en_ewt-tagger.bin");
//   if (!tagger.ok()) return tagger.status();
//   (*tagger)->Tag(&sentence);   // tokens need only `form`
//
// Thread safety: a loaded Tagger is immutable; Tag() and the accessors may be
// called from any number of threads at once.  TrainTagger is single-threaded.
#pragma once

#include <cstdint>
#include <istream>
#include <memory>
#include <ostream>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "entente/document.h"
#include "entente/status.h"

namespace entente {

class Tagger {
 public:
  // Loads a model file.  A missing file is kNotFound; a file that is not a
  // tagger model, is of an unsupported version, is truncated or fails its
  // checksum or its internal consistency checks is kCorruptModel.  Never
  // throws, never crashes on bad input.
  static Result<std::unique_ptr<Tagger>> Load(const std::string& path);
  // As above, reading the whole model from `in`; `name` is used in messages.
  static Result<std::unique_ptr<Tagger>> Load(std::istream& in, std::string_view name);

  ~Tagger();
  Tagger(const Tagger&) = delete;
  Tagger& operator=(const Tagger&) = delete;

  // Overwrites upos, xpos, lemma and feats of every token of *s from the
  // tokens' `form` alone (all other fields are left untouched).  An empty
  // sentence is left as is.  Const and thread-safe.
  void Tag(Sentence* s) const;

  // The model's metadata in file order: training_data, licence,
  // training_command, dev scores ("dev_upos", ...), created_by, ...
  const std::vector<std::pair<std::string, std::string>>& metadata() const;

  // The tag inventories of the model (in class order).
  std::vector<std::string> upos_tags() const;
  std::vector<std::string> xpos_tags() const;

  struct Impl;  // internal

 private:
  explicit Tagger(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

struct TaggerTrainOptions {
  std::string train_path;   // CoNLL-U training treebank (required)
  std::string dev_path;     // CoNLL-U development treebank (required): picks the
                            // best epoch and its scores are stored in the model
  std::string output_path;  // where the model is written (required)
  int iterations = 12;      // perceptron epochs over the training data
  uint64_t seed = 1;        // seeds the per-epoch shuffle of the training data
  // 1: one left-to-right pass.  2: a second pass that also sees the first
  // pass's tags of the next words (trained on jackknifed first-pass tags;
  // about twice the tagging time; measured no better on EWT dev, hence off).
  int passes = 1;
  // Words seen at least this often with one tag in >= 99.5% of cases are tagged
  // from a dictionary without scoring.
  int tagdict_min_count = 20;
  // Also train on newswire word-order variants of the training sentences
  // ("X on Thursday fired", "X Tuesday endorsed"; src/parse/treebank_augment.h,
  // data/models/README.md).  Off by default; scripts/train-models.sh turns it on.
  bool news_date_variants = false;
  std::string command_line; // stored in the model as "training_command"
  // Extra metadata stored verbatim (e.g. {"training_data", "..."}); the keys
  // training_command, licence and training_data default sensibly when absent.
  std::vector<std::pair<std::string, std::string>> extra_meta;
};

// Trains a tagger + lemmatiser on opts.train_path, evaluates every epoch on
// opts.dev_path, keeps the best epoch's averaged weights and writes the model
// to opts.output_path.  Deterministic: the same data and options give a
// byte-identical model.  Logs progress to *log when log != nullptr.
Status TrainTagger(const TaggerTrainOptions& opts, std::ostream* log);

// Accuracy of a tagger against gold sentences (gold tokenisation).
struct TaggerScores {
  uint64_t tokens = 0;
  double upos = 0, xpos = 0, upos_xpos = 0;  // fraction of tokens correct
  double lemma = 0, feats = 0;
  double lemma_nocase = 0;                    // lemma ignoring letter case
  double tokens_per_second = 0;  // tagging speed per CPU-second of the calling thread
};
// Tags a copy of every gold sentence and compares.  Empty `gold` gives zeros.
TaggerScores EvaluateTagger(const Tagger& tagger, const std::vector<Sentence>& gold);

}  // namespace entente
