// The cruddur commands: one entry per seed script (spec §4), registered in one table.
// A command prints its output to stdout and returns the process's exit status; a failure is
// returned as an AppError, which main() prints as one line on stderr ("cruddur: ...", exit 1).
#pragma once

#include <string>
#include <vector>

#include "cli/context.h"

namespace cruddur {

struct Command {
  std::string name;   // "ddb patterns get-conversation"
  std::string usage;  // Arguments, for --help.
  std::string help;   // One line.
  AppResult<int> (*run)(Context& ctx);
};

// Every command, in --help order.
const std::vector<Command>& Commands();

// The commands of each group (ddb_commands.cc, db_commands.cc, ...).
void AddDdbCommands(std::vector<Command>* out);
void AddDdbPatternCommands(std::vector<Command>* out);
void AddDbCommands(std::vector<Command>* out);
void AddIdentityCommands(std::vector<Command>* out);
void AddStreamCommands(std::vector<Command>* out);
void AddServeCommands(std::vector<Command>* out);  // serve/serve.cc

// bin/db/update_cognito_user_ids, also the last step of bin/db/setup.
AppResult<int> UpdateCognitoUserIds(Context& ctx);

}  // namespace cruddur
