// entente/cameo.h -- CAMEO event and actor code tables, immutable once loaded.
//
// A CameoTable answers two questions:
//
//   * What does an event code mean?  Lookup("0211") gives the code's name,
//     root ("02"), base ("021"), level, quad class, Phoenix penta class,
//     Goldstein value on three scales (GDELT, ICEWS, Phoenix) and the PLOVER
//     event type, mode and context it maps to (CAMEO2PLOVER-2021).
//   * What is an actor code made of?  SplitActor("CHNGOV") gives country
//     "CHN" and type "GOV"; "IGOWSTNAT" (NATO) gives type "IGO", known group
//     "NAT" and the non-leading region "WST" in `other`.
//
// Codes are strings and keep their leading zeros: "010", "0211".  A root has
// two digits, a base three, a leaf four.
//
// Fallback to the parent.  When a code is not in the table (e.g. a 4-digit
// code some dictionary invented, "0215"), Lookup returns the nearest ancestor
// present (4 digits -> 3 digits -> root) and says so (`CameoLookup::exact` is
// false, `CameoLookup::entry->code` is the ancestor's code).  When a code is
// present but one of its columns is empty in the source table (the GDELT
// tables lack 1213; the Phoenix scale has no value for 33 codes), that
// column is filled from the nearest ancestor that has it at load time, and
// `CameoCode::inherited` records which columns were inherited.
//
// Known defects of widely copied source tables are repaired on load (see
// doc/formats.md): a line holding two codes ("...engagement106\tDemand
// withdrawal" or "...engagement106:[-5.0] Demand withdrawal") is split in
// two; mis-encoded curly quotes (044 "Meet at a "third" location" as
// Mac-Roman bytes, their Latin-1 mojibake "Ò"/"Ó", or UTF-8 curly quotes)
// become ASCII quotes.  `CameoCode::name` is the CAMEO 1.1b3 manual label
// (ICEWS column of the master table); GDELT's own labels, which differ for
// 101-103 and 105-108, are kept in `name_gdelt`.
//
// Bad rows.  A malformed row (wrong column count, a code that is not 2-4
// digits, a Goldstein value that is not a number, a duplicate code) is
// skipped and counted; `issues()` keeps "file:line: why" messages.  With
// CameoOptions::strict the first bad row fails the load instead, with the
// same message.  A missing file is kNotFound, an empty one kEmpty, a header
// lacking a required column kParseError at line 1.
//
// Thread safety: a loaded CameoTable is immutable; any number of threads may
// call its const methods concurrently.  Ownership: CameoCode pointers and
// string_views returned stay valid as long as the table lives (moving the
// table keeps them valid: entries live on the heap).
#pragma once

#include <array>
#include <cstdint>
#include <istream>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "entente/status.h"

namespace entente {

struct Event;

// Which Goldstein column Enrich() copies into Event::goldstein.
enum class GoldsteinScale : int {
  kGdelt = 0,    // GDELT.CAMEO.goldsteinscale.txt (default)
  kIcews = 1,    // ICEWS / andybega table
  kPhoenix = 2,  // Phoenix / PETRARCH2 values
};
// "gdelt", "icews", "phoenix" <-> enum.  Parse is case-insensitive.
std::string_view GoldsteinScaleName(GoldsteinScale s);
Result<GoldsteinScale> ParseGoldsteinScale(std::string_view name);

// Quad classes, GDELT/ICEWS convention, derived from the root:
// 01-05 verbal cooperation, 06-08 material cooperation, 09-13 verbal
// conflict, 14-20 material conflict.  0 means "unknown code".
enum QuadClass : int {
  kQuadUnknown = 0,
  kVerbalCooperation = 1,
  kMaterialCooperation = 2,
  kVerbalConflict = 3,
  kMaterialConflict = 4,
};
// Quad class of a root "01".."20" (or of any code, by its first two
// digits); kQuadUnknown when the root is not 01-20.
int QuadClassOfRoot(std::string_view code);

struct CameoCode {
  std::string code;        // "0211"
  std::string root;        // "02"
  std::string base;        // 3-digit parent ("021"); the code itself for 2-3 digits
  int level = 0;           // 1 root, 2 three digits, 3 four digits
  std::string name;        // CAMEO manual label (ICEWS column); GDELT's when absent
  std::string name_gdelt;  // GDELT's label, repaired; may be inherited
  int quad_class = 0;      // 1..4
  int penta_class = -1;    // Phoenix penta class 0..4, -1 unknown
  std::array<double, 3> goldstein{};  // indexed by GoldsteinScale
  std::string plover_type;     // "AGREE", ...; "dropped" for 01/02; "" unknown
  std::string plover_mode;     // "visit", ...; often ""
  std::string plover_context;  // "diplomatic", "crime; corruption", ...; often ""
  // Bit i set: goldstein[i] was inherited from an ancestor.  Bit 3: the
  // GDELT name was inherited.  Bit 4: the goldstein value of this scale
  // was absent on the whole chain and the GDELT value was used instead.
  uint32_t inherited = 0;
  uint32_t line = 0;       // line of the row in its source table (provenance)
};

struct CameoLookup {
  const CameoCode* entry = nullptr;  // the code's entry or its nearest ancestor; null if unknown
  bool exact = false;                // entry->code == the code asked for
  bool ok() const { return entry != nullptr; }
};

// Parts of a CAMEO actor code, split into 3-letter chunks and classified
// with the GDELT actor tables.  Rules (doc/formats.md):
//   * a leading chunk found in the country table is the country;
//   * any chunk found in the type table is a type (up to three, in order),
//     except that a chunk also in the known-group table (UNO, AMN, IRC)
//     becomes the known group when none was seen yet;
//   * other chunks: known group, then religion (two at most), then ethnic
//     (lower-case codes, matched exactly), then a non-leading country or
//     region code (kept in `other`);
//   * chunks found in no table, and an incomplete trailing chunk, go to
//     `other` too and set `unknown`.
struct ActorParts {
  std::string country;      // "CHN"; "" when the code does not start with a country
  std::string known_group;  // "NAT", "UNO", ...
  std::string ethnic;
  std::string religion1, religion2;
  std::string type1, type2, type3;  // "GOV", "MIL", "IGO", ...
  std::string other;        // remaining chunks, concatenated in order ("WST")
  bool unknown = false;     // some chunk matched no table
};

struct CameoOptions {
  // Scale Enrich() copies into Event::goldstein.  Default GDELT.
  GoldsteinScale scale = GoldsteinScale::kGdelt;
  // Fail on the first bad row instead of skipping it.  Default false.
  bool strict = false;
  // Cap on the number of messages kept in issues() (all are counted).
  size_t max_issues = 100;
};

// Input streams for CameoTable::FromStreams.  Each stream may be null
// (that part of the table stays empty), except that either `master` or the
// pair `gdelt_eventcodes`+`gdelt_goldstein` is required.  The names are used
// in messages ("cameo_master.tsv:17: ...").
struct CameoSources {
  std::istream* master = nullptr;            // cameo_master.tsv
  std::string master_name = "cameo_master.tsv";
  std::istream* gdelt_eventcodes = nullptr;  // GDELT.CAMEO.eventcodes.txt (used when master is null)
  std::string gdelt_eventcodes_name = "GDELT.CAMEO.eventcodes.txt";
  std::istream* gdelt_goldstein = nullptr;   // GDELT.CAMEO.goldsteinscale.txt
  std::string gdelt_goldstein_name = "GDELT.CAMEO.goldsteinscale.txt";
  std::istream* country = nullptr;           // CODE<TAB>LABEL tables
  std::string country_name = "GDELT.CAMEO.country.from-etk.txt";
  std::istream* type = nullptr;
  std::string type_name = "GDELT.CAMEO.type.from-etk.txt";
  std::istream* knowngroup = nullptr;
  std::string knowngroup_name = "GDELT.CAMEO.knowngroup.from-etk.txt";
  std::istream* religion = nullptr;
  std::string religion_name = "GDELT.CAMEO.religion.from-etk.txt";
  std::istream* ethnic = nullptr;
  std::string ethnic_name = "GDELT.CAMEO.ethnic.from-etk.txt";
  std::istream* plover_scores = nullptr;     // plover_scores.tsv (intensity)
  std::string plover_scores_name = "plover_scores.tsv";
  std::istream* plover_types = nullptr;      // plover_event_types.tsv (quad category)
  std::string plover_types_name = "plover_event_types.tsv";
};

class CameoTable {
 public:
  // Loads `dir`/cameo_master.tsv and the GDELT actor tables and PLOVER
  // tables beside it (data/cameo in the source tree).  The master table is
  // required; the others are optional only in the sense that a missing one
  // is an issue, not an error.
  static Result<CameoTable> FromDirectory(const std::string& dir, const CameoOptions& options = {});
  // Loads from GDELT's own two event tables instead of the master table:
  // names and GDELT Goldstein only (ICEWS/Phoenix scales then equal GDELT's,
  // no PLOVER mapping).  Actor tables are looked for beside them.
  static Result<CameoTable> FromGdeltDirectory(const std::string& dir, const CameoOptions& options = {});
  static Result<CameoTable> FromStreams(const CameoSources& sources, const CameoOptions& options = {});

  CameoTable(CameoTable&&) noexcept;
  CameoTable& operator=(CameoTable&&) noexcept;
  ~CameoTable();

  // The entry of `code` or of its nearest ancestor; !ok() when neither the
  // code nor its root is known or `code` is not 2-4 ASCII digits.
  CameoLookup Lookup(std::string_view code) const;
  // The exact entry or null.
  const CameoCode* Find(std::string_view code) const;
  // All entries in code order ("01", "010", ..., "0211", ...).
  const std::vector<const CameoCode*>& entries() const;
  size_t size() const;

  // Goldstein value of `code` on `scale`, with parent fallback; NaN when the
  // code is unknown.
  double Goldstein(std::string_view code, GoldsteinScale scale) const;
  GoldsteinScale scale() const;  // the scale chosen in CameoOptions

  // PLOVER intensity of (type, mode) from plover_scores.tsv: the score of
  // "TYPE: Mode" when listed, else of "TYPE"; NaN when neither is listed.
  double PloverIntensity(std::string_view type, std::string_view mode) const;
  // PLOVER's quad category of a type ("VERBAL COOPERATION"), "" if unknown.
  std::string_view PloverQuad(std::string_view type) const;

  ActorParts SplitActor(std::string_view actor_code) const;
  // Label of a 3-letter actor chunk from any table ("CHN" -> "China"), "".
  std::string_view ActorLabel(std::string_view chunk) const;
  bool IsCountry(std::string_view chunk) const;

  // Fills the derived fields of `event` from event->code and the actor
  // codes: root_code, base_code, code_name, quad_class, penta_class,
  // goldstein (chosen scale), plover_*, code_resolved, code_fallback and the
  // actor parts.  Returns false (fields cleared, actor parts still filled)
  // when the code is unknown.
  bool Enrich(Event* event) const;

  // Rows skipped while loading, and messages about them (capped).
  uint64_t skipped_rows() const;
  const std::vector<std::string>& issues() const;

  struct Rep;  // implementation detail

 private:
  explicit CameoTable(std::unique_ptr<Rep> rep);
  static Result<CameoTable> Build(const CameoSources& sources, const CameoOptions& options,
                                  const std::vector<std::string>& notes);
  static Result<CameoTable> LoadDirectory(const std::string& dir, const CameoOptions& options, bool gdelt);
  std::unique_ptr<Rep> rep_;
};

// Repairs a label from a GDELT-style table: Mac-Roman curly quotes (bytes
// D2/D3/D4/D5), their Latin-1 mojibake (Ò Ó Ô Õ), Windows-1252 (93/94/91/92)
// and UTF-8 curly quotes become ASCII quotes, a closing quote glued to the
// next word gets a space, and runs of spaces collapse.  Exposed for tests.
std::string RepairCameoLabel(std::string_view label);

}  // namespace entente
