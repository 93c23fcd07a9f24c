// Newswire word-order variants of training trees (used by TrainTagger and
// TrainParser when asked; see TaggerTrainOptions::news_date_variants).
//
// Wire copy puts the day of the event between the subject and the verb:
// "North Korea on Thursday fired two shells", "Ukrainian lawmakers Tuesday
// endorsed the agreement".  UD English EWT is web text and has almost no such
// sentence (18 of 12,544 training sentences have a day or month phrase that
// could stand there), so models trained on it mis-tag the verb or hang the
// subject and the day on each other.  The variants teach the construction
// without touching the original trees.
#pragma once

#include <cstddef>
#include <vector>

#include "entente/document.h"

namespace entente::treebank {

// For every sentence of *sents whose first past-tense verb (UPOS VERB, XPOS
// VBD) has a NOUN or PROPN nominal subject (nsubj, nsubj:pass) whose phrase
// is contiguous and ends right before the verb, inserts right after that
// sentence a copy with a day between subject and verb: "on <Day>" (case +
// obl) and a bare "<Day>" (obl:unmarked, MISC TemporalNPAdjunct=Yes), taken
// in turn, the day cycling Monday..Sunday.  Copies keep the tags of the
// original words, renumber heads, drop the enhanced dependencies (DEPS) and
// get id "<id>+day" and a rebuilt text.  Sentences with multiword tokens,
// empty nodes or an out-of-range head are left alone.  Deterministic.
// Returns the number of sentences added.
size_t AddNewsDateVariants(std::vector<Sentence>* sents);

}  // namespace entente::treebank
