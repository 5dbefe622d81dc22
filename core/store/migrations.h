#pragma once

#include "store/database.h"

namespace postil {

// The project file's schema, as numbered migrations. Version N is recorded in
// PRAGMA user_version once migration N has been applied in its own transaction.
class Migrations {
public:
    // The newest schema version this build reads and writes.
    static int latestVersion();
    // 'PoSt': marks a file as a Postil project in its SQLite header.
    static constexpr int kApplicationId = 0x506f5374;

    // Reads the version without writing anything; refuses a file from a newer
    // build or a file that is not a Postil project.
    static Expected<int> checkCompatible(Database& db);
    // Applies every migration above the file's version.
    static Status upgrade(Database& db);
};

}  // namespace postil
