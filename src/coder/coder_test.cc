// Unit tests of the event coder on hand-built dependency parses.
#include "entente/coder.h"

#include <ostream>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include <gtest/gtest.h>

namespace entente {
namespace {

constexpr char kVerbs[] = R"(
&CURRENCY
+DOLLAR
+EURO

--- CRITICIZE [111] ---
CRITICIZE
CRITICISE

--- VISIT [042:043] ---
VISIT

--- MEET [040] ---
MEET {MEETS MET MEETING}

--- RESTORE [050] ---
RESTORE
- * {DIPLOMATIC TIES} [051]

--- CONTRIBUTE [070] ---
CONTRIBUTE
- * &CURRENCY [071]

--- SAY [010] ---
SAY {SAYS SAID SAYING}

--- ATTACK [190] ---
ATTACK

--- IGNORE [---] ---
IGNORE

--- SEEK [030] ---
SEEK {SEEKS SOUGHT SEEKING}

--- HELP [070] ---
HELP

--- URGE [020] ---
URGE

--- ARRIVE [040] ---
ARRIVE

--- GO [040] ---
GO

--- KILL [190] ---
KILL {KILLS KILLED KILLING}
- * TROOPS [193]
- REBEL * [194]
)";

constexpr char kActors[] = R"(
CHINA_ [CHN]
+CHINESE_
NATO_ [IGOWSTNAT]
SOUTH_KOREA_ [KOR]
+SOUTH_KOREAN_
NORTH_KOREA_ [PRK]
ARNOR_ [ARN]
GONDOR_ [GON]
MORDOR_ [MOR]
+BARAD-DUR_
SMEAGOL
	[HOBGOV <19950101]
	[HOB >19950102]
)";

constexpr char kAgents[] = R"(
FOREIGN_MINISTRY [~GOV]
SPOKESPERSON [~GOV]
TROOPS {} [~MIL]
REBEL [~REB]
)";

constexpr char kDiscards[] = R"(
BASEBALL
+WORLD CUP
)";

// A hand-built parse of one sentence: a token a line, CoNLL-U-like columns
//
//   form lemma upos head deprel [xpos=TAG] [SpaceAfter=No]
//
// (head 1-based, 0 = root).  A "# sent_id = ID" line names the sentence
// (default "s1"); other "#" lines are comments; blank lines are skipped.  The text is the forms joined by
// spaces.
Sentence Conll(std::string_view rows) {
  Sentence s;
  s.id = "s1";
  std::istringstream lines{std::string(rows)};
  std::string line;
  while (std::getline(lines, line)) {
    std::istringstream in(line);
    std::string first;
    if (!(in >> first)) continue;
    if (first[0] == '#') {  // a comment; "# sent_id = ID" names the sentence
      std::string key, eq;
      if (first == "#" && in >> key && key == "sent_id" && !(in >> eq >> s.id && eq == "="))
        ADD_FAILURE() << "bad sent_id line in a test sentence: " << line;
      continue;
    }
    Token t;
    t.form = first;
    if (!(in >> t.lemma >> t.upos >> t.head >> t.deprel)) ADD_FAILURE() << "bad token line in a test sentence: " << line;
    for (std::string extra; in >> extra;) {
      if (extra.rfind("xpos=", 0) == 0) {
        t.xpos = extra.substr(5);
      } else if (extra == "SpaceAfter=No") {
        t.space_after = false;
      } else {
        ADD_FAILURE() << "bad column '" << extra << "' in a test sentence: " << line;
      }
    }
    if (!s.text.empty()) s.text += ' ';
    s.text += t.form;
    s.tokens.push_back(std::move(t));
  }
  return s;
}

class CoderTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto v = VerbDictionary::Parse(kVerbs, "test.verbs");
    auto a = ActorDictionary::Parse(kActors, "test.actors");
    auto g = AgentDictionary::Parse(kAgents, "test.agents");
    auto d = DiscardDictionary::Parse(kDiscards, "test.discards");
    ASSERT_TRUE(v.ok()) << v.status().ToString();
    ASSERT_TRUE(a.ok()) << a.status().ToString();
    ASSERT_TRUE(g.ok()) << g.status().ToString();
    ASSERT_TRUE(d.ok()) << d.status().ToString();
    dicts_.verbs = *v;
    dicts_.actors = *a;
    dicts_.agents = *g;
    dicts_.discards = *d;
  }

  std::vector<Event> Code(std::vector<Sentence> sentences, CoderOptions opts = {},
                          std::string date = "2023-01-30", CoderStats* stats = nullptr) {
    opts.verbs_name = "test.verbs";
    auto coder = Coder::Create(&dicts_, nullptr, opts);
    EXPECT_TRUE(coder.ok());
    Document doc;
    doc.id = "doc1";
    doc.date = date;
    doc.source = "AFP";
    doc.url = "https://example.org/a";
    doc.sentences = std::move(sentences);
    std::vector<Event> events;
    (*coder)->Code(doc, &events, stats);
    return events;
  }

  static std::vector<std::string> Triples(const std::vector<Event>& events) {
    std::vector<std::string> out;
    for (const auto& e : events) out.push_back(e.source_actor + " " + e.code + " " + e.target_actor);
    return out;
  }

  EventDictionaries dicts_;
};

using Strings = std::vector<std::string>;

// ---------------------------------------------------------------- sentences
// used by more than one check

// Chinese Foreign Ministry spokesperson Mao Ning criticised NATO
constexpr char kSpokespersonCriticisedNato[] = R"(
  Chinese       chinese       ADJ    4  amod
  Foreign       foreign       PROPN  3  compound
  Ministry      ministry      PROPN  4  compound
  spokesperson  spokesperson  NOUN   7  nsubj
  Mao           Mao           PROPN  4  appos
  Ning          Ning          PROPN  5  flat
  criticised    criticise     VERB   0  root
  NATO          NATO          PROPN  7  obj
)";

// China and Arnor met
constexpr char kChinaAndArnorMet[] = R"(
  China  China  PROPN  4  nsubj
  and    and    CCONJ  3  cc
  Arnor  Arnor  PROPN  1  conj
  met    meet   VERB   0  root
)";

// China and Arnor said
constexpr char kChinaAndArnorSaid[] = R"(
  China  China  PROPN  4  nsubj
  and    and    CCONJ  3  cc
  Arnor  Arnor  PROPN  1  conj
  said   say    VERB   0  root
)";

// Arnor restored diplomatic ties with Gondor
constexpr char kArnorRestoredDiplomaticTies[] = R"(
  Arnor       Arnor       PROPN  2  nsubj
  restored    restore     VERB   0  root
  diplomatic  diplomatic  ADJ    4  amod
  ties        ties        NOUN   2  obj
  with        with        ADP    6  case
  Gondor      Gondor      PROPN  2  obl
)";

// China did not criticise NATO
constexpr char kChinaDidNotCriticiseNato[] = R"(
  China      China      PROPN  4  nsubj
  did        do         AUX    4  aux
  not        not        PART   4  advmod
  criticise  criticise  VERB   0  root
  NATO       NATO       PROPN  4  obj
)";

// Arnor said Gondor attacked NATO
constexpr char kArnorSaidGondorAttackedNato[] = R"(
  Arnor     Arnor   PROPN  2  nsubj
  said      say     VERB   0  root
  Gondor    Gondor  PROPN  4  nsubj
  attacked  attack  VERB   2  ccomp
  NATO      NATO    PROPN  4  obj
)";

// Smeagol attacked Gondor
constexpr char kSmeagolAttackedGondor[] = R"(
  Smeagol   Smeagol  PROPN  2  nsubj
  attacked  attack   VERB   0  root
  Gondor    Gondor   PROPN  2  obj
)";

// Arnor restored order. / It attacked Gondor.
constexpr char kArnorRestoredOrder[] = R"(
  # sent_id = s1
  Arnor     Arnor    PROPN  2  nsubj
  restored  restore  VERB   0  root
  order     order    NOUN   2  obj
)";
constexpr char kItAttackedGondor[] = R"(
  # sent_id = s2
  It        it      PRON   2  nsubj
  attacked  attack  VERB   0  root
  Gondor    Gondor  PROPN  2  obj
)";

// Arnor seeks to help Gondor
constexpr char kArnorSeeksToHelpGondor[] = R"(
  Arnor   Arnor   PROPN  2  nsubj
  seeks   seek    VERB   0  root
  to      to      PART   4  mark
  help    help    VERB   2  xcomp
  Gondor  Gondor  PROPN  4  obj
)";

// ---------------------------------------------------------------- a
// document in, the events' "SOURCE CODE TARGET" out (in order)

struct CodingCase {
  const char* name;                   // the row's name: in failure output and in ctest
  std::vector<std::string_view> doc;  // its sentences, see Conll()
  Strings want;                       // a triple an event, in order; {} = no event
  CoderOptions options = {};
  const char* date = "2023-01-30";
};

void PrintTo(const CodingCase& c, std::ostream* os) { *os << c.name; }

const CodingCase kCodingCases[] = {
    {.name = "MultiWordActorWithAgent",
     .doc = {R"(
       # South Korean troops attacked Gondor
       South     south   ADJ    3  amod
       Korean    korean  ADJ    3  amod
       troops    troop   NOUN   4  nsubj
       attacked  attack  VERB   0  root
       Gondor    Gondor  PROPN  4  obj
     )"},
     .want = {"KORMIL 190 GON"}},

    {.name = "CompoundSubjectGivesOneEventPerActor",
     .doc = {R"(
       # China and North Korea criticised NATO
       China       China      PROPN  5  nsubj
       and         and        CCONJ  4  cc
       North       North      PROPN  4  compound
       Korea       Korea      PROPN  1  conj
       criticised  criticise  VERB   0  root
       NATO        NATO       PROPN  5  obj
     )"},
     .want = {"CHN 111 IGOWSTNAT", "PRK 111 IGOWSTNAT"}},

    {.name = "CompoundSubjectWithoutTargetPairsUp",
     .doc = {kChinaAndArnorMet},
     .want = {"CHN 040 ARN", "ARN 040 CHN"}},
    {.name = "CompoundSubjectWithoutTargetPairsUp_NotWithPairingOff",
     .doc = {kChinaAndArnorMet},
     .want = {},
     .options = {.pair_compound_subjects = false}},

    // Two statements, neither to the other (with require_dyad, no event at
    // all) -- unlike "China and Arnor met".
    {.name = "CompoundSubjectOfAStatementIsNotPaired",
     .doc = {kChinaAndArnorSaid},
     .want = {}},
    {.name = "CompoundSubjectOfAStatementIsNotPaired_OneStatementEachWithoutDyads",
     .doc = {kChinaAndArnorSaid},
     .want = {"CHN 010 ", "ARN 010 "},
     .options = {.require_dyad = false}},

    {.name = "PassiveVoiceSwapsRoles",
     .doc = {R"(
       # NATO was criticised by China
       NATO        NATO       PROPN  3  nsubj:pass
       was         be         AUX    3  aux:pass
       criticised  criticise  VERB   0  root
       by          by         ADP    5  case
       China       China      PROPN  3  obl:agent
     )"},
     .want = {"CHN 111 IGOWSTNAT"}},

    // -> 042 and the reverse 043
    {.name = "PairedCodeGivesBothDirections",
     .doc = {R"(
       # NATO visited South Korea
       NATO     NATO   PROPN  2  nsubj
       visited  visit  VERB   0  root
       South    South  PROPN  4  compound
       Korea    Korea  PROPN  2  obj
     )"},
     .want = {"IGOWSTNAT 042 KOR", "KOR 043 IGOWSTNAT"}},

    // "- * {DIPLOMATIC TIES} [051]"; see also PatternNamesTheMatchedPhrase.
    {.name = "PatternsAndFallbackToBaseCode_Pattern",
     .doc = {kArnorRestoredDiplomaticTies},
     .want = {"ARN 051 GON"}},
    {.name = "PatternsAndFallbackToBaseCode_Fallback",
     .doc = {R"(
       # Arnor restored public order with Gondor
       Arnor     Arnor    PROPN  2  nsubj
       restored  restore  VERB   0  root
       public    public   ADJ    4  amod
       order     order    NOUN   2  obj
       with      with     ADP    6  case
       Gondor    Gondor   PROPN  2  obl
     )"},
     .want = {"ARN 050 GON"}},

    {.name = "SynsetInPattern",
     .doc = {R"(
       # Arnor contributed euros to Gondor
       Arnor        Arnor       PROPN  2  nsubj
       contributed  contribute  VERB   0  root
       euros        euro        NOUN   2  obj
       to           to          ADP    5  case
       Gondor       Gondor      PROPN  2  obl
     )"},
     .want = {"ARN 071 GON"}},

    {.name = "NullCodeGivesNoEvent",
     .doc = {R"(
       Arnor    Arnor   PROPN  2  nsubj
       ignored  ignore  VERB   0  root
       Gondor   Gondor  PROPN  2  obj
     )"},
     .want = {}},

    // The built-in PICO table defines no negation of 111: no event.  (An
    // ontology that does: NegationThroughAGivenOntology.)
    {.name = "Negation",
     .doc = {kChinaDidNotCriticiseNato},
     .want = {}},
    {.name = "Negation_Ignored",
     .doc = {kChinaDidNotCriticiseNato},
     .want = {"CHN 111 IGOWSTNAT"},
     .options = {.negation = NegationMode::kIgnore}},
    {.name = "Negation_Dropped",
     .doc = {kChinaDidNotCriticiseNato},
     .want = {},
     .options = {.negation = NegationMode::kDrop}},

    {.name = "StatementCodesTheEmbeddedEventWithResolvedPronoun",
     .doc = {R"(
       # Arnor said it would attack Gondor
       Arnor   Arnor   PROPN  2  nsubj
       said    say     VERB   0  root
       it      it      PRON   5  nsubj
       would   would   AUX    5  aux
       attack  attack  VERB   2  ccomp
       Gondor  Gondor  PROPN  5  obj
     )"},
     .want = {"ARN 190 GON"}},

    // The embedded event, and (the complement's subject as target) ARN 010 GON.
    {.name = "StatementAboutAnotherActor",
     .doc = {kArnorSaidGondorAttackedNato},
     .want = {"ARN 010 GON", "GON 190 IGOWSTNAT"}},
    {.name = "StatementAboutAnotherActor_NotCodingStatements",
     .doc = {kArnorSaidGondorAttackedNato},
     .want = {"GON 190 IGOWSTNAT"},
     .options = {.code_statements = false}},

    {.name = "ActorDateRestrictions_Before",
     .doc = {kSmeagolAttackedGondor},
     .want = {"HOBGOV 190 GON"},
     .date = "1994-06-01"},
    {.name = "ActorDateRestrictions_After",
     .doc = {kSmeagolAttackedGondor},
     .want = {"HOB 190 GON"},
     .date = "1996-06-01"},

    // (The alliance: AllianceResolvedFromEarlierSentence.)
    {.name = "PronounResolvedFromEarlierSentence",
     .doc = {kArnorRestoredOrder, kItAttackedGondor},
     .want = {"ARN 190 GON"}},
    // Ambiguous: two earlier actors, a pronoun is not resolved.
    {.name = "PronounResolvedFromEarlierSentence_NotWhenAmbiguous",
     .doc = {R"(
               # sent_id = a1
               Arnor       Arnor      PROPN  2  nsubj
               criticised  criticise  VERB   0  root
               China       China      PROPN  2  obj
             )",
             kItAttackedGondor},
     .want = {"ARN 111 CHN"}},
    {.name = "PronounResolvedFromEarlierSentence_NotWhenOff",
     .doc = {kArnorRestoredOrder, kItAttackedGondor},
     .want = {},
     .options = {.resolve_pronouns = false}},

    // SEEK 030 (0x3000) + HELP 070 (0x0040) -> 033.
    {.name = "UpperVerbComposesWithItsInfinitive",
     .doc = {kArnorSeeksToHelpGondor},
     .want = {"ARN 033 GON"}},
    {.name = "UpperVerbComposesWithItsInfinitive_NotWhenOff",
     .doc = {kArnorSeeksToHelpGondor},
     .want = {"ARN 070 GON"},
     .options = {.compose_verbs = false}},

    // URGE 020 (0x2000) + HELP 070 (0x0040) -> 023 towards the object.
    {.name = "ObjectControlComposesOnlyWithABasicLowerVerb",
     .doc = {R"(
       # Arnor urged Gondor to help China
       Arnor   Arnor   PROPN  2  nsubj
       urged   urge    VERB   0  root
       Gondor  Gondor  PROPN  2  iobj
       to      to      PART   5  mark
       help    help    VERB   2  xcomp
       China   China   PROPN  5  obj
     )"},
     .want = {"ARN 023 GON"}},
    // CRITICIZE 111 is high-level (0x7001): no composition; the appeal and
    // the criticism each stand.
    {.name = "ObjectControlComposesOnlyWithABasicLowerVerb_NotWithAHighLevelOne",
     .doc = {R"(
       # Arnor urged Gondor to criticise China
       Arnor      Arnor      PROPN  2  nsubj
       urged      urge       VERB   0  root
       Gondor     Gondor     PROPN  2  iobj
       to         to         PART   5  mark
       criticise  criticise  VERB   2  xcomp
       China      China      PROPN  5  obj
     )"},
     .want = {"ARN 020 GON", "GON 111 CHN"}},

    {.name = "AgentlessPassiveRaisesItsSubjectIntoTheInfinitive",
     .doc = {R"(
       # Arnor is scheduled to meet Gondor
       Arnor      Arnor     PROPN  3  nsubj:pass
       is         be        AUX    3  aux:pass
       scheduled  schedule  VERB   0  root
       to         to        PART   5  mark
       meet       meet      VERB   3  xcomp
       Gondor     Gondor    PROPN  5  obj
     )"},
     .want = {"ARN 040 GON"}},

    // No ARN 010 GON pairs.
    {.name = "PluralPronounTakesTheCompoundSubject",
     .doc = {R"(
       # Arnor and Gondor said they will attack NATO
       Arnor   Arnor   PROPN  4  nsubj
       and     and     CCONJ  3  cc
       Gondor  Gondor  PROPN  1  conj
       said    say     VERB   0  root
       they    they    PRON   7  nsubj
       will    will    AUX    7  aux
       attack  attack  VERB   4  ccomp
       NATO    NATO    PROPN  7  obj
     )"},
     .want = {"ARN 190 IGOWSTNAT", "GON 190 IGOWSTNAT"}},

    {.name = "AgentOnlyConjunctTakesEveryActorOfTheFirstConjunct",
     .doc = {R"(
       # Lawmakers in Arnor and Gondor and troops attacked NATO
       Lawmakers  lawmaker  NOUN   8  nsubj
       in         in        ADP    3  case
       Arnor      Arnor     PROPN  1  nmod
       and        and       CCONJ  5  cc
       Gondor     Gondor    PROPN  3  conj
       and        and       CCONJ  7  cc
       troops     troop     NOUN   1  conj
       attacked   attack    VERB   0  root
       NATO       NATO      PROPN  8  obj
     )"},
     .want = {"ARN 190 IGOWSTNAT", "GON 190 IGOWSTNAT", "ARNMIL 190 IGOWSTNAT", "GONMIL 190 IGOWSTNAT"}},

    // "* TROOPS" sees the passive subject after the verb, "REBEL *" the
    // by-agent before it; the longer match (2 elements) wins over neither:
    // both have one, file order -> 193.
    {.name = "PassiveIsMatchedInActiveOrder",
     .doc = {R"(
       # Arnor troops were killed by Gondor rebels
       Arnor   Arnor   PROPN  2  compound
       troops  troops  NOUN   4  nsubj:pass
       were    be      AUX    4  aux:pass
       killed  kill    VERB   0  root
       by      by      ADP    7  case
       Gondor  Gondor  PROPN  7  compound
       rebels  rebel   NOUN   4  obl
     )"},
     .want = {"GONREB 193 ARNMIL"}},

    {.name = "ExistentialThereMakesAReducedPassive",
     .doc = {R"(
       # There were troops killed in Gondor (parsed troops <-nsubj- killed)
       There   there   PRON   2  expl
       were    be      VERB   0  root
       Arnor   Arnor   PROPN  4  compound
       troops  troops  NOUN   5  nsubj
       killed  kill    VERB   2  csubj
       in      in      ADP    7  case
       Gondor  Gondor  PROPN  5  obl
     )"},
     .want = {"GON 193 ARNMIL"}},

    // There were Arnor troops killed in Gondor, parsed with "troops" the
    // subject of "were" and "killed" its acl: still a reduced passive whose
    // complement names the source.  (The noun lies outside the participle's
    // clause, so "* TROOPS" [193] is not matched here, unlike with the csubj
    // parse above: KILL's 190.)
    {.name = "ExistentialSubjectWithParticipleAcl",
     .doc = {R"(
       There   there   PRON   2  expl
       were    be      VERB   0  root
       Arnor   Arnor   PROPN  4  compound
       troops  troops  NOUN   2  nsubj
       killed  kill    VERB   4  acl       xpos=VBN
       in      in      ADP    7  case
       Gondor  Gondor  PROPN  5  obl
     )"},
     .want = {"GON 190 ARNMIL"}},
    // Without "there" it is an ordinary reduced relative ("Arnor troops
    // killed in Gondor were ..."), whose source is named only by "by".
    {.name = "ExistentialSubjectWithParticipleAcl_NotWithoutThere",
     .doc = {R"(
       were    be      VERB   0  root
       Arnor   Arnor   PROPN  3  compound
       troops  troops  NOUN   1  nsubj
       killed  kill    VERB   3  acl       xpos=VBN
       in      in      ADP    6  case
       Gondor  Gondor  PROPN  4  obl
     )"},
     .want = {}},

    // Gondor was attacked by a missile believed to be fired by Mordor, with
    // "believed" parsed as a conjunct of "attacked" (no "and", no comma).
    {.name = "UncoordinatedParticipleConjunctIsAReducedRelative",
     .doc = {R"(
       Gondor    Gondor   PROPN  3   nsubj:pass
       was       be       AUX    3   aux:pass
       attacked  attack   VERB   0   root        xpos=VBN
       by        by       ADP    6   case
       a         a        DET    6   det
       missile   missile  NOUN   3   obl:agent
       believed  believe  VERB   3   conj        xpos=VBN
       to        to       PART   10  mark
       be        be       AUX    10  aux:pass
       fired     fire     VERB   7   xcomp       xpos=VBN
       by        by       ADP    12  case
       Mordor    Mordor   PROPN  10  obl:agent
     )"},
     .want = {"MOR 190 GON"}},
    // A real coordination ("... by a missile and believed ...") is left alone.
    {.name = "UncoordinatedParticipleConjunctIsAReducedRelative_NotACoordinatedOne",
     .doc = {R"(
       Gondor    Gondor   PROPN  3   nsubj:pass
       was       be       AUX    3   aux:pass
       attacked  attack   VERB   0   root        xpos=VBN
       by        by       ADP    6   case
       a         a        DET    6   det
       missile   missile  NOUN   3   obl:agent
       and       and      CCONJ  8   cc
       believed  believe  VERB   3   conj        xpos=VBN
       to        to       PART   11  mark
       be        be       AUX    11  aux:pass
       fired     fire     VERB   8   xcomp       xpos=VBN
       by        by       ADP    13  case
       Mordor    Mordor   PROPN  11  obl:agent
     )"},
     .want = {}},

    // Arnor criticised the attack targeting the embassy in Gondor, with
    // "targeting" parsed as an advcl of "criticised".
    {.name = "ParticipleAfterTheObjectLendsItsTarget",
     .doc = {R"(
       Arnor       Arnor      PROPN  2  nsubj
       criticised  criticise  VERB   0  root
       the         the        DET    4  det
       attack      attack     NOUN   2  obj
       targeting   target     VERB   2  advcl  xpos=VBG
       the         the        DET    7  det
       embassy     embassy    NOUN   5  obj
       in          in         ADP    9  case
       Gondor      Gondor     PROPN  5  obl
     )"},
     .want = {"ARN 111 GON"}},
    // After a comma the participle is adverbial ("..., targeting ..."): no
    // target.
    {.name = "ParticipleAfterTheObjectLendsItsTarget_NotAfterAComma",
     .doc = {R"(
       Arnor       Arnor      PROPN  2   nsubj
       criticised  criticise  VERB   0   root
       the         the        DET    4   det
       attack      attack     NOUN   2   obj
       ,           ,          PUNCT  6   punct
       targeting   target     VERB   2   advcl  xpos=VBG
       the         the        DET    8   det
       embassy     embassy    NOUN   6   obj
       in          in         ADP    10  case
       Gondor      Gondor     PROPN  6   obl
     )"},
     .want = {}},

    // Arnor met with Gondor to discuss ties, parsed with "with" the mark and
    // "Gondor" the subject of "discuss".
    {.name = "WithPhraseMisparsedAsAbsoluteClauseIsTheComplement",
     .doc = {R"(
       Arnor    Arnor    PROPN  2  nsubj
       met      meet     VERB   0  root
       with     with     SCONJ  6  mark
       Gondor   Gondor   PROPN  6  nsubj
       to       to       PART   6  mark
       discuss  discuss  VERB   2  advcl
       ties     tie      NOUN   6  obj
     )"},
     .want = {"ARN 040 GON"}},
    // Without the infinitive it is a real absolute clause ("met, with Gondor
    // discussing ties"): Gondor is no complement of "met".
    {.name = "WithPhraseMisparsedAsAbsoluteClauseIsTheComplement_NotARealAbsoluteClause",
     .doc = {R"(
       Arnor    Arnor    PROPN  2  nsubj
       met      meet     VERB   0  root
       with     with     SCONJ  6  mark
       Gondor   Gondor   PROPN  6  nsubj
       then     then     ADV    6  advmod
       discuss  discuss  VERB   2  advcl
       ties     tie      NOUN   6  obj
     )"},
     .want = {}},

    // Arnor attacked a rebel-held part of Gondor (tokenised "rebel - held"),
    // parsed with "rebel" the object and "part" an xcomp.
    {.name = "HyphenGluedAgentIsAModifierAndNominalXcompAnObject",
     .doc = {R"(
       Arnor     Arnor     PROPN  2  nsubj
       attacked  attack    VERB   0  root
       a         a         DET    4  det
       rebel     rebel     NOUN   2  obj       SpaceAfter=No
       -         -         PUNCT  6  punct     SpaceAfter=No
       held      hold      VERB   7  amod
       part      part      NOUN   2  xcomp
       of        of        ADP    9  case
       Gondor    Gondor    PROPN  7  nmod
     )"},
     .want = {"ARN 190 GON"}},
    // "rebel - held" with spaces: "rebel" is a word of its own, the object.
    {.name = "HyphenGluedAgentIsAModifierAndNominalXcompAnObject_NotWithSpaces",
     .doc = {R"(
       Arnor     Arnor     PROPN  2  nsubj
       attacked  attack    VERB   0  root
       a         a         DET    4  det
       rebel     rebel     NOUN   2  obj
       -         -         PUNCT  6  punct
       held      hold      VERB   7  amod
       part      part      NOUN   2  xcomp
       of        of        ADP    9  case
       Gondor    Gondor    PROPN  7  nmod
     )"},
     .want = {"ARN 190 ---REB"}},

    // "attacks" is a form the dictionary generates; "attackes" is not, and
    // its lemma must not rescue it.
    {.name = "RegularLookingFormsAreNotLemmatised_AGeneratedForm",
     .doc = {R"(
       Arnor    Arnor   PROPN  2  nsubj
       attacks  attack  VERB   0  root
       Gondor   Gondor  PROPN  2  obj
     )"},
     .want = {"ARN 190 GON"}},
    {.name = "RegularLookingFormsAreNotLemmatised",
     .doc = {R"(
       Arnor     Arnor   PROPN  2  nsubj
       attackes  attack  VERB   0  root
       Gondor    Gondor  PROPN  2  obj
     )"},
     .want = {}},

    // ------------------------------------------------ seed constructions
    // and tolerance to imperfect parses

    // The first sentence has two actors (CHNGOV, NATO); "she" and "Mao" are
    // the person among them.
    {.name = "SheAndBareNameReferToTheEarlierPerson_She",
     .doc = {kSpokespersonCriticisedNato, R"(
               # sent_id = s2
               She         She        PRON   2  nsubj
               criticised  criticise  VERB   0  root
               South       South      PROPN  4  compound
               Korea       Korea      PROPN  2  obj
             )"},
     .want = {"CHNGOV 111 IGOWSTNAT", "CHNGOV 111 KOR"}},
    {.name = "SheAndBareNameReferToTheEarlierPerson_Mao",
     .doc = {kSpokespersonCriticisedNato, R"(
               # sent_id = s2
               Mao         Mao        PROPN  2  nsubj
               criticised  criticise  VERB   0  root
               South       South      PROPN  4  compound
               Korea       Korea      PROPN  2  obj
             )"},
     .want = {"CHNGOV 111 IGOWSTNAT", "CHNGOV 111 KOR"}},

    // Outside a statement "we" is the writer: no event, though NATO was the
    // only actor of the sentence before.
    {.name = "WeNamesOnlyTheSpeakerOfTheGoverningClause_NotTheWriter",
     .doc = {R"(
               # sent_id = s0
               NATO        NATO       PROPN  2  nsubj
               criticised  criticise  VERB   0  root
               Gondor      Gondor     PROPN  2  obj
             )",
             R"(
               # We criticised China
               We          we         PRON   2  nsubj
               criticised  criticise  VERB   0  root
               China       China      PROPN  2  obj
             )"},
     .want = {"IGOWSTNAT 111 GON"}},
    // Inside one, the speaker ("she" = the spokesperson).
    {.name = "WeNamesOnlyTheSpeakerOfTheGoverningClause",
     .doc = {R"(
               # sent_id = s0
               Chinese       chinese       ADJ    4  amod
               Foreign       foreign       PROPN  3  compound
               Ministry      ministry      PROPN  4  compound
               spokesperson  spokesperson  NOUN   7  nsubj
               Mao           Mao           PROPN  4  appos
               Ning          Ning          PROPN  5  flat
               criticised    criticise     VERB   0  root
               NATO          NATO          PROPN  7  obj
             )",
             R"(
               # "We criticised China", she said
               We          we         PRON   2  nsubj
               criticised  criticise  VERB   6  ccomp
               China       China      PROPN  2  obj
               ,           ,          PUNCT  2  punct
               she         she        PRON   6  nsubj
               said        say        VERB   0  root
             )"},
     .want = {"CHNGOV 111 IGOWSTNAT", "CHNGOV 111 CHN"}},

    {.name = "CleftFocusIsTheStatementTarget",
     .doc = {R"(
       # Arnor said it was NATO that ignored the talks
       Arnor    Arnor   PROPN  2  nsubj
       said     say     VERB   0  root
       it       it      PRON   5  expl
       was      be      AUX    5  cop
       NATO     NATO    PROPN  2  ccomp
       that     that    PRON   7  nsubj
       ignored  ignore  VERB   5  acl:relcl
       talks    talk    NOUN   7  obj
     )"},
     .want = {"ARN 010 IGOWSTNAT"}},

    // (the parser hangs "said" on the quote's verb as a dep)
    {.name = "QuoteAttributedAfterTheQuote",
     .doc = {R"(
       # “NATO ignored Gondor,” Arnor said.
       “        "       PUNCT  3  punct
       NATO     NATO    PROPN  3  nsubj
       ignored  ignore  VERB   0  root
       Gondor   Gondor  PROPN  3  obj
       ,        ,       PUNCT  3  punct
       ”        "       PUNCT  3  punct
       Arnor    Arnor   PROPN  8  nsubj
       said     say     VERB   3  dep
       .        .       PUNCT  3  punct
     )"},
     .want = {"ARN 010 IGOWSTNAT"}},
    // Without quotation marks nothing is attributed.
    {.name = "QuoteAttributedAfterTheQuote_NotWithoutQuotationMarks",
     .doc = {R"(
       -        "       PUNCT  3  punct
       NATO     NATO    PROPN  3  nsubj
       ignored  ignore  VERB   0  root
       Gondor   Gondor  PROPN  3  obj
       ,        ,       PUNCT  3  punct
       ,        ,       PUNCT  3  punct
       Arnor    Arnor   PROPN  8  nsubj
       said     say     VERB   3  dep
       .        .       PUNCT  3  punct
     )"},
     .want = {}},

    {.name = "SpeakerAboutItsOwnStateIsNoEvent",
     .doc = {R"(
       # Chinese spokesperson said China ignores talks
       Chinese       chinese       ADJ    2  amod
       spokesperson  spokesperson  NOUN   3  nsubj
       said          say           VERB   0  root
       China         China         PROPN  5  nsubj
       ignores       ignore        VERB   3  ccomp
       talks         talk          NOUN   5  obj
     )"},
     .want = {}},
    {.name = "SpeakerAboutItsOwnStateIsNoEvent_AboutAnotherIsOne",
     .doc = {R"(
       # Chinese spokesperson said Gondor ignores talks
       Chinese       chinese       ADJ    2  amod
       spokesperson  spokesperson  NOUN   3  nsubj
       said          say           VERB   0  root
       Gondor        Gondor        PROPN  5  nsubj
       ignores       ignore        VERB   3  ccomp
       talks         talk          NOUN   5  obj
     )"},
     .want = {"CHNGOV 010 GON"}},

    {.name = "PossessedEventNounIsCodedLikeItsVerb",
     .doc = {R"(
               # NATO's visit to South Korea ended
               NATO   NATO   PROPN  3  nmod:poss
               's     's     PART   1  case
               visit  visit  NOUN   7  nsubj
               to     to     ADP    6  case
               South  South  PROPN  6  compound
               Korea  Korea  PROPN  3  nmod
               ended  end    VERB   0  root
             )",
             R"(
               # Arnor received praise upon his arrival in Gondor
               # sent_id = s2
               Arnor     Arnor    PROPN  2  nsubj
               received  receive  VERB   0  root
               praise    praise   NOUN   2  obj
               upon      upon     ADP    6  case
               his       his      PRON   6  nmod:poss
               arrival   arrival  NOUN   2  obl
               in        in       ADP    8  case
               Gondor    Gondor   PROPN  6  nmod
             )",
             R"(
               # Unpossessed: no event ("the visit to Korea").
               # sent_id = s3
               the    the    DET    2  det
               visit  visit  NOUN   0  root
               to     to     ADP    4  case
               Korea  Korea  PROPN  2  nmod
             )"},
     .want = {"IGOWSTNAT 042 KOR", "KOR 043 IGOWSTNAT", "ARN 040 GON"}},
    {.name = "PossessedEventNounIsCodedLikeItsVerb_NotWhenOff",
     .doc = {R"(
       # NATO's visit to Korea
       NATO   NATO   PROPN  3  nmod:poss
       's     's     PART   1  case
       visit  visit  NOUN   0  root
       to     to     ADP    5  case
       Korea  Korea  PROPN  3  nmod
     )"},
     .want = {},
     .options = {.code_event_nouns = false}},

    // Arnor received praise upon his arrival Sunday in Gondor, parsed with
    // "Sunday" and "in Gondor" on the verb: the place phrase right after the
    // event noun is its target (right association).
    {.name = "EventNounTakesThePlacePhraseRightAfterIt",
     .doc = {R"(
       Arnor     Arnor    PROPN  2  nsubj
       received  receive  VERB   0  root
       praise    praise   NOUN   2  obj
       upon      upon     ADP    6  case
       his       his      PRON   6  nmod:poss
       arrival   arrival  NOUN   2  obl
       Sunday    Sunday   PROPN  2  obl:tmod
       in        in       ADP    9  case
       Gondor    Gondor   PROPN  2  obl
     )"},
     .want = {"ARN 040 GON"}},
    // Not a phrase of place or direction: left where the parse put it.
    {.name = "EventNounTakesThePlacePhraseRightAfterIt_NotAnotherPhrase",
     .doc = {R"(
       Arnor     Arnor    PROPN  2  nsubj
       received  receive  VERB   0  root
       praise    praise   NOUN   2  obj
       upon      upon     ADP    6  case
       his       his      PRON   6  nmod:poss
       arrival   arrival  NOUN   2  obl
       Sunday    Sunday   PROPN  2  obl:tmod
       for       for      ADP    9  case
       Gondor    Gondor   PROPN  2  obl
     )"},
     .want = {}},

    {.name = "HyphenSplitWordIsLookedUpWhole",
     .doc = {R"(
       # Gondor criticised Barad-dur (tokenised "Barad - dur")
       Gondor      Gondor     PROPN  2  nsubj
       criticised  criticise  VERB   0  root
       Barad       Barad      PROPN  5  compound  SpaceAfter=No
       -           -          PUNCT  3  punct     SpaceAfter=No
       dur         dur        NOUN   2  obj
     )"},
     .want = {"GON 111 MOR"}},
    // With spaces around the hyphen the parts are separate words.
    {.name = "HyphenSplitWordIsLookedUpWhole_NotWithSpaces",
     .doc = {R"(
       Gondor      Gondor     PROPN  2  nsubj
       criticised  criticise  VERB   0  root
       Barad       Barad      PROPN  5  compound
       -           -          PUNCT  3  punct
       dur         dur        NOUN   2  obj
     )"},
     .want = {}},

    // "Arnor and the evil Gondor criticised NATO" with "evil" a noun and two
    // subjects.  (A list of subjects: ToleratesAListOfSubjectsWithTheVerbAConjunct.)
    {.name = "ToleratesMisparsedCoordinationAndSplitNames",
     .doc = {R"(
       Arnor       Arnor      PROPN  6  nsubj
       and         and        CCONJ  6  cc
       the         the        DET    4  det
       evil        evil       NOUN   6  obl
       Gondor      Gondor     PROPN  6  nsubj
       criticised  criticise  VERB   0  root
       NATO        NATO       PROPN  6  obj
     )"},
     .want = {"ARN 111 IGOWSTNAT", "GON 111 IGOWSTNAT"}},
    // "the Prince of Dol Amroth"-style split: "South" in the phrase, "Korea"
    // hung on the verb; the actor is found in the sentence's words.
    {.name = "ToleratesMisparsedCoordinationAndSplitNames_SplitName",
     .doc = {R"(
       Arnor       Arnor      PROPN  2  nsubj
       criticised  criticise  VERB   0  root
       the         the        DET    4  det
       leaders     leader     NOUN   2  obj
       of          of         ADP    6  case
       South       South      PROPN  4  nmod
       Korea       Korea      PROPN  4  conj
     )"},
     .want = {"ARN 111 KOR"}},
};

class CoderCodes : public CoderTest, public ::testing::WithParamInterface<CodingCase> {};

TEST_P(CoderCodes, Events) {
  const CodingCase& c = GetParam();
  std::vector<Sentence> doc;
  for (std::string_view rows : c.doc) doc.push_back(Conll(rows));
  EXPECT_EQ(Triples(Code(std::move(doc), c.options, c.date)), c.want) << c.name;
}

INSTANTIATE_TEST_SUITE_P(Table, CoderCodes, ::testing::ValuesIn(kCodingCases),
                         [](const ::testing::TestParamInfo<CodingCase>& info) { return std::string(info.param.name); });

// ---------------------------------------------------------------- checks
// beyond the triples

TEST_F(CoderTest, AgentsCombineWithActorOfThePhrase) {
  auto ev = Code({Conll(kSpokespersonCriticisedNato)});
  ASSERT_EQ(Triples(ev), Strings{"CHNGOV 111 IGOWSTNAT"});
  const Event& e = ev[0];
  // Provenance.
  EXPECT_EQ(e.doc_id, "doc1");
  EXPECT_EQ(e.date, "2023-01-30");
  EXPECT_EQ(e.source_name, "AFP");
  EXPECT_EQ(e.url, "https://example.org/a");
  EXPECT_EQ(e.sentence_id, "s1");
  EXPECT_EQ(e.sentence_index, 0);
  EXPECT_NE(e.sentence_text.find("criticised NATO"), std::string::npos);
  EXPECT_EQ(e.verb_span.begin, 6);
  EXPECT_EQ(e.verb_span.end, 7);
  EXPECT_EQ(e.source_span.begin, 0);
  EXPECT_EQ(e.source_span.end, 4);
  EXPECT_EQ(e.source_text, "Chinese Foreign Ministry spokesperson");
  EXPECT_EQ(e.target_span.begin, 7);
  EXPECT_EQ(e.target_text, "NATO");
  EXPECT_EQ(e.pattern.rfind("test.verbs:", 0), 0u) << e.pattern;
  EXPECT_NE(e.pattern.find("CRITICI"), std::string::npos) << e.pattern;
}

TEST_F(CoderTest, PatternNamesTheMatchedPhrase) {
  // (Its event: PatternsAndFallbackToBaseCode_Pattern.)
  auto ev = Code({Conll(kArnorRestoredDiplomaticTies)});
  ASSERT_EQ(ev.size(), 1u);
  EXPECT_EQ(ev[0].code, "051");
  EXPECT_NE(ev[0].pattern.find("DIPLOMATIC TIES"), std::string::npos) << ev[0].pattern;
}

TEST_F(CoderTest, NegationThroughAGivenOntology) {
  // An ontology in which "not 111" is 051.
  auto onto = CodeOntology::Parse("051:0x0081\n111:0x10080\n", "test");
  ASSERT_TRUE(onto.ok());
  CoderOptions mapped;
  mapped.ontology = &*onto;
  EXPECT_EQ(Triples(Code({Conll(kChinaDidNotCriticiseNato)}, mapped)), Strings{"CHN 051 IGOWSTNAT"});
}

TEST(CodeOntologyTest, NegatesThroughMeanings) {
  const CodeOntology& b = CodeOntology::Builtin();
  EXPECT_GT(b.size(), 250u);
  struct Case {
    const char* code;
    const char* negated;  // "" = undefined
  } cases[] = {
      {"110", "050"},   // not disapprove -> diplomatic cooperation
      {"170", "057"},   // not coerce
      {"060", "121"},   // not cooperate materially -> reject material cooperation
      {"061", "1211"},
      {"080", "124"},   // not yield -> refuse to yield
      {"010", "011"},   // not comment -> decline comment
      {"190", ""},      // no negation defined
      {"999", ""},      // unknown code
  };
  for (const Case& c : cases) {
    auto n = b.Negate(c.code);
    if (*c.negated == 0) {
      EXPECT_FALSE(n.has_value()) << c.code;
    } else {
      ASSERT_TRUE(n.has_value()) << c.code;
      EXPECT_EQ(*n, c.negated) << c.code;
    }
  }
}

TEST(CodeOntologyTest, ParsesAlternativesCommentsAndSkipsBadLines) {
  auto o = CodeOntology::Parse(
      "# header\n"
      "050:0x0080#DiplomaticCoop\n"
      "110:0x1007f#0xFFFF+0x0080#0x7000#Disapprove\n"
      "abc:0x1\n"
      "122:-0xFFFF+0x2040+0x300# a comment\n"
      "042:junk\n",
      "t");
  ASSERT_TRUE(o.ok());
  EXPECT_EQ(o->size(), 3u);
  EXPECT_EQ(o->skipped(), 2u);
  EXPECT_EQ(o->Negate("110").value_or(""), "050");
  EXPECT_FALSE(o->Negate("122").has_value());
  EXPECT_FALSE(CodeOntology::Parse("# nothing\n", "t").ok());
  EXPECT_FALSE(CodeOntology::Load("/nonexistent/pico.txt").ok());
}

TEST_F(CoderTest, Discards) {
  constexpr char kSentenceLevel[] = R"(
    Arnor     Arnor     PROPN  2  nsubj
    attacked  attack    VERB   0  root
    Gondor    Gondor    PROPN  2  obj
    at        at        ADP    5  case
    baseball  baseball  NOUN   2  obl
  )";
  constexpr char kPlain[] = R"(
    # sent_id = s2
    Arnor     Arnor   PROPN  2  nsubj
    attacked  attack  VERB   0  root
    NATO      NATO    PROPN  2  obj
  )";
  constexpr char kStoryLevel[] = R"(
    # sent_id = s3
    the    the    DET    3  det
    World  World  PROPN  3  compound
    Cup    Cup    PROPN  4  nsubj
    began  begin  VERB   0  root
  )";
  CoderStats stats;
  EXPECT_EQ(Triples(Code({Conll(kSentenceLevel), Conll(kPlain)}, {}, "2023-01-30", &stats)),
            Strings{"ARN 190 IGOWSTNAT"});
  EXPECT_EQ(stats.discarded, 1u);
  EXPECT_TRUE(Code({Conll(kSentenceLevel), Conll(kPlain), Conll(kStoryLevel)}).empty());
}

TEST_F(CoderTest, AllianceResolvedFromEarlierSentence) {
  // (A pronoun: the PronounResolvedFromEarlierSentence rows.)
  auto ev = Code({Conll(R"(
                    # sent_id = n1
                    NATO        NATO       PROPN  2  nsubj
                    criticised  criticise  VERB   0  root
                    China       China      PROPN  2  obj
                  )"),
                  Conll(R"(
                    # sent_id = n2
                    The       the       DET    2  det
                    alliance  alliance  NOUN   3  nsubj
                    attacked  attack    VERB   0  root
                    Gondor    Gondor    PROPN  3  obj
                  )")});
  ASSERT_EQ(Triples(ev), (Strings{"IGOWSTNAT 111 CHN", "IGOWSTNAT 190 GON"}));
  EXPECT_EQ(ev[1].sentence_index, 1);
  EXPECT_EQ(ev[1].source_text, "alliance");
}

TEST_F(CoderTest, UnparsedSentencesAreSkippedAndCounted) {
  Sentence s = Conll(R"(
    Arnor     Arnor   PROPN  2  nsubj
    attacked  attack  VERB   0  root
    Gondor    Gondor  PROPN  2  obj
  )");
  for (auto& t : s.tokens) t.head = -1;
  CoderStats stats;
  EXPECT_TRUE(Code({s}, {}, "2023-01-30", &stats).empty());
  EXPECT_EQ(stats.unparsed, 1u);
  EXPECT_EQ(stats.sentences, 1u);
}

TEST_F(CoderTest, DeterministicOutput) {
  std::vector<Sentence> doc = {Conll(R"(
    China       China      PROPN  5  nsubj
    and         and        CCONJ  4  cc
    North       North      PROPN  4  compound
    Korea       Korea      PROPN  1  conj
    criticised  criticise  VERB   0  root
    NATO        NATO       PROPN  5  obj
  )")};
  auto a = Code(doc), b = Code(doc);
  ASSERT_EQ(a.size(), 2u);
  for (size_t i = 0; i < a.size(); ++i) {
    EXPECT_EQ(EventId(a[i]), EventId(b[i]));
    EXPECT_EQ(a[i].event_index, static_cast<int>(i));
  }
}

TEST_F(CoderTest, MaxEventsPerSentence) {
  // "visited" has a paired code: NATO 042 Arnor and Arnor 043 NATO.
  Sentence s = Conll(R"(
    NATO     NATO   PROPN  2  nsubj
    visited  visit  VERB   0  root
    Arnor    Arnor  PROPN  2  obj
  )");
  CoderStats all_stats;
  EXPECT_EQ(Code({s}, {}, "2023-01-30", &all_stats).size(), 2u);
  EXPECT_EQ(all_stats.capped, 0u);
  CoderOptions one;
  one.max_events_per_sentence = 1;
  CoderStats stats;
  auto ev = Code({s}, one, "2023-01-30", &stats);
  EXPECT_EQ(ev.size(), 1u);
  EXPECT_EQ(stats.events, 1u);
  EXPECT_EQ(stats.capped, 1u);  // the dropped event is counted, not lost silently
}

TEST(CoderCreate, RejectsBadArguments) {
  EXPECT_FALSE(Coder::Create(nullptr, nullptr, {}).ok());
  EventDictionaries d;
  CoderOptions bad;
  bad.max_events_per_sentence = 0;
  auto r = Coder::Create(&d, nullptr, bad);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), Code::kInvalidArgument);
}

TEST(SentencesFromParse, ReadsConlluParse) {
  Document doc;
  doc.id = "r1";
  doc.parse_format = "conllu";
  doc.parse =
      "1\tArnor\tArnor\tPROPN\tNNP\t_\t2\tnsubj\t_\t_\n"
      "2\tattacked\tattack\tVERB\tVBD\t_\t0\troot\t_\t_\n"
      "3\tGondor\tGondor\tPROPN\tNNP\t_\t2\tdobj\t_\t_\n";
  auto n = SentencesFromParse(&doc);
  ASSERT_TRUE(n.ok());
  EXPECT_EQ(*n, 0);
  ASSERT_EQ(doc.sentences.size(), 1u);
  EXPECT_EQ(doc.sentences[0].tokens.size(), 3u);
  EXPECT_EQ(doc.sentences[0].text, "Arnor attacked Gondor");
  EXPECT_EQ(doc.sentences[0].id, "r1-1");
}

TEST_F(CoderTest, ToleratesAListOfSubjectsWithTheVerbAConjunct) {
  // "The US, Russia, and Switzerland met" -> here "Arnor, China, and Gondor
  // met" with the verb a conjunct of the first name.  (The other misparses:
  // the ToleratesMisparsedCoordinationAndSplitNames rows.)
  auto ev = Code({Conll(R"(
    Arnor   Arnor   PROPN  0  root
    ,       ,       PUNCT  3  punct
    China   China   PROPN  1  conj
    ,       ,       PUNCT  7  punct
    and     and     CCONJ  7  cc
    Gondor  Gondor  PROPN  7  nsubj
    met     meet    VERB   1  conj
  )")});
  EXPECT_EQ(ev.size(), 6u) << ::testing::PrintToString(Triples(ev));
}

TEST_F(CoderTest, MayCodeIsANecessaryCondition) {
  auto coder = Coder::Create(&dicts_, nullptr, {});
  ASSERT_TRUE(coder.ok());
  Document doc;
  auto words = [](std::vector<const char*> w) {
    Sentence s;
    for (const char* f : w) {
      Token t;
      t.form = f;
      s.tokens.push_back(t);  // tokens only: no tags, no heads
    }
    return s;
  };
  doc.sentences = {words({"The", "weather", "was", "fine", "."}),                 // no verb, no actor
                   words({"Arnor", "criticised", "Gondor", "."}),                  // verb + two actors
                   words({"Arnor", "criticised", "the", "weather", "."}),          // one actor only
                   words({"She", "criticised", "it", "."}),                        // pronouns
                   words({"Arnor", "went", "to", "Gondor", "."}),                  // irregular form of GO
                   words({"The", "arrival", "of", "Arnor", "in", "Gondor", "."}),  // "-al" noun
                   words({"Arnor", "and", "Gondor", "argued", "."})};              // no dictionary verb
  std::vector<bool> want = {false, true, false, true, true, true, false};
  for (size_t i = 0; i < want.size(); ++i) EXPECT_EQ((*coder)->MayCode(doc, i), want[i]) << i;
  EXPECT_FALSE((*coder)->MayCode(doc, 99));
  // Without require_dyad one actor suffices.
  CoderOptions mono;
  mono.require_dyad = false;
  auto c2 = Coder::Create(&dicts_, nullptr, mono);
  ASSERT_TRUE(c2.ok());
  EXPECT_TRUE((*c2)->MayCode(doc, 2));
}

}  // namespace
}  // namespace entente
