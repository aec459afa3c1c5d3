// Cruddur's timestamps: ISO-8601 in UTC with exactly six fractional digits and an explicit
// offset, "2023-03-27T19:50:10.311780+00:00", so that string order is time order (spec §2).
#pragma once

#include <chrono>
#include <optional>
#include <string>

namespace cruddur {

using Clock = std::chrono::system_clock;

// Formats `t` (microsecond precision, truncated).
std::string IsoUtc(Clock::time_point t);
// IsoUtc(Clock::now()).
std::string NowIsoUtc();
// Parses IsoUtc's format (any offset); nullopt if malformed.
std::optional<Clock::time_point> ParseIsoUtc(const std::string& text);

}  // namespace cruddur
