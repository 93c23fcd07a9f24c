// Raw text -> entente's own tokeniser, tagger and parser (entente_pipeline,
// bundled models) -> Coder with the bundled production dictionaries:
//
//   * SeedGolden: the seed article examples/nato-asia-pacific.txt gives
//     exactly the events of test/golden/seed/nato-asia-pacific.events.tsv.
//   * NewswireGolden: the same for test/golden/newswire/wire-copy.txt, with
//     and without the pipeline's newswire rules.
//   * OwnParseSuites: score floors for the validation suites coded from
//     their raw text with entente's own parses (skipped without
//     /work/shared).
//   * MayCodeIsConservative: skipping the sentences Coder::MayCode rejects
//     changes no event (three suites and the seed, from raw text).
//
// Regenerating the golden file after a deliberate change (coder,
// dictionaries or models):
//
//   build/tools/entente/entente code examples/nato-asia-pacific.txt -q |
//     python3 -c 'import sys,json; [print("\t".join([str(e["sentence_index"]), e["source_actor"],
//       e["code"], e["target_actor"]])) for e in map(json.loads, sys.stdin)]'
//
// (one line per event: sentence index, source, code, target; keep the
// header comment lines) and review the diff: every changed line is a
// changed event of the seed article.
#include <algorithm>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <tuple>
#include <vector>

#include <gtest/gtest.h>

#include "entente/coder.h"
#include "entente/dictionary.h"
#include "entente/evaluate.h"
#include "entente/pipeline.h"
#include "entente/reader.h"

namespace entente {
namespace {

bool Exists(const std::string& p) { return std::ifstream(p).good(); }

struct Env {
  std::unique_ptr<Pipeline> pipeline;
  EventDictionaries production;
  bool ok = false;
};

Env& Shared() {
  static Env env = [] {
    Env e;
    auto p = Pipeline::Create({});
    if (!p.ok()) {
      ADD_FAILURE() << p.status().ToString();
      return e;
    }
    e.pipeline = std::move(p).value();
    auto d = EventDictionaries::Load(EventDictionaries::ProductionPaths(DataDir() + "/dictionaries"));
    if (!d.ok()) {
      ADD_FAILURE() << d.status().ToString();
      return e;
    }
    e.production = std::move(d).value();
    e.ok = true;
    return e;
  }();
  return env;
}

std::vector<Document> ReadDocs(const std::string& path, InputFormat format) {
  ReadOptions ro;
  ro.format = format;
  std::vector<Document> docs;
  auto reader = DocumentReader::Open({path}, ro);
  EXPECT_TRUE(reader.ok()) << path;
  if (!reader.ok()) return docs;
  Document doc;
  while ((*reader)->Next(&doc)) {
    docs.push_back(std::move(doc));
    doc = Document();
  }
  return docs;
}

// Parses every document from its text with entente's own pipeline.
void ParseOwn(std::vector<Document>* docs) {
  for (Document& d : *docs) {
    d.sentences.clear();
    Shared().pipeline->Process(&d);
  }
}

using Key = std::tuple<int, std::string, std::string, std::string>;

std::vector<Key> Keys(const std::vector<Event>& events) {
  std::vector<Key> k;
  for (const Event& e : events) k.emplace_back(e.sentence_index, e.source_actor, e.code, e.target_actor);
  return k;
}

// The events of a golden file: "index<TAB>source<TAB>code<TAB>target" lines,
// '#' comments.
std::vector<Key> ReadGolden(const std::string& path) {
  std::ifstream in(path);
  EXPECT_TRUE(in.good()) << path;
  std::vector<Key> want;
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#') continue;
    std::istringstream ls(line);
    int idx;
    std::string s, c, t;
    EXPECT_TRUE(static_cast<bool>(ls >> idx >> s >> c >> t)) << path << ": " << line;
    want.emplace_back(idx, s, c, t);
  }
  return want;
}

// The events of a one-document text file, parsed by `pipeline` (default: the
// shared one) and coded with the production dictionaries.
std::vector<Key> CodeText(const std::string& path, const Pipeline* pipeline = nullptr) {
  Env& env = Shared();
  auto docs = ReadDocs(path, InputFormat::kText);
  EXPECT_EQ(docs.size(), 1u) << path;
  if (docs.size() != 1) return {};
  docs[0].sentences.clear();
  (pipeline != nullptr ? pipeline : env.pipeline.get())->Process(&docs[0]);
  auto coder = Coder::Create(&env.production, nullptr, {});
  EXPECT_TRUE(coder.ok());
  if (!coder.ok()) return {};
  std::vector<Event> events;
  (*coder)->Code(docs[0], &events);
  return Keys(events);
}

std::string KeysText(const std::vector<Key>& keys) {
  std::ostringstream out;
  for (const auto& [i, s, c, t] : keys) out << i << '\t' << s << '\t' << c << '\t' << t << '\n';
  return out.str();
}

TEST(CoderPipeline, SeedGolden) {
  Env& env = Shared();
  ASSERT_TRUE(env.ok);
  std::string src = ENTENTE_SOURCE_DIR;
  const std::vector<Key> got = CodeText(src + "/examples/nato-asia-pacific.txt");
  const std::vector<Key> want = ReadGolden(src + "/test/golden/seed/nato-asia-pacific.events.tsv");
  EXPECT_EQ(got, want) << "events now:\n" << KeysText(got)
                       << "(see the header of this test to regenerate the golden file)";
  // The seed's headline events, named explicitly.
  auto has = [&](const std::string& s, const std::string& c, const std::string& t) {
    for (const auto& k : got)
      if (std::get<1>(k) == s && std::get<2>(k).compare(0, c.size(), c) == 0 && std::get<3>(k) == t) return true;
    return false;
  };
  EXPECT_TRUE(has("IGOWSTNAT", "04", "KOR")) << "NATO's visit to South Korea";
  EXPECT_TRUE(has("CHNGOVMED", "02", "IGOWSTNAT")) << "China's appeal to NATO";
  EXPECT_FALSE(has("CHNGOVMED", "110", "CHN")) << "a speaker about its own state";
}

// Wire-copy sentences written for this test (test/golden/newswire): the
// events with the pipeline's newswire rules, and the sentences the models
// alone lose ("France last week accused", "Hamas fired rockets", "Egyptian
// police arrested", "The German chancellor this month visited").
TEST(CoderPipeline, NewswireGolden) {
  Env& env = Shared();
  ASSERT_TRUE(env.ok);
  const std::string dir = std::string(ENTENTE_SOURCE_DIR) + "/test/golden/newswire/";
  const std::vector<Key> got = CodeText(dir + "wire-copy.txt");
  const std::vector<Key> want = ReadGolden(dir + "wire-copy.events.tsv");
  EXPECT_EQ(got, want) << "events now:\n" << KeysText(got);

  PipelineOptions models_only;
  models_only.wire_day_phrases = false;
  models_only.repair_tags = false;
  auto plain = Pipeline::Create(models_only);
  ASSERT_TRUE(plain.ok()) << plain.status().ToString();
  std::vector<Key> expected_plain;
  for (const Key& k : want)
    if (std::get<0>(k) != 2 && std::get<0>(k) != 3 && std::get<0>(k) != 10 && std::get<0>(k) != 11)
      expected_plain.push_back(k);
  const std::vector<Key> got_plain = CodeText(dir + "wire-copy.txt", plain->get());
  EXPECT_EQ(got_plain, expected_plain) << "events with the models alone now:\n" << KeysText(got_plain);
}

struct Suite {
  const char* name;
  std::string records, verbs, actors, agents, discards;  // empty verbs: production set
  double recall, precision;                               // own-parse floors
};

std::vector<Suite> Suites() {
  std::string v = std::string(ENTENTE_SHARED_DIR) + "/data/validation/";
  std::string up = v + "up-validate-2.02/", ut = v + "petrarch-unit-tests/", g = v + "petrarch2-gsr/";
  // Own-parse floors: the scores reached when set (2026-11-29, parser model
  // v3 with the pipeline's newswire rules, wire-copy time phrases and tag
  // repairs: 0.896/0.914, 0.868/0.935, 0.850/0.773; doc/coder.md), less
  // about a point, since the bundled models
  // are retrained now and then.  GSR has 80 expected events: one event is
  // 1.25 points, and the model v2 -> v3 retrain alone moved it from
  // 0.863/0.784 to 0.775/0.639 (0.747 after the statement-pairing rule).
  return {
      {"up-validate", up + "PETR_Validate_records_2_02.xml", up + "PETR_Validate_verbs_2_02.txt",
       up + "PETR_Validate_actors_2_02.txt", up + "PETR_Validate_agents_2_02.txt",
       up + "PETR_Validate_discards_2_02.txt", 0.885, 0.90},
      {"unit-tests", ut + "PETR.UnitTest.records.parsing_parsed_udpipe_2.0.xml", ut + "PETR.Validate.verbs.2.0.txt",
       ut + "PETR.Validate.actors.txt", ut + "PETR.Validate.agents.txt", ut + "PETR.Validate.discards.txt", 0.86,
       0.93},
      {"gsr", g + "PETR2_GSR_validation.xml", "", "", "", "", 0.835, 0.76},
  };
}

Result<EventDictionaries> SuiteDicts(const Suite& s) {
  if (s.verbs.empty()) return EventDictionaries::Load(EventDictionaries::ProductionPaths(DataDir() + "/dictionaries"));
  EventDictionaryPaths p;
  p.verbs = s.verbs;
  p.actors = {s.actors};
  p.agents = {s.agents};
  p.discards = {s.discards};
  return EventDictionaries::Load(p);
}

TEST(CoderPipeline, OwnParseSuites) {
  Env& env = Shared();
  ASSERT_TRUE(env.ok);
  for (const Suite& s : Suites()) {
    if (!Exists(s.records)) GTEST_SKIP() << s.records << " absent";
    auto dicts = SuiteDicts(s);
    ASSERT_TRUE(dicts.ok()) << dicts.status().ToString();
    auto coder = Coder::Create(&*dicts, nullptr, {});
    ASSERT_TRUE(coder.ok());
    auto docs = ReadDocs(s.records, InputFormat::kPetrarchXml);
    ParseOwn(&docs);
    Evaluator eval;
    std::vector<Event> events;
    for (const Document& d : docs) {
      events.clear();
      (*coder)->Code(d, &events);
      eval.Add(d, events);
    }
    const ScoreCounts& t = eval.report().total;
    std::cout << s.name << " own parse: recall " << t.recall() << " precision " << t.precision() << "\n";
    EXPECT_GE(t.recall(), s.recall) << s.name;
    EXPECT_GE(t.precision(), s.precision) << s.name;
  }
}

TEST(CoderPipeline, MayCodeIsConservative) {
  Env& env = Shared();
  ASSERT_TRUE(env.ok);
  std::string src = ENTENTE_SOURCE_DIR;
  struct Input {
    std::string path;
    InputFormat format;
    int suite;  // index into Suites(), -1: production set
  };
  std::vector<Input> inputs = {{src + "/examples/nato-asia-pacific.txt", InputFormat::kText, -1}};
  auto suites = Suites();
  for (int i = 0; i < static_cast<int>(suites.size()); ++i)
    if (Exists(suites[i].records)) inputs.push_back({suites[i].records, InputFormat::kPetrarchXml, i});
  std::string giga = std::string(ENTENTE_SHARED_DIR) + "/data/validation/gigaword-sample/GigaWord.sample.PETR.xml";
  if (Exists(giga)) inputs.push_back({giga, InputFormat::kPetrarchXml, -1});
  for (const Input& in : inputs) {
    auto dicts = in.suite < 0 ? EventDictionaries::Load(EventDictionaries::ProductionPaths(DataDir() + "/dictionaries"))
                              : SuiteDicts(suites[in.suite]);
    ASSERT_TRUE(dicts.ok()) << dicts.status().ToString();
    auto coder = Coder::Create(&*dicts, nullptr, {});
    ASSERT_TRUE(coder.ok());
    auto docs = ReadDocs(in.path, in.format);
    ASSERT_FALSE(docs.empty()) << in.path;
    ParseOwn(&docs);
    size_t sentences = 0, kept = 0, events_all = 0;
    for (Document& d : docs) {
      std::vector<Event> all, filtered;
      (*coder)->Code(d, &all);
      // MayCode judges tokens only; a rejected sentence loses its parse.
      Document f = d;
      for (size_t i = 0; i < f.sentences.size(); ++i) {
        ++sentences;
        if ((*coder)->MayCode(f, i)) {
          ++kept;
          continue;
        }
        for (Token& t : f.sentences[i].tokens) t.head = -1;
      }
      (*coder)->Code(f, &filtered);
      events_all += all.size();
      EXPECT_EQ(Keys(filtered), Keys(all)) << in.path << " document " << d.id;
    }
    std::cout << in.path << ": MayCode passes " << kept << " of " << sentences << " sentences ("
              << (sentences ? 100.0 * kept / sentences : 0) << "%), " << events_all << " events\n";
    EXPECT_GT(events_all, 0u) << in.path;
  }
}

}  // namespace
}  // namespace entente
