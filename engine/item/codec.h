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
#include <utility>
#include <vector>

#include "core/value.h"

namespace ddb {

// Appends the encoding of `item` to `out`.
void EncodeItem(const Item& item, std::string* out);

// Decodes an encoded item into `*item` (cleared first). Returns false on corrupt input.
[[nodiscard]] bool DecodeItem(std::string_view data, Item* item);

// Receives the contents of an encoded item in storage order without anything being built, so
// a read can render or measure a stored item with no allocation per attribute. Every value is
// announced by exactly one of Scalar, Bool, Null or Begin ... End; a value inside an item or an
// M is preceded by Name. The views are valid only during the call.
class ItemVisitor {
 public:
  virtual ~ItemVisitor() = default;
  virtual void Name(std::string_view name) = 0;
  // kS, kN (canonical text) or kB (raw bytes).
  virtual void Scalar(Type type, std::string_view payload) = 0;
  virtual void Bool(bool value) = 0;
  virtual void Null() = 0;
  // kM, kL or a set type, with its element count; a set's elements follow as SetMember calls.
  virtual void Begin(Type type, size_t count) = 0;
  virtual void SetMember(std::string_view member) = 0;
  virtual void End(Type type) = 0;
};

// Walks an encoded item's attributes (the item itself is not announced). Returns false on
// corrupt input, possibly after some calls to `visitor`.
[[nodiscard]] bool WalkItem(std::string_view data, ItemVisitor* visitor);

// ItemSize (value.h) of an encoded item, without decoding it; 0 on corrupt input.
size_t EncodedItemSize(std::string_view data);

// The top-level attributes of an encoded item, each as (name, encoding of its value with its
// type tag), in storage order, without decoding them: views into `data`. The encoding of an M
// value after its tag byte is itself an encoded item. False on corrupt input.
[[nodiscard]] bool SplitItem(std::string_view data,
                             std::vector<std::pair<std::string_view, std::string_view>>* members);

// Decodes one encoded value (type tag included), as SplitItem returns them.
[[nodiscard]] bool DecodeValue(std::string_view data, Value* value);

}  // namespace ddb
