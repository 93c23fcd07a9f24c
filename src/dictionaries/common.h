// Internal helpers shared by the dictionary readers: file input, comment
// stripping, error accounting, word interning and the phrase trie.
#pragma once

#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "entente/dictionary.h"

namespace entente::dict {

Result<std::string> ReadWholeFile(const std::string& path);
// Reads every path whole, as (path, contents) pairs in order; the first
// file that cannot be read fails the call.
Result<std::vector<std::pair<std::string, std::string>>> ReadFiles(const std::vector<std::string>& paths);

// (file name, contents) pairs, as ReadFiles returns them.
using NamedTexts = std::span<const std::pair<std::string, std::string>>;

// The shared body of every dictionary's Parse and Load: builds a fresh Impl
// with build(NamedTexts, Impl*) -> Status from one text (BuildFromText) or
// from the files at `paths`, read whole (BuildFromFiles), and adds the time
// taken (reading included) to report->seconds when report is not null.
template <typename Impl, typename BuildFn>
Result<std::shared_ptr<Impl>> BuildFromTexts(NamedTexts files, LoadReport* report,
                                             std::chrono::steady_clock::time_point t0, BuildFn&& build) {
  auto impl = std::make_shared<Impl>();
  Status st = build(files, impl.get());
  if (!st.ok()) return st;
  if (report) report->seconds += std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  return impl;
}
template <typename Impl, typename BuildFn>
Result<std::shared_ptr<Impl>> BuildFromText(std::string_view name, std::string_view text, LoadReport* report,
                                            BuildFn&& build) {
  auto t0 = std::chrono::steady_clock::now();
  std::pair<std::string, std::string> f{std::string(name), std::string(text)};
  return BuildFromTexts<Impl>(NamedTexts(&f, 1), report, t0, build);
}
template <typename Impl, typename BuildFn>
Result<std::shared_ptr<Impl>> BuildFromFiles(const std::vector<std::string>& paths, LoadReport* report,
                                             BuildFn&& build) {
  auto t0 = std::chrono::steady_clock::now();
  auto files = ReadFiles(paths);
  if (!files.ok()) return files.status();
  return BuildFromTexts<Impl>(*files, report, t0, build);
}

// The kEmpty status of a dictionary that ends up with no entry at all,
// naming its files: "issue dictionary holds no entries (a.txt, b.txt)".
Status NoEntries(std::string_view kind, NamedTexts files);

std::string_view Trim(std::string_view s);
// Appends the upper-case form of `text` to *out (cleared first).
void UpperInto(std::string_view text, std::string* out);

// Splits on any of the characters in `seps`, dropping empty pieces.
std::vector<std::string_view> SplitAny(std::string_view s, std::string_view seps);

// Iterates the lines of a dictionary text and removes comments: "<!-- ... -->"
// (may span lines), and '#' or ';' outside [...] up to the end of the line.
// A line that starts with '<' after that is dropped too (TABARI section
// tags).  `raw()` keeps the line before comment removal (leading tabs matter
// in actor files).
class LineReader {
 public:
  explicit LineReader(std::string_view text) : text_(text) {}
  // Advances; false at the end.  The current line is `line()` (comment-free,
  // right-trimmed, may be empty), numbered `number()` from 1.
  bool Next();
  std::string_view line() const { return line_; }
  std::string_view raw() const { return raw_; }
  std::string_view comment() const { return comment_; }
  uint32_t number() const { return number_; }
  uint32_t lines() const { return number_; }

 private:
  std::string_view text_;
  size_t pos_ = 0;
  uint32_t number_ = 0;
  bool in_html_comment_ = false;
  std::string buf_;
  std::string_view line_, raw_, comment_;
};

// Accounts malformed entries of one file and decides whether they are fatal.
class ErrorSink {
 public:
  ErrorSink(const DictionaryLoadOptions& options, LoadReport* report, std::string file,
            std::string kind);
  ~ErrorSink();
  // Records a malformed entry; returns a non-OK Status when it is fatal
  // (strict mode) so that the caller can return it.
  Status Error(uint32_t line, std::string_view message, Code code = Code::kParseError);
  void Entry(uint64_t n = 1) { file_.entries += n; }
  void Duplicate() { ++file_.duplicates; }
  void Lines(uint64_t n) { file_.lines = n; }
  uint64_t entries() const { return file_.entries; }
  uint64_t skipped() const { return file_.skipped; }
  const std::string& file() const { return file_.path; }
  // Call at the end of a file: an empty file is reported (line 0).
  Status Finish();

 private:
  const DictionaryLoadOptions& options_;
  LoadReport* report_;
  DictionaryFileReport file_;
  bool finished_ = false;
};

// Case-insensitive interning of words (stored upper-cased).
class Lexicon {
 public:
  WordId Intern(std::string_view upper);
  // Looks up any-case text; kUnknownWord when absent.  `scratch` avoids an
  // allocation per call.
  WordId Find(std::string_view text, std::string* scratch) const;
  WordId FindUpper(std::string_view upper) const;
  std::string_view Word(WordId id) const {
    return id < words_.size() ? std::string_view(words_[id]) : std::string_view();
  }
  size_t size() const { return words_.size(); }
  std::vector<WordId> Encode(std::span<const std::string_view> words) const;
  std::vector<WordId> Encode(const Sentence& s, TokenField field) const;

 private:
  struct Hash {
    using is_transparent = void;
    size_t operator()(std::string_view s) const { return std::hash<std::string_view>()(s); }
  };
  std::unordered_map<std::string, WordId, Hash, std::equal_to<>> map_;
  std::vector<std::string> words_;
};

// A trie over word ids.  Each edge carries a word and whether a gap (other
// tokens) may precede it.  Values are entry indices.  Build with Insert(),
// then Compile(); afterwards the trie is read-only.
class PhraseTrie {
 public:
  static constexpr uint32_t kNone = 0xFFFFFFFFu;
  // A blank connector lets at most this many tokens intervene.
  static constexpr size_t kMaxGap = kMaxPhraseGap;
  // gap_before[i] (i >= 1): tokens may intervene between words[i-1] and
  // words[i].  Returns false when the phrase is already present; the first
  // value is kept unless `replace` (then the new value wins, as a later
  // definition does in PETRARCH2's dictionaries).
  bool Insert(std::span<const WordId> words, std::span<const uint8_t> gap_before, uint32_t value,
              bool replace = false);
  void Compile(size_t lexicon_size);
  // Longest phrase (most words; ties: shortest span) starting at ids[start].
  std::optional<PhraseMatch> LongestAt(std::span<const WordId> ids, size_t start) const;
  // As LongestAt for phrases stored as [key, w1, w2, ...]: `key` is a
  // virtual first word (e.g. a synset number past the lexicon), the rest is
  // matched from ids[start].  `words` in the result excludes the key.
  std::optional<PhraseMatch> LongestAfter(WordId key, std::span<const WordId> ids, size_t start) const;
  size_t phrases() const { return phrases_; }

 private:
  struct Node {
    uint32_t value = kNone;
    // After Compile: edges [edge_begin, edge_end & kEdgeMask); the top bits
    // of edge_end tell whether some edge has gap 0 / gap 1.
    uint32_t edge_begin = 0, edge_end = 0;
  };
  static constexpr uint32_t kHasJoinedEdge = 1u << 31, kHasGapEdge = 1u << 30, kEdgeMask = kHasGapEdge - 1;
  struct Edge {
    WordId word;
    uint8_t gap;
    uint32_t child;
  };
  void Search(std::span<const WordId> ids, uint32_t node, size_t pos, uint32_t depth,
              size_t start, PhraseMatch* best, bool* found) const;

  std::vector<Node> nodes_{Node{}};
  std::vector<Edge> edges_;           // after Compile: grouped by parent, sorted by (word, gap)
  std::vector<uint32_t> first_;       // after Compile: WordId -> child of the root, kNone = none
  // Build-time only.
  std::unordered_map<uint64_t, uint32_t> build_;  // (parent << 33 | word << 1 | gap) -> child
  std::vector<std::pair<uint32_t, Edge>> pending_;
  size_t phrases_ = 0;
  bool unknown_edges_ = false;  // some edge's word is kUnknownWord
  std::vector<uint64_t> inner_words_;  // bitset: words on the edges of non-root nodes
};

// Splits a phrase written with ' ' and '_' connectors into upper-case words.
// gap_before[i] is 1 when words[i] followed a blank.  A final '_' is dropped
// (it meant "no stemming" in TABARI).  `gaps_allowed` false turns every
// connector into "consecutive".
struct ParsedPhrase {
  std::vector<std::string> words;
  std::vector<uint8_t> gap_before;
  bool final_underscore = false;
};
ParsedPhrase SplitPhrase(std::string_view phrase, bool gaps_allowed);

// Regular English plural of an upper-case word.
std::string Pluralize(std::string_view word);

}  // namespace entente::dict
