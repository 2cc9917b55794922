// Plain text from HTML input: markup stripped, entities decoded, block elements as breaks.
#pragma once

#include <string>
#include <string_view>

namespace reportlens {

bool looks_like_html(std::string_view path, std::string_view text);
std::string html_to_text(std::string_view html);

}  // namespace reportlens
