// Actor dictionaries (Phoenix.*.actors.txt, PETR.Validate.actors.txt).
#include <chrono>

#include "dictionaries/common.h"

namespace entente {

struct ActorDictionary::Impl {
  dict::Lexicon lexicon;
  dict::PhraseTrie trie;
  std::vector<ActorEntry> entries;
};

std::string_view ActorEntry::CodeOn(int32_t date) const {
  if (date != 0) {
    for (const DateRule& r : rules) {
      switch (r.kind) {
        case DateRule::Kind::kBefore: if (date <= r.to) return r.code; break;
        case DateRule::Kind::kAfter: if (date >= r.from) return r.code; break;
        case DateRule::Kind::kBetween: if (date >= r.from && date <= r.to) return r.code; break;
        case DateRule::Kind::kDefault: break;
      }
    }
    return default_code;
  }
  if (!default_code.empty() || rules.empty()) return default_code;
  // Unknown date and no default: the rule that reaches furthest in time.
  const DateRule* best = nullptr;
  auto end_of = [](const DateRule& r) { return r.kind == DateRule::Kind::kAfter ? 99999999 : r.to; };
  for (const DateRule& r : rules)
    if (!best || end_of(r) >= end_of(*best)) best = &r;
  return best->code;
}

namespace {

using dict::Trim;

// Parses the inside of a date restriction "CODE", "CODE <date", "CODE >date",
// "CODE date-date".  Returns an error message on failure.
std::string ParseRule(std::string_view inside, DateRule* rule) {
  inside = Trim(inside);
  size_t sp = inside.find_first_of(" \t");
  std::string_view code = inside.substr(0, sp);
  std::string_view rest = sp == std::string_view::npos ? std::string_view() : Trim(inside.substr(sp));
  if (code.empty()) return "date restriction without a code";
  rule->code = std::string(code);
  if (rest.empty()) {
    rule->kind = DateRule::Kind::kDefault;
    return {};
  }
  if (rest[0] == '<' || rest[0] == '>') {
    auto d = ParseDictionaryDate(rest.substr(1));
    if (!d) return "bad date '" + std::string(Trim(rest.substr(1))) + "' in date restriction";
    if (rest[0] == '<') {
      rule->kind = DateRule::Kind::kBefore;
      rule->to = *d;
    } else {
      rule->kind = DateRule::Kind::kAfter;
      rule->from = *d;
    }
    return {};
  }
  size_t dash = rest.find('-');
  if (dash == std::string_view::npos)
    return "bad date restriction '" + std::string(rest) + "' (want <date, >date or date-date)";
  auto a = ParseDictionaryDate(rest.substr(0, dash));
  auto b = ParseDictionaryDate(rest.substr(dash + 1));
  if (!a) return "bad date '" + std::string(Trim(rest.substr(0, dash))) + "' in date restriction";
  if (!b) return "bad date '" + std::string(Trim(rest.substr(dash + 1))) + "' in date restriction";
  if (*b < *a) return "date interval ends before it starts";
  rule->kind = DateRule::Kind::kBetween;
  rule->from = *a;
  rule->to = *b;
  return {};
}

struct PendingRecord {
  ActorEntry entry;
  std::vector<std::pair<std::string, uint32_t>> phrases;  // text, line
  bool active = false;
  bool bad = false;  // skipped: its continuation lines are dropped silently
};

class ActorParser {
 public:
  ActorParser(ActorDictionary::Impl* impl, dict::ErrorSink* sink, std::string file)
      : impl_(impl), sink_(sink), file_(std::move(file)) {}

  Status Run(std::string_view text) {
    dict::LineReader lr(text);
    while (lr.Next()) {
      std::string_view line = lr.line();
      if (line.empty()) continue;
      std::string_view t = Trim(line);
      uint32_t ln = lr.number();
      if (t[0] == '[') {
        ENTENTE_RETURN_IF_ERROR(Restriction(t, ln));
      } else if (t[0] == '+') {
        if (!rec_.active) {
          if (!rec_.bad) ENTENTE_RETURN_IF_ERROR(sink_->Error(ln, "synonym '+' line without an actor before it"));
          continue;
        }
        std::string_view ph = Trim(t.substr(1));
        size_t br = ph.find('[');
        if (br != std::string_view::npos) ph = Trim(ph.substr(0, br));  // a code on a synonym is ignored
        if (ph.empty()) {
          ENTENTE_RETURN_IF_ERROR(sink_->Error(ln, "empty synonym phrase"));
          continue;
        }
        rec_.phrases.emplace_back(std::string(ph), ln);
      } else {
        ENTENTE_RETURN_IF_ERROR(Primary(t, ln));
      }
    }
    ENTENTE_RETURN_IF_ERROR(Flush(/*at_end=*/true));
    sink_->Lines(lr.lines());
    return Status::OK();
  }

 private:
  Status Restriction(std::string_view t, uint32_t ln) {
    if (!rec_.active) {
      if (rec_.bad) return Status::OK();
      return sink_->Error(ln, "date restriction without an actor before it");
    }
    size_t close = t.find(']');
    if (close == std::string_view::npos) {
      rec_.bad = true;
      rec_.active = false;
      return sink_->Error(ln, "unterminated '[' in date restriction");
    }
    DateRule rule;
    rule.line = ln;
    std::string err = ParseRule(t.substr(1, close - 1), &rule);
    if (!err.empty()) return sink_->Error(ln, err);  // only this line is skipped
    if (rule.kind == DateRule::Kind::kDefault) rec_.entry.default_code = rule.code;
    else rec_.entry.rules.push_back(std::move(rule));
    return Status::OK();
  }

  Status Primary(std::string_view t, uint32_t ln) {
    ENTENTE_RETURN_IF_ERROR(Flush(/*at_end=*/false));
    rec_.active = true;
    rec_.bad = false;
    std::string_view phrase = t;
    size_t open = t.find('[');
    if (open != std::string_view::npos) {
      phrase = Trim(t.substr(0, open));
      // One or more [...] groups: "[CODE]", or TABARI's in-line restrictions
      // "[CODE date-date] [CODE2]".  Text after the last ']' (e.g. company
      // descriptions in the MNC lists) is ignored.
      size_t pos = open;
      while (pos != std::string_view::npos && pos < t.size() && t[pos] == '[') {
        size_t close = t.find(']', pos);
        if (close == std::string_view::npos) {
          rec_.active = false;
          rec_.bad = true;
          rec_.phrases.clear();
          return sink_->Error(ln, "unterminated '[' in actor code");
        }
        DateRule rule;
        rule.line = ln;
        std::string err = ParseRule(t.substr(pos + 1, close - pos - 1), &rule);
        if (!err.empty()) {
          rec_.active = false;
          rec_.bad = true;
          rec_.phrases.clear();
          return sink_->Error(ln, err);
        }
        if (rule.kind == DateRule::Kind::kDefault) rec_.entry.default_code = rule.code;
        else rec_.entry.rules.push_back(std::move(rule));
        pos = t.find_first_not_of(" \t", close + 1);
      }
    }
    if (phrase.empty()) {
      rec_.active = false;
      rec_.bad = true;
      rec_.phrases.clear();
      return sink_->Error(ln, "actor code without a phrase");
    }
    rec_.entry.file = file_;
    rec_.entry.line = ln;
    rec_.phrases.emplace_back(std::string(phrase), ln);
    return Status::OK();
  }

  // Stores the current record.  A record with no code at all that is
  // directly followed by another root joins that record (PETRARCH reads it
  // so: "U.N._" on its own line before "UN_SECRETARY_GENERAL ... [IGOUNO]").
  Status Flush(bool at_end) {
    if (!rec_.active) {
      rec_ = PendingRecord{};
      return Status::OK();
    }
    if (rec_.entry.default_code.empty() && rec_.entry.rules.empty()) {
      if (!at_end) {
        carried_.insert(carried_.end(), rec_.phrases.begin(), rec_.phrases.end());
        rec_ = PendingRecord{};
        return Status::OK();
      }
      uint32_t ln = rec_.entry.line;
      rec_ = PendingRecord{};
      carried_.clear();
      return sink_->Error(ln, "actor has no code");
    }
    uint32_t index = static_cast<uint32_t>(impl_->entries.size());
    // The root is the first phrase written; carried phrases come first.
    std::vector<std::pair<std::string, uint32_t>> all = std::move(carried_);
    carried_.clear();
    all.insert(all.end(), rec_.phrases.begin(), rec_.phrases.end());
    bool any = false;
    for (auto& [text, ln] : all) {
      dict::ParsedPhrase p = dict::SplitPhrase(text, /*gaps_allowed=*/true);
      if (p.words.empty()) {
        ENTENTE_RETURN_IF_ERROR(sink_->Error(ln, "empty actor phrase"));
        continue;
      }
      ids_.clear();
      for (const std::string& w : p.words) ids_.push_back(impl_->lexicon.Intern(w));
      // A phrase defined again later takes the later record (PETRARCH2).
      if (!impl_->trie.Insert(ids_, p.gap_before, index, /*replace=*/true)) sink_->Duplicate();
      if (!any) {
        std::string root;
        for (const std::string& w : p.words) {
          if (!root.empty()) root.push_back(' ');
          root += w;
        }
        rec_.entry.root = std::move(root);
        rec_.entry.line = ln;
        any = true;
      }
    }
    if (any) {
      impl_->entries.push_back(std::move(rec_.entry));
      sink_->Entry();
    }
    rec_ = PendingRecord{};
    return Status::OK();
  }

  ActorDictionary::Impl* impl_;
  dict::ErrorSink* sink_;
  std::string file_;
  PendingRecord rec_;
  std::vector<std::pair<std::string, uint32_t>> carried_;
  std::vector<WordId> ids_;
};

Status Build(std::span<const std::pair<std::string, std::string>> files,
                              const DictionaryLoadOptions& options, LoadReport* report,
                              ActorDictionary::Impl* impl) {
  for (const auto& [name, text] : files) {
    dict::ErrorSink sink(options, report, name, "actors");
    ActorParser parser(impl, &sink, name);
    ENTENTE_RETURN_IF_ERROR(parser.Run(text));
    ENTENTE_RETURN_IF_ERROR(sink.Finish());
  }
  if (impl->entries.empty())
    return dict::NoEntries("actor", files);
  impl->trie.Compile(impl->lexicon.size());
  return Status::OK();
}

}  // namespace

ActorDictionary::ActorDictionary() : impl_(std::make_shared<Impl>()) {}

Result<ActorDictionary> ActorDictionary::Parse(std::string_view text, std::string_view name,
                                               const DictionaryLoadOptions& options,
                                               LoadReport* report) {
  auto impl = dict::BuildFromText<Impl>(name, text, report, [&](dict::NamedTexts files, Impl* i) { return Build(files, options, report, i); });
  if (!impl.ok()) return impl.status();
  ActorDictionary d;
  d.impl_ = std::move(*impl);
  return d;
}

Result<ActorDictionary> ActorDictionary::Load(const std::vector<std::string>& paths,
                                              const DictionaryLoadOptions& options,
                                              LoadReport* report) {
  auto impl = dict::BuildFromFiles<Impl>(paths, report, [&](dict::NamedTexts files, Impl* i) { return Build(files, options, report, i); });
  if (!impl.ok()) return impl.status();
  ActorDictionary d;
  d.impl_ = std::move(*impl);
  return d;
}

size_t ActorDictionary::size() const { return impl_->entries.size(); }
size_t ActorDictionary::phrases() const { return impl_->trie.phrases(); }
const ActorEntry& ActorDictionary::entry(uint32_t i) const { return impl_->entries.at(i); }
size_t ActorDictionary::words() const { return impl_->lexicon.size(); }
std::string_view ActorDictionary::Word(WordId id) const { return impl_->lexicon.Word(id); }

std::vector<WordId> ActorDictionary::Encode(std::span<const std::string_view> words) const {
  return impl_->lexicon.Encode(words);
}
std::vector<WordId> ActorDictionary::Encode(const Sentence& s, TokenField field) const {
  return impl_->lexicon.Encode(s, field);
}

std::optional<PhraseMatch> ActorDictionary::LongestAt(std::span<const WordId> ids, size_t start) const {
  return impl_->trie.LongestAt(ids, start);
}

std::optional<PhraseMatch> ActorDictionary::Find(std::span<const WordId> ids) const {
  for (size_t i = 0; i < ids.size(); ++i)
    if (auto m = impl_->trie.LongestAt(ids, i)) return m;
  return std::nullopt;
}

std::optional<std::string_view> ActorDictionary::CodeAt(std::span<const WordId> ids, size_t start,
                                                        int32_t date) const {
  auto m = LongestAt(ids, start);
  if (!m) return std::nullopt;
  return impl_->entries[m->entry].CodeOn(date);
}

}  // namespace entente
