// Golden test: reads test/data/ingest/inputs (every format, good and bad
// files) and compares a plain-text dump of the documents and errors with
// test/data/ingest/expected.txt.  Set ENTENTE_UPDATE_GOLDEN=1 to rewrite it.
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include <gtest/gtest.h>

#include "entente/reader.h"

namespace entente {
namespace {

namespace fs = std::filesystem;

std::string Escape(std::string_view s) {
  std::string out;
  for (char c : s) {
    if (c == '\n') {
      out += "\\n";
    } else if (c == '\t') {
      out += "\\t";
    } else {
      out.push_back(c);
    }
  }
  return out;
}

std::string Relative(std::string s, const std::string& root) {
  for (size_t p; (p = s.find(root)) != std::string::npos;) s.replace(p, root.size(), "<inputs>");
  return s;
}

TEST(Golden, IngestInputs) {
  const fs::path dir = fs::path(ENTENTE_SOURCE_DIR) / "test/data/ingest";
  const std::string root = (dir / "inputs").string();
  std::ostringstream dump;
  ReadOptions o;
  o.on_error = [&](const Status& s) { dump << "!! " << Relative(s.ToString(), root) << "\n"; };
  auto r = DocumentReader::Open({root}, o);
  ASSERT_TRUE(r.ok());
  Document d;
  while ((*r)->Next(&d)) {
    dump << "== " << d.id << "  (" << Relative(d.origin, root) << ":" << d.line << ")\n";
    dump << "date: " << d.date << "\nsource: " << d.source << "\nurl: " << d.url << "\ntitle: " << d.title << "\n";
    dump << "text: " << Escape(d.text) << "\n";
    if (!d.parse.empty()) dump << "parse (" << d.parse_format << "): " << Escape(d.parse) << "\n";
    for (const auto& [k, v] : d.meta) dump << "meta: " << k << " = " << v << "\n";
    for (const Annotation& a : d.annotations) {
      dump << "annotation: " << a.name;
      for (const auto& [k, v] : a.attributes) dump << " " << k << "=" << v;
      dump << "\n";
    }
    for (const Sentence& s : d.sentences) {
      dump << "sentence " << s.id << " [" << s.begin << "," << s.end << ") " << s.tokens.size() << " tokens\n";
    }
  }
  const ReadStats& st = (*r)->stats();
  dump << "stats: files " << st.files << " documents " << st.documents << " skipped " << st.skipped << " warnings "
       << st.warnings << " bytes " << st.bytes_read << " of " << (*r)->total_bytes() << "\n";

  const fs::path golden = dir / "expected.txt";
  if (std::getenv("ENTENTE_UPDATE_GOLDEN") != nullptr) {
    std::ofstream(golden, std::ios::binary) << dump.str();
    GTEST_SKIP() << "rewrote " << golden;
  }
  std::ifstream in(golden, std::ios::binary);
  ASSERT_TRUE(in.is_open()) << golden << " missing; run with ENTENTE_UPDATE_GOLDEN=1";
  std::stringstream want;
  want << in.rdbuf();
  EXPECT_EQ(dump.str(), want.str());
}

}  // namespace
}  // namespace entente
