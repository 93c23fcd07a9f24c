#include "pipeline/day_phrase.h"

#include <initializer_list>
#include <string>
#include <string_view>
#include <vector>

namespace entente::pipeline {
namespace {

bool OneOf(std::string_view w, std::initializer_list<std::string_view> words) {
  for (std::string_view x : words)
    if (w == x) return true;
  return false;
}

bool IsWeekday(std::string_view w) {
  return OneOf(w, {"Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"});
}
bool IsPartOfDay(std::string_view w) { return OneOf(w, {"morning", "afternoon", "evening", "night"}); }
bool IsEarlyLate(std::string_view w) { return OneOf(w, {"early", "late"}); }

std::string AsciiLower(std::string_view w) {
  std::string lower(w);
  for (char& ch : lower) ch = (ch >= 'A' && ch <= 'Z') ? static_cast<char>(ch + 32) : ch;
  return lower;
}

// Words after which a time phrase belongs to something other than the
// clause's verb: determiners and quantifiers ("every Monday"), prepositions
// that take it ("since Monday"), coordination and punctuation.
bool BlocksBefore(std::string_view w) {
  if (w.empty()) return true;
  const unsigned char c = static_cast<unsigned char>(w[0]);
  if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c >= 0x80)) return true;  // punctuation, digits
  return OneOf(AsciiLower(w), {"last", "next", "this", "that", "every", "each", "since", "until", "till", "by", "from",
                   "to", "of", "and", "or", "but", "on", "before", "after", "through", "between", "late",
                   "early", "the", "a", "an", "for", "at", "in"});
}

// The time phrase starting at token i, if any (bounds and neighbours are
// checked by the caller).
std::optional<DayPhrase> PhraseAt(const std::vector<Token>& t, int i) {
  const int n = static_cast<int>(t.size());
  auto form = [&](int k) -> std::string_view { return k < n ? std::string_view(t[k].form) : std::string_view(); };
  int j = i;
  const bool on = form(j) == "on";
  if (on) ++j;
  const bool early_late = IsEarlyLate(form(j));
  if (early_late) ++j;
  if (IsWeekday(form(j))) {
    int head = j++;
    if (IsPartOfDay(form(j))) head = j++;
    return DayPhrase{i, j, head};
  }
  if (on) return std::nullopt;
  if (OneOf(form(j), {"today", "yesterday", "tonight"})) return DayPhrase{i, j + 1, j};
  if (early_late) return std::nullopt;
  if (OneOf(form(j), {"last", "this", "next"}) && OneOf(form(j + 1), {"week", "month", "year", "weekend", "night"}))
    return DayPhrase{i, j + 2, j + 1};
  return std::nullopt;
}

bool StartsLower(std::string_view w) { return !w.empty() && w[0] >= 'a' && w[0] <= 'z'; }

// Closed-class words that are never a finite verb: after the phrase they
// rule it out before any tagging ("said Wednesday she hoped", "released
// Tuesday in the report", "met Assad Tuesday to discuss"), which saves the
// tagging of the sentence without the phrase.
bool NeverFinite(std::string_view w) {
  return OneOf(w, {"in", "on", "at", "to", "by", "for", "from", "with", "of", "into", "after", "before", "during",
                   "since", "over", "under", "about", "against", "as", "that", "which", "who", "the", "a", "an",
                   "this", "his", "her", "its", "their", "he", "she", "it", "they", "we", "i", "you", "and", "or",
                   "but", "if", "when", "while", "because", "than", "not", "amid", "near", "without"});
}

// 1-based index in the reduced sentence -> 1-based index in the full one.
int ToFull(int j, DayPhrase p) {
  if (j <= 0) return j;  // root (0) or unknown (-1)
  return j <= p.begin ? j : j + (p.end - p.begin);
}

}  // namespace

std::optional<DayPhrase> FindDayPhrase(const Sentence& s) {
  const int n = static_cast<int>(s.tokens.size());
  for (int i = 1; i + 1 < n; ++i) {
    auto p = PhraseAt(s.tokens, i);
    if (!p || p->end >= n) continue;
    if (BlocksBefore(s.tokens[static_cast<size_t>(i - 1)].form)) continue;
    const std::string_view next = s.tokens[static_cast<size_t>(p->end)].form;
    if (!StartsLower(next) || NeverFinite(next)) continue;
    return p;
  }
  return std::nullopt;
}

Sentence WithoutDayPhrase(const Sentence& s, DayPhrase p) {
  Sentence r;
  r.id = s.id;
  r.tokens.reserve(s.tokens.size() - static_cast<size_t>(p.end - p.begin));
  for (int i = 0; i < static_cast<int>(s.tokens.size()); ++i) {
    if (i >= p.begin && i < p.end) continue;
    r.tokens.push_back(s.tokens[static_cast<size_t>(i)]);
  }
  return r;
}

bool DayPhraseFits(const Sentence& reduced, DayPhrase p) {
  const int n = static_cast<int>(reduced.tokens.size());
  if (p.begin < 1 || p.begin >= n) return false;
  const Token& before = reduced.tokens[static_cast<size_t>(p.begin - 1)];
  const Token& after = reduced.tokens[static_cast<size_t>(p.begin)];
  const bool subject_end = before.upos == "NOUN" || before.upos == "PROPN" || before.upos == "PRON";
  const bool finite = after.upos == "AUX" ||
                      (after.upos == "VERB" && (after.xpos == "VBD" || after.xpos == "VBZ" || after.xpos == "VBP"));
  return subject_end && finite;
}

void RestoreDayPhrase(const Sentence& reduced, DayPhrase p, Sentence* s) {
  const int len = p.end - p.begin;
  for (int j = 0; j < static_cast<int>(reduced.tokens.size()); ++j) {
    const Token& from = reduced.tokens[static_cast<size_t>(j)];
    Token& to = s->tokens[static_cast<size_t>(j < p.begin ? j : j + len)];
    to.lemma = from.lemma;
    to.upos = from.upos;
    to.xpos = from.xpos;
    to.feats = from.feats;
    to.head = ToFull(from.head, p);
    to.deprel = from.deprel;
  }
  // The head hangs on the verb after the gap, or on what that word is the
  // auxiliary or copula of ("Israel on Monday has released").
  const Token& after = reduced.tokens[static_cast<size_t>(p.begin)];
  int verb = p.begin + 1;  // 1-based, reduced
  if ((after.deprel == "aux" || after.deprel == "aux:pass" || after.deprel == "cop") && after.head > 0)
    verb = after.head;
  const bool on = s->tokens[static_cast<size_t>(p.begin)].form == "on";
  auto set = [&](int k, std::string_view lemma, const char* upos, const char* xpos, const char* feats, int head,
                 const char* deprel) {
    Token& t = s->tokens[static_cast<size_t>(k)];
    t.lemma = lemma;
    t.upos = upos;
    t.xpos = xpos;
    t.feats = feats;
    t.head = head;
    t.deprel = deprel;
  };
  for (int k = p.begin; k < p.end; ++k) {
    const std::string_view form = s->tokens[static_cast<size_t>(k)].form;
    const std::string lower = AsciiLower(form);
    const int to_head = p.head + 1;
    if (k == p.head) {
      const bool weekday = IsWeekday(form);
      set(k, weekday ? form : std::string_view(lower), weekday ? "PROPN" : "NOUN", weekday ? "NNP" : "NN",
          "Number=Sing", ToFull(verb, p), on ? "obl" : "obl:tmod");
    } else if (k == p.begin && on) {
      set(k, "on", "ADP", "IN", "", to_head, "case");
    } else if (IsEarlyLate(form)) {
      set(k, lower, "ADV", "RB", "Degree=Pos", to_head, "advmod");
    } else if (IsWeekday(form)) {  // before a part of the day
      set(k, form, "PROPN", "NNP", "Number=Sing", to_head, "compound");
    } else if (form == "this") {
      set(k, "this", "DET", "DT", "Number=Sing|PronType=Dem", to_head, "det");
    } else {  // last, next
      set(k, lower, "ADJ", "JJ", "Degree=Pos", to_head, "amod");
    }
  }
}

}  // namespace entente::pipeline
