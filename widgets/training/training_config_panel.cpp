#include "widgets/training/training_config_panel.h"

#include <QComboBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QLabel>
#include <QSpinBox>
#include <QStandardItemModel>
#include <QThread>
#include <QVBoxLayout>
#include <algorithm>
#include <map>

#include "core/dataset.h"
#include "widgets/common/field_editor.h"
#include "widgets/document/model_document.h"
#include "widgets/training/augment_preview.h"

using namespace layerlab;

TrainingConfigPanel::TrainingConfigPanel(ModelDocument* document, QWidget* parent)
    : QWidget(parent), m_doc(document) {
    auto* v = new QVBoxLayout(this);
    v->setContentsMargins(4, 4, 4, 4);

    m_lockNote =
        new QLabel(tr("Settings are locked while training runs. Stop (Shift+F5) to change them."), this);
    m_lockNote->setWordWrap(true);
    m_lockNote->setStyleSheet(QStringLiteral("color: palette(dark);"));
    m_lockNote->setVisible(false);
    v->addWidget(m_lockNote);

    m_focusNote = new QLabel(this);
    m_focusNote->setObjectName(QStringLiteral("focusNote"));
    m_focusNote->setWordWrap(true);
    m_focusNote->setTextFormat(Qt::RichText);
    m_focusNote->setStyleSheet(QStringLiteral("background:#e8f1fb; padding:4px;"));
    m_focusNote->setVisible(false);
    connect(m_focusNote, &QLabel::linkActivated, this, [this] { setFocusFields({}, QString()); });
    v->addWidget(m_focusNote);

    // One box per settings group, its rows in the table's order (by rank).
    for (const SettingsGroupInfo& g : settingsGroups()) {
        if (!g.inTrainingTab) continue;  // the image import settings have their own dialog
        std::vector<const TrainingField*> fields;
        for (const TrainingField* f : trainingFields())
            if (f->meta.ui.group == int(g.group)) fields.push_back(f);
        std::stable_sort(fields.begin(), fields.end(), [](const TrainingField* a, const TrainingField* b) {
            return a->meta.ui.rank < b->meta.ui.rank;
        });
        auto* box = new QGroupBox(FieldEditor::uiText(g.title), this);
        auto* form = new QFormLayout(box);
        form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
        form->setContentsMargins(6, 6, 6, 6);
        form->setVerticalSpacing(4);
        for (const TrainingField* f : fields) {
            Row row{f};
            row.form = form;
            if (f->meta.ui.groupToggle) {  // the box's own check box switches the group on and off
                box->setCheckable(true);
                box->setToolTip(FieldEditor::uiText(f->meta.tooltip));
                box->setObjectName(QString::fromStdString(f->meta.path()));
                row.toggle = box;
                connect(box, &QGroupBox::toggled, this, [this, f](bool on) {
                    FieldValue value;
                    value.whole = on;
                    edit(f, value);
                });
            } else {
                row.editor = new FieldEditor(f->meta, box);
                form->addRow(row.editor->label(), row.editor->widget());
                connect(row.editor, &FieldEditor::edited, this,
                        [this, f](const FieldValue& value) { edit(f, value); });
            }
            m_rows.push_back(row);
        }
        if (g.group == SettingsGroup::Augmentation) {  // what the settings do, on real training images
            m_preview = new AugmentPreview(m_doc, box);
            form->addRow(m_preview);
        }
        v->addWidget(box);
    }
    v->addStretch(1);

    if (auto* threads = qobject_cast<QSpinBox*>(fieldEditor("threads")))
        threads->setSpecialValueText(tr("all cores (%1)").arg(QThread::idealThreadCount()));
    for (QComboBox* c : findChildren<QComboBox*>()) {
        // Narrow docks: do not size the combo to its longest entry.
        c->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
        c->setMinimumContentsLength(10);
    }
    connect(m_doc, &ModelDocument::changed, this, &TrainingConfigPanel::refresh);

    refreshDatasetAvailability();
    refresh();
}

QWidget* TrainingConfigPanel::fieldEditor(const std::string& path) const {
    for (const Row& r : m_rows)
        if (r.field->meta.path() == path) return r.editor ? r.editor->widget() : r.toggle;
    return nullptr;
}

QComboBox* TrainingConfigPanel::datasetCombo() const {
    return qobject_cast<QComboBox*>(fieldEditor("dataset"));
}

void TrainingConfigPanel::refreshDatasetAvailability() {
    QComboBox* combo = datasetCombo();
    auto* model = qobject_cast<QStandardItemModel*>(combo->model());
    for (int i = 0; i < combo->count(); ++i) {
        const auto kind = DatasetKind(combo->itemData(i).toInt());
        if (kind == DatasetKind::ImageFolder) {  // any folder of yours: named by the row below the list
            combo->setItemData(i,
                               tr("Your own images: a folder with one subfolder per class (File > Open Image "
                                  "Folder…)."),
                               Qt::ToolTipRole);
            continue;
        }
        const DataLocation loc = locateDataset(kind);
        QString tip;
        if (loc.found)
            tip = tr("Found in %1 (%2).")
                      .arg(QString::fromStdString(loc.directory), QString::fromStdString(loc.how));
        else
            tip = tr("Not found on this computer. To get it: %1").arg(QString::fromStdString(loc.hint));
        combo->setItemData(i, tip, Qt::ToolTipRole);
        if (model) model->item(i)->setEnabled(loc.found);
    }
}

void TrainingConfigPanel::setDataset(std::shared_ptr<const layerlab::Dataset> dataset) {
    m_preview->setDataset(std::move(dataset));
}

void TrainingConfigPanel::setLocked(bool locked) {
    for (QWidget* w : findChildren<QGroupBox*>()) w->setEnabled(!locked);
    m_lockNote->setVisible(locked);
}

void TrainingConfigPanel::setFocusFields(const QStringList& paths, const QString& why) {
    m_focus.clear();
    for (const QString& p : paths)
        if (trainingField(p.toStdString())) m_focus << p;
    m_focusNote->setText(tr("%1 <a href=\"all\">Show all settings</a>")
                             .arg(why.isEmpty() ? tr("Showing only some settings.") : why));
    m_focusNote->setVisible(!m_focus.isEmpty());
    refresh();
}

bool TrainingConfigPanel::shownByFocus(const TrainingField* field) const {
    return m_focus.isEmpty() || m_focus.contains(QString::fromStdString(field->meta.path()));
}

void TrainingConfigPanel::refresh() {
    const TrainingSpec& t = m_doc->spec().training;
    std::map<QGroupBox*, bool> boxShown;  // a box shows when one of its settings does
    for (const Row& r : m_rows) {
        const FieldValue value = r.field->get(t);
        auto* box = r.toggle ? r.toggle : qobject_cast<QGroupBox*>(r.editor->widget()->parentWidget());
        if (box) boxShown[box] = boxShown[box] || shownByFocus(r.field);
        if (r.toggle) {
            const QSignalBlocker block(r.toggle);
            r.toggle->setChecked(value.whole != 0);
            continue;
        }
        r.editor->setValue(value);
        r.form->setRowVisible(r.editor->widget(), trainingFieldActive(t, *r.field) && shownByFocus(r.field));
    }
    for (auto [box, shown] : boxShown) box->setVisible(shown);
    // The file may ask for more threads than this machine has cores (it may be meant for a bigger one):
    // the value stays as the file has it, and the box says what really runs here.
    for (const Row& r : m_rows) {
        auto* threads = r.editor ? qobject_cast<QSpinBox*>(r.editor->widget()) : nullptr;
        if (!threads || r.field->meta.path() != "threads") continue;
        const int cores = QThread::idealThreadCount();
        threads->setSuffix(t.threads > cores ? tr(" (%1 run here)").arg(cores) : QString());
        threads->setToolTip(t.threads > cores ? tr("This machine has %1 cores: training runs %1 threads, "
                                                   "and the model file keeps %2.")
                                                    .arg(cores)
                                                    .arg(t.threads)
                                              : FieldEditor::uiText(r.field->meta.tooltip));
    }
}

void TrainingConfigPanel::edit(const TrainingField* field, const FieldValue& value) {
    // Only the edited field changes: every other value stays exactly what the document (the file) holds.
    TrainingSpec t = m_doc->spec().training;
    field->set(t, value);
    if (!(t == m_doc->spec().training)) m_doc->setTraining(t);
}
