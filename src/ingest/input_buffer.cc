#include "ingest/input_buffer.h"

#include <algorithm>
#include <cstring>

namespace entente::ingest {

InputBuffer::InputBuffer(std::istream* in, uint64_t* bytes_read, size_t capacity)
    : in_(in), bytes_read_(bytes_read), cap_(capacity), buf_(new char[capacity + kPadding]) {
  std::memset(buf_.get(), 0, cap_ + kPadding);
}

bool InputBuffer::Fill() {
  if (eof_) return false;
  if (pos_ > 0) {  // compact
    std::memmove(buf_.get(), buf_.get() + pos_, end_ - pos_);
    end_ -= pos_;
    pos_ = 0;
  }
  if (end_ == cap_) return true;  // full: the caller makes room
  in_->read(buf_.get() + end_, static_cast<std::streamsize>(cap_ - end_));
  auto got = static_cast<size_t>(in_->gcount());
  end_ += got;
  *bytes_read_ += got;
  if (got == 0) eof_ = true;
  return got > 0;
}

std::string_view InputBuffer::Peek(size_t n) {
  n = std::min(n, cap_);
  while (end_ - pos_ < n && Fill()) {
  }
  return std::string_view(buf_.get() + pos_, std::min(n, end_ - pos_));
}

void InputBuffer::Skip(size_t n) { pos_ += std::min(n, end_ - pos_); }

bool InputBuffer::NextLine(size_t max_line, std::string_view* line, bool* too_long, size_t* length) {
  *too_long = false;
  spill_.clear();
  bool spilled = false;
  size_t total = 0;
  size_t scan = pos_;  // bytes before `scan` hold no newline
  for (;;) {
    const char* b = buf_.get();
    const void* nl = scan < end_ ? std::memchr(b + scan, '\n', end_ - scan) : nullptr;
    if (nl != nullptr || (eof_ && end_ > pos_) || (eof_ && spilled)) {
      size_t stop = nl ? static_cast<size_t>(static_cast<const char*>(nl) - b) : end_;
      size_t n = stop - pos_;
      total += n;
      ++line_no_;
      *length = total;
      if (total > max_line) {
        *too_long = true;
        *line = std::string_view();
        std::string().swap(spill_);
      } else if (spilled) {
        spill_.append(b + pos_, n);
        if (!spill_.empty() && spill_.back() == '\r') spill_.pop_back();
        spill_.reserve(spill_.size() + kPadding);
        *line = spill_;
      } else {
        if (n > 0 && b[stop - 1] == '\r') --n;
        *line = std::string_view(b + pos_, n);
      }
      pos_ = nl ? stop + 1 : end_;
      return true;
    }
    if (eof_) return false;
    if (pos_ == 0 && end_ == cap_) {  // buffer full without newline: spill
      total += end_;
      if (total <= max_line) {
        spill_.append(b, end_);
      } else {
        std::string().swap(spill_);  // drop what was held: memory stays bounded
      }
      spilled = true;
      pos_ = end_ = 0;
    }
    size_t before = end_ - pos_;
    Fill();
    scan = pos_ + before;
  }
}

bool InputBuffer::NextBlock(std::string_view* block) {
  if (pos_ == end_ && !Fill()) return false;
  *block = std::string_view(buf_.get() + pos_, end_ - pos_);
  pos_ = end_;
  return true;
}

InputStreambuf::int_type InputStreambuf::underflow() {
  std::string_view block;
  if (!b_->NextBlock(&block)) return traits_type::eof();
  char* p = const_cast<char*>(block.data());
  setg(p, p, p + block.size());
  return traits_type::to_int_type(*p);
}

}  // namespace entente::ingest
