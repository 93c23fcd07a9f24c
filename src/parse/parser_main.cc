// entente-train-parser: trains and evaluates the dependency parser.
//
//   entente-train-parser --train TRAIN.conllu --dev DEV.conllu [--tagger TAGGER.bin] -o OUT.bin
//   entente-train-parser --eval GOLD.conllu --model PARSER.bin [--tagger TAGGER.bin]
//                        [--output PRED.conllu] [--repeat N]
#include <time.h>

#include <chrono>
#include <fstream>
#include <iostream>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>

#include "entente/conllu.h"
#include "entente/parser.h"
#include "parse/parser_internal.h"
#include "util/model_io.h"
#ifdef ENTENTE_PARSER_WITH_TAGGER
#include "entente/tagger.h"
#endif

namespace {

// CPU time of this thread: robust to other processes sharing the machine.
double ThreadSeconds() {
  timespec ts;
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) + 1e-9 * static_cast<double>(ts.tv_nsec);
}

std::string JoinArgs(int argc, char** argv) {
  std::string s;
  for (int i = 0; i < argc; ++i) {
    if (i) s += ' ';
    s += argv[i];
  }
  return s;
}

int Eval(const std::string& gold_path, const std::string& model_path, const std::string& tagger_path,
         const std::string& output, int repeat, double prune) {
  using Clock = std::chrono::steady_clock;
  auto gold = entente::ReadConlluFile(gold_path);
  if (!gold.ok()) {
    std::cerr << gold.status().ToString() << "\n";
    return 1;
  }
  auto t0 = Clock::now();
  auto parser = entente::DependencyParser::Load(model_path);
  if (prune > 0 && parser.ok()) {
    // Experiment: drop small weights after loading.
    namespace pi = entente::parser_internal;
    auto reader = entente::model_io::ModelReader::FromFile(model_path, pi::kModelKind, pi::kModelVersion);
    auto m = std::make_unique<pi::Model>();
    if (reader.ok() && pi::ReadModel(&reader.value(), m.get()).ok()) {
      size_t before = m->num_features(), wb = m->entries.size();
      size_t kept = m->Prune(static_cast<float>(prune));
      std::cout << "pruned below " << prune << ": " << kept << " of " << before << " features, "
                << m->entries.size() << " of " << wb << " weights\n";
      parser = std::make_unique<entente::DependencyParser>(std::move(m));
    }
  }
  double load_ms = std::chrono::duration<double, std::milli>(Clock::now() - t0).count();
  if (!parser.ok()) {
    std::cerr << parser.status().ToString() << "\n";
    return 1;
  }
  std::vector<entente::Sentence> input = gold.value();
  for (auto& s : input) {
    for (auto& t : s.tokens) t.head = -1, t.deprel.clear();
  }
  uint64_t tokens = 0;
  for (const auto& s : input) tokens += s.tokens.size();
  std::cout << "model " << model_path << " loaded in " << load_ms << " ms\n";
  if (!tagger_path.empty()) {
#ifdef ENTENTE_PARSER_WITH_TAGGER
    auto tagger = entente::Tagger::Load(tagger_path);
    if (!tagger.ok()) {
      std::cerr << tagger.status().ToString() << "\n";
      return 1;
    }
    uint64_t right_upos = 0, right_xpos = 0;
    auto t1 = Clock::now();
    for (auto& s : input) (*tagger)->Tag(&s);
    double tag_s = std::chrono::duration<double>(Clock::now() - t1).count();
    for (size_t i = 0; i < input.size(); ++i) {
      for (size_t j = 0; j < input[i].tokens.size(); ++j) {
        right_upos += input[i].tokens[j].upos == gold.value()[i].tokens[j].upos;
        right_xpos += input[i].tokens[j].xpos == gold.value()[i].tokens[j].xpos;
      }
    }
    std::cout << "tags predicted by " << tagger_path << ": UPOS " << 100.0 * right_upos / tokens
              << "% XPOS " << 100.0 * right_xpos / tokens << "% (" << tokens / tag_s
              << " tokens/s)\n";
#else
    std::cerr << "built without the tagger\n";
    return 1;
#endif
  } else {
    std::cout << "tags: gold\n";
  }
  std::vector<entente::Sentence> pred;
  double best_s = 1e30, best_cpu = 1e30;
  for (int r = 0; r < std::max(1, repeat); ++r) {
    pred = input;
    auto t1 = Clock::now();
    const double c1 = ThreadSeconds();
    for (auto& s : pred) (*parser)->Parse(&s);
    best_cpu = std::min(best_cpu, ThreadSeconds() - c1);
    best_s = std::min(best_s, std::chrono::duration<double>(Clock::now() - t1).count());
  }
  entente::ParseScores sc = entente::ScoreParses(gold.value(), pred);
  std::cout << "tokens " << sc.tokens << "  UAS " << sc.uas << "  LAS " << sc.las
            << "  LAS(full labels) " << sc.las_full << "  (punctuation included)\n";
  std::cout << "parse speed " << tokens / best_cpu << " tokens/s of CPU time (" << best_cpu
            << " s), " << tokens / best_s << " tokens/s wall clock; best of " << std::max(1, repeat)
            << "\n";
  if (!output.empty()) {
    std::ofstream out(output, std::ios::binary);
    std::string buf;
    for (const auto& s : pred) entente::AppendConllu(s, &buf);
    out << buf;
    if (!out) {
      std::cerr << output << ": write failed\n";
      return 1;
    }
  }
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"Train or evaluate the entente dependency parser"};
  entente::ParserTrainOptions opts;
  std::string eval_path, model_path, output;
  int repeat = 1;
  double prune = 0;
  app.add_option("--train", opts.train_path, "training treebank (CoNLL-U)");
  app.add_option("--dev", opts.dev_path, "dev treebank (CoNLL-U): picks the best iteration");
  app.add_option("--tagger", opts.tagger_path, "tagger model: use predicted tags");
  app.add_option("-o,--out", opts.output_path, "model file to write");
  app.add_option("--jackknife", opts.jackknife_folds,
                 "with --tagger: tag train by k-fold jackknifing (trains k taggers)");
  app.add_flag("--add-gold-tags", opts.add_gold_tags,
               "with --tagger: also train on the gold-tagged sentences");
  app.add_option("--iterations", opts.iterations, "training iterations")->capture_default_str();
  app.add_option("--seed", opts.seed, "random seed")->capture_default_str();
  app.add_option("--eval", eval_path, "gold treebank to evaluate on");
  app.add_option("--model", model_path, "parser model to evaluate");
  app.add_option("--output", output, "write the predicted parses here (with --eval)");
  app.add_option("--repeat", repeat, "parse the evaluation data N times, report the fastest");
  auto* prune_opt = app.add_option(
      "--prune", prune,
      "training: drop averaged weights below this (default 1.0); --eval: re-prune the loaded model");
  CLI11_PARSE(app, argc, argv);
  if (!eval_path.empty()) {
    if (model_path.empty()) {
      std::cerr << "--eval needs --model\n";
      return 2;
    }
    return Eval(eval_path, model_path, opts.tagger_path, output, repeat, prune);
  }
  if (opts.train_path.empty() || opts.output_path.empty()) {
    std::cerr << "need --train and -o (or --eval and --model)\n";
    return 2;
  }
  if (prune_opt->count()) opts.prune = prune;
  opts.command_line = JoinArgs(argc, argv);
  entente::Status st = entente::TrainParser(opts, &std::cerr);
  if (!st.ok()) {
    std::cerr << st.ToString() << "\n";
    return 1;
  }
  return 0;
}
