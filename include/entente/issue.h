// entente/issue.h -- an issue found in a sentence (Phoenix issue coding).
//
// Issues are topics named in the text ("nuclear weapons", "literacy"),
// found by IssueDictionary (entente/dictionary.h) and carried by every
// event of the sentence (Event::issues, entente/event.h): the Phoenix
// "Issues" column, "CODE,COUNT;CODE,COUNT".
#pragma once

#include <string>

namespace entente {

struct IssueCount {
  std::string code;      // "NUCLEAR_WEAPONS"
  std::string category;  // CATEGORY of its <ISSUE> block, "WMD"; may be ""
  int count = 0;         // occurrences in the sentence
  bool operator==(const IssueCount&) const = default;
};

}  // namespace entente
