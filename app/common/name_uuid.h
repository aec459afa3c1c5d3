// Name-based UUIDs (version 5 layout: SHA-1 of the name): the same name always gives the same
// UUID, so seeded rows and items keep their ids when a seed runs again.
#pragma once

#include <string>

namespace cruddur {

std::string NameUuid(const std::string& name);

}  // namespace cruddur
