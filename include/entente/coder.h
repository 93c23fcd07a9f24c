// entente/coder.h -- event coding on dependency parses.
//
// A Coder turns parsed sentences (Token::head/deprel/lemma/upos filled, as
// produced by entente's parser or read from CoNLL-U) into Events: who did
// what to whom, with CAMEO codes taken from PETRARCH-format dictionaries
// (entente/dictionary.h).  It follows the semantics of PETRARCH2 and
// UniversalPetrarch, re-designed for dependency trees (doc/coder.md):
//
//   * verbs: a token tagged VERB is looked up in the verb dictionary (its
//     form with neighbouring particles for multi-word verbs, then its
//     lemma); the verb's patterns are matched against the words of its
//     clause; the pattern with most matched elements wins (ties: file
//     order); without a matching pattern the verb's own or block code is
//     used.  [---] codes give no event; [a:b] codes give a->b and b->a.
//   * actors: the noun phrase of the subject (source) and of the object or
//     a prepositional complement (target) is matched against the actor
//     dictionary (longest match, date restrictions checked against
//     Document::date) and the agent dictionary (agents combine with the
//     actor of the same phrase: "Chinese Foreign Ministry spokesperson" ->
//     CHN + GOV).  An agent with no actor gives "---" + agent code.
//   * compounds: conjuncts ("China and North Korea") give one event per
//     actor; passive voice (nsubj:pass, "by" agents); statements ("X said
//     Y ...": the embedded clause is coded on its own); negation; discard
//     phrases (sentence- or story-level); pronouns and anaphoric nouns ("the
//     alliance") resolved to an actor of the same or an earlier sentence when
//     that is unambiguous.
//
// Every Event carries provenance: document id, date, source, url, sentence
// id/index/text, token spans of source, verb and target, and the dictionary
// pattern (or verb) that fired, as "file:line: text".
//
// Thread safety: a Coder is immutable after Create(); Code() may be called
// concurrently from any number of threads.  The dictionaries (and table)
// are not owned and must outlive the Coder.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "entente/cameo.h"
#include "entente/dictionary.h"
#include "entente/document.h"
#include "entente/event.h"
#include "entente/status.h"

namespace entente {

// What to do with a verb that is negated ("did not attack", "won't meet").
enum class NegationMode : uint8_t {
  kDrop,    // no event from a negated verb (default; PETRARCH2 codes them
            // as if positive, which the suites mark as wrong)
  kIgnore,  // code as if it were not negated (PETRARCH2 behaviour)
};

struct CoderOptions {
  // Code verbs of saying (the verb dictionary's say/comment blocks) as
  // events of their own when they have a target.  Default true.
  bool code_statements = true;
  // Resolve pronoun subjects/objects ("it", "they") and anaphoric nouns ("the
  // alliance", "the bloc") to an actor of the governing clause or of an
  // earlier sentence when exactly one candidate fits.  Default true.
  bool resolve_pronouns = true;
  // At most this many events per sentence (the rest is dropped and
  // counted nowhere: compound lists explode combinatorially).  Default 32.
  int max_events_per_sentence = 32;
  // Emit only events with both a source and a target actor.  Default true,
  // as PETRARCH2 (require_dyad).
  bool require_dyad = true;
  // An agent phrase with no actor ("officials", "lawmakers") codes as
  // "---" + agent ("---GOV").  Default true (PETRARCH2); such actors never
  // make a dyad on their own when this is false.
  bool code_agents_without_actor = true;
  // When a verb has no object and no prepositional target but a clausal
  // complement ("Arnor believes Dagolath can cope ..."), take the
  // complement's subject as the target.  Default true.
  bool clausal_subject_as_target = true;
  // A verb with a compound subject, no object and no target ("China and
  // Russia met") codes one event for each ordered pair of the subjects, as
  // the '%' pattern element asks explicitly.  Default true.
  bool pair_compound_subjects = true;
  NegationMode negation = NegationMode::kDrop;
  // Name of the verb dictionary file used in Event::pattern provenance
  // ("CAMEO.2.0.txt:1234: ...").  Default "verbs".
  std::string verbs_name = "verbs";
  // Fill derived fields with CameoTable::Enrich when a table is given.
  // Default true.
  bool enrich = true;
};

// Counters, for diagnostics (cumulative over Code() calls of one thread's
// own CoderStats object).
struct CoderStats {
  uint64_t sentences = 0;          // sentences seen
  uint64_t unparsed = 0;           // skipped: no head/deprel information
  uint64_t discarded = 0;          // skipped by a discard phrase
  uint64_t verbs = 0;              // dictionary verbs found
  uint64_t events = 0;             // events emitted
};

class Coder {
 public:
  // `dicts` must be non-null and outlive the coder; `table` may be null (no
  // enrichment).  Fails with kInvalidArgument on a null dictionary set or a
  // non-positive max_events_per_sentence.
  static Result<std::unique_ptr<Coder>> Create(const EventDictionaries* dicts,
                                               const CameoTable* table, CoderOptions opts);
  ~Coder();

  // Codes every parsed sentence of `doc` and appends the events to
  // *events in sentence order, then verb order, then actor order
  // (deterministic).  A sentence without a parse (heads unknown) is
  // skipped and counted in *stats.  `stats` may be null.
  void Code(const Document& doc, std::vector<Event>* events, CoderStats* stats = nullptr) const;

  const CoderOptions& options() const;

  struct Impl;

 private:
  explicit Coder(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

// Fills doc->sentences from doc->parse when parse_format is "conllu" and the
// document has no sentences yet (the PETRARCH XML <Parse> of the validation
// suites).  Returns the number of malformed sentences skipped.
Result<int> SentencesFromParse(Document* doc);

}  // namespace entente
