#include "cli/commands.h"

namespace cruddur {

const std::vector<Command>& Commands() {
  static const std::vector<Command> kCommands = [] {
    std::vector<Command> all;
    AddDdbCommands(&all);
    AddDdbPatternCommands(&all);
    AddDbCommands(&all);
    AddIdentityCommands(&all);
    AddStreamCommands(&all);
    AddServeCommands(&all);
    return all;
  }();
  return kCommands;
}

}  // namespace cruddur
