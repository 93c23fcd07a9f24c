// entente-segment-eval: scores the rule-based segmenter against a CoNLL-U
// treebank (CoNLL 2018 style; see entente/tokenizer.h).
//
//   entente-segment-eval FILE.conllu [--errors N] [--show-sentences N] [--boundaries N]
//
// The raw text is RawTextOfTreebank(gold): "# text" lines, sentences of a
// paragraph joined by a space, paragraphs and documents by a blank line.
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <set>
#include <string>
#include <vector>

#include "entente/conllu.h"
#include "entente/tokenizer.h"

namespace {

using entente::Sentence;

// Surface tokens with their spans over non-whitespace characters.
struct Tok {
  size_t b, e;
  std::string form;
};

std::vector<Tok> Surface(const std::vector<Sentence>& ss, std::vector<std::pair<size_t, size_t>>* sents) {
  std::vector<Tok> out;
  size_t pos = 0;
  for (const Sentence& s : ss) {
    const size_t sb = pos;
    size_t m = 0;
    for (size_t i = 0; i < s.tokens.size();) {
      std::string form;
      size_t next = i + 1;
      if (m < s.multiword.size() && s.multiword[m].first == static_cast<int>(i) + 1) {
        form = s.multiword[m].form;
        next = s.multiword[m].last;
        ++m;
      } else {
        form = s.tokens[i].form;
      }
      std::string nows;
      for (char c : form)
        if (c != ' ') nows.push_back(c);
      out.push_back(Tok{pos, pos + nows.size(), nows});
      pos += nows.size();
      i = next;
    }
    sents->push_back({sb, pos});
  }
  return out;
}

void ShowTokenErrors(const std::vector<Sentence>& gold, const std::vector<Sentence>& pred, int limit) {
  std::vector<std::pair<size_t, size_t>> gs, ps;
  auto g = Surface(gold, &gs);
  auto p = Surface(pred, &ps);
  std::set<std::pair<size_t, size_t>> pset;
  for (auto& t : p) pset.insert({t.b, t.e});
  size_t pi = 0;
  int shown = 0;
  for (size_t gi = 0; gi < g.size() && shown < limit; ++gi) {
    if (pset.count({g[gi].b, g[gi].e})) continue;
    while (pi < p.size() && p[pi].e <= g[gi].b) ++pi;
    std::string ctx_g, ctx_p;
    for (size_t k = gi >= 3 ? gi - 3 : 0; k < std::min(g.size(), gi + 4); ++k) ctx_g += (k == gi ? "[" + g[k].form + "]" : g[k].form) + " ";
    size_t pk = pi >= 3 ? pi - 3 : 0;
    for (size_t k = pk; k < std::min(p.size(), pi + 5); ++k) ctx_p += p[k].form + " ";
    std::printf("TOK gold: %s\n    pred: %s\n", ctx_g.c_str(), ctx_p.c_str());
    ++shown;
  }
}

void ShowSentenceErrors(const std::vector<Sentence>& gold, const std::vector<Sentence>& pred, int limit) {
  std::vector<std::pair<size_t, size_t>> gs, ps;
  Surface(gold, &gs);
  Surface(pred, &ps);
  std::set<std::pair<size_t, size_t>> gset(gs.begin(), gs.end());
  std::set<std::pair<size_t, size_t>> pset(ps.begin(), ps.end());
  int shown = 0;
  for (size_t i = 0; i < pred.size() && shown < limit; ++i) {
    if (gset.count(ps[i])) continue;
    std::printf("SENT pred: %s\n", pred[i].text.c_str());
    ++shown;
  }
  shown = 0;
  for (size_t i = 0; i < gold.size() && shown < limit; ++i) {
    if (pset.count(gs[i])) continue;
    std::printf("SENT gold: %s\n", gold[i].text.c_str());
    ++shown;
  }
}

// Prints sentence boundaries missed (MISS) and invented (EXTRA) with the
// surrounding tokens.
void ShowBoundaries(const std::vector<Sentence>& gold, const std::vector<Sentence>& pred, int limit) {
  std::vector<std::pair<size_t, size_t>> gs, ps;
  auto g = Surface(gold, &gs);
  auto p = Surface(pred, &ps);
  std::set<size_t> gb, pb;
  for (auto& s : gs) gb.insert(s.second);
  for (auto& s : ps) pb.insert(s.second);
  auto context = [](const std::vector<Tok>& toks, size_t at) {
    size_t k = 0;
    while (k < toks.size() && toks[k].e <= at) ++k;  // first token after the boundary
    std::string out;
    for (size_t i = k >= 6 ? k - 6 : 0; i < std::min(toks.size(), k + 4); ++i) {
      if (i == k) out += "|| ";
      out += toks[i].form + " ";
    }
    return out;
  };
  int shown = 0;
  for (size_t b : gb)
    if (!pb.count(b) && shown++ < limit) std::printf("MISS  %s\n", context(g, b).c_str());
  shown = 0;
  for (size_t b : pb)
    if (!gb.count(b) && shown++ < limit) std::printf("EXTRA %s\n", context(g, b).c_str());
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: %s FILE.conllu [--errors N] [--show-sentences N] [--boundaries N]\n", argv[0]);
    return 2;
  }
  int errors = 0, show_sent = 0, boundaries = 0;
  for (int i = 2; i + 1 < argc; i += 2) {
    if (std::strcmp(argv[i], "--errors") == 0) errors = std::atoi(argv[i + 1]);
    if (std::strcmp(argv[i], "--show-sentences") == 0) show_sent = std::atoi(argv[i + 1]);
    if (std::strcmp(argv[i], "--boundaries") == 0) boundaries = std::atoi(argv[i + 1]);
  }
  auto gold = entente::ReadConlluFile(argv[1]);
  if (!gold.ok()) {
    std::fprintf(stderr, "%s\n", gold.status().ToString().c_str());
    return 1;
  }
  const std::string raw = entente::RawTextOfTreebank(*gold);
  entente::Tokenizer tok;
  std::vector<Sentence> pred;
  const auto t0 = std::chrono::steady_clock::now();
  const entente::SegmentStats st = tok.Segment(raw, &pred);
  const double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  auto scores = entente::EvaluateSegmentation(*gold, pred);
  if (!scores.ok()) {
    std::fprintf(stderr, "%s\n", scores.status().ToString().c_str());
    return 1;
  }
  auto line = [](const char* name, const entente::SegmentCounts& c) {
    std::printf("%-10s P %6.2f  R %6.2f  F1 %6.2f   (gold %zu, predicted %zu, correct %zu)\n", name,
                c.precision(), c.recall(), c.f1(), c.gold, c.predicted, c.correct);
  };
  std::printf("%s: %zu bytes, %zu sentences, %zu tokens, %zu words in %.3f s\n", argv[1], raw.size(),
              st.sentences, st.tokens, st.words, secs);
  line("Tokens", scores->tokens);
  line("Words", scores->words);
  line("Sentences", scores->sentences);
  if (errors) ShowTokenErrors(*gold, pred, errors);
  if (show_sent) ShowSentenceErrors(*gold, pred, show_sent);
  if (boundaries) ShowBoundaries(*gold, pred, boundaries);
  return 0;
}
