// CoNLL-U documents: sentences grouped at "# newdoc", text rebuilt from forms.
#include <algorithm>
#include <istream>
#include <string>

#include <fmt/format.h>

#include "entente/conllu.h"
#include "ingest/sources.h"

namespace entente::ingest {
namespace {

// "# newdoc" or "# newdoc id = X": returns true and sets *id (maybe empty).
bool NewDoc(const Sentence& s, std::string* id) {
  for (const auto& [k, v] : s.comments) {
    if (k == "newdoc" || k.starts_with("newdoc id")) {
      *id = v;
      return true;
    }
  }
  return false;
}

bool SpaceAfterNo(std::string_view misc) {
  size_t p = 0;
  while (p <= misc.size()) {
    size_t bar = misc.find('|', p);
    if (bar == std::string_view::npos) bar = misc.size();
    if (misc.substr(p, bar - p) == "SpaceAfter=No") return true;
    p = bar + 1;
  }
  return false;
}

// Appends the sentence's surface text to `text`, setting offsets.
void AppendSentence(Sentence* s, std::string* text) {
  if (!text->empty()) text->push_back(' ');
  s->begin = static_cast<uint32_t>(text->size());
  size_t mw = 0;
  const size_t n = s->tokens.size();
  for (size_t i = 0; i < n;) {
    while (mw < s->multiword.size() && s->multiword[mw].first < static_cast<int>(i + 1)) ++mw;
    uint32_t b = static_cast<uint32_t>(text->size());
    bool space = true;
    size_t next = i + 1;
    if (mw < s->multiword.size() && s->multiword[mw].first == static_cast<int>(i + 1)) {
      const MultiwordToken& m = s->multiword[mw];
      text->append(m.form);
      space = !SpaceAfterNo(m.misc);
      size_t last = std::min(n, static_cast<size_t>(m.last));
      for (size_t k = i; k < last; ++k) {
        s->tokens[k].begin = b;
        s->tokens[k].end = static_cast<uint32_t>(text->size());
      }
      next = std::max(last, i + 1);
    } else {
      Token& t = s->tokens[i];
      text->append(t.form);
      t.begin = b;
      t.end = static_cast<uint32_t>(text->size());
      space = t.space_after;
    }
    if (space && next < n) text->push_back(' ');
    i = next;
  }
  // A form may end in (or be) a space: UD allows spaces inside forms.  The
  // trim below drops those trailing spaces from the text, so the offsets of
  // tokens that reached into them are clamped to the new end.
  while (text->size() > s->begin && text->back() == ' ') text->pop_back();
  s->end = static_cast<uint32_t>(text->size());
  for (Token& t : s->tokens) {
    t.end = std::min(t.end, s->end);
    t.begin = std::min(t.begin, t.end);
  }
}

class ConlluSource : public Source {
 public:
  ConlluSource(const Context* ctx, InputBuffer* in)
      : ctx_(ctx),
        buf_(in),
        stream_(&buf_),
        reader_(stream_, ctx->origin, [ctx](const Status& s) {
          ++ctx->stats->skipped;
          if (ctx->opts->on_error) ctx->opts->on_error(s);
        }) {}

  bool Next(Document* doc) override {
    if (!have_pending_) {
      pending_line_ = reader_.line() + 1;
      if (!reader_.Next(&pending_)) return false;
      have_pending_ = true;
    }
    ResetDocument(doc);
    doc->origin = ctx_->origin;
    doc->line = pending_line_;  // the line after the previous sentence
    std::string id;
    if (NewDoc(pending_, &id)) {
      ++docs_;
      part_ = 1;
      doc->id = id.empty() ? fmt::format("{}-{}", ctx_->stem, docs_) : id;
    } else if (docs_ == 0) {
      ++docs_;
      doc->id = ctx_->stem;
    } else {  // continuation after a size cut
      doc->id = fmt::format("{}#{}", base_id_, ++part_);
    }
    if (part_ == 1) base_id_ = doc->id;
    for (;;) {
      doc->sentences.push_back(std::move(pending_));
      AppendSentence(&doc->sentences.back(), &doc->text);
      pending_line_ = reader_.line() + 1;
      have_pending_ = reader_.Next(&pending_);
      if (!have_pending_) break;
      std::string next_id;
      if (NewDoc(pending_, &next_id)) break;
      if (doc->text.size() >= ctx_->opts->max_document_bytes) break;  // cut: next part
    }
    return true;
  }

 private:
  const Context* ctx_;
  InputStreambuf buf_;
  std::istream stream_;
  ConlluReader reader_;
  Sentence pending_;
  bool have_pending_ = false;
  uint64_t pending_line_ = 1;
  uint64_t docs_ = 0;
  int part_ = 1;
  std::string base_id_;
};

}  // namespace

std::unique_ptr<Source> NewConlluSource(const Context* ctx, InputBuffer* in) {
  return std::make_unique<ConlluSource>(ctx, in);
}

}  // namespace entente::ingest
