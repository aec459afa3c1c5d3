// The compact binary encoding of items stored in RocksDB.
//
// Grammar (varint = LEB128 unsigned; tag = item::Type as one byte, see value.h):
//   item   := varint(count) { string(name) value }*count
//   value  := tag payload
//   payload for S, N, B   := string            (N as its canonical decimal text)
//               BOOL      := byte(0|1)
//               NULL      := (empty)
//               M         := varint(count) { string(name) value }*
//               L         := varint(count) { value }*
//               SS, NS, BS:= varint(count) { string }*
//   string := varint(length) bytes
// Decoding is defensive: corrupt input yields false, never undefined behaviour.
#pragma once

#include <string>
#include <string_view>

#include "item/value.h"

namespace ddb {

// Appends the encoding of `item` to `out`.
void EncodeItem(const Item& item, std::string* out);

// Decodes an encoded item into `*item` (cleared first). Returns false on corrupt input.
[[nodiscard]] bool DecodeItem(std::string_view data, Item* item);

}  // namespace ddb
