#include "workload.h"

#include <cstdio>

namespace ddb::bench {
namespace {

// A cheap, well-mixed 64-bit hash (splitmix64 finaliser): spreads consecutive counters over
// partitions and payload bytes without any shared random-number state between connections.
uint64_t Mix(uint64_t x) {
  x += 0x9e3779b97f4a7c15ULL;
  x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
  x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
  return x ^ (x >> 31);
}

// Visits 0..n-1 in a scattered order: k -> (k * P) mod n with P a prime larger than any n used
// here, hence coprime with n. Consecutive requests hit keys far apart in the key space, as a
// real client would, instead of walking the storage engine's sorted order.
uint64_t Scatter(uint64_t k, uint64_t n) {
  constexpr uint64_t kPrime = 2654435761ULL;
  return ((k % n) * kPrime) % n;
}

// A distinct printable payload of `len` characters derived from k, so items are not all alike
// (compressing storage engines would otherwise shrink them to nothing).
std::string Payload(uint64_t k, size_t len) {
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

std::string Str(const std::string& s) { return R"({"S":")" + s + R"("})"; }

std::string SortKey(uint64_t i) {
  char buf[16];
  std::snprintf(buf, sizeof(buf), "s%05llu", static_cast<unsigned long long>(i));
  return buf;
}

std::string Key(const std::string& pk, const std::string& sk) {
  return R"({"pk":)" + Str(pk) + R"(,"sk":)" + Str(sk) + "}";
}

// ~200 bytes by DynamoDB's item-size rule (names + values): keys ~16, n ~2, data 4 + 170.
std::string PutBody(const std::string& table, const std::string& pk, const std::string& sk,
                    uint64_t seed) {
  return R"({"TableName":")" + table + R"(","Item":{"pk":)" + Str(pk) + R"(,"sk":)" + Str(sk) +
         R"(,"n":{"N":"0"},"data":)" + Str(Payload(seed, 170)) + "}}";
}

std::string PointPk(uint64_t j) { return "g" + std::to_string(j); }

std::string GetBody(const DataSet& d, uint64_t k) {
  return R"({"TableName":")" + d.table + R"(","Key":)" +
         Key(PointPk(Scatter(k, d.point_items())), "s0") + "}";
}

// Limit 20 from a random start inside a random 200-item partition; the start leaves at least 20
// items after it, so every page is full.
std::string QueryBody(const DataSet& d, uint64_t k) {
  uint64_t h = Mix(k);
  uint64_t partition = h % d.partitions;
  uint64_t start = (h >> 32) % (DataSet::kPartitionSize - 20);
  return R"({"TableName":")" + d.table +
         R"(","KeyConditionExpression":"pk = :p AND sk > :s","ExpressionAttributeValues":{":p":)" +
         Str("q" + std::to_string(partition)) + R"(,":s":)" + Str(SortKey(start)) +
         R"(},"Limit":20})";
}

std::string UpdateBody(const DataSet& d, uint64_t k) {
  // Offset by half the key space so that update does not retrace get's key order.
  uint64_t j = Scatter(k + d.point_items() / 2, d.point_items());
  return R"({"TableName":")" + d.table + R"(","Key":)" + Key(PointPk(j), "s0") +
         R"j(,"UpdateExpression":"SET n = n + :one","ConditionExpression":"attribute_exists(pk)")j"
         R"(,"ExpressionAttributeValues":{":one":{"N":"1"}}})";
}

}  // namespace

bool IsWorkloadName(const std::string& name) {
  return name == "put" || name == "get" || name == "query" || name == "update" || name == "static";
}

Workload MakeWorkload(const std::string& name, const DataSet& data, uint64_t tag) {
  if (name == "put") {
    std::string prefix = "p" + std::to_string(tag) + "-";
    return [data, prefix](uint64_t k) -> std::optional<Request> {
      return Request{"PutItem", PutBody(data.table, prefix + std::to_string(k), "s0", k)};
    };
  }
  if (name == "get" || name == "static") {
    // static sends GetItem's exact bytes, so the HTTP ceiling is measured for the same request.
    return [data](uint64_t k) -> std::optional<Request> {
      return Request{"GetItem", GetBody(data, k)};
    };
  }
  if (name == "query") {
    return [data](uint64_t k) -> std::optional<Request> {
      return Request{"Query", QueryBody(data, k)};
    };
  }
  return [data](uint64_t k) -> std::optional<Request> {
    return Request{"UpdateItem", UpdateBody(data, k)};
  };
}

Workload MakeLoadWorkload(const DataSet& data) {
  return [data](uint64_t k) -> std::optional<Request> {
    if (k >= data.items) return std::nullopt;
    if (k < data.query_items()) {
      std::string pk = "q" + std::to_string(k / DataSet::kPartitionSize);
      return Request{"PutItem", PutBody(data.table, pk, SortKey(k % DataSet::kPartitionSize), k)};
    }
    return Request{"PutItem", PutBody(data.table, PointPk(k - data.query_items()), "s0", k)};
  };
}

std::string CreateTableBody(const std::string& table) {
  return R"({"TableName":")" + table +
         R"(","AttributeDefinitions":[{"AttributeName":"pk","AttributeType":"S"},)"
         R"({"AttributeName":"sk","AttributeType":"S"}],)"
         R"("KeySchema":[{"AttributeName":"pk","KeyType":"HASH"},)"
         R"({"AttributeName":"sk","KeyType":"RANGE"}],"BillingMode":"PAY_PER_REQUEST"})";
}

}  // namespace ddb::bench
