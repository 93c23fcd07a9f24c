// entente/tokenizer.h -- sentence splitting and tokenisation of English text.
//
// A rule-based segmenter that follows the conventions of UD English EWT v2:
//
//   * punctuation is split off words: "(Reuters)" -> ( Reuters )
//   * hyphens are separate tokens: "U.S.-led" -> U.S. - led, except after a
//     short list of bound prefixes ("e-mail", "co-workers", "non-human"), in
//     phone numbers ("713-853-3989") and in codes mixing letters and digits
//   * clitics are split into syntactic words of one multiword token
//     (Sentence::multiword): "don't" -> do n't, "Today's" -> Today 's,
//     "parents'" -> parents ', "cannot" -> can not, "gonna" -> gon na; the
//     curly apostrophe (U+2019) works like "'"
//   * numbers stay whole ("3.5", "1,000", "9/11", "713-853-3989"); currency
//     and percent signs, units and multipliers are split off ("$" "8.95",
//     "10" "%", "5" "kg", "65" "k", "4:30" "pm"); fractions and ranges are
//     split ("1 / 2", "5 - 10"); a leading minus is split ("-" "5"), as in EWT
//   * slashes between words are split ("and / or"), as are runs of the same
//     punctuation kept together ("!!!", "***", "<<", "''")
//   * abbreviations keep their period ("U.S.", "Gen.", "Jan.", "M.", "a.m.");
//     at the end of a sentence the period is split off ("... in the U.S"
//     "."), as in EWT.  A compact built-in list (titles, months, weekdays,
//     AP state abbreviations, Inc./Corp./Co./Ltd., etc., e.g., a.m./p.m.)
//     plus rules (single capitals; 1-2 letter parts joined by periods)
//     decides; an unknown word keeps no period ("approx" is listed, "Spec."
//     is not).
//   * URLs, e-mail addresses and common emoticons are single tokens.
//
// Sentences end after . ! ? ... (plus closing quotes, brackets and emoticons)
// when the next token can start a sentence (not lower case, except a URL;
// "? "/"! " and ". " after an ordinary lower-case word also end before lower
// case, as web text needs), after an abbreviation when the next word is a
// typical sentence opener ("The", "He", ...; after "a.m."/"p.m."/"etc." any
// capitalised word but a weekday, month or time zone), never after titles
// ("Mr.", "Gen.") or before a number after a month ("Jan. 30"), not after a
// lone list marker ("1. The ..."), and always at a paragraph break (two or
// more '\n' in a whitespace run).  A headline without final punctuation followed by a blank
// line is therefore its own sentence.  A dateline such as
// "SEOUL, Jan. 30 (Reuters) -" stays at the start of the first sentence.
//
// Offsets and forms: every word's form equals
// text.substr(begin, end - begin): the segmenter never rewrites text, so
// "n't", "’s" and "gon"/"na" are literal slices.  A sentence's `text` is the
// slice [begin, end) of the input, so it keeps inner line breaks verbatim.
//
// space_after follows the CoNLL-U reader (entente/conllu.h): a word outside
// a multiword token has space_after == false when the next token starts
// right at its end.  Words inside a multiword token keep space_after == true
// and the multiword token carries "SpaceAfter=No" in its `misc` instead, as
// CoNLL-U prescribes.
//
// Thread safety: a Tokenizer is immutable after construction; its const
// methods may be called from many threads at once.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "entente/document.h"
#include "entente/status.h"

namespace entente {

struct TokenizerOptions {
  // A sentence that reaches this many words is cut there (at a token
  // boundary) and the rest starts a new sentence; counted in
  // SegmentStats::cut_sentences.  0 means no limit.
  size_t max_sentence_tokens = 500;
  // Split clitics into multiword tokens ("don't" -> do n't).  When false,
  // "don't" stays one word.
  bool split_contractions = true;
  // Also split apostrophe-less web spellings as EWT does: "dont" -> do nt,
  // "im" -> i m, "youre" -> you re.  Harmless on news; helps on web text.
  bool split_informal_contractions = true;
  // Treat every line break as a paragraph break (for inputs that put one
  // paragraph per line).  Default: only blank lines separate paragraphs.
  bool newline_is_paragraph = false;
};

// What one call did.
struct SegmentStats {
  size_t sentences = 0;
  size_t tokens = 0;          // surface tokens (a multiword token counts once)
  size_t words = 0;           // syntactic words (Sentence::tokens entries)
  size_t cut_sentences = 0;   // sentences cut at max_sentence_tokens
  size_t skipped_bytes = 0;   // input beyond the 4 GiB offset range, ignored
  SegmentStats& operator+=(const SegmentStats& o) {
    sentences += o.sentences;
    tokens += o.tokens;
    words += o.words;
    cut_sentences += o.cut_sentences;
    skipped_bytes += o.skipped_bytes;
    return *this;
  }
};

class Tokenizer {
 public:
  explicit Tokenizer(TokenizerOptions opts = {});

  // Replaces doc->sentences with the segmentation of doc->text.  Sentence
  // ids are "<doc->id>-<n>" (n from 1; just "<n>" when doc->id is empty);
  // each sentence gets text, begin/end
  // and words with form, begin/end and space_after; other Token fields stay
  // empty.  Text beyond 4 GiB is not segmented (counted in skipped_bytes).
  SegmentStats Segment(Document* doc) const;

  // Same on a bare string: *out is replaced; ids are "<n>"; offsets index
  // into `text`.
  SegmentStats Segment(std::string_view text, std::vector<Sentence>* out) const;

  const TokenizerOptions& options() const { return opts_; }

 private:
  TokenizerOptions opts_;
};

// ---------------------------------------------------------------------------
// Evaluation, CoNLL 2018 shared task style.
//
// Gold and predicted sentences are aligned over the concatenation of their
// tokens' non-whitespace characters (bytes here; equivalent for matching),
// which must be identical.  Tokens are surface tokens (a multiword token
// counts once), words are syntactic words, sentences are spans; a unit is
// correct when its span matches exactly.  Words inside a multiword token are
// matched by (span of the surface token, lower-cased form), a simplification
// of the official LCS alignment that agrees with it when forms are slices.

struct SegmentCounts {
  size_t gold = 0, predicted = 0, correct = 0;
  double precision() const { return predicted ? 100.0 * correct / predicted : 0.0; }
  double recall() const { return gold ? 100.0 * correct / gold : 0.0; }
  double f1() const { return gold + predicted ? 200.0 * correct / (gold + predicted) : 0.0; }
};

struct SegmentScores {
  SegmentCounts tokens, words, sentences;
};

// Fails with kInvalidArgument (naming the first differing character) when
// the two sides do not cover the same non-whitespace text.
Result<SegmentScores> EvaluateSegmentation(const std::vector<Sentence>& gold,
                                           const std::vector<Sentence>& predicted);

// Raw text of a treebank for evaluation, as in CoNLL 2018: the "# text" of
// each sentence; sentences of one paragraph joined by a space, paragraphs
// ("# newpar") and documents ("# newdoc") separated by a blank line, and a
// final '\n'.  The segmenter thus sees paragraph breaks (as CoNLL 2018
// systems did) but no line breaks inside paragraphs.
std::string RawTextOfTreebank(const std::vector<Sentence>& gold);

}  // namespace entente
