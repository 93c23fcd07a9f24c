#include "pipeline/day_phrase.h"

#include <array>
#include <string_view>

namespace entente::pipeline {
namespace {

bool IsWeekday(std::string_view w) {
  static constexpr std::array<std::string_view, 7> kDays = {"Monday", "Tuesday", "Wednesday", "Thursday",
                                                           "Friday", "Saturday", "Sunday"};
  for (std::string_view d : kDays)
    if (w == d) return true;
  return false;
}

// Words after which a day name belongs to something other than the clause's
// verb: determiners and quantifiers of the day ("last Monday"), prepositions
// that take it ("since Monday"), coordination and punctuation.
bool BlocksBefore(std::string_view w) {
  static constexpr std::array<std::string_view, 22> kBlock = {
      "last", "next", "this", "that", "every", "each", "since", "until", "till", "by", "from",
      "to",   "of",   "and",  "or",   "but",   "on",   "before", "after", "through", "between", "late"};
  if (w.empty()) return true;
  const unsigned char c = static_cast<unsigned char>(w[0]);
  if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c >= 0x80)) return true;  // punctuation, digits
  for (std::string_view b : kBlock)
    if (w == b) return true;
  return false;
}

bool StartsLower(std::string_view w) { return !w.empty() && w[0] >= 'a' && w[0] <= 'z'; }

// 1-based index in the reduced sentence -> 1-based index in the full one.
int ToFull(int j, DayPhrase p) {
  if (j <= 0) return j;  // root (0) or unknown (-1)
  return j <= p.begin ? j : j + (p.end - p.begin);
}

}  // namespace

std::optional<DayPhrase> FindDayPhrase(const Sentence& s) {
  const int n = static_cast<int>(s.tokens.size());
  for (int i = 1; i + 1 < n; ++i) {
    if (!IsWeekday(s.tokens[i].form)) continue;
    const bool on = s.tokens[i - 1].form == "on" || s.tokens[i - 1].form == "On";
    const int begin = on ? i - 1 : i;
    if (begin == 0) continue;
    if (BlocksBefore(s.tokens[begin - 1].form)) continue;
    if (!StartsLower(s.tokens[i + 1].form)) continue;
    return DayPhrase{begin, i + 1};
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
  // The weekday hangs on the verb after the gap, or on what that word is
  // the auxiliary or copula of ("Israel on Monday has released").
  const Token& after = reduced.tokens[static_cast<size_t>(p.begin)];
  int verb = p.begin + 1;  // 1-based, reduced
  if ((after.deprel == "aux" || after.deprel == "aux:pass" || after.deprel == "cop") && after.head > 0)
    verb = after.head;
  const int day_index = p.end - 1;  // 0-based, full
  Token& day = s->tokens[static_cast<size_t>(day_index)];
  day.lemma = day.form;
  day.upos = "PROPN";
  day.xpos = "NNP";
  day.feats = "Number=Sing";
  day.head = ToFull(verb, p);
  day.deprel = len == 2 ? "obl" : "obl:tmod";
  if (len == 2) {
    Token& on = s->tokens[static_cast<size_t>(p.begin)];
    on.lemma = "on";
    on.upos = "ADP";
    on.xpos = "IN";
    on.feats.clear();
    on.head = day_index + 1;
    on.deprel = "case";
  }
}

}  // namespace entente::pipeline
