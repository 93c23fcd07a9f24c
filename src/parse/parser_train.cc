// Dependency parser training: averaged perceptron with a dynamic oracle and
// exploration (Goldberg & Nivre 2012), best iteration chosen on dev.
#include <algorithm>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <cmath>
#include <map>
#include <ostream>
#include <sstream>

#include "entente/conllu.h"
#include "entente/parser.h"
#include "parse/parser_internal.h"
#include "parse/treebank_augment.h"
#include "util/model_io.h"

#ifdef ENTENTE_PARSER_WITH_TAGGER
#include "entente/tagger.h"
#endif

namespace entente {
namespace parser_internal {
namespace {

// Exploration: from the second iteration on, follow the model's own
// prediction with this probability.
constexpr double kExplore = 0.9;

uint64_t SplitMix(uint64_t* x) {
  uint64_t z = (*x += 0x9E3779B97F4A7C15ULL);
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
  return z ^ (z >> 31);
}

struct TrainEntry {
  uint16_t cls;
  float w;
  double total;
  uint64_t stamp;
};

class TrainWeights {
 public:
  explicit TrainWeights(int num_classes) : num_classes_(num_classes) { Rehash(1 << 20); }

  const std::vector<TrainEntry>* Find(uint64_t key) const {
    uint64_t i = key & mask_;
    for (;;) {
      if (keys_[i] == key) return &rows_[index_[i]];
      if (keys_[i] == 0) return nullptr;
      i = (i + 1) & mask_;
    }
  }

  void Score(const uint64_t* feats, int n, float* scores) const {
    std::fill(scores, scores + num_classes_, 0.0f);
    for (int i = 0; i < n; ++i) {
      const auto* row = Find(feats[i]);
      if (!row) continue;
      for (const TrainEntry& e : *row) scores[e.cls] += e.w;
    }
  }

  void Update(const uint64_t* feats, int n, int cls, float delta, uint64_t now) {
    for (int i = 0; i < n; ++i) {
      std::vector<TrainEntry>& row = Get(feats[i]);
      TrainEntry* e = nullptr;
      for (auto& x : row) {
        if (x.cls == cls) {
          e = &x;
          break;
        }
      }
      if (!e) {
        row.push_back(TrainEntry{static_cast<uint16_t>(cls), 0.0f, 0.0, now});
        e = &row.back();
      }
      e->total += static_cast<double>(e->w) * static_cast<double>(now - e->stamp);
      e->stamp = now;
      e->w += delta;
    }
  }

  // Averaged, pruned and quantised weights.
  void Compact(uint64_t now, double prune, Model* m) const {
    std::vector<uint64_t>* keys = &m->keys;
    std::vector<uint32_t>* row_end = &m->row_end;
    std::vector<std::pair<uint64_t, size_t>> order;
    order.reserve(rows_.size());
    for (size_t i = 0; i < keys_.size(); ++i) {
      if (keys_[i]) order.emplace_back(keys_[i], index_[i]);
    }
    std::sort(order.begin(), order.end());
    const double T = static_cast<double>(std::max<uint64_t>(now, 1));
    double max_abs = 0;
    std::vector<std::pair<uint16_t, double>> avg;
    for (const auto& [key, idx] : order) {
      for (const TrainEntry& e : rows_[idx]) {
        const double a = (e.total + e.w * static_cast<double>(now - e.stamp)) / T;
        max_abs = std::max(max_abs, std::fabs(a));
      }
    }
    if (max_abs <= 0) max_abs = 1;
    m->scale = static_cast<float>(max_abs / 32000.0);
    keys->clear();
    row_end->clear();
    m->entries.clear();
    for (const auto& [key, idx] : order) {
      avg.clear();
      for (const TrainEntry& e : rows_[idx]) {
        const double a = (e.total + e.w * static_cast<double>(now - e.stamp)) / T;
        if (std::fabs(a) >= prune) avg.emplace_back(e.cls, a);
      }
      if (avg.empty()) continue;
      std::sort(avg.begin(), avg.end());
      size_t before = m->entries.size();
      for (const auto& [cls, a] : avg) {
        const long q = std::lround(a / m->scale);
        if (q != 0) m->entries.push_back(Entry{cls, static_cast<int16_t>(q)});
      }
      // Rows of a single weight are dropped: 30% of the features, no dev
      // cost (measured), a smaller table.
      if (m->entries.size() - before < 2) {
        m->entries.resize(before);
        continue;
      }
      keys->push_back(key);
      row_end->push_back(static_cast<uint32_t>(m->entries.size()));
    }
    // Long rows must be int8 << shift (the dense rows of the runtime).
    RoundLongRows(m);
    m->BuildTable();
  }

  size_t size() const { return rows_.size(); }

 private:
  std::vector<TrainEntry>& Get(uint64_t key) {
    if ((rows_.size() + 1) * 2 > keys_.size()) Rehash(keys_.size() * 2);
    uint64_t i = key & mask_;
    for (;;) {
      if (keys_[i] == key) return rows_[index_[i]];
      if (keys_[i] == 0) break;
      i = (i + 1) & mask_;
    }
    keys_[i] = key;
    index_[i] = static_cast<uint32_t>(rows_.size());
    rows_.emplace_back();
    return rows_.back();
  }

  void Rehash(size_t size) {
    std::vector<uint64_t> old_keys = std::move(keys_);
    std::vector<uint32_t> old_index = std::move(index_);
    keys_.assign(size, 0);
    index_.assign(size, 0);
    mask_ = size - 1;
    for (size_t j = 0; j < old_keys.size(); ++j) {
      if (!old_keys[j]) continue;
      uint64_t i = old_keys[j] & mask_;
      while (keys_[i]) i = (i + 1) & mask_;
      keys_[i] = old_keys[j];
      index_[i] = old_index[j];
    }
  }

  int num_classes_;
  std::vector<uint64_t> keys_;
  std::vector<uint32_t> index_;
  uint64_t mask_ = 0;
  std::vector<std::vector<TrainEntry>> rows_;
};

struct Example {
  const Sentence* sent;
  Atoms atoms;
  std::vector<int> gh, gl;  // 1-based gold heads / labels (projectivised)
};

std::string Fmt2(double v) {
  std::ostringstream o;
  o.setf(std::ios::fixed);
  o.precision(2);
  o << v;
  return o.str();
}

// Parses copies of `gold` (heads cleared) with m and scores them.
ParseScores Evaluate(const Model& m, const std::vector<Sentence>& input,
                     const std::vector<Sentence>& gold) {
  std::vector<Sentence> pred = input;
  for (auto& s : pred) m.ParseSentence(&s);
  return ScoreParses(gold, pred);
}

#ifdef ENTENTE_PARSER_WITH_TAGGER
// Replaces the tags of *sents by k-fold jackknifed predictions.
Status Jackknife(const ParserTrainOptions& opts, std::vector<Sentence>* sents, std::ostream* log) {
  namespace fs = std::filesystem;
  const int k = opts.jackknife_folds;
  if (opts.dev_path.empty()) {
    return Status(Code::kInvalidArgument, "TrainParser: jackknifing needs dev_path");
  }
  std::error_code ec;
  const fs::path dir = fs::temp_directory_path(ec) /
                       ("entente-parser-jackknife-" + std::to_string(::getpid()));
  fs::create_directories(dir, ec);
  if (ec) return Status(Code::kIoError, dir.string() + ": " + ec.message());
  const size_t n = sents->size();
  std::vector<Sentence> tagged = *sents;
  Status result;
  for (int f = 0; f < k && result.ok(); ++f) {
    const size_t lo = n * f / k, hi = n * (f + 1) / k;
    const std::string train_file = (dir / ("train-" + std::to_string(f) + ".conllu")).string();
    const std::string model_file = (dir / ("tagger-" + std::to_string(f) + ".bin")).string();
    {
      std::string buf;
      for (size_t i = 0; i < n; ++i) {
        if (i < lo || i >= hi) AppendConllu((*sents)[i], &buf);
      }
      std::ofstream out(train_file, std::ios::binary);
      out << buf;
      if (!out) {
        result = Status(Code::kIoError, train_file + ": write failed");
        break;
      }
    }
    TaggerTrainOptions to;
    to.train_path = train_file;
    to.dev_path = opts.dev_path;
    to.output_path = model_file;
    to.seed = opts.seed;
    to.command_line = "jackknife fold " + std::to_string(f);
    if (log) *log << "jackknife fold " << f + 1 << "/" << k << ": training a tagger without sentences "
                  << lo << ".." << hi << "\n" << std::flush;
    result = TrainTagger(to, nullptr);
    if (!result.ok()) break;
    auto tagger = Tagger::Load(model_file);
    if (!tagger.ok()) {
      result = tagger.status();
      break;
    }
    for (size_t i = lo; i < hi; ++i) (*tagger)->Tag(&tagged[i]);
  }
  fs::remove_all(dir, ec);
  if (!result.ok()) return result;
  uint64_t right = 0, total = 0;
  for (size_t i = 0; i < n; ++i) {
    for (size_t j = 0; j < tagged[i].tokens.size(); ++j) {
      right += tagged[i].tokens[j].xpos == (*sents)[i].tokens[j].xpos;
      ++total;
    }
  }
  if (log) *log << "jackknifed train XPOS accuracy " << Fmt2(100.0 * right / std::max<uint64_t>(total, 1))
                << "%\n";
  // Keep gold heads and relations; take predicted tags, lemmas and features.
  for (size_t i = 0; i < n; ++i) {
    for (size_t j = 0; j < tagged[i].tokens.size(); ++j) {
      tagged[i].tokens[j].head = (*sents)[i].tokens[j].head;
      tagged[i].tokens[j].deprel = (*sents)[i].tokens[j].deprel;
    }
  }
  *sents = std::move(tagged);
  return Status::OK();
}
#endif

}  // namespace

}  // namespace parser_internal

Status TrainParser(const ParserTrainOptions& opts, std::ostream* log) {
  using namespace parser_internal;
  using Clock = std::chrono::steady_clock;
  const auto t0 = Clock::now();
  auto elapsed = [&] { return std::chrono::duration<double>(Clock::now() - t0).count(); };
  if (opts.train_path.empty() || opts.output_path.empty()) {
    return Status(Code::kInvalidArgument, "TrainParser: train_path and output_path are required");
  }
  if (opts.iterations <= 0) return Status(Code::kInvalidArgument, "TrainParser: iterations must be > 0");
  auto train = ReadConlluFile(opts.train_path);
  if (!train.ok()) return train.status();
  std::vector<Sentence> dev_gold;
  if (!opts.dev_path.empty()) {
    auto dev = ReadConlluFile(opts.dev_path);
    if (!dev.ok()) return dev.status();
    dev_gold = std::move(dev.value());
  }
  std::vector<Sentence>& sents = train.value();
  if (opts.news_date_variants) {
    const size_t added = treebank::AddNewsDateVariants(&sents);
    if (log) *log << "news date variants: " << added << " sentences added\n";
  }
  // Gold-tagged copies, trained on as well when opts.add_gold_tags.
  std::vector<Sentence> gold_copies;
  if (opts.add_gold_tags && !opts.tagger_path.empty()) gold_copies = sents;
  std::vector<Sentence> dev_input = dev_gold;
  for (auto& s : dev_input) {
    for (auto& t : s.tokens) t.head = -1, t.deprel.clear();
  }
  std::string tag_source = "gold";
  if (!opts.tagger_path.empty()) {
#ifdef ENTENTE_PARSER_WITH_TAGGER
    auto tagger = Tagger::Load(opts.tagger_path);
    if (!tagger.ok()) return tagger.status();
    if (opts.jackknife_folds > 1) {
      ENTENTE_RETURN_IF_ERROR(Jackknife(opts, &sents, log));
      tag_source = "train: " + std::to_string(opts.jackknife_folds) +
                   "-fold jackknifed tagger predictions; dev: predicted by " + opts.tagger_path;
    } else {
      for (auto& s : sents) (*tagger)->Tag(&s);
      tag_source = "predicted by " + opts.tagger_path;
    }
    for (auto& s : dev_input) (*tagger)->Tag(&s);
    if (!gold_copies.empty()) tag_source += "; train also with gold tags";
#else
    return Status(Code::kUnsupported, "TrainParser: built without the tagger library");
#endif
  }
  if (log) *log << "read " << sents.size() << " training sentences, " << dev_gold.size()
                << " dev sentences; tags: " << tag_source << " (" << Fmt2(elapsed()) << " s)\n";

  // Label inventory, sorted for determinism.
  std::map<std::string, int> label_count;
  for (const auto& s : sents) {
    for (const auto& t : s.tokens) ++label_count[t.deprel];
  }
  label_count.erase("");
  label_count["root"];
  auto model = std::make_unique<Model>();
  for (const auto& [l, c] : label_count) model->labels.push_back(l);
  if (model->labels.size() > static_cast<size_t>(kMaxLabels)) {
    return Status(Code::kUnsupported, "TrainParser: more than 120 relation labels");
  }
  auto label_id = [&](const std::string& l) {
    auto it = std::lower_bound(model->labels.begin(), model->labels.end(), l);
    return it != model->labels.end() && *it == l ? static_cast<int>(it - model->labels.begin()) : -1;
  };
  model->root_label = label_id("root");
  if (model->labels.size() < 2) {
    return Status(Code::kEmpty, opts.train_path + ": no relation other than root to learn");
  }
  // Words left headless at the end are attached to the root word as "dep",
  // or with the most frequent other relation when there is no "dep".
  model->fallback_label = label_id("dep");
  if (model->fallback_label < 0) {
    int best = -1;
    for (const auto& [l, c] : label_count) {
      if (l != "root" && (best < 0 || c > label_count[model->labels[best]])) best = label_id(l);
    }
    model->fallback_label = best;
  }
  const int num_labels = static_cast<int>(model->labels.size());
  const int nc = NumClasses(num_labels);
  model->num_classes = nc;

  // Examples: projectivised gold trees with exactly one root.
  std::vector<Example> examples;
  examples.reserve(sents.size() + gold_copies.size());
  uint64_t skipped = 0, lifted = 0, lifted_sents = 0;
  std::vector<const Sentence*> all;
  for (const auto& s : sents) all.push_back(&s);
  for (const auto& s : gold_copies) all.push_back(&s);
  for (const Sentence* sp : all) {
    const Sentence& s = *sp;
    const int n = static_cast<int>(s.tokens.size());
    Example ex;
    ex.sent = &s;
    ex.gh.assign(n + 1, -1);
    ex.gl.assign(n + 1, -1);
    int roots = 0;
    bool bad = n == 0;
    for (int i = 1; i <= n && !bad; ++i) {
      const Token& t = s.tokens[i - 1];
      ex.gh[i] = t.head;
      ex.gl[i] = label_id(t.deprel);
      if (t.head < 0 || t.head > n || t.head == i || ex.gl[i] < 0) bad = true;
      if (t.head == 0) {
        ++roots;
        if (ex.gl[i] != model->root_label) bad = true;
      } else if (ex.gl[i] == model->root_label) {
        bad = true;
      }
    }
    if (bad || roots != 1) {
      ++skipped;
      continue;
    }
    // Cycles would make lifting loop: check that every word reaches the root.
    for (int i = 1; i <= n && !bad; ++i) {
      int x = i, steps = 0;
      while (x != 0 && steps <= n) x = ex.gh[x], ++steps;
      if (x != 0) bad = true;
    }
    if (bad) {
      ++skipped;
      continue;
    }
    const int l = Projectivize(&ex.gh);
    lifted += l;
    lifted_sents += l > 0;
    ex.atoms.Fill(s);
    examples.push_back(std::move(ex));
  }
  if (examples.empty()) return Status(Code::kEmpty, opts.train_path + ": no usable training trees");
  if (log) *log << examples.size() << " training trees, " << skipped << " skipped (no single rooted tree), "
                << lifted << " arcs lifted in " << lifted_sents << " non-projective trees; "
                << num_labels << " labels, " << nc << " classes\n";

  TrainWeights weights(nc);
  uint64_t rng = opts.seed * 0x2545F4914F6CDD1DULL + 12345;
  std::vector<size_t> order(examples.size());
  for (size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::vector<float> scores(nc);
  std::vector<uint8_t> valid(nc);
  std::vector<int> cost(nc);
  uint64_t feats[kMaxFeatures];
  uint64_t now = 0;
  State st;

  std::unique_ptr<Model> best;
  ParseScores best_dev;
  int best_iter = 0;
  for (int it = 1; it <= opts.iterations; ++it) {
    for (size_t i = order.size(); i > 1; --i) {
      std::swap(order[i - 1], order[SplitMix(&rng) % i]);
    }
    uint64_t steps = 0, errors = 0;
    for (size_t oi : order) {
      const Example& ex = examples[oi];
      st.Init(static_cast<int>(ex.sent->tokens.size()));
      while (!st.Terminal()) {
        const int nf = ExtractFeatures(st, ex.atoms, feats);
        weights.Score(feats, nf, scores.data());
        st.Valid(num_labels, model->root_label, valid.data());
        Costs(st, ex.gh.data(), ex.gl.data(), num_labels, valid.data(), cost.data());
        int pred = -1, gold = -1, min_cost = 1 << 30;
        for (int c = 0; c < nc; ++c) {
          if (!valid[c]) continue;
          if (pred < 0 || scores[c] > scores[pred]) pred = c;
          if (cost[c] < min_cost) min_cost = cost[c];
        }
        for (int c = 0; c < nc; ++c) {
          if (valid[c] && cost[c] == min_cost && (gold < 0 || scores[c] > scores[gold])) gold = c;
        }
        ++now;
        ++steps;
        if (cost[pred] > min_cost) {
          ++errors;
          weights.Update(feats, nf, gold, 1.0f, now);
          weights.Update(feats, nf, pred, -1.0f, now);
        }
        int next = gold;
        if (it > 1 && cost[pred] > min_cost) {
          const double r = static_cast<double>(SplitMix(&rng) >> 11) * 0x1.0p-53;
          if (r < kExplore) next = pred;
        }
        st.Apply(next);
      }
    }
    auto m = std::make_unique<Model>();
    m->labels = model->labels;
    m->root_label = model->root_label;
    m->fallback_label = model->fallback_label;
    m->num_classes = nc;
    weights.Compact(now, opts.prune, m.get());
    std::string line = "iter " + std::to_string(it) + ": train transition accuracy " +
                       Fmt2(100.0 * (1.0 - static_cast<double>(errors) / std::max<uint64_t>(steps, 1))) +
                       ", " + std::to_string(weights.size()) + " features, " +
                       std::to_string(m->keys.size()) + " kept, " + std::to_string(m->entries.size()) +
                       " weights";
    bool better = true;
    if (!dev_gold.empty()) {
      ParseScores d = Evaluate(*m, dev_input, dev_gold);
      line += "; dev UAS " + Fmt2(d.uas) + " LAS " + Fmt2(d.las) + " (full labels " + Fmt2(d.las_full) + ")";
      better = !best || d.las > best_dev.las;
      if (better) best_dev = d;
    }
    if (log) *log << line << " (" << Fmt2(elapsed()) << " s)\n" << std::flush;
    if (better) {
      best = std::move(m);
      best_iter = it;
    }
  }

  model_io::ModelWriter w(kModelKind, kModelVersion);
  w.SetMeta("training_data", "UD English EWT r2.x train");
  w.SetMeta("licence", "CC BY-SA 4.0");
  w.SetMeta("training_command", opts.command_line);
  w.SetMeta("train_file", opts.train_path);
  w.SetMeta("dev_file", opts.dev_path);
  w.SetMeta("tags", tag_source);
  w.SetMeta("iterations", std::to_string(opts.iterations));
  w.SetMeta("best_iteration", std::to_string(best_iter));
  w.SetMeta("seed", std::to_string(opts.seed));
  w.SetMeta("prune", Fmt2(opts.prune));
  w.SetMeta("features", std::to_string(best->keys.size()));
  if (!dev_gold.empty()) {
    w.SetMeta("dev_uas", Fmt2(best_dev.uas));
    w.SetMeta("dev_las", Fmt2(best_dev.las));
    w.SetMeta("dev_las_full_labels", Fmt2(best_dev.las_full));
  }
  WriteModel(*best, &w);
  ENTENTE_RETURN_IF_ERROR(w.WriteFile(opts.output_path));
  if (log) *log << "best iteration " << best_iter << "; wrote " << opts.output_path << " ("
                << best->keys.size() << " features, " << best->entries.size() << " weights) in "
                << Fmt2(elapsed()) << " s\n";
  return Status::OK();
}

}  // namespace entente
