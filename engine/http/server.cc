#include "http/server.h"

#include <boost/asio.hpp>
#include <boost/beast.hpp>
#include <chrono>
#include <cstdio>
#include <ctime>
#include <iostream>
#include <mutex>
#include <optional>
#include <set>
#include <thread>
#include <vector>

namespace ddb::http {
namespace {

namespace net = boost::asio;
namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
using tcp = net::ip::tcp;

constexpr auto kReadTimeout = std::chrono::seconds(60);
constexpr auto kIdleTimeout = std::chrono::seconds(300);

class Session;

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

// Live sessions, so that shutdown can tell idle ones to close.
class SessionSet {
 public:
  void Add(const std::shared_ptr<Session>& s) {
    std::lock_guard lock(mu_);
    sessions_.insert(s);
  }
  void Remove(const std::shared_ptr<Session>& s) {
    std::lock_guard lock(mu_);
    sessions_.erase(s);
  }
  std::vector<std::shared_ptr<Session>> Snapshot() {
    std::lock_guard lock(mu_);
    return {sessions_.begin(), sessions_.end()};
  }

 private:
  std::mutex mu_;
  std::set<std::shared_ptr<Session>> sessions_;
};

class Session : public std::enable_shared_from_this<Session> {
 public:
  Session(tcp::socket socket, Handler& handler, const ServerOptions& options, SessionSet& sessions,
          net::thread_pool& workers)
      : workers_(workers),
        stream_(std::move(socket)),
        handler_(handler),
        options_(options),
        sessions_(sessions) {}

  void Start() {
    sessions_.Add(shared_from_this());
    net::dispatch(stream_.get_executor(), [self = shared_from_this()] { self->Read(); });
  }

  // Called at shutdown: stop reading new requests; a request in progress still gets its reply.
  void Drain() {
    net::post(stream_.get_executor(), [self = shared_from_this()] {
      self->draining_ = true;
      if (!self->busy_) self->Close();
    });
  }

 private:
  void Read() {
    if (draining_) return Close();
    parser_.emplace();
    parser_->body_limit(options_.max_body_bytes);
    parser_->header_limit(64 * 1024);
    stream_.expires_after(first_ ? kReadTimeout : kIdleTimeout);
    busy_ = false;
    bhttp::async_read(
        stream_, buffer_, *parser_,
        [self = shared_from_this()](beast::error_code ec, size_t) { self->OnRead(ec); });
  }

  void OnRead(beast::error_code ec) {
    busy_ = true;
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
      net::post(self->stream_.get_executor(),
                [self, reply = std::move(reply), keep_alive]() mutable {
                  self->Respond(std::move(reply), keep_alive);
                });
    });
  }

  Response Run(const Request& req) {
    try {
      return handler_.Handle(req);
    } catch (const std::exception& e) {
      std::fprintf(stderr, "http: handler failed: %s\n", e.what());
    } catch (...) {
      std::fprintf(stderr, "http: handler failed\n");
    }
    return handler_.InternalError();
  }

  void Respond(Response reply, bool keep_alive) {
    if (options_.access_log) Log(reply.status);
    response_ = bhttp::response<bhttp::string_body>{static_cast<bhttp::status>(reply.status), 11};
    response_.set(bhttp::field::content_type, reply.content_type);
    response_.set(bhttp::field::date, HttpDate());
    for (auto& [name, value] : reply.headers) response_.set(name, value);
    response_.keep_alive(keep_alive);
    response_.body() = std::move(reply.body);
    response_.prepare_payload();
    bhttp::async_write(stream_, response_,
                       [self = shared_from_this()](beast::error_code ec, size_t) {
                         if (ec || !self->response_.keep_alive()) return self->Close();
                         self->Read();
                       });
  }

  // One line per request, written whole so that lines of concurrent requests never mix.
  void Log(int status) {
    const auto& req = parser_->get();
    double ms =
        std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started_)
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

  void Close() {
    beast::error_code ec;
    stream_.socket().shutdown(tcp::socket::shutdown_both, ec);
    stream_.close();
    sessions_.Remove(shared_from_this());
  }

  net::thread_pool& workers_;
  beast::tcp_stream stream_;
  beast::flat_buffer buffer_;
  std::optional<bhttp::request_parser<bhttp::string_body>> parser_;
  bhttp::response<bhttp::string_body> response_;
  Handler& handler_;
  const ServerOptions& options_;
  SessionSet& sessions_;
  std::chrono::steady_clock::time_point started_;
  bool busy_ = false;
  bool draining_ = false;
  bool first_ = true;
};

int IoThreads(int requested) {
  if (requested > 0) return requested;
  return static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
}

}  // namespace

struct HttpServer::Impl {
  using Guard = net::executor_work_guard<net::io_context::executor_type>;

  Impl(Handler& h, ServerOptions o)
      : handler(h),
        options(std::move(o)),
        workers(static_cast<size_t>(options.worker_threads)),
        contexts(MakeContexts(IoThreads(options.threads))),
        acceptor(*contexts[0]) {
    // Idle threads wait for connections instead of returning at once; released at shutdown.
    for (auto& c : contexts) idle_guards.push_back(net::make_work_guard(*c));
    if (options.handle_signals) signals.emplace(*contexts[0], SIGINT, SIGTERM);
  }

  static std::vector<std::unique_ptr<net::io_context>> MakeContexts(int n) {
    std::vector<std::unique_ptr<net::io_context>> v;
    v.reserve(static_cast<size_t>(n));
    for (int i = 0; i < n; ++i) v.push_back(std::make_unique<net::io_context>(1));
    return v;
  }

  void Accept() {
    net::any_io_executor next = contexts[next_context++ % contexts.size()]->get_executor();
    acceptor.async_accept(next, [this](beast::error_code ec, tcp::socket socket) {
      if (ec) return;  // Acceptor closed at shutdown.
      socket.set_option(tcp::no_delay(true), ec);
      std::make_shared<Session>(std::move(socket), handler, options, sessions, workers)->Start();
      Accept();
    });
  }

  // Runs on contexts[0]: stop accepting, close idle connections, let the threads return.
  void Shutdown() {
    if (stopping) return;
    stopping = true;
    beast::error_code ignored;
    acceptor.close(ignored);
    if (signals) signals->cancel(ignored);
    for (auto& s : sessions.Snapshot()) s->Drain();
    for (auto& g : idle_guards) g.reset();
  }

  Handler& handler;
  ServerOptions options;
  net::thread_pool workers;
  std::vector<std::unique_ptr<net::io_context>> contexts;  // One per I/O thread.
  std::vector<Guard> idle_guards;
  size_t next_context = 0;  // Touched only by the accept handler, on contexts[0].
  bool stopping = false;    // Touched only on contexts[0].
  tcp::acceptor acceptor;
  std::optional<net::signal_set> signals;
  SessionSet sessions;
};

HttpServer::HttpServer(Handler& handler, ServerOptions options)
    : impl_(std::make_unique<Impl>(handler, std::move(options))) {}

HttpServer::~HttpServer() = default;

bool HttpServer::Listen(std::string* error) {
  beast::error_code ec;
  auto address = net::ip::make_address(impl_->options.host, ec);
  if (ec) {
    *error = "invalid --host " + impl_->options.host + ": " + ec.message();
    return false;
  }
  tcp::endpoint endpoint(address, impl_->options.port);
  auto& a = impl_->acceptor;
  a.open(endpoint.protocol(), ec);
  if (!ec) a.set_option(net::socket_base::reuse_address(true), ec);
  if (!ec) a.bind(endpoint, ec);
  if (!ec) a.listen(net::socket_base::max_listen_connections, ec);
  if (ec) {
    *error = "cannot listen on " + impl_->options.host + ":" + std::to_string(impl_->options.port) +
             ": " + ec.message();
    return false;
  }
  return true;
}

unsigned short HttpServer::port() const { return impl_->acceptor.local_endpoint().port(); }

void HttpServer::Run() {
  Impl& impl = *impl_;
  if (impl.signals) {
    impl.signals->async_wait([&impl](beast::error_code ec, int) {
      if (!ec) impl.Shutdown();
    });
  }
  impl.Accept();
  std::vector<std::thread> threads;
  for (size_t i = 1; i < impl.contexts.size(); ++i) {
    threads.emplace_back([&impl, i] { impl.contexts[i]->run(); });
  }
  impl.contexts[0]->run();
  for (auto& t : threads) t.join();
  impl.workers.join();
}

void HttpServer::Stop() {
  Impl& impl = *impl_;
  net::post(*impl.contexts[0], [&impl] { impl.Shutdown(); });
}

}  // namespace ddb::http
