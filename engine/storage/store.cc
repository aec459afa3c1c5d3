// Meta column family layout (the key constants are in store.h):
//   "F"                         -> u32be(format version)           checked at open
//   "N"                         -> u64be(next table id)            table ids are never reused
//   'T' namespace 0x00 name     -> encoded table definition         see catalog/table_def.cc
//   'S' u64be(stream id)        -> a retired stream's table definition (catalog/catalog.h)
//   'C' u64be(table or index id) -> i64le(item count) i64le(bytes) merged by CounterMerge
//   'L' partition prefix        -> the same counters for one item collection
#include "storage/store.h"

#include <rocksdb/cache.h>
#include <rocksdb/env.h>
#include <rocksdb/filter_policy.h>
#include <rocksdb/merge_operator.h>
#include <rocksdb/sst_file_manager.h>
#include <rocksdb/table.h>

#include <cstring>
#include <filesystem>

#include "storage/keys.h"

namespace ddb::storage {
namespace {

void DecodeCounters(const rocksdb::Slice& s, int64_t* items, int64_t* bytes) {
  *items = *bytes = 0;
  if (s.size() != 16) return;
  std::memcpy(items, s.data(), 8);
  std::memcpy(bytes, s.data() + 8, 8);
}

std::string EncodeCounters(int64_t items, int64_t bytes) {
  std::string out(16, '\0');
  std::memcpy(out.data(), &items, 8);
  std::memcpy(out.data() + 8, &bytes, 8);
  return out;
}

// Adds counter pairs, so that every write can adjust a table's counters without a read.
class CounterMerge : public rocksdb::AssociativeMergeOperator {
 public:
  bool Merge(const rocksdb::Slice&, const rocksdb::Slice* existing, const rocksdb::Slice& value,
             std::string* new_value, rocksdb::Logger*) const override {
    int64_t a_items = 0, a_bytes = 0, b_items, b_bytes;
    if (existing != nullptr) DecodeCounters(*existing, &a_items, &a_bytes);
    DecodeCounters(value, &b_items, &b_bytes);
    *new_value = EncodeCounters(a_items + b_items, a_bytes + b_bytes);
    return true;
  }
  const char* Name() const override { return "ddb.CounterMerge"; }
};

// The bytes free for this process on the disk holding `path`; unknown counts as plenty.
uint64_t FreeBytes(const std::string& path) {
  std::error_code ec;
  std::filesystem::space_info space = std::filesystem::space(path, ec);
  return ec ? UINT64_MAX : space.available;
}

std::string Megabytes(uint64_t bytes) { return std::to_string(bytes >> 20) + " MB"; }

std::string CountersKey(uint64_t table_id) {
  std::string key(1, kMetaCountersPrefix);
  PutBigEndian64(table_id, &key);
  return key;
}

}  // namespace

std::unique_ptr<Store> Store::Open(const StoreOptions& options, std::string* error) {
  std::unique_ptr<Store> store(new Store());
  if (!store->Init(options, error)) return nullptr;
  return store;
}

bool Store::Init(const StoreOptions& options, std::string* error) {
  rocksdb::DBOptions db_options;
  db_options.create_if_missing = true;
  db_options.create_missing_column_families = true;
  db_options.max_background_jobs = 2;
  db_options.keep_log_file_num = 2;
  db_options.info_log_level = rocksdb::InfoLogLevel::WARN_LEVEL;
  std::string path = options.path;
  if (options.in_memory) {
    mem_env_.reset(rocksdb::NewMemEnv(rocksdb::Env::Default()));
    db_options.env = mem_env_.get();
    path = "/ddb-in-memory";
    write_options_.disableWAL = true;
  } else {
    std::error_code ec;
    std::filesystem::create_directories(path, ec);
    if (ec) {
      *error = "cannot create data folder " + path + ": " + ec.message();
      return false;
    }
    write_options_.sync = true;
    if (options.env != nullptr) db_options.env = options.env;
    path_ = path;
    min_free_bytes_ = options.min_free_bytes;
    const uint64_t free = FreeBytes(path);
    if (free < min_free_bytes_) {
      *error = "only " + Megabytes(free) + " free on the disk of data folder " + path +
               "; ddb-server needs " + Megabytes(min_free_bytes_) +
               " free to start (--min-free-space): free some space and start again";
      return false;
    }
    // Lets RocksDB recover by itself from running out of space in a flush or compaction, once
    // space returns.
    db_options.sst_file_manager.reset(rocksdb::NewSstFileManager(db_options.env));
  }

  // One block cache for every family: RocksDB's default is 8 MB per table factory, which a
  // 100,000-item table outgrows, and then every read decompresses blocks again.
  rocksdb::BlockBasedTableOptions table_options;
  table_options.block_cache = rocksdb::NewLRUCache(size_t{64} << 20);
  table_options.filter_policy.reset(rocksdb::NewBloomFilterPolicy(10));
  table_options.whole_key_filtering = true;
  rocksdb::ColumnFamilyOptions items_options;
  items_options.table_factory.reset(rocksdb::NewBlockBasedTableFactory(table_options));
  items_options.write_buffer_size = 16 << 20;
  rocksdb::ColumnFamilyOptions meta_options;
  meta_options.table_factory = items_options.table_factory;
  meta_options.merge_operator = std::make_shared<CounterMerge>();
  meta_options.write_buffer_size = 1 << 20;

  std::vector<rocksdb::ColumnFamilyDescriptor> families = {
      {rocksdb::kDefaultColumnFamilyName, items_options},
      {"meta", meta_options},
      {"index", items_options},
      {"stream", items_options}};
  std::vector<rocksdb::ColumnFamilyHandle*> handles;
  rocksdb::DB* raw = nullptr;
  rocksdb::Status s = rocksdb::DB::Open(db_options, path, families, &handles, &raw);
  if (!s.ok()) {
    if (s.IsIOError() && s.ToString().find("lock") != std::string::npos) {
      *error = "data folder " + path + " is in use by another ddb-server (" + s.ToString() + ")";
    } else {
      *error = "cannot open data folder " + path + ": " + s.ToString();
    }
    return false;
  }
  db_.reset(raw);
  items_ = handles[0];
  meta_ = handles[1];
  index_ = handles[2];
  stream_ = handles[3];

  std::string version;
  Result<bool> stored = Get(meta_, kMetaFormatKey, &version);
  if (!stored.ok()) {
    *error = "cannot read data folder " + path + ": " + stored.error().message;
    return false;
  }
  if (*stored) {
    if (version.size() != 4) version.clear();
    uint32_t found = 0;
    for (char c : version) found = (found << 8) | static_cast<uint8_t>(c);
    if (found != kFormatVersion) {
      *error = "data folder " + path + " holds on-disk format version " + std::to_string(found) +
               "; this ddb-server reads version " + std::to_string(kFormatVersion);
      return false;
    }
    return true;
  }
  std::string encoded;
  PutBigEndian32(kFormatVersion, &encoded);
  rocksdb::WriteBatch batch;
  batch.Put(meta_, kMetaFormatKey, encoded);
  return Write(&batch, error);
}

Store::~Store() {
  if (!db_) return;
  db_->DestroyColumnFamilyHandle(items_);
  db_->DestroyColumnFamilyHandle(meta_);
  db_->DestroyColumnFamilyHandle(index_);
  db_->DestroyColumnFamilyHandle(stream_);
  db_->Close().PermitUncheckedError();
  db_.reset();
}

bool Store::ReadyToWrite(std::string* error) {
  if (path_.empty()) return true;  // In memory.
  const uint64_t free = FreeBytes(path_);
  if (free < min_free_bytes_) {
    *error = "no space left for writes: " + Megabytes(free) + " free on the data folder's disk, " +
             Megabytes(min_free_bytes_) + " kept free";
    return false;
  }
  if (!failed_.load(std::memory_order_acquire)) return true;
  std::lock_guard lock(resume_mu_);
  if (!failed_.load(std::memory_order_acquire)) return true;
  rocksdb::Status s = db_->Resume();  // OK at once when RocksDB is not in an error state.
  if (!s.ok()) {
    *error = "storage is recovering from an earlier error: " + s.ToString();
    return false;
  }
  failed_.store(false, std::memory_order_release);
  return true;
}

bool Store::Write(rocksdb::WriteBatch* batch, std::string* error) {
  if (!ReadyToWrite(error)) return false;
  rocksdb::Status s = db_->Write(write_options_, batch);
  if (!s.ok()) {
    failed_.store(true, std::memory_order_release);
    *error = s.ToString();
    return false;
  }
  return true;
}

bool Store::WriteUnsynced(rocksdb::WriteBatch* batch, std::string* error) {
  if (!ReadyToWrite(error)) return false;
  rocksdb::WriteOptions options = write_options_;
  options.sync = false;
  rocksdb::Status s = db_->Write(options, batch);
  if (!s.ok()) {
    failed_.store(true, std::memory_order_release);
    *error = s.ToString();
    return false;
  }
  return true;
}

Status IteratorError(const rocksdb::Iterator& it) {
  rocksdb::Status s = it.status();
  if (s.ok()) return Status::OK();
  return ApiError::Internal("storage read failed: " + s.ToString());
}

Result<bool> Store::Get(rocksdb::ColumnFamilyHandle* cf, std::string_view key, std::string* value,
                        const rocksdb::Snapshot* snapshot) const {
  rocksdb::ReadOptions ro;
  ro.snapshot = snapshot;
  rocksdb::PinnableSlice pinned;
  rocksdb::Status s = db_->Get(ro, cf, rocksdb::Slice(key.data(), key.size()), &pinned);
  if (s.IsNotFound()) return false;
  if (!s.ok()) return ApiError::Internal("storage read failed: " + s.ToString());
  value->assign(pinned.data(), pinned.size());
  return true;
}

namespace {

// Keeps the iterator's bound slices alive for as long as the iterator.
class BoundedIterator : public rocksdb::Iterator {
 public:
  BoundedIterator(rocksdb::DB* db, rocksdb::ColumnFamilyHandle* cf, std::string lower,
                  std::string upper)
      : lower_(std::move(lower)), upper_(std::move(upper)) {
    rocksdb::ReadOptions ro;
    lower_slice_ = lower_;
    upper_slice_ = upper_;
    ro.iterate_lower_bound = &lower_slice_;
    ro.iterate_upper_bound = &upper_slice_;
    it_.reset(db->NewIterator(ro, cf));
  }
  bool Valid() const override { return it_->Valid(); }
  void SeekToFirst() override { it_->SeekToFirst(); }
  void SeekToLast() override { it_->SeekToLast(); }
  void Seek(const rocksdb::Slice& t) override { it_->Seek(t); }
  void SeekForPrev(const rocksdb::Slice& t) override { it_->SeekForPrev(t); }
  void Next() override { it_->Next(); }
  void Prev() override { it_->Prev(); }
  rocksdb::Slice key() const override { return it_->key(); }
  rocksdb::Slice value() const override { return it_->value(); }
  rocksdb::Status status() const override { return it_->status(); }

 private:
  std::string lower_, upper_;
  rocksdb::Slice lower_slice_, upper_slice_;
  std::unique_ptr<rocksdb::Iterator> it_;
};

}  // namespace

std::unique_ptr<rocksdb::Iterator> Store::NewIterator(rocksdb::ColumnFamilyHandle* cf,
                                                      std::string lower, std::string upper) const {
  return std::make_unique<BoundedIterator>(db_.get(), cf, std::move(lower), std::move(upper));
}

void Store::AddCounters(rocksdb::WriteBatch* batch, uint64_t table_id, int64_t items,
                        int64_t bytes) const {
  if (items == 0 && bytes == 0) return;
  batch->Merge(meta_, CountersKey(table_id), EncodeCounters(items, bytes)).PermitUncheckedError();
}

Result<TableCounters> Store::ReadCounters(uint64_t table_id) const {
  std::string raw;
  TableCounters c;
  DDB_ASSIGN_OR_RETURN(bool found, Get(meta_, CountersKey(table_id), &raw));
  if (found) DecodeCounters(raw, &c.items, &c.bytes);
  return c;
}

void Store::DeleteCounters(rocksdb::WriteBatch* batch, uint64_t table_id) const {
  batch->Delete(meta_, CountersKey(table_id)).PermitUncheckedError();
  std::string first(1, kMetaCollectionPrefix), last(1, kMetaCollectionPrefix);
  first += TablePrefix(table_id);
  last += TablePrefix(table_id + 1);
  batch->DeleteRange(meta_, first, last).PermitUncheckedError();
}

void Store::AddCollectionCounters(rocksdb::WriteBatch* batch, std::string_view partition,
                                  int64_t items, int64_t bytes) const {
  if (items == 0 && bytes == 0) return;
  std::string key(1, kMetaCollectionPrefix);
  key += partition;
  batch->Merge(meta_, key, EncodeCounters(items, bytes)).PermitUncheckedError();
}

Result<TableCounters> Store::ReadCollectionCounters(std::string_view partition) const {
  std::string key(1, kMetaCollectionPrefix), raw;
  key += partition;
  TableCounters c;
  DDB_ASSIGN_OR_RETURN(bool found, Get(meta_, key, &raw));
  if (found) DecodeCounters(raw, &c.items, &c.bytes);
  return c;
}

void Store::Flush() {
  db_->FlushWAL(true).PermitUncheckedError();
  rocksdb::FlushOptions fo;
  db_->Flush(fo, {items_, meta_, index_, stream_}).PermitUncheckedError();
}

}  // namespace ddb::storage
