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
//     clause; the most specific pattern wins (matched elements, extra words
//     of multi-word synset phrases, exact forms before lemmas; ties: file
//     order); without a matching pattern the verb's own or block code is
//     used.  [---] codes give no event; [a:b] codes give a->b and b->a.
//   * nested verbs: transformations of the verb dictionary ("~ a (a b
//     ATTACK) SAY = a b 015"), then composition of an upper verb with its
//     infinitive through the code ontology ("seek to deepen ties" -> 031).
//   * actors: the noun phrase of the subject (source) and of the object or
//     a prepositional complement (target) is matched against the actor
//     dictionary (longest match, date restrictions checked against
//     Document::date) and the agent dictionary (agents combine with the
//     actor of the same phrase: "Chinese Foreign Ministry spokesperson" ->
//     CHN + GOV).  An agent with no actor gives "---" + agent code.
//   * compounds: conjuncts ("China and North Korea") give one event per
//     actor; passive voice (nsubj:pass, "by" agents); statements ("X said
//     Y ...": the embedded clause is coded on its own); negation (mapped
//     through the code ontology: "will not clash" -> 050); discard
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
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "entente/cameo.h"
#include "entente/dictionary.h"
#include "entente/document.h"
#include "entente/event.h"
#include "entente/status.h"

namespace entente {

// What to do with a verb that is negated ("did not attack", "won't meet").
enum class NegationMode : uint8_t {
  kOntology,  // map the code through a CodeOntology (default): "will not
              // clash" [190 -> 110 by pattern] -> 050; a code whose negation
              // the ontology does not define gives no event
  kDrop,      // no event from a negated verb
  kIgnore,    // code as if it were not negated (PETRARCH2 behaviour)
};

// The PETRARCH internal coding ontology (PICO): every CAMEO code has a
// numeric meaning ("050:0x0080", "110:0x1007f", "120:-0xFFFF"); negation
// subtracts 0xFFFF from the meaning, and the code of the result (first code
// in file order with that meaning) is the negated code.  So "not disapprove"
// (110 = 0x1007f) is 050, "not coerce" (170) is 057, "not cooperate
// materially" (060 = 0x0070) is 121; a negation that lands on no code is
// undefined (nullopt).
//
// File format (PETR_Validate_Internal_Coding_Ontology_1_01.txt): one
// "CODE:VALUE[#VALUE...][#comment]" per line, VALUE a sum of hex/decimal
// terms ("-0xFFFF+0x2040+0x300"); '#' lines and blank lines are comments.
// The first VALUE is the code's meaning; further VALUEs are alternative
// meanings that also map back to the code.  Malformed lines are skipped and
// counted (skipped()).
//
// Thread safety: immutable after loading; const members may be called from
// any number of threads.
class CodeOntology {
 public:
  CodeOntology();  // empty: negates nothing
  static Result<CodeOntology> Load(const std::string& path);
  static Result<CodeOntology> Parse(std::string_view text, std::string_view name);
  // The PICO 1.01 table built into the library (UniversalPetrarch's, MIT).
  static const CodeOntology& Builtin();

  // The code of "not `code`", or nullopt when the ontology does not define it.
  std::optional<std::string> Negate(std::string_view code) const;
  // The meaning of a code, and the (first) code of a meaning.
  std::optional<int64_t> Value(std::string_view code) const;
  std::optional<std::string> CodeOf(int64_t value) const;
  size_t size() const { return meaning_.size(); }
  size_t skipped() const { return skipped_; }

 private:
  std::vector<std::pair<std::string, int64_t>> meaning_;   // sorted by code
  std::vector<std::pair<int64_t, std::string>> code_of_;   // sorted by value, first wins
  size_t skipped_ = 0;
};

struct CoderOptions {
  // Code verbs of saying (the verb dictionary's say/comment blocks) as
  // events of their own when they have a target.  Default true.
  bool code_statements = true;
  // Resolve pronoun subjects/objects ("it", "they") and anaphoric nouns ("the
  // alliance", "the bloc") to an actor of the governing clause or of an
  // earlier sentence when exactly one candidate fits.  Default true.
  bool resolve_pronouns = true;
  // At most this many distinct events per sentence (compound lists explode
  // combinatorially); the rest are dropped and counted in
  // CoderStats::capped.  Default 32.
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
  // the '%' pattern element asks explicitly; statements (CAMEO 01x) are
  // never paired ("China and Russia said": one statement each).  Default
  // true.
  bool pair_compound_subjects = true;
  // Combine a generic upper verb with its xcomp verb through the ontology
  // ("seek to deepen ties" -> 031, "want to help" -> 033).  Default true.
  bool compose_verbs = true;
  // Code a possessed event noun like its verb: "upon his arrival in South
  // Korea" (ARRIVAL -> ARRIVE), "Putin's visit to China" (the noun is a
  // form of a dictionary verb, or its "-al" nominalisation).  The possessor
  // is the source ("his": the subject of the governing verb), a
  // prepositional complement the target; both must name actors.
  // Default true.
  bool code_event_nouns = true;
  NegationMode negation = NegationMode::kOntology;
  // Ontology for NegationMode::kOntology; null (default) = CodeOntology::Builtin().
  // Not owned; must outlive the Coder.
  const CodeOntology* ontology = nullptr;
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
  uint64_t capped = 0;             // events dropped at max_events_per_sentence
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
  // skipped and counted in *stats.  `stats` may be null.  When the set has
  // an issue dictionary, each event carries its sentence's issues
  // (Event::issues; a "~~" phrase anywhere in `doc` cancels its category).
  void Code(const Document& doc, std::vector<Event>* events, CoderStats* stats = nullptr) const;

  const CoderOptions& options() const;

  // Prefilter: false only when sentence `i` of `doc` cannot give an event,
  // judged from its tokens alone (forms; no tags, lemmas or parse needed),
  // so a pipeline may skip tagging and parsing it.  Conservative: true
  // unless the sentence lacks either
  //   * two words that may name an actor (one when require_dyad is off;
  //     each actor of an event has its own mention): the start of an actor- or
  //     agent-dictionary phrase, a personal pronoun ("she", "we", "its"),
  //     an anaphoric noun ("the alliance"), or a capitalised word that also
  //     occurs in an earlier sentence of `doc` (a bare name referring back:
  //     "Mao said"); or
  //   * a word that may be a dictionary verb: a form of the verb dictionary
  //     (multi-word verbs included), an "-al" nominalisation of one
  //     ("arrival"), or a word that may be an irregular form the coder
  //     finds through its lemma ("went" -> GO; see doc/coder.md).
  // A skipped sentence leaves Code()'s pronoun memory as it would have
  // been: a sentence without such words adds no actor to it.  Cost: one
  // vocabulary probe per token.  Thread-safe (const).
  bool MayCode(const Document& doc, size_t i) const;

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
