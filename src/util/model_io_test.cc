#include "util/model_io.h"

#include <gtest/gtest.h>

#include <sstream>

namespace entente::model_io {
namespace {

std::string MakeModel() {
  ModelWriter w("tagger", 3);
  w.SetMeta("training_data", "UD_English-EWT train");
  w.PutU32(42);
  w.PutString("hello");
  w.PutVector(std::vector<float>{1.5f, -2.0f});
  std::ostringstream out;
  EXPECT_TRUE(w.WriteTo(out, "mem").ok());
  return out.str();
}

TEST(ModelIoTest, RoundTrip) {
  std::istringstream in(MakeModel());
  auto r = ModelReader::FromStream(in, "mem", "tagger", 3);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->Meta("training_data"), "UD_English-EWT train");
  uint32_t n;
  std::string s;
  std::vector<float> v;
  ASSERT_TRUE(r->GetU32(&n));
  ASSERT_TRUE(r->GetString(&s));
  ASSERT_TRUE(r->GetVector(&v));
  EXPECT_EQ(n, 42u);
  EXPECT_EQ(s, "hello");
  EXPECT_EQ(v, (std::vector<float>{1.5f, -2.0f}));
  EXPECT_TRUE(r->AtEnd());
  EXPECT_FALSE(r->GetU32(&n));
  EXPECT_EQ(r->status().code(), Code::kCorruptModel);
}

struct BadCase {
  const char* name;
  std::string (*mutate)(std::string);
  const char* expect_in_message;
};

TEST(ModelIoTest, RejectsDamagedFiles) {
  const BadCase cases[] = {
      {"empty", [](std::string) { return std::string(); }, "bad magic"},
      {"bad magic", [](std::string s) { s[0] = 'X'; return s; }, "bad magic"},
      {"truncated", [](std::string s) { return s.substr(0, s.size() - 7); }, "truncated"},
      {"flipped payload bit", [](std::string s) { s[s.size() - 9] ^= 1; return s; }, "checksum"},
      {"padded", [](std::string s) { return s + "xx"; }, "file size"},
  };
  for (const auto& c : cases) {
    std::istringstream in(c.mutate(MakeModel()));
    auto r = ModelReader::FromStream(in, "m.bin", "tagger", 3);
    ASSERT_FALSE(r.ok()) << c.name;
    EXPECT_EQ(r.status().code(), Code::kCorruptModel) << c.name;
    EXPECT_NE(r.status().message().find(c.expect_in_message), std::string::npos)
        << c.name << ": " << r.status().message();
    EXPECT_EQ(r.status().message().rfind("m.bin", 0), 0u) << c.name;
  }
}

TEST(ModelIoTest, RejectsWrongKindAndVersion) {
  {
    std::istringstream in(MakeModel());
    auto r = ModelReader::FromStream(in, "m", "parser", 3);
    ASSERT_FALSE(r.ok());
    EXPECT_NE(r.status().message().find("expected a 'parser'"), std::string::npos);
  }
  {
    std::istringstream in(MakeModel());
    auto r = ModelReader::FromStream(in, "m", "tagger", 4);
    ASSERT_FALSE(r.ok());
    EXPECT_NE(r.status().message().find("version 3"), std::string::npos);
  }
}

TEST(ModelIoTest, VectorLengthBeyondPayloadFails) {
  ModelWriter w("x", 1);
  w.PutU64(1ull << 40);  // claims a huge vector
  std::ostringstream out;
  ASSERT_TRUE(w.WriteTo(out, "m").ok());
  std::istringstream in(out.str());
  auto r = ModelReader::FromStream(in, "m", "x", 1);
  ASSERT_TRUE(r.ok());
  std::vector<float> v;
  EXPECT_FALSE(r->GetVector(&v));
  EXPECT_FALSE(r->status().ok());
}

}  // namespace
}  // namespace entente::model_io
