// Table-driven tests of the rule-based tokenizer and sentence splitter.
#include "entente/tokenizer.h"

#include <gtest/gtest.h>

#include <string>
#include <thread>
#include <vector>

namespace entente {
namespace {

// Renders a segmentation: words separated by " ", the words of one multiword
// token joined by "~", sentences separated by " || ".
std::string Render(const std::vector<Sentence>& sents) {
  std::string out;
  for (const Sentence& s : sents) {
    if (!out.empty()) out += " || ";
    size_t m = 0;
    for (size_t i = 0; i < s.tokens.size(); ++i) {
      const int id = static_cast<int>(i) + 1;
      while (m < s.multiword.size() && s.multiword[m].last < id) ++m;
      const bool inside = m < s.multiword.size() && s.multiword[m].first < id && id <= s.multiword[m].last;
      if (i > 0) out += inside ? "~" : " ";
      out += s.tokens[i].form;
    }
  }
  return out;
}

std::string Seg(const std::string& text, TokenizerOptions opts = {}) {
  Tokenizer tok(opts);
  std::vector<Sentence> out;
  tok.Segment(text, &out);
  return Render(out);
}

struct Case {
  const char* name;
  const char* text;
  const char* expected;
};

class TokenizerTable : public ::testing::TestWithParam<Case> {};

TEST_P(TokenizerTable, Segments) {
  const Case& c = GetParam();
  EXPECT_EQ(Seg(c.text), c.expected) << c.name << ": " << c.text;
}

const Case kCases[] = {
    // Abbreviations and initials.
    {"titles", "Gen. Smith met Sen. Jones and Mr. Lee on Jan. 5 in the U.S. Capitol.",
     "Gen. Smith met Sen. Jones and Mr. Lee on Jan. 5 in the U.S. Capitol ."},
    {"us_at_end", "He lives in the U.S. The weather is fine.",
     "He lives in the U.S . || The weather is fine ."},
    {"us_end_of_text", "They are taking delivery in the U.S.", "They are taking delivery in the U.S ."},
    {"inc_inside", "Mr. Smith works for Acme Inc. in Boston.", "Mr. Smith works for Acme Inc. in Boston ."},
    {"inc_at_end", "She works at Acme Inc. The company is small.",
     "She works at Acme Inc . || The company is small ."},
    {"initial", "Bush nominated Jennifer M. Anderson for the post.",
     "Bush nominated Jennifer M. Anderson for the post ."},
    {"etc_at_end", "Apples, pears, etc. The end.", "Apples , pears , etc . || The end ."},
    {"number_abbrev", "He is No. 1 in the world.", "He is No. 1 in the world ."},
    {"no_answer", "No. I did not.", "No . || I did not ."},
    {"pm", "The meeting starts at 9 a.m. and ends at 5 p.m.",
     "The meeting starts at 9 a.m. and ends at 5 p.m ."},
    {"state", "The church in Ponchatoula, La., burned.", "The church in Ponchatoula , La. , burned ."},
    {"abbrev_possessive", "Acme Corp.'s shares fell.", "Acme Corp.~'s shares fell ."},
    {"am_weekday", "Biden met Lavrov at 10 a.m. Tuesday. It ended at 5 p.m. Officials left.",
     "Biden met Lavrov at 10 a.m. Tuesday . || It ended at 5 p.m . || Officials left ."},
    {"said_no_newline", "The E.U. said no.\nWASHINGTON - Biden spoke.",
     "The E.U. said no . || WASHINGTON - Biden spoke ."},
    {"st_louis", "The U.N. Security Council met in St. Louis on Friday.",
     "The U.N. Security Council met in St. Louis on Friday ."},
    {"sentence_after_number", "It grew in 2003. Then it fell.", "It grew in 2003 . || Then it fell ."},
    // Numbers, money, percentages.
    {"numbers", "It costs $8.95, up 10% from 1,000 units or 3.5 times.",
     "It costs $ 8.95 , up 10 % from 1,000 units or 3.5 times ."},
    {"euro_negative", "Profit was €3.2 billion, a -5 change.", "Profit was € 3.2 billion , a - 5 change ."},
    {"units", "It weighs 5kg and costs 65k at 4:30pm on the 2nd in the 1990s.",
     "It weighs 5 kg and costs 65 k at 4:30 pm on the 2nd in the 1990s ."},
    {"dates_fractions", "On 9/11 and 3/8/00 half was 1/2 and 20/20 vision.",
     "On 9/11 and 3/8/00 half was 1 / 2 and 20 / 20 vision ."},
    {"phone", "Call 713-853-3989 or 646-8420 or +44 20 7484.",
     "Call 713-853-3989 or 646-8420 or +44 20 7484 ."},
    {"hash_number", "He is Al Qaeda's #3 man.", "He is Al Qaeda~'s # 3 man ."},
    // Quotes.
    {"curly_quotes", "He said \xE2\x80\x9CIt is over.\xE2\x80\x9D Then he left.",
     "He said \xE2\x80\x9C It is over . \xE2\x80\x9D || Then he left ."},
    {"straight_quotes", "He said \"It is over.\" Then he left.",
     "He said \" It is over . \" || Then he left ."},
    {"quote_then_lower", "\"Why?\" she asked.", "\" Why ? \" she asked ."},
    {"single_quotes", "They call it 'degenerate' art.", "They call it ' degenerate ' art ."},
    {"curly_single", "the \xE2\x80\x98red line\xE2\x80\x99 was crossed",
     "the \xE2\x80\x98 red line \xE2\x80\x99 was crossed"},
    {"double_single_quotes", "''We have three,'' he said.", "'' We have three , '' he said ."},
    // Dashes and hyphens (EWT splits hyphenated words).
    {"em_dash", "The alliance \xE2\x80\x94 or what remains \xE2\x80\x94 is weak. Prices fell \xE2\x80\x93 again.",
     "The alliance \xE2\x80\x94 or what remains \xE2\x80\x94 is weak . || Prices fell \xE2\x80\x93 again ."},
    {"spaced_hyphen", "He left - quietly - yesterday.", "He left - quietly - yesterday ."},
    {"double_hyphen", "WASHINGTON (CNN) -- Texas Gov. George W. Bush spoke.",
     "WASHINGTON ( CNN ) -- Texas Gov. George W. Bush spoke ."},
    {"glued_dash", "a deal\xE2\x80\x94not a treaty", "a deal \xE2\x80\x94 not a treaty"},
    {"hyphenated", "a wheel-chair for the U.S.-led alliance, a 15-year term",
     "a wheel - chair for the U.S. - led alliance , a 15 - year term"},
    {"hyphen_prefixes", "Send an e-mail to co-workers about non-human, self-made and anti-war pre-war art.",
     "Send an e-mail to co-workers about non-human , self - made and anti-war pre-war art ."},
    {"ranges", "It took 5-10 days or 3-4 weeks.", "It took 5 - 10 days or 3 - 4 weeks ."},
    // Datelines.
    {"dateline", "SEOUL, Jan. 30 (Reuters) - North Korea said it would respond. NATO declined to comment.",
     "SEOUL , Jan. 30 ( Reuters ) - North Korea said it would respond . || NATO declined to comment ."},
    {"dateline_em_dash", "BRUSSELS (AP) \xE2\x80\x94 NATO met on Monday.",
     "BRUSSELS ( AP ) \xE2\x80\x94 NATO met on Monday ."},
    // Clitics and multiword tokens.
    {"contractions", "I don't think they're ready, but we'll see what Today's paper says.",
     "I do~n't think they~'re ready , but we~'ll see what Today~'s paper says ."},
    {"more_contractions", "I'm sure I've seen he'd left; you can't and won't.",
     "I~'m sure I~'ve seen he~'d left ; you ca~n't and wo~n't ."},
    {"curly_apostrophe", "It\xE2\x80\x99s the bloc\xE2\x80\x99s focus; we can\xE2\x80\x99t stop.",
     "It~\xE2\x80\x99s the bloc~\xE2\x80\x99s focus ; we ca~n\xE2\x80\x99t stop ."},
    {"plural_possessive", "The parents' rights and the Tigers' coach.",
     "The parents~' rights and the Tigers~' coach ."},
    {"cannot_gonna", "I cannot say. We're gonna win.", "I can~not say . || We~'re gon~na win ."},
    {"informal", "I dont know, im tired.", "I do~nt know , i~m tired ."},
    {"names_with_apostrophe", "O'Brien met al-Qa'ida.", "O'Brien met al - Qa'ida ."},
    // URLs, e-mails, emoticons.
    {"url", "See https://example.com/a?b=1. Write to info@example.org today.",
     "See https://example.com/a?b=1 . || Write to info@example.org today ."},
    {"www", "Visit www.nato.int for more.", "Visit www.nato.int for more ."},
    {"emoticon", "Great news :) see you :-( bye", "Great news :) see you :-( bye"},
    // Ellipsis, parentheses, terminal runs.
    {"ellipsis", "Well... I don't know. Wait\xE2\x80\xA6 what?",
     "Well ... || I do~n't know . || Wait \xE2\x80\xA6 what ?"},
    {"parens", "The alliance (NATO) met. (It was cold.) Then they left.",
     "The alliance ( NATO ) met . || ( It was cold . ) || Then they left ."},
    {"plural_s_paren", "Add the file(s) now.", "Add the file ( s ) now ."},
    {"terminal_runs", "Really?! Yes!!! OK.", "Really ?! || Yes !!! || OK ."},
    {"spaced_bangs", "Take a look ! ! ! Please join.", "Take a look ! ! ! || Please join ."},
    {"list_marker", "1. The pricing is fixed.", "1 . The pricing is fixed ."},
    // Paragraphs and headlines.
    {"headline", "Is NATO Strengthening This Alliance\n\nNATO chief arrived.",
     "Is NATO Strengthening This Alliance || NATO chief arrived ."},
    {"headline_question", "Is NATO Strengthening This Dangerous Alliance?\n\nNATO chief arrived.",
     "Is NATO Strengthening This Dangerous Alliance ? || NATO chief arrived ."},
    {"paragraph_after_abbrev", "It was made in the U.S.\n\nThe end",
     "It was made in the U.S . || The end"},
    {"single_newline_joins", "The minister said\nthe talks failed.", "The minister said the talks failed ."},
    {"paragraph_with_colon", "He said:\n\nWe will win.", "He said : || We will win ."},
    {"empty", "", ""},
    {"only_space", " \n\t \n", ""},
    {"unicode_spaces", "NATO\xC2\xA0met\xE2\x80\x89today.", "NATO met today ."},
};

INSTANTIATE_TEST_SUITE_P(Cases, TokenizerTable, ::testing::ValuesIn(kCases),
                         [](const ::testing::TestParamInfo<Case>& info) { return std::string(info.param.name); });

TEST(Tokenizer, NewlineIsParagraphOption) {
  TokenizerOptions opts;
  opts.newline_is_paragraph = true;
  EXPECT_EQ(Seg("Headline here\nThe body text.", opts), "Headline here || The body text .");
  EXPECT_EQ(Seg("Headline here\nThe body text."), "Headline here The body text .");
}

TEST(Tokenizer, NoContractionSplitting) {
  TokenizerOptions opts;
  opts.split_contractions = false;
  EXPECT_EQ(Seg("I don't know Today's news.", opts), "I don't know Today's news .");
  opts.split_contractions = true;
  opts.split_informal_contractions = false;
  EXPECT_EQ(Seg("I dont know, but I cannot.", opts), "I dont know , but I can~not .");
}

TEST(Tokenizer, MaxSentenceTokensCutsAndCounts) {
  TokenizerOptions opts;
  opts.max_sentence_tokens = 4;
  Tokenizer tok(opts);
  std::vector<Sentence> out;
  const SegmentStats st = tok.Segment("one two three four five six seven eight nine", &out);
  ASSERT_EQ(out.size(), 3u);
  EXPECT_EQ(Render(out), "one two three four || five six seven eight || nine");
  EXPECT_EQ(st.cut_sentences, 2u);
  EXPECT_EQ(st.sentences, 3u);
  EXPECT_EQ(st.tokens, 9u);
}

TEST(Tokenizer, MaxSentenceTokensKeepsMultiwordTokensWhole) {
  TokenizerOptions opts;
  opts.max_sentence_tokens = 2;
  Tokenizer tok(opts);
  std::vector<Sentence> out;
  tok.Segment("a don't b", &out);
  for (const Sentence& s : out)
    for (const MultiwordToken& m : s.multiword) {
      EXPECT_GE(m.first, 1);
      EXPECT_LE(m.last, static_cast<int>(s.tokens.size()));
    }
  EXPECT_EQ(Render(out), "a do~n't || b");
}

TEST(Tokenizer, MultiwordTokenRecords) {
  Tokenizer tok;
  std::vector<Sentence> out;
  const std::string text = "We don't know Today's plan.";
  const SegmentStats st = tok.Segment(text, &out);
  ASSERT_EQ(out.size(), 1u);
  const Sentence& s = out[0];
  ASSERT_EQ(s.multiword.size(), 2u);
  EXPECT_EQ(s.multiword[0].first, 2);
  EXPECT_EQ(s.multiword[0].last, 3);
  EXPECT_EQ(s.multiword[0].form, "don't");
  EXPECT_EQ(s.multiword[0].misc, "");
  EXPECT_EQ(s.multiword[1].form, "Today's");
  EXPECT_EQ(s.multiword[1].first, 5);
  EXPECT_EQ(s.multiword[1].last, 6);
  EXPECT_EQ(st.words, 8u);   // We do n't know Today 's plan .
  EXPECT_EQ(st.tokens, 6u);  // We don't know Today's plan .
  // The multiword token before "," has no space after it.
  tok.Segment("I can't, really.", &out);
  ASSERT_EQ(out.size(), 1u);
  ASSERT_EQ(out[0].multiword.size(), 1u);
  EXPECT_EQ(out[0].multiword[0].misc, "SpaceAfter=No");
  EXPECT_TRUE(out[0].tokens[1].space_after);  // words inside keep true
  EXPECT_TRUE(out[0].tokens[2].space_after);
}

TEST(Tokenizer, SpaceAfter) {
  Tokenizer tok;
  std::vector<Sentence> out;
  tok.Segment("Hello, world (again). Bye.", &out);
  ASSERT_EQ(out.size(), 2u);
  const auto& t = out[0].tokens;
  ASSERT_EQ(t.size(), 7u);  // Hello , world ( again ) .
  EXPECT_FALSE(t[0].space_after);
  EXPECT_TRUE(t[1].space_after);
  EXPECT_TRUE(t[2].space_after);
  EXPECT_FALSE(t[3].space_after);
  EXPECT_FALSE(t[4].space_after);
  EXPECT_FALSE(t[5].space_after);
  EXPECT_TRUE(t[6].space_after);
}

TEST(Tokenizer, DocumentIdsAndOffsets) {
  Document doc;
  doc.id = "afp-17";
  doc.text = "NATO met. Russia objected.\n\nChina too.";
  doc.sentences.resize(5);  // replaced
  Tokenizer tok;
  const SegmentStats st = tok.Segment(&doc);
  ASSERT_EQ(doc.sentences.size(), 3u);
  EXPECT_EQ(st.sentences, 3u);
  EXPECT_EQ(doc.sentences[0].id, "afp-17-1");
  EXPECT_EQ(doc.sentences[2].id, "afp-17-3");
  EXPECT_EQ(doc.sentences[1].text, "Russia objected.");
  EXPECT_EQ(doc.sentences[1].begin, 10u);
  EXPECT_EQ(doc.sentences[1].end, 26u);
  EXPECT_EQ(doc.sentences[2].tokens[0].begin, 28u);
}

TEST(Tokenizer, SplitPeriodOffsets) {
  // "U.S." at the end of a sentence is U.S + "." with adjacent offsets.
  Tokenizer tok;
  std::vector<Sentence> out;
  const std::string text = "Made in the U.S. The end.";
  tok.Segment(text, &out);
  ASSERT_EQ(out.size(), 2u);
  const auto& t = out[0].tokens;
  ASSERT_EQ(t.size(), 5u);
  EXPECT_EQ(t[3].form, "U.S");
  EXPECT_EQ(t[4].form, ".");
  EXPECT_EQ(t[3].end, t[4].begin);
  EXPECT_FALSE(t[3].space_after);
  EXPECT_TRUE(t[4].space_after);
  EXPECT_EQ(out[0].text, "Made in the U.S.");
}

// Invariants over many inputs: forms are slices of the text, offsets are
// increasing and non-overlapping, sentences cover their tokens, multiword
// tokens cover their words, and no non-space byte is lost.
void CheckInvariants(const std::string& text) {
  Tokenizer tok;
  std::vector<Sentence> out;
  const SegmentStats st = tok.Segment(text, &out);
  size_t words = 0, tokens = 0;
  uint32_t prev_end = 0;
  std::string covered;
  for (const Sentence& s : out) {
    ASSERT_FALSE(s.tokens.empty());
    EXPECT_EQ(s.text, text.substr(s.begin, s.end - s.begin));
    EXPECT_EQ(s.begin, s.tokens.front().begin);
    EXPECT_EQ(s.end, s.tokens.back().end);
    for (const Token& t : s.tokens) {
      EXPECT_LT(t.begin, t.end);
      EXPECT_GE(t.begin, prev_end) << t.form;
      EXPECT_EQ(t.form, text.substr(t.begin, t.end - t.begin));
      prev_end = t.end;
      covered += t.form;
    }
    for (const MultiwordToken& m : s.multiword) {
      ASSERT_GE(m.first, 1);
      ASSERT_LT(m.first, m.last);
      ASSERT_LE(m.last, static_cast<int>(s.tokens.size()));
      const Token& a = s.tokens[m.first - 1];
      const Token& b = s.tokens[m.last - 1];
      EXPECT_EQ(m.form, text.substr(a.begin, b.end - a.begin));
      for (int k = m.first; k < m.last; ++k) EXPECT_EQ(s.tokens[k - 1].end, s.tokens[k].begin);
      tokens -= static_cast<size_t>(m.last - m.first);
    }
    words += s.tokens.size();
    tokens += s.tokens.size();
  }
  EXPECT_EQ(st.words, words);
  EXPECT_EQ(st.tokens, tokens);
  EXPECT_EQ(st.sentences, out.size());
  std::string nonspace;
  for (size_t i = 0; i < text.size(); ++i) {
    const unsigned char c = static_cast<unsigned char>(text[i]);
    if (c == ' ' || c == '\n' || c == '\t' || c == '\r') continue;
    if (c == 0xC2 && i + 1 < text.size() && static_cast<unsigned char>(text[i + 1]) == 0xA0) {
      ++i;
      continue;
    }
    if (c == 0xE2 && i + 2 < text.size() && static_cast<unsigned char>(text[i + 1]) == 0x80 &&
        static_cast<unsigned char>(text[i + 2]) <= 0x8A) {
      i += 2;
      continue;
    }
    nonspace.push_back(text[i]);
  }
  EXPECT_EQ(covered, nonspace);
}

TEST(Tokenizer, InvariantsOnTableInputs) {
  for (const Case& c : kCases) {
    SCOPED_TRACE(c.name);
    CheckInvariants(c.text);
  }
}

TEST(Tokenizer, InvariantsOnAwkwardInputs) {
  const char* inputs[] = {
      "'", "''", "\"", ".", "...", "-", "--", "(", ")", "$", "%", "'s", "n't", "U.S.", "a.", "A.",
      "e.g.", "..a", "a..", "'90s", "\xE2\x80\x99", "\xE2\x80\x99s", "x\xE2\x80", "\xE2", "\xF0\x9F\x98\x80!",
      "((((((((((((((((((((((((((((((((((((((((word))))))))))))))))))))))))))))))))))))))))",
      "!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!",
      "a,b;c:d!e?f.g-h/i\\j|k", "$$$8.95%%%", "http://x.com/a_(b)", "-5 -.5 .5 5- 5.", "don't'", "s'",
      "Mr.", "Mr. .", "Jan. 5. Feb.", "\n\n\n", "a\r\nb\r\n\r\nc", "\xE2\x80\x9C\xE2\x80\x9D", "#", "#1",
      "+", "+1", "@", "a@b", ":)", ":-)", "<<>>", "***", "1,", ",1", "1/2/", "/1/2",
  };
  for (const char* in : inputs) {
    SCOPED_TRACE(in);
    CheckInvariants(in);
  }
}

TEST(Tokenizer, ConstUseFromManyCallsIsStable) {
  const Tokenizer tok;
  const std::string text = "NATO met. Russia objected. China didn't.";
  std::vector<Sentence> a, b;
  tok.Segment(text, &a);
  tok.Segment(text, &b);
  EXPECT_EQ(Render(a), Render(b));
  EXPECT_EQ(Render(a), "NATO met . || Russia objected . || China did~n't .");
}

TEST(Tokenizer, SharedAcrossThreads) {
  const Tokenizer tok;
  std::string text;
  for (int i = 0; i < 200; ++i) text += "Gen. Smith didn't go to the U.S. on Jan. 5. \u201cNo,\u201d he said.\n\n";
  std::vector<Sentence> ref;
  tok.Segment(text, &ref);
  const std::string expected = Render(ref);
  ASSERT_EQ(ref.size(), 400u);
  std::vector<std::string> got(4);
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t)
    threads.emplace_back([&, t] {
      std::vector<Sentence> out;
      for (int r = 0; r < 5; ++r) tok.Segment(text, &out);
      got[t] = Render(out);
    });
  for (auto& th : threads) th.join();
  for (const std::string& g : got) EXPECT_EQ(g, expected);
}

}  // namespace
}  // namespace entente
