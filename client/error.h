// ClientError: every failure the DynamoDB client reports, as a value.
//
// A service error carries DynamoDB's error type (the part of `__type` after '#', e.g.
// "ConditionalCheckFailedException") and message exactly as the service sent them; the other
// kinds describe what went wrong before an answer could be read. ToString() is one line a person
// can act on. The DynamoDB client (client/dynamodb_client.h) also reads the details some errors
// carry: the item of a failed condition, the reasons of a cancelled transaction.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"
#include "core/value.h"

namespace ddb::client {

struct ClientError {
  enum class Kind {
    kService,        // The service answered with an error: `type`, `message`, `http_status`.
    kConnection,     // Could not connect, or the connection broke (refused, reset, TLS failure).
    kTimeout,        // Connecting or waiting for the answer took longer than allowed.
    kBadResponse,    // An answer that is not DynamoDB's (bad JSON, CRC32 mismatch).
    kConfiguration,  // No credentials, no region, a bad endpoint URL.
    kUnprocessed,    // A batch the service kept leaving partly unprocessed (throttling).
  };
  Kind kind = Kind::kService;
  std::string type;
  std::string message;
  int http_status = 0;
  // kService: the error answer's JSON text, as sent.
  std::string body;
  // ConditionalCheckFailedException sent with ReturnValuesOnConditionCheckFailure ALL_OLD: the
  // item as it was (null when there was none).
  std::shared_ptr<const Value> item;
  // TransactionCanceledException: one reason per action, in request order ("None" for actions
  // that did not fail).
  std::vector<CancellationReason> reasons;

  // Whether this is the service's error of type `error_type` ("ResourceNotFoundException").
  bool Is(std::string_view error_type) const {
    return kind == Kind::kService && type == error_type;
  }
  bool IsConditionFailed() const { return Is("ConditionalCheckFailedException"); }
  bool IsTransactionCanceled() const { return Is("TransactionCanceledException"); }
  bool IsNotFound() const { return Is("ResourceNotFoundException"); }
  // The service refused for load (throttling or capacity), after the client's retries.
  bool IsThrottled() const {
    return Is("ProvisionedThroughputExceededException") || Is("ThrottlingException") ||
           Is("RequestLimitExceeded");
  }

  static ClientError Service(std::string type, std::string message, int status,
                             std::string body = {}) {
    ClientError e = Of(Kind::kService, std::move(message));
    e.type = std::move(type);
    e.http_status = status;
    e.body = std::move(body);
    return e;
  }
  static ClientError Connection(std::string message) {
    return Of(Kind::kConnection, std::move(message));
  }
  static ClientError Timeout(std::string message) { return Of(Kind::kTimeout, std::move(message)); }
  static ClientError BadResponse(std::string message) {
    return Of(Kind::kBadResponse, std::move(message));
  }
  static ClientError Configuration(std::string message) {
    return Of(Kind::kConfiguration, std::move(message));
  }
  static ClientError Unprocessed(std::string message) {
    return Of(Kind::kUnprocessed, std::move(message));
  }

  // "ResourceNotFoundException: Requested resource not found" for service errors, else the
  // message alone.
  std::string ToString() const { return type.empty() ? message : type + ": " + message; }

 private:
  static ClientError Of(Kind kind, std::string message) {
    ClientError e;
    e.kind = kind;
    e.message = std::move(message);
    return e;
  }
};

template <class T>
using ClientResult = Result<T, ClientError>;
using ClientStatus = StatusOf<ClientError>;

}  // namespace ddb::client
