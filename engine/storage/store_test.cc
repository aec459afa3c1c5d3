#include "storage/store.h"

#include <gtest/gtest.h>
#include <rocksdb/env.h>

#include <atomic>
#include <filesystem>

namespace ddb::storage {
namespace {

// A file system whose table-file reads fail while `failing` is set: a disk that returns errors.
class FailingReadsEnv : public rocksdb::EnvWrapper {
 public:
  FailingReadsEnv() : rocksdb::EnvWrapper(rocksdb::Env::Default()) {}
  const char* Name() const override { return "FailingReadsEnv"; }

  rocksdb::Status NewRandomAccessFile(const std::string& name,
                                      std::unique_ptr<rocksdb::RandomAccessFile>* result,
                                      const rocksdb::EnvOptions& options) override {
    std::unique_ptr<rocksdb::RandomAccessFile> file;
    rocksdb::Status s = target()->NewRandomAccessFile(name, &file, options);
    if (s.ok()) *result = std::make_unique<File>(std::move(file), &failing);
    return s;
  }

  std::atomic<bool> failing{false};

 private:
  class File : public rocksdb::RandomAccessFile {
   public:
    File(std::unique_ptr<rocksdb::RandomAccessFile> base, std::atomic<bool>* failing)
        : base_(std::move(base)), failing_(failing) {}
    rocksdb::Status Read(uint64_t offset, size_t n, rocksdb::Slice* result,
                         char* scratch) const override {
      if (*failing_) return rocksdb::Status::IOError("injected read error");
      return base_->Read(offset, n, result, scratch);
    }

   private:
    std::unique_ptr<rocksdb::RandomAccessFile> base_;
    std::atomic<bool>* failing_;
  };
};

class StoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
    path_ = std::filesystem::temp_directory_path() /
            ("ddb-store-test-" + std::to_string(::getpid()) + "-" +
             ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::remove_all(path_);
  }
  void TearDown() override { std::filesystem::remove_all(path_); }

  std::unique_ptr<Store> Open() {
    std::string error;
    auto store = Store::Open({path_.string(), false, &env_}, &error);
    EXPECT_NE(store, nullptr) << error;
    return store;
  }

  std::filesystem::path path_;
  FailingReadsEnv env_;
};

// A read error must never look like an absent item: a conditional write would then pass.
TEST_F(StoreTest, AReadErrorIsAnErrorNotAbsence) {
  {
    auto store = Open();
    rocksdb::WriteBatch batch;
    ASSERT_TRUE(batch.Put(store->items(), "key", "value").ok());
    std::string error;
    ASSERT_TRUE(store->Write(&batch, &error)) << error;
    store->Flush();  // Into a table file, read through the Env from now on.
  }
  auto store = Open();
  std::string value;
  env_.failing = true;
  Result<bool> found = store->Get(store->items(), "key", &value);
  ASSERT_FALSE(found.ok());
  EXPECT_NE(found.error().message.find("injected read error"), std::string::npos)
      << found.error().message;
  auto it = store->NewIterator(store->items(), "", "\xff");
  it->SeekToFirst();
  EXPECT_FALSE(it->Valid());
  EXPECT_FALSE(IteratorError(*it).ok());

  env_.failing = false;
  found = store->Get(store->items(), "key", &value);
  ASSERT_TRUE(found.ok());
  EXPECT_TRUE(*found);
  EXPECT_EQ(value, "value");
  found = store->Get(store->items(), "other", &value);
  ASSERT_TRUE(found.ok());
  EXPECT_FALSE(*found);
}

}  // namespace
}  // namespace ddb::storage
