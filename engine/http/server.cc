#include "http/server.h"

#include <boost/asio.hpp>
#include <boost/beast.hpp>
#include <chrono>
#include <ctime>
#include <iostream>
#include <mutex>
#include <set>
#include <thread>
#include <vector>

#include "common/uuid.h"

namespace ddb::http {
namespace {

namespace net = boost::asio;
namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
using tcp = net::ip::tcp;

// DynamoDB accepts requests up to 16 MB (a full BatchWriteItem is at most that).
constexpr size_t kMaxBodyBytes = 16 * 1024 * 1024 + 64 * 1024;
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
  Session(tcp::socket socket, Dispatcher& dispatcher, const ServerOptions& options,
          SessionSet& sessions, net::thread_pool& writers)
      : writers_(writers),
        stream_(std::move(socket)),
        dispatcher_(dispatcher),
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
    parser_->body_limit(kMaxBodyBytes);
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
    if (ec == bhttp::error::body_limit) {
      return SendError(
          bhttp::status::payload_too_large,
          R"({"__type":"com.amazon.coral.service#RequestEntityTooLarge","Message":"Request entity too large"})",
          false);
    }
    if (ec) return Close();
    auto& req = parser_->get();
    bool keep_alive = req.keep_alive() && !draining_;
    if (req.method() == bhttp::verb::options && options_.cors) {
      return Send(MakeResponse(bhttp::status::ok, "", keep_alive, nullptr));
    }
    if (req.method() == bhttp::verb::get) {
      return Send(MakeResponse(bhttp::status::ok, "healthy: dynamodb.ddblocal.amazonaws.com",
                               keep_alive, nullptr));
    }
    if (req.method() != bhttp::verb::post) {
      return SendError(
          bhttp::status::method_not_allowed,
          R"({"__type":"com.amazon.coral.service#UnknownOperationException","Message":"Only POST is supported"})",
          keep_alive);
    }
    std::string_view target = HeaderOf(req, "X-Amz-Target");
    if (!Dispatcher::IsWrite(target)) {
      return Respond(
          dispatcher_.Handle(target, HeaderOf(req, bhttp::field::authorization), req.body()),
          keep_alive);
    }
    // The request stays in parser_, which lives as long as this session; nothing else touches
    // the session until the reply is posted back to its thread.
    // The work guard keeps the I/O threads running until the reply is posted back, so a
    // shutdown that begins while the write runs still delivers its reply.
    net::post(writers_, [self = shared_from_this(), target, keep_alive,
                         work = net::make_work_guard(stream_.get_executor())] {
      auto& r = self->parser_->get();
      Reply reply =
          self->dispatcher_.Handle(target, HeaderOf(r, bhttp::field::authorization), r.body());
      net::post(self->stream_.get_executor(),
                [self, reply = std::move(reply), keep_alive]() mutable {
                  self->Respond(std::move(reply), keep_alive);
                });
    });
  }

  void Respond(Reply reply, bool keep_alive) {
    Send(MakeResponse(static_cast<bhttp::status>(reply.status), std::move(reply.body), keep_alive,
                      &reply));
  }

  template <class Field>
  static std::string_view HeaderOf(const bhttp::request<bhttp::string_body>& req, Field f) {
    auto it = req.find(f);
    if (it == req.end()) return {};
    return std::string_view(it->value().data(), it->value().size());
  }

  bhttp::response<bhttp::string_body> MakeResponse(bhttp::status status, std::string body,
                                                   bool keep_alive, const Reply* reply) {
    bhttp::response<bhttp::string_body> res{status, 11};
    res.set(bhttp::field::content_type, "application/x-amz-json-1.0");
    res.set(bhttp::field::date, HttpDate());
    if (reply != nullptr) {
      res.set("x-amzn-RequestId", reply->request_id);
      res.set("x-amz-crc32", std::to_string(reply->crc32));
    }
    if (options_.cors) {
      res.set(bhttp::field::access_control_allow_origin, "*");
      res.set(bhttp::field::access_control_allow_methods, "GET, POST, OPTIONS");
      res.set(bhttp::field::access_control_allow_headers, "*");
      res.set(bhttp::field::access_control_expose_headers, "x-amzn-RequestId, x-amz-crc32");
    }
    res.keep_alive(keep_alive);
    res.body() = std::move(body);
    res.prepare_payload();
    return res;
  }

  void SendError(bhttp::status status, std::string body, bool keep_alive) {
    Reply reply;
    reply.request_id = RandomUuid();
    Send(MakeResponse(status, std::move(body), keep_alive, &reply));
  }

  void Send(bhttp::response<bhttp::string_body> res) {
    response_ = std::move(res);
    bhttp::async_write(stream_, response_,
                       [self = shared_from_this()](beast::error_code ec, size_t) {
                         if (ec || !self->response_.keep_alive()) return self->Close();
                         self->Read();
                       });
  }

  void Close() {
    beast::error_code ec;
    stream_.socket().shutdown(tcp::socket::shutdown_both, ec);
    stream_.close();
    sessions_.Remove(shared_from_this());
  }

  net::thread_pool& writers_;
  beast::tcp_stream stream_;
  beast::flat_buffer buffer_;
  std::optional<bhttp::request_parser<bhttp::string_body>> parser_;
  bhttp::response<bhttp::string_body> response_;
  Dispatcher& dispatcher_;
  const ServerOptions& options_;
  SessionSet& sessions_;
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

  Impl(Dispatcher& d, ServerOptions o)
      : dispatcher(d),
        options(std::move(o)),
        writers(static_cast<size_t>(options.write_threads)),
        contexts(MakeContexts(IoThreads(options.threads))),
        acceptor(*contexts[0]),
        signals(*contexts[0], SIGINT, SIGTERM) {
    // Idle threads wait for connections instead of returning at once; released at shutdown.
    for (auto& c : contexts) idle_guards.push_back(net::make_work_guard(*c));
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
      std::make_shared<Session>(std::move(socket), dispatcher, options, sessions, writers)->Start();
      Accept();
    });
  }

  Dispatcher& dispatcher;
  ServerOptions options;
  net::thread_pool writers;
  std::vector<std::unique_ptr<net::io_context>> contexts;  // One per I/O thread.
  std::vector<Guard> idle_guards;
  size_t next_context = 0;  // Touched only by the accept handler, on contexts[0].
  tcp::acceptor acceptor;
  net::signal_set signals;
  SessionSet sessions;
};

HttpServer::HttpServer(Dispatcher& dispatcher, ServerOptions options)
    : impl_(std::make_unique<Impl>(dispatcher, std::move(options))) {}

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
  impl.signals.async_wait([&impl](beast::error_code ec, int) {
    if (ec) return;
    beast::error_code ignored;
    impl.acceptor.close(ignored);
    for (auto& s : impl.sessions.Snapshot()) s->Drain();
    for (auto& g : impl.idle_guards) g.reset();
  });
  impl.Accept();
  std::vector<std::thread> threads;
  for (size_t i = 1; i < impl.contexts.size(); ++i) {
    threads.emplace_back([&impl, i] { impl.contexts[i]->run(); });
  }
  impl.contexts[0]->run();
  for (auto& t : threads) t.join();
  impl.writers.join();
}

}  // namespace ddb::http
