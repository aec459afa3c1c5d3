// The users directory on a PostgreSQL server (CONNECTION_URL=postgresql://...), through libpq.
#include <libpq-fe.h>

#include <boost/url/parse.hpp>
#include <boost/url/url.hpp>

#include "users/backends.h"

namespace cruddur {
namespace {

constexpr const char* kSchema = R"sql(
DROP TABLE IF EXISTS public.users;
CREATE TABLE public.users (
  uuid UUID PRIMARY KEY,
  display_name TEXT NOT NULL,
  handle TEXT NOT NULL UNIQUE,
  email TEXT NOT NULL UNIQUE,
  cognito_user_id TEXT UNIQUE,
  created_at TIMESTAMPTZ NOT NULL DEFAULT current_timestamp
);
)sql";

constexpr const char* kColumns =
    "SELECT uuid::text, display_name, handle, email, COALESCE(cognito_user_id, ''), "
    "to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.US') || '+00:00' "
    "FROM public.users ";

// A query result, cleared on destruction.
class PgResult {
 public:
  explicit PgResult(PGresult* r) : r_(r) {}
  ~PgResult() { PQclear(r_); }
  PgResult(const PgResult&) = delete;
  PgResult& operator=(const PgResult&) = delete;
  ExecStatusType status() const { return PQresultStatus(r_); }
  std::string State() const {
    const char* s = PQresultErrorField(r_, PG_DIAG_SQLSTATE);
    return s ? s : "";
  }
  std::string Constraint() const {
    const char* s = PQresultErrorField(r_, PG_DIAG_CONSTRAINT_NAME);
    return s ? s : "";
  }
  std::string Message() const { return PQresultErrorMessage(r_); }
  int rows() const { return PQntuples(r_); }
  std::string Get(int row, int col) const { return PQgetvalue(r_, row, col); }
  std::string AffectedRows() const { return PQcmdTuples(r_); }

 private:
  PGresult* r_;
};

// libpq's messages span lines ("...failed: Connection refused\n\tIs the server running...").
std::string OneLine(const std::string& s) {
  std::string out;
  for (char c : s) {
    if (c == '\n' || c == '\t' || c == ' ') {
      if (!out.empty() && out.back() != ' ') out.push_back(' ');
    } else {
      out.push_back(c);
    }
  }
  while (!out.empty() && out.back() == ' ') out.pop_back();
  return out;
}

// Connects; Unavailable with libpq's reason if the server or database cannot be reached.
AppResult<PGconn*> Connect(const std::string& url) {
  PGconn* conn = PQconnectdb(url.c_str());
  if (PQstatus(conn) != CONNECTION_OK) {
    std::string m = OneLine(PQerrorMessage(conn));
    PQfinish(conn);
    return AppError::Unavailable("cannot connect to the users database: " + m);
  }
  return conn;
}

class PostgresUsersDb final : public UsersDb {
 public:
  explicit PostgresUsersDb(PGconn* conn) : conn_(conn) {}
  ~PostgresUsersDb() override { PQfinish(conn_); }

  AppStatus LoadSchema() override {
    PgResult r(PQexec(conn_, kSchema));
    if (r.status() != PGRES_COMMAND_OK) return Failure("cannot load the schema", r);
    return AppStatus::OK();
  }

  AppStatus Insert(const User& user) override {
    User u = WithDefaults(user);
    PgResult r = Exec(
        "INSERT INTO public.users (uuid, display_name, handle, email, cognito_user_id, "
        "created_at) VALUES ($1, $2, $3, $4, NULLIF($5, ''), $6)",
        {u.uuid, u.display_name, u.handle, u.email, u.cognito_user_id, u.created_at});
    if (r.State() == "23505") return ConflictFor(u, r.Constraint());
    if (r.status() != PGRES_COMMAND_OK) return Failure("cannot insert user " + u.handle, r);
    return AppStatus::OK();
  }

  AppResult<std::optional<User>> FindByHandle(const std::string& handle) override {
    return FindOne("WHERE handle = $1", handle);
  }
  AppResult<std::optional<User>> FindByUuid(const std::string& uuid) override {
    return FindOne("WHERE uuid::text = $1", uuid);
  }
  AppResult<std::optional<User>> FindByCognitoId(const std::string& sub) override {
    return FindOne("WHERE cognito_user_id = $1", sub);
  }

  AppResult<bool> HasSchema() override {
    PgResult r = Exec("SELECT to_regclass('users') IS NOT NULL", {});
    if (r.status() != PGRES_TUPLES_OK || r.rows() != 1) return Failure("cannot read the schema", r);
    return r.Get(0, 0) == "t";
  }

  AppResult<std::vector<User>> Search(const std::string& prefix, const std::string& exclude_uuid,
                                      int limit) override {
    PgResult r = Exec(std::string(kColumns) +
                          "WHERE (lower(handle) LIKE $1 ESCAPE '\\' OR lower(display_name) LIKE $1 "
                          "ESCAPE '\\') AND uuid::text <> $2 ORDER BY handle LIMIT $3::int",
                      {LowerPrefixPattern(prefix), exclude_uuid, std::to_string(limit)});
    if (r.status() != PGRES_TUPLES_OK) return Failure("cannot search users", r);
    std::vector<User> users;
    users.reserve(static_cast<size_t>(r.rows()));
    for (int i = 0; i < r.rows(); ++i) users.push_back(Row(r, i));
    return users;
  }

  AppResult<std::vector<User>> List() override {
    PgResult r = Exec(std::string(kColumns) + "ORDER BY created_at, handle", {});
    if (r.status() != PGRES_TUPLES_OK) return Failure("cannot list users", r);
    std::vector<User> users;
    users.reserve(static_cast<size_t>(r.rows()));
    for (int i = 0; i < r.rows(); ++i) users.push_back(Row(r, i));
    return users;
  }

  AppStatus SetCognitoId(const std::string& handle, const std::string& sub) override {
    PgResult r = Exec("UPDATE public.users SET cognito_user_id = NULLIF($1, '') WHERE handle = $2",
                      {sub, handle});
    if (r.State() == "23505") return AppError::Conflict("cognito user id " + sub + " is taken");
    if (r.status() != PGRES_COMMAND_OK) return Failure("cannot update user " + handle, r);
    if (r.AffectedRows() == "0") return AppError::NotFound("no user with handle " + handle);
    return AppStatus::OK();
  }

  AppResult<std::vector<std::string>> Sessions() override {
    PgResult r = Exec(
        "SELECT pid::text, COALESCE(usename, ''), COALESCE(datname, ''), "
        "COALESCE(client_addr::text, 'local'), COALESCE(application_name, ''), "
        "COALESCE(state, '') FROM pg_stat_activity WHERE datname IS NOT NULL ORDER BY pid",
        {});
    if (r.status() != PGRES_TUPLES_OK) return Failure("cannot list sessions", r);
    std::vector<std::string> lines;
    for (int i = 0; i < r.rows(); ++i) {
      std::string line;
      for (int c = 0; c < 6; ++c) line += (c ? " | " : "") + r.Get(i, c);
      lines.push_back(std::move(line));
    }
    return lines;
  }

 private:
  PgResult Exec(const std::string& sql, const std::vector<std::string>& params) {
    std::vector<const char*> values;
    values.reserve(params.size());
    for (const auto& p : params) values.push_back(p.c_str());
    return PgResult(PQexecParams(conn_, sql.c_str(), static_cast<int>(params.size()), nullptr,
                                 values.data(), nullptr, nullptr, 0));
  }
  static AppError Failure(const std::string& what, const PgResult& r) {
    return AppError::Unavailable("users database: " + what + ": " + OneLine(r.Message()));
  }
  static User Row(const PgResult& r, int i) {
    return User{r.Get(i, 0), r.Get(i, 1), r.Get(i, 2), r.Get(i, 3), r.Get(i, 4), r.Get(i, 5)};
  }
  AppResult<std::optional<User>> FindOne(const char* where, const std::string& value) {
    PgResult r = Exec(std::string(kColumns) + where, {value});
    if (r.status() != PGRES_TUPLES_OK) return Failure("cannot query users", r);
    if (r.rows() == 0) return std::optional<User>();
    return std::optional<User>(Row(r, 0));
  }
  static AppError ConflictFor(const User& u, const std::string& constraint) {
    if (constraint.find("handle") != std::string::npos) {
      return AppError::Conflict("handle " + u.handle + " is taken");
    }
    if (constraint.find("email") != std::string::npos) {
      return AppError::Conflict("email " + u.email + " is taken");
    }
    return AppError::Conflict("user " + u.handle + " conflicts with an existing user");
  }

  PGconn* conn_;
};

// The URL of the server's maintenance database and the name of the database in `url`.
AppResult<std::pair<std::string, std::string>> Maintenance(const std::string& url) {
  auto parsed = boost::urls::parse_uri(url);
  if (!parsed) return AppError::Invalid("invalid CONNECTION_URL: " + parsed.error().message());
  boost::urls::url u(*parsed);
  std::string name = u.path();
  if (!name.empty() && name.front() == '/') name.erase(0, 1);
  if (name.empty()) return AppError::Invalid("CONNECTION_URL names no database: " + url);
  u.set_path("/postgres");
  return std::make_pair(std::string(u.buffer()), name);
}

AppStatus OnMaintenance(const std::string& url, const char* verb, const char* suffix) {
  DDB_ASSIGN_OR_RETURN(auto target, Maintenance(url));
  DDB_ASSIGN_OR_RETURN(PGconn * conn, Connect(target.first));
  char* ident = PQescapeIdentifier(conn, target.second.c_str(), target.second.size());
  std::string sql = std::string(verb) + " " + ident + suffix;
  PQfreemem(ident);
  PgResult r(PQexec(conn, sql.c_str()));
  AppStatus status;
  if (r.status() != PGRES_COMMAND_OK) {
    status = AppError::Unavailable("cannot " + std::string(verb) + " " + target.second + ": " +
                                   OneLine(r.Message()));
  }
  PQfinish(conn);
  return status;
}

}  // namespace

AppResult<std::unique_ptr<UsersDb>> OpenPostgresUsersDb(const std::string& url) {
  DDB_ASSIGN_OR_RETURN(PGconn * conn, Connect(url));
  return std::unique_ptr<UsersDb>(std::make_unique<PostgresUsersDb>(conn));
}

AppStatus CreatePostgresDatabase(const std::string& url) {
  return OnMaintenance(url, "CREATE DATABASE", "");
}

AppStatus DropPostgresDatabase(const std::string& url) {
  return OnMaintenance(url, "DROP DATABASE IF EXISTS", "");
}

}  // namespace cruddur
