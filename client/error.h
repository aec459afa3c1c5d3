// ClientError: every failure the DynamoDB client reports, as a value.
//
// A service error carries DynamoDB's error type (the part of `__type` after '#', e.g.
// "ConditionalCheckFailedException") and message exactly as the service sent them; the other
// kinds describe what went wrong before an answer could be read. ToString() is one line a person
// can act on.
#pragma once

#include <string>

#include "common/result.h"

namespace ddb::client {

struct ClientError {
  enum class Kind {
    kService,        // The service answered with an error: `type`, `message`, `http_status`.
    kConnection,     // Could not connect, or the connection broke (refused, reset, TLS failure).
    kTimeout,        // Connecting or waiting for the answer took longer than allowed.
    kBadResponse,    // An answer that is not DynamoDB's (bad JSON, CRC32 mismatch).
    kConfiguration,  // No credentials, no region, a bad endpoint URL.
  };
  Kind kind = Kind::kService;
  std::string type;
  std::string message;
  int http_status = 0;

  static ClientError Service(std::string type, std::string message, int status) {
    return {Kind::kService, std::move(type), std::move(message), status};
  }
  static ClientError Connection(std::string message) {
    return {Kind::kConnection, "", std::move(message), 0};
  }
  static ClientError Timeout(std::string message) {
    return {Kind::kTimeout, "", std::move(message), 0};
  }
  static ClientError BadResponse(std::string message) {
    return {Kind::kBadResponse, "", std::move(message), 0};
  }
  static ClientError Configuration(std::string message) {
    return {Kind::kConfiguration, "", std::move(message), 0};
  }

  // "ResourceNotFoundException: Requested resource not found" for service errors, else the
  // message alone.
  std::string ToString() const { return type.empty() ? message : type + ": " + message; }
};

template <class T>
using ClientResult = Result<T, ClientError>;
using ClientStatus = StatusOf<ClientError>;

}  // namespace ddb::client
