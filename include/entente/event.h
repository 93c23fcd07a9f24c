// entente/event.h -- event records and the formats they are written in.
//
// An Event is one coded "who did what to whom": a source actor, a CAMEO
// event code and a target actor, found in one sentence of one document.
// The coder fills the identifying and coded fields; CameoTable::Enrich
// (entente/cameo.h) fills the derived ones (root, quad class, Goldstein,
// PLOVER type/mode/context, actor parts).
//
// Writers stream events to a std::ostream in one of four formats, each
// described column by column in doc/formats.md:
//
//   kJsonl    one JSON object per line, keys in a fixed order (default)
//   kGdelt1   GDELT 1.0 daily-export TSV, 58 columns, no header
//   kPhoenix  Phoenix TSV, 26 columns, no header
//   kPlover   PLOVER/POLECAT-style JSON, one object per line
//
// Output is a pure function of the events and the options: the same input
// gives byte-identical output (no clock, no locale, no hash seeds).  Event
// ids are EventId(event) unless WriterOptions::first_id asks for a counter.
//
// Thread safety: Events are plain values.  A writer is not thread-safe;
// use one writer per stream.
#pragma once

#include <cstdint>
#include <limits>
#include <memory>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "entente/cameo.h"
#include "entente/issue.h"
#include "entente/status.h"

namespace entente {

// Token indices in a sentence, [begin, end); -1 when unknown.
struct TokenSpan {
  int sentence = -1;
  int begin = -1, end = -1;
  bool known() const { return begin >= 0 && end >= begin; }
};

// Where an event happened, at country level: a place phrase of the sentence
// ("arrived in Seoul") whose words name a state in the actor dictionary.
struct EventLocation {
  std::string text;     // the place as written, "Seoul"
  std::string country;  // its CAMEO country code, "KOR"; "" = no location
  TokenSpan span;       // its tokens
  bool known() const { return !country.empty(); }
};

struct Event {
  // --- identity and provenance (set by the coder) ---
  std::string doc_id;
  std::string date;          // ISO 8601 "2023-01-30" (time part allowed, ignored by TSV writers)
  std::string source_name;   // publisher or wire, e.g. "AFP"
  std::string url;
  std::string sentence_id;
  int sentence_index = -1;   // 0-based index of the sentence in the document
  int event_index = 0;       // 0-based index of the event within its sentence
  std::string sentence_text;
  bool is_root_event = false;  // GDELT IsRootEvent: found in the lead of the article

  // --- what was coded ---
  std::string source_actor, target_actor;  // full CAMEO actor codes, "CHNGOV"; "" none
  std::string source_text, target_text;    // surface text of the actor mentions
  std::string code;                        // CAMEO event code "111"
  TokenSpan source_span, verb_span, target_span;
  std::string pattern;                     // dictionary pattern that fired, with file:line
  // Issues named in the sentence (Phoenix issue coding, IssueDictionary),
  // in order of first occurrence; the same for every event of a sentence.
  std::vector<IssueCount> issues;
  // Where it happened (EventLocation): an "in"/"at" phrase on the event's
  // verb naming a state; unknown when there is none or no CameoTable.
  EventLocation location;

  // --- derived by CameoTable::Enrich ---
  std::string root_code;     // "11"
  std::string base_code;     // "111" (3-digit parent for 4-digit codes)
  std::string code_name;     // CAMEO manual label
  std::string code_resolved; // table entry used; differs from `code` on fallback
  bool code_fallback = false;
  int quad_class = 0;        // 1..4, 0 unknown
  int penta_class = -1;      // Phoenix 0..4, -1 unknown
  double goldstein = std::numeric_limits<double>::quiet_NaN();  // NaN = unknown
  GoldsteinScale goldstein_scale = GoldsteinScale::kGdelt;
  std::string plover_type, plover_mode, plover_context;
  ActorParts source_parts, target_parts;
};

// Deterministic 53-bit id of an event: FNV-1a 64 of doc_id, sentence_id,
// sentence_index, event_index and code, folded to 53 bits so it survives
// JSON doubles; never 0.  Identical events in the same sentence slot get
// the same id by design (they are duplicates).
uint64_t EventId(const Event& event);

enum class EventFormat { kJsonl, kGdelt1, kPhoenix, kPlover };
// "jsonl"/"json", "gdelt"/"gdelt1", "phoenix", "plover"/"polecat".
Result<EventFormat> ParseEventFormat(std::string_view name);
std::string_view EventFormatName(EventFormat format);

struct WriterOptions {
  // 0 (default): ids are EventId(event).  Otherwise ids count up from
  // first_id in write order.
  uint64_t first_id = 0;
  // GDELT DATEADDED (YYYYMMDD).  Default "": the column stays empty, so
  // output never depends on the clock.
  std::string date_added;
  // Write a header line (TSV formats only).  Default false: neither GDELT
  // nor Phoenix files carry one.
  bool header = false;
  // Needed by kPlover for intensity and quad category; optional otherwise.
  // Not owned; must outlive the writer.
  const CameoTable* table = nullptr;
  // PLOVER "version" field.  Default "".
  std::string version;
};

class EventWriter {
 public:
  virtual ~EventWriter() = default;
  // Writes one event.  Events the format cannot hold (kPlover: CAMEO 01/02
  // "dropped" by PLOVER, or no PLOVER type) are skipped and counted, which
  // is not an error.  Returns kIoError when the stream fails.
  virtual Status Write(const Event& event) = 0;
  // Flushes.  Returns kIoError when the stream has failed.
  virtual Status Finish() = 0;
  uint64_t written() const { return written_; }
  uint64_t skipped() const { return skipped_; }

 protected:
  uint64_t written_ = 0;
  uint64_t skipped_ = 0;
};

// `out` is not owned and must outlive the writer.
std::unique_ptr<EventWriter> NewEventWriter(EventFormat format, std::ostream& out,
                                            const WriterOptions& options = {});

// Column names of the TSV formats, in order (58 for GDELT 1.0, 26 Phoenix).
const std::vector<std::string_view>& Gdelt1Columns();
const std::vector<std::string_view>& PhoenixColumns();

// Reads back one line written by the kJsonl writer.  `origin`/`line` name
// the place in messages.  Derived fields are read as written (no Enrich).
Result<Event> ParseEventJson(std::string_view json, std::string_view origin = "", uint64_t line = 0);

}  // namespace entente
