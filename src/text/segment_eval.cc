// Segmentation scores in the style of the CoNLL 2018 shared task (see
// entente/tokenizer.h for the contract).
#include <algorithm>
#include <string>
#include <string_view>
#include <tuple>
#include <vector>

#include "entente/tokenizer.h"

namespace entente {
namespace {

inline bool IsWs(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'; }

struct Span {
  uint64_t b, e;
  bool operator<(const Span& o) const { return b != o.b ? b < o.b : e < o.e; }
  bool operator==(const Span& o) const { return b == o.b && e == o.e; }
};

struct WordKey {
  uint64_t b, e;      // span of the word, or of its multiword token
  std::string form;   // lower-cased form for words inside a multiword token
  bool operator<(const WordKey& o) const { return std::tie(b, e, form) < std::tie(o.b, o.e, o.form); }
  bool operator==(const WordKey& o) const { return b == o.b && e == o.e && form == o.form; }
};

struct Side {
  std::string chars;  // concatenated non-whitespace characters
  std::vector<Span> tokens, sentences;
  std::vector<WordKey> words;
};

// Appends the non-whitespace bytes of `form`; returns its span.
Span Append(const std::string& form, std::string* chars) {
  const uint64_t b = chars->size();
  for (char c : form)
    if (!IsWs(c)) chars->push_back(c);
  return Span{b, chars->size()};
}

std::string LowerAscii(const std::string& s) {
  std::string r = s;
  for (char& c : r)
    if (c >= 'A' && c <= 'Z') c += 32;
  return r;
}

Side Collect(const std::vector<Sentence>& sents) {
  Side side;
  for (const Sentence& s : sents) {
    const uint64_t sb = side.chars.size();
    size_t m = 0;
    const int n = static_cast<int>(s.tokens.size());
    for (int i = 0; i < n;) {
      while (m < s.multiword.size() && s.multiword[m].first < i + 1) ++m;
      if (m < s.multiword.size() && s.multiword[m].first == i + 1 && s.multiword[m].last > i + 1) {
        const MultiwordToken& mw = s.multiword[m];
        const Span sp = Append(mw.form, &side.chars);
        side.tokens.push_back(sp);
        const int last = std::min(mw.last, n);
        for (int k = i; k < last; ++k)
          side.words.push_back(WordKey{sp.b, sp.e, LowerAscii(s.tokens[k].form)});
        i = last;
        ++m;
        continue;
      }
      const Span sp = Append(s.tokens[i].form, &side.chars);
      if (sp.e > sp.b) {
        side.tokens.push_back(sp);
        side.words.push_back(WordKey{sp.b, sp.e, std::string()});
      }
      ++i;
    }
    if (side.chars.size() > sb) side.sentences.push_back(Span{sb, side.chars.size()});
  }
  return side;
}

template <typename T>
SegmentCounts Count(std::vector<T> gold, std::vector<T> pred) {
  std::sort(gold.begin(), gold.end());
  std::sort(pred.begin(), pred.end());
  SegmentCounts c;
  c.gold = gold.size();
  c.predicted = pred.size();
  size_t i = 0, j = 0;
  while (i < gold.size() && j < pred.size()) {
    if (gold[i] == pred[j]) {
      ++c.correct;
      ++i;
      ++j;
    } else if (gold[i] < pred[j]) {
      ++i;
    } else {
      ++j;
    }
  }
  return c;
}

}  // namespace

Result<SegmentScores> EvaluateSegmentation(const std::vector<Sentence>& gold,
                                           const std::vector<Sentence>& predicted) {
  Side g = Collect(gold);
  Side p = Collect(predicted);
  if (g.chars != p.chars) {
    size_t k = 0;
    while (k < g.chars.size() && k < p.chars.size() && g.chars[k] == p.chars[k]) ++k;
    const size_t from = k >= 20 ? k - 20 : 0;
    std::string msg = "gold and predicted text differ at non-whitespace character ";
    msg.append(std::to_string(k)).append(": gold '");
    msg.append(std::string_view(g.chars).substr(std::min(from, g.chars.size()), 40));
    msg.append("' vs predicted '");
    msg.append(std::string_view(p.chars).substr(std::min(from, p.chars.size()), 40));
    msg.append("'");
    return Status(Code::kInvalidArgument, std::move(msg));
  }
  SegmentScores s;
  s.tokens = Count(std::move(g.tokens), std::move(p.tokens));
  s.words = Count(std::move(g.words), std::move(p.words));
  s.sentences = Count(std::move(g.sentences), std::move(p.sentences));
  return s;
}

std::string RawTextOfTreebank(const std::vector<Sentence>& gold) {
  std::string out;
  for (const Sentence& s : gold) {
    bool para = false;
    for (const auto& kv : s.comments) {
      if (kv.first.rfind("newdoc", 0) == 0 || kv.first.rfind("newpar", 0) == 0) para = true;
    }
    if (!out.empty()) out.append(para ? "\n\n" : " ");
    out.append(s.text);
  }
  if (!out.empty()) out.push_back('\n');
  return out;
}

}  // namespace entente
