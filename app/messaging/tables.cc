#include "messaging/tables.h"

#include <simdjson.h>

#include <thread>

#include "protocol/json_writer.h"

namespace cruddur {

AppResult<std::string> TableStatus(ddb::client::DynamoDbClient& client, const std::string& table) {
  std::string body = R"({"TableName":)";
  ddb::protocol::AppendJsonString(table, &body);
  body += "}";
  auto described = client.Call("DescribeTable", body);
  if (!described.ok()) {
    if (described.error().type == "ResourceNotFoundException") return std::string();
    return AppError::FromClient(described.error());
  }
  simdjson::dom::parser parser;
  std::string_view status;
  if (parser.parse(*described)["Table"]["TableStatus"].get(status) != simdjson::SUCCESS) {
    return AppError::Internal("DescribeTable answered without a TableStatus");
  }
  return std::string(status);
}

AppResult<bool> EnsureTable(ddb::client::DynamoDbClient& client, const std::string& table,
                            const std::string& create_json, std::chrono::seconds wait) {
  DDB_ASSIGN_OR_RETURN(std::string status, TableStatus(client, table));
  bool created = false;
  if (status.empty()) {
    auto answer = client.Call("CreateTable", create_json);
    if (!answer.ok() && answer.error().type != "ResourceInUseException") {
      return AppError::FromClient(answer.error());
    }
    created = answer.ok();
  }
  auto deadline = std::chrono::steady_clock::now() + wait;
  while (status != "ACTIVE") {
    if (std::chrono::steady_clock::now() > deadline) {
      std::string message = "table " + table;
      message += " is not ACTIVE yet (" + (status.empty() ? "being created" : status) + ")";
      return AppError::Unavailable(message);
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(status.empty() ? 50 : 500));
    DDB_ASSIGN_OR_RETURN(status, TableStatus(client, table));
  }
  return created;
}

}  // namespace cruddur
