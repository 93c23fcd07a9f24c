#include <gtest/gtest.h>

#include "entente/reader.h"

namespace entente {
namespace {

struct TextCase {
  const char* name;
  std::string in;
  std::string out;
};

class NormalizeTextTest : public ::testing::TestWithParam<TextCase> {};

TEST_P(NormalizeTextTest, Cleans) {
  const TextCase& c = GetParam();
  std::string out;
  Status st = NormalizeText(c.in, &out);
  ASSERT_TRUE(st.ok()) << st.ToString();
  EXPECT_EQ(out, c.out);
}

const TextCase kTexts[] = {
    {"ascii", "Plain text.\n\tTab", "Plain text.\n\tTab"},
    {"crlf", "a\r\nb\rc", "a\nb\nc"},
    {"bom_inside", "\xEF\xBB\xBF" "abc", "abc"},
    {"nbsp", "10\xC2\xA0km", "10 km"},
    {"thin_and_ideographic_space", "a\xE2\x80\x89" "b\xE3\x80\x80" "c", "a b c"},
    {"line_separator", "a\xE2\x80\xA8" "b", "a\nb"},
    {"nul_and_controls", std::string("a\0b\x01" "c\x7F" "d", 7), "abcd"},
    {"c1_control", "a\xC2\x85" "b", "ab"},
    {"zero_width_space", "a\xE2\x80\x8B" "b", "ab"},
    {"curly_quotes_and_dashes_kept", "\xE2\x80\x9CHi\xE2\x80\x9D \xE2\x80\x94 it\xE2\x80\x99s \xE2\x80\x93",
     "\xE2\x80\x9CHi\xE2\x80\x9D \xE2\x80\x94 it\xE2\x80\x99s \xE2\x80\x93"},
    {"nfc_composes", "Cafe\xCC\x81", "Caf\xC3\xA9"},
    {"nfc_keeps_composed", "Caf\xC3\xA9", "Caf\xC3\xA9"},
    {"angstrom_singleton", "\xE2\x84\xAB", "\xC3\x85"},
    {"cjk_kept", "\xE4\xB8\xAD\xE6\x96\x87", "\xE4\xB8\xAD\xE6\x96\x87"},
    {"emoji_kept", "ok \xF0\x9F\x91\x8D", "ok \xF0\x9F\x91\x8D"},
};

INSTANTIATE_TEST_SUITE_P(Table, NormalizeTextTest, ::testing::ValuesIn(kTexts),
                         [](const auto& info) { return std::string(info.param.name); });

TEST(NormalizeText, RejectsInvalidUtf8WithOffset) {
  const std::string bad[] = {"ab\xFF" "cd", "ab\xC3", "ab\xC0\xAF", "ab\xED\xA0\x80", "ab\xF4\x90\x80\x80",
                             "ab\x80"};
  for (const std::string& s : bad) {
    std::string out;
    size_t at = 99;
    Status st = NormalizeText(s, &out, &at);
    EXPECT_EQ(st.code(), Code::kEncodingError) << s;
    EXPECT_EQ(at, 2u) << s;
  }
}

TEST(NormalizeText, AppendsToExistingOutput) {
  std::string out = "x:";
  ASSERT_TRUE(NormalizeText("Cafe\xCC\x81", &out).ok());
  EXPECT_EQ(out, "x:Caf\xC3\xA9");
}

}  // namespace
}  // namespace entente
