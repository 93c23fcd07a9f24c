#include "util/file_util.h"

#include <sys/stat.h>
#include <unistd.h>

#include <cstdio>

namespace entente {

Status WriteFileReplacing(const std::string& path, std::string_view data) {
  struct stat st;
  const bool special = stat(path.c_str(), &st) == 0 && !S_ISREG(st.st_mode);
  const std::string target = special ? path : path + ".tmp." + std::to_string(getpid());
  std::FILE* f = std::fopen(target.c_str(), "wb");
  if (!f) return Status::At(Code::kIoError, path, 0, "cannot open for writing");
  const size_t n = std::fwrite(data.data(), 1, data.size(), f);
  const int rc = std::fclose(f);
  if (n != data.size() || rc != 0) {
    if (!special) std::remove(target.c_str());
    return Status::At(Code::kIoError, path, 0, "write failed (disk full?)");
  }
  if (!special && std::rename(target.c_str(), path.c_str()) != 0) {
    std::remove(target.c_str());
    return Status::At(Code::kIoError, path, 0, "cannot rename temporary file into place");
  }
  return Status::OK();
}

}  // namespace entente
