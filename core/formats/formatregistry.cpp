#include "formats/formatregistry.h"

namespace postil {

FormatRegistry& FormatRegistry::instance() {
    static FormatRegistry* registry = [] {
        auto* r = new FormatRegistry;
        registerBuiltinFormats(*r);
        return r;
    }();
    return *registry;
}

void FormatRegistry::add(std::unique_ptr<Format> format) {
    m_formats.push_back(std::move(format));
}

Format* FormatRegistry::byName(const QString& name) const {
    for (const auto& f : m_formats)
        if (f->name().compare(name, Qt::CaseInsensitive) == 0)
            return f.get();
    return nullptr;
}

Format* FormatRegistry::detectReader(const QString& path) const {
    for (const auto& f : m_formats)
        if (f->canRead() && f->probe(path))
            return f.get();
    return nullptr;
}

std::vector<Format*> FormatRegistry::all() const {
    std::vector<Format*> list;
    for (const auto& f : m_formats)
        list.push_back(f.get());
    return list;
}

}  // namespace postil
