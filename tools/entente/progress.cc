#include "progress.h"

#include <fmt/core.h>

#include <cstdio>

namespace entente::cli {

Progress::Progress(std::string verb, bool enabled, uint64_t total_bytes)
    : verb_(std::move(verb)), enabled_(enabled), total_bytes_(total_bytes),
      start_(std::chrono::steady_clock::now()), last_(start_) {}

void Progress::Update(uint64_t documents, uint64_t bytes_read) {
  if (!enabled_) return;
  auto now = std::chrono::steady_clock::now();
  if (now - last_ < std::chrono::seconds(2)) return;
  last_ = now;
  const double secs = std::chrono::duration<double>(now - start_).count();
  std::string line = fmt::format("entente {}: {} documents, {:.0f} documents/s", verb_, documents,
                                 secs > 0 ? documents / secs : 0.0);
  if (total_bytes_ > 0 && bytes_read > 0) {
    const double frac = static_cast<double>(bytes_read) / static_cast<double>(total_bytes_);
    const double eta = frac > 0 ? secs * (1.0 - frac) / frac : 0.0;
    line += fmt::format(", {:.1f}%, ETA {:.0f} s", 100.0 * frac, eta);
  }
  std::fprintf(stderr, "%s\n", line.c_str());
}

void Progress::Finish(uint64_t documents) {
  if (!enabled_) return;
  const double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
  std::fprintf(stderr, "entente %s: done, %llu documents in %.1f s\n", verb_.c_str(),
               static_cast<unsigned long long>(documents), secs);
}

}  // namespace entente::cli
