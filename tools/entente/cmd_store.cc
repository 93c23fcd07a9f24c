// entente ingest | dyad: the SQLite event store (include/entente/store.h).
//
//   entente ingest EVENTS.jsonl... --db events.sqlite
//   entente dyad A B --db events.sqlite [--by month|quarter|year] [--directed]
//                [--level country|actor] [--dedup none|one-a-day] [--format table|csv|json]
#include <fmt/core.h>

#include <fstream>
#include <iostream>
#include <memory>
#include <string>
#include <vector>

#include "command.h"
#include "entente/cameo.h"
#include "entente/pipeline.h"
#include "entente/store.h"

namespace entente::cli {
namespace {

struct IngestArgs {
  std::vector<std::string> inputs;
  std::string db;
  bool strict = false;
  size_t batch = 10000;
};

int RunIngest(const IngestArgs& a) {
  StoreOptions so;
  so.batch_size = a.batch;
  auto store = EventStore::Open(a.db, so);
  if (!store.ok()) {
    std::cerr << "entente ingest: " << store.status().ToString() << "\n";
    return kExitFatal;
  }
  RunInfo run;
  run.entente_version = ENTENTE_VERSION;
  run.command_line = CommandLine();
  run.note = "ingest";
  if (auto r = (*store)->BeginRun(run); !r.ok()) {
    std::cerr << "entente ingest: " << r.status().ToString() << "\n";
    return kExitFatal;
  }
  // Events from other tools may lack actor parts or code classes: fill them.
  auto table = CameoTable::FromDirectory(DataDir() + "/cameo");
  if (!table.ok()) {
    std::cerr << "entente ingest: " << table.status().ToString() << "\n";
    return kExitFatal;
  }
  uint64_t bad = 0, added = 0, dup = 0, events = 0;
  for (const std::string& path : a.inputs) {
    std::ifstream file;
    std::istream* in = &std::cin;
    if (path != "-") {
      file.open(path, std::ios::binary);
      if (!file) {
        std::cerr << "entente ingest: not_found: " << path << ": cannot open\n";
        ++bad;
        continue;
      }
      in = &file;
    }
    IngestOptions io;
    io.strict = a.strict;
    io.table = &*table;
    auto st = IngestEventsJsonl(**store, *in, path == "-" ? "stdin" : path, io);
    if (!st.ok()) {
      std::cerr << "entente ingest: " << st.status().ToString() << "\n";
      return kExitFatal;
    }
    for (const std::string& issue : st->issues) std::cerr << "entente ingest: " << issue << "\n";
    if (st->bad > st->issues.size())
      std::cerr << "entente ingest: ... " << st->bad - st->issues.size() << " more bad lines in " << path << "\n";
    bad += st->bad;
    added += st->added;
    dup += st->duplicates;
    events += st->events;
  }
  if (Status st = (*store)->Commit(); !st.ok()) {
    std::cerr << "entente ingest: " << st.ToString() << "\n";
    return kExitFatal;
  }
  std::cerr << fmt::format("entente ingest: {} events read, {} added, {} already stored, {} bad lines skipped\n",
                           events, added, dup, bad);
  return bad ? kExitSkipped : kExitOk;
}

struct DyadArgs {
  std::vector<std::string> ab;
  std::string db;
  std::string by = "month";
  bool directed = false;
  std::string level = "country";
  std::string dedup = "none";
  std::string format = "table";
  std::string from, to;
};

int RunDyad(const DyadArgs& a) {
  DyadQuery q;
  q.a = a.ab[0];
  q.b = a.ab[1];
  q.directed = a.directed;
  q.from = a.from;
  q.to = a.to;
  auto by = ParsePeriod(a.by);
  auto level = ParseDyadLevel(a.level);
  auto dedup = ParseDedup(a.dedup);
  auto format = ParseTableFormat(a.format);
  for (const Status* st : {&by.status(), &level.status(), &dedup.status(), &format.status()}) {
    if (!st->ok()) {
      std::cerr << "entente dyad: " << st->ToString() << "\n";
      return kExitUsage;
    }
  }
  q.by = *by;
  q.level = *level;
  q.dedup = *dedup;
  StoreOptions so;
  so.read_only = true;
  auto store = EventStore::Open(a.db, so);
  if (!store.ok()) {
    std::cerr << "entente dyad: " << store.status().ToString() << "\n";
    return kExitFatal;
  }
  auto series = DyadSeries(**store, q);
  if (!series.ok()) {
    std::cerr << "entente dyad: " << series.status().ToString() << "\n";
    return kExitFatal;
  }
  if (Status st = WriteDyadSeries(*series, *format, std::cout); !st.ok()) {
    std::cerr << "entente dyad: " << st.ToString() << "\n";
    return kExitFatal;
  }
  return kExitOk;
}

}  // namespace

CLI::App* AddIngestCommand(CLI::App& app, Runner* run) {
  auto a = std::make_shared<IngestArgs>();
  CLI::App* sub = app.add_subcommand("ingest", "Add coded events (JSONL from 'entente code') to the SQLite event store");
  sub->add_option("events", a->inputs, "Event JSONL files ('-' for standard input)")->required();
  sub->add_option("--db", a->db, "SQLite database (created when missing; schema in doc/store.md)")->required();
  sub->add_flag("--strict", a->strict, "Stop at the first bad line (default: report, skip, count)");
  sub->add_option("--batch", a->batch, "Rows per transaction")->capture_default_str();
  *run = [a] { return RunIngest(*a); };
  return sub;
}

CLI::App* AddDyadCommand(CLI::App& app, Runner* run) {
  auto a = std::make_shared<DyadArgs>();
  CLI::App* sub = app.add_subcommand(
      "dyad", "Time series of the events between two actors: counts per quad class, Goldstein sum and mean, normalised");
  sub->add_option("actors", a->ab, "Two actors, e.g. CHN PRK")->expected(2)->required();
  sub->add_option("--db", a->db, "SQLite event store")->required();
  sub->add_option("--by", a->by, "month, quarter or year")->capture_default_str();
  sub->add_flag("--directed", a->directed, "A -> B only (default: both directions summed)");
  sub->add_option("--level", a->level, "country (country part of actor codes) or actor (full codes)")
      ->capture_default_str();
  sub->add_option("--dedup", a->dedup, "none, or one-a-day (same source, target, code and day counted once)")
      ->capture_default_str();
  sub->add_option("--format", a->format, "table, csv or json")->capture_default_str();
  sub->add_option("--from", a->from, "First date (YYYY, YYYY-MM or YYYY-MM-DD)");
  sub->add_option("--to", a->to, "Last date");
  *run = [a] { return RunDyad(*a); };
  return sub;
}

}  // namespace entente::cli
