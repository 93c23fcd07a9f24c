#include "entente/pipeline.h"

#include <cstdlib>

#include "entente/parallel.h"
#include "entente/parser.h"
#include "entente/tagger.h"
#include "pipeline/day_phrase.h"
#include "pipeline/tag_repair.h"

#ifndef ENTENTE_DEFAULT_DATA_DIR
#define ENTENTE_DEFAULT_DATA_DIR "data"
#endif

namespace entente {

std::string DataDir() {
  if (const char* env = std::getenv("ENTENTE_DATA"); env != nullptr && *env != '\0') return env;
  return ENTENTE_DEFAULT_DATA_DIR;
}

Pipeline::Pipeline(PipelineOptions options) : options_(std::move(options)), tokenizer_(options_.tokenizer) {}
Pipeline::~Pipeline() = default;

Result<std::unique_ptr<Pipeline>> Pipeline::Create(const PipelineOptions& options) {
  std::unique_ptr<Pipeline> p(new Pipeline(options));
  if (p->options_.parse) p->options_.tag = true;
  const std::string models = DataDir() + "/models/";
  if (p->options_.tag) {
    std::string path = options.tagger_path.empty() ? models + "en_ewt-tagger.bin" : options.tagger_path;
    auto t = Tagger::Load(path);
    if (!t.ok()) return t.status();
    p->tagger_ = std::move(t).value();
  }
  if (p->options_.parse) {
    std::string path = options.parser_path.empty() ? models + "en_ewt-parser.bin" : options.parser_path;
    auto d = DependencyParser::Load(path);
    if (!d.ok()) return d.status();
    p->parser_ = std::move(d).value();
  }
  return p;
}

void Pipeline::Tag(Sentence* s) const {
  tagger_->Tag(s);
  if (options_.repair_tags) pipeline::RepairTags(s);
}

void Pipeline::Process(Sentence* s) const {
  if (tagger_ && parser_ && options_.wire_day_phrases) {
    if (auto p = pipeline::FindDayPhrase(*s)) {
      Sentence reduced = pipeline::WithoutDayPhrase(*s, *p);
      Tag(&reduced);
      if (pipeline::DayPhraseFits(reduced, *p)) {
        parser_->Parse(&reduced);
        pipeline::RestoreDayPhrase(reduced, *p, s);
        return;
      }
    }
  }
  if (tagger_) Tag(s);
  if (parser_) parser_->Parse(s);
}

void Pipeline::Process(Document* doc, SegmentStats* seg) const {
  if (doc->sentences.empty() || !options_.keep_existing_tokens) {
    const SegmentStats s = tokenizer_.Segment(doc);
    if (seg != nullptr) *seg += s;
  }
  for (Sentence& s : doc->sentences) Process(&s);
}

void Pipeline::ProcessBatch(std::vector<Document>* docs, int threads) const {
  ParallelFor(docs->size(), threads, [&](size_t i) { Process(&(*docs)[i]); });
}

}  // namespace entente
