// StaticFiles: the built web pages (web/dist), read into memory once at start. A path that names
// a file gets it; a missing file under /assets/ is 404 (text); any other path gets index.html,
// so the pages' own routes (/messages/<uuid>)
// load the application. Vite's fingerprinted files under /assets/ are cached for a year,
// everything else revalidated. A file's precompressed copies beside it (`x.js.br`, `x.js.gz`,
// made by the web build) are sent instead to clients that accept them. Immutable after Load();
// thread-safe.
#pragma once

#include <map>
#include <optional>
#include <string>

#include "common/app_error.h"
#include "http/handler.h"

namespace cruddur {

class StaticFiles {
 public:
  // Reads every file under `root`. Invalid if `root` has no index.html.
  static AppResult<StaticFiles> Load(const std::string& root);

  // The response for GET `path` (the URL path, already percent-decoded) to a client sending
  // `accept_encoding`.
  ddb::http::Response Get(const std::string& path, std::string_view accept_encoding) const;

  size_t file_count() const { return files_.size(); }

 private:
  struct File {
    std::string content_type;
    std::string body;
    std::optional<std::string> brotli;  // The body as `Content-Encoding: br`, when built.
    std::optional<std::string> gzip;
  };
  std::map<std::string, File> files_;  // By URL path ("/index.html", "/assets/x.js").
};

}  // namespace cruddur
