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

}  // namespace cruddur
