#include <QColor>

#include "document/taskdocument.h"
#include "editors/text/editorwords.h"
#include "editors/text/spansidepanel.h"
#include "editors/text/spantextview.h"
#include "editors/text/texteditor.h"
#include "formats/detectionsupport.h"
#include "widgets/labelcolors.h"
#include "widgets/labelpalette.h"

// The text editor's relations between spans: made with R, a target and a
// label; listed, selected and deleted.
namespace postil {

using editorwords::excerpt;
using editorwords::keyText;

QString TextEditor::describe(int span) const {
    if (span < 0 || span >= m_annotation.spans.size())
        return QString();
    const Span& s = m_annotation.spans[span];
    const qsizetype from = m_offsets.toUtf16(s.start);
    return QStringLiteral("%1 “%2”").arg(
        s.label, excerpt(m_text.mid(from, m_offsets.toUtf16(s.end) - from)));
}

void TextEditor::startRelation() {
    const int from = selectedSpan();
    if (from < 0) {
        note(tr("Select the relation's first span (click it or Tab to it), then %1.")
                 .arg(keyText(QStringLiteral("text.relation"))));
        return;
    }
    m_relationFrom = from;
    m_relationTo = -1;
    m_view->setPickSource(from);
    note(tr("Relation from %1: click the target span, or Tab to it and Enter (Esc cancels)")
             .arg(describe(from)));
}

void TextEditor::pickRelationTarget(int target) {
    if (!pickingRelation())
        return;
    if (target == m_relationFrom || target < 0 || target >= m_annotation.spans.size()) {
        note(tr("Pick another span as the target (Esc cancels)."));
        return;
    }
    m_relationTo = target;
    m_view->setSelectedSpan(target, true);
    onSpanSelected();
    m_relationPalette->popup(
        m_view,
        tr("Relation %1 → %2: its label, Enter").arg(describe(m_relationFrom), describe(target)));
}

void TextEditor::endRelation() {
    m_relationFrom = m_relationTo = -1;
    m_view->setPickSource(-1);
}

void TextEditor::addRelation(int from, int to, const QString& label) {
    if (!m_document || from < 0 || to < 0 || from >= m_annotation.spans.size() ||
        to >= m_annotation.spans.size() || from == to)
        return;
    for (int i = 0; i < m_annotation.relations.size(); ++i) {
        const Relation& r = m_annotation.relations[i];
        if (r.from == from && r.to == to && r.label == label) {
            note(tr("That relation is there already."));
            selectRelation(i);
            return;
        }
    }
    TextAnnotation edited = m_annotation;
    Relation relation;
    relation.from = from;
    relation.to = to;
    relation.label = label;
    edited.relations.append(relation);
    commit(edited, tr("Relation %1").arg(label), -1);
    selectRelation(int(m_annotation.relations.size()) - 1);
    note(tr("%1 → %2 → %3").arg(describe(from), label, describe(to)));
}

void TextEditor::createRelationLabel(const QString& name) {
    const int from = m_relationFrom;
    const int to = m_relationTo;
    endRelation();
    if (!m_document)
        return;
    for (const RelationLabel& relation : std::as_const(m_relationLabels))
        if (relation.name == name) {
            addRelation(from, to, name);
            return;
        }
    Schema schema = m_document->project().schema();
    schema.relationLabels.append({name, detection::unusedLabelColor(schema)});
    if (from < 0 || to < 0 || from == to) {
        m_document->changeSchema(schema, tr("New relation label %1").arg(name));
        return;
    }
    TextAnnotation edited = m_annotation;
    Relation relation;
    relation.from = from;
    relation.to = to;
    relation.label = name;
    edited.relations.append(relation);
    // One step for the label and the relation: undo takes both away.
    m_shownSpans = QJsonValue();
    m_document->changeSchema(schema, tr("Relation with new label %1").arg(name),
                             spanresult::withSpans(m_document->result(), edited));
    selectRelation(int(m_annotation.relations.size()) - 1);
    note(tr("Added relation label “%1” to the project (Ctrl+Z takes it back)").arg(name));
}

void TextEditor::deleteRelation(int index) {
    if (!m_document || index < 0 || index >= m_annotation.relations.size())
        return;
    TextAnnotation edited = m_annotation;
    const QString label = edited.relations[index].label;
    edited.relations.removeAt(index);
    commit(edited, tr("Delete relation %1").arg(label), kKeepSelection);
    m_view->setSelectedRelation(-1);
    m_panel->showRelation(-1);
}

int TextEditor::selectedRelation() const {
    const int id = m_view->scene().selectedRelation;
    return id >= 0 && id < m_annotation.relations.size() ? id : -1;
}

void TextEditor::selectRelation(int index) {
    if (index < 0 || index >= m_annotation.relations.size())
        return;
    const Relation& relation = m_annotation.relations[index];
    m_view->setSelectedSpan(-1, false);
    onSpanSelected();
    m_view->setSelectedRelation(index);
    m_panel->showRelation(index);
    if (const ViewSpan* from = m_view->scene().spans.byId(relation.from))
        m_view->reveal(from->start, from->end);
    note(tr("%1 → %2 → %3 (%4 deletes it)")
             .arg(describe(relation.from), relation.label, describe(relation.to),
                  keyText(QStringLiteral("text.delete"))));
}

QColor TextEditor::relationColor(const QString& label) const {
    for (const RelationLabel& relation : m_relationLabels)
        if (relation.name == label && QColor::isValidColorName(relation.color))
            return QColor(relation.color);
    return unknownLabelColor(label).darker(130);
}

}  // namespace postil
