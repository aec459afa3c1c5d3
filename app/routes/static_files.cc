#include "routes/static_files.h"

#include <filesystem>
#include <fstream>
#include <sstream>

#include "http/compression.h"

namespace cruddur {
namespace {

std::string ContentType(const std::filesystem::path& p) {
  static const std::map<std::string, std::string> kTypes = {
      {".html", "text/html; charset=utf-8"},
      {".js", "text/javascript; charset=utf-8"},
      {".css", "text/css; charset=utf-8"},
      {".json", "application/json"},
      {".svg", "image/svg+xml"},
      {".png", "image/png"},
      {".ico", "image/x-icon"},
      {".woff2", "font/woff2"},
      {".txt", "text/plain; charset=utf-8"},
      {".map", "application/json"},
  };
  auto it = kTypes.find(p.extension().string());
  return it == kTypes.end() ? "application/octet-stream" : it->second;
}

}  // namespace

AppResult<StaticFiles> StaticFiles::Load(const std::string& root) {
  namespace fs = std::filesystem;
  std::error_code ec;
  if (!fs::is_regular_file(fs::path(root) / "index.html", ec)) {
    return AppError::Invalid("no web pages in " + root +
                             " (build them with: npm --prefix web ci && npm --prefix web run "
                             "build)");
  }
  StaticFiles out;
  std::map<std::string, std::string> compressed;  // "/x.js.br" -> its bytes.
  for (auto it = fs::recursive_directory_iterator(root, ec); !ec && it != fs::end(it);
       it.increment(ec)) {
    if (!it->is_regular_file()) continue;
    std::ifstream in(it->path(), std::ios::binary);
    std::ostringstream body;
    body << in.rdbuf();
    std::string url = "/" + fs::relative(it->path(), root).generic_string();
    const std::string ext = it->path().extension().string();
    if (ext == ".br" || ext == ".gz") {
      compressed[url] = body.str();
    } else {
      out.files_[url] = File{ContentType(it->path()), body.str(), std::nullopt, std::nullopt};
    }
  }
  if (ec) return AppError::Unavailable("cannot read " + root + ": " + ec.message());
  // A copy is used only beside its file; a stray one is not served at all.
  for (auto& [url, bytes] : compressed) {
    const bool brotli = url.ends_with(".br");
    auto file = out.files_.find(url.substr(0, url.size() - 3));
    if (file == out.files_.end()) continue;
    (brotli ? file->second.brotli : file->second.gzip) = std::move(bytes);
  }
  return out;
}

ddb::http::Response StaticFiles::Get(const std::string& path,
                                     std::string_view accept_encoding) const {
  auto it = files_.find(path);
  bool found = it != files_.end();
  // A missing build file is an error; any other path is a page of the application's, whatever
  // it holds (/messages/new/john.doe).
  if (!found && path.rfind("/assets/", 0) == 0) {
    return ddb::http::Response{404, "text/plain; charset=utf-8", "not found: " + path + "\n", {}};
  }
  if (!found) it = files_.find("/index.html");
  const File& file = it->second;
  ddb::http::Response r{200, file.content_type, file.body, {}};
  if (file.brotli && ddb::http::AcceptsCoding(accept_encoding, "br")) {
    r.body = *file.brotli;
    r.headers.emplace_back("Content-Encoding", "br");
  } else if (file.gzip && ddb::http::AcceptsCoding(accept_encoding, "gzip")) {
    r.body = *file.gzip;
    r.headers.emplace_back("Content-Encoding", "gzip");
  }
  if (file.brotli || file.gzip) r.headers.emplace_back("Vary", "Accept-Encoding");
  bool fingerprinted = found && path.rfind("/assets/", 0) == 0;
  r.headers.emplace_back("Cache-Control",
                         fingerprinted ? "public, max-age=31536000, immutable" : "no-cache");
  return r;
}

}  // namespace cruddur
