#include "client/sigv4.h"

#include <algorithm>
#include <cctype>
#include <ctime>
#include <map>

#include "core/sigv4.h"

namespace ddb::client {
namespace {

std::string Lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return std::tolower(c); });
  return s;
}

bool Unsigned(const std::string& lower_name) {
  return lower_name == "user-agent" || lower_name == "expect" ||
         lower_name == "transfer-encoding" || lower_name == "x-amzn-trace-id" ||
         lower_name == "authorization";
}

}  // namespace

std::string Sha256Hex(std::string_view data) { return sigv4::Sha256Hex(data); }

void SignV4(SignableRequest& request, const Credentials& credentials, const std::string& region,
            const std::string& service, std::chrono::system_clock::time_point now) {
  const std::time_t t = std::chrono::system_clock::to_time_t(now);
  std::tm utc{};
  gmtime_r(&t, &utc);
  char amz_date[20], date[9];
  std::strftime(amz_date, sizeof(amz_date), "%Y%m%dT%H%M%SZ", &utc);
  std::strftime(date, sizeof(date), "%Y%m%d", &utc);
  // A request signed before (a retry) loses its old signature headers, as botocore does.
  std::erase_if(request.headers, [](const auto& h) {
    const std::string lower = Lower(h.first);
    return lower == "x-amz-date" || lower == "x-amz-security-token" || lower == "authorization";
  });
  request.headers.emplace_back("X-Amz-Date", amz_date);
  if (!credentials.session_token.empty()) {
    request.headers.emplace_back("X-Amz-Security-Token", credentials.session_token);
  }
  // Lowercase name -> values joined by ',', sorted by name.
  std::map<std::string, std::string> by_name;
  for (const auto& [name, value] : request.headers) {
    std::string lower = Lower(name);
    if (Unsigned(lower)) continue;
    // Repeated names are signed as one header, values joined by ',' (even empty ones).
    auto [it, inserted] = by_name.try_emplace(lower);
    if (!inserted) it->second += ',';
    it->second += sigv4::CanonicalHeaderValue(value);
  }
  const std::vector<std::pair<std::string, std::string>> signed_headers(by_name.begin(),
                                                                        by_name.end());
  const std::string canonical = sigv4::CanonicalRequest(request.method, request.path, request.query,
                                                        signed_headers, Sha256Hex(request.body));
  const std::string signature =
      sigv4::Signature(credentials.secret_access_key, amz_date, date, region, service, canonical);
  request.headers.emplace_back(
      "Authorization", "AWS4-HMAC-SHA256 Credential=" + credentials.access_key_id + "/" + date +
                           "/" + region + "/" + service + "/aws4_request, SignedHeaders=" +
                           sigv4::SignedHeaderNames(signed_headers) + ", Signature=" + signature);
}

}  // namespace ddb::client
