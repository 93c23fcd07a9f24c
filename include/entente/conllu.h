// entente/conllu.h -- reading and writing CoNLL-U (UD v2).
//
// ConlluReader streams sentences from any std::istream.  A malformed sentence
// (wrong column count, bad ID or HEAD, ID out of order) is skipped whole; the
// error, naming the input and line, goes to the error callback and is counted,
// and reading goes on with the next sentence.
//
// Writing produces valid CoNLL-U: "_" for empty fields, SpaceAfter=No merged
// into MISC, "# sent_id" and "# text" comments first.
//
// Thread safety: a reader is used from one thread at a time.
#pragma once

#include <cstdint>
#include <functional>
#include <istream>
#include <string>
#include <vector>

#include "entente/document.h"
#include "entente/status.h"

namespace entente {

class ConlluReader {
 public:
  using ErrorFn = std::function<void(const Status&)>;
  // `in` must outlive the reader.  `name` is used in error messages.
  ConlluReader(std::istream& in, std::string name, ErrorFn on_error = nullptr);

  // Fills *s with the next well-formed sentence and returns true; returns
  // false at the end of input.
  bool Next(Sentence* s);

  uint64_t sentences() const { return sentences_; }
  uint64_t skipped() const { return skipped_; }
  uint64_t line() const { return line_; }

 private:
  std::istream& in_;
  std::string name_;
  ErrorFn on_error_;
  uint64_t line_ = 0;
  uint64_t sentences_ = 0;
  uint64_t skipped_ = 0;
};

// Reads a whole file; fails on the first malformed sentence (for training
// and evaluation data, where skipping would bias scores).
Result<std::vector<Sentence>> ReadConlluFile(const std::string& path);

// Appends one sentence in CoNLL-U, followed by the blank line.
void AppendConllu(const Sentence& s, std::string* out);
std::string ToConllu(const Sentence& s);

}  // namespace entente
