// ddb-server: parses flags, opens the store, serves until SIGINT/SIGTERM, flushes, exits 0.
#include <chrono>
#include <cstdio>
#include <iostream>

#include "http/memory.h"
#include "http/stop_signal.h"
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

  UseReturnableLargeAllocations();
  http::StopSignal::Install();  // Before Open starts any thread.
  auto instance = server::Instance::Open(flags, &error);
  if (!instance) return Fail(error);
  // DynamoDB Local's banner, line for line, for the tools that wait for it before connecting
  // (its 2.x form; the version is ours).
  std::cout << "Initializing DynamoDB Local with the following configuration:\n"
            << "Port:\t" << instance->port() << "\n"
            << "InMemory:\t" << (flags.in_memory ? "true" : "false") << "\n"
            << "Version:\t" << DDB_VERSION << "\n"
            << "DbPath:\t" << (flags.in_memory ? std::string("null") : flags.db_path) << "\n"
            << "SharedDb:\t" << (flags.shared_db ? "true" : "false") << "\n"
            << "shouldDelayTransientStatuses:\tfalse\n"
            << "CorsParams:\t" << (flags.cors.empty() ? std::string("null") : flags.cors) << "\n\n";
  std::cout << "ddb-server " << DDB_VERSION << " listening on " << flags.host << ":"
            << instance->port() << ", data "
            << (flags.in_memory ? std::string("in memory") : "in " + flags.db_path)
            << (flags.shared_db ? " (shared-db)" : "") << std::endl;
  {
    auto stop = http::StopSignal::OnStop([&instance] { instance->Stop(); });
    instance->Run();
  }  // Unsubscribed: no signal reaches the instance once it is gone.
  instance.reset();
  std::cout << "ddb-server stopped" << std::endl;
  return 0;
}
