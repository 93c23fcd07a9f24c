#include <cstdlib>

#include <gtest/gtest.h>
#include <utf8proc.h>

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

namespace entente {
namespace {

// The NFC quick check must never skip a needed normalisation: for every BMP
// code point c, "c", "c + U+0301", "a + c", "e + c" and "\u1100 + c" normalise
// exactly as utf8proc's full NFC does.
std::string Utf8(uint32_t cp) {
  std::string s;
  if (cp < 0x80) {
    s.push_back(static_cast<char>(cp));
  } else if (cp < 0x800) {
    s.push_back(static_cast<char>(0xC0 | (cp >> 6)));
    s.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else if (cp < 0x10000) {
    s.push_back(static_cast<char>(0xE0 | (cp >> 12)));
    s.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    s.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else {
    s.push_back(static_cast<char>(0xF0 | (cp >> 18)));
    s.push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
    s.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    s.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  }
  return s;
}

TEST(NormalizeText, AgreesWithFullNfcOnTheBmp) {
  int checked = 0;
  for (uint32_t cp = 0xA1; cp < 0x30000; ++cp) {
    if ((cp >= 0xD800 && cp <= 0xDFFF) || (cp >= 0xFDD0 && cp <= 0xFDEF)) continue;
    if (cp == 0xFEFF || cp == 0x200B || cp == 0x2028 || cp == 0x2029 || cp == 0x1680 || cp == 0x202F ||
        cp == 0x205F || cp == 0x3000 || (cp >= 0x2000 && cp <= 0x200A))
      continue;  // mapped by the hygiene rules, not by NFC
    if (cp > 0xFFFF && cp % 7 != 0) continue;  // sample the supplementary planes
    const std::string c = Utf8(cp);
    for (const std::string& s : {c, c + "\xCC\x81", "a" + c, "e" + c, "\xE1\x84\x80" + c}) {
      std::string got;
      ASSERT_TRUE(NormalizeText(s, &got).ok());
      utf8proc_uint8_t* nfc = utf8proc_NFC(reinterpret_cast<const utf8proc_uint8_t*>(s.c_str()));
      ASSERT_NE(nfc, nullptr);
      std::string want(reinterpret_cast<char*>(nfc));
      std::free(nfc);
      ASSERT_EQ(got, want) << std::hex << "U+" << cp;
      ++checked;
    }
  }
  EXPECT_GT(checked, 100000);
}

}  // namespace
}  // namespace entente
