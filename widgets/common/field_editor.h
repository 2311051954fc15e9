#pragma once
// The editor of one descriptor field (core/spec_field.h), built from its kind, limits and texts: a QSpinBox
// (Int), UInt64SpinBox (UInt64), FloatSpinBox (Float), QComboBox (Choice), QCheckBox (Bool) or QLineEdit
// (Text, reported when typing ends), accepting
// exactly the values the model file accepts. setValue() shows a value without a signal; edited() fires when
// the widget's value changes any other way (the user, or a test driving the widget), with the new value.
// The Layer inspector and the Training tab build all their rows with it.
#include <QObject>
#include <QString>

#include "core/spec_field.h"

class QWidget;

class FieldEditor : public QObject {
    Q_OBJECT
public:
    // liveTyping: report each keystroke in a spin box (the Inspector's shapes follow as you type) rather
    // than only the committed value.
    FieldEditor(const layerlab::FieldMeta& meta, QWidget* parent, bool liveTyping = false);

    QWidget* widget() const { return m_widget; }
    const layerlab::FieldMeta& meta() const { return m_meta; }
    QString label() const;  // translated; empty for a check box (its text is the label)

    void setValue(const layerlab::FieldValue& value);  // no edited() signal
    layerlab::FieldValue value() const;

    // The studio's wording for the descriptor texts (no Qt in core: translated here).
    static QString uiText(const char* text);

signals:
    void edited(const layerlab::FieldValue& value);

private:
    void changed();

    const layerlab::FieldMeta& m_meta;
    QWidget* m_widget = nullptr;
    bool m_showing = false;
};
