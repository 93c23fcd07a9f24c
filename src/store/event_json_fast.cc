// A fast reader of one kJsonl event line with simdjson's DOM API, used by
// IngestEventsJsonl.  It accepts exactly the well-formed lines and gives the
// same Event as ParseEventJson (store_test checks this through the writer);
// on anything unusual (malformed JSON, a wrong type, an unknown scale, an
// integer out of range) it returns false and the caller falls back to
// ParseEventJson for the authoritative result and message.
#include "store/event_json_fast.h"

#include <simdjson.h>

#include <cmath>
#include <limits>
#include <string>
#include <string_view>

namespace entente::store_internal {

namespace {

using simdjson::dom::element;
using simdjson::dom::element_type;

enum Field : int {
  kNone, kDocId, kDate, kSourceName, kUrl, kSentenceId, kSentenceIndex, kEventIndex, kIsRoot,
  kSourceActor, kSourceText, kTargetActor, kTargetText, kCode, kCodeName, kRootCode, kBaseCode,
  kCodeResolved, kCodeFallback, kQuadClass, kPentaClass, kGoldstein, kGoldsteinScale, kPloverType,
  kPloverMode, kPloverContext, kSourceParts, kTargetParts, kSourceSpan, kVerbSpan, kTargetSpan,
  kIssues, kLocation, kPattern, kSentenceText,
};

Field FieldOf(std::string_view k) {
  // Keys in writer order; a linear scan of ~33 short keys beats hashing here
  // only when keys arrive in order, so start from the expected position.
  static const std::pair<std::string_view, Field> kKeys[] = {
      {"doc_id", kDocId}, {"date", kDate}, {"source_name", kSourceName}, {"url", kUrl},
      {"sentence_id", kSentenceId}, {"sentence_index", kSentenceIndex}, {"event_index", kEventIndex},
      {"is_root_event", kIsRoot}, {"source_actor", kSourceActor}, {"source_text", kSourceText},
      {"target_actor", kTargetActor}, {"target_text", kTargetText}, {"code", kCode},
      {"code_name", kCodeName}, {"root_code", kRootCode}, {"base_code", kBaseCode},
      {"code_resolved", kCodeResolved}, {"code_fallback", kCodeFallback}, {"quad_class", kQuadClass},
      {"penta_class", kPentaClass}, {"goldstein", kGoldstein}, {"goldstein_scale", kGoldsteinScale},
      {"plover_type", kPloverType}, {"plover_mode", kPloverMode}, {"plover_context", kPloverContext},
      {"source_parts", kSourceParts}, {"target_parts", kTargetParts}, {"source_span", kSourceSpan},
      {"verb_span", kVerbSpan}, {"target_span", kTargetSpan}, {"issues", kIssues}, {"location", kLocation},
      {"pattern", kPattern},
      {"sentence_text", kSentenceText},
  };
  for (const auto& [name, f] : kKeys)
    if (name == k) return f;
  return kNone;
}

bool Str(element v, std::string* out) {
  if (v.is_null()) return true;
  std::string_view s;
  if (v.get_string().get(s)) return false;
  out->assign(s);
  return true;
}

bool Int(element v, int* out) {
  if (v.is_null()) return true;
  int64_t i;
  if (v.type() != element_type::INT64 || v.get_int64().get(i)) return false;
  if (i < std::numeric_limits<int>::min() || i > std::numeric_limits<int>::max()) return false;
  *out = static_cast<int>(i);
  return true;
}

bool Bool(element v, bool* out) {
  if (v.is_null()) return true;
  return !v.get_bool().get(*out);
}

bool Span(element v, TokenSpan* out) {
  if (v.is_null()) return true;
  simdjson::dom::object o;
  if (v.get_object().get(o)) return false;
  for (auto kv : o) {
    if (kv.key == "sentence") { if (!Int(kv.value, &out->sentence)) return false; }
    else if (kv.key == "begin") { if (!Int(kv.value, &out->begin)) return false; }
    else if (kv.key == "end") { if (!Int(kv.value, &out->end)) return false; }
  }
  return true;
}

bool Parts(element v, ActorParts* out) {
  if (v.is_null()) return true;
  simdjson::dom::object o;
  if (v.get_object().get(o)) return false;
  for (auto kv : o) {
    const std::string_view k = kv.key;
    bool ok = true;
    if (k == "country") ok = Str(kv.value, &out->country);
    else if (k == "known_group") ok = Str(kv.value, &out->known_group);
    else if (k == "ethnic") ok = Str(kv.value, &out->ethnic);
    else if (k == "religion1") ok = Str(kv.value, &out->religion1);
    else if (k == "religion2") ok = Str(kv.value, &out->religion2);
    else if (k == "other") ok = Str(kv.value, &out->other);
    else if (k == "unknown") ok = Bool(kv.value, &out->unknown);
    else if (k == "types") {
      if (kv.value.is_null()) continue;
      simdjson::dom::array a;
      if (kv.value.get_array().get(a) || a.size() > 3) return false;
      std::string* slots[3] = {&out->type1, &out->type2, &out->type3};
      size_t i = 0;
      for (element t : a)
        if (!Str(t, slots[i++]) || t.is_null()) return false;
    }
    if (!ok) return false;
  }
  return true;
}

// {"text":..,"country":..,"span":{..}} or null; anything unusual -> false.
bool Location(element v, EventLocation* out) {
  if (v.is_null()) return true;
  simdjson::dom::object o;
  if (v.get_object().get(o)) return false;
  for (auto kv : o) {
    bool ok = true;
    if (kv.key == "text") ok = Str(kv.value, &out->text);
    else if (kv.key == "country") ok = Str(kv.value, &out->country);
    else if (kv.key == "span") ok = Span(kv.value, &out->span);
    if (!ok) return false;
  }
  return true;
}

// [{"code":..,"category":..,"count":N}, ...]; anything unusual -> false
// (ParseEventJson then gives the message).
bool Issues(element v, std::vector<IssueCount>* out) {
  if (v.is_null()) return true;
  simdjson::dom::array a;
  if (v.get_array().get(a)) return false;
  for (element x : a) {
    simdjson::dom::object o;
    if (x.get_object().get(o)) return false;
    IssueCount c;
    for (auto kv : o) {
      bool ok = true;
      if (kv.key == "code") ok = Str(kv.value, &c.code);
      else if (kv.key == "category") ok = Str(kv.value, &c.category);
      else if (kv.key == "count") ok = Int(kv.value, &c.count);
      if (!ok) return false;
    }
    if (c.code.empty() || c.count < 1) return false;
    out->push_back(std::move(c));
  }
  return true;
}

}  // namespace

struct FastEventParser::Rep {
  simdjson::dom::parser parser;
};

FastEventParser::FastEventParser() : rep_(new Rep) {}
FastEventParser::~FastEventParser() = default;

bool FastEventParser::Parse(std::string_view line, Event* e) {
  element root;
  if (rep_->parser.parse(line.data(), line.size(), true).get(root)) return false;
  simdjson::dom::object obj;
  if (root.get_object().get(obj)) return false;
  *e = Event();
  for (auto kv : obj) {
    element v = kv.value;
    bool ok = true;
    switch (FieldOf(kv.key)) {
      case kNone: break;
      case kDocId: ok = Str(v, &e->doc_id); break;
      case kDate: ok = Str(v, &e->date); break;
      case kSourceName: ok = Str(v, &e->source_name); break;
      case kUrl: ok = Str(v, &e->url); break;
      case kSentenceId: ok = Str(v, &e->sentence_id); break;
      case kSentenceIndex: ok = Int(v, &e->sentence_index); break;
      case kEventIndex: ok = Int(v, &e->event_index); break;
      case kIsRoot: ok = Bool(v, &e->is_root_event); break;
      case kSourceActor: ok = Str(v, &e->source_actor); break;
      case kSourceText: ok = Str(v, &e->source_text); break;
      case kTargetActor: ok = Str(v, &e->target_actor); break;
      case kTargetText: ok = Str(v, &e->target_text); break;
      case kCode: ok = Str(v, &e->code); break;
      case kCodeName: ok = Str(v, &e->code_name); break;
      case kRootCode: ok = Str(v, &e->root_code); break;
      case kBaseCode: ok = Str(v, &e->base_code); break;
      case kCodeResolved: ok = Str(v, &e->code_resolved); break;
      case kCodeFallback: ok = Bool(v, &e->code_fallback); break;
      case kQuadClass: ok = Int(v, &e->quad_class); break;
      case kPentaClass: ok = Int(v, &e->penta_class); break;
      case kGoldstein:
        if (v.is_null()) {
          e->goldstein = std::nan("");
        } else {
          ok = v.is_number() && !v.get_double().get(e->goldstein);
        }
        break;
      case kGoldsteinScale: {
        std::string_view s;
        if (v.is_null()) break;
        if (v.get_string().get(s)) return false;
        if (s.empty()) break;
        // The writer's names; anything else goes to ParseGoldsteinScale.
        if (s == "gdelt") e->goldstein_scale = GoldsteinScale::kGdelt;
        else if (s == "icews") e->goldstein_scale = GoldsteinScale::kIcews;
        else if (s == "phoenix") e->goldstein_scale = GoldsteinScale::kPhoenix;
        else return false;
        break;
      }
      case kPloverType: ok = Str(v, &e->plover_type); break;
      case kPloverMode: ok = Str(v, &e->plover_mode); break;
      case kPloverContext: ok = Str(v, &e->plover_context); break;
      case kSourceParts: ok = Parts(v, &e->source_parts); break;
      case kTargetParts: ok = Parts(v, &e->target_parts); break;
      case kIssues: ok = Issues(v, &e->issues); break;
      case kLocation: ok = Location(v, &e->location); break;
      case kSourceSpan: ok = Span(v, &e->source_span); break;
      case kVerbSpan: ok = Span(v, &e->verb_span); break;
      case kTargetSpan: ok = Span(v, &e->target_span); break;
      case kPattern: ok = Str(v, &e->pattern); break;
      case kSentenceText: ok = Str(v, &e->sentence_text); break;
    }
    if (!ok) return false;
  }
  return true;
}

}  // namespace entente::store_internal
