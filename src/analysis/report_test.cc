#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "entente/report.h"

namespace entente {
namespace {

size_t Count(const std::string& h, const std::string& what) {
  size_t n = 0;
  for (size_t p = h.find(what); p != std::string::npos; p = h.find(what, p + 1)) ++n;
  return n;
}

Event Ev(const std::string& date, const std::string& a, const std::string& b, int quad, int doc) {
  Event e;
  e.doc_id = std::to_string(doc);
  e.doc_id.insert(0, 1, 'd');
  e.date = date;
  e.source_actor = a;
  e.target_actor = b;
  e.quad_class = quad;
  e.goldstein = quad <= 2 ? 4 : -6;
  return e;
}

TEST(HtmlReport, SelfContainedWithSvgs) {
  std::vector<Event> ev;
  int doc = 0;
  for (int y = 2015; y <= 2017; ++y) {
    std::string d = std::to_string(y) + "-03-03";
    for (int i = 0; i < 4; ++i) {
      ev.push_back(Ev(d, "CHN", "PRK", i < y - 2014 ? 1 : 4, doc++));
      ev.push_back(Ev(d, "USA", "KOR", 1, doc++));
      ev.push_back(Ev(d, "USA", "PRK", 4, doc++));
      ev.push_back(Ev(d, "IGOWSTNAT", "RUS", 4, doc++));
      ev.push_back(Ev(d, "RUS", "CHN", 1, doc++));
    }
  }
  auto s = BuildSignedNetworks(ev);
  ASSERT_TRUE(s.ok());
  auto b = BlocsOverTime(*s);
  ASSERT_TRUE(b.ok());
  auto t = Trend(ev, "CHN", "PRK");
  ASSERT_TRUE(t.ok());
  ReportInput in;
  in.title = "Test <report> & co";
  in.actors = DefaultReportActors();
  in.series = &*s;
  in.blocs = &*b;
  in.trends.push_back(*t);
  std::string h = HtmlReport(in);
  // One trend plot, one F plot, one network per window.
  EXPECT_EQ(Count(h, "<svg "), 1u + 1u + 3u);
  EXPECT_EQ(Count(h, "</svg>"), 5u);
  EXPECT_EQ(Count(h, "class=\"network\""), 3u);
  EXPECT_NE(h.find("stroke-dasharray=\"6 4\""), std::string::npos);  // a - edge
  EXPECT_NE(h.find(">NATO</text>"), std::string::npos);
  EXPECT_NE(h.find(">PRK</text>"), std::string::npos);
  EXPECT_NE(h.find("Test &lt;report&gt; &amp; co"), std::string::npos);
  EXPECT_NE(h.find(t->verdict_text.substr(0, 20)), std::string::npos);
  EXPECT_NE(h.find("mixed_rule"), std::string::npos);
  // Nothing external: no URL, script, import, font or image reference.
  for (const char* bad : {"http:", "https:", "//", "<script", "@import", "url(", "src=", "href=",
                          "@font-face", "<link", "<img"})
    EXPECT_EQ(h.find(bad), std::string::npos) << bad;
}

TEST(HtmlReport, EmptyInputStillValid) {
  ReportInput in;
  std::string h = HtmlReport(in);
  EXPECT_EQ(h.rfind("<!DOCTYPE html>", 0), 0u);
  EXPECT_NE(h.find("</html>"), std::string::npos);
  EXPECT_FALSE(WriteHtmlReport("/nonexistent-dir/x.html", in).ok());
}

}  // namespace
}  // namespace entente
