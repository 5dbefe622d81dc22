#pragma once

// A project with several annotators' answers of every kind, for the
// agreement tests: the answers go into a real project file, and the same
// answers (only the rows that count: live, submitted, no review, no model)
// are kept as `truth` for the reference script (agreement_reference.py).
// Rows that must not count (a model's, a draft, a tombstone, a review) are
// stored too, with answers that would change every figure if they counted.
// Header-only: included by tst_agreement and tst_agreementcli.

#include <QJsonArray>
#include <QJsonObject>
#include <QRandomGenerator>
#include <QString>
#include <QStringList>

#include <QJsonDocument>

#include "model/project.h"
#include "testsupport.h"

namespace postil::agreementtest {

inline const QByteArray kSchema = R"({
  "labels": [{"name": "car", "color": "#ff0000", "kinds": ["image"]},
             {"name": "person", "color": "#00ff00", "kinds": ["image"]},
             {"name": "PER", "color": "#0000ff", "kinds": ["text"]},
             {"name": "ORG", "color": "#ffff00", "kinds": ["text"]}],
  "relations": [{"name": "works_for"}],
  "questions": [
    {"name": "topic", "type": "single", "options": ["cat", "dog", "none"]},
    {"name": "quality", "type": "rating", "min": 1, "max": 5},
    {"name": "toxic", "type": "flag"},
    {"name": "tags", "type": "multi", "options": ["a", "b", "c"]},
    {"name": "comment", "type": "text"}
  ]
})";

inline const QStringList kAnnotators{QStringLiteral("alice"), QStringLiteral("bob"),
                                     QStringLiteral("carol")};

class Fixture {
public:
    explicit Fixture(Project& project) : m_project(project), m_random(14) {}

    // `truth`: {"questions": schema questions, "iou_threshold", "tolerance_ms",
    // "tasks": [{"uid", "kind", "gold"?, "results": {ANNOTATOR: RESULT}}]}.
    QJsonObject build() {
        for (int i = 0; i < 40; ++i)
            textTask(i);
        for (int i = 0; i < 15; ++i)
            imageTask(i);
        for (int i = 0; i < 10; ++i)
            audioTask(i);
        for (int i = 0; i < 20; ++i)
            compareTask(i);
        return {
            {QStringLiteral("questions"), jsonObject(kSchema).value(QLatin1String("questions"))},
            {QStringLiteral("iou_threshold"), 0.5},
            {QStringLiteral("tolerance_ms"), 200},
            {QStringLiteral("tasks"), m_tasks}};
    }

private:
    int below(int n) { return int(m_random.bounded(n)); }
    bool chance(double p) { return m_random.generateDouble() < p; }
    // The base value most of the time, else another of 0..n-1.
    int noisy(int base, int n, double keep) { return chance(keep) ? base : below(n); }

    QJsonObject answers(int topicBase, int qualityBase, bool toxicBase) {
        static const QStringList topics{QStringLiteral("cat"), QStringLiteral("dog"),
                                        QStringLiteral("none")};
        QJsonObject a;
        if (chance(0.9))
            a.insert(QStringLiteral("topic"), topics.at(noisy(topicBase, 3, 0.7)));
        if (chance(0.85))
            a.insert(QStringLiteral("quality"), 1 + noisy(qualityBase, 5, 0.5));
        if (chance(0.9))
            a.insert(QStringLiteral("toxic"), chance(0.8) ? toxicBase : !toxicBase);
        QJsonArray tags;
        for (const char* t : {"a", "b", "c"})
            if (chance(0.4))
                tags.append(QString::fromLatin1(t));
        if (!tags.isEmpty())
            a.insert(QStringLiteral("tags"), tags);
        a.insert(QStringLiteral("comment"), QStringLiteral("free text is not categorical"));
        return a;
    }

    // The rows of one task: the counted ones into `truth`, then the ones
    // that must not count.
    void store(const QString& uid, const QString& kind, const QList<QJsonObject>& results,
               const QJsonObject& gold = {}, const QJsonObject& reviewGold = {}) {
        QJsonObject counted;
        for (int k = 0; k < kAnnotators.size(); ++k) {
            if (results.at(k).isEmpty())
                continue;  // this annotator did not do the task
            addAnnotation(m_project, uid, kAnnotators.at(k), AnnotationStatus::Submitted,
                          results.at(k));
            counted.insert(kAnnotators.at(k), results.at(k));
        }
        // Rows that are not answers, with something else in them.
        const QJsonObject wild = results.value(0).isEmpty() ? results.value(1) : results.value(0);
        QJsonObject other = wild;
        other.insert(QStringLiteral("answers"),
                     QJsonObject{{QStringLiteral("topic"), QStringLiteral("none")},
                                 {QStringLiteral("quality"), 5},
                                 {QStringLiteral("toxic"), true}});
        other.insert(QStringLiteral("preference"), 3);
        addAnnotation(m_project, uid, QStringLiteral("model:gpt"), AnnotationStatus::Submitted,
                      other);
        addAnnotation(m_project, uid, QStringLiteral("erin"), AnnotationStatus::Draft, other);
        Annotation tombstone;
        tombstone.taskUid = uid;
        tombstone.annotator = QStringLiteral("dave");
        tombstone.status = AnnotationStatus::Submitted;
        tombstone.result = other;
        tombstone.deleted = true;
        QVERIFY(m_project.saveAnnotation(tombstone).ok());
        QJsonObject task{{QStringLiteral("uid"), uid},
                         {QStringLiteral("kind"), kind},
                         {QStringLiteral("results"), counted}};
        if (!reviewGold.isEmpty()) {
            Annotation review;
            review.taskUid = uid;
            review.annotator = QStringLiteral("lead");
            review.status = AnnotationStatus::Submitted;
            review.reviewOf = QStringLiteral("some-annotation-uid");
            review.reviewOutcome = QStringLiteral("corrected");
            review.result = reviewGold;
            QVERIFY(m_project.saveAnnotation(review).ok());
            task.insert(QStringLiteral("gold"), reviewGold);
        }
        if (!gold.isEmpty())
            task.insert(QStringLiteral("gold"), gold);
        m_tasks.append(task);
    }

    // Puts `gold` into the task's data, as a project with gold tasks has it.
    void setGold(const QString& uid, const QJsonObject& gold) {
        QJsonObject data = m_project.tasks().byUid(uid)->data;
        data.insert(QStringLiteral("gold"), gold);
        Statement update = m_project.database().statement(
            QStringLiteral("UPDATE tasks SET data = ?1 WHERE uid = ?2"));
        update.bind(1, QJsonDocument(data).toJson(QJsonDocument::Compact)).bind(2, uid);
        QVERIFY(update.run().ok());
    }

    // Who does task i: everyone mostly; sometimes one is missing.
    bool does(int annotator, int task) { return !(task % 7 == annotator + 1 && chance(0.8)); }

    void textTask(int i) {
        const QString text =
            QStringLiteral("Ann Lee works for Acme Corp in Paris since 2001, %1.").arg(i);
        const QString uid = QStringLiteral("text-%1").arg(i);
        addTask(m_project, uid, TaskKind::Text, {{QStringLiteral("text"), text}});
        const int topic = below(3);
        const int quality = below(5);
        const bool toxic = chance(0.3);
        QList<QJsonObject> results;
        for (int k = 0; k < kAnnotators.size(); ++k) {
            if (!does(k, i)) {
                results << QJsonObject();
                continue;
            }
            QJsonObject r{{QStringLiteral("answers"), answers(topic, quality, toxic)}};
            QJsonArray spans;
            // PER "Ann Lee" 0-7, ORG "Acme Corp" 17-26, sometimes shifted or missing.
            const int perEnd = chance(0.8) ? 7 : 3;
            if (chance(0.9))
                spans.append(QJsonObject{{QStringLiteral("label"), QStringLiteral("PER")},
                                         {QStringLiteral("start"), 0},
                                         {QStringLiteral("end"), perEnd}});
            if (chance(0.85))
                spans.append(QJsonObject{{QStringLiteral("label"), QStringLiteral("ORG")},
                                         {QStringLiteral("start"), chance(0.75) ? 17 : 22},
                                         {QStringLiteral("end"), 26}});
            if (chance(0.3))
                spans.append(
                    QJsonObject{{QStringLiteral("label"),
                                 chance(0.5) ? QStringLiteral("ORG") : QStringLiteral("PER")},
                                {QStringLiteral("start"), 30},
                                {QStringLiteral("end"), 35}});
            r.insert(QStringLiteral("spans"), spans);
            if (spans.size() >= 2 && chance(0.7))
                r.insert(QStringLiteral("relations"),
                         QJsonArray{
                             QJsonObject{{QStringLiteral("from"), 0},
                                         {QStringLiteral("to"), 1},
                                         {QStringLiteral("label"), QStringLiteral("works_for")}}});
            results << r;
        }
        // Every fifth text has a reviewed answer: the gold.
        QJsonObject reviewGold;
        if (i % 5 == 0)
            reviewGold = {{QStringLiteral("answers"),
                           QJsonObject{{QStringLiteral("topic"), QStringLiteral("cat")},
                                       {QStringLiteral("quality"), quality + 1}}},
                          {QStringLiteral("spans"),
                           QJsonArray{QJsonObject{{QStringLiteral("label"), QStringLiteral("PER")},
                                                  {QStringLiteral("start"), 0},
                                                  {QStringLiteral("end"), 7}}}}};
        store(uid, QStringLiteral("text"), results, {}, reviewGold);
    }

    QJsonObject box(const QString& label, double x, double y, double w, double h) {
        return {{QStringLiteral("label"), label},
                {QStringLiteral("x"), x},
                {QStringLiteral("y"), y},
                {QStringLiteral("w"), w},
                {QStringLiteral("h"), h}};
    }

    void imageTask(int i) {
        const QString uid = QStringLiteral("image-%1").arg(i);
        addImageTask(m_project, uid, i);
        // A few objects, each annotator drawing each with jitter, or not at all.
        const int objects = 1 + below(4);
        QList<QJsonObject> base;
        for (int o = 0; o < objects; ++o)
            base << box(chance(0.5) ? QStringLiteral("car") : QStringLiteral("person"),
                        10 + 100 * o, 20 + below(50), 60 + below(40), 50 + below(40));
        QList<QJsonObject> results;
        for (int k = 0; k < kAnnotators.size(); ++k) {
            if (!does(k, i)) {
                results << QJsonObject();
                continue;
            }
            QJsonArray boxes;
            for (const QJsonObject& b : base) {
                if (!chance(0.85))
                    continue;
                const double jitter = chance(0.7) ? 3 : 30;
                boxes.append(
                    box(b.value(QLatin1String("label")).toString(),
                        b.value(QLatin1String("x")).toDouble() + below(int(jitter)),
                        b.value(QLatin1String("y")).toDouble() + below(int(jitter)),
                        b.value(QLatin1String("w")).toDouble() + below(int(jitter)) * 0.5,
                        b.value(QLatin1String("h")).toDouble() - below(int(jitter)) * 0.25));
            }
            if (chance(0.2))
                boxes.append(box(QStringLiteral("person"), 500, 300, 40, 80));
            results << QJsonObject{{QStringLiteral("boxes"), boxes}};
        }
        QJsonObject gold;
        if (i % 4 == 0) {
            QJsonArray boxes;
            for (const QJsonObject& b : base)
                boxes.append(b);
            gold = {{QStringLiteral("boxes"), boxes}};
            QJsonObject data = m_project.tasks().byUid(uid)->data;
            data.insert(QStringLiteral("gold"), gold);
            QVERIFY(m_project.database()
                        .exec(QStringLiteral("UPDATE tasks SET data = '%1' WHERE uid = '%2'")
                                  .arg(QString::fromUtf8(
                                           QJsonDocument(data).toJson(QJsonDocument::Compact)),
                                       uid))
                        .ok());
        }
        store(uid, QStringLiteral("image"), results, gold);
    }

    void audioTask(int i) {
        const QString uid = QStringLiteral("audio-%1").arg(i);
        addTask(m_project, uid, TaskKind::Audio,
                {{QStringLiteral("audio"), QStringLiteral("audio/%1.wav").arg(i)}});
        static const QStringList words{QStringLiteral("hello"), QStringLiteral("world"),
                                       QStringLiteral("this"),  QStringLiteral("is"),
                                       QStringLiteral("a"),     QStringLiteral("test")};
        QList<QJsonObject> results;
        for (int k = 0; k < kAnnotators.size(); ++k) {
            if (!does(k, i)) {
                results << QJsonObject();
                continue;
            }
            QJsonArray segments;
            qint64 at = below(300);
            for (int s = 0; s < 4; ++s) {
                const qint64 start = at + (chance(0.7) ? below(150) : below(600));
                const qint64 end = start + 1500 + below(400);
                QStringList text;
                for (int w = 0; w < 4; ++w)
                    text << (chance(0.8) ? words.at((s + w) % words.size()) : words.at(below(6)));
                if (chance(0.2))
                    text.removeLast();
                segments.append(QJsonObject{{QStringLiteral("start_ms"), start},
                                            {QStringLiteral("end_ms"), end},
                                            {QStringLiteral("speaker"), QString()},
                                            {QStringLiteral("text"), text.join(u' ')}});
                at = end + 100;
            }
            results << QJsonObject{{QStringLiteral("segments"), segments}};
        }
        // Every third audio's gold: the first annotator's segments, words changed.
        QJsonObject gold;
        if (i % 3 == 0 && !results.first().isEmpty()) {
            QJsonArray segments;
            for (const QJsonValue& v : results.first().value(QLatin1String("segments")).toArray()) {
                QJsonObject segment = v.toObject();
                segment.insert(QStringLiteral("start_ms"),
                               segment.value(QLatin1String("start_ms")).toInteger() + below(300));
                segment.insert(QStringLiteral("text"), QStringLiteral("hello world test"));
                segments.append(segment);
            }
            gold = {{QStringLiteral("segments"), segments}};
            setGold(uid, gold);
        }
        store(uid, QStringLiteral("audio"), results, gold);
    }

    void compareTask(int i) {
        const QString uid = QStringLiteral("compare-%1").arg(i);
        const int responses = i % 2 == 0 ? 2 : 3;
        QJsonArray list;
        for (int r = 0; r < responses; ++r)
            list.append(QStringLiteral("response %1").arg(r));
        addTask(m_project, uid, TaskKind::Compare,
                {{QStringLiteral("prompt"), QStringLiteral("Which is better?")},
                 {QStringLiteral("responses"), list}});
        const int base = below(7) - 3;
        QList<QJsonObject> results;
        for (int k = 0; k < kAnnotators.size(); ++k) {
            if (!does(k, i)) {
                results << QJsonObject();
                continue;
            }
            QJsonObject r;
            if (responses == 2) {
                if (chance(0.1))
                    r.insert(QStringLiteral("both_bad"), true);
                else
                    r.insert(QStringLiteral("preference"),
                             qBound(-3, base + (chance(0.6) ? 0 : below(3) - 1), 3));
            } else {
                // Rankings of three, ties sometimes; canonical (groups sorted).
                static const QList<QJsonArray> rankings{
                    QJsonArray{QJsonArray{0}, QJsonArray{1}, QJsonArray{2}},
                    QJsonArray{QJsonArray{0}, QJsonArray{2}, QJsonArray{1}},
                    QJsonArray{QJsonArray{1}, QJsonArray{0}, QJsonArray{2}},
                    QJsonArray{QJsonArray{0, 1}, QJsonArray{2}},
                    QJsonArray{QJsonArray{2}, QJsonArray{0, 1}},
                    QJsonArray{QJsonArray{0, 1, 2}}};
                r.insert(QStringLiteral("ranking"),
                         rankings.at(chance(0.5) ? (i / 2) % 3 : below(6)));
            }
            results << r;
        }
        // Gold verdicts on some two-response tasks (matched exactly: the
        // schema's gold_tolerance is 0).
        QJsonObject gold;
        if (responses == 2 && i % 4 == 0) {
            gold = {{QStringLiteral("preference"), base}};
            setGold(uid, gold);
        }
        store(uid, QStringLiteral("compare"), results, gold);
    }

    Project& m_project;
    QRandomGenerator m_random;
    QJsonArray m_tasks;
};

}  // namespace postil::agreementtest
