// Internal to the CLI: output files written under a temporary name and
// renamed into place on success, so a crash never leaves a half file.
#pragma once

#include <fstream>
#include <iostream>
#include <memory>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>

#include "entente/reader.h"
#include "entente/status.h"

namespace entente::cli {

class Output {
 public:
  // path "" or "-" writes to stdout.  A path that is a device, pipe or
  // socket (/dev/null, a FIFO) is written in place, never replaced.
  static Result<std::unique_ptr<Output>> Open(const std::string& path);
  ~Output();  // an uncommitted file is removed
  std::ostream& stream() { return file_ ? *file_ : std::cout; }
  // Flushes, closes and renames the temporary file into place.
  Status Commit();

 private:
  std::string path_, tmp_;
  std::unique_ptr<std::ofstream> file_;
  bool committed_ = false;
  bool direct_ = false;  // not a regular file: written in place, never renamed
};

// Registers the input arguments OpenInputs takes: positional files or
// folders, and --input-format (default "auto").
void AddInputOptions(CLI::App* sub, std::vector<std::string>* inputs, std::string* input_format);

// Registers the resource limits of `entente code` and `entente parse` on
// `sub`: --max-document-bytes (accepts 4096, 64K, 16M; K/M/G are powers of
// 1024) into *max_document_bytes and --max-sentence-tokens into
// *max_sentence_tokens.  Their defaults are the values the pointers hold,
// which should be the library's: ReadOptions::max_document_bytes (16 MiB)
// and TokenizerOptions::max_sentence_tokens (500; 0 = no limit).
void AddLimitOptions(CLI::App* sub, size_t* max_document_bytes, size_t* max_sentence_tokens);

// Opens a command's inputs ("-", standard input, when none are given) in
// the named format ("auto", "jsonl", ...), with records larger than
// max_document_bytes skipped.  Each bad record is printed on stderr as
// "entente VERB: ..." unless quiet; the reader counts it either way
// (ReadStats::skipped, and ReadStats::oversized for records over the size
// limit).  Fails with kInvalidArgument on an unknown format, a zero limit or
// no usable input.
Result<std::unique_ptr<DocumentReader>> OpenInputs(const char* verb, const std::vector<std::string>& inputs,
                                                   const std::string& input_format, bool quiet,
                                                   size_t max_document_bytes = ReadOptions{}.max_document_bytes);

}  // namespace entente::cli
