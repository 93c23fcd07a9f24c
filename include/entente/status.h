// entente/status.h -- how every expected failure is reported.
//
// Functions of the public API never throw for expected failures (bad input,
// missing files, corrupt models).  They return a Status, or a Result<T> that
// holds either a value or a Status.  Exceptions do not cross the API.
//
// A Status has a stable machine-readable Code and a human message.  Messages
// about input name the place: "file.jsonl:17: malformed JSON (...)".  Use
// Status::At(code, file, line, msg) to build such messages uniformly.
//
// Thread safety: Status and Result are values; distinct objects may be used
// from distinct threads freely.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <variant>

namespace entente {

// Stable error codes.  Never renumber: they are printed in JSON output and
// documented in doc/errors.md.
enum class Code : int {
  kOk = 0,
  kInvalidArgument = 1,   // a caller's argument or option is wrong
  kNotFound = 2,          // a file, key or resource does not exist
  kIoError = 3,           // reading or writing failed at the OS level
  kParseError = 4,        // input is syntactically malformed (JSON, XML, ...)
  kEncodingError = 5,     // invalid UTF-8 or binary data where text expected
  kCorruptModel = 6,      // bad magic, version, checksum or truncated model
  kLimitExceeded = 7,     // a configured size limit bit (document, line, ...)
  kUnsupported = 8,       // a valid but unsupported construct
  kInternal = 9,          // a bug: an invariant did not hold
  kEmpty = 10,            // an input holds nothing to process
};

// Returns the stable lower-case name of a code, e.g. "parse_error".
std::string_view CodeName(Code code);

class Status {
 public:
  Status() = default;  // OK
  Status(Code code, std::string message) : code_(code), message_(std::move(message)) {}

  static Status OK() { return Status(); }
  // "file:line: message" (line omitted when 0, file omitted when empty).
  static Status At(Code code, std::string_view file, uint64_t line, std::string_view message);

  bool ok() const { return code_ == Code::kOk; }
  Code code() const { return code_; }
  const std::string& message() const { return message_; }
  // "parse_error: file:3: ..." or "ok".
  std::string ToString() const;

 private:
  Code code_ = Code::kOk;
  std::string message_;
};

// Result<T> holds a T or a non-OK Status.
template <typename T>
class Result {
 public:
  Result(T value) : v_(std::move(value)) {}            // NOLINT: implicit by design
  Result(Status status) : v_(std::move(status)) {}     // NOLINT: must not be OK

  bool ok() const { return std::holds_alternative<T>(v_); }
  const Status& status() const {
    static const Status kOk;
    return ok() ? kOk : std::get<Status>(v_);
  }
  T& value() & { return std::get<T>(v_); }
  const T& value() const& { return std::get<T>(v_); }
  T&& value() && { return std::get<T>(std::move(v_)); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }

 private:
  std::variant<T, Status> v_;
};

}  // namespace entente

// Propagates a non-OK Status from an expression returning Status.
#define ENTENTE_RETURN_IF_ERROR(expr)                \
  do {                                               \
    ::entente::Status _entente_st = (expr);          \
    if (!_entente_st.ok()) return _entente_st;       \
  } while (0)
