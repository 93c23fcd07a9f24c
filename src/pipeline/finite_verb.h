// A sentence needs a finite verb (internal to the pipeline).
//
// The tagger decides one word at a time and cannot see that a sentence has
// no finite verb left.  Trained on web text, it reads the newswire event
// sentence "Hamas fired rockets at Israel." as a noun phrase with a
// participle ("Hamas-fired rockets": fired VBN), and the parser follows:
// no clause, no subject, no event.  On the gigaword sample 3 of 76
// sentences come out so.
//
// RepairFiniteVerb restores the constraint after tagging: when a sentence
// has no finite verb or auxiliary at all, its first past participle (VBN)
// right after a noun, proper noun or pronoun is re-tagged as a finite past
// verb (VBD), which is the only reading that gives the sentence a clause.
#pragma once

#include "entente/document.h"

namespace entente::pipeline {

// True when a tag was changed.  Reads and writes upos, xpos and feats only.
// A sentence of fewer than three words (headline fragments, captions) is
// left alone.
bool RepairFiniteVerb(Sentence* s);

}  // namespace entente::pipeline
