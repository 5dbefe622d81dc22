#include "cliproject.h"

#include "sync/packfiles.h"

namespace postil::cli {

namespace {
QString annotatorFromEnvironment() {
    return qEnvironmentVariable("POSTIL_ANNOTATOR").trimmed();
}
}  // namespace

Expected<std::unique_ptr<Project>> openProject(const QString& path) {
    auto project = Project::open(path);
    if (!project.ok())
        return project;
    // Project::open already read Identity::local(); only the name may differ.
    if (const QString name = annotatorFromEnvironment(); !name.isEmpty()) {
        Identity identity = (*project)->identity();
        identity.annotator = name;
        (*project)->setIdentity(identity);
    }
    // A hand-out pack is the annotator's it was made for (sync/packfiles.h).
    if (Status pack = prepareOpenedPack(**project); !pack.ok())
        return Status::failure(pack.error());
    return project;
}

}  // namespace postil::cli
