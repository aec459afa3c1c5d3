#include "http/server.h"

#include <gtest/gtest.h>

#include <atomic>
#include <boost/asio/connect.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/read.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/write.hpp>
#include <mutex>
#include <thread>

namespace ddb::http {
namespace {

namespace net = boost::asio;
namespace bhttp = boost::beast::http;
using tcp = net::ip::tcp;

// Echoes the body; counts what it handled. "/events" answers with a stream, kept in `events`.
class EchoHandler final : public Handler {
 public:
  bool Blocks(const Request& request) const override { return request.target() == "/slow"; }
  Response Handle(const Request& request) override {
    ++handled;
    if (request.target() == "/events") {
      Response r{200, "text/event-stream", "", {{"X-Stream", "yes"}}};
      r.stream = std::make_shared<EventStream>();
      r.stream->Push("data: first\n\n");
      std::lock_guard lock(mu);
      events = r.stream;
      return r;
    }
    return Response{200, "text/plain", request.body(), {}};
  }
  std::shared_ptr<EventStream> Events() {
    std::lock_guard lock(mu);
    return events;
  }
  Response TooLarge() const override { return Response{413, "text/plain", "too large", {}}; }
  std::atomic<int> handled{0};
  std::mutex mu;
  std::shared_ptr<EventStream> events;
};

// A server on a free port, running on its own thread until the fixture ends.
class HttpServerTest : public ::testing::Test {
 protected:
  void Start(ServerOptions options) {
    options.port = 0;
    options.threads = 1;
    options.worker_threads = 2;
    server_ = std::make_unique<HttpServer>(handler_, options);
    std::string error;
    ASSERT_TRUE(server_->Listen(&error)) << error;
    thread_ = std::thread([this] { server_->Run(); });
  }
  void TearDown() override {
    if (!server_) return;
    server_->Stop();
    thread_.join();
  }

  tcp::socket Connect() {
    tcp::socket socket(io_);
    socket.connect(tcp::endpoint(net::ip::make_address("127.0.0.1"), server_->port()));
    return socket;
  }
  static bhttp::response<bhttp::string_body> Exchange(tcp::socket& socket, std::string target,
                                                      std::string body) {
    bhttp::request<bhttp::string_body> request{bhttp::verb::post, target, 11};
    request.set(bhttp::field::host, "localhost");
    request.body() = std::move(body);
    request.prepare_payload();
    bhttp::write(socket, request);
    boost::beast::flat_buffer buffer;
    bhttp::response<bhttp::string_body> response;
    bhttp::read(socket, buffer, response);
    return response;
  }
  // True if the server closed `socket` (a read sees the end) within `wait`.
  static bool ClosedWithin(tcp::socket& socket, std::chrono::milliseconds wait) {
    socket.non_blocking(false);
    timeval tv{0, static_cast<suseconds_t>(wait.count() * 1000)};
    setsockopt(socket.native_handle(), SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv));
    char byte = 0;
    boost::system::error_code ec;
    socket.read_some(net::buffer(&byte, 1), ec);
    return ec == net::error::eof || ec == net::error::connection_reset;
  }

  EchoHandler handler_;
  net::io_context io_;
  std::unique_ptr<HttpServer> server_;
  std::thread thread_;
};

TEST_F(HttpServerTest, KeepAliveServesManyRequestsOnOneConnection) {
  Start({});
  tcp::socket socket = Connect();
  for (int i = 0; i < 3; ++i) {
    auto response = Exchange(socket, i == 1 ? "/slow" : "/", "hello " + std::to_string(i));
    EXPECT_EQ(response.result_int(), 200);
    EXPECT_EQ(response.body(), "hello " + std::to_string(i));
    EXPECT_TRUE(response.keep_alive());
  }
  EXPECT_EQ(handler_.handled.load(), 3);
}

TEST_F(HttpServerTest, BodyOverTheLimitGetsTooLargeAndIsNotHandled) {
  ServerOptions options;
  options.max_body_bytes = 100;
  Start(options);
  tcp::socket socket = Connect();
  auto response = Exchange(socket, "/", std::string(101, 'x'));
  EXPECT_EQ(response.result_int(), 413);
  EXPECT_EQ(response.body(), "too large");
  EXPECT_EQ(handler_.handled.load(), 0);
  EXPECT_TRUE(ClosedWithin(socket, std::chrono::milliseconds(2000)));
}

TEST_F(HttpServerTest, HalfSentRequestIsCutAtTheDeadline) {
  ServerOptions options;
  options.request_timeout = std::chrono::milliseconds(200);
  Start(options);
  tcp::socket socket = Connect();
  const std::string start = "POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 10\r\n\r\nabc";
  net::write(socket, net::buffer(start));
  EXPECT_TRUE(ClosedWithin(socket, std::chrono::milliseconds(3000)));
  EXPECT_EQ(handler_.handled.load(), 0);
}

TEST_F(HttpServerTest, IdleKeepAliveConnectionIsClosedAfterItsTimeout) {
  ServerOptions options;
  options.idle_timeout = std::chrono::milliseconds(200);
  Start(options);
  tcp::socket socket = Connect();
  EXPECT_EQ(Exchange(socket, "/", "one").result_int(), 200);
  EXPECT_TRUE(ClosedWithin(socket, std::chrono::milliseconds(3000)));
}

// Reads from `socket` until `text` has arrived (or the connection ends); all that arrived.
std::string ReadUntil(tcp::socket& socket, const std::string& text) {
  std::string got;
  char buf[256];
  boost::system::error_code ec;
  while (got.find(text) == std::string::npos && !ec) {
    size_t n = socket.read_some(net::buffer(buf), ec);
    got.append(buf, n);
  }
  return got;
}

TEST_F(HttpServerTest, StreamedReplySendsChunksAsTheyComeUntilTheStreamEnds) {
  Start({});
  tcp::socket socket = Connect();
  const std::string get = "GET /events HTTP/1.1\r\nHost: x\r\n\r\n";
  net::write(socket, net::buffer(get));
  std::string head = ReadUntil(socket, "data: first\n\n");
  EXPECT_EQ(head.rfind("HTTP/1.1 200 OK\r\n", 0), 0u) << head;
  EXPECT_NE(head.find("Content-Type: text/event-stream\r\n"), std::string::npos) << head;
  EXPECT_NE(head.find("X-Stream: yes\r\n"), std::string::npos) << head;
  EXPECT_EQ(head.find("Content-Length"), std::string::npos) << head;
  auto events = handler_.Events();
  ASSERT_TRUE(events);
  std::thread producer([events] {
    for (int i = 0; i < 3; ++i) EXPECT_TRUE(events->Push("data: " + std::to_string(i) + "\n\n"));
    events->Close();
  });
  std::string rest = ReadUntil(socket, "\x01never");
  producer.join();
  EXPECT_EQ(rest, "data: 0\n\ndata: 1\n\ndata: 2\n\n");
  EXPECT_FALSE(events->Push("data: late\n\n"));
}

TEST_F(HttpServerTest, StreamEndsWhenTheClientLeavesOrTheServerStops) {
  Start({});
  {
    tcp::socket socket = Connect();
    net::write(socket, net::buffer(std::string("GET /events HTTP/1.1\r\nHost: x\r\n\r\n")));
    ReadUntil(socket, "data: first\n\n");
  }  // The client goes away.
  auto events = handler_.Events();
  ASSERT_TRUE(events);
  for (int i = 0; i < 200 && !events->closed(); ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  EXPECT_TRUE(events->closed());

  tcp::socket socket = Connect();
  net::write(socket, net::buffer(std::string("GET /events HTTP/1.1\r\nHost: x\r\n\r\n")));
  ReadUntil(socket, "data: first\n\n");
  server_->Stop();  // Drains: the stream ends, the connection closes, Run returns.
  thread_.join();
  server_.reset();
  EXPECT_TRUE(ClosedWithin(socket, std::chrono::milliseconds(3000)));
}

TEST_F(HttpServerTest, StopMakesRunReturnAndRefusesNewConnections) {
  Start({});
  const unsigned short port = server_->port();
  server_->Stop();
  thread_.join();
  server_.reset();
  tcp::socket socket(io_);
  boost::system::error_code ec;
  socket.connect(tcp::endpoint(net::ip::make_address("127.0.0.1"), port), ec);
  EXPECT_TRUE(ec) << "connected after Stop";
}

}  // namespace
}  // namespace ddb::http
