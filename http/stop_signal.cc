#include "http/stop_signal.h"

#include <pthread.h>

#include <csignal>
#include <cstdlib>
#include <map>
#include <mutex>
#include <thread>

namespace ddb::http {
namespace {

struct State {
  std::mutex mu;
  bool requested = false;
  uint64_t next_id = 1;
  std::map<uint64_t, std::function<void()>> callbacks;
};

State& Shared() {
  static State* state = new State();  // Never destroyed: the signal thread may outlive main().
  return *state;
}

sigset_t StopSet() {
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, SIGINT);
  sigaddset(&set, SIGTERM);
  return set;
}

void Unreachable(int) {}

}  // namespace

void StopSignal::Install() {
  sigset_t set = StopSet();
  pthread_sigmask(SIG_BLOCK, &set, nullptr);
  // A process started in the background by a shell inherits SIGINT ignored, and Linux discards
  // an ignored signal even while it is blocked: a handler (never run, as the signals stay
  // blocked) keeps both pending for sigwait.
  struct sigaction action {};
  action.sa_handler = Unreachable;
  sigemptyset(&action.sa_mask);
  sigaction(SIGINT, &action, nullptr);
  sigaction(SIGTERM, &action, nullptr);
  std::thread([set] {
    for (;;) {
      int sig = 0;
      if (sigwait(&set, &sig) != 0) continue;
      State& s = Shared();
      std::lock_guard lock(s.mu);
      // A second signal while stopping takes too long: leave now, as an unhandled signal would.
      // Every acknowledged write is already synced to the log.
      if (s.requested) std::_Exit(128 + sig);
      s.requested = true;
      for (auto& [id, callback] : s.callbacks) callback();
    }
  }).detach();
}

bool StopSignal::Requested() {
  State& s = Shared();
  std::lock_guard lock(s.mu);
  return s.requested;
}

StopSignal::Subscription StopSignal::OnStop(std::function<void()> callback) {
  State& s = Shared();
  std::lock_guard lock(s.mu);
  const uint64_t id = s.next_id++;
  if (s.requested) callback();
  s.callbacks.emplace(id, std::move(callback));
  return Subscription(id);
}

StopSignal::Subscription::~Subscription() {
  if (id_ == 0) return;
  State& s = Shared();
  std::lock_guard lock(s.mu);
  s.callbacks.erase(id_);
}

}  // namespace ddb::http
