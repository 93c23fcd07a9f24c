// Internal to the CLI: output files written under a temporary name and
// renamed into place on success, so a crash never leaves a half file.
#pragma once

#include <fstream>
#include <iostream>
#include <memory>
#include <string>

#include "entente/status.h"

namespace entente::cli {

class Output {
 public:
  // path "" or "-" writes to stdout.
  static Result<std::unique_ptr<Output>> Open(const std::string& path);
  ~Output();  // an uncommitted file is removed
  std::ostream& stream() { return file_ ? *file_ : std::cout; }
  // Flushes, closes and renames the temporary file into place.
  Status Commit();

 private:
  std::string path_, tmp_;
  std::unique_ptr<std::ofstream> file_;
  bool committed_ = false;
};

}  // namespace entente::cli
