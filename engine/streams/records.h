// Stream records: written in the same batch as the item change they describe, read back for
// GetRecords. The record format is at the top of records.cc.
#pragma once

#include <rocksdb/write_batch.h>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "catalog/table_def.h"
#include "storage/store.h"

namespace ddb::streams {

// The persisted event kind. On disk: never renumber.
enum class EventName : uint8_t { kInsert = 1, kModify = 2, kRemove = 3 };

struct Record {
  uint64_t sequence = 0;
  EventName event = EventName::kInsert;
  double time = 0;  // Seconds since the epoch.
  // The keys and images as encoded items (item/codec.h), so that GetRecords renders them
  // straight from storage.
  std::string keys;
  std::optional<std::string> new_image;
  std::optional<std::string> old_image;
  size_t size_bytes = 0;
  StreamViewType view = StreamViewType::kNewImage;
  bool by_ttl = false;  // Deleted by time to live: the service's userIdentity.
};

// True if `table` records changes now.
inline bool Records(const TableDef& table) { return table.stream.enabled && table.stream.id != 0; }

// Adds the record of the change `before` -> `after` (not both null, not equal) to `batch`, made
// at `now` (seconds since the epoch: its ApproximateCreationDateTime).
void StageRecord(const storage::Store& store, const TableDef& table, const Item* before,
                 const Item* after, uint64_t sequence, bool by_ttl, double now,
                 rocksdb::WriteBatch* batch);

// Up to `limit` records of stream `stream_id` with sequence numbers in [from, below), in order,
// stopping after about `max_bytes`. *next is the first number not returned. The readers below
// fail only on a storage read error.
Result<std::vector<Record>> ReadRecords(const storage::Store& store, uint64_t stream_id,
                                        uint64_t from, uint64_t below, size_t limit,
                                        size_t max_bytes, uint64_t* next);

// The largest sequence number stored for any stream, 0 if none (to seed the Sequencer).
Result<uint64_t> MaxStoredSequence(const storage::Store& store,
                                   const std::vector<uint64_t>& stream_ids);

// The first sequence number still stored for a stream, or 0 if it has no records.
Result<uint64_t> FirstStoredSequence(const storage::Store& store, uint64_t stream_id);

// Deletes the records of `stream_id` older than `cutoff` (epoch seconds) and remembers where
// trimming stopped. Returns false on a storage error.
bool TrimRecords(storage::Store& store, uint64_t stream_id, double cutoff);

// Sequence numbers below this were trimmed from `stream_id` (0 if none were).
Result<uint64_t> TrimmedBelow(const storage::Store& store, uint64_t stream_id);

}  // namespace ddb::streams
