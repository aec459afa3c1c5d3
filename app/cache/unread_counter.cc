#include "cache/unread_counter.h"

#include <hiredis/hiredis.h>

#include <boost/url/parse.hpp>
#include <functional>
#include <map>
#include <mutex>

namespace cruddur {
namespace {

std::string Key(const std::string& handle) { return "msgs/" + handle; }

class InProcess final : public UnreadCounter {
 public:
  using Now = std::function<std::chrono::steady_clock::time_point()>;
  InProcess(std::chrono::seconds ttl, Now now) : ttl_(ttl), now_(std::move(now)) {}

  AppResult<std::optional<int64_t>> Count(const std::string& handle) override {
    std::lock_guard lock(mu_);
    Entry* e = Live(handle);
    return e ? std::optional<int64_t>(e->count) : std::nullopt;
  }
  AppStatus Set(const std::string& handle, int64_t count) override {
    std::lock_guard lock(mu_);
    entries_[Key(handle)] = Entry{count, now_() + ttl_};
    return AppStatus::OK();
  }
  AppStatus Increment(const std::string& handle) override {
    std::lock_guard lock(mu_);
    if (Entry* e = Live(handle)) {
      ++e->count;
      e->expires = now_() + ttl_;
    }
    return AppStatus::OK();
  }
  AppStatus Forget(const std::string& handle) override {
    std::lock_guard lock(mu_);
    entries_.erase(Key(handle));
    return AppStatus::OK();
  }
  std::string Describe() const override { return "in process"; }

 private:
  struct Entry {
    int64_t count = 0;
    std::chrono::steady_clock::time_point expires;
  };
  // The cached entry of `handle`, or null (an expired one is dropped). REQUIRES: mu_ held.
  Entry* Live(const std::string& handle) {
    auto it = entries_.find(Key(handle));
    if (it == entries_.end()) return nullptr;
    if (now_() >= it->second.expires) {
      entries_.erase(it);
      return nullptr;
    }
    return &it->second;
  }

  std::chrono::seconds ttl_;
  Now now_;
  std::mutex mu_;
  std::map<std::string, Entry> entries_;
};

struct ReplyFree {
  void operator()(redisReply* r) const { freeReplyObject(r); }
};
using Reply = std::unique_ptr<redisReply, ReplyFree>;

// One connection, reconnected after an error; commands serialised on a mutex (the counter is
// touched once per message, per conversation read and per badge refresh).
class Redis final : public UnreadCounter {
 public:
  Redis(std::string host, int port, int db) : host_(std::move(host)), port_(port), db_(db) {}
  ~Redis() override {
    if (ctx_) redisFree(ctx_);
  }

  AppStatus Ping() {
    std::lock_guard lock(mu_);
    DDB_ASSIGN_OR_RETURN(Reply r, Command({"PING"}));
    return AppStatus::OK();
  }
  AppResult<std::optional<int64_t>> Count(const std::string& handle) override {
    std::lock_guard lock(mu_);
    DDB_ASSIGN_OR_RETURN(Reply r, Command({"GET", Key(handle)}));
    if (r->type != REDIS_REPLY_STRING) return std::optional<int64_t>();
    return std::optional<int64_t>(std::strtoll(r->str, nullptr, 10));
  }
  AppStatus Set(const std::string& handle, int64_t count) override {
    std::lock_guard lock(mu_);
    DDB_ASSIGN_OR_RETURN(Reply r, Command({"SET", Key(handle), std::to_string(count), "EX",
                                           std::to_string(kUnreadTtl.count())}));
    return AppStatus::OK();
  }
  AppStatus Increment(const std::string& handle) override {
    std::lock_guard lock(mu_);
    // In one step on the server: only a cached total, and its expiry renewed with it.
    static constexpr const char* kScript =
        "if redis.call('EXISTS', KEYS[1]) == 1 then redis.call('INCR', KEYS[1]); "
        "return redis.call('EXPIRE', KEYS[1], ARGV[1]) end return 0";
    DDB_ASSIGN_OR_RETURN(
        Reply r, Command({"EVAL", kScript, "1", Key(handle), std::to_string(kUnreadTtl.count())}));
    return AppStatus::OK();
  }
  AppStatus Forget(const std::string& handle) override {
    std::lock_guard lock(mu_);
    DDB_ASSIGN_OR_RETURN(Reply r, Command({"DEL", Key(handle)}));
    return AppStatus::OK();
  }
  std::string Describe() const override {
    return "redis://" + host_ + ":" + std::to_string(port_) + "/" + std::to_string(db_);
  }

 private:
  // REQUIRES: mu_ held.
  AppResult<Reply> Command(const std::vector<std::string>& argv) {
    for (int attempt = 0; attempt < 2; ++attempt) {
      if (!ctx_) DDB_RETURN_IF_ERROR(Connect());
      std::vector<const char*> args;
      std::vector<size_t> lengths;
      for (const auto& a : argv) {
        args.push_back(a.data());
        lengths.push_back(a.size());
      }
      Reply reply(static_cast<redisReply*>(
          redisCommandArgv(ctx_, static_cast<int>(args.size()), args.data(), lengths.data())));
      if (reply && reply->type == REDIS_REPLY_ERROR) {
        return AppError::Unavailable("redis: " + std::string(reply->str));
      }
      if (reply) return reply;
      redisFree(ctx_);  // A broken connection: once more on a new one.
      ctx_ = nullptr;
    }
    return AppError::Unavailable("redis at " + Describe() + " does not answer");
  }
  AppStatus Connect() {
    timeval timeout{2, 0};
    ctx_ = redisConnectWithTimeout(host_.c_str(), port_, timeout);
    if (ctx_ == nullptr || ctx_->err) {
      std::string why = ctx_ ? ctx_->errstr : "out of memory";
      if (ctx_) redisFree(ctx_);
      ctx_ = nullptr;
      return AppError::Unavailable("cannot connect to redis at " + Describe() + ": " + why);
    }
    redisSetTimeout(ctx_, timeout);
    if (db_ != 0) {
      Reply r(static_cast<redisReply*>(redisCommand(ctx_, "SELECT %d", db_)));
      if (!r || r->type == REDIS_REPLY_ERROR) return AppError::Invalid("redis: cannot select db");
    }
    return AppStatus::OK();
  }

  std::string host_;
  int port_;
  int db_;
  std::mutex mu_;
  redisContext* ctx_ = nullptr;
};

}  // namespace

std::unique_ptr<UnreadCounter> InProcessCounter(
    std::chrono::seconds ttl, std::function<std::chrono::steady_clock::time_point()> now) {
  if (!now) now = [] { return std::chrono::steady_clock::now(); };
  return std::make_unique<InProcess>(ttl, std::move(now));
}

AppResult<std::unique_ptr<UnreadCounter>> OpenUnreadCounter(
    const std::optional<std::string>& cache_url) {
  if (!cache_url || cache_url->empty()) return InProcessCounter();
  auto parsed = boost::urls::parse_uri(*cache_url);
  if (!parsed || parsed->scheme() != "redis") {
    return AppError::Invalid("CACHE_URL must be redis://host:port[/db] (got '" + *cache_url + "')");
  }
  std::string host =
      parsed->host_address().empty() ? "127.0.0.1" : std::string(parsed->host_address());
  int port = parsed->has_port() ? std::atoi(std::string(parsed->port()).c_str()) : 6379;
  std::string path = parsed->path();
  int db = path.size() > 1 ? std::atoi(path.c_str() + 1) : 0;
  auto redis = std::make_unique<Redis>(host, port, db);
  DDB_RETURN_IF_ERROR(redis->Ping());
  return std::unique_ptr<UnreadCounter>(std::move(redis));
}

}  // namespace cruddur
