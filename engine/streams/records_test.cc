#include "streams/records.h"

#include <gtest/gtest.h>

#include "item/codec.h"

namespace ddb::streams {
namespace {

class RecordsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string error;
    store_ = storage::Store::Open({"", true}, &error);
    ASSERT_NE(store_, nullptr) << error;
    table_.id = 1;
    table_.hash = {"pk", Type::kS};
    table_.stream = {true, StreamViewType::kNewAndOldImages, 7, "label", 0};
  }
  void Write(uint64_t sequence, const Item* before, const Item* after) {
    rocksdb::WriteBatch batch;
    StageRecord(*store_, table_, before, after, sequence, false, 1700000000.5, &batch);
    std::string error;
    ASSERT_TRUE(store_->Write(&batch, &error)) << error;
  }
  std::unique_ptr<storage::Store> store_;
  TableDef table_;
};

TEST_F(RecordsTest, RecordsRoundTripWithImagesAndEvents) {
  Item a{{"pk", Value::S("a")}, {"v", Value::N("1")}};
  Item b{{"pk", Value::S("a")}, {"v", Value::N("2")}};
  Write(3, nullptr, &a);
  Write(5, &a, &b);
  Write(9, &b, nullptr);
  uint64_t next = 0;
  auto records = ReadRecords(*store_, 7, 1, 100, 10, 1 << 20, &next).value();
  ASSERT_EQ(records.size(), 3u);
  EXPECT_EQ(records[0].event, EventName::kInsert);
  EXPECT_EQ(records[1].event, EventName::kModify);
  EXPECT_EQ(records[2].event, EventName::kRemove);
  auto decoded = [](const std::string& encoded) {
    Item item;
    EXPECT_TRUE(DecodeItem(encoded, &item));
    return item;
  };
  EXPECT_EQ(decoded(*records[1].old_image), a);
  EXPECT_EQ(decoded(*records[1].new_image), b);
  EXPECT_FALSE(records[2].new_image.has_value());
  EXPECT_EQ(decoded(records[0].keys), (Item{{"pk", Value::S("a")}}));
  EXPECT_EQ(next, 100u);  // Everything below the watermark was read.
  // The watermark hides records not yet known to be committed in order.
  records = ReadRecords(*store_, 7, 1, 6, 10, 1 << 20, &next).value();
  EXPECT_EQ(records.size(), 2u);
  EXPECT_EQ(next, 6u);
  records = ReadRecords(*store_, 7, 4, 100, 1, 1 << 20, &next).value();
  ASSERT_EQ(records.size(), 1u);
  EXPECT_EQ(records[0].sequence, 5u);
  EXPECT_EQ(next, 6u);
  EXPECT_EQ(MaxStoredSequence(*store_, {7}).value(), 9u);
  EXPECT_EQ(FirstStoredSequence(*store_, 7).value(), 3u);
}

TEST_F(RecordsTest, TrimmingDeletesOldRecordsAndRemembersWhere) {
  Item a{{"pk", Value::S("a")}};
  Write(3, nullptr, &a);
  Write(4, &a, nullptr);
  ASSERT_TRUE(TrimRecords(*store_, 7, 0));  // Nothing is older than the epoch.
  EXPECT_EQ(TrimmedBelow(*store_, 7).value(), 0u);
  EXPECT_EQ(FirstStoredSequence(*store_, 7).value(), 3u);
  ASSERT_TRUE(TrimRecords(*store_, 7, 1e12));  // Everything is older than the far future.
  EXPECT_EQ(TrimmedBelow(*store_, 7).value(), 5u);
  EXPECT_EQ(FirstStoredSequence(*store_, 7).value(), 0u);
  uint64_t next = 0;
  EXPECT_TRUE(ReadRecords(*store_, 7, 1, 100, 10, 1 << 20, &next).value().empty());
}

}  // namespace
}  // namespace ddb::streams
