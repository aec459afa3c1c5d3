// The workloads on the Cruddur-style messages table (../shared/spec/cruddur-messaging.md §2):
// gsi-query, transact-write (pattern D, a new conversation) and get-records (the table's stream).
//
// Data set loaded by --setup-messages, one PutItem per item, in order:
// - groups x 200 message-group items: index partition i holds pk GRP#<uuid of user i*200+j>,
//   sk = 2026-01-01 + j minutes, message_group_uuid = <uuid of group i>, j = 0..199, so the GSI
//   message-group-sk-index has `groups` partitions of 200 items each, in sk order;
// - the rest are message items pk MSG#<uuid of group k % groups>, which carry no
//   message_group_uuid (the index is sparse, as in Cruddur).
// Every item is one INSERT record of the table's NEW_IMAGE stream, which get-records reads.
#include <boost/json.hpp>
#include <memory>

#include "body.h"
#include "workload.h"

namespace ddb::bench {
namespace {

constexpr uint64_t kMinute = 60 * 1000000ULL;
// Messages written by transact-write are dated from 2027 on, after everything loaded.
constexpr uint64_t kTransactEpoch = uint64_t{365} * 24 * 60 * kMinute;
constexpr size_t kMessageLength = 48;
constexpr int kRecordsLimit = 100;

// Kinds of uuid, so that a user, a group and a message never share one.
enum UuidKind : uint64_t { kUser = 1, kGroup = 2, kMessage = 3 };

// A uuid of `kind` for number n; `tag` separates runs (0 for the loaded data).
std::string Id(UuidKind kind, uint64_t n, uint64_t tag = 0) { return Uuid(kind + (tag << 8), n); }

// The user_* attributes describing user n (the other participant, or the sender).
std::string UserFields(const std::string& uuid, uint64_t n) {
  std::string num = std::to_string(n % 1000000);
  return R"("user_uuid":)" + Str(uuid) + R"(,"user_display_name":)" + Str("User" + num) +
         R"(,"user_handle":)" + Str("user" + num);
}

// A message-group item: owner's inbox row for the conversation `group` with user `other`.
std::string GroupItem(const std::string& owner, const std::string& sk, const std::string& group,
                      const std::string& other, uint64_t other_n, const std::string& message) {
  return R"({"pk":)" + Str("GRP#" + owner) + R"(,"sk":)" + Str(sk) + R"(,"message_group_uuid":)" +
         Str(group) + "," + UserFields(other, other_n) + R"(,"message":)" + Str(message) + "}";
}

// A message item of conversation `group`, sent by user `sender`.
std::string MessageItem(const std::string& group, const std::string& sk, const std::string& uuid,
                        const std::string& sender, uint64_t sender_n, const std::string& message) {
  return R"({"pk":)" + Str("MSG#" + group) + R"(,"sk":)" + Str(sk) + R"(,"message_uuid":)" +
         Str(uuid) + "," + UserFields(sender, sender_n) + R"(,"message":)" + Str(message) + "}";
}

std::string PutItemBody(const std::string& table, const std::string& item) {
  return R"({"TableName":")" + table + R"(","Item":)" + item + "}";
}

std::string LoadItem(const MessageSet& m, uint64_t k) {
  std::string message = Payload(k, kMessageLength);
  if (k < m.group_items()) {
    uint64_t group = k / MessageSet::kGroupSize;
    uint64_t j = k % MessageSet::kGroupSize;
    uint64_t other = k + m.group_items();  // Anyone but the owner.
    return GroupItem(Id(kUser, k), IsoTime(j * kMinute), Id(kGroup, group), Id(kUser, other), other,
                     message);
  }
  return MessageItem(Id(kGroup, k % m.groups), IsoTime(k * 1000003), Id(kMessage, k), Id(kUser, k),
                     k, message);
}

// Query on the index: Limit 20 from a random start inside a random 200-item index partition;
// the start leaves at least 20 items after it, so every page is full.
std::string GsiQueryBody(const MessageSet& m, uint64_t k) {
  uint64_t h = Mix(k);
  uint64_t group = h % m.groups;
  uint64_t start = (h >> 32) % (MessageSet::kGroupSize - 20);
  return R"({"TableName":")" + m.table + R"(","IndexName":")" + MessageSet::kIndex +
         R"(","KeyConditionExpression":"message_group_uuid = :g AND sk > :s",)"
         R"("ExpressionAttributeValues":{":g":)" +
         Str(Id(kGroup, group)) + R"(,":s":)" + Str(IsoTime(start * kMinute)) + R"(},"Limit":20})";
}

// Pattern D, a new conversation: both participants' group items and the first message, in one
// transaction, every key fresh (new users, new group, new message uuids).
std::string TransactWriteBody(const MessageSet& m, uint64_t tag, uint64_t k) {
  std::string sender = Id(kUser, k, tag), receiver = Id(kUser, k + (1ULL << 40), tag);
  uint64_t sender_n = Mix(k ^ (tag << 40)), receiver_n = Mix(sender_n);
  std::string group = Id(kGroup, k, tag);
  std::string sk = IsoTime(kTransactEpoch + k * 1000);
  std::string message = Payload(k ^ (tag << 40), kMessageLength);
  std::string put = R"({"Put":{"TableName":")" + m.table + R"(","Item":)";
  return R"({"TransactItems":[)" + put +
         GroupItem(sender, sk, group, receiver, receiver_n, message) + "}}," + put +
         GroupItem(receiver, sk, group, sender, sender_n, message) + "}}," + put +
         MessageItem(group, sk, Id(kMessage, k, tag), sender, sender_n, message) + "}}]}";
}

std::string Quoted(const std::string& s) { return boost::json::serialize(boost::json::string(s)); }

// get-records on one connection: GetRecords (Limit 100) following NextShardIterator along the
// connection's shard; when the shard is read to its end (no records, or no next iterator) or a
// request failed, a GetShardIterator TRIM_HORIZON (not counted as an op) starts it over.
class StreamSession : public Session {
 public:
  StreamSession(std::string arn, std::string shard)
      : arn_(std::move(arn)), shard_(std::move(shard)), arena_(new unsigned char[kArenaBytes]) {}

  std::optional<Request> Next(uint64_t) override {
    if (iterator_.empty()) {
      return Request{"GetShardIterator",
                     R"({"StreamArn":)" + Quoted(arn_) + R"(,"ShardId":)" + Quoted(shard_) +
                         R"(,"ShardIteratorType":"TRIM_HORIZON"})",
                     true, false};
    }
    return Request{"GetRecords",
                   R"({"ShardIterator":)" + Quoted(iterator_) + R"(,"Limit":)" +
                       std::to_string(kRecordsLimit) + "}",
                   true, true};
  }

  Verdict Judge(const std::string& body) override {
    // Parsed into a per-session arena: a 100-record answer is ~55 KB of JSON.
    boost::json::monotonic_resource arena(arena_.get(), kArenaBytes);
    boost::system::error_code ec;
    boost::json::value doc = boost::json::parse(body, ec, &arena);
    const boost::json::object* top = ec ? nullptr : doc.if_object();
    if (!top) return Fail("unparsable answer: " + body);
    if (iterator_.empty()) {  // The answer to GetShardIterator.
      const boost::json::value* it = top->if_contains("ShardIterator");
      if (!it || !it->is_string()) return Fail("no ShardIterator: " + body);
      iterator_ = it->get_string();
      return {true, 0, ""};
    }
    const boost::json::value* records = top->if_contains("Records");
    const boost::json::value* next = top->if_contains("NextShardIterator");
    if (!records || !records->is_array()) return Fail("no Records: " + body);
    uint64_t n = records->get_array().size();
    if (n > 0 && next && next->is_string()) {
      iterator_ = next->get_string();
    } else {
      iterator_.clear();  // Read to the end: start over from TRIM_HORIZON.
    }
    return {true, n, ""};
  }

  void Failed() override { iterator_.clear(); }

 private:
  static constexpr size_t kArenaBytes = size_t{256} * 1024;

  Verdict Fail(std::string why) {
    iterator_.clear();
    return {false, 0, std::move(why)};
  }

  std::string arn_;
  std::string shard_;
  std::string iterator_;  // Empty: get a fresh TRIM_HORIZON iterator first.
  std::unique_ptr<unsigned char[]> arena_;
};

}  // namespace

bool IsMessagesWorkload(const std::string& name) {
  return name == "gsi-query" || name == "transact-write" || name == "get-records";
}

Workload MakeMessagesWorkload(const std::string& name, const WorkloadConfig& config) {
  const MessageSet& m = config.messages;
  if (name == "gsi-query") {
    return Stateless([m](uint64_t k) -> std::optional<Request> {
      return Request{"Query", GsiQueryBody(m, k)};
    });
  }
  if (name == "transact-write") {
    uint64_t tag = config.tag;
    return Stateless(
        [m, tag](uint64_t k) -> std::optional<Request> {
          return Request{"TransactWriteItems", TransactWriteBody(m, tag, k)};
        },
        3);
  }
  // get-records: connection i reads shard i mod (number of shards).
  auto sessions = std::make_shared<uint64_t>(0);
  StreamShards stream = config.stream;
  return [stream, sessions]() -> std::unique_ptr<Session> {
    const std::string& shard = stream.shards[(*sessions)++ % stream.shards.size()];
    return std::make_unique<StreamSession>(stream.arn, shard);
  };
}

Workload MakeMessagesLoadWorkload(const MessageSet& messages) {
  return Stateless([messages](uint64_t k) -> std::optional<Request> {
    if (k >= messages.items) return std::nullopt;
    return Request{"PutItem", PutItemBody(messages.table, LoadItem(messages, k))};
  });
}

std::string CreateMessagesTableBody(const MessageSet& messages) {
  return R"({"TableName":")" + messages.table +
         R"(","AttributeDefinitions":[{"AttributeName":"pk","AttributeType":"S"},)"
         R"({"AttributeName":"sk","AttributeType":"S"},)"
         R"({"AttributeName":"message_group_uuid","AttributeType":"S"}],)"
         R"("KeySchema":[{"AttributeName":"pk","KeyType":"HASH"},)"
         R"({"AttributeName":"sk","KeyType":"RANGE"}],)"
         R"("GlobalSecondaryIndexes":[{"IndexName":")" +
         MessageSet::kIndex +
         R"(","KeySchema":[{"AttributeName":"message_group_uuid","KeyType":"HASH"},)"
         R"({"AttributeName":"sk","KeyType":"RANGE"}],"Projection":{"ProjectionType":"ALL"}}],)"
         R"("StreamSpecification":{"StreamEnabled":true,"StreamViewType":"NEW_IMAGE"},)"
         R"("BillingMode":"PAY_PER_REQUEST"})";
}

}  // namespace ddb::bench
