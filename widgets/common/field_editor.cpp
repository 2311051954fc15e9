#include "widgets/common/field_editor.h"

#include <QCheckBox>
#include <QComboBox>
#include <QCoreApplication>
#include <QLineEdit>
#include <QSpinBox>
#include <cmath>

#include "widgets/common/float_spin_box.h"
#include "widgets/common/uint64_spin_box.h"

using layerlab::FieldKind;
using layerlab::FieldValue;

QString FieldEditor::uiText(const char* text) {
    return QCoreApplication::translate("layerlab", text);
}

FieldEditor::FieldEditor(const layerlab::FieldMeta& meta, QWidget* parent, bool liveTyping)
    : QObject(parent), m_meta(meta) {
    const QString tip = uiText(meta.tooltip);
    switch (meta.kind) {
        case FieldKind::Int: {
            auto* s = new QSpinBox(parent);
            s->setRange(int(meta.minimum()), int(meta.maximum()));
            s->setKeyboardTracking(liveTyping);
            s->setAccelerated(true);
            if (*meta.ui.zeroText) s->setSpecialValueText(uiText(meta.ui.zeroText));
            s->setSuffix(QString::fromUtf8(meta.ui.suffix));
            connect(s, &QSpinBox::valueChanged, this, &FieldEditor::changed);
            m_widget = s;
            break;
        }
        case FieldKind::UInt64: {
            auto* s = new UInt64SpinBox(parent);
            s->setRange(0, ~quint64(0));
            connect(s, &UInt64SpinBox::valueChanged, this, &FieldEditor::changed);
            m_widget = s;
            break;
        }
        case FieldKind::Float: {
            auto* s = new FloatSpinBox(parent);
            s->setRange(meta.minimum() * meta.ui.scale, meta.maximum() * meta.ui.scale);
            if (meta.ui.step > 0)
                s->setSingleStep(meta.ui.step);
            else
                s->setLogSteps(meta.ui.smallestStep);
            s->setKeyboardTracking(liveTyping);
            s->setSuffix(QString::fromUtf8(meta.ui.suffix));
            connect(s, &QDoubleSpinBox::valueChanged, this, &FieldEditor::changed);
            m_widget = s;
            break;
        }
        case FieldKind::Bool: {
            auto* c = new QCheckBox(uiText(meta.label), parent);
            connect(c, &QCheckBox::toggled, this, &FieldEditor::changed);
            m_widget = c;
            break;
        }
        case FieldKind::Choice: {
            auto* c = new QComboBox(parent);
            for (const layerlab::ChoiceOption& o : meta.choices) c->addItem(uiText(o.label), o.value);
            connect(c, &QComboBox::currentIndexChanged, this, &FieldEditor::changed);
            m_widget = c;
            break;
        }
        case FieldKind::Text: {  // reported when typing ends (Enter or focus out), not per keystroke
            auto* e = new QLineEdit(parent);
            e->setMaxLength(int(meta.limits.hi));
            connect(e, &QLineEdit::editingFinished, this, [this, e] {
                if (e->isModified()) {
                    e->setModified(false);
                    changed();
                }
            });
            m_widget = e;
            break;
        }
    }
    m_widget->setToolTip(tip);
    m_widget->setObjectName(QString::fromLatin1(meta.path().c_str()));
}

QString FieldEditor::label() const {
    return m_meta.kind == FieldKind::Bool ? QString() : uiText(m_meta.label);
}

void FieldEditor::setValue(const FieldValue& v) {
    if (value() == v) return;  // leaves a value being typed alone
    m_showing = true;
    switch (m_meta.kind) {
        case FieldKind::Int:
            static_cast<QSpinBox*>(m_widget)->setValue(int(v.whole));
            break;
        case FieldKind::UInt64:
            static_cast<UInt64SpinBox*>(m_widget)->setValue(v.big);
            break;
        case FieldKind::Float:
            static_cast<FloatSpinBox*>(m_widget)->setValue(double(v.real) * m_meta.ui.scale);
            break;
        case FieldKind::Bool:
            static_cast<QCheckBox*>(m_widget)->setChecked(v.whole != 0);
            break;
        case FieldKind::Choice: {
            auto* c = static_cast<QComboBox*>(m_widget);
            c->setCurrentIndex(c->findData(int(v.whole)));
            break;
        }
        case FieldKind::Text:
            static_cast<QLineEdit*>(m_widget)->setText(QString::fromStdString(v.text));
            break;
    }
    m_showing = false;
}

FieldValue FieldEditor::value() const {
    FieldValue v;
    switch (m_meta.kind) {
        case FieldKind::Int:
            v.whole = static_cast<QSpinBox*>(m_widget)->value();
            break;
        case FieldKind::UInt64:
            v.big = static_cast<UInt64SpinBox*>(m_widget)->value();
            break;
        case FieldKind::Float:
            v.real = float(static_cast<FloatSpinBox*>(m_widget)->value() / m_meta.ui.scale);
            break;
        case FieldKind::Bool:
            v.whole = static_cast<QCheckBox*>(m_widget)->isChecked();
            break;
        case FieldKind::Choice:
            v.whole = static_cast<QComboBox*>(m_widget)->currentData().toInt();
            break;
        case FieldKind::Text:
            v.text = static_cast<QLineEdit*>(m_widget)->text().toStdString();
            break;
    }
    return v;
}

void FieldEditor::changed() {
    if (!m_showing) emit edited(value());
}
