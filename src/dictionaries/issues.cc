// Issue dictionaries (Phoenix.IssueCoding.txt): phrases -> issue codes.
// Format and matching: doc/dictionaries.md, "Issue dictionaries".
#include <algorithm>
#include <unordered_map>
#include <unordered_set>

#include "dictionaries/common.h"

namespace entente {

struct IssueDictionary::Impl {
  std::vector<IssueEntry> entries;
  std::vector<std::vector<std::string>> pieces;  // per entry, upper case
  struct Hash {
    using is_transparent = void;
    size_t operator()(std::string_view s) const { return std::hash<std::string_view>()(s); }
  };
  // First piece -> entries, longest first (then in file order).
  std::unordered_map<std::string, std::vector<uint32_t>, Hash, std::equal_to<>> by_first;
  bool story_ignores = false;
};

namespace {

using dict::Trim;

bool IsBlank(unsigned char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }
bool IsAsciiPunct(unsigned char c) {
  return (c >= 0x21 && c <= 0x2F) || (c >= 0x3A && c <= 0x40) || (c >= 0x5B && c <= 0x60) ||
         (c >= 0x7B && c <= 0x7E);
}

// Splits `text` into pieces: blank-separated words, each ASCII punctuation
// character a piece of its own, upper-cased.  U+00A0 (no-break space)
// separates like a blank.  Pieces go to (*out)[*n], (*out)[*n + 1], ...:
// the strings of `out` are reused, so a warm buffer allocates nothing.
void SplitPieces(std::string_view text, std::vector<std::string>* out, size_t* n) {
  auto slot = [&]() -> std::string& {
    if (*n == out->size()) out->emplace_back();
    return (*out)[(*n)++];
  };
  size_t start = std::string_view::npos;
  auto flush = [&](size_t end) {
    if (start == std::string_view::npos) return;
    dict::UpperInto(text.substr(start, end - start), &slot());
    start = std::string_view::npos;
  };
  for (size_t i = 0; i < text.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(text[i]);
    if (IsBlank(c)) {
      flush(i);
    } else if (c == 0xC2 && i + 1 < text.size() && static_cast<unsigned char>(text[i + 1]) == 0xA0) {
      flush(i);
      ++i;
    } else if (IsAsciiPunct(c)) {
      flush(i);
      slot().assign(1, static_cast<char>(c));
    } else if (start == std::string_view::npos) {
      start = i;
    }
  }
  flush(text.size());
}

std::vector<std::string> Pieces(std::string_view text) {
  std::vector<std::string> out;
  size_t n = 0;
  SplitPieces(text, &out, &n);
  out.resize(n);
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
          impl->by_first[pieces[0]].push_back(static_cast<uint32_t>(impl->entries.size()));
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
  if (impl->entries.empty()) return Status(Code::kEmpty, "issue dictionary holds no entries");
  for (auto& [w, v] : impl->by_first)
    std::stable_sort(v.begin(), v.end(), [&](uint32_t a, uint32_t b) {
      return impl->pieces[a].size() > impl->pieces[b].size();
    });
  return Status::OK();
}

}  // namespace

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
  thread_local std::vector<std::string> pieces;
  size_t np = 0;
  for (std::string_view w : words) SplitPieces(w, &pieces, &np);
  std::vector<std::string> ignored;  // categories ignored in this sentence
  bool ignore_all = false;
  for (size_t i = 0; i < np;) {
    auto it = d.by_first.find(pieces[i]);
    const std::vector<uint32_t>* cands = it == d.by_first.end() ? nullptr : &it->second;
    constexpr uint32_t kNone = 0xFFFFFFFFu;
    uint32_t hit = kNone;
    if (cands) {
      for (uint32_t e : *cands) {
        const auto& p = d.pieces[e];
        if (i + p.size() > np) continue;
        if (std::equal(p.begin() + 1, p.end(), pieces.begin() + static_cast<std::ptrdiff_t>(i) + 1)) {
          hit = e;
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
