// JSONL (and JSON array) articles, parsed with simdjson's DOM API.  (The DOM
// parser dispatches at run time to the best kernel, AVX2/AVX-512 where
// present; On-Demand is compiled into the caller and would fall back to the
// generic kernel without -march flags.)
#include <string>

#include <fmt/format.h>
#include <simdjson.h>

#include "ingest/sources.h"

namespace entente::ingest {
namespace {

class JsonlSource : public Source {
 public:
  JsonlSource(const Context* ctx, InputBuffer* in) : ctx_(ctx), in_(in) {}

  bool Next(Document* doc) override {
    if (array_mode_) return NextInArray(doc);
    std::string_view line;
    bool too_long = false;
    size_t length = 0;
    const size_t max = ctx_->opts->max_document_bytes;
    while (in_->NextLine(max, &line, &too_long, &length)) {
      uint64_t ln = in_->line_no();
      if (too_long) {
        ctx_->Skip(Code::kLimitExceeded, ln,
                   fmt::format("line of {} bytes exceeds max_document_bytes ({}); skipped", length, max));
        continue;
      }
      size_t i = 0;
      while (i < line.size() && (line[i] == ' ' || line[i] == '\t' || line[i] == '\r')) ++i;
      if (i == line.size()) continue;
      if (ln == 1 && line[i] == '[') {
        if (!LoadArray(line)) return false;
        return NextInArray(doc);
      }
      if (Parse(line, line.size() + InputBuffer::kPadding, ln, "", doc)) return true;
    }
    return false;
  }

 private:
  // Reads the whole file (up to the size limit) as one JSON array.
  bool LoadArray(std::string_view first_line) {
    array_mode_ = true;
    std::string all(first_line);
    all.push_back('\n');
    const size_t max = ctx_->opts->max_document_bytes;
    std::string_view block;
    bool too_big = false;
    while (in_->NextBlock(&block)) {
      if (all.size() + block.size() > max) too_big = true;
      if (!too_big) all.append(block);
    }
    if (too_big) {
      ctx_->Skip(Code::kLimitExceeded, 1,
                 fmt::format("JSON array file exceeds max_document_bytes ({}); skipped", max));
      return false;
    }
    simdjson::dom::element root;
    auto err = dom_parser_.parse(all).get(root);
    simdjson::dom::array arr;
    if (!err) err = root.get_array().get(arr);
    if (err) {
      if (err == simdjson::UTF8_ERROR)
        ctx_->Skip(Code::kEncodingError, 1, "JSON array file holds invalid UTF-8; skipped");
      else
        ctx_->Skip(Code::kParseError, 1, fmt::format("malformed JSON array ({})", simdjson::error_message(err)));
      return false;
    }
    items_.clear();
    for (simdjson::dom::element e : arr) items_.push_back(simdjson::minify(e));
    return true;
  }

  bool NextInArray(Document* doc) {
    while (next_item_ < items_.size()) {
      std::string& s = items_[next_item_++];
      s.reserve(s.size() + simdjson::SIMDJSON_PADDING);
      // In a JSON array the item number stands in for the line number.
      if (Parse(s, s.capacity(), next_item_, fmt::format("array item {}: ", next_item_), doc)) {
        std::string().swap(s);
        return true;
      }
    }
    return false;
  }

  bool Fail(uint64_t ln, std::string_view where, simdjson::error_code e) {
    // simdjson validates UTF-8 before the syntax: invalid UTF-8 is an
    // encoding error, as in every other reader (reader.h, doc/errors.md).
    if (e == simdjson::UTF8_ERROR) {
      ctx_->Skip(Code::kEncodingError, ln, fmt::format("{}invalid UTF-8; line skipped", where));
      return false;
    }
    ctx_->Skip(Code::kParseError, ln,
               fmt::format("{}malformed JSON ({}); line skipped", where, simdjson::error_message(e)));
    return false;
  }

  // The JSON text of a non-string value (numbers, booleans, arrays, objects).
  static std::string RawJson(simdjson::dom::element v) { return simdjson::minify(v); }

  // Fills *doc from one JSON object; false (after reporting) if skipped.
  // `json` must have `capacity - json.size()` >= SIMDJSON_PADDING readable
  // bytes after it.
  bool Parse(std::string_view json, size_t capacity, uint64_t ln, std::string_view where, Document* doc) {
    ResetDocument(doc);
    doc->origin = ctx_->origin;
    doc->line = ln;
    const ReadOptions& o = *ctx_->opts;
    simdjson::dom::element root;
    simdjson::error_code err;
    if (capacity - json.size() >= simdjson::SIMDJSON_PADDING) {
      err = parser_.parse(reinterpret_cast<const uint8_t*>(json.data()), json.size(), false).get(root);
    } else {
      err = parser_.parse(json.data(), json.size(), true).get(root);
    }
    simdjson::dom::object obj;
    if (!err) err = root.get_object().get(obj);
    if (err) return Fail(ln, where, err);
    std::string date_raw;
    for (simdjson::dom::key_value_pair kv : obj) {
      std::string_view key = kv.key;
      simdjson::dom::element v = kv.value;
      switch (v.type()) {
        case simdjson::dom::element_type::STRING: {
          std::string_view s = v.get_string().value_unsafe();
          std::string* dst = nullptr;
          if (key == o.text_field) {
            dst = &doc->text;
          } else if (key == o.id_field) {
            dst = &doc->id;
          } else if (key == o.date_field) {
            date_raw.assign(s);
            continue;
          } else if (key == o.source_field) {
            dst = &doc->source;
          } else if (key == o.url_field) {
            dst = &doc->url;
          } else if (key == o.title_field) {
            dst = &doc->title;
          } else if (key == "parse") {
            dst = &doc->parse;
          } else if (key == "parse_format") {
            dst = &doc->parse_format;
          }
          if (dst != nullptr) {
            if (!ctx_->Clean(s, ln, dst)) return false;
          } else {
            doc->meta.emplace_back(std::string(key), std::string());
            if (!ctx_->Clean(s, ln, &doc->meta.back().second)) return false;
          }
          break;
        }
        case simdjson::dom::element_type::NULL_VALUE:
          break;
        case simdjson::dom::element_type::ARRAY:
          if (key == "expected") {
            simdjson::dom::array items = v.get_array().value_unsafe();
            for (simdjson::dom::element item : items) {
              simdjson::dom::object io;
              if ((err = item.get_object().get(io))) {
                ctx_->Skip(Code::kParseError, ln, fmt::format("{}\"expected\" holds a non-object; line skipped", where));
                return false;
              }
              Annotation a;
              a.name = "expected";
              for (simdjson::dom::key_value_pair f : io) {
                a.attributes.emplace_back(std::string(f.key), std::string());
                if (f.value.is_string()) {
                  if (!ctx_->Clean(f.value.get_string().value_unsafe(), ln, &a.attributes.back().second)) return false;
                } else {
                  a.attributes.back().second = RawJson(f.value);
                }
              }
              doc->annotations.push_back(std::move(a));
            }
            break;
          }
          [[fallthrough]];
        default:  // numbers, booleans, other arrays, objects
          if (key == o.id_field) {
            doc->id = RawJson(v);
          } else if (key == o.date_field) {
            date_raw = RawJson(v);
          } else {
            doc->meta.emplace_back(std::string(key), std::string());
            if (!ctx_->Clean(RawJson(v), ln, &doc->meta.back().second)) return false;
          }
      }
    }
    // A text of only white space (after cleaning) is empty, as in the other
    // readers: it holds nothing to code.
    if (doc->text.find_first_not_of(" \t\n") == std::string::npos) doc->text.clear();
    if (doc->text.empty() && !doc->parse.empty()) {
      doc->text = TextFromParse(doc->parse, doc->parse_format);
      if (!doc->text.empty()) doc->meta.emplace_back("text_from", "parse");
    }
    if (doc->text.empty()) {
      ctx_->Skip(Code::kEmpty, ln,
                 fmt::format("{}no \"{}\" member (or it is empty) and no parse to rebuild it; line skipped", where,
                             o.text_field));
      return false;
    }
    if (doc->id.empty()) doc->id = fmt::format("{}-{}", ctx_->stem, ln);
    if (!date_raw.empty()) ctx_->SetDate(date_raw, ln, doc);
    return true;
  }

  const Context* ctx_;
  InputBuffer* in_;
  simdjson::dom::parser parser_;
  simdjson::dom::parser dom_parser_;  // for whole JSON array files
  bool array_mode_ = false;
  std::vector<std::string> items_;
  size_t next_item_ = 0;
};

}  // namespace

std::unique_ptr<Source> NewJsonlSource(const Context* ctx, InputBuffer* in) {
  return std::make_unique<JsonlSource>(ctx, in);
}

}  // namespace entente::ingest
