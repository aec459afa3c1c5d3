#include "serve/auth_setup.h"

#include <boost/url/parse.hpp>
#include <cstdlib>
#include <filesystem>

#include "client/config.h"
#include "client/http_transport.h"
#include "serve/first_start.h"

namespace cruddur {
namespace {

std::string Env(const char* name) {
  const char* v = std::getenv(name);
  return v == nullptr ? std::string() : std::string(v);
}

// GETs `url` (https://host/path) with the client's transport (TLS verified).
AppResult<std::string> Fetch(const std::string& url) {
  auto parsed = boost::urls::parse_absolute_uri(url);
  if (!parsed || !parsed->has_authority()) return AppError::Invalid("not a URL: " + url);
  auto endpoint = ddb::client::ParseEndpoint(std::string(parsed->scheme()) + "://" +
                                             std::string(parsed->encoded_authority()));
  if (!endpoint.ok()) return AppError::FromClient(endpoint.error());
  ddb::client::TransportOptions options;
  if (const char* ca = std::getenv("AWS_CA_BUNDLE")) options.ca_file = ca;
  auto transport = ddb::client::HttpTransport::Create(*endpoint, options);
  if (!transport.ok()) return AppError::FromClient(transport.error());
  ddb::client::HttpRequest request;
  request.get = true;
  request.target = std::string(parsed->encoded_target());
  if (request.target.empty()) request.target = "/";
  auto response = (*transport)->Send(request);
  if (!response.ok()) return AppError::FromClient(response.error());
  if (response->status != 200) {
    return AppError::Unavailable(url + " answered HTTP " + std::to_string(response->status));
  }
  return response->body;
}

AppResult<AuthSetup> CognitoAuth(const std::string& pool_id) {
  std::string client_id = Env("AWS_COGNITO_USER_POOL_CLIENT_ID");
  if (client_id.empty()) {
    return AppError::Invalid(
        "AWS_COGNITO_USER_POOL_CLIENT_ID is not set: name the app client "
        "of pool " +
        pool_id);
  }
  auto underscore = pool_id.find('_');  // Pool ids are "<region>_<id>".
  if (underscore == std::string::npos) {
    return AppError::Invalid("AWS_COGNITO_USER_POOL_ID " + pool_id +
                             " is not a pool id (<region>_<id>)");
  }
  std::string issuer =
      "https://cognito-idp." + pool_id.substr(0, underscore) + ".amazonaws.com/" + pool_id;
  std::string jwks_url = Env("CRUDDUR_COGNITO_JWKS_URL");
  if (jwks_url.empty()) jwks_url = issuer + "/.well-known/jwks.json";
  DDB_ASSIGN_OR_RETURN(std::string jwks, Fetch(jwks_url));
  TokenRules rules;
  rules.issuer = issuer;
  rules.client_id = client_id;
  AuthSetup setup;
  DDB_ASSIGN_OR_RETURN(setup.service, AuthService::Cognito(jwks, rules));
  setup.description = "Cognito user pool " + pool_id;
  return setup;
}

}  // namespace

AppResult<AuthSetup> SetUpAuth(const std::string& data_dir, const std::string& identity_db,
                               UsersDb& users, bool seed) {
  std::string pool_id = Env("AWS_COGNITO_USER_POOL_ID");
  if (!pool_id.empty()) return CognitoAuth(pool_id);
  AuthSetup setup;
  DDB_ASSIGN_OR_RETURN(setup.pool, LocalIdentityPool::Open(identity_db, true));
  if (seed) DDB_RETURN_IF_ERROR(EnsureLocalIdentities(*setup.pool));
  DDB_RETURN_IF_ERROR(LinkIdentities(*setup.pool, users));
  std::string key_path = (std::filesystem::path(data_dir) / "cruddur-signing-key.pem").string();
  DDB_ASSIGN_OR_RETURN(TokenSigner signer, TokenSigner::LoadOrCreate(key_path));
  DDB_ASSIGN_OR_RETURN(setup.service, AuthService::Local(std::move(signer), setup.pool.get()));
  setup.description = "local sign-in (" + identity_db + ")";
  return setup;
}

}  // namespace cruddur
