// bin/ddb/*: the table's life cycle and its contents (spec §4).
#include <simdjson.h>

#include <iostream>

#include "cli/commands.h"
#include "cli/output.h"
#include "messaging/ddb_json.h"
#include "messaging/messages_repo.h"
#include "protocol/json_writer.h"
#include "protocol/value_json.h"
#include "seed/seed.h"

namespace cruddur {
namespace {

using ddb::protocol::JsonWriter;

AppResult<std::string> Call(Context& ctx, const char* op, const std::string& body) {
  DDB_ASSIGN_OR_RETURN(auto* client, ctx.Dynamo());
  auto answer = client->Call(op, body);
  if (!answer.ok()) return AppError::FromClient(answer.error());
  return std::move(answer).value();
}

std::string TableBody(const std::string& table) {
  std::string body;
  JsonWriter w(&body);
  w.BeginObject();
  w.Member("TableName", table);
  w.EndObject();
  return body;
}

AppStatus Print(const AppResult<std::string>& answer, JsonStyle style) {
  if (!answer.ok()) return answer.error();
  DDB_ASSIGN_OR_RETURN(std::string pretty, PrettyJson(*answer, style));
  std::cout << pretty << "\n";
  return AppStatus::OK();
}

AppResult<int> SchemaLoad(Context& ctx) {
  DDB_RETURN_IF_ERROR(
      Print(Call(ctx, "CreateTable", TableSchemaJson(kMessagesTable)), kPythonJson));
  return 0;
}

AppResult<std::vector<std::string>> TableNames(Context& ctx) {
  std::vector<std::string> names;
  std::optional<std::string> start;
  do {
    std::string body;
    JsonWriter w(&body);
    w.BeginObject();
    if (start) w.Member("ExclusiveStartTableName", *start);
    w.EndObject();
    DDB_ASSIGN_OR_RETURN(std::string answer, Call(ctx, "ListTables", body));
    simdjson::dom::parser parser;
    simdjson::dom::object obj;
    if (parser.parse(answer).get(obj) != simdjson::SUCCESS) {
      return AppError::Internal("unexpected ListTables answer");
    }
    simdjson::dom::array list;
    if (obj["TableNames"].get(list) == simdjson::SUCCESS) {
      for (auto name : list) names.emplace_back(std::string_view(name));
    }
    std::string_view last;
    start.reset();
    if (obj["LastEvaluatedTableName"].get(last) == simdjson::SUCCESS) start = std::string(last);
  } while (start);
  return names;
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
  DDB_RETURN_IF_ERROR(Print(Call(ctx, "DeleteTable", TableBody(table)), kAwsCliJson));
  return 0;
}

AppResult<int> DescribeTable(Context& ctx) {
  if (ctx.args().empty()) {
    std::cout << "No TABLE_NAME argument supplied eg ./bin/ddb/describe-table cruddur-messages "
                 "prod \n";
    return 1;
  }
  DDB_RETURN_IF_ERROR(Print(Call(ctx, "DescribeTable", TableBody(ctx.args()[0])), kAwsCliJson));
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
  DDB_ASSIGN_OR_RETURN(auto names, TableNames(ctx));
  if (std::find(names.begin(), names.end(), kMessagesTable) != names.end()) {
    std::cout << "deleting table: " << kMessagesTable << "\n";
    DDB_RETURN_IF_ERROR(Call(ctx, "DeleteTable", TableBody(kMessagesTable)));
  }
  DDB_RETURN_IF_ERROR(Call(ctx, "CreateTable", TableSchemaJson(kMessagesTable)));
  std::cout << "created table: " << kMessagesTable << "\n";
  return Seed(ctx);
}

AppResult<int> Scan(Context& ctx) {
  std::optional<ddb::Item> start;
  do {
    std::string body;
    JsonWriter w(&body);
    w.BeginObject();
    w.Member("TableName", kMessagesTable);
    if (start) {
      w.Key("ExclusiveStartKey");
      ddb::protocol::WriteItem(w, *start);
    }
    w.EndObject();
    DDB_ASSIGN_OR_RETURN(std::string answer, Call(ctx, "Scan", body));
    DDB_ASSIGN_OR_RETURN(ItemPage page, ParseItemPage(answer));
    for (const auto& item : page.items) std::cout << PythonRepr(item) << "\n";
    start = std::move(page.last_key);
  } while (start);
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
