#include <stdlib.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include <gtest/gtest.h>

#include "entente/reader.h"

namespace entente {
namespace {

namespace fs = std::filesystem;

struct ReadOut {
  std::vector<Document> docs;
  std::vector<Status> errors;
  ReadStats stats;
  uint64_t total_bytes = 0;
};

ReadOut ReadPaths(std::vector<std::string> paths, ReadOptions o = {}) {
  ReadOut r;
  o.on_error = [&r](const Status& s) { r.errors.push_back(s); };
  auto rd = DocumentReader::Open(std::move(paths), o);
  EXPECT_TRUE(rd.ok()) << rd.status().ToString();
  if (!rd.ok()) return r;
  Document d;
  while ((*rd)->Next(&d)) r.docs.push_back(d);
  r.stats = (*rd)->stats();
  r.total_bytes = (*rd)->total_bytes();
  return r;
}

ReadOut ReadString(const std::string& data, const std::string& name, ReadOptions o = {}) {
  ReadOut r;
  std::istringstream in(data);
  o.on_error = [&r](const Status& s) { r.errors.push_back(s); };
  auto rd = DocumentReader::FromStream(&in, name, o);
  EXPECT_TRUE(rd.ok()) << rd.status().ToString();
  if (!rd.ok()) return r;
  Document d;
  while ((*rd)->Next(&d)) r.docs.push_back(d);
  r.stats = (*rd)->stats();
  return r;
}

std::string Meta(const Document& d, std::string_view key) {
  for (const auto& [k, v] : d.meta)
    if (k == key) return v;
  return "<absent>";
}

std::string Attr(const Annotation& a, std::string_view key) {
  for (const auto& [k, v] : a.attributes)
    if (k == key) return v;
  return "<absent>";
}

class TempDir {
 public:
  TempDir() {
    std::string tmpl = (fs::temp_directory_path() / "entente_ingest_XXXXXX").string();
    char* p = mkdtemp(tmpl.data());
    EXPECT_NE(p, nullptr);
    path_ = tmpl;
  }
  ~TempDir() {
    std::error_code ec;
    fs::remove_all(path_, ec);
  }
  std::string Write(const std::string& rel, const std::string& data) const {
    fs::path p = path_ / rel;
    fs::create_directories(p.parent_path());
    std::ofstream(p, std::ios::binary) << data;
    return p.string();
  }
  std::string path() const { return path_.string(); }

 private:
  fs::path path_;
};

// ---------------------------------------------------------------- JSONL

TEST(Jsonl, ReadsFieldsMetaAndAnnotations) {
  ReadOut r = ReadString(
      "{\"id\":\"a1\",\"date\":\"Aug 4, 2008\",\"source\":\"AFP\",\"url\":\"http://x\",\"title\":\"T\","
      "\"text\":\"Hello\\nworld\",\"lang\":\"en\",\"n\":3,\"ok\":true,\"nothing\":null,\"tags\":[1, 2],"
      "\"expected\":[{\"source\":\"USA\",\"target\":\"CHN\",\"code\":\"042\"}],"
      "\"parse\":\"(S (NP x))\",\"parse_format\":\"ptb\"}\n",
      "a.jsonl");
  ASSERT_EQ(r.docs.size(), 1u);
  const Document& d = r.docs[0];
  EXPECT_EQ(d.id, "a1");
  EXPECT_EQ(d.date, "2008-08-04");
  EXPECT_EQ(d.source, "AFP");
  EXPECT_EQ(d.url, "http://x");
  EXPECT_EQ(d.title, "T");
  EXPECT_EQ(d.text, "Hello\nworld");
  EXPECT_EQ(d.parse, "(S (NP x))");
  EXPECT_EQ(d.parse_format, "ptb");
  EXPECT_EQ(d.origin, "a.jsonl");
  EXPECT_EQ(d.line, 1u);
  EXPECT_EQ(Meta(d, "lang"), "en");
  EXPECT_EQ(Meta(d, "n"), "3");
  EXPECT_EQ(Meta(d, "ok"), "true");
  EXPECT_EQ(Meta(d, "nothing"), "<absent>");
  EXPECT_EQ(Meta(d, "tags"), "[1,2]");  // minified
  ASSERT_EQ(d.annotations.size(), 1u);
  EXPECT_EQ(d.annotations[0].name, "expected");
  EXPECT_EQ(Attr(d.annotations[0], "source"), "USA");
  EXPECT_EQ(Attr(d.annotations[0], "target"), "CHN");
  EXPECT_EQ(Attr(d.annotations[0], "code"), "042");
  EXPECT_TRUE(r.errors.empty());
}

TEST(Jsonl, MissingIdIsMadeFromFileAndLine) {
  ReadOut r = ReadString("\n{\"text\":\"one\"}\n\n{\"text\":\"two\",\"id\":17}\n", "dir/news.jsonl");
  ASSERT_EQ(r.docs.size(), 2u);
  EXPECT_EQ(r.docs[0].id, "news-2");
  EXPECT_EQ(r.docs[0].line, 2u);
  EXPECT_EQ(r.docs[1].id, "17");
}

TEST(Jsonl, ConfigurableFieldNames) {
  ReadOptions o;
  o.id_field = "doc_id";
  o.text_field = "body";
  o.title_field = "headline";
  o.date_field = "published";
  ReadOut r = ReadString("{\"doc_id\":\"x\",\"body\":\"B\",\"headline\":\"H\",\"published\":\"20230130\",\"text\":\"t\"}\n",
                         "a.jsonl", o);
  ASSERT_EQ(r.docs.size(), 1u);
  EXPECT_EQ(r.docs[0].id, "x");
  EXPECT_EQ(r.docs[0].text, "B");
  EXPECT_EQ(r.docs[0].title, "H");
  EXPECT_EQ(r.docs[0].date, "2023-01-30");
  EXPECT_EQ(Meta(r.docs[0], "text"), "t");
}

TEST(Jsonl, MissingTextSkipsTheLine) {
  ReadOut r = ReadString("{\"id\":\"a\"}\n{\"id\":\"b\",\"text\":\"\"}\n{\"id\":\"c\",\"text\":\"ok\"}\n", "a.jsonl");
  ASSERT_EQ(r.docs.size(), 1u);
  EXPECT_EQ(r.docs[0].id, "c");
  EXPECT_EQ(r.stats.skipped, 2u);
  ASSERT_EQ(r.errors.size(), 2u);
  EXPECT_EQ(r.errors[0].code(), Code::kEmpty);
  EXPECT_NE(r.errors[0].message().find("a.jsonl:1:"), std::string::npos) << r.errors[0].message();
  EXPECT_NE(r.errors[1].message().find("a.jsonl:2:"), std::string::npos);
}

TEST(Jsonl, BlankTextIsEmpty) {
  // White space, and characters the hygiene removes (NUL, U+200B), leave no
  // text: skipped as kEmpty like a blank XML <Text> or TABARI record.
  ReadOut r = ReadString("{\"id\":\"a\",\"text\":\" \\t\\n \"}\n"
                         "{\"id\":\"b\",\"text\":\"\\u0000\\u200b\\u00a0\"}\n"
                         "{\"id\":\"c\",\"text\":\"ok\"}\n",
                         "blank.jsonl");
  ASSERT_EQ(r.docs.size(), 1u);
  EXPECT_EQ(r.docs[0].id, "c");
  ASSERT_EQ(r.errors.size(), 2u);
  EXPECT_EQ(r.errors[0].code(), Code::kEmpty);
  EXPECT_EQ(r.errors[0].message().rfind("blank.jsonl:1:", 0), 0u) << r.errors[0].message();
  EXPECT_EQ(r.errors[1].message().rfind("blank.jsonl:2:", 0), 0u) << r.errors[1].message();
  EXPECT_EQ(r.stats.skipped, 2u);
}

TEST(Jsonl, MalformedLineIsSkippedAndReadingGoesOn) {
  ReadOut r = ReadString("{\"id\":\"a\",\"text\":\"x\"}\n{\"id\":\"b\",\"text\":\n[1,2]\n{\"id\":\"c\",\"text\":\"z\"}\n",
                         "m.jsonl");
  ASSERT_EQ(r.docs.size(), 2u);
  EXPECT_EQ(r.docs[0].id, "a");
  EXPECT_EQ(r.docs[1].id, "c");
  EXPECT_EQ(r.stats.skipped, 2u);
  ASSERT_EQ(r.errors.size(), 2u);
  EXPECT_EQ(r.errors[0].code(), Code::kParseError);
  EXPECT_NE(r.errors[0].message().find("m.jsonl:2: malformed JSON"), std::string::npos) << r.errors[0].message();
  EXPECT_NE(r.errors[1].message().find("m.jsonl:3:"), std::string::npos) << r.errors[1].message();
}

TEST(Jsonl, BadDateKeepsDocumentAndWarns) {
  ReadOut r = ReadString("{\"id\":\"a\",\"date\":\"2023-02-30\",\"text\":\"x\"}\n", "d.jsonl");
  ASSERT_EQ(r.docs.size(), 1u);
  EXPECT_EQ(r.docs[0].date, "");
  EXPECT_EQ(Meta(r.docs[0], "date_raw"), "2023-02-30");
  EXPECT_EQ(r.stats.warnings, 1u);
  EXPECT_EQ(r.stats.skipped, 0u);
  ASSERT_EQ(r.errors.size(), 1u);
  EXPECT_NE(r.errors[0].message().find("d.jsonl:1: impossible date"), std::string::npos) << r.errors[0].message();
}

TEST(Jsonl, JsonArrayFile) {
  ReadOut r = ReadString("[{\"id\":\"a\",\"text\":\"x\"},\n {\"text\":\"y\"}]\n", "arr.json");
  ASSERT_EQ(r.docs.size(), 2u);
  EXPECT_EQ(r.docs[0].id, "a");
  EXPECT_EQ(r.docs[1].id, "arr-2");
  EXPECT_EQ(r.docs[1].text, "y");
}

TEST(Jsonl, InvalidUtf8LineIsSkipped) {
  ReadOut r = ReadString("{\"id\":\"a\",\"text\":\"ok\"}\n{\"id\":\"b\",\"text\":\"bad \xFF byte\"}\n"
                         "{\"id\":\"c\",\"text\":\"ok\"}\n",
                         "u.jsonl");
  ASSERT_EQ(r.docs.size(), 2u);
  EXPECT_EQ(r.docs[1].id, "c");
  ASSERT_EQ(r.errors.size(), 1u);
  EXPECT_NE(r.errors[0].message().find("u.jsonl:2:"), std::string::npos) << r.errors[0].message();
  // An encoding error like in the other formats, not a JSON syntax error.
  EXPECT_EQ(r.errors[0].code(), Code::kEncodingError) << r.errors[0].ToString();
  EXPECT_EQ(r.stats.skipped, 1u);
}

TEST(Jsonl, InvalidUtf8InJsonArrayFileIsAnEncodingError) {
  ReadOut r = ReadString("[{\"id\":\"a\",\"text\":\"bad \xC3\x28 byte\"}]\n", "u.json");
  EXPECT_TRUE(r.docs.empty());
  ASSERT_EQ(r.errors.size(), 1u);
  EXPECT_EQ(r.errors[0].code(), Code::kEncodingError) << r.errors[0].ToString();
  EXPECT_NE(r.errors[0].message().find("u.json:1:"), std::string::npos) << r.errors[0].message();
  EXPECT_EQ(r.stats.skipped, 1u);
}

TEST(Jsonl, CrlfAndBomAndUnicodeSpaces) {
  ReadOut r = ReadString("\xEF\xBB\xBF{\"id\":\"a\",\"text\":\"x\\r\\ny\\u00a0z \\u201cq\\u201d\"}\r\n"
                         "{\"id\":\"b\",\"text\":\"Cafe\\u0301\"}\r\n",
                         "c.jsonl");
  ASSERT_EQ(r.docs.size(), 2u) << (r.errors.empty() ? "" : r.errors[0].ToString());
  EXPECT_EQ(r.docs[0].text, "x\ny z \xE2\x80\x9Cq\xE2\x80\x9D");
  EXPECT_EQ(r.docs[1].text, "Caf\xC3\xA9");
}

TEST(Jsonl, NulEscapesAreRemoved) {
  ReadOut r = ReadString("{\"id\":\"a\",\"text\":\"x\\u0000y\\u0007z\"}\n", "n.jsonl");
  ASSERT_EQ(r.docs.size(), 1u);
  EXPECT_EQ(r.docs[0].text, "xyz");
}

// A 50 MB line is skipped (kLimitExceeded) without stopping the file.
TEST(Jsonl, HugeLineIsSkipped) {
  TempDir dir;
  std::string path = (fs::path(dir.path()) / "huge.jsonl").string();
  {
    std::ofstream out(path, std::ios::binary);
    out << "{\"id\":\"a\",\"text\":\"before\"}\n{\"id\":\"big\",\"text\":\"";
    std::string chunk(1 << 20, 'x');
    for (int i = 0; i < 50; ++i) out << chunk;
    out << "\"}\n{\"id\":\"c\",\"text\":\"after\"}\n";
  }
  ReadOut r = ReadPaths({path});
  ASSERT_EQ(r.docs.size(), 2u);
  EXPECT_EQ(r.docs[0].id, "a");
  EXPECT_EQ(r.docs[1].id, "c");
  EXPECT_EQ(r.docs[1].line, 3u);
  EXPECT_EQ(r.stats.skipped, 1u);
  ASSERT_EQ(r.errors.size(), 1u);
  EXPECT_EQ(r.errors[0].code(), Code::kLimitExceeded);
  EXPECT_NE(r.errors[0].message().find("huge.jsonl:2:"), std::string::npos) << r.errors[0].message();
  EXPECT_GT(r.stats.bytes_read, 50u << 20);
}

TEST(Jsonl, SmallLimitAppliesToLinesInsideTheBuffer) {
  ReadOptions o;
  o.max_document_bytes = 40;
  ReadOut r = ReadString("{\"id\":\"a\",\"text\":\"short\"}\n{\"id\":\"b\",\"text\":\"a much longer text here\"}\n",
                         "s.jsonl", o);
  ASSERT_EQ(r.docs.size(), 1u);
  EXPECT_EQ(r.stats.skipped, 1u);
  EXPECT_EQ(r.stats.oversized, 1u);
}

// ---------------------------------------------------------------- text

TEST(Text, TitleAndParagraphs) {
  ReadOut r = ReadString("\n\nTroops Withdraw From Border\n\nFirst paragraph line one\nline two.\n\nSecond paragraph.\n\n",
                         "folder/story-12.txt");
  ASSERT_EQ(r.docs.size(), 1u);
  const Document& d = r.docs[0];
  EXPECT_EQ(d.id, "story-12");
  EXPECT_EQ(d.title, "Troops Withdraw From Border");
  EXPECT_EQ(d.text, "First paragraph line one\nline two.\n\nSecond paragraph.");
  EXPECT_EQ(d.line, 3u);
}

TEST(Text, NoTitleWhenFirstLineIsASentence) {
  const char* cases[] = {"One sentence.\n\nAnother.", "Heading without blank line\nbody", "Just one line"};
  for (const char* c : cases) {
    ReadOut r = ReadString(c, "t.txt");
    ASSERT_EQ(r.docs.size(), 1u);
    EXPECT_EQ(r.docs[0].title, "") << c;
    EXPECT_EQ(r.docs[0].text, c);
  }
}

TEST(Text, InvalidUtf8NamesTheLine) {
  ReadOut r = ReadString("line one\nline two\nbad \xC3\x28 here\n", "bad.txt");
  EXPECT_TRUE(r.docs.empty());
  ASSERT_EQ(r.errors.size(), 1u);
  EXPECT_EQ(r.errors[0].code(), Code::kEncodingError);
  EXPECT_NE(r.errors[0].message().find("bad.txt:3: invalid UTF-8"), std::string::npos) << r.errors[0].message();
  EXPECT_EQ(r.stats.skipped, 1u);
}

TEST(Text, CrlfBomAndNulBytes) {
  ReadOut r = ReadString(std::string("\xEF\xBB\xBFHead\r\n\r\nBody\x00 text\r\nmore\r\n", 29), "c.txt");
  ASSERT_EQ(r.docs.size(), 1u);
  EXPECT_EQ(r.docs[0].title, "Head");
  EXPECT_EQ(r.docs[0].text, "Body text\nmore");
}

TEST(Text, FileLargerThanLimitIsSkipped) {
  ReadOptions o;
  o.max_document_bytes = 100;
  ReadOut r = ReadString(std::string(5000, 'a'), "big.txt", o);
  EXPECT_TRUE(r.docs.empty());
  ASSERT_EQ(r.errors.size(), 1u);
  EXPECT_EQ(r.errors[0].code(), Code::kLimitExceeded);
  EXPECT_EQ(r.stats.oversized, 1u);
}

// ---------------------------------------------------------------- files

TEST(Files, EmptyAndBlankFilesAreReportedAndSkipped) {
  TempDir dir;
  std::string empty = dir.Write("empty.jsonl", "");
  std::string blank = dir.Write("blank.txt", " \n\n \n");
  std::string good = dir.Write("good.txt", "Text.");
  ReadOut r = ReadPaths({empty, blank, good});
  ASSERT_EQ(r.docs.size(), 1u);
  EXPECT_EQ(r.stats.files, 3u);
  EXPECT_EQ(r.stats.skipped, 2u);
  EXPECT_EQ(r.stats.oversized, 0u);  // skipped, but not for their size
  ASSERT_EQ(r.errors.size(), 2u);
  EXPECT_EQ(r.errors[0].code(), Code::kEmpty);
  EXPECT_NE(r.errors[0].message().find("empty.jsonl"), std::string::npos);
  EXPECT_EQ(r.errors[1].code(), Code::kEmpty);
}

TEST(Files, BinaryFileIsSkipped) {
  TempDir dir;
  std::string bin;
  for (int i = 0; i < 4096; ++i) bin.push_back(static_cast<char>(i % 7 == 0 ? 0 : i % 251));
  std::string b = dir.Write("image.txt", bin);
  std::string u16 = dir.Write("utf16.txt", std::string("\xFF\xFEH\0i\0", 6));
  ReadOut r = ReadPaths({b, u16});
  EXPECT_TRUE(r.docs.empty());
  ASSERT_EQ(r.errors.size(), 2u);
  EXPECT_EQ(r.errors[0].code(), Code::kEncodingError);
  EXPECT_NE(r.errors[0].message().find("binary file"), std::string::npos);
  EXPECT_EQ(r.errors[1].code(), Code::kEncodingError);
  EXPECT_EQ(r.stats.skipped, 2u);
}

TEST(Files, MissingPathIsReportedNotFatal) {
  TempDir dir;
  std::string good = dir.Write("a.txt", "A.");
  ReadOut r = ReadPaths({dir.path() + "/nope.jsonl", good});
  ASSERT_EQ(r.docs.size(), 1u);
  ASSERT_EQ(r.errors.size(), 1u);
  EXPECT_EQ(r.errors[0].code(), Code::kNotFound);
}

TEST(Files, FoldersAreWalkedInSortedOrder) {
  TempDir dir;
  dir.Write("b.txt", "B.");
  dir.Write("a/z.txt", "AZ.");
  dir.Write("a/c/d.jsonl", "{\"id\":\"d1\",\"text\":\"D1\"}\n{\"id\":\"d2\",\"text\":\"D2\"}\n");
  dir.Write("a/b.txt", "AB.");
  dir.Write(".hidden.txt", "H.");
  dir.Write("a/.git/x.txt", "G.");
  ReadOut r = ReadPaths({dir.path()});
  std::vector<std::string> ids;
  for (const Document& d : r.docs) ids.push_back(d.id);
  EXPECT_EQ(ids, (std::vector<std::string>{"b", "d1", "d2", "z", "b"}));
  EXPECT_EQ(r.stats.files, 4u);
  EXPECT_EQ(r.total_bytes, 2u + 3u + 48u + 3u);
  EXPECT_EQ(r.stats.bytes_read, r.total_bytes);

  ReadOptions flat;
  flat.recursive = false;
  ReadOut f = ReadPaths({dir.path()}, flat);
  ASSERT_EQ(f.docs.size(), 1u);
  EXPECT_EQ(f.docs[0].text, "B.");
}

TEST(Files, OpenRejectsNoPaths) {
  auto r = DocumentReader::Open({}, ReadOptions{});
  EXPECT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), Code::kInvalidArgument);
}

TEST(Files, FormatNames) {
  EXPECT_EQ(ParseInputFormat("petrarch").value(), InputFormat::kPetrarchXml);
  EXPECT_EQ(ParseInputFormat("ndjson").value(), InputFormat::kJsonl);
  EXPECT_EQ(InputFormatName(InputFormat::kTabari), "tabari");
  EXPECT_FALSE(ParseInputFormat("yaml").ok());
}

// ---------------------------------------------------------------- sniffing

struct SniffCase {
  const char* name;
  const char* data;
  const char* expect_id;
};

class SniffTest : public ::testing::TestWithParam<SniffCase> {};

TEST_P(SniffTest, StdinFormatIsGuessed) {
  const SniffCase& c = GetParam();
  ReadOut r = ReadString(c.data, "-");
  ASSERT_EQ(r.docs.size(), 1u) << c.name << (r.errors.empty() ? "" : r.errors[0].ToString());
  EXPECT_EQ(r.docs[0].id, c.expect_id) << c.name;
  EXPECT_EQ(r.docs[0].origin, "-");
}

const SniffCase kSniff[] = {
    {"jsonl", "  {\"id\":\"j\",\"text\":\"x\"}\n", "j"},
    {"xml", "<?xml version='1.0'?>\n<Sentences><Sentence id=\"x1\"><Text>t</Text></Sentence></Sentences>", "x1"},
    {"tabari", "# comment\n\n950101  T-01\nArnor met Gondor.\n", "T-01"},
    {"conllu", "# newdoc id = c1\n1\tHi\thi\tINTJ\tUH\t_\t0\troot\t_\t_\n\n", "c1"},
    {"text", "Just some text.\nMore.", "stdin"},
};

INSTANTIATE_TEST_SUITE_P(Table, SniffTest, ::testing::ValuesIn(kSniff),
                         [](const auto& info) { return std::string(info.param.name); });

// ---------------------------------------------------------------- XML

TEST(Xml, ReadsRecordsAttributesAnnotationsAndParses) {
  ReadOut r = ReadString(R"(<?xml version='1.0' encoding='utf-8'?>
<Validation>
<!-- a header comment with -- inside, as the published suites have -->
<Environment><Verbfile>v.txt</Verbfile></Environment>
<Sentences>
<Sentence date = "20080804" id ="AFP_1" source = "AFP" sentence = "True" category="DEMO">
<!-- record comment -->
<EventCoding sourcecode="USA" targetcode="CHN" eventcode="042"/>
<Text>
The US leader   prepared to
attend &amp; go.
</Text>
<Parse>
( (S (NP (DT The))))
</Parse>
</Sentence>
<Sentence date="950101" id="D-2">
<Text>Second &#8220;quoted&#8221;.</Text>
<Parse>
1	Second	second	ADJ	JJ	_	0	root	_	_
</Parse>
</Sentence>
</Sentences>
</Validation>
)",
                         "v.xml");
  ASSERT_EQ(r.docs.size(), 2u) << (r.errors.empty() ? "" : r.errors[0].ToString());
  const Document& a = r.docs[0];
  EXPECT_EQ(a.id, "AFP_1");
  EXPECT_EQ(a.date, "2008-08-04");
  EXPECT_EQ(a.source, "AFP");
  EXPECT_EQ(a.text, "The US leader prepared to attend & go.");
  EXPECT_EQ(a.parse, "( (S (NP (DT The))))");
  EXPECT_EQ(a.parse_format, "ptb");
  EXPECT_EQ(Meta(a, "sentence"), "True");
  EXPECT_EQ(Meta(a, "category"), "DEMO");
  EXPECT_EQ(a.line, 6u);
  ASSERT_EQ(a.annotations.size(), 1u);
  EXPECT_EQ(a.annotations[0].name, "EventCoding");
  EXPECT_EQ(Attr(a.annotations[0], "sourcecode"), "USA");
  EXPECT_EQ(Attr(a.annotations[0], "eventcode"), "042");
  const Document& b = r.docs[1];
  EXPECT_EQ(b.date, "1995-01-01");
  EXPECT_EQ(b.text, "Second \xE2\x80\x9Cquoted\xE2\x80\x9D.");
  EXPECT_EQ(b.parse_format, "conllu");
  EXPECT_EQ(b.parse, "1\tSecond\tsecond\tADJ\tJJ\t_\t0\troot\t_\t_");
  EXPECT_TRUE(r.errors.empty());
}

TEST(Xml, SelfClosedSentenceWithStrayEndTag) {
  ReadOut r = ReadString(R"(<Sentences>
<Sentence id="g1" date="20080804"/>
<EventCoding eventcode="042" sourcecode="USA" targetcode="CHN" />
<Text>First.</Text>
</Sentence>
<Sentence id="g2" date="20080806"/>
<Text>Second.</Text>
</Sentences>
)",
                         "g.xml");
  ASSERT_EQ(r.docs.size(), 2u) << (r.errors.empty() ? "" : r.errors[0].ToString());
  EXPECT_EQ(r.docs[0].text, "First.");
  ASSERT_EQ(r.docs[0].annotations.size(), 1u);
  EXPECT_EQ(r.docs[1].id, "g2");
  EXPECT_EQ(r.docs[1].text, "Second.");
}

TEST(Xml, MalformedRecordIsSkippedAndNextOneRead) {
  ReadOut r = ReadString(R"(<Sentences>
<Sentence id="a"><Text>Good.</Text></Sentence>
<Sentence id="b"><Text>Bad <b>nesting</Text></b></Sentence>
<Sentence id="c"><Text>Undefined &nbsp; entity.</Text></Sentence>
<Sentence id="d"><Text>Good too.</Text></Sentence>
</Sentences>
)",
                         "m.xml");
  ASSERT_EQ(r.docs.size(), 2u);
  EXPECT_EQ(r.docs[0].id, "a");
  EXPECT_EQ(r.docs[1].id, "d");
  ASSERT_EQ(r.errors.size(), 2u);
  EXPECT_EQ(r.errors[0].code(), Code::kParseError);
  EXPECT_NE(r.errors[0].message().find("m.xml:3: malformed XML"), std::string::npos) << r.errors[0].message();
  EXPECT_NE(r.errors[1].message().find("m.xml:4:"), std::string::npos) << r.errors[1].message();
  EXPECT_EQ(r.stats.skipped, 2u);
}

TEST(Xml, TruncatedFile) {
  ReadOut r = ReadString("<Sentences>\n<Sentence id=\"a\"><Text>Good.</Text></Sentence>\n"
                         "<Sentence id=\"b\"><Text>Cut off in the mid",
                         "t.xml");
  ASSERT_EQ(r.docs.size(), 1u);
  ASSERT_EQ(r.errors.size(), 1u);
  EXPECT_EQ(r.errors[0].code(), Code::kParseError);
  EXPECT_NE(r.errors[0].message().find("t.xml:3:"), std::string::npos) << r.errors[0].message();
  EXPECT_NE(r.errors[0].message().find("truncated"), std::string::npos);
  EXPECT_EQ(r.stats.skipped, 1u);
}

TEST(Xml, TruncatedInsideTag) {
  ReadOut r = ReadString("<Sentences>\n<Sentence id=\"a\"><Text>Good.</Text></Sentence>\n<Sentence id=\"b", "t.xml");
  ASSERT_EQ(r.docs.size(), 1u);
  ASSERT_EQ(r.errors.size(), 1u);
  EXPECT_NE(r.errors[0].message().find("truncated"), std::string::npos);
}

TEST(Xml, EntityExpansionIsRefused) {
  std::string lol = "<?xml version=\"1.0\"?>\n<!DOCTYPE lolz [\n <!ENTITY lol \"lol\">\n";
  for (int i = 1; i < 10; ++i) {
    lol += " <!ENTITY lol" + std::to_string(i) + " \"";
    for (int k = 0; k < 10; ++k) lol += "&lol" + (i == 1 ? std::string() : std::to_string(i - 1)) + ";";
    lol += "\">\n";
  }
  lol += "]>\n<Sentences><Sentence id=\"x\"><Text>&lol9;</Text></Sentence></Sentences>\n";
  ReadOut r = ReadString(lol, "lol.xml");
  EXPECT_TRUE(r.docs.empty());
  ASSERT_EQ(r.errors.size(), 1u);
  EXPECT_EQ(r.errors[0].code(), Code::kUnsupported);
  EXPECT_NE(r.errors[0].message().find("lol.xml:2: DOCTYPE declares entities"), std::string::npos)
      << r.errors[0].message();
  EXPECT_EQ(r.stats.skipped, 1u);
}

TEST(Xml, DoctypeWithoutEntitiesIsIgnored) {
  ReadOut r = ReadString("<!DOCTYPE Sentences SYSTEM \"x.dtd\">\n<Sentences><Sentence id=\"x\"><Text>T.</Text>"
                         "</Sentence></Sentences>",
                         "d.xml");
  ASSERT_EQ(r.docs.size(), 1u);
  EXPECT_TRUE(r.errors.empty());
}

TEST(Xml, RecordWithoutTextAndFileWithoutRecords) {
  ReadOut r = ReadString("<Sentences><Sentence id=\"x\"><Parse>(S)</Parse></Sentence></Sentences>", "n.xml");
  EXPECT_TRUE(r.docs.empty());
  ASSERT_EQ(r.errors.size(), 1u);
  EXPECT_EQ(r.errors[0].code(), Code::kEmpty);
  ReadOut r2 = ReadString("<root><item/></root>", "n2.xml");
  ASSERT_EQ(r2.errors.size(), 1u);
  EXPECT_EQ(r2.errors[0].code(), Code::kEmpty);
}

TEST(Xml, InvalidUtf8InRecord) {
  ReadOut r = ReadString("<Sentences>\n<Sentence id=\"a\">\n<Text>bad \xFE</Text></Sentence>\n"
                         "<Sentence id=\"b\"><Text>ok</Text></Sentence></Sentences>",
                         "u.xml");
  ASSERT_EQ(r.docs.size(), 1u);
  EXPECT_EQ(r.docs[0].id, "b");
  ASSERT_EQ(r.errors.size(), 1u);
  EXPECT_EQ(r.errors[0].code(), Code::kEncodingError);
  EXPECT_NE(r.errors[0].message().find("u.xml:3:"), std::string::npos) << r.errors[0].message();
}

// ---------------------------------------------------------------- TABARI

TEST(Tabari, RecordsCommentsAndExpectedEvents) {
  ReadOut r = ReadString(R"(
#####
# header comment
#####

950101  DEMO-01
Arnor is about to restore full diplomatic ties with Gondor almost
five years after crowds trashed its embassy.
/*\n----------
\n[Simple coding]
\n{ ARN / GON / 064 } */

950103  DEMO-04
Dagolath's minister left for Minas Tirith.
/*
\n{ DAG / GON / 032 } 950103
\n-{ GON / DAG / 033 }
\n{+++} { OPTION: SET: TIME SHIFT = FALSE } */
080804  NOCOMMENT
Last record without comment.
)",
                         "Validate.text");
  ASSERT_EQ(r.docs.size(), 3u) << (r.errors.empty() ? "" : r.errors[0].ToString());
  const Document& a = r.docs[0];
  EXPECT_EQ(a.id, "DEMO-01");
  EXPECT_EQ(a.date, "1995-01-01");
  EXPECT_EQ(a.line, 6u);
  EXPECT_EQ(a.text, "Arnor is about to restore full diplomatic ties with Gondor almost five years after crowds "
                    "trashed its embassy.");
  ASSERT_EQ(a.annotations.size(), 1u);
  EXPECT_EQ(a.annotations[0].name, "expected");
  EXPECT_EQ(Attr(a.annotations[0], "source"), "ARN");
  EXPECT_EQ(Attr(a.annotations[0], "target"), "GON");
  EXPECT_EQ(Attr(a.annotations[0], "code"), "064");
  const Document& b = r.docs[1];
  ASSERT_EQ(b.annotations.size(), 4u);
  EXPECT_EQ(Attr(b.annotations[0], "code"), "032");
  EXPECT_EQ(Attr(b.annotations[0], "disabled"), "<absent>");
  EXPECT_EQ(Attr(b.annotations[1], "disabled"), "true");
  EXPECT_EQ(b.annotations[2].name, "special");
  EXPECT_EQ(Attr(b.annotations[2], "text"), "+++");
  EXPECT_EQ(b.annotations[3].name, "option");
  EXPECT_EQ(Attr(b.annotations[3], "text"), "OPTION: SET: TIME SHIFT = FALSE");
  EXPECT_EQ(r.docs[2].id, "NOCOMMENT");
  EXPECT_EQ(r.docs[2].date, "2008-08-04");
  EXPECT_TRUE(r.errors.empty());
}

TEST(Tabari, StrayTextIsReported) {
  ReadOut r = ReadString("950101  A\nText.\n\nstray line\n\n950101  B\nMore.\n", "x.text");
  ASSERT_EQ(r.docs.size(), 2u);
  ASSERT_EQ(r.errors.size(), 1u);
  EXPECT_NE(r.errors[0].message().find("x.text:4:"), std::string::npos) << r.errors[0].message();
}

// ---------------------------------------------------------------- CoNLL-U

TEST(Conllu, DocumentsAtNewdocWithRebuiltText) {
  ReadOut r = ReadString(
      "# newdoc id = d1\n# sent_id = 1\n# text = Hello, world!\n"
      "1\tHello\thello\tINTJ\tUH\t_\t0\troot\t_\tSpaceAfter=No\n"
      "2\t,\t,\tPUNCT\t,\t_\t1\tpunct\t_\t_\n"
      "3\tworld\tworld\tNOUN\tNN\t_\t1\tvocative\t_\tSpaceAfter=No\n"
      "4\t!\t!\tPUNCT\t.\t_\t1\tpunct\t_\t_\n\n"
      "# sent_id = 2\n"
      "1-2\tdon't\t_\t_\t_\t_\t_\t_\t_\t_\n"
      "1\tdo\tdo\tAUX\tVBP\t_\t3\taux\t_\t_\n"
      "2\tn't\tnot\tPART\tRB\t_\t3\tadvmod\t_\t_\n"
      "3\tgo\tgo\tVERB\tVB\t_\t0\troot\t_\t_\n\n"
      "# newdoc\n# sent_id = 3\n1\tBye\tbye\tINTJ\tUH\t_\t0\troot\t_\t_\n\n",
      "t.conllu");
  ASSERT_EQ(r.docs.size(), 2u) << (r.errors.empty() ? "" : r.errors[0].ToString());
  const Document& a = r.docs[0];
  EXPECT_EQ(a.id, "d1");
  ASSERT_EQ(a.sentences.size(), 2u);
  EXPECT_EQ(a.text, "Hello, world! don't go");
  const Token& world = a.sentences[0].tokens[2];
  EXPECT_EQ(a.text.substr(world.begin, world.end - world.begin), "world");
  const Token& nt = a.sentences[1].tokens[1];
  EXPECT_EQ(a.text.substr(nt.begin, nt.end - nt.begin), "don't");
  EXPECT_EQ(a.sentences[1].begin, 14u);
  EXPECT_EQ(a.sentences[1].end, a.text.size());
  EXPECT_EQ(r.docs[1].id, "t-2");
  EXPECT_EQ(r.docs[1].text, "Bye");
}

TEST(Conllu, FileWithoutNewdocIsOneDocument) {
  ReadOut r = ReadString("1\tA\ta\tX\tX\t_\t0\troot\t_\t_\n\n1\tB\tb\tX\tX\t_\t0\troot\t_\t_\n\n"
                         "1\tbad\n\n1\tC\tc\tX\tX\t_\t0\troot\t_\t_\n",
                         "tb.conllu");
  ASSERT_EQ(r.docs.size(), 1u);
  EXPECT_EQ(r.docs[0].id, "tb");
  EXPECT_EQ(r.docs[0].text, "A B C");
  EXPECT_EQ(r.stats.skipped, 1u);
  ASSERT_EQ(r.errors.size(), 1u);
}

// UD allows spaces in forms.  A sentence ending in such a form loses the
// trailing space from the rebuilt text; every token offset must still lie
// inside the text (the reader fuzzer found offsets one past the end).
TEST(Conllu, FormsEndingInSpaceKeepOffsetsInsideText) {
  struct Case {
    const char* name;
    const char* input;
    const char* text;
  };
  const Case cases[] = {
      {"trailing space", "1\tA\ta\tX\tX\t_\t0\troot\t_\t_\n2\tb \tb\tX\tX\t_\t1\tdep\t_\t_\n\n", "A b"},
      {"multiword space", "1-2\t \t_\t_\t_\t_\t_\t_\t_\t_\n1\tA\ta\tX\tX\t_\t0\troot\t_\t_\n"
                          "2\tb\tb\tX\tX\t_\t1\tdep\t_\t_\n\n", ""},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.name);
    ReadOut r = ReadString(c.input, "s.conllu");
    ASSERT_EQ(r.docs.size(), 1u) << (r.errors.empty() ? "" : r.errors[0].ToString());
    const Document& d = r.docs[0];
    EXPECT_EQ(d.text, c.text);
    for (const Sentence& s : d.sentences) {
      EXPECT_LE(s.end, d.text.size());
      for (const Token& t : s.tokens) {
        EXPECT_LE(t.begin, t.end);
        EXPECT_LE(t.end, d.text.size());
        EXPECT_LE(t.end, s.end);
      }
    }
  }
}

}  // namespace
}  // namespace entente
