#include "dictionaries/common.h"

#include <utf8proc.h>

#include <algorithm>
#include <cstdio>
#include <fstream>
#include <sstream>

namespace entente {

std::string UpperCase(std::string_view text) {
  std::string out;
  dict::UpperInto(text, &out);
  return out;
}

namespace dict {

Result<std::string> ReadWholeFile(const std::string& path) {
  std::FILE* f = std::fopen(path.c_str(), "rb");
  if (!f) return Status::At(Code::kNotFound, path, 0, "cannot open dictionary file");
  std::string data;
  char buf[1 << 16];
  size_t n;
  while ((n = std::fread(buf, 1, sizeof buf, f)) > 0) data.append(buf, n);
  bool err = std::ferror(f) != 0;
  std::fclose(f);
  if (err) return Status::At(Code::kIoError, path, 0, "read error");
  // Dictionaries are UTF-8 text.  A UTF-8 byte-order mark is dropped; a
  // UTF-16 file or a binary one (a NUL byte) is refused, naming the line.
  if (data.size() >= 2 && ((data[0] == '\xFF' && data[1] == '\xFE') || (data[0] == '\xFE' && data[1] == '\xFF')))
    return Status::At(Code::kEncodingError, path, 1, "UTF-16 file; dictionaries must be UTF-8");
  if (data.size() >= 3 && data.compare(0, 3, "\xEF\xBB\xBF") == 0) data.erase(0, 3);
  if (const size_t nul = data.find('\0'); nul != std::string::npos) {
    const uint64_t line = 1 + static_cast<uint64_t>(std::count(data.begin(), data.begin() + static_cast<std::ptrdiff_t>(nul), '\n'));
    return Status::At(Code::kEncodingError, path, line, "NUL byte: a binary file, not a dictionary");
  }
  return data;
}

Result<std::vector<std::pair<std::string, std::string>>> ReadFiles(const std::vector<std::string>& paths) {
  std::vector<std::pair<std::string, std::string>> files;
  for (const std::string& p : paths) {
    auto data = ReadWholeFile(p);
    if (!data.ok()) return data.status();
    files.emplace_back(p, std::move(data).value());
  }
  return files;
}

std::string_view Trim(std::string_view s) {
  size_t b = 0, e = s.size();
  while (b < e && (s[b] == ' ' || s[b] == '\t' || s[b] == '\r' || s[b] == '\n')) ++b;
  while (e > b && (s[e - 1] == ' ' || s[e - 1] == '\t' || s[e - 1] == '\r' || s[e - 1] == '\n')) --e;
  return s.substr(b, e - b);
}

void UpperInto(std::string_view text, std::string* out) {
  out->clear();
  out->reserve(text.size());
  size_t i = 0;
  while (i < text.size()) {
    unsigned char c = static_cast<unsigned char>(text[i]);
    if (c < 0x80) {
      out->push_back((c >= 'a' && c <= 'z') ? static_cast<char>(c - 32) : static_cast<char>(c));
      ++i;
      continue;
    }
    utf8proc_int32_t cp;
    utf8proc_ssize_t len = utf8proc_iterate(reinterpret_cast<const utf8proc_uint8_t*>(text.data() + i),
                                            static_cast<utf8proc_ssize_t>(text.size() - i), &cp);
    if (len <= 0) {  // invalid byte: keep it as is
      out->push_back(static_cast<char>(c));
      ++i;
      continue;
    }
    utf8proc_uint8_t enc[4];
    utf8proc_ssize_t m = utf8proc_encode_char(utf8proc_toupper(cp), enc);
    out->append(reinterpret_cast<const char*>(enc), static_cast<size_t>(m));
    i += static_cast<size_t>(len);
  }
}

std::vector<std::string_view> SplitAny(std::string_view s, std::string_view seps) {
  std::vector<std::string_view> out;
  size_t i = 0;
  while (i < s.size()) {
    while (i < s.size() && seps.find(s[i]) != std::string_view::npos) ++i;
    size_t j = i;
    while (j < s.size() && seps.find(s[j]) == std::string_view::npos) ++j;
    if (j > i) out.push_back(s.substr(i, j - i));
    i = j;
  }
  return out;
}

// ------------------------------------------------------------ LineReader

bool LineReader::Next() {
  if (pos_ >= text_.size()) return false;
  size_t nl = text_.find('\n', pos_);
  if (nl == std::string_view::npos) nl = text_.size();
  raw_ = text_.substr(pos_, nl - pos_);
  if (!raw_.empty() && raw_.back() == '\r') raw_.remove_suffix(1);
  pos_ = nl + 1;
  ++number_;

  buf_.clear();
  comment_ = {};
  int depth = 0;
  size_t i = 0;
  while (i < raw_.size()) {
    if (in_html_comment_) {
      size_t end = raw_.find("-->", i);
      if (end == std::string_view::npos) { i = raw_.size(); break; }
      in_html_comment_ = false;
      i = end + 3;
      continue;
    }
    char c = raw_[i];
    if (c == '<' && raw_.compare(i, 4, "<!--") == 0) {
      in_html_comment_ = true;
      i += 4;
      continue;
    }
    if (c == '[') ++depth;
    if (c == ']' && depth > 0) --depth;
    if ((c == '#' || c == ';') && depth == 0) {
      comment_ = Trim(raw_.substr(i + 1));
      break;
    }
    buf_.push_back(c);
    ++i;
  }
  // Right trim only: leading tabs are meaningful for actor date lines.
  while (!buf_.empty() && (buf_.back() == ' ' || buf_.back() == '\t' || buf_.back() == '\r'))
    buf_.pop_back();
  line_ = buf_;
  std::string_view t = Trim(line_);
  if (!t.empty() && t[0] == '<') line_ = {};  // TABARI-style <TAG> lines
  else if (t.empty()) line_ = {};
  return true;
}

// ------------------------------------------------------------ ErrorSink

ErrorSink::ErrorSink(const DictionaryLoadOptions& options, LoadReport* report, std::string file,
                     std::string kind)
    : options_(options), report_(report) {
  file_.path = std::move(file);
  file_.kind = std::move(kind);
}

ErrorSink::~ErrorSink() {
  if (!finished_ && report_) {
    report_->files.push_back(file_);
    report_->entries += file_.entries;
    report_->skipped += file_.skipped;
  }
}

Status ErrorSink::Error(uint32_t line, std::string_view message, Code code) {
  Status st = Status::At(code, file_.path, line, message);
  ++file_.skipped;
  if (options_.on_error) options_.on_error(st);
  if (report_) report_->errors.push_back(st);
  if (options_.strict) return st;
  return Status::OK();
}

Status NoEntries(std::string_view kind, NamedTexts files) {
  std::string names;
  for (const auto& f : files) {
    if (!names.empty()) names += ", ";
    names += f.first;
  }
  return Status(Code::kEmpty, std::string(kind) + " dictionary holds no entries (" + names + ")");
}

Status ErrorSink::Finish() {
  Status st;
  if (file_.entries == 0) st = Error(0, "dictionary file holds no entries", Code::kEmpty);
  if (report_) {
    report_->files.push_back(file_);
    report_->entries += file_.entries;
    report_->skipped += file_.skipped;
  }
  finished_ = true;
  return st;
}

// ------------------------------------------------------------ Lexicon

WordId Lexicon::Intern(std::string_view upper) {
  auto it = map_.find(upper);
  if (it != map_.end()) return it->second;
  WordId id = static_cast<WordId>(words_.size());
  words_.emplace_back(upper);
  map_.emplace(std::string(upper), id);
  return id;
}

WordId Lexicon::FindUpper(std::string_view upper) const {
  auto it = map_.find(upper);
  return it == map_.end() ? kUnknownWord : it->second;
}

WordId Lexicon::Find(std::string_view text, std::string* scratch) const {
  UpperInto(text, scratch);
  return FindUpper(*scratch);
}

std::vector<WordId> Lexicon::Encode(std::span<const std::string_view> words) const {
  std::vector<WordId> out;
  out.reserve(words.size());
  std::string scratch;
  for (std::string_view w : words) out.push_back(Find(w, &scratch));
  return out;
}

std::vector<WordId> Lexicon::Encode(const Sentence& s, TokenField field) const {
  std::vector<WordId> out;
  out.reserve(s.tokens.size());
  std::string scratch;
  for (const Token& t : s.tokens) {
    const std::string& w = (field == TokenField::kLemma && !t.lemma.empty()) ? t.lemma : t.form;
    out.push_back(Find(w, &scratch));
  }
  return out;
}

// ------------------------------------------------------------ PhraseTrie

bool PhraseTrie::Insert(std::span<const WordId> words, std::span<const uint8_t> gap_before,
                        uint32_t value, bool replace) {
  if (words.empty()) return false;
  uint32_t node = 0;
  for (size_t i = 0; i < words.size(); ++i) {
    uint8_t gap = (i > 0 && i < gap_before.size()) ? gap_before[i] : 0;
    uint64_t key = (static_cast<uint64_t>(node) << 33) | (static_cast<uint64_t>(words[i]) << 1) | gap;
    auto it = build_.find(key);
    if (it == build_.end()) {
      uint32_t child = static_cast<uint32_t>(nodes_.size());
      nodes_.push_back(Node{});
      build_.emplace(key, child);
      pending_.push_back({node, Edge{words[i], gap, child}});
      node = child;
    } else {
      node = it->second;
    }
  }
  if (nodes_[node].value != kNone) {
    if (replace) nodes_[node].value = value;
    return false;
  }
  nodes_[node].value = value;
  ++phrases_;
  return true;
}

void PhraseTrie::Compile(size_t lexicon_size) {
  std::sort(pending_.begin(), pending_.end(), [](const auto& a, const auto& b) {
    if (a.first != b.first) return a.first < b.first;
    if (a.second.word != b.second.word) return a.second.word < b.second.word;
    return a.second.gap < b.second.gap;
  });
  edges_.clear();
  edges_.reserve(pending_.size());
  unknown_edges_ = false;
  inner_words_.clear();
  first_.assign(lexicon_size, kNone);
  for (size_t i = 0; i < pending_.size();) {
    uint32_t parent = pending_[i].first;
    nodes_[parent].edge_begin = static_cast<uint32_t>(edges_.size());
    while (i < pending_.size() && pending_[i].first == parent) {
      edges_.push_back(pending_[i].second);
      const WordId w = pending_[i].second.word;
      if (w == kUnknownWord) {
        unknown_edges_ = true;
      } else if (parent != 0) {
        if ((w >> 6) >= inner_words_.size()) inner_words_.resize((w >> 6) + 1, 0);
        inner_words_[w >> 6] |= uint64_t{1} << (w & 63);
      }
      if (parent == 0 && pending_[i].second.word < lexicon_size)
        first_[pending_[i].second.word] = pending_[i].second.child;
      ++i;
    }
    nodes_[parent].edge_end = static_cast<uint32_t>(edges_.size());
    // Flags in the top bits of edge_end: which connectors the children use.
    uint32_t flags = 0;
    for (uint32_t k = nodes_[parent].edge_begin; k < nodes_[parent].edge_end; ++k)
      flags |= edges_[k].gap ? kHasGapEdge : kHasJoinedEdge;
    nodes_[parent].edge_end |= flags;
  }
  pending_.clear();
  pending_.shrink_to_fit();
  build_.clear();
  build_ = {};
}

void PhraseTrie::Search(std::span<const WordId> ids, uint32_t node, size_t pos, uint32_t depth,
                        size_t start, PhraseMatch* best, bool* found) const {
  const Node& n = nodes_[node];
  if (n.value != kNone) {
    uint32_t end = static_cast<uint32_t>(pos);
    if (!*found || depth > best->words || (depth == best->words && end < best->end)) {
      *best = PhraseMatch{n.value, static_cast<uint32_t>(start), end, depth};
      *found = true;
    }
  }
  const uint32_t edge_end = n.edge_end & kEdgeMask;
  if (n.edge_begin == edge_end || pos >= ids.size()) return;
  auto first = edges_.begin() + n.edge_begin, last = edges_.begin() + edge_end;
  auto find = [&](WordId w, uint8_t gap) -> const Edge* {
    // Search never looks at the root's edges: a word on no inner edge
    // (most words of a sentence) needs no lookup.
    if (w == kUnknownWord) {
      if (!unknown_edges_) return nullptr;
    } else if ((w >> 6) >= inner_words_.size() || !((inner_words_[w >> 6] >> (w & 63)) & 1)) {
      return nullptr;
    }
    auto it = std::lower_bound(first, last, std::make_pair(w, gap), [](const Edge& e, const auto& k) {
      return e.word != k.first ? e.word < k.first : e.gap < k.second;
    });
    return (it != last && it->word == w && it->gap == gap) ? &*it : nullptr;
  };
  if (n.edge_end & kHasJoinedEdge)
    if (const Edge* e = find(ids[pos], 0)) Search(ids, e->child, pos + 1, depth + 1, start, best, found);
  if (!(n.edge_end & kHasGapEdge)) return;
  const size_t limit = std::min(ids.size(), pos + 1 + kMaxGap);
  for (size_t q = pos; q < limit; ++q) {
    if (const Edge* e = find(ids[q], 1)) Search(ids, e->child, q + 1, depth + 1, start, best, found);
  }
}

std::optional<PhraseMatch> PhraseTrie::LongestAt(std::span<const WordId> ids, size_t start) const {
  if (start >= ids.size()) return std::nullopt;
  WordId w = ids[start];
  if (w >= first_.size() || first_[w] == kNone) return std::nullopt;  // prefilter
  PhraseMatch best;
  bool found = false;
  Search(ids, first_[w], start + 1, 1, start, &best, &found);
  if (!found) return std::nullopt;
  return best;
}

std::optional<PhraseMatch> PhraseTrie::LongestAfter(WordId key, std::span<const WordId> ids,
                                                    size_t start) const {
  if (key >= first_.size() || first_[key] == kNone || start > ids.size()) return std::nullopt;
  PhraseMatch best;
  bool found = false;
  Search(ids, first_[key], start, 0, start, &best, &found);
  if (!found || best.words == 0) return std::nullopt;
  return best;
}

// ------------------------------------------------------------ phrases

ParsedPhrase SplitPhrase(std::string_view phrase, bool gaps_allowed) {
  ParsedPhrase out;
  phrase = Trim(phrase);
  if (!phrase.empty() && phrase.back() == '_') {
    out.final_underscore = true;
    while (!phrase.empty() && phrase.back() == '_') phrase.remove_suffix(1);
  }
  std::string upper;
  uint8_t gap = 0;
  size_t i = 0;
  while (i < phrase.size()) {
    char c = phrase[i];
    if (c == ' ' || c == '\t') {
      gap = gaps_allowed ? 1 : 0;
      ++i;
      continue;
    }
    if (c == '_') {
      ++i;
      continue;
    }
    size_t j = i;
    while (j < phrase.size() && phrase[j] != ' ' && phrase[j] != '\t' && phrase[j] != '_') ++j;
    UpperInto(phrase.substr(i, j - i), &upper);
    out.gap_before.push_back(out.words.empty() ? 0 : gap);
    out.words.push_back(upper);
    gap = 0;
    i = j;
  }
  return out;
}

std::string Pluralize(std::string_view w) {
  std::string s(w);
  auto ends = [&](std::string_view suf) {
    return s.size() >= suf.size() && s.compare(s.size() - suf.size(), suf.size(), suf) == 0;
  };
  if (ends("Y") && s.size() >= 2 && std::string_view("AEIOU").find(s[s.size() - 2]) == std::string_view::npos) {
    s.pop_back();
    s += "IES";
  } else if (ends("S") || ends("X") || ends("Z") || ends("CH") || ends("SH")) {
    s += "ES";
  } else {
    s += "S";
  }
  return s;
}

}  // namespace dict

// ------------------------------------------------------------ dates

namespace {
bool ValidDay(int y, int m, int d) {
  if (m < 1 || m > 12 || d < 1) return false;
  static const int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  int max = kDays[m - 1];
  if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0)) max = 29;
  return d <= max;
}
}  // namespace

std::optional<int32_t> ParseDictionaryDate(std::string_view t) {
  t = dict::Trim(t);
  if (t.size() != 6 && t.size() != 8) return std::nullopt;
  for (char c : t)
    if (c < '0' || c > '9') return std::nullopt;
  auto num = [&](size_t b, size_t n) {
    int v = 0;
    for (size_t i = b; i < b + n; ++i) v = v * 10 + (t[i] - '0');
    return v;
  };
  int y, m, d;
  if (t.size() == 6) {
    y = num(0, 2);
    y += (y <= 30) ? 2000 : 1900;
    m = num(2, 2);
    d = num(4, 2);
  } else {
    y = num(0, 4);
    m = num(4, 2);
    d = num(6, 2);
  }
  if (!ValidDay(y, m, d)) return std::nullopt;
  return y * 10000 + m * 100 + d;
}

int32_t ArticleDate(std::string_view t) {
  t = dict::Trim(t);
  if (t.size() >= 10 && t[4] == '-' && t[7] == '-') {
    std::string s;
    s.append(t.substr(0, 4)).append(t.substr(5, 2)).append(t.substr(8, 2));
    return ParseDictionaryDate(s).value_or(0);
  }
  return ParseDictionaryDate(t).value_or(0);
}

}  // namespace entente
