#include <QAction>
#include <QProcess>
#include <QSettings>
#include <QtTest>

#include "keys/keymap.h"
#include "model/taskkind.h"
#include "shell/editorregistry.h"

using namespace postil;

// The child run (see rebindingPersists) reads the settings a parent wrote
// and checks that a freshly loaded Keymap sees the new key.
static const char* const kChildEnv = "POSTIL_KEYMAP_EXPECT";
static const char* const kSettingsEnv = "POSTIL_KEYMAP_SETTINGS";

class TestKeymap : public QObject {
    Q_OBJECT
private:
    // Settings of this run only, shared with its child: other tests that
    // rebind keys at the same time cannot disturb it.
    QTemporaryDir m_settingsDir;

    static bool isChild() { return qEnvironmentVariableIsSet(kChildEnv); }

private Q_SLOTS:
    void initTestCase() {
        QStandardPaths::setTestModeEnabled(true);
        QSettings::setPath(QSettings::NativeFormat, QSettings::UserScope,
                           isChild() ? qEnvironmentVariable(kSettingsEnv) : m_settingsDir.path());
        if (isChild()) {
            EditorRegistry::instance();
            return;
        }
        // Settings written before the first Keymap::instance() are what it
        // loads: that is how a restart sees the user's keys.
        {
            QSettings settings(QStringLiteral("Postil"), QStringLiteral("Postil"));
            settings.remove(QStringLiteral("shortcuts"));
            settings.setValue(QStringLiteral("shortcuts/view.filter"),
                              QStringLiteral("Ctrl+Shift+F"));
        }
        QCOMPARE(Keymap::instance().key(QStringLiteral("view.filter")),
                 QKeySequence(QStringLiteral("Ctrl+Shift+F")));
        Keymap::instance().resetToDefaults();
        QCOMPARE(Keymap::instance().key(QStringLiteral("view.filter")),
                 QKeySequence(QStringLiteral("Ctrl+F")));
        EditorRegistry::instance();  // the editors' key tables, as in the studio
    }

    void cleanupTestCase() {
        if (!isChild())
            Keymap::instance().resetToDefaults();
    }

    void childReadsPersistedKey() {
        if (!isChild())
            QSKIP("runs in the child process of rebindingPersists");
        const QStringList expected = qEnvironmentVariable(kChildEnv).split(QLatin1Char('='));
        QCOMPARE(expected.size(), 2);
        QCOMPARE(Keymap::instance().key(expected[0]).toString(), expected[1]);
    }

    void defaultsHaveNoCollisions() {
        if (isChild())
            QSKIP("parent only");
        Keymap::instance().resetToDefaults();
        const QStringList collisions = Keymap::instance().collisions();
        QVERIFY2(collisions.isEmpty(), qPrintable(collisions.join(QLatin1Char('\n'))));
    }

    // The keymap holds what the registry registered: one context per editor
    // kind, each named after its kind.
    void editorTablesComeFromTheRegistry() {
        if (isChild())
            QSKIP("parent only");
        const EditorRegistry& registry = EditorRegistry::instance();
        QStringList registered;
        for (TaskKind kind :
             {TaskKind::Text, TaskKind::Image, TaskKind::Audio, TaskKind::Compare}) {
            if (registry.has(kind))
                registered << EditorRegistry::keyContext(kind);
        }
        registered.sort();
        QCOMPARE(Keymap::instance().editorContexts(), registered);
        // The image and comparison editors bring their own tables.
        QVERIFY(Keymap::instance().binding(QStringLiteral("image.draw")));
        QCOMPARE(Keymap::instance().binding(QStringLiteral("image.draw"))->context,
                 QStringLiteral("image"));
        QCOMPARE(Keymap::instance().binding(QStringLiteral("compare.verdict.1"))->context,
                 QStringLiteral("compare"));
    }

    void everyBindingIsUniqueAndHasTextAndContext() {
        if (isChild())
            QSKIP("parent only");
        QSet<QString> ids;
        QStringList contexts = {QStringLiteral("global"), QStringLiteral("task"),
                                QStringLiteral("answers"), QStringLiteral("answers-alt")};
        contexts << Keymap::instance().editorContexts();
        for (const Keymap::Binding& b : Keymap::instance().bindings()) {
            QVERIFY2(!ids.contains(b.id), qPrintable(b.id));
            ids.insert(b.id);
            QVERIFY2(!b.text.isEmpty(), qPrintable(b.id));
            QVERIFY2(contexts.contains(b.context),
                     qPrintable(b.id + QStringLiteral(" has context ") + b.context));
        }
        // The form depends on these.
        for (const char* id :
             {"answer.1", "answer.10", "answer.alt.1", "answer.alt.10", "question.next",
              "question.previous", "question.edit", "question.clear", "help.sheet"})
            QVERIFY2(ids.contains(QString::fromLatin1(id)), id);
    }

    // The number-key rule, checked on the registered tables: an editor that
    // says it places labels binds the bare digits 1-9 and its questions answer
    // with Alt; an editor that does not leaves the bare digits to the answers.
    void digitsFollowEachEditorsTable() {
        if (isChild())
            QSKIP("parent only");
        Keymap& keymap = Keymap::instance();
        keymap.resetToDefaults();
        for (const QString& editor : keymap.editorContexts()) {
            QSet<int> digits;
            for (const Keymap::Binding& b : keymap.bindings()) {
                const QKeySequence k = keymap.key(b.id);
                if (b.context == editor && k.count() == 1 &&
                    k[0].keyboardModifiers() == Qt::NoModifier && k[0].key() >= Qt::Key_1 &&
                    k[0].key() <= Qt::Key_9)
                    digits.insert(k[0].key() - Qt::Key_0);
            }
            const QStringList active = keymap.activeContexts(editor);
            if (keymap.placesLabels(editor)) {
                QVERIFY2(digits.size() == 9, qPrintable(editor));
                QVERIFY2(active.contains(QStringLiteral("answers-alt")), qPrintable(editor));
                QVERIFY2(!active.contains(QStringLiteral("answers")), qPrintable(editor));
            } else {
                QVERIFY2(digits.isEmpty(), qPrintable(editor));
                QVERIFY2(active.contains(QStringLiteral("answers")), qPrintable(editor));
            }
        }
    }

    // An editor registered later (the text and audio editors to come): its
    // keys join the collision check, its placesLabels switches the answers to
    // Alt, and an action bound before its table arrived takes its key.
    void aNewEditorTableJoinsTheChecks() {
        if (isChild())
            QSKIP("parent only");
        Keymap& keymap = Keymap::instance();
        keymap.resetToDefaults();
        QAction early;
        keymap.bind(&early, QStringLiteral("probe.mark"));
        QVERIFY(early.shortcut().isEmpty());

        Keymap::EditorKeys keys;
        keys.bindings.append({QStringLiteral("probe.mark"), QString(), QStringLiteral("Mark"),
                              QKeySequence(QStringLiteral("Ctrl+Alt+Shift+F12"))});
        keymap.setEditor(QStringLiteral("probe"), keys);
        QCOMPARE(early.shortcut(), QKeySequence(QStringLiteral("Ctrl+Alt+Shift+F12")));
        QCOMPARE(keymap.binding(QStringLiteral("probe.mark"))->context, QStringLiteral("probe"));
        QVERIFY(keymap.collisions().isEmpty());
        QVERIFY(keymap.activeContexts(QStringLiteral("probe")).contains(QStringLiteral("answers")));

        // The bare 1 in an editor that places no labels meets answer.1.
        keys.bindings.append({QStringLiteral("probe.one"), QString(), QStringLiteral("One"),
                              QKeySequence(QStringLiteral("1"))});
        keymap.setEditor(QStringLiteral("probe"), keys);
        QCOMPARE(keymap.collisions(), QStringList{QStringLiteral("1: answer.1 / probe.one")});
        // Saying it places labels moves the answers to Alt+digit: no collision.
        keys.placesLabels = true;
        keymap.setEditor(QStringLiteral("probe"), keys);
        QVERIFY2(keymap.collisions().isEmpty(), qPrintable(keymap.collisions().join(u'\n')));
        QVERIFY(
            keymap.activeContexts(QStringLiteral("probe")).contains(QStringLiteral("answers-alt")));
        // Replacing a table drops its old bindings.
        keymap.setEditor(QStringLiteral("probe"), {});
        QVERIFY(!keymap.binding(QStringLiteral("probe.one")));
        QVERIFY(!keymap.placesLabels(QStringLiteral("probe")));
    }

    // A key that holds inside an editor only takes the shell's key there
    // (Ctrl+F finds in the text, not the task list) and still meets the
    // editor's own keys.
    void aKeyInsideAnEditorTakesTheShellsKey() {
        if (isChild())
            QSKIP("parent only");
        Keymap& keymap = Keymap::instance();
        keymap.resetToDefaults();
        Keymap::EditorKeys keys;
        Keymap::Binding find{QStringLiteral("probe.find"), QString(), QStringLiteral("Find"),
                             QKeySequence(QStringLiteral("Ctrl+F"))};
        find.insideEditor = true;
        keys.bindings.append(find);
        keymap.setEditor(QStringLiteral("probe"), keys);
        QVERIFY2(keymap.collisions().isEmpty(), qPrintable(keymap.collisions().join(u'\n')));
        // Without the flag it is a collision with the task list's filter.
        keys.bindings[0].insideEditor = false;
        keymap.setEditor(QStringLiteral("probe"), keys);
        QCOMPARE(keymap.collisions(),
                 QStringList{QStringLiteral("Ctrl+F: view.filter / probe.find")});
        // Inside or not, it meets the editor's other keys.
        keys.bindings[0].insideEditor = true;
        keys.bindings.append({QStringLiteral("probe.other"), QString(), QStringLiteral("Other"),
                              QKeySequence(QStringLiteral("Ctrl+F"))});
        keymap.setEditor(QStringLiteral("probe"), keys);
        QCOMPARE(keymap.collisions().size(), 2);  // with the filter, and with probe.find
        QVERIFY(keymap.collisions().contains(QStringLiteral("Ctrl+F: probe.find / probe.other")));
        keymap.setEditor(QStringLiteral("probe"), {});
        QVERIFY(keymap.collisions().isEmpty());
    }

    void collidingRebindingIsReported() {
        if (isChild())
            QSKIP("parent only");
        Keymap& keymap = Keymap::instance();
        keymap.resetToDefaults();
        // task.skip and edit.undo are active together in every editor.
        keymap.setKey(QStringLiteral("task.skip"), QKeySequence(QStringLiteral("Ctrl+Z")));
        const QStringList collisions = keymap.collisions();
        QCOMPARE(collisions.size(), 1);
        QVERIFY2(collisions[0].contains(QStringLiteral("edit.undo")) &&
                     collisions[0].contains(QStringLiteral("task.skip")),
                 qPrintable(collisions[0]));
        QVERIFY(collisions[0].startsWith(QStringLiteral("Ctrl+Z: ")));

        // Contexts that are never active together may share a key: the bare
        // "answers" and the Alt "answers-alt" never meet, but "answers" does
        // meet the global bindings.
        keymap.resetToDefaults();
        const QKeySequence rare(QStringLiteral("Ctrl+Alt+Shift+F11"));
        keymap.setKey(QStringLiteral("answer.1"), rare);
        keymap.setKey(QStringLiteral("answer.alt.1"), rare);
        QVERIFY2(keymap.collisions().isEmpty(), qPrintable(keymap.collisions().join(u'\n')));
        keymap.setKey(QStringLiteral("view.filter"), rare);
        const QStringList withGlobal = keymap.collisions();
        QCOMPARE(withGlobal.size(), 2);  // once with each answer binding
        QVERIFY2(withGlobal.join(u'\n').contains(QStringLiteral("view.filter / answer.1")),
                 qPrintable(withGlobal.join(u'\n')));
        QVERIFY2(withGlobal.join(u'\n').contains(QStringLiteral("view.filter / answer.alt.1")),
                 qPrintable(withGlobal.join(u'\n')));
        keymap.resetToDefaults();
        QVERIFY(keymap.collisions().isEmpty());
    }

    void boundActionsFollowRebinding() {
        if (isChild())
            QSKIP("parent only");
        Keymap& keymap = Keymap::instance();
        keymap.resetToDefaults();
        QAction* action = keymap.createAction(QStringLiteral("task.submit"), this);
        QCOMPARE(action->shortcut(), QKeySequence(QStringLiteral("Ctrl+Return")));
        QCOMPARE(action->shortcutContext(), Qt::WindowShortcut);
        QVERIFY(!action->text().isEmpty());
        keymap.setKey(QStringLiteral("task.submit"), QKeySequence(QStringLiteral("Ctrl+J")));
        QCOMPARE(action->shortcut(), QKeySequence(QStringLiteral("Ctrl+J")));
        keymap.resetToDefaults();
        QCOMPARE(action->shortcut(), QKeySequence(QStringLiteral("Ctrl+Return")));
        delete action;
    }

    void rebindingPersists() {
        if (isChild())
            QSKIP("parent only");
        Keymap& keymap = Keymap::instance();
        keymap.resetToDefaults();
        const QKeySequence key(QStringLiteral("Ctrl+Alt+J"));
        keymap.setKey(QStringLiteral("task.next"), key);
        QCOMPARE(keymap.key(QStringLiteral("task.next")), key);
        {
            QSettings settings(QStringLiteral("Postil"), QStringLiteral("Postil"));
            QCOMPARE(settings.value(QStringLiteral("shortcuts/task.next")).toString(),
                     key.toString());
        }
        // A new process loads a new Keymap from the same settings.
        QProcess child;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QString::fromLatin1(kChildEnv), QStringLiteral("task.next=") + key.toString());
        env.insert(QString::fromLatin1(kSettingsEnv), m_settingsDir.path());
        env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
        child.setProcessEnvironment(env);
        child.start(QCoreApplication::applicationFilePath(),
                    {QStringLiteral("childReadsPersistedKey")});
        QVERIFY(child.waitForFinished(60000));
        const QByteArray output = child.readAllStandardOutput();
        QVERIFY2(child.exitStatus() == QProcess::NormalExit && child.exitCode() == 0,
                 output.constData());
        QVERIFY2(output.contains("PASS   : TestKeymap::childReadsPersistedKey"),
                 output.constData());

        // Going back to the default removes the override instead of storing it.
        keymap.setKey(QStringLiteral("task.next"),
                      keymap.binding(QStringLiteral("task.next"))->defaultKey);
        QSettings settings(QStringLiteral("Postil"), QStringLiteral("Postil"));
        QVERIFY(!settings.contains(QStringLiteral("shortcuts/task.next")));
    }
};

QTEST_MAIN(TestKeymap)
#include "tst_keymap.moc"
