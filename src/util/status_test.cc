#include "entente/status.h"

#include <gtest/gtest.h>

namespace entente {
namespace {

TEST(StatusTest, DefaultIsOk) {
  Status s;
  EXPECT_TRUE(s.ok());
  EXPECT_EQ(s.ToString(), "ok");
}

TEST(StatusTest, AtNamesFileAndLine) {
  Status s = Status::At(Code::kParseError, "news.jsonl", 17, "malformed JSON");
  EXPECT_FALSE(s.ok());
  EXPECT_EQ(s.code(), Code::kParseError);
  EXPECT_EQ(s.message(), "news.jsonl:17: malformed JSON");
  EXPECT_EQ(s.ToString(), "parse_error: news.jsonl:17: malformed JSON");
}

TEST(StatusTest, AtWithoutLineOrFile) {
  EXPECT_EQ(Status::At(Code::kIoError, "a.txt", 0, "x").message(), "a.txt: x");
  EXPECT_EQ(Status::At(Code::kIoError, "", 0, "x").message(), "x");
}

TEST(StatusTest, CodeNamesAreStable) {
  EXPECT_EQ(CodeName(Code::kEncodingError), "encoding_error");
  EXPECT_EQ(CodeName(Code::kCorruptModel), "corrupt_model");
  EXPECT_EQ(static_cast<int>(Code::kLimitExceeded), 7);
}

Result<int> Half(int x) {
  if (x % 2) return Status(Code::kInvalidArgument, "odd");
  return x / 2;
}

TEST(ResultTest, HoldsValueOrStatus) {
  auto a = Half(4);
  ASSERT_TRUE(a.ok());
  EXPECT_EQ(*a, 2);
  auto b = Half(3);
  ASSERT_FALSE(b.ok());
  EXPECT_EQ(b.status().code(), Code::kInvalidArgument);
}

}  // namespace
}  // namespace entente
