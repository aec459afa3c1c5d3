// `cruddur stream-processor [prod]`: the stream processor (spec §3 pattern E) as its own
// process, until SIGTERM or SIGINT (it also runs inside `cruddur serve`).
#include <iostream>

#include "cli/commands.h"
#include "http/stop_signal.h"
#include "streams/stream_processor.h"

namespace cruddur {
namespace {

AppResult<int> RunStreamProcessor(Context& ctx) {
  ddb::http::StopSignal::Install();
  DDB_ASSIGN_OR_RETURN(auto* client, ctx.Dynamo());
  StreamProcessor processor(*client, StreamProcessor::Options{});
  auto stop = ddb::http::StopSignal::OnStop([&processor] { processor.Stop(); });
  std::cout << "stream processor: following the stream of " << kMessagesTable << " at "
            << client->endpoint().url << std::endl;
  auto status = processor.Run();
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
