#include "http/session.h"

#include <cstdio>
#include <ctime>

#include "http/memory.h"

namespace ddb::http {
namespace {

namespace net = boost::asio;
namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
using tcp = net::ip::tcp;

// The Date header (RFC 7231 IMF-fixdate), formatted once per second per thread.
const std::string& HttpDate() {
  thread_local std::time_t cached_second = 0;
  thread_local std::string cached;
  std::time_t now = std::time(nullptr);
  if (now != cached_second) {
    std::tm tm{};
    gmtime_r(&now, &tm);
    char buf[64];
    std::strftime(buf, sizeof(buf), "%a, %d %b %Y %H:%M:%S GMT", &tm);
    cached = buf;
    cached_second = now;
  }
  return cached;
}

// Now as UTC ISO 8601 with milliseconds, for the access log.
std::string LogTime() {
  auto now = std::chrono::system_clock::now();
  std::time_t secs = std::chrono::system_clock::to_time_t(now);
  auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(now.time_since_epoch()).count();
  std::tm tm{};
  gmtime_r(&secs, &tm);
  char buf[40];
  size_t n = std::strftime(buf, sizeof(buf), "%Y-%m-%dT%H:%M:%S", &tm);
  std::snprintf(buf + n, sizeof(buf) - n, ".%03dZ", static_cast<int>(ms % 1000));
  return buf;
}

// A connection's read buffer above this is released between requests.
constexpr size_t kKeptBufferBytes = size_t{64} * 1024;

std::string PeerAddress(const tcp::socket& socket) {
  beast::error_code ec;
  auto endpoint = socket.remote_endpoint(ec);
  return ec ? std::string() : endpoint.address().to_string();
}

int64_t SteadyNanos() {
  return std::chrono::duration_cast<std::chrono::nanoseconds>(
             std::chrono::steady_clock::now().time_since_epoch())
      .count();
}

}  // namespace

size_t SessionSet::Add(const std::shared_ptr<Session>& s) {
  std::lock_guard lock(mu_);
  sessions_.insert(s);
  return sessions_.size();
}

void SessionSet::Remove(const std::shared_ptr<Session>& s) {
  std::lock_guard lock(mu_);
  sessions_.erase(s);
}

size_t SessionSet::size() const {
  std::lock_guard lock(mu_);
  return sessions_.size();
}

std::vector<std::shared_ptr<Session>> SessionSet::Snapshot() const {
  std::lock_guard lock(mu_);
  return {sessions_.begin(), sessions_.end()};
}

std::shared_ptr<Session> SessionSet::ClaimOldestIdle() const {
  std::lock_guard lock(mu_);
  while (true) {
    std::shared_ptr<Session> oldest;
    int64_t oldest_since = 0;
    for (const auto& s : sessions_) {
      int64_t since = s->idle_since();
      if (since != 0 && (!oldest || since < oldest_since)) {
        oldest = s;
        oldest_since = since;
      }
    }
    // A session whose request began meanwhile is not taken: look again.
    if (!oldest || oldest->Claim(oldest_since)) return oldest;
  }
}

Session::Session(tcp::socket socket, Handler& handler, const ServerOptions& options,
                 SessionSet& sessions, net::thread_pool& workers)
    : workers_(workers),
      peer_(PeerAddress(socket)),
      stream_(std::move(socket)),
      handler_(handler),
      options_(options),
      sessions_(sessions),
      heartbeat_(stream_.get_executor()) {}

void Session::Start() {
  SetIdle(true);
  net::dispatch(stream_.get_executor(), [self = shared_from_this()] { self->WaitForRequest(); });
}

void Session::Drain() {
  net::post(stream_.get_executor(), [self = shared_from_this()] {
    self->draining_ = true;
    if (self->events_) return self->events_->Close();  // Ends once what is queued is sent.
    if (!self->busy_) self->Close();
  });
}

void Session::SetIdle(bool idle) {
  idle_since_.store(idle ? SteadyNanos() : 0, std::memory_order_relaxed);
}

// Waits up to the idle timeout for the first byte of the next request (unless it is already
// buffered), so that the request timeout only starts once a request does.
void Session::WaitForRequest() {
  if (draining_) return Close();
  busy_ = false;
  if (idle_since() == 0) SetIdle(true);  // Idle since the reply, or since the accept.
  if (buffer_.size() > 0) return ReadRequest();
  stream_.expires_after(first_ ? options_.request_timeout : options_.idle_timeout);
  stream_.async_read_some(buffer_.prepare(4096),
                          [self = shared_from_this()](beast::error_code ec, size_t n) {
                            if (ec) return self->Close();
                            self->buffer_.commit(n);
                            self->ReadRequest();
                          });
}

// From a request's first byte the session is busy: neither shed nor closed by a shutdown.
void Session::ReadRequest() {
  busy_ = true;
  SetIdle(false);
  parser_.emplace();
  parser_->body_limit(options_.max_body_bytes);
  parser_->header_limit(64 * 1024);
  stream_.expires_after(options_.request_timeout);
  bhttp::async_read(
      stream_, buffer_, *parser_,
      [self = shared_from_this()](beast::error_code ec, size_t) { self->OnRead(ec); });
}

void Session::OnRead(beast::error_code ec) {
  busy_ = true;
  SetIdle(false);
  first_ = false;
  if (options_.access_log) started_ = std::chrono::steady_clock::now();
  if (ec == bhttp::error::body_limit) return Respond(handler_.TooLarge(), false);
  if (ec) return Close();
  auto& req = parser_->get();
  bool keep_alive = req.keep_alive() && !draining_;
  if (!handler_.Blocks(req)) return Respond(Run(req), keep_alive);
  // The request stays in parser_, which lives as long as this session; nothing else touches
  // the session until the reply is posted back to its thread.
  // The work guard keeps the I/O threads running until the reply is posted back, so a
  // shutdown that begins while the request runs still delivers its reply.
  net::post(workers_, [self = shared_from_this(), keep_alive,
                       work = net::make_work_guard(stream_.get_executor())] {
    Response reply = self->Run(self->parser_->get());
    net::post(self->stream_.get_executor(), [self, reply = std::move(reply), keep_alive]() mutable {
      self->Respond(std::move(reply), keep_alive);
    });
  });
}

Response Session::Run(const Request& req) {
  try {
    return handler_.Handle(req, peer_);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "http: handler failed: %s\n", e.what());
  } catch (...) {
    std::fprintf(stderr, "http: handler failed\n");
  }
  return handler_.InternalError();
}

void Session::Respond(Response reply, bool keep_alive) {
  if (options_.access_log) Log(reply.status);
  if (reply.stream) return StartStream(reply);
  response_ = bhttp::response<bhttp::string_body>{static_cast<bhttp::status>(reply.status), 11};
  response_.set(bhttp::field::content_type, reply.content_type);
  response_.set(bhttp::field::date, HttpDate());
  for (auto& [name, value] : reply.headers) response_.set(name, value);
  response_.keep_alive(keep_alive);
  response_.body() = std::move(reply.body);
  response_.prepare_payload();
  // A reader that stops reading must not hold the socket for ever either.
  stream_.expires_after(options_.request_timeout);
  bhttp::async_write(stream_, response_, [self = shared_from_this()](beast::error_code ec, size_t) {
    if (ec || !self->response_.keep_alive()) return self->Close();
    // Nothing of a large request or reply is kept while the connection idles.
    self->response_ = {};
    const bool large = self->parser_ && self->parser_->get().body().size() >= kLargeAllocationBytes;
    self->parser_.reset();
    if (self->buffer_.size() == 0 && self->buffer_.capacity() > kKeptBufferBytes) {
      self->buffer_.shrink_to_fit();
    }
    if (large) ReturnFreedMemory();
    self->WaitForRequest();
  });
}

void Session::StartStream(const Response& reply) {
  events_ = reply.stream;
  auto status = static_cast<bhttp::status>(reply.status);
  pending_ = "HTTP/1.1 " + std::to_string(reply.status) + " ";
  pending_ += bhttp::obsolete_reason(status);
  pending_ += "\r\nContent-Type: ";
  pending_ += reply.content_type;
  pending_ += "\r\nDate: ";
  pending_ += HttpDate();
  pending_ += "\r\nConnection: close\r\n";
  for (const auto& [name, value] : reply.headers) {
    pending_ += name;
    pending_ += ": ";
    pending_ += value;
    pending_ += "\r\n";
  }
  pending_ += "\r\n";
  events_->SetWake([weak = weak_from_this(), executor = stream_.get_executor()] {
    net::post(executor, [weak] {
      if (auto self = weak.lock()) self->Pump();
    });
  });
  WatchClient();
  Pump();
}

// A streamed reply's client sends nothing more: any end of its side (or a byte) ends the stream.
void Session::WatchClient() {
  stream_.socket().async_read_some(
      net::buffer(sink_),
      [self = shared_from_this()](beast::error_code, size_t) { self->events_->Close(); });
}

void Session::Pump() {
  if (writing_ || closed_) return;
  bool ended = false;
  pending_ += events_->Take(&ended);
  if (pending_.empty()) {
    if (ended) return Close();
    constexpr auto kQuiet = std::chrono::seconds(15);
    heartbeat_.expires_after(kQuiet);
    heartbeat_.async_wait([self = shared_from_this()](beast::error_code ec) {
      if (!ec) self->events_->Push(": \n\n");
    });
    return;
  }
  heartbeat_.cancel();
  writing_ = true;
  // A client that stops reading must not hold the socket for ever.
  stream_.expires_after(options_.request_timeout);
  net::async_write(stream_, net::buffer(pending_),
                   [self = shared_from_this(), ended](beast::error_code ec, size_t) {
                     self->writing_ = false;
                     self->pending_.clear();
                     self->stream_.expires_never();
                     if (ec) self->events_->Close();
                     if (ec || ended) return self->Close();
                     self->Pump();
                   });
}

// One line per request, written whole so that lines of concurrent requests never mix.
void Session::Log(int status) {
  const auto& req = parser_->get();
  double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started_)
                  .count();
  char tail[64];
  std::snprintf(tail, sizeof(tail), " %d %.1fms\n", status, ms);
  // The start line is known even when the request failed later (a body over the limit).
  std::string line = LogTime();
  line += ' ';
  line += req.method_string().empty() ? "-" : std::string(req.method_string());
  line += ' ';
  line += req.target().empty() ? "-" : std::string(req.target());
  line += tail;
  std::fwrite(line.data(), 1, line.size(), stdout);
  std::fflush(stdout);
}

void Session::Close() {
  if (closed_) return;
  closed_ = true;
  heartbeat_.cancel();
  if (events_) events_->Close();
  SetIdle(false);
  beast::error_code ec;
  stream_.socket().shutdown(tcp::socket::shutdown_both, ec);
  stream_.close();
  sessions_.Remove(shared_from_this());
}

}  // namespace ddb::http
