#include "output.h"

#include <cstdio>
#include <sys/stat.h>
#include <unistd.h>

namespace entente::cli {

Result<std::unique_ptr<Output>> Output::Open(const std::string& path) {
  std::unique_ptr<Output> o(new Output());
  if (path.empty() || path == "-") return o;
  // Devices, pipes and sockets (/dev/null, /dev/stdout, a FIFO) are written
  // in place: renaming a temporary file over them would replace them.
  o->path_ = path;
  struct stat st;
  if (stat(path.c_str(), &st) == 0 && !S_ISREG(st.st_mode)) {
    o->file_ = std::make_unique<std::ofstream>(path, std::ios::binary);
    if (!*o->file_) return Status::At(Code::kIoError, path, 0, "cannot open for writing");
    o->direct_ = true;
    return o;
  }
  o->tmp_ = path + ".tmp." + std::to_string(getpid());
  o->file_ = std::make_unique<std::ofstream>(o->tmp_, std::ios::binary | std::ios::trunc);
  if (!*o->file_) return Status::At(Code::kIoError, path, 0, "cannot open for writing");
  return o;
}

Output::~Output() {
  if (file_ && !committed_ && !direct_) {
    file_->close();
    std::remove(tmp_.c_str());
  }
}

Status Output::Commit() {
  if (!file_) {
    std::cout.flush();
    if (!std::cout) return Status(Code::kIoError, "cannot write to standard output");
    return Status::OK();
  }
  file_->flush();
  const bool good = static_cast<bool>(*file_);
  file_->close();
  if (!good) return Status::At(Code::kIoError, path_, 0, "write failed (disk full?)");
  if (direct_) {
    committed_ = true;
    return Status::OK();
  }
  if (std::rename(tmp_.c_str(), path_.c_str()) != 0)
    return Status::At(Code::kIoError, path_, 0, "cannot rename temporary file into place");
  committed_ = true;
  return Status::OK();
}

void AddInputOptions(CLI::App* sub, std::vector<std::string>* inputs, std::string* input_format) {
  sub->add_option("inputs", *inputs, "Input files or folders; '-' or none reads standard input");
  sub->add_option("--input-format", *input_format, "auto, text, jsonl, petrarch, tabari or conllu")
      ->capture_default_str();
}

void AddLimitOptions(CLI::App* sub, size_t* max_document_bytes, size_t* max_sentence_tokens) {
  sub->add_option("--max-document-bytes", *max_document_bytes,
                  "Largest record (JSONL line, XML <Sentence>, TABARI record, text file) read; larger ones are "
                  "skipped, reported and counted.  Units: 4096, 64K, 16M (K/M/G = 1024^n)")
      ->check(CLI::Validator(
          [](std::string& v) {
            const size_t at = v.find_first_not_of(" \t");
            return at != std::string::npos && v[at] == '-' ? std::string("must not be negative") : std::string();
          },
          "", "not negative"))
      ->transform(CLI::AsSizeValue(false))
      ->capture_default_str();
  sub->add_option("--max-sentence-tokens", *max_sentence_tokens,
                  "A longer sentence is cut into pieces of this many words (counted in the summary); 0 = no limit")
      ->check(CLI::Validator(
          [](std::string& v) {
            return !v.empty() && v.find_first_not_of("0123456789") == std::string::npos
                       ? std::string()
                       : std::string("must be a whole number >= 0, got '" + v + "'");
          },
          "N>=0", "whole number"))
      ->capture_default_str();
}

Result<std::unique_ptr<DocumentReader>> OpenInputs(const char* verb, const std::vector<std::string>& inputs,
                                                   const std::string& input_format, bool quiet,
                                                   size_t max_document_bytes) {
  auto format = ParseInputFormat(input_format);
  if (!format.ok()) return format.status();
  if (max_document_bytes == 0) return Status(Code::kInvalidArgument, "--max-document-bytes must be > 0");
  ReadOptions ro;
  ro.format = *format;
  ro.max_document_bytes = max_document_bytes;
  const std::string prefix = std::string("entente ") + verb + ": ";
  ro.on_error = [prefix, quiet](const Status& st) {
    if (!quiet) std::cerr << prefix << st.ToString() << "\n";
  };
  return DocumentReader::Open(inputs.empty() ? std::vector<std::string>{"-"} : inputs, ro);
}

}  // namespace entente::cli
