// Golden-file tests: every test/golden/text/NAME.txt is segmented and
// compared with NAME.tokens (one sentence per line, tokens separated by a
// space, the words of a multiword token joined by "~").  Set
// ENTENTE_UPDATE_GOLDEN=1 to rewrite the .tokens files after a deliberate
// change, then review the diff.
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "entente/tokenizer.h"

namespace entente {
namespace {

std::string ReadAll(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

std::string RenderLines(const std::vector<Sentence>& sents) {
  std::string out;
  for (const Sentence& s : sents) {
    size_t m = 0;
    for (size_t i = 0; i < s.tokens.size(); ++i) {
      const int id = static_cast<int>(i) + 1;
      while (m < s.multiword.size() && s.multiword[m].last < id) ++m;
      const bool inside = m < s.multiword.size() && s.multiword[m].first < id && id <= s.multiword[m].last;
      if (i > 0) out += inside ? "~" : " ";
      out += s.tokens[i].form;
    }
    out += '\n';
  }
  return out;
}

TEST(TokenizerGolden, NewsFiles) {
  const std::filesystem::path dir = std::filesystem::path(ENTENTE_SOURCE_DIR) / "test/golden/text";
  ASSERT_TRUE(std::filesystem::is_directory(dir)) << dir;
  const bool update = std::getenv("ENTENTE_UPDATE_GOLDEN") != nullptr;
  int files = 0;
  Tokenizer tok;
  for (const auto& entry : std::filesystem::directory_iterator(dir)) {
    if (entry.path().extension() != ".txt") continue;
    ++files;
    SCOPED_TRACE(entry.path().string());
    std::vector<Sentence> out;
    tok.Segment(ReadAll(entry.path()), &out);
    const std::string got = RenderLines(out);
    std::filesystem::path expected_path = entry.path();
    expected_path.replace_extension(".tokens");
    if (update) {
      std::ofstream(expected_path, std::ios::binary) << got;
      continue;
    }
    ASSERT_TRUE(std::filesystem::exists(expected_path)) << expected_path;
    const std::string expected = ReadAll(expected_path);
    // Compare line by line for a readable failure.
    std::istringstream g(got), e(expected);
    std::string gl, el;
    int line = 0;
    while (true) {
      const bool hg = static_cast<bool>(std::getline(g, gl));
      const bool he = static_cast<bool>(std::getline(e, el));
      ++line;
      if (!hg && !he) break;
      EXPECT_EQ(gl, el) << expected_path.filename() << ":" << line;
      if (!hg || !he) break;
    }
  }
  EXPECT_GE(files, 2);
}

}  // namespace
}  // namespace entente
