// cruddur: the Cruddur messaging application's command (spec §4); the seed's bin/ scripts call
// it. `cruddur ddb seed`, `cruddur db setup`, `cruddur --help`.
#include <iostream>
#include <string>
#include <vector>

#include "cli/commands.h"

namespace {

void PrintHelp() {
  std::cout << "cruddur " << DDB_VERSION << ": Cruddur's direct messages on DynamoDB\n\n"
            << "Usage: cruddur COMMAND [ARGS] [prod] [--endpoint-url URL]\n\nCommands:\n";
  for (const auto& c : cruddur::Commands()) {
    std::string head = "  " + c.name + (c.usage.empty() ? "" : " " + c.usage);
    std::cout << head << std::string(head.size() < 44 ? 44 - head.size() : 1, ' ') << c.help
              << "\n";
  }
  std::cout << "\n`prod` selects the real DynamoDB service and PROD_CONNECTION_URL; otherwise\n"
               "DynamoDB is --endpoint-url, AWS_ENDPOINT_URL_DYNAMODB, AWS_ENDPOINT_URL or\n"
               "http://localhost:8000, and the users database is CONNECTION_URL\n"
               "(postgresql://... or sqlite:PATH; default sqlite:data/cruddur-users.db).\n";
}

}  // namespace

int main(int argc, char** argv) {
  std::vector<std::string> words(argv + 1, argv + argc);
  if (words.empty() || words[0] == "--help" || words[0] == "-h" || words[0] == "help") {
    PrintHelp();
    return words.empty() ? 2 : 0;
  }
  if (words[0] == "--version") {
    std::cout << "cruddur " << DDB_VERSION << "\n";
    return 0;
  }
  // The longest command name that the leading words spell.
  const cruddur::Command* match = nullptr;
  size_t used = 0;
  for (const auto& c : cruddur::Commands()) {
    std::string name;
    for (size_t n = 1; n <= words.size(); ++n) {
      name += (n > 1 ? " " : "") + words[n - 1];
      if (name == c.name && n > used) {
        match = &c;
        used = n;
      }
    }
  }
  if (match == nullptr) {
    std::cerr << "cruddur: unknown command '" << words[0] << "' (see cruddur --help)\n";
    return 2;
  }
  cruddur::Context ctx(
      std::vector<std::string>(words.begin() + static_cast<long>(used), words.end()));
  auto status = match->run(ctx);
  std::cout.flush();
  if (!status.ok()) {
    std::cerr << "cruddur: " << status.error().message << "\n";
    return 1;
  }
  return *status;
}
