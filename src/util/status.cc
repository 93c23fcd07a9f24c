#include "entente/status.h"

#include <string>

namespace entente {

std::string_view CodeName(Code code) {
  switch (code) {
    case Code::kOk: return "ok";
    case Code::kInvalidArgument: return "invalid_argument";
    case Code::kNotFound: return "not_found";
    case Code::kIoError: return "io_error";
    case Code::kParseError: return "parse_error";
    case Code::kEncodingError: return "encoding_error";
    case Code::kCorruptModel: return "corrupt_model";
    case Code::kLimitExceeded: return "limit_exceeded";
    case Code::kUnsupported: return "unsupported";
    case Code::kInternal: return "internal";
    case Code::kEmpty: return "empty";
  }
  return "unknown";
}

Status Status::At(Code code, std::string_view file, uint64_t line, std::string_view message) {
  std::string m;
  if (!file.empty()) {
    m.append(file);
    if (line > 0) {
      m.push_back(':');
      m.append(std::to_string(line));
    }
    m.append(": ");
  }
  m.append(message);
  return Status(code, std::move(m));
}

std::string Status::ToString() const {
  if (ok()) return "ok";
  std::string s(CodeName(code_));
  s.append(": ");
  s.append(message_);
  return s;
}

}  // namespace entente
