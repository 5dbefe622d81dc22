#include "editors/text/texteditor.h"

namespace postil {

// The text editor's keys (context "text"). The bare digits label the
// selection; moving the caret and selecting (arrows, Shift and Alt+Shift
// with the arrows, Home, End) are the view's own keys, as in any text view.
// Registered with the editor (builtineditors.cpp).
Keymap::EditorKeys TextEditor::keyTable() {
    Keymap::EditorKeys keys;
    keys.placesLabels = true;
    auto add = [&](const char* id, const char* text, const char* key) {
        keys.bindings.append(
            {QLatin1String(id), QString(), tr(text), QKeySequence(QLatin1String(key))});
    };
    add("text.nextSpan", "Select the next span", "Tab");
    add("text.previousSpan", "Select the previous span", "Shift+Tab");
    add("text.delete", "Delete the selected span (or relation)", "Delete");
    add("text.relation",
        "Start a relation from the selected span (then the target, then its label)", "R");
    add("text.palette", "Label the selection with a label picked by name", "Ctrl+K");
    add("text.toggleNames", "Show or hide label names over the spans", "T");
    add("text.cancel", "Clear the selection", "Escape");
    add("text.acceptProposals",
        "Copy every proposed span (an import's pre-annotation, another annotator's)", "Shift+A");
    add("text.acceptProposal", "Copy the proposed span at the caret (else the next)", "E");
    add("text.rejectProposal", "Reject the proposed span at the caret (else the next)", "X");
    add("text.toggleProposals", "Show or hide proposed spans", "P");
    // Inside the editor Ctrl+F finds in the text; elsewhere it filters the
    // task list (Keymap::Binding::insideEditor).
    Keymap::Binding find{QStringLiteral("text.find"), QString(),
                         tr("Find in the text (plain or regular expression), label all matches"),
                         QKeySequence(QStringLiteral("Ctrl+F"))};
    find.insideEditor = true;
    keys.bindings.append(find);
    for (int n = 1; n <= 9; ++n) {
        keys.bindings.append({QStringLiteral("text.label.%1").arg(n), QString(),
                              tr("Label %1 for the selection (or the selected span)").arg(n),
                              QKeySequence(QString::number(n))});
    }
    return keys;
}

}  // namespace postil
