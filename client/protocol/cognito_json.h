// Cognito's ListUsers request and answer as its JSON (the only place in the client that knows
// those field names). Thread-safe (stateless).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "client/cognito_client.h"

namespace ddb::client {

std::string ListUsersJson(std::string_view pool_id, std::string_view pagination_token);
// The users of one page, and the PaginationToken of the next in `*next` ("" on the last).
ClientResult<std::vector<CognitoUser>> DecodeListUsers(std::string_view json, std::string* next);

}  // namespace ddb::client
