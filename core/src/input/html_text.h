// Plain text from HTML input: markup stripped, entities decoded, block elements as breaks.
//
// Block elements (p, div, h1–h6, li, tr, table, …) end a paragraph: the text gets a blank
// line there, so the normalised view treats them as real paragraph breaks. <br> is a single
// line break. Whitespace between blocks is dropped; whitespace inside text is kept as
// written (a line break inside a number is then joined by the normalised view). <head>,
// <script>, <style>, <noscript>, <template> and comments produce no text. Offsets of every
// annotation refer to this decoded text.
#pragma once

#include <string>
#include <string_view>

namespace reportlens {

bool looks_like_html(std::string_view path, std::string_view text);
std::string html_to_text(std::string_view html);

}  // namespace reportlens
