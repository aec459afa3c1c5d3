#include "storage/keys.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <vector>

#include "item/number.h"

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

TEST(KeysTest, HashBoundariesCoverTheTable) {
  EXPECT_EQ(HashBoundary(3, 0).substr(0, 8), TablePrefix(3));
  EXPECT_EQ(HashBoundary(3, uint64_t{1} << 32), TablePrefix(4));
}

}  // namespace
}  // namespace ddb::storage
