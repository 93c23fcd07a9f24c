// Wire-copy day phrases (internal to the pipeline).
//
// News agencies put the day between the subject and its verb: "Israel on
// Wednesday released ...", "Ukrainian lawmakers Tuesday endorsed ...".  The
// tagger and parser are trained on web text (UD English EWT), which has
// almost no such sentences, and they get them wrong in a way that loses the
// event: "lawmakers" tagged as a verb, "Israel" left as the root with the
// real verb hanging under it.
//
// The same holds for the other time phrases of wire copy in that place:
// "Russian troops yesterday entered ...", "Israel last week released ...",
// "Rebels early Monday attacked ...", "Hamas on Tuesday morning fired ...":
// the models take the time word for the subject ("week released") or leave
// the real subject out.
//
// The pipeline therefore tags and parses such a sentence without the time
// phrase and puts the phrase back afterwards, attached to the verb as UD
// English EWT annotates it: "on Wednesday" -> Wednesday obl, on case; a bare
// "Tuesday", "yesterday" or "last week" -> obl:tmod (last amod, this det,
// early/late advmod, "Monday night" -> Monday compound of night).  Nothing
// is changed unless the sentence without the phrase has the shape subject +
// finite verb around the gap.
#pragma once

#include <optional>

#include "entente/document.h"

namespace entente::pipeline {

// A time phrase: tokens [begin, end) (0-based), `head` the index of its
// head word (the weekday, "night" of "Monday night", "week" of "last week").
struct DayPhrase {
  int begin = 0;
  int end = 0;
  int head = 0;
};

// The first time phrase of `s` that could sit between a subject and its
// verb, from the words alone.  The phrases:
//   [on] [early|late] <Weekday> [morning|afternoon|evening|night]
//   [early|late] today|yesterday|tonight
//   last|this|next week|month|year|weekend|night
// where <Weekday> is "Monday" ... "Sunday" as written ("on" only before a
// weekday).  The phrase is neither first in the sentence nor followed by
// anything but a word that starts with a lower-case letter and may be a
// finite verb (not "in", "to", "she", "that", ...), and not preceded
// by a word that makes it part of a noun phrase or of another prepositional
// phrase ("last", "since", "until", "by", "from", "of", "and", a comma...).
std::optional<DayPhrase> FindDayPhrase(const Sentence& s);

// `s` without the phrase's tokens (and without multiword tokens and empty
// nodes, which the tagger and parser do not read).  Only forms and the
// token fields the tagger reads are copied.
Sentence WithoutDayPhrase(const Sentence& s, DayPhrase p);

// After tagging `reduced` (WithoutDayPhrase of the same sentence): true when
// the word before the gap ends a noun phrase (NOUN, PROPN, PRON) and the word
// after it is a finite verb (AUX, or VERB tagged VBD, VBZ or VBP) -- the
// wire-copy shape.
bool DayPhraseFits(const Sentence& reduced, DayPhrase p);

// Copies the annotation of `reduced` (tagged and parsed) back into `*s` and
// fills the phrase's tokens: its head attached to the verb after the gap
// (to that word's head when it is an auxiliary or copula) as obl (after
// "on", which is its case) or obl:tmod; the weekday PROPN/NNP, the other
// time nouns NOUN/NN; last/next ADJ amod, this DET det, early/late ADV
// advmod; a weekday before a part of the day is its compound.
void RestoreDayPhrase(const Sentence& reduced, DayPhrase p, Sentence* s);

}  // namespace entente::pipeline
