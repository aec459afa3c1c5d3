// Record format: an item in the item codec (item/codec.h) with attributes
//   e N (EventName), t N (seconds), k M (keys), n M? (new image), o M? (old image),
//   s N (size in bytes), v N (StreamViewType), ttl BOOL?
// under key u64be(stream id) u64be(sequence number) in the stream column family. Sequence number
// 0 is never issued; its key holds u64be(trimmed below), where retention trimming stopped.
#include "streams/records.h"

#include <chrono>
#include <cstdio>

#include "item/codec.h"
#include "storage/keys.h"

namespace ddb::streams {
namespace {

std::string RecordKey(uint64_t stream_id, uint64_t sequence) {
  std::string key;
  storage::PutBigEndian64(stream_id, &key);
  storage::PutBigEndian64(sequence, &key);
  return key;
}

Item KeysOf(const TableDef& table, const Item& item) {
  Item keys;
  if (auto it = item.find(table.hash.name); it != item.end()) keys.insert(*it);
  if (table.range) {
    if (auto it = item.find(table.range->name); it != item.end()) keys.insert(*it);
  }
  return keys;
}

Value Num(double v) {
  char buf[64];
  std::snprintf(buf, sizeof(buf), "%.3f", v);
  return Value::N(buf);
}

}  // namespace

void StageRecord(const storage::Store& store, const TableDef& table, const Item* before,
                 const Item* after, uint64_t sequence, bool by_ttl, double now,
                 rocksdb::WriteBatch* batch) {
  const StreamViewType view = table.stream.view;
  Item r;
  EventName event =
      !before ? EventName::kInsert : (!after ? EventName::kRemove : EventName::kModify);
  r["e"] = Value::N(std::to_string(static_cast<int>(event)));
  r["t"] = Num(now);
  Item keys = KeysOf(table, after ? *after : *before);
  size_t size = ItemSize(keys);
  r["k"] = Value::OfMap(std::move(keys));
  if (after && (view == StreamViewType::kNewImage || view == StreamViewType::kNewAndOldImages)) {
    size += ItemSize(*after);
    r["n"] = Value::OfMap(*after);
  }
  if (before && (view == StreamViewType::kOldImage || view == StreamViewType::kNewAndOldImages)) {
    size += ItemSize(*before);
    r["o"] = Value::OfMap(*before);
  }
  r["s"] = Value::N(std::to_string(size));
  r["v"] = Value::N(std::to_string(static_cast<int>(view)));
  if (by_ttl) r["ttl"] = Value::Bool(true);
  std::string encoded;
  EncodeItem(r, &encoded);
  batch->Put(store.stream(), RecordKey(table.stream.id, sequence), encoded).PermitUncheckedError();
}

Result<std::vector<Record>> ReadRecords(const storage::Store& store, uint64_t stream_id,
                                        uint64_t from, uint64_t below, size_t limit,
                                        size_t max_bytes, uint64_t* next) {
  std::vector<Record> out;
  *next = from;
  if (from >= below) return out;
  auto it =
      store.NewIterator(store.stream(), RecordKey(stream_id, from), RecordKey(stream_id, below));
  size_t bytes = 0;
  std::vector<std::pair<std::string_view, std::string_view>> members;
  for (it->SeekToFirst(); it->Valid() && out.size() < limit && bytes < max_bytes; it->Next()) {
    if (!SplitItem(std::string_view(it->value().data(), it->value().size()), &members)) continue;
    Record rec;
    rec.sequence = storage::GetBigEndian64(std::string_view(it->key().data() + 8, 8));
    for (const auto& [name, raw] : members) {
      // k, n, o: M values, whose encoding after the tag byte is an encoded item.
      if (name == "k" || name == "n" || name == "o") {
        std::string item(raw.substr(1));
        if (name == "k") {
          rec.keys = std::move(item);
        } else if (name == "n") {
          rec.new_image = std::move(item);
        } else {
          rec.old_image = std::move(item);
        }
        continue;
      }
      if (name == "ttl") {
        rec.by_ttl = true;
        continue;
      }
      Value v;
      if (!DecodeValue(raw, &v) || v.type != Type::kN) continue;
      if (name == "e")
        rec.event = static_cast<EventName>(std::strtoll(v.scalar.c_str(), nullptr, 10));
      if (name == "t") rec.time = std::strtod(v.scalar.c_str(), nullptr);
      if (name == "s") rec.size_bytes = std::strtoull(v.scalar.c_str(), nullptr, 10);
      if (name == "v")
        rec.view = static_cast<StreamViewType>(std::strtoll(v.scalar.c_str(), nullptr, 10));
    }
    bytes += rec.size_bytes;
    *next = rec.sequence + 1;
    out.push_back(std::move(rec));
  }
  if (!it->Valid()) DDB_RETURN_IF_ERROR(storage::IteratorError(*it));
  // Nothing (more) stored below `below`: the reader may continue from there.
  if (out.size() < limit && bytes < max_bytes) *next = below;
  return out;
}

Result<uint64_t> MaxStoredSequence(const storage::Store& store,
                                   const std::vector<uint64_t>& stream_ids) {
  uint64_t max = 0;
  for (uint64_t id : stream_ids) {
    auto it = store.NewIterator(store.stream(), RecordKey(id, 1), RecordKey(id + 1, 0));
    it->SeekToLast();
    if (!it->Valid()) {
      DDB_RETURN_IF_ERROR(storage::IteratorError(*it));
      continue;
    }
    max = std::max(max, storage::GetBigEndian64(std::string_view(it->key().data() + 8, 8)));
  }
  return max;
}

Result<uint64_t> FirstStoredSequence(const storage::Store& store, uint64_t stream_id) {
  auto it = store.NewIterator(store.stream(), RecordKey(stream_id, 1), RecordKey(stream_id + 1, 0));
  it->SeekToFirst();
  if (!it->Valid()) {
    DDB_RETURN_IF_ERROR(storage::IteratorError(*it));
    return uint64_t{0};
  }
  return storage::GetBigEndian64(std::string_view(it->key().data() + 8, 8));
}

Result<uint64_t> TrimmedBelow(const storage::Store& store, uint64_t stream_id) {
  std::string raw;
  DDB_ASSIGN_OR_RETURN(bool found, store.Get(store.stream(), RecordKey(stream_id, 0), &raw));
  if (!found || raw.size() != 8) return uint64_t{0};
  return storage::GetBigEndian64(raw);
}

bool TrimRecords(storage::Store& store, uint64_t stream_id, double cutoff) {
  auto it = store.NewIterator(store.stream(), RecordKey(stream_id, 1), RecordKey(stream_id + 1, 0));
  uint64_t below = 0;
  for (it->SeekToFirst(); it->Valid(); it->Next()) {
    Item r;
    if (!DecodeItem(std::string_view(it->value().data(), it->value().size()), &r)) break;
    auto t = r.find("t");
    if (t == r.end() || std::strtod(t->second.scalar.c_str(), nullptr) >= cutoff) break;
    below = storage::GetBigEndian64(std::string_view(it->key().data() + 8, 8)) + 1;
  }
  if (!it->Valid() && !storage::IteratorError(*it).ok()) return false;
  if (below == 0) return true;
  rocksdb::WriteBatch batch;
  batch.DeleteRange(store.stream(), RecordKey(stream_id, 1), RecordKey(stream_id, below))
      .PermitUncheckedError();
  std::string encoded;
  storage::PutBigEndian64(below, &encoded);
  batch.Put(store.stream(), RecordKey(stream_id, 0), encoded).PermitUncheckedError();
  std::string error;
  return store.WriteUnsynced(&batch, &error);
}

}  // namespace ddb::streams
