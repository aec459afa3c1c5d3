// Tables the application creates for itself on the database it is given (ddb-server, DynamoDB
// Local or the real service, which takes seconds to make a table ACTIVE).
#pragma once

#include <chrono>
#include <string>

#include "client/dynamodb_client.h"
#include "common/app_error.h"

namespace cruddur {

// The table's status ("ACTIVE", "CREATING", ...), or "" when it does not exist.
AppResult<std::string> TableStatus(ddb::client::DynamoDbClient& client, const std::string& table);

// Creates table `create.table` when it does not exist, then waits up to `wait` for it to be
// ACTIVE (Unavailable after that). Returns true if it was created now.
AppResult<bool> EnsureTable(ddb::client::DynamoDbClient& client,
                            const ddb::client::CreateTableRequest& create,
                            std::chrono::seconds wait = std::chrono::seconds(60));

}  // namespace cruddur
