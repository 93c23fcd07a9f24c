// Wire-copy day phrases (internal to the pipeline).
//
// News agencies put the day between the subject and its verb: "Israel on
// Wednesday released ...", "Ukrainian lawmakers Tuesday endorsed ...".  The
// tagger and parser are trained on web text (UD English EWT), which has
// almost no such sentences, and they get them wrong in a way that loses the
// event: "lawmakers" tagged as a verb, "Israel" left as the root with the
// real verb hanging under it.
//
// The pipeline therefore tags and parses such a sentence without the day
// phrase and puts the phrase back afterwards, attached to the verb as UD
// English EWT annotates it: "on Wednesday" -> Wednesday obl, on case;
// a bare "Tuesday" -> obl:tmod.  Nothing is changed unless the sentence
// without the phrase has the shape subject + finite verb around the gap.
#pragma once

#include <optional>

#include "entente/document.h"

namespace entente::pipeline {

// A day phrase: tokens [begin, end) (0-based); end - begin is 1 ("Tuesday")
// or 2 ("on Tuesday").
struct DayPhrase {
  int begin = 0;
  int end = 0;
};

// The first day phrase of `s` that could sit between a subject and its
// verb, from the words alone: a weekday name ("Monday" ... "Sunday", as
// written), optionally after "on", neither first in the sentence, followed
// by a word that starts with a lower-case letter, and not preceded by a
// word that makes it part of a noun phrase or another prepositional phrase
// ("last", "next", "this", "every", "each", "since", "until", "by", "from",
// "to", "of", "and", "or", a comma...).
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
// fills the phrase's tokens: the weekday PROPN/NNP, attached to the verb
// after the gap (to its head when that word is an auxiliary or copula) as
// obl (with "on": ADP/IN, case of the weekday) or obl:tmod.
void RestoreDayPhrase(const Sentence& reduced, DayPhrase p, Sentence* s);

}  // namespace entente::pipeline
