// entente/dictionary.h -- event-coding dictionaries and their compiled matchers.
//
// Reads the dictionaries that PETRARCH / PETRARCH2 / UniversalPetrarch users
// already have, unchanged (formats: doc/dictionaries.md):
//
//   VerbDictionary     CAMEO.2.0.txt, PETR.Validate.verbs*.txt: synsets,
//                      verb blocks, verb forms, patterns, transformations
//   ActorDictionary    Phoenix.*.actors.txt: phrases -> codes with date
//                      restrictions
//   AgentDictionary    Phoenix.agents.txt: phrases -> role codes (~GOV, NGO~)
//   DiscardDictionary  Phoenix.discards.txt: phrases that cancel a sentence
//                      or a whole story
//   IssueDictionary    Phoenix.IssueCoding.txt: phrases -> issue codes
//                      (the Phoenix "Issues" column)
//
// Loading parses the text once and compiles it into an immutable matcher:
// words are interned (WordId) in a per-dictionary case-insensitive lexicon
// and phrases are stored in a flat trie whose first level is a dense array
// indexed by WordId (a one-load prefilter).  To match, encode a span of
// tokens once with Encode() and ask for the longest phrase at a position.
//
// Errors: a malformed entry (unterminated bracket, bad date, unknown synset,
// synset cycle, line of no known kind, ...) yields a Status naming
// "file:line".  By default the entry is skipped, counted in LoadReport and
// passed to DictionaryLoadOptions::on_error; with `strict` the first one
// fails the load.  A missing file fails the load (not_found); a load that
// ends with no entry at all fails with `empty`.
//
// Case: matching is case-insensitive (dictionary words and tokens are
// compared upper-cased, as PETRARCH does; non-ASCII letters are upper-cased
// with Unicode simple case mapping).
//
// Thread safety: a loaded dictionary is immutable.  All const member
// functions may be called concurrently from any number of threads.  Copies
// are cheap (they share the compiled data).
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "entente/document.h"
#include "entente/issue.h"
#include "entente/status.h"

namespace entente {

// ---------------------------------------------------------------- loading

struct DictionaryLoadOptions {
  // false (default): a malformed entry is skipped, counted and reported;
  // true: the first malformed entry fails the load with its Status.
  bool strict = false;
  // Called once per malformed entry (also in strict mode, before failing).
  // Default: none (errors are still kept in LoadReport::errors).
  std::function<void(const Status&)> on_error;
};

struct DictionaryFileReport {
  std::string path;
  std::string kind;        // "verbs", "actors", "agents", "discards", "issues"
  uint64_t lines = 0;      // physical lines read
  uint64_t entries = 0;    // entries kept (see each dictionary for the unit)
  uint64_t skipped = 0;    // malformed entries skipped
  uint64_t duplicates = 0; // phrases already present (actors, agents: the later
                           // definition wins, as in PETRARCH2; verbs: the first)
};

struct LoadReport {
  std::vector<DictionaryFileReport> files;
  uint64_t entries = 0;   // sums over files
  uint64_t skipped = 0;
  double seconds = 0;     // wall time of the load(s) that filled this report
  std::vector<Status> errors;  // every malformed entry, in file order
};

// ---------------------------------------------------------------- words

using WordId = uint32_t;
inline constexpr WordId kUnknownWord = 0xFFFFFFFFu;

// Which field of a Token to match on.
enum class TokenField : uint8_t { kForm, kLemma };

// Upper-cases UTF-8 text the way the dictionaries are compared (ASCII fast
// path, Unicode simple upper-case mapping otherwise).
std::string UpperCase(std::string_view text);

// ---------------------------------------------------------------- dates

// Dates are held as integers YYYYMMDD (e.g. 20090120); 0 means unknown.
//
// Parses a dictionary date: YYYYMMDD, or YYMMDD with 00-30 read as 20YY and
// 31-99 as 19YY (the KEDS/TABARI/PETRARCH rule).  The day must exist in its
// month.  Anything else (7 or 9+ digits, non-digits) -> nullopt.
std::optional<int32_t> ParseDictionaryDate(std::string_view text);
// Parses an article date as found in Document::date: "2023-01-30",
// "2023-01-30T08:15:00Z", "20230130" or "230130".  Unknown/invalid -> 0.
int32_t ArticleDate(std::string_view text);

// ---------------------------------------------------------------- codes

// A code in [...] as written in the verb dictionary.
//   [042]      code "042"
//   [042:043]  paired: "042" for source->target and "043" for target->source
//   [:173]     only the reverse event "173"
//   [---]      null code: the construct generates no event
// Other marks are kept verbatim in `code` (e.g. "080!", "+++", "###").
struct EventCode {
  std::string raw;      // text inside the brackets, trimmed
  std::string code;     // primary code; empty for [:xxx]
  std::string reverse;  // after ':'; empty when not paired
  bool null() const { return code == "---" || (code.empty() && reverse.empty()); }
};

// ---------------------------------------------------------------- matches

// In actor and agent phrases a blank between two words lets other tokens
// intervene ("HAMAS WING" matches "Hamas 's armed wing"); '_' does not.  At
// most this many tokens may intervene at one blank, so that a phrase never
// spreads across a whole sentence.
inline constexpr size_t kMaxPhraseGap = 3;

// A phrase found in a token span.  [begin, end) are token positions in the
// span passed to the matcher; `words` is the number of dictionary words
// matched (larger = more specific; end-begin can be larger when the phrase
// allows gaps).
struct PhraseMatch {
  uint32_t entry = 0;   // index into the dictionary's entries
  uint32_t begin = 0;
  uint32_t end = 0;
  uint32_t words = 0;
};

// ---------------------------------------------------------------- actors

struct DateRule {
  enum class Kind : uint8_t { kDefault, kBefore, kAfter, kBetween };
  Kind kind = Kind::kDefault;
  int32_t from = 0;   // kAfter, kBetween: first day (inclusive)
  int32_t to = 0;     // kBefore, kBetween: last day (inclusive)
  std::string code;
  uint32_t line = 0;
};

struct ActorEntry {
  std::string root;              // first phrase of the record, words joined by ' '
  std::string default_code;      // from "ROOT [CODE]" or a "\t[CODE]" line; may be empty
  std::vector<DateRule> rules;   // dated rules in file order
  std::string file;
  uint32_t line = 0;             // line of the root phrase

  // The code valid on `date` (YYYYMMDD, 0 = unknown): the first dated rule
  // that holds, else the default code (possibly empty).
  std::string_view CodeOn(int32_t date) const;
};

class ActorDictionary {
 public:
  ActorDictionary();  // empty dictionary: matches nothing
  // Loads and merges the files in order (PETRARCH's actorfile_list).
  // entries in the report = actor records (a root with its synonyms).
  static Result<ActorDictionary> Load(const std::vector<std::string>& paths,
                                      const DictionaryLoadOptions& options = {},
                                      LoadReport* report = nullptr);
  // Parses text already in memory; `name` is used in messages.
  static Result<ActorDictionary> Parse(std::string_view text, std::string_view name,
                                       const DictionaryLoadOptions& options = {},
                                       LoadReport* report = nullptr);

  size_t size() const;       // records
  size_t phrases() const;    // distinct phrases (roots, synonyms)
  const ActorEntry& entry(uint32_t i) const;
  // The lexicon: ids 0..words()-1 and their upper-case spelling.
  size_t words() const;
  std::string_view Word(WordId id) const;

  // Maps tokens to the dictionary's word ids (kUnknownWord when absent).
  std::vector<WordId> Encode(std::span<const std::string_view> words) const;
  std::vector<WordId> Encode(const Sentence& s, TokenField field = TokenField::kForm) const;

  // Longest phrase starting exactly at ids[start] and lying in ids.
  std::optional<PhraseMatch> LongestAt(std::span<const WordId> ids, size_t start) const;
  // Leftmost-longest phrase in ids (scans every start position).
  std::optional<PhraseMatch> Find(std::span<const WordId> ids) const;
  // Convenience: the code of the longest phrase at `start` on `date`.
  std::optional<std::string_view> CodeAt(std::span<const WordId> ids, size_t start,
                                         int32_t date) const;

  struct Impl;
 private:
  std::shared_ptr<const Impl> impl_;
};

// ---------------------------------------------------------------- agents

struct AgentEntry {
  std::string phrase;   // as matched, words joined by ' ' (plural forms are own entries)
  std::string code;     // without '~', e.g. "GOV"
  // "~GOV": the code goes after the actor code (USA + GOV -> USAGOV);
  // "NGO~": before it (NGO + USA -> NGOUSA).
  bool prefix = false;
  bool plural = false;  // generated or given plural form
  std::string file;
  uint32_t line = 0;
  // Combines with an actor code according to `prefix`.
  std::string Apply(std::string_view actor_code) const;
};

class AgentDictionary {
 public:
  AgentDictionary();
  // entries in the report = phrases stored (singular and plural forms).
  static Result<AgentDictionary> Load(const std::vector<std::string>& paths,
                                      const DictionaryLoadOptions& options = {},
                                      LoadReport* report = nullptr);
  static Result<AgentDictionary> Parse(std::string_view text, std::string_view name,
                                       const DictionaryLoadOptions& options = {},
                                       LoadReport* report = nullptr);
  size_t size() const;
  const AgentEntry& entry(uint32_t i) const;
  size_t words() const;                    // lexicon size
  std::string_view Word(WordId id) const;  // upper-case spelling
  std::vector<WordId> Encode(std::span<const std::string_view> words) const;
  std::vector<WordId> Encode(const Sentence& s, TokenField field = TokenField::kForm) const;
  std::optional<PhraseMatch> LongestAt(std::span<const WordId> ids, size_t start) const;
  std::optional<PhraseMatch> Find(std::span<const WordId> ids) const;

  struct Impl;
 private:
  std::shared_ptr<const Impl> impl_;
};

// ---------------------------------------------------------------- discards

struct DiscardEntry {
  std::string phrase;   // words joined by ' '
  bool story = false;   // '+': discard the whole story, else the sentence
  bool stem = false;    // no final '_': the last word matches as a prefix
  std::string file;
  uint32_t line = 0;
};

class DiscardDictionary {
 public:
  DiscardDictionary();
  static Result<DiscardDictionary> Load(const std::vector<std::string>& paths,
                                        const DictionaryLoadOptions& options = {},
                                        LoadReport* report = nullptr);
  static Result<DiscardDictionary> Parse(std::string_view text, std::string_view name,
                                         const DictionaryLoadOptions& options = {},
                                         LoadReport* report = nullptr);
  size_t size() const;
  const DiscardEntry& entry(uint32_t i) const;
  // First discard phrase found in the words (consecutive words; the last
  // word of a stem entry may be a prefix of the token), or nullopt.
  // Story-level entries win over sentence-level ones.
  std::optional<PhraseMatch> Find(std::span<const std::string_view> words) const;
  std::optional<PhraseMatch> Find(const Sentence& s, TokenField field = TokenField::kForm) const;

  struct Impl;
 private:
  std::shared_ptr<const Impl> impl_;
};

// ---------------------------------------------------------------- issues

// One phrase of an issue dictionary, after expansion: "n:school" gives two
// entries, "SCHOOL" and "SCHOOLS"; "pre+k" gives "PRE K" and "PRE-K".
struct IssueEntry {
  enum class Kind : uint8_t {
    kIssue,           // "phrase [CODE]"
    kIgnoreSentence,  // "~phrase": no issue of its category in this sentence
    kIgnoreStory,     // "~~phrase": no issue of its category in this story
  };
  Kind kind = Kind::kIssue;
  std::string phrase;    // upper case, as written after expansion
  std::string code;      // "LITERACY"; empty for the ignore kinds
  std::string category;  // CATEGORY of the enclosing <ISSUE ...> block; "" outside one
  std::string file;
  uint32_t line = 0;
};

// Issue coding as PETRARCH/Phoenix defines it: plain phrase matching on the
// words of a sentence, independent of the events (doc/dictionaries.md).
// Phrases are matched case-insensitively on "pieces": words split at blanks,
// with each ASCII punctuation character a piece of its own, on both sides,
// so the tokenizer's treatment of "pre-k" or "e.c.b." does not matter.  Left
// to right, the longest phrase at a position is taken and matching resumes
// after it.
class IssueDictionary {
 public:
  IssueDictionary();  // empty: finds nothing
  static Result<IssueDictionary> Load(const std::vector<std::string>& paths,
                                      const DictionaryLoadOptions& options = {},
                                      LoadReport* report = nullptr);
  static Result<IssueDictionary> Parse(std::string_view text, std::string_view name,
                                       const DictionaryLoadOptions& options = {},
                                       LoadReport* report = nullptr);
  size_t size() const;  // expanded phrases
  const IssueEntry& entry(uint32_t i) const;
  bool has_story_ignores() const;

  struct SentenceIssues {
    // Issue codes in order of first occurrence, with counts; categories
    // named by an ignore phrase of the sentence are left out.
    std::vector<IssueCount> issues;
    // Categories named by "~~" phrases found in the sentence: the caller
    // drops them from every sentence of the story.  "" = every category.
    std::vector<std::string> story_ignores;
  };
  // Issues of one sentence (its tokens' forms).
  SentenceIssues Find(const Sentence& s) const;
  SentenceIssues Find(std::span<const std::string_view> words) const;

  struct Impl;
 private:
  std::shared_ptr<const Impl> impl_;
};

// ---------------------------------------------------------------- verbs

// One element of a verb pattern, in written order.
enum class PatternElementKind : uint8_t {
  kWord,         // a literal word: `word`
  kAlternatives, // "BY/WITH": any word of alternatives(index)
  kSynset,       // "&NAME": any phrase of synset(index)
  kVerb,         // "*": the verb itself
  kSource,       // "$": the source actor
  kTarget,       // "+": the target actor
  kSkip,         // "^": skip the next noun phrase
  kCompound,     // "%": compound actor (source and target)
  kOpenNoun,     // "{": start of a noun phrase (last word is its head)
  kCloseNoun,    // "}"
  kOpenPrep,     // "(": start of a prepositional phrase (first word is the preposition)
  kClosePrep,    // ")"
};

struct PatternElement {
  PatternElementKind kind = PatternElementKind::kWord;
  // '_' joined this element to the next one: they must be consecutive.
  bool joined_to_next = false;
  uint32_t index = 0;  // kWord: WordId; kAlternatives: alternatives index; kSynset: synset id
};

struct VerbPattern {
  uint32_t block = 0;
  EventCode code;
  std::vector<PatternElement> elements;
  std::string text;     // the pattern as written, between '-' and '['
  std::string comment;  // after '#', trimmed
  uint32_t line = 0;
  // Position of the kVerb element in `elements`, or -1 when the pattern has
  // no '*' (legal in PETRARCH2: the verb is implicit).
  int verb_position = -1;
};

struct Synset {
  std::string name;   // without '&', without the final '_'
  bool plurals = true;  // false when the label ends in '_'
  // Every phrase of the synset after expanding nested synsets and generating
  // regular plurals; each phrase is a run of consecutive words.
  std::vector<std::vector<WordId>> phrases;
  uint32_t line = 0;
};

struct Verb {
  std::string lemma;                // "WITHDRAW", "SHUT DOWN", "WIRE TAP"
  std::vector<WordId> words;        // words of the lemma
  int head = 0;                     // index in `words` of the verb proper ('+' word)
  EventCode code;                   // own code, else the block's
  bool own_code = false;
  uint32_t block = 0;
  std::vector<std::string> forms;   // every form, upper case, words joined by ' '
  uint32_t line = 0;
};

struct VerbBlock {
  std::string name;                 // "ACCELERATE"
  EventCode code;                   // [---] when absent
  std::vector<uint32_t> verbs;      // indices into verbs()
  std::vector<uint32_t> patterns;   // indices into patterns(), file order
  uint32_t line = 0;
};

// "~ a (a b ATTACK) SAY = a b 015": when verb `upper_verb` with source
// `upper_source` governs an event (lower_source lower_target lower_verb),
// emit (result_source result_target result_code).  Actor slots are letters,
// '.' (unspecified actor) or '_' (absent actor); verbs are verb lemmas or "Q"
// (any verb); result_code is a code or "Q" (the lower event's code).
struct Transformation {
  std::string upper_source, lower_source, lower_target, lower_verb, upper_verb;
  std::string result_source, result_target, result_code;
  uint32_t line = 0;
};

// A verb found at a token position: the verb and the tokens it covers.
struct VerbMatch {
  uint32_t verb = 0;
  uint32_t begin = 0, end = 0;  // tokens of the (multi-word) verb
};

class VerbDictionary {
 public:
  VerbDictionary();
  // entries in the report = patterns + verbs + synsets + transformations kept.
  static Result<VerbDictionary> Load(const std::string& path,
                                     const DictionaryLoadOptions& options = {},
                                     LoadReport* report = nullptr);
  static Result<VerbDictionary> Parse(std::string_view text, std::string_view name,
                                      const DictionaryLoadOptions& options = {},
                                      LoadReport* report = nullptr);

  const std::vector<VerbBlock>& blocks() const;
  const std::vector<Verb>& verbs() const;
  const std::vector<VerbPattern>& patterns() const;
  const std::vector<Synset>& synsets() const;
  const std::vector<Transformation>& transformations() const;
  const std::vector<WordId>& alternatives(uint32_t index) const;
  std::optional<uint32_t> FindSynset(std::string_view name) const;  // with or without '&'
  // Upper-case spelling of a word id ("" for kUnknownWord).
  std::string_view Word(WordId id) const;
  size_t words() const;  // lexicon size

  std::vector<WordId> Encode(std::span<const std::string_view> words) const;
  std::vector<WordId> Encode(const Sentence& s, TokenField field = TokenField::kForm) const;

  // Single-word lookup of any form ("SAID", "say"): the verb whose form it
  // is, preferring a one-word verb.  nullptr when unknown.
  const Verb* FindVerb(std::string_view form) const;
  // The longest verb (multi-word verbs included) whose head word is
  // ids[head] and whose other words surround it consecutively.
  std::optional<VerbMatch> MatchVerbAt(std::span<const WordId> ids, size_t head) const;
  // Longest phrase of synset `synset` starting at ids[start]; returns the
  // end position (exclusive).
  std::optional<uint32_t> MatchSynsetAt(uint32_t synset, std::span<const WordId> ids,
                                        size_t start) const;
  // True when token `id` satisfies a one-word element (kWord, kAlternatives,
  // or a one-word phrase of a kSynset).
  bool ElementMatchesWord(const PatternElement& e, WordId id) const;

  struct Impl;
 private:
  std::shared_ptr<const Impl> impl_;
};

// ---------------------------------------------------------------- the set

struct EventDictionaryPaths {
  std::string verbs;
  std::vector<std::string> actors;
  std::vector<std::string> agents;
  std::vector<std::string> discards;  // may be empty
  std::vector<std::string> issues;    // may be empty: no issue coding
};

struct EventDictionaries {
  VerbDictionary verbs;
  ActorDictionary actors;
  AgentDictionary agents;
  DiscardDictionary discards;
  IssueDictionary issues;  // empty when EventDictionaryPaths::issues is

  static Result<EventDictionaries> Load(const EventDictionaryPaths& paths,
                                        const DictionaryLoadOptions& options = {},
                                        LoadReport* report = nullptr);
  // The production set shipped in `data_dir` (data/dictionaries):
  // CAMEO.2.0.txt; Phoenix.Countries, .International, .MilNonState actors;
  // Phoenix.agents.txt; Phoenix.discards.txt; Phoenix.IssueCoding.txt.
  static EventDictionaryPaths ProductionPaths(const std::string& data_dir);
  static Result<EventDictionaries> LoadProduction(const std::string& data_dir,
                                                  const DictionaryLoadOptions& options = {},
                                                  LoadReport* report = nullptr);
};

// ---------------------------------------------------------------- shared vocabulary

// One vocabulary over the dictionaries of an EventDictionaries set: every
// word any of them knows, upper-cased, with its WordId in each dictionary.
// A sentence's words are upper-cased and hashed ONCE, and one probe of an
// open-addressing table gives the ids for actors, agents and verbs (the
// per-dictionary Encode() calls each upper-case and hash again).
//
// Thread safety: immutable after Build(); const members may be called from
// any number of threads.  The vocabulary copies what it needs and does not
// refer to the dictionaries afterwards.
class SharedVocabulary {
 public:
  struct Ids {
    WordId actor = kUnknownWord, agent = kUnknownWord, verb = kUnknownWord;
  };
  SharedVocabulary();  // empty: every word unknown
  static SharedVocabulary Build(const EventDictionaries& dicts);

  // Ids of one token in any case (kUnknownWord where a dictionary lacks it).
  Ids Find(std::string_view word) const;
  size_t size() const { return size_; }

 private:
  struct Slot {
    uint64_t hash = 0;
    uint32_t offset = 0, length = 0;  // in text_; length 0 = empty slot
    Ids ids;
  };
  const Ids* Probe(uint64_t hash, std::string_view upper) const;
  void Insert(std::string_view upper, int which, WordId id);
  std::vector<Slot> slots_;
  std::string text_;
  uint64_t mask_ = 0;
  size_t size_ = 0;
};

}  // namespace entente
