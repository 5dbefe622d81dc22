#pragma once

#include "formats/format.h"

namespace postil {

// Anthropic HH-RLHF: one line per preference pair, {"chosen": TRANSCRIPT,
// "rejected": TRANSCRIPT}, each a whole "\n\nHuman: …\n\nAssistant: …"
// transcript whose common prefix is the prompt. Multi-turn prompts keep their
// turns (user: Human, assistant: Assistant); leading system messages are
// written as plain text before the first Human turn. Format options keep-ties
// and margin as for trl; only submitted annotations unless a status is asked for.
class HhRlhfFormat : public Format {
public:
    QString name() const override { return QStringLiteral("hh-rlhf"); }
    QString description() const override {
        return QStringLiteral("HH-RLHF chosen/rejected transcripts");
    }
    QStringList extensions() const override { return {QStringLiteral("jsonl")}; }
    QList<TaskKind> kinds() const override { return {TaskKind::Compare}; }
    bool canWrite() const override { return true; }

    Status write(Project& project, const QString& path, const ExportOptions& options,
                 ExportReport& report) override;
};

}  // namespace postil
