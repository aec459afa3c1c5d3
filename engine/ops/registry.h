// The operation registry: the one table from X-Amz-Target operation name to handler.
#pragma once

#include <string_view>

#include "ops/handlers.h"

namespace ddb::ops {

// The handler for `operation` (e.g. "PutItem"), or null if this server does not serve it.
Handler FindOperation(std::string_view operation);

}  // namespace ddb::ops
