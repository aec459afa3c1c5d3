#include "txn/snapshot.h"

#include "item/codec.h"

namespace ddb::txn {

Result<std::vector<std::optional<Item>>> ReadSnapshot(Engine& engine,
                                                      const std::vector<std::string>& keys) {
  rocksdb::DB* db = engine.store().db();
  const rocksdb::Snapshot* snapshot = db->GetSnapshot();
  std::vector<std::optional<Item>> out;
  out.reserve(keys.size());
  for (const auto& key : keys) {
    std::string raw;
    Result<bool> found = engine.store().Get(engine.store().items(), key, &raw, snapshot);
    if (!found.ok()) {
      db->ReleaseSnapshot(snapshot);
      return std::move(found).error();
    }
    if (!*found) {
      out.emplace_back();
      continue;
    }
    Item item;
    if (!DecodeItem(raw, &item)) {
      db->ReleaseSnapshot(snapshot);
      return ApiError::Internal("corrupt item in storage");
    }
    out.emplace_back(std::move(item));
  }
  db->ReleaseSnapshot(snapshot);
  return out;
}

}  // namespace ddb::txn
