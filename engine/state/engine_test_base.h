// For unit tests only (*_test.cc): a fixture holding an in-memory store, its catalog and an
// engine over them, opened before each test. A test's own SetUp calls EngineTestBase::SetUp()
// first. Members are destroyed engine first, store last.
#pragma once

#include <gtest/gtest.h>

#include <memory>
#include <string>

#include "catalog/catalog.h"
#include "state/engine.h"
#include "storage/store.h"

namespace ddb {

class EngineTestBase : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string error;
    store_ = storage::Store::Open({"", true}, &error);
    ASSERT_NE(store_, nullptr) << error;
    catalog_ = Catalog::Load(store_.get(), &error);
    ASSERT_NE(catalog_, nullptr) << error;
    auto engine = Engine::Open(store_.get(), catalog_.get());
    ASSERT_TRUE(engine.ok()) << engine.error().message;
    engine_ = std::move(engine).value();
  }

  std::unique_ptr<storage::Store> store_;
  std::unique_ptr<Catalog> catalog_;
  std::unique_ptr<Engine> engine_;
};

}  // namespace ddb
