#include "protocol/encoded_item_json.h"

#include <gtest/gtest.h>

#include "core/value_json.h"
#include "item/codec.h"

namespace ddb::protocol {
namespace {

TEST(EncodedItemJsonTest, StoredItemRendersAsDecodedItem) {
  Item item{{"s", Value::S("say \"hi\"")},
            {"n", Value::N("-1.5")},
            {"b", Value::B(std::string("\0\1\xff", 3))},
            {"t", Value::Bool(true)},
            {"z", Value::Null()},
            {"l", Value::OfList({Value::S("a"), Value::OfList({}), Value::OfMap({})})},
            {"m", Value::OfMap({{"k", Value::Set(Type::kBS, {std::string("\xfe", 1)})}})},
            {"ss", Value::Set(Type::kSS, {"x", "y"})},
            {"ns", Value::Set(Type::kNS, {"1", "2.5"})}};
  std::string encoded, decoded_json, direct_json;
  EncodeItem(item, &encoded);
  JsonWriter decoded_writer(&decoded_json);
  WriteItem(decoded_writer, item);
  JsonWriter direct_writer(&direct_json);
  ASSERT_TRUE(WriteEncodedItem(direct_writer, encoded));
  EXPECT_EQ(direct_json, decoded_json);
}

}  // namespace
}  // namespace ddb::protocol
