// TrainTagger: averaged perceptron training of the tagger (see tagger.h).
#include <chrono>
#include <cmath>
#include <cstring>
#include <map>
#include <set>

#include "entente/conllu.h"
#include "entente/tagger.h"
#include "parse/tagger_model.h"
#include "parse/treebank_augment.h"

#ifndef ENTENTE_VERSION_STRING
#define ENTENTE_VERSION_STRING "unknown"
#endif

namespace entente {
namespace {

using tagger::Model;
using tagger::WordInfo;
using tagger::Weights;

constexpr uint32_t kFolds = 4;     // jackknife folds for pass 2's right context
constexpr double kPrune = 0.5;     // |averaged weight| below this is dropped

constexpr int kAmbMinCount = 3;    // words seen this often get an ambiguity class
constexpr int kAmbMinPercent = 1;  // of the classes making up this share of them
// Word dropout: in training, occurrences of words seen at most this often are
// described as unknown words with probability kDropoutPercent / 100, so that
// the spelling features learn to tag unknown words.
constexpr int kDropoutMaxCount = 1;
constexpr int kDropoutPercent = 50;

// Deterministic Fisher-Yates shuffle with a splitmix64 stream (std::shuffle's
// result is library-specific).
void Shuffle(std::vector<uint32_t>* v, uint64_t* state) {
  for (size_t i = v->size(); i > 1; --i) {
    *state += 0x9E3779B97F4A7C15ull;
    uint64_t r = tagger::Mix(*state);
    size_t j = r % i;
    std::swap((*v)[i - 1], (*v)[j]);
  }
}

struct Corpus {
  std::vector<WordInfo> words;
  std::vector<int32_t> gold;     // class, or -1 when the pair is unknown
  std::vector<uint8_t> rare;     // 1: subject to word dropout
  std::vector<uint32_t> start;   // sentence s: words [start[s], start[s+1])
};

struct DevScores {
  double upos = 0, xpos = 0, both = 0, lemma = 0, feats = 0;
};

DevScores ScoreDev(const Model& m, const std::vector<Sentence>& dev) {
  DevScores d;
  uint64_t n = 0, u = 0, x = 0, b = 0, l = 0, f = 0;
  Sentence copy;
  for (const Sentence& g : dev) {
    copy.tokens = g.tokens;
    m.TagSentence(&copy);
    for (size_t i = 0; i < g.tokens.size(); ++i) {
      const Token& p = copy.tokens[i];
      const Token& t = g.tokens[i];
      ++n;
      u += p.upos == t.upos;
      x += p.xpos == t.xpos;
      b += p.upos == t.upos && p.xpos == t.xpos;
      l += p.lemma == t.lemma;
      f += p.feats == t.feats;
    }
  }
  if (n == 0) return d;
  d.upos = double(u) / n;
  d.xpos = double(x) / n;
  d.both = double(b) / n;
  d.lemma = double(l) / n;
  d.feats = double(f) / n;
  return d;
}

std::string Pct(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.2f", 100.0 * v);
  return buf;
}

std::string BaseName(const std::string& p) {
  size_t s = p.find_last_of('/');
  return s == std::string::npos ? p : p.substr(s + 1);
}


// Averaged perceptron over hashed features for one pass.  Rows of K weights
// (w) and K update sums (u) are created when a feature is first updated; the
// averaged weight is w - u / c.
class PassTrainer {
 public:
  explicit PassTrainer(uint32_t K) : K_(K), scores_(K) {}

  size_t features() const { return row_keys_.size(); }

  // One epoch over the sentences `order`; `right` (pass-1 classes of every
  // training word) selects pass 2 when non-null.
  void Epoch(const Model& base, const Corpus& corpus, const std::vector<uint32_t>& order,
             const uint32_t* right, uint64_t* drop_rng, uint64_t* correct, uint64_t* seen) {
    const uint32_t K = K_;
    const int nf = right ? tagger::kMaxFeatures : tagger::kNumFeatures;
    uint64_t feats[tagger::kMaxFeatures];
    for (uint32_t si : order) {
      const uint32_t b = corpus.start[si];
      const int n = static_cast<int>(corpus.start[si + 1] - b);
      words_.assign(corpus.words.begin() + b, corpus.words.begin() + b + n);
      for (int i = 0; i < n; ++i) {
        if (!corpus.rare[b + i]) continue;
        *drop_rng += 0x9E3779B97F4A7C15ull;
        if (tagger::Mix(*drop_rng) % 100 < static_cast<uint64_t>(kDropoutPercent))
          tagger::MakeUnknown(&words_[i]);
      }
      const WordInfo* words = words_.data();
      uint32_t t1 = K, t2 = K;
      for (int i = 0; i < n; ++i) {
        const uint32_t gold = static_cast<uint32_t>(corpus.gold[b + i]);
        int d = base.DictClass(words[i].form);
        uint32_t pred;
        if (d >= 0) {
          pred = static_cast<uint32_t>(d);
        } else {
          tagger::ExtractFeatures(words, n, i, t1, t2, feats);
          if (right)
            tagger::ExtractRightFeatures(words, n, i, t1, right + b, K + 1,
                                         feats + tagger::kNumFeatures);
          std::fill(scores_.begin(), scores_.end(), 0);
          for (int f = 0; f < nf; ++f) {
            uint64_t r = rows_.Find(feats[f]);
            if (r == tagger::FlatMap::kNone) continue;
            const int32_t* w = W_.data() + r * K;
            for (uint32_t k = 0; k < K; ++k) scores_[k] += w[k];
          }
          pred = 0;
          for (uint32_t k = 1; k < K; ++k)
            if (scores_[k] > scores_[pred]) pred = k;
          if (pred != gold) {
            for (int f = 0; f < nf; ++f) {
              uint64_t r = rows_.Insert(feats[f], row_keys_.size());
              if (r == row_keys_.size()) {
                row_keys_.push_back(feats[f]);
                W_.resize(W_.size() + K, 0);
                U_.resize(U_.size() + K, 0);
              }
              W_[r * K + gold] += 1;
              W_[r * K + pred] -= 1;
              U_[r * K + gold] += c_;
              U_[r * K + pred] -= c_;
            }
          }
        }
        *correct += pred == gold;
        ++*seen;
        ++c_;
        t2 = t1;
        t1 = pred;
      }
    }
  }

  // Averaged, pruned, quantised weights, rows in key order.
  Weights Snapshot() const {
    const uint32_t K = K_;
    Weights m;
    std::vector<uint32_t> idx(row_keys_.size());
    for (uint32_t i = 0; i < idx.size(); ++i) idx[i] = i;
    std::sort(idx.begin(), idx.end(),
              [&](uint32_t a, uint32_t b) { return row_keys_[a] < row_keys_[b]; });
    m.begin.assign(1, 0);
    std::vector<double> avg(K);
    for (uint32_t r : idx) {
      double maxabs = 0;
      for (uint32_t k = 0; k < K; ++k) {
        avg[k] = W_[size_t(r) * K + k] - double(U_[size_t(r) * K + k]) / double(c_);
        if (std::fabs(avg[k]) < kPrune) avg[k] = 0;
        maxabs = std::max(maxabs, std::fabs(avg[k]));
      }
      if (maxabs == 0) continue;
      float sc = static_cast<float>(maxabs / 32767.0);
      size_t before = m.entries.size();
      for (uint32_t k = 0; k < K; ++k) {
        long q = std::lround(avg[k] / sc);
        q = std::clamp(q, -32767L, 32767L);
        if (q != 0) m.entries.push_back({static_cast<uint16_t>(k), static_cast<int16_t>(q)});
      }
      if (m.entries.size() == before) continue;
      m.keys.push_back(row_keys_[r]);
      m.scale.push_back(sc);
      m.begin.push_back(static_cast<uint32_t>(m.entries.size()));
    }
    return m;
  }

 private:
  uint32_t K_;
  tagger::FlatMap rows_;
  std::vector<uint64_t> row_keys_;
  std::vector<int32_t> W_;
  std::vector<int64_t> U_;
  int64_t c_ = 1;
  std::vector<int32_t> scores_;
  std::vector<WordInfo> words_;
};

}  // namespace

Status TrainTagger(const TaggerTrainOptions& opts, std::ostream* log) {
  if (opts.train_path.empty() || opts.dev_path.empty() || opts.output_path.empty())
    return Status(Code::kInvalidArgument, "TrainTagger: train_path, dev_path and output_path are required");
  if (opts.passes != 1 && opts.passes != 2)
    return Status(Code::kInvalidArgument, "TrainTagger: passes must be 1 or 2");
  if (opts.iterations < 1 || opts.iterations > 1000)
    return Status(Code::kInvalidArgument, "TrainTagger: iterations must be in 1..1000");
  auto t_start = std::chrono::steady_clock::now();
  auto train = ReadConlluFile(opts.train_path);
  if (!train.ok()) return train.status();
  auto dev = ReadConlluFile(opts.dev_path);
  if (!dev.ok()) return dev.status();
  if (opts.news_date_variants) {
    const size_t added = treebank::AddNewsDateVariants(&*train);
    if (log) *log << "news date variants: " << added << " sentences added\n";
  }

  Model base;
  // Class inventory, in sorted order.
  std::map<std::pair<std::string, std::string>, uint32_t> class_id;
  uint64_t ntok = 0;
  for (const Sentence& s : *train)
    for (const Token& t : s.tokens) {
      class_id[{t.upos, t.xpos}] = 0;
      ++ntok;
    }
  if (ntok == 0) return Status::At(Code::kEmpty, opts.train_path, 0, "no tokens to train on");
  if (class_id.size() > 250)
    return Status::At(Code::kLimitExceeded, opts.train_path, 0,
                      "more than 250 distinct (UPOS, XPOS) pairs");
  for (auto& [k, v] : class_id) {
    v = static_cast<uint32_t>(base.classes.size());
    base.classes.push_back(k);
  }
  const uint32_t K = base.num_classes();

  // Tag dictionary and lemmatiser.
  std::map<std::string, std::map<uint32_t, uint32_t>> form_counts;
  for (const Sentence& s : *train)
    for (const Token& t : s.tokens) {
      uint32_t c = class_id[{t.upos, t.xpos}];
      ++form_counts[t.form][c];
      base.lemmatiser.Add(t.form, c, t.lemma, t.feats);
    }
  base.lemmatiser.Finish(K);
  std::vector<char> scratch;
  for (const auto& [form, counts] : form_counts) {
    uint32_t total = 0, best = 0, best_c = 0;
    for (const auto& [c, n] : counts) {
      total += n;
      if (n > best) {
        best = n;
        best_c = c;
      }
    }
    if (total >= static_cast<uint32_t>(opts.tagdict_min_count) && best >= 0.995 * total) {
      WordInfo w;
      tagger::DescribeWord(form, &w, &scratch);
      base.dict_keys.push_back(w.form);
      base.dict_vals.push_back(best_c);
    }
  }
  // Vocabulary and ambiguity classes of words seen often enough.
  std::set<std::string> rare_words;
  std::map<std::string, std::map<uint32_t, uint32_t>> lower_counts;
  for (const auto& [form, counts] : form_counts) {
    std::string lower(form);
    for (char& ch : lower) ch = tagger::LowerAscii(ch);
    auto& lc = lower_counts[lower];
    for (const auto& [cl, n] : counts) lc[cl] += n;
  }
  for (const auto& [lower, counts] : lower_counts) {
    uint32_t total = 0;
    for (const auto& [cl, n] : counts) total += n;
    uint64_t h = tagger::kRareAmb;
    if (total >= static_cast<uint32_t>(kAmbMinCount)) {
      h = 0xA3B;
      for (const auto& [cl, n] : counts)
        if (n * 100 >= total * kAmbMinPercent) h = tagger::Combine(h, cl);
    }
    if (total <= static_cast<uint32_t>(kDropoutMaxCount)) rare_words.insert(lower);
    WordInfo w;
    tagger::DescribeWord(lower, &w, &scratch);
    base.amb_keys.push_back(w.lower);
    base.amb_vals.push_back(h & ~(uint64_t{1} << 63));
  }
  base.BuildIndex();

  // Pre-computed word descriptions of the training data.
  Corpus corpus;
  corpus.start.push_back(0);
  for (const Sentence& s : *train) {
    for (const Token& t : s.tokens) {
      WordInfo w;
      base.Describe(t.form, &w, &scratch);
      corpus.words.push_back(w);
      std::string lower(t.form);
      for (char& ch : lower) ch = tagger::LowerAscii(ch);
      corpus.rare.push_back(rare_words.count(lower) ? 1 : 0);
      corpus.gold.push_back(static_cast<int32_t>(class_id[{t.upos, t.xpos}]));
    }
    corpus.start.push_back(static_cast<uint32_t>(corpus.words.size()));
  }
  const uint32_t nsent = static_cast<uint32_t>(corpus.start.size() - 1);
  if (log)
    *log << "tagger: " << nsent << " training sentences, " << ntok << " tokens, " << K
         << " (UPOS, XPOS) classes, " << base.dict_keys.size() << " dictionary words, "
         << base.lemmatiser.lexicon_size() << " lexicon entries, " << base.lemmatiser.rule_keys()
         << " lemma rule keys\n";

  auto log_epoch = [&](const char* what, int epoch, const PassTrainer& pt, uint64_t correct,
                       uint64_t seen, const Weights& snap, const DevScores& ds) {
    if (!log) return;
    *log << "tagger: " << what << " epoch " << epoch << " train " << Pct(double(correct) / seen)
         << "% (" << pt.features() << " features, " << snap.keys.size() << " kept, "
         << snap.entries.size() << " weights)  dev UPOS " << Pct(ds.upos) << " XPOS "
         << Pct(ds.xpos) << " UPOS+XPOS " << Pct(ds.both) << " lemma " << Pct(ds.lemma)
         << " feats " << Pct(ds.feats) << "\n"
         << std::flush;
  };
  std::vector<uint32_t> all(nsent);
  for (uint32_t i = 0; i < nsent; ++i) all[i] = i;
  uint64_t rng = opts.seed;
  uint64_t drop_rng = tagger::Mix(opts.seed ^ 0xD809);

  // Pass 1 on all the training data; dev picks the epoch.
  Model best_model = base;
  DevScores best_dev;
  int best_epoch = 0, best_epoch2 = 0;
  {
    PassTrainer pt(K);
    bool have = false;
    for (int epoch = 1; epoch <= opts.iterations; ++epoch) {
      std::vector<uint32_t> order = all;
      Shuffle(&order, &rng);
      uint64_t correct = 0, seen = 0;
      pt.Epoch(base, corpus, order, nullptr, &drop_rng, &correct, &seen);
      Model m = base;
      m.pass1 = pt.Snapshot();
      m.BuildIndex();
      DevScores ds = ScoreDev(m, *dev);
      log_epoch("pass 1", epoch, pt, correct, seen, m.pass1, ds);
      if (!have || ds.both > best_dev.both) {
        best_model = std::move(m);
        best_dev = ds;
        best_epoch = epoch;
        have = true;
      }
    }
  }

  if (opts.passes == 2) {
    // Jackknifed pass-1 classes of the training data: each fold is tagged by
    // a pass-1 model trained on the other folds for best_epoch epochs.
    std::vector<uint32_t> right(corpus.words.size(), 0);
    for (uint32_t fold = 0; fold < kFolds; ++fold) {
      PassTrainer pt(K);
      std::vector<uint32_t> rest;
      for (uint32_t i = 0; i < nsent; ++i)
        if (i % kFolds != fold) rest.push_back(i);
      uint64_t correct = 0, seen = 0;
      for (int epoch = 1; epoch <= best_epoch; ++epoch) {
        std::vector<uint32_t> order = rest;
        Shuffle(&order, &rng);
        pt.Epoch(base, corpus, order, nullptr, &drop_rng, &correct, &seen);
      }
      Model m = base;
      m.pass1 = pt.Snapshot();
      m.BuildIndex();
      uint64_t ok = 0, n = 0;
      for (uint32_t i = fold; i < nsent; i += kFolds) {
        uint32_t b = corpus.start[i], e = corpus.start[i + 1];
        m.RunPass(m.pass1, corpus.words.data() + b, static_cast<int>(e - b), nullptr,
                  right.data() + b);
        for (uint32_t j = b; j < e; ++j, ++n) ok += static_cast<int32_t>(right[j]) == corpus.gold[j];
      }
      if (log)
        *log << "tagger: jackknife fold " << fold + 1 << "/" << kFolds << ": held-out accuracy "
             << Pct(double(ok) / std::max<uint64_t>(n, 1)) << "%\n"
             << std::flush;
    }
    PassTrainer pt(K);
    const Weights pass1 = best_model.pass1;
    for (int epoch = 1; epoch <= opts.iterations; ++epoch) {
      std::vector<uint32_t> order = all;
      Shuffle(&order, &rng);
      uint64_t correct = 0, seen = 0;
      pt.Epoch(base, corpus, order, right.data(), &drop_rng, &correct, &seen);
      Model m = base;
      m.pass1 = pass1;
      m.pass2 = pt.Snapshot();
      m.BuildIndex();
      DevScores ds = ScoreDev(m, *dev);
      log_epoch("pass 2", epoch, pt, correct, seen, m.pass2, ds);
      if (ds.both > best_dev.both) {
        best_model = std::move(m);
        best_dev = ds;
        best_epoch2 = epoch;
      }
    }
  }

  model_io::ModelWriter w(tagger::kTaggerKind, tagger::kTaggerKindVersion);
  auto meta = [&](const std::string& key, const std::string& dflt) {
    for (const auto& [k, v] : opts.extra_meta)
      if (k == key) return w.SetMeta(k, v);
    w.SetMeta(key, dflt);
  };
  const bool ewt = BaseName(opts.train_path) == "en_ewt-ud-train.conllu";
  meta("training_data", ewt ? "UD English EWT r2.x train (en_ewt-ud-train.conllu)"
                            : BaseName(opts.train_path));
  meta("licence", ewt ? "CC BY-SA 4.0" : "unknown (that of the training data)");
  meta("training_command", opts.command_line);
  w.SetMeta("dev_data", BaseName(opts.dev_path));
  w.SetMeta("dev_upos", Pct(best_dev.upos));
  w.SetMeta("dev_xpos", Pct(best_dev.xpos));
  w.SetMeta("dev_upos_xpos", Pct(best_dev.both));
  w.SetMeta("dev_lemma", Pct(best_dev.lemma));
  w.SetMeta("dev_feats", Pct(best_dev.feats));
  w.SetMeta("iterations", std::to_string(opts.iterations));
  w.SetMeta("passes", std::to_string(opts.passes));
  w.SetMeta("best_epoch", std::to_string(best_epoch));
  if (opts.passes == 2) w.SetMeta("best_epoch_pass2", std::to_string(best_epoch2));
  w.SetMeta("seed", std::to_string(opts.seed));
  w.SetMeta("created_by", std::string("entente ") + ENTENTE_VERSION_STRING);
  for (const auto& [k, v] : opts.extra_meta) w.SetMeta(k, v);
  best_model.Write(&w);
  ENTENTE_RETURN_IF_ERROR(w.WriteFile(opts.output_path));
  if (log) {
    double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - t_start).count();
    *log << "tagger: kept epoch " << best_epoch << " (dev UPOS " << Pct(best_dev.upos) << " XPOS "
         << Pct(best_dev.xpos) << "), wrote " << opts.output_path << " in " << Pct(secs / 100)
         << " s\n";
  }
  return Status::OK();
}

}  // namespace entente
