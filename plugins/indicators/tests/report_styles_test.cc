// Two reports written here in styles the seed and the national corpus do not have, each with
// the complete list of facts a reader expects from it (and nothing else):
// - a provincial 政府工作报告 (review and 主要预期目标) copied from a web page: ASCII commas and
//   semicolons, line breaks inside numbers (2.35万\n亿元, 86.\n2万人), stray spaces;
// - a city 统计公报: 比上年增长/下降, 同比, 亿元/万元, 个百分点, 倍, 比年初增加, a structure ratio.
// Run through the real segment + numbers + indicators stages.
#include <cmath>
#include <optional>

#include <gtest/gtest.h>

#include "reportlens/testing.h"
#include "test_support.h"

namespace {

using reportlens::Json;

using reportlens::indicators::testing::run_all;

struct Figure {
  double value;
  const char* unit;
};

struct Expected {
  const char* metric;
  int period;
  const char* status;
  std::optional<Figure> level;
  std::optional<Figure> growth;
  const char* qualifier;  // "" for null
};

void expect_measure(const Json& got, const std::optional<Figure>& want, const std::string& what) {
  if (!want) {
    EXPECT_TRUE(got.is_null()) << what << ": " << got.dump();
    return;
  }
  ASSERT_TRUE(got.is_object()) << what;
  EXPECT_NEAR(got["value"].get<double>(), want->value, std::abs(want->value) * 1e-9) << what;
  EXPECT_EQ(got["unit"], want->unit) << what;
}

// Every expected fact is there with its values, and there are no other indicator facts.
void expect_exactly(const reportlens::Document& doc, const std::vector<Expected>& expected) {
  std::vector<bool> used(doc.annotations("indicator").size(), false);
  for (const Expected& e : expected) {
    const std::string what = std::string(e.metric) + " " + std::to_string(e.period) + " " + e.status;
    std::size_t k = 0;
    const Json* hit = nullptr;
    for (const auto& a : doc.annotations("indicator")) {
      if (!used[k] && a.attrs["metric"] == e.metric && a.attrs["period"] == e.period &&
          a.attrs["status"] == e.status) {
        hit = &a.attrs;
        used[k] = true;
        break;
      }
      ++k;
    }
    ASSERT_NE(hit, nullptr) << "missing: " << what;
    expect_measure((*hit)["level"], e.level, what + " level");
    expect_measure((*hit)["growth"], e.growth, what + " growth");
    if (*e.qualifier) EXPECT_EQ((*hit)["qualifier"], e.qualifier) << what;
    else EXPECT_TRUE((*hit)["qualifier"].is_null()) << what;
  }
  std::size_t k = 0;
  for (const auto& a : doc.annotations("indicator"))
    EXPECT_TRUE(used[k++]) << "unexpected: " << a.attrs.dump();
}

const char* kProvincialWorkReport =
    "某省政府工作报告\n"
    "——2024年1月22日在某省第十四届人民代表大会第二次会议上\n"
    "省长  某某\n"
    "一、2023年工作回顾\n"
    "过去一年,全省地区生产总值达到5.86万亿元,增长6.1%;一般公共预算收入3210.5亿元,增长8.2%。"
    "规模以上工业增加值增长7.4%,社会消费品零售总额2.35万\n亿元,增长7.9%。\n"
    "固定资产投资增长4.6%,其中制造业投资增长12.3%。城镇新增就业86.\n2万人,城镇调查失业率5.1%。"
    "居民消费价格上涨0.4%。\n"
    "城乡居民人均可支配收入分别达到48650元和22180元,分别增长5.1%和7.6%。粮食总产量达到 712.3亿斤,"
    "连续8年稳定在700亿斤以上。外贸进出口总额8234亿元,下降2.3%。单位地区生产总值能耗下降3.2%。\n"
    "二、2024年主要目标\n"
    "今年全省经济社会发展的主要预期目标是:地区生产总值增长5.5%左右;一般公共预算收入增长5%;"
    "城镇新增就业80万人以上,城镇调查失业率控制在5.5%以内;居民消费价格涨幅3%左右;"
    "粮食产量稳定在700亿斤以上;单位地区生产总值能耗下降2.5%左右。\n";

TEST(ReportStyles, ProvincialWorkReportCopiedFromTheWeb) {
  auto doc = run_all(kProvincialWorkReport, "province/2024-work-report.txt");
  if (!doc) GTEST_SKIP() << "numbers plugin not built";
  const char* A = "actual";
  const char* T = "target";
  const auto pct = [](double v) { return Figure{v, "percent"}; };
  const auto cny = [](double v) { return Figure{v, "CNY"}; };
  expect_exactly(*doc, {
      {"地区生产总值", 2023, A, cny(5.86e12), pct(6.1), ""},
      {"一般公共预算收入", 2023, A, cny(3210.5e8), pct(8.2), ""},
      {"规模以上工业增加值", 2023, A, {}, pct(7.4), ""},
      {"社会消费品零售总额", 2023, A, cny(2.35e12), pct(7.9), ""},  // 2.35万\n亿元
      {"固定资产投资", 2023, A, {}, pct(4.6), ""},
      {"制造业投资", 2023, A, {}, pct(12.3), ""},
      {"城镇新增就业", 2023, A, Figure{862000, "person"}, {}, ""},  // 86.\n2万人
      {"城镇调查失业率", 2023, A, pct(5.1), {}, ""},
      {"居民消费价格", 2023, A, {}, pct(0.4), ""},
      {"城镇居民人均可支配收入", 2023, A, cny(48650), pct(5.1), ""},
      {"农村居民人均可支配收入", 2023, A, cny(22180), pct(7.6), ""},
      {"粮食总产量", 2023, A, Figure{712.3e8, "jin"}, {}, ""},  // (连续8年…: no year's figure)
      {"外贸进出口总额", 2023, A, cny(8234e8), pct(-2.3), ""},
      {"单位地区生产总值能耗", 2023, A, {}, pct(-3.2), ""},
      {"地区生产总值", 2024, T, {}, pct(5.5), "~"},
      {"一般公共预算收入", 2024, T, {}, pct(5), ""},
      {"城镇新增就业", 2024, T, Figure{800000, "person"}, {}, ">="},
      {"城镇调查失业率", 2024, T, pct(5.5), {}, "<="},
      {"居民消费价格", 2024, T, {}, pct(3), "~"},
      {"粮食产量", 2024, T, Figure{700e8, "jin"}, {}, ">="},
      {"单位地区生产总值能耗", 2024, T, {}, pct(-2.5), "~"},
  });
  // Evidence is the original text, line breaks included.
  for (const auto& a : doc->annotations("indicator"))
    if (a.attrs["metric"] == "社会消费品零售总额")
      EXPECT_NE(a.attrs["evidence"].get<std::string>().find("2.35万\n亿元"), std::string::npos);
}

const char* kCityBulletin =
    "某市2023年国民经济和社会发展统计公报\n某市统计局\n2024年3月15日\n"
    "一、综合\n"
    "初步核算，全年全市地区生产总值1856.3亿元，按不变价格计算，比上年增长5.8%。其中，第一产业增加值"
    "98.6亿元，增长3.2%；第二产业增加值702.4亿元，增长6.5%；第三产业增加值1055.3亿元，增长5.6%。"
    "三次产业结构为5.3:37.8:56.9。第三产业增加值占地区生产总值的比重为56.9%，比上年提高0.6个百分点。"
    "按常住人口计算，全年人均地区生产总值达到96523元，比上年增长6.1%。\n"
    "年末全市常住人口192.3万人，比上年末减少0.8万人。\n"
    "全年居民消费价格比上年上涨0.3%，其中食品烟酒价格下降1.2%。\n"
    "二、工业和建筑业\n"
    "全年规模以上工业增加值比上年增长7.2%。规模以上工业企业实现营业收入4210.5亿元，同比增长4.3%；"
    "实现利润总额186.7亿元，同比下降12.6%。新能源汽车产量3.6万辆，增长1.8倍。\n"
    "三、固定资产投资\n"
    "全年固定资产投资比上年增长3.9%。其中，工业投资增长15.2%，房地产开发投资下降9.8%。\n"
    "四、国内贸易\n"
    "全年社会消费品零售总额812.6亿元，比上年增长6.7%。网上零售额占社会消费品零售总额的比重为18.4%，"
    "比上年提高1.3个百分点。\n"
    "五、财政金融和科技\n"
    "全年一般公共预算收入128.4亿元，比上年增长9.1%，其中税收收入96.2亿元，增长11.5%。年末金融机构本外币"
    "各项存款余额3125.6亿元，比年初增加286.4亿元。全年技术合同成交额56800万元，增长2.3倍。\n"
    "六、人民生活\n"
    "全年全市居民人均可支配收入41286元，比上年增长5.9%。城镇居民人均可支配收入52318元，增长5.1%；"
    "农村居民人均可支配收入23650元，增长7.3%。农村居民人均可支配收入增速快于城镇居民2.2个百分点。\n";

TEST(ReportStyles, CityStatisticalBulletin) {
  auto doc = run_all(kCityBulletin, "city/2023-statistical-bulletin.txt");
  if (!doc) GTEST_SKIP() << "numbers plugin not built";
  EXPECT_EQ(doc->meta().value("report_year", 0), 2023);
  const char* A = "actual";
  const auto pct = [](double v) { return Figure{v, "percent"}; };
  const auto cny = [](double v) { return Figure{v, "CNY"}; };
  const Figure pp{0.6, "percentage_point"};
  expect_exactly(*doc, {
      {"地区生产总值", 2023, A, cny(1856.3e8), pct(5.8), ""},
      {"第一产业增加值", 2023, A, cny(98.6e8), pct(3.2), ""},
      {"第二产业增加值", 2023, A, cny(702.4e8), pct(6.5), ""},
      {"第三产业增加值", 2023, A, cny(1055.3e8), pct(5.6), ""},
      {"第三产业增加值占地区生产总值的比重", 2023, A, pct(56.9), pp, ""},
      {"人均地区生产总值", 2023, A, cny(96523), pct(6.1), ""},
      {"常住人口", 2023, A, Figure{1923000, "person"}, {}, ""},
      {"常住人口减少", 2023, A, Figure{8000, "person"}, {}, ""},
      {"居民消费价格", 2023, A, {}, pct(0.3), ""},
      {"食品烟酒价格", 2023, A, {}, pct(-1.2), ""},
      {"规模以上工业增加值", 2023, A, {}, pct(7.2), ""},
      {"规模以上工业企业营业收入", 2023, A, cny(4210.5e8), pct(4.3), ""},  // 实现 dropped
      {"利润总额", 2023, A, cny(186.7e8), pct(-12.6), ""},
      {"新能源汽车产量", 2023, A, Figure{36000, "unit"}, Figure{1.8, "times"}, ""},
      {"固定资产投资", 2023, A, {}, pct(3.9), ""},
      {"工业投资", 2023, A, {}, pct(15.2), ""},
      {"房地产开发投资", 2023, A, {}, pct(-9.8), ""},
      {"社会消费品零售总额", 2023, A, cny(812.6e8), pct(6.7), ""},
      {"网上零售额占社会消费品零售总额的比重", 2023, A, pct(18.4), Figure{1.3, "percentage_point"}, ""},
      {"一般公共预算收入", 2023, A, cny(128.4e8), pct(9.1), ""},
      {"税收收入", 2023, A, cny(96.2e8), pct(11.5), ""},
      {"金融机构本外币各项存款余额", 2023, A, cny(3125.6e8), {}, ""},
      {"金融机构本外币各项存款余额增加", 2023, A, cny(286.4e8), {}, ""},
      {"技术合同成交额", 2023, A, cny(56800e4), Figure{2.3, "times"}, ""},
      {"居民人均可支配收入", 2023, A, cny(41286), pct(5.9), ""},
      {"城镇居民人均可支配收入", 2023, A, cny(52318), pct(5.1), ""},
      {"农村居民人均可支配收入", 2023, A, cny(23650), pct(7.3), ""},
      // (5.3:37.8:56.9 is a structure, 快于城镇居民2.2个百分点 a gap: no facts)
  });
}

}  // namespace
