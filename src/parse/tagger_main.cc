// entente-train-tagger: trains or evaluates the POS tagger + lemmatiser.
//
//   entente-train-tagger --train TRAIN.conllu --dev DEV.conllu -o MODEL [--iterations N] [--seed S]
//   entente-train-tagger --eval GOLD.conllu --model MODEL [--repeat N]
#include <CLI/CLI.hpp>

#include <cstdio>
#include <fstream>
#include <iostream>

#include "entente/conllu.h"
#include "entente/tagger.h"

int main(int argc, char** argv) {
  CLI::App app{"Train or evaluate the entente POS tagger and lemmatiser"};
  entente::TaggerTrainOptions opts;
  std::string eval_path, model_path;
  int repeat = 1;
  std::string pred_out;
  app.add_option("--train", opts.train_path, "training treebank (CoNLL-U)");
  app.add_option("--dev", opts.dev_path, "development treebank (CoNLL-U)");
  app.add_option("-o,--output", opts.output_path, "model file to write");
  app.add_option("--iterations", opts.iterations, "perceptron epochs")->capture_default_str();
  app.add_option("--seed", opts.seed, "shuffle seed")->capture_default_str();
  app.add_option("--passes", opts.passes, "1 or 2 tagging passes")->capture_default_str();
  app.add_option("--tagdict-min-count", opts.tagdict_min_count,
                 "minimum count of a dictionary word")->capture_default_str();
  app.add_option("--eval", eval_path, "gold treebank to evaluate on (CoNLL-U)");
  app.add_option("--model", model_path, "model to evaluate");
  app.add_option("--repeat", repeat, "tag the evaluation data this many times (speed)")
      ->capture_default_str();
  app.add_option("--write", pred_out, "with --eval: write the tagged sentences here (CoNLL-U)");
  CLI11_PARSE(app, argc, argv);

  if (!eval_path.empty()) {
    if (model_path.empty()) {
      std::cerr << "entente-train-tagger: --eval needs --model\n";
      return 2;
    }
    auto tagger = entente::Tagger::Load(model_path);
    if (!tagger.ok()) {
      std::cerr << "entente-train-tagger: " << tagger.status().ToString() << "\n";
      return 1;
    }
    auto gold = entente::ReadConlluFile(eval_path);
    if (!gold.ok()) {
      std::cerr << "entente-train-tagger: " << gold.status().ToString() << "\n";
      return 1;
    }
    entente::TaggerScores sc;
    double best_speed = 0;
    for (int r = 0; r < std::max(1, repeat); ++r) {
      sc = entente::EvaluateTagger(**tagger, *gold);
      best_speed = std::max(best_speed, sc.tokens_per_second);
    }
    if (!pred_out.empty()) {
      std::ofstream out(pred_out, std::ios::binary);
      std::string buf;
      for (entente::Sentence s : *gold) {
        (*tagger)->Tag(&s);
        buf.clear();
        entente::AppendConllu(s, &buf);
        out << buf;
      }
      if (!out) {
        std::cerr << "entente-train-tagger: cannot write " << pred_out << "\n";
        return 1;
      }
    }
    std::printf("tokens      %llu\n", static_cast<unsigned long long>(sc.tokens));
    std::printf("UPOS        %.2f\n", 100 * sc.upos);
    std::printf("XPOS        %.2f\n", 100 * sc.xpos);
    std::printf("UPOS+XPOS   %.2f\n", 100 * sc.upos_xpos);
    std::printf("lemma       %.2f\n", 100 * sc.lemma);
    std::printf("lemma(case) %.2f  (ignoring letter case)\n", 100 * sc.lemma_nocase);
    std::printf("feats       %.2f\n", 100 * sc.feats);
    std::printf("speed       %.0f tokens/s (best of %d)\n", best_speed, std::max(1, repeat));
    return 0;
  }
  if (opts.train_path.empty() || opts.dev_path.empty() || opts.output_path.empty()) {
    std::cerr << "entente-train-tagger: need --train, --dev and -o (or --eval and --model)\n";
    return 2;
  }
  std::string cmd = "entente-train-tagger";
  for (int i = 1; i < argc; ++i) {
    cmd += ' ';
    cmd += argv[i];
  }
  opts.command_line = cmd;
  entente::Status st = entente::TrainTagger(opts, &std::cerr);
  if (!st.ok()) {
    std::cerr << "entente-train-tagger: " << st.ToString() << "\n";
    return 1;
  }
  return 0;
}
