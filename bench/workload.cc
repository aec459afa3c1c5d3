#include "workload.h"

#include <boost/json.hpp>
#include <cstdio>
#include <utility>

#include "body.h"

namespace ddb::bench {
namespace {

std::string SortKey(uint64_t i) {
  char buf[16];
  std::snprintf(buf, sizeof(buf), "s%05llu", static_cast<unsigned long long>(i));
  return buf;
}

std::string Key(const std::string& pk, const std::string& sk) {
  return R"({"pk":)" + Str(pk) + R"(,"sk":)" + Str(sk) + "}";
}

// ~200 bytes by DynamoDB's item-size rule (names + values): keys ~16, n ~2, data 4 + 170.
std::string Item(const std::string& pk, const std::string& sk, uint64_t seed) {
  return R"({"pk":)" + Str(pk) + R"(,"sk":)" + Str(sk) + R"(,"n":{"N":"0"},"data":)" +
         Str(Payload(seed, 170)) + "}";
}

std::string PutBody(const std::string& table, const std::string& pk, const std::string& sk,
                    uint64_t seed) {
  return R"({"TableName":")" + table + R"(","Item":)" + Item(pk, sk, seed) + "}";
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

// PartiQL beside the item operations: the same item as GetBody, by key.
std::string SelectBody(const DataSet& d, uint64_t k) {
  return R"({"Statement":"SELECT * FROM \")" + d.table +
         R"(\" WHERE pk = ? AND sk = ?","Parameters":[)" +
         Str(PointPk(Scatter(k, d.point_items()))) + "," + Str("s0") + "]}";
}

// The same item as PutBody, with the values as parameters (an INSERT must not find its key).
std::string InsertBody(const std::string& table, const std::string& pk, uint64_t seed) {
  return R"({"Statement":"INSERT INTO \")" + table +
         R"(\" VALUE {'pk': ?, 'sk': ?, 'n': 0, 'data': ?}","Parameters":[)" + Str(pk) + "," +
         Str("s0") + "," + Str(Payload(seed, 170)) + "]}";
}

std::string UpdateBody(const DataSet& d, uint64_t k) {
  // Offset by half the key space so that update does not retrace get's key order.
  uint64_t j = Scatter(k + d.point_items() / 2, d.point_items());
  return R"({"TableName":")" + d.table + R"(","Key":)" + Key(PointPk(j), "s0") +
         R"j(,"UpdateExpression":"SET n = n + :one","ConditionExpression":"attribute_exists(pk)")j"
         R"(,"ExpressionAttributeValues":{":one":{"N":"1"}}})";
}

// BatchWriteItem of kBatchSize new put-shaped items, keys <prefix><k * kBatchSize + i>.
constexpr uint64_t kBatchSize = 25;

std::string BatchWriteBody(const std::string& table, const std::string& prefix, uint64_t k) {
  std::string body = R"({"RequestItems":{")" + table + R"(":[)";
  for (uint64_t i = 0; i < kBatchSize; ++i) {
    uint64_t n = k * kBatchSize + i;
    if (i > 0) body += ',';
    body += R"({"PutRequest":{"Item":)" + Item(prefix + std::to_string(n), "s0", n) + "}}";
  }
  return body + "]}}";
}

// A BatchWriteItem answer is a success only if nothing came back unprocessed.
Verdict JudgeBatchWrite(const std::string& body) {
  boost::system::error_code ec;
  boost::json::value doc = boost::json::parse(body, ec);
  const boost::json::object* top = ec ? nullptr : doc.if_object();
  const boost::json::value* unprocessed = top ? top->if_contains("UnprocessedItems") : nullptr;
  if (unprocessed && unprocessed->is_object() && unprocessed->get_object().empty()) {
    return {true, kBatchSize, ""};
  }
  return {false, 0, "UnprocessedItems not empty: " + body};
}

struct StatelessFns {
  RequestFn next;
  JudgeFn judge;
  uint64_t items;
};

class StatelessSession : public Session {
 public:
  explicit StatelessSession(std::shared_ptr<const StatelessFns> fns) : fns_(std::move(fns)) {}

  std::optional<Request> Next(uint64_t k) override { return fns_->next(k); }
  Verdict Judge(const std::string& body) override {
    return fns_->judge ? fns_->judge(body) : Verdict{true, fns_->items, ""};
  }

 private:
  std::shared_ptr<const StatelessFns> fns_;
};

}  // namespace

Workload Stateless(RequestFn next, uint64_t items, JudgeFn judge) {
  auto fns =
      std::make_shared<const StatelessFns>(StatelessFns{std::move(next), std::move(judge), items});
  return [fns]() -> std::unique_ptr<Session> { return std::make_unique<StatelessSession>(fns); };
}

bool IsWorkloadName(const std::string& name) {
  return name == "put" || name == "get" || name == "query" || name == "update" ||
         name == "static" || name == "batch-write" || name == "partiql-select" ||
         name == "partiql-insert" || IsMessagesWorkload(name);
}

Workload MakeWorkload(const std::string& name, const WorkloadConfig& config) {
  if (IsMessagesWorkload(name)) return MakeMessagesWorkload(name, config);
  const DataSet& data = config.data;
  if (name == "put") {
    std::string prefix = "p" + std::to_string(config.tag) + "-";
    return Stateless([data, prefix](uint64_t k) -> std::optional<Request> {
      return Request{"PutItem", PutBody(data.table, prefix + std::to_string(k), "s0", k)};
    });
  }
  if (name == "batch-write") {
    std::string prefix = "b" + std::to_string(config.tag) + "-";
    return Stateless(
        [data, prefix](uint64_t k) -> std::optional<Request> {
          return Request{"BatchWriteItem", BatchWriteBody(data.table, prefix, k)};
        },
        kBatchSize, JudgeBatchWrite);
  }
  if (name == "get" || name == "static") {
    // static sends GetItem's exact bytes, so the HTTP ceiling is measured for the same request.
    return Stateless([data](uint64_t k) -> std::optional<Request> {
      return Request{"GetItem", GetBody(data, k)};
    });
  }
  if (name == "partiql-select") {
    return Stateless([data](uint64_t k) -> std::optional<Request> {
      return Request{"ExecuteStatement", SelectBody(data, k)};
    });
  }
  if (name == "partiql-insert") {
    std::string prefix = "i" + std::to_string(config.tag) + "-";
    return Stateless([data, prefix](uint64_t k) -> std::optional<Request> {
      return Request{"ExecuteStatement", InsertBody(data.table, prefix + std::to_string(k), k)};
    });
  }
  if (name == "query") {
    return Stateless([data](uint64_t k) -> std::optional<Request> {
      return Request{"Query", QueryBody(data, k)};
    });
  }
  return Stateless([data](uint64_t k) -> std::optional<Request> {
    return Request{"UpdateItem", UpdateBody(data, k)};
  });
}

Workload MakeLoadWorkload(const DataSet& data) {
  return Stateless([data](uint64_t k) -> std::optional<Request> {
    if (k >= data.items) return std::nullopt;
    if (k < data.query_items()) {
      std::string pk = "q" + std::to_string(k / DataSet::kPartitionSize);
      return Request{"PutItem", PutBody(data.table, pk, SortKey(k % DataSet::kPartitionSize), k)};
    }
    return Request{"PutItem", PutBody(data.table, PointPk(k - data.query_items()), "s0", k)};
  });
}

std::string CreateTableBody(const std::string& table) {
  return R"({"TableName":")" + table +
         R"(","AttributeDefinitions":[{"AttributeName":"pk","AttributeType":"S"},)"
         R"({"AttributeName":"sk","AttributeType":"S"}],)"
         R"("KeySchema":[{"AttributeName":"pk","KeyType":"HASH"},)"
         R"({"AttributeName":"sk","KeyType":"RANGE"}],"BillingMode":"PAY_PER_REQUEST"})";
}

}  // namespace ddb::bench
