// Text hygiene for every reader: UTF-8 validation, control and space
// clean-up, line-end normalisation and NFC (see entente/reader.h).
#include <cstdlib>
#include <cstring>

#include <utf8proc.h>

#include "entente/reader.h"

namespace entente {
namespace {

// True for bytes that may pass the ASCII fast path unchanged.
inline bool PlainAscii(unsigned char c) { return (c >= 0x20 && c < 0x7F) || c == '\n' || c == '\t'; }

// Code points below U+0300 never change under NFC, nor do General
// Punctuation, super/subscripts and currency symbols (U+2010..U+20CF): no
// canonical decomposition, no combining class.  Anything else is handed to
// utf8proc.
inline bool NfcStableFast(uint32_t cp) { return cp < 0x300 || (cp >= 0x2010 && cp <= 0x20CF); }

// A code point that NFC leaves alone whatever surrounds it: a starter
// (combining class 0) that composes with nothing before it, and that NFC
// does not replace (a canonical decomposition is fine only when it recomposes
// to the code point itself: not a singleton, not excluded from composition,
// not starting with a non-starter).  Hangul jamo compose algorithmically.
bool NfcStable(uint32_t cp) {
  if (NfcStableFast(cp)) return true;
  if (cp >= 0x1100 && cp <= 0x11FF) return false;
  const auto c = static_cast<utf8proc_int32_t>(cp);
  const utf8proc_property_t* p = utf8proc_get_property(c);
  if (p->combining_class != 0) return false;
  if (p->comb_index != UINT16_MAX && p->comb_index >= 0x8000) return false;  // may compose with what precedes
  if (p->decomp_seqindex != UINT16_MAX && p->decomp_type == 0) {  // canonical decomposition
    if (p->comp_exclusion) return false;
    utf8proc_int32_t buf[8];
    int last_class = 0;
    utf8proc_ssize_t n = utf8proc_decompose_char(c, buf, 8, UTF8PROC_DECOMPOSE, &last_class);
    if (n < 2 || n > 8) return false;  // singleton (or unexpected)
    if (utf8proc_get_property(buf[0])->combining_class != 0) return false;
    // Recomposes to itself?
    utf8proc_uint8_t* out = nullptr;
    utf8proc_uint8_t in[4];
    utf8proc_ssize_t len = utf8proc_encode_char(c, in);
    utf8proc_ssize_t m = utf8proc_map(in, len, &out, static_cast<utf8proc_option_t>(UTF8PROC_STABLE | UTF8PROC_COMPOSE));
    bool same = m == len && std::memcmp(out, in, static_cast<size_t>(len)) == 0;
    std::free(out);
    return same;
  }
  return true;
}

// NfcStable() with a per-thread cache for the Basic Multilingual Plane.
inline bool NfcStableCached(uint32_t cp) {
  if (NfcStableFast(cp)) return true;
  if (cp > 0xFFFF) return NfcStable(cp);
  thread_local uint8_t cache[0x10000];  // 0 unknown, 1 stable, 2 not
  uint8_t& v = cache[cp];
  if (v == 0) v = NfcStable(cp) ? 1 : 2;
  return v == 1;
}

inline void AppendUtf8(uint32_t cp, std::string* out) {
  if (cp < 0x80) {
    out->push_back(static_cast<char>(cp));
  } else if (cp < 0x800) {
    out->push_back(static_cast<char>(0xC0 | (cp >> 6)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else if (cp < 0x10000) {
    out->push_back(static_cast<char>(0xE0 | (cp >> 12)));
    out->push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else {
    out->push_back(static_cast<char>(0xF0 | (cp >> 18)));
    out->push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  }
}

// Decodes one UTF-8 sequence at s[i]; returns its length, 0 if invalid
// (overlong forms, surrogates and values above U+10FFFF are invalid).
inline size_t Decode(const unsigned char* s, size_t n, size_t i, uint32_t* cp) {
  unsigned char c = s[i];
  if (c < 0x80) {
    *cp = c;
    return 1;
  }
  auto cont = [&](size_t k) { return i + k < n && (s[i + k] & 0xC0) == 0x80; };
  if (c >= 0xC2 && c <= 0xDF) {
    if (!cont(1)) return 0;
    *cp = ((c & 0x1Fu) << 6) | (s[i + 1] & 0x3Fu);
    return 2;
  }
  if (c >= 0xE0 && c <= 0xEF) {
    if (!cont(1) || !cont(2)) return 0;
    uint32_t v = ((c & 0x0Fu) << 12) | ((s[i + 1] & 0x3Fu) << 6) | (s[i + 2] & 0x3Fu);
    if (v < 0x800 || (v >= 0xD800 && v <= 0xDFFF)) return 0;
    *cp = v;
    return 3;
  }
  if (c >= 0xF0 && c <= 0xF4) {
    if (!cont(1) || !cont(2) || !cont(3)) return 0;
    uint32_t v = ((c & 0x07u) << 18) | ((s[i + 1] & 0x3Fu) << 12) | ((s[i + 2] & 0x3Fu) << 6) |
                 (s[i + 3] & 0x3Fu);
    if (v < 0x10000 || v > 0x10FFFF) return 0;
    *cp = v;
    return 4;
  }
  return 0;
}

inline bool IsUnicodeSpace(uint32_t cp) {
  return cp == 0xA0 || cp == 0x1680 || (cp >= 0x2000 && cp <= 0x200A) || cp == 0x202F ||
         cp == 0x205F || cp == 0x3000;
}

}  // namespace

Status NormalizeText(std::string_view in, std::string* out, size_t* bad_offset) {
  const auto* s = reinterpret_cast<const unsigned char*>(in.data());
  const size_t n = in.size();
  size_t i = 0;
  while (i < n && PlainAscii(s[i])) ++i;
  if (i == n) {  // the common case: nothing to do
    out->append(in);
    return Status::OK();
  }
  const size_t base = out->size();
  out->reserve(base + n);
  out->append(in.data(), i);
  bool needs_nfc = false;
  while (i < n) {
    unsigned char c = s[i];
    if (PlainAscii(c)) {
      size_t j = i + 1;
      while (j < n && PlainAscii(s[j])) ++j;
      out->append(in.data() + i, j - i);
      i = j;
      continue;
    }
    if (c == '\r') {
      out->push_back('\n');
      i += (i + 1 < n && s[i + 1] == '\n') ? 2 : 1;
      continue;
    }
    if (c < 0x80) {  // other C0 controls and DEL
      ++i;
      continue;
    }
    uint32_t cp = 0;
    size_t len = Decode(s, n, i, &cp);
    if (len == 0) {
      if (bad_offset) *bad_offset = i;
      return Status(Code::kEncodingError, "invalid UTF-8 byte 0x" +
                                              std::string(1, "0123456789ABCDEF"[c >> 4]) +
                                              std::string(1, "0123456789ABCDEF"[c & 15]));
    }
    i += len;
    if (cp <= 0x9F || cp == 0xFEFF || cp == 0x200B) continue;  // C1 controls, BOM, ZWSP
    if (IsUnicodeSpace(cp)) {
      out->push_back(' ');
    } else if (cp == 0x2028 || cp == 0x2029) {
      out->push_back('\n');
    } else {
      if (!needs_nfc && !NfcStableCached(cp)) needs_nfc = true;
      out->append(in.data() + i - len, len);
    }
  }
  if (needs_nfc) {
    utf8proc_uint8_t* dst = nullptr;
    utf8proc_ssize_t m = utf8proc_map(reinterpret_cast<const utf8proc_uint8_t*>(out->data() + base),
                                      static_cast<utf8proc_ssize_t>(out->size() - base), &dst,
                                      static_cast<utf8proc_option_t>(UTF8PROC_STABLE | UTF8PROC_COMPOSE));
    if (m >= 0) {
      out->resize(base);
      out->append(reinterpret_cast<const char*>(dst), static_cast<size_t>(m));
    }
    std::free(dst);
    if (m < 0) return Status(Code::kEncodingError, utf8proc_errmsg(m));
  }
  return Status::OK();
}

}  // namespace entente
