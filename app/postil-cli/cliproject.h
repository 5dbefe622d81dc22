#pragma once

#include <memory>

#include "model/project.h"

namespace postil::cli {

// Project::open with the CLI's identity: the settings' (Identity::local()),
// with the annotator's name overridden by the POSTIL_ANNOTATOR environment
// variable so scripts and CI can name themselves without touching the user's
// settings. The error names the file.
Expected<std::unique_ptr<Project>> openProject(const QString& path);

}  // namespace postil::cli
