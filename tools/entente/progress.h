// Internal to the CLI: progress on stderr for long runs.
#pragma once

#include <chrono>
#include <cstdint>
#include <string>

namespace entente::cli {

class Progress {
 public:
  // total_bytes 0 = unknown (no ETA).
  Progress(std::string verb, bool enabled, uint64_t total_bytes);
  // At most one line every two seconds: documents, documents/s, % and ETA.
  void Update(uint64_t documents, uint64_t bytes_read);
  void Finish(uint64_t documents);

 private:
  std::string verb_;
  bool enabled_;
  uint64_t total_bytes_;
  std::chrono::steady_clock::time_point start_, last_;
};

}  // namespace entente::cli
