// Verb dictionaries (CAMEO.2.0.txt, PETR.Validate.verbs*.txt).
#include <chrono>
#include <map>
#include <set>
#include <unordered_map>

#include "dictionaries/common.h"

namespace entente {

namespace {
struct FormRef {
  uint32_t verb;
  uint32_t words;    // offset into form_words
  uint16_t before;   // words before the head
  uint16_t after;    // words after the head
};
}  // namespace

struct VerbDictionary::Impl {
  dict::Lexicon lexicon;
  std::vector<VerbBlock> blocks;
  std::vector<Verb> verbs;
  std::vector<VerbPattern> patterns;
  std::vector<Synset> synsets;
  std::vector<Transformation> transformations;
  std::vector<std::vector<WordId>> alternatives;
  std::map<std::string, uint32_t, std::less<>> synset_by_name;
  // Verb forms keyed by head word: forms_by_head[word] lists FormRefs,
  // longest first.
  std::vector<std::vector<FormRef>> forms_by_head;
  std::vector<WordId> form_words;
  // Synset phrases as [lexicon_size + synset, w1, ...].
  dict::PhraseTrie synset_trie;
  WordId synset_base = 0;
};

namespace {

using dict::Trim;

// Parses the inside of [...] of the verb dictionary.
bool ParseEventCode(std::string_view inside, EventCode* out, std::string* err) {
  inside = Trim(inside);
  out->raw = std::string(inside);
  if (inside.empty()) {
    *err = "empty code '[]'";
    return false;
  }
  for (char c : inside) {
    if (c == ' ' || c == '\t') {
      *err = "bad code '[" + std::string(inside) + "]'";
      return false;
    }
  }
  size_t colon = inside.find(':');
  if (colon == std::string_view::npos) {
    out->code = std::string(inside);
  } else {
    out->code = std::string(inside.substr(0, colon));
    out->reverse = std::string(inside.substr(colon + 1));
    if (out->reverse.empty() || out->reverse.find(':') != std::string::npos) {
      *err = "bad paired code '[" + std::string(inside) + "]'";
      return false;
    }
  }
  return true;
}

bool IsVowel(char c) { return c == 'A' || c == 'E' || c == 'I' || c == 'O' || c == 'U'; }
bool EndsWith(std::string_view s, std::string_view suf) {
  return s.size() >= suf.size() && s.substr(s.size() - suf.size()) == suf;
}

// Regular forms of an upper-case verb: 3rd person, past, gerund.
std::vector<std::string> RegularForms(const std::string& v) {
  std::vector<std::string> out;
  if (v.empty()) return out;
  bool cons_y = EndsWith(v, "Y") && v.size() >= 2 && !IsVowel(v[v.size() - 2]);
  std::string stem_y = v.substr(0, v.size() - 1);
  // -S
  if (cons_y) out.push_back(stem_y + "IES");
  else if (EndsWith(v, "S") || EndsWith(v, "X") || EndsWith(v, "Z") || EndsWith(v, "CH") ||
           EndsWith(v, "SH") || EndsWith(v, "O"))
    out.push_back(v + "ES");
  else out.push_back(v + "S");
  // -ED
  if (EndsWith(v, "E")) out.push_back(v + "D");
  else if (cons_y) out.push_back(stem_y + "IED");
  else out.push_back(v + "ED");
  // -ING
  if (EndsWith(v, "IE")) out.push_back(v.substr(0, v.size() - 2) + "YING");
  else if (EndsWith(v, "E") && !EndsWith(v, "EE") && !EndsWith(v, "OE") && !EndsWith(v, "YE") && v.size() > 2)
    out.push_back(v.substr(0, v.size() - 1) + "ING");
  else out.push_back(v + "ING");
  return out;
}

// A verb phrase "WIRE_+TAP" -> words, head index.
struct VerbPhrase {
  std::vector<std::string> words;
  int head = 0;
};
VerbPhrase SplitVerbPhrase(std::string_view s) {
  VerbPhrase vp;
  bool marked = false;
  for (std::string_view piece : dict::SplitAny(s, " \t_")) {
    if (piece[0] == '+') {
      piece.remove_prefix(1);
      if (piece.empty()) continue;
      if (!marked) vp.head = static_cast<int>(vp.words.size());
      marked = true;
    }
    vp.words.push_back(UpperCase(piece));
  }
  return vp;
}

struct PendingPattern {
  uint32_t pattern;
  std::vector<std::pair<size_t, std::string>> synset_refs;  // element index, name
};

struct PendingMember {
  std::string ref;  // nested synset name, or empty
  std::vector<std::string> words;
  bool plural = true;
  uint32_t line = 0;
};

class VerbParser {
 public:
  VerbParser(VerbDictionary::Impl* impl, dict::ErrorSink* sink) : d_(impl), sink_(sink) {}

  Status Run(std::string_view text) {
    dict::LineReader lr(text);
    while (lr.Next()) {
      std::string_view t = Trim(lr.line());
      if (t.empty()) continue;
      uint32_t ln = lr.number();
      if (t.starts_with("---")) {
        in_synset_ = -1;
        ENTENTE_RETURN_IF_ERROR(Block(t, ln));
      } else if (t[0] == '&') {
        ENTENTE_RETURN_IF_ERROR(SynsetLabel(t, ln));
      } else if (t[0] == '+' && in_synset_ >= 0) {
        ENTENTE_RETURN_IF_ERROR(SynsetMember(t.substr(1), ln));
      } else if (t[0] == '-') {
        in_synset_ = -1;
        ENTENTE_RETURN_IF_ERROR(Pattern(t.substr(1), ln, lr.comment()));
      } else if (t[0] == '~') {
        in_synset_ = -1;
        ENTENTE_RETURN_IF_ERROR(Transform(t.substr(1), ln));
      } else {
        in_synset_ = -1;
        ENTENTE_RETURN_IF_ERROR(VerbLine(t, ln));
      }
    }
    sink_->Lines(lr.lines());
    return Resolve();
  }

 private:
  Status Error(uint32_t ln, std::string_view msg) { return sink_->Error(ln, msg); }

  Status Block(std::string_view t, uint32_t ln) {
    std::string_view body = t.substr(3);
    while (EndsWith(body, "-")) body.remove_suffix(1);
    body = Trim(body);
    VerbBlock b;
    b.line = ln;
    size_t open = body.find('[');
    std::string_view name = body;
    if (open != std::string_view::npos) {
      size_t close = body.find(']', open);
      if (close == std::string_view::npos) {
        block_ = -1;
        return Error(ln, "unterminated '[' in verb block header");
      }
      std::string err;
      if (!ParseEventCode(body.substr(open + 1, close - open - 1), &b.code, &err)) {
        block_ = -1;
        return Error(ln, err);
      }
      name = Trim(body.substr(0, open));
    } else {
      b.code.raw = b.code.code = "---";
    }
    if (name.empty()) {
      block_ = -1;
      return Error(ln, "verb block without a name");
    }
    b.name = std::string(name);
    block_ = static_cast<int>(d_->blocks.size());
    d_->blocks.push_back(std::move(b));
    return Status::OK();
  }

  Status SynsetLabel(std::string_view t, uint32_t ln) {
    std::string_view name = t.substr(1);
    size_t sp = name.find_first_of(" \t");
    if (sp != std::string_view::npos) {
      if (!Trim(name.substr(sp)).empty()) {
        in_synset_ = -2;  // swallow its members
        return Error(ln, "synset label followed by text");
      }
      name = name.substr(0, sp);
    }
    Synset s;
    s.line = ln;
    if (EndsWith(name, "_")) {
      s.plurals = false;
      while (EndsWith(name, "_")) name.remove_suffix(1);
    }
    if (name.empty()) {
      in_synset_ = -2;
      return Error(ln, "synset without a name");
    }
    s.name = UpperCase(name);
    if (auto it = d_->synset_by_name.find(s.name); it != d_->synset_by_name.end()) {
      // A second definition adds its members to the first one.
      in_synset_ = static_cast<int>(it->second);
      sink_->Duplicate();
      return Status::OK();
    }
    in_synset_ = static_cast<int>(d_->synsets.size());
    d_->synset_by_name.emplace(s.name, static_cast<uint32_t>(d_->synsets.size()));
    d_->synsets.push_back(std::move(s));
    members_.emplace_back();
    return Status::OK();
  }

  Status SynsetMember(std::string_view t, uint32_t ln) {
    if (in_synset_ == -2) return Status::OK();  // members of a skipped label
    t = Trim(t);
    PendingMember m;
    m.line = ln;
    if (t.empty()) return Error(ln, "empty synset member");
    // "(TO THE END)" / "{FINANCIAL AID}": the brackets are accepted and
    // dropped; the words stay a run of consecutive words.
    if ((t.front() == '(' && t.back() == ')') || (t.front() == '{' && t.back() == '}'))
      t = Trim(t.substr(1, t.size() - 2));
    if (t.empty()) return Error(ln, "empty synset member");
    if (t.find_first_of("[]{}()$%^*") != std::string_view::npos)
      return Error(ln, "synset member may only hold words or a synset");
    if (t[0] == '&') {
      std::string_view name = t.substr(1);
      while (EndsWith(name, "_")) name.remove_suffix(1);
      if (name.empty() || name.find_first_of(" \t") != std::string_view::npos)
        return Error(ln, "bad synset reference in synset member");
      m.ref = UpperCase(name);
    } else {
      dict::ParsedPhrase p = dict::SplitPhrase(t, /*gaps_allowed=*/false);
      if (p.words.empty()) return Error(ln, "empty synset member");
      for (const std::string& w : p.words)
        if (w[0] == '&') return Error(ln, "a synset may appear in a synset only as a whole member");
      m.words = std::move(p.words);
      m.plural = !p.final_underscore;
    }
    members_[static_cast<size_t>(in_synset_)].push_back(std::move(m));
    return Status::OK();
  }

  Status VerbLine(std::string_view t, uint32_t ln) {
    if (block_ < 0) return Error(ln, "verb or unknown line outside a verb block (want '--- NAME [code] ---' first)");
    Verb v;
    v.line = ln;
    v.block = static_cast<uint32_t>(block_);
    std::string_view rest = t;
    size_t open = rest.find('[');
    if (open != std::string_view::npos) {
      size_t close = rest.find(']', open);
      if (close == std::string_view::npos) return Error(ln, "unterminated '[' in verb line");
      std::string err;
      if (!ParseEventCode(rest.substr(open + 1, close - open - 1), &v.code, &err)) return Error(ln, err);
      v.own_code = true;
      if (!Trim(rest.substr(close + 1)).empty()) return Error(ln, "text after the code of a verb");
      rest = rest.substr(0, open);
    } else {
      v.code = d_->blocks[v.block].code;
    }
    std::optional<std::string_view> irregular;
    size_t brace = rest.find('{');
    if (brace != std::string_view::npos) {
      size_t cb = rest.find('}', brace);
      if (cb == std::string_view::npos) return Error(ln, "unterminated '{' in verb forms");
      if (!Trim(rest.substr(cb + 1)).empty()) return Error(ln, "text after the '{...}' verb forms");
      irregular = rest.substr(brace + 1, cb - brace - 1);
      rest = rest.substr(0, brace);
    } else if (rest.find('}') != std::string_view::npos) {
      return Error(ln, "'}' without '{' in verb line");
    }
    rest = Trim(rest);
    if (rest.empty()) return Error(ln, "verb line without a verb");
    if (rest.find_first_of("()*$%^&") != std::string_view::npos)
      return Error(ln, "unexpected character in verb");
    VerbPhrase vp = SplitVerbPhrase(rest);
    if (vp.words.empty()) return Error(ln, "verb line without a verb");
    for (const std::string& w : vp.words) {
      if (!v.lemma.empty()) v.lemma.push_back(' ');
      v.lemma += w;
      v.words.push_back(d_->lexicon.Intern(w));
    }
    v.head = vp.head;
    uint32_t vi = static_cast<uint32_t>(d_->verbs.size());
    std::vector<VerbPhrase> forms{vp};
    if (irregular) {
      for (std::string_view f : dict::SplitAny(*irregular, " \t")) {
        VerbPhrase fp = SplitVerbPhrase(f);
        if (!fp.words.empty()) forms.push_back(std::move(fp));
      }
    } else {
      for (std::string& w : RegularForms(vp.words[static_cast<size_t>(vp.head)])) {
        VerbPhrase fp = vp;
        fp.words[static_cast<size_t>(vp.head)] = std::move(w);
        forms.push_back(std::move(fp));
      }
    }
    for (const VerbPhrase& fp : forms) {
      std::string joined;
      for (const std::string& w : fp.words) {
        if (!joined.empty()) joined.push_back(' ');
        joined += w;
      }
      if (!seen_forms_.emplace(joined, vi).second) {
        if (seen_forms_[joined] != vi) sink_->Duplicate();
        continue;
      }
      v.forms.push_back(joined);
      FormRef r;
      r.verb = vi;
      r.words = static_cast<uint32_t>(d_->form_words.size());
      r.before = static_cast<uint16_t>(fp.head);
      r.after = static_cast<uint16_t>(fp.words.size() - static_cast<size_t>(fp.head) - 1);
      WordId head = 0;
      for (size_t k = 0; k < fp.words.size(); ++k) {
        WordId id = d_->lexicon.Intern(fp.words[k]);
        d_->form_words.push_back(id);
        if (static_cast<int>(k) == fp.head) head = id;
      }
      pending_forms_.emplace_back(head, r);
    }
    d_->blocks[v.block].verbs.push_back(vi);
    d_->verbs.push_back(std::move(v));
    sink_->Entry();
    return Status::OK();
  }

  Status Pattern(std::string_view t, uint32_t ln, std::string_view comment) {
    if (block_ < 0) return Error(ln, "pattern outside a verb block");
    VerbPattern p;
    p.line = ln;
    p.block = static_cast<uint32_t>(block_);
    p.comment = std::string(comment);
    size_t open = t.find('[');
    if (open == std::string_view::npos) return Error(ln, "pattern without a [code]");
    size_t close = t.find(']', open);
    if (close == std::string_view::npos) return Error(ln, "unterminated '[' in pattern code");
    std::string err;
    if (!ParseEventCode(t.substr(open + 1, close - open - 1), &p.code, &err)) return Error(ln, err);
    std::string_view body = Trim(t.substr(0, open));
    p.text = std::string(body);
    if (body.empty()) return Error(ln, "empty pattern");
    PendingPattern pending;
    pending.pattern = static_cast<uint32_t>(d_->patterns.size());
    int noun = 0, prep = 0;
    std::string upper;
    for (std::string_view chunk : dict::SplitAny(body, " \t")) {
      // Leading '{' / '(' and trailing '}' / ')' are structure.
      while (!chunk.empty() && (chunk[0] == '{' || chunk[0] == '(')) {
        if (chunk[0] == '{') {
          if (noun++ > 0) return Error(ln, "nested '{' in pattern");
          p.elements.push_back({PatternElementKind::kOpenNoun, false, 0});
        } else {
          if (prep++ > 0) return Error(ln, "nested '(' in pattern");
          p.elements.push_back({PatternElementKind::kOpenPrep, false, 0});
        }
        chunk.remove_prefix(1);
      }
      size_t closers = 0;
      while (closers < chunk.size() &&
             (chunk[chunk.size() - 1 - closers] == '}' || chunk[chunk.size() - 1 - closers] == ')'))
        ++closers;
      std::string_view tail = chunk.substr(chunk.size() - closers);
      chunk = chunk.substr(0, chunk.size() - closers);
      if (chunk.find_first_of("{}()[]") != std::string_view::npos)
        return Error(ln, "misplaced bracket in pattern word '" + std::string(chunk) + "'");
      // '_' joins pieces that must be consecutive; "**" and "*" are the verb.
      std::vector<std::string_view> pieces = dict::SplitAny(chunk, "_");
      for (size_t k = 0; k < pieces.size(); ++k) {
        std::string_view w = pieces[k];
        PatternElement e;
        e.joined_to_next = k + 1 < pieces.size();
        if (w == "*" || w == "**") e.kind = PatternElementKind::kVerb;
        else if (w == "$") e.kind = PatternElementKind::kSource;
        else if (w == "+") e.kind = PatternElementKind::kTarget;
        else if (w == "^") e.kind = PatternElementKind::kSkip;
        else if (w == "%") e.kind = PatternElementKind::kCompound;
        else if (w[0] == '&') {
          std::string_view name = w.substr(1);
          if (name.empty()) return Error(ln, "'&' without a synset name in pattern");
          e.kind = PatternElementKind::kSynset;
          pending.synset_refs.emplace_back(p.elements.size(), UpperCase(name));
        } else if (w.find('/') != std::string_view::npos) {
          e.kind = PatternElementKind::kAlternatives;
          std::vector<WordId> alts;
          for (std::string_view a : dict::SplitAny(w, "/")) {
            dict::UpperInto(a, &upper);
            alts.push_back(d_->lexicon.Intern(upper));
          }
          if (alts.empty()) return Error(ln, "empty alternatives in pattern");
          e.index = static_cast<uint32_t>(d_->alternatives.size());
          d_->alternatives.push_back(std::move(alts));
        } else if (w.find_first_of("*$^%&") != std::string_view::npos && w.size() > 1 && w != "N'T") {
          return Error(ln, "unknown pattern token '" + std::string(w) + "'");
        } else {
          dict::UpperInto(w, &upper);
          e.kind = PatternElementKind::kWord;
          e.index = d_->lexicon.Intern(upper);
        }
        if (e.kind == PatternElementKind::kVerb && p.verb_position < 0)
          p.verb_position = static_cast<int>(p.elements.size());
        p.elements.push_back(e);
      }
      for (char c : tail) {
        if (c == '}') {
          if (--noun < 0) return Error(ln, "'}' without '{' in pattern");
          p.elements.push_back({PatternElementKind::kCloseNoun, false, 0});
        } else {
          if (--prep < 0) return Error(ln, "')' without '(' in pattern");
          p.elements.push_back({PatternElementKind::kClosePrep, false, 0});
        }
      }
    }
    if (noun > 0) return Error(ln, "unterminated '{' in pattern");
    if (prep > 0) return Error(ln, "unterminated '(' in pattern");
    d_->patterns.push_back(std::move(p));
    pending_patterns_.push_back(std::move(pending));
    return Status::OK();
  }

  Status Transform(std::string_view t, uint32_t ln) {
    std::string spaced;
    for (char c : t) {
      if (c == '(' || c == ')' || c == '=') {
        spaced.push_back(' ');
        spaced.push_back(c);
        spaced.push_back(' ');
      } else {
        spaced.push_back(c);
      }
    }
    std::vector<std::string_view> k = dict::SplitAny(spaced, " \t");
    // a ( b c VERB ) VERB = x y CODE
    if (k.size() != 11 || k[1] != "(" || k[5] != ")" || k[7] != "=")
      return Error(ln, "bad transformation (want '~ a (b c VERB) VERB = x y CODE')");
    Transformation tr;
    tr.line = ln;
    tr.upper_source = std::string(k[0]);
    tr.lower_source = std::string(k[2]);
    tr.lower_target = std::string(k[3]);
    tr.lower_verb = UpperCase(k[4]);
    tr.upper_verb = UpperCase(k[6]);
    tr.result_source = std::string(k[8]);
    tr.result_target = std::string(k[9]);
    tr.result_code = std::string(k[10]);
    d_->transformations.push_back(std::move(tr));
    sink_->Entry();
    return Status::OK();
  }

  // After the whole file: expand synsets (nested ones, cycles), resolve
  // pattern references, build the indexes.
  Status Resolve() {
    const size_t n = d_->synsets.size();
    state_.assign(n, 0);
    for (size_t i = 0; i < n; ++i) ENTENTE_RETURN_IF_ERROR(Expand(i));
    for (const Synset& s : d_->synsets) {
      (void)s;
      sink_->Entry();
    }
    // Patterns with unknown synsets are dropped.
    std::vector<VerbPattern> kept;
    kept.reserve(d_->patterns.size());
    for (PendingPattern& pp : pending_patterns_) {
      VerbPattern& p = d_->patterns[pp.pattern];
      bool ok = true;
      for (auto& [idx, name] : pp.synset_refs) {
        std::string_view nm = name;
        while (EndsWith(nm, "_")) nm.remove_suffix(1);
        auto it = d_->synset_by_name.find(nm);
        if (it == d_->synset_by_name.end()) {
          ENTENTE_RETURN_IF_ERROR(Error(p.line, "unknown synset &" + std::string(nm) + " in pattern"));
          ok = false;
          break;
        }
        p.elements[idx].index = it->second;
      }
      if (!ok) continue;
      uint32_t pi = static_cast<uint32_t>(kept.size());
      d_->blocks[p.block].patterns.push_back(pi);
      kept.push_back(std::move(p));
      sink_->Entry();
    }
    d_->patterns = std::move(kept);

    // Verb forms by head word, longest first.
    d_->forms_by_head.assign(d_->lexicon.size(), {});
    for (auto& [head, r] : pending_forms_) d_->forms_by_head[head].push_back(r);
    for (auto& v : d_->forms_by_head)
      std::stable_sort(v.begin(), v.end(), [](const FormRef& a, const FormRef& b) {
        return a.before + a.after > b.before + b.after;
      });
    // Synset phrases in one trie keyed by a virtual first word.
    d_->synset_base = static_cast<WordId>(d_->lexicon.size());
    std::vector<WordId> ph;
    std::vector<uint8_t> gaps;
    for (size_t i = 0; i < n; ++i) {
      for (const auto& phrase : d_->synsets[i].phrases) {
        ph.assign(1, d_->synset_base + static_cast<WordId>(i));
        ph.insert(ph.end(), phrase.begin(), phrase.end());
        gaps.assign(ph.size(), 0);
        d_->synset_trie.Insert(ph, gaps, static_cast<uint32_t>(i));
      }
    }
    d_->synset_trie.Compile(d_->lexicon.size() + n);
    return Status::OK();
  }

  // Depth-first expansion; state_: 0 new, 1 in progress, 2 done.
  Status Expand(size_t i) {
    if (state_[i] == 2) return Status::OK();
    state_[i] = 1;
    Synset& s = d_->synsets[i];
    std::set<std::vector<WordId>>* seen = nullptr;
    std::set<std::vector<WordId>> local;
    seen = &local;
    auto add = [&](std::vector<WordId> ph) {
      if (seen->insert(ph).second) s.phrases.push_back(std::move(ph));
    };
    for (PendingMember& m : members_[i]) {
      if (!m.ref.empty()) {
        auto it = d_->synset_by_name.find(m.ref);
        if (it == d_->synset_by_name.end()) {
          ENTENTE_RETURN_IF_ERROR(Error(m.line, "unknown synset &" + m.ref + " in synset &" + s.name));
          continue;
        }
        size_t j = it->second;
        if (j == i) {
          ENTENTE_RETURN_IF_ERROR(Error(m.line, "synset &" + s.name + " refers to itself"));
          continue;
        }
        if (state_[j] == 1) {
          ENTENTE_RETURN_IF_ERROR(Error(m.line, "synset &" + s.name + " refers to &" + m.ref +
                                                    " which refers back to &" + s.name + " (cycle)"));
          continue;
        }
        ENTENTE_RETURN_IF_ERROR(Expand(j));
        for (const auto& ph : d_->synsets[j].phrases) add(ph);
        continue;
      }
      std::vector<WordId> ph;
      for (const std::string& w : m.words) ph.push_back(d_->lexicon.Intern(w));
      add(ph);
      if (s.plurals && m.plural) {
        ph.back() = d_->lexicon.Intern(dict::Pluralize(m.words.back()));
        add(std::move(ph));
      }
    }
    state_[i] = 2;
    return Status::OK();
  }

  VerbDictionary::Impl* d_;
  dict::ErrorSink* sink_;
  int block_ = -1;
  int in_synset_ = -1;  // index of the synset receiving '+' members; -2: skipping
  std::vector<std::vector<PendingMember>> members_;
  std::vector<PendingPattern> pending_patterns_;
  std::vector<std::pair<WordId, FormRef>> pending_forms_;
  std::unordered_map<std::string, uint32_t> seen_forms_;
  std::vector<uint8_t> state_;
};

Status Build(std::string_view name, std::string_view text, const DictionaryLoadOptions& options,
             LoadReport* report, VerbDictionary::Impl* impl) {
  dict::ErrorSink sink(options, report, std::string(name), "verbs");
  VerbParser parser(impl, &sink);
  ENTENTE_RETURN_IF_ERROR(parser.Run(text));
  ENTENTE_RETURN_IF_ERROR(sink.Finish());
  if (impl->verbs.empty() && impl->patterns.empty())
    return Status::At(Code::kEmpty, name, 0, "verb dictionary holds no verbs");
  return Status::OK();
}

}  // namespace

VerbDictionary::VerbDictionary() : impl_(std::make_shared<Impl>()) {}

Result<VerbDictionary> VerbDictionary::Parse(std::string_view text, std::string_view name,
                                             const DictionaryLoadOptions& options, LoadReport* report) {
  auto impl = dict::BuildFromText<Impl>(name, text, report, [&](dict::NamedTexts files, Impl* i) {
    return Build(files[0].first, files[0].second, options, report, i);
  });
  if (!impl.ok()) return impl.status();
  VerbDictionary d;
  d.impl_ = std::move(*impl);
  return d;
}

Result<VerbDictionary> VerbDictionary::Load(const std::string& path, const DictionaryLoadOptions& options,
                                            LoadReport* report) {
  auto impl = dict::BuildFromFiles<Impl>({path}, report, [&](dict::NamedTexts files, Impl* i) {
    return Build(files[0].first, files[0].second, options, report, i);
  });
  if (!impl.ok()) return impl.status();
  VerbDictionary d;
  d.impl_ = std::move(*impl);
  return d;
}

const std::vector<VerbBlock>& VerbDictionary::blocks() const { return impl_->blocks; }
const std::vector<Verb>& VerbDictionary::verbs() const { return impl_->verbs; }
const std::vector<VerbPattern>& VerbDictionary::patterns() const { return impl_->patterns; }
const std::vector<Synset>& VerbDictionary::synsets() const { return impl_->synsets; }
const std::vector<Transformation>& VerbDictionary::transformations() const {
  return impl_->transformations;
}
const std::vector<WordId>& VerbDictionary::alternatives(uint32_t index) const {
  return impl_->alternatives.at(index);
}

std::optional<uint32_t> VerbDictionary::FindSynset(std::string_view name) const {
  if (!name.empty() && name[0] == '&') name.remove_prefix(1);
  std::string up = UpperCase(name);
  while (!up.empty() && up.back() == '_') up.pop_back();
  auto it = impl_->synset_by_name.find(up);
  if (it == impl_->synset_by_name.end()) return std::nullopt;
  return it->second;
}

std::string_view VerbDictionary::Word(WordId id) const { return impl_->lexicon.Word(id); }
size_t VerbDictionary::words() const { return impl_->lexicon.size(); }

std::vector<WordId> VerbDictionary::Encode(std::span<const std::string_view> words) const {
  return impl_->lexicon.Encode(words);
}
std::vector<WordId> VerbDictionary::Encode(const Sentence& s, TokenField field) const {
  return impl_->lexicon.Encode(s, field);
}

const Verb* VerbDictionary::FindVerb(std::string_view form) const {
  std::string scratch;
  WordId id = impl_->lexicon.Find(form, &scratch);
  if (id == kUnknownWord || id >= impl_->forms_by_head.size()) return nullptr;
  const auto& refs = impl_->forms_by_head[id];
  // Prefer a one-word verb (refs are sorted longest first).
  for (auto it = refs.rbegin(); it != refs.rend(); ++it)
    if (it->before + it->after == 0) return &impl_->verbs[it->verb];
  return refs.empty() ? nullptr : &impl_->verbs[refs.front().verb];
}

std::optional<VerbMatch> VerbDictionary::MatchVerbAt(std::span<const WordId> ids, size_t head) const {
  if (head >= ids.size()) return std::nullopt;
  WordId id = ids[head];
  if (id >= impl_->forms_by_head.size()) return std::nullopt;
  for (const FormRef& r : impl_->forms_by_head[id]) {
    if (head < r.before || head + r.after >= ids.size()) continue;
    size_t b = head - r.before;
    bool ok = true;
    for (size_t k = 0; k < static_cast<size_t>(r.before + r.after + 1u); ++k) {
      if (ids[b + k] != impl_->form_words[r.words + k]) {
        ok = false;
        break;
      }
    }
    if (ok) return VerbMatch{r.verb, static_cast<uint32_t>(b), static_cast<uint32_t>(head + r.after + 1)};
  }
  return std::nullopt;
}

std::optional<uint32_t> VerbDictionary::MatchSynsetAt(uint32_t synset, std::span<const WordId> ids,
                                                      size_t start) const {
  if (synset >= impl_->synsets.size()) return std::nullopt;
  auto m = impl_->synset_trie.LongestAfter(impl_->synset_base + synset, ids, start);
  if (!m) return std::nullopt;
  return m->end;
}

bool VerbDictionary::ElementMatchesWord(const PatternElement& e, WordId id) const {
  switch (e.kind) {
    case PatternElementKind::kWord: return id == e.index && id != kUnknownWord;
    case PatternElementKind::kAlternatives: {
      for (WordId a : impl_->alternatives.at(e.index))
        if (a == id) return true;
      return false;
    }
    case PatternElementKind::kSynset: {
      auto end = MatchSynsetAt(e.index, {&id, 1}, 0);
      return end && *end == 1;
    }
    default: return false;
  }
}

}  // namespace entente
