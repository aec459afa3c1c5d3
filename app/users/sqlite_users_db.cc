// The users directory in a SQLite file (the embedded default).
#include <sqlite3.h>

#include <filesystem>

#include "common/private_file.h"
#include "common/sqlite.h"
#include "common/time_format.h"
#include "users/backends.h"

namespace cruddur {
namespace {

constexpr const char* kSchema = R"sql(
DROP TABLE IF EXISTS users;
CREATE TABLE users (
  uuid TEXT PRIMARY KEY,
  display_name TEXT NOT NULL,
  handle TEXT NOT NULL UNIQUE,
  email TEXT NOT NULL UNIQUE,
  cognito_user_id TEXT UNIQUE,
  created_at TEXT NOT NULL
);
)sql";

constexpr const char* kColumns =
    "SELECT uuid, display_name, handle, email, COALESCE(cognito_user_id, ''), created_at "
    "FROM users ";

using Statement = SqliteStatement;

class SqliteUsersDb final : public UsersDb {
 public:
  SqliteUsersDb(sqlite3* db, std::string path) : db_(db), path_(std::move(path)) {}
  ~SqliteUsersDb() override { sqlite3_close(db_); }

  AppStatus LoadSchema() override {
    char* message = nullptr;
    if (sqlite3_exec(db_, kSchema, nullptr, nullptr, &message) != SQLITE_OK) {
      std::string m = message ? message : "unknown error";
      sqlite3_free(message);
      return Failure("cannot load the schema: " + m);
    }
    return AppStatus::OK();
  }

  AppResult<bool> HasSchema() override {
    Statement st(db_, "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'users'");
    if (!st.ok()) return Failure("cannot read the schema");
    return st.Step() == SQLITE_ROW;
  }

  AppStatus Insert(const User& user) override {
    Statement st(db_,
                 "INSERT INTO users (uuid, display_name, handle, email, cognito_user_id, "
                 "created_at) VALUES (?1, ?2, ?3, ?4, NULLIF(?5, ''), ?6)");
    if (!st.ok()) return Failure("cannot insert");
    User u = WithDefaults(user);
    st.Bind(1, u.uuid).Bind(2, u.display_name).Bind(3, u.handle).Bind(4, u.email);
    st.Bind(5, u.cognito_user_id).Bind(6, u.created_at);
    int rc = st.Step();
    if (rc == SQLITE_CONSTRAINT) return ConflictFor(u);
    if (rc != SQLITE_DONE) return Failure("cannot insert user " + u.handle);
    return AppStatus::OK();
  }

  AppResult<std::optional<User>> FindByHandle(const std::string& handle) override {
    return FindOne("WHERE handle = ?1", handle);
  }
  AppResult<std::optional<User>> FindByUuid(const std::string& uuid) override {
    return FindOne("WHERE uuid = ?1", uuid);
  }
  AppResult<std::optional<User>> FindByCognitoId(const std::string& sub) override {
    return FindOne("WHERE cognito_user_id = ?1", sub);
  }

  AppResult<std::vector<User>> List() override {
    Statement st(db_, std::string(kColumns) + "ORDER BY created_at, handle");
    if (!st.ok()) return Failure("cannot list users");
    std::vector<User> users;
    while (st.Step() == SQLITE_ROW) users.push_back(Row(st));
    return users;
  }

  AppResult<std::vector<User>> Search(const std::string& prefix, const std::string& exclude_uuid,
                                      int limit) override {
    Statement st(db_, std::string(kColumns) +
                          "WHERE (lower(handle) LIKE ?1 ESCAPE '\\' OR lower(display_name) LIKE ?1 "
                          "ESCAPE '\\') AND uuid <> ?2 ORDER BY handle LIMIT CAST(?3 AS INTEGER)");
    if (!st.ok()) return Failure("cannot search users");
    st.Bind(1, LowerPrefixPattern(prefix)).Bind(2, exclude_uuid).Bind(3, std::to_string(limit));
    std::vector<User> users;
    while (st.Step() == SQLITE_ROW) users.push_back(Row(st));
    return users;
  }

  AppStatus SetCognitoId(const std::string& handle, const std::string& sub) override {
    Statement st(db_, "UPDATE users SET cognito_user_id = NULLIF(?1, '') WHERE handle = ?2");
    if (!st.ok()) return Failure("cannot update");
    st.Bind(1, sub).Bind(2, handle);
    int rc = st.Step();
    if (rc == SQLITE_CONSTRAINT) return AppError::Conflict("cognito user id " + sub + " is taken");
    if (rc != SQLITE_DONE) return Failure("cannot update user " + handle);
    if (sqlite3_changes(db_) == 0) return AppError::NotFound("no user with handle " + handle);
    return AppStatus::OK();
  }

  AppResult<std::vector<std::string>> Sessions() override {
    return std::vector<std::string>{};  // An embedded database has no client sessions.
  }

 private:
  AppError Failure(const std::string& what) {
    return AppError::Unavailable("users database " + path_ + ": " + what + ": " +
                                 sqlite3_errmsg(db_));
  }
  static User Row(Statement& st) {
    return User{st.Column(0), st.Column(1), st.Column(2), st.Column(3), st.Column(4), st.Column(5)};
  }
  AppResult<std::optional<User>> FindOne(const char* where, const std::string& value) {
    Statement st(db_, std::string(kColumns) + where);
    if (!st.ok()) return Failure("cannot query users");
    st.Bind(1, value);
    int rc = st.Step();
    if (rc == SQLITE_ROW) return std::optional<User>(Row(st));
    if (rc != SQLITE_DONE) return Failure("cannot query users");
    return std::optional<User>();
  }
  AppError ConflictFor(const User& u) {
    std::string m = sqlite3_errmsg(db_);
    if (m.find("handle") != std::string::npos)
      return AppError::Conflict("handle " + u.handle + " is taken");
    if (m.find("email") != std::string::npos)
      return AppError::Conflict("email " + u.email + " is taken");
    return AppError::Conflict("user " + u.handle + " conflicts with an existing user: " + m);
  }

  sqlite3* db_;
  std::string path_;
};

}  // namespace

AppResult<std::unique_ptr<UsersDb>> OpenSqliteUsersDb(const std::string& path, bool create) {
  sqlite3* db = nullptr;
  MakePrivate(path, create);  // Best effort: open reports a file that cannot be created.
  const int flags =
      SQLITE_OPEN_READWRITE | SQLITE_OPEN_FULLMUTEX | (create ? SQLITE_OPEN_CREATE : 0);
  if (sqlite3_open_v2(path.c_str(), &db, flags, nullptr) != SQLITE_OK) {
    std::string m = db ? sqlite3_errmsg(db) : "out of memory";
    sqlite3_close(db);
    return AppError::Unavailable("cannot open users database " + path + ": " + m +
                                 (create ? "" : " (create it with bin/db/setup)"));
  }
  sqlite3_busy_timeout(db, 5000);
  sqlite3_exec(db, "PRAGMA journal_mode=WAL", nullptr, nullptr, nullptr);
  return std::unique_ptr<UsersDb>(std::make_unique<SqliteUsersDb>(db, path));
}

AppStatus CreateSqliteDatabase(const std::string& path) {
  std::error_code ec;
  auto parent = std::filesystem::path(path).parent_path();
  if (!parent.empty()) std::filesystem::create_directories(parent, ec);
  if (ec) return AppError::Unavailable("cannot create " + parent.string() + ": " + ec.message());
  auto db = OpenSqliteUsersDb(path, true);
  if (!db.ok()) return std::move(db).error();
  return AppStatus::OK();
}

AppStatus DropSqliteDatabase(const std::string& path) {
  std::error_code ec;
  for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(path + suffix, ec);
  if (ec) return AppError::Unavailable("cannot remove " + path + ": " + ec.message());
  return AppStatus::OK();
}

}  // namespace cruddur
