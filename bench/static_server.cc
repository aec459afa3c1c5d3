// ddb-static-server: answers every POST with `{}` and the headers ddb-server sends, doing no
// other work. Driven by ddb-loadgen --workload static, it measures what this machine's HTTP
// stack (kernel loopback + Beast + the load generator itself) can do, the ceiling that any
// Beast-based server's GetItem throughput should be compared with.
//
//   ddb-static-server --port 8590 [--threads 2]
#include <atomic>
#include <boost/asio.hpp>
#include <boost/beast.hpp>
#include <boost/program_options.hpp>
#include <cstdio>
#include <iostream>
#include <memory>
#include <thread>
#include <vector>

namespace {

namespace net = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
namespace po = boost::program_options;
using tcp = net::ip::tcp;

constexpr const char* kBody = "{}";
// CRC32 of "{}", the x-amz-crc32 value ddb-server would send for this body.
constexpr const char* kBodyCrc32 = "2745614147";

// A request id shaped like ddb-server's (a random-looking UUID), so the response is the same
// size; a counter through a cheap mix stands in for its random-number generator.
std::string RequestId() {
  static std::atomic<uint64_t> counter{0};
  uint64_t x = counter.fetch_add(1, std::memory_order_relaxed) * 0x9e3779b97f4a7c15ULL;
  char buf[37];
  std::snprintf(buf, sizeof(buf), "%08x-%04x-4%03x-8%03x-%012llx", static_cast<unsigned>(x >> 32),
                static_cast<unsigned>((x >> 16) & 0xffff), static_cast<unsigned>(x & 0xfff),
                static_cast<unsigned>((x >> 4) & 0xfff),
                static_cast<unsigned long long>(x & 0xffffffffffffULL));
  return buf;
}

// One connection: read a request, answer, repeat while the client keeps the connection alive.
class Session : public std::enable_shared_from_this<Session> {
 public:
  explicit Session(tcp::socket socket) : stream_(std::move(socket)) {}

  void Read() {
    request_ = {};
    http::async_read(stream_, buffer_, request_,
                     [self = shared_from_this()](beast::error_code ec, size_t) {
                       if (ec) return self->Close();
                       self->Answer();
                     });
  }

 private:
  void Answer() {
    bool post = request_.method() == http::verb::post;
    response_ = {post ? http::status::ok : http::status::method_not_allowed, 11};
    response_.set(http::field::content_type, "application/x-amz-json-1.0");
    response_.set("x-amzn-RequestId", RequestId());
    response_.set("x-amz-crc32", kBodyCrc32);
    response_.keep_alive(request_.keep_alive());
    response_.body() = kBody;
    response_.prepare_payload();
    http::async_write(stream_, response_,
                      [self = shared_from_this()](beast::error_code ec, size_t) {
                        if (ec || !self->response_.keep_alive()) return self->Close();
                        self->Read();
                      });
  }

  void Close() {
    beast::error_code ignored;
    stream_.socket().shutdown(tcp::socket::shutdown_both, ignored);
  }

  beast::tcp_stream stream_;
  beast::flat_buffer buffer_;
  http::request<http::string_body> request_;
  http::response<http::string_body> response_;
};

void Accept(tcp::acceptor& acceptor) {
  // Each connection gets its own strand, as in ddb-server, so two threads can serve it safely.
  acceptor.async_accept(net::make_strand(acceptor.get_executor()),
                        [&acceptor](beast::error_code ec, tcp::socket socket) {
                          if (ec) return;  // Closed at shutdown.
                          socket.set_option(tcp::no_delay(true), ec);
                          std::make_shared<Session>(std::move(socket))->Read();
                          Accept(acceptor);
                        });
}

}  // namespace

int main(int argc, char** argv) {
  unsigned short port = 8590;
  int threads = 2;
  po::options_description desc("ddb-static-server: fixed-answer HTTP server\n\nOptions");
  desc.add_options()("help,h", "print this help")("port", po::value(&port), "port (default 8590)")(
      "threads", po::value(&threads), "threads (default 2)");
  try {
    po::variables_map vm;
    po::store(po::parse_command_line(argc, argv, desc), vm);
    po::notify(vm);
    if (vm.count("help")) {
      std::cout << desc << "\n";
      return 0;
    }
    net::io_context ioc;
    tcp::acceptor acceptor(ioc, tcp::endpoint(net::ip::make_address("127.0.0.1"), port));
    net::signal_set signals(ioc, SIGINT, SIGTERM);
    signals.async_wait([&](beast::error_code, int) { ioc.stop(); });
    Accept(acceptor);
    std::vector<std::thread> pool;
    for (int i = 1; i < threads; ++i) pool.emplace_back([&ioc] { ioc.run(); });
    ioc.run();
    for (auto& t : pool) t.join();
  } catch (const std::exception& e) {
    std::cerr << "ddb-static-server: " << e.what() << "\n";
    return 1;
  }
  return 0;
}
