#include <algorithm>
#include <cctype>

#include "ingest/sources.h"

namespace entente::ingest {

void Context::Skip(Code code, uint64_t line, std::string_view msg) const {
  ++stats->skipped;
  if (code == Code::kLimitExceeded) ++stats->oversized;
  if (opts->on_error) opts->on_error(Status::At(code, origin, line, msg));
}

void Context::Warn(Code code, uint64_t line, std::string_view msg) const {
  ++stats->warnings;
  if (opts->on_error) opts->on_error(Status::At(code, origin, line, msg));
}

bool Context::Clean(std::string_view in, uint64_t line, std::string* out) const {
  out->clear();
  size_t bad = 0;
  Status st = NormalizeText(in, out, &bad);
  if (st.ok()) return true;
  uint64_t at = line + static_cast<uint64_t>(std::count(in.begin(), in.begin() + std::min(bad, in.size()), '\n'));
  Skip(st.code(), at, st.message() + "; record skipped");
  return false;
}

void Context::SetDate(std::string_view raw, uint64_t line, Document* doc) const {
  doc->date.clear();
  bool blank = std::all_of(raw.begin(), raw.end(), [](char c) { return std::isspace(static_cast<unsigned char>(c)); });
  if (blank) return;
  Result<std::string> d = NormalizeDate(raw);
  if (d.ok()) {
    doc->date = std::move(d).value();
  } else {
    doc->meta.emplace_back("date_raw", std::string(raw));
    Warn(d.status().code(), line, d.status().message() + " (document kept without date)");
  }
}

void ResetDocument(Document* doc) {
  doc->id.clear();
  doc->date.clear();
  doc->source.clear();
  doc->url.clear();
  doc->title.clear();
  doc->text.clear();
  doc->origin.clear();
  doc->line = 0;
  doc->parse.clear();
  doc->parse_format.clear();
  doc->meta.clear();
  doc->annotations.clear();
  doc->sentences.clear();
}

void CollapseWhitespace(std::string* s) {
  size_t w = 0;
  bool space = false;
  for (char c : *s) {
    if (c == ' ' || c == '\n' || c == '\t' || c == '\r' || c == '\f' || c == '\v') {
      space = w > 0;
    } else {
      if (space) (*s)[w++] = ' ';
      space = false;
      (*s)[w++] = c;
    }
  }
  s->resize(w);
}

namespace {

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

// "NNNNNN ID" (6 or more digits, a space, a word): a TABARI record header.
bool LooksTabariHeader(std::string_view line) {
  size_t i = 0;
  while (i < line.size() && IsDigit(line[i])) ++i;
  if (i < 6) return false;
  if (i >= line.size() || (line[i] != ' ' && line[i] != '\t')) return false;
  while (i < line.size() && (line[i] == ' ' || line[i] == '\t')) ++i;
  return i < line.size();
}

}  // namespace

InputFormat SniffFormat(std::string_view head) {
  size_t i = 0;
  while (i < head.size() && std::isspace(static_cast<unsigned char>(head[i]))) ++i;
  if (i < head.size() && (head[i] == '{' || head[i] == '[')) return InputFormat::kJsonl;
  if (i < head.size() && head[i] == '<') return InputFormat::kPetrarchXml;
  // Line-based formats: look at the first lines.
  size_t pos = 0;
  bool in_comment = false;
  for (int lines = 0; pos < head.size() && lines < 200; ++lines) {
    size_t nl = head.find('\n', pos);
    std::string_view line = head.substr(pos, nl == std::string_view::npos ? head.size() - pos : nl - pos);
    pos = nl == std::string_view::npos ? head.size() : nl + 1;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (in_comment) {
      if (line.find("*/") != std::string_view::npos) in_comment = false;
      continue;
    }
    if (line.empty()) continue;
    if (line.starts_with("# sent_id") || line.starts_with("# newdoc") || line.starts_with("# text =") ||
        (line.size() > 2 && IsDigit(line[0]) && line.find('\t') != std::string_view::npos &&
         std::count(line.begin(), line.end(), '\t') == 9))
      return InputFormat::kConllu;
    if (line[0] == '#') continue;
    if (line.starts_with("/*")) {
      in_comment = line.find("*/", 2) == std::string_view::npos;
      continue;
    }
    return LooksTabariHeader(line) ? InputFormat::kTabari : InputFormat::kText;
  }
  return InputFormat::kText;
}

}  // namespace entente::ingest

namespace entente::ingest {

std::string TextFromParse(std::string_view parse, std::string_view format) {
  std::string out;
  if (format == "ptb") {
    // Leaves are "(TAG word)": a word directly followed by ')' after a tag.
    size_t i = 0;
    const size_t n = parse.size();
    while (i < n) {
      if (parse[i] != '(') {
        ++i;
        continue;
      }
      size_t t = i + 1;
      while (t < n && parse[t] != ' ' && parse[t] != '(' && parse[t] != ')' && parse[t] != '\n') ++t;
      if (t == i + 1 || t >= n || parse[t] != ' ') {
        i = t;
        continue;
      }
      size_t w = t;
      while (w < n && (parse[w] == ' ' || parse[w] == '\n')) ++w;
      size_t e = w;
      while (e < n && parse[e] != ' ' && parse[e] != '(' && parse[e] != ')' && parse[e] != '\n') ++e;
      if (e > w && e < n && parse[e] == ')') {
        std::string_view word = parse.substr(w, e - w);
        if (word == "-LRB-") word = "(";
        else if (word == "-RRB-") word = ")";
        else if (word == "-LCB-") word = "{";
        else if (word == "-RCB-") word = "}";
        if (!out.empty()) out.push_back(' ');
        out.append(word);
        i = e + 1;
      } else {
        i = w;
      }
    }
  } else if (format == "conllu") {
    int skip_until = 0;
    bool space = false;
    size_t pos = 0;
    while (pos < parse.size()) {
      size_t nl = parse.find('\n', pos);
      std::string_view line = parse.substr(pos, nl == std::string_view::npos ? std::string_view::npos : nl - pos);
      pos = nl == std::string_view::npos ? parse.size() : nl + 1;
      if (line.empty() || line[0] == '#') continue;
      std::string_view cols[10];
      size_t start = 0;
      int k = 0;
      for (; k < 10; ++k) {
        size_t tab = line.find('\t', start);
        cols[k] = line.substr(start, tab == std::string_view::npos ? std::string_view::npos : tab - start);
        if (tab == std::string_view::npos) break;
        start = tab + 1;
      }
      if (k < 9) continue;
      std::string_view id = cols[0];
      if (id.find('.') != std::string_view::npos) continue;
      int first = 0, last = 0;
      size_t dash = id.find('-');
      auto num = [](std::string_view s) {
        int v = 0;
        for (char c : s) v = (c >= '0' && c <= '9') ? v * 10 + (c - '0') : v;
        return v;
      };
      if (dash != std::string_view::npos) {
        first = num(id.substr(0, dash));
        last = num(id.substr(dash + 1));
      } else {
        first = last = num(id);
        if (first <= skip_until) continue;
      }
      if (space) out.push_back(' ');
      out.append(cols[1]);
      space = cols[9].find("SpaceAfter=No") == std::string_view::npos;
      if (dash != std::string_view::npos) skip_until = last;
    }
  }
  return out;
}

}  // namespace entente::ingest
