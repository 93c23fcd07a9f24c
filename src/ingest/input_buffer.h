// InputBuffer: buffered, bounded reading of a std::istream for the readers
// (internal).  Lines are handed out as views into the buffer; lines longer
// than the buffer spill into a string up to a limit, beyond which they are
// counted but dropped while being read, so memory stays bounded.
#pragma once

#include <cstddef>
#include <cstdint>
#include <istream>
#include <memory>
#include <streambuf>
#include <string>
#include <string_view>

namespace entente::ingest {

class InputBuffer {
 public:
  // Bytes readable past the end of every view handed out (simdjson needs 64).
  static constexpr size_t kPadding = 64;

  // `in` must outlive the buffer; every byte read is added to *bytes_read.
  InputBuffer(std::istream* in, uint64_t* bytes_read, size_t capacity = size_t{1} << 20);

  // Up to n bytes ahead, without consuming them (n <= capacity).
  std::string_view Peek(size_t n);
  // Drops n bytes already peeked.
  void Skip(size_t n);

  // The next line without its '\n' or trailing '\r'.  Returns false at the
  // end of input.  When the line is longer than max_line, *line is empty,
  // *too_long is set and *length holds its full length.  The view is valid
  // until the next call and has kPadding readable bytes after it.
  bool NextLine(size_t max_line, std::string_view* line, bool* too_long, size_t* length);
  // 1-based number of the line last returned by NextLine (NextBlock does not
  // count lines).
  uint64_t line_no() const { return line_no_; }

  // Hands out the buffered bytes not yet consumed (refilling first when
  // empty) and consumes them.  Returns false at the end of input.
  bool NextBlock(std::string_view* block);

  bool bad() const { return in_->bad(); }

 private:
  bool Fill();  // reads more after end_; false when nothing more comes

  std::istream* in_;
  uint64_t* bytes_read_;
  size_t cap_;
  std::unique_ptr<char[]> buf_;
  size_t pos_ = 0, end_ = 0;
  bool eof_ = false;
  std::string spill_;
  uint64_t line_no_ = 0;
};

// A std::streambuf that drains an InputBuffer, so a std::istream consumer
// (ConlluReader) sees the bytes already buffered for sniffing.
class InputStreambuf : public std::streambuf {
 public:
  explicit InputStreambuf(InputBuffer* b) : b_(b) {}

 protected:
  int_type underflow() override;

 private:
  InputBuffer* b_;
};

}  // namespace entente::ingest
