#pragma once

#include <QString>

#include "store/status.h"

namespace postil {

// The project the studio opens on first run: a few tasks of every kind (text,
// search relevance, right-to-left and CJK text, images, audio, comparisons)
// with a schema that exercises every question type. Its sources are compiled
// in under :/demo.
class DemoProject {
public:
    // The demo project's file in 'folder' (default: the app data location's
    // "demo" folder). An existing demo.postil is returned untouched. Otherwise
    // the media are copied in, never overwriting a file that is already
    // there, and demo.postil is created and filled. A failure names the file.
    static Expected<QString> ensure(const QString& folder = QString());

    static QString defaultFolder();
    static QString fileName() { return QStringLiteral("demo.postil"); }
};

}  // namespace postil
