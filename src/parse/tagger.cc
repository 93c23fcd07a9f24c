#include "entente/tagger.h"

#include <ctime>
#include <fstream>

#include "parse/tagger_model.h"

namespace entente {

struct Tagger::Impl {
  tagger::Model model;
  std::vector<std::pair<std::string, std::string>> meta;
};

Tagger::Tagger(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Tagger::~Tagger() = default;

Result<std::unique_ptr<Tagger>> Tagger::Load(std::istream& in, std::string_view name) {
  auto reader = model_io::ModelReader::FromStream(in, name, tagger::kTaggerKind,
                                                  tagger::kTaggerKindVersion);
  if (!reader.ok()) return reader.status();
  auto impl = std::make_unique<Impl>();
  if (!impl->model.Read(&*reader)) return reader->status();
  impl->meta = reader->meta();
  return std::unique_ptr<Tagger>(new Tagger(std::move(impl)));
}

Result<std::unique_ptr<Tagger>> Tagger::Load(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::At(Code::kNotFound, path, 0, "cannot open tagger model");
  return Load(in, path);
}

void Tagger::Tag(Sentence* s) const { impl_->model.TagSentence(s); }

const std::vector<std::pair<std::string, std::string>>& Tagger::metadata() const {
  return impl_->meta;
}

std::vector<std::string> Tagger::upos_tags() const {
  std::vector<std::string> out;
  for (const auto& c : impl_->model.classes) out.push_back(c.first);
  return out;
}
std::vector<std::string> Tagger::xpos_tags() const {
  std::vector<std::string> out;
  for (const auto& c : impl_->model.classes) out.push_back(c.second);
  return out;
}

namespace {
bool EqualNoCase(const std::string& a, const std::string& b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    char x = a[i], y = b[i];
    if (x >= 'A' && x <= 'Z') x = static_cast<char>(x + 32);
    if (y >= 'A' && y <= 'Z') y = static_cast<char>(y + 32);
    if (x != y) return false;
  }
  return true;
}
}  // namespace

TaggerScores EvaluateTagger(const Tagger& tagger, const std::vector<Sentence>& gold) {
  TaggerScores sc;
  std::vector<Sentence> pred = gold;
  // CPU time of this thread: robust to other processes on a busy machine.
  auto cpu = [] {
    timespec ts;
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return ts.tv_sec + 1e-9 * ts.tv_nsec;
  };
  double t0 = cpu();
  for (auto& s : pred) tagger.Tag(&s);
  double t1 = cpu();
  uint64_t upos = 0, xpos = 0, both = 0, lemma = 0, lemma_nc = 0, feats = 0;
  for (size_t i = 0; i < gold.size(); ++i) {
    for (size_t j = 0; j < gold[i].tokens.size(); ++j) {
      const Token& g = gold[i].tokens[j];
      const Token& p = pred[i].tokens[j];
      ++sc.tokens;
      upos += g.upos == p.upos;
      xpos += g.xpos == p.xpos;
      both += g.upos == p.upos && g.xpos == p.xpos;
      lemma += g.lemma == p.lemma;
      lemma_nc += EqualNoCase(g.lemma, p.lemma);
      feats += g.feats == p.feats;
    }
  }
  if (sc.tokens == 0) return sc;
  double n = static_cast<double>(sc.tokens);
  sc.upos = upos / n;
  sc.xpos = xpos / n;
  sc.upos_xpos = both / n;
  sc.lemma = lemma / n;
  sc.lemma_nocase = lemma_nc / n;
  sc.feats = feats / n;
  double secs = t1 - t0;
  sc.tokens_per_second = secs > 0 ? n / secs : 0;
  return sc;
}

}  // namespace entente
