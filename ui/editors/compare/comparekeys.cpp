#include "editors/compare/compareeditor.h"

namespace postil {

// The comparison editor's keys (context "compare"). Verdict keys run along
// the top letter row, left (A much better) to right (B much better); the bare
// digits pick flag labels. Registered with the editor (builtineditors.cpp).
Keymap::EditorKeys CompareEditor::keyTable() {
    Keymap::EditorKeys keys;
    keys.placesLabels = true;
    auto add = [&](const char* id, const char* text, const char* key) {
        keys.bindings.append(
            {QLatin1String(id), QString(), tr(text), QKeySequence(QLatin1String(key))});
    };
    add("compare.verdict.1", "A is much better", "Q");
    add("compare.verdict.2", "A is better", "W");
    add("compare.verdict.3", "A is slightly better", "E");
    add("compare.verdict.4", "About the same", "R");
    add("compare.verdict.5", "B is slightly better", "T");
    add("compare.verdict.6", "B is better", "Y");
    add("compare.verdict.7", "B is much better", "U");
    add("compare.bothBad", "Both are bad (toggle)", "X");
    add("compare.raw", "Show raw text / rendered Markdown", "M");
    add("compare.syncScroll", "Scroll responses together (toggle)", "S");
    add("compare.diff", "Word diff of two responses (toggle)", "Shift+D");
    add("compare.critique", "Write the critique", "C");
    add("compare.rewrite", "Write a rewrite of the ideal response", "Shift+C");
    add("compare.rubric", "Score the rubric", "G");
    add("compare.ranking", "Rank the responses", "K");
    add("compare.nextResponse", "Focus the next response", "]");
    add("compare.previousResponse", "Focus the previous response", "[");
    for (int n = 1; n <= 9; ++n) {
        keys.bindings.append({QStringLiteral("compare.flag.%1").arg(n), QString(),
                              tr("Flag the selected text with label %1").arg(n),
                              QKeySequence(QString::number(n))});
    }
    return keys;
}

}  // namespace postil
