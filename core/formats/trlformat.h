#pragma once

#include "formats/format.h"

namespace postil {

// TRL preference data (huggingface/trl dataset formats), one line per
// preference pair per annotation: {"prompt": STR, "chosen": STR, "rejected":
// STR}. Format options:
//   conversational  the conversational form: "prompt" a message list (a string
//                   prompt becomes one user message), "chosen"/"rejected"
//                   [{"role": "assistant", "content": …}] (a response given as
//                   messages is used as is)
//   keep-ties, margin  see pairexport.h
// Without "conversational", message lists are flattened to "Role: content"
// blocks. Only submitted annotations unless a status is asked for; more than
// two responses give the pairs of their ranking.
class TrlFormat : public Format {
public:
    QString name() const override { return QStringLiteral("trl"); }
    QString description() const override {
        return QStringLiteral("TRL preference pairs (prompt/chosen/rejected)");
    }
    QStringList extensions() const override { return {QStringLiteral("jsonl")}; }
    QList<TaskKind> kinds() const override { return {TaskKind::Compare}; }
    bool canWrite() const override { return true; }

    Status write(Project& project, const QString& path, const ExportOptions& options,
                 ExportReport& report) override;
};

}  // namespace postil
