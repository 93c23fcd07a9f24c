// entente code: news in, coded political events out.
#include <fmt/core.h>

#include <iostream>
#include <memory>
#include <string>
#include <vector>

#include "coding.h"
#include "command.h"
#include "entente/event.h"
#include "entente/parallel.h"
#include "entente/reader.h"
#include "entente/store.h"
#include "output.h"
#include "progress.h"

namespace entente::cli {
namespace {

struct CodeArgs {
  std::vector<std::string> inputs;
  std::string input_format = "auto";
  std::string format = "jsonl";
  std::string output;
  int threads = 1;
  size_t batch = 256;
  bool progress = false;
  bool quiet = false;
  std::string db;       // also write articles and events into this SQLite store
  bool resume = false;  // skip articles already in --db
  bool store_text = false;
  size_t db_batch = 10000;  // rows per store transaction
  size_t max_document_bytes = ReadOptions{}.max_document_bytes;
  CodingArgs coding;
};

int Run(const CodeArgs& a) {
  auto fmt_out = ParseEventFormat(a.format);
  if (!fmt_out.ok()) {
    std::cerr << "entente code: " << fmt_out.status().ToString() << "\n";
    return kExitUsage;
  }
  auto setup = LoadCoding(a.coding, "code");
  if (!setup.ok()) {
    std::cerr << "entente code: " << setup.status().ToString() << "\n";
    return kExitFatal;
  }
  const CodingSetup& cs = **setup;

  auto reader = OpenInputs("code", a.inputs, a.input_format, a.quiet, a.max_document_bytes);
  if (!reader.ok()) {
    std::cerr << "entente code: " << reader.status().ToString() << "\n";
    return kExitUsage;
  }
  auto out = Output::Open(a.output);
  if (!out.ok()) {
    std::cerr << "entente code: " << out.status().ToString() << "\n";
    return kExitFatal;
  }
  WriterOptions wo;
  wo.table = cs.table.get();
  auto writer = NewEventWriter(*fmt_out, (*out)->stream(), wo);

  std::unique_ptr<EventStore> store;
  if (!a.db.empty()) {
    StoreOptions so;
    so.store_text = a.store_text;
    so.batch_size = a.db_batch;
    auto st = EventStore::Open(a.db, so);
    if (!st.ok()) {
      std::cerr << "entente code: " << st.status().ToString() << "\n";
      return kExitFatal;
    }
    store = std::move(st).value();
    RunInfo run;
    run.entente_version = ENTENTE_VERSION;
    run.command_line = CommandLine();
    // Every dictionary file the run loaded, by kind: overrides (--verbs,
    // --issues, ...) and --no-issues are visible, not only the folder.
    for (const DictionaryFileReport& f : cs.load.files) {
      if (!run.dictionaries.empty()) run.dictionaries += "; ";
      run.dictionaries += f.kind + "=" + f.path;
    }
    if (a.coding.parsed) {
      run.models = "input parses";
    } else {
      run.models = "tagger=" + (a.coding.tagger.empty() ? std::string("bundled") : a.coding.tagger) +
                   "; parser=" + (a.coding.parser.empty() ? std::string("bundled") : a.coding.parser) +
                   (a.coding.models_only ? "; models only" : "");
    }
    if (auto r = store->BeginRun(run); !r.ok()) {
      std::cerr << "entente code: " << r.status().ToString() << "\n";
      return kExitFatal;
    }
  } else if (a.resume) {
    std::cerr << "entente code: --resume needs --db\n";
    return kExitUsage;
  }
  uint64_t resumed = 0;

  Progress progress("code", a.progress, (*reader)->total_bytes());
  std::vector<Document> batch;
  std::vector<std::vector<Event>> events;
  std::vector<CoderStats> stats;
  std::vector<uint64_t> fallbacks, prefiltered, cut;
  uint64_t docs = 0, sentences = 0, n_events = 0, n_fallbacks = 0, n_prefiltered = 0, n_cut = 0;
  CoderStats total;
  bool more = true;
  while (more) {
    batch.clear();
    while (batch.size() < a.batch) {
      Document d;
      if (!(*reader)->Next(&d)) {
        more = false;
        break;
      }
      if (a.resume && store->HasArticle(d.id)) {
        ++resumed;
        continue;
      }
      batch.push_back(std::move(d));
    }
    events.assign(batch.size(), {});
    stats.assign(batch.size(), {});
    fallbacks.assign(batch.size(), 0);
    prefiltered.assign(batch.size(), 0);
    cut.assign(batch.size(), 0);
    ParallelFor(batch.size(), a.threads, [&](size_t i) {
      PrepareSentences(a.coding, cs, &batch[i], &fallbacks[i], &prefiltered[i], &cut[i]);
      cs.coder->Code(batch[i], &events[i], &stats[i]);
    });
    for (size_t i = 0; i < batch.size(); ++i) {
      ++docs;
      sentences += batch[i].sentences.size();
      n_fallbacks += fallbacks[i];
      n_prefiltered += prefiltered[i];
      n_cut += cut[i];
      total.discarded += stats[i].discarded;
      total.unparsed += stats[i].unparsed;
      total.capped += stats[i].capped;
      for (const Event& e : events[i]) {
        Status st = writer->Write(e);
        if (!st.ok()) {
          std::cerr << "entente code: " << st.ToString() << "\n";
          return kExitFatal;
        }
      }
      n_events += events[i].size();
      if (store) {
        Status st = store->AddArticle(batch[i]);
        if (st.ok()) st = store->AddEvents(events[i]);
        if (!st.ok()) {
          std::cerr << "entente code: " << st.ToString() << "\n";
          return kExitFatal;
        }
      }
    }
    progress.Update(docs, (*reader)->stats().bytes_read);
  }
  Status st = writer->Finish();
  if (st.ok()) st = (*out)->Commit();
  if (st.ok() && store) st = store->Commit();
  if (!st.ok()) {
    std::cerr << "entente code: " << st.ToString() << "\n";
    return kExitFatal;
  }
  progress.Finish(docs);
  const ReadStats& rs = (*reader)->stats();
  if (!a.quiet) {
    std::cerr << fmt::format(
        "entente code: {} documents, {} sentences, {} events ({} written, {} not expressible in {}); "
        "{} inputs skipped ({} over --max-document-bytes {}), {} warnings; "
        "{} sentences cut at --max-sentence-tokens {}; {} sentences discarded by the dictionaries; "
        "{} sentences without the words of an event not parsed",
        docs, sentences, n_events, writer->written(), writer->skipped(), a.format, rs.skipped, rs.oversized,
        a.max_document_bytes, rs.warnings, n_cut, a.coding.max_sentence_tokens, total.discarded, n_prefiltered);
    if (total.capped > 0)
      std::cerr << fmt::format("; {} events dropped beyond {} per sentence", total.capped,
                               cs.coder->options().max_events_per_sentence);
    if (a.resume) std::cerr << fmt::format("; {} articles already in {} skipped (--resume)", resumed, a.db);
    if (a.coding.parsed) std::cerr << fmt::format("; {} documents without a usable parse were parsed by entente", n_fallbacks);
    std::cerr << "\n";
  }
  return rs.skipped > 0 ? kExitSkipped : kExitOk;
}

}  // namespace

CLI::App* AddCodeCommand(CLI::App& app, Runner* run) {
  auto a = std::make_shared<CodeArgs>();
  CLI::App* sub = app.add_subcommand("code", "Code political events (CAMEO, PLOVER) from news: who did what to whom");
  AddInputOptions(sub, &a->inputs, &a->input_format);
  sub->add_option("--format", a->format, "Output: jsonl, gdelt (GDELT 1.0 TSV), phoenix (TSV) or plover (JSON lines)")
      ->capture_default_str();
  sub->add_option("-o,--output", a->output, "Output file (written to a temporary name, renamed when done); default stdout");
  sub->add_option("-t,--threads", a->threads, "Worker threads (0 = all cores); output is the same for any count")
      ->capture_default_str();
  sub->add_option("--batch", a->batch, "Documents per batch")->check(CLI::PositiveNumber)->capture_default_str();
  sub->add_option("--db", a->db, "Also store articles and events in this SQLite database (doc/store.md)");
  sub->add_flag("--resume", a->resume, "With --db: skip articles whose id is already stored");
  sub->add_flag("--store-text", a->store_text, "With --db: keep the full article text");
  sub->add_option("--db-batch", a->db_batch,
                  "With --db: rows per transaction (whole articles only; a crash loses at most the open batch)")
      ->check(CLI::PositiveNumber)
      ->capture_default_str();
  AddLimitOptions(sub, &a->max_document_bytes, &a->coding.max_sentence_tokens);
  sub->add_flag("--progress", a->progress, "Report progress on stderr (documents/s, ETA)");
  sub->add_flag("-q,--quiet", a->quiet, "Do not print per-record errors and the summary");
  AddCodingOptions(sub, &a->coding);
  *run = [a] { return Run(*a); };
  return sub;
}

}  // namespace entente::cli
