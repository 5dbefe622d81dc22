#include <QAction>
#include <QProcess>
#include <QSettings>
#include <QtTest>

#include "shell/keymap.h"

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
        if (isChild())
            return;
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

    void everyBindingIsUniqueAndHasTextAndContext() {
        if (isChild())
            QSKIP("parent only");
        QSet<QString> ids;
        const QStringList contexts = {QStringLiteral("global"), QStringLiteral("task"),
                                      QStringLiteral("answers"), QStringLiteral("answers-alt")};
        for (const Keymap::Binding& b : Keymap::instance().bindings()) {
            QVERIFY2(!ids.contains(b.id), qPrintable(b.id));
            ids.insert(b.id);
            QVERIFY2(!b.text.isEmpty(), qPrintable(b.id));
            QVERIFY2(contexts.contains(b.context) || Keymap::labelContexts().contains(b.context),
                     qPrintable(b.id + QStringLiteral(" has context ") + b.context));
        }
        // The form depends on these.
        for (const char* id :
             {"answer.1", "answer.10", "answer.alt.1", "answer.alt.10", "question.next",
              "question.previous", "question.edit", "question.clear", "help.sheet"})
            QVERIFY2(ids.contains(QString::fromLatin1(id)), id);
    }

    void labelEditorsAnswerWithAlt() {
        if (isChild())
            QSKIP("parent only");
        for (const QString& editor : Keymap::labelContexts()) {
            const QStringList active = Keymap::activeContexts(editor);
            QVERIFY(active.contains(QStringLiteral("answers-alt")));
            QVERIFY(!active.contains(QStringLiteral("answers")));
        }
        QVERIFY(Keymap::activeContexts(QString()).contains(QStringLiteral("answers")));
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
