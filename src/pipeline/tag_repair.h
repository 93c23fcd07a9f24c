// Tag repairs: constraints of English syntax that a greedy tagger cannot
// see (internal to the pipeline).
//
// The tagger decides one word at a time, left to right, and is trained on
// web text (UD English EWT).  On newswire it makes errors that no sentence
// can have, and the parser follows them, losing the event:
//
//  * No finite verb.  "Hamas fired rockets at Israel." and "The army
//    attacked the city." come out as noun phrases (fired/attacked VBN,
//    "Hamas-fired rockets"): no clause, no subject.  On the gigaword sample
//    3 of 76 sentences come out so.  The same holds for the reported clause
//    before a closing attribution: "Syrian rebels engaged Filipino
//    peacekeepers in a firefight, officials said." (engaged VBN).
//  * A finite verb inside a noun phrase.  "the two exiled dissidents"
//    (exiled VBD): between a determiner or numeral and a noun, a past form
//    is a participle.  In EWT's training gold no word ending in -ed is VBD
//    there (0 of 179).
//
//  * A hyphen inside a word.  "government-held" is split as EWT splits it,
//    and the tagger sometimes tags the hyphen as a comma; the parser then
//    ends the noun phrase there ("bombarded a government , held part").  In
//    EWT's training gold a hyphen joined to a letter before and a lower-case
//    letter after is HYPH 439 times in 457.
//
// RepairTags applies all three: such a hyphen becomes HYPH (not between
// capitalised words: "Secretary-General" parses worse so); the first VBN right after a noun, proper noun or
// pronoun in a clause without any finite verb or auxiliary becomes VBD; a
// VBD between DET/NUM and NOUN becomes VBN.
#pragma once

#include "entente/document.h"

namespace entente::pipeline {

// Returns the number of tags changed.  Reads and writes upos, xpos and feats
// only.  Sentences (and reported clauses) of fewer than three words are left
// alone.
//
// The clauses checked for a finite verb: the whole sentence and, when it
// ends in an attribution -- a last comma followed by at most 8 words with a
// finite verb and no other comma ("..., defense and military officials
// said.") -- the words before that comma.
int RepairTags(Sentence* s);

}  // namespace entente::pipeline
