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

#include "core/result.h"
#include "core/value.h"
#include "expr/parser.h"

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

// `d` as an int64, its fraction dropped, clamped to the int64 range (a JSON number may be any
// double; converting one out of range is undefined behaviour).
int64_t SaturatingInt64(double d);

// The table a TableName member names: the name itself (checked by protocol/shape.h), or the name
// part of a table ARN ("arn:<partition>:dynamodb:<region>:<account>:table/<name>"), as the
// service accepts wherever it takes a TableName. A malformed ARN is a ValidationException.
Result<std::string> TableNameOf(const std::optional<std::string>& name);

}  // namespace ddb::protocol
