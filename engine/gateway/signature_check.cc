#include "gateway/signature_check.h"

#include <openssl/crypto.h>

#include <algorithm>
#include <boost/property_tree/ini_parser.hpp>
#include <boost/property_tree/ptree.hpp>
#include <cctype>
#include <ctime>

#include "core/sigv4.h"

namespace ddb::gateway {
namespace {

constexpr auto kWindow = std::chrono::minutes(15);  // the service's allowed clock skew
constexpr size_t kMaxSignedHeaders = 64;            // far more than any SDK signs; bounds the work

const std::string* HeaderOf(const SignedRequest& r, std::string_view lower_name) {
  for (const auto& [name, value] : r.headers) {
    if (name == lower_name) return &value;
  }
  return nullptr;
}

// The value of `key` in "k1=v1, k2=v2" (Authorization) or "k1=v1&k2=v2" (a query string).
std::string Param(std::string_view text, std::string_view key, char separator) {
  size_t at = 0;
  while (at < text.size()) {
    size_t end = text.find(separator, at);
    if (end == std::string_view::npos) end = text.size();
    std::string_view part = text.substr(at, end - at);
    while (!part.empty() && part.front() == ' ') part.remove_prefix(1);
    if (part.starts_with(key) && part.size() > key.size() && part[key.size()] == '=') {
      return std::string(part.substr(key.size() + 1));
    }
    at = end + 1;
  }
  return "";
}

std::string PercentDecode(std::string_view s) {
  std::string out;
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '%' && i + 2 < s.size() && std::isxdigit(static_cast<unsigned char>(s[i + 1])) &&
        std::isxdigit(static_cast<unsigned char>(s[i + 2]))) {
      out.push_back(static_cast<char>(std::stoi(std::string(s.substr(i + 1, 2)), nullptr, 16)));
      i += 2;
    } else {
      out.push_back(s[i]);
    }
  }
  return out;
}

// "20260101T000000Z" -> seconds since the epoch; -1 if malformed.
int64_t ParseAmzDate(const std::string& text) {
  std::tm tm{};
  if (text.size() != 16 || text[8] != 'T' || text[15] != 'Z') return -1;
  if (strptime(text.c_str(), "%Y%m%dT%H%M%SZ", &tm) == nullptr) return -1;
  return static_cast<int64_t>(timegm(&tm));
}

std::string AmzDate(int64_t seconds) {
  auto t = static_cast<std::time_t>(seconds);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[20];
  std::strftime(buf, sizeof(buf), "%Y%m%dT%H%M%SZ", &tm);
  return buf;
}

// The parts of a signature, from the Authorization header or the query string.
struct Parts {
  std::string credential, signed_headers, signature, amz_date;
  bool from_query = false;
};

Result<Parts> ReadParts(const SignedRequest& r, std::string_view query) {
  Parts p;
  const std::string* auth = HeaderOf(r, "authorization");
  if (auth == nullptr && query.find("X-Amz-Algorithm=") != std::string_view::npos) {
    p.from_query = true;
    p.credential = PercentDecode(Param(query, "X-Amz-Credential", '&'));
    p.signed_headers = PercentDecode(Param(query, "X-Amz-SignedHeaders", '&'));
    p.signature = Param(query, "X-Amz-Signature", '&');
    p.amz_date = Param(query, "X-Amz-Date", '&');
    return p;
  }
  if (auth == nullptr || !auth->starts_with("AWS4-")) return ApiError::MissingToken();
  const size_t space = std::min(auth->find(' '), auth->size());
  const std::string_view algorithm = std::string_view(*auth).substr(0, space);
  if (algorithm != "AWS4-HMAC-SHA256") {
    return ApiError::IncompleteSignature("Unsupported AWS 'algorithm': '" + std::string(algorithm) +
                                         "' (only AWS4-HMAC-SHA256 for now). ");
  }
  const std::string_view params = std::string_view(*auth).substr(space);  // after the algorithm
  p.credential = Param(params, "Credential", ',');
  p.signed_headers = Param(params, "SignedHeaders", ',');
  p.signature = Param(params, "Signature", ',');
  if (const std::string* date = HeaderOf(r, "x-amz-date")) p.amz_date = *date;
  if (p.amz_date.empty()) {
    return ApiError::IncompleteSignature(
        "Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header. "
        "Authorization=" +
        *auth);
  }
  return p;
}

}  // namespace

Result<SignatureCheck> SignatureCheck::Load(const std::string& path) {
  boost::property_tree::ptree tree;
  try {
    boost::property_tree::ini_parser::read_ini(path, tree);
  } catch (const boost::property_tree::ptree_error& e) {
    return ApiError::Internal("cannot read credentials file " + path + ": " + e.what());
  }
  SignatureCheck check;
  for (const auto& [profile, values] : tree) {
    auto id = values.get_optional<std::string>("aws_access_key_id");
    auto secret = values.get_optional<std::string>("aws_secret_access_key");
    if (!id || !secret) continue;
    check.keys_[*id] = {*secret, values.get<std::string>("aws_session_token", "")};
  }
  if (check.keys_.empty()) {
    return ApiError::Internal("no aws_access_key_id/aws_secret_access_key pair in " + path);
  }
  return check;
}

Result<SignatureCheck::Caller> SignatureCheck::Verify(
    const SignedRequest& r, std::chrono::system_clock::time_point now) const {
  std::string_view target = r.target;
  size_t q = target.find('?');
  std::string_view path = target.substr(0, q);
  std::string_view query = q == std::string_view::npos ? std::string_view() : target.substr(q + 1);
  DDB_ASSIGN_OR_RETURN(Parts p, ReadParts(r, query));
  // keyid/date/region/service/aws4_request
  std::vector<std::string> scope;
  for (size_t at = 0; at <= p.credential.size();) {
    size_t slash = std::min(p.credential.find('/', at), p.credential.size());
    scope.push_back(p.credential.substr(at, slash - at));
    at = slash + 1;
  }
  if (scope.size() != 5) {
    return ApiError::IncompleteSignature(
        "Credential must have exactly 5 slash-delimited elements, e.g. "
        "keyid/date/region/service/term, got '" +
        p.credential + "'");
  }
  const int64_t signed_at = ParseAmzDate(p.amz_date);
  if (signed_at < 0) {
    return ApiError::IncompleteSignature("Date must be in ISO-8601 'basic format'. Got '" +
                                         p.amz_date +
                                         "'. See http://en.wikipedia.org/wiki/ISO_8601");
  }
  const int64_t now_s =
      std::chrono::duration_cast<std::chrono::seconds>(now.time_since_epoch()).count();
  const int64_t window = std::chrono::duration_cast<std::chrono::seconds>(kWindow).count();
  if (signed_at < now_s - window) {
    return ApiError::InvalidSignature("Signature expired: " + p.amz_date + " is now earlier than " +
                                      AmzDate(now_s - window) + " (" + AmzDate(now_s) +
                                      " - 15 min.)");
  }
  if (signed_at > now_s + window) {
    return ApiError::InvalidSignature("Signature not yet current: " + p.amz_date +
                                      " is still later than " + AmzDate(now_s + window) + " (" +
                                      AmzDate(now_s) + " + 15 min.)");
  }
  auto key = keys_.find(scope[0]);
  if (key == keys_.end()) return ApiError::UnrecognizedClient();
  // The headers the client signed: SigV4 lists them sorted, once each, and always Host.
  std::vector<std::pair<std::string, std::string>> headers;
  for (size_t at = 0; at <= p.signed_headers.size();) {
    size_t semi = std::min(p.signed_headers.find(';', at), p.signed_headers.size());
    std::string name = p.signed_headers.substr(at, semi - at);
    at = semi + 1;
    if (headers.size() >= kMaxSignedHeaders || (!headers.empty() && name <= headers.back().first)) {
      return ApiError::InvalidSignature(
          "The request signature we calculated does not match the signature you provided. "
          "Check your AWS Secret Access Key and signing method. Consult the service "
          "documentation for details.");
    }
    std::string joined;
    bool found = false;
    for (const auto& [h, value] : r.headers) {
      if (h != name) continue;
      if (found) joined += ',';
      joined += sigv4::CanonicalHeaderValue(value);
      found = true;
    }
    headers.emplace_back(std::move(name), std::move(joined));
  }
  if (std::none_of(headers.begin(), headers.end(),
                   [](const auto& h) { return h.first == "host"; })) {
    return ApiError::InvalidSignature("'Host' must be a 'SignedHeader' in the AWS Authorization.");
  }
  std::string canonical_query;
  if (p.from_query) {  // every parameter but the signature itself
    for (size_t at = 0; at <= query.size();) {
      size_t amp = std::min(query.find('&', at), query.size());
      std::string_view part = query.substr(at, amp - at);
      at = amp + 1;
      if (part.empty() || part.starts_with("X-Amz-Signature=")) continue;
      if (!canonical_query.empty()) canonical_query += '&';
      canonical_query += part;
    }
  } else {
    canonical_query = std::string(query);
  }
  // The body's own hash, whatever an x-amz-content-sha256 header claims: the signature must
  // cover the bytes that will run.
  const std::string payload = sigv4::Sha256Hex(r.body);
  const std::string canonical =
      sigv4::CanonicalRequest(r.method, path, canonical_query, headers, payload);
  const std::string expected =
      sigv4::Signature(key->second.secret_key, p.amz_date, scope[1], scope[2], scope[3], canonical);
  if (expected.size() != p.signature.size() ||
      CRYPTO_memcmp(expected.data(), p.signature.data(), expected.size()) != 0) {
    return ApiError::InvalidSignature(
        "The request signature we calculated does not match the signature you provided. Check "
        "your AWS Secret Access Key and signing method. Consult the service documentation for "
        "details.");
  }
  if (!key->second.session_token.empty()) {
    const std::string* token = HeaderOf(r, "x-amz-security-token");
    if (token == nullptr || *token != key->second.session_token) {
      return ApiError::UnrecognizedClient("The security token included in the request is invalid");
    }
  }
  return Caller{scope[0], scope[2]};
}

}  // namespace ddb::gateway
