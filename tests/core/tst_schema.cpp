#include <QJsonArray>
#include <QtTest>

#include "model/schema.h"

using namespace postil;

class TestSchema : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void parsesEveryQuestionType() {
        auto schema = Schema::fromJsonText(
            "{\"labels\":[{\"name\":\"car\",\"color\":\"#e6194b\",\"hotkey\":\"1\"}],"
            "\"questions\":[{\"name\":\"intent\",\"type\":\"single\",\"options\":[\"a\",\"b\"],"
            "\"required\":true},{\"name\":\"topics\",\"type\":\"multi\",\"options\":[\"x\"]},"
            "{\"name\":\"relevance\",\"type\":\"rating\",\"min\":1,\"max\":5,\"kinds\":[\"text\"]},"
            "{\"name\":\"notes\",\"type\":\"text\"},{\"name\":\"unsafe\",\"type\":\"flag\"}],"
            "\"rubric\":[{\"name\":\"helpfulness\",\"min\":1,\"max\":7}],"
            "\"critique\":{\"min_chars\":20},\"guidelines\":\"# G\"}");
        QVERIFY2(schema.ok(), qPrintable(schema.error()));
        QCOMPARE(schema->questions.size(), 5);
        QCOMPARE(schema->questions[2].choices(),
                 (QStringList{QStringLiteral("1"), QStringLiteral("2"), QStringLiteral("3"),
                              QStringLiteral("4"), QStringLiteral("5")}));
        QCOMPARE(schema->questions[4].choices().size(), 2);
        QCOMPARE(schema->questionsFor(TaskKind::Image).size(), 4);
        QCOMPARE(schema->questionsFor(TaskKind::Text).size(), 5);
        QCOMPARE(schema->critiqueMinChars, 20);
        QVERIFY(schema->question(QStringLiteral("intent"))->required);
    }

    void problemsNameTheirPlace_data() {
        QTest::addColumn<QByteArray>("json");
        QTest::addColumn<QString>("expected");
        QTest::newRow("unknown type")
            << QByteArray("{\"questions\":[{\"name\":\"q\",\"type\":\"x\"}]}")
            << QStringLiteral("questions[0].type");
        QTest::newRow("no options")
            << QByteArray("{\"questions\":[{\"name\":\"q\",\"type\":\"single\"}]}")
            << QStringLiteral("questions[0].options");
        QTest::newRow("twice") << QByteArray(
                                      "{\"questions\":[{\"name\":\"q\",\"type\":\"text\"},"
                                      "{\"name\":\"q\",\"type\":\"text\"}]}")
                               << QStringLiteral("questions[1].name");
        QTest::newRow("rating range")
            << QByteArray(
                   "{\"questions\":[{\"name\":\"r\",\"type\":\"rating\",\"min\":5,\"max\":1}]}")
            << QStringLiteral("questions[0]: min");
        QTest::newRow("bad colour")
            << QByteArray("{\"labels\":[{\"name\":\"a\",\"color\":\"nope\"}]}")
            << QStringLiteral("labels[0].color");
        QTest::newRow("hotkey twice") << QByteArray(
                                             "{\"labels\":[{\"name\":\"a\",\"hotkey\":\"1\"},{"
                                             "\"name\":\"b\",\"hotkey\":\"1\"}]}")
                                      << QStringLiteral("labels[1].hotkey");
        QTest::newRow("not json") << QByteArray("{\"labels\":") << QStringLiteral("not valid JSON");
    }

    void problemsNameTheirPlace() {
        QFETCH(QByteArray, json);
        QFETCH(QString, expected);
        auto schema = Schema::fromJsonText(json);
        QVERIFY(!schema.ok());
        QVERIFY2(schema.error().contains(expected), qPrintable(schema.error()));
    }

    void whenDataPicksTasksByTheirData() {
        auto schema = Schema::fromJsonText(
            "{\"questions\":[{\"name\":\"relevance\",\"type\":\"rating\",\"min\":1,"
            "\"max\":5,\"when_data\":[\"query\"]},{\"name\":\"intent\",\"type\":\"single\","
            "\"options\":[\"a\"],\"when_data\":[\"!query\"]},{\"name\":\"notes\","
            "\"type\":\"text\"}]}");
        QVERIFY2(schema.ok(), qPrintable(schema.error()));
        Task search;
        search.data = {{QStringLiteral("query"), QStringLiteral("q")},
                       {QStringLiteral("text"), QStringLiteral("t")}};
        Task message;
        message.data = {{QStringLiteral("text"), QStringLiteral("t")}};
        auto names = [](const QList<Question>& list) {
            QStringList n;
            for (const Question& q : list)
                n << q.name;
            return n;
        };
        QCOMPARE(names(schema->questionsFor(search)),
                 (QStringList{QStringLiteral("relevance"), QStringLiteral("notes")}));
        QCOMPARE(names(schema->questionsFor(message)),
                 (QStringList{QStringLiteral("intent"), QStringLiteral("notes")}));
        QCOMPARE(schema->toJson()[QStringLiteral("questions")][1][QStringLiteral("when_data")]
                     .toArray()
                     .size(),
                 1);
    }

    void unknownKeysSurviveEverywhere() {
        auto schema = Schema::fromJsonText(
            "{\"labels\":[{\"name\":\"car\",\"shape\":\"polygon\"}],"
            "\"rubric\":[{\"name\":\"h\",\"min\":1,\"max\":7,\"weight\":2}],"
            "\"questions\":[{\"name\":\"q\",\"type\":\"text\",\"placeholder\":\"Say it\"}],"
            "\"critique\":{\"min_chars\":0,\"template\":\"Strengths:\"},\"future\":[1,2]}");
        QVERIFY2(schema.ok(), qPrintable(schema.error()));
        Schema edited = *schema;
        edited.labels[0].color = QStringLiteral("#00ff00");
        const QJsonObject json = edited.toJson();
        const QJsonObject label = json[QStringLiteral("labels")][0].toObject();
        QCOMPARE(label[QStringLiteral("shape")].toString(), QStringLiteral("polygon"));
        QCOMPARE(label[QStringLiteral("color")].toString(), QStringLiteral("#00ff00"));
        QCOMPARE(json[QStringLiteral("rubric")][0][QStringLiteral("weight")].toInt(), 2);
        QCOMPARE(json[QStringLiteral("questions")][0][QStringLiteral("placeholder")].toString(),
                 QStringLiteral("Say it"));
        QCOMPARE(json[QStringLiteral("critique")][QStringLiteral("template")].toString(),
                 QStringLiteral("Strengths:"));
        QCOMPARE(json[QStringLiteral("future")].toArray().size(), 2);
        // And a second round trip is stable.
        auto again = Schema::fromJson(json);
        QVERIFY(again.ok());
        QCOMPARE(again->toJson(), json);
    }

    void compareOptionsRoundTrip() {
        auto plain = Schema::fromJsonText("{\"rubric\":[{\"name\":\"h\",\"min\":1,\"max\":7}]}");
        QVERIFY2(plain.ok(), qPrintable(plain.error()));
        // Blind by default, and no section appears for a schema that never had one.
        QVERIFY(!plain->showModelNames);
        QVERIFY(!plain->revealGold);
        QVERIFY(!plain->toJson().contains(QStringLiteral("compare")));

        auto schema = Schema::fromJsonText(
            "{\"compare\":{\"show_models\":true,\"reveal_gold\":false,\"swap_hint\":\"x\"}}");
        QVERIFY2(schema.ok(), qPrintable(schema.error()));
        QVERIFY(schema->showModelNames);
        QVERIFY(!schema->revealGold);
        Schema edited = *schema;
        edited.showModelNames = false;
        edited.revealGold = true;
        const QJsonObject compare = edited.toJson()[QStringLiteral("compare")].toObject();
        QCOMPARE(compare[QStringLiteral("show_models")], QJsonValue(false));
        QCOMPARE(compare[QStringLiteral("reveal_gold")], QJsonValue(true));
        QCOMPARE(compare[QStringLiteral("swap_hint")].toString(), QStringLiteral("x"));
        auto again = Schema::fromJson(edited.toJson());
        QVERIFY(again.ok());
        QVERIFY(!again->showModelNames);
        QVERIFY(again->revealGold);

        Schema fresh = *plain;
        fresh.revealGold = true;
        QCOMPARE(fresh.toJson()[QStringLiteral("compare")][QStringLiteral("reveal_gold")],
                 QJsonValue(true));
    }

    // What submitting a comparison requires, and how far from gold still matches.
    void requirementsAndGoldToleranceRoundTrip() {
        auto plain = Schema::fromJsonText("{\"rubric\":[{\"name\":\"h\",\"min\":1,\"max\":7}]}");
        QVERIFY(plain.ok());
        QVERIFY(plain->requireVerdict);
        QCOMPARE(plain->goldTolerance, 0);
        QVERIFY(!plain->critiqueRequired);
        QVERIFY(!plain->rubric.first().required);
        const QJsonObject plainJson = plain->toJson();
        QVERIFY(!plainJson.contains(QStringLiteral("compare")));
        QVERIFY(
            !plainJson[QStringLiteral("critique")].toObject().contains(QStringLiteral("required")));
        QVERIFY(!plainJson[QStringLiteral("rubric")][0].toObject().contains(
            QStringLiteral("required")));

        auto schema = Schema::fromJsonText(R"({
            "rubric": [{"name": "h", "min": 1, "max": 7, "required": true}],
            "critique": {"min_chars": 0, "required": true},
            "compare": {"require_verdict": false, "gold_tolerance": 1}})");
        QVERIFY2(schema.ok(), qPrintable(schema.error()));
        QVERIFY(!schema->requireVerdict);
        QCOMPARE(schema->goldTolerance, 1);
        QVERIFY(schema->critiqueRequired);
        QVERIFY(schema->rubric.first().required);
        auto again = Schema::fromJson(schema->toJson());
        QVERIFY(again.ok());
        QCOMPARE(again->toJson(), schema->toJson());
        QVERIFY(!again->requireVerdict);
        QCOMPARE(again->goldTolerance, 1);
        QVERIFY(again->critiqueRequired);
        QVERIFY(again->rubric.first().required);

        for (const char* bad :
             {R"({"compare": {"gold_tolerance": 7}})", R"({"compare": {"gold_tolerance": 1.5}})",
              R"({"compare": {"require_verdict": "yes"}})", R"({"critique": {"required": 1}})"}) {
            auto rejected = Schema::fromJsonText(bad);
            QVERIFY2(!rejected.ok(), bad);
        }
        QVERIFY(Schema::fromJsonText(R"({"compare": {"gold_tolerance": 7}})")
                    .error()
                    .contains(QStringLiteral("compare.gold_tolerance")));
    }

    void compareOptionsAreChecked() {
        auto notObject = Schema::fromJsonText("{\"compare\":true}");
        QVERIFY(!notObject.ok());
        QVERIFY2(notObject.error().contains(QStringLiteral("compare:")),
                 qPrintable(notObject.error()));
        auto notBool = Schema::fromJsonText("{\"compare\":{\"show_models\":\"yes\"}}");
        QVERIFY(!notBool.ok());
        QVERIFY2(notBool.error().contains(QStringLiteral("compare.show_models")),
                 qPrintable(notBool.error()));
    }

    void labelsCanBelongToKinds() {
        auto schema = Schema::fromJsonText(
            "{\"labels\":[{\"name\":\"car\",\"hotkey\":\"c\",\"kinds\":[\"image\"]},"
            "{\"name\":\"claim\",\"hotkey\":\"c\",\"kinds\":[\"compare\"]},"
            "{\"name\":\"other\"}]}");
        QVERIFY2(schema.ok(), qPrintable(schema.error()));
        // Same hotkey is fine: the two labels never meet in one editor.
        QVERIFY(schema->validate().isEmpty());
        const QList<Label> image = schema->labelsFor(TaskKind::Image);
        QCOMPARE(image.size(), 2);
        QCOMPARE(image[0].name, QStringLiteral("car"));
        QCOMPARE(image[1].name, QStringLiteral("other"));
        QCOMPARE(schema->labelsFor(TaskKind::Compare)[0].name, QStringLiteral("claim"));
        QCOMPARE(schema->labelsFor(TaskKind::Text).size(), 1);
        const QJsonObject json = schema->toJson();
        QCOMPARE(json[QStringLiteral("labels")][0][QStringLiteral("kinds")][0].toString(),
                 QStringLiteral("image"));
        QVERIFY(!json[QStringLiteral("labels")][2].toObject().contains(QStringLiteral("kinds")));

        Schema clash = *schema;
        clash.labels[2].hotkey = QStringLiteral("c");  // meets both
        QCOMPARE(clash.validate(),
                 QStringList{QStringLiteral("labels[2].hotkey: 'c' is used twice")});
        QVERIFY(
            !Schema::fromJsonText("{\"labels\":[{\"name\":\"a\",\"kinds\":[\"video\"]}]}").ok());
    }

    // The labels of relations between spans: read, checked, written back
    // with their unknown keys, and never added to a schema that has none.
    void relationLabels() {
        auto schema = Schema::fromJsonText(
            "{\"labels\":[{\"name\":\"PER\"}],"
            "\"relations\":[{\"name\":\"works_for\",\"color\":\"#336699\",\"hint\":\"x\"},"
            "{\"name\":\"located_in\"}]}");
        QVERIFY2(schema.ok(), qPrintable(schema.error()));
        QCOMPARE(schema->relationLabels.size(), 2);
        QCOMPARE(schema->relationLabels[0].name, QStringLiteral("works_for"));
        QCOMPARE(schema->relationLabels[0].color, QStringLiteral("#336699"));
        QVERIFY(schema->relationLabels[1].color.isEmpty());
        schema->relationLabels.append({QStringLiteral("born_in"), QStringLiteral("#aa0000")});
        const QJsonArray written = schema->toJson().value(QStringLiteral("relations")).toArray();
        QCOMPARE(written.size(), 3);
        QCOMPARE(written[0].toObject().value(QStringLiteral("hint")).toString(),
                 QStringLiteral("x"));
        QCOMPARE(written[2].toObject().value(QStringLiteral("name")).toString(),
                 QStringLiteral("born_in"));
        auto again = Schema::fromJson(schema->toJson());
        QVERIFY(again.ok());
        QCOMPARE(again->relationLabels.size(), 3);

        const auto twice = Schema::fromJsonText(
            "{\"relations\":[{\"name\":\"r\"},{\"name\":\"r\",\"color\":\"nope\"},{}]}");
        QVERIFY(!twice.ok());
        QVERIFY2(twice.error().contains(QStringLiteral("relations[1].name: 'r' is used twice")),
                 qPrintable(twice.error()));
        QVERIFY2(twice.error().contains(QStringLiteral("relations[1].color: 'nope'")),
                 qPrintable(twice.error()));
        QVERIFY2(twice.error().contains(QStringLiteral("relations[2].name: empty")),
                 qPrintable(twice.error()));
        QVERIFY(!Schema::fromJsonText("{\"relations\":{}}").ok());
        // A schema without relations does not grow the key.
        auto plain = Schema::fromJsonText("{\"labels\":[{\"name\":\"a\"}]}");
        QVERIFY(plain.ok());
        QVERIFY(!plain->toJson().contains(QStringLiteral("relations")));
    }

    // Attributes name the kinds whose items carry them, as labels do.
    void attributeKinds() {
        auto schema = Schema::fromJsonText(
            "{\"attributes\":[{\"name\":\"occluded\",\"type\":\"flag\",\"kinds\":[\"image\"]},"
            "{\"name\":\"negated\",\"type\":\"flag\",\"kinds\":[\"text\"]},"
            "{\"name\":\"note\",\"type\":\"text\"}]}");
        QVERIFY2(schema.ok(), qPrintable(schema.error()));
        const auto names = [](const QList<Attribute>& list) {
            QStringList out;
            for (const Attribute& a : list)
                out << a.name;
            return out;
        };
        QCOMPARE(names(schema->attributesFor(TaskKind::Image)),
                 (QStringList{QStringLiteral("occluded"), QStringLiteral("note")}));
        QCOMPARE(names(schema->attributesFor(TaskKind::Text)),
                 (QStringList{QStringLiteral("negated"), QStringLiteral("note")}));
        const QJsonArray written = schema->toJson().value(QStringLiteral("attributes")).toArray();
        QCOMPARE(written[0].toObject().value(QStringLiteral("kinds")).toArray(),
                 QJsonArray{QStringLiteral("image")});
        QVERIFY(!written[2].toObject().contains(QStringLiteral("kinds")));
        QVERIFY(!Schema::fromJsonText("{\"attributes\":[{\"name\":\"a\",\"kinds\":[\"video\"]}]}")
                     .ok());
    }

    void strictProblemsNameHotkeysNoEditorHonours() {
        // Older files with such hotkeys still open; only the settings refuse them.
        auto schema = Schema::fromJsonText(
            "{\"labels\":[{\"name\":\"car\",\"hotkey\":\"2\"},"
            "{\"name\":\"bus\",\"hotkey\":\"0\",\"kinds\":[\"image\"]},"
            "{\"name\":\"claim\",\"hotkey\":\"3\",\"kinds\":[\"compare\",\"audio\"]},"
            "{\"name\":\"person\",\"hotkey\":\"4\",\"kinds\":[\"text\"]},"
            "{\"name\":\"tram\",\"hotkey\":\"9\",\"kinds\":[\"audio\",\"image\"]},"
            "{\"name\":\"flag\",\"kinds\":[\"compare\"]}],"
            "\"questions\":[{\"name\":\"a\",\"type\":\"flag\",\"when_data\":[\"query\",\"!\"]},"
            "{\"name\":\"b\",\"type\":\"flag\",\"when_data\":[\"!gold\"]}]}");
        QVERIFY2(schema.ok(), qPrintable(schema.error()));
        const QStringList problems = schema->strictProblems();
        QCOMPARE(problems.size(), 3);
        QVERIFY2(problems[0].startsWith(QStringLiteral("labels[1].hotkey: '0' is not a key")),
                 qPrintable(problems[0]));
        QVERIFY2(problems[1].startsWith(QStringLiteral(
                     "labels[2].hotkey: only the image and text editors read hotkeys")),
                 qPrintable(problems[1]));
        QCOMPARE(problems[2],
                 QStringLiteral("questions[0].when_data: a condition needs a data key"));
        QVERIFY(schema->hotkeyProblem(0).isEmpty());
        QVERIFY(schema->hotkeyProblem(3).isEmpty());  // the text editor reads it
        QVERIFY(schema->hotkeyProblem(4).isEmpty());
        QVERIFY(schema->hotkeyProblem(5).isEmpty());  // no hotkey, nothing to honour
        QVERIFY(schema->hotkeyProblem(9).isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestSchema)
#include "tst_schema.moc"
