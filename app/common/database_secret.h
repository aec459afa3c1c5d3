// The embedded database's secret: `cruddur serve` runs its DynamoDB (ddb-server) with signature
// verification against a key pair of its own, so that another local process cannot write to
// it (add a message shown as someone else's). The pair lives in the data folder, readable by
// its owner only, in the AWS CLI's credentials format ([default] profile): the `cruddur`
// commands pick it up by themselves, and the AWS CLI uses it with
//   AWS_SHARED_CREDENTIALS_FILE=data/cruddur-ddb-credentials aws dynamodb ...
//   --endpoint-url http://localhost:8000
#pragma once

#include <optional>
#include <string>

#include "client/config.h"
#include "common/app_error.h"

namespace cruddur {

inline constexpr const char* kDatabaseSecretFile = "cruddur-ddb-credentials";

// Where the `cruddur` commands look for it: CRUDDUR_DDB_CREDENTIALS, else
// data/cruddur-ddb-credentials (the seed's scripts run from the project's folder).
std::string DatabaseSecretPath();

// The credentials in the file at `path`, creating it (mode 0600) with a fresh random pair when
// missing. Unavailable if it cannot be written or read.
AppResult<ddb::client::Credentials> EnsureDatabaseSecret(const std::string& path);

// The credentials in the file at `path`; nullopt if there is no such file.
AppResult<std::optional<ddb::client::Credentials>> ReadDatabaseSecret(const std::string& path);

}  // namespace cruddur
