// Rule-based sentence splitter and tokeniser (see entente/tokenizer.h).
//
// Two passes over the bytes of the text, no regular expressions:
//   1. Tokenise: cut the text at whitespace into chunks, note paragraph
//      breaks, and cut each chunk into words (Piece) by peeling leading and
//      trailing punctuation, splitting inner hyphens, slashes and dashes, and
//      splitting clitics.  A word keeps flags describing its role for the
//      sentence splitter (terminal punctuation, closing quote, abbreviation).
//   2. Split sentences over the pieces and materialise Sentence objects.
// The rules were developed on EWT train and dev; see segment_eval_main.cc.
#include "entente/tokenizer.h"

#include <algorithm>
#include <array>
#include <cstring>

namespace entente {
namespace {

// ---------------------------------------------------------------- characters

inline bool IsAsciiAlpha(unsigned char c) { return ((c | 0x20) >= 'a' && (c | 0x20) <= 'z'); }
inline bool IsDigit(unsigned char c) { return c >= '0' && c <= '9'; }
inline bool IsUpper(unsigned char c) { return c >= 'A' && c <= 'Z'; }
inline bool IsLower(unsigned char c) { return c >= 'a' && c <= 'z'; }
inline bool IsAlnum(unsigned char c) { return IsAsciiAlpha(c) || IsDigit(c); }
inline char Lower(char c) { return IsUpper(static_cast<unsigned char>(c)) ? c + 32 : c; }

// Length of the whitespace character at p (0 if none).  Besides ASCII
// whitespace: U+00A0, U+2000..U+200A, U+2028, U+2029, U+202F, U+3000.
inline int SpaceLen(const char* p, const char* end) {
  const unsigned char c = static_cast<unsigned char>(*p);
  if (c == ' ' || c == '\n' || c == '\t' || c == '\r' || c == '\f' || c == '\v') return 1;
  if (c < 0x80) return 0;
  if (c == 0xC2 && end - p >= 2 && static_cast<unsigned char>(p[1]) == 0xA0) return 2;
  if (c == 0xE2 && end - p >= 3 && static_cast<unsigned char>(p[1]) == 0x80) {
    const unsigned char d = static_cast<unsigned char>(p[2]);
    if (d <= 0x8A || d == 0xA8 || d == 0xA9 || d == 0xAF) return 3;
  }
  if (c == 0xE3 && end - p >= 3 && static_cast<unsigned char>(p[1]) == 0x80 &&
      static_cast<unsigned char>(p[2]) == 0x80)
    return 3;
  return 0;
}

// Punctuation classes of single characters (ASCII or the few Unicode ones
// news uses).
enum PClass : uint8_t {
  kNone = 0,
  kOpen,       // ( [ { “ ‘ « ¿ ¡
  kClose,      // ) ] } ” »
  kDQuote,     // "  (straight, direction unknown)
  kSQuote,     // '  `  ’ (straight or right single: apostrophe or quote)
  kTerm,       // ! ?
  kPeriod,     // .
  kEllipsis,   // …
  kComma,      // ,
  kSemi,       // ;
  kColon,      // :
  kDash,       // — – ―
  kHyphen,     // -
  kSlash,      // /
  kCurrency,   // $ £ € ¥
  kPercent,    // %
  kOtherPunct, // * # | ~ ^ + = < > & @ \  (context dependent)
};

struct CharInfo {
  PClass cls;
  int len;
};

inline CharInfo Classify(const char* p, const char* end) {
  const unsigned char c = static_cast<unsigned char>(*p);
  if (c < 0x80) {
    switch (c) {
      case '(': case '[': case '{': return {kOpen, 1};
      case ')': case ']': case '}': return {kClose, 1};
      case '"': return {kDQuote, 1};
      case '\'': case '`': return {kSQuote, 1};
      case '!': case '?': return {kTerm, 1};
      case '.': return {kPeriod, 1};
      case ',': return {kComma, 1};
      case ';': return {kSemi, 1};
      case ':': return {kColon, 1};
      case '-': return {kHyphen, 1};
      case '/': return {kSlash, 1};
      case '$': return {kCurrency, 1};
      case '%': return {kPercent, 1};
      case '*': case '#': case '|': case '~': case '^': case '+': case '=': case '<':
      case '>': case '&': case '@': case '\\': return {kOtherPunct, 1};
      default: return {kNone, 1};
    }
  }
  if (c == 0xE2 && end - p >= 3) {
    const unsigned char b1 = static_cast<unsigned char>(p[1]);
    const unsigned char b2 = static_cast<unsigned char>(p[2]);
    if (b1 == 0x80) {
      switch (b2) {
        case 0x9C: case 0x98: case 0x9A: case 0x9E: return {kOpen, 3};  // “ ‘ ‚ „
        case 0x9D: return {kClose, 3};                                   // ”
        case 0x99: return {kSQuote, 3};                                  // ’
        case 0x93: case 0x94: case 0x95: return {kDash, 3};              // – — ―
        case 0xA6: return {kEllipsis, 3};                                // …
        default: break;
      }
    } else if (b1 == 0x82 && b2 == 0xAC) {
      return {kCurrency, 3};  // €
    }
  }
  if (c == 0xC2 && end - p >= 2) {
    const unsigned char b1 = static_cast<unsigned char>(p[1]);
    if (b1 == 0xAB) return {kOpen, 2};            // «
    if (b1 == 0xBB) return {kClose, 2};           // »
    if (b1 == 0xBF || b1 == 0xA1) return {kOpen, 2};  // ¿ ¡
    if (b1 == 0xA3 || b1 == 0xA5) return {kCurrency, 2};  // £ ¥
  }
  // Any other non-ASCII character counts as a letter; step over the whole
  // UTF-8 sequence.
  int len = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1;
  if (len > end - p) len = static_cast<int>(end - p);
  return {kNone, len};
}

// Length of the character ending just before `p` (UTF-8 aware).
inline int PrevLen(const char* begin, const char* p) {
  int n = 1;
  while (p - n > begin && (static_cast<unsigned char>(p[-n]) & 0xC0) == 0x80 && n < 4) ++n;
  return n;
}

// ------------------------------------------------------------------- pieces

enum PieceFlag : uint16_t {
  kMwtCont = 1 << 0,     // continues the multiword token of the previous piece
  kParaStart = 1 << 1,   // first piece after a paragraph break
  kTerminal = 1 << 2,    // . ! ? ... … and runs of them
  kClosing = 1 << 3,     // closing quote or bracket
  kAbbrev = 1 << 4,      // ends in a period that belongs to an abbreviation
  kAbbrevTitle = 1 << 5, // abbreviation that never ends a sentence (Mr., Gen.)
  kAbbrevLower = 1 << 6, // lower-case abbreviation (etc., a.m.): ends a
                         // sentence before any capitalised word
  kMonth = 1 << 7,       // month abbreviation: no break before a number
  kOpening = 1 << 8,     // opening quote or bracket
  kStraightQuote = 1 << 9,
  kEmoticon = 1 << 11,   // ":)" and friends: stays with the sentence before
};

struct Piece {
  uint32_t b, e;
  uint16_t flags;
};

// ------------------------------------------------------------- word lists

// Abbreviations that keep their period (without it), and their class.
enum AbbrClass : uint8_t { kAbNone = 0, kAbGeneral, kAbTitle, kAbMonth, kAbLower };

struct AbbrEntry {
  std::string_view word;
  AbbrClass cls;
};

// Sorted by word (byte order) for binary search.
constexpr AbbrEntry kAbbrevs[] = {
    {"Adm", kAbTitle}, {"Ala", kAbGeneral}, {"Apr", kAbMonth}, {"Ariz", kAbGeneral},
    {"Ark", kAbGeneral}, {"Assn", kAbGeneral}, {"Aug", kAbMonth}, {"Ave", kAbGeneral},
    {"Bros", kAbGeneral}, {"Calif", kAbGeneral}, {"Capt", kAbTitle}, {"Cmdr", kAbTitle},
    {"Co", kAbGeneral}, {"Col", kAbTitle}, {"Colo", kAbGeneral}, {"Conn", kAbGeneral},
    {"Corp", kAbGeneral}, {"Cpl", kAbTitle}, {"Dec", kAbMonth}, {"Dept", kAbGeneral},
    {"Dr", kAbTitle}, {"Feb", kAbMonth}, {"Fla", kAbGeneral}, {"Fr", kAbTitle}, {"Fri", kAbMonth},
    {"Ft", kAbTitle}, {"Ga", kAbGeneral}, {"Gen", kAbTitle}, {"Gov", kAbTitle}, {"Hon", kAbTitle},
    {"Ill", kAbGeneral}, {"Inc", kAbGeneral}, {"Jan", kAbMonth}, {"Jr", kAbGeneral},
    {"Jul", kAbMonth}, {"Jun", kAbMonth}, {"Kan", kAbGeneral}, {"Ky", kAbGeneral},
    {"La", kAbGeneral}, {"Lt", kAbTitle}, {"Ltd", kAbGeneral}, {"Maj", kAbTitle}, {"Mar", kAbMonth},
    {"Md", kAbGeneral}, {"Messrs", kAbTitle}, {"Mich", kAbGeneral}, {"Minn", kAbGeneral},
    {"Mon", kAbMonth}, {"Mr", kAbTitle}, {"Mrs", kAbTitle}, {"Ms", kAbTitle}, {"Mt", kAbTitle},
    {"Neb", kAbGeneral}, {"Nev", kAbGeneral}, {"No", kAbMonth}, {"Nos", kAbMonth},
    {"Nov", kAbMonth}, {"Oct", kAbMonth}, {"Okla", kAbGeneral}, {"Ore", kAbGeneral},
    {"Pa", kAbGeneral}, {"Ph.D", kAbGeneral}, {"Pres", kAbTitle}, {"Prof", kAbTitle},
    {"Rep", kAbTitle}, {"Reps", kAbTitle}, {"Rev", kAbTitle}, {"Sat", kAbMonth}, {"Sen", kAbTitle},
    {"Sens", kAbTitle}, {"Sep", kAbMonth}, {"Sept", kAbMonth}, {"Sgt", kAbTitle},
    {"Sr", kAbGeneral}, {"St", kAbTitle}, {"Ste", kAbTitle}, {"Sun", kAbMonth},
    {"Tenn", kAbGeneral}, {"Tex", kAbGeneral}, {"Thu", kAbMonth}, {"Thur", kAbMonth},
    {"Thurs", kAbMonth}, {"Tue", kAbMonth}, {"Tues", kAbMonth}, {"Va", kAbGeneral},
    {"Vol", kAbTitle}, {"Vt", kAbGeneral}, {"Wed", kAbMonth}, {"Wis", kAbGeneral},
    {"Wyo", kAbGeneral}, {"a.k.a", kAbLower}, {"a.m", kAbLower}, {"approx", kAbLower},
    {"cf", kAbTitle}, {"e.g", kAbTitle}, {"est", kAbLower}, {"etc", kAbLower}, {"i.e", kAbTitle},
    {"lb", kAbLower}, {"lbs", kAbLower}, {"oz", kAbLower}, {"p.m", kAbLower},
    {"vs", kAbTitle},
};

constexpr bool AbbrevsSorted() {
  for (size_t i = 1; i < std::size(kAbbrevs); ++i)
    if (!(kAbbrevs[i - 1].word < kAbbrevs[i].word)) return false;
  return true;
}
static_assert(AbbrevsSorted(), "kAbbrevs must be sorted");

AbbrClass LookupAbbrev(std::string_view w) {
  const auto* it = std::lower_bound(std::begin(kAbbrevs), std::end(kAbbrevs), w,
                                    [](const AbbrEntry& a, std::string_view k) { return a.word < k; });
  if (it != std::end(kAbbrevs) && it->word == w) return it->cls;
  return kAbNone;
}

// Capitalised words that typically open a sentence; after an abbreviation
// such as "U.S." or "Inc." they signal a sentence break.  Sorted.
constexpr std::string_view kOpeners[] = {
    "A",     "According", "After", "Also",   "An",     "And",   "As",      "At",
    "But",   "By",        "During", "Even",  "For",    "From",  "He",      "Her",
    "Here",  "His",       "How",   "However", "I",     "If",    "In",      "It",
    "Its",   "Last",      "Meanwhile", "More", "Most", "My",    "No",      "Now",
    "On",    "One",       "Our",   "She",    "Since",  "So",    "Some",    "That",
    "The",   "Their",     "Then",  "There",  "These",  "They",  "This",    "Those",
    "Thus",  "To",        "Two",   "We",     "What",   "When",  "Where",   "While",
    "Who",   "Why",       "With",  "Yet",    "You",    "Your",
};

bool IsOpener(std::string_view w) {
  return std::binary_search(std::begin(kOpeners), std::end(kOpeners), w);
}

// Capitalised words that continue a sentence after "a.m."/"p.m."/"etc.":
// weekdays, months and time zones ("at 10 a.m. Tuesday", "5 p.m. EST").
// Sorted.
constexpr std::string_view kAfterTime[] = {
    "April",  "August", "BST",     "CDT",     "CET",      "CST",    "December", "EDT",
    "EST",    "ET",     "February", "Friday", "GMT",      "January", "July",    "June",
    "March",  "May",    "Monday",  "November", "October", "PDT",    "PST",     "PT",
    "Saturday", "September", "Sunday", "Thursday", "Tuesday", "UTC", "Wednesday",
};

template <size_t N>
constexpr bool Sorted(const std::string_view (&a)[N]) {
  for (size_t i = 1; i < N; ++i)
    if (!(a[i - 1] < a[i])) return false;
  return true;
}
static_assert(Sorted(kOpeners), "kOpeners must be sorted");
static_assert(Sorted(kAfterTime), "kAfterTime must be sorted");

bool IsAfterTime(std::string_view w) {
  return std::binary_search(std::begin(kAfterTime), std::end(kAfterTime), w);
}

// Bound prefixes that keep their hyphen in EWT ("e-mail", "non-human").
constexpr std::string_view kHyphenPrefixes[] = {
    "anti", "arch", "co",   "counter", "cross", "e",     "ex",     "intra",
    "micro", "mid", "mis",     "multi", "neo",   "non",    "over",   "post",
    "pre",  "pro",  "psycho",  "re",    "semi",  "socio",  "sub",    "un",
    "vice",
};

bool EqualsLower(std::string_view w, std::string_view lower) {
  if (w.size() != lower.size()) return false;
  for (size_t i = 0; i < w.size(); ++i)
    if (Lower(w[i]) != lower[i]) return false;
  return true;
}

bool IsHyphenPrefix(std::string_view w) {
  if (w.empty() || w.size() > 7) return false;
  for (std::string_view p : kHyphenPrefixes)
    if (EqualsLower(w, p)) return true;
  return false;
}

// Informal clitic spellings split as EWT does: word -> (split point).
struct Informal {
  std::string_view word;  // lower case
  uint8_t split;          // bytes of the first word
};
constexpr Informal kInformal[] = {
    {"arent", 3},   {"cannot", 3},   {"cant", 2},     {"couldnt", 5},  {"didnt", 3},
    {"doesnt", 4},  {"dont", 2},     {"gimme", 3},    {"gonna", 3},    {"gotta", 3},
    {"hadnt", 3},   {"hasnt", 3},    {"havent", 4},   {"im", 1},       {"isnt", 2},
    {"ive", 1},     {"shouldnt", 6}, {"thats", 4},    {"wanna", 3},    {"wasnt", 3},
    {"werent", 4},  {"wont", 2},     {"wouldnt", 5},  {"youre", 3},
};
constexpr bool InformalSorted() {
  for (size_t i = 1; i < std::size(kInformal); ++i)
    if (!(kInformal[i - 1].word < kInformal[i].word)) return false;
  return true;
}
static_assert(InformalSorted(), "kInformal must be sorted");
// Entries that are standard English and split even without the informal
// option.
bool IsStandardSplit(std::string_view w) {
  return w == "cannot" || w == "gonna" || w == "gotta" || w == "wanna" || w == "gimme";
}

// ------------------------------------------------------------------ helpers

// Is the character at p a single-quote-like mark (' ` ‘ ’)?  Returns its
// length or 0.
inline int SingleQuoteLen(const char* p, const char* end) {
  if (p >= end) return 0;
  if (*p == '\'' || *p == '`') return 1;
  if (end - p >= 3 && static_cast<unsigned char>(p[0]) == 0xE2 && static_cast<unsigned char>(p[1]) == 0x80 &&
      (static_cast<unsigned char>(p[2]) == 0x98 || static_cast<unsigned char>(p[2]) == 0x99))
    return 3;
  return 0;
}
// Same, for the character ending at p.
inline int SingleQuoteLenBefore(const char* begin, const char* p) {
  if (p <= begin) return 0;
  if (p[-1] == '\'' || p[-1] == '`') return 1;
  if (p - begin >= 3) return SingleQuoteLen(p - 3, p) == 3 ? 3 : 0;
  return 0;
}
// End of the run of copies of the byte at p ("***", "<<", "==").
inline const char* RunEnd(const char* p, const char* end) {
  const char c = *p;
  while (p < end && *p == c) ++p;
  return p;
}

struct ChunkTokenizer {
  const char* base;       // start of the whole text
  const TokenizerOptions& opts;
  std::vector<Piece>* out;
  uint16_t pending_flags = 0;  // flags for the next piece (paragraph start)
  bool open_single_quote = false;  // an opening ' is pending in this paragraph

  uint32_t Off(const char* p) const { return static_cast<uint32_t>(p - base); }

  void Emit(const char* b, const char* e, uint16_t flags) {
    out->push_back(Piece{Off(b), Off(e), static_cast<uint16_t>(flags | pending_flags)});
    pending_flags = 0;
  }

  // Splits a word (no punctuation left at its edges) into clitics.
  void EmitWord(const char* b, const char* e, uint16_t flags) {
    if (opts.split_contractions && e - b >= 2) {
      const std::string_view w(b, static_cast<size_t>(e - b));
      // n't / n’t
      auto ends_nt = [&](size_t* cut) {
        // ASCII: "n't" (3 bytes); curly: "n’t" (5 bytes)
        if (w.size() >= 4 && (w[w.size() - 1] == 't' || w[w.size() - 1] == 'T')) {
          if (w[w.size() - 2] == '\'' && (w[w.size() - 3] == 'n' || w[w.size() - 3] == 'N')) {
            *cut = w.size() - 3;
            return true;
          }
          if (w.size() >= 6 && w.compare(w.size() - 4, 3, "\xE2\x80\x99") == 0 &&
              (w[w.size() - 5] == 'n' || w[w.size() - 5] == 'N')) {
            *cut = w.size() - 5;
            return true;
          }
        }
        return false;
      };
      size_t cut = 0;
      if (ends_nt(&cut) && cut >= 1 && IsAsciiAlpha(static_cast<unsigned char>(w[cut - 1]))) {
        Emit(b, b + cut, flags);
        Emit(b + cut, e, kMwtCont);
        return;
      }
      // 's 're 'll 've 'm 'd, with ' or ’; and plural possessive s'
      size_t apos = std::string_view::npos;
      size_t apos_len = 0;
      for (size_t i = w.size(); i-- > 1;) {
        if (w[i] == '\'') {
          apos = i;
          apos_len = 1;
          break;
        }
        if (i >= 2 && w.compare(i - 2, 3, "\xE2\x80\x99") == 0) {
          apos = i - 2;
          apos_len = 3;
          break;
        }
        if (!IsAsciiAlpha(static_cast<unsigned char>(w[i]))) break;
      }
      if (apos != std::string_view::npos && apos >= 1 &&
          (IsAsciiAlpha(static_cast<unsigned char>(w[apos - 1])) || (w[apos - 1] == '.' && apos >= 2))) {
        const std::string_view suf = w.substr(apos + apos_len);
        if (EqualsLower(suf, "s") || EqualsLower(suf, "re") || EqualsLower(suf, "ll") ||
            EqualsLower(suf, "ve") || EqualsLower(suf, "m") || EqualsLower(suf, "d")) {
          Emit(b, b + apos, flags);
          Emit(b + apos, e, kMwtCont);
          return;
        }
      }
      if (w.size() <= 8) {
        char low[8];
        for (size_t i = 0; i < w.size(); ++i) low[i] = Lower(w[i]);
        const std::string_view lw(low, w.size());
        const Informal* inf =
            std::lower_bound(std::begin(kInformal), std::end(kInformal), lw,
                             [](const Informal& a, std::string_view k) { return a.word < k; });
        if (inf != std::end(kInformal) && inf->word == lw &&
            (opts.split_informal_contractions || IsStandardSplit(lw))) {
          Emit(b, b + inf->split, flags);
          Emit(b + inf->split, e, kMwtCont);
          return;
        }
      }
    }
    Emit(b, e, flags);
  }

  static bool LooksLikeUrlOrEmail(std::string_view w) {
    if (w.size() < 5) return false;
    if (w.find_first_of(".:@") == std::string_view::npos) return false;
    if (w.find("://") != std::string_view::npos) return true;
    if (w.size() > 4 && EqualsLower(w.substr(0, 4), "www.")) return true;
    const size_t at = w.find('@');
    if (at != std::string_view::npos && at > 0 && w.find('.', at) != std::string_view::npos &&
        w.find('.', at) + 1 < w.size())
      return true;
    // domain-like: letters.(com|org|net|gov|edu)
    static constexpr std::string_view kTlds[] = {".com", ".org", ".net", ".gov", ".edu"};
    for (std::string_view t : kTlds) {
      const size_t pos = w.find(t);
      if (pos != std::string_view::npos && pos > 0 &&
          (pos + t.size() == w.size() || w[pos + t.size()] == '/'))
        return true;
    }
    return false;
  }

  static bool IsEmoticon(std::string_view w) {
    if (w.size() < 2 || w.size() > 3 || !std::strchr(":;<^=8X", w[0])) return false;
    static constexpr std::string_view kEmo[] = {
        ":)", ":-)", ":(", ":-(", ";)", ";-)", ":D", ":-D", ":P", ":-P", ":p", ":o",
        ":/", ":-/", "<3", "^_^", "^^", ":'(", "XD", ":]", "=)", "8)", ";-(", ":-|",
    };
    for (std::string_view e : kEmo)
      if (w == e) return true;
    return false;
  }

  // Does [b, e) (ending in '.') form an abbreviation?  Returns its class.
  static AbbrClass AbbrevClass(const char* b, const char* e) {
    const std::string_view w(b, static_cast<size_t>(e - b - 1));  // without final '.'
    if (w.empty()) return kAbNone;
    // Single capital letter: an initial ("M.").
    if (w.size() == 1) return IsUpper(static_cast<unsigned char>(w[0])) ? kAbGeneral : kAbNone;
    const AbbrClass listed = LookupAbbrev(w);
    if (listed != kAbNone) return listed;
    // Letters with inner periods, each part 1-2 letters: U.S, e.g, D.C, U.S.A
    bool has_dot = false;
    size_t run = 0;
    bool lower = false;
    for (char ch : w) {
      const unsigned char c = static_cast<unsigned char>(ch);
      if (c == '.') {
        if (run == 0) return kAbNone;
        has_dot = true;
        run = 0;
      } else if (IsAsciiAlpha(c)) {
        if (++run > 2) return kAbNone;
        lower |= IsLower(c);
      } else {
        return kAbNone;
      }
    }
    if (!has_dot || run == 0) return kAbNone;
    return lower ? kAbLower : kAbGeneral;
  }

  // Splits a core (no leading/trailing punctuation peeled any more) at inner
  // hyphens, slashes, dashes, and punctuation that cannot be inside a word.
  void SplitCore(const char* b, const char* e, uint16_t last_flags) {
    const std::string_view w(b, static_cast<size_t>(e - b));
    if (IsEmoticon(w)) {
      Emit(b, e, static_cast<uint16_t>(last_flags | kEmoticon));
      return;
    }
    if (LooksLikeUrlOrEmail(w)) {
      Emit(b, e, last_flags);
      return;
    }
    // A number glued to a unit or multiplier: "5kg", "65k", "4:30pm", "$3M"
    // -> number + letters; ordinals and decades ("2nd", "1990s") stay.
    if (IsDigit(static_cast<unsigned char>(*b))) {
      const char* q = b;
      while (q < e && (IsDigit(static_cast<unsigned char>(*q)) ||
                       ((*q == '.' || *q == ',' || *q == ':') && q + 1 < e && IsDigit(static_cast<unsigned char>(q[1])))))
        ++q;
      const char* r = q;
      while (r < e && IsAsciiAlpha(static_cast<unsigned char>(*r))) ++r;
      if (q < e && r == e) {
        const std::string_view suf(q, static_cast<size_t>(e - q));
        if (!(EqualsLower(suf, "st") || EqualsLower(suf, "nd") || EqualsLower(suf, "rd") ||
              EqualsLower(suf, "th") || EqualsLower(suf, "s") || suf.size() > 3)) {
          Emit(b, q, 0);
          Emit(q, e, last_flags);
          return;
        }
      }
    }
    // Scan for split points.
    bool has_digit = false, has_alpha = false;
    int hyphens = 0;
    for (const char* p = b; p < e; ++p) {
      const unsigned char c = static_cast<unsigned char>(*p);
      has_digit |= IsDigit(c);
      has_alpha |= IsAsciiAlpha(c);
      hyphens += c == '-';
    }
    // Codes mixing letters and digits with hyphens ("ld2d-69366-1") and
    // phone-like digit groups stay whole.
    bool keep_hyphens = false;
    if (hyphens > 0 && has_digit) {
      if (has_alpha) {
        // a letter directly next to a digit somewhere: a code
        for (const char* p = b; p + 1 < e; ++p) {
          const unsigned char c = static_cast<unsigned char>(p[0]), d = static_cast<unsigned char>(p[1]);
          if ((IsDigit(c) && IsAsciiAlpha(d)) || (IsAsciiAlpha(c) && IsDigit(d))) {
            keep_hyphens = true;
            break;
          }
        }
      } else if (hyphens >= 2) {
        keep_hyphens = true;  // 713-853-3989, 8-7-01
      } else {
        // two groups: keep "646-8420" (3+4 digits)
        const char* h = static_cast<const char*>(std::memchr(b, '-', static_cast<size_t>(e - b)));
        if (h && h - b == 3 && e - h - 1 == 4) keep_hyphens = true;
      }
    }
    const char* start = b;
    const char* p = b;
    while (p < e) {
      const CharInfo ci = Classify(p, e);
      bool split = false;
      int split_len = ci.len;
      switch (ci.cls) {
        case kHyphen: {
          if (keep_hyphens) break;
          // run of hyphens "--" is one token
          const char* q = p;
          while (q < e && *q == '-') ++q;
          if (q - p >= 2) {
            split = true;
            split_len = static_cast<int>(q - p);
            break;
          }
          if (p == start || p + 1 >= e) {  // edge: split
            split = true;
            break;
          }
          const std::string_view left(start, static_cast<size_t>(p - start));
          if (IsHyphenPrefix(left)) break;
          split = true;
          break;
        }
        case kOpen:
        case kClose:
        case kDash:
        case kEllipsis:
        case kSemi:
        case kDQuote:
        case kTerm:
          split = true;
          break;
        case kComma:
          // keep 1,000
          if (!(p > b && p + 1 < e && IsDigit(static_cast<unsigned char>(p[-1])) &&
                IsDigit(static_cast<unsigned char>(p[1]))))
            split = true;
          break;
        case kPeriod: {
          const char* q = p;
          while (q < e && *q == '.') ++q;
          if (q - p >= 2) {
            split = true;
            split_len = static_cast<int>(q - p);
          }
          break;
        }
        case kSlash: {
          // and/or -> and / or; 1/2 -> 1 / 2; keep 9/11, 3/8/00
          if (p == start || p + 1 >= e) {
            split = true;
            break;
          }
          const unsigned char l = static_cast<unsigned char>(p[-1]);
          const unsigned char r = static_cast<unsigned char>(p[1]);
          if (IsDigit(l) && IsDigit(r)) {
            // Dates stay whole ("9/11", "3/8/00"); fractions and ranges
            // split ("1/2", "20/20", "2001/02").
            const bool more = std::memchr(p + 1, '/', static_cast<size_t>(e - p - 1)) != nullptr ||
                              std::memchr(b, '/', static_cast<size_t>(p - b)) != nullptr;
            int lv = 0, rv = 0, ld = 0, rd = 0;
            for (const char* q = p - 1; q >= b && IsDigit(static_cast<unsigned char>(*q)) && ld < 6; --q, ++ld)
              lv += (*q - '0') * (ld == 0 ? 1 : ld == 1 ? 10 : ld == 2 ? 100 : 1000);
            for (const char* q = p + 1; q < e && IsDigit(static_cast<unsigned char>(*q)) && rd < 6; ++q, ++rd)
              rv = rv * 10 + (*q - '0');
            const bool fraction = ld == 1 && rd == 1 && rv > lv && (rv == 2 || rv == 3 || rv == 4 || rv == 8);
            if (!more && (fraction || lv > 12 || rv > 31 || ld > 2)) split = true;
          } else {
            split = true;
          }
          break;
        }
        default:
          break;
      }
      if (split) {
        if (p > start) EmitWord(start, p, 0);
        Emit(p, p + split_len, ci.cls == kOpen ? kOpening : ci.cls == kClose ? kClosing : 0);
        p += split_len;
        start = p;
      } else {
        p += ci.len;
      }
    }
    if (start < e) EmitWord(start, e, last_flags);
  }

  // Tokenises one whitespace-delimited chunk [b, e).
  void Chunk(const char* b, const char* e) {
    const std::string_view whole(b, static_cast<size_t>(e - b));
    if (IsEmoticon(whole)) {
      Emit(b, e, kEmoticon);
      return;
    }
    // Leading punctuation.
    while (b < e) {
      const CharInfo ci = Classify(b, e);
      const int q1 = SingleQuoteLen(b, e);
      const int q2 = q1 ? SingleQuoteLen(b + q1, e) : 0;
      if (q2) {  // '' ‘’ `` as one token
        Emit(b, b + q1 + q2, kOpening | kStraightQuote);
        b += q1 + q2;
      } else if (ci.cls == kOpen || ci.cls == kDQuote) {
        Emit(b, b + ci.len, ci.cls == kOpen ? kOpening : (kOpening | kStraightQuote));
        b += ci.len;
      } else if (ci.cls == kSQuote) {
        // "'s" alone, "'90s", "'em": keep as word
        const char* r = b + ci.len;
        if (r < e && IsDigit(static_cast<unsigned char>(*r))) break;
        size_t alpha = 0;
        while (r + alpha < e && IsAsciiAlpha(static_cast<unsigned char>(r[alpha]))) ++alpha;
        const std::string_view rest(r, alpha);
        if (r + alpha == e && (EqualsLower(rest, "s") || EqualsLower(rest, "em") || EqualsLower(rest, "re") ||
                               EqualsLower(rest, "ll") || EqualsLower(rest, "ve") || EqualsLower(rest, "m") ||
                               EqualsLower(rest, "d") || EqualsLower(rest, "t")))
          break;
        Emit(b, b + ci.len, kOpening | kStraightQuote);
        open_single_quote = true;
        b += ci.len;
      } else if (ci.cls == kTerm || ci.cls == kEllipsis) {
        const char* q = b;
        while (q < e) {
          const CharInfo c2 = Classify(q, e);
          if (!(c2.cls == kTerm || c2.cls == kEllipsis || c2.cls == kPeriod)) break;
          q += c2.len;
        }
        Emit(b, q, kTerminal);
        b = q;
      } else if (ci.cls == kDash || ci.cls == kComma || ci.cls == kSemi || ci.cls == kClose) {
        Emit(b, b + ci.len, ci.cls == kClose ? kClosing : 0);
        b += ci.len;
      } else if (ci.cls == kHyphen) {
        const char* q = b;
        while (q < e && *q == '-') ++q;
        Emit(b, q, 0);
        b = q;
      } else if (ci.cls == kPeriod) {
        const char* q = b;
        while (q < e && *q == '.') ++q;
        if (q - b == 1 && q < e && IsDigit(static_cast<unsigned char>(*q))) break;  // .5
        Emit(b, q, kTerminal);
        b = q;
      } else if (ci.cls == kCurrency) {
        Emit(b, b + ci.len, 0);
        b += ci.len;
      } else if (ci.cls == kOtherPunct && *b == '+' && b + 1 < e && IsDigit(static_cast<unsigned char>(b[1]))) {
        break;  // +44 (phone numbers)
      } else if (ci.cls == kColon || (ci.cls == kOtherPunct && *b != '@' && (*b != '#' || (b + 1 < e && IsDigit(static_cast<unsigned char>(b[1])))))) {
        // ":" "*" "|" "<<" "#" (before a number) at the start: a run of the
        // same character is one token
        const char* q = RunEnd(b, e);
        Emit(b, q, 0);
        b = q;
      } else {
        break;
      }
    }
    if (b >= e) return;
    // Trailing punctuation, collected right to left.
    Piece trail[32];
    int ntrail = 0;
    uint16_t core_flags = 0;
    while (e > b && ntrail < 32) {
      const int pl = PrevLen(b, e);
      const CharInfo ci = Classify(e - pl, e);
      if (ci.len != pl) break;
      const char* s = e - pl;
      if (ci.cls == kClose) {
        // keep ")" when the core has an unmatched "(": "(s)" or "f(x)"
        if (*s == ')' && std::memchr(b, '(', static_cast<size_t>(s - b)) != nullptr) {
          const std::string_view core(b, static_cast<size_t>(s - b));
          if (std::count(core.begin(), core.end(), '(') > std::count(core.begin(), core.end(), ')')) break;
        }
        trail[ntrail++] = {Off(s), Off(e), kClosing};
        e = s;
      } else if (ci.cls == kDQuote) {
        trail[ntrail++] = {Off(s), Off(e), static_cast<uint16_t>(kClosing | kStraightQuote)};
        e = s;
      } else if (ci.cls == kSQuote && SingleQuoteLenBefore(b, s) && e - s <= 3) {
        const int l2 = SingleQuoteLenBefore(b, s);
        open_single_quote = false;
        trail[ntrail++] = {Off(s - l2), Off(e), static_cast<uint16_t>(kClosing | kStraightQuote)};
        e = s - l2;
      } else if (ci.cls == kSQuote) {
        // plural possessive "parents'" unless a single quote is open
        if (s > b && (s[-1] == 's' || s[-1] == 'S') && !open_single_quote && opts.split_contractions &&
            s - b >= 2) {
          // handled below as a clitic: "parents" + "'" in one multiword token
          break;
        }
        open_single_quote = false;
        trail[ntrail++] = {Off(s), Off(e), static_cast<uint16_t>(kClosing | kStraightQuote)};
        e = s;
      } else if (ci.cls == kTerm || ci.cls == kEllipsis) {
        // run of ! ? . …
        const char* q = s;
        while (q > b) {
          const int l2 = PrevLen(b, q);
          const CharInfo c2 = Classify(q - l2, q);
          if (c2.len != l2 || !(c2.cls == kTerm || c2.cls == kEllipsis || c2.cls == kPeriod)) break;
          q -= l2;
        }
        trail[ntrail++] = {Off(q), Off(e), kTerminal};
        e = q;
      } else if (ci.cls == kPeriod) {
        const char* q = s;
        while (q > b && q[-1] == '.') --q;
        if (e - q >= 2) {  // ".." "..." "...."
          // but "?." etc. join
          trail[ntrail++] = {Off(q), Off(e), kTerminal};
          e = q;
          continue;
        }
        // single period: abbreviation?
        if (q > b) {
          // the word before the period: from b (inner punctuation split later)
          const char* wb = q;
          while (wb > b) {
            const unsigned char c = static_cast<unsigned char>(wb[-1]);
            if (IsAsciiAlpha(c) || c == '.') {
              --wb;
            } else {
              break;
            }
          }
          const AbbrClass ac = (wb < q) ? AbbrevClass(wb, e) : kAbNone;
          if (ac != kAbNone && (wb == b || wb[-1] == '-' || wb[-1] == '(' || wb[-1] == '/')) {
            core_flags = kAbbrev;
            if (ac == kAbTitle) core_flags |= kAbbrevTitle;
            if (ac == kAbMonth) core_flags |= kMonth;
            if (ac == kAbLower) core_flags |= kAbbrevLower;
            break;
          }
          // URL or e-mail ending in a period: split the period
        }
        trail[ntrail++] = {Off(s), Off(e), kTerminal};
        e = s;
      } else if (ci.cls == kComma || ci.cls == kSemi || ci.cls == kColon || ci.cls == kDash) {
        trail[ntrail++] = {Off(s), Off(e), 0};
        e = s;
      } else if (ci.cls == kHyphen) {
        const char* q = s;
        while (q > b && q[-1] == '-') --q;
        trail[ntrail++] = {Off(q), Off(e), 0};
        e = q;
      } else if (ci.cls == kPercent) {
        trail[ntrail++] = {Off(s), Off(e), 0};
        e = s;
      } else if (ci.cls == kOtherPunct && *s != '+' && *s != '#') {
        const char* q = s;
        while (q > b && q[-1] == *s) --q;
        trail[ntrail++] = {Off(q), Off(e), 0};
        e = q;
      } else {
        break;
      }
    }
    if (e > b) {
      // currency glued to a number inside ("US$5" is rare): "$" was peeled
      // as leading punctuation already.
      const char* core_b = b;
      // plural possessive handled here: "parents'" -> parents + '
      const int pl = PrevLen(core_b, e);
      const CharInfo last = Classify(e - pl, e);
      if (last.cls == kSQuote && last.len == pl && e - pl > core_b + 1 &&
          (e[-pl - 1] == 's' || e[-pl - 1] == 'S')) {
        const char* q = e - pl;
        SplitCore(core_b, q, 0);
        Emit(q, e, kMwtCont);
      } else {
        SplitCore(core_b, e, core_flags);
      }
    }
    for (int i = ntrail - 1; i >= 0; --i) {
      Piece pc = trail[i];
      pc.flags |= pending_flags;
      pending_flags = 0;
      out->push_back(pc);
    }
  }
};

// Sentence-start test: can the piece at i start a new sentence?
bool CanStart(std::string_view text, const Piece& p) {
  const unsigned char c = static_cast<unsigned char>(text[p.b]);
  if (IsLower(c)) {
    // a URL after a full stop starts a new sentence
    const std::string_view w = text.substr(p.b, p.e - p.b);
    return w.size() > 7 && (w.substr(0, 4) == "http" || w.substr(0, 4) == "www.");
  }
  if (p.flags & (kClosing | kTerminal)) return false;
  if (c == ',' || c == ';' || c == ':' || c == '%' || c == '-') return false;
  if (c == '.' ) return false;
  return true;
}

// Is the sentence so far [from, term) just a list marker such as "1" or "a"
// before the terminal at `term`?  "1. The pricing ..." stays one sentence.
bool IsListMarker(std::string_view text, const std::vector<Piece>& pieces, size_t from, size_t term) {
  if (term != from + 1 || text[pieces[term].b] != '.') return false;
  const Piece& p = pieces[from];
  const size_t len = p.e - p.b;
  if (len > 2) return false;
  for (size_t k = p.b; k < p.e; ++k)
    if (!IsDigit(static_cast<unsigned char>(text[k])) && !(len == 1 && IsAsciiAlpha(static_cast<unsigned char>(text[k]))))
      return false;
  return true;
}

// A terminal before a lower-case word ends the sentence when it is "?" or
// "!" or a period after an ordinary lower-case word (web text often starts
// sentences in lower case).  Not after a closing quote: "“Why?” she asked".
bool LowerStartBreak(std::string_view text, const std::vector<Piece>& pieces, size_t term, size_t next) {
  const Piece& t = pieces[term];
  if (text[t.b] == '?' || text[t.b] == '!') return true;
  if (t.e - t.b != 1 || text[t.b] != '.' || term == 0) return false;
  const Piece& w = pieces[term - 1];
  if (w.e != t.b || w.e - w.b < 3) return false;
  for (size_t k = w.b; k < w.e; ++k)
    if (!IsLower(static_cast<unsigned char>(text[k]))) return false;
  return true;
}

inline std::string_view Slice(std::string_view text, const Piece& p) {
  return text.substr(p.b, p.e - p.b);
}

}  // namespace

Tokenizer::Tokenizer(TokenizerOptions opts) : opts_(std::move(opts)) {}

SegmentStats Tokenizer::Segment(Document* doc) const {
  SegmentStats st = Segment(std::string_view(doc->text), &doc->sentences);
  const std::string prefix = doc->id.empty() ? std::string() : doc->id + "-";
  if (!prefix.empty())
    for (Sentence& s : doc->sentences) s.id.insert(0, prefix);
  return st;
}

SegmentStats Tokenizer::Segment(std::string_view text, std::vector<Sentence>* out) const {
  SegmentStats st;
  out->clear();
  if (text.size() > UINT32_MAX - 1) {
    st.skipped_bytes = text.size() - (UINT32_MAX - 1);
    text = text.substr(0, UINT32_MAX - 1);
  }
  std::vector<Piece> pieces;
  pieces.reserve(text.size() / 4 + 16);
  ChunkTokenizer tk{text.data(), opts_, &pieces};

  // Pass 1: chunks and paragraph breaks.
  const char* p = text.data();
  const char* const end = p + text.size();
  bool first = true;
  while (p < end) {
    int newlines = 0;
    while (p < end) {
      const int n = SpaceLen(p, end);
      if (!n) break;
      if (*p == '\n' || (n == 3 && static_cast<unsigned char>(p[2]) == 0xA9)) ++newlines;
      p += n;
    }
    if (p >= end) break;
    const char* b = p;
    while (p < end && !SpaceLen(p, end)) ++p;
    if (!first && (newlines >= 2 || (newlines == 1 && opts_.newline_is_paragraph))) {
      tk.pending_flags |= kParaStart;
      tk.open_single_quote = false;
    }
    first = false;
    tk.Chunk(b, p);
  }

  // Pass 2: sentences.
  const size_t n = pieces.size();
  size_t sent_begin = 0;  // index of the first piece of the current sentence
  auto next_surface = [&](size_t i) {  // index of the next surface token after i
    size_t j = i + 1;
    while (j < n && (pieces[j].flags & kMwtCont)) ++j;
    return j;
  };
  auto emit_sentence = [&](size_t from, size_t to, bool split_last_period) {
    // pieces [from, to); if split_last_period, the last piece's final '.'
    // becomes its own word.
    if (from >= to) return;
    Sentence& s = out->emplace_back();
    s.id = std::to_string(out->size());
    s.begin = pieces[from].b;
    s.end = pieces[to - 1].e;
    s.text.assign(text.data() + s.begin, s.end - s.begin);
    s.tokens.reserve(to - from + 1);
    for (size_t i = from; i < to; ++i) {
      const Piece& pc = pieces[i];
      uint32_t pe = pc.e;
      const bool split_here = split_last_period && i + 1 == to;
      if (split_here) --pe;
      const bool in_mwt = (i + 1 < n && (pieces[i + 1].flags & kMwtCont) && i + 1 < to);
      if (pc.flags & kMwtCont) {
        // continues the previous multiword token (created below)
      } else if (in_mwt) {
        MultiwordToken& m = s.multiword.emplace_back();
        m.first = static_cast<int>(s.tokens.size()) + 1;
        size_t j = i + 1;
        while (j < to && (pieces[j].flags & kMwtCont)) ++j;
        m.last = m.first + static_cast<int>(j - i) - 1;
        m.form.assign(text.data() + pc.b, pieces[j - 1].e - pc.b);
        const uint32_t next_b = j < n ? pieces[j].b : UINT32_MAX;
        if (next_b == pieces[j - 1].e) m.misc = "SpaceAfter=No";
        ++st.tokens;
      } else {
        ++st.tokens;
      }
      Token& t = s.tokens.emplace_back();
      t.form.assign(text.data() + pc.b, pe - pc.b);
      t.begin = pc.b;
      t.end = pe;
      const bool inside_mwt = (pc.flags & kMwtCont) || in_mwt;
      if (split_here) {
        t.space_after = false;
        Token& dot = s.tokens.emplace_back();
        dot.form.push_back('.');
        dot.begin = pe;
        dot.end = pe + 1;
        dot.space_after = !(i + 1 < n && pieces[i + 1].b == pe + 1);
        ++st.tokens;
      } else if (inside_mwt) {
        t.space_after = true;
      } else {
        t.space_after = !(i + 1 < n && pieces[i + 1].b == pe);
      }
    }
    st.words += s.tokens.size();
  };

  size_t i = 0;
  while (i < n) {
    // i is the start of a surface token; j is the next one.
    const size_t j = next_surface(i);
    const Piece& pc = pieces[j - 1];  // last word of the surface token
    bool brk = false;
    bool split_period = false;
    size_t cut = j;  // sentence ends before piece `cut`
    if (j >= n) {
      brk = true;
      if (pc.flags & kAbbrev) split_period = true;
    } else if (pieces[j].flags & kParaStart) {
      brk = true;
      if (pc.flags & kAbbrev) split_period = true;
    } else if (pc.flags & kTerminal) {
      // absorb closing quotes/brackets attached to the terminal
      size_t k = j;
      while (k < n && (pieces[k].flags & (kClosing | kEmoticon)) && !(pieces[k].flags & kParaStart) &&
             (pieces[k].b == pieces[k - 1].e || !(pieces[k].flags & kStraightQuote))) {
        ++k;
      }
      if (k >= n || (pieces[k].flags & kParaStart)) {
        brk = true;
        cut = k;
      } else if (CanStart(text, pieces[k]) && !IsListMarker(text, pieces, sent_begin, i)) {
        // "..." followed by a capital: a break; a lone "." after a number
        // or a letter too.
        brk = true;
        cut = k;
      } else if (k == j && text[pc.b] == '.' && pc.e - pc.b == 1 && (pieces[k].flags & kTerminal) &&
                 pieces[k].b > pc.e && pieces[k].e - pieces[k].b >= 2) {
        brk = true;  // "end. ... next": the ellipsis opens the next sentence
      } else if (k == j && IsLower(static_cast<unsigned char>(text[pieces[k].b])) &&
                 LowerStartBreak(text, pieces, i, j)) {
        brk = true;
      }
    } else if (pc.flags & kAbbrev) {
      const Piece& nx = pieces[j];
      if (pc.flags & kAbbrevTitle) {
        brk = false;
      } else if ((pc.flags & kMonth) && IsDigit(static_cast<unsigned char>(text[nx.b]))) {
        brk = false;
      } else {
        const std::string_view nw = Slice(text, nx);
        if (IsOpener(nw) || ((pc.flags & kAbbrevLower) && IsUpper(static_cast<unsigned char>(nw[0])) && !IsAfterTime(nw))) {
          brk = true;
          split_period = true;
        }
      }
    }
    if (!brk && opts_.max_sentence_tokens > 0 && cut - sent_begin >= opts_.max_sentence_tokens &&
        j < n) {
      brk = true;
      ++st.cut_sentences;
    }
    if (brk) {
      emit_sentence(sent_begin, cut, split_period);
      sent_begin = cut;
      i = cut;
    } else {
      i = j;
    }
  }
  emit_sentence(sent_begin, n, false);
  st.sentences = out->size();
  return st;
}

}  // namespace entente
