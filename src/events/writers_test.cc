#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "entente/cameo.h"
#include "entente/event.h"

namespace entente {
namespace {

const std::string kDataDir = std::string(ENTENTE_DATA_DIR) + "/cameo";
const std::string kGoldenDir = std::string(ENTENTE_DATA_DIR) + "/../test/golden/events";
const std::string kFormatsDir = std::string(ENTENTE_SHARED_DIR) + "/data/formats";

const CameoTable& Table() {
  static const CameoTable* t = [] {
    Result<CameoTable> r = CameoTable::FromDirectory(kDataDir);
    if (!r.ok()) {
      ADD_FAILURE() << r.status().ToString();
      std::abort();
    }
    return new CameoTable(std::move(r).value());
  }();
  return *t;
}

// Hand-built events from the seed story (NATO's chief in Seoul; China and
// North Korea object), plus edge cases: a fallback code, a PLOVER-dropped
// code, an unknown code, awkward text and no date.
std::vector<Event> SeedEvents() {
  std::vector<Event> v;
  Event a;
  a.doc_id = "seed-nato-asia";
  a.date = "2023-01-30";
  a.source_name = "Example Wire";
  a.url = "https://example.org/nato-asia";
  a.sentence_id = "seed-nato-asia-2";
  a.sentence_index = 1;
  a.sentence_text =
      "NATO Secretary-General Jens Stoltenberg received a warm reception upon his arrival Sunday in South Korea.";
  a.is_root_event = true;
  a.source_actor = "IGOWSTNAT";
  a.source_text = "NATO Secretary-General Jens Stoltenberg";
  a.target_actor = "KOR";
  a.target_text = "South Korea";
  a.code = "042";
  a.source_span = {1, 0, 5};
  a.verb_span = {1, 5, 6};
  a.target_span = {1, 15, 17};
  a.pattern = "CAMEO.2.0.txt:1234: RECEIVE * RECEPTION";
  v.push_back(a);

  Event b = a;
  b.sentence_id = "seed-nato-asia-5";
  b.sentence_index = 4;
  b.is_root_event = false;
  b.sentence_text =
      "Chinese Foreign Ministry spokesperson Mao Ning argued that \xE2\x80\x9C" "China is a cooperation partner of all "
      "countries, not a challenge\xE2\x80\x9D.";
  b.source_actor = "CHNGOV";
  b.source_text = "Chinese Foreign Ministry spokesperson Mao Ning";
  b.target_actor = "IGOWSTNAT";
  b.target_text = "NATO";
  b.code = "111";
  b.source_span = {4, 0, 7};
  b.verb_span = {4, 7, 8};
  b.target_span = {};
  b.pattern = "CAMEO.2.0.txt:5678: ARGUE";
  b.issues = {{"NUCLEAR_WEAPONS", "WMD", 2}, {"CLIMATE_CHANGE", "ENVIRONMENT", 1}};
  v.push_back(b);

  Event c = b;
  c.event_index = 1;
  c.source_actor = "PRKGOVMIL";
  c.source_text = "North Korea's military";
  c.target_actor = "USAMIL";
  c.target_text = "U.S. forces";
  c.code = "1384";
  c.sentence_text = "Line\twith a tab,\na newline, a \"quote\" and a backslash \\ and a bad byte \xFF.";
  v.push_back(c);

  Event d = a;  // code missing from the table: falls back to 021
  d.sentence_id = "seed-nato-asia-7";
  d.sentence_index = 6;
  d.code = "0215";
  d.source_actor = "KORGOV";
  d.source_text = "Seoul";
  d.target_actor = "IGOUNO";
  d.target_text = "the United Nations";
  v.push_back(d);

  Event e = a;  // CAMEO 01: PLOVER drops it
  e.sentence_id = "seed-nato-asia-8";
  e.sentence_index = 7;
  e.code = "010";
  e.date = "";
  e.target_actor = "";
  e.target_text = "";
  v.push_back(e);

  Event f = a;  // unknown code and actors
  f.sentence_id = "seed-nato-asia-9";
  f.sentence_index = 8;
  f.code = "999";
  f.source_actor = "XYZ";
  f.source_text = "an unknown group";
  v.push_back(f);

  v[0].location = {"South Korea", "KOR", {1, 15, 17}};  // the first event only
  for (Event& ev : v) Table().Enrich(&ev);
  return v;
}

std::string Write(EventFormat format, const std::vector<Event>& events, WriterOptions o = {}) {
  std::ostringstream out;
  if (o.table == nullptr) o.table = &Table();
  std::unique_ptr<EventWriter> w = NewEventWriter(format, out, o);
  for (const Event& e : events) {
    Status st = w->Write(e);
    EXPECT_TRUE(st.ok()) << st.ToString();
  }
  EXPECT_TRUE(w->Finish().ok());
  return out.str();
}

std::vector<std::string> Lines(const std::string& s) {
  std::vector<std::string> v;
  std::stringstream ss(s);
  std::string line;
  while (std::getline(ss, line)) v.push_back(line);
  return v;
}

std::vector<std::string> Fields(const std::string& line) {
  std::vector<std::string> f;
  size_t start = 0;
  while (true) {
    size_t tab = line.find('\t', start);
    f.push_back(line.substr(start, tab == std::string::npos ? std::string::npos : tab - start));
    if (tab == std::string::npos) return f;
    start = tab + 1;
  }
}

// Compares with the golden file; ENTENTE_UPDATE_GOLDEN=1 rewrites it.
void ExpectGolden(const std::string& name, const std::string& got) {
  std::string path = kGoldenDir + "/" + name;
  if (std::getenv("ENTENTE_UPDATE_GOLDEN")) {
    std::ofstream(path, std::ios::binary) << got;
  }
  std::ifstream in(path, std::ios::binary);
  ASSERT_TRUE(in) << "missing golden file " << path << " (run with ENTENTE_UPDATE_GOLDEN=1)";
  std::stringstream want;
  want << in.rdbuf();
  EXPECT_EQ(got, want.str()) << "golden mismatch: " << path;
}

TEST(Writers, JsonlGoldenAndParsesBack) {
  std::vector<Event> events = SeedEvents();
  std::string out = Write(EventFormat::kJsonl, events);
  ExpectGolden("seed.jsonl", out);
  std::vector<std::string> lines = Lines(out);
  ASSERT_EQ(lines.size(), events.size());
  std::string again;
  for (size_t i = 0; i < lines.size(); ++i) {
    nlohmann::json j = nlohmann::json::parse(lines[i]);  // throws (fails) on bad JSON
    EXPECT_EQ(j["id"].get<uint64_t>(), EventId(events[i]));
    EXPECT_EQ(j["code"], events[i].code);
    EXPECT_EQ(lines[i].rfind("{\"id\":", 0), 0u);
    Result<Event> e = ParseEventJson(lines[i], "seed.jsonl", i + 1);
    ASSERT_TRUE(e.ok()) << e.status().ToString();
    EXPECT_EQ(e->source_actor, events[i].source_actor);
    EXPECT_EQ(e->source_parts.type1, events[i].source_parts.type1);
    EXPECT_EQ(e->verb_span.end, events[i].verb_span.end);
    EXPECT_EQ(e->issues, events[i].issues);
    EXPECT_EQ(e->location.text, events[i].location.text);
    EXPECT_EQ(e->location.country, events[i].location.country);
    EXPECT_EQ(e->location.span.end, events[i].location.span.end);
    again += Write(EventFormat::kJsonl, {*e});
  }
  // Text with invalid UTF-8 is repaired on output, so compare after one round.
  EXPECT_EQ(again, out);
  nlohmann::json j2 = nlohmann::json::parse(lines[2]);
  EXPECT_EQ(j2["sentence_text"].get<std::string>().find("\xEF\xBF\xBD"), events[2].sentence_text.find('\xFF'));
  EXPECT_TRUE(j2["target_span"].is_null());
  nlohmann::json j5 = nlohmann::json::parse(lines[5]);
  EXPECT_TRUE(j5["goldstein"].is_null());
  EXPECT_EQ(j5["quad_class"], 0);
  // Issues: an array, empty when the sentence names none.
  EXPECT_EQ(nlohmann::json::parse(lines[0])["issues"], nlohmann::json::array());
  nlohmann::json j1 = nlohmann::json::parse(lines[1]);
  ASSERT_EQ(j1["issues"].size(), 2u);
  EXPECT_EQ(j1["issues"][0]["code"], "NUCLEAR_WEAPONS");
  EXPECT_EQ(j1["issues"][0]["category"], "WMD");
  EXPECT_EQ(j1["issues"][0]["count"], 2);
  // Location: an object, or null when unknown.
  nlohmann::json j0 = nlohmann::json::parse(lines[0]);
  EXPECT_EQ(j0["location"]["text"], "South Korea");
  EXPECT_EQ(j0["location"]["country"], "KOR");
  EXPECT_EQ(j0["location"]["span"]["begin"], 15);
  EXPECT_TRUE(j1["location"].is_null());
}

TEST(Writers, EventJsonRefusesMalformedIssues) {
  for (const char* bad : {R"({"issues":{}})", R"({"issues":[1]})", R"({"issues":[{"count":1}]})",
                          R"({"issues":[{"code":"X","count":0}]})", R"({"issues":[{"code":"X","count":"1"}]})"}) {
    Result<Event> e = ParseEventJson(bad, "bad.jsonl", 7);
    ASSERT_FALSE(e.ok()) << bad;
    EXPECT_NE(e.status().ToString().find("bad.jsonl:7"), std::string::npos) << e.status().ToString();
    EXPECT_NE(e.status().ToString().find("issues"), std::string::npos) << e.status().ToString();
  }
}

// JSON string escaping at every offset: a special byte (quote, backslash,
// control byte, non-ASCII, invalid UTF-8) in each position of texts longer
// than the writer's eight-byte stride reads back as written (invalid bytes
// as U+FFFD), and the line is one line.
TEST(Writers, JsonlEscapesSpecialBytesAtEveryOffset) {
  const std::vector<std::pair<std::string, std::string>> specials = {
      {"\"", "\""}, {"\\", "\\"}, {"\n", "\n"}, {"\t", "\t"}, {std::string(1, '\x01'), std::string(1, '\x01')},
      {"\x1f", "\x1f"}, {"\x7f", "\x7f"}, {"\xC3\xA9", "\xC3\xA9"}, {"\xE2\x80\x9C", "\xE2\x80\x9C"},
      {"\xFF", "\xEF\xBF\xBD"}, {" ", " "}, {"!", "!"}, {"~", "~"}};
  for (const auto& [in, want] : specials) {
    for (size_t len : {1u, 7u, 8u, 9u, 17u, 33u}) {
      for (size_t at = 0; at <= len; ++at) {
        std::string text(len, 'a');
        for (size_t k = 0; k < len; ++k) text[k] = static_cast<char>('a' + k % 26);
        std::string expect = text.substr(0, at) + want + text.substr(at);
        text.insert(at, in);
        Event e;
        e.doc_id = "d";
        e.sentence_text = text;
        std::ostringstream out;
        auto w = NewEventWriter(EventFormat::kJsonl, out);
        ASSERT_TRUE(w->Write(e).ok());
        const std::string line = out.str();
        ASSERT_EQ(std::count(line.begin(), line.end(), '\n'), 1) << line;
        auto j = nlohmann::json::parse(line, nullptr, false);
        ASSERT_FALSE(j.is_discarded()) << line;
        EXPECT_EQ(j["sentence_text"].get<std::string>(), expect) << "offset " << at << " length " << len;
      }
    }
  }
}

TEST(Writers, Gdelt1GoldenHas58Columns) {
  std::vector<Event> events = SeedEvents();
  std::string out = Write(EventFormat::kGdelt1, events);
  ExpectGolden("seed.gdelt.tsv", out);
  std::vector<std::string> lines = Lines(out);
  ASSERT_EQ(lines.size(), events.size());
  for (const auto& line : lines) EXPECT_EQ(Fields(line).size(), 58u) << line;
  std::vector<std::string> f = Fields(lines[0]);
  EXPECT_EQ(f[1], "20230130");
  EXPECT_EQ(f[2], "202301");
  EXPECT_EQ(f[3], "2023");
  EXPECT_EQ(f[4], "2023.0822");  // 2023 + 30/365, GDELT's formula
  EXPECT_EQ(f[5], "IGOWSTNAT");
  EXPECT_EQ(f[6], "NATO SECRETARY-GENERAL JENS STOLTENBERG");
  EXPECT_EQ(f[8], "NAT");
  EXPECT_EQ(f[12], "IGO");
  EXPECT_EQ(f[15], "KOR");
  EXPECT_EQ(f[17], "KOR");
  EXPECT_EQ(f[25], "1");
  EXPECT_EQ(f[26], "042");
  EXPECT_EQ(f[27], "042");
  EXPECT_EQ(f[28], "04");
  EXPECT_EQ(f[29], "1");
  EXPECT_EQ(f[30], "1.9");
  EXPECT_EQ(f[56], "");  // DATEADDED: never the clock
  EXPECT_EQ(f[57], "https://example.org/nato-asia");
  std::vector<std::string> g = Fields(lines[2]);
  EXPECT_EQ(g[26], "1384");
  EXPECT_EQ(g[27], "138");
  EXPECT_EQ(g[28], "13");
  EXPECT_EQ(g[30], "-7.0");
  std::vector<std::string> u = Fields(lines[5]);  // unknown code
  EXPECT_EQ(u[29], "");
  EXPECT_EQ(u[30], "");
}

TEST(Writers, Gdelt1HeaderMatchesTheGdeltColumnList) {
  std::ifstream in(kFormatsDir + "/gdelt1.0_events_columns.tsv");
  if (!in) GTEST_SKIP() << "shared formats absent";
  std::vector<std::string> want;
  std::string line;
  std::getline(in, line);  // index name type
  while (std::getline(in, line)) want.push_back(Fields(line)[1]);
  ASSERT_EQ(want.size(), 58u);
  ASSERT_EQ(Gdelt1Columns().size(), 58u);
  for (size_t i = 0; i < want.size(); ++i) EXPECT_EQ(Gdelt1Columns()[i], want[i]) << i;
  WriterOptions o;
  o.header = true;
  std::vector<std::string> lines = Lines(Write(EventFormat::kGdelt1, SeedEvents(), o));
  EXPECT_EQ(Fields(lines[0]), want);
}

// Our rows have the shape of real GDELT rows: same column count, and the
// columns we cannot know are empty exactly where GDELT leaves them empty
// for an event without geography.
TEST(Writers, Gdelt1RowsLookLikeRealRows) {
  std::ifstream in(kFormatsDir + "/gdelt1.0.daily_export_sample.tsv");
  if (!in) GTEST_SKIP() << "shared GDELT sample absent";
  std::string real;
  std::getline(in, real);  // row 1: Actor1 empty, Actor1Geo_Type 0
  std::vector<std::string> r = Fields(real);
  ASSERT_EQ(r.size(), 58u);
  Event e;
  e.date = "2016-09-12";
  e.target_actor = "USA";
  e.target_text = "United States";
  e.code = "040";
  Table().Enrich(&e);
  WriterOptions o;
  o.date_added = "20170912";
  std::vector<std::string> f = Fields(Lines(Write(EventFormat::kGdelt1, {e}, o))[0]);
  for (int i : {1, 2, 3, 4, 5, 15, 16, 17, 25, 26, 27, 28, 29, 30, 35, 36, 56}) {
    EXPECT_EQ(f[i], r[i]) << "column " << Gdelt1Columns()[i];
  }
}

TEST(Writers, PhoenixGoldenHas26Columns) {
  std::vector<Event> events = SeedEvents();
  std::string out = Write(EventFormat::kPhoenix, events);
  ExpectGolden("seed.phoenix.tsv", out);
  std::vector<std::string> lines = Lines(out);
  ASSERT_EQ(lines.size(), events.size());
  for (const auto& line : lines) EXPECT_EQ(Fields(line).size(), 26u) << line;
  ASSERT_EQ(PhoenixColumns()[17], "Issues");
  EXPECT_EQ(Fields(lines[0])[17], "");
  EXPECT_EQ(Fields(lines[1])[17], "NUCLEAR_WEAPONS,2;CLIMATE_CHANGE,1");
  ASSERT_EQ(PhoenixColumns()[20], "LocationName");
  ASSERT_EQ(PhoenixColumns()[22], "CountryCode");
  EXPECT_EQ(Fields(lines[0])[20], "South Korea");
  EXPECT_EQ(Fields(lines[0])[22], "KOR");
  EXPECT_EQ(Fields(lines[1])[20], "");
  EXPECT_EQ(Fields(lines[1])[22], "");
  std::vector<std::string> f = Fields(lines[2]);
  EXPECT_EQ(f[5], "PRKGOVMIL");
  EXPECT_EQ(f[6], "PRK");
  EXPECT_EQ(f[7], "GOV");
  EXPECT_EQ(f[8], "MIL");
  EXPECT_EQ(f[13], "1384");
  EXPECT_EQ(f[14], "13");
  EXPECT_EQ(f[15], "3");
  std::vector<std::string> n = Fields(lines[0]);
  EXPECT_EQ(n[6], "IGO");  // IGOWSTNAT: no agent, attribute WSTNAT
  EXPECT_EQ(n[7], "");
  EXPECT_EQ(n[8], "WSTNAT");

  std::ifstream in(kFormatsDir + "/phoenix_columns.txt");
  if (!in) return;
  std::vector<std::string> want;
  std::string line;
  while (std::getline(in, line))
    if (!line.empty()) want.push_back(line);
  ASSERT_EQ(want.size(), PhoenixColumns().size());
  for (size_t i = 0; i < want.size(); ++i) EXPECT_EQ(PhoenixColumns()[i], want[i]);
}

TEST(Writers, PloverGoldenSkipsDroppedCodes) {
  std::vector<Event> events = SeedEvents();
  std::ostringstream out;
  WriterOptions o;
  o.table = &Table();
  auto w = NewEventWriter(EventFormat::kPlover, out, o);
  for (const Event& e : events) ASSERT_TRUE(w->Write(e).ok());
  ASSERT_TRUE(w->Finish().ok());
  ExpectGolden("seed.plover.jsonl", out.str());
  // 0215 (-> 021) and 010 are PLOVER "dropped"; 999 has no type.
  EXPECT_EQ(w->written(), 3u);
  EXPECT_EQ(w->skipped(), 3u);
  std::vector<std::string> lines = Lines(out.str());
  ASSERT_EQ(lines.size(), 3u);
  nlohmann::json j = nlohmann::json::parse(lines[0]);
  EXPECT_EQ(j["event_type"], "CONSULT");
  EXPECT_EQ(j["event_mode"], "visit");
  EXPECT_EQ(j["intensity"], 4.0);
  EXPECT_EQ(j["quad_code"], "VERBAL COOPERATION");
  EXPECT_EQ(j["recipient_country"], "KOR");
  EXPECT_EQ(j["event_date"], "2023-01-30");
  nlohmann::json k = nlohmann::json::parse(lines[2]);
  EXPECT_EQ(k["event_type"], "THREATEN");
  EXPECT_EQ(k["contexts"], nlohmann::json::array({"military"}));
  EXPECT_EQ(k["actor_sectors"], nlohmann::json::array({"GOV", "MIL"}));
  // One key per POLECAT column (40) plus our 5 provenance extensions.
  EXPECT_EQ(j.size(), 45u);
}

TEST(Writers, OutputIsDeterministic) {
  for (EventFormat f : {EventFormat::kJsonl, EventFormat::kGdelt1, EventFormat::kPhoenix, EventFormat::kPlover}) {
    EXPECT_EQ(Write(f, SeedEvents()), Write(f, SeedEvents())) << EventFormatName(f);
  }
  std::vector<Event> v = SeedEvents();
  EXPECT_EQ(EventId(v[0]), EventId(SeedEvents()[0]));
  EXPECT_NE(EventId(v[1]), EventId(v[2]));  // same sentence, different event index
  for (const Event& e : v) {
    EXPECT_GT(EventId(e), 0u);
    EXPECT_LT(EventId(e), 1ull << 53);
  }
}

TEST(Writers, CounterIds) {
  WriterOptions o;
  o.first_id = 100;
  std::vector<std::string> lines = Lines(Write(EventFormat::kGdelt1, SeedEvents(), o));
  for (size_t i = 0; i < lines.size(); ++i) EXPECT_EQ(Fields(lines[i])[0], std::to_string(100 + i));
}

TEST(Writers, FailedStreamIsAnIoError) {
  std::ostringstream out;
  out.setstate(std::ios::badbit);
  auto w = NewEventWriter(EventFormat::kJsonl, out);
  Status st = w->Write(SeedEvents()[0]);
  EXPECT_EQ(st.code(), Code::kIoError);
  EXPECT_EQ(w->Finish().code(), Code::kIoError);
  EXPECT_EQ(w->written(), 0u);
}

TEST(Writers, ParseEventJsonErrorsNameThePlace) {
  struct {
    const char* json;
    const char* message;
  } cases[] = {
      {"{\"code\": ", "in.jsonl:7: malformed JSON"},
      {"[1,2]", "in.jsonl:7: an event must be a JSON object"},
      {"{\"code\": 111}", "in.jsonl:7: code: expected a string"},
      {"{\"sentence_index\": \"x\"}", "in.jsonl:7: sentence_index: expected an integer"},
      {"{\"goldstein\": \"x\"}", "in.jsonl:7: goldstein: expected a number or null"},
      {"{\"verb_span\": {\"begin\": \"a\"}}", "in.jsonl:7: verb_span.begin: expected an integer"},
      {"{\"source_parts\": {\"types\": [1]}}", "in.jsonl:7: source_parts.types: expected an array of at most 3 strings"},
      {"{\"goldstein_scale\": \"cameo\"}",
       "in.jsonl:7: unknown Goldstein scale 'cameo' (expected gdelt, icews or phoenix)"},
  };
  for (const auto& c : cases) {
    Result<Event> e = ParseEventJson(c.json, "in.jsonl", 7);
    ASSERT_FALSE(e.ok()) << c.json;
    EXPECT_EQ(e.status().code(), Code::kParseError);
    EXPECT_EQ(e.status().message(), c.message);
  }
  Result<Event> ok = ParseEventJson("{\"code\":\"111\",\"goldstein\":null}");
  ASSERT_TRUE(ok.ok());
  EXPECT_EQ(ok->code, "111");
  EXPECT_TRUE(std::isnan(ok->goldstein));
}

TEST(Writers, FormatNames) {
  struct {
    const char* name;
    EventFormat f;
  } cases[] = {{"jsonl", EventFormat::kJsonl},   {"JSON", EventFormat::kJsonl},
               {"gdelt", EventFormat::kGdelt1},  {"gdelt1", EventFormat::kGdelt1},
               {"phoenix", EventFormat::kPhoenix}, {"plover", EventFormat::kPlover},
               {"polecat", EventFormat::kPlover}};
  for (const auto& c : cases) {
    Result<EventFormat> r = ParseEventFormat(c.name);
    ASSERT_TRUE(r.ok()) << c.name;
    EXPECT_EQ(*r, c.f);
  }
  EXPECT_EQ(ParseEventFormat("csv").status().code(), Code::kInvalidArgument);
}

}  // namespace
}  // namespace entente
