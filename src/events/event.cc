// Event ids, format names and reading JSONL events back.
#include "entente/event.h"

#include <cmath>
#include <string>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

namespace entente {

namespace {

constexpr uint64_t kFnvOffset = 1469598103934665603ull;
constexpr uint64_t kFnvPrime = 1099511628211ull;

void Mix(uint64_t* h, std::string_view s) {
  for (unsigned char c : s) {
    *h ^= c;
    *h *= kFnvPrime;
  }
  *h ^= 0xFF;  // field separator: no byte of UTF-8 text is 0xFF
  *h *= kFnvPrime;
}

}  // namespace

uint64_t EventId(const Event& e) {
  uint64_t h = kFnvOffset;
  Mix(&h, e.doc_id);
  Mix(&h, e.sentence_id);
  Mix(&h, std::to_string(e.sentence_index));
  Mix(&h, std::to_string(e.event_index));
  Mix(&h, e.code);
  uint64_t id = (h ^ (h >> 53)) & ((1ull << 53) - 1);
  return id == 0 ? 1 : id;
}

Result<EventFormat> ParseEventFormat(std::string_view name) {
  std::string n(name);
  for (char& c : n)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  if (n == "jsonl" || n == "json") return EventFormat::kJsonl;
  if (n == "gdelt" || n == "gdelt1") return EventFormat::kGdelt1;
  if (n == "phoenix") return EventFormat::kPhoenix;
  if (n == "plover" || n == "polecat") return EventFormat::kPlover;
  return Status(Code::kInvalidArgument,
                fmt::format("unknown event format '{}' (expected jsonl, gdelt, phoenix or plover)", name));
}

std::string_view EventFormatName(EventFormat format) {
  switch (format) {
    case EventFormat::kJsonl: return "jsonl";
    case EventFormat::kGdelt1: return "gdelt";
    case EventFormat::kPhoenix: return "phoenix";
    case EventFormat::kPlover: return "plover";
  }
  return "jsonl";
}

namespace {

using nlohmann::json;

// Reads typed members; the first type error is kept in `error`.
struct Reader {
  const json& obj;
  std::string error;

  void Str(const char* key, std::string* out) {
    auto it = obj.find(key);
    if (it == obj.end() || it->is_null()) return;
    if (!it->is_string()) return Fail(key, "a string");
    *out = it->get<std::string>();
  }
  void Int(const char* key, int* out) {
    auto it = obj.find(key);
    if (it == obj.end() || it->is_null()) return;
    if (!it->is_number_integer()) return Fail(key, "an integer");
    *out = it->get<int>();
  }
  void Bool(const char* key, bool* out) {
    auto it = obj.find(key);
    if (it == obj.end() || it->is_null()) return;
    if (!it->is_boolean()) return Fail(key, "true or false");
    *out = it->get<bool>();
  }
  void Double(const char* key, double* out) {
    auto it = obj.find(key);
    if (it == obj.end()) return;
    if (it->is_null()) {
      *out = std::nan("");
      return;
    }
    if (!it->is_number()) return Fail(key, "a number or null");
    *out = it->get<double>();
  }
  void Span(const char* key, TokenSpan* out) {
    auto it = obj.find(key);
    if (it == obj.end() || it->is_null()) return;
    if (!it->is_object()) return Fail(key, "an object");
    Reader r{*it, {}};
    r.Int("sentence", &out->sentence);
    r.Int("begin", &out->begin);
    r.Int("end", &out->end);
    if (!r.error.empty() && error.empty()) error = std::string(key) + "." + r.error;
  }
  void Parts(const char* key, ActorParts* out) {
    auto it = obj.find(key);
    if (it == obj.end() || it->is_null()) return;
    if (!it->is_object()) return Fail(key, "an object");
    Reader r{*it, {}};
    r.Str("country", &out->country);
    r.Str("known_group", &out->known_group);
    r.Str("ethnic", &out->ethnic);
    r.Str("religion1", &out->religion1);
    r.Str("religion2", &out->religion2);
    r.Str("other", &out->other);
    r.Bool("unknown", &out->unknown);
    auto t = it->find("types");
    if (t != it->end() && !t->is_null()) {
      if (!t->is_array() || t->size() > 3) {
        r.Fail("types", "an array of at most 3 strings");
      } else {
        std::string* slots[3] = {&out->type1, &out->type2, &out->type3};
        for (size_t i = 0; i < t->size(); ++i) {
          if (!(*t)[i].is_string()) {
            r.Fail("types", "an array of at most 3 strings");
            break;
          }
          *slots[i] = (*t)[i].get<std::string>();
        }
      }
    }
    if (!r.error.empty() && error.empty()) error = std::string(key) + "." + r.error;
  }
  void Location(const char* key, EventLocation* out) {
    auto it = obj.find(key);
    if (it == obj.end() || it->is_null()) return;
    if (!it->is_object()) return Fail(key, "an object {text, country, span} or null");
    Reader r{*it, {}};
    r.Str("text", &out->text);
    r.Str("country", &out->country);
    r.Span("span", &out->span);
    if (!r.error.empty() && error.empty()) error = std::string(key) + "." + r.error;
  }
  void Issues(const char* key, std::vector<IssueCount>* out) {
    auto it = obj.find(key);
    if (it == obj.end() || it->is_null()) return;
    const char* want = "an array of {code, category, count} objects";
    if (!it->is_array()) return Fail(key, want);
    for (const json& x : *it) {
      if (!x.is_object()) return Fail(key, want);
      IssueCount c;
      Reader r{x, {}};
      r.Str("code", &c.code);
      r.Str("category", &c.category);
      r.Int("count", &c.count);
      if (!r.error.empty()) return Fail(key, want);
      if (c.code.empty() || c.count < 1) return Fail(key, "issues with a code and a count >= 1");
      out->push_back(std::move(c));
    }
  }
  void Fail(std::string_view key, std::string_view want) {
    if (error.empty()) error = fmt::format("{}: expected {}", key, want);
  }
};

}  // namespace

Result<Event> ParseEventJson(std::string_view text, std::string_view origin, uint64_t line) {
  json j = json::parse(text.begin(), text.end(), nullptr, /*allow_exceptions=*/false);
  if (j.is_discarded()) return Status::At(Code::kParseError, origin, line, "malformed JSON");
  if (!j.is_object()) return Status::At(Code::kParseError, origin, line, "an event must be a JSON object");
  Event e;
  Reader r{j, {}};
  r.Str("doc_id", &e.doc_id);
  r.Str("date", &e.date);
  r.Str("source_name", &e.source_name);
  r.Str("url", &e.url);
  r.Str("sentence_id", &e.sentence_id);
  r.Int("sentence_index", &e.sentence_index);
  r.Int("event_index", &e.event_index);
  r.Bool("is_root_event", &e.is_root_event);
  r.Str("source_actor", &e.source_actor);
  r.Str("source_text", &e.source_text);
  r.Str("target_actor", &e.target_actor);
  r.Str("target_text", &e.target_text);
  r.Str("code", &e.code);
  r.Str("code_name", &e.code_name);
  r.Str("root_code", &e.root_code);
  r.Str("base_code", &e.base_code);
  r.Str("code_resolved", &e.code_resolved);
  r.Bool("code_fallback", &e.code_fallback);
  r.Int("quad_class", &e.quad_class);
  r.Int("penta_class", &e.penta_class);
  r.Double("goldstein", &e.goldstein);
  std::string scale;
  r.Str("goldstein_scale", &scale);
  if (!scale.empty()) {
    Result<GoldsteinScale> s = ParseGoldsteinScale(scale);
    if (!s.ok()) return Status::At(Code::kParseError, origin, line, s.status().message());
    e.goldstein_scale = *s;
  }
  r.Str("plover_type", &e.plover_type);
  r.Str("plover_mode", &e.plover_mode);
  r.Str("plover_context", &e.plover_context);
  r.Parts("source_parts", &e.source_parts);
  r.Parts("target_parts", &e.target_parts);
  r.Span("source_span", &e.source_span);
  r.Span("verb_span", &e.verb_span);
  r.Span("target_span", &e.target_span);
  r.Issues("issues", &e.issues);
  r.Location("location", &e.location);
  r.Str("pattern", &e.pattern);
  r.Str("sentence_text", &e.sentence_text);
  if (!r.error.empty()) return Status::At(Code::kParseError, origin, line, r.error);
  return e;
}

}  // namespace entente
