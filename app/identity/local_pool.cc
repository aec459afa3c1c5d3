#include <sqlite3.h>

#include <cstdlib>
#include <filesystem>

#include "common/private_file.h"
#include "common/sqlite.h"
#include "common/time_format.h"
#include "core/uuid.h"
#include "identity/identity_pool.h"
#include "identity/password.h"

namespace cruddur {

struct LocalIdentityPool::Db {
  sqlite3* db = nullptr;
  std::string path;
  ~Db() { sqlite3_close(db); }
  AppError Failure(const std::string& what) const {
    return AppError::Unavailable("identity pool " + path + ": " + what + ": " + sqlite3_errmsg(db));
  }
};

namespace {

constexpr const char* kSchema = R"sql(
CREATE TABLE IF NOT EXISTS identities (
  sub TEXT PRIMARY KEY,
  handle TEXT NOT NULL UNIQUE,
  email TEXT NOT NULL UNIQUE,
  password_hash TEXT NOT NULL,
  created_at TEXT NOT NULL
);
)sql";

constexpr const char* kColumns =
    "SELECT sub, handle, email, created_at, password_hash FROM identities ";

Identity Row(SqliteStatement& st) {
  return Identity{st.Column(0), st.Column(1), st.Column(1), st.Column(2), st.Column(3)};
}

}  // namespace

LocalIdentityPool::LocalIdentityPool(std::unique_ptr<Db> db) : db_(std::move(db)) {}
LocalIdentityPool::~LocalIdentityPool() = default;

AppResult<std::unique_ptr<LocalIdentityPool>> LocalIdentityPool::Open(const std::string& path,
                                                                      bool create) {
  auto db = std::make_unique<Db>();
  db->path = path;
  if (create) {
    std::error_code ec;
    auto parent = std::filesystem::path(path).parent_path();
    if (!parent.empty()) std::filesystem::create_directories(parent, ec);
  }
  MakePrivate(path, create);  // Best effort: open reports a file that cannot be created.
  const int flags =
      SQLITE_OPEN_READWRITE | SQLITE_OPEN_FULLMUTEX | (create ? SQLITE_OPEN_CREATE : 0);
  if (sqlite3_open_v2(path.c_str(), &db->db, flags, nullptr) != SQLITE_OK) {
    return AppError::Unavailable("cannot open the local identity pool " + path + ": " +
                                 sqlite3_errmsg(db->db) + (create ? "" : " (run bin/db/setup)"));
  }
  sqlite3_busy_timeout(db->db, 5000);
  if (sqlite3_exec(db->db, kSchema, nullptr, nullptr, nullptr) != SQLITE_OK) {
    return db->Failure("cannot create its table");
  }
  return std::unique_ptr<LocalIdentityPool>(new LocalIdentityPool(std::move(db)));
}

AppResult<std::vector<Identity>> LocalIdentityPool::ListUsers() {
  SqliteStatement st(db_->db, std::string(kColumns) + "ORDER BY created_at, handle");
  if (!st.ok()) return db_->Failure("cannot list identities");
  std::vector<Identity> out;
  while (st.Step() == SQLITE_ROW) out.push_back(Row(st));
  return out;
}

AppResult<std::optional<Identity>> LocalIdentityPool::Find(const std::string& sub) {
  SqliteStatement st(db_->db, std::string(kColumns) + "WHERE sub = ?1");
  if (!st.ok()) return db_->Failure("cannot look up identities");
  st.Bind(1, sub);
  if (st.Step() != SQLITE_ROW) return std::optional<Identity>();
  return std::optional<Identity>(Row(st));
}

AppResult<Identity> LocalIdentityPool::SignUp(const std::string& handle, const std::string& email,
                                              const std::string& password) {
  Identity id{ddb::RandomUuid(), handle, handle, email, NowIsoUtc()};
  const std::string hash = HashPassword(password);
  if (hash.empty()) return AppError::Unavailable("cannot hash the password (out of memory?)");
  SqliteStatement st(db_->db,
                     "INSERT INTO identities (sub, handle, email, password_hash, created_at) "
                     "VALUES (?1, ?2, ?3, ?4, ?5)");
  if (!st.ok()) return db_->Failure("cannot add an identity");
  st.Bind(1, id.sub).Bind(2, handle).Bind(3, email).Bind(4, hash);
  st.Bind(5, id.created_at);
  int rc = st.Step();
  if (rc == SQLITE_CONSTRAINT) return AppError::Conflict("identity " + handle + " exists");
  if (rc != SQLITE_DONE) return db_->Failure("cannot add identity " + handle);
  return id;
}

AppResult<std::optional<Identity>> LocalIdentityPool::Authenticate(const std::string& login,
                                                                   const std::string& password) {
  Identity id;
  std::string stored;
  {
    SqliteStatement st(db_->db, std::string(kColumns) + "WHERE handle = ?1 OR email = ?1");
    if (!st.ok()) return db_->Failure("cannot look up identities");
    st.Bind(1, login);
    if (st.Step() != SQLITE_ROW) {
      VerifyNothing(password);  // As long as a wrong password: who exists is not told by time.
      return std::optional<Identity>();
    }
    id = Row(st);
    stored = st.Column(4);
  }
  if (!VerifyPassword(password, stored)) return std::optional<Identity>();
  if (NeedsRehash(stored)) {
    // An older hash is replaced now that the password is known; if hashing or the update fails,
    // the old one stays and this is tried at the next sign-in.
    const std::string fresh = HashPassword(password);
    SqliteStatement up(db_->db, "UPDATE identities SET password_hash = ?1 WHERE sub = ?2");
    if (!fresh.empty() && up.ok()) up.Bind(1, fresh).Bind(2, id.sub).Step();
  }
  return std::optional<Identity>(std::move(id));
}

std::string SeedPassword() {
  const char* v = std::getenv("CRUDDUR_SEED_PASSWORD");
  return v && *v ? v : "cruddur-demo-password";
}

}  // namespace cruddur
