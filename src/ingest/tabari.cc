// TABARI .text records: "YYMMDD ID" header, text lines, optional /* ... */
// comment holding the expected events "{ SRC / TGT / CODE }".
#include <string>

#include <fmt/format.h>

#include "ingest/sources.h"

namespace entente::ingest {
namespace {

bool IsDigit(char c) { return c >= '0' && c <= '9'; }
bool IsBlank(std::string_view s) {
  for (char c : s)
    if (c != ' ' && c != '\t' && c != '\r' && c != '\f') return false;
  return true;
}
std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) s.remove_suffix(1);
  return s;
}

// "950101  DEMO-01" -> date "950101", id "DEMO-01".  The date is any run of
// 6 or more digits (the suite has typos such as "9501201": those are read and
// reported as bad dates); the id is the next word; any further words (e.g.
// FBIS story numbers) are returned in *rest.
bool ParseHeader(std::string_view line, std::string_view* date, std::string_view* id, std::string_view* rest) {
  size_t i = 0;
  while (i < line.size() && IsDigit(line[i])) ++i;
  if (i < 6) return false;
  if (i >= line.size() || (line[i] != ' ' && line[i] != '\t')) return false;
  *date = line.substr(0, i);
  std::string_view tail = Trim(line.substr(i));
  size_t sp = tail.find_first_of(" \t");
  *id = tail.substr(0, sp);
  *rest = sp == std::string_view::npos ? std::string_view() : Trim(tail.substr(sp));
  return !id->empty();
}

class TabariSource : public Source {
 public:
  TabariSource(const Context* ctx, InputBuffer* in) : ctx_(ctx), in_(in) {}

  bool Next(Document* doc) override {
    std::string_view line;
    bool too_long = false;
    size_t length = 0;
    while (!eof_) {
      if (!in_->NextLine(ctx_->opts->max_document_bytes, &line, &too_long, &length)) {
        eof_ = true;
        if (state_ == kComment && open_) {
          ctx_->Warn(Code::kParseError, comment_line_, "comment '/*' not closed at end of input");
        }
        if (open_ && Emit(doc)) return true;
        break;
      }
      uint64_t ln = in_->line_no();
      if (too_long) {
        if (open_) {
          bad_ = true;
        } else {
          ctx_->Skip(Code::kLimitExceeded, ln, fmt::format("line of {} bytes exceeds max_document_bytes", length));
        }
        continue;
      }
      if (state_ == kComment) {
        if (open_ && IsBlank(line)) {  // a blank line ends a record, even in an unclosed comment
          ctx_->Warn(Code::kParseError, comment_line_, "comment '/*' not closed before the blank line ending the record");
          if (Emit(doc)) return true;
          continue;
        }
        size_t end = line.find("*/");
        if (open_) comment_.append(line.substr(0, end)).push_back('\n');
        if (end != std::string_view::npos) state_ = open_ ? kAfter : kOutside;
        continue;
      }
      std::string_view t = Trim(line);
      if (t.starts_with("/*")) {
        comment_line_ = ln;
        size_t end = t.find("*/", 2);
        if (open_) comment_.append(t.substr(2, end == std::string_view::npos ? std::string_view::npos : end - 2)).push_back('\n');
        if (end == std::string_view::npos) {
          state_ = kComment;
        } else if (open_) {
          state_ = kAfter;
        }
        continue;
      }
      if (IsBlank(line)) {
        if (open_ && Emit(doc)) return true;
        continue;
      }
      std::string_view date, id, rest;
      if (state_ != kText && ParseHeader(line, &date, &id, &rest)) {
        bool emitted = open_ && Emit(doc);
        Open(date, id, rest, ln);
        if (emitted) return true;
        continue;
      }
      if (!open_) {
        if (line[0] != '#') {
          ctx_->Skip(Code::kParseError, ln, "text outside a record (expected a 'YYMMDD ID' header line); line skipped");
        }
        continue;
      }
      if (state_ == kAfter) {
        // Lines between a closed comment and the blank line ending the record
        // belong to the comment section (the suite has "{...} */" lines there).
        comment_.append(t).push_back('\n');
        continue;
      }
      // A text line; a comment may start after the text: "said./* {...} */".
      size_t open_at = t.find("/*");
      std::string_view body = t.substr(0, open_at);
      if (text_.size() + body.size() + 1 > ctx_->opts->max_document_bytes) {
        bad_ = true;
      } else {
        if (!text_.empty()) text_.push_back(' ');
        text_.append(body);
      }
      state_ = kText;
      if (open_at != std::string_view::npos) {
        comment_line_ = ln;
        std::string_view rest_of_line = t.substr(open_at + 2);
        size_t end = rest_of_line.find("*/");
        comment_.append(rest_of_line.substr(0, end)).push_back('\n');
        state_ = end == std::string_view::npos ? kComment : kAfter;
      }
    }
    return false;
  }

 private:
  enum State { kOutside, kText, kComment, kAfter };

  void Open(std::string_view date, std::string_view id, std::string_view rest, uint64_t ln) {
    rest_.assign(rest);
    open_ = true;
    bad_ = false;
    state_ = kHeader;
    date_.assign(date);
    id_.assign(id);
    line_ = ln;
    text_.clear();
    comment_.clear();
  }

  // Closes the open record into *doc; false if it was skipped.
  bool Emit(Document* doc) {
    open_ = false;
    state_ = kOutside;
    if (bad_) {
      ctx_->Skip(Code::kLimitExceeded, line_,
                 fmt::format("record '{}' exceeds max_document_bytes; skipped", id_));
      return false;
    }
    ResetDocument(doc);
    doc->origin = ctx_->origin;
    doc->line = line_;
    if (!ctx_->Clean(id_, line_, &doc->id) || !ctx_->Clean(text_, line_ + 1, &doc->text)) return false;
    CollapseWhitespace(&doc->text);
    if (doc->text.empty()) {
      ctx_->Skip(Code::kEmpty, line_, fmt::format("record '{}' has no text; skipped", id_));
      return false;
    }
    ctx_->SetDate(date_, line_, doc);
    if (!rest_.empty()) {
      doc->meta.emplace_back("header_rest", std::string());
      if (!ctx_->Clean(rest_, line_, &doc->meta.back().second)) return false;
    }
    if (!ctx_->Clean(comment_, line_, &clean_comment_)) return false;
    ParseComment(clean_comment_, doc);
    return true;
  }

  // Picks the {...} groups out of a record's comment.
  static void ParseComment(std::string_view c, Document* doc) {
    size_t pos = 0;
    while ((pos = c.find('{', pos)) != std::string_view::npos) {
      size_t end = c.find('}', pos);
      if (end == std::string_view::npos) break;
      bool disabled = pos > 0 && c[pos - 1] == '-';
      std::string_view body = Trim(c.substr(pos + 1, end - pos - 1));
      pos = end + 1;
      Annotation a;
      size_t s1 = body.find('/');
      size_t s2 = s1 == std::string_view::npos ? s1 : body.find('/', s1 + 1);
      if (body.starts_with("OPTION")) {
        a.name = "option";
        a.attributes.emplace_back("text", std::string(body));
      } else if (s2 != std::string_view::npos && body.find('/', s2 + 1) == std::string_view::npos) {
        a.name = "expected";
        a.attributes.emplace_back("source", std::string(Trim(body.substr(0, s1))));
        a.attributes.emplace_back("target", std::string(Trim(body.substr(s1 + 1, s2 - s1 - 1))));
        a.attributes.emplace_back("code", std::string(Trim(body.substr(s2 + 1))));
        if (disabled) a.attributes.emplace_back("disabled", "true");
      } else {
        a.name = "special";
        a.attributes.emplace_back("text", std::string(body));
      }
      doc->annotations.push_back(std::move(a));
    }
  }

  static constexpr State kHeader = kOutside;  // right after a header, text may follow

  const Context* ctx_;
  InputBuffer* in_;
  bool eof_ = false;
  State state_ = kOutside;
  bool open_ = false;
  bool bad_ = false;
  std::string date_, id_, rest_, text_, comment_, clean_comment_;
  uint64_t line_ = 0;
  uint64_t comment_line_ = 0;
};

}  // namespace

std::unique_ptr<Source> NewTabariSource(const Context* ctx, InputBuffer* in) {
  return std::make_unique<TabariSource>(ctx, in);
}

}  // namespace entente::ingest
