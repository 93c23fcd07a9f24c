// Wraps a fuzzed payload in a valid model container (right magic, kind,
// version, length and CRC-32), so that the fuzzer spends its time in the
// model's own payload reader instead of being stopped by the checksum.
#pragma once

#include <sstream>
#include <string>
#include <string_view>

#include "util/model_io.h"

namespace entente::fuzz {

inline std::string WrapPayload(std::string_view kind, uint32_t kind_version, std::string_view payload) {
  model_io::ModelWriter w{std::string(kind), kind_version};
  w.SetMeta("fuzz", "1");
  w.PutRaw(payload.data(), payload.size());
  std::ostringstream out;
  (void)w.WriteTo(out, "fuzz.bin");
  return std::move(out).str();
}

}  // namespace entente::fuzz
