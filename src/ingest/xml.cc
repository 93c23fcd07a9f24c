// PETRARCH XML records.  A lenient streaming scanner cuts the input into
// <Sentence> records (dropping comments, processing instructions and
// DOCTYPEs); expat then parses each record on its own, so a malformed record
// costs only itself.  See entente/reader.h for the mapping to Document.
#include <cstring>
#include <string>

#include <expat.h>
#include <fmt/format.h>

#include "ingest/sources.h"

namespace entente::ingest {
namespace {

constexpr std::string_view kRecord = "Sentence";

std::string_view TagName(std::string_view tag) {
  size_t b = (tag.size() > 1 && tag[1] == '/') ? 2 : 1;
  size_t e = b;
  while (e < tag.size() && tag[e] != ' ' && tag[e] != '\t' && tag[e] != '\n' && tag[e] != '\r' &&
         tag[e] != '/' && tag[e] != '>')
    ++e;
  return tag.substr(b, e - b);
}

// Trims blank lines and spaces around a parse.
std::string_view TrimParse(std::string_view s) {
  while (!s.empty() && (s.front() == '\n' || s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == '\n' || s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

std::string_view DetectParseFormat(std::string_view p) {
  if (p.empty()) return {};
  if (p.front() == '(') return "ptb";
  if (p.front() == '#') return "conllu";
  size_t i = 0;
  while (i < p.size() && p[i] >= '0' && p[i] <= '9') ++i;
  if (i > 0 && i < p.size() && (p[i] == '\t' || p[i] == '-' || p[i] == '.')) return "conllu";
  return {};
}

class XmlSource : public Source {
 public:
  XmlSource(const Context* ctx, InputBuffer* in) : ctx_(ctx), in_(in) {
    parser_ = XML_ParserCreate("UTF-8");
  }
  ~XmlSource() override { XML_ParserFree(parser_); }

  bool Next(Document* doc) override {
    while (!done_) {
      if (!Scan()) {  // end of input
        Finish();
        done_ = true;
      }
      while (!ready_.empty()) {
        Chunk c = std::move(ready_.front());
        ready_.erase(ready_.begin());
        if (ParseRecord(c, doc)) return true;
      }
    }
    return false;
  }

 private:
  enum class State { kContent, kLt, kBang, kTag, kComment, kCdata, kPi, kDecl };
  struct Chunk {
    std::string xml;
    uint64_t line = 0;
  };

  // Scans until at least one record is ready; false at end of input.
  bool Scan() {
    while (ready_.empty()) {
      if (block_pos_ >= block_.size()) {
        if (refused_ || !in_->NextBlock(&block_)) return false;
        block_pos_ = 0;
      }
      while (block_pos_ < block_.size() && ready_.empty() && !refused_) Step(block_[block_pos_++]);
      if (refused_) return false;
    }
    return true;
  }

  void AppendRecord(std::string_view s) {
    if (!in_record_ || overflow_) return;
    if (record_.size() + s.size() > ctx_->opts->max_document_bytes) {
      overflow_ = true;
      std::string().swap(record_);
      return;
    }
    record_.append(s);
  }
  void AppendRecord(char c) { AppendRecord(std::string_view(&c, 1)); }

  void Step(char c) {
    if (c == '\n') ++line_;
    switch (state_) {
      case State::kContent:
        if (c == '<') {
          state_ = State::kLt;
          markup_line_ = line_;
          markup_.assign(1, '<');
        } else {
          AppendRecord(c);
        }
        return;
      case State::kLt:
        if (c == '!' || c == '?') {
          markup_.push_back(c);
          state_ = c == '!' ? State::kBang : State::kPi;
        } else {
          state_ = State::kTag;
          quote_ = 0;
          TagChar(c);
        }
        return;
      case State::kBang: {
        markup_.push_back(c);
        std::string_view m(markup_);
        if (m == "<!--") {
          state_ = State::kComment;
          tail_ = 0;
        } else if (m == "<![CDATA[") {
          state_ = State::kCdata;
          AppendRecord(m);
          tail_ = 0;
        } else if (!std::string_view("<!--").starts_with(m) && !std::string_view("<![CDATA[").starts_with(m)) {
          state_ = State::kDecl;
          decl_depth_ = 0;
          quote_ = 0;
          DeclChar(c, /*push=*/false);
        }
        return;
      }
      case State::kTag:
        TagChar(c);
        return;
      case State::kComment:
        tail_ = (tail_ << 8) | static_cast<unsigned char>(c);
        if ((tail_ & 0xFFFFFF) == (('-' << 16) | ('-' << 8) | '>')) state_ = State::kContent;
        return;
      case State::kCdata:
        AppendRecord(c);
        tail_ = (tail_ << 8) | static_cast<unsigned char>(c);
        if ((tail_ & 0xFFFFFF) == ((']' << 16) | (']' << 8) | '>')) state_ = State::kContent;
        return;
      case State::kPi:
        if (c == '>' && markup_.back() == '?') state_ = State::kContent;
        markup_.assign(1, c);
        return;
      case State::kDecl:
        DeclChar(c, /*push=*/true);
        return;
    }
  }

  // A DOCTYPE (or other "<!" declaration) is kept, up to 1 MiB, only to look
  // for entity declarations.
  void DeclChar(char c, bool push) {
    if (push && markup_.size() < (size_t{1} << 20)) markup_.push_back(c);
    if (quote_) {
      if (c == quote_) quote_ = 0;
      return;
    }
    if (c == '"' || c == '\'') {
      quote_ = c;
    } else if (c == '[') {
      ++decl_depth_;
    } else if (c == ']') {
      --decl_depth_;
    } else if (c == '>' && decl_depth_ <= 0) {
      state_ = State::kContent;
      if (markup_.find("<!ENTITY") != std::string::npos) {
        refused_ = true;
        ctx_->Skip(Code::kUnsupported, markup_line_,
                   "DOCTYPE declares entities; refused (entity expansion is never performed); file skipped");
      }
    }
  }

  void TagChar(char c) {
    if (markup_.size() <= ctx_->opts->max_document_bytes) {
      markup_.push_back(c);
    } else {
      tag_overflow_ = true;
    }
    if (quote_) {
      if (c == quote_) quote_ = 0;
      return;
    }
    if (c == '"' || c == '\'') {
      quote_ = c;
    } else if (c == '>') {
      state_ = State::kContent;
      quote_ = 0;
      Tag();
    }
  }

  void StartRecord() {
    in_record_ = true;
    overflow_ = tag_overflow_;
    record_.clear();
    record_line_ = markup_line_;
    self_closed_ = markup_.size() >= 2 && markup_[markup_.size() - 2] == '/';
    start_tag_len_ = markup_.size();
    depth_ = 0;
    AppendRecord(markup_);
  }

  // Closes the open record; `closed` when its end tag was seen.
  void EndRecord(bool closed) {
    in_record_ = false;
    ++records_;
    if (overflow_) {
      ctx_->Skip(Code::kLimitExceeded, record_line_,
                 fmt::format("<Sentence> record exceeds max_document_bytes ({}); skipped",
                             ctx_->opts->max_document_bytes));
      return;
    }
    if (!closed && !self_closed_) {
      ctx_->Skip(Code::kParseError, record_line_, "<Sentence> is never closed; record skipped");
      return;
    }
    if (self_closed_ && start_tag_len_ >= 2 && start_tag_len_ <= record_.size()) {
      // "<Sentence .../> children </Sentence>": reopen the start tag.
      record_.erase(start_tag_len_ - 2, 1);
      if (!closed) record_.append("</Sentence>");
    }
    ready_.push_back(Chunk{std::move(record_), record_line_});
    record_.clear();
  }

  void Tag() {
    std::string_view tag(markup_);
    bool is_end = tag.size() > 1 && tag[1] == '/';
    bool self_closing = tag.size() >= 2 && tag[tag.size() - 2] == '/';
    std::string_view name = TagName(tag);
    if (!in_record_) {
      if (!is_end && name == kRecord) StartRecord();
      tag_overflow_ = false;
      return;
    }
    if (name == kRecord) {
      if (is_end) {
        AppendRecord(tag);
        EndRecord(true);
      } else {
        EndRecord(false);
        StartRecord();
      }
    } else if (is_end && depth_ == 0 && self_closed_) {
      EndRecord(false);  // the end of the enclosing element ends a self-closed record
    } else if (!is_end && IsJsonTag(tag, name)) {
      AppendJsonTag(tag, name);
    } else {
      if (is_end) {
        --depth_;
      } else if (!self_closing) {
        ++depth_;
      }
      AppendRecord(tag);
    }
    tag_overflow_ = false;
  }

  // "<PLEvent {...json...}>" (UniversalPetrarch's PLOVER lines) is not XML;
  // it is read as if it were <PLEvent json="{...json...}"/>.
  static bool IsJsonTag(std::string_view tag, std::string_view name) {
    size_t i = 1 + name.size();
    while (i < tag.size() && (tag[i] == ' ' || tag[i] == '\t' || tag[i] == '\n' || tag[i] == '\r')) ++i;
    return i < tag.size() && tag[i] == '{';
  }
  void AppendJsonTag(std::string_view tag, std::string_view name) {
    size_t b = tag.find('{');
    size_t e = tag.size() - 1;  // the '>'
    if (e > b && tag[e - 1] == '/') --e;
    std::string_view json = tag.substr(b, e - b);
    while (!json.empty() && (json.back() == ' ' || json.back() == '\n' || json.back() == '\r')) json.remove_suffix(1);
    std::string out = "<" + std::string(name) + " json=\"";
    for (char ch : json) {
      switch (ch) {
        case '&': out += "&amp;"; break;
        case '<': out += "&lt;"; break;
        case '"': out += "&quot;"; break;
        default: out.push_back(ch);
      }
    }
    out += "\"/>";
    AppendRecord(out);
  }

  void Finish() {
    if (refused_) return;
    if (state_ != State::kContent) {
      if (in_record_) {
        in_record_ = false;
        ++records_;
        ctx_->Skip(Code::kParseError, record_line_, "input ends inside the record (truncated XML); record skipped");
      } else {
        ctx_->Warn(Code::kParseError, markup_line_, "input ends inside markup (truncated XML)");
      }
    } else if (in_record_) {
      if (self_closed_) {
        EndRecord(false);
      } else {
        in_record_ = false;
        ++records_;
        ctx_->Skip(Code::kParseError, record_line_,
                   "input ends before </Sentence> (truncated XML); record skipped");
      }
    }
    if (records_ == 0) ctx_->Skip(Code::kEmpty, 0, "no <Sentence> records in XML input; skipped");
  }

  // --- expat, one record at a time ---------------------------------------
  struct Build {
    Document* doc = nullptr;
    int depth = 0;
    enum { kNone, kText, kParse } capture = kNone;
    bool seen_text = false, seen_parse = false;
    std::string text, parse;
  };

  static void OnStart(void* ud, const XML_Char* name, const XML_Char** atts) {
    auto* b = static_cast<Build*>(ud);
    ++b->depth;
    Document* doc = b->doc;
    if (b->depth == 1) {
      for (int i = 0; atts[i] != nullptr; i += 2) {
        std::string_view k(atts[i]), v(atts[i + 1]);
        if (k == "id") {
          doc->id.assign(v);
        } else if (k == "date") {
          doc->date.assign(v);  // normalised later
        } else if (k == "source") {
          doc->source.assign(v);
        } else {
          doc->meta.emplace_back(std::string(k), std::string(v));
        }
      }
    } else if (b->depth == 2) {
      std::string_view n(name);
      if (n == "Text") {
        b->capture = Build::kText;
        if (b->seen_text) b->text.push_back(' ');
        b->seen_text = true;
      } else if (n == "Parse") {
        b->capture = Build::kParse;
        if (b->seen_parse) b->parse.push_back('\n');
        b->seen_parse = true;
      } else {
        Annotation a;
        a.name.assign(n);
        for (int i = 0; atts[i] != nullptr; i += 2) a.attributes.emplace_back(atts[i], atts[i + 1]);
        doc->annotations.push_back(std::move(a));
      }
    }
  }

  static void OnEnd(void* ud, const XML_Char*) {
    auto* b = static_cast<Build*>(ud);
    if (--b->depth <= 1) b->capture = Build::kNone;
  }

  static void OnChars(void* ud, const XML_Char* s, int len) {
    auto* b = static_cast<Build*>(ud);
    if (b->capture == Build::kText) {
      b->text.append(s, static_cast<size_t>(len));
    } else if (b->capture == Build::kParse) {
      b->parse.append(s, static_cast<size_t>(len));
    }
  }

  bool ParseRecord(const Chunk& c, Document* doc) {
    ResetDocument(doc);
    if (!ctx_->Clean(c.xml, c.line, &clean_)) return false;
    Build b;
    b.doc = doc;
    XML_ParserReset(parser_, "UTF-8");
    XML_SetUserData(parser_, &b);
    XML_SetElementHandler(parser_, &OnStart, &OnEnd);
    XML_SetCharacterDataHandler(parser_, &OnChars);
    if (XML_Parse(parser_, clean_.data(), static_cast<int>(clean_.size()), XML_TRUE) != XML_STATUS_OK) {
      uint64_t at = c.line + XML_GetCurrentLineNumber(parser_) - 1;
      ctx_->Skip(Code::kParseError, at,
                 fmt::format("malformed XML in <Sentence> record ({}); record skipped",
                             XML_ErrorString(XML_GetErrorCode(parser_))));
      return false;
    }
    doc->origin = ctx_->origin;
    doc->line = c.line;
    CollapseWhitespace(&b.text);
    doc->text = std::move(b.text);
    std::string_view p = TrimParse(b.parse);
    doc->parse_format.assign(DetectParseFormat(p));
    doc->parse.assign(p);
    if (doc->id.empty()) doc->id = fmt::format("{}-{}", ctx_->stem, c.line);
    if (doc->text.empty() && !doc->parse.empty()) {
      doc->text = TextFromParse(doc->parse, doc->parse_format);
      if (!doc->text.empty()) doc->meta.emplace_back("text_from", "parse");
    }
    if (doc->text.empty()) {
      ctx_->Skip(Code::kEmpty, c.line, fmt::format("record '{}' has no <Text> (nor a parse to rebuild it); skipped", doc->id));
      return false;
    }
    if (!doc->date.empty()) {
      std::string raw = std::move(doc->date);
      ctx_->SetDate(raw, c.line, doc);
    }
    return true;
  }

  const Context* ctx_;
  InputBuffer* in_;
  XML_Parser parser_;
  std::string_view block_;
  size_t block_pos_ = 0;
  bool done_ = false;
  bool refused_ = false;

  State state_ = State::kContent;
  uint64_t line_ = 1;
  uint64_t markup_line_ = 1;
  std::string markup_;
  bool tag_overflow_ = false;
  uint32_t tail_ = 0;
  char quote_ = 0;
  int decl_depth_ = 0;

  bool in_record_ = false;
  bool self_closed_ = false;
  bool overflow_ = false;
  size_t start_tag_len_ = 0;
  int depth_ = 0;
  std::string record_;
  uint64_t record_line_ = 0;
  uint64_t records_ = 0;
  std::vector<Chunk> ready_;
  std::string clean_;
};

}  // namespace

std::unique_ptr<Source> NewXmlSource(const Context* ctx, InputBuffer* in) {
  return std::make_unique<XmlSource>(ctx, in);
}

}  // namespace entente::ingest
