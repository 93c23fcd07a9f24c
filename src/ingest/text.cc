// Plain text: one document per file (see entente/reader.h for the title rule).
#include <string>

#include <fmt/format.h>

#include "ingest/sources.h"

namespace entente::ingest {
namespace {

constexpr size_t kMaxTitleBytes = 300;

class TextSource : public Source {
 public:
  TextSource(const Context* ctx, InputBuffer* in) : ctx_(ctx), in_(in) {}

  bool Next(Document* doc) override {
    if (done_) return false;
    done_ = true;
    const size_t max = ctx_->opts->max_document_bytes;
    std::string raw;
    std::string_view block;
    bool too_big = false;
    while (in_->NextBlock(&block)) {  // drains the input even when too big
      if (raw.size() + block.size() > max) {
        too_big = true;
        std::string().swap(raw);
      }
      if (!too_big) raw.append(block);
    }
    if (too_big) {
      ctx_->Skip(Code::kLimitExceeded, 1,
                 fmt::format("text file exceeds max_document_bytes ({}); skipped", max));
      return false;
    }
    ResetDocument(doc);
    if (!ctx_->Clean(raw, 1, &doc->text)) return false;
    std::string& t = doc->text;
    // Drop leading blank lines (remembering how many) and trailing space.
    size_t start = 0;
    uint64_t first_line = 1;
    for (size_t i = 0; i < t.size(); ++i) {
      if (t[i] == '\n') {
        start = i + 1;
        ++first_line;
      } else if (t[i] != ' ' && t[i] != '\t') {
        break;
      }
    }
    size_t end = t.size();
    while (end > start && (t[end - 1] == '\n' || t[end - 1] == ' ' || t[end - 1] == '\t')) --end;
    t = t.substr(start, end - start);
    if (t.empty()) {
      ctx_->Skip(Code::kEmpty, 0, "file holds no text; skipped");
      return false;
    }
    // Title: a short first line, followed by a blank line, without final punctuation.
    size_t nl = t.find('\n');
    if (nl != std::string::npos && nl <= kMaxTitleBytes) {
      size_t after = nl + 1;
      while (after < t.size() && (t[after] == ' ' || t[after] == '\t')) ++after;
      std::string_view first(t.data(), nl);
      while (!first.empty() && (first.back() == ' ' || first.back() == '\t')) first.remove_suffix(1);
      bool blank_follows = after < t.size() && t[after] == '\n';
      char last = first.empty() ? '.' : first.back();
      bool punct = last == '.' || last == '!' || last == '?' || last == ';' || last == ':' || last == ',';
      if (blank_follows && !punct) {
        doc->title.assign(first);
        size_t body = after;
        while (body < t.size() && (t[body] == '\n' || t[body] == ' ' || t[body] == '\t')) ++body;
        t.erase(0, body);
      }
    }
    doc->id = ctx_->stem;
    doc->origin = ctx_->origin;
    doc->line = first_line;
    return true;
  }

 private:
  const Context* ctx_;
  InputBuffer* in_;
  bool done_ = false;
};

}  // namespace

std::unique_ptr<Source> NewTextSource(const Context* ctx, InputBuffer* in) {
  return std::make_unique<TextSource>(ctx, in);
}

}  // namespace entente::ingest
