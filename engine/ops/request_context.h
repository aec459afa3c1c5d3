// RequestContext: what an operation knows about its caller, and the engine it runs on.
#pragma once

#include <string>

#include "state/engine.h"

namespace ddb::ops {

// What an operation knows about its caller. Built once per request by the HTTP layer.
struct RequestContext {
  Engine& engine;
  std::string ns;      // Data namespace: "<access key id>_<region>", or "" with --shared-db.
  std::string region;  // From the credential scope; used in ARNs.
};

}  // namespace ddb::ops
