// The service's validation layer over a parsed request: JSON types, required parameters, then
// constraints. Wording and order: docs/notes/service-errors.md.
#include <algorithm>
#include <cctype>
#include <string>
#include <vector>

#include "protocol/shape.h"

namespace ddb::protocol {
namespace {

using ET = simdjson::dom::element_type;

constexpr size_t kMaxReported = 10;  // the service lists at most ten violations

// --- JSON types: the service's deserializer ---

std::string JavaClass(const Shape& shape) {
  switch (shape.type) {
    case ShapeType::kString:
      return "java.lang.String";
    case ShapeType::kInteger:
      return "java.lang.Integer";
    case ShapeType::kLong:
      return "java.lang.Long";
    case ShapeType::kDouble:
      return "java.lang.Double";
    case ShapeType::kBoolean:
      return "java.lang.Boolean";
    case ShapeType::kBlob:
      return "java.nio.ByteBuffer";
    case ShapeType::kList:
      return "java.util.List<" + JavaClass(*shape.element) + ">";
    case ShapeType::kMap:
      return "java.util.Map<java.lang.String, " + JavaClass(*shape.element) + ">";
    default:
      return "com.amazonaws.dynamodb.v20120810." + std::string(shape.name);
  }
}

std::string_view JavaType(ShapeType t) {
  switch (t) {
    case ShapeType::kString:
      return "String";
    case ShapeType::kInteger:
      return "Integer";
    case ShapeType::kLong:
      return "Long";
    case ShapeType::kDouble:
      return "Double";
    default:
      return "Boolean";
  }
}

// The scalar's token as the service's JSON codec names it.
std::string_view TokenName(const simdjson::dom::element& e) {
  switch (e.type()) {
    case ET::STRING:
      return "STRING_VALUE";
    case ET::BOOL:
      return e.get_bool().value() ? "TRUE_VALUE" : "FALSE_VALUE";
    case ET::DOUBLE:
      return "DECIMAL_VALUE";
    default:
      return "NUMBER_VALUE";
  }
}

bool IsNumber(ET t) { return t == ET::INT64 || t == ET::UINT64 || t == ET::DOUBLE; }

// A scalar member that got the wrong scalar.
std::string ScalarMismatch(const Shape& shape, const simdjson::dom::element& e) {
  ET et = e.type();
  switch (shape.type) {
    case ShapeType::kString:
      if (et == ET::STRING) return "";
      break;
    case ShapeType::kBlob:
      if (et == ET::STRING) return "";
      return "only base-64-encoded strings are convertible to bytes";
    case ShapeType::kBoolean:
      if (et == ET::BOOL) return "";
      if (et == ET::STRING) {
        if (BooleanFromText(e.get_string().value())) return "";
        return "Unexpected token received from parser";
      }
      break;
    default:  // numbers: the service floors decimals sent for integers
      if (IsNumber(et)) return "";
      break;
  }
  return std::string(TokenName(e)) + " cannot be converted to " + std::string(JavaType(shape.type));
}

// The deserializer's complaint about `e` where `shape` was expected, or "" if it fits.
// `in_collection`: the value is a list element or a map value, which the service's codec reads
// differently from a named member when a structure gets a scalar.
std::string TypeError(const Shape& shape, const simdjson::dom::element& e, bool in_collection) {
  ET et = e.type();
  if (et == ET::NULL_VALUE) return "";
  const bool is_list_shape = shape.type == ShapeType::kList;
  if (et == ET::ARRAY) {
    if (is_list_shape) return "";
    if (shape.type == ShapeType::kMap) return "Unrecognized collection type " + JavaClass(shape);
    return "Unrecognized collection type class " + JavaClass(shape);
  }
  if (et == ET::OBJECT) {
    if (shape.type == ShapeType::kMap || shape.type == ShapeType::kStructure ||
        shape.type == ShapeType::kAttributeValue) {
      return "";
    }
    return "Start of structure or map found where not expected";
  }
  if (is_list_shape || shape.type == ShapeType::kMap) return "Unexpected field type";
  if (shape.type == ShapeType::kStructure || shape.type == ShapeType::kAttributeValue) {
    return in_collection ? "Unexpected value type in payload" : "Unexpected field type";
  }
  return ScalarMismatch(shape, e);
}

std::string CheckTypes(const Shape& shape, const simdjson::dom::element& e, bool in_collection);

std::string CheckMemberTypes(const Shape& shape, simdjson::dom::object obj) {
  for (size_t i = 0; i < shape.member_count; ++i) {
    const ShapeMember& m = shape.members[i];
    simdjson::dom::element child;
    if (obj.at_key(m.name).get(child) != simdjson::SUCCESS) continue;
    std::string err = CheckTypes(*m.shape, child, false);
    if (!err.empty()) return err;
  }
  return "";
}

std::string CheckTypes(const Shape& shape, const simdjson::dom::element& e, bool in_collection) {
  std::string err = TypeError(shape, e, in_collection);
  if (!err.empty() || e.is_null()) return err;
  switch (shape.type) {
    case ShapeType::kList: {
      simdjson::dom::array arr = e.get_array().value();
      for (simdjson::dom::element child : arr) {
        err = CheckTypes(*shape.element, child, true);
        if (!err.empty()) return err;
      }
      return "";
    }
    case ShapeType::kMap: {
      simdjson::dom::object fields = e.get_object().value();
      for (auto field : fields) {
        err = CheckTypes(*shape.element, field.value, true);
        if (!err.empty()) return err;
      }
      return "";
    }
    case ShapeType::kStructure:
      return CheckMemberTypes(shape, e.get_object().value());
    default:
      return "";
  }
}

}  // namespace

size_t Utf16Length(std::string_view text) {
  size_t units = 0;
  for (unsigned char c : text) {
    if ((c & 0xC0) != 0x80) ++units;  // each character's first byte
    if (c >= 0xF0) ++units;           // a four-byte character is a surrogate pair
  }
  return units;
}

// Constraint walk (shape_constraints.cc).
void CollectViolations(const Shape& shape, simdjson::dom::object request, size_t limit,
                       std::vector<std::string>* out);

Status ValidateRequest(const OperationShape& op, simdjson::dom::object request) {
  std::string type_error = CheckMemberTypes(*op.input, request);
  if (!type_error.empty()) return ApiError::Serialization(std::move(type_error));
  for (size_t i = 0; i < op.required_count; ++i) {
    simdjson::dom::element e;
    if (request.at_key(op.required_parameters[i]).get(e) != simdjson::SUCCESS || e.is_null()) {
      if (!op.missing_message.empty()) return ApiError::Validation(std::string(op.missing_message));
      return ApiError::Validation("The parameter '" + std::string(op.required_parameters[i]) +
                                  "' is required but was not present in the request");
    }
  }
  if (op.required_count > 0) {
    // These operations check the name's length on its own, before the constraint list.
    std::string_view name;
    if (request.at_key("TableName").get(name) == simdjson::SUCCESS && !name.starts_with("arn:") &&
        (Utf16Length(name) < 3 || Utf16Length(name) > 255)) {
      return ApiError::Validation(
          "TableName must be at least 3 characters long and at most 255 characters long");
    }
  }
  std::vector<std::string> violations;
  CollectViolations(*op.input, request, kMaxReported, &violations);
  if (violations.empty()) return Status::OK();
  std::string msg =
      std::to_string(violations.size()) +
      (violations.size() == 1 ? " validation error detected: " : " validation errors detected: ");
  for (size_t i = 0; i < violations.size(); ++i) msg += (i ? "; " : "") + violations[i];
  return ApiError::Validation(std::move(msg));
}

}  // namespace ddb::protocol
