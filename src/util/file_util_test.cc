#include "util/file_util.h"

#include <gtest/gtest.h>
#include <sys/stat.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <thread>

namespace entente {
namespace {

std::string Slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

TEST(FileUtilTest, ReplacesRegularFilesWhole) {
  const std::string path = testing::TempDir() + "/fu_regular.txt";
  ASSERT_TRUE(WriteFileReplacing(path, "first").ok());
  ASSERT_TRUE(WriteFileReplacing(path, "second").ok());
  EXPECT_EQ(Slurp(path), "second");
  for (const auto& e : std::filesystem::directory_iterator(testing::TempDir()))
    EXPECT_EQ(e.path().filename().string().find("fu_regular.txt.tmp"), std::string::npos);
}

TEST(FileUtilTest, WritesPipesInPlace) {
  const std::string fifo = testing::TempDir() + "/fu_fifo";
  std::filesystem::remove(fifo);
  ASSERT_EQ(mkfifo(fifo.c_str(), 0600), 0);
  std::string got;
  std::thread reader([&] { got = Slurp(fifo); });
  Status st = WriteFileReplacing(fifo, "through the pipe");
  reader.join();
  EXPECT_TRUE(st.ok()) << st.ToString();
  EXPECT_EQ(got, "through the pipe");
  EXPECT_TRUE(std::filesystem::is_fifo(fifo));
  std::filesystem::remove(fifo);
}

TEST(FileUtilTest, UnwritablePathIsNamed) {
  Status st = WriteFileReplacing("/nonexistent-dir/x.bin", "x");
  EXPECT_EQ(st.code(), Code::kIoError);
  EXPECT_NE(st.message().find("/nonexistent-dir/x.bin"), std::string::npos);
}

}  // namespace
}  // namespace entente
