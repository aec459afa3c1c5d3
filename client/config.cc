#include "client/config.h"

#include <boost/property_tree/ini_parser.hpp>
#include <boost/property_tree/ptree.hpp>
#include <boost/url/parse.hpp>
#include <cstdlib>
#include <filesystem>
#include <fstream>

namespace ddb::client {
namespace {

namespace pt = boost::property_tree;

std::string Home(const EnvLookup& env) {
  auto home = env("HOME");
  return home ? *home : std::string();
}

std::string FileFrom(const EnvLookup& env, const char* variable, const char* default_name) {
  if (auto path = env(variable); path && !path->empty()) return *path;
  return Home(env) + "/.aws/" + default_name;
}

std::string ProfileName(const EnvLookup& env) {
  if (auto p = env("AWS_PROFILE"); p && !p->empty()) return *p;
  if (auto p = env("AWS_DEFAULT_PROFILE"); p && !p->empty()) return *p;
  return "default";
}

// The section `name` of an INI file, or nullopt if the file or the section is missing.
ClientResult<std::optional<pt::ptree>> Section(const std::string& path, const std::string& name) {
  std::ifstream in(path);
  if (!in) return std::optional<pt::ptree>();
  pt::ptree tree;
  try {
    pt::read_ini(in, tree);
  } catch (const pt::ini_parser_error& e) {
    return ClientError::Configuration("cannot read " + path + ": " + e.message() + " (line " +
                                      std::to_string(e.line()) + ")");
  }
  auto section = tree.get_child_optional(pt::ptree::path_type(name, '\0'));
  if (!section) return std::optional<pt::ptree>();
  return std::optional<pt::ptree>(*section);
}

// The config file names profiles "[profile NAME]", except "[default]".
std::string ConfigSection(const std::string& profile) {
  return profile == "default" ? profile : "profile " + profile;
}

std::string Get(const pt::ptree& section, const char* key) {
  return section.get<std::string>(pt::ptree::path_type(key, '\0'), "");
}

std::optional<Credentials> FromSection(const std::optional<pt::ptree>& section) {
  if (!section) return std::nullopt;
  Credentials c{Get(*section, "aws_access_key_id"), Get(*section, "aws_secret_access_key"),
                Get(*section, "aws_session_token")};
  if (c.access_key_id.empty() || c.secret_access_key.empty()) return std::nullopt;
  return c;
}

}  // namespace

EnvLookup ProcessEnv() {
  return [](const std::string& name) -> std::optional<std::string> {
    const char* v = std::getenv(name.c_str());
    return v ? std::optional<std::string>(v) : std::nullopt;
  };
}

ClientResult<Credentials> LoadCredentials(const EnvLookup& env) {
  auto key = env("AWS_ACCESS_KEY_ID"), secret = env("AWS_SECRET_ACCESS_KEY");
  if (key && secret && !key->empty() && !secret->empty()) {
    return Credentials{*key, *secret, env("AWS_SESSION_TOKEN").value_or("")};
  }
  const std::string profile = ProfileName(env);
  const std::string credentials_file = FileFrom(env, "AWS_SHARED_CREDENTIALS_FILE", "credentials");
  DDB_ASSIGN_OR_RETURN(auto section, Section(credentials_file, profile));
  if (auto c = FromSection(section)) return *c;
  const std::string config_file = FileFrom(env, "AWS_CONFIG_FILE", "config");
  DDB_ASSIGN_OR_RETURN(section, Section(config_file, ConfigSection(profile)));
  if (auto c = FromSection(section)) return *c;
  return ClientError::Configuration(
      "no AWS credentials: set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or add profile '" +
      profile + "' to " + credentials_file);
}

ClientResult<std::optional<std::string>> LoadRegion(const EnvLookup& env) {
  if (auto r = env("AWS_REGION"); r && !r->empty()) return std::optional<std::string>(*r);
  if (auto r = env("AWS_DEFAULT_REGION"); r && !r->empty()) return std::optional<std::string>(*r);
  DDB_ASSIGN_OR_RETURN(auto section, Section(FileFrom(env, "AWS_CONFIG_FILE", "config"),
                                             ConfigSection(ProfileName(env))));
  if (section) {
    std::string region = Get(*section, "region");
    if (!region.empty()) return std::optional<std::string>(region);
  }
  return std::optional<std::string>();
}

ClientResult<Endpoint> ParseEndpoint(const std::string& url) {
  auto bad = [&](const std::string& why) {
    return ClientError::Configuration("invalid endpoint URL '" + url + "': " + why);
  };
  auto parsed = boost::urls::parse_absolute_uri(url);
  if (!parsed) return bad(parsed.error().message());
  const auto& u = *parsed;
  Endpoint e;
  if (u.scheme() == "https") {
    e.tls = true;
  } else if (u.scheme() == "http") {
    e.tls = false;
  } else {
    return bad("the scheme must be http or https");
  }
  if (u.has_userinfo() || u.has_query() || u.has_fragment()) {
    return bad("only scheme, host and port are allowed");
  }
  if (!u.path().empty() && u.path() != "/") return bad("only scheme, host and port are allowed");
  e.host = u.host_address();
  if (e.host.empty()) return bad("no host");
  const std::string default_port = e.tls ? "443" : "80";
  e.port = u.has_port() && !u.port().empty() ? std::string(u.port()) : default_port;
  e.authority = std::string(u.encoded_host());
  if (e.port != default_port) e.authority += ":" + e.port;
  e.url = url;
  return e;
}

namespace {

std::optional<std::string> FirstSet(const std::vector<std::string>& names, const EnvLookup& env) {
  for (const auto& name : names) {
    if (auto v = env(name); v && !v->empty()) return v;
  }
  return std::nullopt;
}

}  // namespace

bool HasConfiguredEndpoint(const std::optional<std::string>& explicit_url,
                           const std::vector<std::string>& env_names, const EnvLookup& env) {
  return (explicit_url && !explicit_url->empty()) || FirstSet(env_names, env).has_value();
}

ClientResult<Endpoint> ResolveEndpoint(const std::optional<std::string>& explicit_url,
                                       const std::vector<std::string>& env_names,
                                       const std::string& host_prefix, const std::string& region,
                                       const EnvLookup& env) {
  if (explicit_url && !explicit_url->empty()) return ParseEndpoint(*explicit_url);
  if (auto v = FirstSet(env_names, env)) return ParseEndpoint(*v);
  return ParseEndpoint("https://" + host_prefix + "." + region + ".amazonaws.com");
}

}  // namespace ddb::client
