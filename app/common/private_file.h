// Files only their owner may read: the identity pool, the users database, the signing key and
// the embedded database's secret hold what no other account on the machine should see.
#pragma once

#include <string>

namespace cruddur {

// Sets `path` to mode 0600, first creating it empty when `create` and it does not exist (SQLite
// takes an empty file for a new database and gives its journals the database's mode). False if
// the file is missing (and not created) or its mode cannot be set.
bool MakePrivate(const std::string& path, bool create);

}  // namespace cruddur
