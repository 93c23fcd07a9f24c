// Event coding on dependency parses (include/entente/coder.h, doc/coder.md).
#include "entente/coder.h"

#include <algorithm>
#include <atomic>
#include <charconv>
#include <cstdio>
#include <cstring>
#include <cstdlib>
#include <fstream>
#include <optional>
#include <sstream>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "entente/conllu.h"

namespace entente {

namespace {

// ------------------------------------------------------------ dependency relations

enum Rel : uint8_t {
  kRoot, kNsubj, kNsubjPass, kObj, kIobj, kObl, kAgent, kTmod, kPoss, kConj, kCc,
  kPunct, kAcl, kRelcl, kAppos, kCcomp, kXcomp, kAdvcl, kParataxis, kCsubj, kAux,
  kCop, kMark, kCase, kNeg, kAdvmod, kPrt, kDep, kCompound, kFlat, kOtherRel,
};

Rel ClassifyRel(std::string_view d) {
  std::string_view base = d.substr(0, d.find(':'));
  std::string_view sub = d.size() > base.size() ? d.substr(base.size() + 1) : std::string_view();
  if (base.empty()) return kOtherRel;
  // Dispatch on the first letter: one or two comparisons per token.
  switch (base[0]) {
    case 'a':
      if (base == "acl") return sub == "relcl" ? kRelcl : kAcl;
      if (base == "appos") return kAppos;
      if (base == "advcl") return kAdvcl;
      if (base == "aux") return kAux;
      if (base == "advmod") return kAdvmod;
      break;
    case 'c':
      if (base == "conj") return kConj;
      if (base == "cc") return kCc;
      if (base == "ccomp") return kCcomp;
      if (base == "csubj") return kCsubj;
      if (base == "cop") return kCop;
      if (base == "case") return kCase;
      if (base == "compound") return sub == "prt" ? kPrt : kCompound;
      break;
    case 'd':
      if (base == "dobj") return kObj;
      if (base == "dep" || base == "discourse") return kDep;
      break;
    case 'f':
      if (base == "flat" || base == "fixed") return kFlat;
      break;
    case 'g':
      if (base == "goeswith") return kDep;
      break;
    case 'i':
      if (base == "iobj") return kIobj;
      break;
    case 'l':
      if (base == "list") return kDep;
      break;
    case 'm':
      if (base == "mark") return kMark;
      if (base == "mwe") return kFlat;
      break;
    case 'n':
      if (base == "nsubj") return sub == "pass" ? kNsubjPass : kNsubj;
      if (base == "nsubjpass") return kNsubjPass;
      if (base == "nmod") break;  // as obl, below
      if (base == "neg") return kNeg;
      if (base == "name") return kFlat;
      return kOtherRel;
    case 'o':
      if (base == "obj") return kObj;
      if (base == "obl") break;  // below
      if (base == "orphan") return kDep;
      return kOtherRel;
    case 'p':
      if (base == "punct") return kPunct;
      if (base == "parataxis") return kParataxis;
      break;
    case 'r':
      if (base == "root") return kRoot;
      if (base == "reparandum") return kDep;
      break;
    case 'v':
      if (base == "vocative") return kDep;
      break;
    case 'x':
      if (base == "xcomp") return kXcomp;
      break;
    default:
      break;
  }
  if (base == "obl" || base == "nmod") {
    if (sub == "agent") return kAgent;
    if (sub == "tmod" || sub == "npmod") return kTmod;
    if (sub == "poss") return kPoss;
    return kObl;
  }
  return kOtherRel;
}

// Relations that end a noun phrase (their subtrees are not part of it).
bool EndsPhrase(Rel r) {
  switch (r) {
    case kConj: case kCc: case kPunct: case kAcl: case kRelcl: case kAppos: case kCcomp:
    case kXcomp: case kAdvcl: case kParataxis: case kCsubj: case kDep: case kCop: case kAux:
    case kMark: case kNsubj: case kNsubjPass: case kTmod:
      return true;
    default:
      return false;
  }
}

// Relations that end a clause (for pattern matching).
bool EndsClause(Rel r, bool at_verb) {
  switch (r) {
    case kCcomp: case kAdvcl: case kParataxis: case kCsubj: case kAcl: case kRelcl: case kDep:
    case kPunct:
      return true;
    case kConj:
      return at_verb;
    default:
      return false;
  }
}

bool EqualsIgnoreCase(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    char x = a[i], y = b[i];
    if (x >= 'A' && x <= 'Z') x = static_cast<char>(x - 'A' + 'a');
    if (y >= 'A' && y <= 'Z') y = static_cast<char>(y - 'A' + 'a');
    if (x != y) return false;
  }
  return true;
}

// ENTENTE_CODER_DEBUG=1 in the environment prints each dictionary verb's
// arguments on stderr (for diagnosing parses; not for production use).
bool DebugTrace() {
  static const bool on = std::getenv("ENTENTE_CODER_DEBUG") != nullptr;
  return on;
}

// CAMEO 01x: "make statement" and its subcodes.
bool IsStatementCode(std::string_view code) { return code.substr(0, 2) == "01"; }

bool IsNegationWord(std::string_view w) {
  return EqualsIgnoreCase(w, "not") || EqualsIgnoreCase(w, "n't") || EqualsIgnoreCase(w, "never") ||
         EqualsIgnoreCase(w, "no");
}

bool IsPronoun(const Token& t) {
  if (t.upos == "PRON") return true;
  return t.upos.empty() && (t.xpos == "PRP" || t.xpos == "PRP$");
}

bool IsPersonalPronoun(std::string_view w) {
  static constexpr std::string_view kWords[] = {"it", "they", "he", "she", "its", "their", "his",
                                                "her", "them", "him", "we"};
  for (auto k : kWords)
    if (EqualsIgnoreCase(w, k)) return true;
  return false;
}

bool IsPluralPronoun(std::string_view w) {
  static constexpr std::string_view kWords[] = {"they", "them", "their", "we", "our", "us"};
  for (auto k : kWords)
    if (EqualsIgnoreCase(w, k)) return true;
  return false;
}

bool IsAnaphoricNoun(std::string_view w) {
  static constexpr std::string_view kWords[] = {"alliance", "bloc", "organization", "organisation",
                                                "pact", "coalition"};
  for (auto k : kWords)
    if (EqualsIgnoreCase(w, k)) return true;
  return false;
}

// An actor mention coded from a noun phrase.
struct Actor {
  std::string code;
  std::string text;
  int head = -1;            // sentence token index of the phrase head
  int begin = -1, end = -1; // token span of the matched words
  bool has_agent = false;
  bool has_actor = false;   // an actor-dictionary phrase was found (not agent only)
  std::string base;         // the actor code before agents were applied
  // Proper-noun words of the phrase outside the dictionary matches,
  // upper-cased and space-delimited (" MAO NING "): a person's name that a
  // later bare mention ("Mao said") refers back to.
  std::string names;
  bool from_clause = false;  // target taken from a clausal complement's subject
  // A person (for "he"/"she"): a role from the agent dictionary
  // ("spokesperson") or a name beside the actor ("NATO chief Jens Stoltenberg").
  bool person() const { return has_actor && (has_agent || !names.empty()); }
};

bool IsPersonPronoun(std::string_view w) {
  static constexpr std::string_view kWords[] = {"he", "she", "him", "her", "his", "hers"};
  for (auto k : kWords)
    if (EqualsIgnoreCase(w, k)) return true;
  return false;
}

bool IsFirstPersonPlural(std::string_view w) {
  return EqualsIgnoreCase(w, "we") || EqualsIgnoreCase(w, "us") || EqualsIgnoreCase(w, "our");
}

bool IsQuoteMark(std::string_view w) {
  return w == "\"" || w == "''" || w == "``" || w == "\xE2\x80\x9D" || w == "\xE2\x80\x9C" ||
         w == "\xE2\x80\x99" || w == "'";
}

void AppendUpper(std::string_view w, std::string* out) {
  for (char c : w) out->push_back(static_cast<char>(c >= 'a' && c <= 'z' ? c - 32 : c));
}

bool ContainsChunk(std::string_view code, std::string_view chunk) {
  if (chunk.empty()) return true;
  for (size_t i = 0; i + chunk.size() <= code.size(); i += 3)
    if (code.substr(i, chunk.size()) == chunk) return true;
  return false;
}

}  // namespace

// ------------------------------------------------------------ the coder

struct Coder::Impl {
  uint64_t id = 0;  // unique per Coder::Create (keys the per-thread encoding memo)
  const EventDictionaries* dicts = nullptr;
  const CameoTable* table = nullptr;
  CoderOptions opts;
  // Per pattern (index into patterns()): the literal words it requires, for
  // a quick rejection before matching.
  std::vector<std::vector<WordId>> pattern_words;
  // Per block, parallel to VerbBlock::patterns, laid out contiguously: what
  // the quick rejection of a pattern needs.  `sig` has bit WordBit(w) for
  // each literal word, so that a pattern whose words cannot all be in the
  // clause is rejected with one load.
  struct PatternFilter {
    uint64_t sig = 0;
    uint32_t words_begin = 0, words_end = 0;  // literal words, in filter_words
    uint32_t syns_begin = 0, syns_end = 0;    // synsets of kSynset elements, in filter_synsets
    bool unusable = false;                    // pattern_unusable
  };
  std::vector<std::vector<PatternFilter>> block_filters;
  std::vector<WordId> filter_words;
  std::vector<uint32_t> filter_synsets;
  static uint64_t WordBit(WordId w) { return uint64_t{1} << ((uint64_t{w} * 0x9E3779B97F4A7C15ull) >> 58); }
  SharedVocabulary vocab;  // one encoding of a sentence's words for all dictionaries
  // Per pattern: the synsets of its kSynset elements; per synset: a bitset
  // of the words its phrases start with (a one-load rejection).
  std::vector<std::vector<uint32_t>> pattern_synsets;
  // Per pattern: its code is a special mark without digits ("+++", "###",
  // "xxy"), not an event code; such patterns are never chosen.
  std::vector<char> pattern_unusable;
  std::vector<std::vector<uint64_t>> synset_first;
  // Irregular verb forms the verb dictionary lacks but whose base verb it
  // has ("WENT" when only GO is listed): the coder finds them through the
  // lemma, so MayCode must let them through.  Sorted, upper case.
  std::vector<std::string> irregular_forms;
  bool SynsetMayStart(uint32_t syn, WordId w) const {
    if (syn >= synset_first.size()) return true;
    const auto& b = synset_first[syn];
    return (w >> 6) < b.size() && ((b[w >> 6] >> (w & 63)) & 1);
  }

  // Per-call scratch state for one sentence.
  struct Sent {
    const Sentence* s = nullptr;
    int n = 0;
    std::vector<int> head;          // 0-based, -1 root
    std::vector<Rel> rel;
    std::vector<int> child_start;   // CSR, children in linear order
    std::vector<int> children;
    std::vector<WordId> actor_ids, agent_ids, verb_ids, verb_lemma_ids;
    std::vector<int> chain_end;     // token -> last token of its glued hyphen chain ("Barad-dur")
    std::vector<int> mention_of;    // token -> index of whole-sentence actor mention, -1
    std::vector<std::pair<int, int>> mentions;  // [begin, end)
    // scratch
    std::vector<char> mark;
    std::vector<int> result_of, clause;
    std::vector<WordId> clause_words;
    std::vector<char> in_clause;
    std::vector<int> stack;
    mutable std::vector<int> collect_stack;  // Collect (not reentrant)
    // Per verb word id: generation of the clause that holds it.
    std::vector<uint32_t> word_stamp;
    uint32_t word_gen = 0;
    // Per synset: generation of the clause whose answer syn_any holds.
    std::vector<uint32_t> syn_stamp;
    std::vector<char> syn_any;
    uint32_t syn_gen = 0;
    // CodePhrase's token and id lists, one pair per recursion depth (a
    // nested call always has a larger depth, see CodePhrase).
    mutable std::vector<int> phrase_toks[10];
    mutable std::vector<WordId> phrase_ids[10];
    // Memo of CodePhrase per head token (phrases are coded many times).
    mutable std::vector<char> phrase_done;
    mutable std::vector<std::vector<Actor>> phrase_memo;
  };

  // Document-level memory for pronoun resolution.
  struct Memory {
    std::vector<Actor> last;         // actors of the latest sentence that had any
    std::vector<Actor> last_person;  // person actors of the latest sentence that had any
    std::vector<Actor> persons;      // every person actor with names so far, latest last
  };

  void Build(const Sentence& s, int sindex, Sent* st) const;
  void Collect(const Sent& st, int h, std::vector<int>* out) const;
  void CodePhrase(const Sent& st, int date, int h, std::vector<Actor>* out, int depth) const;
  void CodeNominal(const Sent& st, int date, int h, std::vector<Actor>* out, int depth) const;
  void CodeArgument(const Sent& st, int date, int h, const Memory& mem, int v,
                    std::vector<Actor>* out) const;
  void Subjects(const Sent& st, int date, int v, const Memory& mem, std::vector<Actor>* src,
                std::vector<Actor>* passive_targets, bool* passive, int depth) const;
  void Objects(const Sent& st, int date, int v, const Memory& mem, bool passive,
               std::vector<Actor>* tgt, std::vector<Actor>* passive_src) const;
  bool Negated(const Sent& st, int v) const;
  int MatchPattern(const Sent& st, const VerbPattern& p, const std::vector<int>& clause,
                   int vb, int ve, int* src_tok, int* tgt_tok, bool* compound,
                   std::vector<int>* matched = nullptr, std::vector<int>* matched_in_pp = nullptr) const;
  void CodeSentence(const Document& doc, int sindex, int date, Sent* st, Memory* mem,
                    std::vector<Event>* events, CoderStats* stats) const;
};

// Encodes the words of a sentence for the actor, agent and verb
// dictionaries (one vocabulary probe per token).  A word the tokeniser split
// at hyphens ("Barad - dur", "Secretary - General", "Ki - moon") is looked
// up whole when its parts are glued (no spaces): when the joined word is in
// a dictionary, its first token carries the joined word's ids and the other
// parts carry none, so "General" of "Secretary-General" is no military agent.
static void EncodeWords(const SharedVocabulary& vocab, const Sentence& s, std::vector<WordId>* actor,
                 std::vector<WordId>* agent, std::vector<WordId>* verb, std::vector<int>* chain_end = nullptr) {
  const size_t n = s.tokens.size();
  if (chain_end) {
    chain_end->resize(n);
    for (size_t i = 0; i < n; ++i) (*chain_end)[i] = static_cast<int>(i);
  }
  actor->resize(n);
  agent->resize(n);
  verb->resize(n);
  for (size_t i = 0; i < n; ++i) {
    SharedVocabulary::Ids f = vocab.Find(s.tokens[i].form);
    (*actor)[i] = f.actor;
    (*agent)[i] = f.agent;
    (*verb)[i] = f.verb;
  }
  std::string joined;
  for (size_t i = 0; i + 2 < n; ++i) {
    auto glued = [&](size_t k) {
      return !s.tokens[k].space_after && !s.tokens[k + 1].space_after && s.tokens[k + 1].form == "-";
    };
    if (!glued(i) || s.tokens[i].form == "-") continue;
    // The longest glued chain a-b-c first, then shorter ones.
    size_t last = i + 2;
    while (last + 2 < n && glued(last) && s.tokens[last + 2].form != "-") last += 2;
    for (size_t e = last; e >= i + 2; e -= 2) {
      joined.clear();
      for (size_t k = i; k <= e; ++k) joined += s.tokens[k].form;
      SharedVocabulary::Ids f = vocab.Find(joined);
      if (f.actor == kUnknownWord && f.agent == kUnknownWord) continue;
      (*actor)[i] = f.actor;
      (*agent)[i] = f.agent;
      if (f.verb != kUnknownWord) (*verb)[i] = f.verb;
      for (size_t k = i + 1; k <= e; ++k) (*actor)[k] = (*agent)[k] = kUnknownWord;
      if (chain_end) (*chain_end)[i] = static_cast<int>(e);
      i = e - 1;  // continue after the chain
      break;
    }
  }
}

// Tolerance to the parser (conj vs acl): a past participle the parse made a
// conjunct of a verb although nothing coordinates it - no coordinator, no
// comma, no subject or auxiliary of its own - and that directly follows a
// noun of that verb's clause is a reduced relative modifying the noun ("was
// blown up by a missile believed to be fired by rebels", with "believed" a
// conjunct of "blown"): it is re-attached to the noun as acl.  Works on the
// flat head/rel arrays, before the child lists are built.
static void ReattachParticipleConjuncts(const Sentence& s, Coder::Impl::Sent* st) {
  const int n = st->n;
  for (int i = 1; i < n; ++i) {
    if (st->rel[i] != kConj || s.tokens[i].xpos != "VBN" || s.tokens[i].upos != "VERB") continue;
    int h = st->head[i];
    int prev = i - 1;
    if (h < 0 || h >= prev) continue;
    const std::string& pu = s.tokens[prev].upos;
    if (pu != "NOUN" && pu != "PROPN") continue;
    bool coordinated = false;
    for (int j = 0; j < n && !coordinated; ++j) {
      if (st->head[j] != i) continue;
      Rel r = st->rel[j];
      coordinated = r == kCc || r == kNsubj || r == kNsubjPass || r == kAux || (r == kPunct && j < i);
    }
    if (coordinated) continue;
    // The noun must lie inside the verb's clause (a dependent of h, not h).
    // (and not below the participle itself).
    int u = prev;
    for (int hop = 0; hop < n && u >= 0 && u != h && u != i; ++hop) u = st->head[u];
    if (u != h) continue;
    st->head[i] = prev;
    st->rel[i] = kAcl;
  }
}

namespace {

// The word encodings MayCode made for the sentences of the latest document
// on this thread, by sentence index, so that Code() need not look the same
// words up again.  An entry is used only for the coder that made it and only
// when the sentence still has the same forms and space_after flags (all
// that EncodeWords reads); otherwise the sentence is encoded afresh.
struct EncodingMemo {
  struct Entry {
    bool valid = false;
    std::string forms;           // the forms, concatenated
    std::vector<uint32_t> ends;  // end of each form in `forms`
    std::vector<char> space;     // space_after of each token
    std::vector<WordId> actor, agent, verb;
    std::vector<int> chain_end;
    void Key(const Sentence& s) {
      forms.clear();
      ends.clear();
      space.clear();
      for (const Token& t : s.tokens) {
        forms += t.form;
        ends.push_back(static_cast<uint32_t>(forms.size()));
        space.push_back(t.space_after ? 1 : 0);
      }
    }
    bool SameWords(const Sentence& s) const {
      if (ends.size() != s.tokens.size()) return false;
      uint32_t b = 0;
      for (size_t k = 0; k < ends.size(); ++k) {
        const std::string& f = s.tokens[k].form;
        if (ends[k] - b != f.size() || space[k] != (s.tokens[k].space_after ? 1 : 0) ||
            (!f.empty() && std::memcmp(forms.data() + b, f.data(), f.size()) != 0))
          return false;
        b = ends[k];
      }
      return true;
    }
  };
  uint64_t coder = 0;
  std::vector<Entry> entries;
};

EncodingMemo& ThreadEncodingMemo() {
  thread_local EncodingMemo memo;
  return memo;
}

std::atomic<uint64_t> next_coder_id{1};

}  // namespace

void Coder::Impl::Build(const Sentence& s, int sindex, Sent* st) const {
  st->s = &s;
  int n = static_cast<int>(s.tokens.size());
  st->n = n;
  st->head.assign(n, -1);
  st->rel.assign(n, kOtherRel);
  st->child_start.assign(n + 2, 0);
  for (int i = 0; i < n; ++i) {
    const Token& t = s.tokens[i];
    int h = t.head - 1;
    if (h < -1 || h >= n || h == i) h = -1;
    st->head[i] = h;
    st->rel[i] = ClassifyRel(t.deprel);
  }
  ReattachParticipleConjuncts(s, st);
  for (int i = 0; i < n; ++i)
    if (st->head[i] >= 0) st->child_start[st->head[i] + 2]++;
  for (int i = 0; i < n; ++i) st->child_start[i + 2] += st->child_start[i + 1];
  st->children.assign(st->child_start[n + 1], 0);
  for (int i = 0; i < n; ++i)
    if (st->head[i] >= 0) st->children[st->child_start[st->head[i] + 1]++] = i;
  // child_start[i]..child_start[i+1] now holds i's children, in token order.
  // Words are encoded once for all dictionaries (SharedVocabulary).
  EncodingMemo& memo = ThreadEncodingMemo();
  EncodingMemo::Entry* e = memo.coder == id && sindex >= 0 && static_cast<size_t>(sindex) < memo.entries.size()
                               ? &memo.entries[sindex]
                               : nullptr;
  if (e && e->valid && e->SameWords(s)) {
    st->actor_ids.swap(e->actor);
    st->agent_ids.swap(e->agent);
    st->verb_ids.swap(e->verb);
    st->chain_end.swap(e->chain_end);
    e->valid = false;
  } else {
    EncodeWords(vocab, s, &st->actor_ids, &st->agent_ids, &st->verb_ids, &st->chain_end);
  }
  st->verb_lemma_ids.resize(n);
  for (int i = 0; i < n; ++i) {
    const Token& t = s.tokens[i];
    // A lemma that differs from the form only in ASCII case ("The" / "the")
    // has the form's ids (lookups are case-insensitive), unless the form's
    // ids are those of a glued hyphen chain.
    const bool same = t.lemma == t.form || (st->chain_end[i] == i && EqualsIgnoreCase(t.lemma, t.form));
    st->verb_lemma_ids[i] = (t.lemma.empty() || same) ? st->verb_ids[i] : vocab.Find(t.lemma).verb;
  }
  // Whole-sentence actor mentions (leftmost-longest), for '$' and '+'.
  st->mention_of.assign(n, -1);
  st->mentions.clear();
  for (int i = 0; i < n;) {
    auto m = dicts->actors.LongestAt(st->actor_ids, i);
    if (!m) {
      ++i;
      continue;
    }
    int idx = static_cast<int>(st->mentions.size());
    st->mentions.emplace_back(static_cast<int>(m->begin), static_cast<int>(m->end));
    for (uint32_t k = m->begin; k < m->end; ++k) st->mention_of[k] = idx;
    i = static_cast<int>(m->end);
  }
  st->mark.assign(n, 0);
  st->phrase_done.assign(n, 0);
  if (static_cast<int>(st->phrase_memo.size()) < n) st->phrase_memo.resize(n);
}

// True when the token span [first, last] is glued by a hyphen to a word
// before or after it ("Qaeda" in "Al Qaeda-linked", "Russia" in
// "pro-Russia").
bool HyphenGlued(const Coder::Impl::Sent& st, int first, int last) {
  last = st.chain_end[last];  // a word looked up whole ("Barad-dur") is not glued to its parts
  const auto& tk = st.s->tokens;
  if (last + 1 < st.n && !tk[last].space_after && tk[last + 1].form == "-") return true;
  if (first >= 1 && tk[first - 1].form == "-" && !tk[first - 1].space_after) return true;
  return false;
}

// An infinitive clause: "to" marks the verb ("asking Obama to help Iran"
// parsed as advcl).
bool HasToMark(const Coder::Impl::Sent& st, int v) {
  for (int k = st.child_start[v]; k < st.child_start[v + 1]; ++k) {
    int c = st.children[k];
    if (st.rel[c] == kMark && EqualsIgnoreCase(st.s->tokens[c].form, "to")) return true;
  }
  return false;
}

// Is complement c of a verb a "by" phrase: obl:agent, or an obl/nmod whose
// first word is the preposition "by" (also when the parser hung "by" on a
// modifier: "by a BAK surface-to-air missile")?
bool IsByPhrase(const Coder::Impl::Sent& st, int c) {
  if (st.rel[c] == kAgent) return true;
  if (st.rel[c] != kObl) return false;
  int first = c;
  int stack[64];
  int top = 0;
  stack[top++] = c;
  while (top > 0) {
    int t = stack[--top];
    first = std::min(first, t);
    for (int k = st.child_start[t]; k < st.child_start[t + 1] && top < 64; ++k) {
      int g = st.children[k];
      if (g < c && !EndsPhrase(st.rel[g])) stack[top++] = g;
    }
  }
  return st.rel[first] == kCase && EqualsIgnoreCase(st.s->tokens[first].form, "by");
}

// A verb hanging as clausal subject/complement on an existential "there
// be" ("There were 10 soldiers killed in Ukraine").
bool ExistentialParticiple(const Coder::Impl::Sent& st, int v) {
  if (st.rel[v] != kCsubj && st.rel[v] != kAcl && st.rel[v] != kCcomp) return false;
  int p = st.head[v];
  if (p < 0) return false;
  const std::string& lemma = st.s->tokens[p].lemma;
  if (!EqualsIgnoreCase(lemma, "be")) return false;
  for (int k = st.child_start[p]; k < st.child_start[p + 1]; ++k) {
    int c = st.children[k];
    if (st.s->tokens[c].deprel.rfind("expl", 0) == 0 && EqualsIgnoreCase(st.s->tokens[c].form, "there"))
      return true;
  }
  return false;
}

// The subject of an existential "there be" ("There were 10 Russian
// soldiers killed in Ukraine" parsed with "soldiers" as the subject of
// "were" and "killed" as its acl).
bool ExistentialSubject(const Coder::Impl::Sent& st, int nsubj) {
  if (nsubj < 0 || st.rel[nsubj] != kNsubj) return false;
  int p = st.head[nsubj];
  if (p < 0 || !EqualsIgnoreCase(st.s->tokens[p].lemma, "be")) return false;
  for (int k = st.child_start[p]; k < st.child_start[p + 1]; ++k) {
    int c = st.children[k];
    if (c < nsubj && st.s->tokens[c].deprel.rfind("expl", 0) == 0 &&
        EqualsIgnoreCase(st.s->tokens[c].form, "there"))
      return true;
  }
  return false;
}

// A passive verb's "by" agent.
bool HasByAgent(const Coder::Impl::Sent& st, int v) {
  for (int k = st.child_start[v]; k < st.child_start[v + 1]; ++k)
    if (IsByPhrase(st, st.children[k])) return true;
  return false;
}

// Tokens of the noun phrase headed by h, in token order.
void Coder::Impl::Collect(const Sent& st, int h, std::vector<int>* out) const {
  out->clear();
  std::vector<int>& stack = st.collect_stack;
  stack.assign(1, h);
  while (!stack.empty()) {
    int t = stack.back();
    stack.pop_back();
    out->push_back(t);
    for (int k = st.child_start[t]; k < st.child_start[t + 1]; ++k) {
      int c = st.children[k];
      if (!EndsPhrase(st.rel[c])) stack.push_back(c);
    }
  }
  std::sort(out->begin(), out->end());
}

void Coder::Impl::CodePhrase(const Sent& st, int date, int h, std::vector<Actor>* out,
                             int depth) const {
  if (depth > 8) return;
  if (st.phrase_done[h]) {
    out->insert(out->end(), st.phrase_memo[h].begin(), st.phrase_memo[h].end());
    return;
  }
  size_t first_out = out->size();
  struct Memo {
    const Sent& st;
    int h;
    std::vector<Actor>* out;
    size_t first;
    ~Memo() {
      st.phrase_memo[h].assign(out->begin() + static_cast<std::ptrdiff_t>(first), out->end());
      st.phrase_done[h] = 1;
    }
  } memo{st, h, out, first_out};
  // depth <= 8 here; CodePhrase(depth) reaches CodePhrase again only
  // through CodeNominal(depth + 1) -> CodePhrase(depth + 2).
  std::vector<int>& toks = st.phrase_toks[depth];
  Collect(st, h, &toks);
  size_t m = toks.size();
  std::vector<WordId>& ids = st.phrase_ids[depth];
  ids.resize(m);
  for (size_t i = 0; i < m; ++i) ids[i] = st.actor_ids[toks[i]];
  // First actor (leftmost-longest) in the phrase; others are ignored.
  std::optional<PhraseMatch> actor;
  std::string_view actor_code;
  for (size_t i = 0; i < m && !actor; ++i) {
    auto a = dicts->actors.LongestAt(ids, i);
    if (!a) continue;
    // Part of a hyphenated word ("Al Qaeda-linked", "pro-Russia"): a
    // modifier, not an actor mention (PETRARCH sees "QAEDA-LINKED").
    if (HyphenGlued(st, toks[a->begin], toks[a->end - 1])) continue;
    std::string_view code = dicts->actors.entry(a->entry).CodeOn(date);
    if (code.empty()) {
      i = a->end - 1;
      continue;
    }
    actor = a;
    actor_code = code;
  }
  // Agents outside the actor's words, in order.
  std::vector<const AgentEntry*> agents;
  int ab = -1, ae = -1;
  if (actor) {
    ab = toks[actor->begin];
    ae = toks[actor->end - 1] + 1;
  } else {
    // Tolerance to the parser: an actor phrase that starts in this phrase
    // but whose later words the parse hung elsewhere ("the Prince of Dol
    // Amroth" with "Amroth" a conjunct) is found in the sentence's words.
    for (size_t i = 0; i < m && !actor; ++i) {
      int t = toks[i];
      int mi = st.mention_of[t];
      if (mi < 0 || st.mentions[mi].first != t) continue;
      auto [b, e] = st.mentions[mi];
      bool contiguous_names = true;
      for (int q = b + 1; q < e; ++q) {
        bool inside = std::find(toks.begin(), toks.end(), q) != toks.end();
        if (!inside && st.s->tokens[q].upos != "PROPN") contiguous_names = false;
      }
      if (!contiguous_names || HyphenGlued(st, b, e - 1)) continue;
      auto a = dicts->actors.LongestAt(st.actor_ids, b);
      if (!a) continue;
      std::string_view code = dicts->actors.entry(a->entry).CodeOn(date);
      if (code.empty()) continue;
      actor = PhraseMatch{a->entry, static_cast<uint32_t>(i), static_cast<uint32_t>(i + 1), a->words};
      actor_code = code;
      ab = b;
      ae = e;
    }
  }
  for (size_t i = 0; i < m; ++i) ids[i] = st.agent_ids[toks[i]];
  int gb = -1, ge = -1;
  bool agent_at_head = false;
  for (size_t i = 0; i < m;) {
    if (actor && i >= actor->begin && i < actor->end) {
      i = actor->end;
      continue;
    }
    auto g = dicts->agents.LongestAt(ids, i);
    // An agent word glued into a hyphenated word ("government-held",
    // "rebel-controlled") is a modifier, as for actors above.
    if (!g || (actor && g->begin < actor->begin && g->end > actor->begin) ||
        HyphenGlued(st, toks[g->begin], toks[g->end - 1])) {
      ++i;
      continue;
    }
    agents.push_back(&dicts->agents.entry(g->entry));
    if (toks[g->end - 1] >= h) agent_at_head = true;
    if (gb < 0) gb = toks[g->begin];
    ge = toks[g->end - 1] + 1;
    i = g->end;
  }
  if (actor && actor_code == "---") return;  // a null actor
  // Without an actor, the agents name an actor only when one of them
  // covers the phrase's head or follows it ("the officials", "military
  // leaders", "pressure from Congress"), not when it merely modifies it
  // ("military exercises").
  if (actor || (!agents.empty() && opts.code_agents_without_actor && agent_at_head)) {
    Actor a;
    a.head = h;
    a.has_actor = actor.has_value();
    std::string code = actor ? std::string(actor_code) : std::string("---");
    for (const AgentEntry* g : agents) {
      if (ContainsChunk(code, g->code)) continue;
      code = g->Apply(code);
      a.has_agent = true;
    }
    a.code = std::move(code);
    if (actor) a.base = std::string(actor_code);
    a.begin = actor ? ab : gb;
    a.end = actor ? ae : ge;
    if (gb >= 0) {
      a.begin = std::min(a.begin, gb);
      a.end = std::max(a.end, ge);
    }
    for (int t : toks) {
      if (t < a.begin || t >= a.end) continue;
      if (!a.text.empty()) a.text += ' ';
      a.text += st.s->tokens[t].form;
    }
    if (actor) {
      // Name words beside the actor and agent words, in the head's own
      // name chain (compound/flat/appos of the head, not a nested phrase).
      for (int t : toks) {
        if (t >= a.begin && t < a.end) continue;
        const Token& tk = st.s->tokens[t];
        if (tk.upos != "PROPN" || tk.form.size() < 2) continue;
        int u = t;
        while (u != h && u >= 0 && (st.rel[u] == kCompound || st.rel[u] == kFlat || st.rel[u] == kAppos))
          u = st.head[u];
        if (u != h) continue;
        if (a.names.empty()) a.names.push_back(' ');
        AppendUpper(tk.form, &a.names);
        a.names.push_back(' ');
      }
      // "NATO Secretary-General Jens Stoltenberg": the name in an apposition.
      for (int k = st.child_start[h]; k < st.child_start[h + 1]; ++k) {
        int c = st.children[k];
        if (st.rel[c] != kAppos || st.s->tokens[c].upos != "PROPN") continue;
        std::vector<int> ap;
        Collect(st, c, &ap);
        for (int t : ap) {
          const Token& tk = st.s->tokens[t];
          if (tk.upos != "PROPN" || tk.form.size() < 2) continue;
          if (a.names.empty()) a.names.push_back(' ');
          AppendUpper(tk.form, &a.names);
          a.names.push_back(' ');
        }
      }
    }
    out->push_back(std::move(a));
  }
  // Conjuncts below the head ("lawmakers in Arnor and Gondor") add actors
  // that share the phrase's agents.
  for (int t : toks) {
    if (t == h) continue;
    for (int k = st.child_start[t]; k < st.child_start[t + 1]; ++k) {
      int c = st.children[k];
      if (st.rel[c] != kConj) continue;
      size_t before = out->size();
      CodeNominal(st, date, c, out, depth + 1);
      for (size_t i = before; i < out->size(); ++i) {
        Actor& x = (*out)[i];
        if (x.has_agent || !x.has_actor) continue;
        for (const AgentEntry* g : agents) {
          if (ContainsChunk(x.code, g->code)) continue;
          x.code = g->Apply(x.code);
          x.has_agent = true;
        }
      }
    }
  }
}

void Coder::Impl::CodeNominal(const Sent& st, int date, int h, std::vector<Actor>* out,
                              int depth) const {
  if (depth > 8) return;
  size_t before = out->size();
  CodePhrase(st, date, h, out, depth + 1);
  if (out->size() == before) {
    // "its ally, China": an apposition names the actor.
    for (int k = st.child_start[h]; k < st.child_start[h + 1]; ++k) {
      int c = st.children[k];
      if (st.rel[c] == kAppos) {
        CodePhrase(st, date, c, out, depth + 1);
        if (out->size() > before) break;
      }
    }
  }
  // "Danish media and government": an agent-only conjunct takes the
  // actor(s) of the first conjunct ("lawmakers and officials in Arnor and
  // Gondor": ARNGOV and GONGOV).
  std::vector<std::string> head_bases;
  for (size_t i = before; i < out->size(); ++i) {
    const Actor& x = (*out)[i];
    if (!x.has_actor || x.base.empty()) continue;
    if (std::find(head_bases.begin(), head_bases.end(), x.base) == head_bases.end())
      head_bases.push_back(x.base);
  }
  // "Mordor, the Shire, Arnor and Bree" parsed with the coordination on an
  // apposition, or "Evil Mordor, the awful Arnor, and good Gondor" with the
  // middle member as an apposition of a head that also has conjuncts: the
  // apposition (and its conjuncts) join the list.
  bool head_coordinated = false;
  for (int k = st.child_start[h]; k < st.child_start[h + 1]; ++k)
    head_coordinated |= st.rel[st.children[k]] == kConj;
  for (int k = st.child_start[h]; k < st.child_start[h + 1]; ++k) {
    int c = st.children[k];
    if (st.rel[c] != kAppos || out->size() == before) continue;
    bool coordinated = head_coordinated;
    for (int j = st.child_start[c]; j < st.child_start[c + 1]; ++j)
      coordinated |= st.rel[st.children[j]] == kConj;
    if (coordinated) CodeNominal(st, date, c, out, depth + 1);
  }
  for (int k = st.child_start[h]; k < st.child_start[h + 1]; ++k) {
    int c = st.children[k];
    if (st.rel[c] != kConj) continue;
    size_t from = out->size();
    CodeNominal(st, date, c, out, depth + 1);
    if (head_bases.empty()) continue;
    std::vector<Actor> extra;
    for (size_t i = from; i < out->size(); ++i) {
      Actor& x = (*out)[i];
      if (x.has_actor) continue;
      size_t pos = x.code.find("---");
      if (pos == std::string::npos) continue;
      for (size_t b = 1; b < head_bases.size(); ++b) {
        Actor y = x;
        y.code.replace(pos, 3, head_bases[b]);
        y.base = head_bases[b];
        y.has_actor = true;
        extra.push_back(std::move(y));
      }
      x.code.replace(pos, 3, head_bases[0]);
      x.base = head_bases[0];
      x.has_actor = true;
    }
    for (auto& y : extra) out->push_back(std::move(y));
  }
}

// A subject or object: its actors, or a resolved pronoun / anaphoric noun.
void Coder::Impl::CodeArgument(const Sent& st, int date, int h, const Memory& mem, int v,
                               std::vector<Actor>* out) const {
  size_t before = out->size();
  CodeNominal(st, date, h, out, 0);
  if (out->size() > before || !opts.resolve_pronouns) return;
  const Token& t = st.s->tokens[h];
  auto place = [&](Actor a) {
    a.head = h;
    a.begin = h;
    a.end = h + 1;
    a.text = t.form;
    out->push_back(std::move(a));
  };
  // A bare name ("Mao said") that is part of the name of a person coded
  // earlier in the document ("Chinese Foreign Ministry spokesperson Mao
  // Ning"): that person.
  if (t.upos == "PROPN" && !mem.persons.empty()) {
    std::string key;
    bool ok = true;
    for (int k = st.child_start[h]; k <= st.child_start[h + 1] && ok; ++k) {
      int u = k < st.child_start[h + 1] ? st.children[k] : h;
      if (u != h && st.rel[u] != kCompound && st.rel[u] != kFlat) continue;
      if (st.s->tokens[u].upos != "PROPN") {
        ok = false;
        break;
      }
      key.assign(1, ' ');
      AppendUpper(st.s->tokens[u].form, &key);
      key.push_back(' ');
      bool found = false;
      for (const Actor& p : mem.persons) found |= p.names.find(key) != std::string::npos;
      ok &= found;
    }
    if (ok) {
      // The latest person whose names hold every word of the mention.
      for (auto it = mem.persons.rbegin(); it != mem.persons.rend(); ++it) {
        bool all = true;
        for (int k = st.child_start[h]; k <= st.child_start[h + 1] && all; ++k) {
          int u = k < st.child_start[h + 1] ? st.children[k] : h;
          if (u != h && st.rel[u] != kCompound && st.rel[u] != kFlat) continue;
          key.assign(1, ' ');
          AppendUpper(st.s->tokens[u].form, &key);
          key.push_back(' ');
          all = it->names.find(key) != std::string::npos;
        }
        if (all) {
          Actor a = *it;
          place(std::move(a));
          out->back().text = t.form;
          return;
        }
      }
    }
  }
  bool pron = IsPronoun(t) && IsPersonalPronoun(t.form);
  bool anaph = !pron && IsAnaphoricNoun(t.lemma.empty() ? t.form : t.lemma);
  if (!pron && !anaph) return;
  // 1. The subject of the governing clause ("Arnor said it would ...").
  if (pron) {
    int u = v;
    for (int hop = 0; hop < 4 && u >= 0; ++hop) {
      Rel r = st.rel[u];
      if (r != kCcomp && r != kXcomp && r != kAdvcl && r != kConj && r != kParataxis) break;
      int p = st.head[u];
      if (p < 0) break;
      for (int k = st.child_start[p]; k < st.child_start[p + 1]; ++k) {
        int c = st.children[k];
        if (st.rel[c] != kNsubj) continue;
        std::vector<Actor> cand;
        // The governing subject may itself be a pronoun or a bare name
        // ("'We hope ...,' she added").
        CodeArgument(st, date, c, mem, p, &cand);
        bool all_actors = !cand.empty();
        for (const Actor& x : cand) all_actors &= x.has_actor;
        // A plural pronoun takes a compound subject whole ("Obama and
        // Putin said they will ..."); a singular one needs a single actor.
        if (all_actors && (cand.size() == 1 || IsPluralPronoun(t.form))) {
          for (Actor a : cand) {
            a.head = h;
            a.begin = h;
            a.end = h + 1;
            a.text = t.form;
            out->push_back(std::move(a));
          }
          return;
        }
        if (!cand.empty()) return;  // ambiguous
      }
      u = p;
    }
  }
  // "We"/"our" names the speaker of the governing clause only (inside a
  // quote); outside one it is the writer.
  if (pron && IsFirstPersonPlural(t.form)) return;
  // "he"/"she": the person of the latest earlier sentence that named one
  // ("Chinese Foreign Ministry spokesperson Mao Ning argued ... She said").
  if (pron && IsPersonPronoun(t.form) && !mem.last_person.empty()) {
    const Actor* only = nullptr;
    bool unique = true;
    for (const Actor& a : mem.last_person) {
      if (only && only->code != a.code) unique = false;
      if (!only) only = &a;
    }
    if (unique && only) {
      place(*only);
      return;
    }
  }
  // 2. An earlier actor: of this sentence before the mention (anaphoric
  //    nouns only), else of the latest earlier sentence with actors.
  std::vector<const Actor*> cands;
  std::vector<Actor> here;
  if (anaph) {
    for (int i = 0; i < h; ++i) {
      if (st.mention_of[i] < 0) continue;
      auto [b, e] = st.mentions[st.mention_of[i]];
      auto a = dicts->actors.LongestAt(st.actor_ids, b);
      if (a) {
        std::string_view code = dicts->actors.entry(a->entry).CodeOn(date);
        if (!code.empty() && code != "---") {
          Actor x;
          x.code = std::string(code);
          x.has_actor = true;
          here.push_back(std::move(x));
        }
      }
      i = e - 1;
    }
  }
  for (const std::vector<Actor>* pool : {static_cast<const std::vector<Actor>*>(&here), &mem.last}) {
    for (const Actor& a : *pool) {
      if (!a.has_actor) continue;
      if (anaph && a.code.compare(0, 3, "IGO") != 0) continue;
      bool dup = false;
      for (const Actor* c : cands) dup |= c->code == a.code;
      if (!dup) cands.push_back(&a);
    }
    if (!cands.empty()) break;
  }
  if (cands.size() != 1) return;
  Actor a = *cands[0];
  a.head = h;
  a.begin = h;
  a.end = h + 1;
  a.text = t.form;
  out->push_back(std::move(a));
}

void Coder::Impl::Subjects(const Sent& st, int date, int v, const Memory& mem,
                           std::vector<Actor>* src, std::vector<Actor>* passive_targets,
                           bool* passive, int depth) const {
  for (int k = st.child_start[v]; k < st.child_start[v + 1]; ++k) {
    int c = st.children[k];
    if (st.rel[c] == kNsubj) {
      if (ExistentialParticiple(st, v)) {
        // "There were 10 Russian soldiers killed in Ukraine": the soldiers
        // were killed (a reduced passive after existential "there").
        *passive = true;
        CodeArgument(st, date, c, mem, v, passive_targets);
        return;
      }
      CodeArgument(st, date, c, mem, v, src);
      // Two subjects of one verb: a coordination the parser missed ("Arnor
      // and the evil awful Gondor welcomed" with "evil" tagged as a noun).
      for (int j = k + 1; j < st.child_start[v + 1]; ++j) {
        int d = st.children[j];
        if (st.rel[d] == kNsubj && d < v) CodeArgument(st, date, d, mem, v, src);
      }
      // "The US, Russia, and Switzerland met" parsed with the verb as a
      // conjunct of the first name: the earlier conjuncts join the subject.
      int p = st.head[v];
      bool cc_before_subject = false;  // "..., and Switzerland met": the list's "and"
      for (int j = st.child_start[v]; j < st.child_start[v + 1]; ++j)
        cc_before_subject |= st.rel[st.children[j]] == kCc && st.children[j] < c;
      bool subject_actor = !src->empty();
      for (const Actor& a : *src) subject_actor &= a.has_actor;
      if (st.rel[v] == kConj && p >= 0 && p < c && cc_before_subject && subject_actor &&
          (st.s->tokens[p].upos == "PROPN" || st.s->tokens[p].upos == "NOUN")) {
        std::vector<Actor> more;
        CodePhrase(st, date, p, &more, 0);
        for (int j = st.child_start[p]; j < st.child_start[p + 1]; ++j) {
          int d = st.children[j];
          if (st.rel[d] == kConj && d < c && d != v) CodeNominal(st, date, d, &more, 0);
        }
        std::vector<Actor> joined;
        for (Actor& a : more) {
          if (!a.has_actor) continue;
          bool dup = false;
          for (const Actor& x : *src) dup |= x.code == a.code;
          for (const Actor& x : joined) dup |= x.code == a.code;
          if (!dup) joined.push_back(std::move(a));
        }
        src->insert(src->begin(), std::make_move_iterator(joined.begin()), std::make_move_iterator(joined.end()));
      }
      return;
    }
    if (st.rel[c] == kNsubjPass) {
      *passive = true;
      CodeArgument(st, date, c, mem, v, passive_targets);
      return;
    }
  }
  if (depth > 4) return;
  Rel r = st.rel[v];
  int p = st.head[v];
  if (p < 0) return;
  // An infinitive advcl ("vowed on Thursday to wage war") is read as an
  // xcomp when the governing verb has no object (with one, the object may
  // be the subject: "gave permission to Russia to help Israel").
  bool infinitive = r == kAdvcl && HasToMark(st, v);
  if (infinitive) {
    for (int k = st.child_start[p]; k < st.child_start[p + 1]; ++k) {
      Rel pr = st.rel[st.children[k]];
      if (pr == kObj || pr == kIobj) infinitive = false;
    }
  }
  if (r == kXcomp || r == kConj || infinitive) {
    // The subject of the governing verb (or adjective: "is about to ...").
    std::vector<Actor> dummy;
    bool pass = false;
    Subjects(st, date, p, mem, src, &dummy, &pass, depth + 1);
    // "The Philippines was heavily and unjustly criticized" parsed with the
    // copula on the adverb and the participle as its conjunct: a passive.
    if (!pass && r == kConj && st.s->tokens[v].xpos == "VBN" && p < v) {
      bool aux = false, cop_be = false;
      for (int k = st.child_start[v]; k < st.child_start[v + 1]; ++k)
        aux |= st.rel[st.children[k]] == kAux;
      for (int k = st.child_start[p]; k < st.child_start[p + 1]; ++k) {
        int c = st.children[k];
        if (st.rel[c] == kCop && c < p && EqualsIgnoreCase(st.s->tokens[c].lemma, "be")) cop_be = true;
      }
      const std::string& pu = st.s->tokens[p].upos;
      if (!aux && cop_be && (pu == "ADV" || pu == "ADJ")) {
        *passive = true;
        *passive_targets = std::move(*src);
        src->clear();
        return;
      }
    }
    if (pass && r == kConj) {
      *passive = true;
      *passive_targets = std::move(dummy);
    } else if (pass && r != kConj && src->empty() && !HasByAgent(st, p)) {
      // Raising: "Obama is scheduled to attend ...", "Gollum was seen to
      // break into ...": the passive subject is the subject of the
      // infinitive.
      *src = std::move(dummy);
    }
    return;
  }
  // "Pyongyang on Thursday fired ..." parsed with the name as the root and
  // the verb as its dep: the nominal root before the verb is its subject.
  if (r == kDep && p < v && st.head[p] < 0 &&
      (st.s->tokens[p].upos == "PROPN" || st.s->tokens[p].upos == "NOUN")) {
    CodeNominal(st, date, p, src, 0);
    return;
  }
  if (r == kRelcl || (r == kAcl && st.s->tokens[v].xpos != "VBN")) {
    // "soldiers who attacked ...": the modified noun.
    CodeNominal(st, date, p, src, 0);
    return;
  }
  if (r == kAcl) {
    *passive = true;
    CodeNominal(st, date, p, passive_targets, 0);
  }
}

void Coder::Impl::Objects(const Sent& st, int date, int v, const Memory& mem, bool passive,
                          std::vector<Actor>* tgt, std::vector<Actor>* passive_src) const {
  if (passive) {
    // Source: the "by" agent, else the first actor of a complement.
    for (int k = st.child_start[v]; k < st.child_start[v + 1]; ++k) {
      int c = st.children[k];
      if (IsByPhrase(st, c)) {
        CodeArgument(st, date, c, mem, v, passive_src);
        if (!passive_src->empty()) return;
        // "... by a missile believed to be fired by pro-Russia rebels": the
        // agent of a participle (chain) modifying the agent.
        for (int j = st.child_start[c]; j < st.child_start[c + 1]; ++j) {
          int u = st.children[j];
          if (st.rel[u] != kAcl) continue;
          for (int hop = 0; hop < 3 && u >= 0; ++hop) {
            if (HasByAgent(st, u)) {
              Objects(st, date, u, mem, true, nullptr, passive_src);
              if (!passive_src->empty()) return;
            }
            int next = -1;
            for (int q = st.child_start[u]; q < st.child_start[u + 1]; ++q)
              if (st.rel[st.children[q]] == kXcomp) next = st.children[q];
            u = next;
          }
        }
        return;  // the agent is named but is no actor: no other source
      }
    }
    // A reduced relative ("men sought in the slaying of American
    // missionaries") names its source only through "by"; not so the
    // participle of an existential subject ("There were 10 soldiers killed
    // in Ukraine" is "10 soldiers were killed in Ukraine").
    if (st.rel[v] == kAcl && !ExistentialSubject(st, st.head[v])) return;
    for (int k = st.child_start[v]; k < st.child_start[v + 1]; ++k) {
      int c = st.children[k];
      if (st.rel[c] == kObl || st.rel[c] == kObj) {
        CodeNominal(st, date, c, passive_src, 0);
        if (!passive_src->empty()) return;
      }
    }
    return;
  }
  for (Rel want : {kObj, kIobj}) {
    for (int k = st.child_start[v]; k < st.child_start[v + 1]; ++k) {
      int c = st.children[k];
      if (st.rel[c] != want) continue;
      size_t before = tgt->size();
      CodeArgument(st, date, c, mem, v, tgt);
      if (tgt->size() == before) continue;
      // "received ministers from the Georgian government" with the
      // prepositional phrase attached to the verb: an agent-only object
      // takes the actor of the next "of/from" complement.
      bool agent_only = true;
      for (size_t i = before; i < tgt->size(); ++i) agent_only &= !(*tgt)[i].has_actor;
      if (agent_only) {
        for (int j = k + 1; j < st.child_start[v + 1]; ++j) {
          int o = st.children[j];
          if (st.rel[o] != kObl) continue;
          bool of = false;
          for (int q = st.child_start[o]; q < st.child_start[o + 1]; ++q) {
            int g = st.children[q];
            const std::string& f = st.s->tokens[g].form;
            if (st.rel[g] == kCase && (EqualsIgnoreCase(f, "of") || EqualsIgnoreCase(f, "from")))
              of = true;
          }
          if (!of) break;
          std::vector<Actor> x;
          CodeNominal(st, date, o, &x, 0);
          if (x.empty() || !x[0].has_actor) break;
          for (size_t i = before; i < tgt->size(); ++i) {
            Actor& a = (*tgt)[i];
            size_t pos = a.code.find("---");
            if (pos == std::string::npos) continue;
            a.code.replace(pos, 3, x[0].base);
            if (!ContainsChunk(a.code, x[0].code.substr(std::min(x[0].code.size(), x[0].base.size()))))
              a.code = x[0].code;
            a.base = x[0].base;
            a.has_actor = true;
          }
          break;
        }
      }
      return;
    }
  }
  for (int k = st.child_start[v]; k < st.child_start[v + 1]; ++k) {
    int c = st.children[k];
    if (st.rel[c] == kObl || st.rel[c] == kAgent) {
      CodeNominal(st, date, c, tgt, 0);
      if (!tgt->empty()) return;
    }
  }
  // Tolerance to the parser (PP vs absolute clause): "met with Syrian
  // President Bashar Assad Tuesday to discuss ..." parsed as an absolute
  // "with" clause ("with" the mark and "Bashar" the subject of "discuss"):
  // a "with" + noun + to-infinitive after the verb is the verb's
  // prepositional complement followed by a purpose infinitive.
  for (int k = st.child_start[v]; k < st.child_start[v + 1]; ++k) {
    int c = st.children[k];
    if (st.rel[c] != kAdvcl || c < v || !HasToMark(st, c)) continue;
    int with = -1, subj = -1;
    for (int j = st.child_start[c]; j < st.child_start[c + 1]; ++j) {
      int g = st.children[j];
      if (st.rel[g] == kMark && EqualsIgnoreCase(st.s->tokens[g].form, "with")) with = g;
      if (st.rel[g] == kNsubj && subj < 0) subj = g;
    }
    if (with < 0 || subj < with || with != v + 1) continue;
    CodeNominal(st, date, subj, tgt, 0);
    if (!tgt->empty()) return;
  }
  // Tolerance to the parser (xcomp vs obj): a bare noun the parse made a
  // predicative complement of the verb - no copula, mark or subject of its
  // own - is read as its object ("bombarded a government-held part of
  // Syria's second city" with "government" the object and "part" an xcomp).
  for (int k = st.child_start[v]; k < st.child_start[v + 1]; ++k) {
    int c = st.children[k];
    if (st.rel[c] != kXcomp || c < v) continue;
    const std::string& u = st.s->tokens[c].upos;
    if (u != "NOUN" && u != "PROPN") continue;
    bool clause = false;
    for (int j = st.child_start[c]; j < st.child_start[c + 1]; ++j) {
      Rel r = st.rel[st.children[j]];
      clause |= r == kCop || r == kMark || r == kNsubj || r == kNsubjPass;
    }
    if (clause) continue;
    CodeNominal(st, date, c, tgt, 0);
    if (!tgt->empty()) return;
  }
  // A prepositional complement of an adjectival or adverbial predicate of
  // the verb ("marched very close to the border with Mordor").
  for (int k = st.child_start[v]; k < st.child_start[v + 1]; ++k) {
    int c = st.children[k];
    if (st.rel[c] != kXcomp && st.rel[c] != kAdvmod) continue;
    const std::string& u = st.s->tokens[c].upos;
    if (u != "ADJ" && u != "ADV") continue;
    for (int j = st.child_start[c]; j < st.child_start[c + 1]; ++j) {
      int g = st.children[j];
      if (st.rel[g] != kObl) continue;
      CodeNominal(st, date, g, tgt, 0);
      if (!tgt->empty()) return;
    }
  }
  // Deeper: a prepositional complement inside a participle modifying the
  // object or complement ("cordoned off the roads leading into Mordor").
  for (int k = st.child_start[v]; k < st.child_start[v + 1]; ++k) {
    int c = st.children[k];
    if (st.rel[c] != kObj && st.rel[c] != kObl) continue;
    std::vector<int> stack{c};
    std::vector<int> cands;
    while (!stack.empty()) {
      int t = stack.back();
      stack.pop_back();
      for (int j = st.child_start[t]; j < st.child_start[t + 1]; ++j) {
        int g = st.children[j];
        Rel r = st.rel[g];
        if (r == kCcomp || r == kParataxis || r == kAdvcl || r == kRelcl || r == kPunct) continue;
        if ((r == kObl || r == kObj || r == kAgent) && st.rel[t] == kAcl) cands.push_back(g);
        stack.push_back(g);
      }
    }
    std::sort(cands.begin(), cands.end());
    for (int g : cands) {
      CodeNominal(st, date, g, tgt, 0);
      if (!tgt->empty()) return;
    }
  }
  // Tolerance to the parser (advcl vs acl): a participle clause the parse
  // hung on the verb although it directly follows the verb's object or
  // complement, with no comma, mark or subject of its own ("claiming
  // responsibility for an attack targeting non-Muslims at a mall in Kenya",
  // "targeting" an advcl of "claiming") is read as modifying that noun, as
  // above.
  for (int k = st.child_start[v]; k < st.child_start[v + 1]; ++k) {
    int p = st.children[k];
    if (st.rel[p] != kAdvcl || p <= v + 1) continue;
    const std::string& x = st.s->tokens[p].xpos;
    if (x != "VBG" && x != "VBN") continue;
    int prev = p - 1;
    const std::string& pu = st.s->tokens[prev].upos;
    if (pu != "NOUN" && pu != "PROPN") continue;
    bool own = false;
    for (int j = st.child_start[p]; j < st.child_start[p + 1]; ++j) {
      Rel r = st.rel[st.children[j]];
      own |= r == kMark || r == kNsubj || r == kNsubjPass || r == kAux ||
             (r == kPunct && st.children[j] < p);
    }
    if (own) continue;
    int u = prev;  // the noun inside an object or complement of v
    for (int hop = 0; hop < st.n && u >= 0 && st.head[u] != v; ++hop) u = st.head[u];
    if (u < 0 || (st.rel[u] != kObj && st.rel[u] != kObl)) continue;
    for (int j = st.child_start[p]; j < st.child_start[p + 1]; ++j) {
      int g = st.children[j];
      Rel r = st.rel[g];
      if (r != kObl && r != kObj && r != kAgent) continue;
      CodeNominal(st, date, g, tgt, 0);
      if (!tgt->empty()) return;
    }
  }
  // Tolerance to the parser: a nominal the parse left as a bare "dep" after
  // the verb ("believes Dagolath and Osgiliath can cope" with "Dagolath"
  // tagged as a common noun) is read as its object.
  for (int k = st.child_start[v]; k < st.child_start[v + 1]; ++k) {
    int c = st.children[k];
    if (st.rel[c] != kDep || c < v) continue;
    const std::string& u = st.s->tokens[c].upos;
    if (u != "PROPN" && u != "NOUN") continue;
    CodeNominal(st, date, c, tgt, 0);
    if (!tgt->empty()) return;
  }
  if (opts.clausal_subject_as_target) {
    size_t before = tgt->size();
    struct Mark {
      std::vector<Actor>* tgt;
      size_t before;
      ~Mark() {
        for (size_t i = before; i < tgt->size(); ++i) (*tgt)[i].from_clause = true;
      }
    } mark{tgt, before};
    // The complement: a ccomp, then - for a verb without object that follows
    // its quote ("'..., NATO has gone beyond ...,' Mao said", parsed with
    // "said" as a dep/parataxis of the quote's verb) - the governing clause.
    int quoted = -1;
    {
      bool bare = true;
      for (int k = st.child_start[v]; k < st.child_start[v + 1]; ++k) {
        Rel r = st.rel[st.children[k]];
        if (r == kObj || r == kIobj || r == kXcomp) bare = false;
      }
      int p = st.head[v];
      if (bare && p >= 0 && p < v && (st.rel[v] == kParataxis || st.rel[v] == kDep) &&
          st.s->tokens[p].upos == "VERB") {
        // A closing quotation mark right before the clause of v (a bare
        // "..., officials said" is left alone, as PETRARCH does).
        int first = v;
        for (int k = st.child_start[v]; k < st.child_start[v + 1]; ++k) {
          int c = st.children[k];
          if (st.rel[c] != kNsubj) continue;
          first = std::min(first, c);
          for (int j = st.child_start[c]; j < st.child_start[c + 1]; ++j)
            first = std::min(first, st.children[j]);
        }
        if (first > 0) {
          const Token& q = st.s->tokens[first - 1];
          if (IsQuoteMark(q.form) || IsQuoteMark(q.lemma) || q.xpos == "''" || q.xpos == "``") quoted = p;
        }
      }
    }
    for (int k = st.child_start[v]; k <= st.child_start[v + 1]; ++k) {
      int c = k < st.child_start[v + 1] ? st.children[k] : quoted;
      if (c < 0) continue;
      if (c != quoted && st.rel[c] != kCcomp) continue;
      // A cleft ("said it was NATO that was raising concerns"): the focused
      // noun, the head of a copular complement with expletive "it" and a
      // relative clause, is the subject.
      if (st.s->tokens[c].upos == "PROPN" || st.s->tokens[c].upos == "NOUN") {
        bool cop = false, it = false, relcl = false;
        for (int j = st.child_start[c]; j < st.child_start[c + 1]; ++j) {
          int g = st.children[j];
          if (st.rel[g] == kCop) cop = true;
          if (st.rel[g] == kRelcl) relcl = true;
          if (EqualsIgnoreCase(st.s->tokens[g].form, "it") &&
              (st.rel[g] == kNsubj || st.s->tokens[g].deprel.rfind("expl", 0) == 0))
            it = true;
        }
        if (cop && it && relcl) {
          CodePhrase(st, date, c, tgt, 0);
          if (!tgt->empty()) return;
        }
      }
      for (int j = st.child_start[c]; j < st.child_start[c + 1]; ++j) {
        int g = st.children[j];
        if (st.rel[g] == kNsubj || st.rel[g] == kNsubjPass) {
          CodeNominal(st, date, g, tgt, 0);
          if (!tgt->empty()) return;
        }
      }
      // A complement whose subject names no actor (a pronoun: "Frodo said
      // he has deep satisfaction toward Gondor") lends its own target,
      // unless its verb is coded on its own.
      if ((st.s->tokens[c].upos != "VERB" || !dicts->verbs.MatchVerbAt(st.verb_ids, c))) {
        Objects(st, date, c, mem, false, tgt, nullptr);
        if (!tgt->empty()) return;
      }
    }
  }
}

bool Coder::Impl::Negated(const Sent& st, int v) const {
  for (int k = st.child_start[v]; k < st.child_start[v + 1]; ++k) {
    int c = st.children[k];
    if ((st.rel[c] == kNeg || st.rel[c] == kAdvmod || st.rel[c] == kAux) &&
        IsNegationWord(st.s->tokens[c].form))
      return true;
  }
  return false;
}

// Matches pattern p over the clause tokens (sorted token indices) around the
// verb occupying clause positions [vb, ve).  Returns the score (number of
// matched elements) or -1.  *src_tok / *tgt_tok receive the tokens matched
// by '$' / '+' (or -1).
int Coder::Impl::MatchPattern(const Sent& st, const VerbPattern& p, const std::vector<int>& clause,
                              int vb, int ve, int* src_tok, int* tgt_tok, bool* compound,
                              std::vector<int>* matched, std::vector<int>* matched_in_pp) const {
  const VerbDictionary& vd = dicts->verbs;
  const auto& el = p.elements;
  int ne = static_cast<int>(el.size());
  int vp = p.verb_position;
  int m = static_cast<int>(clause.size());
  *src_tok = *tgt_tok = -1;
  *compound = false;
  int score = 0;
  auto is_struct = [](PatternElementKind k) {
    return k == PatternElementKind::kOpenNoun || k == PatternElementKind::kCloseNoun ||
           k == PatternElementKind::kOpenPrep || k == PatternElementKind::kClosePrep ||
           k == PatternElementKind::kSkip;
  };
  // Does element e match starting at clause position q?  Returns the end
  // position (exclusive) or -1.
  bool last_lemma = false;
  int lemma_only = 0;
  int synsets_used = 0;
  auto match_at = [&](const PatternElement& e, int q) -> int {
    if (q < 0 || q >= m) return -1;
    int t = clause[q];
    switch (e.kind) {
      case PatternElementKind::kWord:
      case PatternElementKind::kAlternatives:
        last_lemma = false;
        if (vd.ElementMatchesWord(e, st.verb_ids[t])) return q + 1;
        if (vd.ElementMatchesWord(e, st.verb_lemma_ids[t])) {
          last_lemma = true;  // matched through the lemma only
          return q + 1;
        }
        return -1;
      case PatternElementKind::kSynset: {
        if (!SynsetMayStart(e.index, st.verb_ids[t]) && !SynsetMayStart(e.index, st.verb_lemma_ids[t]))
          return -1;
        // Multi-word synset phrases need consecutive tokens.
        int best = -1;
        for (const auto* idsv : {&st.verb_ids, &st.verb_lemma_ids}) {
          int k = q;
          // Build a run of consecutive tokens (in the sentence) from q.
          int len = 0;
          while (k + len < m && clause[k + len] == t + len && len < 8) ++len;
          auto end = vd.MatchSynsetAt(e.index, std::span<const WordId>(idsv->data() + t, len), 0);
          if (end && static_cast<int>(*end) > 0) best = std::max(best, q + static_cast<int>(*end));
        }
        return best;
      }
      case PatternElementKind::kSource:
      case PatternElementKind::kTarget:
      case PatternElementKind::kCompound: {
        int mi = st.mention_of[t];
        if (mi < 0) return -1;
        // '%' is a compound actor: the mention's noun phrase must be
        // coordinated ("Arnor and Gondor agree"), not a single actor.
        if (e.kind == PatternElementKind::kCompound) {
          int h = t;
          for (int hop = 0; hop < 4 && h >= 0; ++hop) {
            Rel r = st.rel[h];
            if (r != kCompound && r != kFlat && r != kDep && r != kOtherRel) break;
            h = st.head[h];
          }
          bool coordinated = h >= 0 && st.rel[h] == kConj;
          for (int k = h >= 0 ? st.child_start[h] : 0; h >= 0 && k < st.child_start[h + 1]; ++k)
            coordinated |= st.rel[st.children[k]] == kConj;
          if (!coordinated) return -1;
        }
        int e2 = q + 1;
        while (e2 < m && st.mention_of[clause[e2]] == mi) ++e2;
        return e2;
      }
      default:
        return q;
    }
  };
  if (matched) matched->clear();
  if (matched_in_pp) matched_in_pp->clear();
  bool in_prep = false;  // forward matching is inside ( ): a prepositional phrase
  auto record = [&](const PatternElement& e, int q) {
    if (e.kind == PatternElementKind::kWord || e.kind == PatternElementKind::kAlternatives ||
        e.kind == PatternElementKind::kSynset) {
      if (matched) matched->push_back(clause[q]);
      if (matched_in_pp && in_prep) matched_in_pp->push_back(clause[q]);
    }
    if (e.kind == PatternElementKind::kSource) *src_tok = clause[q];
    if (e.kind == PatternElementKind::kTarget) *tgt_tok = clause[q];
    if (e.kind == PatternElementKind::kCompound) {
      *compound = true;
      *src_tok = clause[q];
    }
  };
  // Forward: elements after the verb.
  int start_fwd = vp >= 0 ? vp + 1 : 0;
  int pos = ve;
  bool must_adjacent = vp >= 0 && el[vp].joined_to_next;
  bool in_noun = false;     // inside { }: the words of one noun phrase, consecutive
  bool noun_started = false;
  for (int i = start_fwd; i < ne; ++i) {
    const PatternElement& e = el[i];
    if (e.kind == PatternElementKind::kOpenPrep) in_prep = true;
    if (e.kind == PatternElementKind::kClosePrep) in_prep = false;
    if (e.kind == PatternElementKind::kOpenNoun) {
      in_noun = true;
      noun_started = false;
      continue;
    }
    if (e.kind == PatternElementKind::kCloseNoun) {
      in_noun = false;
      continue;
    }
    if (e.kind == PatternElementKind::kSkip) {
      // '^' skips the next noun phrase: the first nominal token and the
      // nominal words right after it ("IFTAR (IN ^) +": "Iftar in Osgiliath
      // with the leaders of Gondor" -> Gondor).
      auto nominal = [&](int t) {
        const std::string& u = st.s->tokens[t].upos;
        return u == "NOUN" || u == "PROPN" || u == "PRON" || u == "NUM";
      };
      int q = pos;
      while (q < m && !nominal(clause[q])) ++q;
      if (q >= m) return -1;
      ++q;
      while (q < m && clause[q] == clause[q - 1] + 1 &&
             (nominal(clause[q]) || st.rel[clause[q]] == kFlat || st.rel[clause[q]] == kCompound))
        ++q;
      pos = q;
      must_adjacent = false;
      continue;
    }
    if (is_struct(e.kind) || e.kind == PatternElementKind::kVerb) continue;
    // Inside { }: the words of one noun phrase, in order.  The head (last
    // word) must follow its neighbour directly; before that, modifiers
    // (adjectives, adverbs, determiners, numbers) may intervene: "new global
    // economic relations" matches {NEW &TIETYPES RELATIONS}, "new economic
    // trade relations" and "cultural internal memos" ({&TIETYPES MEMOS}) do
    // not.
    bool is_head = in_noun && i + 1 < ne && el[i + 1].kind == PatternElementKind::kCloseNoun;
    if (in_noun && noun_started && is_head) must_adjacent = true;
    bool noun_gap = in_noun && noun_started && !must_adjacent;
    if (in_noun) noun_started = true;
    int found = -1, fend = -1;
    for (int q = pos; q < m; ++q) {
      if (must_adjacent && q != pos) break;
      if (noun_gap && q != pos) {
        if (q - pos > 3 || clause[q] - clause[pos] != q - pos) break;
        const std::string& u = st.s->tokens[clause[q - 1]].upos;
        if (u != "ADJ" && u != "ADV" && u != "DET" && u != "NUM") break;
      }
      int end = match_at(e, q);
      if (end > q) {
        found = q;
        fend = end;
        break;
      }
    }
    if (found < 0) return -1;
    record(e, found);
    // Longer matches are more specific: a multi-word synset phrase counts
    // its extra words ("austrian gold florin" of &HYPERCURR beats "florin"
    // of &CURRENCY).
    score += 1 + (e.kind == PatternElementKind::kSynset ? fend - found - 1 : 0);
    synsets_used += e.kind == PatternElementKind::kSynset;
    if (last_lemma && (e.kind == PatternElementKind::kWord || e.kind == PatternElementKind::kAlternatives))
      ++lemma_only;
    pos = fend;
    // '_' joins to the next non-structural element.
    must_adjacent = e.joined_to_next;
  }
  // Backward: elements before the verb, nearest first.
  if (vp > 0) {
    int lim = vb;  // exclusive end for the next element
    bool adj = el[vp - 1].joined_to_next;
    for (int i = vp - 1; i >= 0; --i) {
      const PatternElement& e = el[i];
      if (is_struct(e.kind)) continue;
      int found = -1, fq = -1;
      for (int q = lim - 1; q >= 0; --q) {
        // the element must end at or before lim
        int end = -1;
        for (int s0 = q; s0 >= std::max(0, q - 3); --s0) {
          // Words before the verb match nominal and prepositional material
          // only, not adverbs or coordinators ("heavily criticized" does
          // not fire "HEAVILY *"; "Neither X nor Y boycotted" not "NEITHER *";
          // the infinitive "to accord" not "(TO) *").
          if (st.rel[clause[s0]] == kAdvmod || st.rel[clause[s0]] == kCc || st.rel[clause[s0]] == kMark) continue;
          int e2 = match_at(e, s0);
          if (e2 == q + 1) {
            end = s0;
            break;
          }
        }
        if (adj && q != lim - 1) break;
        if (end >= 0) {
          found = end;
          fq = q;
          break;
        }
      }
      if (found < 0) return -1;
      record(e, found);
      score += 1 + (e.kind == PatternElementKind::kSynset ? fq - found : 0);
      synsets_used += e.kind == PatternElementKind::kSynset;
      if (last_lemma && (e.kind == PatternElementKind::kWord || e.kind == PatternElementKind::kAlternatives))
        ++lemma_only;
      lim = found;
      adj = i > 0 && el[i - 1].joined_to_next;
    }
  }
  // Exact word forms are more specific than lemmas ("lift sanctions":
  // "* SANCTIONS" before "* SANCTION"), and a literal word more than a
  // synset ("MISSILE *" before "&WEAPON *"): each lemma-only word costs a
  // quarter of an element, each synset element an eighth.
  return 8 * score - 2 * lemma_only - synsets_used;
}

namespace {
// One coded verb of a sentence, before emission.
struct VerbResult {
  int v = -1;
  const Verb* verb = nullptr;
  VerbMatch match;
  EventCode code;
  std::vector<Actor> src, tgt;
  bool src_inherited = false;  // subject taken from a governing clause
  bool compound = false;
  bool has_object = false;     // an obj/iobj dependent, coded or not
  bool has_clause = false;     // a ccomp/xcomp dependent ("said they will ...")
  bool negated = false;
  bool suppressed = false;     // consumed by a pattern or a transformation
  bool consumed = false;       // suppressed because a governing verb's pattern named it
  bool consumes_xcomp = false; // this verb's pattern named an xcomp verb
  std::string provenance;
};
}  // namespace

void Coder::Impl::CodeSentence(const Document& doc, int sindex, int date, Sent* st, Memory* mem,
                               std::vector<Event>* events, CoderStats* stats) const {
  const Sentence& s = doc.sentences[sindex];
  Build(s, sindex, st);
  const VerbDictionary& vd = dicts->verbs;
  const auto& all_verbs = vd.verbs();
  const auto& blocks = vd.blocks();
  const auto& patterns = vd.patterns();
  std::vector<VerbResult> results;
  std::vector<int>& result_of = st->result_of;
  result_of.assign(st->n, -1);
  std::vector<int>& clause = st->clause;
  clause.clear();
  std::vector<WordId>& clause_words = st->clause_words;
  std::vector<char>& in_clause = st->in_clause;
  in_clause.assign(st->n, 0);
  std::vector<int>& stack = st->stack;
  for (int v = 0; v < st->n; ++v) {
    const Token& tok = s.tokens[v];
    // A possessed event noun ("upon his arrival in South Korea", "Putin's
    // visit to China") is coded like its verb: the possessor is the source.
    int possessor = -1;
    if (tok.upos == "NOUN" && opts.code_event_nouns) {
      for (int k = st->child_start[v]; k < st->child_start[v + 1]; ++k)
        if (st->rel[st->children[k]] == kPoss) possessor = st->children[k];
      if (possessor < 0) continue;
    } else if (tok.upos != "VERB") {
      continue;
    }
    if (st->rel[v] == kAux || st->rel[v] == kCop) continue;
    std::optional<VerbMatch> vm = vd.MatchVerbAt(st->verb_ids, v);
    if (possessor >= 0) {
      // The noun is the verb's own form ("visit") or its "-al"
      // nominalisation ("arrival" -> ARRIVE, "withdrawal" -> WITHDRAW).
      if (vm && vm->end - vm->begin != 1) vm.reset();
      if (!vm) {
        std::string up;
        AppendUpper(tok.form, &up);
        if (up.size() > 5 && up.compare(up.size() - 2, 2, "AL") == 0) {
          std::string stem = up.substr(0, up.size() - 2);
          const Verb* f = vd.FindVerb(stem + "E");
          if (!f) f = vd.FindVerb(stem);
          if (f) vm = VerbMatch{static_cast<uint32_t>(f - all_verbs.data()), static_cast<uint32_t>(v),
                                static_cast<uint32_t>(v + 1)};
        }
      }
      if (!vm) continue;
      // Statements ("his remarks in Doha") name a place, not a target.
      const Verb& nv = all_verbs[vm->verb];
      const EventCode& bc = nv.own_code || nv.block >= blocks.size() ? nv.code : blocks[nv.block].code;
      if (bc.null() || IsStatementCode(bc.code)) continue;
    }
    // The lemma is consulted for irregular forms only ("went" -> GO): the
    // dictionary already has the regular forms of its verbs, so a
    // regular-looking form it lacks ("departes") is no form of the verb.
    if (!vm && !tok.lemma.empty() && !(tok.form.size() >= tok.lemma.size() &&
                                       EqualsIgnoreCase(std::string_view(tok.form).substr(0, tok.lemma.size()), tok.lemma)))
      vm = vd.MatchVerbAt(st->verb_lemma_ids, v);
    if (!vm) continue;
    if (stats) stats->verbs++;
    VerbResult R;
    R.v = v;
    R.verb = &all_verbs[vm->verb];
    R.match = *vm;
    const VerbBlock& block = blocks[R.verb->block];

    // Arguments.
    bool passive = false;
    bool own_subject = false;
    if (possessor >= 0) {
      // Source: the possessor; a possessive pronoun ("his") is the subject
      // of the nearest governing verb when that names an actor.
      const Token& pt = s.tokens[possessor];
      if (IsPronoun(pt)) {
        int g = st->head[v];
        for (int hop = 0; hop < 4 && g >= 0 && s.tokens[g].upos != "VERB"; ++hop) g = st->head[g];
        if (g >= 0 && s.tokens[g].upos == "VERB") {
          std::vector<Actor> dummy;
          bool pass = false;
          Subjects(*st, date, g, *mem, &R.src, &dummy, &pass, 0);
          if (pass) R.src.clear();
        }
      }
      if (R.src.empty()) CodeArgument(*st, date, possessor, *mem, v, &R.src);
      for (Actor& a : R.src) a.begin = a.begin < 0 ? possessor : a.begin;
      if (R.src.empty()) continue;
      // Target: a prepositional complement of the noun that is itself an
      // actor ("arrival in South Korea"; not "march towards adventures in
      // the vicinity of Cirith Ungol").
      auto direct = [&](int c) {
        size_t before = R.tgt.size();
        CodeNominal(*st, date, c, &R.tgt, 0);
        R.tgt.erase(std::remove_if(R.tgt.begin() + static_cast<std::ptrdiff_t>(before), R.tgt.end(),
                                   [&](const Actor& a) { return a.begin < 0 || c < a.begin || c >= a.end; }),
                    R.tgt.end());
      };
      for (int k = st->child_start[v]; k < st->child_start[v + 1] && R.tgt.empty(); ++k) {
        int c = st->children[k];
        if (st->rel[c] == kObl) direct(c);
      }
      // Right association: the prepositional phrase right after the event
      // noun belongs to it even when the parse attached it higher up ("upon
      // his arrival Sunday in South Korea" with "in South Korea" on the
      // governing verb or on "Sunday").  Only bare temporal nouns (no
      // preposition: "Sunday", "Tuesday") may stand between; the phrase is
      // one of place or direction ("in", "to", "at", "into": the attachment
      // that parsers get wrong, unlike "campaign for an Islamic state"), it
      // must hang on a word that governs the event noun or on such a
      // temporal noun, and it must name an actor.
      if (R.tgt.empty()) {
        auto has_case = [&](int t) {
          for (int k = st->child_start[t]; k < st->child_start[t + 1]; ++k)
            if (st->rel[st->children[k]] == kCase) return true;
          return false;
        };
        auto governs_v = [&](int g) {
          for (int u = st->head[v], hop = 0; u >= 0 && hop < 8; u = st->head[u], ++hop)
            if (u == g) return true;
          return false;
        };
        int j = v + 1;
        std::vector<int> temporals;  // rare path: possessed event nouns without a target
        while (j < st->n && (st->rel[j] == kObl || st->rel[j] == kTmod) && !has_case(j) &&
               (s.tokens[j].upos == "PROPN" || s.tokens[j].upos == "NOUN") && st->head[j] != v) {
          temporals.push_back(j);
          ++j;
        }
        auto place_preposition = [&](int t) {
          const std::string& w = s.tokens[t].form;
          return EqualsIgnoreCase(w, "in") || EqualsIgnoreCase(w, "to") || EqualsIgnoreCase(w, "at") ||
                 EqualsIgnoreCase(w, "into");
        };
        if (j < st->n && st->rel[j] == kCase && place_preposition(j)) {
          int h = st->head[j];
          if (h > j && st->rel[h] == kObl && h != v) {
            int g = st->head[h];
            bool on_temporal = std::find(temporals.begin(), temporals.end(), g) != temporals.end();
            if (g >= 0 && (on_temporal || governs_v(g))) direct(h);
          }
        }
      }
      if (R.tgt.empty()) continue;
      own_subject = true;
    }
    for (int k = st->child_start[v]; k < st->child_start[v + 1]; ++k) {
      Rel r = st->rel[st->children[k]];
      if (r == kNsubj || r == kNsubjPass) own_subject = true;
    }
    // Object control: "Obama wants Putin to attack": Putin is the subject.
    if (!own_subject && st->rel[v] == kXcomp && st->head[v] >= 0) {
      int p = st->head[v];
      for (int k = st->child_start[p]; k < st->child_start[p + 1]; ++k) {
        int c = st->children[k];
        // The parser may label the controller iobj ("urged Eriador to respond").
        if (st->rel[c] == kObj || st->rel[c] == kIobj) {
          CodeArgument(*st, date, c, *mem, v, &R.src);
          own_subject = !R.src.empty();
          break;
        }
      }
    }
    if (possessor < 0 && R.src.empty()) Subjects(*st, date, v, *mem, &R.src, &R.tgt, &passive, 0);
    R.src_inherited = !own_subject;
    for (int k = st->child_start[v]; k < st->child_start[v + 1]; ++k) {
      Rel r = st->rel[st->children[k]];
      if (r == kObj || r == kIobj) R.has_object = true;
      if (r == kCcomp || r == kXcomp) R.has_clause = true;
    }
    if (possessor >= 0) {
      // arguments found above
    } else if (passive) {
      Objects(*st, date, v, *mem, true, nullptr, &R.src);
    } else {
      Objects(*st, date, v, *mem, false, &R.tgt, nullptr);
    }
    // A speaker's statement about its own state ("Chinese Foreign Ministry
    // spokesperson Mao Ning argued that China is a partner ...") is no
    // event with it: a target from a clausal complement's subject that is
    // the source's own actor is dropped.
    if (!R.src.empty()) {
      R.tgt.erase(std::remove_if(R.tgt.begin(), R.tgt.end(),
                                 [&](const Actor& b) {
                                   if (!b.from_clause || b.base.empty()) return false;
                                   for (const Actor& a : R.src)
                                     if (a.base == b.base) return true;
                                   return false;
                                 }),
                  R.tgt.end());
    }

    if (DebugTrace()) {
      std::string a, b;
      for (const Actor& x : R.src) a += x.code + "(" + x.text + ") ";
      for (const Actor& x : R.tgt) b += x.code + "(" + x.text + ") ";
      std::fprintf(stderr, "  [coder] s%d verb %d %s passive=%d src: %s tgt: %s\n", sindex, v,
                   tok.form.c_str(), passive ? 1 : 0, a.c_str(), b.c_str());
    }

    // Clause tokens for pattern matching.
    clause.clear();
    std::fill(in_clause.begin(), in_clause.end(), 0);
    stack.assign(1, v);
    while (!stack.empty()) {
      int t = stack.back();
      stack.pop_back();
      if (in_clause[t]) continue;
      in_clause[t] = 1;
      for (int k = st->child_start[t]; k < st->child_start[t + 1]; ++k) {
        int c = st->children[k];
        // An infinitive advcl belongs to the clause like an xcomp ("vowed
        // on Thursday to wage war" matches "* WAR").
        if (!EndsClause(st->rel[c], t == v) || (t == v && st->rel[c] == kAdvcl && HasToMark(*st, c)))
          stack.push_back(c);
      }
    }
    for (const Actor& a : R.src)
      for (int t = a.begin; t >= 0 && t < a.end; ++t) in_clause[t] = 1;
    for (int t = vm->begin; t < static_cast<int>(vm->end); ++t) in_clause[t] = 1;
    for (int t = 0; t < st->n; ++t)
      if (in_clause[t]) clause.push_back(t);
    int vb = static_cast<int>(std::lower_bound(clause.begin(), clause.end(), static_cast<int>(vm->begin)) - clause.begin());
    int ve = static_cast<int>(std::lower_bound(clause.begin(), clause.end(), static_cast<int>(vm->end)) - clause.begin());
    // Passive voice: the subject is the logical object, so patterns see it
    // right after the verb ("Evidence against Russia was presented by the
    // US" is matched as "presented evidence against Russia by the US").
    int subj_pass = -1;
    for (int k = st->child_start[v]; k < st->child_start[v + 1]; ++k) {
      Rel r = st->rel[st->children[k]];
      if (r == kNsubjPass || (r == kNsubj && passive)) subj_pass = st->children[k];
    }
    if (passive && subj_pass >= 0 && subj_pass < static_cast<int>(vm->begin)) {
      std::vector<char> in_subj(st->n, 0);
      stack.assign(1, subj_pass);
      while (!stack.empty()) {
        int t = stack.back();
        stack.pop_back();
        in_subj[t] = 1;
        for (int k = st->child_start[t]; k < st->child_start[t + 1]; ++k) {
          int c = st->children[k];
          if (!EndsClause(st->rel[c], false) && st->rel[c] != kRelcl && st->rel[c] != kAcl) stack.push_back(c);
        }
      }
      // ... and the "by" agent, the logical subject, right before it
      // ("demolished by a Ukrainian protestor" fires "PROTESTOR *").
      std::vector<char> in_agent(st->n, 0);
      for (int k = st->child_start[v]; k < st->child_start[v + 1]; ++k) {
        int c = st->children[k];
        if (!IsByPhrase(*st, c) || c < static_cast<int>(vm->end)) continue;
        stack.assign(1, c);
        while (!stack.empty()) {
          int t = stack.back();
          stack.pop_back();
          in_agent[t] = 1;
          for (int q = st->child_start[t]; q < st->child_start[t + 1]; ++q) {
            int g = st->children[q];
            if (!EndsClause(st->rel[g], false) && st->rel[g] != kRelcl && st->rel[g] != kAcl) stack.push_back(g);
          }
        }
        break;
      }
      std::vector<int> reordered;
      reordered.reserve(clause.size());
      for (int i = 0; i < vb; ++i)
        if (!in_subj[clause[i]]) reordered.push_back(clause[i]);
      for (int i = ve; i < static_cast<int>(clause.size()); ++i)
        if (in_agent[clause[i]]) reordered.push_back(clause[i]);
      int nvb = static_cast<int>(reordered.size());
      for (int i = vb; i < ve; ++i) reordered.push_back(clause[i]);
      for (int i = 0; i < vb; ++i)
        if (in_subj[clause[i]]) reordered.push_back(clause[i]);
      for (int i = ve; i < static_cast<int>(clause.size()); ++i)
        if (!in_agent[clause[i]]) reordered.push_back(clause[i]);
      ve = nvb + (ve - vb);
      vb = nvb;
      clause = std::move(reordered);
    }

    // Words of the clause, for the literal-word prefilter.
    clause_words.clear();
    for (int t : clause) {
      clause_words.push_back(st->verb_ids[t]);
      clause_words.push_back(st->verb_lemma_ids[t]);
    }
    // Membership of the clause's words, by generation stamp (no sort).
    if (++st->word_gen == 0) {
      std::fill(st->word_stamp.begin(), st->word_stamp.end(), 0);
      st->word_gen = 1;
    }
    bool clause_unknown = false;
    for (WordId w : clause_words) {
      if (w == kUnknownWord) {
        clause_unknown = true;
        continue;
      }
      if (w >= st->word_stamp.size()) st->word_stamp.resize(std::max<size_t>(w + 1, vd.words()), 0);
      st->word_stamp[w] = st->word_gen;
    }
    auto in_clause_words = [&](WordId w) {
      if (w == kUnknownWord) return clause_unknown;
      return w < st->word_stamp.size() && st->word_stamp[w] == st->word_gen;
    };
    uint64_t clause_sig = 0;
    for (WordId w : clause_words) clause_sig |= WordBit(w);

    // Best pattern.
    const VerbPattern* best = nullptr;
    int best_score = -1, best_src = -1, best_tgt = -1;
    bool best_compound = false;
    const std::vector<PatternFilter>& filters = block_filters[R.verb->block];
    // "May a phrase of synset `syn` start at a clause word?", memoised per
    // clause by a generation stamp.
    if (++st->syn_gen == 0) {
      std::fill(st->syn_stamp.begin(), st->syn_stamp.end(), 0);
      st->syn_gen = 1;
    }
    if (st->syn_stamp.size() < synset_first.size()) {
      st->syn_stamp.resize(synset_first.size(), 0);
      st->syn_any.resize(synset_first.size(), 0);
    }
    auto synset_in_clause = [&](uint32_t syn) -> bool {
      if (syn >= synset_first.size()) return !clause_words.empty();  // SynsetMayStart is true
      if (st->syn_stamp[syn] == st->syn_gen) return st->syn_any[syn];
      bool any = false;
      for (WordId w : clause_words)
        if (SynsetMayStart(syn, w)) {
          any = true;
          break;
        }
      st->syn_stamp[syn] = st->syn_gen;
      st->syn_any[syn] = any;
      return any;
    };
    for (size_t x = 0; x < block.patterns.size(); ++x) {
      const PatternFilter& f = filters[x];
      if (f.unusable || (f.sig & ~clause_sig)) continue;  // a literal word is not in the clause
      bool possible = true;
      for (uint32_t k = f.words_begin; k < f.words_end; ++k) {
        if (!in_clause_words(filter_words[k])) {
          possible = false;
          break;
        }
      }
      for (uint32_t k = f.syns_begin; k < f.syns_end && possible; ++k) possible = synset_in_clause(filter_synsets[k]);
      if (!possible) continue;
      const uint32_t pi = block.patterns[x];
      const VerbPattern& p = patterns[pi];
      int stok, ttok;
      bool comp;
      int sc = MatchPattern(*st, p, clause, vb, ve, &stok, &ttok, &comp);
      if (sc > best_score) {
        best_score = sc;
        best = &p;
        best_src = stok;
        best_tgt = ttok;
        best_compound = comp;
      }
    }
    R.code = best ? best->code : R.verb->code;
    R.compound = best_compound;
    R.negated = Negated(*st, v);

    // Actors named by the pattern win.
    auto actor_at = [&](int t, std::vector<Actor>* out) {
      int u = t;
      for (int hop = 0; hop < 6; ++hop) {
        int p = st->head[u];
        if (p < 0 || p == v) break;
        Rel r = st->rel[u];
        if (r == kNsubj || r == kNsubjPass || r == kObj || r == kIobj || r == kObl || r == kAgent ||
            r == kAppos)
          break;
        u = p;
      }
      out->clear();
      CodeNominal(*st, date, u, out, 0);
    };
    if (best && best_src >= 0) {
      std::vector<Actor> x;
      actor_at(best_src, &x);
      if (!x.empty()) {
        R.src = std::move(x);
        R.src_inherited = false;
      }
    }
    if (best && best_tgt >= 0) {
      std::vector<Actor> x;
      actor_at(best_tgt, &x);
      if (!x.empty()) R.tgt = std::move(x);
    }
    // Words of a prepositional group of the pattern are used up: when the
    // target's own words are among them ("clash with tunisian rioters in
    // the Egyptian square": "* (WITH RIOTERS)"), the target is the next
    // complement after the verb that the pattern did not match.  (An object
    // matched outside ( ) stays the target: "released civilians", "* &PEOPLE".)
    if (best && best_score > 0 && best_tgt < 0 && !R.tgt.empty()) {
      std::vector<int> all_matched, matched;
      int s1, t1;
      bool c1;
      MatchPattern(*st, *best, clause, vb, ve, &s1, &t1, &c1, &all_matched, &matched);
      // Consumed: a word of the actor's own span (actor and agent words,
      // not the rest of its phrase) is a pattern word.
      bool consumed = true;
      for (const Actor& a : R.tgt) {
        bool hit = false;
        for (int t : matched) hit |= t >= a.begin && t < a.end;
        consumed &= hit;
      }
      if (consumed) {
        std::vector<Actor> next;
        for (int t : clause) {
          if (t <= v || std::find(all_matched.begin(), all_matched.end(), t) != all_matched.end()) continue;
          if (st->rel[t] != kObl && st->rel[t] != kObj) continue;
          CodeNominal(*st, date, t, &next, 0);
          if (!next.empty()) break;
        }
        R.tgt = std::move(next);
      }
    }
    // A pattern whose words reach into an xcomp verb ("* TO ATTACK")
    // consumes that verb: it is not coded again on its own.
    if (best && best_score > 0) {
      for (int k = st->child_start[v]; k < st->child_start[v + 1]; ++k) {
        int c = st->children[k];
        if (st->rel[c] != kXcomp) continue;
        for (const PatternElement& e : best->elements) {
          if ((e.kind == PatternElementKind::kWord || e.kind == PatternElementKind::kAlternatives) &&
              (vd.ElementMatchesWord(e, st->verb_ids[c]) || vd.ElementMatchesWord(e, st->verb_lemma_ids[c]))) {
            st->mark[c] = 1;  // consumed
            R.consumes_xcomp = true;
          }
        }
      }
      // Pattern words inside an xcomp / infinitive clause ("vowed to wage
      // war": "* WAR") consume that clause and lend it its target.
      if (R.tgt.empty()) {
        std::vector<int> matched;
        int s1, t1;
        bool c1;
        MatchPattern(*st, *best, clause, vb, ve, &s1, &t1, &c1, &matched);
        for (int k = st->child_start[v]; k < st->child_start[v + 1]; ++k) {
          int c = st->children[k];
          if (st->mark[c] || !(st->rel[c] == kXcomp || (st->rel[c] == kAdvcl && HasToMark(*st, c)))) continue;
          bool inside = false;
          for (int t : matched)
            for (int u = t, hop = 0; u >= 0 && hop < 8 && !inside; u = st->head[u], ++hop) inside = u == c;
          if (!inside) continue;
          st->mark[c] = 1;
          R.consumes_xcomp = true;
          Objects(*st, date, c, *mem, false, &R.tgt, nullptr);
          if (!R.tgt.empty()) break;
        }
      }
      // The target of a consumed xcomp clause is the target.
      if (R.tgt.empty()) {
        for (int k = st->child_start[v]; k < st->child_start[v + 1]; ++k) {
          int c = st->children[k];
          if (st->rel[c] == kXcomp && st->mark[c]) Objects(*st, date, c, *mem, false, &R.tgt, nullptr);
        }
      }
    }
    if (st->mark[v]) R.suppressed = R.consumed = true;

    // "FILE:LINE: - PATTERN [CODE]" or "FILE:LINE: LEMMA [CODE]", built in one string.
    auto provenance = [&](uint32_t line, std::string_view sep, std::string_view text, std::string_view raw) {
      char num[16];
      const auto r = std::to_chars(num, num + sizeof num, line);
      std::string& p = R.provenance;
      p.clear();
      p.reserve(opts.verbs_name.size() + static_cast<size_t>(r.ptr - num) + sep.size() + text.size() + raw.size() + 4);
      p += opts.verbs_name;
      p += ':';
      p.append(num, r.ptr);
      p += sep;
      p += text;
      p += " [";
      p += raw;
      p += ']';
    };
    if (best) {
      provenance(best->line, ": - ", best->text, best->code.raw);
    } else {
      provenance(R.verb->line, ": ", R.verb->lemma, R.verb->code.raw);
    }
    result_of[v] = static_cast<int>(results.size());
    results.push_back(std::move(R));
  }

  // Transformations: an upper verb governing a lower event.
  const auto& rules = vd.transformations();
  std::vector<VerbResult> transformed;
  if (!rules.empty()) {
    auto code_of = [&](const std::string& name) -> std::string_view {
      const Verb* vv = vd.FindVerb(name);
      return vv ? std::string_view(vv->code.code) : std::string_view();
    };
    auto same = [](const std::vector<Actor>& a, const std::vector<Actor>& b) {
      if (a.size() != b.size() || a.empty()) return false;
      for (size_t i = 0; i < a.size(); ++i)
        if (a[i].code != b[i].code) return false;
      return true;
    };
    for (auto& U : results) {
      if (U.src.empty()) continue;
      for (int k = st->child_start[U.v]; k < st->child_start[U.v + 1]; ++k) {
        int c = st->children[k];
        if (st->rel[c] != kCcomp && st->rel[c] != kXcomp) continue;
        if (result_of[c] < 0) continue;
        VerbResult& L = results[result_of[c]];
        // A transformation also applies to a lower verb that the upper
        // verb's pattern consumed ("wants Putin to attack": the
        // transformation, not the pattern "* ATTACK").
        if ((L.suppressed && !(L.consumed && U.consumes_xcomp)) || U.suppressed) continue;
        for (const Transformation& t : rules) {
          if (t.upper_verb != "Q" && code_of(t.upper_verb) != U.verb->code.code) continue;
          if (t.lower_verb != "Q" && code_of(t.lower_verb) != L.verb->code.code) continue;
          if (L.code.null() || L.code.code.empty()) continue;
          bool lsrc_absent = L.src.empty() || L.src_inherited;
          if (t.lower_source == "_") {
            if (!lsrc_absent) continue;
          } else if (t.lower_source == t.upper_source) {
            if (!(same(L.src, U.src))) continue;
          } else if (t.lower_source != ".") {
            if (lsrc_absent || same(L.src, U.src)) continue;
          }
          if (t.lower_target != "." && t.lower_target != "_" && L.tgt.empty()) continue;
          auto slot = [&](const std::string& letter) -> const std::vector<Actor>* {
            if (letter == t.upper_source) return &U.src;
            if (letter == t.lower_source) return &L.src;
            if (letter == t.lower_target) return &L.tgt;
            return nullptr;
          };
          const std::vector<Actor>* rs = slot(t.result_source);
          const std::vector<Actor>* rt = slot(t.result_target);
          if (!rs || !rt) continue;
          VerbResult X;
          X.v = L.v;
          X.verb = L.verb;
          X.match = L.match;
          X.src = *rs;
          X.tgt = *rt;
          X.negated = L.negated || U.negated;
          if (t.result_code == "Q") {
            X.code = L.code;
          } else {
            X.code = EventCode{t.result_code, t.result_code, ""};
          }
          X.provenance = opts.verbs_name + ":" + std::to_string(t.line) + ": ~ transformation";
          U.suppressed = true;
          L.suppressed = true;
          transformed.push_back(std::move(X));
          break;
        }
      }
    }
  }
  for (auto& x : transformed) results.push_back(std::move(x));

  // Composition: a generic upper verb (intend, appeal, demand, threaten,
  // ... : a PICO meaning with only its category digit set) with an xcomp
  // verb of a basic meaning gives the combined code when the ontology has
  // one: "seek [030] to deepen [060] ties" -> 031, "want [030] to help
  // [070]" -> 033, "ask [020] Obama to help [070]" -> 023.  Source: the
  // upper subject; target: the upper object, else the lower target.
  if (opts.compose_verbs) {
    const CodeOntology& onto = opts.ontology ? *opts.ontology : CodeOntology::Builtin();
    const size_t n_results = results.size();
    for (size_t ui = 0; ui < n_results; ++ui) {
      if (results[ui].suppressed || results[ui].src.empty()) continue;
      for (int k = st->child_start[results[ui].v]; k < st->child_start[results[ui].v + 1]; ++k) {
        int c = st->children[k];
        if (result_of[c] < 0) continue;
        if (st->rel[c] != kXcomp && !(st->rel[c] == kAdvcl && HasToMark(*st, c))) continue;
        VerbResult& U = results[ui];
        VerbResult& L = results[result_of[c]];
        if ((L.suppressed && !(L.consumed && U.consumes_xcomp)) || U.suppressed) continue;
        const EventCode& ucode = U.consumes_xcomp ? U.verb->code : U.code;
        if (ucode.null() || L.code.null()) continue;
        if (!ucode.reverse.empty() || !L.code.reverse.empty()) continue;
        auto uv = onto.Value(ucode.code);
        auto lv = onto.Value(L.code.code);
        if (!uv || !lv) continue;
        // Object control ("urged Eriador to respond"): the lower verb is
        // another actor's act, asked or caused by the upper one; as in
        // PETRARCH's "a (b . Q) P -> a b P+Q", it is folded into the upper
        // verb only when its meaning is basic ("asking Obama [020] to help
        // [070] Iran" -> 023), not a high-level one (say, appeal, ...:
        // "urged [023] Eriador to respond [010]" stays 023, and the response
        // is coded on its own).
        if (U.has_object && *lv >= 0x1000) continue;
        // Both high-level (say, appeal, intend, ...): the lower one; a lower
        // meaning at least the upper one's: the lower one ("agree to lift
        // sanctions" -> 085); else the sum ("seek" 0x3000 + "deepen ties"
        // 0x0070 -> 0x3070 = 031).
        int64_t value;
        if (*uv >= 0x1000 && *lv >= 0x1000) value = *lv;
        else if (*lv >= *uv) value = *lv;
        else value = *uv + *lv;
        auto combined = onto.CodeOf(value);
        if (!combined) continue;
        VerbResult X;
        X.v = L.v;
        X.verb = L.verb;
        X.match = U.match;
        X.src = U.src;
        X.tgt = !U.tgt.empty() && U.has_object ? U.tgt : L.tgt;
        X.has_object = U.has_object;
        X.negated = U.negated || L.negated;
        X.code = EventCode{*combined, *combined, ""};
        X.provenance = U.provenance + " + " + L.provenance;
        U.suppressed = true;
        L.suppressed = true;
        results.push_back(std::move(X));
        break;
      }
    }
  }

  // Emission.
  int emitted = 0;
  uint64_t capped = 0;  // events beyond max_events_per_sentence (CoderStats::capped)
  size_t first_event = events->size();
  for (const VerbResult& R : results) {
    if (R.suppressed) continue;
    EventCode code = R.code;
    if (code.null()) continue;
    if (R.negated && opts.negation == NegationMode::kDrop) continue;
    if (R.negated && opts.negation == NegationMode::kOntology) {
      const CodeOntology& onto = opts.ontology ? *opts.ontology : CodeOntology::Builtin();
      auto neg = [&](const std::string& c) -> std::string {
        if (c.empty()) return c;
        auto n = onto.Negate(c);
        return n ? *n : std::string();
      };
      code.code = neg(code.code);
      code.reverse = neg(code.reverse);
      if (code.code.empty() && code.reverse.empty()) continue;
    }
    if (!opts.code_statements && IsStatementCode(code.code)) continue;
    auto emit = [&](const Actor* a, const Actor* b, const std::string& c) {
      if (c.empty() || c == "---") return;
      if (opts.require_dyad && (!a || !b)) return;
      if (a && b && a->code == b->code) return;
      std::string_view sa = a ? std::string_view(a->code) : std::string_view();
      std::string_view sb = b ? std::string_view(b->code) : std::string_view();
      for (size_t i = first_event; i < events->size(); ++i) {
        const Event& o = (*events)[i];
        if (o.code == c && o.source_actor == sa && o.target_actor == sb) return;
      }
      if (emitted >= opts.max_events_per_sentence) {
        ++capped;
        return;
      }
      Event e;
      e.doc_id = doc.id;
      e.date = doc.date;
      e.source_name = doc.source;
      e.url = doc.url;
      e.sentence_id = s.id;
      e.sentence_index = sindex;
      e.event_index = emitted;
      e.sentence_text = s.text;
      e.is_root_event = sindex == 0;
      if (a) {
        e.source_actor = a->code;
        e.source_text = a->text;
        e.source_span = TokenSpan{sindex, a->begin, a->end};
      }
      if (b) {
        e.target_actor = b->code;
        e.target_text = b->text;
        e.target_span = TokenSpan{sindex, b->begin, b->end};
      }
      e.code = c;
      e.verb_span = TokenSpan{sindex, static_cast<int>(R.match.begin), static_cast<int>(R.match.end)};
      e.pattern = R.provenance;
      if (table && opts.enrich) table->Enrich(&e);
      events->push_back(std::move(e));
      ++emitted;
    };
    const auto& src = R.src;
    const auto& tgt = R.tgt;
    // Compound subjects are paired for reciprocal readings ("China and
    // Russia met"), never for statements (CAMEO 01x): "China and Russia
    // said" is two statements, not each speaking to the other -- and a
    // misparsed dateline or apposition would otherwise pair every actor of
    // the sentence with every other.
    const bool statement = IsStatementCode(code.code);
    if ((R.compound || (opts.pair_compound_subjects && !R.has_object && !R.has_clause && !statement)) &&
        tgt.empty() && src.size() >= 2) {
      for (size_t i = 0; i < src.size(); ++i)
        for (size_t j = 0; j < src.size(); ++j)
          if (i != j) emit(&src[i], &src[j], code.code);
      continue;
    }
    const Actor* none = nullptr;
    if (src.empty() && tgt.empty()) continue;
    if (!code.code.empty()) {
      if (src.empty()) for (auto& b : tgt) emit(none, &b, code.code);
      else if (tgt.empty()) for (auto& a : src) emit(&a, none, code.code);
      else for (auto& a : src) for (auto& b : tgt) emit(&a, &b, code.code);
    }
    if (!code.reverse.empty()) {
      for (auto& b : tgt) for (auto& a : src) emit(&b, &a, code.reverse);
    }
  }
  if (stats) {
    stats->events += emitted;
    stats->capped += capped;
  }
  // Every actor of the sentence, verb by verb (sources, then targets),
  // moved out of the results, which are not needed any more.
  std::vector<Actor> sentence_actors;
  for (VerbResult& R : results) {
    for (auto& a : R.src) sentence_actors.push_back(std::move(a));
    for (auto& a : R.tgt) sentence_actors.push_back(std::move(a));
  }
  if (!sentence_actors.empty()) {
    std::vector<Actor> persons;
    for (const Actor& a : sentence_actors) {
      if (!a.person()) continue;
      persons.push_back(a);
      if (!a.names.empty()) {
        bool dup = false;
        for (const Actor& p : mem->persons) dup |= p.names == a.names && p.code == a.code;
        if (!dup) mem->persons.push_back(a);
      }
    }
    if (!persons.empty()) mem->last_person = std::move(persons);
    mem->last = std::move(sentence_actors);
  }
}


// ------------------------------------------------------------ code ontology

namespace {
#include "pico_builtin.inc"

std::string_view TrimWs(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t' || s.front() == '\r')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) s.remove_suffix(1);
  return s;
}

// "-0xFFFF+0x2040+0x300" -> value; nullopt when not an expression.
std::optional<int64_t> ParsePicoValue(std::string_view e) {
  e = TrimWs(e);
  if (e.empty()) return std::nullopt;
  int64_t total = 0;
  size_t i = 0;
  while (i < e.size()) {
    int sign = 1;
    if (e[i] == '+' || e[i] == '-') {
      sign = e[i] == '-' ? -1 : 1;
      ++i;
    } else if (i > 0) {
      return std::nullopt;
    }
    while (i < e.size() && e[i] == ' ') ++i;
    int base = 10;
    if (i + 1 < e.size() && e[i] == '0' && (e[i + 1] == 'x' || e[i + 1] == 'X')) {
      base = 16;
      i += 2;
    }
    size_t start = i;
    int64_t v = 0;
    while (i < e.size()) {
      char c = e[i];
      int d;
      if (c >= '0' && c <= '9') d = c - '0';
      else if (base == 16 && c >= 'a' && c <= 'f') d = c - 'a' + 10;
      else if (base == 16 && c >= 'A' && c <= 'F') d = c - 'A' + 10;
      else break;
      v = v * base + d;
      if (v > (int64_t{1} << 40)) return std::nullopt;
      ++i;
    }
    if (i == start) return std::nullopt;
    total += sign * v;
    while (i < e.size() && e[i] == ' ') ++i;
  }
  return total;
}
}  // namespace

CodeOntology::CodeOntology() = default;

Result<CodeOntology> CodeOntology::Parse(std::string_view text, std::string_view name) {
  (void)name;
  CodeOntology o;
  size_t pos = 0;
  while (pos < text.size()) {
    size_t nl = text.find('\n', pos);
    if (nl == std::string_view::npos) nl = text.size();
    std::string_view line = TrimWs(text.substr(pos, nl - pos));
    pos = nl + 1;
    if (line.empty() || line[0] == '#') continue;
    size_t colon = line.find(':');
    std::string_view code = colon == std::string_view::npos ? std::string_view() : TrimWs(line.substr(0, colon));
    bool digits = !code.empty();
    for (char c : code) digits &= c >= '0' && c <= '9';
    if (!digits) {
      ++o.skipped_;
      continue;
    }
    std::string_view rest = line.substr(colon + 1);
    bool first = true;
    while (true) {
      size_t h = rest.find('#');
      auto v = ParsePicoValue(rest.substr(0, h));
      if (!v) break;  // the rest is a comment
      if (first) o.meaning_.emplace_back(std::string(code), *v);
      o.code_of_.emplace_back(*v, std::string(code));
      first = false;
      if (h == std::string_view::npos) break;
      rest = rest.substr(h + 1);
    }
    if (first) ++o.skipped_;
  }
  if (o.meaning_.empty())
    return Status(Code::kEmpty, std::string(name) + ": no code ontology entry");
  std::stable_sort(o.meaning_.begin(), o.meaning_.end(),
                   [](const auto& a, const auto& b) { return a.first < b.first; });
  o.meaning_.erase(std::unique(o.meaning_.begin(), o.meaning_.end(),
                               [](const auto& a, const auto& b) { return a.first == b.first; }),
                   o.meaning_.end());
  std::stable_sort(o.code_of_.begin(), o.code_of_.end(),
                   [](const auto& a, const auto& b) { return a.first < b.first; });
  o.code_of_.erase(std::unique(o.code_of_.begin(), o.code_of_.end(),
                               [](const auto& a, const auto& b) { return a.first == b.first; }),
                   o.code_of_.end());
  return o;
}

Result<CodeOntology> CodeOntology::Load(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status(Code::kNotFound, path + ": cannot open code ontology");
  std::stringstream ss;
  ss << in.rdbuf();
  return Parse(ss.str(), path);
}

const CodeOntology& CodeOntology::Builtin() {
  static const CodeOntology* o = [] {
    auto r = Parse(kBuiltinPico, "builtin PICO");
    return new CodeOntology(r.ok() ? std::move(*r) : CodeOntology());
  }();
  return *o;
}

std::optional<int64_t> CodeOntology::Value(std::string_view code) const {
  auto it = std::lower_bound(meaning_.begin(), meaning_.end(), code,
                             [](const auto& a, std::string_view c) { return a.first < c; });
  if (it == meaning_.end() || it->first != code) return std::nullopt;
  return it->second;
}

std::optional<std::string> CodeOntology::CodeOf(int64_t value) const {
  auto jt = std::lower_bound(code_of_.begin(), code_of_.end(), value,
                             [](const auto& a, int64_t x) { return a.first < x; });
  if (jt == code_of_.end() || jt->first != value) return std::nullopt;
  return jt->second;
}

std::optional<std::string> CodeOntology::Negate(std::string_view code) const {
  auto it = std::lower_bound(meaning_.begin(), meaning_.end(), code,
                             [](const auto& a, std::string_view c) { return a.first < c; });
  if (it == meaning_.end() || it->first != code) return std::nullopt;
  int64_t v = it->second - 0xFFFF;
  auto jt = std::lower_bound(code_of_.begin(), code_of_.end(), v,
                             [](const auto& a, int64_t x) { return a.first < x; });
  if (jt == code_of_.end() || jt->first != v) return std::nullopt;
  return jt->second;
}

// ------------------------------------------------------------ public API

Coder::Coder(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Coder::~Coder() = default;

const CoderOptions& Coder::options() const { return impl_->opts; }

namespace {
// English irregular verb forms that do not begin with their base form
// (the lemma path of the coder: "went" -> GO), for the MayCode prefilter.
constexpr std::pair<std::string_view, std::string_view> kIrregularForms[] = {
    {"AM", "BE"},
    {"ARE", "BE"},
    {"AROSE", "ARISE"},
    {"ATE", "EAT"},
    {"AWOKE", "AWAKE"},
    {"AWOKEN", "AWAKE"},
    {"BADE", "BID"},
    {"BECAME", "BECOME"},
    {"BEFELL", "BEFALL"},
    {"BEGAN", "BEGIN"},
    {"BEGUN", "BEGIN"},
    {"BEHELD", "BEHOLD"},
    {"BENT", "BEND"},
    {"BIT", "BITE"},
    {"BITTEN", "BITE"},
    {"BLED", "BLEED"},
    {"BLEW", "BLOW"},
    {"BORE", "BEAR"},
    {"BORN", "BEAR"},
    {"BORNE", "BEAR"},
    {"BOUGHT", "BUY"},
    {"BOUND", "BIND"},
    {"BRED", "BREED"},
    {"BROKE", "BREAK"},
    {"BROKEN", "BREAK"},
    {"BROUGHT", "BRING"},
    {"BUILT", "BUILD"},
    {"CAME", "COME"},
    {"CAUGHT", "CATCH"},
    {"CHOSE", "CHOOSE"},
    {"CHOSEN", "CHOOSE"},
    {"CLUNG", "CLING"},
    {"CREPT", "CREEP"},
    {"DID", "DO"},
    {"DRANK", "DRINK"},
    {"DREW", "DRAW"},
    {"DROVE", "DRIVE"},
    {"DRUNK", "DRINK"},
    {"DUG", "DIG"},
    {"DWELT", "DWELL"},
    {"FED", "FEED"},
    {"FELL", "FALL"},
    {"FELT", "FEEL"},
    {"FLED", "FLEE"},
    {"FLEW", "FLY"},
    {"FLIES", "FLY"},
    {"FLOWN", "FLY"},
    {"FLUNG", "FLING"},
    {"FORBADE", "FORBID"},
    {"FORESAW", "FORESEE"},
    {"FORGAVE", "FORGIVE"},
    {"FORGOT", "FORGET"},
    {"FORGOTTEN", "FORGET"},
    {"FORSOOK", "FORSAKE"},
    {"FOUGHT", "FIGHT"},
    {"FOUND", "FIND"},
    {"FROZE", "FREEZE"},
    {"FROZEN", "FREEZE"},
    {"GAVE", "GIVE"},
    {"GOT", "GET"},
    {"GOTTEN", "GET"},
    {"GREW", "GROW"},
    {"GROUND", "GRIND"},
    {"HAD", "HAVE"},
    {"HAS", "HAVE"},
    {"HELD", "HOLD"},
    {"HID", "HIDE"},
    {"HIDDEN", "HIDE"},
    {"HUNG", "HANG"},
    {"IS", "BE"},
    {"KEPT", "KEEP"},
    {"KNELT", "KNEEL"},
    {"KNEW", "KNOW"},
    {"LAID", "LAY"},
    {"LAIN", "LIE"},
    {"LAY", "LIE"},
    {"LED", "LEAD"},
    {"LEFT", "LEAVE"},
    {"LENT", "LEND"},
    {"LIT", "LIGHT"},
    {"LOST", "LOSE"},
    {"MADE", "MAKE"},
    {"MET", "MEET"},
    {"MISLED", "MISLEAD"},
    {"MISTOOK", "MISTAKE"},
    {"OUTDID", "OUTDO"},
    {"OVERCAME", "OVERCOME"},
    {"OVERRAN", "OVERRUN"},
    {"OVERRIDDEN", "OVERRIDE"},
    {"OVERRODE", "OVERRIDE"},
    {"OVERSAW", "OVERSEE"},
    {"OVERSHOT", "OVERSHOOT"},
    {"OVERTHREW", "OVERTHROW"},
    {"OVERTOOK", "OVERTAKE"},
    {"PAID", "PAY"},
    {"RAN", "RUN"},
    {"RANG", "RING"},
    {"REBUILT", "REBUILD"},
    {"REPAID", "REPAY"},
    {"RETHOUGHT", "RETHINK"},
    {"RIDDEN", "RIDE"},
    {"RODE", "RIDE"},
    {"ROSE", "RISE"},
    {"RUNG", "RING"},
    {"SAID", "SAY"},
    {"SANG", "SING"},
    {"SANK", "SINK"},
    {"SAT", "SIT"},
    {"SAW", "SEE"},
    {"SENT", "SEND"},
    {"SHOOK", "SHAKE"},
    {"SHOT", "SHOOT"},
    {"SHRANK", "SHRINK"},
    {"SHRUNK", "SHRINK"},
    {"SLAIN", "SLAY"},
    {"SLEPT", "SLEEP"},
    {"SLEW", "SLAY"},
    {"SLID", "SLIDE"},
    {"SLUNG", "SLING"},
    {"SLUNK", "SLINK"},
    {"SMITTEN", "SMITE"},
    {"SMOTE", "SMITE"},
    {"SOLD", "SELL"},
    {"SOUGHT", "SEEK"},
    {"SPAT", "SPIT"},
    {"SPED", "SPEED"},
    {"SPENT", "SPEND"},
    {"SPOKE", "SPEAK"},
    {"SPOKEN", "SPEAK"},
    {"SPRANG", "SPRING"},
    {"SPRUNG", "SPRING"},
    {"SPUN", "SPIN"},
    {"STANK", "STINK"},
    {"STOLE", "STEAL"},
    {"STOLEN", "STEAL"},
    {"STOOD", "STAND"},
    {"STRICKEN", "STRIKE"},
    {"STRIDDEN", "STRIDE"},
    {"STRODE", "STRIDE"},
    {"STROVE", "STRIVE"},
    {"STRUCK", "STRIKE"},
    {"STRUNG", "STRING"},
    {"STUCK", "STICK"},
    {"STUNG", "STING"},
    {"STUNK", "STINK"},
    {"SUNG", "SING"},
    {"SUNK", "SINK"},
    {"SWAM", "SWIM"},
    {"SWEPT", "SWEEP"},
    {"SWORE", "SWEAR"},
    {"SWORN", "SWEAR"},
    {"SWUM", "SWIM"},
    {"SWUNG", "SWING"},
    {"TAUGHT", "TEACH"},
    {"THOUGHT", "THINK"},
    {"THREW", "THROW"},
    {"TOLD", "TELL"},
    {"TOOK", "TAKE"},
    {"TORE", "TEAR"},
    {"TORN", "TEAR"},
    {"TROD", "TREAD"},
    {"TRODDEN", "TREAD"},
    {"UNDERSTOOD", "UNDERSTAND"},
    {"UNDERTOOK", "UNDERTAKE"},
    {"UNDERWENT", "UNDERGO"},
    {"UNDID", "UNDO"},
    {"UNWOUND", "UNWIND"},
    {"UPHELD", "UPHOLD"},
    {"WAS", "BE"},
    {"WENT", "GO"},
    {"WEPT", "WEEP"},
    {"WERE", "BE"},
    {"WITHDREW", "WITHDRAW"},
    {"WITHHELD", "WITHHOLD"},
    {"WITHSTOOD", "WITHSTAND"},
    {"WOKE", "WAKE"},
    {"WOKEN", "WAKE"},
    {"WON", "WIN"},
    {"WORE", "WEAR"},
    {"WORN", "WEAR"},
    {"WOUND", "WIND"},
    {"WOVE", "WEAVE"},
    {"WOVEN", "WEAVE"},
    {"WRITTEN", "WRITE"},
    {"WROTE", "WRITE"},
    {"WRUNG", "WRING"},
};

bool StartsUpper(std::string_view w) {
  if (w.size() < 2) return false;
  unsigned char c = static_cast<unsigned char>(w[0]);
  return (c >= 'A' && c <= 'Z') || c >= 0x80;
}
}  // namespace

Result<std::unique_ptr<Coder>> Coder::Create(const EventDictionaries* dicts, const CameoTable* table,
                                             CoderOptions opts) {
  if (dicts == nullptr) return Status(Code::kInvalidArgument, "Coder::Create: null dictionaries");
  if (opts.max_events_per_sentence <= 0)
    return Status(Code::kInvalidArgument, "Coder::Create: max_events_per_sentence must be positive");
  auto impl = std::make_unique<Impl>();
  impl->id = next_coder_id.fetch_add(1, std::memory_order_relaxed);
  impl->dicts = dicts;
  impl->table = table;
  impl->opts = std::move(opts);
  impl->vocab = SharedVocabulary::Build(*dicts);
  for (const auto& [form, base] : kIrregularForms) {
    if (impl->vocab.Find(form).verb != kUnknownWord) continue;  // listed: found by its form
    if (dicts->verbs.FindVerb(base)) impl->irregular_forms.emplace_back(form);
  }
  std::sort(impl->irregular_forms.begin(), impl->irregular_forms.end());
  const auto& pats = dicts->verbs.patterns();
  impl->pattern_words.resize(pats.size());
  for (size_t i = 0; i < pats.size(); ++i)
    for (const PatternElement& e : pats[i].elements)
      if (e.kind == PatternElementKind::kWord) impl->pattern_words[i].push_back(e.index);
  impl->pattern_unusable.assign(pats.size(), 0);
  for (size_t i = 0; i < pats.size(); ++i) {
    const EventCode& c = pats[i].code;
    if (c.null()) continue;
    bool digit = false;
    for (char ch : c.code + c.reverse) digit |= ch >= '0' && ch <= '9';
    impl->pattern_unusable[i] = !digit;
  }
  // A pattern written again later in its block replaces the earlier one, as
  // in PETRARCH2's pattern tables ("- * &TREATY [031:031] # APPROVE" then
  // "- * &TREATY [057] # RATIFY" in CAMEO.2.0.txt: 057 holds).
  for (const VerbBlock& b : dicts->verbs.blocks()) {
    for (size_t x = 0; x < b.patterns.size(); ++x) {
      const VerbPattern& px = pats[b.patterns[x]];
      for (size_t y = x + 1; y < b.patterns.size(); ++y) {
        const VerbPattern& py = pats[b.patterns[y]];
        if (px.elements.size() != py.elements.size() || px.verb_position != py.verb_position) continue;
        bool same = true;
        for (size_t k = 0; k < px.elements.size() && same; ++k) {
          const PatternElement& a = px.elements[k];
          const PatternElement& c = py.elements[k];
          same = a.kind == c.kind && a.index == c.index && a.joined_to_next == c.joined_to_next;
        }
        if (same) {
          impl->pattern_unusable[b.patterns[x]] = 1;
          break;
        }
      }
    }
  }
  impl->pattern_synsets.resize(pats.size());
  for (size_t i = 0; i < pats.size(); ++i)
    for (const PatternElement& e : pats[i].elements)
      if (e.kind == PatternElementKind::kSynset) impl->pattern_synsets[i].push_back(e.index);
  const auto& syns = dicts->verbs.synsets();
  impl->synset_first.resize(syns.size());
  for (size_t i = 0; i < syns.size(); ++i) {
    auto& b = impl->synset_first[i];
    for (const auto& ph : syns[i].phrases) {
      if (ph.empty() || ph[0] == kUnknownWord) continue;
      WordId w = ph[0];
      if ((w >> 6) >= b.size()) b.resize((w >> 6) + 1, 0);
      b[w >> 6] |= uint64_t{1} << (w & 63);
    }
  }
  impl->block_filters.resize(dicts->verbs.blocks().size());
  for (size_t b = 0; b < dicts->verbs.blocks().size(); ++b) {
    for (uint32_t pi : dicts->verbs.blocks()[b].patterns) {
      Impl::PatternFilter f;
      f.words_begin = static_cast<uint32_t>(impl->filter_words.size());
      for (WordId w : impl->pattern_words[pi]) {
        f.sig |= Impl::WordBit(w);
        impl->filter_words.push_back(w);
      }
      f.words_end = static_cast<uint32_t>(impl->filter_words.size());
      f.syns_begin = static_cast<uint32_t>(impl->filter_synsets.size());
      for (uint32_t syn : impl->pattern_synsets[pi]) impl->filter_synsets.push_back(syn);
      f.syns_end = static_cast<uint32_t>(impl->filter_synsets.size());
      f.unusable = impl->pattern_unusable[pi] != 0;
      impl->block_filters[b].push_back(f);
    }
  }
  return std::unique_ptr<Coder>(new Coder(std::move(impl)));
}

namespace {

// Phoenix issue coding: every event of a sentence carries the issues named
// in that sentence, less the categories a "~~" phrase of the story cancels.
void AttachIssues(const IssueDictionary& issues, const Document& doc, size_t first_event,
                  std::vector<Event>* events) {
  if (issues.size() == 0 || events->size() == first_event) return;
  const size_t n = doc.sentences.size();
  // Per sentence: its issues, found once (every sentence when a "~~" phrase
  // anywhere in the story may cancel a category, else those with events).
  std::vector<std::optional<std::vector<IssueCount>>> found(n);
  std::vector<std::string> story_ignores;
  auto find = [&](size_t i) {
    IssueDictionary::SentenceIssues r = issues.Find(doc.sentences[i]);
    for (std::string& c : r.story_ignores) story_ignores.push_back(std::move(c));
    found[i] = std::move(r.issues);
  };
  if (issues.has_story_ignores()) {
    for (size_t i = 0; i < n; ++i) find(i);
    for (const std::string& c : story_ignores)
      if (c.empty()) return;  // an ignore phrase outside any category: no issues in this story
  }
  for (size_t k = first_event; k < events->size(); ++k) {
    Event& e = (*events)[k];
    if (e.sentence_index < 0 || static_cast<size_t>(e.sentence_index) >= n) continue;
    const size_t i = static_cast<size_t>(e.sentence_index);
    if (!found[i]) find(i);
    e.issues = *found[i];
    std::erase_if(e.issues, [&](const IssueCount& c) {
      return std::find(story_ignores.begin(), story_ignores.end(), c.category) != story_ignores.end();
    });
  }
}

// True when the token's form is "in" or "at" (any case).
bool IsPlacePreposition(const std::string& form) {
  if (form.size() != 2) return false;
  const char a = static_cast<char>(form[0] | 0x20), b = static_cast<char>(form[1] | 0x20);
  return (a == 'i' && b == 'n') || (a == 'a' && b == 't');
}

// Where each event happened, at country level: an "in X" / "at X" phrase
// (obl or nmod with that case marker) hung on a word of the event's verb
// span -- or, for an event noun ("received a reception upon his arrival
// ... in South Korea"), on the words above it up to its clause's verb --
// whose head word lies inside a phrase that the
// actor dictionary codes as a state on the article's date ("in Seoul" ->
// KOR).  The head-word rule keeps "in talks with China" from placing the
// event in China.  The first such phrase wins.  Needs the CameoTable to
// tell states from other actors; without it nothing is set.
void AttachLocations(const ActorDictionary& actors, const SharedVocabulary& vocab, const CameoTable* table,
                     const Document& doc, int date, size_t first_event, std::vector<Event>* events) {
  if (table == nullptr || events->size() == first_event) return;
  std::vector<WordId> ids;  // actor word ids of the tokens around a candidate phrase
  for (size_t k = first_event; k < events->size(); ++k) {
    Event& e = (*events)[k];
    if (!e.verb_span.known() || e.sentence_index < 0 || static_cast<size_t>(e.sentence_index) >= doc.sentences.size())
      continue;
    const Sentence& s = doc.sentences[static_cast<size_t>(e.sentence_index)];
    const int n = static_cast<int>(s.tokens.size());
    if (e.verb_span.end > n) continue;
    std::vector<int> heads;  // 0-based tokens the place phrase may hang on
    for (int v = e.verb_span.begin; v < e.verb_span.end; ++v) heads.push_back(v);
    // An event noun: also the words above it, up to the verb of its clause.
    const Token& v0 = s.tokens[static_cast<size_t>(e.verb_span.begin)];
    if (v0.upos == "NOUN" || v0.upos == "PROPN") {
      int h = v0.head - 1;
      for (int hop = 0; hop < 3 && h >= 0 && h < n; ++hop) {
        heads.push_back(h);
        if (s.tokens[static_cast<size_t>(h)].upos == "VERB") break;
        h = s.tokens[static_cast<size_t>(h)].head - 1;
      }
    }
    bool found = false;
    for (int h : heads) {
      for (int c = 0; c < n && !found; ++c) {
        const Token& ct = s.tokens[static_cast<size_t>(c)];
        if (ct.head != h + 1) continue;
        if (!(ct.deprel.starts_with("obl") || ct.deprel.starts_with("nmod"))) continue;
        bool place_case = false;
        for (const Token& d : s.tokens)
          if (d.head == c + 1 && d.deprel == "case" && IsPlacePreposition(d.form)) place_case = true;
        if (!place_case) continue;
        // A state's phrase that contains the head word c: the tokens around
        // c are looked up only now (most events have no place phrase).
        const int w0 = std::max(0, c - 7), w1 = std::min(n, c + 8);
        ids.clear();
        for (int t = w0; t < w1; ++t) ids.push_back(vocab.Find(s.tokens[static_cast<size_t>(t)].form).actor);
        for (int q = w0; q <= c && !found; ++q) {
          auto m = actors.LongestAt(ids, static_cast<size_t>(q - w0));
          if (!m) continue;
          m->begin += static_cast<uint32_t>(w0);
          m->end += static_cast<uint32_t>(w0);
          if (static_cast<int>(m->end) <= c) continue;
          std::string_view code = actors.entry(m->entry).CodeOn(date);
          if (code.size() != 3 || !table->IsCountry(code)) continue;
          EventLocation loc;
          for (uint32_t t = m->begin; t < m->end; ++t) {
            if (t > m->begin) loc.text += ' ';
            loc.text += s.tokens[t].form;
          }
          loc.country = std::string(code);
          loc.span = {e.sentence_index, static_cast<int>(m->begin), static_cast<int>(m->end)};
          e.location = std::move(loc);
          found = true;
        }
      }
      if (found) break;
    }
  }
}

}  // namespace

void Coder::Code(const Document& doc, std::vector<Event>* events, CoderStats* stats) const {
  const Impl& im = *impl_;
  const size_t first_event = events->size();
  int date = ArticleDate(doc.date);
  // Scratch reused by every call on this thread (Code is not reentrant
  // within a thread): no allocation per document or sentence once warm.
  struct Scratch {
    Impl::Sent st;
    Impl::Memory mem;
    std::vector<char> drop;
    std::vector<std::string> words;
    std::vector<std::pair<uint32_t, uint32_t>> spans;
    std::vector<std::string_view> views;
  };
  thread_local Scratch scratch;
  // Story-level discards drop the whole document.
  std::vector<char>& drop = scratch.drop;
  drop.assign(doc.sentences.size(), 0);
  if (im.dicts->discards.size() > 0) {
    std::vector<std::string>& words = scratch.words;
    std::vector<std::pair<uint32_t, uint32_t>>& spans = scratch.spans;
    std::vector<std::string_view>& views = scratch.views;
    for (size_t i = 0; i < doc.sentences.size(); ++i) {
      // Discard phrases are matched on the sentence's whitespace-separated
      // words, as PETRARCH does: "15 months ago, came" holds the word
      // "AGO," which is not the discard phrase's "AGO".  A word of one
      // token is its form; only glued tokens are joined (into `words`).
      const Sentence& ds = doc.sentences[i];
      const size_t nt = ds.tokens.size();
      spans.clear();
      size_t begin = 0, joined = 0;
      for (size_t k = 0; k < nt; ++k) {
        if (!ds.tokens[k].space_after && k + 1 != nt) continue;
        if (k == begin) {
          spans.emplace_back(static_cast<uint32_t>(k), 0xFFFFFFFFu);
        } else {
          if (words.size() <= joined) words.emplace_back();
          std::string& w = words[joined];
          w.clear();
          for (size_t q = begin; q <= k; ++q) w += ds.tokens[q].form;
          spans.emplace_back(static_cast<uint32_t>(k), static_cast<uint32_t>(joined++));
        }
        begin = k + 1;
      }
      views.clear();
      for (const auto& [k, j] : spans)
        views.push_back(j == 0xFFFFFFFFu ? std::string_view(ds.tokens[k].form) : std::string_view(words[j]));
      auto m = im.dicts->discards.Find(views);
      if (!m) continue;
      if (im.dicts->discards.entry(m->entry).story) {
        if (stats) {
          stats->sentences += doc.sentences.size();
          stats->discarded += doc.sentences.size();
        }
        return;
      }
      drop[i] = 1;
    }
  }
  Impl::Sent& st = scratch.st;
  Impl::Memory& mem = scratch.mem;
  mem.last.clear();
  mem.last_person.clear();
  mem.persons.clear();
  for (size_t i = 0; i < doc.sentences.size(); ++i) {
    const Sentence& s = doc.sentences[i];
    if (stats) stats->sentences++;
    if (drop[i]) {
      if (stats) stats->discarded++;
      continue;
    }
    bool parsed = !s.tokens.empty();
    for (const Token& t : s.tokens)
      if (t.head < 0) parsed = false;
    if (!parsed) {
      if (stats) stats->unparsed++;
      continue;
    }
    im.CodeSentence(doc, static_cast<int>(i), date, &st, &mem, events, stats);
  }
  AttachIssues(im.dicts->issues, doc, first_event, events);
  AttachLocations(im.dicts->actors, im.vocab, im.table, doc, date, first_event, events);
}


bool Coder::MayCode(const Document& doc, size_t i) const {
  if (i >= doc.sentences.size()) return false;
  const Impl& im = *impl_;
  const Sentence& s = doc.sentences[i];
  const size_t n = s.tokens.size();
  if (n == 0) return false;
  // Encode once; one probe per token.  The encoding is kept for Code()
  // (ThreadEncodingMemo).
  EncodingMemo& memo = ThreadEncodingMemo();
  if (memo.coder != im.id) {
    for (EncodingMemo::Entry& e : memo.entries) e.valid = false;
    memo.coder = im.id;
  }
  if (memo.entries.size() <= i) memo.entries.resize(i + 1);
  EncodingMemo::Entry& enc = memo.entries[i];
  enc.Key(s);
  EncodeWords(im.vocab, s, &enc.actor, &enc.agent, &enc.verb, &enc.chain_end);
  enc.valid = true;
  const std::vector<WordId>& actor_ids = enc.actor;
  const std::vector<WordId>& agent_ids = enc.agent;
  const std::vector<WordId>& verb_ids = enc.verb;
  bool verb = false;
  thread_local std::string up;
  for (size_t k = 0; k < n && !verb; ++k) {
    if (im.dicts->verbs.MatchVerbAt(verb_ids, k)) {
      verb = true;
      break;
    }
    const std::string& w = s.tokens[k].form;
    if (w.size() < 2) continue;
    up.clear();
    AppendUpper(w, &up);
    if (std::binary_search(im.irregular_forms.begin(), im.irregular_forms.end(), up)) verb = true;
    if (!verb && im.opts.code_event_nouns && up.size() > 5 && up.compare(up.size() - 2, 2, "AL") == 0) {
      std::string stem = up.substr(0, up.size() - 2);
      verb = im.dicts->verbs.FindVerb(stem + "E") || im.dicts->verbs.FindVerb(stem);
    }
  }
  if (!verb) return false;
  // Words that may name an actor.  An event with source and target
  // (require_dyad) needs two of them: each actor of an event comes from
  // its own mention (a phrase yields one actor and its conjuncts, each a
  // mention of its own).
  const int need = im.opts.require_dyad ? 2 : 1;
  int mentions = 0;
  for (size_t k = 0; k < n; ++k) {
    if (im.dicts->actors.LongestAt(actor_ids, k) || im.dicts->agents.LongestAt(agent_ids, k)) {
      if (++mentions >= need) return true;
      continue;
    }
    const std::string& w = s.tokens[k].form;
    if (im.opts.resolve_pronouns && (IsPersonalPronoun(w) || IsPluralPronoun(w) || IsAnaphoricNoun(w))) {
      if (++mentions >= need) return true;
      continue;
    }
    // A bare name referring back to a person named in an earlier sentence.
    if (im.opts.resolve_pronouns && StartsUpper(w)) {
      bool seen = false;
      for (size_t j = 0; j < i && !seen; ++j)
        for (const Token& t : doc.sentences[j].tokens)
          if (t.form == w) {
            seen = true;
            break;
          }
      if (seen && ++mentions >= need) return true;
    }
  }
  return false;
}

Result<int> SentencesFromParse(Document* doc) {
  if (!doc->sentences.empty() || doc->parse_format != "conllu" || doc->parse.empty()) return 0;
  std::istringstream in(doc->parse);
  int bad = 0;
  std::string name = doc->origin.empty() ? doc->id : doc->origin + ":" + std::to_string(doc->line);
  ConlluReader reader(in, name, [&](const Status&) { ++bad; });
  Sentence s;
  int n = 0;
  while (reader.Next(&s)) {
    if (s.id.empty()) s.id = doc->id + "-" + std::to_string(n + 1);
    if (s.text.empty()) {
      for (size_t i = 0; i < s.tokens.size(); ++i) {
        s.text += s.tokens[i].form;
        if (i + 1 < s.tokens.size() && s.tokens[i].space_after) s.text += ' ';
      }
    }
    doc->sentences.push_back(std::move(s));
    s = Sentence();
    ++n;
  }
  // Recover SpaceAfter (and the sentence text) by aligning the tokens with
  // the document text: CoNLL-U parses in PETRARCH XML usually lack
  // SpaceAfter=No, and PETRARCH-style discard matching works on
  // whitespace-separated words.  Alignment stops at the first token that is
  // not found where expected (the defaults stay).
  const std::string& text = doc->text;
  size_t pos = 0;
  auto is_space = [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; };
  bool aligned = !text.empty();
  for (Sentence& sent : doc->sentences) {
    if (!aligned) break;
    size_t sent_begin = std::string::npos, sent_end = 0;
    for (Token& t : sent.tokens) {
      while (pos < text.size() && is_space(text[pos])) ++pos;
      if (t.form.empty() || text.compare(pos, t.form.size(), t.form) != 0) {
        aligned = false;
        break;
      }
      if (sent_begin == std::string::npos) sent_begin = pos;
      pos += t.form.size();
      sent_end = pos;
      t.space_after = pos >= text.size() || is_space(text[pos]);
    }
    if (aligned && sent_begin != std::string::npos) {
      std::string st;
      bool space = false;
      for (size_t i = sent_begin; i < sent_end; ++i) {
        if (is_space(text[i])) {
          space = true;
          continue;
        }
        if (space && !st.empty()) st += ' ';
        space = false;
        st += text[i];
      }
      sent.text = std::move(st);
    }
  }
  return bad;
}

}  // namespace entente
