#pragma once

namespace postil {

// Whether standard error is a terminal (a person watching), so that progress
// lines are worth drawing; a pipe or a file gets none.
bool stderrIsTerminal();

}  // namespace postil
