#include "widgets/editor/layer_inspector.h"

#include <QFormLayout>
#include <QFrame>
#include <QLabel>
#include <QLocale>
#include <QStackedWidget>
#include <QVBoxLayout>

#include "i18n/core_text.h"
#include "widgets/common/field_editor.h"
#include "widgets/common/layer_catalog.h"
#include "widgets/common/layer_icons.h"
#include "widgets/common/quantity_format.h"
#include "widgets/document/model_document.h"

using layerlab::LayerField;
using layerlab::LayerSpec;
using layerlab::LayerType;

LayerInspector::LayerInspector(ModelDocument* document, QWidget* parent) : QWidget(parent), m_doc(document) {
    auto* outer = new QVBoxLayout(this);
    outer->setContentsMargins(0, 0, 0, 0);
    m_stack = new QStackedWidget(this);
    outer->addWidget(m_stack);

    m_placeholder = new QLabel(tr("Select a layer in the model to edit its settings."), m_stack);
    m_placeholder->setAlignment(Qt::AlignCenter);
    m_placeholder->setWordWrap(true);
    m_placeholder->setMargin(12);
    m_stack->addWidget(m_placeholder);

    auto* page = new QWidget(m_stack);
    auto* layout = new QVBoxLayout(page);
    layout->setContentsMargins(8, 8, 8, 8);

    auto* header = new QHBoxLayout;
    m_icon = new QLabel(page);
    m_icon->setFixedSize(32, 32);
    m_title = new QLabel(page);
    QFont big = m_title->font();
    big.setBold(true);
    big.setPointSizeF(big.pointSizeF() * 1.15);
    m_title->setFont(big);
    header->addWidget(m_icon);
    header->addWidget(m_title, 1);
    layout->addLayout(header);

    m_description = new QLabel(page);
    m_description->setWordWrap(true);
    QPalette dim = m_description->palette();
    dim.setColor(QPalette::WindowText, dim.color(QPalette::PlaceholderText));
    m_description->setPalette(dim);
    layout->addWidget(m_description);

    // One form per layer type, built when first needed; only the shown layer's is visible.
    m_fieldsArea = new QWidget(page);
    auto* fieldsLayout = new QVBoxLayout(m_fieldsArea);
    fieldsLayout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_fieldsArea);
    m_noSettings = new QLabel(tr("This layer has no settings."), page);
    m_noSettings->setWordWrap(true);
    m_noSettings->setPalette(dim);
    layout->addWidget(m_noSettings);

    auto* line = new QFrame(page);
    line->setFrameShape(QFrame::HLine);
    line->setFrameShadow(QFrame::Sunken);
    layout->addWidget(line);

    auto* infoForm = new QFormLayout;
    m_shapes = new QLabel(page);
    m_params = new QLabel(page);
    m_flops = new QLabel(page);
    for (QLabel* l : {m_shapes, m_params, m_flops}) l->setTextInteractionFlags(Qt::TextSelectableByMouse);
    infoForm->addRow(tr("Shape:"), m_shapes);
    infoForm->addRow(tr("Parameters:"), m_params);
    infoForm->addRow(tr("FLOPs/sample:"), m_flops);
    layout->addLayout(infoForm);

    m_error = new QLabel(page);
    m_error->setWordWrap(true);
    m_error->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_error->setStyleSheet(QStringLiteral("QLabel { color: #b3261e; }"));
    layout->addWidget(m_error);
    layout->addStretch(1);
    m_stack->addWidget(page);

    connect(m_doc, &ModelDocument::changed, this, &LayerInspector::refresh);
    showLayer(QString());
}

void LayerInspector::showLayer(const QString& id) {
    m_id = id;
    refresh();
}

LayerInspector::TypePage& LayerInspector::pageFor(LayerType type) {
    auto it = m_pages.find(type);
    if (it != m_pages.end()) return it->second;
    TypePage& p = m_pages[type];
    p.page = new QWidget(m_fieldsArea);
    p.form = new QFormLayout(p.page);
    p.form->setContentsMargins(0, 0, 0, 0);
    p.form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    for (const LayerField* f : layerlab::layerTypeInfo(type).fields) {
        auto* editor = new FieldEditor(f->meta, p.page, /*liveTyping=*/true);
        const QString label = editor->label();
        p.form->addRow(label.isEmpty() ? QString() : tr("%1:").arg(label), editor->widget());
        p.rows.emplace_back(f, editor);
        // An edit copies the layer, changes this one field and hands it to the document.
        connect(editor, &FieldEditor::edited, this, [this, type, f](const layerlab::FieldValue& v) {
            const LayerSpec* now = m_doc->layer(m_id);
            if (!now || now->type != type) return;
            LayerSpec layer = *now;
            f->set(layer, v);
            if (!(layer == *now)) m_doc->setLayer(m_id, layer);
        });
    }
    m_fieldsArea->layout()->addWidget(p.page);
    return p;
}

QWidget* LayerInspector::fieldEditor(const char* key) const {
    if (!m_shown) return nullptr;
    for (const auto& [field, editor] : m_shown->rows)
        if (std::string(field->meta.key) == key) return editor->widget();
    return nullptr;
}

void LayerInspector::refresh() {
    const LayerSpec* shown = m_doc->layer(m_id);
    if (!shown) {
        m_id.clear();
        m_shown = nullptr;
        m_stack->setCurrentIndex(0);
        return;
    }
    m_stack->setCurrentIndex(1);
    const LayerSpec& layer = *shown;
    const LayerType t = layer.type;

    m_icon->setPixmap(layerIcon(t).pixmap(32, 32));
    m_title->setText(tr("%1 \u00b7 %2").arg(m_doc->numberOf(m_id), LayerCatalog::displayName(t)));
    m_description->setText(LayerCatalog::description(t));

    TypePage& page = pageFor(t);
    for (auto& [type, p] : m_pages) p.page->setVisible(&p == &page);
    m_shown = &page;
    bool anyRow = false;
    for (const auto& [field, editor] : page.rows) {
        editor->setValue(field->get(layer));  // leaves an unchanged value being typed alone
        const bool used = layerlab::layerFieldActive(layer, *field);
        page.form->setRowVisible(editor->widget(), used);
        anyRow = anyRow || used;
    }
    // A block has no settings of its own: say where its layers are edited.
    const size_t inner = layer.layers.size();
    QString none = tr("This layer has no settings.");
    if (m_doc->isBlock(m_id))
        none = inner == 0 ? tr("The block is empty. Drag layers from the palette into it.")
               : inner == 1
                   ? tr("Its inner layer is edited in the model: select it there, drag more in from "
                        "the palette.")
                   : tr("Its %1 inner layers are edited in the model: select one there, drag more in "
                        "from the palette.")
                         .arg(inner);
    m_noSettings->setText(none);
    m_noSettings->setVisible(!anyRow);

    if (const layerlab::LayerInfo* found = m_doc->layerInfo(m_id)) {
        const auto& info = *found;
        const QString in =
            info.inputShape.dims.empty() ? tr("?") : QString::fromStdString(info.inputShape.toString());
        const QString out =
            info.outputShape.dims.empty() ? tr("?") : QString::fromStdString(info.outputShape.toString());
        m_shapes->setText(tr("%1 \u2192 %2").arg(in, out));
        const bool known = !info.outputShape.dims.empty();
        m_params->setText(known ? QLocale().toString(info.params) : tr("?"));
        m_flops->setText(known ? QuantityFormat::flops(info.flops) : tr("?"));
        const std::vector<int>& errorPath = m_doc->info().errorPath;
        if (!info.error.empty()) {
            m_error->setStyleSheet(QStringLiteral("QLabel { color: #b3261e; }"));
            m_error->setText(CoreText::message(info.error));
        } else if (!known && !errorPath.empty()) {
            m_error->setStyleSheet(QString());
            m_error->setText(tr("Shapes appear once layer %1 is fixed.")
                                 .arg(QString::fromStdString(layerlab::layerNumber(errorPath))));
        } else {
            m_error->clear();
        }
        m_error->setVisible(!m_error->text().isEmpty());
    } else {
        m_shapes->clear();
        m_params->clear();
        m_flops->clear();
        m_error->hide();
    }
}
