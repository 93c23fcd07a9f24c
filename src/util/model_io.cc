#include "util/model_io.h"
#include "util/file_util.h"

#include <zlib.h>

#include <cstdio>
#include <fstream>
#include <iterator>
#include <sstream>

namespace entente::model_io {
namespace {

void AppendU32(std::string* s, uint32_t v) { s->append(reinterpret_cast<const char*>(&v), 4); }
void AppendU64(std::string* s, uint64_t v) { s->append(reinterpret_cast<const char*>(&v), 8); }
void AppendString(std::string* s, std::string_view v) {
  AppendU32(s, static_cast<uint32_t>(v.size()));
  s->append(v);
}

uint32_t Crc(const std::string& bytes, size_t n) {
  uLong c = crc32(0L, Z_NULL, 0);
  size_t done = 0;
  while (done < n) {
    size_t chunk = std::min<size_t>(n - done, 1u << 30);
    c = crc32(c, reinterpret_cast<const Bytef*>(bytes.data() + done), static_cast<uInt>(chunk));
    done += chunk;
  }
  return static_cast<uint32_t>(c);
}

// Bounds-checked cursor over the header.
struct Cursor {
  const std::string& b;
  size_t pos = 0;
  bool U32(uint32_t* v) {
    if (b.size() - pos < 4) return false;
    std::memcpy(v, b.data() + pos, 4);
    pos += 4;
    return true;
  }
  bool U64(uint64_t* v) {
    if (b.size() - pos < 8) return false;
    std::memcpy(v, b.data() + pos, 8);
    pos += 8;
    return true;
  }
  bool Str(std::string* s) {
    uint32_t n;
    if (!U32(&n) || b.size() - pos < n) return false;
    s->assign(b.data() + pos, n);
    pos += n;
    return true;
  }
};

}  // namespace

void ModelWriter::SetMeta(std::string key, std::string value) {
  for (auto& kv : meta_) {
    if (kv.first == key) {
      kv.second = std::move(value);
      return;
    }
  }
  meta_.emplace_back(std::move(key), std::move(value));
}

Status ModelWriter::WriteTo(std::ostream& out, std::string_view name) const {
  std::string b;
  b.reserve(payload_.size() + 1024);
  b.append(kMagic, sizeof kMagic);
  AppendU32(&b, kContainerVersion);
  AppendString(&b, kind_);
  AppendU32(&b, kind_version_);
  AppendU32(&b, static_cast<uint32_t>(meta_.size()));
  for (const auto& [k, v] : meta_) {
    AppendString(&b, k);
    AppendString(&b, v);
  }
  AppendU64(&b, payload_.size());
  b.append(payload_);
  AppendU32(&b, Crc(b, b.size()));
  out.write(b.data(), static_cast<std::streamsize>(b.size()));
  out.flush();
  if (!out) return Status::At(Code::kIoError, name, 0, "cannot write model");
  return Status::OK();
}

Status ModelWriter::WriteFile(const std::string& path) const {
  std::ostringstream out;
  ENTENTE_RETURN_IF_ERROR(WriteTo(out, path));
  return WriteFileReplacing(path, out.str());
}

Result<ModelReader> ModelReader::FromStream(std::istream& in, std::string_view name,
                                            std::string_view expected_kind,
                                            uint32_t expected_kind_version) {
  std::string b((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  if (in.bad()) return Status::At(Code::kIoError, name, 0, "cannot read model");
  auto corrupt = [&](std::string_view why) {
    return Status::At(Code::kCorruptModel, name, 0, why);
  };
  if (b.size() < sizeof kMagic || std::memcmp(b.data(), kMagic, sizeof kMagic) != 0)
    return corrupt("not an entente model file (bad magic number)");
  if (b.size() < sizeof kMagic + 8) return corrupt("truncated header");
  Cursor c{b, sizeof kMagic};
  uint32_t container = 0, kind_version = 0, nmeta = 0;
  std::string kind;
  if (!c.U32(&container)) return corrupt("truncated header");
  if (container != kContainerVersion)
    return corrupt("unsupported container version " + std::to_string(container) + " (this build reads " +
                   std::to_string(kContainerVersion) + ")");
  if (!c.Str(&kind) || !c.U32(&kind_version) || !c.U32(&nmeta)) return corrupt("truncated header");
  if (kind != expected_kind)
    return corrupt("model is a '" + kind + "', expected a '" + std::string(expected_kind) + "'");
  if (kind_version != expected_kind_version)
    return corrupt("'" + kind + "' model version " + std::to_string(kind_version) +
                   " is not supported (this build reads version " +
                   std::to_string(expected_kind_version) + "); retrain or upgrade");
  ModelReader r;
  r.name_ = std::string(name);
  for (uint32_t i = 0; i < nmeta; ++i) {
    std::string k, v;
    if (!c.Str(&k) || !c.Str(&v)) return corrupt("truncated metadata");
    r.meta_.emplace_back(std::move(k), std::move(v));
  }
  uint64_t n = 0;
  if (!c.U64(&n)) return corrupt("truncated header");
  if (b.size() - c.pos < 4 || n != b.size() - c.pos - 4)
    return corrupt("payload length does not match the file size (truncated or padded file)");
  uint32_t stored;
  std::memcpy(&stored, b.data() + b.size() - 4, 4);
  if (stored != Crc(b, b.size() - 4)) return corrupt("checksum mismatch (corrupt file)");
  r.payload_.assign(b.data() + c.pos, n);
  return r;
}

Result<ModelReader> ModelReader::FromFile(const std::string& path, std::string_view expected_kind,
                                          uint32_t expected_kind_version) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::At(Code::kNotFound, path, 0, "cannot open model file");
  return FromStream(in, path, expected_kind, expected_kind_version);
}

std::string ModelReader::Meta(std::string_view key) const {
  for (const auto& [k, v] : meta_)
    if (k == key) return v;
  return "";
}

bool ModelReader::GetString(std::string* s) {
  uint32_t n = 0;
  if (!GetU32(&n)) return false;
  if (n > payload_.size() - pos_) return Fail("string length exceeds payload");
  s->assign(payload_.data() + pos_, n);
  pos_ += n;
  return true;
}

bool ModelReader::Fail(std::string_view why) {
  if (!failed_) {
    failed_ = true;
    failure_ = std::string(why) + " at payload byte " + std::to_string(pos_);
  }
  return false;
}

Status ModelReader::status() const {
  if (!failed_) return Status::OK();
  return Status::At(Code::kCorruptModel, name_, 0, failure_);
}

}  // namespace entente::model_io
