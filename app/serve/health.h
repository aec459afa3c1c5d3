// GET /api/health: whether each part the application depends on answers now. 200 when all do,
// 503 otherwise, with one JSON member per part:
//   {"status": "ok" | "degraded",
//    "database": {"ok", "endpoint", "table", "error"?},
//    "users_db": {"ok", "location", "error"?},
//    "stream_processor": {"ok", "running", "records_processed", "last_record_at", "error"?},
//    "unread_counter": {"ok", "backend", "error"?}}
// The stream processor is "ok" when it runs and its last round succeeded, or when it runs as its
// own process (`in_process` false). Each call checks live; thread-safe if the parts are.
#pragma once

#include "api/messaging_api.h"
#include "cache/unread_counter.h"
#include "client/dynamodb_client.h"
#include "streams/stream_processor.h"
#include "users/users_db_pool.h"

namespace cruddur {

struct HealthSources {
  ddb::client::DynamoDbClient* client = nullptr;
  std::string table;
  UsersDbPool* users = nullptr;
  const StreamProcessor* processor = nullptr;  // Null: it runs as its own process.
  UnreadCounter* unread = nullptr;
};

ApiResponse CheckHealth(const HealthSources& sources);

}  // namespace cruddur
