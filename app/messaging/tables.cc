#include "messaging/tables.h"

#include <thread>

namespace cruddur {

AppResult<std::string> TableStatus(ddb::client::DynamoDbClient& client, const std::string& table) {
  auto described = client.DescribeTable(table);
  if (!described.ok()) {
    if (described.error().IsNotFound()) return std::string();
    return AppError::FromClient(described.error());
  }
  if (described->status.empty()) {
    return AppError::Internal("DescribeTable answered without a TableStatus");
  }
  return std::move(described->status);
}

AppResult<bool> EnsureTable(ddb::client::DynamoDbClient& client,
                            const ddb::client::CreateTableRequest& create,
                            std::chrono::seconds wait) {
  const std::string& table = create.table;
  DDB_ASSIGN_OR_RETURN(std::string status, TableStatus(client, table));
  bool created = false;
  if (status.empty()) {
    auto answer = client.CreateTable(create);
    if (!answer.ok() && !answer.error().Is("ResourceInUseException")) {
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
