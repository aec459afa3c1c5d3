// Session: one HTTP/1.1 connection of HttpServer (server.h), private to the http folder.
//
// A session lives on one I/O thread (its socket's executor) and touches its state only there;
// Drain() and idle_since() are the exceptions, safe from any thread. It waits for a request's
// first byte up to the idle timeout, then must receive the whole request within the request
// timeout (so a slow sender cannot hold a socket), answers it (on a worker thread if the handler
// blocks) and waits for the next. A streamed reply (Response::stream) keeps the connection until
// the stream, the client or the server ends it.
#pragma once

#include <array>
#include <atomic>
#include <boost/asio.hpp>
#include <boost/beast.hpp>
#include <chrono>
#include <memory>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "http/handler.h"
#include "http/server.h"

namespace ddb::http {

class Session;

// The live sessions, so that shutdown can drain them and a full server can shed an idle one.
class SessionSet {
 public:
  // Returns the number of sessions after adding `s`.
  size_t Add(const std::shared_ptr<Session>& s);
  void Remove(const std::shared_ptr<Session>& s);
  size_t size() const;
  std::vector<std::shared_ptr<Session>> Snapshot() const;
  // Claims the session idle for longest (waiting for a request's first byte) so that no other
  // caller picks it too; null if every session is busy. The caller then drains it.
  std::shared_ptr<Session> ClaimOldestIdle() const;

 private:
  mutable std::mutex mu_;
  std::set<std::shared_ptr<Session>> sessions_;
};

class Session : public std::enable_shared_from_this<Session> {
 public:
  // `handler`, `options`, `sessions` and `workers` must outlive the session.
  Session(boost::asio::ip::tcp::socket socket, Handler& handler, const ServerOptions& options,
          SessionSet& sessions, boost::asio::thread_pool& workers);

  // Registers the session and starts reading, on the socket's thread.
  void Start();
  // Stop reading new requests (shutdown, or shed by a full server); a request in progress still
  // gets its reply. Thread-safe.
  void Drain();
  // When the session began waiting for its next request (steady clock, in nanoseconds), or 0
  // from a request's first byte until its reply is sent. Thread-safe.
  int64_t idle_since() const { return idle_since_.load(std::memory_order_relaxed); }
  // Marks an idle session as taken (see SessionSet::ClaimOldestIdle); false if it no longer
  // is idle since `since`. Thread-safe.
  bool Claim(int64_t since) { return idle_since_.compare_exchange_strong(since, 0); }

 private:
  void WaitForRequest();
  void ReadRequest();
  void OnRead(boost::beast::error_code ec);
  Response Run(const Request& req);
  void Respond(Response reply, bool keep_alive);
  // A streamed reply: the head now, then what the stream receives (Pump), while watching for the
  // client to go away.
  void StartStream(const Response& reply);
  void Pump();
  void WatchClient();
  void Log(int status);
  void Close();
  void SetIdle(bool idle);

  boost::asio::thread_pool& workers_;
  const std::string peer_;  // The client's address.
  boost::beast::tcp_stream stream_;
  boost::beast::flat_buffer buffer_;
  std::optional<boost::beast::http::request_parser<boost::beast::http::string_body>> parser_;
  boost::beast::http::response<boost::beast::http::string_body> response_;
  Handler& handler_;
  const ServerOptions& options_;
  SessionSet& sessions_;
  std::chrono::steady_clock::time_point started_;
  std::atomic<int64_t> idle_since_{0};
  bool busy_ = false;
  bool draining_ = false;
  bool first_ = true;
  bool closed_ = false;
  // A streamed reply: its source, the bytes being written, and the quiet-time timer.
  std::shared_ptr<EventStream> events_;
  std::string pending_;
  bool writing_ = false;
  boost::asio::steady_timer heartbeat_;
  std::array<char, 512> sink_{};
};

}  // namespace ddb::http
