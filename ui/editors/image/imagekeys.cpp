#include "editors/image/imageeditor.h"

namespace postil {

// The image editor's keys (context "image"): one key per gesture, as in
// labelImg; the bare digits pick box labels. Registered with the editor
// (builtineditors.cpp).
Keymap::EditorKeys ImageEditor::keyTable() {
    Keymap::EditorKeys keys;
    keys.placesLabels = true;
    auto add = [&](const char* id, const char* text, const char* key) {
        keys.bindings.append(
            {QLatin1String(id), QString(), tr(text), QKeySequence(QLatin1String(key))});
    };
    add("image.draw", "Draw a box", "W");
    add("image.previousTask", "Previous image task", "A");
    add("image.nextTask", "Next image task", "D");
    add("image.delete", "Delete the selected boxes", "Delete");
    add("image.duplicate", "Duplicate the selected boxes", "Ctrl+D");
    add("image.selectAll", "Select all boxes", "Ctrl+A");
    add("image.copyPrevious", "Copy the boxes of the previous task", "Ctrl+P");
    add("image.acceptProposals", "Accept all proposed boxes", "Shift+A");
    add("image.acceptProposal", "Accept the proposed box under the cursor (else the next)", "E");
    add("image.rejectProposal", "Reject the proposed box under the cursor (else the next)", "X");
    add("image.toggleProposals", "Show or hide proposed boxes", "P");
    add("image.nextBox", "Select the next box", "Tab");
    add("image.previousBox", "Select the previous box", "Shift+Tab");
    add("image.nudgeLeft", "Move left 1 px", "Left");
    add("image.nudgeRight", "Move right 1 px", "Right");
    add("image.nudgeUp", "Move up 1 px", "Up");
    add("image.nudgeDown", "Move down 1 px", "Down");
    add("image.nudgeLeft10", "Move left 10 px", "Shift+Left");
    add("image.nudgeRight10", "Move right 10 px", "Shift+Right");
    add("image.nudgeUp10", "Move up 10 px", "Shift+Up");
    add("image.nudgeDown10", "Move down 10 px", "Shift+Down");
    add("image.zoomIn", "Zoom in", "+");
    add("image.zoomOut", "Zoom out", "-");
    add("image.fit", "Fit the image to the window", "F");
    add("image.actualSize", "Zoom to 1:1", "Ctrl+0");
    add("image.palette", "Pick a label by name", "Ctrl+K");
    add("image.toggleNames", "Show or hide label names on boxes", "T");
    add("image.cancel", "Cancel drawing / clear the selection", "Escape");
    for (int n = 1; n <= 9; ++n) {
        keys.bindings.append({QStringLiteral("image.label.%1").arg(n), QString(),
                              tr("Label %1 for the selection or the next box").arg(n),
                              QKeySequence(QString::number(n))});
    }
    return keys;
}

}  // namespace postil
