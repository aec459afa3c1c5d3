// `cruddur stream-processor [prod]`: the stream processor (spec §3 pattern E) as its own
// process, until SIGTERM or SIGINT (it also runs inside `cruddur serve`).
#include <csignal>
#include <functional>
#include <iostream>
#include <thread>

#include "cli/commands.h"
#include "streams/stream_processor.h"

namespace cruddur {
namespace {

// Blocks SIGINT and SIGTERM in this thread and the threads it starts later, and calls
// `on_signal` from a thread of its own when one arrives.
std::thread WatchSignals(std::function<void()> on_signal) {
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, SIGINT);
  sigaddset(&set, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &set, nullptr);
  return std::thread([set, on_signal = std::move(on_signal)] {
    int sig = 0;
    sigwait(&set, &sig);
    on_signal();
  });
}

AppResult<int> RunStreamProcessor(Context& ctx) {
  DDB_ASSIGN_OR_RETURN(auto* client, ctx.Dynamo());
  StreamProcessor processor(*client, StreamProcessor::Options{});
  std::thread watcher = WatchSignals([&processor] { processor.Stop(); });
  std::cout << "stream processor: following the stream of " << kMessagesTable << " at "
            << client->endpoint().url << std::endl;
  auto status = processor.Run();
  // Run() returns only after Stop(), which only the watcher calls: it has finished.
  watcher.join();
  std::cout << "stream processor stopped after " << processor.Status().records_processed
            << " records" << std::endl;
  if (!status.ok()) return status.error();
  return 0;
}

}  // namespace

void AddStreamCommands(std::vector<Command>* out) {
  out->push_back({"stream-processor", "[prod]",
                  "keep inboxes current from the table's stream (until SIGTERM)",
                  RunStreamProcessor});
}

}  // namespace cruddur
