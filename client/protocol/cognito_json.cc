#include "client/protocol/cognito_json.h"

#include <simdjson.h>

#include "core/json_writer.h"

namespace ddb::client {

std::string ListUsersJson(std::string_view pool_id, std::string_view pagination_token) {
  std::string out;
  JsonWriter w(&out);
  w.BeginObject();
  w.Member("UserPoolId", pool_id);
  if (!pagination_token.empty()) w.Member("PaginationToken", pagination_token);
  w.EndObject();
  return out;
}

ClientResult<std::vector<CognitoUser>> DecodeListUsers(std::string_view json, std::string* next) {
  simdjson::dom::parser parser;
  simdjson::dom::object obj;
  if (parser.parse(json.data(), json.size()).get(obj) != simdjson::SUCCESS) {
    return ClientError::BadResponse("unexpected ListUsers answer from Cognito");
  }
  std::string_view token;
  *next = obj["PaginationToken"].get(token) == simdjson::SUCCESS ? std::string(token) : "";
  std::vector<CognitoUser> out;
  simdjson::dom::array users;
  if (obj["Users"].get(users) != simdjson::SUCCESS) return out;
  for (simdjson::dom::element u : users) {
    CognitoUser user;
    std::string_view v;
    if (u["Username"].get(v) == simdjson::SUCCESS) user.username = std::string(v);
    double created = 0;
    if (u["UserCreateDate"].get(created) == simdjson::SUCCESS) user.created_at = created;
    simdjson::dom::array attrs;
    if (u["Attributes"].get(attrs) == simdjson::SUCCESS) {
      for (simdjson::dom::element a : attrs) {
        std::string_view name, value;
        if (a["Name"].get(name) != simdjson::SUCCESS) continue;
        if (a["Value"].get(value) != simdjson::SUCCESS) continue;
        user.attributes.emplace(name, value);
      }
    }
    out.push_back(std::move(user));
  }
  return out;
}

}  // namespace ddb::client
