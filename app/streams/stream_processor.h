// StreamProcessor: keeps inboxes current by reading the messages table's stream (spec §3
// pattern E) through the DynamoDB Streams API, as the original's Lambda did but locally too and
// unchanged against the real service.
//
// It walks every shard of the table's latest stream (parents before children), hands the new
// images of every batch to the InboxUpdater (INSERT and MODIFY of message items; REMOVE records
// and non-message items are ignored), which moves each conversation's inbox rows once, to its
// newest message, conversations in parallel, so it keeps up with a busy table; after each batch
// records the last sequence number it finished in a checkpoint table (`<table>-stream-checkpoints`,
// one item per shard, created on first use), so that a restart resumes after it: nothing is
// skipped, and work repeated after a crash (at most one batch) is harmless because the updater is
// idempotent. A shard with no checkpoint is read from TRIM_HORIZON. Between polls each shard keeps
// its iterator, so an idle poll costs one GetRecords per shard (plus the table's description, to
// notice a new stream).
//
// Run() loops until Stop(); thread-safe to stop from another thread or a signal handler's
// thread. Status() reports for the health check.
#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <map>
#include <mutex>
#include <string>
#include <vector>

#include "client/dynamodb_client.h"
#include "common/app_error.h"
#include "messaging/messages_repo.h"
#include "streams/inbox_updater.h"

namespace cruddur {

class StreamProcessor {
 public:
  struct Options {
    std::string table = kMessagesTable;
    // Wait when a shard has no new records: 5 GetRecords per second per shard is the real
    // service's limit (and what its Lambda trigger polls).
    std::chrono::milliseconds idle_poll{200};
    int batch = 1000;  // GetRecords Limit (the service's maximum): more records, fewer moves.
  };
  StreamProcessor(ddb::client::DynamoDbClient& client, Options options);

  // Processes the stream until Stop(). Returns an error only for what waiting cannot fix (the
  // table has no stream); unavailable servers are retried with a pause.
  AppStatus Run();
  void Stop();
  // Creates the checkpoint table if needed and waits (up to a minute) until it is usable, so
  // that a processor started next is healthy from its first round. Optional: Run() creates it
  // too, without waiting.
  AppStatus Prepare();

  struct Health {
    bool running = false;
    std::string last_error;  // Empty when the last round succeeded.
    int64_t records_processed = 0;
    std::string last_record_at;  // ISO time of the last processed record's change.
  };
  Health Status() const;
  // Waits until Run() is running (or `timeout` passes).
  void WaitUntilRunning(std::chrono::milliseconds timeout) const;

 private:
  // Creates the checkpoint table when missing; Unavailable until it is ACTIVE, after `wait`.
  AppStatus EnsureCheckpointTable(std::chrono::seconds wait);
  AppResult<std::string> StreamArn();
  AppStatus ProcessShards(const std::string& stream_arn);
  // Processes shard `shard` from its checkpoint until it has no records now (or is closed).
  // *closed is set when the shard ended.
  AppStatus DrainShard(const std::string& stream_arn, const std::string& shard, bool* closed);
  AppResult<std::string> Checkpoint(const std::string& stream_arn, const std::string& shard);
  AppStatus SaveCheckpoint(const std::string& stream_arn, const std::string& shard,
                           const std::string& sequence, bool closed);
  bool Sleep(std::chrono::milliseconds d);  // False when stopped.
  void Note(const AppError* error);
  // The shard iterator to read `shard` from next: kept between rounds, else derived from the
  // checkpoint. Empty when the shard is closed.
  AppResult<std::string> IteratorFor(const std::string& stream_arn, const std::string& shard);
  // Hands a GetRecords page's records to the updater; *last_sequence = the last one's number.
  AppStatus ProcessRecords(std::vector<ddb::client::StreamRecord>& records,
                           std::string* last_sequence);

  // Run()'s thread only: where each shard of `stream_arn_` is read next.
  struct Cursor {
    std::string iterator;  // Empty: derive from the checkpoint.
    std::string position;  // The last checkpointed sequence number.
    bool closed = false;
  };
  std::string stream_arn_;
  std::map<std::string, Cursor> cursors_;
  bool checkpoint_table_ready_ = false;

  ddb::client::DynamoDbClient& client_;
  Options options_;
  MessagesRepo repo_;
  InboxUpdater updater_;
  std::string checkpoint_table_;
  std::atomic<bool> stop_{false};
  std::mutex mu_;
  std::condition_variable wake_;
  mutable std::mutex health_mu_;
  mutable std::condition_variable health_changed_;
  Health health_;
};

}  // namespace cruddur
