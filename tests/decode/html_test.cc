// HTML input: markup stripped, entities decoded, blocks become paragraph breaks.
#include <gtest/gtest.h>

#include "input/html_text.h"

namespace {

using reportlens::html_to_text;

TEST(Html, BlocksBecomeParagraphsAndInlineMarkupDisappears) {
  EXPECT_EQ(html_to_text("<p>一、2022年工作回顾</p>\n<p>地区生产总值<b>1200.2</b>亿元。</p>"),
            "一、2022年工作回顾\n\n地区生产总值1200.2亿元。");
}

TEST(Html, EntitiesAreDecoded) {
  EXPECT_EQ(html_to_text("<p>&ldquo;放管服&rdquo;改革&nbsp;&amp;&#8220;&#x4E00;网通办&#8221;&hellip;</p>"),
            "“放管服”改革\u00a0&“一网通办”…");
  EXPECT_EQ(html_to_text("a &unknown; b"), "a &unknown; b");
}

TEST(Html, HeadScriptsStylesAndCommentsProduceNoText) {
  EXPECT_EQ(html_to_text("<html><head><title>标题</title><style>p{}</style></head><body>"
                         "<script>var x = '<p>假</p>';</script><!-- 注释 --><div>正文</div></body></html>"),
            "正文");
}

TEST(Html, LineBreakTagIsASingleBreak) {
  EXPECT_EQ(html_to_text("<p>第一行<br>第二行</p>"), "第一行\n第二行");
}

TEST(Html, DetectedByExtensionOrDoctype) {
  EXPECT_TRUE(reportlens::looks_like_html("a/b.HTML", "x"));
  EXPECT_TRUE(reportlens::looks_like_html("a.txt", "<!DOCTYPE html><html>"));
  EXPECT_FALSE(reportlens::looks_like_html("a.txt", "一、<b>不是</b>网页"));
}

}  // namespace
