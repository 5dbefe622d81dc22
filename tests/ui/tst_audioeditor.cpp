#include <QAction>
#include <QApplication>
#include <QComboBox>
#include <QDir>
#include <QJsonArray>
#include <QPlainTextEdit>
#include <QSignalSpy>
#include <QSlider>
#include <QTableView>
#include <QTemporaryDir>
#include <QUndoStack>
#include <QtTest>
#include <memory>

#include "audio/audioplayer.h"
#include "document/taskdocument.h"
#include "editors/audio/audioeditor.h"
#include "editors/audio/segmentlistmodel.h"
#include "editors/audio/transcriptpanel.h"
#include "editors/audio/transportkeys.h"
#include "editors/audio/waveformview.h"
#include "keys/keymap.h"
#include "media/waveformloader.h"
#include "model/project.h"
#include "testsupport.h"
#include "widgets/proposalbar.h"
#include "widgettestsupport.h"

using namespace postil;

namespace {

const char* const kSchema = R"({
  "labels": [{"name": "Ana", "color": "#e6194b", "kinds": ["audio"]},
             {"name": "box", "kinds": ["image"]},
             {"name": "Ben", "color": "#4363d8", "kinds": ["audio"]}],
  "attributes": [{"name": "noise", "type": "flag", "kinds": ["audio"]}],
  "questions": [{"name": "audio quality", "type": "single", "kinds": ["audio"],
                 "options": ["clear", "noisy"]}]
})";

// A segment as the project file holds it, for comparing in one line:
// "start-end speaker: text".
QString line(const QJsonObject& s) {
    return QStringLiteral("%1-%2 %3: %4")
        .arg(qint64(s.value(QStringLiteral("start_ms")).toDouble()))
        .arg(qint64(s.value(QStringLiteral("end_ms")).toDouble()))
        .arg(s.value(QStringLiteral("speaker")).toString(),
             s.value(QStringLiteral("text")).toString());
}

}  // namespace

class TestAudioEditor : public QObject {
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    QTemporaryDir m_settingsDir;
    QString m_path;
    std::unique_ptr<Project> m_project;
    std::unique_ptr<AudioEditor> m_editor;
    std::unique_ptr<TaskDocument> m_document;
    int m_taskCount = 0;

    WaveformView* view() const { return m_editor->waveform(); }
    QPlainTextEdit* textField() const { return m_editor->transcript()->textEdit(); }

    std::unique_ptr<TaskDocument> makeDocument(const QString& audio) {
        const Task task = addTask(*m_project, QStringLiteral("audio-%1").arg(++m_taskCount),
                                  TaskKind::Audio, {{QStringLiteral("audio"), audio}});
        return std::make_unique<TaskDocument>(*m_project, task);
    }

    void open(const QString& audio) {
        m_editor->setDocument(nullptr);
        m_document = makeDocument(audio);
        show(m_document.get());
        m_editor->setSpeakerKey(1);  // new segments are Ana's
        m_editor->setSkipSeconds(2);
    }

    void show(TaskDocument* document) {
        m_editor->setDocument(document);
        m_editor->widget()->activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(m_editor->widget()));
        m_editor->focusEditor();
    }

    // The task's segments as a fresh connection reads them from the file.
    QStringList stored(const QString& taskUid = QString()) {
        auto project = Project::open(m_path);
        if (!project.ok())
            return {QStringLiteral("error: ") + project.error()};
        auto row = (*project)->annotations().get(
            taskUid.isEmpty() ? m_document->task().uid : taskUid, (*project)->annotator());
        if (!row || row->deleted)
            return {};
        QStringList segments;
        for (const QJsonValue& value : row->result.value(QStringLiteral("segments")).toArray())
            segments << line(value.toObject());
        return segments;
    }

    QJsonObject storedSegment(int index) {
        auto project = Project::open(m_path);
        auto row = (*project)->annotations().get(m_document->task().uid, (*project)->annotator());
        return row ? row->result.value(QStringLiteral("segments")).toArray().at(index).toObject()
                   : QJsonObject();
    }

    // A key as the hand presses it, to whatever has the focus.
    void key(int code, Qt::KeyboardModifiers modifiers = Qt::NoModifier) {
        QWidget* target = QApplication::focusWidget() ? QApplication::focusWidget() : view();
        QTest::keyClick(target, Qt::Key(code), modifiers);
    }
    void type(const QString& text) {
        QVERIFY(textField()->hasFocus());
        QTest::keyClicks(textField(), text);
    }

    QPoint at(qint64 ms, int lane) const {
        return QPoint(int(std::lround(view()->xOfMs(ms))), view()->laneRect(lane).center().y());
    }
    void drag(const QPoint& a, const QPoint& b) {
        QTest::mousePress(view(), Qt::LeftButton, Qt::NoModifier, a);
        for (int step = 1; step <= 6; ++step) {
            QMouseEvent move(QEvent::MouseMove, a + (b - a) * step / 6,
                             view()->mapToGlobal(a + (b - a) * step / 6), Qt::NoButton,
                             Qt::LeftButton, Qt::NoModifier);
            QApplication::sendEvent(view(), &move);
        }
        QTest::mouseRelease(view(), Qt::LeftButton, Qt::NoModifier, b);
    }

    void grab(const QString& name) {
        const QString dir = qEnvironmentVariable("POSTIL_GRAB_DIR");
        if (dir.isEmpty())
            return;
        QDir().mkpath(dir);
        QCoreApplication::processEvents();
        m_editor->widget()->grab().save(QDir(dir).filePath(name + QStringLiteral(".png")));
    }

    void waitForWaveform() {
        QTRY_VERIFY_WITH_TIMEOUT(!m_editor->loader()->isLoading(), 10000);
        QVERIFY(m_editor->loader()->waitForCacheWrites(10000));
    }

private Q_SLOTS:
    void initTestCase() {
        isolateSettings(m_settingsDir.path());
        QVERIFY(m_dir.isValid());
        m_path = m_dir.filePath(QStringLiteral("audio.postil"));
        m_project = makeProject(m_path, kSchema);
        // Twelve seconds at 16 kHz: long enough for three segments at 2 s steps.
        QVERIFY(writeWav(m_dir.filePath(QStringLiteral("clip.wav")), 16000, 1, 12 * 16000));
        m_editor = std::make_unique<AudioEditor>();
        QVERIFY(showActive(m_editor->widget(), QSize(1200, 760)));
    }

    void cleanup() {
        m_editor->setDocument(nullptr);
        m_document.reset();
    }

    void cleanupTestCase() { m_editor.reset(); }

    void keysAreRegisteredAndFree() {
        const Keymap& keymap = Keymap::instance();
        QVERIFY(keymap.editorContexts().contains(QStringLiteral("audio")));
        QVERIFY2(keymap.collisions().isEmpty(),
                 qPrintable(keymap.collisions().join(QStringLiteral("; "))));
        QCOMPARE(keymap.key(QStringLiteral("audio.playPause")), QKeySequence(Qt::Key_Escape));
        QCOMPARE(keymap.key(QStringLiteral("audio.insertTime")),
                 QKeySequence(QStringLiteral("Ctrl+J")));
        QVERIFY(!keymap.placesLabels(QStringLiteral("audio")));
    }

    // The issue's walk: three segments, two speakers, from the keyboard,
    // typed and corrected; split, merge, a boundary dragged, a delete;
    // undo and redo; each step read back from the project file.
    void cutsTypesAndEditsFromTheKeyboard() {
        open(QStringLiteral("clip.wav"));
        waitForWaveform();
        QVERIFY2(m_editor->noticeText().isEmpty() || !m_editor->player()->hasDevice(),
                 qPrintable(m_editor->noticeText()));
        m_editor->setSkipSeconds(2);
        QCOMPARE(m_editor->playheadMs(), 0);

        // One: Ctrl+M at 0, F2 (2 s on), Ctrl+M: Ana's by default.
        key(Qt::Key_M, Qt::ControlModifier);
        key(Qt::Key_F2);
        QCOMPARE(m_editor->playheadMs(), 2000);
        key(Qt::Key_M, Qt::ControlModifier);
        QCOMPARE(stored(), QStringList{QStringLiteral("0-2000 Ana: ")});
        type(QStringLiteral("hello therr"));
        // Typing is on disk within a second of the first key, as one step.
        QTRY_COMPARE_WITH_TIMEOUT(stored(), QStringList{QStringLiteral("0-2000 Ana: hello therr")},
                                  1200);
        // Two: 2 s to 6 s, given to Ben with Alt+2.
        key(Qt::Key_M, Qt::ControlModifier);
        key(Qt::Key_F2);
        key(Qt::Key_F2);
        key(Qt::Key_M, Qt::ControlModifier);
        key(Qt::Key_2, Qt::AltModifier);
        type(QStringLiteral("hi ana"));
        // Three: 6 s to 8 s, made as Ben's (the speaker last chosen), then Ana's.
        key(Qt::Key_M, Qt::ControlModifier);
        key(Qt::Key_F2);
        key(Qt::Key_M, Qt::ControlModifier);
        QCOMPARE(m_editor->segments().value(2).speaker, QStringLiteral("Ben"));
        key(Qt::Key_1, Qt::AltModifier);
        type(QStringLiteral("bye"));
        QTRY_COMPARE_WITH_TIMEOUT(stored(),
                                  (QStringList{QStringLiteral("0-2000 Ana: hello therr"),
                                               QStringLiteral("2000-6000 Ben: hi ana"),
                                               QStringLiteral("6000-8000 Ana: bye")}),
                                  1200);
        grab(QStringLiteral("three-segments"));

        // Correct the first: PgUp twice, then fix the typo in place.
        key(Qt::Key_PageUp);
        key(Qt::Key_PageUp);
        QCOMPARE(m_editor->selectedSegment(), 0);
        QCOMPARE(m_editor->playheadMs(), 0);
        QCOMPARE(textField()->toPlainText(), QStringLiteral("hello therr"));
        textField()->setFocus();
        textField()->moveCursor(QTextCursor::End);
        key(Qt::Key_Backspace);
        type(QStringLiteral("e"));
        // A key of the editor writes the typing first: no waiting.
        key(Qt::Key_PageDown);
        QCOMPARE(stored().value(0), QStringLiteral("0-2000 Ana: hello there"));
        QCOMPARE(m_editor->selectedSegment(), 1);
        QCOMPARE(m_editor->playheadMs(), 2000);

        // Split Ben's at 4 s (the caret at the end: the text stays left).
        key(Qt::Key_F2);
        key(Qt::Key_B, Qt::ControlModifier);
        QCOMPARE(stored(), (QStringList{QStringLiteral("0-2000 Ana: hello there"),
                                        QStringLiteral("2000-4000 Ben: hi ana"),
                                        QStringLiteral("4000-6000 Ben: "),
                                        QStringLiteral("6000-8000 Ana: bye")}));
        type(QStringLiteral("how are you"));
        // Merge them again: the first piece, Ctrl+Shift+M.
        key(Qt::Key_PageUp);
        QCOMPARE(m_editor->selectedSegment(), 1);
        key(Qt::Key_M, Qt::ControlModifier | Qt::ShiftModifier);
        QCOMPARE(stored(), (QStringList{QStringLiteral("0-2000 Ana: hello there"),
                                        QStringLiteral("2000-6000 Ben: hi ana how are you"),
                                        QStringLiteral("6000-8000 Ana: bye")}));

        // Drag the end of Ana's first segment from 2 s to 1.5 s in her lane,
        // at 10 ms a pixel (160 frames of 16 kHz) so pixels are whole times.
        QVERIFY(view()->width() <= 1200);
        view()->setFramesPerPixel(160);
        view()->scrollToFrame(0);
        drag(at(2000, 0) + QPoint(1, 0), at(1500, 0));
        QCOMPARE(stored().value(0), QStringLiteral("0-1500 Ana: hello there"));
        // Dragged near Ben's start (2000) it snaps onto it.
        drag(at(1500, 0), at(1995, 0));
        QCOMPARE(stored().value(0), QStringLiteral("0-2000 Ana: hello there"));
        // Past Ana's next segment it stops at its start: no overlap.
        drag(at(8000, 0), at(11000, 0) + QPoint(0, 0));
        QCOMPARE(stored().value(2), QStringLiteral("6000-11000 Ana: bye"));
        drag(at(11000, 0), at(8000, 0));
        QCOMPARE(stored().value(2), QStringLiteral("6000-8000 Ana: bye"));

        // A segment dragged in Ben's lane; another in Ana's over her own is
        // clamped to her free time, and says so.
        drag(at(9000, 1), at(11000, 1));
        QCOMPARE(stored().value(3), QStringLiteral("9000-11000 Ben: "));
        drag(at(9500, 0), at(7000, 0));
        QCOMPARE(stored().value(3), QStringLiteral("8000-9500 Ana: "));
        QVERIFY2(m_editor->statusText().contains(QStringLiteral("shortened")),
                 qPrintable(m_editor->statusText()));
        // Ben cannot take it: he speaks from 9 s.
        key(Qt::Key_2, Qt::AltModifier);
        QCOMPARE(stored().value(3), QStringLiteral("8000-9500 Ana: "));
        QVERIFY2(m_editor->statusText().contains(QStringLiteral("may not overlap")),
                 qPrintable(m_editor->statusText()));
        // Delete it, and Ben's too.
        key(Qt::Key_D, Qt::ControlModifier | Qt::ShiftModifier);
        QCOMPARE(stored().size(), 4);
        m_editor->selectSegment(3);
        key(Qt::Key_D, Qt::ControlModifier | Qt::ShiftModifier);
        const QStringList final{QStringLiteral("0-2000 Ana: hello there"),
                                QStringLiteral("2000-6000 Ben: hi ana how are you"),
                                QStringLiteral("6000-8000 Ana: bye")};
        QCOMPARE(stored(), final);

        // An attribute of the schema on the selected segment.
        m_editor->selectSegment(1);
        m_editor->setAttribute(QStringLiteral("noise"), true);
        QCOMPARE(storedSegment(1).value(QStringLiteral("attrs")).toObject(),
                 QJsonObject({{QStringLiteral("noise"), true}}));

        // Undo steps back one gesture at a time, on disk; redo comes back.
        QUndoStack* undo = m_document->undoStack();
        undo->undo();  // the attribute
        undo->undo();  // Ben's delete
        QCOMPARE(stored().size(), 4);
        QCOMPARE(stored().value(3), QStringLiteral("9000-11000 Ben: "));
        QCOMPARE(m_editor->segments().size(), 4);
        undo->redo();
        QCOMPARE(stored(), final);
        QCOMPARE(m_editor->segments().size(), 3);

        // A task switch keeps each task's history: away and back, undo goes on.
        auto other = makeDocument(QStringLiteral("clip.wav"));
        show(other.get());
        QCOMPARE(m_editor->segments().size(), 0);
        key(Qt::Key_M, Qt::ControlModifier);
        key(Qt::Key_F2);
        key(Qt::Key_M, Qt::ControlModifier);
        type(QStringLiteral("other"));
        show(m_document.get());  // leaving writes the typing
        QCOMPARE(stored(other->task().uid), QStringList{QStringLiteral("0-2000 Ana: other")});
        QCOMPARE(m_editor->segments().size(), 3);
        undo->undo();  // Ana's delete, from before the switch
        QCOMPARE(stored().size(), 4);
        QCOMPARE(m_editor->segments().size(), 4);
        undo->redo();
        QCOMPARE(stored(), final);
        m_editor->setDocument(nullptr);
    }

    void typingBurstIsOneUndoStep() {
        open(QStringLiteral("clip.wav"));
        key(Qt::Key_M, Qt::ControlModifier);
        key(Qt::Key_F2);
        key(Qt::Key_M, Qt::ControlModifier);
        const int before = m_document->undoStack()->count();
        type(QStringLiteral("one burst of typing"));
        QTRY_COMPARE_WITH_TIMEOUT(stored().value(0),
                                  QStringLiteral("0-2000 Ana: one burst of typing"), 1200);
        QCOMPARE(m_document->undoStack()->count(), before + 1);
        m_document->undoStack()->undo();
        QCOMPARE(stored().value(0), QStringLiteral("0-2000 Ana: "));
        QCOMPARE(textField()->toPlainText(), QString());
    }

    // F7 and Shift+F7 nudge the selected segment's start later and earlier,
    // F8 and Shift+F8 its end, 20 ms a press, while typing too; each press
    // one undo step; Alt+arrows still go from task to task.
    void nudgesBoundariesFromTheKeyboard() {
        open(QStringLiteral("clip.wav"));
        key(Qt::Key_M, Qt::ControlModifier);
        key(Qt::Key_F2);
        key(Qt::Key_M, Qt::ControlModifier);
        QCOMPARE(stored(), QStringList{QStringLiteral("0-2000 Ana: ")});
        textField()->setFocus();
        key(Qt::Key_F7);
        key(Qt::Key_F7);
        key(Qt::Key_F8, Qt::ShiftModifier);
        QCOMPARE(stored(), QStringList{QStringLiteral("40-1980 Ana: ")});
        QVERIFY(textField()->toPlainText().isEmpty());  // nothing typed
        // The start cannot go before the file's start.
        for (int i = 0; i < 5; ++i)
            key(Qt::Key_F7, Qt::ShiftModifier);
        QCOMPARE(stored(), QStringList{QStringLiteral("0-1980 Ana: ")});
        m_document->undoStack()->undo();
        QCOMPARE(stored(), QStringList{QStringLiteral("20-1980 Ana: ")});
        for (const char* id :
             {"audio.startLater", "audio.startEarlier", "audio.endLater", "audio.endEarlier"})
            QVERIFY(!Keymap::instance()
                         .key(QLatin1String(id))
                         .toString()
                         .contains(QStringLiteral("Alt")));
    }

    void insertsTheTimeAndSteersWhileTyping() {
        open(QStringLiteral("clip.wav"));
        m_editor->setSkipSeconds(1.5);
        key(Qt::Key_M, Qt::ControlModifier);
        key(Qt::Key_F2);
        key(Qt::Key_F2);
        key(Qt::Key_M, Qt::ControlModifier);
        QCOMPARE(stored().value(0), QStringLiteral("0-3000 Ana: "));
        key(Qt::Key_F1);
        QCOMPARE(m_editor->playheadMs(), 1500);
        type(QStringLiteral("at "));
        key(Qt::Key_J, Qt::ControlModifier);
        type(QStringLiteral("yes"));
        QTRY_COMPARE_WITH_TIMEOUT(stored().value(0),
                                  QStringLiteral("0-3000 Ana: at [0:01.500] yes"), 1200);
        // Speed steps keep to 0.5x..2x; F-keys never type into the field.
        const double speed = m_editor->player()->speed();
        key(Qt::Key_F3);
        QVERIFY(m_editor->player()->speed() < speed);
        key(Qt::Key_F4);
        key(Qt::Key_F4);
        QVERIFY(m_editor->player()->speed() > speed);
        QCOMPARE(textField()->toPlainText(), QStringLiteral("at [0:01.500] yes"));
        // A rebinding holds at once (a foot pedal sending F12, say: a key
        // no other action has, or the shortcut would be ambiguous).
        Keymap::instance().setKey(QStringLiteral("audio.back"), QKeySequence(Qt::Key_F12));
        key(Qt::Key_F12);
        QCOMPARE(m_editor->playheadMs(), 0);
        Keymap::instance().setKey(QStringLiteral("audio.back"), QKeySequence(Qt::Key_F1));
        // Escape plays or pauses; without a device it says why, and stays.
        key(Qt::Key_Escape);
        QVERIFY(textField()->hasFocus());
        if (!m_editor->player()->hasDevice())
            QVERIFY2(m_editor->statusText().contains(m_editor->player()->deviceProblem()),
                     qPrintable(m_editor->statusText()));
        else
            key(Qt::Key_Escape);
    }

    void clickSeeksAndWheelZoomsToSamples() {
        open(QStringLiteral("clip.wav"));
        waitForWaveform();
        const QRect wave = view()->waveRect();
        QTest::mouseClick(view(), Qt::LeftButton, Qt::NoModifier,
                          QPoint(int(view()->xOfMs(5000)), wave.center().y()));
        QVERIFY(qAbs(m_editor->playheadMs() - 5000) <= 15);
        QCOMPARE(stored(), QStringList());  // a seek writes nothing
        // The wheel zooms at the pointer: the time there stays there.
        const QPoint pointer(wave.width() / 3, wave.center().y());
        const qint64 under = view()->msAt(pointer.x());
        for (int i = 0; i < 40; ++i) {
            QWheelEvent wheel(pointer, view()->mapToGlobal(pointer), QPoint(), QPoint(0, 120),
                              Qt::NoButton, Qt::NoModifier, Qt::NoScrollPhase, false);
            QApplication::sendEvent(view(), &wheel);
        }
        QVERIFY(qAbs(view()->msAt(pointer.x()) - under) <= 1);
        QCOMPARE(view()->framesPerPixel(), WaveformView::kMinFpp);
        view()->repaint();
        QCOMPARE(view()->lastPaintSource(), QStringLiteral("samples"));
        grab(QStringLiteral("samples"));
        // The spectrogram where the samples are held; zoomed out, a note.
        key(Qt::Key_S, Qt::ControlModifier | Qt::ShiftModifier);
        QVERIFY(view()->showsSpectrogram());
        view()->setFramesPerPixel(64);
        view()->repaint();
        QCOMPARE(view()->lastPaintSource(), QStringLiteral("spectrogram"));
        grab(QStringLiteral("spectrogram"));
        key(Qt::Key_S, Qt::ControlModifier | Qt::ShiftModifier);
        QVERIFY(!view()->showsSpectrogram());
        // Ctrl+0: the whole file again (twelve seconds over the width are
        // still fewer than 256 frames a pixel, so samples are drawn).
        key(Qt::Key_0, Qt::ControlModifier);
        QCOMPARE(view()->framesPerPixel(), double(view()->lengthFrames()) / view()->width());
    }

    void missingFileKeepsTheTranscriptEditable() {
        open(QStringLiteral("gone/missing.wav"));
        QTRY_VERIFY(m_editor->noticeText().contains(QStringLiteral("missing.wav")));
        QVERIFY(!m_editor->mediaProblem().isEmpty());
        key(Qt::Key_M, Qt::ControlModifier);
        key(Qt::Key_F2);
        key(Qt::Key_M, Qt::ControlModifier);
        type(QStringLiteral("still typed"));
        QTRY_COMPARE_WITH_TIMEOUT(stored(), QStringList{QStringLiteral("0-2000 Ana: still typed")},
                                  1200);
        grab(QStringLiteral("missing"));
    }

    void corruptFileSaysSo() {
        writeFile(m_dir.filePath(QStringLiteral("bad.wav")),
                  QByteArray("RIFF\x10\0\0\0WAVEjunk", 16));
        open(QStringLiteral("bad.wav"));
        QTRY_VERIFY(m_editor->noticeText().contains(QStringLiteral("bad.wav")));
        key(Qt::Key_M, Qt::ControlModifier);
        key(Qt::Key_F2);
        key(Qt::Key_M, Qt::ControlModifier);
        QCOMPARE(stored().size(), 1);
    }

    // Short-clip checking: an import's transcript is shown as the start,
    // corrected in place, accepted.
    void prefilledTranscriptIsCorrectedInPlace() {
        const Task task = addTask(*m_project, QStringLiteral("clip-prefilled"), TaskKind::Audio,
                                  {{QStringLiteral("audio"), QStringLiteral("clip.wav")}});
        addAnnotation(*m_project, task.uid, QStringLiteral("asr"), AnnotationStatus::Draft,
                      jsonObject(R"({"segments": [
                          {"start_ms": 0, "end_ms": 1800, "speaker": "Ana", "text": "helo"},
                          {"start_ms": 2000, "end_ms": 4000, "speaker": "Ben", "text": "fine"}]})"));
        m_document = std::make_unique<TaskDocument>(*m_project, task);
        show(m_document.get());
        QVERIFY(m_editor->showsPrefill());
        QVERIFY(m_editor->noticeText().contains(QStringLiteral("asr")));
        QCOMPARE(m_editor->segments().size(), 2);
        QCOMPARE(stored(), QStringList());  // nothing is the annotator's yet
        m_editor->selectSegment(0);
        textField()->setFocus();
        textField()->moveCursor(QTextCursor::End);
        key(Qt::Key_Left);
        type(QStringLiteral("l"));
        QTRY_COMPARE_WITH_TIMEOUT(stored(),
                                  (QStringList{QStringLiteral("0-1800 Ana: hello"),
                                               QStringLiteral("2000-4000 Ben: fine")}),
                                  1200);
        QVERIFY(!m_editor->showsPrefill());
        // The import's own row is never written.
        auto rows = m_project->annotations().proposals(task.uid, m_project->annotator());
        QCOMPARE(rows.size(), 1);
        QCOMPARE(rows[0]
                     .result.value(QStringLiteral("segments"))
                     .toArray()[0]
                     .toObject()
                     .value(QStringLiteral("text")),
                 QJsonValue(QStringLiteral("helo")));

        // Another clip taken as it is with Accept.
        const Task second = addTask(*m_project, QStringLiteral("clip-accepted"), TaskKind::Audio,
                                    {{QStringLiteral("audio"), QStringLiteral("clip.wav")}});
        addAnnotation(*m_project, second.uid, QStringLiteral("asr"), AnnotationStatus::Draft,
                      jsonObject(R"({"segments": [{"start_ms": 0, "end_ms": 900,
                                    "speaker": "Ana", "text": "ok"}]})"));
        m_document = std::make_unique<TaskDocument>(*m_project, second);
        show(m_document.get());
        QSignalSpy submit(m_editor.get(), &TaskEditor::submitRequested);
        QAction* accept = m_editor->widget()->findChild<QAction*>(QStringLiteral("acceptButton"));
        QVERIFY(accept);
        accept->trigger();
        QCOMPARE(submit.size(), 1);
        QCOMPARE(stored(), QStringList{QStringLiteral("0-900 Ana: ok")});

        // Skipping a pre-filled clip does not make the transcript the
        // annotator's; submitting does.
        const Task third = addTask(*m_project, QStringLiteral("clip-skipped"), TaskKind::Audio,
                                   {{QStringLiteral("audio"), QStringLiteral("clip.wav")}});
        addAnnotation(*m_project, third.uid, QStringLiteral("asr"), AnnotationStatus::Draft,
                      jsonObject(R"({"segments": [{"start_ms": 0, "end_ms": 700,
                                    "speaker": "Ben", "text": "no"}]})"));
        m_document = std::make_unique<TaskDocument>(*m_project, third);
        show(m_document.get());
        QVERIFY(m_editor->showsPrefill());
        m_editor->commitPending(TaskEditor::Pending::Skip);
        QCOMPARE(stored(), QStringList());
        QVERIFY(m_editor->showsPrefill());
        m_editor->commitPending(TaskEditor::Pending::Submit);
        QCOMPARE(stored(), QStringList{QStringLiteral("0-700 Ben: no")});
    }

    // A model's segments (issue 15): pre-filled while the annotator has
    // nothing, dashed with their scores; the threshold hides the weak one;
    // one is taken by the key at the playhead and the rest become a layer
    // beside it; one is rejected for good (undoable), the rest taken at once;
    // submitting counts what the model's proposals were worth.
    void modelProposalsTakenOneByOneAndCounted() {
        const Task task = addTask(*m_project, QStringLiteral("clip-model"), TaskKind::Audio,
                                  {{QStringLiteral("audio"), QStringLiteral("clip.wav")}});
        addAnnotation(*m_project, task.uid, QStringLiteral("model:asr"), AnnotationStatus::Draft,
                      jsonObject(R"({"segments": [
            {"start_ms": 0, "end_ms": 1500, "speaker": "Ana", "text": "one", "score": 0.9},
            {"start_ms": 2000, "end_ms": 3500, "speaker": "Ben", "text": "two", "score": 0.4},
            {"start_ms": 4000, "end_ms": 5500, "speaker": "Ana", "text": "three", "score": 0.95},
            {"start_ms": 6000, "end_ms": 7000, "speaker": "Ana", "text": "four", "score": 0.8}],
            "model": {"at": "run-1"}})"));
        m_document = std::make_unique<TaskDocument>(*m_project, task);
        show(m_document.get());
        waitForWaveform();
        view()->zoomAll();
        QVERIFY(m_editor->showsPrefill());
        QVERIFY(view()->segmentsProposed());
        QCOMPARE(m_editor->segments().size(), 4);
        QVERIFY(m_editor->proposalBar()->isVisible());
        QVERIFY(m_editor->proposalBar()->summary().contains(QStringLiteral("model:asr")));

        // The threshold slider hides Ben's 0.4.
        m_editor->proposalBar()->slider()->setValue(50);
        QCOMPARE(m_editor->segments().size(), 3);
        QVERIFY(m_editor->proposalBar()->summary().contains(QStringLiteral("1 hidden")));
        QCOMPARE(stored(), QStringList());

        // Pre-filled, a click in a lane selects a segment (the playhead stays);
        // taken: only it is the annotator's, without the score.
        QTest::mouseClick(view(), Qt::LeftButton, Qt::NoModifier, at(4500, 0));
        QCOMPARE(m_editor->selectedSegment(), 1);
        QCOMPARE(m_editor->playheadMs(), 0);
        key(Qt::Key_E, Qt::ControlModifier | Qt::ShiftModifier);
        QCOMPARE(stored(), QStringList{QStringLiteral("4000-5500 Ana: three")});
        QVERIFY(!storedSegment(0).contains(QStringLiteral("score")));
        QVERIFY(!m_editor->showsPrefill());
        QVERIFY(!view()->segmentsProposed());
        QCOMPARE(m_editor->segments().size(), 1);
        QCOMPARE(m_editor->proposals().size(), 2);  // one and four, dashed beside it
        grab(QStringLiteral("audio-proposals"));

        // A click on "four" in Ana's lane puts the playhead there; X rejects it.
        QTest::mouseClick(view(), Qt::LeftButton, Qt::NoModifier, at(6500, 0));
        QVERIFY(std::abs(m_editor->playheadMs() - 6500) < 100);
        key(Qt::Key_X, Qt::ControlModifier | Qt::ShiftModifier);
        QCOMPARE(m_editor->proposals().size(), 1);
        auto row = m_project->annotations().get(task.uid, m_project->annotator());
        QCOMPARE(row->result.value(QStringLiteral("assist"))
                     .toObject()
                     .value(QStringLiteral("dismissed"))
                     .toArray(),
                 QJsonArray{3});
        QCOMPARE(stored(), QStringList{QStringLiteral("4000-5500 Ana: three")});
        m_document->undoStack()->undo();
        QCOMPARE(m_editor->proposals().size(), 2);
        m_document->undoStack()->redo();
        QCOMPARE(m_editor->proposals().size(), 1);

        // A corrected proposal does not come back beside its correction.
        m_editor->selectSegment(0);
        textField()->setFocus();
        textField()->moveCursor(QTextCursor::End);
        type(QStringLiteral("!"));
        QTRY_COMPARE_WITH_TIMEOUT(stored(), QStringList{QStringLiteral("4000-5500 Ana: three!")},
                                  1200);
        QCOMPARE(m_editor->proposals().size(), 1);

        // The rest at once: "one".
        key(Qt::Key_A, Qt::ControlModifier | Qt::ShiftModifier);
        QCOMPARE(stored(), (QStringList{QStringLiteral("0-1500 Ana: one"),
                                        QStringLiteral("4000-5500 Ana: three!")}));
        QVERIFY(m_editor->proposals().isEmpty());
        QVERIFY(m_editor->proposalBar()->summary().contains(QStringLiteral("0 proposed segments")));

        // Submitted: one taken as it was, one edited, two rejected (hidden
        // under the threshold and dismissed), none added by hand.
        m_document->submit();
        row = m_project->annotations().get(task.uid, m_project->annotator());
        const QJsonObject assist = row->result.value(QStringLiteral("assist")).toObject();
        QCOMPARE(assist.value(QStringLiteral("from")).toString(), QStringLiteral("model:asr"));
        QCOMPARE(assist.value(QStringLiteral("accepted")).toInt(), 1);
        QCOMPARE(assist.value(QStringLiteral("edited")).toInt(), 1);
        QCOMPARE(assist.value(QStringLiteral("rejected")).toInt(), 2);
        QCOMPARE(assist.value(QStringLiteral("added")).toInt(), 0);
        m_editor->proposalBar()->slider()->setValue(0);
    }

    // A proposal that overlaps the annotator's own segment of its speaker is
    // refused with a note, and Ctrl+Shift+A takes the rest around it.
    void overlappingProposalIsRefused() {
        const Task task = addTask(*m_project, QStringLiteral("clip-overlap"), TaskKind::Audio,
                                  {{QStringLiteral("audio"), QStringLiteral("clip.wav")}});
        addAnnotation(*m_project, task.uid, QStringLiteral("model:asr"), AnnotationStatus::Draft,
                      jsonObject(R"({"segments": [
            {"start_ms": 1000, "end_ms": 3000, "speaker": "Ana", "text": "late"},
            {"start_ms": 5000, "end_ms": 6000, "speaker": "Ana", "text": "free"}]})"));
        // The annotator's own segment, overlapping "late" by a third.
        addAnnotation(*m_project, task.uid, m_project->annotator(), AnnotationStatus::Draft,
                      jsonObject(R"({"segments": [{"start_ms": 0, "end_ms": 1800,
                                    "speaker": "Ana", "text": ""}]})"));
        m_document = std::make_unique<TaskDocument>(*m_project, task);
        show(m_document.get());
        QVERIFY(!m_editor->showsPrefill());
        QCOMPARE(stored(), QStringList{QStringLiteral("0-1800 Ana: ")});
        QCOMPARE(m_editor->proposals().size(), 2);
        m_editor->seekMs(2000);
        key(Qt::Key_E, Qt::ControlModifier | Qt::ShiftModifier);
        QVERIFY(m_editor->statusText().contains(QStringLiteral("overlaps")));
        QCOMPARE(stored(), QStringList{QStringLiteral("0-1800 Ana: ")});
        key(Qt::Key_A, Qt::ControlModifier | Qt::ShiftModifier);
        QCOMPARE(stored(), (QStringList{QStringLiteral("0-1800 Ana: "),
                                        QStringLiteral("5000-6000 Ana: free")}));
        QVERIFY(m_editor->statusText().contains(QStringLiteral("1 left")));
        // Hidden, the layer takes no key.
        key(Qt::Key_P, Qt::ControlModifier | Qt::ShiftModifier);
        QVERIFY(!m_editor->proposalsShown());
        QVERIFY(!m_editor->acceptProposal());
        key(Qt::Key_P, Qt::ControlModifier | Qt::ShiftModifier);
        QVERIFY(m_editor->proposalsShown());
    }

    // With an audio output (a PulseAudio null sink will do) Escape plays,
    // the row under the playhead is marked and the selection stays put.
    void playingMarksTheSegmentUnderThePlayhead() {
        open(QStringLiteral("clip.wav"));
        if (!m_editor->player()->hasDevice()) {
            // ui/tst_audioeditor_nullsink runs this with a device in every suite.
            if (qEnvironmentVariableIsSet("POSTIL_EXPECT_AUDIO_DEVICE"))
                QFAIL(qPrintable(m_editor->player()->deviceProblem()));
            QSKIP("no audio output in this run: ui/tst_audioeditor_nullsink plays");
        }
        for (int i = 0; i < 3; ++i) {
            key(Qt::Key_M, Qt::ControlModifier);
            key(Qt::Key_F2);
            key(Qt::Key_M, Qt::ControlModifier);
        }
        m_editor->selectSegment(0);
        m_editor->seekMs(2500);
        textField()->setFocus();
        key(Qt::Key_Escape);
        QTRY_VERIFY_WITH_TIMEOUT(m_editor->player()->isPlaying(), 3000);
        QTRY_VERIFY_WITH_TIMEOUT(m_editor->playheadMs() > 2500, 5000);
        QTRY_COMPARE_WITH_TIMEOUT(m_editor->transcript()->model()->playing(), 1, 5000);
        QCOMPARE(m_editor->selectedSegment(), 0);  // typing stays where it was
        QTRY_VERIFY_WITH_TIMEOUT(m_editor->playheadMs() > 4200, 8000);
        QTRY_COMPARE_WITH_TIMEOUT(m_editor->transcript()->model()->playing(), 2, 5000);
        key(Qt::Key_Escape);
        QTRY_VERIFY_WITH_TIMEOUT(!m_editor->player()->isPlaying(), 3000);
        QCOMPARE(m_editor->transcript()->model()->playing(), -1);
    }

    void transcriptListFollowsTheSegments() {
        open(QStringLiteral("clip.wav"));
        for (int i = 0; i < 3; ++i) {
            key(Qt::Key_M, Qt::ControlModifier);
            key(Qt::Key_F2);
            key(Qt::Key_M, Qt::ControlModifier);
        }
        QTableView* list = m_editor->transcript()->list();
        QCOMPARE(list->model()->rowCount(), 3);
        // A row chosen selects its segment; it plays nothing and moves no playhead.
        const qint64 playhead = m_editor->playheadMs();
        const QRect row = list->visualRect(list->model()->index(0, SegmentListModel::TextColumn));
        QTest::mouseClick(list->viewport(), Qt::LeftButton, Qt::NoModifier, row.center());
        QCOMPARE(m_editor->selectedSegment(), 0);
        QCOMPARE(view()->selectedSegment(), 0);
        QCOMPARE(m_editor->playheadMs(), playhead);
        QVERIFY(!m_editor->player()->isPlaying());
        // A segment clicked in its lane selects its row.
        view()->zoomAll();
        QTest::mouseClick(view(), Qt::LeftButton, Qt::NoModifier, at(3000, 0));
        QCOMPARE(m_editor->selectedSegment(), 1);
        QCOMPARE(list->currentIndex().row(), 1);
        // The row under the playhead is marked while playing.
        m_editor->transcript()->setPlaying(2);
        QCOMPARE(list->model()->index(2, 0).data(SegmentListModel::PlayingRole).toBool(), true);
    }
};

QTEST_MAIN(TestAudioEditor)
#include "tst_audioeditor.moc"
