// Commit and the item-collection size limit of tables with a local secondary index.
#include <gtest/gtest.h>

#include "index/item_collection.h"
#include "state/engine_test_base.h"
#include "storage/keys.h"
#include "txn/commit.h"

namespace ddb::txn {
namespace {

class CommitCollectionTest : public EngineTestBase {
 protected:
  void SetUp() override {
    EngineTestBase::SetUp();
    if (HasFatalFailure()) return;
    TableDef def;
    def.name = "t";
    def.hash = {"pk", Type::kS};
    def.range = KeyAttribute{"sk", Type::kS};
    IndexDef lsi;
    lsi.name = "lsi";
    lsi.global = false;
    lsi.hash = {"pk", Type::kS};
    lsi.range = KeyAttribute{"lsk", Type::kS};
    lsi.projection = ProjectionType::kAll;
    def.indexes.push_back(lsi);
    auto created = catalog_->Create(def);
    ASSERT_TRUE(created.ok()) << created.error().message;
    table_ = created.value();
    ASSERT_TRUE(index::HasItemCollections(*table_));
  }

  static Item Make(const std::string& pk, const std::string& sk, size_t payload) {
    return Item{{"pk", Value::S(pk)},
                {"sk", Value::S(sk)},
                {"lsk", Value::S("x")},
                {"data", Value::S(std::string(payload, 'd'))}};
  }
  std::string Key(const Item& item) const {
    const Value& sk = item.at("sk");
    return storage::ItemKey(table_->id, item.at("pk"), &sk);
  }
  Change Put(const Item& item) const {
    return {table_.get(), Key(item),
            [item](const Item*) -> Result<std::optional<Item>> { return std::optional(item); }};
  }
  Change Delete(const Item& item) const {
    return {table_.get(), Key(item),
            [](const Item*) -> Result<std::optional<Item>> { return std::optional<Item>(); }};
  }
  // The outcome of committing `change` alone.
  CommitOutcome Run(const Change& change) {
    auto outcome = Commit(*engine_, {change});
    EXPECT_TRUE(outcome.ok()) << outcome.error().message;
    return outcome.ok() ? std::move(outcome).value() : CommitOutcome{};
  }
  storage::TableCounters Collection(const std::string& pk) const {
    return store_->ReadCollectionCounters(storage::PartitionPrefix(table_->id, Value::S(pk)))
        .value();
  }
  bool Exists(const Item& item) const {
    std::string raw;
    return store_->Get(store_->items(), Key(item), &raw).value();
  }

  TablePtr table_;
};

TEST_F(CommitCollectionTest, GrowingACollectionPastTheLimitIsRefusedAndWritesNothing) {
  const Item first = Make("p", "1", 100), second = Make("p", "2", 100);
  const int64_t first_bytes = index::CollectionBytes(*table_, &first);
  // The item and its ALL-projected local index entry both count.
  EXPECT_EQ(first_bytes, 2 * static_cast<int64_t>(ItemSize(first)));
  engine_->set_item_collection_limit(first_bytes + index::CollectionBytes(*table_, &second) - 1);

  CommitOutcome outcome = Run(Put(first));
  ASSERT_TRUE(outcome.committed());
  EXPECT_EQ(outcome.results[0].collection_bytes, first_bytes);
  EXPECT_EQ(Collection("p").items, 1);
  EXPECT_EQ(Collection("p").bytes, first_bytes);

  outcome = Run(Put(second));
  ASSERT_FALSE(outcome.committed());
  ASSERT_EQ(outcome.errors.size(), 1u);
  ASSERT_TRUE(outcome.errors[0].has_value());
  EXPECT_EQ(outcome.errors[0]->kind, ErrorKind::kItemCollectionSizeLimitExceeded);
  EXPECT_FALSE(Exists(second));
  EXPECT_EQ(Collection("p").items, 1);
  EXPECT_EQ(Collection("p").bytes, first_bytes);
  EXPECT_EQ(store_->ReadCounters(table_->id).value().items, 1);

  // Another partition is another collection, with its own room.
  outcome = Run(Put(Make("q", "1", 100)));
  EXPECT_TRUE(outcome.committed());
  EXPECT_EQ(Collection("q").bytes, first_bytes);
  EXPECT_EQ(Collection("p").bytes, first_bytes);
}

TEST_F(CommitCollectionTest, ShrinkingAFullCollectionIsAllowed) {
  const Item big = Make("p", "1", 300), small = Make("p", "1", 10);
  ASSERT_TRUE(Run(Put(big)).committed());
  engine_->set_item_collection_limit(1);  // The collection is now far over the limit.

  CommitOutcome outcome = Run(Put(Make("p", "1", 301)));  // Growing: refused.
  ASSERT_FALSE(outcome.committed());
  EXPECT_EQ(outcome.errors[0]->kind, ErrorKind::kItemCollectionSizeLimitExceeded);

  outcome = Run(Put(small));  // Shrinking: allowed.
  ASSERT_TRUE(outcome.committed());
  EXPECT_EQ(outcome.results[0].collection_bytes, index::CollectionBytes(*table_, &small));
  EXPECT_EQ(Collection("p").bytes, index::CollectionBytes(*table_, &small));

  outcome = Run(Delete(small));  // Emptying: allowed.
  ASSERT_TRUE(outcome.committed());
  EXPECT_EQ(outcome.results[0].collection_bytes, 0);
  EXPECT_EQ(Collection("p").items, 0);
  EXPECT_EQ(Collection("p").bytes, 0);
  EXPECT_FALSE(Exists(small));
}

// A transaction whose one change would overflow its collection writes none of its changes.
TEST_F(CommitCollectionTest, AnOverflowingChangeCancelsItsWholeCommit) {
  const Item other = Make("q", "1", 10), big = Make("p", "1", 300);
  engine_->set_item_collection_limit(index::CollectionBytes(*table_, &big) - 1);
  auto outcome = Commit(*engine_, {Put(other), Put(big)});
  ASSERT_TRUE(outcome.ok()) << outcome.error().message;
  ASSERT_FALSE(outcome->committed());
  EXPECT_FALSE(outcome->errors[0].has_value());
  ASSERT_TRUE(outcome->errors[1].has_value());
  EXPECT_EQ(outcome->errors[1]->kind, ErrorKind::kItemCollectionSizeLimitExceeded);
  EXPECT_FALSE(Exists(other));
  EXPECT_FALSE(Exists(big));
  EXPECT_EQ(Collection("q").items, 0);
}

}  // namespace
}  // namespace ddb::txn
