// ddb-sigv4-tool: signs the requests described on stdin, one JSON object per line, and prints
// the headers the signer added, one JSON object per line, so that tests can compare the client's
// Signature V4 with botocore's for the same request, credentials and time. Input members:
// method, path, query, headers ([[name, value], ...]), body, access_key, secret_key, token,
// region, service, time (epoch seconds). Output: {"headers": [[name, value], ...]}.
#include <boost/json.hpp>
#include <iostream>
#include <string>

#include "client/sigv4.h"

namespace json = boost::json;

namespace {

std::string Str(const json::object& o, const char* key) {
  auto* v = o.if_contains(key);
  return v != nullptr && v->is_string() ? std::string(v->as_string()) : std::string();
}

}  // namespace

int main() {
  std::string line;
  while (std::getline(std::cin, line)) {
    boost::system::error_code ec;
    json::value in = json::parse(line, ec);
    if (ec || !in.is_object()) {
      std::cerr << "ddb-sigv4-tool: not a JSON object: " << line << "\n";
      return 1;
    }
    const json::object& o = in.as_object();
    ddb::client::SignableRequest request;
    request.method = Str(o, "method");
    request.path = Str(o, "path");
    request.query = Str(o, "query");
    request.body = Str(o, "body");
    for (const auto& h : o.at("headers").as_array()) {
      request.headers.emplace_back(std::string(h.as_array().at(0).as_string()),
                                   std::string(h.as_array().at(1).as_string()));
    }
    const size_t before = request.headers.size();
    ddb::client::Credentials credentials{Str(o, "access_key"), Str(o, "secret_key"),
                                         Str(o, "token")};
    auto time = std::chrono::system_clock::from_time_t(o.at("time").to_number<int64_t>());
    ddb::client::SignV4(request, credentials, Str(o, "region"), Str(o, "service"), time);
    json::array added;
    for (size_t i = before; i < request.headers.size(); ++i) {
      added.push_back(json::array{json::string(request.headers[i].first),
                                  json::string(request.headers[i].second)});
    }
    std::cout << json::serialize(json::object{{"headers", added}}) << "\n";
  }
  return 0;
}
