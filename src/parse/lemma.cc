#include "parse/lemma.h"

#include <algorithm>

#include "parse/tagger_features.h"

namespace entente::tagger {
namespace {

void LowerInto(std::string_view s, std::string* out) {
  out->resize(s.size());
  for (size_t i = 0; i < s.size(); ++i) (*out)[i] = LowerAscii(s[i]);
}

uint64_t ExactKey(std::string_view form, uint32_t cls) { return Combine(HashBytes(form, 100), cls); }
uint64_t LowerKey(std::string_view lower, uint32_t cls) { return Combine(HashBytes(lower, 101), cls); }
uint64_t RuleKey(std::string_view lower, size_t len, uint32_t cls) {
  return Combine(HashBytes(lower.substr(lower.size() - len), 200 + len), cls);
}

EditRule RuleFrom(std::string_view base, std::string_view lemma, bool lower) {
  size_t p = 0;
  while (p < base.size() && p < lemma.size() && base[p] == lemma[p]) ++p;
  EditRule r;
  r.lower = lower;
  r.strip = static_cast<uint32_t>(base.size() - p);
  r.append = std::string(lemma.substr(p));
  return r;
}

}  // namespace

EditRule DeriveRule(std::string_view form, std::string_view lemma) {
  std::string lower;
  LowerInto(form, &lower);
  EditRule keep = RuleFrom(form, lemma, false);
  EditRule low = RuleFrom(lower, lemma, true);
  size_t ck = keep.strip + keep.append.size(), cl = low.strip + low.append.size();
  return cl <= ck ? low : keep;
}

bool ApplyRule(const EditRule& r, std::string_view form, std::string* out) {
  if (r.strip > form.size()) {
    out->assign(form);
    return false;
  }
  if (r.lower)
    LowerInto(form, out);
  else
    out->assign(form);
  out->resize(out->size() - r.strip);
  out->append(r.append);
  return true;
}

uint32_t Lemmatiser::Intern(std::vector<std::string>* pool,
                            std::map<std::string, uint32_t, std::less<>>* ids, std::string_view s) {
  auto it = ids->find(s);
  if (it != ids->end()) return it->second;
  uint32_t id = static_cast<uint32_t>(pool->size());
  pool->emplace_back(s);
  ids->emplace(std::string(s), id);
  return id;
}

void Lemmatiser::Add(std::string_view form, uint32_t cls, std::string_view lemma,
                     std::string_view feats) {
  auto& o = train_[{std::string(form), cls}];
  if (o.form.empty()) {
    o.form = std::string(form);
    o.cls = cls;
  }
  ++o.counts[{std::string(lemma), std::string(feats)}];
}

void Lemmatiser::Finish(uint32_t num_classes) {
  num_classes_ = num_classes;
  lemmas_.clear();
  feats_.clear();
  rules_.clear();
  lex_keys_.clear();
  lex_vals_.clear();
  rule_keys_.clear();
  rule_vals_.clear();
  std::map<std::string, uint32_t, std::less<>> lemma_ids, feats_ids;
  std::map<EditRule, uint32_t> rule_ids;
  Intern(&feats_, &feats_ids, "");

  // Lower-cased lexicon and class feats: counts.
  std::map<std::pair<std::string, uint32_t>, std::map<std::pair<std::string, std::string>, uint32_t>>
      lower_counts;
  std::vector<std::map<std::string, uint32_t>> class_feat_counts(num_classes);
  // Rule statistics by type: key -> rule id -> count.
  std::map<uint64_t, std::map<uint32_t, uint32_t>> rule_counts;
  std::map<uint64_t, uint64_t> rule_parent;  // key -> key of the next shorter suffix

  std::string lower;
  for (const auto& [key, o] : train_) {
    const std::pair<std::string, std::string>* best = nullptr;
    uint32_t best_n = 0;
    for (const auto& [lf, n] : o.counts) {
      if (n > best_n) {
        best = &lf;
        best_n = n;
      }
      class_feat_counts[o.cls][lf.second] += n;
    }
    uint32_t lid = Intern(&lemmas_, &lemma_ids, best->first);
    uint32_t fid = Intern(&feats_, &feats_ids, best->second);
    lex_keys_.push_back(ExactKey(o.form, o.cls));
    lex_vals_.push_back((uint64_t{lid} << 32) | fid);
    LowerInto(o.form, &lower);
    auto& lc = lower_counts[{lower, o.cls}];
    for (const auto& [lf, n] : o.counts) lc[lf] += n;

    EditRule r = DeriveRule(o.form, best->first);
    auto [it, inserted] = rule_ids.emplace(r, static_cast<uint32_t>(rules_.size()));
    if (inserted) rules_.push_back(r);
    uint64_t parent = 0;
    size_t maxlen = std::min<size_t>(kMaxSuffix, lower.size());
    for (size_t len = 0; len <= maxlen; ++len) {
      uint64_t k = RuleKey(lower, len, o.cls);
      ++rule_counts[k][it->second];
      if (len > 0) rule_parent[k] = parent;
      parent = k;
    }
  }
  for (const auto& [key, counts] : lower_counts) {
    const std::pair<std::string, std::string>* best = nullptr;
    uint32_t best_n = 0;
    for (const auto& [lf, n] : counts)
      if (n > best_n) {
        best = &lf;
        best_n = n;
      }
    uint32_t lid = Intern(&lemmas_, &lemma_ids, best->first);
    uint32_t fid = Intern(&feats_, &feats_ids, best->second);
    lex_keys_.push_back(LowerKey(key.first, key.second));
    lex_vals_.push_back((uint64_t{lid} << 32) | fid);
  }
  class_feats_.assign(num_classes, 0);
  for (uint32_t c = 0; c < num_classes; ++c) {
    uint32_t best_n = 0;
    for (const auto& [f, n] : class_feat_counts[c])
      if (n > best_n) {
        best_n = n;
        class_feats_[c] = Intern(&feats_, &feats_ids, f);
      }
  }
  std::map<uint64_t, uint32_t> best_rule;
  for (const auto& [k, counts] : rule_counts) {
    uint32_t best = 0, best_n = 0;
    for (const auto& [rid, n] : counts)
      if (n > best_n) {
        best = rid;
        best_n = n;
      }
    best_rule[k] = best;
  }
  for (const auto& [k, rid] : best_rule) {
    auto p = rule_parent.find(k);
    if (p != rule_parent.end() && best_rule[p->second] == rid) continue;  // backoff agrees
    rule_keys_.push_back(k);
    rule_vals_.push_back(rid);
  }
  train_.clear();
  BuildIndex();
}

void Lemmatiser::BuildIndex() {
  pool_.clear();
  std::vector<uint32_t> offset(lemmas_.size());
  wide_ = feats_.size() > 0xFFFF;
  for (size_t i = 0; i < lemmas_.size(); ++i) {
    if (lemmas_[i].size() >= 0xFFFF || pool_.size() + lemmas_[i].size() > 0xFFFFFFFFu) wide_ = true;
    if (wide_) break;
    offset[i] = static_cast<uint32_t>(pool_.size());
    pool_ += lemmas_[i];
  }
  if (wide_) pool_.clear();
  lex_ = FlatMap();
  rule_ = FlatMap();
  lex_.Reserve(lex_keys_.size());
  for (size_t i = 0; i < lex_keys_.size(); ++i) {
    uint64_t v = lex_vals_[i];
    if (!wide_) {
      const uint32_t lemma = static_cast<uint32_t>(v >> 32);
      v = offset[lemma] | (uint64_t{lemmas_[lemma].size()} << 32) | ((v & 0xFFFFu) << 48);
    }
    lex_.Insert(lex_keys_[i], v);
  }
  rule_.Reserve(rule_keys_.size());
  for (size_t i = 0; i < rule_keys_.size(); ++i) rule_.Insert(rule_keys_[i], rule_vals_[i]);
}

std::string_view Lemmatiser::RuleLemma(std::string_view form, uint32_t cls,
                                       std::string* out) const {
  size_t maxlen = std::min<size_t>(kMaxSuffix, out->size());
  for (size_t len = maxlen + 1; len-- > 0;) {
    uint64_t r = rule_.Find(RuleKey(*out, len, cls));
    if (r != FlatMap::kNone) {
      ApplyRule(rules_[r], form, out);
      if (out->empty()) out->assign(form);
      return *out;
    }
  }
  out->assign(form);
  return *out;
}

std::string_view Lemmatiser::Lemma(std::string_view form, uint32_t cls, std::string* out) const {
  uint64_t v = lex_.Find(ExactKey(form, cls));
  if (v != FlatMap::kNone) return LemmaOf(v);
  LowerInto(form, out);
  v = lex_.Find(LowerKey(*out, cls));
  if (v != FlatMap::kNone) return LemmaOf(v);
  return RuleLemma(form, cls, out);
}

uint64_t Lemmatiser::Key(std::string_view form, uint32_t cls) const { return ExactKey(form, cls); }

void Lemmatiser::Analyse(std::string_view form, uint32_t cls, uint64_t key, std::string* buf,
                         std::string_view* lemma, std::string_view* feats) const {
  uint64_t v = lex_.Find(key);
  if (v == FlatMap::kNone) {
    LowerInto(form, buf);
    v = lex_.Find(LowerKey(*buf, cls));
    if (v == FlatMap::kNone) {
      *lemma = RuleLemma(form, cls, buf);
      *feats = cls < class_feats_.size() ? std::string_view(feats_[class_feats_[cls]])
                                         : std::string_view();
      return;
    }
  }
  *lemma = LemmaOf(v);
  *feats = FeatsOf(v);
}

std::string_view Lemmatiser::Feats(std::string_view form, uint32_t cls) const {
  uint64_t v = lex_.Find(ExactKey(form, cls));
  if (v != FlatMap::kNone) return FeatsOf(v);
  std::string lower;
  LowerInto(form, &lower);
  v = lex_.Find(LowerKey(lower, cls));
  if (v != FlatMap::kNone) return FeatsOf(v);
  return cls < class_feats_.size() ? std::string_view(feats_[class_feats_[cls]]) : std::string_view();
}

void Lemmatiser::Save(model_io::ModelWriter* w) const {
  w->PutU32(static_cast<uint32_t>(lemmas_.size()));
  for (const auto& s : lemmas_) w->PutString(s);
  w->PutU32(static_cast<uint32_t>(feats_.size()));
  for (const auto& s : feats_) w->PutString(s);
  w->PutU32(static_cast<uint32_t>(rules_.size()));
  for (const auto& r : rules_) {
    w->PutU8(r.lower ? 1 : 0);
    w->PutU32(r.strip);
    w->PutString(r.append);
  }
  w->PutVector(lex_keys_);
  w->PutVector(lex_vals_);
  w->PutVector(rule_keys_);
  w->PutVector(rule_vals_);
  w->PutVector(class_feats_);
}

bool Lemmatiser::Load(model_io::ModelReader* r, uint32_t num_classes) {
  num_classes_ = num_classes;
  auto strings = [&](std::vector<std::string>* pool) {
    uint32_t n = 0;
    if (!r->GetU32(&n)) return false;
    pool->clear();
    for (uint32_t i = 0; i < n; ++i) {
      std::string s;
      if (!r->GetString(&s)) return false;
      pool->push_back(std::move(s));
    }
    return true;
  };
  if (!strings(&lemmas_) || !strings(&feats_)) return false;
  uint32_t nr = 0;
  if (!r->GetU32(&nr)) return false;
  rules_.clear();
  for (uint32_t i = 0; i < nr; ++i) {
    EditRule e;
    uint8_t lower = 0;
    if (!r->GetU8(&lower) || !r->GetU32(&e.strip) || !r->GetString(&e.append)) return false;
    if (lower > 1) return r->Fail("bad lemma rule");
    e.lower = lower == 1;
    rules_.push_back(std::move(e));
  }
  if (!r->GetVector(&lex_keys_) || !r->GetVector(&lex_vals_) || !r->GetVector(&rule_keys_) ||
      !r->GetVector(&rule_vals_) || !r->GetVector(&class_feats_))
    return false;
  if (lex_keys_.size() != lex_vals_.size() || rule_keys_.size() != rule_vals_.size())
    return r->Fail("lemmatiser table sizes disagree");
  if (feats_.empty() || class_feats_.size() != num_classes) return r->Fail("bad feats table");
  for (uint64_t v : lex_vals_)
    if ((v >> 32) >= lemmas_.size() || (v & 0xFFFFFFFFu) >= feats_.size())
      return r->Fail("lemma lexicon entry out of range");
  for (uint32_t v : rule_vals_)
    if (v >= rules_.size()) return r->Fail("lemma rule id out of range");
  for (uint32_t v : class_feats_)
    if (v >= feats_.size()) return r->Fail("feats id out of range");
  BuildIndex();
  return true;
}

}  // namespace entente::tagger
