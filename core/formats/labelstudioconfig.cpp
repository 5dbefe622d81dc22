#include "formats/labelstudioconfig.h"

#include <QSet>
#include <QXmlStreamWriter>

#include "formats/labelstudioexport.h"
#include "formats/labelstudionames.h"
#include "model/schema.h"

namespace postil::labelstudio {

namespace {

class ConfigWriter {
public:
    ConfigWriter(const Schema& schema, const LabelStudioSeen& seen, QByteArray& out)
        : m_schema(schema), m_seen(seen), m_xml(&out) {
        m_xml.setAutoFormatting(true);
        m_xml.setAutoFormattingIndent(2);
    }

    void write() {
        m_xml.writeStartElement(QStringLiteral("View"));
        for (TaskKind kind : {TaskKind::Image, TaskKind::Text, TaskKind::Audio, TaskKind::Compare})
            if (m_seen.kinds.contains(kind))
                writeKind(kind);
        m_xml.writeEndElement();
        m_xml.writeEndDocument();
    }

private:
    void comment(const QString& text) {
        m_xml.writeComment(QLatin1Char(' ') + text + QLatin1Char(' '));
    }

    void element(const QString& tag, const QList<QPair<QString, QString>>& attributes) {
        m_xml.writeEmptyElement(tag);
        for (const auto& [name, value] : attributes)
            m_xml.writeAttribute(name, value);
    }

    // A control name once per config: Label Studio refuses two tags of one name.
    bool take(const QString& name) {
        if (m_used.contains(name))
            return false;
        m_used.insert(name);
        return true;
    }

    void labels(const QString& tag, const QString& name, const QString& toName, TaskKind kind) {
        if (!take(name))
            return;
        m_xml.writeStartElement(tag);
        m_xml.writeAttribute(QStringLiteral("name"), name);
        m_xml.writeAttribute(QStringLiteral("toName"), toName);
        for (const Label& label : m_schema.labelsFor(kind)) {
            m_xml.writeEmptyElement(QStringLiteral("Label"));
            m_xml.writeAttribute(QStringLiteral("value"), label.name);
            if (!label.color.isEmpty())
                m_xml.writeAttribute(QStringLiteral("background"), label.color);
        }
        for (const QString& extra : m_seen.labels.value(kind))
            element(QStringLiteral("Label"), {{QStringLiteral("value"), extra}});
        m_xml.writeEndElement();
    }

    void textArea(const QString& name, const QString& toName, bool perRegion) {
        if (!take(name))
            return;
        QList<QPair<QString, QString>> attributes{
            {QStringLiteral("name"), name},
            {QStringLiteral("toName"), toName},
            {QStringLiteral("editable"), QStringLiteral("true")},
            {QStringLiteral("maxSubmissions"), QStringLiteral("1")}};
        if (perRegion)
            attributes << qMakePair(QStringLiteral("perRegion"), QStringLiteral("true"));
        element(QStringLiteral("TextArea"), attributes);
    }

    void choices(const QString& name, const QString& toName, const QString& choice,
                 const QStringList& values, bool perRegion) {
        if (!take(name))
            return;
        m_xml.writeStartElement(QStringLiteral("Choices"));
        m_xml.writeAttribute(QStringLiteral("name"), name);
        m_xml.writeAttribute(QStringLiteral("toName"), toName);
        m_xml.writeAttribute(QStringLiteral("choice"), choice);
        if (perRegion)
            m_xml.writeAttribute(QStringLiteral("perRegion"), QStringLiteral("true"));
        for (const QString& value : values)
            element(QStringLiteral("Choice"), {{QStringLiteral("value"), value}});
        m_xml.writeEndElement();
    }

    void attributes(TaskKind kind, const QString& object) {
        for (const Attribute& attribute : m_schema.attributesFor(kind)) {
            if (attribute.type == QLatin1String("text"))
                textArea(attribute.name, object, true);
            else if (attribute.type == QLatin1String("flag"))
                choices(attribute.name, object, QStringLiteral("single"),
                        {QStringLiteral("true"), QStringLiteral("false")}, true);
            else
                choices(attribute.name, object, QStringLiteral("single-radio"), attribute.options,
                        true);
        }
        for (const QString& extra : m_seen.attributes.value(kind))
            textArea(extra, object, true);
    }

    void questions(TaskKind kind, const QString& object) {
        for (const Question& question : m_schema.questionsFor(kind)) {
            switch (question.type) {
                case Question::Type::Single:
                    choices(question.name, object, QStringLiteral("single-radio"), question.options,
                            false);
                    break;
                case Question::Type::Multi:
                    choices(question.name, object, QStringLiteral("multiple"), question.options,
                            false);
                    break;
                case Question::Type::Flag:
                    choices(question.name, object, QStringLiteral("single"),
                            {QStringLiteral("true"), QStringLiteral("false")}, false);
                    break;
                case Question::Type::Rating:
                    if (take(question.name))
                        element(QStringLiteral("Rating"),
                                {{QStringLiteral("name"), question.name},
                                 {QStringLiteral("toName"), object},
                                 {QStringLiteral("maxRating"), QString::number(question.max)}});
                    break;
                case Question::Type::Text:
                    textArea(question.name, object, false);
                    break;
            }
        }
        for (auto it = m_seen.answers.begin(); it != m_seen.answers.end(); ++it) {
            if (it.value().isDouble()) {
                if (take(it.key()))
                    element(QStringLiteral("Rating"),
                            {{QStringLiteral("name"), it.key()},
                             {QStringLiteral("toName"), object},
                             {QStringLiteral("maxRating"), QStringLiteral("10")}});
            } else if (it.value().isString()) {
                textArea(it.key(), object, false);
            } else {
                choices(it.key(), object, QStringLiteral("multiple"), {}, false);
            }
        }
    }

    void object(const QString& tag, const QString& name) {
        element(tag, {{QStringLiteral("name"), name},
                      {QStringLiteral("value"), QLatin1Char('$') + name}});
    }

    void message(const QString& name) {
        if (m_seen.conversation)
            element(QStringLiteral("Paragraphs"),
                    {{QStringLiteral("name"), name},
                     {QStringLiteral("value"), QLatin1Char('$') + name},
                     {QStringLiteral("layout"), QStringLiteral("dialogue")},
                     {QStringLiteral("nameKey"), QStringLiteral("role")},
                     {QStringLiteral("textKey"), QStringLiteral("content")}});
        else
            object(QStringLiteral("Text"), name);
    }

    void writeKind(TaskKind kind) {
        switch (kind) {
            case TaskKind::Image:
                comment(QStringLiteral("Image tasks: boxes in percent of the image"));
                object(QStringLiteral("Image"), imageObject());
                labels(QStringLiteral("RectangleLabels"), boxControl(), imageObject(), kind);
                attributes(kind, imageObject());
                questions(kind, imageObject());
                break;
            case TaskKind::Text:
                comment(QStringLiteral("Text tasks: spans in code points"));
                labels(QStringLiteral("Labels"), spanControl(), textObject(), kind);
                object(QStringLiteral("Text"), textObject());
                if (!m_schema.relationLabels.isEmpty()) {
                    m_xml.writeStartElement(QStringLiteral("Relations"));
                    for (const RelationLabel& relation : m_schema.relationLabels)
                        element(QStringLiteral("Relation"),
                                {{QStringLiteral("value"), relation.name}});
                    m_xml.writeEndElement();
                }
                textArea(noteControl(), textObject(), true);
                attributes(kind, textObject());
                questions(kind, textObject());
                break;
            case TaskKind::Audio:
                comment(QStringLiteral(
                    "Audio tasks: a region per segment, its speaker and transcript"));
                labels(QStringLiteral("Labels"), speakerControl(), audioObject(), kind);
                object(QStringLiteral("Audio"), audioObject());
                textArea(transcriptControl(), audioObject(), true);
                attributes(kind, audioObject());
                questions(kind, audioObject());
                break;
            case TaskKind::Compare: {
                comment(
                    QStringLiteral("Comparisons: the prompt, answer1..answerN (canonical order)"));
                message(promptObject());
                const int count = std::max(2, m_seen.maxResponses);
                for (int response = 0; response < count; ++response) {
                    message(answerObject(response));
                    labels(QStringLiteral("Labels"), flagControl(response), answerObject(response),
                           kind);
                    textArea(commentControl(response), answerObject(response), true);
                    for (const RubricDimension& dimension : m_schema.rubric)
                        if (take(rubricControl(dimension.name, response)))
                            element(
                                QStringLiteral("Rating"),
                                {{QStringLiteral("name"), rubricControl(dimension.name, response)},
                                 {QStringLiteral("toName"), answerObject(response)},
                                 {QStringLiteral("maxRating"), QString::number(dimension.max)}});
                    for (const QString& extra : m_seen.rubric)
                        if (take(rubricControl(extra, response)))
                            element(QStringLiteral("Rating"),
                                    {{QStringLiteral("name"), rubricControl(extra, response)},
                                     {QStringLiteral("toName"), answerObject(response)},
                                     {QStringLiteral("maxRating"), QStringLiteral("10")}});
                }
                if (m_seen.pairs)
                    element(QStringLiteral("Pairwise"),
                            {{QStringLiteral("name"), pairwiseControl()},
                             {QStringLiteral("toName"),
                              answerObject(0) + QLatin1Char(',') + answerObject(1)}});
                if (take(preferenceControl())) {
                    // The choice's alias is what a result stores: the verdict -3..3.
                    m_xml.writeStartElement(QStringLiteral("Choices"));
                    m_xml.writeAttribute(QStringLiteral("name"), preferenceControl());
                    m_xml.writeAttribute(QStringLiteral("toName"), promptObject());
                    m_xml.writeAttribute(QStringLiteral("choice"), QStringLiteral("single-radio"));
                    for (int preference = -3; preference <= 3; ++preference)
                        element(QStringLiteral("Choice"),
                                {{QStringLiteral("value"), preferenceWords(preference)},
                                 {QStringLiteral("alias"), QString::number(preference)}});
                    m_xml.writeEndElement();
                }
                choices(bothBadControl(), promptObject(), QStringLiteral("single"),
                        {QStringLiteral("true"), QStringLiteral("false")}, false);
                if (count > 2)
                    textArea(rankingControl(), promptObject(), false);
                textArea(critiqueControl(), promptObject(), false);
                textArea(rewriteControl(), promptObject(), false);
                questions(kind, promptObject());
                break;
            }
        }
    }

    const Schema& m_schema;
    const LabelStudioSeen& m_seen;
    QXmlStreamWriter m_xml;
    QSet<QString> m_used;
};

}  // namespace

QByteArray labelingConfig(const Schema& schema, const LabelStudioSeen& seen) {
    QByteArray out;
    ConfigWriter(schema, seen, out).write();
    return out;
}

}  // namespace postil::labelstudio
