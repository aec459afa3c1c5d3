// The few DynamoDB request and answer shapes the application uses, on top of the engine's item
// types and JSON code (item/value.h, protocol/value_json.h): no second attribute-value model.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "common/app_error.h"
#include "item/value.h"

namespace cruddur {

// One page of a Query or Scan answer.
struct ItemPage {
  std::vector<ddb::Item> items;
  std::optional<ddb::Item> last_key;  // LastEvaluatedKey: more pages follow.
};

// Parses a Query/Scan answer. Internal error if it is not DynamoDB's shape.
AppResult<ItemPage> ParseItemPage(const std::string& json);
// Parses the "Item" of a GetItem answer (nullopt when absent).
AppResult<std::optional<ddb::Item>> ParseGetItem(const std::string& json);

// An attribute of type S, or "" when absent or of another type.
std::string StringOf(const ddb::Item& item, const std::string& name);

// The JSON text of `item` as DynamoDB's AttributeValue map.
std::string ItemJson(const ddb::Item& item);

// Builds {"S": text}.
ddb::Value S(std::string text);

// A Query of one partition of `table` (key attribute "pk"; sort key "sk").
struct PartitionQuery {
  std::string table;
  std::string pk;
  bool newest_first = true;
  int limit = 20;
  std::optional<std::string> before;  // ExclusiveStartKey's sort key.
  bool total_capacity = false;        // ReturnConsumedCapacity TOTAL.
};
std::string QueryJson(const PartitionQuery& q);

// One action of a TransactWriteItems on `table`: a Put of `item` or a Delete of key `item`,
// with an optional condition.
struct TransactAction {
  bool put = true;
  ddb::Item item;
  std::string condition;
};
std::string TransactWriteJson(const std::string& table, const std::vector<TransactAction>& actions);

}  // namespace cruddur
