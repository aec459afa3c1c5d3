// Building blocks of the workloads' request bodies: counters turned into scattered indexes,
// distinct payloads, uuid- and time-shaped strings, and DynamoDB JSON fragments.
#pragma once

#include <cstdint>
#include <cstdio>
#include <ctime>
#include <string>

namespace ddb::bench {

// A cheap, well-mixed 64-bit hash (splitmix64 finaliser): spreads consecutive counters over
// partitions and payload bytes without any shared random-number state between connections.
inline uint64_t Mix(uint64_t x) {
  x += 0x9e3779b97f4a7c15ULL;
  x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
  x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
  return x ^ (x >> 31);
}

// Visits 0..n-1 in a scattered order: k -> (k * P) mod n with P a prime larger than any n used
// here, hence coprime with n. Consecutive requests hit keys far apart in the key space, as a
// real client would, instead of walking the storage engine's sorted order.
inline uint64_t Scatter(uint64_t k, uint64_t n) {
  constexpr uint64_t kPrime = 2654435761ULL;
  return ((k % n) * kPrime) % n;
}

// A distinct printable payload of `len` characters derived from k, so items are not all alike
// (compressing storage engines would otherwise shrink them to nothing).
inline std::string Payload(uint64_t k, size_t len) {
  static constexpr char kAlphabet[] = "abcdefghijklmnopqrstuvwxyz012345";
  std::string out;
  out.reserve(len);
  uint64_t h = Mix(k);
  for (size_t i = 0; i < len; ++i) {
    if (i % 12 == 11) h = Mix(h);
    out.push_back(kAlphabet[(h >> (5 * (i % 12))) & 31]);
  }
  return out;
}

// A UUID-shaped string (8-4-4-4-12 hex digits) that is a function of (a, b): distinct pairs give
// distinct uuids, as far as 128 bits of two well-mixed hashes go.
inline std::string Uuid(uint64_t a, uint64_t b) {
  uint64_t hi = Mix(a ^ Mix(b));
  uint64_t lo = Mix(b ^ Mix(a + 1));
  char buf[40];
  std::snprintf(buf, sizeof(buf), "%08llx-%04llx-4%03llx-a%03llx-%012llx",
                static_cast<unsigned long long>(hi >> 32),
                static_cast<unsigned long long>((hi >> 16) & 0xffff),
                static_cast<unsigned long long>(hi & 0xfff),
                static_cast<unsigned long long>(lo >> 52),
                static_cast<unsigned long long>(lo & 0xffffffffffffULL));
  return buf;
}

// Cruddur's time format: fixed-width ISO-8601 UTC with six fractional digits, so that string
// order is time order, e.g. "2026-01-01T00:00:00.000000+00:00" for micros = 0. `micros` counts
// from 2026-01-01T00:00:00Z.
inline std::string IsoTime(uint64_t micros) {
  constexpr std::time_t kEpoch2026 = 1767225600;
  std::time_t seconds = kEpoch2026 + static_cast<std::time_t>(micros / 1000000);
  std::tm tm{};
  gmtime_r(&seconds, &tm);
  char buf[96];  // Room for any int fields, to keep -Wformat-truncation quiet.
  std::snprintf(buf, sizeof(buf), "%04d-%02d-%02dT%02d:%02d:%02d.%06llu+00:00", tm.tm_year + 1900,
                tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec,
                static_cast<unsigned long long>(micros % 1000000));
  return buf;
}

// {"S":"<s>"}; s must need no JSON escaping (everything built here is alphanumeric or -#:.+).
inline std::string Str(const std::string& s) { return R"({"S":")" + s + R"("})"; }

}  // namespace ddb::bench
