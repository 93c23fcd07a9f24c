#include <algorithm>
#include <fstream>
#include <map>
#include <set>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "entente/alliances.h"
#include "entente/trend.h"

namespace entente {
namespace {

const std::string kData = std::string(ENTENTE_DATA_DIR) + "/alliances/";

const char* kMap =
    "ccode,stateabb,statename,iso3,cameo,note\n"
    "2,USA,United States of America,USA,USA,\n"
    "255,GMY,Germany,DEU,DEU,\n"
    "260,GFR,German Federal Republic,DEU,DEU,\n"
    "240,HAN,Hanover,,,historical\n"
    "710,CHN,China,CHN,CHN,\n"
    "731,PRK,North Korea,PRK,PRK,\n"
    "732,ROK,South Korea,KOR,KOR,\n"
    "740,JPN,Japan,JPN,JPN,\n";

TEST(ParseAtop, DirectedDyadYearsMergeIntoSpells) {
  const char* text =
      "\"ccode1\",\"ccode2\",\"year\",\"atop_defense\",\"atop_offense\",\"atop_neutral\",\"atop_nonagg\",\"atop_consul\"\n"
      "2,732,2000,1,0,0,0,0\n"
      "732,2,2000,0,0,0,0,1\n"   // other direction adds consul
      "2,732,2001,1,0,0,0,1\n"
      "2,732,2002,1,0,0,0,1\n"
      "2,732,2004,1,0,0,0,1\n"   // gap: new spell
      "2,740,2000,0,0,0,0,0\n"   // no provision: ignored
      "2,740,2001,x,0,0,0,0\n"   // bad
      "2,740\n";                 // bad
  TableStats st;
  std::vector<std::string> errors;
  auto r = ParseAtop(text, "atop.csv", &st, [&](const Status& s) { errors.push_back(s.message()); });
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  ASSERT_EQ(r->size(), 2u);
  EXPECT_EQ((*r)[0].ccode1, 2);
  EXPECT_EQ((*r)[0].ccode2, 732);
  EXPECT_EQ((*r)[0].first_year, 2000);
  EXPECT_EQ((*r)[0].last_year, 2002);
  EXPECT_EQ((*r)[0].provisions, kAtopDefense | kAtopConsultation);
  EXPECT_EQ((*r)[1].first_year, 2004);
  EXPECT_EQ(st.rows, 8u);
  EXPECT_EQ(st.skipped, 2u);
  ASSERT_EQ(errors.size(), 2u);
  EXPECT_EQ(errors[0], "atop.csv:8: provision is not 0/1");
  EXPECT_EQ(errors[1], "atop.csv:9: wrong number of fields");
}

TEST(ParseAtop, SpellFormatAndHeaderErrors) {
  auto r = ParseAtop("ccode1,ccode2,first_year,last_year,defense,offense,neutral,nonagg,consul\n"
                     "710,731,1961,2018,1,0,0,1,0\n",
                     "s.csv");
  ASSERT_TRUE(r.ok());
  ASSERT_EQ(r->size(), 1u);
  EXPECT_EQ((*r)[0].last_year, 2018);
  EXPECT_EQ((*r)[0].provisions, kAtopDefense | kAtopNonaggression);
  auto bad = ParseAtop("a,b,c\n1,2,3\n", "h.csv");
  EXPECT_EQ(bad.status().code(), Code::kParseError);
  EXPECT_EQ(bad.status().message().rfind("h.csv:1:", 0), 0u);
}

TEST(ParseMid, ReadsAndNormalises) {
  TableStats st;
  auto r = ParseMid("dispnum,ccode1,ccode2,year,hostlev\n"
                    "1,731,2,1994,3\n"
                    "2,710,740,2012,9\n",  // bad hostility
                    "m.csv", &st);
  ASSERT_TRUE(r.ok());
  ASSERT_EQ(r->size(), 1u);
  EXPECT_EQ((*r)[0].ccode1, 2);
  EXPECT_EQ((*r)[0].ccode2, 731);
  EXPECT_EQ((*r)[0].hostility, 3);
  EXPECT_EQ(st.skipped, 1u);
}

TEST(AtopProvisions, Names) {
  EXPECT_EQ(*ParseAtopProvisions("defense,consul"), kAtopDefense | kAtopConsultation);
  EXPECT_EQ(*ParseAtopProvisions("atop_nonagg"), kAtopNonaggression);
  EXPECT_EQ(*ParseAtopProvisions("all"), 31u);
  EXPECT_FALSE(ParseAtopProvisions("friendship").ok());
  EXPECT_EQ(AtopProvisionNames(kAtopDefense | kAtopOffense), "defense,offense");
}

TEST(CowCountryMap, ShippedTable) {
  std::vector<std::string> errors;
  auto m = CowCountryMap::Read(kData + "cow_iso3.csv", [&](const Status& s) { errors.push_back(s.message()); });
  ASSERT_TRUE(m.ok()) << m.status().ToString();
  EXPECT_TRUE(errors.empty());
  EXPECT_EQ(m->size(), 217u);  // every state of cow_states.csv v2016
  struct Case {
    int ccode;
    const char* name;
  } cases[] = {
      {2, "USA"},   {710, "CHN"}, {731, "PRK"}, {732, "KOR"}, {740, "JPN"}, {365, "RUS"},
      {200, "GBR"}, {220, "FRA"}, {255, "DEU"}, {260, "DEU"}, {265, "DDR"}, {713, "TWN"},
      {347, "KSV"}, {360, "ROU"}, {345, "SRB"}, {816, "VNM"}, {240, "COW:HAN"}, {999, "COW:999"},
  };
  for (const Case& c : cases) EXPECT_EQ(m->NodeName(c.ccode), c.name) << c.ccode;
  EXPECT_EQ(m->Find(732)->stateabb, "ROK");
  EXPECT_EQ(m->FindByCode("DEU"), std::vector<int>({255, 260}));
  // Every code is three upper-case letters or empty (historical states).
  for (const CowCountry& c : m->rows()) {
    if (c.iso3.empty()) continue;
    ASSERT_EQ(c.iso3.size(), 3u) << c.ccode;
    for (char ch : c.iso3) EXPECT_TRUE(ch >= 'A' && ch <= 'Z') << c.ccode;
  }
}

TEST(BuildAllianceNetworks, RulesOnHandBuiltRows) {
  auto map = CowCountryMap::Parse(kMap, "map.csv");
  ASSERT_TRUE(map.ok());
  std::vector<AllianceSpell> al = {
      {2, 732, 1990, 1992, kAtopDefense},
      {2, 740, 1990, 1992, kAtopNonaggression},  // not + by default
      {710, 731, 1990, 1992, kAtopDefense},
      {255, 710, 1990, 1990, kAtopConsultation},
      {260, 710, 1990, 1990, kAtopConsultation},  // same names as 255: merges
      {255, 260, 1990, 1990, kAtopDefense},        // DEU-DEU: self
  };
  std::vector<DisputeYear> di = {
      {2, 731, 1991, 3, 1},
      {2, 732, 1992, 4, 2},   // ally and dispute in one year
      {710, 740, 1992, 1, 3}, // below the threshold 2
  };
  AllianceOptions o;
  o.first_year = 1990;
  o.last_year = 1992;
  auto r = BuildAllianceNetworks(al, di, *map, o);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  ASSERT_EQ(r->windows.size(), 3u);
  const SignedGraph& g90 = r->windows[0].graph;
  EXPECT_EQ(r->windows[0].window.label, "1990");
  EXPECT_EQ(g90.num_edges(), 3u);  // USA-KOR, CHN-PRK, DEU-CHN
  EXPECT_LT(g90.FindEdge(g90.FindNode("USA"), g90.FindNode("JPN")), 0);
  EXPECT_GE(g90.FindEdge(g90.FindNode("DEU"), g90.FindNode("CHN")), 0);
  EXPECT_EQ(r->skipped.self_dyad, 1u);
  const SignedGraph& g91 = r->windows[1].graph;
  int64_t e = g91.FindEdge(g91.FindNode("USA"), g91.FindNode("PRK"));
  ASSERT_GE(e, 0);
  EXPECT_EQ(g91.edges()[e].sign, -1);
  const SignedGraph& g92 = r->windows[2].graph;
  e = g92.FindEdge(g92.FindNode("USA"), g92.FindNode("KOR"));
  ASSERT_GE(e, 0);
  EXPECT_EQ(g92.edges()[e].sign, -1);  // conflict wins by default
  EXPECT_EQ(r->windows[2].counts.mixed, 1u);
  EXPECT_LT(g92.FindNode("JPN"), 0);   // hostility 1 < 2, nonagg not counted

  struct RuleCase {
    AllianceConflictRule rule;
    int sign;  // 0 = no edge
  } rules[] = {{AllianceConflictRule::kConflictWins, -1},
               {AllianceConflictRule::kAllianceWins, 1},
               {AllianceConflictRule::kDrop, 0}};
  for (const RuleCase& rc : rules) {
    o.both = rc.rule;
    auto s = BuildAllianceNetworks(al, di, *map, o);
    ASSERT_TRUE(s.ok());
    const SignedGraph& g = s->windows[2].graph;
    int64_t k = g.FindEdge(g.FindNode("USA"), g.FindNode("KOR"));
    if (rc.sign == 0) {
      EXPECT_LT(k, 0);
    } else {
      ASSERT_GE(k, 0);
      EXPECT_EQ(g.edges()[k].sign, rc.sign);
    }
  }
  o = AllianceOptions();
  o.first_year = 1990;
  o.last_year = 1992;
  o.positive = kAtopNonaggression;
  auto s = BuildAllianceNetworks(al, di, *map, o);
  ASSERT_TRUE(s.ok());
  EXPECT_GE(s->windows[0].graph.FindNode("JPN"), 0);
  o.min_hostility = 1;
  s = BuildAllianceNetworks(al, di, *map, o);
  ASSERT_TRUE(s.ok());
  EXPECT_GE(s->windows[2].graph.FindEdge(s->windows[2].graph.FindNode("CHN"),
                                         s->windows[2].graph.FindNode("JPN")),
            0);
  o.first_year = 2000;
  o.last_year = 1999;
  EXPECT_EQ(BuildAllianceNetworks(al, di, *map, o).status().code(), Code::kInvalidArgument);
}

// End to end on the shipped ATOP 5.1 + MID 5 tables: blocs and F per year
// 1990-2014 for CHN, PRK, RUS, USA, KOR, JPN (the table in doc/analysis.md).
TEST(AllianceEndToEnd, EastAsia1990To2014) {
  auto al = ReadAtop(kData + "atop5_1_spells.csv");
  auto di = ReadMid(kData + "cow_mid5_ddy_compact.csv");
  auto map = CowCountryMap::Read(kData + "cow_iso3.csv");
  ASSERT_TRUE(al.ok() && di.ok() && map.ok());
  AllianceOptions o;
  o.first_year = 1990;
  o.last_year = 2014;
  o.states = {"CHN", "PRK", "RUS", "USA", "KOR", "JPN"};
  auto s = BuildAllianceNetworks(*al, *di, *map, o);
  ASSERT_TRUE(s.ok());
  auto b = BlocsOverTime(*s);
  ASSERT_TRUE(b.ok()) << b.status().ToString();
  ASSERT_EQ(b->size(), 25u);
  // year -> {L, edges, negative}
  const std::map<int, std::vector<int>> expected = {
      {1990, {0, 4, 0}},  {1994, {1, 11, 7}}, {1999, {1, 10, 7}}, {2001, {0, 9, 4}},
      {2006, {1, 7, 2}},  {2012, {2, 11, 7}}, {2014, {0, 13, 8}},
  };
  for (const BlocWindow& w : *b) {
    int year = std::stoi(w.window.label);
    EXPECT_TRUE(w.optimal) << year;
    auto it = expected.find(year);
    if (it != expected.end()) {
      EXPECT_EQ(w.L, it->second[0]) << year;
      EXPECT_EQ(static_cast<int>(w.edges), it->second[1]) << year;
      EXPECT_EQ(static_cast<int>(w.negative), it->second[2]) << year;
    }
    // From 1999 on: USA, KOR, JPN against CHN, PRK, RUS, every year.
    if (year >= 1999) {
      std::map<std::string, int> bloc;
      for (size_t v = 0; v < w.names.size(); ++v) bloc[w.names[v]] = w.bloc[v];
      ASSERT_EQ(bloc.size(), 6u) << year;
      EXPECT_EQ(bloc["USA"], 0) << year;
      EXPECT_EQ(bloc["KOR"], 0) << year;
      EXPECT_EQ(bloc["JPN"], 0) << year;
      EXPECT_EQ(bloc["CHN"], 1) << year;
      EXPECT_EQ(bloc["PRK"], 1) << year;
      EXPECT_EQ(bloc["RUS"], 1) << year;
    }
  }
}

// The shipped compact tables give the same networks as the original
// peacesciencer exports.
TEST(AllianceEndToEnd, CompactTablesEqualOriginals) {
  const std::string shared = std::string(ENTENTE_SHARED_DIR) + "/data/alliances/";
  if (!std::ifstream(shared + "atop5_1_ddy.csv")) GTEST_SKIP() << "shared alliances data absent";
  auto a1 = ReadAtop(kData + "atop5_1_spells.csv");
  auto a2 = ReadAtop(shared + "atop5_1_ddy.csv");
  auto m1 = ReadMid(kData + "cow_mid5_ddy_compact.csv");
  auto m2 = ReadMid(shared + "cow_mid5_ddy.csv");
  ASSERT_TRUE(a1.ok() && a2.ok() && m1.ok() && m2.ok());
  ASSERT_EQ(a1->size(), a2->size());
  for (size_t i = 0; i < a1->size(); ++i) {
    EXPECT_EQ((*a1)[i].ccode1, (*a2)[i].ccode1);
    EXPECT_EQ((*a1)[i].first_year, (*a2)[i].first_year);
    EXPECT_EQ((*a1)[i].last_year, (*a2)[i].last_year);
    EXPECT_EQ((*a1)[i].provisions, (*a2)[i].provisions);
  }
  ASSERT_EQ(m1->size(), m2->size());
  EXPECT_EQ(m2->size(), 10234u);
}

}  // namespace
}  // namespace entente
