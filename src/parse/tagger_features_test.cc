#include "parse/tagger_features.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <set>
#include <string>
#include <vector>

namespace entente::tagger {
namespace {

std::vector<WordInfo> Describe(const std::vector<std::string>& forms) {
  std::vector<WordInfo> out(forms.size());
  std::vector<char> scratch;
  for (size_t i = 0; i < forms.size(); ++i) DescribeWord(forms[i], &out[i], &scratch);
  return out;
}

TEST(WordShape, Table) {
  struct Case {
    const char* form;
    const char* shape;
  } cases[] = {
      {"Hello", "Xxx"}, {"1984", "dd"}, {"U.S.", "X.X."}, {"e-mail", "x-xx"},
      {"", ""},         {"ABC", "XX"},  {"a", "x"},       {"3.5%", "d.d%"},
  };
  for (const auto& c : cases) EXPECT_EQ(WordShape(c.form), c.shape) << c.form;
}

TEST(DescribeWord, Flags) {
  struct Case {
    const char* form;
    uint32_t set;
    uint32_t unset;
  } cases[] = {
      {"Hello", kInitUpper | kHasUpper, kAllUpper | kHasDigit | kNoAlpha},
      {"NATO", kInitUpper | kHasUpper | kAllUpper, kHasDigit},
      {"1984", kHasDigit | kAllDigit | kNoAlpha, kHasUpper},
      {"well-known", kHasHyphen, kHasUpper | kHasDigit},
      {"U.S.", kHasPeriod | kAllUpper, kNoAlpha},
      {",", kNoAlpha, kHasUpper | kAllDigit},
  };
  std::vector<char> scratch;
  for (const auto& c : cases) {
    WordInfo w;
    DescribeWord(c.form, &w, &scratch);
    EXPECT_EQ(w.flags & c.set, c.set) << c.form;
    EXPECT_EQ(w.flags & c.unset, 0u) << c.form;
  }
}

// The hashes are those of the definition: HashBytes of the form, the
// lower-cased form, and each affix of the lower-cased form (seeds as below).
TEST(DescribeWord, HashesFollowTheDefinition) {
  std::vector<char> scratch;
  int checked = 0;
  for (std::string f : {"", "a", "Ab", "xYz", "Walk", "Walked", "\xC3\xA9t\xC3\xA9", "U.S.", "1984",
                        "--", "ABCDEFGHIJKLMNOP"}) {
    WordInfo w;
    DescribeWord(f, &w, &scratch);
    std::string lower = f;
    for (char& c : lower) c = LowerAscii(c);
    const size_t n = lower.size();
    EXPECT_EQ(w.form, HashBytes(f, 1)) << f;
    EXPECT_EQ(w.lower, HashBytes(lower, 2)) << f;
    for (int k = 0; k < kAffixes; ++k) {
      const size_t len = std::min<size_t>(n, k + 1);
      EXPECT_EQ(w.suffix[k], HashBytes(std::string_view(lower).substr(n - len), 3 + k)) << f << k;
      EXPECT_EQ(w.prefix[k], HashBytes(std::string_view(lower).substr(0, len), 11 + k)) << f << k;
    }
    EXPECT_EQ(w.shape, HashBytes(WordShape(f), 20)) << f;
    ++checked;
  }
  EXPECT_EQ(checked, 11);
}

TEST(DescribeWord, CaseAndAffixes) {
  auto w = Describe({"Walking", "walking", "talking", "walked"});
  EXPECT_NE(w[0].form, w[1].form);             // exact form differs
  EXPECT_EQ(w[0].lower, w[1].lower);           // lower-cased form agrees
  EXPECT_EQ(w[1].suffix[2], w[2].suffix[2]);   // "ing"
  EXPECT_NE(w[1].prefix[0], w[2].prefix[0]);   // "w" vs "t"
  EXPECT_EQ(w[1].prefix[3], w[3].prefix[3]);   // "walk"
  EXPECT_NE(w[1].suffix[1], w[3].suffix[1]);   // "ng" vs "ed"
}

TEST(ExtractFeatures, DeterministicAndDistinct) {
  auto w = Describe({"The", "dog", "barks", "."});
  uint64_t a[kNumFeatures], b[kNumFeatures];
  ExtractFeatures(w.data(), 4, 1, 3, 7, a);
  ExtractFeatures(w.data(), 4, 1, 3, 7, b);
  std::set<uint64_t> uniq;
  for (int f = 0; f < kNumFeatures; ++f) {
    EXPECT_EQ(a[f], b[f]);
    uniq.insert(a[f]);
  }
  EXPECT_EQ(uniq.size(), static_cast<size_t>(kNumFeatures)) << "two templates collided";
}

TEST(ExtractFeatures, HistoryChangesOnlyTagFeatures) {
  auto w = Describe({"The", "dog", "barks", "."});
  uint64_t a[kNumFeatures], b[kNumFeatures];
  ExtractFeatures(w.data(), 4, 2, 3, 7, a);
  ExtractFeatures(w.data(), 4, 2, 4, 7, b);
  int differ = 0;
  for (int f = 0; f < kNumFeatures; ++f) differ += a[f] != b[f];
  EXPECT_GT(differ, 0);
  EXPECT_LT(differ, kNumFeatures / 2);
  EXPECT_EQ(a[0], b[0]);  // bias
  EXPECT_EQ(a[1], b[1]);  // word
}

// The word part and the tag part write complementary positions, and only
// the tag part's keys change with the history.
TEST(ExtractFeatures, WordAndTagPartsSplitThePositions) {
  auto w = Describe({"The", "dog", "barks", "."});
  constexpr uint64_t kUnset = 0x1234;
  uint64_t word[kNumFeatures], tag[kNumFeatures], all[kNumFeatures], other[kNumFeatures];
  std::fill(word, word + kNumFeatures, kUnset);
  std::fill(tag, tag + kNumFeatures, kUnset);
  ExtractWordFeatures(w.data(), 4, 2, word);
  ExtractTagFeatures(w.data(), 4, 2, 3, 7, tag);
  ExtractFeatures(w.data(), 4, 2, 3, 7, all);
  ExtractFeatures(w.data(), 4, 2, 4, 8, other);
  std::set<int> tag_pos(kTagFeatures, kTagFeatures + kNumTagFeatures);
  EXPECT_EQ(tag_pos.size(), static_cast<size_t>(kNumTagFeatures));
  for (int f = 0; f < kNumFeatures; ++f) {
    const bool is_tag = tag_pos.count(f) > 0;
    EXPECT_EQ(word[f] == kUnset, is_tag) << f;
    EXPECT_EQ(tag[f] == kUnset, !is_tag) << f;
    EXPECT_EQ(all[f], is_tag ? tag[f] : word[f]) << f;
    EXPECT_EQ(all[f] != other[f], is_tag) << f;
  }
}

TEST(ExtractFeatures, SameWordDifferentContext) {
  auto s1 = Describe({"I", "can", "swim"});
  auto s2 = Describe({"a", "can", "of"});
  uint64_t a[kNumFeatures], b[kNumFeatures];
  ExtractFeatures(s1.data(), 3, 1, 5, 6, a);
  ExtractFeatures(s2.data(), 3, 1, 5, 6, b);
  EXPECT_EQ(a[1], b[1]);  // the word itself
  int differ = 0;
  for (int f = 0; f < kNumFeatures; ++f) differ += a[f] != b[f];
  EXPECT_GT(differ, 4);   // neighbours differ
}

TEST(ExtractFeatures, SentenceEdgesUsePadding) {
  auto one = Describe({"Hello"});
  uint64_t a[kNumFeatures];
  ExtractFeatures(one.data(), 1, 0, 9, 9, a);  // must not read out of bounds
  auto two = Describe({"Hello", "Hello"});
  uint64_t b[kNumFeatures];
  ExtractFeatures(two.data(), 2, 0, 9, 9, b);
  int differ = 0;
  for (int f = 0; f < kNumFeatures; ++f) differ += a[f] != b[f];
  EXPECT_GT(differ, 0);  // the right neighbour is padding in one, a word in the other
}

TEST(MakeUnknown, KeepsSpelling) {
  auto w = Describe({"zorbling"});
  WordInfo u = w[0];
  MakeUnknown(&u);
  EXPECT_NE(u.lower, w[0].lower);
  EXPECT_EQ(u.suffix[2], w[0].suffix[2]);
  EXPECT_EQ(u.shape, w[0].shape);
}

}  // namespace
}  // namespace entente::tagger
