// Loads every shipped dictionary (always) and every validation-suite
// dictionary (when ENTENTE_SHARED_DIR holds them), and checks a few known
// entries of each.
#include <gtest/gtest.h>

#include <filesystem>
#include <unistd.h>
#include <tuple>
#include <fstream>
#include <string>
#include <thread>
#include <vector>

#include "dictionaries/dictionary_test_util.h"
#include "entente/dictionary.h"

namespace entente {
namespace {

const std::string kData = std::string(ENTENTE_DATA_DIR) + "/dictionaries";
const std::string kShared = std::string(ENTENTE_SHARED_DIR) + "/data/validation";

using dict_test::Words;

std::string ActorCode(const ActorDictionary& d, std::string_view text, int32_t date) {
  auto ids = d.Encode(Words(text));
  auto m = d.LongestAt(ids, 0);
  if (!m || m->end != ids.size()) return "<none>";
  return std::string(d.entry(m->entry).CodeOn(date));
}

class Production : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    report_ = new LoadReport;
    auto r = EventDictionaries::LoadProduction(kData, {}, report_);
    ASSERT_TRUE(r.ok()) << r.status().ToString();
    dicts_ = new EventDictionaries(std::move(r).value());
  }
  static void TearDownTestSuite() {
    delete dicts_;
    delete report_;
  }
  static EventDictionaries* dicts_;
  static LoadReport* report_;
};
EventDictionaries* Production::dicts_ = nullptr;
LoadReport* Production::report_ = nullptr;

// Dictionary files are UTF-8 text: a binary or UTF-16 file fails the load
// with encoding_error naming the file and line; a UTF-8 byte-order mark is
// dropped.  Every kind of dictionary reads its files the same way.
TEST(DictionaryFiles, BinaryAndUtf16RefusedUtf8BomDropped) {
  namespace fs = std::filesystem;
  const fs::path dir = fs::temp_directory_path() / ("entente-dict-files-" + std::to_string(::getpid()));
  fs::create_directories(dir);
  auto write = [&](const std::string& name, const std::string& bytes) {
    const std::string path = (dir / name).string();
    std::ofstream(path, std::ios::binary) << bytes;
    return path;
  };
  const std::string binary = write("bin.txt", std::string("GONDOR [GON]\nX\0Y [Z]\n", 21));
  const std::string utf16 = write("u16.txt", std::string("\xFF\xFEG\0O\0", 6));
  const std::string bom = write("bom.txt", "\xEF\xBB\xBFGONDOR [GON]\n");
  for (const auto& [path, line, what] :
       std::vector<std::tuple<std::string, std::string, std::string>>{
           {binary, ":2:", "NUL byte"}, {utf16, ":1:", "UTF-16"}}) {
    auto a = ActorDictionary::Load({path});
    ASSERT_FALSE(a.ok()) << path;
    EXPECT_EQ(a.status().code(), Code::kEncodingError);
    EXPECT_NE(a.status().ToString().find(path + line), std::string::npos) << a.status().ToString();
    EXPECT_NE(a.status().ToString().find(what), std::string::npos) << a.status().ToString();
    EXPECT_FALSE(IssueDictionary::Load({path}).ok());
    EXPECT_FALSE(DiscardDictionary::Load({path}).ok());
    EXPECT_FALSE(VerbDictionary::Load(path).ok());
  }
  auto a = ActorDictionary::Load({bom});
  ASSERT_TRUE(a.ok()) << a.status().ToString();
  auto ids = a->Encode(Words("Gondor"));
  auto m = a->LongestAt(ids, 0);
  ASSERT_TRUE(m.has_value());
  EXPECT_EQ(a->entry(m->entry).CodeOn(0), "GON");
  fs::remove_all(dir);
}

TEST_F(Production, LoadsEveryFileWithFewErrors) {
  ASSERT_NE(dicts_, nullptr);
  ASSERT_EQ(report_->files.size(), 7u);  // verbs, 3 actor files, agents, discards, issues
  for (const auto& f : report_->files) {
    EXPECT_GT(f.entries, 0u) << f.path;
    // Every malformed entry of the shipped files is a real defect of the
    // file (typo, impossible date); they are few.
    EXPECT_LT(f.skipped * 100, f.entries) << f.path;
  }
  EXPECT_EQ(report_->errors.size(), report_->skipped);
  for (const Status& e : report_->errors) {
    EXPECT_NE(e.message().find(kData), std::string::npos) << e.message();  // names the file
    EXPECT_NE(e.message().find(".txt:"), std::string::npos) << e.message();  // and the line
  }
}

TEST_F(Production, VerbCounts) {
  const VerbDictionary& v = dicts_->verbs;
  EXPECT_EQ(v.blocks().size(), 397u);
  EXPECT_EQ(v.synsets().size(), 40u);
  EXPECT_EQ(v.transformations().size(), 8u);
  EXPECT_GE(v.patterns().size(), 4650u);  // 4668 written, a handful malformed
  EXPECT_LE(v.patterns().size(), 4668u);
  EXPECT_GT(v.verbs().size(), 1500u);
}

TEST_F(Production, KnownVerbs) {
  const VerbDictionary& v = dicts_->verbs;
  const Verb* said = v.FindVerb("said");
  ASSERT_NE(said, nullptr);
  EXPECT_EQ(said->lemma, "SAY");
  const Verb* hurried = v.FindVerb("hurried");
  ASSERT_NE(hurried, nullptr);
  EXPECT_EQ(v.blocks()[hurried->block].name, "ACCELERATE");
  auto ids = v.Encode(Words("they shut down the plant"));
  auto m = v.MatchVerbAt(ids, 1);
  ASSERT_TRUE(m.has_value());
  EXPECT_EQ(v.verbs()[m->verb].lemma, "SHUT DOWN");
  EXPECT_EQ(m->end, 3u);
  auto cur = v.FindSynset("&CURRENCY");
  ASSERT_TRUE(cur.has_value());
  auto dollars = v.Encode(Words("dollars"));
  EXPECT_TRUE(v.MatchSynsetAt(*cur, dollars, 0).has_value());
}

TEST_F(Production, KnownActorsAgentsDiscards) {
  const ActorDictionary& a = dicts_->actors;
  EXPECT_EQ(ActorCode(a, "Afghanistan", 0), "AFG");
  EXPECT_EQ(ActorCode(a, "Kabul", 0), "AFG");
  EXPECT_EQ(ActorCode(a, "Ban Ki-moon", 20100101), "IGOUNO");
  EXPECT_EQ(ActorCode(a, "Afghan National Army", 0), "AFGMIL");
  EXPECT_GT(a.size(), 26000u);
  const AgentDictionary& g = dicts_->agents;
  auto ids = g.Encode(Words("foreign ministers"));
  auto m = g.LongestAt(ids, 0);
  ASSERT_TRUE(m.has_value());
  EXPECT_EQ(g.entry(m->entry).code, "GOV");
  auto d = dicts_->discards.Find(Words("the Manchester United match"));
  ASSERT_TRUE(d.has_value());
  EXPECT_TRUE(dicts_->discards.entry(d->entry).story);
}

TEST_F(Production, ConcurrentReadersSeeTheSameResults) {
  // Immutable after load: readers on several threads need no locking.
  const std::vector<std::string_view> words = Words(
      "NATO chief Jens Stoltenberg met South Korean President Yoon Suk Yeol in Seoul while "
      "China and North Korea criticized the alliance and Afghan security forces said nothing");
  auto run = [&](std::vector<uint32_t>* out) {
    for (int round = 0; round < 200; ++round) {
      out->clear();
      auto a = dicts_->actors.Encode(words);
      auto g = dicts_->agents.Encode(words);
      auto v = dicts_->verbs.Encode(words);
      for (size_t i = 0; i < words.size(); ++i) {
        auto m = dicts_->actors.LongestAt(a, i);
        out->push_back(m ? m->entry : 0xFFFFFFFFu);
        auto n = dicts_->agents.LongestAt(g, i);
        out->push_back(n ? n->entry : 0xFFFFFFFFu);
        auto vm = dicts_->verbs.MatchVerbAt(v, i);
        out->push_back(vm ? vm->verb : 0xFFFFFFFFu);
      }
    }
  };
  std::vector<uint32_t> r1, r2, r3;
  std::thread t1(run, &r1), t2(run, &r2);
  run(&r3);
  t1.join();
  t2.join();
  EXPECT_EQ(r1, r3);
  EXPECT_EQ(r2, r3);
  size_t hits = 0;
  for (uint32_t x : r3) hits += x != 0xFFFFFFFFu;
  EXPECT_GE(hits, 6u);  // NATO, South Korean, Seoul, China, North Korea, said, forces...
}

TEST(ProductionStrict, FailsOnTheFirstDefectWithItsLine) {
  DictionaryLoadOptions strict;
  strict.strict = true;
  auto r = ActorDictionary::Load({kData + "/Phoenix.International.actors.txt"}, strict);
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find("Phoenix.International.actors.txt:40: bad date '2004017'"),
            std::string::npos)
      << r.status().message();
}

// ------------------------------------------------------------- suites

struct SuiteFile {
  const char* path;  // under data/validation
  const char* kind;
  uint64_t min_entries;
};

TEST(SuiteDictionaries, LoadEveryOne) {
  const SuiteFile files[] = {
      {"petrarch-unit-tests/PETR.Validate.verbs.2.0.txt", "verbs", 500},
      {"petrarch-unit-tests/PETR.Validate.verbs.txt", "verbs", 700},
      {"up-validate-2.02/PETR_Validate_verbs_2_02.txt", "verbs", 450},
      {"petrarch-unit-tests/PETR.Validate.actors.txt", "actors", 120},
      {"up-validate-2.02/PETR_Validate_actors_2_02.txt", "actors", 120},
      {"petrarch-unit-tests/PETR.Validate.agents.txt", "agents", 150},
      {"up-validate-2.02/PETR_Validate_agents_2_02.txt", "agents", 150},
      {"petrarch-unit-tests/PETR.Validate.discards.txt", "discards", 5},
      {"up-validate-2.02/PETR_Validate_discards_2_02.txt", "discards", 5},
  };
  int loaded = 0;
  for (const auto& f : files) {
    std::string path = kShared + "/" + f.path;
    if (!std::filesystem::exists(path)) continue;
    LoadReport rep;
    Status st;
    std::string kind = f.kind;
    if (kind == "verbs") st = VerbDictionary::Load(path, {}, &rep).status();
    else if (kind == "actors") st = ActorDictionary::Load({path}, {}, &rep).status();
    else if (kind == "agents") st = AgentDictionary::Load({path}, {}, &rep).status();
    else st = DiscardDictionary::Load({path}, {}, &rep).status();
    ASSERT_TRUE(st.ok()) << path << ": " << st.ToString();
    ASSERT_EQ(rep.files.size(), 1u);
    EXPECT_GE(rep.files[0].entries, f.min_entries) << path;
    EXPECT_LT(rep.skipped * 20, rep.entries) << path;
    ++loaded;
  }
  if (loaded == 0) GTEST_SKIP() << "validation suites not found under " << kShared;
}

TEST(SuiteDictionaries, ValidationActorsAndSynsets) {
  std::string actors = kShared + "/petrarch-unit-tests/PETR.Validate.actors.txt";
  std::string verbs = kShared + "/petrarch-unit-tests/PETR.Validate.verbs.txt";
  if (!std::filesystem::exists(actors) || !std::filesystem::exists(verbs))
    GTEST_SKIP() << "validation suite not found";
  auto a = ActorDictionary::Load({actors});
  ASSERT_TRUE(a.ok());
  // GOLLUM's dated codes (YYMMDD and YYYYMMDD mixed, blanks around '-').
  EXPECT_EQ(ActorCode(*a, "Smeagol", 19940101), "HOB");
  EXPECT_EQ(ActorCode(*a, "Smeagol", 19970101), "HOBGOV");
  EXPECT_EQ(ActorCode(*a, "Smeagol", 20050101), "HOBREB");
  auto v = VerbDictionary::Load(verbs);
  ASSERT_TRUE(v.ok());
  // &ACCORDSYN embeds &TIETYPES and &CURRENCY.
  auto acc = v->FindSynset("ACCORDSYN");
  ASSERT_TRUE(acc.has_value());
  auto ids = v->Encode(Words("swiss francs"));
  auto end = v->MatchSynsetAt(*acc, ids, 0);
  ASSERT_TRUE(end.has_value());
  EXPECT_EQ(*end, 2u);
}

}  // namespace
}  // namespace entente
