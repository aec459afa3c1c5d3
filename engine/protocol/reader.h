// FieldReader: typed access to the members of a request object, with DynamoDB's errors.
//
// A member of the wrong JSON type is a SerializationException, as in DynamoDB; an absent member
// is an empty optional. Used only by the protocol decoders.
#pragma once

#include <simdjson.h>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/result.h"
#include "expr/parser.h"
#include "item/value.h"

namespace ddb::protocol {

class FieldReader {
 public:
  explicit FieldReader(simdjson::dom::object obj) : obj_(obj) {}

  bool Has(std::string_view key) const;
  Result<std::optional<std::string>> String(std::string_view key) const;
  Result<std::optional<int64_t>> Int(std::string_view key) const;
  Result<std::optional<bool>> Bool(std::string_view key) const;
  Result<std::optional<Item>> ItemMap(std::string_view key) const;
  // One AttributeValue member ({"S": ...}).
  Result<std::optional<Value>> AttributeValue(std::string_view key) const;
  Result<std::optional<expr::NameMap>> Names(std::string_view key) const;
  Result<std::optional<simdjson::dom::object>> Object(std::string_view key) const;
  Result<std::optional<simdjson::dom::array>> Array(std::string_view key) const;

 private:
  std::optional<simdjson::dom::element> Find(std::string_view key) const;
  simdjson::dom::object obj_;
};

// Collects constraint violations into DynamoDB's "N validation error(s) detected: ..." message.
class ValidationErrors {
 public:
  void Add(std::string message) { errors_.push_back(std::move(message)); }
  // "Value 'x' at 'tableName' failed to satisfy constraint: Member must ..." helpers.
  void NotNull(std::string_view field);
  void Constraint(std::string_view value, std::string_view field, std::string_view constraint);
  Status Finish() const;
  bool empty() const { return errors_.empty(); }

 private:
  std::vector<std::string> errors_;
};

// DynamoDB's check of a table or index name (3-255 characters of [a-zA-Z0-9_.-]); absent
// names fail it too.
Status CheckTableName(const std::optional<std::string>& name);

// The table a TableName member names: the name itself (checked by protocol/shape.h), or the name
// part of a table ARN ("arn:<partition>:dynamodb:<region>:<account>:table/<name>"), as the
// service accepts wherever it takes a TableName. A malformed ARN is a ValidationException.
Result<std::string> TableNameOf(const std::optional<std::string>& name);

// "Value 'ab' at 'tableName' ..." DynamoDB quotes strings; numbers and enums likewise.
std::string Quote(std::string_view value);

}  // namespace ddb::protocol
