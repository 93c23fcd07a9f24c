// DocumentReader: walks the inputs, checks each file's first bytes and hands
// it to the record source of its format.
#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <system_error>

#include <fmt/format.h>

#include "entente/reader.h"
#include "ingest/sources.h"

namespace entente {

namespace fs = std::filesystem;
using ingest::Context;
using ingest::InputBuffer;
using ingest::Source;

std::string_view InputFormatName(InputFormat f) {
  switch (f) {
    case InputFormat::kAuto: return "auto";
    case InputFormat::kText: return "text";
    case InputFormat::kJsonl: return "jsonl";
    case InputFormat::kPetrarchXml: return "xml";
    case InputFormat::kTabari: return "tabari";
    case InputFormat::kConllu: return "conllu";
  }
  return "auto";
}

Result<InputFormat> ParseInputFormat(std::string_view name) {
  struct Entry {
    std::string_view name;
    InputFormat f;
  };
  static const Entry kNames[] = {{"auto", InputFormat::kAuto},        {"text", InputFormat::kText},
                                 {"txt", InputFormat::kText},         {"jsonl", InputFormat::kJsonl},
                                 {"json", InputFormat::kJsonl},       {"ndjson", InputFormat::kJsonl},
                                 {"xml", InputFormat::kPetrarchXml},  {"petrarch", InputFormat::kPetrarchXml},
                                 {"tabari", InputFormat::kTabari},    {"conllu", InputFormat::kConllu},
                                 {"conll", InputFormat::kConllu}};
  for (const Entry& e : kNames)
    if (e.name == name) return e.f;
  return Status(Code::kInvalidArgument,
                fmt::format("unknown input format '{}' (auto, text, jsonl, xml, tabari, conllu)", name));
}

namespace {

struct Input {
  std::string path;          // "-" for stdin
  std::istream* stream = nullptr;  // set for FromStream
  Status error;              // reported when reached
};

// Format implied by a file name's extension; kAuto when it says nothing.
InputFormat FormatOfName(std::string_view name) {
  size_t dot = name.rfind('.');
  size_t slash = name.rfind('/');
  if (dot == std::string_view::npos || (slash != std::string_view::npos && dot < slash)) return InputFormat::kAuto;
  std::string ext(name.substr(dot + 1));
  for (char& c : ext) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (ext == "txt") return InputFormat::kText;
  if (ext == "jsonl" || ext == "ndjson" || ext == "json") return InputFormat::kJsonl;
  if (ext == "xml") return InputFormat::kPetrarchXml;
  if (ext == "conllu" || ext == "conll") return InputFormat::kConllu;
  return InputFormat::kAuto;
}

std::string StemOf(std::string_view path) {
  if (path == "-") return "stdin";
  size_t slash = path.rfind('/');
  std::string_view base = slash == std::string_view::npos ? path : path.substr(slash + 1);
  size_t dot = base.rfind('.');
  if (dot != std::string_view::npos && dot > 0) base = base.substr(0, dot);
  return std::string(base);
}

// Appends the regular files under `dir`, sorted by name, to *out.
void Walk(const fs::path& dir, bool recursive, int depth, std::vector<Input>* out, uint64_t* total) {
  std::error_code ec;
  std::vector<fs::directory_entry> entries;
  for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) entries.push_back(*it);
  if (ec) {
    out->push_back(Input{dir.string(), nullptr,
                         Status::At(Code::kIoError, dir.string(), 0, "cannot list folder: " + ec.message())});
    return;
  }
  std::sort(entries.begin(), entries.end(),
            [](const auto& a, const auto& b) { return a.path().filename().string() < b.path().filename().string(); });
  for (const auto& e : entries) {
    std::string name = e.path().filename().string();
    if (name.empty() || name[0] == '.') continue;
    std::error_code ec2;
    if (e.is_directory(ec2)) {
      if (!recursive) continue;
      if (depth >= 64) {
        out->push_back(Input{e.path().string(), nullptr,
                             Status::At(Code::kLimitExceeded, e.path().string(), 0,
                                        "folders nested more than 64 deep (a link loop?); skipped")});
        continue;
      }
      Walk(e.path(), recursive, depth + 1, out, total);
    } else if (e.is_regular_file(ec2)) {
      *total += e.file_size(ec2);
      out->push_back(Input{e.path().string(), nullptr, Status()});
    }
  }
}

}  // namespace

struct DocumentReader::Impl {
  ReadOptions opts;
  ReadStats stats;
  uint64_t total = 0;
  std::vector<Input> inputs;
  size_t next = 0;

  std::ifstream file;
  std::unique_ptr<InputBuffer> buf;
  Context ctx;
  std::unique_ptr<Source> src;

  // Opens the next input that holds something readable; false at the end.
  bool OpenNext() {
    while (next < inputs.size()) {
      const Input& in = inputs[next++];
      src.reset();
      buf.reset();
      if (file.is_open()) file.close();
      file.clear();
      ctx.origin = in.path;
      ctx.stem = StemOf(in.path);
      if (!in.error.ok()) {
        ++stats.skipped;
        if (opts.on_error) opts.on_error(in.error);
        continue;
      }
      std::istream* stream = in.stream;
      if (stream == nullptr && in.path == "-") stream = &std::cin;
      if (stream == nullptr) {
        file.open(in.path, std::ios::binary);
        if (!file.is_open()) {
          std::error_code ec;
          bool exists = fs::exists(in.path, ec);
          ctx.Skip(exists ? Code::kIoError : Code::kNotFound, 0,
                   exists ? "cannot open file; skipped" : "no such file or folder; skipped");
          continue;
        }
        stream = &file;
      }
      ++stats.files;
      buf = std::make_unique<InputBuffer>(stream, &stats.bytes_read);
      std::string_view head = buf->Peek(8192);
      if (head.empty()) {
        ctx.Skip(Code::kEmpty, 0, "empty file; skipped");
        continue;
      }
      if (head.starts_with("\xEF\xBB\xBF")) {
        buf->Skip(3);
        head = buf->Peek(8192);
      } else if (head.starts_with("\xFF\xFE") || head.starts_with("\xFE\xFF") ||
                 head.starts_with(std::string_view("\x00\x00\xFE\xFF", 4))) {
        ctx.Skip(Code::kEncodingError, 1, "UTF-16/UTF-32 text is not supported (convert to UTF-8); file skipped");
        continue;
      }
      // Binary: NUL bytes (at least 4 and over 1% of the sample) or over 10%
      // of C0 control bytes that text never holds.
      size_t nul = 0, ctrl = 0;
      for (char ch : head) {
        auto u = static_cast<unsigned char>(ch);
        nul += u == 0;
        ctrl += u < 0x20 && u != '\t' && u != '\n' && u != '\r' && u != '\f' && u != '\v' && u != 0x1B;
      }
      if ((nul >= 4 && nul * 100 > head.size()) || (head.size() >= 32 && ctrl * 10 > head.size())) {
        ctx.Skip(Code::kEncodingError, 1,
                 fmt::format("binary file ({} NUL bytes in the first {} bytes); skipped", nul, head.size()));
        continue;
      }
      bool blank = std::all_of(head.begin(), head.end(),
                               [](char c) { return c == ' ' || c == '\n' || c == '\r' || c == '\t'; });
      if (blank && head.size() < 8192) {
        ctx.Skip(Code::kEmpty, 0, "file holds only white space; skipped");
        continue;
      }
      InputFormat f = opts.format;
      if (f == InputFormat::kAuto && in.path != "-") f = FormatOfName(in.path);
      if (f == InputFormat::kAuto) f = ingest::SniffFormat(head);
      switch (f) {
        case InputFormat::kJsonl: src = ingest::NewJsonlSource(&ctx, buf.get()); break;
        case InputFormat::kPetrarchXml: src = ingest::NewXmlSource(&ctx, buf.get()); break;
        case InputFormat::kTabari: src = ingest::NewTabariSource(&ctx, buf.get()); break;
        case InputFormat::kConllu: src = ingest::NewConlluSource(&ctx, buf.get()); break;
        default: src = ingest::NewTextSource(&ctx, buf.get()); break;
      }
      return true;
    }
    src.reset();
    buf.reset();
    return false;
  }

  void CloseCurrent() {
    if (buf && buf->bad()) ctx.Skip(Code::kIoError, 0, "read error; rest of the file skipped");
    src.reset();
  }
};

DocumentReader::DocumentReader(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
DocumentReader::~DocumentReader() = default;

static Status CheckOptions(const ReadOptions& o) {
  if (o.max_document_bytes == 0) return Status(Code::kInvalidArgument, "max_document_bytes must be > 0");
  if (o.text_field.empty()) return Status(Code::kInvalidArgument, "text_field must not be empty");
  return Status::OK();
}

Result<std::unique_ptr<DocumentReader>> DocumentReader::Open(std::vector<std::string> paths, ReadOptions options) {
  if (paths.empty()) return Status(Code::kInvalidArgument, "no input paths given");
  ENTENTE_RETURN_IF_ERROR(CheckOptions(options));
  auto impl = std::make_unique<Impl>();
  impl->opts = std::move(options);
  impl->ctx.opts = &impl->opts;
  impl->ctx.stats = &impl->stats;
  for (std::string& p : paths) {
    if (p == "-") {
      impl->inputs.push_back(Input{p, nullptr, Status()});
      continue;
    }
    std::error_code ec;
    fs::file_status st = fs::status(p, ec);
    if (ec || !fs::exists(st)) {
      impl->inputs.push_back(Input{p, nullptr, Status::At(Code::kNotFound, p, 0, "no such file or folder; skipped")});
    } else if (fs::is_directory(st)) {
      Walk(p, impl->opts.recursive, 0, &impl->inputs, &impl->total);
    } else {
      uint64_t size = fs::is_regular_file(st) ? fs::file_size(p, ec) : 0;
      if (!ec) impl->total += size;
      impl->inputs.push_back(Input{p, nullptr, Status()});
    }
  }
  return std::unique_ptr<DocumentReader>(new DocumentReader(std::move(impl)));
}

Result<std::unique_ptr<DocumentReader>> DocumentReader::FromStream(std::istream* in, std::string name,
                                                                   ReadOptions options) {
  if (in == nullptr) return Status(Code::kInvalidArgument, "null stream");
  ENTENTE_RETURN_IF_ERROR(CheckOptions(options));
  auto impl = std::make_unique<Impl>();
  impl->opts = std::move(options);
  impl->ctx.opts = &impl->opts;
  impl->ctx.stats = &impl->stats;
  impl->inputs.push_back(Input{std::move(name), in, Status()});
  return std::unique_ptr<DocumentReader>(new DocumentReader(std::move(impl)));
}

bool DocumentReader::Next(Document* doc) {
  Impl& m = *impl_;
  for (;;) {
    if (m.src && m.src->Next(doc)) {
      ++m.stats.documents;
      return true;
    }
    if (m.src) m.CloseCurrent();
    if (!m.OpenNext()) return false;
  }
}

const ReadStats& DocumentReader::stats() const { return impl_->stats; }
uint64_t DocumentReader::total_bytes() const { return impl_->total; }

}  // namespace entente
