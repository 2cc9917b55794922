// The four entity kinds of the output contract (spec/output-format.md).
#pragma once

#include <optional>
#include <string_view>

namespace reportlens::entities {

enum class EntityKind { kCompany, kIndustrialPark, kPublicPark, kZone };

// "company" | "industrial_park" | "public_park" | "zone"; nullopt for anything else.
std::optional<EntityKind> parse_kind(std::string_view name);
std::string_view kind_name(EntityKind kind);

}  // namespace reportlens::entities
