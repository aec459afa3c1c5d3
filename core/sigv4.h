// AWS Signature Version 4: the pieces both sides need, the client that signs requests
// (client/sigv4.h) and the server that verifies them (engine/gateway/signature_check.h). Byte for
// byte as botocore computes them (tests/client/test_sigv4.py). Pure functions; thread-safe.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace ddb::sigv4 {

// Lowercase hex SHA-256 of `data` (the payload hash, the canonical request's hash).
std::string Sha256Hex(std::string_view data);

// A header value as signed: trimmed, runs of whitespace collapsed to one space (botocore's
// ' '.join(value.split())).
std::string CanonicalHeaderValue(std::string_view value);

// The canonical request. `path` and `query` as sent (no '?'); `headers`: the signed headers as
// (lowercase name, canonical value) sorted by name, repeated names already joined by ','.
std::string CanonicalRequest(std::string_view method, std::string_view path, std::string_view query,
                             const std::vector<std::pair<std::string, std::string>>& headers,
                             std::string_view payload_hash);

// The names of `headers` joined by ';' (the SignedHeaders list).
std::string SignedHeaderNames(const std::vector<std::pair<std::string, std::string>>& headers);

// The lowercase hex signature of `canonical_request` made at `amz_date` ("20260101T000000Z")
// in the scope `date`/`region`/`service`/aws4_request with `secret_key`.
std::string Signature(std::string_view secret_key, std::string_view amz_date, std::string_view date,
                      std::string_view region, std::string_view service,
                      std::string_view canonical_request);

}  // namespace ddb::sigv4
