// The legacy (pre-expression) API: Expected with ConditionalOperator, AttributeUpdates,
// AttributesToGet, KeyConditions, QueryFilter and ScanFilter.
//
// The legacy parameters are translated into the equivalent expressions with generated
// placeholders (#lN, :lN), so one evaluator serves both APIs; where legacy semantics differ
// (NOT_CONTAINS is false on a missing attribute; ADD of a list appends) the translation says so.
// A request mixing both styles is rejected with DynamoDB's message.
#pragma once

#include <optional>
#include <string>

#include "core/result.h"
#include "protocol/reader.h"
#include "protocol/requests.h"

namespace ddb::protocol {

struct LegacyExpressions {
  bool present = false;                      // The request used legacy parameters.
  std::optional<std::string> condition;      // Expected (+ ConditionalOperator)
  std::optional<std::string> update;         // AttributeUpdates
  std::optional<std::string> key_condition;  // KeyConditions
  std::optional<std::string> filter;         // QueryFilter / ScanFilter (+ ConditionalOperator)
  std::optional<std::string> projection;     // AttributesToGet
};

// Translates the legacy parameters of `r`, adding the generated placeholders to `attrs`.
// `absent` completes the message for ExpressionAttributeValues given without expressions.
// Errors are DynamoDB's ValidationExceptions for malformed legacy parameters and for mixing.
Result<LegacyExpressions> TranslateLegacy(const FieldReader& r, ExpressionAttributes* attrs,
                                          std::string_view absent);

}  // namespace ddb::protocol
