// libFuzzer target: an HTTP request as ddb-server reads it (Boost.Beast's parser with the
// server's header and body limits) and answers it (DynamoDbHandler: routing, CORS, the health
// check, gzip/deflate request bodies, the Authorization header, then the dispatcher) on an
// in-memory engine.
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http/parser.hpp>
#include <cstddef>
#include <cstdint>
#include <memory>

#include "gateway/dynamodb_handler.h"
#include "in_memory_engine.h"

namespace {

struct World : ddb::fuzz::InMemoryEngine {
  std::unique_ptr<ddb::gateway::DynamoDbHandler> handler;

  World() {
    handler =
        std::make_unique<ddb::gateway::DynamoDbHandler>(*dispatcher, "http://a.test", 1 << 20);
  }
};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static World world;
  namespace http = boost::beast::http;
  http::request_parser<http::string_body> parser;
  parser.header_limit(64 * 1024);
  parser.body_limit(1 << 20);
  parser.eager(true);
  boost::beast::error_code ec;
  parser.put(boost::asio::buffer(data, size), ec);
  if (ec || !parser.is_done()) return 0;
  ddb::http::Response r = world.handler->Handle(parser.get());
  if (r.status < 200 || r.status > 599) __builtin_trap();
  return 0;
}
