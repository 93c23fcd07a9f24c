// entente train tagger|parser: retrain the bundled models reproducibly.
#include <iostream>
#include <memory>
#include <string>

#include "command.h"
#include "entente/parser.h"
#include "entente/tagger.h"

namespace entente::cli {
namespace {

struct TrainArgs {
  std::string train, dev, output, tagger;
  int iterations = 0;  // 0 = the trainer's default
  int jackknife = 4;   // parser: folds of jackknifed tagger predictions on train
  uint64_t seed = 1;
  bool news_date_variants = false;
};

int RunTagger(const TrainArgs& a) {
  TaggerTrainOptions o;
  o.train_path = a.train;
  o.dev_path = a.dev;
  o.output_path = a.output;
  if (a.iterations > 0) o.iterations = a.iterations;
  o.seed = a.seed;
  o.news_date_variants = a.news_date_variants;
  o.command_line = CommandLine();
  Status st = TrainTagger(o, &std::cerr);
  if (!st.ok()) {
    std::cerr << "entente train tagger: " << st.ToString() << "\n";
    return kExitFatal;
  }
  return kExitOk;
}

int RunParser(const TrainArgs& a) {
  ParserTrainOptions o;
  o.train_path = a.train;
  o.dev_path = a.dev;
  o.output_path = a.output;
  o.tagger_path = a.tagger;
  o.jackknife_folds = a.tagger.empty() ? 0 : a.jackknife;
  if (a.iterations > 0) o.iterations = a.iterations;
  o.seed = a.seed;
  o.news_date_variants = a.news_date_variants;
  o.command_line = CommandLine();
  Status st = TrainParser(o, &std::cerr);
  if (!st.ok()) {
    std::cerr << "entente train parser: " << st.ToString() << "\n";
    return kExitFatal;
  }
  return kExitOk;
}

void CommonOptions(CLI::App* sub, TrainArgs* a) {
  sub->add_option("--train", a->train, "Training treebank (CoNLL-U)")->required();
  sub->add_option("--dev", a->dev, "Development treebank (CoNLL-U): picks the best iteration")->required();
  sub->add_option("-o,--output", a->output, "Model file to write")->required();
  sub->add_option("--iterations", a->iterations, "Passes over the training data (default: the trainer's)");
  sub->add_option("--seed", a->seed, "Random seed; same data, options and seed give the same model")
      ->capture_default_str();
  sub->add_flag("--news-date-variants", a->news_date_variants,
                "Also train on copies of the training sentences with a day between subject and verb "
                "(\"X on Thursday fired\"), a newswire order the web treebank lacks");
}

}  // namespace

CLI::App* AddTrainCommand(CLI::App& app, Runner* run) {
  auto args = std::make_shared<TrainArgs>();
  auto which = std::make_shared<std::string>();
  CLI::App* sub = app.add_subcommand("train", "Train the tagger/lemmatiser or the dependency parser on a UD treebank");
  sub->require_subcommand(1, 1);
  CLI::App* t = sub->add_subcommand("tagger", "Train the POS tagger and lemmatiser");
  CommonOptions(t, args.get());
  t->callback([which] { *which = "tagger"; });
  CLI::App* p = sub->add_subcommand("parser", "Train the dependency parser");
  CommonOptions(p, args.get());
  p->add_option("--tagger", args->tagger, "Tagger model whose predicted tags the parser trains on");
  p->add_option("--jackknife", args->jackknife,
                "With --tagger: train on tags predicted by this many held-out taggers (0: the given tagger's own)")
      ->capture_default_str();
  p->callback([which] { *which = "parser"; });
  *run = [args, which] { return *which == "tagger" ? RunTagger(*args) : RunParser(*args); };
  return sub;
}

}  // namespace entente::cli
