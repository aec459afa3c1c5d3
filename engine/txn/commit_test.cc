#include "txn/commit.h"

#include <gtest/gtest.h>

#include <thread>

#include "index/item_collection.h"
#include "state/engine_test_base.h"
#include "storage/keys.h"
#include "streams/records.h"
#include "txn/rmw.h"

namespace ddb::txn {
namespace {

class CommitTest : public EngineTestBase {
 protected:
  void SetUp() override {
    EngineTestBase::SetUp();
    if (HasFatalFailure()) return;
    engine_->set_clock(&clock_);
    TableDef def;
    def.name = "t";
    def.hash = {"pk", Type::kS};
    def.attributes = {{"pk", Type::kS}};
    def.stream.enabled = true;
    def.stream.view = StreamViewType::kNewAndOldImages;
    auto created = catalog_->Create(def);
    ASSERT_TRUE(created.ok()) << created.error().message;
    table_ = created.value();
    ASSERT_TRUE(streams::Records(*table_));
  }

  std::string Key(const std::string& pk) const {
    return storage::ItemKey(table_->id, Value::S(pk), nullptr);
  }
  static Item Make(const std::string& pk, const std::string& n) {
    return Item{{"pk", Value::S(pk)}, {"n", Value::N(n)}};
  }
  Change Put(const Item& item) const {
    return {table_.get(), Key(StringOf(item, "pk")),
            [item](const Item*) -> Result<std::optional<Item>> { return std::optional(item); }};
  }
  // Adds one to attribute "n" of the item, which must exist.
  Change Increment(const std::string& pk) const {
    return {table_.get(), Key(pk), [](const Item* current) -> Result<std::optional<Item>> {
              if (current == nullptr) return ApiError::ConditionFailed();
              Item next = *current;
              next["n"] = Value::N(std::to_string(std::stoll(current->at("n").scalar) + 1));
              return std::optional(next);
            }};
  }
  std::optional<Item> Read(const std::string& pk) { return ReadItem(*engine_, Key(pk)).value(); }
  storage::TableCounters Counters() const { return store_->ReadCounters(table_->id).value(); }
  std::vector<streams::Record> Records() const {
    uint64_t next = 0;
    return streams::ReadRecords(*store_, table_->stream.id, 1, engine_->sequencer().Watermark(),
                                10000, 1 << 30, &next)
        .value();
  }
  void MustCommit(const std::vector<Change>& changes) {
    auto outcome = Commit(*engine_, changes);
    ASSERT_TRUE(outcome.ok()) << outcome.error().message;
    ASSERT_TRUE(outcome->committed());
  }

  // The engine (the base's) is destroyed after this clock; it reads the clock only on requests.
  ManualClock clock_{Clock::TimePoint(std::chrono::seconds(1700000000))};
  TablePtr table_;
};

TEST_F(CommitTest, SeveralChangesAreAllWrittenWithCountersAndStreamRecords) {
  const Item a = Make("a", "1"), b = Make("b", "2"), c = Make("c", "3");
  auto outcome = Commit(*engine_, {Put(a), Put(b), Put(c)});
  ASSERT_TRUE(outcome.ok()) << outcome.error().message;
  ASSERT_TRUE(outcome->committed());
  ASSERT_EQ(outcome->results.size(), 3u);
  EXPECT_FALSE(outcome->results[1].old_item.has_value());
  EXPECT_EQ(outcome->results[1].new_item, b);
  EXPECT_EQ(outcome->results[1].new_size, ItemSize(b));
  EXPECT_EQ(Read("a"), a);
  EXPECT_EQ(Read("b"), b);
  EXPECT_EQ(Read("c"), c);
  EXPECT_EQ(Counters().items, 3);
  EXPECT_EQ(Counters().bytes, static_cast<int64_t>(ItemSize(a) + ItemSize(b) + ItemSize(c)));
  // One record per change, numbered consecutively in change order, at the engine's time.
  auto records = Records();
  ASSERT_EQ(records.size(), 3u);
  for (size_t i = 0; i < 3; ++i) {
    EXPECT_EQ(records[i].event, streams::EventName::kInsert);
    EXPECT_EQ(records[i].sequence, records[0].sequence + i);
    EXPECT_DOUBLE_EQ(records[i].time, 1700000000.0);
  }
}

TEST_F(CommitTest, OneFailingChangeCancelsTheWholeCommit) {
  MustCommit({Put(Make("a", "1"))});
  const auto counters = Counters();
  const size_t records = Records().size();
  Change fails = Put(Make("a", "2"));
  fails.apply = [](const Item*) -> Result<std::optional<Item>> {
    return ApiError::ConditionFailed();
  };
  auto outcome = Commit(*engine_, {Put(Make("b", "1")), fails, Increment("a")});
  ASSERT_TRUE(outcome.ok()) << outcome.error().message;
  EXPECT_FALSE(outcome->committed());
  ASSERT_EQ(outcome->errors.size(), 3u);
  EXPECT_FALSE(outcome->errors[0].has_value());
  ASSERT_TRUE(outcome->errors[1].has_value());
  EXPECT_EQ(outcome->errors[1]->kind, ErrorKind::kConditionalCheckFailed);
  EXPECT_FALSE(outcome->errors[2].has_value());
  EXPECT_FALSE(Read("b").has_value());
  EXPECT_EQ(Read("a"), Make("a", "1"));
  EXPECT_EQ(Counters().items, counters.items);
  EXPECT_EQ(Counters().bytes, counters.bytes);
  EXPECT_EQ(Records().size(), records);
}

TEST_F(CommitTest, AnInternalErrorFromApplyFailsTheCommitAndWritesNothing) {
  Change broken = Put(Make("b", "1"));
  broken.apply = [](const Item*) -> Result<std::optional<Item>> {
    return ApiError::Internal("boom");
  };
  auto outcome = Commit(*engine_, {Put(Make("a", "1")), broken});
  ASSERT_FALSE(outcome.ok());
  EXPECT_EQ(outcome.error().kind, ErrorKind::kInternal);
  EXPECT_FALSE(Read("a").has_value());
  EXPECT_EQ(Counters().items, 0);
}

TEST_F(CommitTest, UnchangedItemsWriteNothing) {
  MustCommit({Put(Make("a", "1"))});
  const auto counters = Counters();
  const size_t records = Records().size();
  const uint64_t watermark = engine_->sequencer().Watermark();
  const rocksdb::SequenceNumber rocksdb_sequence = store_->db()->GetLatestSequenceNumber();
  Change same = Put(Make("a", "1"));   // An identical put.
  Change check = Put(Make("a", "1"));  // A condition check: returns the current item.
  check.apply = [](const Item* current) -> Result<std::optional<Item>> {
    return std::optional(*current);
  };
  Change absent = Put(Make("z", "1"));  // Deleting an absent item.
  absent.apply = [](const Item*) -> Result<std::optional<Item>> { return std::optional<Item>(); };
  auto outcome = Commit(*engine_, {same, check, absent});
  ASSERT_TRUE(outcome.ok()) << outcome.error().message;
  ASSERT_TRUE(outcome->committed());
  EXPECT_EQ(outcome->results[1].old_item, Make("a", "1"));
  EXPECT_EQ(outcome->results[1].new_item, Make("a", "1"));
  EXPECT_EQ(store_->db()->GetLatestSequenceNumber(), rocksdb_sequence);
  EXPECT_EQ(engine_->sequencer().Watermark(), watermark);
  EXPECT_EQ(Records().size(), records);
  EXPECT_EQ(Counters().items, counters.items);
  EXPECT_EQ(Counters().bytes, counters.bytes);
}

TEST_F(CommitTest, ConcurrentCommitsInOppositeOrdersNeitherDeadlockNorLoseUpdates) {
  // "a" and "b" share a lock stripe (which must be locked once); "c" has another.
  std::string b;
  for (int i = 0; b.empty(); ++i) {
    std::string k = "k" + std::to_string(i);
    if (&engine_->ItemLock(Key(k)) == &engine_->ItemLock(Key("a"))) b = k;
  }
  ASSERT_NE(&engine_->ItemLock(Key("c")), &engine_->ItemLock(Key("a")));
  MustCommit({Put(Make("a", "0")), Put(Make(b, "0")), Put(Make("c", "0"))});
  auto run = [&](std::vector<std::string> order) {
    for (int i = 0; i < 200; ++i) {
      std::vector<Change> changes;
      for (const auto& k : order) changes.push_back(Increment(k));
      auto outcome = Commit(*engine_, changes);
      EXPECT_TRUE(outcome.ok() && outcome->committed());
    }
  };
  std::thread forward(run, std::vector<std::string>{"a", b, "c"});
  std::thread backward(run, std::vector<std::string>{"c", b, "a"});
  forward.join();
  backward.join();
  EXPECT_EQ(Read("a"), Make("a", "400"));
  EXPECT_EQ(Read(b), Make(b, "400"));
  EXPECT_EQ(Read("c"), Make("c", "400"));
  EXPECT_EQ(Counters().items, 3);
  EXPECT_EQ(Records().size(), 3u + 2 * 200 * 3);
}

TEST_F(CommitTest, ReadModifyWriteReturnsTheApplyErrorOrTheWrite) {
  Change put = Put(Make("a", "1"));
  auto written = ReadModifyWrite(*engine_, *table_, put.storage_key, put.apply);
  ASSERT_TRUE(written.ok()) << written.error().message;
  EXPECT_EQ(written->new_item, Make("a", "1"));
  auto refused = ReadModifyWrite(*engine_, *table_, Key("a"), [](const Item*) {
    return Result<std::optional<Item>>(ApiError::ConditionFailed());
  });
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().kind, ErrorKind::kConditionalCheckFailed);
  EXPECT_EQ(Read("a"), Make("a", "1"));
}

}  // namespace
}  // namespace ddb::txn
