#include "client/http_transport.h"

#include <openssl/ssl.h>
#include <strings.h>

#include <boost/asio.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/beast.hpp>
#include <boost/beast/ssl.hpp>

namespace ddb::client {

namespace net = boost::asio;
namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
using tcp = net::ip::tcp;
using boost::system::error_code;

namespace {

constexpr size_t kMaxResponseBytes = size_t{64} * 1024 * 1024;

// Runs one coroutine on `ioc` to completion; its error code is the result.
template <class MakeTask>
error_code RunTask(net::io_context& ioc, MakeTask make_task) {
  error_code ec;
  ioc.restart();
  net::co_spawn(ioc, make_task(ec), net::detached);
  ioc.run();
  return ec;
}

template <class Stream>
net::awaitable<void> Exchange(Stream& stream, beast::tcp_stream& lowest, beast::flat_buffer& buffer,
                              bhttp::request<bhttp::string_body>& request,
                              std::chrono::milliseconds timeout, HttpResponse& out,
                              bool& keep_alive, error_code& ec) {
  auto on_error = net::redirect_error(net::use_awaitable, ec);
  lowest.expires_after(timeout);
  co_await bhttp::async_write(stream, request, on_error);
  if (ec) co_return;
  bhttp::response_parser<bhttp::string_body> parser;
  parser.body_limit(kMaxResponseBytes);
  co_await bhttp::async_read(stream, buffer, parser, on_error);
  if (ec) co_return;
  lowest.expires_never();
  auto& res = parser.get();
  out.status = static_cast<int>(res.result_int());
  for (const auto& field : res) {
    out.headers.emplace_back(std::string(field.name_string()), std::string(field.value()));
  }
  out.body = std::move(res.body());
  keep_alive = res.keep_alive();
}

}  // namespace

std::string HttpResponse::Header(std::string_view name) const {
  for (const auto& [k, v] : headers) {
    if (k.size() == name.size() && strncasecmp(k.data(), name.data(), k.size()) == 0) return v;
  }
  return "";
}

struct HttpTransport::Tls {
  net::ssl::context context{net::ssl::context::tls_client};
};

class HttpTransport::Connection {
 public:
  net::io_context ioc{1};
  std::unique_ptr<beast::tcp_stream> plain;
  std::unique_ptr<beast::ssl_stream<beast::tcp_stream>> secure;
  beast::flat_buffer buffer;

  beast::tcp_stream& lowest() { return plain ? *plain : beast::get_lowest_layer(*secure); }
};

HttpTransport::HttpTransport(Endpoint endpoint, TransportOptions options)
    : endpoint_(std::move(endpoint)), options_(std::move(options)) {}

HttpTransport::~HttpTransport() = default;

ClientResult<std::unique_ptr<HttpTransport>> HttpTransport::Create(Endpoint endpoint,
                                                                   TransportOptions options) {
  std::unique_ptr<HttpTransport> t(new HttpTransport(std::move(endpoint), std::move(options)));
  if (t->endpoint_.tls) {
    t->tls_ = std::make_unique<Tls>();
    error_code ec;
    t->tls_->context.set_verify_mode(net::ssl::verify_peer, ec);
    if (!ec) {
      if (t->options_.ca_file.empty()) {
        t->tls_->context.set_default_verify_paths(ec);
      } else {
        t->tls_->context.load_verify_file(t->options_.ca_file, ec);
      }
    }
    if (ec) {
      return ClientError::Configuration(
          "cannot load trusted certificates" +
          (t->options_.ca_file.empty() ? std::string() : " from " + t->options_.ca_file) + ": " +
          ec.message());
    }
  }
  return t;
}

ClientResult<std::unique_ptr<HttpTransport::Connection>> HttpTransport::Open() {
  auto c = std::make_unique<Connection>();
  const std::string where = endpoint_.host + ":" + endpoint_.port;
  tcp::resolver resolver(c->ioc);
  error_code ec;
  auto addresses = resolver.resolve(endpoint_.host, endpoint_.port, ec);
  if (ec) return ClientError::Connection("cannot resolve " + endpoint_.host + ": " + ec.message());
  if (tls_) {
    c->secure = std::make_unique<beast::ssl_stream<beast::tcp_stream>>(c->ioc, tls_->context);
    // Server name indication, and the certificate must name the host.
    SSL_set_tlsext_host_name(c->secure->native_handle(), endpoint_.host.c_str());
    c->secure->set_verify_callback(net::ssl::host_name_verification(endpoint_.host));
  } else {
    c->plain = std::make_unique<beast::tcp_stream>(c->ioc);
  }
  Connection& conn = *c;
  ec = RunTask(c->ioc, [&](error_code& out) -> net::awaitable<void> {
    auto on_error = net::redirect_error(net::use_awaitable, out);
    conn.lowest().expires_after(options_.connect_timeout);
    co_await conn.lowest().async_connect(addresses, on_error);
    if (out || !conn.secure) co_return;
    co_await conn.secure->async_handshake(net::ssl::stream_base::client, on_error);
  });
  if (ec == beast::error::timeout) {
    return ClientError::Timeout("could not connect to " + endpoint_.url + " within " +
                                std::to_string(options_.connect_timeout.count()) + " ms");
  }
  if (ec) {
    const bool handshake = ec.category() == net::error::get_ssl_category();
    return ClientError::Connection(
        std::string(handshake ? "TLS handshake with " : "cannot connect to ") + endpoint_.url +
        ": " + ec.message());
  }
  c->lowest().socket().set_option(tcp::no_delay(true), ec);
  return c;
}

std::unique_ptr<HttpTransport::Connection> HttpTransport::TakeIdle() {
  std::lock_guard lock(mu_);
  if (idle_.empty()) return nullptr;
  auto c = std::move(idle_.back());
  idle_.pop_back();
  return c;
}

void HttpTransport::GiveBack(std::unique_ptr<Connection> c) {
  std::lock_guard lock(mu_);
  if (idle_.size() < options_.max_idle) idle_.push_back(std::move(c));
}

ClientResult<HttpResponse> HttpTransport::Send(const HttpRequest& request) {
  bhttp::request<bhttp::string_body> req{request.get ? bhttp::verb::get : bhttp::verb::post,
                                         request.target, 11};
  req.set(bhttp::field::host, endpoint_.authority);
  for (const auto& [name, value] : request.headers) req.set(name, value);
  req.body() = request.body;
  req.keep_alive(true);
  req.prepare_payload();
  std::unique_ptr<Connection> conn = TakeIdle();
  const bool reused = conn != nullptr;
  for (int round = 0; round < 2; ++round) {
    if (!conn) {
      DDB_ASSIGN_OR_RETURN(conn, Open());
    }
    HttpResponse response;
    bool keep_alive = false;
    Connection& c = *conn;
    error_code ec = RunTask(c.ioc, [&](error_code& out) {
      return c.secure ? Exchange(*c.secure, c.lowest(), c.buffer, req, options_.request_timeout,
                                 response, keep_alive, out)
                      : Exchange(*c.plain, c.lowest(), c.buffer, req, options_.request_timeout,
                                 response, keep_alive, out);
    });
    if (!ec) {
      if (keep_alive) GiveBack(std::move(conn));
      return response;
    }
    conn.reset();
    if (ec == beast::error::timeout) {
      return ClientError::Timeout("no answer from " + endpoint_.url + " within " +
                                  std::to_string(options_.request_timeout.count()) + " ms");
    }
    // A pooled connection the server had closed while idle: once more on a new one.
    if (round == 0 && reused) continue;
    return ClientError::Connection("connection to " + endpoint_.url + " failed: " + ec.message());
  }
  return ClientError::Connection("connection to " + endpoint_.url + " failed");
}

}  // namespace ddb::client
