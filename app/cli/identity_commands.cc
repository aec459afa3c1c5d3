// bin/cognito/list-users and bin/db/update_cognito_user_ids (spec §4): the identity provider's
// users, and copying their ids into the users database. `prod` = the Cognito user pool
// (AWS_COGNITO_USER_POOL_ID); otherwise the app's local pool (identity/identity_pool.h).
#include <iostream>
#include <map>

#include "cli/commands.h"
#include "cli/output.h"
#include "core/json_writer.h"
#include "identity/identity_pool.h"
#include "serve/first_start.h"

namespace cruddur {
namespace {

using ddb::JsonWriter;

AppResult<std::unique_ptr<IdentityPool>> Pool(const Context& ctx) {
  if (ctx.prod()) return OpenCognitoPool();
  DDB_ASSIGN_OR_RETURN(auto pool, LocalIdentityPool::Open(ctx.IdentityDbPath(), false));
  return std::unique_ptr<IdentityPool>(std::move(pool));
}

// The users as Cognito's ListUsers shows them (the attributes the seed's script asks for).
std::string UsersJson(const std::vector<Identity>& users) {
  std::string out;
  JsonWriter w(&out);
  w.BeginArray();
  for (const auto& u : users) {
    w.BeginObject();
    w.Key("Attributes");
    w.BeginArray();
    for (const auto& [name, value] : {std::pair{"preferred_username", u.handle}, {"sub", u.sub}}) {
      w.BeginObject();
      w.Member("Name", name);
      w.Member("Value", value);
      w.EndObject();
    }
    w.EndArray();
    w.MemberBool("Enabled", true);
    w.Member("UserCreateDate", u.created_at);
    w.Member("UserStatus", "CONFIRMED");
    w.Member("Username", u.username);
    w.EndObject();
  }
  w.EndArray();
  return out;
}

AppResult<int> ListUsers(Context& ctx) {
  DDB_ASSIGN_OR_RETURN(auto pool, Pool(ctx));
  DDB_ASSIGN_OR_RETURN(auto users, pool->ListUsers());
  DDB_ASSIGN_OR_RETURN(std::string listed, PrettyJson(UsersJson(users), kPythonJson));
  std::cout << listed << "\n";
  std::string map;
  JsonWriter w(&map);
  w.BeginObject();
  for (const auto& u : users) w.Member(u.handle, u.sub);
  w.EndObject();
  DDB_ASSIGN_OR_RETURN(std::string subs, PrettyJson(map, kPythonJson));
  std::cout << subs << "\n";
  return 0;
}

}  // namespace

AppResult<int> UpdateCognitoUserIds(Context& ctx) {
  DDB_ASSIGN_OR_RETURN(auto pool, Pool(ctx));
  DDB_ASSIGN_OR_RETURN(auto users, ctx.Users());
  DDB_ASSIGN_OR_RETURN(auto linked, LinkIdentities(*pool, *users));
  for (const auto& id : linked) std::cout << "---- " << id.handle << " " << id.sub << "\n";
  return 0;
}

void AddIdentityCommands(std::vector<Command>* out) {
  out->push_back({"cognito list-users", "[prod]", "the identity provider's users", ListUsers});
  out->push_back({"db update-cognito-user-ids", "[prod]",
                  "set users.cognito_user_id from the identity provider", UpdateCognitoUserIds});
}

}  // namespace cruddur
