// Table-driven test of the number stage: one short sentence per row, the mention expected
// in it (its exact text) and what the stage must say about it. Every row runs the real
// plugin (through the loader) on the sentence, so normalisation and offset mapping are
// exercised too. kind "none" means the text must carry no annotation at all.
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "reportlens/testing.h"

namespace {

using reportlens::Json;

struct Row {
  const char* sentence;
  const char* text;       // the mention's surface in the ORIGINAL sentence
  const char* kind;       // quantity | percent | date | year | ordinal | none
  const char* value;      // JSON literal
  const char* unit;
  const char* qualifier;  // "" for null
};

// clang-format off
const Row kRows[] = {
  // --- Arabic numerals, decimals, thousands separators, full width, PDF breaks ---------
  {"地区生产总值完成1200.2亿元，增长1.5%。", "1200.2亿元", "quantity", "120020000000", "CNY", ""},
  {"地区生产总值完成1200.2亿元，增长1.5%。", "1.5%", "percent", "1.5", "percent", ""},
  {"全年收入1,100.9亿元。", "1,100.9亿元", "quantity", "110090000000", "CNY", ""},
  {"新增就业１２００人。", "１２００人", "quantity", "1200", "person", ""},
  {"增长７．９％。", "７．９％", "percent", "7.9", "percent", ""},
  {"增长5.5 %。", "5.5 %", "percent", "5.5", "percent", ""},
  {"共建成1 200套住房。", "1 200套", "quantity", "1200", "set", ""},
  // Full-width comma between groups of three digits (old reports): a separator only when
  // a unit or scale follows the last group; lists of numbers stay apart.
  {"社会商品零售总额1，753亿元，比上年增长15.5%。", "1，753亿元", "quantity", "175300000000", "CNY", ""},
  {"粮食产量33，212万吨。", "33，212万吨", "quantity", "332120000", "ton", ""},
  {"取得科学技术成果3，000多项。", "3，000多项", "quantity", "3000", "item", ">"},
  {"新建住宅7，371万平方米。", "7，371万平方米", "quantity", "73710000", "m2", ""},
  {"全年支出2，345.6万元。", "2，345.6万元", "quantity", "23456000", "CNY", ""},
  {"全年共有8，10个项目。", "10个", "quantity", "10", "item", ""},
  {"分为100，200，300个档次。", "300个", "quantity", "300", "item", ""},
  {"增加到1，2，3项。", "3项", "quantity", "3", "item", ""},
  {"钢产量比上年增加，3，500万吨。", "3，500万吨", "quantity", "35000000", "ton", ""},
  {"选出5，2，500个。", "500个", "quantity", "500", "item", ""},
  {"国内生产总值达到74.4\n\u200b\n万亿元。", "74.4\n\u200b\n万亿元", "quantity", "74400000000000", "CNY", ""},
  {"光缆线路550\n\u200b\n多万公里。", "550\n\u200b\n多万公里", "quantity", "5500000", "km", ">"},
  {"城镇居民人均可支配收入52421元。", "52421元", "quantity", "52421", "CNY", ""},
  {"实际利用外资完成4.3亿美元。", "4.3亿美元", "quantity", "430000000", "USD", ""},
  {"吸引外资12.5亿欧元。", "12.5亿欧元", "quantity", "1250000000", "EUR", ""},
  {"发放人才补贴5433万元。", "5433万元", "quantity", "54330000", "CNY", ""},
  {"财政收入16.4亿元。", "16.4亿元", "quantity", "1640000000", "CNY", ""},
  {"全年用电0.3万千瓦时。", "0.3万千瓦时", "quantity", "3000", "kWh", ""},
  {"实现营收3.14亿元。", "3.14亿元", "quantity", "314000000", "CNY", ""},
  {"人均0.05万元。", "0.05万元", "quantity", "500", "CNY", ""},
  // --- Chinese numerals ------------------------------------------------------------------
  {"原有一千二百名职工。", "一千二百名", "quantity", "1200", "person", ""},
  {"剔除两户企业影响。", "两户", "quantity", "2", "household", ""},
  {"纵深落实十五条措施。", "十五条", "quantity", "15", "item", ""},
  {"区内四座过街天桥粉饰。", "四座", "quantity", "4", "item", ""},
  {"建成十九个站点。", "十九个", "quantity", "19", "item", ""},
  {"进出口额二十万亿元。", "二十万亿元", "quantity", "20000000000000", "CNY", ""},
  {"减税降费一万五千亿元。", "一万五千亿元", "quantity", "1500000000000", "CNY", ""},
  {"增长百分之七点五。", "百分之七点五", "percent", "7.5", "percent", ""},
  {"比上年增长百分之十二。", "百分之十二", "percent", "12", "percent", ""},
  {"覆盖率达到百分之百。", "百分之百", "percent", "100", "percent", ""},
  {"棉花达到六百零八万吨。", "六百零八万吨", "quantity", "6080000", "ton", ""},
  {"粮食产量达到四亿零七百多万吨。", "四亿零七百多万吨", "quantity", "407000000", "ton", ">"},
  {"进出口总额达到一千二百零一亿元。", "一千二百零一亿元", "quantity", "120100000000", "CNY", ""},
  {"国外资金达二十六亿六千万美元。", "二十六亿六千万美元", "quantity", "2660000000", "USD", ""},
  {"完成两批次556名社区工作者招聘。", "两批次", "quantity", "2", "item", ""},
  {"零增长的部门有三个。", "三个", "quantity", "3", "item", ""},
  {"全年举办零场活动。", "零场", "quantity", "0", "item", ""},
  {"开展各类文化活动近百场。", "百场", "quantity", "100", "item", "<"},
  {"接入企业近千户。", "千户", "quantity", "1000", "household", "<"},
  {"i3产量超万台。", "万台", "quantity", "10000", "unit", ">"},
  {"沈鼓集团产值突破百亿。", "百亿", "quantity", "10000000000", "CNY", ">"},
  {"悬挂LED灯万余个。", "万余个", "quantity", "10000", "item", ">"},
  // --- mixed Arabic and Chinese ----------------------------------------------------------
  {"新增就业3万4000人。", "3万4000人", "quantity", "34000", "person", ""},
  {"服务25万6千人次。", "25万6千人次", "quantity", "256000", "person_time", ""},
  {"惠及居民1.6万余户。", "1.6万余户", "quantity", "16000", "household", ">"},
  {"财政收入4万多亿元。", "4万多亿元", "quantity", "4000000000000", "CNY", ">"},
  {"提供岗位8万余个。", "8万余个", "quantity", "80000", "item", ">"},
  {"农作物种植面积23.5万亩。", "23.5万亩", "quantity", "235000", "mu", ""},
  {"粮食产量1.37万亿斤。", "1.37万亿斤", "quantity", "1370000000000", "jin", ""},
  {"新增1亿5000万元投资。", "1亿5000万元", "quantity", "150000000", "CNY", ""},
  {"有2.9亿在校学生。", "2.9亿", "quantity", "290000000", "item", ""},
  {"融资规模3.4亿。", "3.4亿", "quantity", "340000000", "CNY", ""},
  {"3700多万学生受益。", "3700多万", "quantity", "37000000", "item", ">"},
  // --- units from the data file ------------------------------------------------------------
  {"新建5G基站1700座。", "1700座", "quantity", "1700", "item", ""},
  {"新建12所中小学。", "12所", "quantity", "12", "item", ""},
  {"完成国家级改革试点任务11项。", "11项", "quantity", "11", "item", ""},
  {"创新创业载体24家。", "24家", "quantity", "24", "item", ""},
  {"举办90余场投融资对接会。", "90余场", "quantity", "90", "item", ">"},
  {"修建临时停车场5处。", "5处", "quantity", "5", "item", ""},
  {"开发30条道路。", "30条", "quantity", "30", "item", ""},
  {"植树40万株。", "40万株", "quantity", "400000", "item", ""},
  {"完成护栏安装维修19.4万片。", "19.4万片", "quantity", "194000", "item", ""},
  {"受理诉求2500余件。", "2500余件", "quantity", "2500", "item", ">"},
  {"签发原产地证书100份。", "100份", "quantity", "100", "item", ""},
  {"提供居家养老服务4000余单。", "4000余单", "quantity", "4000", "item", ">"},
  {"累计完成57期。", "57期", "quantity", "57", "item", ""},
  {"开展活动34次。", "34次", "quantity", "34", "item", ""},
  {"吸引10国26户企业入驻。", "10国", "quantity", "10", "item", ""},
  {"吸引10国26户企业入驻。", "26户", "quantity", "26", "household", ""},
  {"组织宣传活动2000余场次。", "2000余场次", "quantity", "2000", "item", ">"},
  {"采购190台电动清洁收集车。", "190台", "quantity", "190", "unit", ""},
  {"新增公交车300辆。", "300辆", "quantity", "300", "unit", ""},
  {"人才公寓达到1115套。", "1115套", "quantity", "1115", "set", ""},
  {"城镇新增就业2万余人。", "2万余人", "quantity", "20000", "person", ">"},
  {"为880位失能老年人建设床位。", "880位", "quantity", "880", "person", ""},
  {"完成556名社区工作者招聘。", "556名", "quantity", "556", "person", ""},
  {"培训1400余人次。", "1400余人次", "quantity", "1400", "person_time", ">"},
  {"接待游客120万人次。", "120万人次", "quantity", "1200000", "person_time", ""},
  {"服务企业超万户次。", "万户次", "quantity", "10000", "household_time", ">"},
  {"孵化面积30万平方米。", "30万平方米", "quantity", "300000", "m2", ""},
  {"完成道路补坑125286㎡。", "125286㎡", "quantity", "125286", "m2", ""},
  {"完成绿化覆盖155万㎡。", "155万㎡", "quantity", "1550000", "m2", ""},
  {"新建设施农业200亩。", "200亩", "quantity", "200", "mu", ""},
  {"造林500公顷。", "500公顷", "quantity", "500", "hectare", ""},
  {"治理水土流失面积5.4万平方公里。", "5.4万平方公里", "quantity", "54000", "km2", ""},
  {"改造老旧燃气管网52公里。", "52公里", "quantity", "52", "km", ""},
  {"新建道路3千米。", "3千米", "quantity", "3", "km", ""},
  {"清扫管线259719米。", "259719米", "quantity", "259719", "m", ""},
  {"粮食产量13.5万吨。", "13.5万吨", "quantity", "135000", "ton", ""},
  {"全国粮食总产量超过1.3万亿斤。", "1.3万亿斤", "quantity", "1300000000000", "jin", ">"},
  {"发电量1200亿千瓦时。", "1200亿千瓦时", "quantity", "120000000000", "kWh", ""},
  {"节约用电30万度。", "30万度", "quantity", "300000", "kWh", ""},
  // --- units of older reports (1950s-1990s) ------------------------------------------------
  // 担 (dan) = 100 市斤 = 50 kg, kept in jin like grain.
  {"棉花收购量达到四千二百万担。", "四千二百万担", "quantity", "4200000000", "jin", ""},
  {"油料产量1200万担，比上年增长8%。", "1200万担", "quantity", "1200000000", "jin", ""},
  {"每亩增产粮食50市斤。", "50市斤", "quantity", "50", "jin", ""},
  {"人均口粮不少于四百斤。", "四百斤", "quantity", "400", "jin", ">="},
  {"亩产达到八百公斤。", "八百公斤", "quantity", "800", "kg", ""},
  {"铁路货运周转量达到１１６２０亿吨公里。", "１１６２０亿吨公里", "quantity", "1162000000000", "t_km", ""},
  {"旅客周转量2000亿人公里。", "2000亿人公里", "quantity", "200000000000", "person_km", ""},
  {"内燃机2，000万马力。", "2，000万马力", "quantity", "20000000", "hp", ""},
  {"全年发电４４５５亿千瓦小时。", "４４５５亿千瓦小时", "quantity", "445500000000", "kWh", ""},
  {"城乡电话交换机总容量达到２８６０万门。", "２８６０万门", "quantity", "28600000", "item", ""},
  {"天然气产量25亿立方。", "25亿立方", "quantity", "2500000000", "m3", ""},
  {"节能量达到300万吨标准煤。", "300万吨标准煤", "quantity", "3000000", "tce", ""},
  {"平板玻璃7600多万重量箱。", "7600多万重量箱", "quantity", "76000000", "weight_case", ">"},
  // ... and words that only start like them.
  {"推行一门式服务。", "一门", "none", "", "", ""},
  {"提供5000万担保资金。", "5000万", "quantity", "50000000", "item", ""},
  {"装机规模突破10亿千瓦。", "10亿千瓦", "quantity", "1000000000", "kW", ">"},
  {"66千伏小于变电站投入运营。", "66千伏", "quantity", "66", "kV", ""},
  {"完成中德园220千伏宁产线入廊工程。", "220千伏", "quantity", "220", "kV", ""},
  {"实际利用外资增长1.5倍。", "1.5倍", "quantity", "1.5", "times", ""},
  {"比2010年翻一番。", "翻一番", "quantity", "2", "times", ""},
  {"工农业总产值翻两番。", "翻两番", "quantity", "4", "times", ""},
  {"比重提高0.5个百分点。", "0.5个百分点", "quantity", "0.5", "percentage_point", ""},
  {"下降3.1个百分点。", "3.1个百分点", "quantity", "3.1", "percentage_point", ""},
  {"审批时限总体缩短至90天。", "90天", "quantity", "90", "day", ""},
  {"38个行政村实现24小时供水。", "24小时", "quantity", "24", "hour", ""},
  {"15分钟养老服务圈日臻完善。", "15分钟", "quantity", "15", "minute", ""},
  {"打造“一刻钟”便民生活圈。", "一刻钟", "quantity", "15", "minute", ""},
  {"深入实施制造业高质量发展三年行动。", "三年", "quantity", "3", "year", ""},
  {"土地承包期再延长30年。", "30年", "quantity", "30", "year", ""},
  {"60岁以上人群覆盖率达到83.6%。", "60岁", "quantity", "60", "year", ">="},
  {"办理时限压缩到3个工作日。", "3个工作日", "quantity", "3", "day", ""},
  {"用6个月时间完成整治。", "6个月", "quantity", "6", "month", ""},
  {"完成10亿元人民币投资。", "10亿元人民币", "quantity", "1000000000", "CNY", ""},
  // --- qualifiers ----------------------------------------------------------------------------
  {"规模以上工业企业数量超过400户。", "400户", "quantity", "400", "household", ">"},
  {"上云企业突破300户。", "300户", "quantity", "300", "household", ">"},
  {"超60%的村集体经济纯收入达到10万元。", "60%", "percent", "60", "percent", ">"},
  {"超60%的村集体经济纯收入达到10万元。", "10万元", "quantity", "100000", "CNY", ""},
  {"占全市70%以上。", "70%", "percent", "70", "percent", ">="},
  {"建筑面积约99.8万平方米。", "99.8万平方米", "quantity", "998000", "m2", "~"},
  {"国内生产总值增长5.5%左右。", "5.5%", "percent", "5.5", "percent", "~"},
  {"城镇调查失业率全年控制在5.5%以内。", "5.5%", "percent", "5.5", "percent", "<="},
  {"居民消费价格涨幅控制在3%。", "3%", "percent", "3", "percent", ""},
  {"城镇登记失业率4.5%以下。", "4.5%", "percent", "4.5", "percent", "<="},
  {"城镇新增就业1100万人以上。", "1100万人", "quantity", "11000000", "person", ">="},
  {"城镇新增就业不少于2万人。", "2万人", "quantity", "20000", "person", ">="},
  {"研发投入强度不低于2.5%。", "2.5%", "percent", "2.5", "percent", ">="},
  {"赤字率不超过3%。", "3%", "percent", "3", "percent", "<="},
  {"经济增速不到7%。", "7%", "percent", "7", "percent", "<"},
  {"国内生产总值接近100万亿元。", "100万亿元", "quantity", "100000000000000", "CNY", "<"},
  {"单位能耗低于0.5吨标准煤。", "0.5吨标准煤", "quantity", "0.5", "tce", "<"},
  {"累计亿元以上开复工项目316个。", "亿元", "quantity", "100000000", "CNY", ">="},
  {"百亿元以上重大产业项目相继签约。", "百亿元", "quantity", "10000000000", "CNY", ">="},
  {"粮食产量保持在1.3万亿斤以上。", "1.3万亿斤", "quantity", "1300000000000", "jin", ">="},
  {"支出规模扩大2万亿元以上。", "2万亿元", "quantity", "2000000000000", "CNY", ">="},
  {"规模近9.8万亿元。", "9.8万亿元", "quantity", "9800000000000", "CNY", "<"},
  {"将3岁以下婴幼儿照护费用纳入。", "3岁", "quantity", "3", "year", "<="},
  {"今年高校毕业生超过1000万人。", "1000万人", "quantity", "10000000", "person", ">"},
  {"能源消耗降低及以上3%。", "3%", "percent", "3", "percent", ""},
  // --- ranges ----------------------------------------------------------------------------------
  {"增长6.5%－7%。", "6.5%－7%", "percent", "[6.5,7]", "percent", "range"},
  {"增长6%—6.5%。", "6%—6.5%", "percent", "[6,6.5]", "percent", "range"},
  {"每年新建3至5个园区。", "3至5个", "quantity", "[3,5]", "item", "range"},
  {"应纳税所得额100万元至300万元部分。", "100万元至300万元", "quantity", "[1000000,3000000]", "CNY", "range"},
  {"争取两至三年内翻一番。", "两至三年", "quantity", "[2,3]", "year", "range"},
  {"优良天数298天。", "298天", "quantity", "298", "day", ""},
  {"PM2.5平均浓度38微克/立方米。", "38微克/立方米", "quantity", "38", "ug/m3", ""},
  {"吸纳十几万人就业。", "十几万人", "quantity", "[110000,190000]", "person", "range"},
  {"每个项目投资3～5亿元。", "3～5亿元", "quantity", "[300000000,500000000]", "CNY", "range"},
  {"增长百分之六至百分之七。", "百分之六至百分之七", "percent", "[6,7]", "percent", "range"},
  {"占比由40.8%到21.1%。", "40.8%", "percent", "40.8", "percent", ""},
  {"占比由40.8%到21.1%。", "21.1%", "percent", "21.1", "percent", ""},
  // --- signs stay positive; the context is flagged ------------------------------------------
  {"一般公共预算收入下降11.8%。", "11.8%", "percent", "11.8", "percent", ""},
  {"社会消费品零售总额减少3%。", "3%", "percent", "3", "percent", ""},
  // --- years and dates ---------------------------------------------------------------------------
  {"2022年经济和社会发展计划执行情况。", "2022年", "year", "2022", "year", ""},
  {"2022中国沈阳海智创新创业大赛。", "2022", "year", "2022", "year", ""},
  {"荣获“2021-2025第一批全国科普教育基地”称号。", "2021", "year", "2021", "year", ""},
  {"荣获“2021-2025第一批全国科普教育基地”称号。", "2025", "year", "2025", "year", ""},
  {"二〇二二年工作回顾。", "二〇二二年", "year", "2022", "year", ""},
  {"在1979到1983年平均每年递增7.9%。", "1979", "year", "1979", "year", ""},
  {"在1979到1983年平均每年递增7.9%。", "1983年", "year", "1983", "year", ""},
  {"——2022年12月14日在铁西区第十九届人民代表大会。", "2022年12月14日", "date", "\"2022-12-14\"", "date", ""},
  {"截至2024-12-27已办结。", "2024-12-27", "date", "\"2024-12-27\"", "date", ""},
  {"2023年3月起实施。", "2023年3月", "date", "\"2023-03\"", "date", ""},
  {"5月下旬开始触底反弹。", "5月下旬", "date", "\"2022-05\"", "date", ""},
  {"6月底前全部退还。", "6月底", "date", "\"2022-06\"", "date", ""},
  {"10月1日起施行。", "10月1日", "date", "\"2022-10-01\"", "date", ""},
  {"前三季度主要指标明显改善。", "前三季度", "date", "\"2022-01/2022-09\"", "date", ""},
  {"一季度增长4.8%。", "一季度", "date", "\"2022-01/2022-03\"", "date", ""},
  {"第二季度增长放缓。", "第二季度", "date", "\"2022-04/2022-06\"", "date", ""},
  {"前10个月出口增长。", "前10个月", "date", "\"2022-01/2022-10\"", "date", ""},
  {"1-11月，全区实现税收50亿元。", "1-11月", "date", "\"2022-01/2022-11\"", "date", ""},
  {"3至5月开展专项行动。", "3至5月", "date", "\"2022-03/2022-05\"", "date", ""},
  {"2022-2025年行动计划。", "2022", "year", "2022", "year", ""},
  {"2022-2025年行动计划。", "2025年", "year", "2025", "year", ""},
  {"实现八十年代的任务。", "八十年", "none", "", "", ""},
  {"去年10月香港总督发表讲话。", "10月", "date", "\"2021-10\"", "date", ""},
  // --- ordinals ---------------------------------------------------------------------------------
  {"铁西区第十九届人民代表大会第二次会议。", "第十九届", "ordinal", "19", "ordinal", ""},
  {"铁西区第十九届人民代表大会第二次会议。", "第二次", "ordinal", "2", "ordinal", ""},
  {"铁西区十九届人大二次会议文件。", "十九届", "ordinal", "19", "ordinal", ""},
  {"铁西区十九届人大二次会议文件。", "二次", "ordinal", "2", "ordinal", ""},
  {"名列“中国工业百强区”第39位。", "第39位", "ordinal", "39", "ordinal", ""},
  {"审批办结率全市第一。", "第一", "ordinal", "1", "ordinal", ""},
  {"入选第五批54个基地名单。", "第五批", "ordinal", "5", "ordinal", ""},
  {"入选第五批54个基地名单。", "54个", "quantity", "54", "item", ""},
  {"成功举办第三次委员会议。", "第三次", "ordinal", "3", "ordinal", ""},
  {"第八届德国企业沈阳行活动成功举办。", "第八届", "ordinal", "8", "ordinal", ""},
  {"一、2022年经济和社会发展计划执行情况", "一", "ordinal", "1", "ordinal", ""},
  {"（三）拓展对内对外交流通道", "三", "ordinal", "3", "ordinal", ""},
  {"问题：一是经济结构还有待优化。", "一", "ordinal", "1", "ordinal", ""},
  {"完成美好愿景二期临时电改造。", "二期", "ordinal", "2", "ordinal", ""},
  {"规划建设一期工程。", "一期", "ordinal", "1", "ordinal", ""},
  {"建成首个综合型标识解析二级节点。", "二级", "ordinal", "2", "ordinal", ""},
  {"开发25号路等道路施工建设。", "25号", "ordinal", "25", "ordinal", ""},
  {"打通金谷二号路断头路。", "二号", "ordinal", "2", "ordinal", ""},
  {"推进浑河25街快速路建设。", "25", "ordinal", "25", "ordinal", ""},
  {"完成浑河二十三街绿化工程。", "二十三", "ordinal", "23", "ordinal", ""},
  {"完成勋业三路铣刨盖被工程。", "三", "ordinal", "3", "ordinal", ""},
  {"完成四环路管廊施工建设。", "四", "ordinal", "4", "ordinal", ""},
  {"31中学中德园初中部开工建设。", "31", "ordinal", "31", "ordinal", ""},
  {"达到地表水III类水标准。", "III类", "ordinal", "3", "ordinal", ""},
  {"土西桥断面累计达到IV类水质。", "IV类", "ordinal", "4", "ordinal", ""},
  {"贯彻党的十九大精神。", "十九大", "ordinal", "19", "ordinal", ""},
  {"召开十九届六中全会。", "六", "ordinal", "6", "ordinal", ""},
  {"全面贯彻落实二十大全会精神。", "二十大", "ordinal", "20", "ordinal", ""},
  {"推进南十二路南一巷建设。", "一", "ordinal", "1", "ordinal", ""},
  {"公铁联运等四大物流基地建设全面启动。", "四", "quantity", "4", "item", ""},
  {"构筑三大空间。", "三", "quantity", "3", "item", ""},
  // --- not number mentions -------------------------------------------------------------------
  {"全力确保稳经济一揽子政策落地。", "一揽子", "none", "", "", ""},
  {"一般公共预算收入完成108.2亿元。", "一般", "none", "", "", ""},
  {"体制机制改革进一步深化。", "进一步", "none", "", "", ""},
  {"劳动公园一体化改造完成。", "一体化", "none", "", "", ""},
  {"推进全国统一大市场建设。", "统一", "none", "", "", ""},
  {"开好两会。", "两会", "none", "", "", ""},
  {"政务服务一网通办。", "一网通办", "none", "", "", ""},
  {"新增105件“一件事”上线应用。", "一件事", "none", "", "", ""},
  {"高质量推进“三美”建设。", "三美", "none", "", "", ""},
  {"“三直一快”推动政策落实。", "三直一快", "none", "", "", ""},
  {"汽车及零部件业下降8.2%。", "零部件", "none", "", "", ""},
  {"重点打造四方台镇土耳坨村旅游民宿。", "四方台镇", "none", "", "", ""},
  {"张三家子村果蔬种植项目。", "张三家子", "none", "", "", ""},
  {"新建5G基站1700座。", "5G", "none", "", "", ""},
  {"i3产量超万台。", "i3", "none", "", "", ""},
  {"沈鼓集团、三一重装产值突破百亿。", "三一重装", "none", "", "", ""},
  {"红梅文创园、1905文化创意园等7个文创园。", "1905", "none", "", "", ""},
  {"依托“1+4+N”人才服务机制。", "1+4+N", "none", "", "", ""},
  {"结构比例为1:61:38。", "1:61:38", "none", "", "", ""},
  {"本届政府减少1/3行政审批事项。", "1/3", "none", "", "", ""},
  {"经济运行一度面临超预期下行压力。", "一度", "none", "", "", ""},
  {"完成新一轮全员竞聘。", "新一轮", "none", "", "", ""},
  {"零公里桥防护栏粉饰。", "零公里", "none", "", "", ""},
  {"实行“一个大项目，一位包保领导、一个专班”的制度。", "一位", "none", "", "", ""},
  {"全市项目“四比四看”工作。", "四比四看", "none", "", "", ""},
  {"细颗粒物（PM\n2.5\n）平均浓度下降9.1%。", "2.5", "none", "", "", ""},
  {"推动“十四五”规划落实。", "十四五", "none", "", "", ""},
  {"实施一户一策精准帮扶。", "一户一策", "none", "", "", ""},
  {"上亿市场主体承载着数亿人就业创业。", "数亿人", "none", "", "", ""},
  {"惠及近千万家庭。", "千万", "quantity", "10000000", "item", "<"},
  {"增速达到两位数。", "两位数", "none", "", "", ""},
  {"千方百计稳定就业。", "千方百计", "none", "", "", ""},
  {"要共建“一带一路”。", "一带一路", "none", "", "", ""},
  {"零就业家庭动态清零。", "零就业", "none", "", "", ""},
  {"出席二十国集团领导人峰会。", "二十国", "none", "", "", ""},
  {"推广工业4.0标准。", "4.0", "none", "", "", ""},
  {"坚持一个中国原则。", "一个", "none", "", "", ""},
  {"千千万万个市场细胞活跃起来。", "千千万万个", "none", "", "", ""},
  {"结合近五年工作的体会。", "五年", "quantity", "5", "year", ""},
  {"中国共产党万岁！", "万岁", "none", "", "", ""},
  // A lone 一 before 个/项/种/批/支/系列 is an article; 1个 and 一个百分点 are counts/measures.
  {"这是一个重要成果。", "一个", "none", "", "", ""},
  {"三次产业结构为8.0:38.5:53.5。", "三次", "none", "", "", ""},
  {"实施一批重大科技项目。", "一批", "none", "", "", ""},
  {"这是一项长期任务。", "一项", "none", "", "", ""},
  {"每年提高一个百分点。", "一个百分点", "quantity", "1", "percentage_point", ""},
  {"新建1个公园。", "1个", "quantity", "1", "item", ""},
  {"新建十一个公园。", "十一个", "quantity", "11", "item", ""},
  {"财政补助资金25l亿元。", "亿元", "none", "", "", ""},
};
// clang-format on

class SurfaceTable : public ::testing::TestWithParam<Row> {};

// Code point [begin, end) of the first occurrence of `needle` in `text`.
std::pair<long, long> code_point_span(const std::string& text, const std::string& needle) {
  const auto at = text.find(needle);
  if (at == std::string::npos) return {-1, -1};
  const long begin = static_cast<long>(reportlens::code_point_count(text.substr(0, at)));
  return {begin, begin + static_cast<long>(reportlens::code_point_count(needle))};
}

TEST_P(SurfaceTable, ReadsTheMention) {
  const Row& row = GetParam();
  const auto doc = reportlens::testing::run_stages({{"numbers"}}, row.sentence,
                                                   Json{{"report_year", 2022}});
  const Json out = reportlens::testing::to_json(*doc);
  const auto [begin, end] = code_point_span(row.sentence, row.text);
  ASSERT_GE(begin, 0) << "bad row: '" << row.text << "' not in the sentence";

  std::vector<Json> overlapping;
  for (const auto& a : out["annotations"])
    if (a["type"] == "quantity" && a["begin"].get<long>() < end && a["end"].get<long>() > begin)
      overlapping.push_back(a);
  if (std::string(row.kind) == "none") {
    EXPECT_TRUE(overlapping.empty()) << row.sentence << " → " << overlapping.front().dump();
    return;
  }
  const Json* hit = nullptr;
  for (const auto& a : overlapping)
    if (a["begin"].get<long>() == begin && a["end"].get<long>() == end) hit = &a;
  ASSERT_NE(hit, nullptr) << row.sentence << ": no annotation exactly on '" << row.text
                          << "'; got " << Json(overlapping).dump();
  const Json& attrs = (*hit)["attrs"];
  EXPECT_EQ(attrs["kind"], row.kind) << row.sentence;
  EXPECT_EQ(attrs["value"], Json::parse(row.value)) << row.sentence;
  EXPECT_EQ(attrs["unit"], row.unit) << row.sentence;
  if (*row.qualifier) EXPECT_EQ(attrs["qualifier"], row.qualifier) << row.sentence;
  else EXPECT_TRUE(attrs["qualifier"].is_null()) << row.sentence << " → " << attrs.dump();
}

INSTANTIATE_TEST_SUITE_P(Numbers, SurfaceTable, ::testing::ValuesIn(kRows));

TEST(SurfaceTableSize, HasAtLeast150Rows) { EXPECT_GE(std::size(kRows), 150u); }

// Integers are printed as JSON integers, exactly: 16.4亿 is 1640000000, not 1639999999.
TEST(Exactness, ScaledDecimalsPrintAsExactIntegers) {
  const auto doc = reportlens::testing::run_stages({{"numbers"}}, "收入16.4亿元，投资0.07亿元。");
  const Json out = reportlens::testing::to_json(*doc);
  ASSERT_EQ(out["annotations"].size(), 2u);
  EXPECT_EQ(out["annotations"][0]["attrs"]["value"].dump(), "1640000000");
  EXPECT_TRUE(out["annotations"][0]["attrs"]["value"].is_number_integer());
  EXPECT_EQ(out["annotations"][0]["attrs"]["exact"], "1640000000");
  EXPECT_EQ(out["annotations"][1]["attrs"]["value"].dump(), "7000000");
}

// The decrease is flagged for the indicator stage; the value stays positive.
TEST(Signs, DecreaseContextIsFlaggedNotApplied) {
  const auto doc = reportlens::testing::run_stages(
      {{"numbers"}}, "分别下降8.2%、31.8%，增长1.5%。");
  const Json out = reportlens::testing::to_json(*doc);
  ASSERT_EQ(out["annotations"].size(), 3u);
  EXPECT_EQ(out["annotations"][0]["attrs"]["value"], 8.2);
  EXPECT_EQ(out["annotations"][0]["attrs"]["negated_context"], true);
  EXPECT_EQ(out["annotations"][1]["attrs"]["value"], 31.8);
  EXPECT_EQ(out["annotations"][1]["attrs"]["negated_context"], true);
  EXPECT_FALSE(out["annotations"][2]["attrs"].contains("negated_context"));

  const Json table = reportlens::testing::to_json(
      *reportlens::testing::run_stages({{"numbers"}}, "出口：-3.2%；2021-2025年。"));
  ASSERT_GE(table["annotations"].size(), 1u);
  EXPECT_EQ(table["annotations"][0]["attrs"]["value"], 3.2);
  EXPECT_EQ(table["annotations"][0]["attrs"]["negated_context"], true);
  for (const auto& a : table["annotations"])
    if (a["attrs"]["kind"] == "year") EXPECT_FALSE(a["attrs"].contains("negated_context"));
}

// A pipeline extends the units with extra_units (and the lexicon with extra_lexicon).
TEST(Settings, ExtraUnitsExtendTheTable) {
  const std::string dir = ::testing::TempDir();
  const std::string units = dir + "/more_units.yaml";
  {
    std::FILE* f = std::fopen(units.c_str(), "w");
    ASSERT_NE(f, nullptr);
    std::fputs("units:\n  - {surface: 标箱, unit: TEU}\n", f);
    std::fclose(f);
  }
  const std::string text = "集装箱吞吐量120万标箱。";
  auto plain = reportlens::testing::to_json(*reportlens::testing::run_stages({{"numbers"}}, text));
  auto extended = reportlens::testing::to_json(*reportlens::testing::run_stages(
      {{"numbers", Json{{"extra_units", Json::array({units})}}}}, text));
  ASSERT_EQ(extended["annotations"].size(), 1u);
  EXPECT_EQ(extended["annotations"][0]["attrs"]["unit"], "TEU");
  EXPECT_EQ(extended["annotations"][0]["attrs"]["value"], 1200000);
  EXPECT_EQ(extended["annotations"][0]["text"], "120万标箱");
  for (const auto& a : plain["annotations"]) EXPECT_NE(a["attrs"]["unit"], "TEU");
}

TEST(Settings, BadDataFileIsReportedWithFileAndLine) {
  const std::string path = ::testing::TempDir() + "/bad_units.yaml";
  {
    std::FILE* f = std::fopen(path.c_str(), "w");
    ASSERT_NE(f, nullptr);
    std::fputs("units:\n  - {surface: 标箱, unit: TEU}\n  - {surface: 打, unit: item, factor: \"12\"}\n", f);
    std::fclose(f);
  }
  try {
    reportlens::testing::run_stages({{"numbers", Json{{"extra_units", Json::array({path})}}}}, "x");
    FAIL() << "expected an error";
  } catch (const std::exception& e) {
    EXPECT_NE(std::string(e.what()).find("bad_units.yaml:3"), std::string::npos) << e.what();
  }
}

}  // namespace
