// libFuzzer target: DynamoDB requests through the whole request path (the operation table, the
// validation layer, the decoders, expressions, the operations) on an in-memory engine holding a
// table with a local and a global secondary index and a stream. The first input byte chooses the
// operation; the rest is the body. Any crash, sanitizer report or leak is a bug; every input must
// get a reply.
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "in_memory_engine.h"

namespace {

constexpr std::string_view kOperations[] = {"GetItem",
                                            "PutItem",
                                            "UpdateItem",
                                            "DeleteItem",
                                            "Query",
                                            "Scan",
                                            "BatchGetItem",
                                            "BatchWriteItem",
                                            "TransactGetItems",
                                            "TransactWriteItems",
                                            "CreateTable",
                                            "DescribeTable",
                                            "UpdateTable",
                                            "DeleteTable",
                                            "ListTables",
                                            "UpdateTimeToLive",
                                            "DescribeTimeToLive",
                                            "TagResource",
                                            "ListTagsOfResource",
                                            "DescribeContinuousBackups",
                                            "ExecuteStatement",
                                            "BatchExecuteStatement",
                                            "ExecuteTransaction"};
constexpr std::string_view kAuthorization =
    "AWS4-HMAC-SHA256 Credential=AKIDFUZZ/20260101/us-east-1/dynamodb/aws4_request, "
    "SignedHeaders=host, Signature=0";

struct World : ddb::fuzz::InMemoryEngine {
  World() {
    dispatcher->Handle("DynamoDB_20120810.CreateTable", kAuthorization, R"({
      "TableName": "fuzz", "BillingMode": "PAY_PER_REQUEST",
      "AttributeDefinitions": [{"AttributeName": "pk", "AttributeType": "S"},
                               {"AttributeName": "sk", "AttributeType": "N"},
                               {"AttributeName": "g", "AttributeType": "S"},
                               {"AttributeName": "h", "AttributeType": "B"}],
      "KeySchema": [{"AttributeName": "pk", "KeyType": "HASH"},
                    {"AttributeName": "sk", "KeyType": "RANGE"}],
      "LocalSecondaryIndexes": [{"IndexName": "lsi", "Projection": {"ProjectionType": "ALL"},
        "KeySchema": [{"AttributeName": "pk", "KeyType": "HASH"},
                      {"AttributeName": "g", "KeyType": "RANGE"}]}],
      "GlobalSecondaryIndexes": [{"IndexName": "gsi", "Projection": {"ProjectionType": "KEYS_ONLY"},
        "KeySchema": [{"AttributeName": "g", "KeyType": "HASH"},
                      {"AttributeName": "h", "KeyType": "HASH"},
                      {"AttributeName": "sk", "KeyType": "RANGE"}]}],
      "StreamSpecification": {"StreamEnabled": true, "StreamViewType": "NEW_AND_OLD_IMAGES"}})");
  }
};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static World world;
  if (size == 0) return 0;
  const std::string target =
      "DynamoDB_20120810." +
      std::string(kOperations[data[0] % (sizeof(kOperations) / sizeof(kOperations[0]))]);
  std::string_view body(reinterpret_cast<const char*>(data + 1), size - 1);
  ddb::gateway::Reply reply = world.dispatcher->Handle(target, kAuthorization, body);
  if (reply.status < 200 || reply.status > 599 || reply.body.empty()) __builtin_trap();
  return 0;
}
