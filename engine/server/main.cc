// ddb-server: parses flags, opens the store, serves until SIGINT/SIGTERM, flushes, exits 0.
#include <chrono>
#include <cstdio>
#include <iostream>

#include "catalog/catalog.h"
#include "http/dispatcher.h"
#include "http/server.h"
#include "index/backfill.h"
#include "ops/engine.h"
#include "server/flags.h"
#include "storage/store.h"
#include "ttl/sweeper.h"

namespace {

int Fail(const std::string& message) {
  std::cerr << "ddb-server: " << message << std::endl;
  return 1;
}

}  // namespace

int main(int argc, char** argv) {
  using namespace ddb;
  server::Flags flags;
  std::string error, usage;
  if (!server::ParseFlags(argc, argv, &flags, &error, &usage)) {
    std::cerr << "ddb-server: " << error << " (see --help)" << std::endl;
    return 2;
  }
  if (flags.help) {
    std::cout << usage;
    return 0;
  }
  if (flags.version) {
    std::cout << "ddb-server " << DDB_VERSION << std::endl;
    return 0;
  }

  storage::StoreOptions store_options{flags.db_path, flags.in_memory};
  auto store = storage::Store::Open(store_options, &error);
  if (!store) return Fail(error);
  auto catalog = Catalog::Load(store.get(), &error);
  if (!catalog) return Fail(error);
  ops::Engine engine(store.get(), catalog.get());
  engine.set_item_collection_limit(flags.item_collection_limit);
  index::Backfiller backfiller(engine);
  engine.set_background_notifier([&backfiller] { backfiller.Notify(); });
  backfiller.Start();
  ttl::Sweeper sweeper(engine,
                       std::chrono::milliseconds(static_cast<int64_t>(flags.ttl_interval * 1000)));
  sweeper.Start();
  http::Dispatcher dispatcher(engine, http::DispatcherOptions{flags.shared_db});
  http::HttpServer server(dispatcher,
                          http::ServerOptions{flags.host, static_cast<unsigned short>(flags.port),
                                              flags.threads, flags.write_threads, flags.cors});
  if (!server.Listen(&error)) return Fail(error);
  std::cout << "ddb-server " << DDB_VERSION << " listening on " << flags.host << ":"
            << server.port() << ", data "
            << (flags.in_memory ? std::string("in memory") : "in " + flags.db_path)
            << (flags.shared_db ? " (shared-db)" : "") << std::endl;
  server.Run();
  sweeper.Stop();
  backfiller.Stop();
  store->Flush();
  std::cout << "ddb-server stopped" << std::endl;
  return 0;
}
