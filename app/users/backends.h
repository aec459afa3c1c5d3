// The two UsersDb backends, behind users_db.h's factory. Internal to app/users/.
#pragma once

#include "users/users_db.h"

namespace cruddur {

// Fills an empty uuid (random) and created_at (now).
User WithDefaults(User user);

AppResult<std::unique_ptr<UsersDb>> OpenSqliteUsersDb(const std::string& path, bool create);
AppStatus CreateSqliteDatabase(const std::string& path);
AppStatus DropSqliteDatabase(const std::string& path);

AppResult<std::unique_ptr<UsersDb>> OpenPostgresUsersDb(const std::string& url);
AppStatus CreatePostgresDatabase(const std::string& url);
AppStatus DropPostgresDatabase(const std::string& url);

}  // namespace cruddur
