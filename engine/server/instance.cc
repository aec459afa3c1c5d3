#include "server/instance.h"

#include <chrono>
#include <optional>

#include "backfill/backfill.h"
#include "catalog/catalog.h"
#include "gateway/dispatcher.h"
#include "gateway/dynamodb_handler.h"
#include "http/server.h"
#include "state/engine.h"
#include "storage/store.h"
#include "ttl/sweeper.h"

namespace ddb::server {

// Declared in dependency order: destroyed in reverse, the server first.
struct Instance::Parts {
  std::unique_ptr<storage::Store> store;
  std::unique_ptr<Catalog> catalog;
  std::unique_ptr<Engine> engine;
  std::unique_ptr<backfill::Backfiller> backfiller;
  std::unique_ptr<ttl::Sweeper> sweeper;
  std::optional<gateway::SignatureCheck> signatures;  // --require-signature
  std::unique_ptr<gateway::Dispatcher> dispatcher;
  std::unique_ptr<gateway::DynamoDbHandler> handler;
  http::ServerOptions server_options;
  std::unique_ptr<http::HttpServer> server;
};

Instance::Instance() : parts_(std::make_unique<Parts>()) {}

Instance::~Instance() {
  if (!parts_->sweeper) return;  // Open() failed before anything started.
  parts_->server.reset();
  parts_->sweeper->Stop();
  parts_->backfiller->Stop();
  parts_->store->Flush();
}

std::unique_ptr<Instance> Instance::Open(const Flags& flags, std::string* error) {
  std::unique_ptr<Instance> instance(new Instance());
  Parts& p = *instance->parts_;
  if (flags.require_signature) {
    auto check = gateway::SignatureCheck::Load(flags.credentials);
    if (!check.ok()) {
      *error = check.error().message;
      return nullptr;
    }
    p.signatures = std::move(check).value();
  }
  storage::StoreOptions store_options{flags.db_path, flags.in_memory};
  store_options.min_free_bytes = flags.min_free_space_mb << 20;
  p.store = storage::Store::Open(store_options, error);
  if (!p.store) return nullptr;
  p.catalog = Catalog::Load(p.store.get(), error);
  if (!p.catalog) return nullptr;
  auto engine = Engine::Open(p.store.get(), p.catalog.get());
  if (!engine.ok()) {
    *error = "cannot read the stream records: " + engine.error().message;
    return nullptr;
  }
  p.engine = std::move(engine).value();
  p.engine->set_item_collection_limit(flags.item_collection_limit);
  p.backfiller = std::make_unique<backfill::Backfiller>(*p.engine);
  p.engine->set_background_notifier([b = p.backfiller.get()] { b->Notify(); });
  p.backfiller->Start();
  p.sweeper = std::make_unique<ttl::Sweeper>(
      *p.engine, std::chrono::milliseconds(static_cast<int64_t>(flags.ttl_interval * 1000)));
  p.sweeper->Start();
  p.dispatcher = std::make_unique<gateway::Dispatcher>(
      *p.engine,
      gateway::DispatcherOptions{flags.shared_db, p.signatures ? &*p.signatures : nullptr});

  p.server_options.host = flags.host;
  p.server_options.port = static_cast<unsigned short>(flags.port);
  p.server_options.threads = flags.threads;
  p.server_options.worker_threads = flags.write_threads;
  p.server_options.max_connections = static_cast<size_t>(flags.max_connections);
  p.server_options.request_timeout =
      std::chrono::milliseconds(static_cast<int64_t>(flags.request_timeout * 1000));
  p.handler = std::make_unique<gateway::DynamoDbHandler>(*p.dispatcher, flags.cors,
                                                         p.server_options.max_body_bytes);
  p.server = std::make_unique<http::HttpServer>(*p.handler, p.server_options);
  if (!p.server->Listen(error)) return nullptr;
  return instance;
}

unsigned short Instance::port() const { return parts_->server->port(); }

void Instance::Run() { parts_->server->Run(); }

void Instance::Stop() { parts_->server->Stop(); }

}  // namespace ddb::server
