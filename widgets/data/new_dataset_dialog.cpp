#include "widgets/data/new_dataset_dialog.h"

#include <QDir>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QShortcut>
#include <QVBoxLayout>
#include <algorithm>

#include "core/digit_preprocess.h"
#include "core/image_io.h"
#include "widgets/evaluate/drawing_pad.h"

namespace {

QStringList imageFiles(const QString& dir) {
    return QDir(dir).entryList({QStringLiteral("*.png"), QStringLiteral("*.jpg"), QStringLiteral("*.jpeg"),
                                QStringLiteral("*.bmp"), QStringLiteral("*.PNG"), QStringLiteral("*.JPG")},
                               QDir::Files);
}

}  // namespace

NewDatasetDialog::NewDatasetDialog(const QString& folder, QWidget* parent) : QDialog(parent) {
    setWindowTitle(tr("New Dataset"));
    setObjectName("NewDatasetDialog");
    auto* v = new QVBoxLayout(this);

    auto* top = new QGridLayout;
    top->addWidget(new QLabel(tr("Dataset folder:"), this), 0, 0);
    m_folder = new QLineEdit(folder, this);
    m_folder->setToolTip(tr("Each class gets a subfolder here, each example a PNG file in it."));
    top->addWidget(m_folder, 0, 1);
    auto* browse = new QPushButton(tr("Browse…"), this);
    top->addWidget(browse, 0, 2);
    top->addWidget(new QLabel(tr("Classes:"), this), 1, 0);
    m_classes = new QLineEdit(this);
    m_classes->setPlaceholderText(tr("circle, triangle, cross"));
    m_classes->setToolTip(tr("The names of the classes, separated by commas: each becomes a folder."));
    top->addWidget(m_classes, 1, 1, 1, 2);
    v->addLayout(top);

    auto* middle = new QHBoxLayout;
    auto* left = new QVBoxLayout;
    m_pad = new DrawingPad(this);
    m_pad->setPlaceholderText(tr("Draw an example here"));
    m_pad->setToolTip(tr("Draw an example of the class chosen on the right. Ctrl+Z undoes the last stroke."));
    m_pad->setMinimumSize(240, 240);
    m_pad->setMaximumSize(340, 340);
    left->addWidget(m_pad, 1);
    auto* tools = new QHBoxLayout;
    auto* undo = new QPushButton(tr("Undo stroke"), this);
    auto* clear = new QPushButton(tr("Clear"), this);
    tools->addWidget(undo);
    tools->addWidget(clear);
    tools->addStretch(1);
    left->addLayout(tools);
    middle->addLayout(left, 1);

    auto* right = new QVBoxLayout;
    right->addWidget(new QLabel(tr("Draw an example of:"), this));
    m_list = new QListWidget(this);
    m_list->setMinimumWidth(180);
    right->addWidget(m_list, 1);
    m_save = new QPushButton(tr("&Save Example"), this);
    m_save->setDefault(true);
    m_save->setToolTip(tr("Save the drawing as an example of the chosen class and clear the pad (Enter)"));
    right->addWidget(m_save);
    middle->addLayout(right);
    v->addLayout(middle, 1);

    m_status = new QLabel(this);
    m_status->setWordWrap(true);
    v->addWidget(m_status);
    auto* bottom = new QHBoxLayout;
    bottom->addStretch(1);
    m_open = new QPushButton(tr("&Open as Dataset"), this);
    m_open->setToolTip(
        tr("Import the folder and train on it (the drawings are light ink on black, as MNIST)"));
    auto* close = new QPushButton(tr("Close"), this);
    bottom->addWidget(m_open);
    bottom->addWidget(close);
    v->addLayout(bottom);

    connect(browse, &QPushButton::clicked, this, [this] {
        const QString dir = QFileDialog::getExistingDirectory(this, tr("Dataset Folder"), this->folder());
        if (!dir.isEmpty()) m_folder->setText(dir);
    });
    connect(m_folder, &QLineEdit::textChanged, this, &NewDatasetDialog::refreshClasses);
    connect(m_classes, &QLineEdit::textChanged, this, &NewDatasetDialog::refreshClasses);
    connect(m_list, &QListWidget::currentRowChanged, this, &NewDatasetDialog::refreshButtons);
    connect(m_pad, &DrawingPad::changed, this, &NewDatasetDialog::refreshButtons);
    connect(m_pad, &DrawingPad::strokeCountChanged, this, &NewDatasetDialog::refreshButtons);
    connect(undo, &QPushButton::clicked, m_pad, &DrawingPad::undoStroke);
    connect(clear, &QPushButton::clicked, m_pad, &DrawingPad::clearAll);
    connect(m_save, &QPushButton::clicked, this, [this] {
        const QString why = saveExample();
        if (!why.isEmpty()) m_status->setText(why);
    });
    connect(m_open, &QPushButton::clicked, this, [this] {
        emit openRequested(this->folder());
        accept();
    });
    connect(close, &QPushButton::clicked, this, &QDialog::reject);
    refreshClasses();
    resize(640, 520);
}

QString NewDatasetDialog::folder() const {
    return QDir::cleanPath(m_folder->text().trimmed());
}

QStringList NewDatasetDialog::classNames() const {
    QStringList out;
    for (const QString& part : m_classes->text().split(QLatin1Char(','))) {
        const QString name = part.trimmed();
        if (!name.isEmpty() && !out.contains(name)) out << name;
    }
    return out;
}

QString NewDatasetDialog::problem() const {
    if (m_folder->text().trimmed().isEmpty()) return tr("Choose a folder for the dataset.");
    const QFileInfo info(folder());
    if (info.exists() && !info.isDir())
        return tr("%1 is a file: choose a folder for the dataset.").arg(folder());
    const QStringList names = classNames();
    if (names.size() < 2)
        return tr("Name at least two classes, separated by commas (circle, triangle, cross).");
    if (names.size() > 256) return tr("At most 256 classes.");
    for (const QString& n : names)
        if (n.contains(QLatin1Char('/')) || n.contains(QLatin1Char('\\')) || n.startsWith(QLatin1Char('.')) ||
            n.compare(QLatin1String("train"), Qt::CaseInsensitive) == 0 ||
            n.compare(QLatin1String("test"), Qt::CaseInsensitive) == 0)
            return tr("\"%1\" cannot be a class name: it becomes a folder name (no slashes, no leading dot, "
                      "not train or test).")
                .arg(n);
    return {};
}

int NewDatasetDialog::exampleCount(const QString& name) const {
    return int(imageFiles(QDir(folder()).filePath(name)).size());
}

void NewDatasetDialog::refreshClasses() {
    const QString current =
        m_list->currentItem() ? m_list->currentItem()->data(Qt::UserRole).toString() : QString();
    m_list->clear();
    if (problem().isEmpty())
        for (const QString& name : classNames()) {
            auto* it = new QListWidgetItem(m_list);
            it->setData(Qt::UserRole, name);
            const int n = exampleCount(name);
            it->setText(n == 1 ? tr("%1 — 1 example").arg(name) : tr("%1 — %2 examples").arg(name).arg(n));
            if (name == current) m_list->setCurrentItem(it);
        }
    if (!m_list->currentItem() && m_list->count() > 0) m_list->setCurrentRow(0);
    refreshButtons();
}

void NewDatasetDialog::refreshButtons() {
    const QString why = problem();
    m_save->setEnabled(why.isEmpty() && m_list->currentItem() && !m_pad->isEmpty());
    int total = 0;
    int smallest = -1;
    for (const QString& n : classNames()) {
        const int c = exampleCount(n);
        total += c;
        smallest = smallest < 0 ? c : std::min(smallest, c);
    }
    m_open->setEnabled(why.isEmpty() && smallest > 0);
    if (!why.isEmpty())
        m_status->setText(why);
    else if (m_lastSaved.isEmpty())
        m_status->setText(tr("Pick a class, draw an example, save it; about 20 of each is a good start."));
}

QString NewDatasetDialog::saveExample() {
    if (const QString why = problem(); !why.isEmpty()) return why;
    if (!m_list->currentItem()) return tr("Pick the class of the drawing first.");
    const QString cls = m_list->currentItem()->data(Qt::UserRole).toString();
    layerlab::DigitPreprocessOptions o;
    o.polarity = layerlab::InkPolarity::LightOnDark;  // the pad's canvas is light ink on black
    o.outputWidth = o.outputHeight = kImageSize;
    o.boxSize = kBoxSize;
    const layerlab::DigitPreprocessResult r = layerlab::preprocessDigit(m_pad->image(), o);
    if (r.empty) return tr("The pad is empty: draw an example of %1 first.").arg(cls);
    if (!r.ok()) return QString::fromStdString(r.error);
    const QString dir = QDir(folder()).filePath(cls);
    if (!QDir().mkpath(dir))
        return tr("Cannot create the folder %1: check that you may write there.").arg(dir);
    // The next free number: continues a set made before.
    int n = exampleCount(cls) + 1;
    QString path;
    do {
        path = QDir(dir).filePath(QStringLiteral("%1-%2.png").arg(cls).arg(n++, 3, 10, QLatin1Char('0')));
    } while (QFileInfo::exists(path));
    const std::string why = layerlab::savePng(QFile::encodeName(path).toStdString(), r.image);
    if (!why.empty()) return tr("Cannot save %1: %2").arg(path, QString::fromStdString(why));
    m_lastSaved = path;
    m_pad->clearAll();
    refreshClasses();
    int total = 0;
    for (const QString& n : classNames()) total += exampleCount(n);
    m_status->setText(tr("Saved %1: %2 examples in %3 classes so far.")
                          .arg(QDir(folder()).relativeFilePath(path))
                          .arg(total)
                          .arg(classNames().size()));
    return {};
}
