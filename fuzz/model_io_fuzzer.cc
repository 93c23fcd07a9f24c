// ModelReader::FromStream on raw bytes, then the payload getters.
//
// Input: byte 0 bit 0 set -> the last 4 bytes are replaced by the right
// CRC-32 of the bytes before them (so header parsing beyond the checksum is
// reached); the rest is the file.  The expected kind is "fuzz" version 1
// (seeds are written that way); byte 0 bit 1 asks for "tagger" version 2 instead.
// After a successful load, byte 0's upper bits choose a sequence of getters.
#include <zlib.h>

#include <cstring>
#include <sstream>

#include "fuzz_common.h"
#include "util/model_io.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size < 1) return 0;
  const uint8_t mode = data[0];
  std::string file(entente::fuzz::AsView(data + 1, size - 1));
  if ((mode & 1) && file.size() >= 4) {
    uint32_t crc = static_cast<uint32_t>(
        crc32(crc32(0L, Z_NULL, 0), reinterpret_cast<const Bytef*>(file.data()),
              static_cast<uInt>(file.size() - 4)));
    std::memcpy(file.data() + file.size() - 4, &crc, 4);
  }
  std::istringstream in(file);
  auto r = (mode & 2) ? entente::model_io::ModelReader::FromStream(in, "fuzz.bin", "tagger", 2)
                      : entente::model_io::ModelReader::FromStream(in, "fuzz.bin", "fuzz", 1);
  if (!r.ok()) {
    ENTENTE_FUZZ_CHECK(r.status().code() == entente::Code::kCorruptModel, "kCorruptModel");
    return 0;
  }
  (void)r->Meta("fuzz");
  uint32_t ops = mode >> 2;
  for (int i = 0; i < 64; ++i) {
    bool ok = true;
    switch ((ops + i) % 6) {
      case 0: { uint8_t v; ok = r->GetU8(&v); break; }
      case 1: { uint32_t v; ok = r->GetU32(&v); break; }
      case 2: { uint64_t v; ok = r->GetU64(&v); break; }
      case 3: { std::string s; ok = r->GetString(&s); break; }
      case 4: { std::vector<uint32_t> v; ok = r->GetVector(&v); break; }
      case 5: { std::vector<uint64_t> v; ok = r->GetVector(&v); break; }
    }
    if (!ok) {
      ENTENTE_FUZZ_CHECK(!r->status().ok(), "a failed get is sticky in status()");
      break;
    }
  }
  return 0;
}
