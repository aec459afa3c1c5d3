// bin/db/*: the users database (spec §4), on SQLite or PostgreSQL (users/users_db.h).
#include <unistd.h>

#include <iostream>

#include "cli/commands.h"
#include "identity/identity_pool.h"
#include "serve/first_start.h"
#include "users/users_db.h"

namespace cruddur {
namespace {

AppResult<int> Create(Context& ctx) {
  DDB_ASSIGN_OR_RETURN(auto where, ctx.UsersLocation());
  DDB_RETURN_IF_ERROR(CreateUsersDatabase(where));
  std::cout << "created users database: " << where.Describe() << "\n";
  return 0;
}

AppResult<int> Drop(Context& ctx) {
  DDB_ASSIGN_OR_RETURN(auto where, ctx.UsersLocation());
  DDB_RETURN_IF_ERROR(DropUsersDatabase(where));
  std::cout << "dropped users database: " << where.Describe() << "\n";
  return 0;
}

AppResult<int> SchemaLoad(Context& ctx) {
  DDB_ASSIGN_OR_RETURN(auto users, ctx.Users());
  DDB_RETURN_IF_ERROR(users->LoadSchema());
  std::cout << "loaded the users schema\n";
  return 0;
}

AppResult<int> Seed(Context& ctx) {
  DDB_ASSIGN_OR_RETURN(auto users, ctx.Users());
  for (const User& u : SeedUsers()) {
    DDB_ASSIGN_OR_RETURN(auto existing, users->FindByHandle(u.handle));
    if (existing) {
      std::cout << "user " << u.handle << " already present\n";
      continue;
    }
    DDB_RETURN_IF_ERROR(users->Insert(u));
    std::cout << "added user " << u.handle << "\n";
  }
  return 0;
}

AppResult<int> Setup(Context& ctx) {
  DDB_ASSIGN_OR_RETURN(auto where, ctx.UsersLocation());
  DDB_RETURN_IF_ERROR(DropUsersDatabase(where));
  DDB_RETURN_IF_ERROR(CreateUsersDatabase(where));
  DDB_ASSIGN_OR_RETURN(auto users, OpenUsersDb(where));
  DDB_RETURN_IF_ERROR(users->LoadSchema());
  for (const User& u : SeedUsers()) DDB_RETURN_IF_ERROR(users->Insert(u));
  std::cout << "users database ready: " << where.Describe() << " (" << SeedUsers().size()
            << " users)\n";
  if (!ctx.prod()) {
    DDB_ASSIGN_OR_RETURN(auto pool, LocalIdentityPool::Open(ctx.IdentityDbPath(), true));
    DDB_RETURN_IF_ERROR(EnsureLocalIdentities(*pool));
  }
  return UpdateCognitoUserIds(ctx);
}

AppResult<int> Connect(Context& ctx) {
  DDB_ASSIGN_OR_RETURN(auto where, ctx.UsersLocation());
  std::cout.flush();
  // Hand the terminal to the database's own shell.
  if (where.postgres) {
    execlp("psql", "psql", where.url.c_str(), static_cast<char*>(nullptr));
    return AppError::Unavailable("cannot run psql (apt-get install postgresql-client)");
  }
  // sqlite3 would create a missing file: refuse, as every other command does.
  DDB_RETURN_IF_ERROR(OpenUsersDb(where));
  std::cout.flush();
  execlp("sqlite3", "sqlite3", where.sqlite_path.c_str(), static_cast<char*>(nullptr));
  return AppError::Unavailable("cannot run sqlite3 (apt-get install sqlite3)");
}

AppResult<int> Sessions(Context& ctx) {
  DDB_ASSIGN_OR_RETURN(auto where, ctx.UsersLocation());
  if (!where.postgres) {
    std::cout << "no sessions: " << where.sqlite_path
              << " is an embedded SQLite database (no server)\n";
    return 0;
  }
  DDB_ASSIGN_OR_RETURN(auto users, OpenUsersDb(where));
  DDB_ASSIGN_OR_RETURN(auto lines, users->Sessions());
  std::cout << "process_id | user | db | client_addr | app | state\n";
  for (const auto& line : lines) std::cout << line << "\n";
  return 0;
}

}  // namespace

void AddDbCommands(std::vector<Command>* out) {
  out->push_back({"db create", "", "create the users database", Create});
  out->push_back({"db drop", "", "drop the users database", Drop});
  out->push_back({"db schema-load", "", "(re)create the users table", SchemaLoad});
  out->push_back({"db seed", "", "add the seed users", Seed});
  out->push_back({"db setup", "", "drop, create, schema-load and seed", Setup});
  out->push_back({"db connect", "", "open the database's shell (psql or sqlite3)", Connect});
  out->push_back({"db sessions", "", "the PostgreSQL server's sessions", Sessions});
}

}  // namespace cruddur
