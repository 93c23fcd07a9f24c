#include "entente/cameo.h"

#include <algorithm>
#include <cmath>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "entente/event.h"

namespace entente {
namespace {

const std::string kDataDir = std::string(ENTENTE_DATA_DIR) + "/cameo";

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

TEST(CameoTable, LoadsShippedTableCleanly) {
  const CameoTable& t = Table();
  EXPECT_EQ(t.size(), 312u);
  EXPECT_EQ(t.skipped_rows(), 0u);
  for (const auto& m : t.issues()) ADD_FAILURE() << "unexpected issue: " << m;
  // Entries in code order, each quad class agreeing with its root.
  for (size_t i = 1; i < t.entries().size(); ++i) {
    EXPECT_LT(t.entries()[i - 1]->code, t.entries()[i]->code);
  }
  for (const CameoCode* c : t.entries()) {
    EXPECT_EQ(c->quad_class, QuadClassOfRoot(c->code)) << c->code;
    for (int s = 0; s < 3; ++s) EXPECT_FALSE(std::isnan(c->goldstein[s])) << c->code << " scale " << s;
    EXPECT_FALSE(c->name.empty()) << c->code;
    EXPECT_FALSE(c->plover_type.empty()) << c->code;
  }
}

struct LookupCase {
  const char* code;
  bool ok;
  bool exact;
  const char* resolved;  // entry code used
  int level;
  int quad;
  double gdelt;
  const char* plover_type;
  const char* plover_mode;
};

TEST(CameoTable, LookupTable) {
  const LookupCase cases[] = {
      {"042", true, true, "042", 2, 1, 1.9, "CONSULT", "visit"},
      {"04", true, true, "04", 1, 1, 1.0, "CONSULT", ""},
      {"111", true, true, "111", 2, 3, -2.0, "ACCUSE", "disapprove"},
      {"190", true, true, "190", 2, 4, -10.0, "ASSAULT", ""},
      {"0211", true, true, "0211", 3, 1, 3.4, "dropped", ""},
      {"0874", true, true, "0874", 3, 2, 10.0, "RETREAT", "disarm"},
      {"1056", true, true, "1056", 3, 3, -5.0, "REQUEST", "yield"},
      {"106", true, true, "106", 2, 3, -5.0, "REQUEST", "meet"},
      {"163", true, true, "163", 2, 4, -8.0, "COERCE", "restrict"},
      // Not in the table: nearest ancestor.
      {"0215", true, false, "021", 2, 1, 3.4, "dropped", ""},
      {"0590", true, false, "05", 1, 1, 3.5, "SUPPORT", ""},
      {"099", true, false, "09", 1, 3, -2.0, "ACCUSE", ""},
      {"1999", true, false, "19", 1, 4, -10.0, "ASSAULT", ""},
      // Not a CAMEO code at all.
      {"21", false, false, "", 0, 0, 0, "", ""},
      {"00", false, false, "", 0, 0, 0, "", ""},
      {"1", false, false, "", 0, 0, 0, "", ""},
      {"12345", false, false, "", 0, 0, 0, "", ""},
      {"04a", false, false, "", 0, 0, 0, "", ""},
      {"", false, false, "", 0, 0, 0, "", ""},
      {"---", false, false, "", 0, 0, 0, "", ""},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.code);
    CameoLookup l = Table().Lookup(c.code);
    ASSERT_EQ(l.ok(), c.ok);
    if (!c.ok) {
      EXPECT_TRUE(std::isnan(Table().Goldstein(c.code, GoldsteinScale::kGdelt)));
      continue;
    }
    EXPECT_EQ(l.exact, c.exact);
    EXPECT_EQ(l.entry->code, c.resolved);
    EXPECT_EQ(l.entry->level, c.level);
    EXPECT_EQ(l.entry->quad_class, c.quad);
    EXPECT_DOUBLE_EQ(l.entry->goldstein[0], c.gdelt);
    EXPECT_DOUBLE_EQ(Table().Goldstein(c.code, GoldsteinScale::kGdelt), c.gdelt);
    EXPECT_EQ(l.entry->plover_type, c.plover_type);
    EXPECT_EQ(l.entry->plover_mode, c.plover_mode);
  }
}

TEST(CameoTable, ScalesDisagreeWhereTheTablesDo) {
  struct {
    const char* code;
    double gdelt, icews, phoenix;
  } cases[] = {
      {"016", -2.0, -5.0, 3.4},
      {"022", 3.2, 3.4, 3.4},
      {"163", -8.0, -8.0, -6.5},
      {"164", -7.0, -6.5, -7.0},
      {"166", -7.0, -7.0, -8.0},
      {"042", 1.9, 1.9, 1.9},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.code);
    EXPECT_DOUBLE_EQ(Table().Goldstein(c.code, GoldsteinScale::kGdelt), c.gdelt);
    EXPECT_DOUBLE_EQ(Table().Goldstein(c.code, GoldsteinScale::kIcews), c.icews);
    EXPECT_DOUBLE_EQ(Table().Goldstein(c.code, GoldsteinScale::kPhoenix), c.phoenix);
  }
}

TEST(CameoTable, EmptyColumnsInheritFromParent) {
  // 1213 is missing from GDELT's tables: name and GDELT value come from 121.
  const CameoCode* c = Table().Find("1213");
  ASSERT_NE(c, nullptr);
  EXPECT_DOUBLE_EQ(c->goldstein[0], -4.0);
  EXPECT_TRUE(c->inherited & 1u);
  EXPECT_TRUE(c->inherited & (1u << 3));
  EXPECT_EQ(c->name_gdelt, "Reject material cooperation");
  EXPECT_EQ(c->name, "Reject judicial cooperation");
  EXPECT_FALSE(c->inherited & 2u);  // ICEWS has its own value
  // 019 has no Phoenix value: the root's 0.0 is used; 0251 takes 025's -0.3.
  const CameoCode* d = Table().Find("019");
  ASSERT_NE(d, nullptr);
  EXPECT_DOUBLE_EQ(d->goldstein[2], 0.0);
  EXPECT_TRUE(d->inherited & 4u);
  EXPECT_DOUBLE_EQ(Table().Goldstein("0251", GoldsteinScale::kPhoenix), -0.3);
  // A code with its own values inherits nothing.
  EXPECT_EQ(Table().Find("042")->inherited, 0u);
}

TEST(CameoTable, NamesFollowTheManualAndKeepGdelts) {
  const CameoCode* c = Table().Find("101");
  ASSERT_NE(c, nullptr);
  EXPECT_EQ(c->name, "Demand material cooperation");
  EXPECT_EQ(c->name_gdelt, "Demand information, investigation");
  EXPECT_EQ(Table().Find("044")->name_gdelt, "Meet at a \"third\" location");
}

TEST(CameoTable, QuadClassOfRoot) {
  struct {
    const char* code;
    int quad;
  } cases[] = {{"01", 1}, {"05", 1}, {"057", 1}, {"06", 2}, {"0874", 2}, {"09", 3}, {"13", 3},
               {"14", 4}, {"20", 4}, {"2042", 4}, {"00", 0}, {"21", 0}, {"x1", 0}, {"1", 0}};
  for (const auto& c : cases) EXPECT_EQ(QuadClassOfRoot(c.code), c.quad) << c.code;
}

TEST(CameoTable, GoldsteinScaleNames) {
  for (auto s : {GoldsteinScale::kGdelt, GoldsteinScale::kIcews, GoldsteinScale::kPhoenix}) {
    Result<GoldsteinScale> r = ParseGoldsteinScale(GoldsteinScaleName(s));
    ASSERT_TRUE(r.ok());
    EXPECT_EQ(*r, s);
  }
  EXPECT_TRUE(ParseGoldsteinScale("ICEWS").ok());
  EXPECT_EQ(ParseGoldsteinScale("cameo").status().code(), Code::kInvalidArgument);
}

// ------------------------------------------------------------ actor codes

struct ActorCase {
  const char* code;
  const char* country;
  const char* group;
  const char* rel1;
  const char* rel2;
  const char* type1;
  const char* type2;
  const char* other;
  bool unknown;
};

TEST(CameoTable, SplitActorTable) {
  const ActorCase cases[] = {
      {"CHNGOV", "CHN", "", "", "", "GOV", "", "", false},
      {"USA", "USA", "", "", "", "", "", "", false},
      {"USAMIL", "USA", "", "", "", "MIL", "", "", false},
      {"KORMIL", "KOR", "", "", "", "MIL", "", "", false},
      {"PRKGOVMIL", "PRK", "", "", "", "GOV", "MIL", "", false},
      {"USABUS", "USA", "", "", "", "BUS", "", "", false},  // as in GDELT's sample rows
      {"CHRCTH", "", "", "CHR", "CTH", "", "", "", false},  // "THE POPE" in GDELT's sample
      {"BUS", "", "", "", "", "BUS", "", "", false},
      // NATO in the PETRARCH2 dictionaries: IGO + region WST + known group NAT.
      {"IGOWSTNAT", "", "NAT", "", "", "IGO", "", "WST", false},
      // UNO is both a type and a known group: the known group wins.
      {"IGOUNO", "", "UNO", "", "", "IGO", "", "", false},
      {"IGOUNOBUS", "", "UNO", "", "", "IGO", "BUS", "", false},
      {"MNCUSA", "", "", "", "", "MNC", "", "USA", false},
      {"---GOV", "", "", "", "", "GOV", "", "", false},
      // "NATO" is not a CAMEO code: NAT is read, the stray "O" is unknown.
      {"NATO", "", "NAT", "", "", "", "", "O", true},
      {"XYZGOV", "", "", "", "", "GOV", "", "XYZ", true},
      {"", "", "", "", "", "", "", "", false},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.code);
    ActorParts p = Table().SplitActor(c.code);
    EXPECT_EQ(p.country, c.country);
    EXPECT_EQ(p.known_group, c.group);
    EXPECT_EQ(p.religion1, c.rel1);
    EXPECT_EQ(p.religion2, c.rel2);
    EXPECT_EQ(p.type1, c.type1);
    EXPECT_EQ(p.type2, c.type2);
    EXPECT_EQ(p.other, c.other);
    EXPECT_EQ(p.unknown, c.unknown);
  }
  EXPECT_EQ(Table().ActorLabel("CHN"), "China");
  EXPECT_EQ(Table().ActorLabel("NAT"), "North Atlantic Treaty Organization (NATO)");
  EXPECT_TRUE(Table().IsCountry("KOR"));
  EXPECT_FALSE(Table().IsCountry("GOV"));
}

TEST(CameoTable, PloverIntensityAndQuad) {
  EXPECT_DOUBLE_EQ(Table().PloverIntensity("CONSULT", "visit"), 4.0);
  EXPECT_DOUBLE_EQ(Table().PloverIntensity("CONSULT", ""), 2.5);
  EXPECT_DOUBLE_EQ(Table().PloverIntensity("ASSAULT", "no-such-mode"), -9.0);
  EXPECT_TRUE(std::isnan(Table().PloverIntensity("dropped", "")));
  EXPECT_EQ(Table().PloverQuad("CONCEDE"), "VERBAL COOPERATION");
  EXPECT_EQ(Table().PloverQuad("nothing"), "");
}

TEST(CameoTable, EnrichFillsDerivedFields) {
  Event e;
  e.code = "0215";
  e.source_actor = "IGOWSTNAT";
  e.target_actor = "KORGOV";
  ASSERT_TRUE(Table().Enrich(&e));
  EXPECT_EQ(e.root_code, "02");
  EXPECT_EQ(e.base_code, "021");
  EXPECT_EQ(e.code_resolved, "021");
  EXPECT_TRUE(e.code_fallback);
  EXPECT_EQ(e.quad_class, 1);
  EXPECT_DOUBLE_EQ(e.goldstein, 3.4);
  EXPECT_EQ(e.source_parts.known_group, "NAT");
  EXPECT_EQ(e.target_parts.country, "KOR");
  EXPECT_EQ(e.target_parts.type1, "GOV");

  e.code = "999";
  EXPECT_FALSE(Table().Enrich(&e));
  EXPECT_EQ(e.quad_class, 0);
  EXPECT_TRUE(std::isnan(e.goldstein));
  EXPECT_TRUE(e.root_code.empty());
  EXPECT_EQ(e.target_parts.country, "KOR");  // actors still split
}

TEST(CameoTable, EnrichUsesTheChosenScale) {
  CameoOptions o;
  o.scale = GoldsteinScale::kIcews;
  Result<CameoTable> t = CameoTable::FromDirectory(kDataDir, o);
  ASSERT_TRUE(t.ok()) << t.status().ToString();
  Event e;
  e.code = "016";
  ASSERT_TRUE(t->Enrich(&e));
  EXPECT_DOUBLE_EQ(e.goldstein, -5.0);
  EXPECT_EQ(e.goldstein_scale, GoldsteinScale::kIcews);
}

// The actor split and code columns must agree with GDELT's own rows.
TEST(CameoTable, AgreesWithRealGdeltRows) {
  std::ifstream in(std::string(ENTENTE_SHARED_DIR) + "/data/formats/gdelt1.0.daily_export_sample.tsv");
  if (!in) GTEST_SKIP() << "shared GDELT sample absent";
  std::string line;
  int rows = 0;
  while (std::getline(in, line)) {
    std::vector<std::string> f;
    std::stringstream ss(line);
    std::string x;
    while (std::getline(ss, x, '\t')) f.push_back(x);
    if (line.back() == '\t') f.push_back("");
    ASSERT_EQ(f.size(), 58u);
    ++rows;
    for (int a = 0; a < 2; ++a) {
      int b = 5 + a * 10;  // 0-based Actor1Code / Actor2Code
      ActorParts p = Table().SplitActor(f[b]);
      SCOPED_TRACE(f[b]);
      EXPECT_EQ(p.country, f[b + 2]);
      EXPECT_EQ(p.known_group, f[b + 3]);
      EXPECT_EQ(p.ethnic, f[b + 4]);
      EXPECT_EQ(p.religion1, f[b + 5]);
      EXPECT_EQ(p.religion2, f[b + 6]);
      EXPECT_EQ(p.type1, f[b + 7]);
      EXPECT_EQ(p.type2, f[b + 8]);
      EXPECT_EQ(p.type3, f[b + 9]);
    }
    CameoLookup l = Table().Lookup(f[26]);
    ASSERT_TRUE(l.ok()) << f[26];
    EXPECT_EQ(std::to_string(l.entry->quad_class), f[29]);
    char g[16];
    std::snprintf(g, sizeof g, "%.1f", l.entry->goldstein[0]);
    EXPECT_EQ(g, f[30]) << f[26];
  }
  EXPECT_EQ(rows, 10);
}

// ------------------------------------------------------------ GDELT tables and defects

Result<CameoTable> FromGdeltText(const std::string& codes, const std::string& gold, bool strict = false);

TEST(CameoTable, RepairsThe044LabelAsShipped) {
  // The shipped GDELT table holds these bytes: mojibake quotes and a lost "t".
  Result<CameoTable> t = FromGdeltText("04\tCONSULT\n044\tMeet at a \xC3\x92hird\xC3\x93location\n", "04\t1.0\n");
  ASSERT_TRUE(t.ok()) << t.status().ToString();
  EXPECT_EQ(t->Find("044")->name, "Meet at a \"third\" location");
}

TEST(CameoTable, LoadsGdeltTablesWithKnownDefectsRepaired) {
  Result<CameoTable> t = CameoTable::FromGdeltDirectory(kDataDir);
  ASSERT_TRUE(t.ok()) << t.status().ToString();
  EXPECT_EQ(t->size(), 311u);  // GDELT lacks 1213
  EXPECT_EQ(t->Find("044")->name, "Meet at a \"third\" location");
  ASSERT_NE(t->Find("1056"), nullptr);
  ASSERT_NE(t->Find("106"), nullptr);
  EXPECT_EQ(t->Find("106")->name, "Demand withdrawal");
  // 1213 falls back to 121; other scales equal GDELT's.
  CameoLookup l = t->Lookup("1213");
  EXPECT_FALSE(l.exact);
  EXPECT_EQ(l.entry->code, "121");
  EXPECT_DOUBLE_EQ(t->Goldstein("016", GoldsteinScale::kIcews), -2.0);
  // Every GDELT value agrees with the master table's GDELT column.
  for (const CameoCode* c : t->entries()) {
    const CameoCode* m = Table().Find(c->code);
    ASSERT_NE(m, nullptr) << c->code;
    EXPECT_DOUBLE_EQ(c->goldstein[0], m->goldstein[0]) << c->code;
    EXPECT_EQ(c->name, m->name_gdelt) << c->code;
  }
}

Result<CameoTable> FromGdeltText(const std::string& codes, const std::string& gold, bool strict) {
  std::istringstream c(codes), g(gold);
  CameoSources src;
  src.gdelt_eventcodes = &c;
  src.gdelt_eventcodes_name = "codes.txt";
  src.gdelt_goldstein = &g;
  src.gdelt_goldstein_name = "gold.txt";
  CameoOptions o;
  o.strict = strict;
  return CameoTable::FromStreams(src, o);
}

TEST(CameoTable, SplitsMergedLines) {
  const std::string codes =
      "CAMEOEVENTCODE\tEVENTDESCRIPTION\n10\tDEMAND\n105\tDemand mediation\n"
      "1056\tDemand de-escalation of military engagement106\tDemand withdrawal\n"
      "107\tDemand ceasefire\n";
  const std::string gold = "CAMEOEVENTCODE\tGOLDSTEINSCALE\n10\t-5.0\n105\t-5.0\n1056\t-5.0106\t-4.5\n107\t-5.0\n";
  Result<CameoTable> t = FromGdeltText(codes, gold);
  ASSERT_TRUE(t.ok()) << t.status().ToString();
  EXPECT_EQ(t->size(), 5u);
  EXPECT_EQ(t->skipped_rows(), 0u);
  EXPECT_EQ(t->Find("1056")->name, "Demand de-escalation of military engagement");
  EXPECT_EQ(t->Find("106")->name, "Demand withdrawal");
  EXPECT_DOUBLE_EQ(t->Find("1056")->goldstein[0], -5.0);
  EXPECT_DOUBLE_EQ(t->Find("106")->goldstein[0], -4.5);
  EXPECT_EQ(t->Find("106")->line, 4u);
  ASSERT_FALSE(t->issues().empty());
  EXPECT_NE(t->issues()[0].find("codes.txt:4: split merged line"), std::string::npos) << t->issues()[0];

  // The CAMEO-dictionary variant: "...engagement106:[-5.0] Demand withdrawal".
  t = FromGdeltText("10\tDEMAND\n1056\tDemand de-escalation of military engagement106:[-5.0] Demand withdrawal\n",
                    "10\t-5.0\n");
  ASSERT_TRUE(t.ok()) << t.status().ToString();
  EXPECT_EQ(t->Find("1056")->name, "Demand de-escalation of military engagement");
  EXPECT_EQ(t->Find("106")->name, "Demand withdrawal");
}

TEST(CameoTable, RepairsMisEncodedLabels) {
  struct {
    const char* in;
    const char* out;
  } cases[] = {
      {"Meet at a \xC3\x92third\xC3\x93location", "Meet at a \"third\" location"},  // Latin-1 mojibake
      {"Meet at a \xD2third\xD3location", "Meet at a \"third\" location"},          // raw Mac-Roman
      {"Meet at a \xE2\x80\x9Cthird\xE2\x80\x9D location", "Meet at a \"third\" location"},
      {"Meet at a \x93third\x94 location", "Meet at a \"third\" location"},
      {"Meet at a \"third\" location", "Meet at a \"third\" location"},
      {"  Engage in  violent protest ", "Engage in violent protest"},
      {"C\xC3\xB4te d'Ivoire", "C\xC3\xB4te d'Ivoire"},  // real UTF-8 is left alone
      {"", ""},
  };
  for (const auto& c : cases) EXPECT_EQ(RepairCameoLabel(c.in), c.out) << c.in;
}

// ------------------------------------------------------------ bad tables

Result<CameoTable> FromMasterText(const std::string& text, bool strict = false) {
  std::istringstream in(text);
  CameoSources src;
  src.master = &in;
  src.master_name = "t.tsv";
  CameoOptions o;
  o.strict = strict;
  return CameoTable::FromStreams(src, o);
}

const char kHeader[] = "code\tname_gdelt\tname_icews\tquadclass_gdelt\tgoldstein_gdelt\n";

TEST(CameoTable, MissingAndEmptyTables) {
  Result<CameoTable> t = CameoTable::FromDirectory("/nonexistent/dir");
  ASSERT_FALSE(t.ok());
  EXPECT_EQ(t.status().code(), Code::kNotFound);
  EXPECT_NE(t.status().message().find("/nonexistent/dir/cameo_master.tsv"), std::string::npos);

  EXPECT_EQ(FromMasterText("").status().code(), Code::kEmpty);
  EXPECT_EQ(FromMasterText(kHeader).status().code(), Code::kEmpty);
  Result<CameoTable> h = FromMasterText("code\tname\n01\tx\n");
  EXPECT_EQ(h.status().code(), Code::kParseError);
  EXPECT_NE(h.status().message().find("t.tsv:1: header lacks required column"), std::string::npos)
      << h.status().message();
  EXPECT_EQ(CameoTable::FromStreams(CameoSources{}).status().code(), Code::kInvalidArgument);
}

TEST(CameoTable, BadRowsAreSkippedAndNamed) {
  struct {
    const char* row;
    const char* why;
  } cases[] = {
      {"0X1\tx\tx\t1\t0.0\n", "bad CAMEO code '0X1'"},
      {"21\tx\tx\t1\t0.0\n", "bad CAMEO code '21'"},
      {"011\tx\tx\t1\tabc\n", "bad Goldstein value 'abc'"},
      {"011\tx\tx\t1\t11.5\n", "bad Goldstein value '11.5'"},
      {"011\tx\tx\t7\t0.0\n", "bad quad class '7'"},
      {"011\tx\tx\t1\n", "expected 5 tab-separated columns, found 4"},
      {"011\tx\tx\t1\t0.0\t012\tx\n", "expected 5 tab-separated columns, found 7"},
      {"010\tdup\tdup\t1\t0.0\n", "duplicate code '010' (first at line 3)"},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.row);
    std::string text = std::string(kHeader) + "01\tA\tA\t1\t0.0\n010\tB\tB\t1\t0.0\n" + c.row;
    Result<CameoTable> t = FromMasterText(text);
    ASSERT_TRUE(t.ok()) << t.status().ToString();
    EXPECT_EQ(t->size(), 2u);
    EXPECT_EQ(t->skipped_rows(), 1u);
    ASSERT_EQ(t->issues().size(), 1u);
    EXPECT_EQ(t->issues()[0], std::string("t.tsv:4: ") + c.why);
    Result<CameoTable> s = FromMasterText(text, /*strict=*/true);
    ASSERT_FALSE(s.ok());
    EXPECT_EQ(s.status().code(), Code::kParseError);
    EXPECT_EQ(s.status().message(), std::string("t.tsv:4: ") + c.why);
  }
}

TEST(CameoTable, BadActorRowsAreSkipped) {
  std::istringstream m(std::string(kHeader) + "01\tA\tA\t1\t0.0\n");
  std::istringstream c("CODE\tLABEL\nCHN\tChina\nTOOLONG\tx\nUSA\n");
  CameoSources src;
  src.master = &m;
  src.country = &c;
  src.country_name = "c.txt";
  Result<CameoTable> t = CameoTable::FromStreams(src);
  ASSERT_TRUE(t.ok());
  EXPECT_EQ(t->skipped_rows(), 2u);
  ASSERT_EQ(t->issues().size(), 2u);
  EXPECT_EQ(t->issues()[0], "c.txt:3: bad actor code 'TOOLONG'");
  EXPECT_EQ(t->issues()[1], "c.txt:4: expected 2 columns, found 1");
  EXPECT_TRUE(t->IsCountry("CHN"));
}

}  // namespace
}  // namespace entente

namespace entente {
namespace {

// A corrupt table on disk: bad rows are named by path and line.
TEST(CameoTable, CorruptTableFileOnDisk) {
  const std::string dir = std::string(ENTENTE_DATA_DIR) + "/../test/data/events/bad_table";
  Result<CameoTable> t = CameoTable::FromDirectory(dir);
  ASSERT_TRUE(t.ok()) << t.status().ToString();
  EXPECT_EQ(t->size(), 2u);  // 04 and 042
  EXPECT_EQ(t->skipped_rows(), 3u);
  std::vector<std::string> want = {
      dir + "/cameo_master.tsv:4: level '3' does not match code '043'",
      dir + "/cameo_master.tsv:5: bad Goldstein value 'ten'",
      dir + "/GDELT.CAMEO.country.from-etk.txt:3: bad actor code 'CHINA'",
  };
  for (const auto& w : want) {
    EXPECT_NE(std::find(t->issues().begin(), t->issues().end(), w), t->issues().end()) << w;
  }
  // The other optional tables are absent: noted, not fatal.
  EXPECT_NE(std::find(t->issues().begin(), t->issues().end(),
                      dir + "/plover_scores.tsv: not found; that part of the table stays empty"),
            t->issues().end());
  EXPECT_TRUE(std::isnan(t->PloverIntensity("CONSULT", "visit")));
  EXPECT_EQ(t->SplitActor("KORGOV").country, "KOR");

  CameoOptions strict;
  strict.strict = true;
  Result<CameoTable> s = CameoTable::FromDirectory(dir, strict);
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.status().ToString(),
            "parse_error: " + dir + "/cameo_master.tsv:4: level '3' does not match code '043'");
}

}  // namespace
}  // namespace entente
