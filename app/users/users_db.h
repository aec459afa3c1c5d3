// UsersDb: the Cruddur users directory (spec §1), on SQLite (the embedded default: a file, no
// server) or PostgreSQL (CONNECTION_URL=postgresql://...), with one schema and the same rules on
// both: uuid primary key, unique handle, unique email, unique Cognito user id when set.
// Every query is parameterised. Open() connects; each instance is used by one thread at a time
// (the HTTP API keeps one per worker).
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "common/app_error.h"

namespace cruddur {

struct User {
  std::string uuid;
  std::string display_name;
  std::string handle;
  std::string email;
  std::string cognito_user_id;  // Empty until set from the identity provider.
  std::string created_at;       // ISO-8601 UTC.
};

// The seed users (spec §4), in order, with stable uuids.
const std::vector<User>& SeedUsers();

// A LIKE pattern (with ESCAPE '\\') matching what starts with `prefix` in lower case: the
// prefix lower-cased, its '%', '_' and '\\' escaped, then '%'. For the backends' Search.
std::string LowerPrefixPattern(const std::string& prefix);

// A database connection. Returned by value from each backend's session; errors as values.
class UsersDb {
 public:
  virtual ~UsersDb() = default;

  // Creates the users table and its indexes, replacing any existing one (schema-load).
  virtual AppStatus LoadSchema() = 0;
  // Whether the users table exists (a first start creates it; LoadSchema would replace it).
  virtual AppResult<bool> HasSchema() = 0;
  // Inserts `user` (uuid and created_at generated when empty). Conflict if the handle, email or
  // Cognito id is taken.
  virtual AppStatus Insert(const User& user) = 0;
  virtual AppResult<std::optional<User>> FindByHandle(const std::string& handle) = 0;
  virtual AppResult<std::optional<User>> FindByUuid(const std::string& uuid) = 0;
  virtual AppResult<std::optional<User>> FindByCognitoId(const std::string& sub) = 0;
  virtual AppResult<std::vector<User>> List() = 0;
  // Up to `limit` users whose handle or display name starts with `prefix` (ASCII letters in any
  // case; '%' and '_' are plain characters), other than `exclude_uuid`, by handle.
  virtual AppResult<std::vector<User>> Search(const std::string& prefix,
                                              const std::string& exclude_uuid, int limit) = 0;
  // Sets a user's Cognito id; NotFound if no user has `handle`.
  virtual AppStatus SetCognitoId(const std::string& handle, const std::string& sub) = 0;
  // The server's client sessions, one line each (`bin/db/sessions`); SQLite has none.
  virtual AppResult<std::vector<std::string>> Sessions() = 0;
};

// Where the users database is, from CONNECTION_URL: "postgresql://..." (or "postgres://"),
// "sqlite:PATH", or unset for the embedded default "sqlite:data/cruddur-users.db".
struct UsersDbLocation {
  bool postgres = false;
  std::string url;          // PostgreSQL connection URI, as libpq takes it.
  std::string sqlite_path;  // SQLite file.
  // For messages, logs and the health check: the URL with any password replaced by "***".
  std::string Describe() const;
};
AppResult<UsersDbLocation> LocateUsersDb(const std::optional<std::string>& connection_url);

// Opens a connection. Unavailable (with the location) if the database does not exist or the
// server cannot be reached.
AppResult<std::unique_ptr<UsersDb>> OpenUsersDb(const UsersDbLocation& where);

// Creates / drops the database itself (bin/db/create, bin/db/drop): for PostgreSQL the database
// named in the URL, through the server's "postgres" maintenance database; for SQLite the file.
AppStatus CreateUsersDatabase(const UsersDbLocation& where);
AppStatus DropUsersDatabase(const UsersDbLocation& where);

}  // namespace cruddur
