// Instance: a whole ddb-server — the store, the catalog, the engine with its background workers
// (index backfill, time to live) and the HTTP endpoint — opened from Flags. ddb-server's main()
// runs one; the cruddur application embeds one so that a single command starts everything.
#pragma once

#include <memory>
#include <string>

#include "server/flags.h"

namespace ddb::server {

class Instance {
 public:
  // Opens the store and binds the port. Null with *error set (one line) on failure, e.g. a data
  // folder another process holds or a port in use.
  static std::unique_ptr<Instance> Open(const Flags& flags, std::string* error);
  ~Instance();  // Stops the background workers and flushes the store.

  // The port actually bound (useful with port 0).
  unsigned short port() const;
  // Serves until Stop(). Call once.
  void Run();
  // Makes Run() return. Thread-safe.
  void Stop();

 private:
  Instance();
  struct Parts;
  std::unique_ptr<Parts> parts_;
};

}  // namespace ddb::server
