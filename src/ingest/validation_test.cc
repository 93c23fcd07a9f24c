// Reads the public validation suites under ENTENTE_SHARED_DIR (skipped when
// absent) and checks record counts and a few known records.
#include <filesystem>

#include <gtest/gtest.h>

#include "entente/reader.h"

namespace entente {
namespace {

namespace fs = std::filesystem;

struct Suite {
  const char* path;  // under data/validation
  size_t records;
  size_t annotations;  // annotations of `name` over all records
  const char* name;
  const char* parse_format;  // of every record, or "" when none/mixed
  uint64_t bad_dates;        // impossible dates in the suite (warnings)
};

class ValidationSuite : public ::testing::TestWithParam<Suite> {};

TEST_P(ValidationSuite, ReadsEveryRecord) {
  const Suite& s = GetParam();
  fs::path p = fs::path(ENTENTE_SHARED_DIR) / "data/validation" / s.path;
  if (!fs::exists(p)) GTEST_SKIP() << p << " not present";
  std::vector<Status> errors;
  ReadOptions o;
  o.on_error = [&](const Status& st) { errors.push_back(st); };
  auto r = DocumentReader::Open({p.string()}, o);
  ASSERT_TRUE(r.ok());
  Document d;
  size_t n = 0, ann = 0, with_format = 0;
  while ((*r)->Next(&d)) {
    ++n;
    EXPECT_FALSE(d.id.empty());
    EXPECT_FALSE(d.text.empty());
    bool raw = false;
    for (const auto& [k, v] : d.meta) raw = raw || k == "date_raw";
    EXPECT_EQ(d.date.empty(), raw) << d.id;
    for (const Annotation& a : d.annotations) ann += a.name == s.name;
    with_format += d.parse_format == s.parse_format;
  }
  EXPECT_EQ(n, s.records);
  EXPECT_EQ(ann, s.annotations);
  if (*s.parse_format) {
    EXPECT_EQ(with_format, n);
  }
  EXPECT_EQ((*r)->stats().warnings, s.bad_dates);
  EXPECT_EQ(errors.size(), s.bad_dates);
  if (s.bad_dates == 0) {
    for (const Status& st : errors) ADD_FAILURE() << st.ToString();
  }
  EXPECT_EQ((*r)->stats().skipped, 0u);
  EXPECT_EQ((*r)->stats().documents, n);
}

// Counts checked against the suites' README and the files themselves (one
// <EventCoding> of PETR2_GSR_validation.xml sits in the header comment).
const Suite kSuites[] = {
    {"up-validate-2.02/PETR_Validate_records_2_02.xml", 274, 349, "EventCoding", "conllu", 0},
    {"up-validate-2.02/validate_2_02.normalized.jsonl", 274, 322, "expected", "conllu", 0},
    {"gigaword-sample/GigaWord.sample.PETR.xml", 76, 0, "EventCoding", "ptb", 0},
    {"gigaword-sample/gigaword.normalized.jsonl", 76, 0, "expected", "ptb", 0},
    {"petrarch2-gsr/PETR2_GSR_validation.xml", 78, 92, "EventCoding", "conllu", 0},
    {"petrarch2-gsr/gsr.normalized.jsonl", 78, 80, "expected", "conllu", 0},
    {"petrarch-unit-tests/PETR.UnitTest.records.xml", 284, 385, "EventCoding", "ptb", 0},
    {"petrarch-unit-tests/PETR.UnitTest.records.parsing_parsed_udpipe_2.0.xml", 284, 375, "EventCoding", "conllu", 0},
    {"petrarch-unit-tests/unittest.normalized.jsonl", 284, 359, "expected", "ptb", 0},
    {"tabari-validate/validate.normalized.jsonl", 481, 533, "expected", "", 2},
};

INSTANTIATE_TEST_SUITE_P(Shared, ValidationSuite, ::testing::ValuesIn(kSuites));

// The TABARI suite in its own format: the JSONL conversion is the reference
// for ids, dates, texts and expected events.
TEST(ValidationTabari, MatchesNormalizedJsonl) {
  fs::path dir = fs::path(ENTENTE_SHARED_DIR) / "data/validation/tabari-validate";
  if (!fs::exists(dir / "Validate.text") || !fs::exists(dir / "validate.normalized.jsonl"))
    GTEST_SKIP() << "tabari-validate not present";
  auto read = [](const fs::path& p, InputFormat f) {
    ReadOptions o;
    o.format = f;
    std::vector<Document> out;
    auto r = DocumentReader::Open({p.string()}, o);
    Document d;
    while ((*r)->Next(&d)) out.push_back(d);
    return out;
  };
  std::vector<Document> tab = read(dir / "Validate.text", InputFormat::kAuto);
  std::vector<Document> ref = read(dir / "validate.normalized.jsonl", InputFormat::kAuto);
  ASSERT_EQ(tab.size(), ref.size());
  size_t expected = 0, disabled = 0;
  for (size_t i = 0; i < tab.size(); ++i) {
    EXPECT_EQ(tab[i].id, ref[i].id) << i;
    // The JSONL keeps TABARI's raw dates; ours are ISO or, when impossible,
    // kept as "date_raw".
    auto raw_date = [](const Document& d) {
      for (const auto& [k, v] : d.meta)
        if (k == "date_raw") return v;
      return std::string("-");
    };
    EXPECT_EQ(tab[i].date, ref[i].date) << tab[i].id;
    EXPECT_EQ(raw_date(tab[i]), raw_date(ref[i])) << tab[i].id;
    // The JSONL conversion cut one very long record short and ran FINAL-01
    // (the end marker) into the comment block after it.
    if (tab[i].id != "FINAL-01") {
      EXPECT_TRUE(tab[i].text.starts_with(ref[i].text)) << tab[i].id << "\n" << tab[i].text << "\n" << ref[i].text;
    }
    std::vector<std::string> a, b;
    for (const Annotation& x : tab[i].annotations) {
      if (x.name != "expected") continue;
      ++expected;
      std::string key;
      bool off = false;
      for (const auto& [k, v] : x.attributes) {
        if (k == "disabled") off = true;
        else key += v + "/";
      }
      disabled += off;
      a.push_back(key + (off ? "off" : "on"));
    }
    for (const Annotation& x : ref[i].annotations) {
      std::string key;
      bool off = false;
      for (const auto& [k, v] : x.attributes) {
        if (k == "disabled") off = v == "true";
        else key += v + "/";
      }
      b.push_back(key + (off ? "off" : "on"));
    }
    EXPECT_EQ(a, b) << tab[i].id;
  }
  EXPECT_EQ(expected, 533u);
  EXPECT_GT(disabled, 0u);
}

}  // namespace
}  // namespace entente

namespace entente {
namespace {

// UD English EWT: documents start at "# newdoc", and the text rebuilt from
// forms and SpaceAfter=No matches every sentence's "# text" exactly.
TEST(ValidationConllu, EwtDevTextIsRebuiltExactly) {
  fs::path p = fs::path(ENTENTE_SHARED_DIR) / "data/ud-english-ewt/en_ewt-ud-dev.conllu";
  if (!fs::exists(p)) GTEST_SKIP() << p << " not present";
  ReadOptions o;
  uint64_t errors = 0;
  o.on_error = [&](const Status&) { ++errors; };
  auto r = DocumentReader::Open({p.string()}, o);
  ASSERT_TRUE(r.ok());
  Document d;
  size_t docs = 0, sentences = 0, mismatches = 0;
  while ((*r)->Next(&d)) {
    ++docs;
    for (const Sentence& s : d.sentences) {
      ++sentences;
      std::string_view rebuilt(d.text.data() + s.begin, s.end - s.begin);
      if (rebuilt != s.text && ++mismatches <= 5) ADD_FAILURE() << s.id << ": '" << rebuilt << "' vs '" << s.text << "'";
    }
  }
  EXPECT_EQ(errors, 0u);
  EXPECT_GT(docs, 100u);
  EXPECT_GT(sentences, 2000u);
  EXPECT_EQ(mismatches, 0u);
}

}  // namespace
}  // namespace entente
