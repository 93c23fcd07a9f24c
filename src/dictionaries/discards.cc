// Discard dictionaries (Phoenix.discards.txt, PETR.Validate.discards.txt).
#include <algorithm>
#include <chrono>
#include <unordered_map>

#include "dictionaries/common.h"

namespace entente {

struct DiscardDictionary::Impl {
  std::vector<DiscardEntry> entries;
  std::vector<std::vector<std::string>> words;  // per entry, upper case
  struct Hash {
    using is_transparent = void;
    size_t operator()(std::string_view s) const { return std::hash<std::string_view>()(s); }
  };
  // First word -> entries (multi-word entries, and exact one-word entries).
  std::unordered_map<std::string, std::vector<uint32_t>, Hash, std::equal_to<>> by_first;
  // One-word stems -> entry (the first definition of a stem is kept).
  std::unordered_map<std::string, uint32_t, Hash, std::equal_to<>> stems;
  std::vector<uint32_t> long_stems;  // stems of 64+ bytes (checked linearly)

  // Compiled after loading: one byte trie over the upper-case spellings of
  // the by_first keys and of the one-word stems shorter than 64 bytes, so
  // that a token is looked up in one walk over its bytes instead of one hash
  // of the whole word plus one per stem length.
  struct Node {
    uint32_t edge_begin = 0, edge_end = 0;  // children in `edges`, sorted by byte
    uint32_t stem = kNone;                   // entry of the stem spelled by the path
    uint32_t first = kNone;                  // index into first_lists (a by_first key)
  };
  static constexpr uint32_t kNone = 0xFFFFFFFFu;
  std::vector<Node> nodes;
  std::vector<std::pair<uint8_t, uint32_t>> edges;  // (byte, child)
  std::vector<uint32_t> root_child = std::vector<uint32_t>(256, kNone);
  std::vector<std::vector<uint32_t>> first_lists;  // by_first values, in trie order
  void Compile();
  uint32_t Child(uint32_t node, uint8_t c) const {
    if (node == 0) return root_child[c];
    const Node& n = nodes[node];
    if (n.edge_end - n.edge_begin > 8) {  // wide nodes (digits, letters after a first letter)
      auto it = std::lower_bound(edges.begin() + n.edge_begin, edges.begin() + n.edge_end, c,
                                 [](const std::pair<uint8_t, uint32_t>& e, uint8_t b) { return e.first < b; });
      return it != edges.begin() + n.edge_end && it->first == c ? it->second : kNone;
    }
    for (uint32_t k = n.edge_begin; k < n.edge_end; ++k) {
      if (edges[k].first == c) return edges[k].second;
      if (edges[k].first > c) break;
    }
    return kNone;
  }
};

void DiscardDictionary::Impl::Compile() {
  // Build with per-node maps, then flatten breadth-first.
  std::vector<std::vector<std::pair<uint8_t, uint32_t>>> kids(1);
  std::vector<Node> tmp(1);
  auto insert = [&](std::string_view w) -> uint32_t {
    uint32_t node = 0;
    for (unsigned char c : w) {
      uint32_t next = kNone;
      for (const auto& [b, ch] : kids[node])
        if (b == c) next = ch;
      if (next == kNone) {
        next = static_cast<uint32_t>(tmp.size());
        tmp.emplace_back();
        kids.emplace_back();
        kids[node].emplace_back(c, next);
      }
      node = next;
    }
    return node;
  };
  for (const auto& [w, e] : stems)
    if (w.size() < 64) tmp[insert(w)].stem = e;
  for (const auto& [w, list] : by_first) {
    uint32_t node = insert(w);
    tmp[node].first = static_cast<uint32_t>(first_lists.size());
    first_lists.push_back(list);
  }
  nodes = std::move(tmp);
  edges.clear();
  for (uint32_t i = 0; i < nodes.size(); ++i) {
    auto& k = kids[i];
    std::sort(k.begin(), k.end());
    nodes[i].edge_begin = static_cast<uint32_t>(edges.size());
    edges.insert(edges.end(), k.begin(), k.end());
    nodes[i].edge_end = static_cast<uint32_t>(edges.size());
  }
  root_child.assign(256, kNone);
  for (uint32_t k = nodes[0].edge_begin; k < nodes[0].edge_end; ++k) root_child[edges[k].first] = edges[k].second;
}

namespace {

using dict::Trim;

// A stem extends into word endings (letters), not into punctuation glued
// to the word: "AGO" matches "AGOS" but not "AGO," (PETRARCH matches
// whitespace-separated words, so "ago," is not the word "ago").
bool StemContinues(std::string_view word, size_t stem_length) {
  if (word.size() <= stem_length) return true;
  unsigned char c = static_cast<unsigned char>(word[stem_length]);
  return c >= 0x80 || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
}

// `upper(k)` is the upper-case form of token k (computed on demand).
template <typename Upper>
bool Matches(const DiscardDictionary::Impl& d, uint32_t e, size_t ntoks, Upper&& upper, size_t i, uint32_t* end) {
  const auto& w = d.words[e];
  if (i + w.size() > ntoks) return false;
  for (size_t k = 0; k < w.size(); ++k) {
    const std::string& t = upper(i + k);
    bool last = k + 1 == w.size();
    if (last && d.entries[e].stem) {
      if (t.compare(0, w[k].size(), w[k]) != 0 || !StemContinues(t, w[k].size())) return false;
    } else if (t != w[k]) {
      return false;
    }
  }
  *end = static_cast<uint32_t>(i + w.size());
  return true;
}

Status Build(std::span<const std::pair<std::string, std::string>> files,
             const DictionaryLoadOptions& options, LoadReport* report, DiscardDictionary::Impl* impl) {
  for (const auto& [name, text] : files) {
    dict::ErrorSink sink(options, report, name, "discards");
    dict::LineReader lr(text);
    while (lr.Next()) {
      std::string_view t = Trim(lr.line());
      if (t.empty()) continue;
      DiscardEntry e;
      e.file = name;
      e.line = lr.number();
      if (t[0] == '+') {
        e.story = true;
        t = Trim(t.substr(1));
      }
      if (t.find_first_of("[]{}") != std::string_view::npos) {
        ENTENTE_RETURN_IF_ERROR(sink.Error(lr.number(), "brackets are not allowed in a discard phrase"));
        continue;
      }
      dict::ParsedPhrase p = dict::SplitPhrase(t, /*gaps_allowed=*/false);
      if (p.words.empty()) {
        ENTENTE_RETURN_IF_ERROR(sink.Error(lr.number(), "empty discard phrase"));
        continue;
      }
      e.stem = !p.final_underscore;
      for (const std::string& w : p.words) {
        if (!e.phrase.empty()) e.phrase.push_back(' ');
        e.phrase += w;
      }
      uint32_t index = static_cast<uint32_t>(impl->entries.size());
      if (p.words.size() == 1 && e.stem) {
        const std::string& w = p.words[0];
        if (!impl->stems.emplace(w, index).second) {
          sink.Duplicate();
          continue;
        }
        if (w.size() >= 64) impl->long_stems.push_back(index);
      } else {
        impl->by_first[p.words[0]].push_back(index);
      }
      impl->entries.push_back(std::move(e));
      impl->words.push_back(std::move(p.words));
      sink.Entry();
    }
    sink.Lines(lr.lines());
    ENTENTE_RETURN_IF_ERROR(sink.Finish());
  }
  if (impl->entries.empty()) return dict::NoEntries("discard", files);
  // Longer phrases first under each first word.
  for (auto& [w, v] : impl->by_first)
    std::stable_sort(v.begin(), v.end(), [&](uint32_t a, uint32_t b) {
      return impl->words[a].size() > impl->words[b].size();
    });
  impl->Compile();
  return Status::OK();
}

}  // namespace

DiscardDictionary::DiscardDictionary() : impl_(std::make_shared<Impl>()) {}

Result<DiscardDictionary> DiscardDictionary::Parse(std::string_view text, std::string_view name,
                                                   const DictionaryLoadOptions& options,
                                                   LoadReport* report) {
  auto impl = dict::BuildFromText<Impl>(name, text, report, [&](dict::NamedTexts files, Impl* i) { return Build(files, options, report, i); });
  if (!impl.ok()) return impl.status();
  DiscardDictionary d;
  d.impl_ = std::move(*impl);
  return d;
}

Result<DiscardDictionary> DiscardDictionary::Load(const std::vector<std::string>& paths,
                                                  const DictionaryLoadOptions& options,
                                                  LoadReport* report) {
  auto impl = dict::BuildFromFiles<Impl>(paths, report, [&](dict::NamedTexts files, Impl* i) { return Build(files, options, report, i); });
  if (!impl.ok()) return impl.status();
  DiscardDictionary d;
  d.impl_ = std::move(*impl);
  return d;
}

size_t DiscardDictionary::size() const { return impl_->entries.size(); }
const DiscardEntry& DiscardDictionary::entry(uint32_t i) const { return impl_->entries.at(i); }

std::optional<PhraseMatch> DiscardDictionary::Find(std::span<const std::string_view> words) const {
  const Impl& d = *impl_;
  if (d.entries.empty()) return std::nullopt;
  // Upper-case forms, made only when a multi-word or long entry needs them
  // (the trie walk upper-cases ASCII words on the fly).  Reused per thread:
  // no allocation per call once warm.
  thread_local std::vector<std::string> toks;
  thread_local std::vector<char> made;
  if (toks.size() < words.size()) toks.resize(words.size());
  made.assign(words.size(), 0);
  auto upper = [&](size_t k) -> const std::string& {
    if (!made[k]) {
      dict::UpperInto(words[k], &toks[k]);
      made[k] = 1;
    }
    return toks[k];
  };
  const size_t nw = words.size();
  std::optional<PhraseMatch> sentence_hit;
  auto consider = [&](uint32_t e, uint32_t b, uint32_t end) -> bool {
    PhraseMatch m{e, b, end, static_cast<uint32_t>(d.words[e].size())};
    if (d.entries[e].story) {
      sentence_hit = m;
      return true;  // story-level: stop
    }
    if (!sentence_hit) sentence_hit = m;
    return false;
  };
  bool story = false;
  // Stem hits of one token, shortest first (a stem shorter than 64 bytes).
  uint32_t stem_hits[64];
  for (size_t i = 0; i < nw && !story; ++i) {
    // ASCII words are walked as they are, upper-cased byte by byte (what
    // UpperInto does to ASCII); others in their UpperInto form.
    std::string_view t = words[i];
    bool ascii = true;
    for (char c : t) ascii &= static_cast<unsigned char>(c) < 0x80;
    if (!ascii) t = upper(i);
    auto up = [](char c) { return static_cast<unsigned char>(c >= 'a' && c <= 'z' ? c - 32 : c); };
    uint32_t end = 0;
    // One walk over the token's bytes finds its exact by_first key and every
    // stem that is a prefix of it.
    size_t nstems = 0;
    const std::vector<uint32_t>* exact = nullptr;
    if (t.empty()) {
      if (d.nodes[0].first != Impl::kNone) exact = &d.first_lists[d.nodes[0].first];
    } else {
      uint32_t node = 0;
      size_t len = 0;
      while (len < t.size()) {
        node = d.Child(node, up(t[len]));
        if (node == Impl::kNone) break;
        ++len;
        const Impl::Node& nd = d.nodes[node];
        if (nd.stem != Impl::kNone && StemContinues(t, len)) stem_hits[nstems++] = nd.stem;
      }
      if (node != Impl::kNone && len == t.size() && d.nodes[node].first != Impl::kNone)
        exact = &d.first_lists[d.nodes[node].first];
    }
    if (exact) {
      for (uint32_t e : *exact)
        if (Matches(d, e, nw, upper, i, &end) && (story = consider(e, static_cast<uint32_t>(i), end))) break;
    }
    if (story) break;
    // Multi-word entries whose only word could be a stem are in by_first too
    // only when exact; one-word stems are found by the walk above.
    for (size_t k = 0; k < nstems; ++k)
      if ((story = consider(stem_hits[k], static_cast<uint32_t>(i), static_cast<uint32_t>(i + 1)))) break;
    if (story) break;
    for (uint32_t e : d.long_stems)
      if (Matches(d, e, nw, upper, i, &end) && (story = consider(e, static_cast<uint32_t>(i), end))) break;
  }
  return sentence_hit;
}

std::optional<PhraseMatch> DiscardDictionary::Find(const Sentence& s, TokenField field) const {
  std::vector<std::string_view> words;
  words.reserve(s.tokens.size());
  for (const Token& t : s.tokens)
    words.push_back((field == TokenField::kLemma && !t.lemma.empty()) ? t.lemma : t.form);
  return Find(words);
}

}  // namespace entente
