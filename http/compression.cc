#include "http/compression.h"

#include <zlib.h>

#include <cctype>

namespace ddb::http {
namespace {

std::string_view Trim(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  return s;
}

bool IEquals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(a[i])) !=
        std::tolower(static_cast<unsigned char>(b[i]))) {
      return false;
    }
  }
  return true;
}

// One zlib stream: window_bits 15+32 reads gzip or zlib framing, -15 raw deflate.
Inflated InflateOnce(std::string_view in, int window_bits, size_t limit) {
  z_stream z{};
  if (inflateInit2(&z, window_bits) != Z_OK) return {};
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(in.data()));
  z.avail_in = static_cast<uInt>(in.size());
  std::string out;
  char buf[16384];
  int rc = Z_OK;
  while (rc == Z_OK) {
    z.next_out = reinterpret_cast<Bytef*>(buf);
    z.avail_out = sizeof buf;
    rc = inflate(&z, Z_NO_FLUSH);
    size_t produced = sizeof buf - z.avail_out;
    if (out.size() + produced > limit) {
      inflateEnd(&z);
      return {std::nullopt, InflateError::kTooLarge};
    }
    out.append(buf, produced);
    if (rc == Z_BUF_ERROR && z.avail_in == 0) break;  // input ended before the stream did
  }
  bool complete = rc == Z_STREAM_END && z.avail_in == 0;
  inflateEnd(&z);
  if (!complete) return {};
  return {std::move(out)};
}

}  // namespace

Inflated Inflate(std::string_view body, std::string_view encoding, size_t limit) {
  // One coding at most (besides identity): the SDKs apply one, and stacked ones would only let a
  // small request cost many rounds of decompression.
  std::string_view coding;
  while (!encoding.empty()) {
    size_t comma = encoding.find(',');
    std::string_view item = Trim(encoding.substr(0, comma));
    encoding = comma == std::string_view::npos ? std::string_view() : encoding.substr(comma + 1);
    if (item.empty() || IEquals(item, "identity")) continue;
    if (!coding.empty()) return {std::nullopt, InflateError::kUnsupported};
    coding = item;
  }
  if (coding.empty()) return {std::string(body)};
  if (IEquals(coding, "gzip") || IEquals(coding, "x-gzip"))
    return InflateOnce(body, 15 + 32, limit);
  if (!IEquals(coding, "deflate")) return {std::nullopt, InflateError::kUnsupported};
  Inflated step = InflateOnce(body, 15 + 32, limit);  // zlib framing, as HTTP defines deflate
  if (!step.body && step.error == InflateError::kCorrupt) {
    step = InflateOnce(body, -15, limit);  // raw deflate, which some clients send
  }
  return step;
}

bool AcceptsGzip(std::string_view accept) { return AcceptsCoding(accept, "gzip"); }

bool AcceptsCoding(std::string_view accept, std::string_view wanted) {
  while (!accept.empty()) {
    size_t comma = accept.find(',');
    std::string_view item = accept.substr(0, comma);
    accept = comma == std::string_view::npos ? std::string_view() : accept.substr(comma + 1);
    size_t semi = item.find(';');
    std::string_view coding = Trim(item.substr(0, semi));
    const bool named = IEquals(coding, wanted) || (wanted == "gzip" && IEquals(coding, "x-gzip"));
    if (!named && coding != "*") continue;
    if (semi == std::string_view::npos) return true;
    std::string_view param = Trim(item.substr(semi + 1));
    if (param.size() >= 2 && (param[0] == 'q' || param[0] == 'Q') && param[1] == '=') {
      double q = std::strtod(std::string(param.substr(2)).c_str(), nullptr);
      return q > 0;
    }
    return true;
  }
  return false;
}

std::string Gzip(std::string_view body) {
  z_stream z{};
  // Level 1: the reply is on the request path; most of the gain, a fraction of the CPU.
  deflateInit2(&z, 1, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY);
  std::string out;
  out.resize(deflateBound(&z, static_cast<uLong>(body.size())) + 32);
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(body.data()));
  z.avail_in = static_cast<uInt>(body.size());
  z.next_out = reinterpret_cast<Bytef*>(out.data());
  z.avail_out = static_cast<uInt>(out.size());
  deflate(&z, Z_FINISH);
  out.resize(z.total_out);
  deflateEnd(&z);
  return out;
}

}  // namespace ddb::http
