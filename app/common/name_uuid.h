// Name-based UUIDs (version 5 layout: SHA-1 of the name): the same name always gives the same
// UUID, so seeded rows and items keep their ids when a seed runs again.
#pragma once

#include <string>
#include <string_view>

namespace cruddur {

std::string NameUuid(const std::string& name);

// Whether `text` has a UUID's shape (8-4-4-4-12 hex digits, either case). Ids from requests are
// checked before they become keys: anything else cannot name a row.
bool IsUuid(std::string_view text);

}  // namespace cruddur
