// Versioned binary model files (internal).
//
// Layout, little-endian:
//   magic    8 bytes  "ENTENTE\x01"
//   u32      container format version (kContainerVersion)
//   string   kind, e.g. "tagger", "parser"
//   u32      kind version (the model's own format version)
//   u32      number of metadata entries, then that many (string key, string value)
//   u64      payload length, then the payload bytes
//   u32      CRC-32 (zlib) of every byte before it
// A string is a u32 length followed by its bytes.
//
// ModelReader checks magic, versions, length and checksum before handing out
// the payload, so a truncated, corrupt or mismatched file is a clean
// kCorruptModel Status naming the file, never a crash.  Reads past the end of
// the payload set a sticky failure reported by status().
#pragma once

#include <cstdint>
#include <cstring>
#include <istream>
#include <ostream>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "entente/status.h"

namespace entente::model_io {

inline constexpr char kMagic[8] = {'E', 'N', 'T', 'E', 'N', 'T', 'E', '\x01'};
inline constexpr uint32_t kContainerVersion = 1;

class ModelWriter {
 public:
  ModelWriter(std::string kind, uint32_t kind_version)
      : kind_(std::move(kind)), kind_version_(kind_version) {}

  void SetMeta(std::string key, std::string value);

  void PutU8(uint8_t v) { payload_.push_back(static_cast<char>(v)); }
  void PutU32(uint32_t v) { PutRaw(&v, sizeof v); }
  void PutU64(uint64_t v) { PutRaw(&v, sizeof v); }
  void PutI32(int32_t v) { PutRaw(&v, sizeof v); }
  void PutF32(float v) { PutRaw(&v, sizeof v); }
  void PutString(std::string_view s) {
    PutU32(static_cast<uint32_t>(s.size()));
    payload_.append(s);
  }
  template <typename T>
  void PutVector(const std::vector<T>& v) {  // trivially copyable T only
    PutU64(v.size());
    PutRaw(v.data(), v.size() * sizeof(T));
  }
  void PutRaw(const void* p, size_t n) { payload_.append(static_cast<const char*>(p), n); }

  Status WriteTo(std::ostream& out, std::string_view name) const;
  // Writes the file through WriteFileReplacing (util/file_util.h).
  Status WriteFile(const std::string& path) const;

 private:
  std::string kind_;
  uint32_t kind_version_;
  std::vector<std::pair<std::string, std::string>> meta_;
  std::string payload_;
};

class ModelReader {
 public:
  // Reads and verifies a whole model.  `name` is used in messages.
  static Result<ModelReader> FromStream(std::istream& in, std::string_view name,
                                        std::string_view expected_kind,
                                        uint32_t expected_kind_version);
  static Result<ModelReader> FromFile(const std::string& path, std::string_view expected_kind,
                                      uint32_t expected_kind_version);

  const std::vector<std::pair<std::string, std::string>>& meta() const { return meta_; }
  std::string Meta(std::string_view key) const;  // "" when absent

  bool GetU8(uint8_t* v) { return GetRaw(v, 1); }
  bool GetU32(uint32_t* v) { return GetRaw(v, sizeof *v); }
  bool GetU64(uint64_t* v) { return GetRaw(v, sizeof *v); }
  bool GetI32(int32_t* v) { return GetRaw(v, sizeof *v); }
  bool GetF32(float* v) { return GetRaw(v, sizeof *v); }
  bool GetString(std::string* s);
  template <typename T>
  bool GetVector(std::vector<T>* v) {
    uint64_t n = 0;
    if (!GetU64(&n)) return false;
    if (n > (payload_.size() - pos_) / sizeof(T)) return Fail("vector length exceeds payload");
    v->resize(n);
    return GetRaw(v->data(), n * sizeof(T));
  }
  bool GetRaw(void* p, size_t n) {
    if (failed_) return false;
    if (n > payload_.size() - pos_) return Fail("truncated payload");
    if (n) std::memcpy(p, payload_.data() + pos_, n);
    pos_ += n;
    return true;
  }
  bool AtEnd() const { return pos_ == payload_.size(); }
  // Records a semantic error found by the model's own loader.
  bool Fail(std::string_view why);
  // OK, or kCorruptModel naming the file and the first failure.
  Status status() const;

 private:
  std::string name_;
  std::vector<std::pair<std::string, std::string>> meta_;
  std::string payload_;
  size_t pos_ = 0;
  bool failed_ = false;
  std::string failure_;
};

}  // namespace entente::model_io
