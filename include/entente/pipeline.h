// entente/pipeline.h -- raw text to parsed sentences.
//
// A Pipeline owns the loaded models (tokeniser rules, tagger, parser) and
// runs them over Documents:
//
//   auto p = entente::Pipeline::Create({});          // bundled models
//   if (!p.ok()) { /* p.status() names the model file and what is wrong */ }
//   (*p)->Process(&doc);                             // doc.sentences filled
//
// Thread safety: a Pipeline is immutable after Create; Process and
// ProcessBatch may be called from many threads at once.  A Document is
// mutated only by the call that processes it.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "entente/document.h"
#include "entente/status.h"
#include "entente/tokenizer.h"

namespace entente {

class Tagger;
class DependencyParser;

struct PipelineOptions {
  // Model files.  Empty = the bundled models in DataDir()/models.
  std::string tagger_path;
  std::string parser_path;
  // Stages to run.  Parsing needs tags, so parse=true implies tag=true.
  bool tag = true;
  bool parse = true;
  // When a Document already has sentences (e.g. read from CoNLL-U), keep its
  // tokens instead of re-segmenting doc.text.  Default: keep.
  bool keep_existing_tokens = true;
  // Wire-copy time phrases ("Israel on Wednesday released ...", "lawmakers
  // Tuesday endorsed ...", "troops yesterday entered ...", "Israel last
  // week released ..."): a sentence with such a phrase between its subject
  // and its finite verb is tagged and parsed without the phrase, which is
  // then attached to the verb (obl / obl:tmod).  The models, trained on web
  // text, misparse this newswire order.  Default: on.
  bool wire_day_phrases = true;
  // Tag repairs, constraints the greedy tagger cannot see: a sentence (or
  // the reported clause before a closing ", officials said.") with no
  // finite verb gets one -- its first past participle right after a noun or
  // pronoun becomes a past-tense verb ("Hamas fired rockets at Israel.",
  // tagged fired/VBN, is a clause, not a noun phrase); a past-tense verb
  // between a determiner or numeral and a noun becomes a participle ("the
  // two exiled dissidents"); a hyphen inside a word ("government-held") is
  // tagged HYPH, not as a comma.  Default: on.
  bool repair_tags = true;
  TokenizerOptions tokenizer;  // see tokenizer.h for its defaults
};

class Pipeline {
 public:
  static Result<std::unique_ptr<Pipeline>> Create(const PipelineOptions& options);
  ~Pipeline();

  // Segments (unless tokens exist and keep_existing_tokens), tags, parses.
  // When `seg` is not null, the segmentation's counts (sentences cut at
  // TokenizerOptions::max_sentence_tokens, ...) are added to it; it is left
  // alone when the existing tokens are kept.
  void Process(Document* doc, SegmentStats* seg = nullptr) const;
  // Tags and parses one sentence whose tokens are given.
  void Process(Sentence* s) const;
  // Processes docs on `threads` threads (<= 0: hardware concurrency); the
  // result is identical to calling Process on each in order.
  void ProcessBatch(std::vector<Document>* docs, int threads) const;

  const Tokenizer& tokenizer() const { return tokenizer_; }
  const Tagger* tagger() const { return tagger_.get(); }
  const DependencyParser* parser() const { return parser_.get(); }
  const PipelineOptions& options() const { return options_; }

 private:
  Pipeline(PipelineOptions options);
  // Tags with the tagger, then applies repair_tags.
  void Tag(Sentence* s) const;
  PipelineOptions options_;
  Tokenizer tokenizer_;
  std::unique_ptr<Tagger> tagger_;
  std::unique_ptr<DependencyParser> parser_;
};

// The folder of shipped data (models, dictionaries, tables): $ENTENTE_DATA
// when set, else the source tree's data/ folder of this build.
std::string DataDir();

}  // namespace entente
