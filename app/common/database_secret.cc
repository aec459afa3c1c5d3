#include "common/database_secret.h"

#include <sodium.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>

#include "common/private_file.h"

namespace cruddur {
namespace {

std::string RandomHex(size_t bytes) {
  std::string raw(bytes, '\0');
  randombytes_buf(raw.data(), raw.size());
  std::string hex(bytes * 2 + 1, '\0');
  sodium_bin2hex(hex.data(), hex.size(), reinterpret_cast<const unsigned char*>(raw.data()),
                 raw.size());
  hex.pop_back();  // The terminating NUL.
  return hex;
}

}  // namespace

std::string DatabaseSecretPath() {
  const char* v = std::getenv("CRUDDUR_DDB_CREDENTIALS");
  return v && *v ? v : (std::filesystem::path("data") / kDatabaseSecretFile).string();
}

AppResult<std::optional<ddb::client::Credentials>> ReadDatabaseSecret(const std::string& path) {
  std::error_code ec;
  if (!std::filesystem::exists(path, ec)) return std::optional<ddb::client::Credentials>();
  // The client's own credentials-file reader, pointed at this file alone.
  auto env = [&path](const std::string& name) -> std::optional<std::string> {
    if (name == "AWS_SHARED_CREDENTIALS_FILE") return path;
    if (name == "AWS_CONFIG_FILE") return "/dev/null";
    return std::nullopt;
  };
  auto credentials = ddb::client::LoadCredentials(env);
  if (!credentials.ok()) {
    return AppError::Unavailable("cannot read the database secret " + path + ": " +
                                 credentials.error().message);
  }
  return std::optional<ddb::client::Credentials>(std::move(credentials).value());
}

AppResult<ddb::client::Credentials> EnsureDatabaseSecret(const std::string& path) {
  DDB_ASSIGN_OR_RETURN(auto existing, ReadDatabaseSecret(path));
  if (existing) {
    MakePrivate(path, false);
    return *existing;
  }
  if (sodium_init() < 0) return AppError::Internal("libsodium cannot start");
  // Written whole to a private temporary file, then renamed into place: a crash or a full disk
  // never leaves a half-written secret that would stop every later start.
  const std::string temporary = path + ".new";
  if (!MakePrivate(temporary, true)) {
    return AppError::Unavailable("cannot create the database secret " + path);
  }
  ddb::client::Credentials fresh{"CRUDDUR" + RandomHex(8), RandomHex(20), ""};
  std::ofstream out(temporary, std::ios::trunc);
  out << "# cruddur serve's embedded database: its only credentials (keep this file private)\n"
      << "[default]\naws_access_key_id = " << fresh.access_key_id
      << "\naws_secret_access_key = " << fresh.secret_access_key << "\n";
  out.flush();
  out.close();
  std::error_code ec;
  if (out) std::filesystem::rename(temporary, path, ec);
  if (!out || ec) {
    std::filesystem::remove(temporary, ec);
    return AppError::Unavailable("cannot write the database secret " + path);
  }
  return fresh;
}

}  // namespace cruddur
