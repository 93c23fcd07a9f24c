// Sentences built by hand for the pipeline's tests.
#pragma once

#include <sstream>
#include <string>

#include "entente/document.h"

namespace entente::pipeline::test_util {

// "Israel released him" or, tagged, "Israel/PROPN/NNP released/VERB/VBD":
// one token per space-separated item; "/" splits form, UPOS and XPOS (a
// form "/" alone, or one without two slashes, is taken as it is).
inline Sentence Words(const std::string& text) {
  Sentence s;
  std::istringstream in(text);
  std::string item;
  while (in >> item) {
    Token t;
    const size_t a = item.find('/', 1), b = item.rfind('/');
    if (a == std::string::npos || a == b) {
      t.form = item;
    } else {
      t.form = item.substr(0, a);
      t.upos = item.substr(a + 1, b - a - 1);
      t.xpos = item.substr(b + 1);
    }
    s.tokens.push_back(t);
  }
  return s;
}

}  // namespace entente::pipeline::test_util
