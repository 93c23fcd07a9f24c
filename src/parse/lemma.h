// Lemmatiser and FEATS lookup learned from a treebank (internal to the tagger).
//
// Known words: a lexicon (form, class) -> most frequent (lemma, feats), then
// (lower-cased form, class).  Unknown words: suffix edit rules by class,
// learned from the training types: the longest suffix (0..kMaxSuffix bytes of
// the lower-cased form) seen with the class picks the most frequent rule
// "lower-case or not, strip N bytes, append S"; FEATS fall back to the most
// frequent FEATS of the class.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <tuple>
#include <vector>

#include "parse/tagger_flatmap.h"
#include "util/model_io.h"

namespace entente::tagger {

struct EditRule {
  bool lower = false;   // apply to the lower-cased form
  uint32_t strip = 0;   // bytes removed from the end
  std::string append;   // then appended
  bool operator<(const EditRule& o) const {
    return std::tie(lower, strip, append) < std::tie(o.lower, o.strip, o.append);
  }
  bool operator==(const EditRule& o) const {
    return lower == o.lower && strip == o.strip && append == o.append;
  }
};

// The cheapest rule turning `form` into `lemma` (ties prefer lower-casing).
EditRule DeriveRule(std::string_view form, std::string_view lemma);
// Applies `r` to `form` into *out; false (and *out = form) if it cannot apply.
bool ApplyRule(const EditRule& r, std::string_view form, std::string* out);

class Lemmatiser {
 public:
  static constexpr int kMaxSuffix = 6;

  // Training: call Add for every training token, then Finish.
  void Add(std::string_view form, uint32_t cls, std::string_view lemma, std::string_view feats);
  void Finish(uint32_t num_classes);

  // Lemma of `form` tagged `cls` (into *out; returns a view of it or of a
  // stored string).  FEATS likewise ("" = none).
  std::string_view Lemma(std::string_view form, uint32_t cls, std::string* out) const;
  std::string_view Feats(std::string_view form, uint32_t cls) const;
  // Both at once (one lexicon probe); the views stay valid until *buf or
  // the lemmatiser changes.
  void Analyse(std::string_view form, uint32_t cls, std::string* buf, std::string_view* lemma,
               std::string_view* feats) const {
    Analyse(form, cls, Key(form, cls), buf, lemma, feats);
  }
  // The same with key == Key(form, cls), computed ahead so that the
  // lexicon's slots of many words can be fetched (Prefetch) before use.
  uint64_t Key(std::string_view form, uint32_t cls) const;
  void Prefetch(uint64_t key) const { lex_.Prefetch(key); }
  void Analyse(std::string_view form, uint32_t cls, uint64_t key, std::string* buf,
               std::string_view* lemma, std::string_view* feats) const;

  void Save(model_io::ModelWriter* w) const;
  // Reads what Save wrote; on inconsistency records a failure in *r and
  // returns false.
  bool Load(model_io::ModelReader* r, uint32_t num_classes);

  size_t lexicon_size() const { return lex_keys_.size(); }
  size_t rule_keys() const { return rule_keys_.size(); }

 private:
  uint32_t Intern(std::vector<std::string>* pool, std::map<std::string, uint32_t, std::less<>>* ids,
                  std::string_view s);
  void BuildIndex();
  // Lemma by the suffix rules; *out holds the lower-cased form on entry.
  std::string_view RuleLemma(std::string_view form, uint32_t cls, std::string* out) const;
  std::string_view LemmaOf(uint64_t v) const {
    return wide_ ? std::string_view(lemmas_[v >> 32])
                 : std::string_view(pool_.data() + static_cast<uint32_t>(v), (v >> 32) & 0xFFFF);
  }
  std::string_view FeatsOf(uint64_t v) const {
    return feats_[wide_ ? (v & 0xFFFFFFFFu) : (v >> 48)];
  }

  // Serialised state.
  std::vector<std::string> lemmas_;  // string pool of lemmas
  std::vector<std::string> feats_;   // string pool of feats ("" at 0)
  std::vector<EditRule> rules_;
  std::vector<uint64_t> lex_keys_;   // key -> (lemma id << 32 | feats id)
  std::vector<uint64_t> lex_vals_;
  std::vector<uint64_t> rule_keys_;  // key -> rule id
  std::vector<uint32_t> rule_vals_;
  std::vector<uint32_t> class_feats_;  // per class: feats id for unknown words
  uint32_t num_classes_ = 0;

  // Runtime index.  lex_ maps a key to (lemma offset in pool_ | lemma length
  // << 32 | feats id << 48): the lemma's bytes are read straight from one
  // flat pool of all lemmas; when a lemma is 64 KB or longer or there are
  // 64 K or more FEATS strings, wide_ is set and lex_ holds the serialised
  // values (lemma id << 32 | feats id).
  std::string pool_;
  bool wide_ = false;
  FlatMap lex_;
  FlatMap rule_;

  // Training state: (exact key) -> counts of (lemma, feats) and surface data.
  struct Obs {
    std::string form;
    uint32_t cls;
    std::map<std::pair<std::string, std::string>, uint32_t> counts;
  };
  std::map<std::pair<std::string, uint32_t>, Obs> train_;
};

}  // namespace entente::tagger
