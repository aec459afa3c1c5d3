// For the application's tests against a live server: a fresh messages table (MessagesTableSchema)
// on the server CRUDDUR_TEST_ENDPOINT names (tests/app/test_repo.py starts one). nullopt when
// the variable is unset, so that callers skip; a failure to create the table fails the test.
#pragma once

#include <gtest/gtest.h>

#include <cstdlib>
#include <memory>
#include <optional>
#include <string>

#include "core/uuid.h"
#include "messaging/messages_repo.h"

namespace cruddur {

struct LiveTable {
  std::unique_ptr<ddb::client::DynamoDbClient> client;
  std::string table;
};

inline std::optional<LiveTable> MakeLiveTable(const std::string& prefix) {
  const char* endpoint = std::getenv("CRUDDUR_TEST_ENDPOINT");
  if (endpoint == nullptr) return std::nullopt;
  ddb::client::ClientOptions options;
  options.endpoint_url = endpoint;
  auto client = ddb::client::DynamoDbClient::Create(options);
  if (!client.ok()) {
    ADD_FAILURE() << client.error().ToString();
    return std::nullopt;
  }
  LiveTable live{std::move(client).value(), prefix + ddb::RandomUuid()};
  auto created = live.client->CreateTable(MessagesTableSchema(live.table));
  if (!created.ok()) ADD_FAILURE() << created.error().ToString();
  return live;
}

}  // namespace cruddur
