// AttributeValue <-> DynamoDB JSON ({"S": "..."}, {"N": "..."}, {"M": {...}}, ...).
//
// Decoding validates as DynamoDB does (exactly one type per value, numbers in range, sets
// non-empty and without duplicates, NULL only true, nesting at most 32 levels) and returns a
// ValidationException or SerializationException worded as DynamoDB words it. Numbers are stored
// canonical (item/number.h). Thread-safe (stateless).
#pragma once

#include <simdjson.h>

#include <string>

#include "common/result.h"
#include "item/value.h"
#include "protocol/json_writer.h"

namespace ddb::protocol {

inline constexpr int kMaxNestingDepth = 32;

Result<Value> DecodeValue(simdjson::dom::element json, int depth = 0);
// Decodes a JSON object of name -> AttributeValue (an item, a key, ExpressionAttributeValues).
Result<Item> DecodeItemJson(simdjson::dom::element json);

void WriteValue(JsonWriter& w, const Value& v);
void WriteItem(JsonWriter& w, const Item& item);
// Writes a stored item (item/codec.h encoding) exactly as WriteItem writes it decoded, without
// decoding it. Returns false on corrupt input, having written part of it.
[[nodiscard]] bool WriteEncodedItem(JsonWriter& w, std::string_view encoded);

std::string Base64Encode(std::string_view bytes);
// Returns false if `text` is not valid base64.
[[nodiscard]] bool Base64Decode(std::string_view text, std::string* out);

}  // namespace ddb::protocol
