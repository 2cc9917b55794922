#include "input/extracted_text.h"

namespace reportlens {

void add_heading_hint(Json& meta, std::size_t begin, std::size_t end, int level, std::string_view title) {
  Json& hints = meta["headings"];
  if (!hints.is_array()) hints = Json::array();
  hints.push_back({{"begin", begin}, {"end", end}, {"level", level}, {"title", title}});
}

}  // namespace reportlens
