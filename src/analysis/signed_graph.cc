// SignedGraph, the edge-list reader and the writers.
#include <cerrno>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <sstream>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "entente/network.h"
#include "csv_internal.h"
#include "util/file_util.h"

namespace entente {
namespace {

inline uint64_t PairKey(uint32_t u, uint32_t v) { return (uint64_t{u} << 32) | v; }

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) s.remove_suffix(1);
  return s;
}


bool ParseNumber(std::string_view s, double* out) {
  s = Trim(s);
  if (!s.empty() && s.front() == '+') s.remove_prefix(1);
  if (s.empty()) return false;
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), *out);
  return ec == std::errc() && p == s.data() + s.size() && std::isfinite(*out);
}

std::string CsvField(const std::string& s) {
  bool quote = s.empty();
  for (char c : s) {
    if (c == ',' || c == '"' || c == ' ' || c == '\t' || c == '#') quote = true;
  }
  if (!quote) return s;
  std::string out = "\"";
  for (char c : s) {
    if (c == '"') out += "\"\"";
    else out.push_back(c);
  }
  out.push_back('"');
  return out;
}

std::string XmlEscape(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (char c : s) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      default: out.push_back(c);
    }
  }
  return out;
}

std::string FormatWeight(double w) { return fmt::format("{}", w); }

}  // namespace

namespace analysis_internal {

// Splits one CSV line into fields (quotes removed, "" unescaped).  Returns
// false on an unterminated quote.
bool SplitCsvLine(std::string_view line, std::vector<std::string>* fields) {
  fields->clear();
  size_t i = 0;
  const size_t n = line.size();
  while (true) {
    std::string field;
    // skip leading blanks
    while (i < n && (line[i] == ' ' || line[i] == '\t')) ++i;
    if (i < n && line[i] == '"') {
      ++i;
      bool closed = false;
      while (i < n) {
        if (line[i] == '"') {
          if (i + 1 < n && line[i + 1] == '"') {
            field.push_back('"');
            i += 2;
          } else {
            ++i;
            closed = true;
            break;
          }
        } else {
          field.push_back(line[i++]);
        }
      }
      if (!closed) return false;
      while (i < n && line[i] != ',') ++i;  // ignore anything after the quote
    } else {
      size_t j = i;
      while (j < n && line[j] != ',') ++j;
      field.assign(Trim(line.substr(i, j - i)));
      i = j;
    }
    fields->push_back(std::move(field));
    if (i >= n) break;
    ++i;  // the comma
  }
  return true;
}

}  // namespace analysis_internal

uint32_t SignedGraph::AddNode(std::string_view name) {
  auto it = ids_.find(std::string(name));
  if (it != ids_.end()) return it->second;
  uint32_t id = static_cast<uint32_t>(names_.size());
  names_.emplace_back(name);
  ids_.emplace(names_.back(), id);
  return id;
}

int64_t SignedGraph::FindNode(std::string_view name) const {
  auto it = ids_.find(std::string(name));
  return it == ids_.end() ? -1 : int64_t{it->second};
}

int64_t SignedGraph::FindEdge(uint32_t a, uint32_t b) const {
  if (a > b) std::swap(a, b);
  auto it = pair_.find(PairKey(a, b));
  return it == pair_.end() ? -1 : int64_t{it->second};
}

size_t SignedGraph::num_negative() const {
  size_t k = 0;
  for (const SignedEdge& e : edges_) k += e.sign < 0;
  return k;
}

Status SignedGraph::AddEdge(uint32_t a, uint32_t b, int sign, double weight, bool* merged) {
  if (merged) *merged = false;
  if (a >= names_.size() || b >= names_.size())
    return Status(Code::kInvalidArgument, "edge names an unknown node id");
  if (a == b) return Status(Code::kInvalidArgument, "self-loop on '" + names_[a] + "'");
  if (sign != 1 && sign != -1)
    return Status(Code::kInvalidArgument, fmt::format("sign must be +1 or -1, got {}", sign));
  if (!(weight > 0) || !std::isfinite(weight))
    return Status(Code::kInvalidArgument, fmt::format("weight must be > 0, got {}", weight));
  if (a > b) std::swap(a, b);
  const uint64_t key = PairKey(a, b);
  auto it = pair_.find(key);
  if (it == pair_.end()) {
    pair_.emplace(key, static_cast<uint32_t>(edges_.size()));
    edges_.push_back(SignedEdge{a, b, sign, weight});
    return Status::OK();
  }
  SignedEdge& e = edges_[it->second];
  double value = e.sign * e.weight + sign * weight;
  // Two finite weights can sum to infinity; such an edge could not be
  // written and read back, so the row is refused and the pair kept as it was.
  if (!std::isfinite(value))
    return Status(Code::kInvalidArgument,
                  fmt::format("merged weight of '{}'-'{}' overflows", names_[a], names_[b]));
  if (merged) *merged = true;
  if (value == 0) {
    const uint32_t slot = it->second;
    pair_.erase(it);
    if (slot + 1 != edges_.size()) {
      edges_[slot] = edges_.back();
      pair_[PairKey(edges_[slot].u, edges_[slot].v)] = slot;
    }
    edges_.pop_back();
    return Status::OK();
  }
  e.sign = value > 0 ? 1 : -1;
  e.weight = std::fabs(value);
  return Status::OK();
}

SignedGraph ParseEdgeList(std::string_view text, std::string_view name, EdgeListStats* stats,
                          const NetworkErrorFn& on_error) {
  EdgeListStats local;
  EdgeListStats& st = stats ? *stats : local;
  st = EdgeListStats();
  SignedGraph g;
  if (text.size() >= 3 && static_cast<unsigned char>(text[0]) == 0xEF &&
      static_cast<unsigned char>(text[1]) == 0xBB && static_cast<unsigned char>(text[2]) == 0xBF) {
    text.remove_prefix(3);
  }
  std::vector<std::string> fields;
  bool first_content = true;
  size_t pos = 0;
  auto bad = [&](Code code, std::string_view msg) {
    ++st.skipped;
    if (on_error) on_error(Status::At(code, name, st.lines, msg));
  };
  while (pos < text.size()) {
    size_t eol = text.find('\n', pos);
    if (eol == std::string_view::npos) eol = text.size();
    std::string_view line = text.substr(pos, eol - pos);
    pos = eol + 1;
    ++st.lines;
    std::string_view t = Trim(line);
    if (t.empty() || t.front() == '#') continue;
    if (!analysis_internal::SplitCsvLine(t, &fields)) {
      first_content = false;
      bad(Code::kParseError, "unterminated quoted field");
      continue;
    }
    double value = 0, weight = 0;
    const bool sign_ok = fields.size() >= 3 && ParseNumber(fields[2], &value);
    if (first_content) {
      first_content = false;
      if (fields.size() >= 3 && !sign_ok) {
        st.header = true;
        continue;
      }
    }
    if (fields.size() != 3 && fields.size() != 4) {
      bad(Code::kParseError, fmt::format("expected 3 or 4 fields (from,to,sign[,weight]), got {}",
                                         fields.size()));
      continue;
    }
    if (fields[0].empty() || fields[1].empty()) {
      bad(Code::kParseError, "empty node name");
      continue;
    }
    // Control characters (NUL, CR, ...) in a name could not be written back
    // as one CSV line; such rows are refused.
    auto has_control = [](const std::string& f) {
      for (unsigned char c : f)
        if (c < 0x20 || c == 0x7f) return true;
      return false;
    };
    if (has_control(fields[0]) || has_control(fields[1])) {
      bad(Code::kParseError, "control character in a node name");
      continue;
    }
    if (!sign_ok) {
      bad(Code::kParseError, fmt::format("sign '{}' is not a number", fields[2]));
      continue;
    }
    if (value == 0) {
      bad(Code::kInvalidArgument, "sign is 0");
      continue;
    }
    if (fields.size() == 4) {
      if (!ParseNumber(fields[3], &weight)) {
        bad(Code::kParseError, fmt::format("weight '{}' is not a number", fields[3]));
        continue;
      }
      if (!(weight > 0)) {
        bad(Code::kInvalidArgument, fmt::format("weight {} is not > 0", fields[3]));
        continue;
      }
    } else {
      weight = 1;
    }
    if (fields[0] == fields[1]) {
      bad(Code::kInvalidArgument, fmt::format("self-loop on '{}'", fields[0]));
      continue;
    }
    uint32_t a = g.AddNode(fields[0]);
    uint32_t b = g.AddNode(fields[1]);
    size_t before = g.num_edges();
    bool merged = false;
    Status s = g.AddEdge(a, b, value > 0 ? 1 : -1, weight, &merged);
    if (!s.ok()) {
      bad(s.code(), s.message());
      continue;
    }
    ++st.rows;
    if (merged) {
      ++st.merged;
      if (g.num_edges() < before) ++st.cancelled;
    }
  }
  return g;
}

Result<SignedGraph> ReadEdgeList(const std::string& path, EdgeListStats* stats,
                                 const NetworkErrorFn& on_error) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::At(Code::kNotFound, path, 0, "cannot open edge list");
  std::ostringstream ss;
  ss << in.rdbuf();
  if (in.bad()) return Status::At(Code::kIoError, path, 0, "read failed");
  std::string text = std::move(ss).str();
  SignedGraph g = ParseEdgeList(text, path, stats, on_error);
  if (g.num_edges() == 0) return Status::At(Code::kEmpty, path, 0, "no valid edge");
  return g;
}

std::string EdgeListToCsv(const SignedGraph& g) {
  std::string out = "from,to,sign,weight\n";
  for (const SignedEdge& e : g.edges()) {
    out += CsvField(g.NodeName(e.u));
    out.push_back(',');
    out += CsvField(g.NodeName(e.v));
    out += e.sign > 0 ? ",1," : ",-1,";
    out += FormatWeight(e.weight);
    out.push_back('\n');
  }
  return out;
}

std::string GraphToGraphML(const SignedGraph& g, const std::vector<int>* blocs) {
  std::string out =
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
      "<graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\">\n"
      "  <key id=\"name\" for=\"node\" attr.name=\"name\" attr.type=\"string\"/>\n";
  if (blocs) out += "  <key id=\"bloc\" for=\"node\" attr.name=\"bloc\" attr.type=\"int\"/>\n";
  out +=
      "  <key id=\"sign\" for=\"edge\" attr.name=\"sign\" attr.type=\"int\"/>\n"
      "  <key id=\"weight\" for=\"edge\" attr.name=\"weight\" attr.type=\"double\"/>\n"
      "  <graph id=\"G\" edgedefault=\"undirected\">\n";
  for (uint32_t i = 0; i < g.num_nodes(); ++i) {
    out += fmt::format("    <node id=\"n{}\"><data key=\"name\">{}</data>", i,
                       XmlEscape(g.NodeName(i)));
    if (blocs && i < blocs->size()) out += fmt::format("<data key=\"bloc\">{}</data>", (*blocs)[i]);
    out += "</node>\n";
  }
  for (size_t i = 0; i < g.num_edges(); ++i) {
    const SignedEdge& e = g.edges()[i];
    out += fmt::format(
        "    <edge id=\"e{}\" source=\"n{}\" target=\"n{}\"><data key=\"sign\">{}</data>"
        "<data key=\"weight\">{}</data></edge>\n",
        i, e.u, e.v, e.sign, FormatWeight(e.weight));
  }
  out += "  </graph>\n</graphml>\n";
  return out;
}

std::string GraphToJson(const SignedGraph& g, const std::vector<int>* blocs) {
  nlohmann::json j;
  j["nodes"] = nlohmann::json::array();
  for (uint32_t i = 0; i < g.num_nodes(); ++i) {
    nlohmann::json n = {{"id", i}, {"name", g.NodeName(i)}};
    if (blocs && i < blocs->size()) n["bloc"] = (*blocs)[i];
    j["nodes"].push_back(std::move(n));
  }
  j["edges"] = nlohmann::json::array();
  for (const SignedEdge& e : g.edges()) {
    j["edges"].push_back({{"from", e.u}, {"to", e.v}, {"sign", e.sign}, {"weight", e.weight}});
  }
  return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

Status WriteTextFile(const std::string& path, std::string_view text) {
  return WriteFileReplacing(path, text);
}

int64_t CountFrustrated(const SignedGraph& g, const std::vector<int>& bloc) {
  int64_t k = 0;
  for (const SignedEdge& e : g.edges()) {
    int bu = e.u < bloc.size() ? bloc[e.u] : 0;
    int bv = e.v < bloc.size() ? bloc[e.v] : 0;
    bool same = bu == bv;
    k += (e.sign > 0) != same;
  }
  return k;
}

}  // namespace entente
