#include "http/compression.h"

#include <gtest/gtest.h>

namespace ddb::http {
namespace {

TEST(CompressionTest, AcceptEncodingNamesCodingsWithTheirQualities) {
  EXPECT_TRUE(AcceptsCoding("gzip, deflate, br", "br"));
  EXPECT_TRUE(AcceptsCoding("gzip, deflate, br", "gzip"));
  EXPECT_TRUE(AcceptsCoding("BR;q=0.5", "br"));
  EXPECT_FALSE(AcceptsCoding("br;q=0, gzip", "br"));
  EXPECT_TRUE(AcceptsCoding("x-gzip", "gzip"));
  EXPECT_FALSE(AcceptsCoding("x-gzip", "br"));
  EXPECT_TRUE(AcceptsCoding("*", "br"));
  EXPECT_FALSE(AcceptsCoding("identity", "gzip"));
  EXPECT_FALSE(AcceptsCoding("", "gzip"));
  EXPECT_TRUE(AcceptsGzip("deflate, gzip;q=1.0"));
}

TEST(CompressionTest, GzipRoundTrips) {
  const std::string body(10000, 'x');
  Inflated back = Inflate(Gzip(body), "gzip", 1 << 20);
  ASSERT_TRUE(back.body.has_value());
  EXPECT_EQ(*back.body, body);
}

}  // namespace
}  // namespace ddb::http
