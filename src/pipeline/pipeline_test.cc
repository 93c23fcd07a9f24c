// Tests of Pipeline::Process's segmentation counts (tokenizer only: no
// models are loaded).
#include "entente/pipeline.h"

#include <gtest/gtest.h>

#include <string>

#include "entente/document.h"

namespace entente {
namespace {

std::unique_ptr<Pipeline> TokenizerOnly(size_t max_sentence_tokens) {
  PipelineOptions o;
  o.tag = false;
  o.parse = false;
  o.tokenizer.max_sentence_tokens = max_sentence_tokens;
  auto p = Pipeline::Create(o);
  EXPECT_TRUE(p.ok()) << p.status().ToString();
  return p.ok() ? std::move(p).value() : nullptr;
}

TEST(Pipeline, ProcessAddsTheSegmentationCounts) {
  auto p = TokenizerOnly(10);
  ASSERT_TRUE(p);
  Document d;
  d.id = "d";
  std::string text;
  for (int i = 0; i < 25; ++i) text += "word ";
  d.text = text + "end.";  // 27 tokens: cut twice at 10
  SegmentStats seg;
  seg.cut_sentences = 1;  // counts are added, not replaced
  p->Process(&d, &seg);
  EXPECT_EQ(d.sentences.size(), 3u);
  EXPECT_EQ(seg.cut_sentences, 3u);
  EXPECT_EQ(seg.sentences, 3u);
  EXPECT_EQ(seg.words, 27u);
}

TEST(Pipeline, KeptTokensAreNotCounted) {
  auto p = TokenizerOnly(10);
  ASSERT_TRUE(p);
  Document d;
  d.text = "Already split.";
  d.sentences.resize(1);
  d.sentences[0].tokens.resize(2);
  d.sentences[0].tokens[0].form = "Already";
  d.sentences[0].tokens[1].form = "split.";
  SegmentStats seg;
  p->Process(&d, &seg);
  EXPECT_EQ(seg.sentences, 0u);
  EXPECT_EQ(d.sentences.size(), 1u);
}

}  // namespace
}  // namespace entente
