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
