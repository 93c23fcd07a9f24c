// Issue dictionaries (Phoenix.IssueCoding.txt): phrases -> issue codes.
// Format and matching: doc/dictionaries.md, "Issue dictionary".
#include <algorithm>
#include <unordered_map>
#include <unordered_set>

#include "dictionaries/common.h"

namespace entente {

struct IssueDictionary::Impl {
  std::vector<IssueEntry> entries;
  std::vector<std::vector<std::string>> pieces;  // per entry, upper case
  bool story_ignores = false;

  // Compiled by Compile(): the phrases grouped by the hash of their first
  // piece, longest first (then in file order), in flat arrays.
  struct Candidate {
    uint32_t entry;
    uint32_t length;     // pieces
    uint32_t hash_begin; // into `hashes`: PieceHash of each piece
  };
  std::vector<Candidate> candidates;
  std::vector<uint64_t> hashes;
  // Open-addressing table: first-piece hash -> [begin, end) of `candidates`
  // (key 0 = empty slot; PieceHash never returns 0).
  struct Slot {
    uint64_t key = 0;
    uint32_t begin = 0, end = 0;
  };
  std::vector<Slot> table;
  uint64_t mask = 0;
  // Prefilter: one bit per first-piece hash (8 KiB, stays in L1; most words
  // of a sentence start no phrase).
  static constexpr uint64_t kFilterBits = 1 << 16, kFilterMask = kFilterBits - 1;
  std::vector<uint64_t> filter;
  static bool Test(const std::vector<uint64_t>& f, uint64_t h) {
    const uint64_t b = (h >> 40) & kFilterMask;
    return (f[b >> 6] >> (b & 63)) & 1;
  }
  static void Set(std::vector<uint64_t>* f, uint64_t h) {
    const uint64_t b = (h >> 40) & kFilterMask;
    (*f)[b >> 6] |= uint64_t{1} << (b & 63);
  }
  const Slot* Lookup(uint64_t h) const {
    for (uint64_t i = h & mask;; i = (i + 1) & mask) {
      const Slot& sl = table[i];
      if (sl.key == h) return &sl;
      if (sl.key == 0) return nullptr;
    }
  }
  void Compile();
};

namespace {

using dict::Trim;

bool IsBlank(unsigned char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }
bool IsAsciiPunct(unsigned char c) {
  return (c >= 0x21 && c <= 0x2F) || (c >= 0x3A && c <= 0x40) || (c >= 0x5B && c <= 0x60) ||
         (c >= 0x7B && c <= 0x7E);
}

// FNV-1a 64 of an upper-case piece, mixed.
uint64_t PieceHash(std::string_view upper) {
  uint64_t h = 0xCBF29CE484222325ULL;
  for (unsigned char c : upper) h = (h ^ c) * 0x100000001B3ULL;
  h ^= h >> 29;
  h *= 0xBF58476D1CE4E5B9ULL;
  return h ? h : 1;
}

// The pieces of a text: blank-separated words, each ASCII punctuation
// character a piece of its own, upper-cased; U+00A0 (no-break space)
// separates like a blank.  The upper-case bytes of all pieces sit in one
// buffer, so a warm PieceBuffer allocates nothing.
class PieceBuffer {
 public:
  void Clear() {
    buf_.clear();
    off_.clear();
    hash_.clear();
  }
  void Add(std::string_view text) {
    size_t start = std::string_view::npos;
    for (size_t i = 0; i < text.size(); ++i) {
      unsigned char c = static_cast<unsigned char>(text[i]);
      if (IsBlank(c)) {
        Flush(text, &start, i);
      } else if (c == 0xC2 && i + 1 < text.size() && static_cast<unsigned char>(text[i + 1]) == 0xA0) {
        Flush(text, &start, i);
        ++i;
      } else if (IsAsciiPunct(c)) {
        Flush(text, &start, i);
        Push(text.substr(i, 1), /*ascii=*/true);
      } else if (start == std::string_view::npos) {
        start = i;
      }
    }
    Flush(text, &start, text.size());
  }
  size_t size() const { return hash_.size(); }
  uint64_t hash(size_t i) const { return hash_[i]; }
  std::string_view piece(size_t i) const {
    return std::string_view(buf_).substr(off_[i], off_[i + 1] - off_[i]);
  }

 private:
  void Flush(std::string_view text, size_t* start, size_t end) {
    if (*start == std::string_view::npos) return;
    std::string_view w = text.substr(*start, end - *start);
    bool ascii = true;
    for (unsigned char c : w) ascii &= c < 0x80;
    Push(w, ascii);
    *start = std::string_view::npos;
  }
  void Push(std::string_view w, bool ascii) {
    if (off_.empty()) off_.push_back(0);
    const size_t from = buf_.size();
    if (ascii) {
      for (char c : w) buf_.push_back(c >= 'a' && c <= 'z' ? static_cast<char>(c - 32) : c);
    } else {
      dict::UpperInto(w, &scratch_);
      buf_ += scratch_;
    }
    off_.push_back(static_cast<uint32_t>(buf_.size()));
    hash_.push_back(PieceHash(std::string_view(buf_).substr(from)));
  }
  std::string buf_, scratch_;
  std::vector<uint32_t> off_;
  std::vector<uint64_t> hash_;
};

std::vector<std::string> Pieces(std::string_view text) {
  PieceBuffer b;
  b.Add(text);
  std::vector<std::string> out;
  for (size_t i = 0; i < b.size(); ++i) out.emplace_back(b.piece(i));
  return out;
}

// The forms of one written word part: "n:school" -> SCHOOL, SCHOOLS;
// "v:vote" -> VOTE, VOTES, VOTED, VOTING; else the part itself.
std::vector<std::string> PartForms(std::string_view part) {
  std::string up;
  if (part.size() > 2 && (part[0] == 'n' || part[0] == 'N') && part[1] == ':') {
    dict::UpperInto(part.substr(2), &up);
    return {up, dict::Pluralize(up)};
  }
  if (part.size() > 2 && (part[0] == 'v' || part[0] == 'V') && part[1] == ':') {
    dict::UpperInto(part.substr(2), &up);
    if (up.back() == 'E') return {up, up + "S", up + "D", up.substr(0, up.size() - 1) + "ING"};
    return {up, up + "S", up + "ED", up + "ING"};
  }
  dict::UpperInto(part, &up);
  return {up};
}

constexpr size_t kMaxForms = 256;  // expansions of one line

// Expands a written phrase: words split at blanks and '_'; within a word,
// '+' joins parts with a blank or a hyphen; n:/v: make noun/verb forms.
// Returns false when the line would make more than kMaxForms forms.
bool Expand(std::string_view phrase, std::vector<std::string>* forms) {
  forms->assign(1, std::string());
  for (std::string_view word : dict::SplitAny(phrase, " \t_")) {
    // Alternatives of this word.
    std::vector<std::string> alts = {std::string()};
    bool first_part = true;
    for (std::string_view part : dict::SplitAny(word, "+")) {
      std::vector<std::string> next;
      for (const std::string& a : alts)
        for (const std::string& f : PartForms(part)) {
          if (first_part) {
            next.push_back(a + f);
          } else {
            next.push_back(a + " " + f);
            next.push_back(a + "-" + f);
          }
        }
      alts = std::move(next);
      first_part = false;
      if (alts.size() > kMaxForms) return false;
    }
    std::vector<std::string> next;
    for (const std::string& f : *forms)
      for (const std::string& a : alts) next.push_back(f.empty() ? a : f + " " + a);
    *forms = std::move(next);
    if (forms->size() > kMaxForms) return false;
  }
  if (forms->size() == 1 && forms->front().empty()) forms->clear();
  return true;
}

// CATEGORY="..." of an <ISSUE ...> tag, or "" when absent.
std::string Category(std::string_view tag) {
  size_t k = tag.find("CATEGORY");
  if (k == std::string_view::npos) return {};
  size_t q1 = tag.find('"', k);
  if (q1 == std::string_view::npos) return {};
  size_t q2 = tag.find('"', q1 + 1);
  if (q2 == std::string_view::npos) return {};
  return std::string(tag.substr(q1 + 1, q2 - q1 - 1));
}

bool ValidCode(std::string_view code) {
  if (code.empty()) return false;
  for (unsigned char c : code)
    if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-'))
      return false;
  return true;
}

Status Build(dict::NamedTexts files, const DictionaryLoadOptions& options, LoadReport* report,
             IssueDictionary::Impl* impl) {
  struct VecHash {
    size_t operator()(const std::vector<std::string>& v) const {
      size_t h = 0;
      for (const auto& s : v) h = h * 1000003u ^ std::hash<std::string>()(s);
      return h;
    }
  };
  std::unordered_set<std::vector<std::string>, VecHash> seen;
  std::vector<std::string> forms;
  for (const auto& [name, text] : files) {
    dict::ErrorSink sink(options, report, name, "issues");
    dict::LineReader lr(text);
    std::string category;
    uint32_t block_line = 0;
    while (lr.Next()) {
      std::string_view raw = Trim(lr.raw());
      if (raw.starts_with("</ISSUE")) {
        if (block_line == 0) ENTENTE_RETURN_IF_ERROR(sink.Error(lr.number(), "</ISSUE> without <ISSUE>"));
        category.clear();
        block_line = 0;
        continue;
      }
      if (raw.starts_with("<ISSUE")) {
        if (block_line != 0) {
          ENTENTE_RETURN_IF_ERROR(sink.Error(
              lr.number(), "<ISSUE> inside the block opened on line " + std::to_string(block_line)));
        }
        category = Category(raw);
        block_line = lr.number();
        continue;
      }
      std::string_view t = Trim(lr.line());
      // One line may hold several entries ("a [X]b [Y]": two lines merged).
      while (!t.empty()) {
        IssueEntry e;
        e.file = name;
        e.line = lr.number();
        e.category = category;
        std::string_view phrase;
        if (t.starts_with("~")) {
          e.kind = t.starts_with("~~") ? IssueEntry::Kind::kIgnoreStory : IssueEntry::Kind::kIgnoreSentence;
          phrase = Trim(t.substr(e.kind == IssueEntry::Kind::kIgnoreStory ? 2 : 1));
          t = {};
          if (phrase.find_first_of("[]") != std::string_view::npos) {
            ENTENTE_RETURN_IF_ERROR(sink.Error(lr.number(), "an ignore phrase ('~') takes no [code]"));
            break;
          }
        } else {
          size_t open = t.find('[');
          size_t close = open == std::string_view::npos ? open : t.find(']', open);
          if (open == std::string_view::npos) {
            ENTENTE_RETURN_IF_ERROR(sink.Error(lr.number(), "issue phrase without a [code]"));
            break;
          }
          if (close == std::string_view::npos) {
            ENTENTE_RETURN_IF_ERROR(sink.Error(lr.number(), "unterminated '[' in issue code"));
            break;
          }
          phrase = Trim(t.substr(0, open));
          std::string_view code = Trim(t.substr(open + 1, close - open - 1));
          t = Trim(t.substr(close + 1));
          if (!ValidCode(code)) {
            ENTENTE_RETURN_IF_ERROR(sink.Error(lr.number(), "bad issue code '" + std::string(code) + "'"));
            continue;
          }
          e.code = std::string(code);
        }
        if (phrase.empty()) {
          ENTENTE_RETURN_IF_ERROR(sink.Error(lr.number(), "empty issue phrase"));
          continue;
        }
        if (!Expand(phrase, &forms)) {
          ENTENTE_RETURN_IF_ERROR(sink.Error(lr.number(), "phrase expands to more than " +
                                                              std::to_string(kMaxForms) + " forms"));
          continue;
        }
        if (forms.empty()) {
          ENTENTE_RETURN_IF_ERROR(sink.Error(lr.number(), "empty issue phrase"));
          continue;
        }
        bool kept = false;
        for (const std::string& f : forms) {
          std::vector<std::string> pieces = Pieces(f);
          if (pieces.empty()) continue;
          if (!seen.insert(pieces).second) {
            sink.Duplicate();
            continue;
          }
          IssueEntry x = e;
          x.phrase = f;
          impl->story_ignores |= x.kind == IssueEntry::Kind::kIgnoreStory;
          impl->entries.push_back(std::move(x));
          impl->pieces.push_back(std::move(pieces));
          kept = true;
        }
        if (kept) sink.Entry();
      }
    }
    if (block_line != 0) {
      ENTENTE_RETURN_IF_ERROR(sink.Error(block_line, "<ISSUE> block not closed by </ISSUE>"));
    }
    sink.Lines(lr.lines());
    ENTENTE_RETURN_IF_ERROR(sink.Finish());
  }
  if (impl->entries.empty()) return dict::NoEntries("issue", files);
  impl->Compile();
  return Status::OK();
}

}  // namespace

void IssueDictionary::Impl::Compile() {
  std::unordered_map<uint64_t, std::vector<uint32_t>> groups;
  std::vector<uint64_t> order;  // first-piece hashes in first-seen order (deterministic layout)
  for (uint32_t e = 0; e < entries.size(); ++e) {
    const uint64_t h = PieceHash(pieces[e][0]);
    auto [it, fresh] = groups.try_emplace(h);
    if (fresh) order.push_back(h);
    it->second.push_back(e);
  }
  uint64_t cap = 16;
  while (cap < 2 * order.size()) cap <<= 1;
  table.assign(cap, Slot{});
  mask = cap - 1;
  filter.assign(kFilterBits / 64, 0);
  for (uint64_t h : order) {
    std::vector<uint32_t>& g = groups[h];
    std::stable_sort(g.begin(), g.end(), [&](uint32_t a, uint32_t b) { return pieces[a].size() > pieces[b].size(); });
    Slot sl{h, static_cast<uint32_t>(candidates.size()), 0};
    for (uint32_t e : g) {
      candidates.push_back({e, static_cast<uint32_t>(pieces[e].size()), static_cast<uint32_t>(hashes.size())});
      for (const std::string& q : pieces[e]) hashes.push_back(PieceHash(q));
    }
    sl.end = static_cast<uint32_t>(candidates.size());
    uint64_t i = h & mask;
    while (table[i].key != 0) i = (i + 1) & mask;
    table[i] = sl;
    Set(&filter, h);
  }
}

IssueDictionary::IssueDictionary() : impl_(std::make_shared<Impl>()) {}

Result<IssueDictionary> IssueDictionary::Parse(std::string_view text, std::string_view name,
                                               const DictionaryLoadOptions& options, LoadReport* report) {
  auto impl = dict::BuildFromText<Impl>(name, text, report, [&](dict::NamedTexts files, Impl* i) {
    return Build(files, options, report, i);
  });
  if (!impl.ok()) return impl.status();
  IssueDictionary d;
  d.impl_ = std::move(*impl);
  return d;
}

Result<IssueDictionary> IssueDictionary::Load(const std::vector<std::string>& paths,
                                              const DictionaryLoadOptions& options, LoadReport* report) {
  auto impl = dict::BuildFromFiles<Impl>(paths, report, [&](dict::NamedTexts files, Impl* i) {
    return Build(files, options, report, i);
  });
  if (!impl.ok()) return impl.status();
  IssueDictionary d;
  d.impl_ = std::move(*impl);
  return d;
}

size_t IssueDictionary::size() const { return impl_->entries.size(); }
const IssueEntry& IssueDictionary::entry(uint32_t i) const { return impl_->entries.at(i); }
bool IssueDictionary::has_story_ignores() const { return impl_->story_ignores; }

IssueDictionary::SentenceIssues IssueDictionary::Find(std::span<const std::string_view> words) const {
  const Impl& d = *impl_;
  SentenceIssues out;
  if (d.entries.empty()) return out;
  thread_local PieceBuffer pieces;
  pieces.Clear();
  for (std::string_view w : words) pieces.Add(w);
  const size_t np = pieces.size();
  std::vector<std::string> ignored;  // categories ignored in this sentence
  bool ignore_all = false;
  for (size_t i = 0; i < np;) {
    const uint64_t h0 = pieces.hash(i);
    constexpr uint32_t kNone = 0xFFFFFFFFu;
    uint32_t hit = kNone;
    const Impl::Slot* sl = Impl::Test(d.filter, h0) ? d.Lookup(h0) : nullptr;
    if (sl) {
      for (uint32_t c = sl->begin; c < sl->end; ++c) {
        const Impl::Candidate& cand = d.candidates[c];
        if (i + cand.length > np) continue;
        const uint64_t* h = d.hashes.data() + cand.hash_begin;
        bool same = true;
        for (size_t k = 1; k < cand.length && same; ++k) same = pieces.hash(i + k) == h[k];
        for (size_t k = 0; k < cand.length && same; ++k) same = pieces.piece(i + k) == d.pieces[cand.entry][k];
        if (same) {
          hit = cand.entry;
          break;
        }
      }
    }
    if (hit == kNone) {
      ++i;
      continue;
    }
    const IssueEntry& e = d.entries[hit];
    i += d.pieces[hit].size();
    if (e.kind == IssueEntry::Kind::kIssue) {
      auto c = std::find_if(out.issues.begin(), out.issues.end(),
                            [&](const IssueCount& x) { return x.code == e.code; });
      if (c == out.issues.end())
        out.issues.push_back(IssueCount{e.code, e.category, 1});
      else
        ++c->count;
      continue;
    }
    if (e.category.empty()) ignore_all = true;
    ignored.push_back(e.category);
    if (e.kind == IssueEntry::Kind::kIgnoreStory &&
        std::find(out.story_ignores.begin(), out.story_ignores.end(), e.category) == out.story_ignores.end())
      out.story_ignores.push_back(e.category);
  }
  if (ignore_all) {
    out.issues.clear();
  } else if (!ignored.empty()) {
    std::erase_if(out.issues, [&](const IssueCount& x) {
      return std::find(ignored.begin(), ignored.end(), x.category) != ignored.end();
    });
  }
  return out;
}

IssueDictionary::SentenceIssues IssueDictionary::Find(const Sentence& s) const {
  thread_local std::vector<std::string_view> words;
  words.clear();
  for (const Token& t : s.tokens) words.push_back(t.form);
  return Find(std::span<const std::string_view>(words));
}

}  // namespace entente
