#pragma once

#include <QString>

namespace postil {

// Who is annotating, on which machine. The annotator's name comes from the
// settings (default: the OS user); the device id is made once per machine and
// kept in the settings so every project on this machine shares it.
struct Identity {
    QString annotator;
    QString device;

    static Identity local();
    static void setAnnotatorName(const QString& name);
    // Whether a name was ever set (the studio asks on its first run).
    static bool hasChosenName();
};

}  // namespace postil
