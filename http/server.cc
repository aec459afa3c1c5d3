#include "http/server.h"

#include <sys/resource.h>

#include <boost/asio.hpp>
#include <boost/beast.hpp>
#include <chrono>
#include <cstdio>
#include <optional>
#include <thread>
#include <vector>

#include "http/session.h"

namespace ddb::http {
namespace {

namespace net = boost::asio;
namespace beast = boost::beast;
using tcp = net::ip::tcp;

// Back-off between failed accepts (no descriptors left, no buffers): doubles up to the maximum.
constexpr auto kFirstAcceptRetry = std::chrono::milliseconds(10);
constexpr auto kMaxAcceptRetry = std::chrono::milliseconds(1000);

// ServerOptions::max_connections' default: three quarters of the descriptor limit, leaving the
// rest to the database's files and the process.
size_t DefaultMaxConnections() {
  rlimit limit{};
  if (getrlimit(RLIMIT_NOFILE, &limit) != 0 || limit.rlim_cur == RLIM_INFINITY) return 65536;
  return std::max<size_t>(16, static_cast<size_t>(limit.rlim_cur) / 4 * 3);
}

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
        acceptor(*contexts[0]),
        retry_timer(*contexts[0]),
        max_connections(options.max_connections != 0 ? options.max_connections
                                                     : DefaultMaxConnections()) {
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
      if (stopping || ec == net::error::operation_aborted) return;  // Closed at shutdown.
      if (ec) return RetryAccept(ec);
      if (accept_retry.count() != 0) {
        std::fprintf(stderr, "http: accepting connections again\n");
        accept_retry = {};
      }
      Admit(std::move(socket));
      Accept();
    });
  }

  // Out of descriptors (EMFILE, ENFILE) or buffers: the connection waits in the listen backlog
  // and is accepted once the retry succeeds. Logged once per burst.
  void RetryAccept(const beast::error_code& ec) {
    if (accept_retry.count() == 0) {
      std::fprintf(stderr, "http: cannot accept connections (%s); retrying\n",
                   ec.message().c_str());
      accept_retry = kFirstAcceptRetry;
    } else {
      accept_retry = std::min(accept_retry * 2, kMaxAcceptRetry);
    }
    retry_timer.expires_after(accept_retry);
    retry_timer.async_wait([this](beast::error_code wait_ec) {
      if (!wait_ec && !stopping) Accept();
    });
  }

  // Starts a session for `socket`, first making room under the connection cap: the
  // longest-idle connection is closed, or `socket` refused when every connection is busy.
  void Admit(tcp::socket socket) {
    if (sessions.size() >= max_connections) {
      std::shared_ptr<Session> idle = sessions.ClaimOldestIdle();
      if (!idle) {
        if (!refusing)
          std::fprintf(stderr, "http: %zu connections open; refusing new ones\n", max_connections);
        refusing = true;
        beast::error_code ignored;
        socket.close(ignored);
        return;
      }
      idle->Drain();
    } else {
      refusing = false;
    }
    beast::error_code ignored;
    socket.set_option(tcp::no_delay(true), ignored);
    auto session =
        std::make_shared<Session>(std::move(socket), handler, options, sessions, workers);
    sessions.Add(session);
    session->Start();
  }

  // Runs on contexts[0]: stop accepting, close idle connections, let the threads return.
  void Shutdown() {
    if (stopping) return;
    stopping = true;
    beast::error_code ignored;
    acceptor.close(ignored);
    retry_timer.cancel();
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
  net::steady_timer retry_timer;             // Accept retries; on contexts[0].
  std::chrono::milliseconds accept_retry{};  // The current back-off; 0 = accepting.
  bool refusing = false;                     // Over the cap with no idle connection.
  const size_t max_connections;
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
