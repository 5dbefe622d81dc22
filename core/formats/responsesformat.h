#pragma once

#include "formats/format.h"

namespace postil {

// Comparisons to evaluate, one JSON object a line (.jsonl):
//   {"id"?, "prompt": STR|MESSAGES, "responses": [STR | MESSAGES |
//    {"id"?, "model"?, "content"|"text"|"response": STR|MESSAGES}], "gold"?}
//   {"id"?, "prompt", "response_a", "response_b", "model_a"?, "model_b"?}
//   {"id"?, "prompt", "chosen", "rejected"}
// Response ids and model names go to data.response_ids / data.models (model
// names stay hidden from evaluators unless the schema shows them); a gold
// verdict {"preference": -3..3, "both_bad", "ranking"} to data.gold after its
// ranges are checked. chosen/rejected pairs import as two unlabelled
// responses (chosen first): the verdict they carry is not kept as gold, so
// evaluators judge them afresh. Detected when the first line is an object
// without "data" and with "responses", "response_a" or "chosen".
class ResponsesFormat : public Format {
public:
    QString name() const override { return QStringLiteral("responses"); }
    QString description() const override {
        return QStringLiteral(
            "Prompts with responses to compare (JSONL; chosen/rejected import as unlabelled "
            "responses)");
    }
    QStringList extensions() const override { return {QStringLiteral("jsonl")}; }
    QList<TaskKind> kinds() const override { return {TaskKind::Compare}; }
    bool canRead() const override { return true; }
    bool probe(const QString& path) const override;

    Status read(const QString& path, ImportSession& session) override;
};

}  // namespace postil
