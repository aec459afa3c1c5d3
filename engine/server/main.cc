// ddb-server: parses flags, opens the store, serves until SIGINT/SIGTERM, flushes, exits 0.
#include <chrono>
#include <cstdio>
#include <iostream>

#include "server/flags.h"
#include "server/instance.h"

namespace {

int Fail(const std::string& message) {
  std::cerr << "ddb-server: " << message << std::endl;
  return 1;
}

}  // namespace

int main(int argc, char** argv) {
  using namespace ddb;
  server::Flags flags;
  std::string error, usage;
  if (!server::ParseFlags(argc, argv, &flags, &error, &usage)) {
    std::cerr << "ddb-server: " << error << " (see --help)" << std::endl;
    return 2;
  }
  if (flags.help) {
    std::cout << usage;
    return 0;
  }
  if (flags.version) {
    std::cout << "ddb-server " << DDB_VERSION << std::endl;
    return 0;
  }

  auto instance = server::Instance::Open(flags, true, &error);
  if (!instance) return Fail(error);
  std::cout << "ddb-server " << DDB_VERSION << " listening on " << flags.host << ":"
            << instance->port() << ", data "
            << (flags.in_memory ? std::string("in memory") : "in " + flags.db_path)
            << (flags.shared_db ? " (shared-db)" : "") << std::endl;
  instance->Run();
  instance.reset();
  std::cout << "ddb-server stopped" << std::endl;
  return 0;
}
