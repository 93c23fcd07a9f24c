// Fast reader of kJsonl event lines (see event_json_fast.cc).
#pragma once

#include <memory>
#include <string_view>

#include "entente/event.h"

namespace entente::store_internal {

class FastEventParser {
 public:
  FastEventParser();
  ~FastEventParser();
  // Fills *event from a well-formed line and returns true; returns false
  // (event unspecified) when the line needs ParseEventJson's judgement.
  bool Parse(std::string_view line, Event* event);

 private:
  struct Rep;
  std::unique_ptr<Rep> rep_;
};

}  // namespace entente::store_internal
