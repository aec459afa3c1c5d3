#include "client/sigv4.h"

#include <gtest/gtest.h>

namespace ddb::client {
namespace {

std::string HeaderOf(const SignableRequest& r, const std::string& name) {
  for (const auto& [k, v] : r.headers) {
    if (k == name) return v;
  }
  return "";
}

// AWS's published example (Signature Version 4 test suite, "get-vanilla"): the signature is
// fixed by the credentials, the time and the request.
TEST(SigV4Test, MatchesAwsTestSuiteVanillaGet) {
  SignableRequest r;
  r.method = "GET";
  r.path = "/";
  r.headers = {{"Host", "example.amazonaws.com"}};
  Credentials c{"AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", ""};
  SignV4(r, c, "us-east-1", "service", std::chrono::system_clock::from_time_t(1440938160));
  EXPECT_EQ(HeaderOf(r, "X-Amz-Date"), "20150830T123600Z");
  EXPECT_EQ(HeaderOf(r, "Authorization"),
            "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, "
            "SignedHeaders=host;x-amz-date, "
            "Signature=5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31");
}

TEST(SigV4Test, SessionTokenIsSentAndSigned) {
  SignableRequest r;
  r.headers = {{"Host", "localhost:8000"}, {"X-Amz-Target", "DynamoDB_20120810.ListTables"}};
  r.body = "{}";
  SignV4(r, {"AK", "SK", "TOKEN"}, "eu-west-1", "dynamodb", std::chrono::system_clock::now());
  EXPECT_EQ(HeaderOf(r, "X-Amz-Security-Token"), "TOKEN");
  EXPECT_NE(HeaderOf(r, "Authorization")
                .find("SignedHeaders=host;x-amz-date;"
                      "x-amz-security-token;x-amz-target,"),
            std::string::npos);
}

TEST(SigV4Test, PayloadHash) {
  EXPECT_EQ(Sha256Hex(""), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
}

}  // namespace
}  // namespace ddb::client
