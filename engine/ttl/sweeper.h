// Sweeper: deletes items whose time-to-live has passed, and stream records older than 24 hours,
// in the background.
//
// Every `interval` it walks the tables with TTL enabled and deletes each item whose TTL
// attribute is a number of epoch seconds in the past (but not more than five years in the past,
// which DynamoDB ignores), re-checking under the item's lock so a concurrent update that extends
// the expiry wins. Each deletion is an ordinary item write (indexes, counters) whose stream
// record carries the service's userIdentity. Until deleted, expired items are still returned,
// as in DynamoDB.
//
// Lifecycle: Start() once after the store is open; Stop() before it closes (also from the
// destructor). Thread-safe.
#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <thread>

#include "state/engine.h"

namespace ddb::ttl {

class Sweeper {
 public:
  Sweeper(Engine& engine, std::chrono::milliseconds interval)
      : engine_(engine), interval_(interval) {}
  ~Sweeper() { Stop(); }
  Sweeper(const Sweeper&) = delete;
  Sweeper& operator=(const Sweeper&) = delete;

  void Start();
  void Stop();

 private:
  void Run();
  void SweepTable(const TableDef& table, double now);

  Engine& engine_;
  const std::chrono::milliseconds interval_;
  std::thread thread_;
  std::mutex mu_;
  std::condition_variable wake_;
  std::atomic<bool> stop_{false};
};

// True if `item` has expired at `now` under `attribute` (a number of epoch seconds, in the past
// but not more than five years).
bool Expired(const Item& item, const std::string& attribute, double now);

}  // namespace ddb::ttl
