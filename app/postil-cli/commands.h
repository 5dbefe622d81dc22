#pragma once

#include "cliargs.h"

namespace postil::cli {

// One factory per subcommand, each in its own cmd*.cpp. A new subcommand is
// one file plus one line in main.cpp's table.
CommandSpec initCommand();
CommandSpec importCommand();
CommandSpec exportCommand();
CommandSpec statsCommand();
CommandSpec checkCommand();
CommandSpec formatsCommand();
CommandSpec packOutCommand();
CommandSpec packBackCommand();
CommandSpec mergeCommand();
CommandSpec conflictsCommand();
CommandSpec agreementCommand();
CommandSpec assistCommand();

}  // namespace postil::cli
