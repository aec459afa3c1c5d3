#include "http/event_stream.h"

namespace ddb::http {

bool EventStream::Push(std::string chunk) {
  {
    std::lock_guard lock(mu_);
    if (closed_) return false;
    queued_bytes_ += chunk.size();
    if (queued_bytes_ > kMaxQueuedBytes) {
      closed_ = true;  // The client is not reading: let it reconnect and catch up.
      queue_.clear();
      queued_bytes_ = 0;
    } else {
      queue_.push_back(std::move(chunk));
    }
  }
  Wake();
  return !closed();
}

void EventStream::Close() {
  {
    std::lock_guard lock(mu_);
    closed_ = true;
  }
  Wake();
}

bool EventStream::closed() const {
  std::lock_guard lock(mu_);
  return closed_;
}

void EventStream::SetWake(std::function<void()> wake) {
  std::lock_guard lock(mu_);
  wake_ = std::move(wake);
}

std::string EventStream::Take(bool* closed) {
  std::lock_guard lock(mu_);
  std::string out;
  out.reserve(queued_bytes_);
  for (auto& chunk : queue_) out += chunk;
  queue_.clear();
  queued_bytes_ = 0;
  *closed = closed_;
  return out;
}

void EventStream::Wake() {
  std::function<void()> wake;
  {
    std::lock_guard lock(mu_);
    wake = wake_;
  }
  if (wake) wake();
}

}  // namespace ddb::http
