#include "streams/stream_processor.h"

#include <simdjson.h>

#include <set>

#include "common/time_format.h"
#include "messaging/ddb_json.h"
#include "messaging/tables.h"
#include "protocol/json_writer.h"
#include "protocol/value_json.h"

namespace cruddur {
namespace {

using ddb::protocol::JsonWriter;

struct Shard {
  std::string id;
  std::string parent;
};

AppError Malformed(const char* what) {
  return AppError::Internal(std::string("unexpected answer from DynamoDB Streams: ") + what);
}

// {"TableName": t, ...} bodies with one string member besides.
std::string Body(std::initializer_list<std::pair<const char*, std::string>> members) {
  std::string body;
  JsonWriter w(&body);
  w.BeginObject();
  for (const auto& [k, v] : members) w.Member(k, v);
  w.EndObject();
  return body;
}

}  // namespace

StreamProcessor::StreamProcessor(ddb::client::DynamoDbClient& client, Options options)
    : client_(client),
      options_(std::move(options)),
      repo_(client, options_.table),
      updater_(repo_, client),
      checkpoint_table_(options_.table + "-stream-checkpoints") {}

void StreamProcessor::Stop() {
  stop_ = true;
  wake_.notify_all();
}

bool StreamProcessor::Sleep(std::chrono::milliseconds d) {
  std::unique_lock lock(mu_);
  return !wake_.wait_for(lock, d, [this] { return stop_.load(); });
}

StreamProcessor::Health StreamProcessor::Status() const {
  std::lock_guard lock(health_mu_);
  return health_;
}

void StreamProcessor::Note(const AppError* error) {
  std::lock_guard lock(health_mu_);
  health_.last_error = error ? error->message : "";
}

AppStatus StreamProcessor::Run() {
  {
    std::lock_guard lock(health_mu_);
    health_.running = true;
  }
  while (!stop_) {
    AppStatus round = EnsureCheckpointTable(std::chrono::seconds(0));
    if (round.ok()) {
      auto arn = StreamArn();
      round = arn.ok() ? ProcessShards(*arn) : AppStatus(arn.error());
    }
    Note(round.ok() ? nullptr : &round.error());
    if (!Sleep(round.ok() ? options_.idle_poll : std::chrono::milliseconds(1000))) break;
  }
  std::lock_guard lock(health_mu_);
  health_.running = false;
  return AppStatus::OK();
}

AppStatus StreamProcessor::Prepare() { return EnsureCheckpointTable(std::chrono::seconds(60)); }

AppStatus StreamProcessor::EnsureCheckpointTable(std::chrono::seconds wait) {
  if (checkpoint_table_ready_) return AppStatus::OK();
  static constexpr const char* kSchema =
      R"(,"AttributeDefinitions":[{"AttributeName":"stream_arn","AttributeType":"S"},)"
      R"({"AttributeName":"shard_id","AttributeType":"S"}],)"
      R"("KeySchema":[{"AttributeName":"stream_arn","KeyType":"HASH"},)"
      R"({"AttributeName":"shard_id","KeyType":"RANGE"}],"BillingMode":"PAY_PER_REQUEST"})";
  std::string body = R"({"TableName":)";
  ddb::protocol::AppendJsonString(checkpoint_table_, &body);
  body += kSchema;
  DDB_RETURN_IF_ERROR(EnsureTable(client_, checkpoint_table_, body, wait));
  checkpoint_table_ready_ = true;
  return AppStatus::OK();
}

AppResult<std::string> StreamProcessor::StreamArn() {
  auto answer = client_.Call("DescribeTable", Body({{"TableName", options_.table}}));
  if (!answer.ok()) return AppError::FromClient(answer.error());
  simdjson::dom::parser parser;
  std::string_view arn;
  if (parser.parse(*answer)["Table"]["LatestStreamArn"].get(arn) != simdjson::SUCCESS) {
    return AppError::Invalid("table " + options_.table + " has no stream: run bin/ddb/setup");
  }
  return std::string(arn);
}

AppStatus StreamProcessor::ProcessShards(const std::string& stream_arn) {
  if (stream_arn != stream_arn_) {  // A new stream (the table was re-created): start afresh.
    stream_arn_ = stream_arn;
    cursors_.clear();
  }
  std::vector<Shard> shards;
  std::string start;
  do {
    std::string body = start.empty()
                           ? Body({{"StreamArn", stream_arn}})
                           : Body({{"StreamArn", stream_arn}, {"ExclusiveStartShardId", start}});
    auto answer = client_.CallStreams("DescribeStream", body);
    if (!answer.ok()) return AppError::FromClient(answer.error());
    simdjson::dom::parser parser;
    simdjson::dom::object desc;
    if (parser.parse(*answer)["StreamDescription"].get(desc) != simdjson::SUCCESS) {
      return Malformed("DescribeStream");
    }
    simdjson::dom::array list;
    if (desc["Shards"].get(list) == simdjson::SUCCESS) {
      for (simdjson::dom::element s : list) {
        std::string_view id, parent;
        if (s["ShardId"].get(id) != simdjson::SUCCESS) return Malformed("shard id");
        if (s["ParentShardId"].get(parent) != simdjson::SUCCESS) parent = {};
        shards.push_back({std::string(id), std::string(parent)});
      }
    }
    std::string_view last;
    start = desc["LastEvaluatedShardId"].get(last) == simdjson::SUCCESS ? std::string(last) : "";
  } while (!start.empty() && !stop_);
  std::set<std::string> listed, finished;
  for (const auto& s : shards) listed.insert(s.id);
  // Parents come before children (DynamoDB lists them so); a child waits for its parent.
  for (const auto& s : shards) {
    if (stop_) break;
    if (!s.parent.empty() && listed.count(s.parent) && !finished.count(s.parent)) continue;
    bool closed = false;
    DDB_RETURN_IF_ERROR(DrainShard(stream_arn, s.id, &closed));
    if (closed) finished.insert(s.id);
  }
  return AppStatus::OK();
}

AppResult<std::string> StreamProcessor::Checkpoint(const std::string& stream_arn,
                                                   const std::string& shard) {
  std::string body;
  JsonWriter w(&body);
  w.BeginObject();
  w.Member("TableName", checkpoint_table_);
  w.Key("Key");
  ddb::protocol::WriteItem(w, {{"stream_arn", S(stream_arn)}, {"shard_id", S(shard)}});
  w.MemberBool("ConsistentRead", true);
  w.EndObject();
  auto answer = client_.Call("GetItem", body);
  if (!answer.ok()) return AppError::FromClient(answer.error());
  DDB_ASSIGN_OR_RETURN(auto item, ParseGetItem(*answer));
  if (!item) return std::string();
  if (StringOf(*item, "closed") == "true") return std::string("closed");
  return StringOf(*item, "sequence");
}

AppStatus StreamProcessor::SaveCheckpoint(const std::string& stream_arn, const std::string& shard,
                                          const std::string& sequence, bool closed) {
  std::string body;
  JsonWriter w(&body);
  w.BeginObject();
  w.Member("TableName", checkpoint_table_);
  w.Key("Item");
  ddb::Item item{
      {"stream_arn", S(stream_arn)}, {"shard_id", S(shard)}, {"updated_at", S(NowIsoUtc())}};
  if (!sequence.empty()) item["sequence"] = S(sequence);
  if (closed) item["closed"] = S("true");
  ddb::protocol::WriteItem(w, item);
  w.EndObject();
  auto answer = client_.Call("PutItem", body);
  if (!answer.ok()) return AppError::FromClient(answer.error());
  return AppStatus::OK();
}

AppResult<std::string> StreamProcessor::IteratorFor(const std::string& stream_arn,
                                                    const std::string& shard) {
  Cursor& cursor = cursors_[shard];
  if (cursor.closed) return std::string();
  if (!cursor.iterator.empty()) return cursor.iterator;
  DDB_ASSIGN_OR_RETURN(std::string position, Checkpoint(stream_arn, shard));
  if (position == "closed") {
    cursor.closed = true;
    return std::string();
  }
  cursor.position = position;
  auto request = [&](const std::string& after) {
    std::string body;
    JsonWriter w(&body);
    w.BeginObject();
    w.Member("StreamArn", stream_arn);
    w.Member("ShardId", shard);
    w.Member("ShardIteratorType", after.empty() ? "TRIM_HORIZON" : "AFTER_SEQUENCE_NUMBER");
    if (!after.empty()) w.Member("SequenceNumber", after);
    w.EndObject();
    return client_.CallStreams("GetShardIterator", body);
  };
  auto answer = request(position);
  if (!answer.ok() && answer.error().type == "ValidationException" && !position.empty()) {
    answer = request("");  // The checkpoint was trimmed away: start at the oldest record.
  }
  if (!answer.ok()) return AppError::FromClient(answer.error());
  simdjson::dom::parser parser;
  std::string_view iterator;
  if (parser.parse(*answer)["ShardIterator"].get(iterator) != simdjson::SUCCESS) {
    return Malformed("GetShardIterator");
  }
  cursor.iterator = std::string(iterator);
  return cursor.iterator;
}

AppStatus StreamProcessor::DrainShard(const std::string& stream_arn, const std::string& shard,
                                      bool* closed) {
  DDB_ASSIGN_OR_RETURN(std::string iterator, IteratorFor(stream_arn, shard));
  Cursor& cursor = cursors_[shard];
  if (cursor.closed) {
    *closed = true;
    return AppStatus::OK();
  }
  simdjson::dom::parser parser;
  while (!stop_) {
    std::string body;
    JsonWriter w(&body);
    w.BeginObject();
    w.Member("ShardIterator", iterator);
    w.MemberInt("Limit", options_.batch);
    w.EndObject();
    auto answer = client_.CallStreams("GetRecords", body);
    if (!answer.ok()) {
      cursor.iterator.clear();  // The next round starts again from the checkpoint.
      const std::string& type = answer.error().type;
      if (type == "ExpiredIteratorException" || type == "TrimmedDataAccessException") {
        return AppStatus::OK();
      }
      return AppError::FromClient(answer.error());
    }
    simdjson::dom::object page;
    if (parser.parse(*answer).get(page) != simdjson::SUCCESS) return Malformed("GetRecords");
    std::string last_sequence;
    auto processed = ProcessRecords(page, &last_sequence);
    if (!processed.ok()) {
      cursor.iterator.clear();  // Re-read the batch from the checkpoint: the updater is idempotent.
      return processed;
    }
    std::string_view next;
    const bool ended = page["NextShardIterator"].get(next) != simdjson::SUCCESS;
    if (!last_sequence.empty() || ended) {
      DDB_RETURN_IF_ERROR(SaveCheckpoint(
          stream_arn, shard, last_sequence.empty() ? cursor.position : last_sequence, ended));
      if (!last_sequence.empty()) cursor.position = last_sequence;
    }
    if (ended) {
      cursor.closed = true;
      cursor.iterator.clear();
      *closed = true;
      return AppStatus::OK();
    }
    iterator = cursor.iterator = std::string(next);
    if (last_sequence.empty()) return AppStatus::OK();  // Caught up: poll again later.
  }
  return AppStatus::OK();
}

AppStatus StreamProcessor::ProcessRecords(const simdjson::dom::object& page,
                                          std::string* last_sequence) {
  simdjson::dom::array records;
  if (page["Records"].get(records) != simdjson::SUCCESS) return AppStatus::OK();
  std::vector<ddb::Item> images;
  std::string sequence_seen;
  double newest_change = 0;
  for (simdjson::dom::element r : records) {
    std::string_view event, sequence;
    if (r["eventName"].get(event) != simdjson::SUCCESS ||
        r["dynamodb"]["SequenceNumber"].get(sequence) != simdjson::SUCCESS) {
      return Malformed("record");
    }
    simdjson::dom::element image;
    if (event != "REMOVE" && r["dynamodb"]["NewImage"].get(image) == simdjson::SUCCESS) {
      auto item = ddb::protocol::DecodeItemJson(image);
      if (!item.ok()) return Malformed("NewImage");
      images.push_back(std::move(item).value());
    }
    sequence_seen = std::string(sequence);
    double when = 0;
    if (r["dynamodb"]["ApproximateCreationDateTime"].get(when) == simdjson::SUCCESS) {
      newest_change = std::max(newest_change, when);
    }
  }
  // The whole batch is applied before its last sequence number is reported for the checkpoint.
  DDB_RETURN_IF_ERROR(updater_.OnNewImages(images));
  *last_sequence = sequence_seen;
  std::lock_guard lock(health_mu_);
  health_.records_processed += static_cast<int64_t>(records.size());
  if (newest_change > 0) {
    health_.last_record_at = IsoUtc(
        Clock::time_point(std::chrono::microseconds(static_cast<int64_t>(newest_change * 1e6))));
  }
  return AppStatus::OK();
}

}  // namespace cruddur
