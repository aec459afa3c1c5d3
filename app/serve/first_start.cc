#include "serve/first_start.h"

#include <algorithm>

#include "messaging/messages_repo.h"
#include "messaging/tables.h"
#include "seed/seed.h"

namespace cruddur {

AppStatus EnsureUsersDb(const UsersDbLocation& where) {
  auto opened = OpenUsersDb(where);
  if (!opened.ok() && !where.postgres) {
    DDB_RETURN_IF_ERROR(CreateUsersDatabase(where));
    opened = OpenUsersDb(where);
  }
  if (!opened.ok()) return opened.error();
  UsersDb& users = **opened;
  DDB_ASSIGN_OR_RETURN(bool has_schema, users.HasSchema());
  if (!has_schema) DDB_RETURN_IF_ERROR(users.LoadSchema());
  for (const User& u : SeedUsers()) {
    DDB_ASSIGN_OR_RETURN(auto existing, users.FindByHandle(u.handle));
    if (!existing) DDB_RETURN_IF_ERROR(users.Insert(u));
  }
  return AppStatus::OK();
}

AppStatus EnsureLocalIdentities(LocalIdentityPool& pool) {
  DDB_ASSIGN_OR_RETURN(auto existing, pool.ListUsers());
  for (const User& u : SeedUsers()) {
    bool present = std::any_of(existing.begin(), existing.end(),
                               [&](const Identity& id) { return id.handle == u.handle; });
    if (!present) DDB_RETURN_IF_ERROR(pool.SignUp(u.handle, u.email, SeedPassword()));
  }
  return AppStatus::OK();
}

AppResult<std::vector<Identity>> LinkIdentities(IdentityPool& pool, UsersDb& users) {
  DDB_ASSIGN_OR_RETURN(auto identities, pool.ListUsers());
  std::vector<Identity> linked;
  for (const auto& id : identities) {
    if (id.handle.empty()) continue;
    auto status = users.SetCognitoId(id.handle, id.sub);
    if (!status.ok() && status.error().kind != AppError::Kind::kNotFound) return status.error();
    linked.push_back(id);
  }
  return linked;
}

AppResult<std::string> EnsureMessagesTable(ddb::client::DynamoDbClient& client, UsersDb& users,
                                           const std::string& table) {
  DDB_ASSIGN_OR_RETURN(bool created, EnsureTable(client, MessagesTableSchema(table)));
  std::string note = created ? "created table " + table + "; " : "";
  DDB_ASSIGN_OR_RETURN(SeedOutcome seeded, SeedConversation(client, users, table));
  return note + (seeded.already_seeded
                     ? std::string("conversation seeded before")
                     : "seeded " + std::to_string(seeded.messages_written) + " messages");
}

}  // namespace cruddur
