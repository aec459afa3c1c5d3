// A stored item (item/codec.h's encoding) written as DynamoDB JSON without decoding it first:
// the read path's fast way to answer GetItem, Query and Scan. Thread-safe (stateless).
#pragma once

#include <string_view>

#include "core/json_writer.h"

namespace ddb::protocol {

// Writes `encoded` exactly as WriteItem (core/value_json.h) writes the decoded item. Returns
// false on corrupt input, having written part of it.
[[nodiscard]] bool WriteEncodedItem(JsonWriter& w, std::string_view encoded);

}  // namespace ddb::protocol
