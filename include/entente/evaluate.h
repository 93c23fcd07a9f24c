// entente/evaluate.h -- scoring coded events against annotated records.
//
// The validation suites (PETRARCH, UniversalPetrarch, PETRARCH2 GSR) are
// PETRARCH XML records whose <EventCoding sourcecode=".." targetcode=".."
// eventcode=".."/> elements give the expected events; <EventCoding
// noevents="True"/> says the record should code nothing; attribute
// category="..." groups records; evaluate="false" takes a record out.
// Readers keep these as Document::annotations / Document::meta.
//
// Scoring convention (shared/data/validation/README.md): an expected event is
// found when an emitted event of the same record has the same source, target
// and code.  recall = found / expected; precision = emitted events matching
// some expected event of the record / emitted; exact = share of records whose
// emitted set equals the expected set (a noevents record, or a record with no
// expected event, is exact when nothing is emitted).  Emitted events are
// compared as distinct (source, target, code) triples per record; an empty
// (absent) emitted actor is compared as "---", the suites' spelling.
//
// Thread safety: an Evaluator is used from one thread at a time.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "entente/document.h"
#include "entente/event.h"

namespace entente {

struct EventTriple {
  std::string source, target, code;
  bool operator==(const EventTriple&) const = default;
  auto operator<=>(const EventTriple&) const = default;
};

// What a record expects.
struct ExpectedRecord {
  std::string id;
  std::string category;          // meta "category"; "" when absent
  bool evaluate = true;          // false when meta evaluate="false"
  bool noevents = false;         // <EventCoding noevents="True"/>
  std::vector<EventTriple> expected;
};

// Reads the expectations of one record from its annotations and meta:
// EventCoding (PETRARCH XML) and "expected" (JSONL) annotations with
// source/sourcecode, target/targetcode, code/eventcode attributes.
ExpectedRecord ExpectedFromDocument(const Document& doc);

struct ScoreCounts {
  uint64_t records = 0;
  uint64_t expected = 0;
  uint64_t emitted = 0;     // distinct triples per record
  uint64_t found = 0;       // expected events found
  uint64_t correct = 0;     // emitted triples that match an expected one
  uint64_t exact = 0;       // records coded exactly
  double recall() const { return expected ? double(found) / double(expected) : 1.0; }
  double precision() const { return emitted ? double(correct) / double(emitted) : 1.0; }
  double exact_share() const { return records ? double(exact) / double(records) : 1.0; }
};

struct ScoreItem {
  std::string record, category;
  EventTriple event;
  std::string text;     // the record's text, for reading reports
};

struct EvalReport {
  ScoreCounts total;
  std::map<std::string, ScoreCounts> by_category;
  uint64_t excluded = 0;            // records with evaluate="false"
  std::vector<ScoreItem> misses;    // expected, not emitted
  std::vector<ScoreItem> extras;    // emitted, not expected
};

class Evaluator {
 public:
  // Scores one record: its expectations (from doc) against the events the
  // coder emitted for it (other records' events must not be passed).
  void Add(const Document& doc, const std::vector<Event>& events);
  void Add(const ExpectedRecord& rec, const std::vector<EventTriple>& emitted, const std::string& text);
  const EvalReport& report() const { return report_; }

 private:
  EvalReport report_;
};

// Human-readable summary (totals, categories, misses, extras).
std::string EvalReportText(const EvalReport& r, bool list_items = true);
// One JSON object with the same content.
std::string EvalReportJson(const EvalReport& r);

// What an analyst needs to see why a record's event was missed: its id and
// date, its expected events, its sentences word by word (index, form, lemma,
// UPOS, head -- 0-based, -1 for the root -- and relation: the parse the
// coder saw) and the events coded, with their token spans and the pattern
// that fired.  Used by `entente eval --trace`.
std::string EvalTraceText(const Document& doc, const std::vector<Event>& events);

}  // namespace entente
