#include "client.h"

#include <atomic>
#include <boost/asio.hpp>
#include <boost/beast.hpp>
#include <memory>
#include <optional>
#include <thread>
#include <vector>

namespace ddb::bench {
namespace {

namespace net = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = net::ip::tcp;
using Clock = std::chrono::steady_clock;

// A syntactically valid SigV4 header: servers that parse credentials (DynamoDB Local keys its
// databases by them without -sharedDb) accept it; none verifies the signature locally.
constexpr const char* kAuthorization =
    "AWS4-HMAC-SHA256 Credential=bench/20260101/us-east-1/dynamodb/aws4_request, "
    "SignedHeaders=host, Signature=0";
// A request that takes longer than this is a failure, not a latency sample.
constexpr auto kRequestTimeout = std::chrono::seconds(30);
// In a bounded run (the data load), a connection gives up after this many failures in a row, so
// that a dead server ends the run instead of spinning forever.
constexpr int kMaxConsecutiveFailures = 50;
constexpr size_t kMaxErrorText = 300;

void FillRequest(http::request<http::string_body>& req, const std::string& host, Request r) {
  req = {};
  req.method(http::verb::post);
  req.target("/");
  req.version(11);
  req.set(http::field::host, host);
  req.set("X-Amz-Target", (r.streams ? "DynamoDBStreams_20120810." : "DynamoDB_20120810.") + r.op);
  req.set(http::field::content_type, "application/x-amz-json-1.0");
  req.set(http::field::authorization, kAuthorization);
  req.keep_alive(true);
  req.body() = std::move(r.body);
  req.prepare_payload();
}

// What every connection of one run shares: the workload, its counter and the clock window.
struct Shared {
  Shared(const Workload& w, std::string host) : workload(w), host_header(std::move(host)) {}

  const Workload& workload;
  std::string host_header;
  tcp::resolver::results_type addresses;
  std::atomic<uint64_t> next{0};
  size_t read_buffer = 0;
  bool timed = false;
  Clock::time_point measure_start;
  Clock::time_point end = Clock::time_point::max();
};

// One keep-alive connection issuing requests back to back (closed loop: the next request leaves
// when the previous answer arrives). Its own strand, because tcp_stream's timeout timer may
// otherwise run concurrently with the read handler when the io_context has two threads.
class Connection : public std::enable_shared_from_this<Connection> {
 public:
  Connection(net::io_context& ioc, Shared& shared)
      : stream_(net::make_strand(ioc)),
        retry_(stream_.get_executor()),
        shared_(shared),
        session_(shared.workload()) {
    buffer_.reserve(shared.read_buffer);
  }

  void Start() { Connect(); }
  const RunResult& Result() const { return result_; }

 private:
  void Connect() {
    stream_.expires_after(kRequestTimeout);
    stream_.async_connect(shared_.addresses,
                          [self = shared_from_this()](beast::error_code ec, const tcp::endpoint&) {
                            if (ec) return self->Fail(ec);
                            self->stream_.socket().set_option(tcp::no_delay(true), ec);
                            self->Next();
                          });
  }

  void Next() {
    if (Done(Clock::now())) return Close();
    auto request = session_->Next(shared_.next.fetch_add(1, std::memory_order_relaxed));
    if (!request) return Close();
    counted_ = request->counted;
    FillRequest(request_, shared_.host_header, std::move(*request));
    sent_ = Clock::now();
    stream_.expires_after(kRequestTimeout);
    http::async_write(stream_, request_, [self = shared_from_this()](beast::error_code ec, size_t) {
      if (ec) return self->Fail(ec);
      self->Read();
    });
  }

  void Read() {
    response_ = {};
    http::async_read(stream_, buffer_, response_,
                     [self = shared_from_this()](beast::error_code ec, size_t) {
                       if (ec) return self->Fail(ec);
                       self->OnResponse();
                     });
  }

  void OnResponse() {
    auto now = Clock::now();
    unsigned status = response_.result_int();
    failures_ = 0;
    if (status / 100 != 2) {
      session_->Failed();
      RecordError(now, static_cast<int>(status), response_.body());
    } else if (Verdict v = session_->Judge(response_.body()); !v.ok) {
      // A 2xx answer that did not do the work (UnprocessedItems): an error under its status.
      RecordError(now, static_cast<int>(status), v.error);
    } else if (counted_ && now >= shared_.measure_start && now <= shared_.end) {
      ++result_.ops;
      result_.items += v.items;
      auto us = std::chrono::duration_cast<std::chrono::microseconds>(now - sent_).count();
      result_.latency_us.Record(static_cast<uint64_t>(us));
    }
    if (!response_.keep_alive()) {
      CloseSocket();
      return Connect();
    }
    Next();
  }

  // Transport failure: count it, then reconnect after a pause (the request is not retried).
  void Fail(beast::error_code ec) {
    session_->Failed();
    RecordError(Clock::now(), 0, ec.message());
    CloseSocket();
    if (Done(Clock::now())) return;
    if (!shared_.timed && ++failures_ >= kMaxConsecutiveFailures) return;
    retry_.expires_after(std::chrono::milliseconds(20));
    retry_.async_wait([self = shared_from_this()](beast::error_code) { self->Connect(); });
  }

  void RecordError(Clock::time_point now, int status, const std::string& text) {
    if (now < shared_.measure_start) {
      ++result_.warmup_errors;
    } else if (now <= shared_.end) {
      ++result_.errors;
      ++result_.errors_by_status[status];
    }
    if (result_.first_error.empty()) {
      result_.first_error = std::to_string(status) + " " + text.substr(0, kMaxErrorText);
    }
  }

  bool Done(Clock::time_point now) const { return shared_.timed && now >= shared_.end; }

  void CloseSocket() {
    beast::error_code ignored;
    stream_.socket().shutdown(tcp::socket::shutdown_both, ignored);
    stream_.close();
  }

  void Close() { CloseSocket(); }

  beast::tcp_stream stream_;
  net::steady_timer retry_;
  beast::flat_buffer buffer_;
  http::request<http::string_body> request_;
  http::response<http::string_body> response_;
  Shared& shared_;
  std::unique_ptr<Session> session_;
  bool counted_ = true;  // Whether the request in flight counts as an op.
  Clock::time_point sent_;
  int failures_ = 0;
  RunResult result_;
};

RunResult Merge(const std::vector<std::shared_ptr<Connection>>& conns) {
  RunResult total;
  for (const auto& c : conns) {
    const RunResult& r = c->Result();
    total.latency_us.Merge(r.latency_us);
    total.ops += r.ops;
    total.items += r.items;
    total.errors += r.errors;
    total.warmup_errors += r.warmup_errors;
    for (const auto& [status, n] : r.errors_by_status) total.errors_by_status[status] += n;
    if (total.first_error.empty()) total.first_error = r.first_error;
  }
  return total;
}

}  // namespace

bool ParseEndpoint(const std::string& text, Endpoint* out, std::string* error) {
  std::string rest = text;
  if (rest.rfind("http://", 0) == 0) rest = rest.substr(7);
  if (rest.rfind("https://", 0) == 0) {
    *error = "https is not supported: " + text;
    return false;
  }
  if (!rest.empty() && rest.back() == '/') rest.pop_back();
  auto colon = rest.rfind(':');
  out->host = colon == std::string::npos ? rest : rest.substr(0, colon);
  out->port = colon == std::string::npos ? "80" : rest.substr(colon + 1);
  if (out->host.empty() || out->port.empty()) {
    *error = "bad --endpoint: " + text;
    return false;
  }
  return true;
}

RunResult Run(const RunOptions& opts, const Workload& workload) {
  net::io_context ioc;
  Shared shared(workload, opts.endpoint.host + ":" + opts.endpoint.port);
  shared.addresses = tcp::resolver(ioc).resolve(opts.endpoint.host, opts.endpoint.port);
  auto start = Clock::now();
  shared.read_buffer = opts.read_buffer;
  shared.timed = opts.duration.count() > 0;
  shared.measure_start = start + opts.warmup;
  if (shared.timed) shared.end = shared.measure_start + opts.duration;

  std::vector<std::shared_ptr<Connection>> conns;
  for (int i = 0; i < opts.connections; ++i) {
    conns.push_back(std::make_shared<Connection>(ioc, shared));
    conns.back()->Start();
  }
  std::vector<std::thread> threads;
  for (int i = 1; i < opts.threads; ++i) threads.emplace_back([&ioc] { ioc.run(); });
  ioc.run();
  for (auto& t : threads) t.join();

  RunResult result = Merge(conns);
  auto measured_end = shared.timed ? shared.end : Clock::now();
  result.seconds = std::chrono::duration<double>(measured_end - shared.measure_start).count();
  return result;
}

int CallOnce(const Endpoint& ep, const std::string& op, const std::string& body,
             std::string* reply) {
  return CallOnce(ep, Request{op, body}, reply);
}

int CallOnce(const Endpoint& ep, const Request& request, std::string* reply) {
  net::io_context ioc;
  beast::tcp_stream stream(ioc);
  beast::error_code ec;
  auto addresses = tcp::resolver(ioc).resolve(ep.host, ep.port, ec);
  if (ec) {
    *reply = ec.message();
    return 0;
  }
  http::request<http::string_body> req;
  FillRequest(req, ep.host + ":" + ep.port, request);
  http::response<http::string_body> res;
  beast::flat_buffer buffer;
  // One deadline for the whole exchange; async so that it is enforced.
  stream.expires_after(std::chrono::seconds(10));
  stream.async_connect(addresses, [&](beast::error_code e, const tcp::endpoint&) {
    if (e) return void(ec = e);
    http::async_write(stream, req, [&](beast::error_code e2, size_t) {
      if (e2) return void(ec = e2);
      http::async_read(stream, buffer, res, [&](beast::error_code e3, size_t) { ec = e3; });
    });
  });
  ioc.run();
  if (ec) {
    *reply = ec.message();
    return 0;
  }
  *reply = res.body();
  return static_cast<int>(res.result_int());
}

}  // namespace ddb::bench
