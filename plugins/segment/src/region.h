// The region a report belongs to (meta.region) and, below city level, its city (meta.city).
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "rules.h"
#include "title_block.h"

namespace reportlens::segment {

// The region from, in order: the delivery line ("在沈阳市第十七届人民代表大会", "2003年1月10日
// 沈阳市第十三届…通过", "在南京市十六届人大"), the title ("重庆市人民政府工作报告", "关于铁西区
// 2022年…"), the speaker ("上海市市长 龚正"), the speech's first sentence ("我代表江西省人民
// 政府"). Where those write only the suffix ("在市第十六届", "我代表自治区人民政府"), the name
// with that suffix the text uses most (a province-level name from data/segment.yaml, or a
// "XX市" written in the text). "全国" for the national congress. "" when nothing names it.
std::string find_region(const std::optional<TitleBlock>& block, std::string_view text,
                        const SegmentRules& rules);

// The city a district or county belongs to: "沈阳市铁西区" if written, else the "XX市" the
// report names most often (at least twice, XX also used bare, as in 中德（沈阳）).
std::string find_city(std::string_view text, const std::string& region, const SegmentRules& rules);

}  // namespace reportlens::segment
