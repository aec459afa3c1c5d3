#include "item/codec.h"

#include <gtest/gtest.h>

namespace ddb {
namespace {

Item Sample() {
  Item item;
  item["s"] = Value::S("hello");
  item["n"] = Value::N("-1.5");
  item["b"] = Value::B(std::string("\0\1\2", 3));
  item["t"] = Value::Bool(true);
  item["z"] = Value::Null();
  item["l"] = Value::OfList({Value::S("a"), Value::N("1"), Value::OfList({})});
  item["m"] =
      Value::OfMap({{"k", Value::S("v")}, {"inner", Value::OfMap({{"x", Value::Bool(false)}})}});
  item["ss"] = Value::Set(Type::kSS, {"x", "y"});
  item["ns"] = Value::Set(Type::kNS, {"1", "2.5"});
  item["bs"] = Value::Set(Type::kBS, {std::string("\xff", 1)});
  item["empty"] = Value::S("");
  return item;
}

TEST(CodecTest, RoundTripsEveryType) {
  Item item = Sample();
  std::string encoded;
  EncodeItem(item, &encoded);
  Item decoded;
  ASSERT_TRUE(DecodeItem(encoded, &decoded));
  EXPECT_EQ(decoded, item);
}

TEST(CodecTest, RejectsTruncatedAndTrailingInput) {
  std::string encoded;
  EncodeItem(Sample(), &encoded);
  Item decoded;
  for (size_t n = 0; n < encoded.size(); ++n) {
    EXPECT_FALSE(DecodeItem(std::string_view(encoded).substr(0, n), &decoded)) << n;
  }
  EXPECT_FALSE(DecodeItem(encoded + "x", &decoded));
}

TEST(CodecTest, RejectsUnknownTypeTag) {
  std::string bad =
      "\x01\x01"
      "a"
      "\x63";
  Item decoded;
  EXPECT_FALSE(DecodeItem(bad, &decoded));
}

TEST(CodecTest, EncodedSizeIsItemSize) {
  Item item = Sample();
  item["deep"] = Value::OfList({Value::OfMap({{"n", Value::Set(Type::kNS, {"12345", "0.5"})}})});
  std::string encoded;
  EncodeItem(item, &encoded);
  EXPECT_EQ(EncodedItemSize(encoded), ItemSize(item));
  EXPECT_EQ(EncodedItemSize(std::string_view(encoded).substr(0, encoded.size() - 1)), 0u);
}

TEST(ValueTest, SetsCompareAsSets) {
  EXPECT_EQ(Value::Set(Type::kSS, {"a", "b"}), Value::Set(Type::kSS, {"b", "a"}));
  EXPECT_FALSE(Value::Set(Type::kSS, {"a"}) == Value::Set(Type::kNS, {"a"}));
}

TEST(ValueTest, SizesFollowDynamoDBFormula) {
  EXPECT_EQ(ValueSize(Value::S("abc")), 3u);
  EXPECT_EQ(ValueSize(Value::N("12345")), 4u);    // (5 + 1) / 2 + 1
  EXPECT_EQ(ValueSize(Value::N("1000")), 2u);     // One significant digit.
  EXPECT_EQ(ValueSize(Value::N("0.00123")), 3u);  // Three.
  EXPECT_EQ(ValueSize(Value::N("-12.5")), 3u);    // Three; the point is not a digit.
  EXPECT_EQ(ValueSize(Value::N("0")), 1u);
  EXPECT_EQ(ValueSize(Value::Bool(true)), 1u);
  Item item{{"ab", Value::S("xyz")}};
  EXPECT_EQ(ItemSize(item), 5u);
}

}  // namespace
}  // namespace ddb
