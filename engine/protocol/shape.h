// Request shapes: the service's validation layer, run before any operation looks at a request.
//
// DynamoDB validates every request against its API model before the operation runs: first the
// JSON types of the members it knows (a wrong type is a SerializationException), then the
// parameters it requires ("The parameter 'X' is required but was not present in the request"),
// then every member's constraints (length, range, pattern, enum, not null), reported together
// as "N validation errors detected: ...; ..." with the member's path as the service spells it
// (`keySchema.1.member.keyType`). Only then do the operations' own (semantic) checks run.
//
// The shapes are data: `shapes.cc` is generated from the AWS SDKs' published DynamoDB model by
// tools/gen_shapes.py, in the order in which the service reports members. Thread-safe: shapes
// are immutable constants.
#pragma once

#include <simdjson.h>

#include <cstdint>
#include <optional>
#include <string_view>

#include "core/result.h"
#include "core/value_json.h"

namespace ddb::protocol {

enum class ShapeType : uint8_t {
  kString,
  kInteger,  // Java Integer
  kLong,     // Java Long
  kDouble,
  kBoolean,
  kBlob,  // base64 text
  kList,
  kMap,
  kStructure,
  kAttributeValue,  // opaque here: the item decoders validate attribute values themselves
};

struct ShapeMember;

struct Shape {
  ShapeType type;
  // The Java class the service names in messages about a structure ("KeySchemaElement").
  std::string_view name = {};
  int64_t min_length = -1;  // strings (UTF-16 units, here bytes of ASCII), lists, maps
  int64_t max_length = -1;
  bool has_min = false;  // numbers
  bool has_max = false;
  int64_t min_value = 0;
  int64_t max_value = 0;
  std::string_view pattern = {};  // printed as the service prints it; see MatchesPattern
  // A table name or a table ARN: names are checked against the constraints above, ARNs
  // ("arn:...") only for the model's length of 1 to 1024.
  bool table_name_or_arn = false;
  const std::string_view* enum_values = nullptr;
  size_t enum_count = 0;
  const Shape* element = nullptr;  // list member, map value
  const Shape* key = nullptr;      // map key
  const ShapeMember* members = nullptr;
  size_t member_count = 0;
};

struct ShapeMember {
  std::string_view name;  // as on the wire ("TableName"); messages use it with a lower first letter
  const Shape* shape;
  bool required;  // the model's "required": a constraint "Member must not be null"
};

struct OperationShape {
  const Shape* input;
  // Members whose absence the service reports as "The parameter 'X' is required but was not
  // present in the request" before any constraint (the control plane's older style).
  const std::string_view* required_parameters = nullptr;
  size_t required_count = 0;
  // Said instead of that sentence, where the operation words it its own way ("Invalid TableArn").
  std::string_view missing_message = {};
};

// The length of UTF-8 `text` as the service's Java strings measure it (UTF-16 code units), which
// is what the model's length constraints count.
size_t Utf16Length(std::string_view text);

// The operation's request shape, or nullptr for an operation without one. `operation` is the
// name after the target's dot ("PutItem").
const OperationShape* FindOperationShape(std::string_view operation);

// Checks `request` against `shape`. Returns the first SerializationException, else the
// required-parameter error, else one ValidationException listing up to ten constraint
// violations in the service's order, else OK. Members the model does not know are ignored,
// as the service ignores them.
[[nodiscard]] Status ValidateRequest(const OperationShape& shape, simdjson::dom::object request);

}  // namespace ddb::protocol
