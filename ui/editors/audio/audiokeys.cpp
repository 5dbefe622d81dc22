#include "editors/audio/audioeditor.h"

namespace postil {

// The audio editor's keys (context "audio"). Every one holds while the focus
// is anywhere inside the editor, the transcript field included, so none is a
// key that types: the transport keys are oTranscribe's (Esc, F1–F4, Ctrl+J),
// the rest take Ctrl or Alt, or keys a one-line field does not need (PgUp,
// PgDown). Speakers are Alt+digit: the bare digits type into the transcript
// and, with the focus elsewhere, answer the questions (placesLabels false).
// Registered with the editor (builtineditors.cpp); TransportKeys claims them.
Keymap::EditorKeys AudioEditor::keyTable() {
    Keymap::EditorKeys keys;
    keys.placesLabels = false;
    auto add = [&](const char* id, const char* text, const char* key) {
        Keymap::Binding binding{QLatin1String(id), QString(), tr(text),
                                QKeySequence(QLatin1String(key))};
        binding.insideEditor = true;
        keys.bindings.append(binding);
    };
    add("audio.playPause", "Play or pause (resuming a little earlier)", "Escape");
    add("audio.back", "Skip back", "F1");
    add("audio.forward", "Skip forward", "F2");
    add("audio.slower", "Slower (pitch kept)", "F3");
    add("audio.faster", "Faster (pitch kept)", "F4");
    add("audio.insertTime", "Insert the playhead's time into the text", "Ctrl+J");
    add("audio.playSegment", "Play the selected segment", "F5");
    add("audio.loopSegment", "Loop the selected segment (again: stop looping)", "Shift+F5");
    add("audio.playSelection", "Play the range selected on the waveform", "F6");
    add("audio.previousSegment", "Previous segment (the playhead goes to its start)", "PgUp");
    add("audio.nextSegment", "Next segment (the playhead goes to its start)", "PgDown");
    add("audio.mark",
        "Segment: mark its start at the playhead, then its end (or make one of the selected "
        "range)",
        "Ctrl+M");
    add("audio.split", "Split the segment at the playhead", "Ctrl+B");
    add("audio.merge", "Merge the selected segment with the speaker's next", "Ctrl+Shift+M");
    add("audio.delete", "Delete the selected segment", "Ctrl+Shift+D");
    // Function keys, like the transport: Alt+arrows go from task to task in
    // the shell, and Ctrl/Shift+arrows select in the transcript field.
    add("audio.startLater", "Move the selected segment's start 20 ms later", "F7");
    add("audio.startEarlier", "Move the selected segment's start 20 ms earlier", "Shift+F7");
    add("audio.endLater", "Move the selected segment's end 20 ms later", "F8");
    add("audio.endEarlier", "Move the selected segment's end 20 ms earlier", "Shift+F8");
    add("audio.volumeDown", "Volume down", "F9");
    add("audio.volumeUp", "Volume up", "F10");
    add("audio.zoomIn", "Zoom in", "Ctrl+=");
    add("audio.zoomOut", "Zoom out", "Ctrl+-");
    add("audio.zoomAll", "Show the whole file", "Ctrl+0");
    add("audio.spectrogram", "Show the spectrogram instead of the wave (zoomed in)",
        "Ctrl+Shift+S");
    add("audio.acceptProposals",
        "Take the pre-filled transcript, or every proposed segment left, as yours", "Ctrl+Shift+A");
    add("audio.acceptProposal",
        "Take the proposed segment at the playhead (pre-filled: the selected one)", "Ctrl+Shift+E");
    add("audio.rejectProposal",
        "Reject the proposed segment at the playhead (pre-filled: the selected one)",
        "Ctrl+Shift+X");
    add("audio.toggleProposals", "Show or hide proposed segments", "Ctrl+Shift+P");
    for (int n = 1; n <= 9; ++n) {
        Keymap::Binding binding{
            QStringLiteral("audio.speaker.%1").arg(n), QString(),
            tr("Speaker %1 (for the selected segment and the next one made)").arg(n),
            QKeySequence(QStringLiteral("Alt+%1").arg(n))};
        binding.insideEditor = true;
        keys.bindings.append(binding);
    }
    return keys;
}

}  // namespace postil
