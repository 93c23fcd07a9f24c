#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "entente/dictionary.h"

namespace entente {
namespace {

VerbDictionary MustParse(std::string_view text, LoadReport* report = nullptr) {
  auto r = VerbDictionary::Parse(text, "t.verbs", {}, report);
  EXPECT_TRUE(r.ok()) << r.status().ToString();
  return r.ok() ? std::move(r).value() : VerbDictionary();
}

// Renders a synset's phrases as "A B|C|..." sorted, for comparisons.
std::string Phrases(const VerbDictionary& d, std::string_view name) {
  auto id = d.FindSynset(name);
  if (!id) return "<unknown>";
  std::vector<std::string> out;
  for (const auto& ph : d.synsets()[*id].phrases) {
    std::string s;
    for (WordId w : ph) {
      if (!s.empty()) s.push_back(' ');
      s += d.Word(w);
    }
    out.push_back(s);
  }
  std::sort(out.begin(), out.end());
  std::string all;
  for (const auto& s : out) {
    if (!all.empty()) all.push_back('|');
    all += s;
  }
  return all;
}

const char kSmall[] =
    "####### SYNONYM SETS #######\n"
    "&CURRENCY\n"
    "+DOLLAR\n"
    "+SWISS FRANC\n"
    "+KRONER_\n"
    "+PENNY\n"
    "\n"
    "&AUXVERB3_\n"
    "+HAVE\n"
    "+HAS\n"
    "\n"
    "&MONEYISH\n"
    "+&CURRENCY\n"
    "+GOLD_\n"
    "\n"
    "####### VERB PATTERNS #######\n"
    "---  GRANT   [070]  ---\n"
    "GRANT\n"
    "GIVE {GIVES GAVE GIVEN GIVING }  # jw 11/14/91\n"
    "+CALL_OFF [160]\n"
    "WIRE_+TAP {WIRE_+TAPS WIRE_+TAPPED}\n"
    "- * &CURRENCY                 [071]   # GIVE\n"
    "- * (TO {REFUGEE CAMP})       [073:074]\n"
    "- $ * + (IN BOMBING/EXPLOSION) [:183]\n"
    "- SUGGESTED_+ * DEMAND_&MONEYISH_NOW [111]\n"
    "- % * ^ [---]\n"
    "\n"
    "---  ACCELERATE ---\n"
    "HURRY\n"
    "- &AUXVERB3 * AID [070]\n"
    "\n"
    "######## TRANSFORMATIONS ##########\n"
    "~ a (a b ATTACK) SAY = a b 015\n"
    "~ a (b . ATTACK ) WANT = a b 021\n";

TEST(VerbSynsets, PluralsNestedAndNoPluralMarkers) {
  auto d = MustParse(kSmall);
  ASSERT_EQ(d.synsets().size(), 3u);
  // Plurals: +S, Y -> IES; none for a phrase ending in '_'.
  EXPECT_EQ(Phrases(d, "&CURRENCY"), "DOLLAR|DOLLARS|KRONER|PENNIES|PENNY|SWISS FRANC|SWISS FRANCS");
  // Label ending in '_': no plurals, name stored without '_'.
  EXPECT_EQ(Phrases(d, "AUXVERB3"), "HAS|HAVE");
  EXPECT_FALSE(d.synsets()[*d.FindSynset("AUXVERB3")].plurals);
  // Nested synset: expanded in place.
  EXPECT_EQ(Phrases(d, "MONEYISH"),
            "DOLLAR|DOLLARS|GOLD|KRONER|PENNIES|PENNY|SWISS FRANC|SWISS FRANCS");
}

TEST(VerbSynsets, MatchSynsetLongestPhrase) {
  auto d = MustParse(kSmall);
  std::vector<std::string_view> w = {"swiss", "francs", "today"};
  auto ids = d.Encode(w);
  auto end = d.MatchSynsetAt(*d.FindSynset("CURRENCY"), ids, 0);
  ASSERT_TRUE(end.has_value());
  EXPECT_EQ(*end, 2u);
  EXPECT_FALSE(d.MatchSynsetAt(*d.FindSynset("CURRENCY"), ids, 2).has_value());
  PatternElement e{PatternElementKind::kSynset, false, *d.FindSynset("MONEYISH")};
  std::vector<std::string_view> g = {"gold"};
  EXPECT_TRUE(d.ElementMatchesWord(e, d.Encode(g)[0]));
}

TEST(VerbBlocks, CodesFormsAndMultiWordVerbs) {
  auto d = MustParse(kSmall);
  ASSERT_EQ(d.blocks().size(), 2u);
  EXPECT_EQ(d.blocks()[0].name, "GRANT");
  EXPECT_EQ(d.blocks()[0].code.code, "070");
  EXPECT_EQ(d.blocks()[1].code.code, "---");  // no code -> null
  EXPECT_TRUE(d.blocks()[1].code.null());
  ASSERT_EQ(d.verbs().size(), 5u);

  // Irregular forms given in {...}: only those (and the lemma).
  const Verb* gave = d.FindVerb("gave");
  ASSERT_NE(gave, nullptr);
  EXPECT_EQ(gave->lemma, "GIVE");
  EXPECT_EQ(gave->code.code, "070");
  EXPECT_FALSE(gave->own_code);
  EXPECT_EQ(d.FindVerb("GIVED"), nullptr);
  // Regular forms generated: S, ED, ING (Y -> IES / IED).
  for (const char* f : {"grant", "grants", "granted", "granting"}) EXPECT_NE(d.FindVerb(f), nullptr) << f;
  for (const char* f : {"hurries", "hurried", "hurrying"}) {
    const Verb* v = d.FindVerb(f);
    ASSERT_NE(v, nullptr) << f;
    EXPECT_EQ(v->lemma, "HURRY");
    EXPECT_EQ(d.blocks()[v->block].name, "ACCELERATE");
  }
  // '+' marks the verb word of a multi-word verb; own code.
  std::vector<std::string_view> w = {"they", "called", "off", "talks"};
  auto ids = d.Encode(w);
  auto m = d.MatchVerbAt(ids, 1);
  ASSERT_TRUE(m.has_value());
  EXPECT_EQ(m->begin, 1u);
  EXPECT_EQ(m->end, 3u);
  const Verb& v = d.verbs()[m->verb];
  EXPECT_EQ(v.lemma, "CALL OFF");
  EXPECT_EQ(v.head, 0);
  EXPECT_TRUE(v.own_code);
  EXPECT_EQ(v.code.code, "160");
  // Verb word second: WIRE_+TAP.
  std::vector<std::string_view> w2 = {"wire", "tapped"};
  auto ids2 = d.Encode(w2);
  auto m2 = d.MatchVerbAt(ids2, 1);
  ASSERT_TRUE(m2.has_value());
  EXPECT_EQ(m2->begin, 0u);
  EXPECT_EQ(d.verbs()[m2->verb].head, 1);
  EXPECT_FALSE(d.MatchVerbAt(ids2, 0).has_value());
}

TEST(VerbPatterns, EveryTokenKind) {
  auto d = MustParse(kSmall);
  const auto& blk = d.blocks()[0];
  ASSERT_EQ(blk.patterns.size(), 5u);
  using K = PatternElementKind;
  auto kinds = [&](uint32_t p) {
    std::vector<K> k;
    for (const auto& e : d.patterns()[p].elements) k.push_back(e.kind);
    return k;
  };
  // - * &CURRENCY
  EXPECT_EQ(kinds(blk.patterns[0]), (std::vector<K>{K::kVerb, K::kSynset}));
  EXPECT_EQ(d.patterns()[blk.patterns[0]].comment, "GIVE");
  EXPECT_EQ(d.patterns()[blk.patterns[0]].verb_position, 0);
  // - * (TO {REFUGEE CAMP})  [073:074]
  EXPECT_EQ(kinds(blk.patterns[1]), (std::vector<K>{K::kVerb, K::kOpenPrep, K::kWord, K::kOpenNoun, K::kWord,
                                                     K::kWord, K::kCloseNoun, K::kClosePrep}));
  const auto& p1 = d.patterns()[blk.patterns[1]];
  EXPECT_EQ(p1.code.code, "073");
  EXPECT_EQ(p1.code.reverse, "074");
  EXPECT_EQ(d.Word(p1.elements[2].index), "TO");
  // - $ * + (IN BOMBING/EXPLOSION) [:183]
  EXPECT_EQ(kinds(blk.patterns[2]), (std::vector<K>{K::kSource, K::kVerb, K::kTarget, K::kOpenPrep, K::kWord,
                                                     K::kAlternatives, K::kClosePrep}));
  const auto& p2 = d.patterns()[blk.patterns[2]];
  EXPECT_EQ(p2.code.code, "");
  EXPECT_EQ(p2.code.reverse, "183");
  EXPECT_FALSE(p2.code.null());
  EXPECT_EQ(d.alternatives(p2.elements[5].index).size(), 2u);
  // - SUGGESTED_+ * DEMAND_&MONEYISH_NOW: '_' joins consecutive elements.
  const auto& p3 = d.patterns()[blk.patterns[3]];
  EXPECT_EQ(kinds(blk.patterns[3]),
            (std::vector<K>{K::kWord, K::kTarget, K::kVerb, K::kWord, K::kSynset, K::kWord}));
  std::vector<bool> joined;
  for (const auto& e : p3.elements) joined.push_back(e.joined_to_next);
  EXPECT_EQ(joined, (std::vector<bool>{true, false, false, true, true, false}));
  EXPECT_EQ(p3.elements[4].index, *d.FindSynset("MONEYISH"));
  EXPECT_EQ(p3.verb_position, 2);
  // - % * ^ [---]
  EXPECT_EQ(kinds(blk.patterns[4]), (std::vector<K>{K::kCompound, K::kVerb, K::kSkip}));
  EXPECT_TRUE(d.patterns()[blk.patterns[4]].code.null());
  // Synset before the verb in the second block.
  const auto& p5 = d.patterns()[d.blocks()[1].patterns[0]];
  EXPECT_EQ(p5.elements[0].kind, K::kSynset);
  EXPECT_EQ(p5.line, 30u);
}

TEST(VerbTransformations, Parsed) {
  auto d = MustParse(kSmall);
  ASSERT_EQ(d.transformations().size(), 2u);
  const auto& t = d.transformations()[0];
  EXPECT_EQ(t.upper_source, "a");
  EXPECT_EQ(t.lower_source, "a");
  EXPECT_EQ(t.lower_target, "b");
  EXPECT_EQ(t.lower_verb, "ATTACK");
  EXPECT_EQ(t.upper_verb, "SAY");
  EXPECT_EQ(t.result_code, "015");
  EXPECT_EQ(d.transformations()[1].lower_source, "b");
  EXPECT_EQ(d.transformations()[1].lower_target, ".");
}

TEST(VerbParse, ReportCountsEntries) {
  LoadReport rep;
  auto d = MustParse(kSmall, &rep);
  ASSERT_EQ(rep.files.size(), 1u);
  // 5 verbs + 6 patterns + 3 synsets + 2 transformations.
  EXPECT_EQ(rep.files[0].entries, 16u);
  EXPECT_EQ(rep.files[0].kind, "verbs");
  EXPECT_EQ(rep.skipped, 0u);
}

TEST(VerbParse, LegacyFormatConstructs) {
  // PETRARCH 1 validation style: HTML comments, synsets defined between
  // blocks and used later, second synset definition merged, blank-separated
  // multi-word verb, TABARI codes.
  const char text[] =
      "<!-- PETRARCH VALIDATION SUITE VERBS DICTIONARY -->\n"
      "&TIETYPES\n+MILITARY\n+ECONOMIC\n"
      "--- LASH OUT  [122] ---\n"
      "LASH OUT\n"
      "- * AT &LATER [123]\n"
      "&LATER\n+FOE\n"
      "&TIETYPES\n+CULTURAL\n"
      "--- BLAST  [+++]  ---\n"
      "BLAST\n"
      "- * THE_WOGS  [abc]  # pas\n";
  LoadReport rep;
  auto d = MustParse(text, &rep);
  EXPECT_EQ(rep.skipped, 0u);
  EXPECT_EQ(rep.files[0].duplicates, 1u);  // second &TIETYPES
  EXPECT_EQ(Phrases(d, "TIETYPES"), "CULTURAL|CULTURALS|ECONOMIC|ECONOMICS|MILITARIES|MILITARY");
  ASSERT_NE(d.FindVerb("lashed"), nullptr);
  EXPECT_EQ(d.FindVerb("lashed")->lemma, "LASH OUT");
  EXPECT_EQ(d.blocks()[1].code.raw, "+++");
  ASSERT_EQ(d.patterns().size(), 2u);
  EXPECT_EQ(d.patterns()[0].elements[2].index, *d.FindSynset("LATER"));
  EXPECT_EQ(d.patterns()[1].code.code, "abc");
}

struct BadCase {
  const char* name;
  const char* text;
  uint32_t line;
  const char* what;
};

TEST(VerbErrors, MalformedEntriesNameFileAndLine) {
  const BadCase cases[] = {
      {"unterminated code", "--- A [010] ---\nA\n- * FOO [011\n", 3, "unterminated '['"},
      {"unterminated forms", "--- A [010] ---\nA {AS ADE\nB\n", 2, "unterminated '{'"},
      {"unterminated noun phrase", "--- A [010] ---\nA\n- * {FOO BAR [011]\n", 3, "unterminated '{'"},
      {"unterminated prep", "--- A [010] ---\nA\n- * (TO BAR [011]\n", 3, "unterminated '('"},
      {"stray paren", "--- A [010] ---\nA\n- * VISIT) [011]\n", 3, "')' without '('"},
      {"unterminated header", "--- A [010 ---\n--- B ---\nB\n", 1, "unterminated '['"},
      {"self synset", "&SELF\n+&SELF\n+WORD\n--- A ---\nA\n", 2, "refers to itself"},
      {"cycle", "&ONE\n+&TWO\n&TWO\n+&ONE\n--- A ---\nA\n", 4, "cycle"},
      {"unknown synset in synset", "&ONE\n+&NOPE\n--- A ---\nA\n", 2, "unknown synset &NOPE"},
      {"unknown synset in pattern", "--- A [010] ---\nA\n- * &WEATHER [011]\n", 3, "unknown synset &WEATHER"},
      {"pattern without code", "--- A [010] ---\nA\n- * FOO\n", 3, "without a [code]"},
      {"verb before block", "A\n--- B ---\nB\n", 1, "outside a verb block"},
      {"stray star", "--- A ---\nA\n* (TO QUESTION) [110]\n", 3, "unexpected character"},
      {"glued star", "--- A ---\nA\n- *SCEPTICAL [012]\n", 3, "unknown pattern token"},
      {"bad transformation", "--- A ---\nA\n~ a (a b) SAY = a b 015\n", 3, "bad transformation"},
      {"paired code", "--- A ---\nA\n- * X [010:]\n", 3, "bad paired code"},
  };
  for (const auto& c : cases) {
    LoadReport rep;
    std::vector<Status> seen;
    DictionaryLoadOptions opts;
    opts.on_error = [&](const Status& s) { seen.push_back(s); };
    auto r = VerbDictionary::Parse(c.text, "bad.verbs", opts, &rep);
    ASSERT_TRUE(r.ok()) << c.name << ": " << r.status().ToString();
    ASSERT_EQ(seen.size(), 1u) << c.name << ": " << (seen.empty() ? "" : seen[0].message());
    std::string want = "bad.verbs:" + std::to_string(c.line) + ": ";
    EXPECT_NE(seen[0].message().find(want), std::string::npos) << c.name << ": " << seen[0].message();
    EXPECT_NE(seen[0].message().find(c.what), std::string::npos) << c.name << ": " << seen[0].message();
    EXPECT_EQ(rep.skipped, 1u) << c.name;
    DictionaryLoadOptions strict;
    strict.strict = true;
    auto s = VerbDictionary::Parse(c.text, "bad.verbs", strict);
    ASSERT_FALSE(s.ok()) << c.name;
    EXPECT_NE(s.status().message().find(want), std::string::npos) << c.name;
  }
}

TEST(VerbErrors, SkippedEntryLeavesTheRest) {
  LoadReport rep;
  auto d = MustParse("--- A [010] ---\nA\n- * &NOPE [011]\n- * FOO [012]\n", &rep);
  ASSERT_EQ(d.patterns().size(), 1u);
  EXPECT_EQ(d.patterns()[0].code.code, "012");
  EXPECT_EQ(d.blocks()[0].patterns.size(), 1u);
  EXPECT_EQ(rep.skipped, 1u);
}

TEST(VerbErrors, EmptyFile) {
  LoadReport rep;
  auto r = VerbDictionary::Parse("   \n# nothing\n<!-- nothing -->\n", "empty.verbs", {}, &rep);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), Code::kEmpty);
  EXPECT_NE(r.status().message().find("empty.verbs"), std::string::npos);
  ASSERT_EQ(rep.errors.size(), 1u);
  EXPECT_EQ(rep.errors[0].code(), Code::kEmpty);
}

}  // namespace
}  // namespace entente
