// `cruddur serve`: the whole application in one process — the HTTP API and the web pages, the
// stream processor and the unread counter, on an embedded ddb-server (data in ./data, also
// listening on :8000 for the bin/ddb scripts and the AWS CLI) unless a database is named
// (`prod`, --endpoint-url, AWS_ENDPOINT_URL). First start creates and seeds what is missing.
// Stops cleanly on SIGTERM or SIGINT: requests in flight finish, then the stream processor, then
// the embedded database flushes.
#include <boost/program_options.hpp>
#include <filesystem>
#include <iostream>
#include <sstream>
#include <thread>

#include "api/messaging_api.h"
#include "cli/commands.h"
#include "common/database_secret.h"
#include "http/memory.h"
#include "http/server.h"
#include "http/stop_signal.h"
#include "routes/app_handler.h"
#include "serve/auth_setup.h"
#include "serve/first_start.h"
#include "serve/health.h"
#include "server/instance.h"
#include "streams/stream_processor.h"

namespace cruddur {
namespace {

namespace po = boost::program_options;

// A message is at most 1024 characters: 64 KiB leaves room for any JSON escaping of one.
constexpr size_t kMaxBodyBytes = size_t{64} * 1024;

struct ServeFlags {
  std::string host = "127.0.0.1";
  int port = 3000;
  std::string data_dir = "./data";
  int ddb_port = 8000;
  std::string web_root;
  bool stream_processor = true;
};

po::options_description Options(ServeFlags* f) {
  po::options_description o("cruddur serve [prod] [--endpoint-url URL] [options]");
  o.add_options()("help", "this text")("host", po::value(&f->host)->default_value(f->host),
                                       "address to listen on (HOST)")(
      "port", po::value(&f->port)->default_value(f->port), "port of the pages and the API (PORT)")(
      "data-dir", po::value(&f->data_dir)->default_value(f->data_dir),
      "local state: the embedded database, and by default the users database, identities "
      "and signing key")("ddb-port", po::value(&f->ddb_port)->default_value(f->ddb_port),
                         "port of the embedded database (for bin/ddb and the AWS CLI)")(
      "web-root", po::value(&f->web_root), "the built pages (default web/dist)")(
      "no-stream-processor", po::bool_switch(),
      "do not keep inboxes current here (run `cruddur stream-processor` instead)");
  return o;
}

constexpr const char* kEnvironmentHelp =
    "\nEnvironment: CONNECTION_URL (users database: postgresql://... or sqlite:PATH; default\n"
    "sqlite:data/cruddur-users.db), CACHE_URL (unread counter: redis://host:port; default in\n"
    "process), AWS_COGNITO_USER_POOL_ID and AWS_COGNITO_USER_POOL_CLIENT_ID (verify Cognito's\n"
    "tokens instead of signing in locally), AWS_ENDPOINT_URL (a DynamoDB to use instead of the\n"
    "embedded one), PORT, HOST, CRUDDUR_IDENTITY_DB, CRUDDUR_SEED_PASSWORD.\n";

AppResult<ServeFlags> ParseServeFlags(const std::vector<std::string>& args, bool* help) {
  ServeFlags f;
  if (const char* port = std::getenv("PORT")) f.port = std::atoi(port);
  if (const char* host = std::getenv("HOST")) f.host = host;
  auto options = Options(&f);
  po::variables_map vm;
  try {
    po::store(po::command_line_parser(args).options(options).run(), vm);
    po::notify(vm);
  } catch (const po::error& e) {
    return AppError::Invalid(std::string(e.what()) + " (see cruddur serve --help)");
  }
  f.stream_processor = !vm["no-stream-processor"].as<bool>();
  *help = vm.count("help") > 0;
  if (*help) std::cout << options << kEnvironmentHelp;
  if (f.port < 0 || f.port > 65535 || f.ddb_port < 0 || f.ddb_port > 65535) {
    return AppError::Invalid("ports are 0-65535");
  }
  return f;
}

// The built pages: --web-root, else web/dist here, else next to the source tree of this binary.
std::string WebRoot(const ServeFlags& f) {
  if (!f.web_root.empty()) return f.web_root;
  std::error_code ec;
  if (std::filesystem::exists("web/dist/index.html", ec)) return "web/dist";
  auto exe = std::filesystem::read_symlink("/proc/self/exe", ec);
  for (auto dir = exe.parent_path(); !ec && dir.has_relative_path(); dir = dir.parent_path()) {
    if (std::filesystem::exists(dir / "web/dist/index.html", ec))
      return (dir / "web/dist").string();
  }
  return "web/dist";
}

// How to sign in on the banner: the demo password unless it was changed.
std::string SignInHint(bool local_seed) {
  if (!local_seed) return "";
  if (std::getenv("CRUDDUR_SEED_PASSWORD") != nullptr) {
    return "  (sign in as andrewbrown with CRUDDUR_SEED_PASSWORD)";
  }
  return "  (sign in as andrewbrown, password " + SeedPassword() + ")";
}

// The embedded ddb-server, serving on a thread of its own.
struct EmbeddedDatabase {
  std::unique_ptr<ddb::server::Instance> instance;
  std::thread thread;
  ~EmbeddedDatabase() {
    if (!instance) return;
    instance->Stop();
    thread.join();
  }
};

AppStatus StartEmbedded(const ServeFlags& f, EmbeddedDatabase* db,
                        ddb::client::Credentials* credentials) {
  ddb::server::Flags flags;
  flags.port = f.ddb_port;
  flags.db_path = f.data_dir;
  flags.shared_db = true;  // As the seed ran DynamoDB Local: every client sees the same tables.
  flags.threads = 1;
  // Its clients are this process and a few scripts; the descriptors are the pages' and API's.
  flags.max_connections = 256;
  // Only the application (and whoever it lets read its data folder) may use this database.
  flags.require_signature = true;
  flags.credentials = (std::filesystem::path(f.data_dir) / kDatabaseSecretFile).string();
  std::error_code ec;
  std::filesystem::create_directories(f.data_dir, ec);
  DDB_ASSIGN_OR_RETURN(*credentials, EnsureDatabaseSecret(flags.credentials));
  std::string error;
  db->instance = ddb::server::Instance::Open(flags, &error);
  if (!db->instance) {
    std::string hint = error.find("in use") != std::string::npos
                           ? " (a database already runs there? use it with --endpoint-url "
                             "http://localhost:" +
                                 std::to_string(f.ddb_port) + ", or choose --ddb-port)"
                           : "";
    return AppError::Unavailable("embedded database: " + error + hint);
  }
  db->thread = std::thread([i = db->instance.get()] { i->Run(); });
  return AppStatus::OK();
}

// The stream processor on a thread of its own; stopped and joined when destroyed.
struct ProcessorThread {
  std::unique_ptr<StreamProcessor> processor;
  std::thread thread;
  ~ProcessorThread() {
    if (!thread.joinable()) return;
    processor->Stop();
    thread.join();
  }
};

// Everything `serve` runs besides the HTTP server, in the order it is started. Members are
// destroyed in reverse, which is the shutdown order: the stream processor stops before the
// services it uses, and the embedded database closes last.
struct Backends {
  EmbeddedDatabase embedded;
  ddb::client::DynamoDbClient* client = nullptr;
  UsersDbLocation where;
  std::unique_ptr<UsersDbPool> users;
  AuthSetup auth;
  std::string seeded;  // What the first-start steps did, for the banner.
  std::unique_ptr<IdempotencyStore> idempotency;
  std::unique_ptr<UnreadCounter> unread;
  std::unique_ptr<MessagesRepo> repo;
  EventHub events;
  std::unique_ptr<MessagingApi> api;
  ProcessorThread processor;
  std::optional<StaticFiles> web;
};

// The database (embedded unless one was named), the users database, sign-in, the tables and
// the seed (not in prod), the unread counter.
AppStatus StartBackends(Context& ctx, const ServeFlags& f, Backends* b) {
  if (!ctx.EndpointChosen()) {
    ddb::client::Credentials credentials;
    DDB_RETURN_IF_ERROR(StartEmbedded(f, &b->embedded, &credentials));
    ctx.UseEndpoint("http://127.0.0.1:" + std::to_string(b->embedded.instance->port()),
                    std::move(credentials));
  }
  DDB_ASSIGN_OR_RETURN(b->client, ctx.Dynamo());
  DDB_ASSIGN_OR_RETURN(b->where, ctx.UsersLocation());
  const bool seed = !ctx.prod();
  if (seed) DDB_RETURN_IF_ERROR(EnsureUsersDb(b->where));
  b->users = std::make_unique<UsersDbPool>(b->where);
  b->seeded = "table " + std::string(kMessagesTable) + " ready";
  {
    DDB_ASSIGN_OR_RETURN(auto users_db, b->users->Acquire());
    DDB_ASSIGN_OR_RETURN(b->auth, SetUpAuth(f.data_dir, ctx.IdentityDbPath(), *users_db, seed));
    if (seed) {
      DDB_ASSIGN_OR_RETURN(b->seeded, EnsureMessagesTable(*b->client, *users_db, kMessagesTable));
    }
  }
  b->idempotency =
      std::make_unique<IdempotencyStore>(*b->client, IdempotencyStore::TableFor(kMessagesTable));
  DDB_RETURN_IF_ERROR(b->idempotency->EnsureTable());
  const char* cache_url = std::getenv("CACHE_URL");
  DDB_ASSIGN_OR_RETURN(
      b->unread,
      OpenUnreadCounter(cache_url ? std::optional<std::string>(cache_url) : std::nullopt));
  b->repo = std::make_unique<MessagesRepo>(*b->client);
  b->api = std::make_unique<MessagingApi>(*b->repo, *b->unread, &b->events);
  return AppStatus::OK();
}

AppStatus StartProcessor(Backends* b) {
  auto& p = b->processor;
  p.processor = std::make_unique<StreamProcessor>(*b->client, StreamProcessor::Options{});
  DDB_RETURN_IF_ERROR(p.processor->Prepare());
  p.thread = std::thread([processor = p.processor.get()] {
    auto status = processor->Run();
    if (!status.ok()) std::cerr << "cruddur: stream processor: " << status.error().message << "\n";
  });
  // Healthy from the first request: the banner waits for the processor's thread to run.
  p.processor->WaitUntilRunning(std::chrono::seconds(1));
  return AppStatus::OK();
}

// Serves the pages and the API until a signal; false with *error if the port cannot be bound.
bool RunServer(const ServeFlags& f, bool local_sign_in, Backends& b, std::string* error) {
  HealthSources health{b.client, kMessagesTable, b.users.get(), b.processor.processor.get(),
                       b.unread.get()};
  AppHandler handler(
      AppServices{b.api.get(), b.auth.service.get(), b.users.get(), b.idempotency.get(),
                  b.web ? &*b.web : nullptr, [health] { return CheckHealth(health); }, &b.events},
      kMaxBodyBytes);
  ddb::http::ServerOptions options;
  options.host = f.host;
  options.port = static_cast<unsigned short>(f.port);
  options.max_body_bytes = kMaxBodyBytes;
  options.access_log = true;
  options.worker_threads = 16;
  ddb::http::HttpServer server(handler, options);
  if (!server.Listen(error)) return false;
  std::cout << "cruddur " << DDB_VERSION << ": database " << b.client->endpoint().url
            << (b.embedded.instance ? " (embedded, data in " + f.data_dir + ")" : "") << "; users "
            << b.where.Describe() << "; unread counter " << b.unread->Describe() << "; "
            << b.auth.description << "; " << b.seeded << "\n"
            << "Cruddur is running: http://" << f.host << ":" << server.port() << "/messages"
            << SignInHint(local_sign_in) << std::endl;
  // A signal during start-up stops the server at once: start-up finished, everything stops in
  // order, so the embedded database is flushed either way.
  auto stop = ddb::http::StopSignal::OnStop([&server] { server.Stop(); });
  server.Run();
  return true;
}

AppResult<int> Serve(Context& ctx) {
  bool help = false;
  DDB_ASSIGN_OR_RETURN(ServeFlags f, ParseServeFlags(ctx.args(), &help));
  if (help) return 0;
  ddb::UseReturnableLargeAllocations();  // Before any server thread starts.
  ddb::http::StopSignal::Install();
  if (!ctx.prod()) ctx.UseDataDir(f.data_dir);
  AppStatus outcome = AppStatus::OK();
  {
    Backends b;
    outcome = StartBackends(ctx, f, &b);
    if (outcome.ok() && f.stream_processor) outcome = StartProcessor(&b);
    if (outcome.ok()) {
      auto loaded = StaticFiles::Load(WebRoot(f));
      if (loaded.ok()) {
        b.web = std::move(*loaded);
      } else {
        std::cerr << "cruddur: serving the API only: " << loaded.error().message << "\n";
      }
      std::string error;
      if (!RunServer(f, !ctx.prod() && b.auth.pool != nullptr, b, &error)) {
        outcome = AppError::Unavailable(error);
      }
    }
  }  // Stops the stream processor, then the embedded database.
  std::cout << "cruddur stopped" << std::endl;
  if (!outcome.ok()) return outcome.error();
  return 0;
}

}  // namespace

void AddServeCommands(std::vector<Command>* out) {
  out->push_back({"serve", "[prod] [--port N] [--help]",
                  "the web pages and HTTP API, stream processor and database in one process",
                  Serve});
}

}  // namespace cruddur
