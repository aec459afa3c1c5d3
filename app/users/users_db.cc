#include "users/users_db.h"

#include <boost/url/parse.hpp>
#include <boost/url/url.hpp>

#include "common/name_uuid.h"
#include "common/time_format.h"
#include "core/uuid.h"
#include "users/backends.h"

namespace cruddur {

std::string LowerPrefixPattern(const std::string& prefix) {
  std::string pattern;
  for (char c : prefix) {
    if (c == '%' || c == '_' || c == '\\') pattern += '\\';
    pattern += (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
  }
  return pattern + "%";
}

const std::vector<User>& SeedUsers() {
  // Stable ids: a users database set up again keeps matching the seeded conversation.
  static const std::vector<User> kUsers = {
      {NameUuid("cruddur-user/andrewbrown"), "Andrew Brown", "andrewbrown", "andrew@exampro.co", "",
       ""},
      {NameUuid("cruddur-user/bayko"), "Andrew Bayko", "bayko", "bayko@exampro.co", "", ""},
      {NameUuid("cruddur-user/londo"), "Londo Mollari", "londo", "lmollari@centari.com", "", ""},
  };
  return kUsers;
}

User WithDefaults(User user) {
  if (user.uuid.empty()) user.uuid = ddb::RandomUuid();
  if (user.created_at.empty()) user.created_at = NowIsoUtc();
  return user;
}

AppResult<UsersDbLocation> LocateUsersDb(const std::optional<std::string>& connection_url) {
  UsersDbLocation where;
  std::string url = connection_url.value_or("");
  if (url.empty()) url = "sqlite:data/cruddur-users.db";
  if (url.starts_with("postgresql://") || url.starts_with("postgres://")) {
    where.postgres = true;
    where.url = url;
  } else if (url.starts_with("sqlite:")) {
    where.sqlite_path = url.substr(7);
    if (where.sqlite_path.starts_with("//")) where.sqlite_path.erase(0, 2);  // sqlite:///abs
    if (where.sqlite_path.empty()) return AppError::Invalid("CONNECTION_URL names no file: " + url);
  } else {
    return AppError::Invalid("CONNECTION_URL must start with postgresql:// or sqlite: (got '" +
                             url + "')");
  }
  return where;
}

AppResult<std::unique_ptr<UsersDb>> OpenUsersDb(const UsersDbLocation& where) {
  if (where.postgres) return OpenPostgresUsersDb(where.url);
  return OpenSqliteUsersDb(where.sqlite_path, false);
}

AppStatus CreateUsersDatabase(const UsersDbLocation& where) {
  return where.postgres ? CreatePostgresDatabase(where.url)
                        : CreateSqliteDatabase(where.sqlite_path);
}

AppStatus DropUsersDatabase(const UsersDbLocation& where) {
  return where.postgres ? DropPostgresDatabase(where.url) : DropSqliteDatabase(where.sqlite_path);
}

std::string UsersDbLocation::Describe() const {
  if (!postgres) return sqlite_path;
  auto parsed = boost::urls::parse_uri(url);
  if (!parsed || !parsed->has_password()) return url;
  boost::urls::url redacted(*parsed);
  redacted.set_password("***");
  return std::string(redacted.buffer());
}

}  // namespace cruddur
