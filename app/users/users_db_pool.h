// UsersDbPool: connections to the users database for a multi-threaded server. A UsersDb is used
// by one thread at a time, so each request borrows one and gives it back; idle connections are
// kept (up to `max_idle`) instead of reconnecting per request. A borrower whose call failed as
// Unavailable calls Lease::Discard(), so that a restarted PostgreSQL is reconnected to rather
// than a dead connection handed out again. Thread-safe.
#pragma once

#include <memory>
#include <mutex>
#include <vector>

#include "users/users_db.h"

namespace cruddur {

class UsersDbPool {
 public:
  explicit UsersDbPool(UsersDbLocation where, size_t max_idle = 16)
      : where_(std::move(where)), max_idle_(max_idle) {}

  // A borrowed connection; returned to the pool when destroyed (unless Discard() was called).
  class Lease {
   public:
    Lease(UsersDbPool* pool, std::unique_ptr<UsersDb> db) : pool_(pool), db_(std::move(db)) {}
    Lease(Lease&&) noexcept = default;
    Lease& operator=(Lease&&) = delete;  // Would drop the connection it held.
    ~Lease() {
      if (pool_ != nullptr && db_) pool_->Return(std::move(db_));
    }
    // The connection; not after Discard().
    UsersDb& operator*() const { return *db_; }
    UsersDb* operator->() const { return db_.get(); }
    // The connection is closed instead of returned (call after an Unavailable error).
    void Discard() { db_.reset(); }

   private:
    UsersDbPool* pool_;
    std::unique_ptr<UsersDb> db_;
  };

  // An idle connection, or a new one. Unavailable if the database cannot be reached.
  AppResult<Lease> Acquire() {
    {
      std::lock_guard lock(mu_);
      if (!idle_.empty()) {
        auto db = std::move(idle_.back());
        idle_.pop_back();
        return Lease(this, std::move(db));
      }
    }
    DDB_ASSIGN_OR_RETURN(auto db, OpenUsersDb(where_));
    return Lease(this, std::move(db));
  }

  const UsersDbLocation& location() const { return where_; }

 private:
  void Return(std::unique_ptr<UsersDb> db) {
    std::lock_guard lock(mu_);
    if (idle_.size() < max_idle_) idle_.push_back(std::move(db));
  }

  UsersDbLocation where_;
  size_t max_idle_;
  std::mutex mu_;
  std::vector<std::unique_ptr<UsersDb>> idle_;
};

}  // namespace cruddur
