#include "streams/stream_processor.h"

#include <set>

#include "common/time_format.h"
#include "messaging/tables.h"

namespace cruddur {
namespace {

using ddb::StringOf;

ddb::Value S(std::string text) { return ddb::Value::S(std::move(text)); }

}  // namespace

StreamProcessor::StreamProcessor(ddb::client::DynamoDbClient& client, Options options)
    : client_(client),
      options_(std::move(options)),
      repo_(client, options_.table),
      updater_(repo_),
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

void StreamProcessor::WaitUntilRunning(std::chrono::milliseconds timeout) const {
  std::unique_lock lock(health_mu_);
  health_changed_.wait_for(lock, timeout, [this] { return health_.running; });
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
  health_changed_.notify_all();
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
  ddb::client::CreateTableRequest create;
  create.table = checkpoint_table_;
  create.attributes = {{"stream_arn", "S"}, {"shard_id", "S"}};
  create.key = {{"stream_arn", true}, {"shard_id", false}};
  DDB_RETURN_IF_ERROR(EnsureTable(client_, create, wait));
  checkpoint_table_ready_ = true;
  return AppStatus::OK();
}

AppResult<std::string> StreamProcessor::StreamArn() {
  auto table = client_.DescribeTable(options_.table);
  if (!table.ok()) return AppError::FromClient(table.error());
  if (table->latest_stream_arn.empty()) {
    return AppError::Invalid("table " + options_.table + " has no stream: run bin/ddb/setup");
  }
  return std::move(table->latest_stream_arn);
}

AppStatus StreamProcessor::ProcessShards(const std::string& stream_arn) {
  if (stream_arn != stream_arn_) {  // A new stream (the table was re-created): start afresh.
    stream_arn_ = stream_arn;
    cursors_.clear();
  }
  std::vector<ddb::client::Shard> shards;
  std::string start;
  do {
    auto page = client_.DescribeStream(stream_arn, start);
    if (!page.ok()) return AppError::FromClient(page.error());
    for (auto& shard : page->shards) shards.push_back(std::move(shard));
    start = std::move(page->last_shard_id);
  } while (!start.empty() && !stop_);
  std::set<std::string> listed, finished;
  for (const auto& s : shards) listed.insert(s.id);
  // Parents come before children (DynamoDB lists them so); a child waits for its parent.
  for (const auto& s : shards) {
    if (stop_) break;
    if (!s.parent_id.empty() && listed.count(s.parent_id) && !finished.count(s.parent_id)) {
      continue;
    }
    bool closed = false;
    DDB_RETURN_IF_ERROR(DrainShard(stream_arn, s.id, &closed));
    if (closed) finished.insert(s.id);
  }
  return AppStatus::OK();
}

AppResult<std::string> StreamProcessor::Checkpoint(const std::string& stream_arn,
                                                   const std::string& shard) {
  auto item = client_.GetItem({.table = checkpoint_table_,
                               .key = {{"stream_arn", S(stream_arn)}, {"shard_id", S(shard)}},
                               .consistent_read = true});
  if (!item.ok()) return AppError::FromClient(item.error());
  if (!*item) return std::string();
  if (StringOf(**item, "closed") == "true") return std::string("closed");
  return StringOf(**item, "sequence");
}

AppStatus StreamProcessor::SaveCheckpoint(const std::string& stream_arn, const std::string& shard,
                                          const std::string& sequence, bool closed) {
  ddb::Item item{
      {"stream_arn", S(stream_arn)}, {"shard_id", S(shard)}, {"updated_at", S(NowIsoUtc())}};
  if (!sequence.empty()) item["sequence"] = S(sequence);
  if (closed) item["closed"] = S("true");
  auto answer = client_.PutItem({.table = checkpoint_table_, .item = std::move(item)});
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
  using ddb::client::IteratorType;
  auto request = [&](const std::string& after) {
    return client_.GetShardIterator(
        stream_arn, shard,
        after.empty() ? IteratorType::kTrimHorizon : IteratorType::kAfterSequence, after);
  };
  auto iterator = request(position);
  if (!iterator.ok() && iterator.error().Is("ValidationException") && !position.empty()) {
    iterator = request("");  // The checkpoint was trimmed away: start at the oldest record.
  }
  if (!iterator.ok()) return AppError::FromClient(iterator.error());
  cursor.iterator = std::move(iterator).value();
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
  while (!stop_) {
    auto page = client_.GetRecords(iterator, options_.batch);
    if (!page.ok()) {
      cursor.iterator.clear();  // The next round starts again from the checkpoint.
      if (page.error().Is("ExpiredIteratorException") ||
          page.error().Is("TrimmedDataAccessException")) {
        return AppStatus::OK();
      }
      return AppError::FromClient(page.error());
    }
    std::string last_sequence;
    auto processed = ProcessRecords(page->records, &last_sequence);
    if (!processed.ok()) {
      cursor.iterator.clear();  // Re-read the batch from the checkpoint: the updater is idempotent.
      return processed;
    }
    const bool ended = page->next_iterator.empty();
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
    iterator = cursor.iterator = std::move(page->next_iterator);
    if (last_sequence.empty()) return AppStatus::OK();  // Caught up: poll again later.
  }
  return AppStatus::OK();
}

AppStatus StreamProcessor::ProcessRecords(std::vector<ddb::client::StreamRecord>& records,
                                          std::string* last_sequence) {
  if (records.empty()) return AppStatus::OK();
  std::vector<ddb::Item> images;
  double newest_change = 0;
  for (auto& r : records) {
    if (r.event_name != "REMOVE" && r.new_image) images.push_back(std::move(*r.new_image));
    newest_change = std::max(newest_change, r.created_at);
  }
  const std::string sequence_seen = records.back().sequence_number;
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
