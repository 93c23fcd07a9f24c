// entente parse: raw news to sentences, tokens, tags and dependency parses.
#include <time.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <iostream>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

#include <fmt/core.h>

#include "command.h"
#include "entente/conllu.h"
#include "entente/parallel.h"
#include "entente/parser.h"
#include "entente/pipeline.h"
#include "entente/reader.h"
#include "entente/tagger.h"
#include "entente/tokenizer.h"
#include "output.h"
#include "progress.h"

namespace entente::cli {
namespace {

struct ParseArgs {
  std::vector<std::string> inputs;
  std::string input_format = "auto";
  std::string format = "conllu";
  std::string output;
  std::string tagger, parser;
  bool no_parse = false;
  bool models_only = false;  // PipelineOptions' newswire rules off
  int threads = 1;
  size_t batch = 256;
  std::string eval;
  bool gold_tokens = false;  // --eval on GOLD's tokens only: tagger and parser scores
  bool gold_tags = false;    // with gold_tokens: parse GOLD's own tags
  int repeat = 1;            // with gold_tokens: tag/parse this many times, report the fastest
  bool json = false;
  bool progress = false;
  bool quiet = false;
  size_t max_document_bytes = ReadOptions{}.max_document_bytes;
  size_t max_sentence_tokens = TokenizerOptions{}.max_sentence_tokens;
};

void AppendJson(const Document& d, std::string* out) {
  nlohmann::ordered_json j;
  j["id"] = d.id;
  if (!d.date.empty()) j["date"] = d.date;
  if (!d.source.empty()) j["source"] = d.source;
  if (!d.url.empty()) j["url"] = d.url;
  if (!d.title.empty()) j["title"] = d.title;
  j["origin"] = d.origin;
  j["line"] = d.line;
  auto& sents = j["sentences"] = nlohmann::ordered_json::array();
  for (const Sentence& s : d.sentences) {
    nlohmann::ordered_json js;
    js["id"] = s.id;
    js["text"] = s.text;
    js["start"] = s.begin;
    js["end"] = s.end;
    auto& toks = js["tokens"] = nlohmann::ordered_json::array();
    for (size_t i = 0; i < s.tokens.size(); ++i) {
      const Token& t = s.tokens[i];
      nlohmann::ordered_json jt;
      jt["id"] = i + 1;
      jt["form"] = t.form;
      jt["lemma"] = t.lemma;
      jt["upos"] = t.upos;
      jt["xpos"] = t.xpos;
      if (!t.feats.empty()) jt["feats"] = t.feats;
      jt["head"] = t.head;
      jt["deprel"] = t.deprel;
      jt["start"] = t.begin;
      jt["end"] = t.end;
      if (!t.space_after) jt["space_after"] = false;
      toks.push_back(std::move(jt));
    }
    sents.push_back(std::move(js));
  }
  out->append(j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
  out->push_back('\n');
}

void AppendDocumentConllu(const Document& d, std::string* out) {
  out->append("# newdoc id = ").append(d.id).push_back('\n');
  for (const Sentence& s : d.sentences) AppendConllu(s, out);
}

// --eval: scores segmentation from the raw text of GOLD, and tagging and
// parsing on GOLD's own tokens.
int RunEval(const ParseArgs& a, const Pipeline& pipeline) {
  auto gold = ReadConlluFile(a.eval);
  if (!gold.ok()) {
    std::cerr << "entente parse: " << gold.status().ToString() << "\n";
    return kExitFatal;
  }
  using Clock = std::chrono::steady_clock;
  // 1. Segmentation of the raw text.
  Document raw;
  raw.id = "eval";
  raw.text = RawTextOfTreebank(*gold);
  auto t0 = Clock::now();
  pipeline.tokenizer().Segment(&raw);
  const double seg_seconds = std::chrono::duration<double>(Clock::now() - t0).count();
  auto seg = EvaluateSegmentation(*gold, raw.sentences);
  if (!seg.ok()) {
    std::cerr << "entente parse: " << seg.status().ToString() << "\n";
    return kExitFatal;
  }
  // 2. Tags and parses on gold tokens.
  std::vector<Sentence> pred = *gold;
  for (Sentence& s : pred) {
    for (Token& t : s.tokens) {
      t.lemma.clear(); t.upos.clear(); t.xpos.clear(); t.feats.clear();
      t.head = -1; t.deprel.clear();
    }
  }
  t0 = Clock::now();
  for (Sentence& s : pred) pipeline.Process(&s);
  const double tp_seconds = std::chrono::duration<double>(Clock::now() - t0).count();
  uint64_t n = 0, upos = 0, xpos = 0, lemma = 0;
  for (size_t i = 0; i < gold->size(); ++i) {
    const auto& g = (*gold)[i].tokens;
    const auto& p = pred[i].tokens;
    for (size_t k = 0; k < g.size(); ++k) {
      ++n;
      upos += g[k].upos == p[k].upos;
      xpos += g[k].xpos == p[k].xpos;
      lemma += g[k].lemma == p[k].lemma;
    }
  }
  ParseScores ps;
  if (pipeline.parser()) ps = ScoreParses(*gold, pred);
  // 3. Whole pipeline from raw text, for throughput.
  Document whole;
  whole.id = "eval";
  whole.text = raw.text;
  t0 = Clock::now();
  pipeline.Process(&whole);
  const double all_seconds = std::chrono::duration<double>(Clock::now() - t0).count();
  uint64_t whole_tokens = 0;
  for (const Sentence& s : whole.sentences) whole_tokens += s.tokens.size();

  auto pct = [&](uint64_t c) { return n ? 100.0 * static_cast<double>(c) / static_cast<double>(n) : 0.0; };
  nlohmann::ordered_json j;
  j["gold"] = a.eval;
  j["sentences"] = gold->size();
  j["words"] = n;
  j["upos"] = pct(upos);
  j["xpos"] = pct(xpos);
  j["lemma"] = pct(lemma);
  if (pipeline.parser()) {
    j["uas"] = ps.uas;
    j["las"] = ps.las;
    j["las_full"] = ps.las_full;
  }
  j["tokens_f1"] = seg->tokens.f1();
  j["words_f1"] = seg->words.f1();
  j["sentences_f1"] = seg->sentences.f1();
  j["tokens_per_second"] = all_seconds > 0 ? whole_tokens / all_seconds : 0.0;
  j["tokenize_tokens_per_second"] = seg_seconds > 0 ? seg->words.predicted / seg_seconds : 0.0;
  j["tag_parse_tokens_per_second"] = tp_seconds > 0 ? n / tp_seconds : 0.0;
  j["threads"] = 1;
  if (a.json) {
    std::cout << j.dump(2) << "\n";
    return kExitOk;
  }
  std::cout << fmt::format("Evaluation against {} ({} sentences, {} words)\n", a.eval, gold->size(), n);
  std::cout << fmt::format("  {:<28}{:>8.2f}\n", "sentences F1 (raw text)", seg->sentences.f1());
  std::cout << fmt::format("  {:<28}{:>8.2f}\n", "tokens F1 (raw text)", seg->tokens.f1());
  std::cout << fmt::format("  {:<28}{:>8.2f}\n", "words F1 (raw text)", seg->words.f1());
  std::cout << fmt::format("  {:<28}{:>8.2f}\n", "UPOS (gold tokens)", pct(upos));
  std::cout << fmt::format("  {:<28}{:>8.2f}\n", "XPOS (gold tokens)", pct(xpos));
  std::cout << fmt::format("  {:<28}{:>8.2f}\n", "lemma (gold tokens)", pct(lemma));
  if (pipeline.parser()) {
    std::cout << fmt::format("  {:<28}{:>8.2f}\n", "UAS (predicted tags)", ps.uas);
    std::cout << fmt::format("  {:<28}{:>8.2f}\n", "LAS (predicted tags)", ps.las);
    std::cout << fmt::format("  {:<28}{:>8.2f}\n", "LAS, full labels", ps.las_full);
  }
  std::cout << fmt::format("  {:<28}{:>8.0f}\n", "tokens/s, whole pipeline", j["tokens_per_second"].get<double>());
  return kExitOk;
}

// CPU time of the calling thread: robust to other processes on a busy machine.
double ThreadCpuSeconds() {
  timespec ts;
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) + 1e-9 * static_cast<double>(ts.tv_nsec);
}

// --eval --gold-tokens: the tagger and the parser alone, on GOLD's own
// tokens.  Tagging is scored by EvaluateTagger (a copy of GOLD tagged from
// the forms); the parser reads GOLD with HEAD and DEPREL removed and the
// tagger's tags (or, with --gold-tags, GOLD's own tags and lemmas).  Speeds
// are words per CPU-second of this thread, the fastest of --repeat runs.
int RunGoldTokenEval(const ParseArgs& a, const Pipeline& pipeline) {
  auto gold = ReadConlluFile(a.eval);
  if (!gold.ok()) {
    std::cerr << "entente parse: " << gold.status().ToString() << "\n";
    return kExitFatal;
  }
  std::unique_ptr<Output> out;
  if (!a.output.empty()) {
    auto o = Output::Open(a.output);
    if (!o.ok()) {
      std::cerr << "entente parse: " << o.status().ToString() << "\n";
      return kExitFatal;
    }
    out = std::move(o).value();
  }
  const int repeat = std::max(1, a.repeat);
  const Tagger* tagger = a.gold_tags ? nullptr : pipeline.tagger();
  const DependencyParser* parser = pipeline.parser();
  uint64_t words = 0;
  for (const Sentence& s : *gold) words += s.tokens.size();

  // The parser's input, and with --no-parse the predictions written: GOLD
  // tagged from the forms (with --no-parse HEAD and DEPREL stay GOLD's).
  std::vector<Sentence> pred = *gold;
  if (parser != nullptr) {
    for (Sentence& s : pred) {
      for (Token& t : s.tokens) t.head = -1, t.deprel.clear();
    }
  }
  TaggerScores ts;
  double tag_speed = 0;
  if (tagger != nullptr) {
    for (int r = 0; r < repeat; ++r) {
      ts = EvaluateTagger(*tagger, *gold);
      tag_speed = std::max(tag_speed, ts.tokens_per_second);
    }
    for (Sentence& s : pred) tagger->Tag(&s);
  }
  ParseScores ps;
  double parse_cpu = 0;
  if (parser != nullptr) {
    std::vector<Sentence> parsed;
    for (int r = 0; r < repeat; ++r) {
      parsed = pred;
      const double c0 = ThreadCpuSeconds();
      for (Sentence& s : parsed) parser->Parse(&s);
      const double c = ThreadCpuSeconds() - c0;
      parse_cpu = r == 0 ? c : std::min(parse_cpu, c);
    }
    ps = ScoreParses(*gold, parsed);
    pred = std::move(parsed);
  }
  const double parse_speed = parse_cpu > 0 ? static_cast<double>(words) / parse_cpu : 0.0;

  if (out != nullptr) {
    std::string buf;
    for (const Sentence& s : pred) AppendConllu(s, &buf);
    out->stream().write(buf.data(), static_cast<std::streamsize>(buf.size()));
    Status st = out->Commit();
    if (!st.ok()) {
      std::cerr << "entente parse: " << st.ToString() << "\n";
      return kExitFatal;
    }
  }

  const char* tags = tagger != nullptr ? "predicted" : "gold";
  nlohmann::ordered_json j;
  j["gold"] = a.eval;
  j["tokens"] = "gold";
  j["tags"] = tags;
  j["sentences"] = gold->size();
  j["words"] = words;
  if (tagger != nullptr) {
    j["upos"] = 100 * ts.upos;
    j["xpos"] = 100 * ts.xpos;
    j["upos_xpos"] = 100 * ts.upos_xpos;
    j["lemma"] = 100 * ts.lemma;
    j["lemma_nocase"] = 100 * ts.lemma_nocase;
    j["feats"] = 100 * ts.feats;
  }
  if (parser != nullptr) {
    j["uas"] = ps.uas;
    j["las"] = ps.las;
    j["las_full"] = ps.las_full;
  }
  if (tagger != nullptr) j["tag_tokens_per_cpu_second"] = tag_speed;
  if (parser != nullptr) j["parse_tokens_per_cpu_second"] = parse_speed;
  j["repeat"] = repeat;
  if (a.json) {
    std::cout << j.dump(2) << "\n";
    return kExitOk;
  }
  std::cout << fmt::format("Evaluation against {} ({} sentences, {} words; gold tokens, {} tags)\n", a.eval,
                           gold->size(), words, tags);
  auto line = [](std::string_view what, double v) { std::cout << fmt::format("  {:<28}{:>8.2f}\n", what, v); };
  if (tagger != nullptr) {
    line("UPOS", 100 * ts.upos);
    line("XPOS", 100 * ts.xpos);
    line("UPOS+XPOS", 100 * ts.upos_xpos);
    line("lemma", 100 * ts.lemma);
    line("lemma, ignoring case", 100 * ts.lemma_nocase);
    line("FEATS", 100 * ts.feats);
  }
  if (parser != nullptr) {
    line(fmt::format("UAS ({} tags)", tags), ps.uas);
    line(fmt::format("LAS ({} tags)", tags), ps.las);
    line("LAS, full labels", ps.las_full);
  }
  const std::string best = repeat > 1 ? fmt::format("  (best of {})", repeat) : "";
  if (tagger != nullptr)
    std::cout << fmt::format("  {:<28}{:>8.0f}{}\n", "tagging, words/CPU-second", tag_speed, best);
  if (parser != nullptr)
    std::cout << fmt::format("  {:<28}{:>8.0f}{}\n", "parsing, words/CPU-second", parse_speed, best);
  return kExitOk;
}

int Run(const ParseArgs& a) {
  if (!a.eval.empty() && !a.gold_tokens && !a.output.empty()) {
    std::cerr << "entente parse: -o/--output with --eval needs --gold-tokens (the predictions on GOLD's tokens)\n";
    return kExitUsage;
  }
  if (a.gold_tokens && a.output == "-") {
    std::cerr << "entente parse: with --eval --gold-tokens the report goes to stdout: give -o a file\n";
    return kExitUsage;
  }
  PipelineOptions po;
  po.tagger_path = a.tagger;
  po.parser_path = a.parser;
  po.parse = !a.no_parse;
  po.wire_day_phrases = !a.models_only;
  po.repair_tags = !a.models_only;
  po.tokenizer.max_sentence_tokens = a.max_sentence_tokens;
  auto pipeline = Pipeline::Create(po);
  if (!pipeline.ok()) {
    std::cerr << "entente parse: " << pipeline.status().ToString() << "\n";
    return kExitFatal;
  }
  if (a.gold_tokens) return RunGoldTokenEval(a, **pipeline);
  if (!a.eval.empty()) return RunEval(a, **pipeline);

  auto reader = OpenInputs("parse", a.inputs, a.input_format, a.quiet, a.max_document_bytes);
  if (!reader.ok()) {
    std::cerr << "entente parse: " << reader.status().ToString() << "\n";
    return kExitUsage;
  }
  auto out = Output::Open(a.output);
  if (!out.ok()) {
    std::cerr << "entente parse: " << out.status().ToString() << "\n";
    return kExitFatal;
  }
  Progress progress("parse", a.progress, (*reader)->total_bytes());
  std::vector<Document> batch;
  std::string buf;
  std::vector<uint64_t> cut;
  uint64_t docs = 0, sentences = 0, tokens = 0, n_cut = 0;
  bool more = true;
  while (more) {
    batch.clear();
    while (batch.size() < a.batch) {
      Document d;
      if (!(*reader)->Next(&d)) {
        more = false;
        break;
      }
      batch.push_back(std::move(d));
    }
    // Sentences cut at --max-sentence-tokens are counted per document.
    cut.assign(batch.size(), 0);
    const Pipeline& p = **pipeline;
    ParallelFor(batch.size(), a.threads, [&](size_t i) {
      SegmentStats seg;
      p.Process(&batch[i], &seg);
      cut[i] = seg.cut_sentences;
    });
    buf.clear();
    for (size_t i = 0; i < batch.size(); ++i) {
      const Document& d = batch[i];
      ++docs;
      n_cut += cut[i];
      sentences += d.sentences.size();
      for (const Sentence& s : d.sentences) tokens += s.tokens.size();
      if (a.format == "json") {
        AppendJson(d, &buf);
      } else {
        AppendDocumentConllu(d, &buf);
      }
    }
    (*out)->stream().write(buf.data(), static_cast<std::streamsize>(buf.size()));
    progress.Update(docs, (*reader)->stats().bytes_read);
  }
  Status st = (*out)->Commit();
  if (!st.ok()) {
    std::cerr << "entente parse: " << st.ToString() << "\n";
    return kExitFatal;
  }
  const ReadStats& rs = (*reader)->stats();
  progress.Finish(docs);
  if (!a.quiet) {
    std::cerr << fmt::format(
        "entente parse: {} documents, {} sentences, {} tokens; {} inputs skipped ({} over --max-document-bytes {}), "
        "{} warnings; {} sentences cut at --max-sentence-tokens {}\n",
        docs, sentences, tokens, rs.skipped, rs.oversized, a.max_document_bytes, rs.warnings, n_cut,
        a.max_sentence_tokens);
  }
  return rs.skipped > 0 ? kExitSkipped : kExitOk;
}

}  // namespace

CLI::App* AddParseCommand(CLI::App& app, Runner* run) {
  auto args = std::make_shared<ParseArgs>();
  CLI::App* sub = app.add_subcommand("parse", "Split news into sentences and tokens; tag, lemmatise and dependency-parse them");
  AddInputOptions(sub, &args->inputs, &args->input_format);
  sub->add_option("--format", args->format, "Output: conllu or json (one JSON document per line)")
      ->check(CLI::IsMember({"conllu", "json"}))
      ->capture_default_str();
  sub->add_option("-o,--output", args->output,
                  "Output file (written to a temporary name, renamed when done); default stdout.  With --eval "
                  "--gold-tokens: the predictions on GOLD's tokens (CoNLL-U)");
  CLI::Option* tagger = sub->add_option("--tagger", args->tagger, "Tagger model (default: bundled data/models/en_ewt-tagger.bin)");
  sub->add_option("--parser", args->parser, "Parser model (default: bundled data/models/en_ewt-parser.bin)");
  CLI::Option* no_parse = sub->add_flag("--no-parse", args->no_parse, "Tokenise and tag only");
  sub->add_flag("--models-only", args->models_only,
                "Tag and parse with the models alone: without the pipeline's newswire rules (wire-copy time "
                "phrases such as 'Israel on Monday released', a finite verb for every sentence)");
  sub->add_option("-t,--threads", args->threads, "Worker threads (0 = all cores)")->capture_default_str();
  sub->add_option("--batch", args->batch, "Documents per batch")->check(CLI::PositiveNumber)->capture_default_str();
  CLI::Option* eval = sub->add_option("--eval", args->eval, "Evaluate against a gold CoNLL-U file instead of parsing inputs");
  CLI::Option* gold_tokens =
      sub->add_flag("--gold-tokens", args->gold_tokens,
                    "With --eval: tag and parse GOLD's own tokens only; report UPOS, XPOS, lemma and FEATS "
                    "accuracy, UAS and LAS, and words per CPU-second")
          ->needs(eval);
  sub->add_flag("--gold-tags", args->gold_tags,
                "With --gold-tokens: parse GOLD's own tags and lemmas (scores the parser alone)")
      ->needs(gold_tokens)
      ->excludes(no_parse)
      ->excludes(tagger);
  sub->add_option("--repeat", args->repeat,
                  "With --gold-tokens: tag and parse N times, report the fastest (CPU time of the thread)")
      ->needs(gold_tokens)
      ->check(CLI::Range(1, 1000000))
      ->capture_default_str();
  sub->add_flag("--json", args->json, "With --eval: print one JSON object");
  AddLimitOptions(sub, &args->max_document_bytes, &args->max_sentence_tokens);
  sub->add_flag("--progress", args->progress, "Report progress on stderr");
  sub->add_flag("-q,--quiet", args->quiet, "Do not print per-record errors and the summary");
  *run = [args] { return Run(*args); };
  return sub;
}

}  // namespace entente::cli
