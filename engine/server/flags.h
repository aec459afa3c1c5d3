// Command-line flags of ddb-server, in our spelling and in DynamoDB Local's.
#pragma once

#include <string>
#include <vector>

namespace ddb::server {

struct Flags {
  std::string host = "127.0.0.1";
  int port = 8000;
  std::string db_path = "./data";
  bool in_memory = false;
  bool shared_db = false;
  // --cors: the origins browsers may call from ("*" = any, else comma-separated); "" = off.
  std::string cors;
  bool require_signature = false;  // verify Signature V4 against `credentials`
  std::string credentials;         // an AWS CLI credentials file
  int threads = 0;                 // 0 = one I/O thread per core.
  int write_threads = 32;
  int max_connections = 0;           // 0 = three quarters of the descriptor limit.
  double request_timeout = 30;       // Seconds to send a whole request, from its first byte.
  uint64_t min_free_space_mb = 128;  // Writes are refused below this much free disk space.
  double ttl_interval = 5;           // Seconds between time-to-live sweeps.
  uint64_t item_collection_limit = uint64_t{10} << 30;  // Bytes; DynamoDB's 10 GB.
  bool help = false;
  bool version = false;
};

// Parses argv. On a bad or unknown flag returns false and sets *error to one line. *usage is
// always set to the help text.
bool ParseFlags(int argc, char** argv, Flags* flags, std::string* error, std::string* usage);

}  // namespace ddb::server
