#pragma once

#include <memory>
#include <vector>

#include "formats/format.h"

namespace postil {

// Every format the CLI and the studio can read or write.
class FormatRegistry {
public:
    // The registry with the built-in formats (builtinformats.cpp).
    static FormatRegistry& instance();

    void add(std::unique_ptr<Format> format);
    Format* byName(const QString& name) const;
    // The reader that claims 'path' (a folder, or by extension).
    Format* detectReader(const QString& path) const;
    std::vector<Format*> all() const;

private:
    std::vector<std::unique_ptr<Format>> m_formats;
};

// Registers the formats that ship with Postil. One line per format.
void registerBuiltinFormats(FormatRegistry& registry);

}  // namespace postil
