#pragma once

#include <filesystem>
#include <string_view>

namespace reportlens {

// Writes `content` to a temporary file beside `path`, flushes it and renames it over
// `path`, so readers see the old file or the new one, never half of one.
// Throws HostError(kOutput) on failure, after removing the temporary file.
void write_file_atomically(const std::filesystem::path& path, std::string_view content);

}  // namespace reportlens
