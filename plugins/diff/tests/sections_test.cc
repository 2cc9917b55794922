// Section alignment and sentence-level changes.
#include <gtest/gtest.h>

#include "section_align.h"
#include "test_docs.h"

using namespace reportlens;
using namespace reportlens::diff;
using namespace reportlens::diff::fixtures;

namespace {

const SectionPair* pair_for(const DocView& base, const std::vector<SectionPair>& pairs,
                            const std::string& base_title) {
  for (const auto& p : pairs)
    if (p.base >= 0 && base.sections[p.base].title == base_title) return &p;
  return nullptr;
}

std::size_t count_ops(const SectionPair& p, RowOp op) {
  std::size_t n = 0;
  for (const auto& r : p.rows) n += r.op == op;
  return n;
}

// Headings on their own lines, the way the segmenter annotates them.
std::unique_ptr<Document> report(const std::string& id, int year, const std::string& text,
                                 const std::vector<std::tuple<std::string, int, std::string, std::string>>& heads) {
  auto d = make_doc(id, text, {{"report_year", year}});
  for (const auto& [heading, level, number, title] : heads) add_section(*d, heading, level, number, title);
  return d;
}

}  // namespace

TEST(Sections, RenumberedSectionIsAlignedAndFlagged) {
  auto a = report("t/2022.txt", 2022,
                  "（一）工业经济\n工业增加值增长5%。新建智能工厂5个。\n"
                  "（二）服务业\n服务业增加值增长1.7%。商业首店相继开业。\n",
                  {{"（一）工业经济", 2, "（一）", "工业经济"}, {"（二）服务业", 2, "（二）", "服务业"}});
  auto b = report("t/2023.txt", 2023,
                  "（一）农业生产\n粮食产量13.5万吨。\n"
                  "（二）工业经济\n工业增加值增长5%。新建智能工厂8个。\n"
                  "（三）服务业\n服务业增加值增长1.7%。商业首店相继开业。\n",
                  {{"（一）农业生产", 2, "（一）", "农业生产"}, {"（二）工业经济", 2, "（二）", "工业经济"},
                   {"（三）服务业", 2, "（三）", "服务业"}});
  const MetricCatalog c = shipped_catalog();
  const DocView va(*a, c, shipped_words()), vb(*b, c, shipped_words());
  const auto pairs = align_sections(va, vb);
  const SectionPair* industry = pair_for(va, pairs, "工业经济");
  ASSERT_TRUE(industry);
  ASSERT_GE(industry->compare, 0);
  EXPECT_EQ(vb.sections[industry->compare].title, "工业经济");
  EXPECT_TRUE(industry->renumbered);
  EXPECT_FALSE(industry->moved);  // still before 服务业
  EXPECT_EQ(industry->unchanged, 1u);
  ASSERT_EQ(count_ops(*industry, RowOp::kChanged), 1u);
  for (const auto& r : industry->rows)
    if (r.op == RowOp::kChanged) {
      ASSERT_EQ(r.numbers.size(), 1u);
      EXPECT_EQ(r.numbers[0].delta_text, "+3个");
    }
  const SectionPair* services = pair_for(va, pairs, "服务业");
  ASSERT_TRUE(services);
  EXPECT_TRUE(services->renumbered);
  EXPECT_EQ(count_ops(*services, RowOp::kSame), 2u);
  // The new section has no counterpart.
  bool added = false;
  for (const auto& p : pairs)
    if (p.base < 0 && p.compare >= 0 && vb.sections[p.compare].title == "农业生产") added = true;
  EXPECT_TRUE(added);
}

TEST(Sections, RetitledSectionIsFoundByContent) {
  auto a = report("t/2022.txt", 2022,
                  "一、民生福祉改善提升\n城镇新增就业2万余人，零就业家庭动态清零。发放高龄补贴1422万元。新增社区养老服务设施8500平方米。\n",
                  {{"一、民生福祉改善提升", 1, "一", "民生福祉改善提升"}});
  auto b = report("t/2023.txt", 2023,
                  "一、保障和改善民生\n城镇新增就业2万余人，零就业家庭动态清零。发放高龄补贴1500万元。新增社区养老服务设施8500平方米。\n",
                  {{"一、保障和改善民生", 1, "一", "保障和改善民生"}});
  const MetricCatalog c = shipped_catalog();
  const DocView va(*a, c, shipped_words()), vb(*b, c, shipped_words());
  const auto pairs = align_sections(va, vb);
  const SectionPair* p = pair_for(va, pairs, "民生福祉改善提升");
  ASSERT_TRUE(p);
  EXPECT_EQ(p->compare, 0);
  EXPECT_TRUE(p->retitled);
  EXPECT_FALSE(p->renumbered);
}

TEST(Sections, MovedParagraphIsAMoveNotAnAddAndRemove) {
  const std::string moved = "中德企业国际创新孵化中心建成并投入使用，吸引26户海内外企业入驻。";
  auto a = report("t/2022.txt", 2022,
                  "（一）对外开放\n对外贸易回稳向好。" + moved + "\n（二）科技创新\n新增科技型企业800户。\n",
                  {{"（一）对外开放", 2, "（一）", "对外开放"}, {"（二）科技创新", 2, "（二）", "科技创新"}});
  auto b = report("t/2023.txt", 2023,
                  "（一）对外开放\n对外贸易回稳向好。\n（二）科技创新\n新增科技型企业800户。" + moved + "\n",
                  {{"（一）对外开放", 2, "（一）", "对外开放"}, {"（二）科技创新", 2, "（二）", "科技创新"}});
  const MetricCatalog c = shipped_catalog();
  const DocView va(*a, c, shipped_words()), vb(*b, c, shipped_words());
  const auto pairs = align_sections(va, vb);
  const SectionPair* open = pair_for(va, pairs, "对外开放");
  const SectionPair* science = pair_for(va, pairs, "科技创新");
  ASSERT_TRUE(open && science);
  EXPECT_EQ(count_ops(*open, RowOp::kMovedOut), 1u);
  EXPECT_EQ(count_ops(*open, RowOp::kRemoved), 0u);
  EXPECT_EQ(count_ops(*science, RowOp::kMovedIn), 1u);
  EXPECT_EQ(count_ops(*science, RowOp::kAdded), 0u);
  const Json json = sections_json(va, vb, pairs);
  bool found = false;
  for (const auto& s : json)
    for (const auto& ch : s["changes"])
      if (ch["op"] == "moved") {
        found = true;
        EXPECT_EQ(ch["from_section"], "对外开放");
        EXPECT_EQ(ch["compare"]["text"], moved);
      }
  EXPECT_TRUE(found);
}

TEST(Sections, MovedSectionIsFlagged) {
  auto a = report("t/2022.txt", 2022,
                  "（一）工业\n工业增加值增长5%，智能工厂5个。\n（二）服务业\n服务业增加值增长1.7%，首店开业。\n（三）农业\n粮食产量13.5万吨，连年丰收。\n",
                  {{"（一）工业", 2, "（一）", "工业"}, {"（二）服务业", 2, "（二）", "服务业"}, {"（三）农业", 2, "（三）", "农业"}});
  auto b = report("t/2023.txt", 2023,
                  "（一）农业\n粮食产量13.5万吨，连年丰收。\n（二）工业\n工业增加值增长5%，智能工厂5个。\n（三）服务业\n服务业增加值增长1.7%，首店开业。\n",
                  {{"（一）农业", 2, "（一）", "农业"}, {"（二）工业", 2, "（二）", "工业"}, {"（三）服务业", 2, "（三）", "服务业"}});
  const MetricCatalog c = shipped_catalog();
  const DocView va(*a, c, shipped_words()), vb(*b, c, shipped_words());
  const auto pairs = align_sections(va, vb);
  EXPECT_TRUE(pair_for(va, pairs, "农业")->moved);
  EXPECT_FALSE(pair_for(va, pairs, "工业")->moved);
  EXPECT_FALSE(pair_for(va, pairs, "服务业")->moved);
}

TEST(Sections, ValuesWrittenDifferentlyAreNoChange) {
  auto a = report("t/2022.txt", 2022, "一、经济运行\n地区生产总值完成1200.2亿元，增长1.5%。\n",
                  {{"一、经济运行", 1, "一", "经济运行"}});
  // Thousands separator, full-width digits and a line break from a PDF copy.
  auto b = report("t/2023.txt", 2023, "一、经济运行\n地区生产总值完成1,200.2亿元，增长１.５％。\n",
                  {{"一、经济运行", 1, "一", "经济运行"}});
  auto c2 = report("t/2023b.txt", 2023, "一、经济运行\n地区生产总值完成1300亿元，增长1.5%。\n",
                   {{"一、经济运行", 1, "一", "经济运行"}});
  const MetricCatalog c = shipped_catalog();
  const DocView va(*a, c, shipped_words()), vb(*b, c, shipped_words()), vc(*c2, c, shipped_words());
  const auto same = align_sections(va, vb);
  const SectionPair* p = pair_for(va, same, "经济运行");
  ASSERT_TRUE(p);
  EXPECT_EQ(p->unchanged, 1u);
  EXPECT_EQ(count_ops(*p, RowOp::kChanged), 0u);

  const auto changed = align_sections(va, vc);
  const SectionPair* q = pair_for(va, changed, "经济运行");
  ASSERT_TRUE(q);
  ASSERT_EQ(count_ops(*q, RowOp::kChanged), 1u);
  for (const auto& r : q->rows)
    if (r.op == RowOp::kChanged) {
      ASSERT_EQ(r.numbers.size(), 1u);
      EXPECT_EQ(r.numbers[0].delta_text, "+99.8亿元");
      EXPECT_DOUBLE_EQ(*r.numbers[0].percent, 8.3);
    }
}

TEST(Sections, UnrelatedSentencesAreAddedAndRemoved) {
  auto a = report("t/2022.txt", 2022, "一、环境\n新建270个口袋公园。\n", {{"一、环境", 1, "一", "环境"}});
  auto b = report("t/2023.txt", 2023, "一、环境\n完成卫工河断面水质治理。\n", {{"一、环境", 1, "一", "环境"}});
  const MetricCatalog c = shipped_catalog();
  const DocView va(*a, c, shipped_words()), vb(*b, c, shipped_words());
  const auto pairs = align_sections(va, vb);
  const SectionPair* p = pair_for(va, pairs, "环境");
  ASSERT_TRUE(p);
  EXPECT_EQ(count_ops(*p, RowOp::kRemoved), 1u);
  EXPECT_EQ(count_ops(*p, RowOp::kAdded), 1u);
}
