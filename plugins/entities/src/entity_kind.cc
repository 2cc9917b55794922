#include "entity_kind.h"

namespace reportlens::entities {

std::optional<EntityKind> parse_kind(std::string_view name) {
  if (name == "company") return EntityKind::kCompany;
  if (name == "industrial_park") return EntityKind::kIndustrialPark;
  if (name == "public_park") return EntityKind::kPublicPark;
  if (name == "zone") return EntityKind::kZone;
  return std::nullopt;
}

std::string_view kind_name(EntityKind kind) {
  switch (kind) {
    case EntityKind::kCompany: return "company";
    case EntityKind::kIndustrialPark: return "industrial_park";
    case EntityKind::kPublicPark: return "public_park";
    case EntityKind::kZone: return "zone";
  }
  return "company";
}

}  // namespace reportlens::entities
