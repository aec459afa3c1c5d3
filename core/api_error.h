// ApiError: the one error type of the request path.
//
// Every failure a client can see is an ApiError: a kind (which fixes DynamoDB's __type string and
// HTTP status; protocol/encode.h's EncodeError is the only place it is rendered) and a message
// worded as DynamoDB words it. Factories name the kinds so call sites read like the API reference.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace ddb {

struct Value;  // core/value.h; a ConditionalCheckFailed error may carry the old item (a map).

// On-the-wire error kinds. Not persisted, so the numbering is free to change.
enum class ErrorKind {
  kValidation,
  kResourceNotFound,
  kResourceInUse,
  kConditionalCheckFailed,
  kSerialization,
  kUnknownOperation,
  kMissingAuthenticationToken,
  kUnrecognizedClient,
  kIncompleteSignature,
  kInvalidSignature,
  kRequestTooLarge,
  kLimitExceeded,
  kTransactionCanceled,
  kExpiredIterator,
  kTableNotFound,
  kTrimmedDataAccess,
  kIdempotentParameterMismatch,
  kDuplicateItem,
  kItemCollectionSizeLimitExceeded,
  kInternal,
};

// Why one action of a cancelled transaction failed ("None" if it did not).
struct CancellationReason {
  std::string code;
  std::string message;
  std::shared_ptr<const Value> item;  // With ReturnValuesOnConditionCheckFailure=ALL_OLD.
};

struct ApiError {
  ApiError() = default;
  ApiError(ErrorKind k, std::string msg, std::shared_ptr<const Value> old_item = nullptr)
      : kind(k), message(std::move(msg)), item(std::move(old_item)) {}

  ErrorKind kind = ErrorKind::kInternal;
  std::string message;
  // Set only for ConditionalCheckFailed when ReturnValuesOnConditionCheckFailure=ALL_OLD and the
  // item existed. Shared so that copying an error stays cheap.
  std::shared_ptr<const Value> item;
  // Set only for TransactionCanceled: one reason per action, in request order.
  std::shared_ptr<const std::vector<CancellationReason>> reasons;

  static ApiError Validation(std::string msg) {
    return {ErrorKind::kValidation, std::move(msg), {}};
  }
  static ApiError NotFound(std::string msg) {
    return {ErrorKind::kResourceNotFound, std::move(msg), {}};
  }
  static ApiError InUse(std::string msg) { return {ErrorKind::kResourceInUse, std::move(msg), {}}; }
  // The table operations' ResourceNotFoundException, which names the table (the item
  // operations' says only "Requested resource not found").
  static ApiError NoTableNamed(std::string_view name) {
    return NotFound("Requested resource not found: Table: " + std::string(name) + " not found");
  }
  static ApiError ConditionFailed(std::shared_ptr<const Value> old_item = nullptr) {
    return {ErrorKind::kConditionalCheckFailed, "The conditional request failed",
            std::move(old_item)};
  }
  static ApiError Serialization(std::string msg) {
    return {ErrorKind::kSerialization, std::move(msg), {}};
  }
  // The service's answer to an unknown X-Amz-Target has no message at all; to a method other
  // than POST, "Only POST is supported".
  static ApiError UnknownOperation(std::string msg = "") {
    return {ErrorKind::kUnknownOperation, std::move(msg), {}};
  }
  static ApiError MissingToken() {
    return {ErrorKind::kMissingAuthenticationToken, "Request is missing Authentication Token", {}};
  }
  static ApiError IncompleteSignature(std::string msg) {
    return {ErrorKind::kIncompleteSignature, std::move(msg), {}};
  }
  // The access key is unknown ("...invalid."), or its session token does not match (no period).
  static ApiError UnrecognizedClient(
      std::string msg = "The security token included in the request is invalid.") {
    return {ErrorKind::kUnrecognizedClient, std::move(msg), {}};
  }
  static ApiError InvalidSignature(std::string msg) {
    return {ErrorKind::kInvalidSignature, std::move(msg), {}};
  }
  static ApiError RequestTooLarge() {
    return {ErrorKind::kRequestTooLarge, "Request entity too large", {}};
  }
  static ApiError LimitExceeded(std::string msg) {
    return {ErrorKind::kLimitExceeded, std::move(msg), {}};
  }
  // DescribeContinuousBackups and UpdateContinuousBackups name a missing table so.
  static ApiError TableNotFound(std::string_view name) {
    return {ErrorKind::kTableNotFound, "Table not found: " + std::string(name), {}};
  }
  // GetRecords with an iterator older than 15 minutes: no message.
  static ApiError ExpiredIterator() { return {ErrorKind::kExpiredIterator, "", {}}; }
  static ApiError TrimmedDataAccess() {
    return {ErrorKind::kTrimmedDataAccess,
            "The operation attempted to read past the oldest stream record in a shard.",
            {}};
  }
  // A PartiQL INSERT of a key that exists (INSERT is not an upsert).
  static ApiError DuplicateItem() {
    return {ErrorKind::kDuplicateItem, "Duplicate primary key exists in table", {}};
  }
  // A ClientRequestToken reused with a different request: no message.
  static ApiError IdempotentMismatch() { return {ErrorKind::kIdempotentParameterMismatch, "", {}}; }
  static ApiError CollectionTooLarge() {
    return {ErrorKind::kItemCollectionSizeLimitExceeded, "Collection size exceeded.", {}};
  }
  static ApiError Internal(std::string msg) { return {ErrorKind::kInternal, std::move(msg), {}}; }
  static ApiError TransactionCanceled(std::vector<CancellationReason> reasons) {
    std::string msg =
        "Transaction cancelled, please refer cancellation reasons for specific reasons [";
    for (size_t i = 0; i < reasons.size(); ++i) msg += (i ? ", " : "") + reasons[i].code;
    msg += "]";
    ApiError e{ErrorKind::kTransactionCanceled, std::move(msg), {}};
    e.reasons = std::make_shared<const std::vector<CancellationReason>>(std::move(reasons));
    return e;
  }
};

}  // namespace ddb
