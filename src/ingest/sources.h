// Per-format record sources behind DocumentReader (internal).
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "entente/reader.h"
#include "ingest/input_buffer.h"

namespace entente::ingest {

// What a source needs to know about the file it reads and where its
// problems go.
struct Context {
  const ReadOptions* opts = nullptr;
  ReadStats* stats = nullptr;
  std::string origin;  // path, or "-"
  std::string stem;    // file name without directory and last extension

  // A record or file dropped.  kLimitExceeded is reserved for records over
  // max_document_bytes (counted in ReadStats::oversized too).
  void Skip(Code code, uint64_t line, std::string_view msg) const;
  // A problem that keeps the record.
  void Warn(Code code, uint64_t line, std::string_view msg) const;

  // NormalizeText(in) into *out (cleared first).  On invalid UTF-8 reports
  // kEncodingError at the line of the bad byte (line + newlines before it)
  // and returns false: the caller skips the record.
  bool Clean(std::string_view in, uint64_t line, std::string* out) const;
  // Normalises `raw` into doc->date; on failure warns, keeps "date_raw" meta.
  void SetDate(std::string_view raw, uint64_t line, Document* doc) const;
};

class Source {
 public:
  virtual ~Source() = default;
  // Next document of this input; false at its end.
  virtual bool Next(Document* doc) = 0;
};

std::unique_ptr<Source> NewTextSource(const Context* ctx, InputBuffer* in);
std::unique_ptr<Source> NewJsonlSource(const Context* ctx, InputBuffer* in);
std::unique_ptr<Source> NewXmlSource(const Context* ctx, InputBuffer* in);
std::unique_ptr<Source> NewTabariSource(const Context* ctx, InputBuffer* in);
std::unique_ptr<Source> NewConlluSource(const Context* ctx, InputBuffer* in);

// Clears every field of *doc, keeping allocated capacity where it can.
void ResetDocument(Document* doc);

// Collapses every run of spaces, tabs and newlines to one space and trims.
void CollapseWhitespace(std::string* s);

// Surface text rebuilt from a parse ("ptb": the leaves joined by spaces;
// "conllu": the forms with SpaceAfter=No); empty for other formats.
std::string TextFromParse(std::string_view parse, std::string_view format);

// Guesses the format of a stream from its first bytes (BOM already dropped).
InputFormat SniffFormat(std::string_view head);

}  // namespace entente::ingest
