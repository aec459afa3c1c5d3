// EventStream: a response whose body is written as it comes, for Server-Sent Events. A handler
// returns a Response with `stream` set (and the headers it wants, Cache-Control among them); the
// session sends the status and headers at once, then
// every chunk pushed, until the stream or the connection ends, with a comment line (": \n\n")
// after 15 quiet seconds so that a dead client is found and proxies keep the connection.
//
// Producers push from any thread; a client that does not read (kMaxQueuedBytes waiting) loses
// the stream, which is closed, rather than the server its memory. Thread-safe.
#pragma once

#include <deque>
#include <functional>
#include <mutex>
#include <string>

namespace ddb::http {

class EventStream {
 public:
  static constexpr size_t kMaxQueuedBytes = size_t{1} << 20;

  // Queues `chunk`; false when the stream is closed (or closes now because the queue is full).
  bool Push(std::string chunk);
  // Ends the stream: what is queued is still sent, then the connection closes.
  void Close();
  bool closed() const;

  // For the session. `wake` runs (on the pushing thread) after each Push and Close; it must
  // only schedule work. Set once, before the first Take.
  void SetWake(std::function<void()> wake);
  // Everything queued, joined; *closed tells whether the stream has ended.
  std::string Take(bool* closed);

 private:
  void Wake();
  mutable std::mutex mu_;
  std::deque<std::string> queue_;
  size_t queued_bytes_ = 0;
  bool closed_ = false;
  std::function<void()> wake_;
};

}  // namespace ddb::http
