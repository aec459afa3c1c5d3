#include "storage/keys.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <vector>

#include "core/number.h"

namespace ddb::storage {
namespace {

TEST(KeysTest, NumberSortKeysSortNumerically) {
  std::vector<std::string> numbers = {"-1000", "-10.5",  "-10",  "-1",   "-0.5", "-0.0001",
                                      "0",     "0.0001", "0.5",  "1",    "1.5",  "1.55",
                                      "2",     "10",     "1000", "1e100"};
  std::vector<std::string> encoded;
  for (const auto& n : numbers) {
    encoded.push_back(EncodeSortKey(Value::N(Number::Parse(n)->ToString())));
  }
  EXPECT_TRUE(std::is_sorted(encoded.begin(), encoded.end()));
  EXPECT_EQ(std::adjacent_find(encoded.begin(), encoded.end()), encoded.end());
}

TEST(KeysTest, StringAndBinarySortKeysSortByBytes) {
  EXPECT_LT(EncodeSortKey(Value::S("a")), EncodeSortKey(Value::S("ab")));
  EXPECT_LT(EncodeSortKey(Value::S("Z")), EncodeSortKey(Value::S("a")));
  EXPECT_LT(EncodeSortKey(Value::B(std::string("\x01", 1))),
            EncodeSortKey(Value::B(std::string("\xff", 1))));
}

// Decodes a number sort key by the grammar documented in keys.cc (number_key), into text
// Number::Parse reads; "" if `key` does not follow the grammar exactly.
std::string DecodeNumberKey(std::string_view key) {
  if (key == std::string_view("\x02", 1)) return "0";
  if (key.size() < 4) return "";
  const bool negative = key[0] == 0x01;
  if (!negative && key[0] != 0x03) return "";
  const int biased = (static_cast<uint8_t>(key[1]) << 8) | static_cast<uint8_t>(key[2]);
  const int exponent = negative ? 0x7fff - biased : biased - 0x8000;
  const char terminator = negative ? static_cast<char>(0xff) : '\0';
  if (key.back() != terminator) return "";
  std::string digits;
  for (char c : key.substr(3, key.size() - 4)) {
    const int d = negative ? 10 - static_cast<uint8_t>(c) : static_cast<uint8_t>(c) - 1;
    if (d < 0 || d > 9) return "";
    digits.push_back(static_cast<char>('0' + d));
  }
  return (negative ? "-0." : "0.") + digits + "e" + std::to_string(exponent);
}

// Numbers across DynamoDB's range, in ascending order.
const std::vector<std::string> kSpread = {
    "-9.9999999999999999999999999999999999999e125",
    "-1e100",
    "-12345678901234567890123456789012345678",
    "-1000",
    "-999.99",
    "-10",
    "-9.5",
    "-1.0000000000000000000000000000000000001",
    "-1",
    "-0.11",
    "-0.1",
    "-1e-130",
    "0",
    "1e-130",
    "1.5e-129",
    "0.000001",
    "0.1",
    "0.11",
    "1",
    "1.0000000000000000000000000000000000001",
    "9.5",
    "10",
    "999.99",
    "1000",
    "12345678901234567890123456789012345678",
    "1e100",
    "9.9999999999999999999999999999999999999e125",
};

TEST(KeysTest, NumberSortKeysRoundTripThroughTheDocumentedGrammar) {
  for (const auto& text : kSpread) {
    const Number n = Number::Parse(text).value();
    const std::string decoded = DecodeNumberKey(EncodeSortKey(Value::N(n.ToString())));
    ASSERT_FALSE(decoded.empty()) << text;
    auto parsed = Number::Parse(decoded);
    ASSERT_TRUE(parsed.ok()) << text << " decoded as " << decoded;
    EXPECT_EQ(parsed->ToString(), n.ToString()) << text;
    // The index encoding of a number is the same self-delimiting key.
    EXPECT_EQ(EncodeIndexSortKey(Value::N(n.ToString())), EncodeSortKey(Value::N(n.ToString())));
  }
}

TEST(KeysTest, NumberSortKeysOrderAsNumbersCompareAcrossTheRange) {
  ASSERT_TRUE(std::is_sorted(kSpread.begin(), kSpread.end(), [](const auto& a, const auto& b) {
    return Number::Parse(a)->Compare(*Number::Parse(b)) < 0;
  }));
  std::vector<std::string> keys;
  for (const auto& text : kSpread) {
    keys.push_back(EncodeSortKey(Value::N(Number::Parse(text)->ToString())));
  }
  for (size_t i = 0; i < keys.size(); ++i) {
    for (size_t j = 0; j < keys.size(); ++j) {
      EXPECT_EQ(keys[i] < keys[j], i < j) << kSpread[i] << " vs " << kSpread[j];
    }
  }
  // Notation does not matter: equal numbers have equal keys.
  EXPECT_EQ(EncodeSortKey(Value::N("1E2")), EncodeSortKey(Value::N("100")));
  EXPECT_EQ(EncodeSortKey(Value::N("-0.50")), EncodeSortKey(Value::N("-0.5")));
  EXPECT_EQ(EncodeSortKey(Value::N("-0")), EncodeSortKey(Value::N("0")));
}

TEST(KeysTest, StringAndBinarySortKeysOrderAsCompareScalar) {
  const std::vector<std::string> bytes = {
      "",     std::string("\0", 1), "A",    "Z",       "a", "a\x01", "ab", "b", "\x7f",
      "\x80", "\xc3\xa9",           "\xff", "\xff\xff"};
  for (Type type : {Type::kS, Type::kB}) {
    for (const auto& x : bytes) {
      for (const auto& y : bytes) {
        Value a = type == Type::kS ? Value::S(x) : Value::B(x);
        Value b = type == Type::kS ? Value::S(y) : Value::B(y);
        const int expected = CompareScalar(a, b);
        EXPECT_EQ(EncodeSortKey(a) < EncodeSortKey(b), expected < 0);
        EXPECT_EQ(EncodeIndexSortKey(a) < EncodeIndexSortKey(b), expected < 0);
        EXPECT_EQ(EncodeIndexSortKey(a) == EncodeIndexSortKey(b), expected == 0);
      }
    }
  }
}

// An index sort key is followed by more key bytes, so its encoding must be self-delimiting: a
// value that is a prefix of another (even up to a 0x00 byte) still sorts first, whatever follows.
TEST(KeysTest, IndexSortKeysStayOrderedWhateverFollows) {
  const std::vector<std::string> ordered = {
      "a", std::string("a\0", 2), std::string("a\0\0", 3), std::string("a\0\xff", 3), "a\x01",
      "ab"};
  for (size_t i = 0; i + 1 < ordered.size(); ++i) {
    std::string low = EncodeIndexSortKey(Value::S(ordered[i])) + "\xff\xff\xff";
    std::string high = EncodeIndexSortKey(Value::S(ordered[i + 1]));
    EXPECT_LT(low, high) << i;
  }
  // begins_with: every value starting with the prefix has the escaped prefix as a key prefix.
  EXPECT_TRUE(EncodeIndexSortKey(Value::S(std::string("a\0b", 3)))
                  .starts_with(EscapeIndexSortKeyPrefix(Value::S(std::string("a\0", 2)))));
  EXPECT_FALSE(EncodeIndexSortKey(Value::S("a\x01"))
                   .starts_with(EscapeIndexSortKeyPrefix(Value::S(std::string("a\0", 2)))));
}

TEST(KeysTest, PartitionsAreContiguousAndTablesSeparate) {
  std::string p = PartitionPrefix(7, Value::S("user#1"));
  std::string k1 = ItemKey(7, Value::S("user#1"), nullptr);
  Value sk = Value::S("2023");
  std::string k2 = ItemKey(7, Value::S("user#1"), &sk);
  EXPECT_TRUE(k1.starts_with(p));
  EXPECT_TRUE(k2.starts_with(p));
  // A partition key that extends another is a different partition, not a prefix of it.
  EXPECT_FALSE(ItemKey(7, Value::S("user#10"), nullptr).starts_with(p));
  EXPECT_TRUE(k2.starts_with(TablePrefix(7)));
  EXPECT_LT(k2, TablePrefix(8));
}

// A multi-attribute index key sorts by each attribute in turn, each in its type's order, and one
// partition's values cannot run into another's.
TEST(KeysTest, MultiAttributeIndexKeysSortAttributeByAttribute) {
  const Value table_pk = Value::S("item");
  auto entry = [&](const std::vector<Value>& hash, const std::vector<Value>& sort) {
    std::vector<const Value*> h, r;
    for (const auto& v : hash) h.push_back(&v);
    for (const auto& v : sort) r.push_back(&v);
    return IndexEntryKey(9, h, r, table_pk, nullptr);
  };
  std::vector<std::string> ordered = {
      entry({Value::S("t"), Value::S("eu")}, {Value::N("1"), Value::S("a")}),
      entry({Value::S("t"), Value::S("eu")}, {Value::N("1"), Value::S("ab")}),
      entry({Value::S("t"), Value::S("eu")}, {Value::N("1"), Value::S("b")}),
      entry({Value::S("t"), Value::S("eu")}, {Value::N("2"), Value::S("a")}),
      entry({Value::S("t"), Value::S("eu")}, {Value::N("10"), Value::S("")}),
  };
  EXPECT_TRUE(std::is_sorted(ordered.begin(), ordered.end()));
  const std::vector<Value> eu = {Value::S("t"), Value::S("eu")};
  std::vector<const Value*> eu_refs = {&eu[0], &eu[1]};
  const std::string partition = IndexPartitionPrefix(9, eu_refs);
  for (const auto& k : ordered) EXPECT_TRUE(k.starts_with(partition));
  // ("t", "eu") and ("te", "u") concatenate alike but are different partitions.
  EXPECT_FALSE(entry({Value::S("te"), Value::S("u")}, {}).starts_with(partition));
  // One attribute keeps the single-attribute layout (the on-disk format of existing indexes).
  EXPECT_EQ(entry({Value::S("t")}, {}).substr(0, PartitionPrefix(9, Value::S("t")).size()),
            PartitionPrefix(9, Value::S("t")));
}

TEST(KeysTest, HashBoundariesCoverTheTable) {
  EXPECT_EQ(HashBoundary(3, 0).substr(0, 8), TablePrefix(3));
  EXPECT_EQ(HashBoundary(3, uint64_t{1} << 32), TablePrefix(4));
}

}  // namespace
}  // namespace ddb::storage
