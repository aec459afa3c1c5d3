#include "client/config.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <map>

namespace ddb::client {
namespace {

class ConfigTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ =
        std::filesystem::temp_directory_path() / ("ddb-config-test-" + std::to_string(::getpid()));
    std::filesystem::create_directories(dir_ / ".aws");
    vars_["HOME"] = dir_.string();
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }
  void Write(const std::string& name, const std::string& text) {
    std::ofstream(dir_ / ".aws" / name) << text;
  }
  EnvLookup Env() {
    return [this](const std::string& n) -> std::optional<std::string> {
      auto it = vars_.find(n);
      return it == vars_.end() ? std::nullopt : std::optional<std::string>(it->second);
    };
  }
  std::filesystem::path dir_;
  std::map<std::string, std::string> vars_;
};

TEST_F(ConfigTest, EnvironmentComesFirst) {
  Write("credentials", "[default]\naws_access_key_id = FILE\naws_secret_access_key = S\n");
  vars_["AWS_ACCESS_KEY_ID"] = "ENV";
  vars_["AWS_SECRET_ACCESS_KEY"] = "SECRET";
  vars_["AWS_SESSION_TOKEN"] = "T";
  auto c = LoadCredentials(Env());
  ASSERT_TRUE(c.ok());
  EXPECT_EQ(c->access_key_id, "ENV");
  EXPECT_EQ(c->session_token, "T");
}

TEST_F(ConfigTest, ProfilesFromBothFiles) {
  Write("credentials",
        "# comment\n[default]\naws_access_key_id = D\naws_secret_access_key = DS\n"
        "[work]\naws_access_key_id=W\naws_secret_access_key=WS\naws_session_token=WT\n");
  Write("config",
        "[default]\nregion = eu-west-1\n[profile cfg]\nregion = ap-south-1\n"
        "aws_access_key_id = C\naws_secret_access_key = CS\n");
  EXPECT_EQ(LoadCredentials(Env())->access_key_id, "D");
  EXPECT_EQ(LoadRegion(Env()).value(), std::optional<std::string>("eu-west-1"));
  vars_["AWS_PROFILE"] = "work";
  EXPECT_EQ(LoadCredentials(Env())->session_token, "WT");
  vars_["AWS_PROFILE"] = "cfg";
  EXPECT_EQ(LoadCredentials(Env())->access_key_id, "C");
  EXPECT_EQ(LoadRegion(Env()).value(), std::optional<std::string>("ap-south-1"));
  vars_["AWS_REGION"] = "us-west-2";
  EXPECT_EQ(LoadRegion(Env()).value(), std::optional<std::string>("us-west-2"));
}

TEST_F(ConfigTest, MissingCredentialsNameWhatToSet) {
  auto c = LoadCredentials(Env());
  ASSERT_FALSE(c.ok());
  EXPECT_EQ(c.error().kind, ClientError::Kind::kConfiguration);
  EXPECT_NE(c.error().message.find("AWS_ACCESS_KEY_ID"), std::string::npos);
}

TEST_F(ConfigTest, Endpoints) {
  const std::vector<std::string> dynamodb = {"AWS_ENDPOINT_URL_DYNAMODB", "AWS_ENDPOINT_URL"};
  const std::vector<std::string> streams_env = {"AWS_ENDPOINT_URL_DYNAMODB_STREAMS",
                                                "AWS_ENDPOINT_URL_DYNAMODB", "AWS_ENDPOINT_URL"};
  auto local = ResolveEndpoint("http://localhost:8000", dynamodb, "dynamodb", "us-east-1", Env());
  ASSERT_TRUE(local.ok());
  EXPECT_FALSE(local->tls);
  EXPECT_EQ(local->authority, "localhost:8000");
  EXPECT_EQ(local->port, "8000");
  auto aws = ResolveEndpoint(std::nullopt, dynamodb, "dynamodb", "eu-west-1", Env());
  EXPECT_EQ(aws->authority, "dynamodb.eu-west-1.amazonaws.com");
  EXPECT_EQ(aws->port, "443");
  auto streams = ResolveEndpoint(std::nullopt, streams_env, "streams.dynamodb", "eu-west-1", Env());
  EXPECT_EQ(streams->host, "streams.dynamodb.eu-west-1.amazonaws.com");
  vars_["AWS_ENDPOINT_URL"] = "https://db.example:8443";
  EXPECT_EQ(ResolveEndpoint(std::nullopt, streams_env, "s", "x", Env())->authority,
            "db.example:8443");
  vars_["AWS_ENDPOINT_URL_DYNAMODB"] = "http://127.0.0.1:80";
  EXPECT_EQ(ResolveEndpoint(std::nullopt, dynamodb, "d", "x", Env())->authority, "127.0.0.1");
  EXPECT_EQ(ResolveEndpoint(std::nullopt, streams_env, "s", "x", Env())->authority, "127.0.0.1");
  EXPECT_FALSE(ParseEndpoint("ftp://x").ok());
  EXPECT_FALSE(ParseEndpoint("http://x/path?q=1").ok());
  EXPECT_FALSE(ParseEndpoint("localhost:8000").ok());
}

}  // namespace
}  // namespace ddb::client
