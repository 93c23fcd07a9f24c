// entente/reader.h -- streaming readers of news articles and annotated records.
//
// A DocumentReader turns files, folders or standard input into a stream of
// Documents (entente/document.h), one record at a time:
//
//   ReadOptions opts;
//   opts.on_error = [](const Status& s) { fmt::print(stderr, "{}\n", s.ToString()); };
//   auto r = DocumentReader::Open({"news/", "extra.jsonl"}, opts);
//   if (!r.ok()) return r.status();          // only bad arguments fail Open()
//   Document doc;
//   while ((*r)->Next(&doc)) Process(doc);
//
// Formats (InputFormat; kAuto picks one per file, see below):
//
//   kText         One document per file.  id = file name without its last
//                 extension ("-" for stdin reads as id "stdin").  If the first
//                 line is followed by a blank line, is at most 300 bytes and
//                 does not end in sentence punctuation (. ! ? ; : ,), it is the
//                 title and is removed from the text.  The text keeps its
//                 paragraph structure (line breaks); leading and trailing
//                 blank lines are dropped.
//   kJsonl        One JSON object per line (simdjson).  Field names are set in
//                 ReadOptions (id, date, source, url, title, text).  Also read:
//                 "parse", "parse_format" and "expected" (a list of
//                 {source, target, code, ...} objects -> Annotations named
//                 "expected" whose attributes are the object's members, in
//                 order; non-string values written as JSON text).  Every other
//                 member goes to Document::meta: strings unescaped,
//                 numbers/booleans/arrays/objects as minified JSON text, null
//                 dropped.  A missing id becomes "<file stem>-<line>".  A
//                 missing or empty text is rebuilt from "parse" when there is
//                 one (see "Text from a parse" below), else the line is skipped
//                 (kEmpty).  Blank lines are ignored.  A file whose first line
//                 starts with '[' is read as one JSON array of such objects
//                 (whole, so limited to max_document_bytes; "line" numbers are
//                 then item numbers).
//   kPetrarchXml  PETRARCH / UniversalPetrarch validation and input XML.  Every
//                 <Sentence ...> element is a record: id, date, source
//                 attributes -> fields, every other attribute -> meta;
//                 <Text> -> text with all whitespace runs collapsed to one
//                 space; <Parse> -> parse (trimmed) with parse_format "ptb" when
//                 it starts with '(' and "conllu" when its first line is a
//                 CoNLL-U word line or comment; any other child element
//                 (<EventCoding>, <PLEvent>, ...) -> an Annotation with the
//                 element's name and attributes verbatim.  An empty <Text> is
//                 rebuilt from the parse when there is one.  Elements outside
//                 <Sentence> (<Environment>, <Config>, ...) and comments are
//                 ignored.  The reader is lenient where the published suites
//                 are not well-formed XML: comments may contain "--"; a
//                 self-closed <Sentence .../> followed by its children and a
//                 stray </Sentence> (or the end of the enclosing element) is
//                 read as if it were not self-closed; "<PLEvent {json}>" is read
//                 as <PLEvent json="{json}"/>.  Each record is parsed by expat
//                 on its own, so one malformed record is skipped (kParseError,
//                 naming its line) and the next one is read; input ending
//                 inside a record is reported as truncated.  A DOCTYPE that
//                 declares entities is refused (kUnsupported, whole file
//                 skipped): no entity is ever expanded, and references to
//                 undefined entities make their record malformed.  Input must
//                 be UTF-8 (or ASCII), whatever the XML declaration says.
//   kTabari       TABARI .text records: a header line "<date> <id> [more]",
//                 the date being a run of 6 or more digits (YYMMDD or
//                 YYYYMMDD; other lengths are kept as bad dates) and [more]
//                 going to meta "header_rest"; then text lines up to a blank
//                 line or a "/*" comment (which may start mid-line).  Lines
//                 between the comment's "*/" and the blank line belong to the
//                 comment; a blank line ends the record even inside an unclosed
//                 comment (a warning).  Lines starting with '#' outside records
//                 are comments; other stray lines outside records are reported
//                 and skipped.  Inside a record's comment, "{ SRC / TGT / CODE }"
//                 becomes an Annotation "expected" (attributes source, target,
//                 code, and disabled="true" when written "-{...}"),
//                 "{ OPTION: ... }" an Annotation "option" (attribute text) and
//                 any other "{...}" (e.g. "{+++}") an Annotation "special"
//                 (attribute text).  Text lines are joined by single spaces.
//   kConllu       CoNLL-U via ConlluReader (entente/conllu.h).  A "# newdoc"
//                 comment starts a document (id from "# newdoc id = X", else
//                 "<stem>-<n>"); a file without one is one document, cut into
//                 parts "<stem>#2", ... whenever its text reaches
//                 max_document_bytes.  Document::sentences holds the sentences;
//                 Document::text is rebuilt from the word forms (multiword
//                 token forms where present) and SpaceAfter=No, sentences
//                 separated by one space, and Token/Sentence begin/end are set
//                 to byte offsets into that text.  Forms are kept verbatim (not
//                 put through the text hygiene below); malformed sentences are
//                 skipped by ConlluReader and counted.
//
// Text from a parse: when a record has no text but a parse, the text is the
// PTB leaves joined by spaces (-LRB- etc. mapped back) or the CoNLL-U forms
// with SpaceAfter=No, and meta gets ("text_from", "parse").
//
// Auto-detection (kAuto): by extension -- .txt -> text; .jsonl .ndjson .json ->
// JSONL; .xml -> PETRARCH XML; .conllu .conll -> CoNLL-U -- and by sniffing
// the first bytes for any other extension (.text, none, stdin): '{' or '[' ->
// JSONL; '<' -> XML; a first non-'#' line "NNNNNN ID" -> TABARI; a line
// "1<TAB>..." or "# sent_id"/"# newdoc" -> CoNLL-U; otherwise text.
//
// Text hygiene, applied to every text field read (text, title, ids, meta
// values, ...), see also NormalizeText():
//   * input must be UTF-8: a record with invalid UTF-8 is skipped and reported
//     as kEncodingError naming the file and the line of the first bad byte;
//   * a byte-order mark is dropped; CRLF and lone CR become LF; U+2028/U+2029
//     become LF;
//   * U+00A0 and the other Unicode space characters become ' ';
//   * control characters other than TAB and LF (C0, DEL, C1), U+FEFF and
//     U+200B are removed;
//   * the result is in Unicode NFC (utf8proc).  Curly quotes, dashes and other
//     punctuation are kept as they are.
// A file that is empty (or blank) is reported as kEmpty.  A file is binary
// (kEncodingError) when its first 8 KiB hold at least 4 NUL bytes making over
// 1% of them, or over 10% C0 control bytes other than TAB, LF, CR, FF, VT and
// ESC, or when it starts with a UTF-16/UTF-32 byte-order mark.  Both are
// skipped and counted; a few stray NULs in text are simply removed.
//
// Dates are normalised with NormalizeDate(); a date that cannot be read or
// names an impossible day keeps the document, leaves Document::date empty,
// keeps the original text in meta as ("date_raw", ...) and is reported
// (kParseError) and counted in ReadStats::warnings.
//
// Errors: Next() never stops for bad input.  Each problem is passed to
// ReadOptions::on_error as a Status whose message starts "file:line: ", and is
// counted: a record or file that is dropped in ReadStats::skipped, a problem
// that keeps the record in ReadStats::warnings.  A missing path is reported
// the same way (kNotFound) when the reader reaches it.
//
// Memory: files are streamed through a 1 MiB buffer; a record is held in
// memory only up to max_document_bytes.  A longer line, record or text file
// is skipped (kLimitExceeded) while being read, without being held whole.
// (CoNLL-U lines are read by ConlluReader and are not subject to this limit.)
//
// Thread safety: a DocumentReader is used from one thread at a time.
// NormalizeDate and NormalizeText are thread-safe.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <istream>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "entente/document.h"
#include "entente/status.h"

namespace entente {

enum class InputFormat { kAuto, kText, kJsonl, kPetrarchXml, kTabari, kConllu };

// "auto", "text", "jsonl", "xml", "tabari", "conllu".
std::string_view InputFormatName(InputFormat f);
// Parses the names above (also "petrarch", "json", "ndjson", "txt", "conll").
Result<InputFormat> ParseInputFormat(std::string_view name);

struct ReadOptions {
  // Format of every input; kAuto decides per file (see above).
  InputFormat format = InputFormat::kAuto;

  // JSONL member names.
  std::string id_field = "id";
  std::string date_field = "date";
  std::string source_field = "source";
  std::string url_field = "url";
  std::string title_field = "title";
  std::string text_field = "text";

  // Largest record (JSONL line, XML <Sentence>, TABARI record, text file)
  // accepted, in bytes.  Default 16 MiB.  Larger records are skipped and
  // reported as kLimitExceeded.
  size_t max_document_bytes = size_t{16} << 20;

  // Receives every error and warning; may be empty (problems are then only
  // counted).  Called on the thread that calls Next().
  std::function<void(const Status&)> on_error;

  // Walk folders recursively (default).  When false only the files directly
  // in a folder are read.  Names starting with '.' are always skipped.
  bool recursive = true;
};

struct ReadStats {
  uint64_t files = 0;       // files (and stdin) opened
  uint64_t documents = 0;   // documents returned by Next()
  uint64_t skipped = 0;     // records or whole files dropped because of an error
  uint64_t oversized = 0;   // of `skipped`: records over max_document_bytes (kLimitExceeded)
  uint64_t warnings = 0;    // problems that kept the record (e.g. a bad date)
  uint64_t bytes_read = 0;  // input bytes consumed so far
};

class DocumentReader {
 public:
  // `paths`: files, folders (walked in sorted byte order of names, so the
  // order is deterministic) or "-" for standard input.  Fails only when
  // `paths` is empty or an option is invalid (kInvalidArgument); unreadable
  // paths are reported through on_error while reading.
  static Result<std::unique_ptr<DocumentReader>> Open(std::vector<std::string> paths,
                                                      ReadOptions options);

  // Reads from a stream the caller owns, which must outlive the reader.
  // `name` is used as Document::origin and in messages.  With kAuto the format
  // is guessed from `name`'s extension, else sniffed.
  static Result<std::unique_ptr<DocumentReader>> FromStream(std::istream* in, std::string name,
                                                            ReadOptions options);

  ~DocumentReader();
  DocumentReader(const DocumentReader&) = delete;
  DocumentReader& operator=(const DocumentReader&) = delete;

  // Replaces *doc by the next document and returns true; returns false at the
  // end of all inputs.
  bool Next(Document* doc);

  const ReadStats& stats() const;

  // Sum of the sizes of the regular input files (known after Open(), for
  // progress and ETA); stdin and streams count 0.
  uint64_t total_bytes() const;

 private:
  struct Impl;
  explicit DocumentReader(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

// Normalises a date to ISO 8601.  Accepted:
//   "20080804", "2008-08-04", "2008/08/04"            -> "2008-08-04"
//   "080804" (TABARI YYMMDD; years 69-99 are 1969-1999, 00-68 are 2000-2068,
//             as POSIX strptime %y)                    -> "2008-08-04"
//   "Aug 4, 2008", "August 4 2008", "4 August 2008", "4 Aug. 2008"
//   "2023-01-30T08:15:00Z", "2023-01-30 08:15", "...T08:15:00.250+01:00"
//                                                     -> "2023-01-30T08:15:00Z" etc.
//   RFC 2822 "Mon, 30 Jan 2023 08:15:00 +0000"        -> "2023-01-30T08:15:00Z"
// A date-time keeps its seconds fraction; a zone is written "Z" (for UTC, GMT,
// UT, +0000) or "+HH:MM".  Fails with kParseError for unreadable text and
// for impossible dates or times ("2023-02-30", "25:00").
Result<std::string> NormalizeDate(std::string_view text);

// Cleans text as described above ("Text hygiene") and appends it to *out.
// On invalid UTF-8 returns kEncodingError and sets *bad_offset (if not null)
// to the offset of the first bad byte in `in`; *out is then unspecified.
Status NormalizeText(std::string_view in, std::string* out, size_t* bad_offset = nullptr);

}  // namespace entente
