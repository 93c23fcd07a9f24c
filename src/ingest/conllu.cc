#include "entente/conllu.h"

#include <charconv>
#include <fstream>
#include <string_view>

namespace entente {
namespace {

// Splits `line` on tabs into exactly 10 fields; false otherwise.
bool SplitColumns(std::string_view line, std::string_view (&cols)[10]) {
  size_t start = 0;
  for (int i = 0; i < 10; ++i) {
    size_t tab = line.find('\t', start);
    if (i == 9) {
      if (tab != std::string_view::npos) return false;
      cols[i] = line.substr(start);
    } else {
      if (tab == std::string_view::npos) return false;
      cols[i] = line.substr(start, tab - start);
      start = tab + 1;
    }
  }
  return true;
}

bool ParseInt(std::string_view s, int* v) {
  if (s.empty()) return false;
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), *v);
  return ec == std::errc() && p == s.data() + s.size();
}

std::string Field(std::string_view s) { return s == "_" ? std::string() : std::string(s); }

// Removes SpaceAfter=No from a MISC value; returns whether it was there.
bool TakeSpaceAfterNo(std::string* misc) {
  std::string out;
  bool found = false;
  size_t start = 0;
  while (start <= misc->size()) {
    size_t bar = misc->find('|', start);
    if (bar == std::string::npos) bar = misc->size();
    std::string_view item(misc->data() + start, bar - start);
    if (item == "SpaceAfter=No") {
      found = true;
    } else if (!item.empty()) {
      if (!out.empty()) out.push_back('|');
      out.append(item);
    }
    start = bar + 1;
  }
  *misc = std::move(out);
  return found;
}

void AppendField(const std::string& v, std::string* out) {
  if (v.empty()) {
    out->push_back('_');
  } else {
    out->append(v);
  }
}

}  // namespace

ConlluReader::ConlluReader(std::istream& in, std::string name, ErrorFn on_error)
    : in_(in), name_(std::move(name)), on_error_(std::move(on_error)) {}

bool ConlluReader::Next(Sentence* s) {
  std::string line;
  for (;;) {
    *s = Sentence();
    bool any = false;
    bool bad = false;
    Status error;
    uint64_t start_line = 0;
    auto fail = [&](std::string_view why) {
      if (!bad) error = Status::At(Code::kParseError, name_, line_, why);
      bad = true;
    };
    while (std::getline(in_, line)) {
      ++line_;
      if (!line.empty() && line.back() == '\r') line.pop_back();
      if (line.empty()) {
        if (any) break;
        continue;
      }
      if (!any) start_line = line_;
      any = true;
      if (bad) continue;  // skip the rest of a broken sentence
      if (line[0] == '#') {
        std::string_view body(line);
        body.remove_prefix(1);
        while (!body.empty() && body.front() == ' ') body.remove_prefix(1);
        size_t eq = body.find(" = ");
        std::string key, value;
        if (eq != std::string_view::npos) {
          key = std::string(body.substr(0, eq));
          value = std::string(body.substr(eq + 3));
        } else {
          key = std::string(body);
        }
        if (key == "sent_id") s->id = value;
        if (key == "text") s->text = value;
        s->comments.emplace_back(std::move(key), std::move(value));
        continue;
      }
      std::string_view cols[10];
      if (!SplitColumns(line, cols)) {
        fail("expected 10 tab-separated columns");
        continue;
      }
      {
        int empty = -1;
        for (int c = 0; c < 10 && empty < 0; ++c)
          if (cols[c].empty()) empty = c;
        if (empty >= 0) {
          fail("empty column " + std::to_string(empty + 1) + " (CoNLL-U writes '_' for no value)");
          continue;
        }
      }
      std::string_view id = cols[0];
      size_t dash = id.find('-');
      if (id.find('.') != std::string_view::npos) {
        s->empty_nodes.push_back(line);
        continue;
      }
      if (dash != std::string_view::npos) {
        MultiwordToken m;
        if (!ParseInt(id.substr(0, dash), &m.first) || !ParseInt(id.substr(dash + 1), &m.last) ||
            m.first < 1 || m.last < m.first) {
          fail("bad multiword token range '" + std::string(id) + "'");
          continue;
        }
        m.form = std::string(cols[1]);
        m.misc = Field(cols[9]);
        s->multiword.push_back(std::move(m));
        continue;
      }
      int n = 0;
      if (!ParseInt(id, &n) || n != static_cast<int>(s->tokens.size()) + 1) {
        fail("token ID '" + std::string(id) + "' out of sequence");
        continue;
      }
      Token t;
      t.form = std::string(cols[1]);
      t.lemma = Field(cols[2]);
      t.upos = Field(cols[3]);
      t.xpos = Field(cols[4]);
      t.feats = Field(cols[5]);
      if (cols[6] == "_") {
        t.head = -1;
      } else if (!ParseInt(cols[6], &t.head) || t.head < 0) {
        fail("bad HEAD '" + std::string(cols[6]) + "'");
        continue;
      }
      t.deprel = Field(cols[7]);
      t.deps = Field(cols[8]);
      t.misc = Field(cols[9]);
      {
        std::string rest = t.misc;
        t.space_after = !TakeSpaceAfterNo(&rest);
      }
      s->tokens.push_back(std::move(t));
    }
    if (!any) return false;
    if (!bad) {
      const int n = static_cast<int>(s->tokens.size());
      for (int i = 0; i < n && !bad; ++i) {
        if (s->tokens[i].head > n) {
          error = Status::At(Code::kParseError, name_, start_line,
                             "sentence starting here: HEAD " + std::to_string(s->tokens[i].head) +
                                 " of token " + std::to_string(i + 1) + " beyond sentence length");
          bad = true;
        } else if (s->tokens[i].head == i + 1) {
          error = Status::At(Code::kParseError, name_, start_line,
                             "sentence starting here: token " + std::to_string(i + 1) + " is its own head");
          bad = true;
        }
      }
      // Heads must form a tree: from every token, following heads reaches 0
      // (the root); otherwise there is a cycle.  Each token is walked over
      // once (0 = not seen, 1 = on the walk from token i, 2 = reaches the
      // root), so a deep chain costs O(n), not O(n * depth).
      std::vector<uint8_t> state(static_cast<size_t>(n), 0);
      for (int i = 0; i < n && !bad; ++i) {
        int h = i + 1;
        while (h > 0 && state[static_cast<size_t>(h - 1)] == 0) {
          state[static_cast<size_t>(h - 1)] = 1;
          h = s->tokens[h - 1].head;
        }
        const bool cycle = h > 0 && state[static_cast<size_t>(h - 1)] == 1;
        for (int k = i + 1; k > 0 && state[static_cast<size_t>(k - 1)] == 1; k = s->tokens[k - 1].head)
          state[static_cast<size_t>(k - 1)] = 2;
        if (cycle) {
          error = Status::At(Code::kParseError, name_, start_line,
                             "sentence starting here: the heads of token " + std::to_string(i + 1) +
                                 " form a cycle");
          bad = true;
        }
      }
      if (!bad && n == 0) {
        error = Status::At(Code::kParseError, name_, start_line, "sentence without tokens");
        bad = true;
      }
    }
    if (!bad) {
      ++sentences_;
      return true;
    }
    ++skipped_;
    if (on_error_) on_error_(error);
    if (in_.eof()) {
      // nothing more to read
      *s = Sentence();
      return false;
    }
  }
}

Result<std::vector<Sentence>> ReadConlluFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::At(Code::kNotFound, path, 0, "cannot open");
  Status first;
  ConlluReader r(in, path, [&](const Status& st) {
    if (first.ok()) first = st;
  });
  std::vector<Sentence> out;
  Sentence s;
  while (r.Next(&s)) out.push_back(std::move(s));
  if (!first.ok()) return first;
  if (in.bad()) return Status::At(Code::kIoError, path, r.line(), "read error");
  return out;
}

void AppendConllu(const Sentence& s, std::string* out) {
  // sent_id and text are written where the input had them (EWT puts
  // "# newdoc id" first), or first of all when the sentence was made here.
  bool has_id = false, has_text = false;
  for (const auto& kv : s.comments) {
    has_id |= kv.first == "sent_id";
    has_text |= kv.first == "text";
  }
  if (!has_id && !s.id.empty()) out->append("# sent_id = ").append(s.id).push_back('\n');
  if (!has_text && !s.text.empty()) out->append("# text = ").append(s.text).push_back('\n');
  for (const auto& [k, v] : s.comments) {
    const std::string& value = k == "sent_id" ? s.id : k == "text" ? s.text : v;
    out->append("# ").append(k);
    if (!value.empty()) out->append(" = ").append(value);
    out->push_back('\n');
  }
  size_t mwt = 0;
  size_t empty = 0;
  for (size_t i = 0; i < s.tokens.size(); ++i) {
    const Token& t = s.tokens[i];
    const int id = static_cast<int>(i) + 1;
    while (mwt < s.multiword.size() && s.multiword[mwt].first == id) {
      const auto& m = s.multiword[mwt++];
      out->append(std::to_string(m.first)).push_back('-');
      out->append(std::to_string(m.last)).push_back('\t');
      out->append(m.form);
      out->append("\t_\t_\t_\t_\t_\t_\t_\t");
      AppendField(m.misc, out);
      out->push_back('\n');
    }
    out->append(std::to_string(id)).push_back('\t');
    AppendField(t.form, out);
    out->push_back('\t');
    AppendField(t.lemma, out);
    out->push_back('\t');
    AppendField(t.upos, out);
    out->push_back('\t');
    AppendField(t.xpos, out);
    out->push_back('\t');
    AppendField(t.feats, out);
    out->push_back('\t');
    if (t.head < 0) {
      out->push_back('_');
    } else {
      out->append(std::to_string(t.head));
    }
    out->push_back('\t');
    AppendField(t.deprel, out);
    out->push_back('\t');
    AppendField(t.deps, out);
    out->push_back('\t');
    // MISC is kept verbatim; space_after wins when the two disagree.
    std::string misc = t.misc;
    std::string without = misc;
    const bool has_no = TakeSpaceAfterNo(&without);
    if (t.space_after && has_no) misc = without;
    if (!t.space_after && !has_no) misc = misc.empty() ? "SpaceAfter=No" : "SpaceAfter=No|" + misc;
    AppendField(misc, out);
    out->push_back('\n');
    // Empty nodes "id.k" follow token id.
    while (empty < s.empty_nodes.size()) {
      const std::string& e = s.empty_nodes[empty];
      int base = 0;
      std::string_view ev(e);
      size_t dot = ev.find('.');
      if (dot == std::string_view::npos || !ParseInt(ev.substr(0, dot), &base) || base != id) break;
      out->append(e).push_back('\n');
      ++empty;
    }
  }
  for (; empty < s.empty_nodes.size(); ++empty) out->append(s.empty_nodes[empty]).push_back('\n');
  out->push_back('\n');
}

std::string ToConllu(const Sentence& s) {
  std::string out;
  AppendConllu(s, &out);
  return out;
}

}  // namespace entente
