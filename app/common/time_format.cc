#include "common/time_format.h"

#include <cstdio>
#include <ctime>

namespace cruddur {

std::string IsoUtc(Clock::time_point t) {
  using namespace std::chrono;
  const auto micros = duration_cast<microseconds>(t.time_since_epoch()).count();
  std::time_t seconds = static_cast<std::time_t>(micros / 1000000);
  long fraction = static_cast<long>(micros % 1000000);
  if (fraction < 0) {  // Before 1970: floor, not truncation.
    fraction += 1000000;
    --seconds;
  }
  std::tm utc{};
  gmtime_r(&seconds, &utc);
  char buf[64];
  std::snprintf(buf, sizeof(buf), "%04d-%02d-%02dT%02d:%02d:%02d.%06ld+00:00", utc.tm_year + 1900,
                utc.tm_mon + 1, utc.tm_mday, utc.tm_hour, utc.tm_min, utc.tm_sec, fraction);
  return buf;
}

std::string NowIsoUtc() { return IsoUtc(Clock::now()); }

std::optional<Clock::time_point> ParseIsoUtc(const std::string& text) {
  int y, mo, d, h, mi, s, oh, om, n = 0;
  long frac;
  char sign;
  if (text.size() != 32 ||
      std::sscanf(text.c_str(), "%4d-%2d-%2dT%2d:%2d:%2d.%6ld%c%2d:%2d%n", &y, &mo, &d, &h, &mi, &s,
                  &frac, &sign, &oh, &om, &n) != 10 ||
      n != 32 || (sign != '+' && sign != '-')) {
    return std::nullopt;
  }
  std::tm tm{};
  tm.tm_year = y - 1900;
  tm.tm_mon = mo - 1;
  tm.tm_mday = d;
  tm.tm_hour = h;
  tm.tm_min = mi;
  tm.tm_sec = s;
  const std::time_t base = timegm(&tm);
  const long offset = (sign == '+' ? 1 : -1) * (oh * 3600L + om * 60L);
  return Clock::time_point(std::chrono::seconds(base - offset) + std::chrono::microseconds(frac));
}

}  // namespace cruddur
