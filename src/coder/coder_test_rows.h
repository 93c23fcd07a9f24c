// Hand-built parsed sentences for the coder tests that share one test
// executable (coder_issues_test.cc, coder_location_test.cc).
#pragma once

#include <string>
#include <tuple>
#include <vector>

#include "entente/document.h"

namespace entente::coder_test {

// form, UPOS, head (1-based, 0 = root), relation; the lemma is the form.
using Row = std::tuple<std::string, std::string, int, std::string>;

inline Sentence MakeSentence(const std::vector<Row>& rows, const std::string& id = "s1") {
  Sentence s;
  s.id = id;
  for (const auto& [form, upos, head, rel] : rows) {
    Token t;
    t.form = form;
    t.lemma = form;
    t.upos = upos;
    t.head = head;
    t.deprel = rel;
    if (!s.text.empty()) s.text += ' ';
    s.text += form;
    s.tokens.push_back(std::move(t));
  }
  return s;
}

// "China criticized NATO": tokens 1-3, the verb is token 2.
inline std::vector<Row> ChinaCriticizedNato() {
  return {{"China", "PROPN", 2, "nsubj"}, {"criticized", "VERB", 0, "root"}, {"NATO", "PROPN", 2, "obj"}};
}

}  // namespace entente::coder_test
