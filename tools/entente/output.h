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

// Opens a command's inputs ("-", standard input, when none are given) in
// the named format ("auto", "jsonl", ...).  Each bad record is printed on
// stderr as "entente VERB: ..." unless quiet; the reader counts it either way.
// Fails with kInvalidArgument on an unknown format or no usable input.
Result<std::unique_ptr<DocumentReader>> OpenInputs(const char* verb, const std::vector<std::string>& inputs,
                                                   const std::string& input_format, bool quiet);

}  // namespace entente::cli
