// entente/alliances.h -- signed networks of states built from coded events
// or from alliance and dispute tables, one network per time window.
//
// Two sources, one result type (NetworkSeries):
//
//   * BuildSignedNetworks(events, NetworkOptions): every event between two
//     distinct actors is assigned to the time window(s) holding its date;
//     per window and unordered actor pair ("dyad") the events are summed and
//     the pair becomes a + or - edge by an explicit, reported rule.
//   * BuildAllianceNetworks(alliances, disputes, CowCountryMap, options):
//     ATOP alliance dyad-years give + edges, Correlates of War MID dyad-years
//     give - edges, one graph per calendar year, states named by CAMEO
//     country codes through the CoW mapping table.
//
// Every choice that changes the result (window, actor level, sign source,
// mixed-dyad rule, minimum evidence, provisions, hostility threshold) is
// written into NetworkSeries::settings, and every event or row that was not
// used is counted by reason, so two runs can be compared from their output.
//
// Defaults (doc/analysis.md has the reasoning):
//   window       12 months, tumbling (non-overlapping), aligned on January of
//                the first event's year: window "2019" = 2019-01-01..2019-12-31
//   actors       country level: the country part of the actor code
//                ("CHNGOV" -> "CHN"); IGOs by their known group, with "NAT"
//                spelled "NATO" (IGOWSTNAT, IGONAT -> "NATO")
//   sign         from the sum of Goldstein values of the dyad's events
//   evidence     at least 3 signed events per dyad and window
//   mixed dyads  (both cooperation and conflict in one window): net sign
//
// Thread safety: all functions are pure; they keep no global state and may
// run concurrently.  Results are values owned by the caller.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "entente/event.h"
#include "entente/network.h"
#include "entente/status.h"

namespace entente {

// ---------------------------------------------------------------------------
// Time windows.

// A window covers the months [first_month, end_month) where a month is
// numbered year*12 + (month-1).
struct TimeWindow {
  int first_month = 0;
  int end_month = 0;   // exclusive
  std::string label;   // "2019" for a calendar year, else "2019-01..2019-06"
};

struct WindowOptions {
  // Window length in months (12 = one year, 24 = two years, 3 = a quarter).
  // Must be >= 1.  Default 12.
  int months = 12;
  // Step between window starts in months; 0 means `months` (tumbling
  // windows: each date in exactly one window).  A step smaller than `months`
  // gives sliding windows: a date falls in several windows.  Default 0.
  int step_months = 0;
  // First month of the first window, as year*12 + (month-1); -1 (default)
  // means January of the earliest year with data.  Windows then run until
  // the last month with data is covered.
  int anchor_month = -1;
};

// Parses "YYYY-MM-DD", "YYYY-MM-DDThh:mm..", "YYYYMMDD" or "YYYY-MM" into a
// month number year*12 + (month-1).  Returns -1 on a malformed date.
int MonthOfDate(std::string_view date);
// The windows that cover months [min_month, max_month] under `options`.
// Empty when min_month > max_month or the options are invalid.
std::vector<TimeWindow> MakeWindows(int min_month, int max_month, const WindowOptions& options);
// Indices into `windows` of the windows holding `month` (ascending).
// Windows from MakeWindows are regular, so this is O(windows hit).
void WindowsOfMonth(const std::vector<TimeWindow>& windows, int month, std::vector<int>* out);

// ---------------------------------------------------------------------------
// Actors.

enum class ActorLevel {
  kCountry,       // "CHN" (default)
  kCountryType,   // "CHNGOV", "CHNMIL": country plus first type (agent)
};

// The network node name of one side of an event, or "" when the side has no
// usable actor.  Uses the enriched ActorParts when they hold a country or a
// known group; otherwise splits the raw code: a leading 3-letter chunk that
// is not a generic type (GOV, MIL, IGO, NGO, ...) is the country; an IGO/NGO
// code with the chunk NAT is NATO.  Known group "NAT" is named "NATO"; other
// known groups keep their code ("UNO", "EUR" ...).
std::string ActorKey(std::string_view code, const ActorParts& parts, ActorLevel level);

// ---------------------------------------------------------------------------
// Event networks.

enum class SignSource {
  kGoldstein,  // sign of the sum of Goldstein values (default)
  kQuadClass,  // sign of (cooperation events - conflict events), quad 1-2 vs 3-4
};

// What to do with a dyad that has both cooperation and conflict in a window
// (Goldstein source: events > 0 and events < 0; quad source: quad 1-2 and
// quad 3-4).  A tie (score exactly 0) is always dropped.
enum class MixedRule {
  kNet,           // the sign of the score, as for any dyad (default)
  kDrop,          // mixed dyads get no edge
  kMajority,      // the side with at least `majority_share` of the signed
                  // events wins; otherwise no edge
  kConflictWins,  // any conflict event makes the edge negative
};

std::string_view SignSourceName(SignSource s);   // "goldstein", "quad"
std::string_view MixedRuleName(MixedRule r);     // "net", "drop", "majority", "conflict-wins"
Result<SignSource> ParseSignSource(std::string_view name);
Result<MixedRule> ParseMixedRule(std::string_view name);

struct NetworkOptions {
  WindowOptions window;                         // default: calendar years
  ActorLevel level = ActorLevel::kCountry;
  SignSource sign = SignSource::kGoldstein;
  MixedRule mixed = MixedRule::kNet;
  // kMajority: share of the signed events the winning side needs, in
  // (0.5, 1].  Default 2/3.
  double majority_share = 2.0 / 3.0;
  // Minimum number of signed events (Goldstein != 0 and known; or quad class
  // 1-4) for a dyad to get an edge in a window.  Default 3.
  int min_events = 3;
  // When non-empty, only events between two of these actors are used.
  std::vector<std::string> actors;
  // Only dates in [first_month, last_month] are used; -1 = open.  Default open.
  int first_month = -1;
  int last_month = -1;
};

// What happened to the dyads of one window.
struct WindowCounts {
  uint64_t events = 0;          // events assigned to the window
  uint64_t dyads = 0;           // distinct pairs seen
  uint64_t edges = 0;           // pairs that became edges
  uint64_t positive = 0, negative = 0;
  uint64_t mixed = 0;           // pairs with both cooperation and conflict
  uint64_t mixed_kept = 0;      // of those, kept as edges
  uint64_t low_evidence = 0;    // dropped: fewer than min_events signed events
  uint64_t dropped_mixed = 0;   // dropped by kDrop / kMajority
  uint64_t ties = 0;            // dropped: score exactly 0
};

// Per edge evidence, parallel to graph.edges().
struct DyadEvidence {
  uint32_t events = 0;        // events of the pair in the window
  uint32_t cooperation = 0;   // quad 1-2 (Goldstein source: Goldstein > 0)
  uint32_t conflict = 0;      // quad 3-4 (Goldstein source: Goldstein < 0)
  double score = 0;           // Goldstein sum or coop - conflict
};

struct WindowNetwork {
  TimeWindow window;
  SignedGraph graph;                 // weight = number of signed events (>= 1)
  std::vector<DyadEvidence> evidence;  // one per graph edge, same order
  WindowCounts counts;
};

// Events (or rows) not used, by reason.
struct SkipCounts {
  uint64_t bad_date = 0;       // date missing or malformed
  uint64_t out_of_range = 0;   // outside first_month..last_month
  uint64_t no_actor = 0;       // a side has no actor key
  uint64_t self_dyad = 0;      // both sides the same actor
  uint64_t not_selected = 0;   // an actor outside NetworkOptions::actors
  uint64_t unsigned_event = 0; // no Goldstein value / quad class (counted, kept out of signs)
  uint64_t unmapped = 0;       // alliance data: a CoW code without a mapping
  uint64_t total() const {
    return bad_date + out_of_range + no_actor + self_dyad + not_selected + unmapped;
  }
};

struct NetworkSeries {
  std::vector<WindowNetwork> windows;
  // Every setting that shaped the networks, as (key, value) in a fixed
  // order: window, step, anchor, actors, sign, mixed, min_events, ...
  std::vector<std::pair<std::string, std::string>> settings;
  uint64_t input = 0;    // events or rows read
  uint64_t used = 0;     // events or rows assigned to at least one window
  SkipCounts skipped;
};

// Builds one signed graph per window.  Fails with kInvalidArgument for bad
// options and kEmpty when no event has a usable date and two actors.
// Node ids of every window graph are in order of first appearance.
Result<NetworkSeries> BuildSignedNetworks(const std::vector<Event>& events,
                                          const NetworkOptions& options = {});

// Reads a JSONL event file (one ParseEventJson object per line).  Bad lines
// are skipped, counted in *skipped and reported to on_error ("file:line:
// ...").  kNotFound/kIoError when the file cannot be read.
Result<std::vector<Event>> ReadEventsJsonl(const std::string& path, uint64_t* skipped = nullptr,
                                           const NetworkErrorFn& on_error = nullptr);

// ---------------------------------------------------------------------------
// Alliance and dispute tables (ATOP, CoW MID).

// ATOP provisions, as bits.
enum AtopProvision : uint32_t {
  kAtopDefense = 1,
  kAtopOffense = 2,
  kAtopNeutral = 4,
  kAtopNonaggression = 8,
  kAtopConsultation = 16,
};
// "defense,offense,nonagg,consul" <-> bits ("all" = every provision).
Result<uint32_t> ParseAtopProvisions(std::string_view list);
std::string AtopProvisionNames(uint32_t bits);

// An undirected alliance spell: provisions held in years [first_year,
// last_year] between two CoW states (ccode1 < ccode2).
struct AllianceSpell {
  int ccode1 = 0, ccode2 = 0;
  int first_year = 0, last_year = 0;
  uint32_t provisions = 0;  // AtopProvision bits
};

// One dyad-year of a militarized interstate dispute (ccode1 < ccode2).
struct DisputeYear {
  int ccode1 = 0, ccode2 = 0;
  int year = 0;
  int hostility = 0;  // 1..5: none, threat, display, use of force, war
  int dispute = 0;    // dispute number (0 when absent)
};

struct TableStats {
  uint64_t rows = 0;      // data rows read
  uint64_t skipped = 0;   // malformed rows (each reported)
};

// Reads ATOP alliances from either
//   * the ATOP directed dyad-year file (columns ccode1, ccode2, year,
//     atop_defense, atop_offense, atop_neutral, atop_nonagg, atop_consul), or
//   * the compact spell file shipped in data/alliances (ccode1, ccode2,
//     first_year, last_year, defense, offense, neutral, nonagg, consul).
// Columns are found by header name, in any order.  Directions are merged
// (a provision held in either direction holds for the pair) and consecutive
// years with equal provisions become one spell.  Rows with no provision are
// skipped silently (they are not errors).
Result<std::vector<AllianceSpell>> ReadAtop(const std::string& path, TableStats* stats = nullptr,
                                            const NetworkErrorFn& on_error = nullptr);
Result<std::vector<AllianceSpell>> ParseAtop(std::string_view text, std::string_view name,
                                             TableStats* stats = nullptr,
                                             const NetworkErrorFn& on_error = nullptr);

// Reads CoW MID (or GML MID) dyadic dispute-years: columns ccode1, ccode2,
// year, hostlev (dispnum optional), by header name.  One row per dispute,
// dyad and year as in cow_mid5_ddy.csv; rows for a year in which the dispute
// is ongoing count for that year.
Result<std::vector<DisputeYear>> ReadMid(const std::string& path, TableStats* stats = nullptr,
                                         const NetworkErrorFn& on_error = nullptr);
Result<std::vector<DisputeYear>> ParseMid(std::string_view text, std::string_view name,
                                          TableStats* stats = nullptr,
                                          const NetworkErrorFn& on_error = nullptr);

// CoW state codes -> ISO 3166-1 alpha-3 and CAMEO country codes, read from
// data/alliances/cow_iso3.csv (columns ccode, stateabb, statename, iso3,
// cameo, note).
struct CowCountry {
  int ccode = 0;
  std::string stateabb;   // "ROK"
  std::string name;       // "South Korea"
  std::string iso3;       // "KOR"; "" for states with no ISO code (Hanover)
  std::string cameo;      // "KOR"; "" when no CAMEO country code exists
};

class CowCountryMap {
 public:
  // Parses the mapping table.  Bad rows are skipped and reported.
  static Result<CowCountryMap> Parse(std::string_view text, std::string_view name,
                                     const NetworkErrorFn& on_error = nullptr);
  static Result<CowCountryMap> Read(const std::string& path,
                                    const NetworkErrorFn& on_error = nullptr);

  const CowCountry* Find(int ccode) const;
  // The node name of a state: its CAMEO code, else "COW:" + stateabb, else
  // "COW:" + the number.
  std::string NodeName(int ccode) const;
  // CoW codes whose CAMEO (or, failing that, ISO3) code is `code`, ascending
  // (several for DEU: 255 Germany and 260 German Federal Republic).
  std::vector<int> FindByCode(std::string_view code) const;
  size_t size() const { return rows_.size(); }
  const std::vector<CowCountry>& rows() const { return rows_; }

 private:
  std::vector<CowCountry> rows_;
  std::unordered_map<int, size_t> by_ccode_;
};

// What a dyad-year with both an alliance and a dispute becomes.
enum class AllianceConflictRule {
  kConflictWins,   // negative (default): the dispute happened despite the treaty
  kAllianceWins,   // positive
  kDrop,           // no edge
};
std::string_view AllianceConflictRuleName(AllianceConflictRule r);  // "conflict-wins", "alliance-wins", "drop"
Result<AllianceConflictRule> ParseAllianceConflictRule(std::string_view name);

struct AllianceOptions {
  // Provisions that make a + edge.  Default defense | offense | consul.
  // Non-aggression and neutrality pledges alone do not count: multilateral
  // framework treaties coded as non-aggression (Helsinki Final Act 1975, the
  // Treaty of Amity and Cooperation in Southeast Asia) would otherwise make
  // USA-RUS, USA-CHN and USA-PRK allies (doc/analysis.md shows both).
  uint32_t positive = kAtopDefense | kAtopOffense | kAtopConsultation;
  // Dispute dyad-years with hostility >= this make a - edge.  Default 2
  // (threat of force or more: every MID dyad-year with a militarized act).
  int min_hostility = 2;
  AllianceConflictRule both = AllianceConflictRule::kConflictWins;
  int first_year = 1816, last_year = 2018;  // inclusive
  // When non-empty, only these states (node names, e.g. "USA", "CHN").
  std::vector<std::string> states;
};

// One graph per year first_year..last_year (years without edges give empty
// graphs, so the series is regular).  Edge weight 1; DyadEvidence holds
// cooperation = 1 for an alliance, conflict = hostility level of a dispute.
// A state pair that maps to one node (255 and 260 both DEU) is counted in
// skipped.self_dyad.  Fails with kInvalidArgument for bad options.
Result<NetworkSeries> BuildAllianceNetworks(const std::vector<AllianceSpell>& alliances,
                                            const std::vector<DisputeYear>& disputes,
                                            const CowCountryMap& map,
                                            const AllianceOptions& options = {});

// ---------------------------------------------------------------------------
// Export.

// {"settings":{...},"input":..,"used":..,"skipped":{...},"windows":[{"label":..,
//  "first":"2019-01","end":"2020-01","counts":{...},"nodes":[..],
//  "edges":[{"from":..,"to":..,"sign":..,"weight":..,"events":..,"cooperation":..,
//  "conflict":..,"score":..}]}]}
std::string NetworkSeriesToJson(const NetworkSeries& series);
// `window,from,to,sign,weight` with a header, windows in order.
std::string NetworkSeriesToCsv(const NetworkSeries& series);

}  // namespace entente
