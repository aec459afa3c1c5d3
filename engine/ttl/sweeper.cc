#include "ttl/sweeper.h"

#include <cstdlib>
#include <iostream>

#include "item/codec.h"
#include "storage/keys.h"
#include "streams/records.h"
#include "txn/rmw.h"

namespace ddb::ttl {

constexpr double kFiveYears = 5 * 365.25 * 24 * 3600;
constexpr double kStreamRetention = 24 * 3600;

bool Expired(const Item& item, const std::string& attribute, double now) {
  auto it = item.find(attribute);
  if (it == item.end() || it->second.type != Type::kN) return false;
  double expiry = std::strtod(it->second.scalar.c_str(), nullptr);
  return expiry <= now && expiry >= now - kFiveYears;
}

void Sweeper::Start() {
  thread_ = std::thread([this] { Run(); });
}

void Sweeper::Stop() {
  if (!thread_.joinable()) return;
  {
    std::lock_guard lock(mu_);
    stop_ = true;
  }
  wake_.notify_all();
  thread_.join();
}

void Sweeper::Run() {
  while (true) {
    {
      std::unique_lock lock(mu_);
      if (wake_.wait_for(lock, interval_, [this] { return stop_.load(); })) return;
    }
    const double now = engine_.clock().EpochSeconds();
    for (const TablePtr& table : engine_.catalog().AllTables()) {
      if (stop_) return;
      if (table->ttl_enabled) SweepTable(*table, now);
      // Stream records are kept for 24 hours, as in DynamoDB.
      if (table->stream.id != 0) {
        streams::TrimRecords(engine_.store(), table->stream.id, now - kStreamRetention);
      }
    }
    // A retired stream (catalog.h) is trimmed like any other, then forgotten 24 hours after it
    // ended, when its last record is gone too.
    for (const TablePtr& retired : engine_.catalog().RetiredStreams()) {
      if (stop_) return;
      if (retired->stream.disabled < now - kStreamRetention) {
        (void)engine_.catalog().ForgetStream(retired->stream.id);  // Else retried next round.
      } else {
        streams::TrimRecords(engine_.store(), retired->stream.id, now - kStreamRetention);
      }
    }
  }
}

void Sweeper::SweepTable(const TableDef& table, double now) {
  storage::Store& store = engine_.store();
  auto it = store.NewIterator(store.items(), storage::TablePrefix(table.id),
                              storage::TablePrefix(table.id + 1));
  Item item;
  for (it->SeekToFirst(); it->Valid() && !stop_; it->Next()) {
    if (!DecodeItem(std::string_view(it->value().data(), it->value().size()), &item)) continue;
    if (!Expired(item, table.ttl_attribute, now)) continue;
    const std::string key = it->key().ToString();
    // Re-checked under the lock: an update that moved the expiry forward wins.
    auto deleted = txn::ReadModifyWrite(
        engine_, table, key,
        [&](const Item* current) -> Result<std::optional<Item>> {
          if (current && Expired(*current, table.ttl_attribute, now)) return std::optional<Item>();
          return current ? std::optional<Item>(*current) : std::optional<Item>();
        },
        /*by_ttl=*/true);
    if (!deleted.ok()) return;  // Storage trouble: try again next round.
  }
  // A read error ends the pass early; the next round starts over.
  Status read = it->Valid() ? Status::OK() : storage::IteratorError(*it);
  if (!read.ok()) {
    std::cerr << "ddb-server: time-to-live sweep of table " << table.name
              << " stopped: " << read.error().message << std::endl;
  }
}

}  // namespace ddb::ttl
