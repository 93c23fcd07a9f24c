// Agent dictionaries (Phoenix.agents.txt, PETR.Validate.agents.txt).
#include <chrono>
#include <map>

#include "dictionaries/common.h"

namespace entente {

struct AgentDictionary::Impl {
  dict::Lexicon lexicon;
  dict::PhraseTrie trie;
  std::vector<AgentEntry> entries;
};

std::string AgentEntry::Apply(std::string_view actor_code) const {
  std::string out;
  if (prefix) {
    out.append(code).append(actor_code);
  } else {
    out.append(actor_code).append(code);
  }
  return out;
}

namespace {

using dict::Trim;

class AgentParser {
 public:
  AgentParser(AgentDictionary::Impl* impl, dict::ErrorSink* sink, std::string file)
      : impl_(impl), sink_(sink), file_(std::move(file)) {}

  Status Run(std::string_view text) {
    dict::LineReader lr(text);
    while (lr.Next()) {
      std::string_view t = Trim(lr.line());
      if (t.empty()) continue;
      ENTENTE_RETURN_IF_ERROR(Line(t, lr.number()));
    }
    sink_->Lines(lr.lines());
    return Status::OK();
  }

 private:
  Status Line(std::string_view t, uint32_t ln) {
    size_t open = t.find('[');
    if (t.find('!') != std::string_view::npos && t.find('=') != std::string_view::npos &&
        (open == std::string_view::npos || t.find('=') < open)) {
      return DefineMarker(t, ln);
    }
    if (open == std::string_view::npos) return sink_->Error(ln, "agent without a [code]");
    size_t close = t.find(']', open);
    if (close == std::string_view::npos) return sink_->Error(ln, "unterminated '[' in agent code");
    std::string_view code = Trim(t.substr(open + 1, close - open - 1));
    AgentEntry proto;
    proto.file = file_;
    proto.line = ln;
    size_t tilde = code.find('~');
    if (code.size() < 2 || tilde == std::string_view::npos ||
        (tilde != 0 && tilde != code.size() - 1) || code.find('~', tilde + 1) != std::string_view::npos ||
        code.find_first_of(" \t") != std::string_view::npos) {
      return sink_->Error(ln, "bad agent code '[" + std::string(code) + "]' (want [~CODE] or [CODE~])");
    }
    proto.prefix = tilde != 0;
    proto.code = std::string(tilde == 0 ? code.substr(1) : code.substr(0, code.size() - 1));

    std::string_view phrase = Trim(t.substr(0, open));
    std::optional<std::string> plural;  // nullopt: generate; "": none
    size_t brace = phrase.find('{');
    if (brace != std::string_view::npos) {
      size_t cb = phrase.find('}', brace);
      if (cb == std::string_view::npos) return sink_->Error(ln, "unterminated '{' in agent plural");
      plural = std::string(Trim(phrase.substr(brace + 1, cb - brace - 1)));
      phrase = Trim(phrase.substr(0, brace));
    }
    if (phrase.empty()) return sink_->Error(ln, "agent code without a phrase");

    size_t bang = phrase.find('!');
    if (bang != std::string_view::npos) {
      size_t end = phrase.find('!', bang + 1);
      if (end == std::string_view::npos)
        return sink_->Error(ln, "unterminated substitution marker '!' in agent phrase");
      std::string name(phrase.substr(bang + 1, end - bang - 1));
      auto it = markers_.find(name);
      if (it == markers_.end()) return sink_->Error(ln, "unknown substitution marker !" + name + "!");
      // Every listed form is substituted; no plural is generated.
      for (const std::string& subst : it->second) {
        std::string p(phrase.substr(0, bang));
        p += subst;
        p.append(phrase.substr(end + 1));
        if (p.find('!') != std::string::npos) {
          ENTENTE_RETURN_IF_ERROR(sink_->Error(ln, "more than one substitution marker in agent phrase"));
          return Status::OK();
        }
        Store(p, proto, false);
      }
      return Status::OK();
    }
    dict::ParsedPhrase parsed = Store(phrase, proto, false);
    if (!plural) {
      if (!parsed.words.empty()) {
        dict::ParsedPhrase pl = parsed;
        pl.words.back() = dict::Pluralize(pl.words.back());
        StoreParsed(pl, proto, true);
      }
    } else if (!plural->empty()) {
      Store(*plural, proto, true);
    }
    return Status::OK();
  }

  Status DefineMarker(std::string_view t, uint32_t ln) {
    size_t a = t.find('!');
    size_t b = t.find('!', a + 1);
    size_t eq = t.find('=');
    if (b == std::string_view::npos || eq < b)
      return sink_->Error(ln, "substitution marker incorrectly defined (want !NAME! = A, B, ...)");
    std::string name(t.substr(a + 1, b - a - 1));
    std::vector<std::string> items;
    for (std::string_view item : dict::SplitAny(t.substr(eq + 1), ",")) {
      item = Trim(item);
      if (!item.empty()) items.emplace_back(item);
    }
    if (name.empty() || items.empty())
      return sink_->Error(ln, "substitution marker incorrectly defined (want !NAME! = A, B, ...)");
    markers_[name] = std::move(items);
    return Status::OK();
  }

  dict::ParsedPhrase Store(std::string_view phrase, const AgentEntry& proto, bool plural) {
    dict::ParsedPhrase p = dict::SplitPhrase(phrase, /*gaps_allowed=*/true);
    StoreParsed(p, proto, plural);
    return p;
  }

  void StoreParsed(const dict::ParsedPhrase& p, const AgentEntry& proto, bool plural) {
    if (p.words.empty()) return;
    ids_.clear();
    for (const std::string& w : p.words) ids_.push_back(impl_->lexicon.Intern(w));
    uint32_t index = static_cast<uint32_t>(impl_->entries.size());
    // A phrase defined again later takes the later code (PETRARCH2).
    if (!impl_->trie.Insert(ids_, p.gap_before, index, /*replace=*/true)) sink_->Duplicate();
    AgentEntry e = proto;
    e.plural = plural;
    for (const std::string& w : p.words) {
      if (!e.phrase.empty()) e.phrase.push_back(' ');
      e.phrase += w;
    }
    impl_->entries.push_back(std::move(e));
    sink_->Entry();
  }

  AgentDictionary::Impl* impl_;
  dict::ErrorSink* sink_;
  std::string file_;
  std::map<std::string, std::vector<std::string>> markers_;
  std::vector<WordId> ids_;
};

Status Build(std::span<const std::pair<std::string, std::string>> files,
             const DictionaryLoadOptions& options, LoadReport* report,
             AgentDictionary::Impl* impl) {
  for (const auto& [name, text] : files) {
    dict::ErrorSink sink(options, report, name, "agents");
    AgentParser parser(impl, &sink, name);
    ENTENTE_RETURN_IF_ERROR(parser.Run(text));
    ENTENTE_RETURN_IF_ERROR(sink.Finish());
  }
  if (impl->entries.empty()) return dict::NoEntries("agent", files);
  impl->trie.Compile(impl->lexicon.size());
  return Status::OK();
}

}  // namespace

AgentDictionary::AgentDictionary() : impl_(std::make_shared<Impl>()) {}

Result<AgentDictionary> AgentDictionary::Parse(std::string_view text, std::string_view name,
                                               const DictionaryLoadOptions& options,
                                               LoadReport* report) {
  auto impl = dict::BuildFromText<Impl>(name, text, report, [&](dict::NamedTexts files, Impl* i) { return Build(files, options, report, i); });
  if (!impl.ok()) return impl.status();
  AgentDictionary d;
  d.impl_ = std::move(*impl);
  return d;
}

Result<AgentDictionary> AgentDictionary::Load(const std::vector<std::string>& paths,
                                              const DictionaryLoadOptions& options,
                                              LoadReport* report) {
  auto impl = dict::BuildFromFiles<Impl>(paths, report, [&](dict::NamedTexts files, Impl* i) { return Build(files, options, report, i); });
  if (!impl.ok()) return impl.status();
  AgentDictionary d;
  d.impl_ = std::move(*impl);
  return d;
}

size_t AgentDictionary::size() const { return impl_->entries.size(); }
const AgentEntry& AgentDictionary::entry(uint32_t i) const { return impl_->entries.at(i); }
size_t AgentDictionary::words() const { return impl_->lexicon.size(); }
std::string_view AgentDictionary::Word(WordId id) const { return impl_->lexicon.Word(id); }
std::vector<WordId> AgentDictionary::Encode(std::span<const std::string_view> words) const {
  return impl_->lexicon.Encode(words);
}
std::vector<WordId> AgentDictionary::Encode(const Sentence& s, TokenField field) const {
  return impl_->lexicon.Encode(s, field);
}
std::optional<PhraseMatch> AgentDictionary::LongestAt(std::span<const WordId> ids, size_t start) const {
  return impl_->trie.LongestAt(ids, start);
}
std::optional<PhraseMatch> AgentDictionary::Find(std::span<const WordId> ids) const {
  for (size_t i = 0; i < ids.size(); ++i)
    if (auto m = impl_->trie.LongestAt(ids, i)) return m;
  return std::nullopt;
}

}  // namespace entente
