#include "widgets/data/image_import_dialog.h"

#include <QCryptographicHash>
#include <QDialogButtonBox>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QFormLayout>
#include <QGroupBox>
#include <QLabel>
#include <QLocale>
#include <QPushButton>
#include <QScrollArea>
#include <QSettings>
#include <QVBoxLayout>
#include <algorithm>
#include <filesystem>

#include "core/image_import.h"
#include "core/training_fields.h"
#include "widgets/common/dataset_image.h"
#include "widgets/common/field_editor.h"
#include "widgets/common/tile_grid.h"

using namespace layerlab;

namespace {

constexpr int kPreviewClasses = 12;
constexpr int kPreviewTile = 64;  // at least this many screen pixels across one preview image

// The import settings' rows of the training table, in the dialog's order.
std::vector<const TrainingField*> importFields() {
    std::vector<const TrainingField*> out;
    for (const TrainingField* f : trainingFields())
        if (f->meta.ui.group == int(SettingsGroup::ImageImport)) out.push_back(f);
    std::stable_sort(out.begin(), out.end(), [](const TrainingField* a, const TrainingField* b) {
        return a->meta.ui.rank < b->meta.ui.rank;
    });
    return out;
}

TrainingSpec withImport(const ImageImportSpec& s) {
    TrainingSpec t;
    t.dataset = DatasetKind::ImageFolder;
    t.imageImport = s;
    return t;
}

QString settingsKey(const QString& folder) {
    const QString canonical = QFileInfo(folder).canonicalFilePath().isEmpty()
                                  ? QFileInfo(folder).absoluteFilePath()
                                  : QFileInfo(folder).canonicalFilePath();
    return QStringLiteral("imageFolders/") +
           QString::fromLatin1(
               QCryptographicHash::hash(canonical.toUtf8(), QCryptographicHash::Sha1).toHex());
}

QString shapeText(const Shape& s) {
    return QString::fromStdString(s.toString());
}

}  // namespace

ImageImportDialog::ImageImportDialog(const QString& folder, const ImageImportSpec& initial,
                                     const Shape& modelInput, QWidget* parent)
    : QDialog(parent), m_folder(folder), m_spec(initial), m_modelInput(modelInput) {
    setWindowTitle(tr("Import Image Folder"));
    setObjectName("ImageImportDialog");
    auto* v = new QVBoxLayout(this);

    m_listing = new QLabel(this);
    m_listing->setWordWrap(true);
    m_listing->setTextInteractionFlags(Qt::TextSelectableByMouse);
    v->addWidget(m_listing);

    try {
        m_scan = std::make_unique<ImageFolderScan>(scanImageFolder(QFile::encodeName(folder).toStdString()));
    } catch (const std::exception& e) {
        m_scanError = QString::fromStdString(e.what());
    }

    auto* settingsBox = new QGroupBox(tr("How the images become the model's inputs"), this);
    auto* form = new QFormLayout(settingsBox);
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    const TrainingSpec t = withImport(m_spec);
    for (const TrainingField* f : importFields()) {
        auto* e = new FieldEditor(f->meta, settingsBox);
        e->setValue(f->get(t));
        if (e->label().isEmpty())
            form->addRow(e->widget());
        else
            form->addRow(e->label(), e->widget());
        connect(e, &FieldEditor::edited, this, [this, f](const FieldValue& value) {
            TrainingSpec spec = withImport(m_spec);
            f->set(spec, value);
            m_spec = spec.imageImport;
            refresh();
        });
        m_editors.push_back(e);
    }
    v->addWidget(settingsBox);
    m_inputNote = new QLabel(this);
    m_inputNote->setWordWrap(true);
    v->addWidget(m_inputNote);

    auto* previewBox = new QGroupBox(tr("The first image of each class, as the model will see it"), this);
    auto* pv = new QVBoxLayout(previewBox);
    m_preview = new TileGrid(previewBox);
    auto* scroll = new QScrollArea(previewBox);
    scroll->setWidget(m_preview);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    scroll->setMinimumHeight(kPreviewTile + 40);
    pv->addWidget(scroll);
    m_previewNote = new QLabel(previewBox);
    m_previewNote->setWordWrap(true);
    pv->addWidget(m_previewNote);
    v->addWidget(previewBox, 1);

    m_buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    m_buttons->button(QDialogButtonBox::Ok)->setText(tr("Import"));
    connect(m_buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    v->addWidget(m_buttons);
    refresh();
    resize(560, sizeHint().height());
}

ImageImportDialog::~ImageImportDialog() = default;

FieldEditor* ImageImportDialog::editor(const std::string& key) const {
    for (FieldEditor* e : m_editors)
        if (e->meta().key == key) return e;
    return nullptr;
}

QString ImageImportDialog::folderText() const {
    return m_listing->text();
}

QString ImageImportDialog::inputNote() const {
    return m_inputNote->text();
}

void ImageImportDialog::refresh() {
    const QLocale locale;
    if (!m_scan) {
        m_listing->setText(
            tr("<b>%1</b> cannot be used: %2").arg(m_folder.toHtmlEscaped(), m_scanError.toHtmlEscaped()));
        m_listing->setStyleSheet(QStringLiteral("color: #b00020;"));
    } else {
        QStringList names;
        for (const std::string& n : m_scan->classNames) names << QString::fromStdString(n).toHtmlEscaped();
        if (names.size() > 8) names = names.mid(0, 8) << tr("… (%1 more)").arg(m_scan->classNames.size() - 8);
        QString text = tr("<b>%1</b>: %2 image files in %3 classes (%4)")
                           .arg(m_folder.toHtmlEscaped(), locale.toString(qulonglong(m_scan->files.size())))
                           .arg(m_scan->classNames.size())
                           .arg(names.join(QStringLiteral(", ")));
        text += m_scan->hasTestFolder
                    ? tr("; the test images are in test/.")
                    : tr("; no test/ folder: a share of each class is held out for testing.");
        if (!m_scan->emptyClasses.empty()) {
            QStringList empty;
            for (const std::string& n : m_scan->emptyClasses)
                empty << QString::fromStdString(n).toHtmlEscaped();
            text += tr("<br>Left out, no images: %1.").arg(empty.join(QStringLiteral(", ")));
        }
        if (!m_scan->skipped.empty())
            text += m_scan->skipped.size() == 1
                        ? tr("<br>1 other entry is skipped (listed in the import summary).")
                        : tr("<br>%1 other entries are skipped (listed in the import summary).")
                              .arg(m_scan->skipped.size());
        m_listing->setText(text);
        m_listing->setStyleSheet(QString());
    }
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(m_scan != nullptr);
    if (FieldEditor* split = editor("test_split")) {
        const bool own = m_scan && m_scan->hasTestFolder;
        split->widget()->setEnabled(!own);
        split->widget()->setToolTip(own ? tr("The folder has a test/ folder: its images are the test set.")
                                        : FieldEditor::uiText(split->meta().tooltip));
    }

    const Shape wanted = m_modelInput.isFlat() ? Shape::flat(int(importedImageSize(m_spec)))
                                               : Shape::chw(m_spec.channels(), m_spec.height, m_spec.width);
    m_inputNote->setText(
        wanted == m_modelInput
            ? tr("The model's input is %1: it fits these settings.").arg(shapeText(m_modelInput))
            : tr("The model's input changes from %1 to %2 to take these images.")
                  .arg(shapeText(m_modelInput), shapeText(wanted)));

    // The first image of each class through the import, as the model will get it.
    QVector<QImage> tiles;
    QStringList captions;
    QStringList problems;
    if (m_scan) {
        std::vector<bool> shown(m_scan->classNames.size(), false);
        std::vector<std::uint8_t> px(importedImageSize(m_spec));
        for (const ImageFolderScan::File& f : m_scan->files) {
            if (tiles.size() >= kPreviewClasses) break;
            if (shown[std::size_t(f.label)]) continue;
            const std::string path = (std::filesystem::path(m_scan->root) / f.path).string();
            try {
                importImageFile(path, m_spec, px.data());
            } catch (const std::exception& e) {
                problems << QString::fromStdString(e.what());
                continue;
            }
            shown[std::size_t(f.label)] = true;
            QImage img = datasetImage(px.data(), m_spec.height, m_spec.width, m_spec.channels());
            const int side = std::max(m_spec.width, m_spec.height);
            const int scale = std::max(1, (kPreviewTile + side - 1) / side);  // whole screen pixels per pixel
            tiles << img.scaled(m_spec.width * scale, m_spec.height * scale);
            captions << QString::fromStdString(m_scan->classNames[std::size_t(f.label)]);
        }
    }
    m_preview->setTiles(tiles, captions);
    QString note = tr("%1x%2 pixels, %3; shown enlarged.")
                       .arg(m_spec.width)
                       .arg(m_spec.height)
                       .arg(m_spec.color == ImageColor::RGB ? tr("colour") : tr("grey"));
    if (!problems.isEmpty()) note += QLatin1Char(' ') + tr("Not shown: %1").arg(problems.front());
    m_previewNote->setText(note);
}

bool ImageImportDialog::rememberedSettings(const QString& folder, ImageImportSpec* out) {
    QSettings settings;
    const QVariantMap map = settings.value(settingsKey(folder)).toMap();
    if (map.isEmpty()) return false;
    TrainingSpec t = withImport(*out);
    for (const TrainingField* f : importFields()) {
        const QString text = map.value(QString::fromLatin1(f->meta.key)).toString();
        FieldValue v;
        if (!text.isEmpty() && f->meta.parse(text.toStdString(), &v).empty()) f->set(t, v);
    }
    *out = t.imageImport;
    return true;
}

void ImageImportDialog::rememberSettings(const QString& folder, const ImageImportSpec& spec) {
    QVariantMap map;
    map.insert(QStringLiteral("folder"), QFileInfo(folder).absoluteFilePath());
    const TrainingSpec t = withImport(spec);
    for (const TrainingField* f : importFields())
        map.insert(QString::fromLatin1(f->meta.key), QString::fromStdString(f->meta.valueText(f->get(t))));
    QSettings settings;
    settings.setValue(settingsKey(folder), map);
}
