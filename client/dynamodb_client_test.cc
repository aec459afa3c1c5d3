// The typed client against a live server (tests/client/test_typed_client.py sets
// DDB_TEST_ENDPOINT to a fresh ddb-server, and to DynamoDB Local when Java is installed);
// skipped without one.
#include "client/dynamodb_client.h"

#include <gtest/gtest.h>

#include <cstdlib>

#include "core/uuid.h"

namespace ddb::client {
namespace {

Value S(std::string s) { return Value::S(std::move(s)); }
Value N(int n) { return Value::N(std::to_string(n)); }

class DynamoDbClientTest : public ::testing::Test {
 protected:
  void SetUp() override {
    const char* endpoint = std::getenv("DDB_TEST_ENDPOINT");
    if (endpoint == nullptr) GTEST_SKIP() << "DDB_TEST_ENDPOINT is not set";
    auto client = DynamoDbClient::Create({.endpoint_url = endpoint});
    ASSERT_TRUE(client.ok()) << client.error().ToString();
    client_ = std::move(client).value();
    table_ = "typed-" + RandomUuid();
    CreateTableRequest create{.table = table_,
                              .attributes = {{"pk", "S"}, {"sk", "N"}, {"g", "S"}},
                              .key = {{"pk", true}, {"sk", false}},
                              .global_indexes = {{.name = "by-g", .key = {{"g", true}}}},
                              .stream_view = "NEW_AND_OLD_IMAGES"};
    auto created = client_->CreateTable(create);
    ASSERT_TRUE(created.ok()) << created.error().ToString();
    EXPECT_EQ(created->name, table_);
    EXPECT_FALSE(created->latest_stream_arn.empty());
  }
  void TearDown() override {
    if (client_) (void)client_->DeleteTable(table_);
  }
  Item Key(const std::string& pk, int sk) { return {{"pk", S(pk)}, {"sk", N(sk)}}; }

  std::unique_ptr<DynamoDbClient> client_;
  std::string table_;
};

TEST_F(DynamoDbClientTest, ItemWritesReadsAndConditions) {
  Item item = Key("a", 1);
  item["v"] = S("one");
  ASSERT_TRUE(client_->PutItem({.table = table_, .item = item}).ok());
  auto got = client_->GetItem({.table = table_, .key = Key("a", 1), .consistent_read = true});
  ASSERT_TRUE(got.ok()) << got.error().ToString();
  ASSERT_TRUE(got->has_value());
  EXPECT_EQ(StringOf(**got, "v"), "one");
  auto absent = client_->GetItem({.table = table_, .key = Key("a", 2)});
  ASSERT_TRUE(absent.ok());
  EXPECT_FALSE(absent->has_value());

  // A failed condition carries the item when asked for.
  auto refused = client_->PutItem({.table = table_,
                                   .item = item,
                                   .condition = "attribute_not_exists(pk)",
                                   .item_on_condition_failure = true});
  ASSERT_FALSE(refused.ok());
  EXPECT_TRUE(refused.error().IsConditionFailed());
  ASSERT_NE(refused.error().item, nullptr);
  EXPECT_EQ(StringOf(refused.error().item->map, "v"), "one");

  auto updated = client_->UpdateItem({.table = table_,
                                      .key = Key("a", 1),
                                      .update = "SET #v = :v",
                                      .expressions = {{{"#v", "v"}}, {{":v", S("uno")}}},
                                      .return_values = ReturnValues::kUpdatedNew});
  ASSERT_TRUE(updated.ok()) << updated.error().ToString();
  ASSERT_TRUE(updated->attributes.has_value());
  EXPECT_EQ(StringOf(*updated->attributes, "v"), "uno");

  auto deleted = client_->DeleteItem(
      {.table = table_, .key = Key("a", 1), .return_values = ReturnValues::kAllOld});
  ASSERT_TRUE(deleted.ok());
  ASSERT_TRUE(deleted->attributes.has_value());
  EXPECT_EQ(StringOf(*deleted->attributes, "v"), "uno");
}

TEST_F(DynamoDbClientTest, BatchWriteThenQueryAndScanEveryPage) {
  std::vector<BatchWrite> writes;
  for (int i = 0; i < 60; ++i) {
    Item item = Key("p", i);
    item["g"] = S(i % 2 == 0 ? "even" : "odd");
    writes.push_back({table_, true, item});
  }
  ASSERT_TRUE(client_->BatchWriteAll(writes).ok());
  QueryRequest q{.table = table_,
                 .key_condition = "pk = :p",
                 .expressions = {{}, {{":p", S("p")}}},
                 .forward = false,
                 .limit = 7,
                 .consistent_read = true};
  auto all = client_->QueryAll(q);
  ASSERT_TRUE(all.ok()) << all.error().ToString();
  ASSERT_EQ(all->size(), 60u);
  EXPECT_EQ(all->front().at("sk").scalar, "59");  // Newest first.
  auto first_ten = client_->QueryAll(q, 10);
  ASSERT_TRUE(first_ten.ok());
  EXPECT_EQ(first_ten->size(), 10u);
  auto page = client_->Query(q);
  ASSERT_TRUE(page.ok());
  EXPECT_EQ(page->items.size(), 7u);
  EXPECT_TRUE(page->last_key.has_value());

  auto scanned = client_->ScanAll({.table = table_, .limit = 9});
  ASSERT_TRUE(scanned.ok());
  EXPECT_EQ(scanned->size(), 60u);
  auto odd = client_->ScanAll({.table = table_,
                               .filter = "g = :g",
                               .expressions = {{}, {{":g", S("odd")}}},
                               .consistent_read = true});
  ASSERT_TRUE(odd.ok());
  EXPECT_EQ(odd->size(), 30u);
}

TEST_F(DynamoDbClientTest, CancelledTransactionReportsEveryReason) {
  ASSERT_TRUE(client_->PutItem({.table = table_, .item = Key("t", 1)}).ok());
  using Kind = TransactAction::Kind;
  TransactWriteRequest tx{.actions = {{.kind = Kind::kPut, .table = table_, .item = Key("t", 2)},
                                      {.kind = Kind::kConditionCheck,
                                       .table = table_,
                                       .item = Key("t", 1),
                                       .condition = "attribute_not_exists(pk)",
                                       .item_on_condition_failure = true}}};
  auto cancelled = client_->TransactWrite(tx);
  ASSERT_FALSE(cancelled.ok());
  EXPECT_TRUE(cancelled.error().IsTransactionCanceled());
  ASSERT_EQ(cancelled.error().reasons.size(), 2u);
  EXPECT_EQ(cancelled.error().reasons[0].code, "None");
  EXPECT_EQ(cancelled.error().reasons[1].code, "ConditionalCheckFailed");
  ASSERT_NE(cancelled.error().reasons[1].item, nullptr);
  auto absent = client_->GetItem({.table = table_, .key = Key("t", 2), .consistent_read = true});
  ASSERT_TRUE(absent.ok());
  EXPECT_FALSE(absent->has_value());  // Nothing of a cancelled transaction was written.

  tx.actions.pop_back();
  tx.client_request_token = RandomUuid();
  ASSERT_TRUE(client_->TransactWrite(tx).ok());
  ASSERT_TRUE(client_->TransactWrite(tx).ok());  // The same token: replayed, not an error.
}

TEST_F(DynamoDbClientTest, TablesAndTimeToLive) {
  auto described = client_->DescribeTable(table_);
  ASSERT_TRUE(described.ok());
  EXPECT_EQ(described->name, table_);
  ASSERT_EQ(described->global_indexes.size(), 1u);
  EXPECT_EQ(described->global_indexes[0].name, "by-g");
  auto names = client_->ListTables();
  ASSERT_TRUE(names.ok());
  EXPECT_NE(std::find(names->begin(), names->end(), table_), names->end());
  auto missing = client_->DescribeTable("no-such-table-" + RandomUuid());
  ASSERT_FALSE(missing.ok());
  EXPECT_TRUE(missing.error().IsNotFound());

  ASSERT_TRUE(client_->UpdateTimeToLive(table_, "expires", true).ok());
  auto ttl = client_->DescribeTimeToLive(table_);
  ASSERT_TRUE(ttl.ok());
  EXPECT_TRUE(ttl->status == "ENABLED" || ttl->status == "ENABLING") << ttl->status;
  EXPECT_EQ(ttl->attribute, "expires");
}

TEST_F(DynamoDbClientTest, StreamRecordsInOrder) {
  ASSERT_TRUE(client_->PutItem({.table = table_, .item = Key("s", 1)}).ok());
  ASSERT_TRUE(client_->DeleteItem({.table = table_, .key = Key("s", 1)}).ok());
  auto table = client_->DescribeTable(table_);
  ASSERT_TRUE(table.ok());
  auto listed = client_->ListStreams(table_);
  ASSERT_TRUE(listed.ok()) << listed.error().ToString();
  ASSERT_EQ(listed->size(), 1u);
  EXPECT_EQ(listed->front().arn, table->latest_stream_arn);
  EXPECT_EQ(listed->front().table, table_);
  auto stream = client_->DescribeStream(table->latest_stream_arn);
  ASSERT_TRUE(stream.ok()) << stream.error().ToString();
  ASSERT_FALSE(stream->shards.empty());
  std::vector<StreamRecord> records;
  for (const Shard& shard : stream->shards) {
    auto iterator = client_->GetShardIterator(stream->arn, shard.id, IteratorType::kTrimHorizon);
    ASSERT_TRUE(iterator.ok()) << iterator.error().ToString();
    auto page = client_->GetRecords(*iterator, 100);
    ASSERT_TRUE(page.ok()) << page.error().ToString();
    for (auto& r : page->records) records.push_back(std::move(r));
  }
  ASSERT_EQ(records.size(), 2u);
  EXPECT_EQ(records[0].event_name, "INSERT");
  ASSERT_TRUE(records[0].new_image.has_value());
  EXPECT_EQ(records[1].event_name, "REMOVE");
  ASSERT_TRUE(records[1].old_image.has_value());
  EXPECT_EQ(records[1].keys.at("pk").scalar, "s");
  // Sequence numbers are decimal strings that grow.
  const std::string& a = records[0].sequence_number;
  const std::string& b = records[1].sequence_number;
  EXPECT_TRUE(a.size() != b.size() ? a.size() < b.size() : a < b) << a << " then " << b;
}

}  // namespace
}  // namespace ddb::client
