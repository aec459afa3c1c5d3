#include "index/index_writer.h"

#include <gtest/gtest.h>

#include "item/codec.h"
#include "storage/keys.h"

namespace ddb::index {
namespace {

IndexDef GlobalIndex(uint64_t id, std::string name, ProjectionType projection) {
  IndexDef index;
  index.id = id;
  index.name = std::move(name);
  index.hash = {"g", Type::kS};
  index.projection = projection;
  return index;
}

class IndexWriterTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string error;
    store_ = storage::Store::Open({"", true}, &error);
    ASSERT_NE(store_, nullptr) << error;
    table_.id = 1;
    table_.hash = {"pk", Type::kS};
    table_.range = KeyAttribute{"sk", Type::kN};
    table_.indexes.push_back(GlobalIndex(2, "all", ProjectionType::kAll));
    table_.indexes.push_back(GlobalIndex(3, "keys", ProjectionType::kKeysOnly));
    table_.indexes.back().range = KeyAttribute{"r", Type::kN};
    table_.indexes.push_back(GlobalIndex(4, "include", ProjectionType::kInclude));
    table_.indexes.back().non_key_attributes = {"a"};
  }
  const IndexDef& Index(std::string_view name) const { return *table_.FindIndex(name); }

  // Writes the index changes of `before` -> `after`; returns the names of the touched indexes.
  std::vector<std::string> Apply(const Item* before, const Item* after) {
    rocksdb::WriteBatch batch;
    std::vector<IndexUnits> units;
    Status s = UpdateIndexes(*store_, table_, before, after, &batch, &units);
    EXPECT_TRUE(s.ok());
    std::string error;
    EXPECT_TRUE(store_->Write(&batch, &error)) << error;
    std::vector<std::string> touched;
    for (const auto& u : units) {
      touched.push_back(u.index->name);
      EXPECT_GE(u.units, 1.0);
    }
    return touched;
  }
  // Every stored entry of `index`: key and projected item.
  std::vector<std::pair<std::string, Item>> Entries(const IndexDef& index) const {
    std::vector<std::pair<std::string, Item>> out;
    auto it = store_->NewIterator(store_->index(), storage::TablePrefix(index.id),
                                  storage::TablePrefix(index.id + 1));
    for (it->SeekToFirst(); it->Valid(); it->Next()) {
      Item item;
      EXPECT_TRUE(DecodeItem(std::string_view(it->value().data(), it->value().size()), &item));
      out.emplace_back(it->key().ToString(), std::move(item));
    }
    EXPECT_TRUE(storage::IteratorError(*it).ok());
    return out;
  }

  std::unique_ptr<storage::Store> store_;
  TableDef table_;
  const Item item_{{"pk", Value::S("p")}, {"sk", Value::N("1")}, {"g", Value::S("x")},
                   {"r", Value::N("7")},  {"a", Value::S("A")},  {"b", Value::S("B")}};
};

TEST_F(IndexWriterTest, ProjectionsKeepTheirAttributes) {
  EXPECT_EQ(ProjectForIndex(table_, Index("all"), item_), item_);
  EXPECT_EQ(ProjectForIndex(table_, Index("keys"), item_), (Item{{"pk", Value::S("p")},
                                                                 {"sk", Value::N("1")},
                                                                 {"g", Value::S("x")},
                                                                 {"r", Value::N("7")}}));
  EXPECT_EQ(ProjectForIndex(table_, Index("include"), item_), (Item{{"pk", Value::S("p")},
                                                                    {"sk", Value::N("1")},
                                                                    {"g", Value::S("x")},
                                                                    {"a", Value::S("A")}}));
}

TEST_F(IndexWriterTest, StoredEntriesHoldTheProjectedItemUnderTheEntryKey) {
  EXPECT_EQ(Apply(nullptr, &item_), (std::vector<std::string>{"all", "keys", "include"}));
  for (const auto& index : table_.indexes) {
    auto entries = Entries(index);
    ASSERT_EQ(entries.size(), 1u) << index.name;
    std::string key;
    ASSERT_TRUE(EntryKey(table_, index, item_, &key));
    EXPECT_EQ(entries[0].first, key);
    EXPECT_EQ(entries[0].second, ProjectForIndex(table_, index, item_)) << index.name;
    auto counters = store_->ReadCounters(index.id).value();
    EXPECT_EQ(counters.items, 1);
    EXPECT_EQ(counters.bytes, static_cast<int64_t>(ItemSize(entries[0].second)));
  }
}

TEST_F(IndexWriterTest, ItemsLackingAnIndexKeyAreNotIndexed) {
  Item no_r = item_;  // In "all" and "include", not in "keys" (no sort key).
  no_r.erase("r");
  Item wrong_type = item_;  // "g" of the wrong type: in no index.
  wrong_type["g"] = Value::N("1");
  std::string key;
  EXPECT_FALSE(EntryKey(table_, Index("keys"), no_r, &key));
  EXPECT_TRUE(EntryKey(table_, Index("all"), no_r, &key));
  EXPECT_FALSE(EntryKey(table_, Index("all"), wrong_type, &key));
  EXPECT_EQ(Apply(nullptr, &no_r), (std::vector<std::string>{"all", "include"}));
  EXPECT_TRUE(Entries(Index("keys")).empty());
  EXPECT_EQ(store_->ReadCounters(Index("keys").id).value().items, 0);
  // Losing the index key removes the entry.
  EXPECT_EQ(Apply(&no_r, &wrong_type).size(), 2u);
  for (const auto& index : table_.indexes) EXPECT_TRUE(Entries(index).empty()) << index.name;
  EXPECT_EQ(store_->ReadCounters(Index("all").id).value().items, 0);
  EXPECT_EQ(store_->ReadCounters(Index("all").id).value().bytes, 0);
}

TEST_F(IndexWriterTest, ChangingTheIndexKeyMovesTheEntry) {
  Apply(nullptr, &item_);
  Item moved = item_;
  moved["g"] = Value::S("y");
  EXPECT_EQ(Apply(&item_, &moved).size(), 3u);
  for (const auto& index : table_.indexes) {
    auto entries = Entries(index);
    ASSERT_EQ(entries.size(), 1u) << index.name;
    std::string key;
    ASSERT_TRUE(EntryKey(table_, index, moved, &key));
    EXPECT_EQ(entries[0].first, key);
    EXPECT_EQ(entries[0].second.at("g"), Value::S("y"));
    EXPECT_EQ(store_->ReadCounters(index.id).value().items, 1);
  }
  // Deleting the item deletes its entries.
  Apply(&moved, nullptr);
  for (const auto& index : table_.indexes) EXPECT_TRUE(Entries(index).empty()) << index.name;
}

TEST_F(IndexWriterTest, ChangesToUnprojectedAttributesLeaveTheIndexAlone) {
  Apply(nullptr, &item_);
  Item changed = item_;
  changed["b"] = Value::S("changed");  // Projected only by "all".
  EXPECT_EQ(Apply(&item_, &changed), (std::vector<std::string>{"all"}));
  EXPECT_EQ(Entries(Index("all"))[0].second, changed);
  EXPECT_EQ(Entries(Index("keys"))[0].second, ProjectForIndex(table_, Index("keys"), item_));
  Item changed_again = changed;
  changed_again["a"] = Value::S("changed");  // Projected by "include" too.
  EXPECT_EQ(Apply(&changed, &changed_again), (std::vector<std::string>{"all", "include"}));
  EXPECT_EQ(Entries(Index("include"))[0].second.at("a"), Value::S("changed"));
}

}  // namespace
}  // namespace ddb::index
