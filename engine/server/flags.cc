#include "server/flags.h"

#include <boost/program_options.hpp>
#include <sstream>

namespace ddb::server {

namespace po = boost::program_options;

bool ParseFlags(int argc, char** argv, Flags* f, std::string* error, std::string* usage) {
  po::options_description ours("ddb-server: a DynamoDB-compatible database\n\nOptions");
  ours.add_options()("help,h", po::bool_switch(&f->help), "print this help and exit")(
      "version", po::bool_switch(&f->version), "print the version and exit")(
      "host", po::value(&f->host), "address to listen on (default 127.0.0.1)")(
      "port", po::value(&f->port), "port to listen on (default 8000)")(
      "db-path", po::value(&f->db_path), "data folder (default ./data)")(
      "in-memory", po::bool_switch(&f->in_memory),
      "keep all data in memory; write nothing to disk")(
      "shared-db", po::bool_switch(&f->shared_db),
      "one database for all credentials and regions (default: one per access key and region)")(
      "cors", po::value<std::string>()->implicit_value("*"),
      "answer browsers' cross-origin requests from these origins (comma-separated; default *)")(
      "require-signature", po::bool_switch(&f->require_signature),
      "verify every request's Signature V4 against --credentials (default: not verified, as "
      "DynamoDB Local)")(
      "credentials", po::value(&f->credentials),
      "the access keys and secrets to verify with: a file in the AWS CLI's credentials format")(
      "threads", po::value(&f->threads), "I/O threads serving reads (default: one per core)")(
      "write-threads", po::value(&f->write_threads),
      "threads running writes; concurrent writes share one WAL sync (default 32)")(
      "max-connections", po::value(&f->max_connections),
      "open connections at most; beyond it the longest-idle one is closed (default: three "
      "quarters of the file-descriptor limit)")(
      "request-timeout", po::value(&f->request_timeout),
      "seconds a client has to send a whole request, from its first byte (default 30)")(
      "min-free-space", po::value(&f->min_free_space_mb),
      "megabytes of disk kept free: writes are refused below it and resume by themselves when "
      "space returns (default 128)")(
      "ttl-interval", po::value(&f->ttl_interval),
      "seconds between deletions of expired (time to live) items (default 5)")(
      "item-collection-limit", po::value(&f->item_collection_limit),
      "bytes an item collection of a table with local secondary indexes may hold (default "
      "DynamoDB's 10 GB; lower it to test an application's handling of "
      "ItemCollectionSizeLimitExceededException)");
  // DynamoDB Local's spellings, so that its command lines work unchanged.
  po::options_description local("DynamoDB Local compatibility");
  local.add_options()("dbPath", po::value(&f->db_path), "same as --db-path")(
      "sharedDb", po::bool_switch(), "same as --shared-db")("inMemory", po::bool_switch(),
                                                            "same as --in-memory")(
      "delayTransientStatuses", po::bool_switch(), "accepted; tables are ACTIVE at once")(
      "optimizeDbBeforeStartup", po::bool_switch(), "accepted; nothing to optimise")(
      "disableTelemetry", po::bool_switch(), "accepted; there is no telemetry")(
      "jar", po::value<std::string>(), "accepted and ignored (-jar DynamoDBLocal.jar)");
  po::options_description all;
  all.add(ours).add(local);
  std::ostringstream help;
  help << all;
  *usage = help.str();
  try {
    po::variables_map vm;
    auto style =
        po::command_line_style::default_style | po::command_line_style::allow_long_disguise;
    po::store(po::command_line_parser(argc, argv).options(all).style(style).run(), vm);
    po::notify(vm);
    if (vm["sharedDb"].as<bool>()) f->shared_db = true;
    if (vm["inMemory"].as<bool>()) f->in_memory = true;
    if (vm.count("cors")) f->cors = vm["cors"].as<std::string>();
  } catch (const po::error& e) {
    *error = e.what();
    return false;
  }
  if (f->require_signature && f->credentials.empty()) {
    *error = "--require-signature needs --credentials FILE";
    return false;
  }
  if (f->port < 0 || f->port > 65535) {
    *error = "--port must be between 0 and 65535";
    return false;
  }
  if (f->ttl_interval <= 0 || f->ttl_interval > 86400) {
    *error = "--ttl-interval must be between 0 and 86400 seconds";
    return false;
  }
  if (f->max_connections < 0 || f->request_timeout <= 0 || f->request_timeout > 3600) {
    *error = "--max-connections must be positive and --request-timeout between 0 and 3600 seconds";
    return false;
  }
  if (f->threads < 0 || f->threads > 1024 || f->write_threads < 1 || f->write_threads > 1024) {
    *error = "--threads and --write-threads must be between 1 and 1024";
    return false;
  }
  return true;
}

}  // namespace ddb::server
