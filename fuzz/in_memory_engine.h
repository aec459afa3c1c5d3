// What the request-path fuzzers run against: an in-memory store, its catalog, an engine and the
// DynamoDB dispatcher, built once per fuzzing process. Not thread-safe to build; libFuzzer calls
// the target from one thread.
#pragma once

#include <memory>
#include <string>

#include "catalog/catalog.h"
#include "gateway/dispatcher.h"
#include "state/engine.h"
#include "storage/store.h"

namespace ddb::fuzz {

struct InMemoryEngine {
  std::unique_ptr<storage::Store> store;
  std::unique_ptr<Catalog> catalog;
  std::unique_ptr<Engine> engine;
  std::unique_ptr<gateway::Dispatcher> dispatcher;

  InMemoryEngine() {
    std::string error;
    store = storage::Store::Open({"", true}, &error);
    catalog = Catalog::Load(store.get(), &error);
    engine = std::move(Engine::Open(store.get(), catalog.get())).value();
    dispatcher = std::make_unique<gateway::Dispatcher>(*engine, gateway::DispatcherOptions{});
  }
};

}  // namespace ddb::fuzz
