// entente/document.h -- the unit of work: a news article and its analysis.
//
// A Document owns its text and, once segmented, its sentences; a Sentence
// owns a flat array of Tokens.  The fields follow CoNLL-U (10 columns), so a
// sentence read from a treebank, produced by the pipeline, or written back
// out round-trips without loss.
//
// Offsets: Token::begin/end and Sentence::begin/end are byte offsets into
// Document::text (UTF-8, NFC-normalised by the readers).  They are 0/0 when
// the tokens did not come from the document text (e.g. read from CoNLL-U).
//
// Thread safety: plain values.  Distinct Documents may be processed on
// distinct threads; one Document must not be mutated from two threads.
#pragma once

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace entente {

struct Token {
  std::string form;
  std::string lemma;    // "_" in CoNLL-U when unknown -> empty here
  std::string upos;     // Universal POS tag (NOUN, VERB, ...); empty = unknown
  std::string xpos;     // language-specific tag (Penn Treebank for English)
  std::string feats;    // morphological features, "_" -> empty
  int head = -1;        // 1-based index of the head token; 0 = root; -1 = unknown
  std::string deprel;   // UD relation, e.g. "nsubj", "obl:tmod"; empty = unknown
  std::string deps;     // enhanced dependencies, kept verbatim
  std::string misc;     // MISC column, kept verbatim
  bool space_after = true;  // from/to SpaceAfter=No in MISC; wins over `misc` on output
  uint32_t begin = 0;   // byte offset of the token in Document::text
  uint32_t end = 0;     // one past the last byte
};

// A CoNLL-U multiword token ("1-2 don't"), kept so files round-trip.
struct MultiwordToken {
  int first = 0;  // 1-based index of the first word it spans
  int last = 0;   // 1-based index of the last word
  std::string form;
  std::string misc;
};

struct Sentence {
  std::string id;              // "# sent_id" or "<docid>-<n>"
  std::string text;            // "# text": the sentence's own text
  // Every "# key = value" comment line in input order, sent_id and text
  // included (the writer takes their values from `id` and `text`).
  std::vector<std::pair<std::string, std::string>> comments;
  std::vector<Token> tokens;   // words; tokens[i] has CoNLL-U ID i+1
  std::vector<MultiwordToken> multiword;
  // CoNLL-U empty nodes ("8.1\t..."), kept verbatim so files round-trip; the
  // pipeline ignores them.
  std::vector<std::string> empty_nodes;
  uint32_t begin = 0;          // byte offsets in Document::text
  uint32_t end = 0;
};

// One element of structured annotation carried by an input record, e.g. a
// PETRARCH <EventCoding sourcecode=".." targetcode=".." eventcode=".."/>.
struct Annotation {
  std::string name;                                            // element name
  std::vector<std::pair<std::string, std::string>> attributes; // in input order
};

struct Document {
  std::string id;        // article id; readers make one up when the input has none
  std::string date;      // ISO 8601: "2023-01-30" or "2023-01-30T08:15:00Z"; empty if unknown
  std::string source;    // publisher or wire, e.g. "AFP"
  std::string url;
  std::string title;
  std::string text;      // UTF-8, NFC, the article body

  // Provenance: where the record started.
  std::string origin;    // file path, or "-" for stdin
  uint64_t line = 0;     // 1-based line of the record's start in `origin`

  // Parses carried by the input (PETRARCH <Parse>, normalized JSONL "parse").
  std::string parse;         // verbatim
  std::string parse_format;  // "ptb", "conllu" or empty

  // Further attributes of the record (e.g. category="DEMO", evaluate="true").
  std::vector<std::pair<std::string, std::string>> meta;
  // Structured annotations of the record (e.g. PETRARCH <EventCoding>).
  std::vector<Annotation> annotations;

  std::vector<Sentence> sentences;  // filled by segmentation or a CoNLL-U reader
};

}  // namespace entente
