// bin/ddb/*: the table's life cycle and its contents (spec §4).
#include <algorithm>
#include <iostream>

#include "cli/commands.h"
#include "cli/output.h"
#include "client/protocol/dynamodb_json.h"
#include "messaging/messages_repo.h"
#include "seed/seed.h"

namespace cruddur {
namespace {

// Sends `body` to `op` and returns the answer as the service wrote it (the scripts print it).
AppResult<std::string> Call(Context& ctx, const char* op, const std::string& body) {
  DDB_ASSIGN_OR_RETURN(auto* client, ctx.Dynamo());
  auto answer = client->Call(op, body);
  if (!answer.ok()) return AppError::FromClient(answer.error());
  return std::move(answer).value();
}

AppStatus Print(const AppResult<std::string>& answer, JsonStyle style) {
  if (!answer.ok()) return answer.error();
  DDB_ASSIGN_OR_RETURN(std::string pretty, PrettyJson(*answer, style));
  std::cout << pretty << "\n";
  return AppStatus::OK();
}

AppResult<int> SchemaLoad(Context& ctx) {
  DDB_RETURN_IF_ERROR(
      Print(Call(ctx, "CreateTable", ddb::client::ToJson(MessagesTableSchema(kMessagesTable))),
            kPythonJson));
  return 0;
}

AppResult<std::vector<std::string>> TableNames(Context& ctx) {
  DDB_ASSIGN_OR_RETURN(auto* client, ctx.Dynamo());
  auto names = client->ListTables();
  if (!names.ok()) return AppError::FromClient(names.error());
  return std::move(names).value();
}

AppResult<int> ListTables(Context& ctx) {
  DDB_ASSIGN_OR_RETURN(auto names, TableNames(ctx));
  std::cout << AsciiTable("ListTables", names);
  return 0;
}

AppResult<int> Drop(Context& ctx) {
  if (ctx.args().empty()) {
    std::cout << "No TABLE_NAME argument supplied eg ./bin/ddb/drop cruddur-messages prod \n";
    return 1;
  }
  const std::string& table = ctx.args()[0];
  std::cout << "deleting table: " << table << "\n";
  DDB_RETURN_IF_ERROR(
      Print(Call(ctx, "DeleteTable", ddb::client::TableNameJson(table)), kAwsCliJson));
  return 0;
}

AppResult<int> DescribeTable(Context& ctx) {
  if (ctx.args().empty()) {
    std::cout << "No TABLE_NAME argument supplied eg ./bin/ddb/describe-table cruddur-messages "
                 "prod \n";
    return 1;
  }
  DDB_RETURN_IF_ERROR(
      Print(Call(ctx, "DescribeTable", ddb::client::TableNameJson(ctx.args()[0])), kAwsCliJson));
  return 0;
}

AppResult<int> Seed(Context& ctx) {
  DDB_ASSIGN_OR_RETURN(auto* client, ctx.Dynamo());
  DDB_ASSIGN_OR_RETURN(auto users, ctx.Users());
  DDB_ASSIGN_OR_RETURN(SeedOutcome outcome, SeedConversation(*client, *users, kMessagesTable));
  if (outcome.already_seeded) {
    std::cout << outcome.note << "\n";
  } else {
    std::cout << "seeded " << outcome.messages_written << " messages of conversation "
              << kSeedGroupUuid << " between andrewbrown and bayko\n";
  }
  return 0;
}

AppResult<int> Setup(Context& ctx) {
  DDB_ASSIGN_OR_RETURN(auto* client, ctx.Dynamo());
  DDB_ASSIGN_OR_RETURN(auto names, TableNames(ctx));
  if (std::find(names.begin(), names.end(), kMessagesTable) != names.end()) {
    std::cout << "deleting table: " << kMessagesTable << "\n";
    auto deleted = client->DeleteTable(kMessagesTable);
    if (!deleted.ok()) return AppError::FromClient(deleted.error());
  }
  auto created = client->CreateTable(MessagesTableSchema(kMessagesTable));
  if (!created.ok()) return AppError::FromClient(created.error());
  std::cout << "created table: " << kMessagesTable << "\n";
  return Seed(ctx);
}

AppResult<int> Scan(Context& ctx) {
  DDB_ASSIGN_OR_RETURN(auto* client, ctx.Dynamo());
  ddb::client::ScanRequest request{.table = kMessagesTable};
  do {
    auto page = client->Scan(request);
    if (!page.ok()) return AppError::FromClient(page.error());
    for (const auto& item : page->items) std::cout << PythonRepr(item) << "\n";
    request.start_key = std::move(page->last_key);
  } while (request.start_key);
  return 0;
}

}  // namespace

void AddDdbCommands(std::vector<Command>* out) {
  out->push_back({"ddb schema-load", "[prod]",
                  "create table cruddur-messages (index, stream); print the answer", SchemaLoad});
  out->push_back({"ddb list-tables", "[prod]", "the tables, as the AWS CLI's table", ListTables});
  out->push_back({"ddb drop", "TABLE [prod]", "delete a table", Drop});
  out->push_back({"ddb describe-table", "TABLE [prod]", "describe a table", DescribeTable});
  out->push_back({"ddb seed", "[prod]", "write the seeded conversation (once)", Seed});
  out->push_back({"ddb setup", "[prod]", "drop if present, create, seed", Setup});
  out->push_back({"ddb scan", "[prod]", "every item of cruddur-messages", Scan});
}

}  // namespace cruddur
