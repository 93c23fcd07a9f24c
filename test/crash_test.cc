// Crash safety of 'entente code --db': SIGKILL mid-run, then the database
// opens, passes PRAGMA integrity_check, holds only whole articles, and
// --resume finishes the rest with no duplicates.  Also: the same input gives
// byte-identical events and database contents with 1 and 2 threads.
#include <gtest/gtest.h>
#include <signal.h>
#include <sqlite3.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

namespace {

namespace fs = std::filesystem;

std::string Slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// A corpus of `n` short articles that the production dictionaries code.
std::string MakeCorpus(int n) {
  const std::string path = testing::TempDir() + "/crash_corpus_" + std::to_string(n) + ".jsonl";
  std::ofstream out(path);
  const char* texts[] = {
      "China criticized NATO on Monday for its growing military presence in Asia.",
      "South Korean President Yoon Suk Yeol met Japanese Prime Minister Fumio Kishida in Seoul.",
      "North Korea fired two ballistic missiles toward Japan, officials said.",
      "The United States and South Korea signed a defense agreement on Tuesday.",
      "Russia accused the United States of provoking tension in the region.",
  };
  for (int i = 0; i < n; ++i) {
    out << "{\"id\":\"a" << i << "\",\"date\":\"2023-0" << (1 + i % 9) << "-1" << (i % 10)
        << "\",\"source\":\"test\",\"text\":\"" << texts[i % 5] << " " << texts[(i + 2) % 5] << "\"}\n";
  }
  return path;
}

int RunCli(const std::string& args) {
  int st = std::system((std::string(ENTENTE_CLI) + " " + args + " 2>/dev/null").c_str());
  return WIFEXITED(st) ? WEXITSTATUS(st) : -1;
}

struct DbState {
  bool open = false;
  std::string integrity;
  long long articles = -1, events = -1, distinct_events = -1, orphan_events = -1;
};

DbState Inspect(const std::string& db) {
  DbState s;
  sqlite3* h = nullptr;
  if (sqlite3_open_v2(db.c_str(), &h, SQLITE_OPEN_READONLY, nullptr) != SQLITE_OK) {
    sqlite3_close(h);
    return s;
  }
  s.open = true;
  auto one = [&](const char* sql, std::string* text, long long* num) {
    sqlite3_stmt* st = nullptr;
    if (sqlite3_prepare_v2(h, sql, -1, &st, nullptr) == SQLITE_OK && sqlite3_step(st) == SQLITE_ROW) {
      if (text) text->assign(reinterpret_cast<const char*>(sqlite3_column_text(st, 0)));
      if (num) *num = sqlite3_column_int64(st, 0);
    }
    sqlite3_finalize(st);
  };
  one("PRAGMA integrity_check", &s.integrity, nullptr);
  one("SELECT count(*) FROM articles", nullptr, &s.articles);
  one("SELECT count(*) FROM events", nullptr, &s.events);
  one("SELECT count(*) FROM (SELECT DISTINCT article, sentence_index, event_index FROM events)", nullptr,
      &s.distinct_events);
  one("SELECT count(*) FROM events WHERE article NOT IN (SELECT pk FROM articles)", nullptr, &s.orphan_events);
  sqlite3_close(h);
  return s;
}

void RemoveDb(const std::string& db) {
  for (const char* ext : {"", "-wal", "-shm"}) fs::remove(db + ext);
}

TEST(CrashTest, KillMidRunThenResume) {
  const int kArticles = 6000;
  const std::string corpus = MakeCorpus(kArticles);
  // Reference: one uninterrupted run.
  const std::string ref = testing::TempDir() + "/crash_ref.sqlite";
  RemoveDb(ref);
  ASSERT_EQ(RunCli("code -q --batch 50 --db " + ref + " -o /dev/null " + corpus), 0);
  const DbState want = Inspect(ref);
  ASSERT_EQ(want.articles, kArticles);
  ASSERT_GT(want.events, kArticles);

  const std::string db = testing::TempDir() + "/crash.sqlite";
  RemoveDb(db);
  pid_t pid = fork();
  ASSERT_GE(pid, 0);
  if (pid == 0) {
    execl(ENTENTE_CLI, ENTENTE_CLI, "code", "-q", "--batch", "50", "--db-batch", "300", "--db", db.c_str(), "-o", "/dev/null",
          corpus.c_str(), static_cast<char*>(nullptr));
    _exit(127);
  }
  // Kill it once some batches are committed, but before the end.
  DbState mid;
  for (int i = 0; i < 2000; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
    if (fs::exists(db)) {
      mid = Inspect(db);
      if (mid.articles > 0) break;
    }
  }
  kill(pid, SIGKILL);
  int status = 0;
  waitpid(pid, &status, 0);
  ASSERT_TRUE(WIFSIGNALED(status)) << "the run ended before it could be killed; grow the corpus";

  DbState after = Inspect(db);
  ASSERT_TRUE(after.open);
  EXPECT_EQ(after.integrity, "ok");
  EXPECT_GT(after.articles, 0);
  EXPECT_LT(after.articles, kArticles);
  EXPECT_EQ(after.orphan_events, 0);
  EXPECT_EQ(after.events, after.distinct_events);

  // --resume codes only what is missing; the result equals the clean run.
  ASSERT_EQ(RunCli("code -q --resume --batch 50 --db " + db + " -o /dev/null " + corpus), 0);
  DbState done = Inspect(db);
  EXPECT_EQ(done.integrity, "ok");
  EXPECT_EQ(done.articles, want.articles);
  EXPECT_EQ(done.events, want.events);
  EXPECT_EQ(done.events, done.distinct_events);
}

TEST(DeterminismTest, SameEventsWithOneOrTwoThreads) {
  const std::string corpus = MakeCorpus(400);
  const std::string src = ENTENTE_SOURCE_DIR;
  std::vector<std::string> outs;
  for (int threads : {1, 2}) {
    const std::string out = testing::TempDir() + "/det_" + std::to_string(threads) + ".jsonl";
    ASSERT_EQ(RunCli("code -q --threads " + std::to_string(threads) + " --batch 7 -o " + out + " " + corpus + " " +
                  src + "/examples/nato-asia-pacific.txt"),
              0);
    outs.push_back(Slurp(out));
  }
  EXPECT_GT(outs[0].size(), 1000u);
  EXPECT_EQ(outs[0], outs[1]);
  for (const char* fmt : {"gdelt", "phoenix", "plover"}) {
    std::vector<std::string> o;
    for (int threads : {1, 2}) {
      const std::string out = testing::TempDir() + "/det_" + fmt + std::to_string(threads);
      ASSERT_EQ(RunCli(std::string("code -q --format ") + fmt + " --threads " + std::to_string(threads) + " -o " +
                    out + " " + corpus),
                0);
      o.push_back(Slurp(out));
    }
    EXPECT_EQ(o[0], o[1]) << fmt;
  }
}

TEST(DeterminismTest, SameDatabaseWithOneOrTwoThreads) {
  const std::string corpus = MakeCorpus(300);
  std::vector<std::string> dumps;
  for (int threads : {1, 2}) {
    const std::string db = testing::TempDir() + "/det_db_" + std::to_string(threads) + ".sqlite";
    RemoveDb(db);
    ASSERT_EQ(RunCli("code -q -o /dev/null --threads " + std::to_string(threads) + " --db " + db + " " + corpus), 0);
    // Every table but the run log (which records the command line and time).
    const std::string dump = testing::TempDir() + "/det_db_" + std::to_string(threads) + ".sql";
    std::string cmd = "sqlite3 " + db +
                      " 'SELECT * FROM articles ORDER BY pk; SELECT * FROM events ORDER BY pk; "
                      "SELECT * FROM dyad_day ORDER BY 1,2,3,4,5,6; SELECT * FROM day_totals ORDER BY 1;' > " +
                      dump;
    ASSERT_EQ(std::system(cmd.c_str()), 0);
    dumps.push_back(Slurp(dump));
  }
  EXPECT_GT(dumps[0].size(), 1000u);
  EXPECT_EQ(dumps[0], dumps[1]);
}

}  // namespace
