// Random version-4 UUIDs (request ids, stream event ids). Thread-safe.
#pragma once

#include <string>

namespace ddb {

// A random RFC 4122 version-4 UUID in lowercase hex, e.g. "74a5857d-ccb0-4490-be1e-ab4923589ca1".
std::string RandomUuid();

}  // namespace ddb
