// Scoring coded events against annotated records (include/entente/evaluate.h).
#include "entente/evaluate.h"

#include <algorithm>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

namespace entente {

namespace {

std::string Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t' || s.front() == '"' || s.front() == '\''))
    s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '"' || s.back() == '\''))
    s.remove_suffix(1);
  return std::string(s);
}

bool IsTrue(std::string_view v) {
  std::string t = Trim(v);
  for (char& c : t) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return t == "true" || t == "1" || t == "yes";
}

}  // namespace

ExpectedRecord ExpectedFromDocument(const Document& doc) {
  ExpectedRecord r;
  r.id = doc.id;
  for (const auto& [k, v] : doc.meta) {
    if (k == "category") r.category = v;
    if (k == "evaluate" && !IsTrue(v)) r.evaluate = false;
    if (k == "noevents" && IsTrue(v)) r.noevents = true;
  }
  for (const Annotation& a : doc.annotations) {
    if (a.name != "EventCoding" && a.name != "expected") continue;
    EventTriple t;
    bool has_code = false;
    for (const auto& [k, v] : a.attributes) {
      if (k == "noevents" && IsTrue(v)) r.noevents = true;
      if (k == "sourcecode" || k == "source") t.source = Trim(v);
      if (k == "targetcode" || k == "target") t.target = Trim(v);
      if (k == "eventcode" || k == "code") {
        t.code = Trim(v);
        has_code = true;
      }
    }
    if (has_code && !t.code.empty()) r.expected.push_back(std::move(t));
  }
  return r;
}

void Evaluator::Add(const Document& doc, const std::vector<Event>& events) {
  std::vector<EventTriple> emitted;
  emitted.reserve(events.size());
  // An absent actor is written "---" in the suites' expectations.
  auto actor = [](const std::string& a) { return a.empty() ? std::string("---") : a; };
  for (const Event& e : events) emitted.push_back({actor(e.source_actor), actor(e.target_actor), e.code});
  Add(ExpectedFromDocument(doc), emitted, doc.text);
}

void Evaluator::Add(const ExpectedRecord& rec, const std::vector<EventTriple>& emitted_in,
                    const std::string& text) {
  if (!rec.evaluate) {
    report_.excluded++;
    return;
  }
  std::vector<EventTriple> emitted = emitted_in;
  std::sort(emitted.begin(), emitted.end());
  emitted.erase(std::unique(emitted.begin(), emitted.end()), emitted.end());
  std::vector<EventTriple> expected = rec.expected;
  std::sort(expected.begin(), expected.end());
  expected.erase(std::unique(expected.begin(), expected.end()), expected.end());

  ScoreCounts c;
  c.records = 1;
  c.expected = rec.expected.size();
  c.emitted = emitted.size();
  for (const EventTriple& x : rec.expected) {
    if (std::binary_search(emitted.begin(), emitted.end(), x)) {
      c.found++;
    } else {
      report_.misses.push_back({rec.id, rec.category, x, text});
    }
  }
  for (const EventTriple& x : emitted) {
    if (std::binary_search(expected.begin(), expected.end(), x)) {
      c.correct++;
    } else {
      report_.extras.push_back({rec.id, rec.category, x, text});
    }
  }
  c.exact = (emitted == expected) ? 1 : 0;
  auto add = [&](ScoreCounts* t) {
    t->records += c.records;
    t->expected += c.expected;
    t->emitted += c.emitted;
    t->found += c.found;
    t->correct += c.correct;
    t->exact += c.exact;
  };
  add(&report_.total);
  add(&report_.by_category[rec.category]);
}

std::string EvalReportText(const EvalReport& r, bool list_items) {
  std::string out;
  auto line = [&](const std::string& name, const ScoreCounts& c) {
    out += fmt::format("{:<14} records {:>4}  expected {:>4}  emitted {:>4}  found {:>4}  recall {:.3f}  "
                       "precision {:.3f}  exact {:.3f}\n",
                       name, c.records, c.expected, c.emitted, c.found, c.recall(), c.precision(),
                       c.exact_share());
  };
  line("TOTAL", r.total);
  for (const auto& [k, c] : r.by_category) line(k.empty() ? "(none)" : k, c);
  out += fmt::format("excluded (evaluate=false): {}\n", r.excluded);
  if (list_items) {
    for (const auto& m : r.misses)
      out += fmt::format("MISS  {} [{}] {} {} {} :: {}\n", m.record, m.category, m.event.source,
                         m.event.code, m.event.target, m.text.substr(0, 160));
    for (const auto& m : r.extras)
      out += fmt::format("EXTRA {} [{}] {} {} {} :: {}\n", m.record, m.category, m.event.source,
                         m.event.code, m.event.target, m.text.substr(0, 160));
  }
  return out;
}

std::string EvalTraceText(const Document& d, const std::vector<Event>& events) {
  std::string out = fmt::format("== {}  {}\n", d.id, d.date);
  ExpectedRecord want = ExpectedFromDocument(d);
  if (want.noevents) out += "  expected: no events\n";
  for (const EventTriple& e : want.expected) out += fmt::format("  expected {} {} {}\n", e.source, e.code, e.target);
  for (size_t si = 0; si < d.sentences.size(); ++si) {
    const Sentence& s = d.sentences[si];
    out += fmt::format("  sentence {}: {}\n", si, s.text);
    for (size_t i = 0; i < s.tokens.size(); ++i) {
      const Token& t = s.tokens[i];
      out += fmt::format("    {:>3} {:<18} {:<14} {:<5} {:>3} {}\n", i, t.form, t.lemma, t.upos,
                         static_cast<int>(t.head) - 1, t.deprel);
    }
  }
  for (const Event& e : events)
    out += fmt::format("  coded {} {} {}  sentence {} source[{},{}) verb[{},{}) target[{},{})  {}\n",
                       e.source_actor, e.code, e.target_actor, e.sentence_index, e.source_span.begin,
                       e.source_span.end, e.verb_span.begin, e.verb_span.end, e.target_span.begin,
                       e.target_span.end, e.pattern);
  return out;
}

std::string EvalReportJson(const EvalReport& r) {
  using nlohmann::ordered_json;
  auto counts = [](const ScoreCounts& c) {
    ordered_json j;
    j["records"] = c.records;
    j["expected"] = c.expected;
    j["emitted"] = c.emitted;
    j["found"] = c.found;
    j["correct"] = c.correct;
    j["exact"] = c.exact;
    j["recall"] = c.recall();
    j["precision"] = c.precision();
    j["exact_share"] = c.exact_share();
    return j;
  };
  auto items = [](const std::vector<ScoreItem>& v) {
    ordered_json a = ordered_json::array();
    for (const auto& m : v)
      a.push_back({{"record", m.record}, {"category", m.category}, {"source", m.event.source},
                   {"target", m.event.target}, {"code", m.event.code}});
    return a;
  };
  ordered_json j;
  j["total"] = counts(r.total);
  ordered_json cats = ordered_json::object();
  for (const auto& [k, c] : r.by_category) cats[k] = counts(c);
  j["categories"] = cats;
  j["excluded"] = r.excluded;
  j["misses"] = items(r.misses);
  j["extras"] = items(r.extras);
  return j.dump();
}

}  // namespace entente
