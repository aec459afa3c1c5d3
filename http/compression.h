// HTTP body compression for the DynamoDB endpoint: request bodies the AWS SDKs send with
// `Content-Encoding: gzip` (or deflate), and large responses to clients that accept gzip.
// Pure functions on buffers; thread-safe.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace ddb::http {

enum class InflateError { kUnsupported, kCorrupt, kTooLarge };

// The decoded body of a request whose Content-Encoding is `encoding`: "gzip" (or "x-gzip"),
// "deflate" (zlib or raw), "identity", or a list with at most one coding besides identity. Fails
// with kTooLarge as soon as the output would exceed `limit` bytes (a small compressed body must
// not expand without bound), kCorrupt for a stream zlib rejects or that ends early,
// kUnsupported for another coding or for more than one.
struct Inflated {
  std::optional<std::string> body;
  InflateError error = InflateError::kCorrupt;
};
Inflated Inflate(std::string_view body, std::string_view encoding, size_t limit);

// True if an Accept-Encoding header value admits gzip (a q of 0 refuses it).
bool AcceptsGzip(std::string_view accept_encoding);
// Whether an Accept-Encoding value accepts content coding `coding` ("br", "gzip"): named (or
// "*") without q=0.
bool AcceptsCoding(std::string_view accept_encoding, std::string_view coding);

// `body` compressed as a gzip member.
std::string Gzip(std::string_view body);

}  // namespace ddb::http
