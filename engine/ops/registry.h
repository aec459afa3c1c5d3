// The operation registry: the one table from X-Amz-Target operation name to the function that
// runs it.
#pragma once

#include <string_view>

#include "ops/handlers.h"

namespace ddb::ops {

struct Operation {
  OperationFn run = nullptr;
  // Writes wait for the WAL sync, so the server runs them off the threads that serve reads.
  bool is_write = false;
  // For operations that read or write by their body (PartiQL): whether this body may write.
  bool (*writes)(std::string_view body) = nullptr;
};

// The operation an X-Amz-Target names ("DynamoDB_20120810.PutItem",
// "DynamoDBStreams_20120810.GetRecords"); `run` is null if this server does not serve it.
Operation FindOperation(std::string_view target);

}  // namespace ddb::ops
