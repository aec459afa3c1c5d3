// StopSignal: the process's one way of handling SIGINT and SIGTERM, for every long-running
// command (ddb-server, `cruddur serve`, `cruddur stream-processor`).
//
// Install() blocks both signals in the calling thread, so every thread started after it
// inherits the mask, and starts a thread that waits for them (sigwait). The first signal marks
// the process as stopping and runs every subscribed callback; a callback subscribed after that
// runs at once, so a signal that arrives during start-up still stops what starts later. A
// second signal ends the process at once (exit status 128 + the signal), for a stop that hangs.
// Callbacks run on the signal thread under StopSignal's lock: they must be quick (ask something
// to stop; do not wait for it) and must not subscribe. Thread-safe.
#pragma once

#include <cstdint>
#include <functional>

namespace ddb::http {

class StopSignal {
 public:
  // Call once, first thing in the command, before any other thread starts.
  static void Install();
  // Whether a signal has arrived.
  static bool Requested();

  // Runs its callback on stop until destroyed; once the destructor returns, the callback is not
  // running and never will.
  class Subscription {
   public:
    Subscription(Subscription&& other) noexcept : id_(other.id_) { other.id_ = 0; }
    Subscription& operator=(Subscription&&) = delete;
    ~Subscription();

   private:
    friend class StopSignal;
    explicit Subscription(uint64_t id) : id_(id) {}
    uint64_t id_;
  };
  [[nodiscard]] static Subscription OnStop(std::function<void()> callback);
};

}  // namespace ddb::http
