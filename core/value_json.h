// AttributeValue <-> DynamoDB JSON ({"S": "..."}, {"N": "..."}, {"M": {...}}, ...).
//
// Decoding validates as DynamoDB does (exactly one type per value, numbers in range, sets
// non-empty and without duplicates, NULL only true, nesting at most 32 levels) and returns a
// ValidationException or SerializationException worded as DynamoDB words it. Numbers are stored
// canonical (core/number.h). Thread-safe (stateless).
#pragma once

#include <simdjson.h>

#include <optional>
#include <string>

#include "core/json_writer.h"
#include "core/result.h"
#include "core/value.h"

namespace ddb {

inline constexpr int kMaxNestingDepth = 32;

Result<Value> DecodeValue(simdjson::dom::element json, int depth = 0);
// Decodes a JSON object of name -> AttributeValue (an item, a key, ExpressionAttributeValues).
Result<Item> DecodeItemJson(simdjson::dom::element json);

void WriteValue(JsonWriter& w, const Value& v);
void WriteItem(JsonWriter& w, const Item& item);

// A Boolean member sent as a string, as the service's codec reads it: "true", "yes" and "1" are
// true, "false", "no" and "0" false (any case); anything else is not a boolean.
std::optional<bool> BooleanFromText(std::string_view text);

std::string Base64Encode(std::string_view bytes);
// Returns false if `text` is not valid base64.
[[nodiscard]] bool Base64Decode(std::string_view text, std::string* out);

}  // namespace ddb
