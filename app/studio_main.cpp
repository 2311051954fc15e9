// The LayerLab studio. Wires the main window to the command line:
//   layerlab [MODEL.json] [--model SPEC.json] [--data DIR]
//   layerlab --benchmark-ui SECONDS [--model SPEC.json]      prints one JSON line, exits
//   layerlab --train-on-start [--screenshot PATH --after SECONDS] [--size WxH] [--view VIEW]
//   (--view step with --screenshot: train --after seconds, pause, take one step, then grab)
//   layerlab --screenshot PATH --no-train [--after SECONDS]    grab without training
#include <QApplication>
#include <QCommandLineParser>
#include <QDir>
#include <QIcon>
#include <QTextStream>
#include <QTimer>
#include <cstdio>
#include <cstring>
#include <memory>

#include "widgets/common/image_file.h"
#include "widgets/common/language_manager.h"
#include "widgets/document/model_file_controller.h"
#include "widgets/session/training_controller.h"
#include "widgets/studio/main_window.h"
#include "widgets/studio/ui_benchmark.h"

namespace {

constexpr int kMinSide = 200, kMaxSide = 8192;  // --size limits, in pixels

int fail(const QString& message) {
    QTextStream(stderr) << "layerlab: " << message << '\n';
    return 2;
}

bool hasArgument(int argc, char** argv, std::initializer_list<const char*> names) {
    for (int i = 1; i < argc; ++i)
        for (const char* n : names)
            if (std::strcmp(argv[i], n) == 0) return true;
    return false;
}

// Why the default window system cannot start here (Qt would abort with exit 134), or "" when it can or when
// another platform was chosen (QT_QPA_PLATFORM or -platform, e.g. offscreen).
QString missingDisplay(int argc, char** argv) {
#if !defined(Q_OS_LINUX)
    return {};  // DISPLAY and WAYLAND_DISPLAY only tell on Linux
#endif
    const QByteArray platform = qgetenv("QT_QPA_PLATFORM");
    if (hasArgument(argc, argv, {"-platform", "--platform"})) return {};
    if (!platform.isEmpty() && platform != "xcb" && platform != "wayland") return {};
    const bool x = !qEnvironmentVariableIsEmpty("DISPLAY");
    const bool wayland = !qEnvironmentVariableIsEmpty("WAYLAND_DISPLAY");
    if ((platform.isEmpty() && (x || wayland)) || (platform == "xcb" && x) ||
        (platform == "wayland" && wayland))
        return {};
    return QCoreApplication::translate(
        "StudioMain",
        "no display to open a window on (DISPLAY and WAYLAND_DISPLAY are not set). Run the studio in a "
        "desktop "
        "session, or set QT_QPA_PLATFORM=offscreen for --screenshot and --benchmark-ui; layerlab-cli trains "
        "without a display.");
}

}  // namespace

int main(int argc, char** argv) {
    // --help and --version need no window system: answer them before QApplication, which aborts without a
    // display.
    std::unique_ptr<QCoreApplication> appHolder;
    const bool infoOnly = hasArgument(argc, argv, {"-h", "--help", "-?", "--help-all", "-v", "--version"});
    if (infoOnly) {
        appHolder = std::make_unique<QCoreApplication>(argc, argv);
    } else {
        if (const QString why = missingDisplay(argc, argv); !why.isEmpty()) return fail(why);
        appHolder = std::make_unique<QApplication>(argc, argv);
        // The window icon, and the installed .desktop file's name (Wayland matches windows to it).
        QIcon icon;
        for (int size : {16, 32, 48, 64, 128, 256})
            icon.addFile(QStringLiteral(":/icons/layerlab-%1.png").arg(size), QSize(size, size));
        QApplication::setWindowIcon(icon);
        QGuiApplication::setDesktopFileName(QStringLiteral("io.github.layerlab.LayerLab"));
    }
    QCoreApplication& app = *appHolder;
    QCoreApplication::setOrganizationName(QStringLiteral("LayerLab"));
    QCoreApplication::setApplicationName(QStringLiteral("LayerLab"));
    QCoreApplication::setApplicationVersion(QStringLiteral("0.1.0"));
    // The UI language: the one chosen in View > Language, else the system's
    // (widgets/common/language_manager.h).
    LanguageManager language(&app);
    language.setChoice(LanguageManager::savedChoice(), false);
    // --language before the options are described, so that --help speaks it too (checked again below).
    for (int i = 1; i < argc; ++i) {
        const QString arg = QString::fromLocal8Bit(argv[i]);
        const QString code = arg == QLatin1String("--language") && i + 1 < argc
                                 ? QString::fromLocal8Bit(argv[i + 1])
                             : arg.startsWith(QLatin1String("--language=")) ? arg.mid(11)
                                                                            : QString();
        if (!code.isEmpty()) language.setChoice(code, false);
    }

    QCommandLineParser parser;
    parser.setApplicationDescription(QCoreApplication::translate(
        "StudioMain", "LayerLab studio: build a neural network by dragging layers and train it on MNIST."));
    parser.addHelpOption();
    parser.addVersionOption();
    parser.addPositionalArgument(QStringLiteral("model"),
                                 QCoreApplication::translate("StudioMain", "A model file (.json) to open."),
                                 QStringLiteral("[model]"));
    const QCommandLineOption modelOpt(
        QStringLiteral("model"), QCoreApplication::translate("StudioMain", "Open this model file (.json)."),
        QStringLiteral("SPEC.json"));
    const QCommandLineOption dataOpt(
        QStringLiteral("data"),
        QCoreApplication::translate(
            "StudioMain",
            "Folder holding the dataset's IDX files (overrides the lookup), or a folder of images "
            "with a subfolder per class (the import dialog opens)."),
        QStringLiteral("DIR"));
    const QCommandLineOption benchOpt(
        QStringLiteral("benchmark-ui"),
        QCoreApplication::translate(
            "StudioMain",
            "Train in the studio for SECONDS with all panels live, measure GUI event-loop latency, then "
            "run the engine benchmark and print one JSON line."),
        QStringLiteral("SECONDS"));
    const QCommandLineOption trainOpt(
        QStringLiteral("train-on-start"),
        QCoreApplication::translate("StudioMain", "Start training as soon as the dataset has loaded."));
    const QCommandLineOption shotOpt(
        QStringLiteral("screenshot"),
        QCoreApplication::translate(
            "StudioMain",
            "Save a PNG of the window --after seconds into training (implies --train-on-start "
            "unless --no-train), then quit."),
        QStringLiteral("PATH"));
    const QCommandLineOption afterOpt(
        QStringLiteral("after"),
        QCoreApplication::translate("StudioMain", "Seconds of training before --screenshot (default 8)."),
        QStringLiteral("SECONDS"), QStringLiteral("8"));
    const QCommandLineOption sizeOpt(
        QStringLiteral("size"),
        QCoreApplication::translate("StudioMain", "Window size, e.g. 1366x768 (each side %1 to %2 pixels).")
            .arg(kMinSide)
            .arg(kMaxSide),
        QStringLiteral("WxH"));
    const QCommandLineOption viewOpt(
        QStringLiteral("view"),
        QCoreApplication::translate(
            "StudioMain",
            "What to show: model, training, feature-maps, health, step, evaluate, runs or lessons; "
            "add ,layer or ,training for the settings tab (lessons,CARD opens a lesson card)."),
        QStringLiteral("VIEW"));
    const QCommandLineOption healthOpt(
        QStringLiteral("health-every"),
        QCoreApplication::translate(
            "StudioMain",
            "Measure layer health every BATCHES batches (default %1; 0 turns it off, e.g. to "
            "compare --benchmark-ui figures).")
            .arg(layerlab::kDefaultHealthInterval),
        QStringLiteral("BATCHES"));
    const QCommandLineOption noTrainOpt(
        QStringLiteral("no-train"),
        QCoreApplication::translate("StudioMain",
                                    "With --screenshot: do not train; grab --after seconds "
                                    "after the window opened."));
    const QCommandLineOption languageOpt(
        QStringLiteral("language"),
        QCoreApplication::translate(
            "StudioMain",
            "The UI language for this session: en or zh_CN (View > Language chooses it for good)."),
        QStringLiteral("CODE"));
    parser.addOptions({modelOpt, dataOpt, benchOpt, trainOpt, shotOpt, afterOpt, sizeOpt, viewOpt, healthOpt,
                       noTrainOpt, languageOpt});
    parser.process(app);     // --help, --version and unknown options end here
    if (infoOnly) return 0;  // not reached: process() exits after --help or --version

    QString modelPath = parser.value(modelOpt);
    if (modelPath.isEmpty() && !parser.positionalArguments().isEmpty())
        modelPath = parser.positionalArguments().front();

    bool ok = true;
    double benchSeconds = 0;
    if (parser.isSet(benchOpt)) {
        benchSeconds = parser.value(benchOpt).toDouble(&ok);
        if (!ok || benchSeconds <= 0)
            return fail(
                QCoreApplication::translate("StudioMain", "--benchmark-ui needs a number of seconds > 0."));
    }
    int healthEvery = layerlab::kDefaultHealthInterval;
    if (parser.isSet(healthOpt)) {
        healthEvery = parser.value(healthOpt).toInt(&ok);
        if (!ok || healthEvery < 0)
            return fail(QCoreApplication::translate(
                "StudioMain", "--health-every needs a whole number of batches >= 0 (0: off)."));
    }
    const double after = parser.value(afterOpt).toDouble(&ok);
    if (!ok || after < 0)
        return fail(QCoreApplication::translate("StudioMain", "--after needs a number of seconds >= 0."));

    if (parser.isSet(languageOpt) && !language.setChoice(parser.value(languageOpt), false))
        return fail(QCoreApplication::translate("StudioMain", "--language wants en or zh_CN; got '%1'.")
                        .arg(parser.value(languageOpt)));

    QSize size;
    if (parser.isSet(sizeOpt)) {
        const QStringList wh = parser.value(sizeOpt).split(QLatin1Char('x'));
        bool okW = false, okH = false;
        const int w = wh.value(0).toInt(&okW), h = wh.value(1).toInt(&okH);
        if (wh.size() != 2 || !okW || !okH || w < kMinSide || w > kMaxSide || h < kMinSide || h > kMaxSide)
            return fail(QCoreApplication::translate(
                            "StudioMain",
                            "--size wants WxH with each side from %1 to %2 pixels, e.g. 1366x768; "
                            "got '%3'.")
                            .arg(kMinSide)
                            .arg(kMaxSide)
                            .arg(parser.value(sizeOpt)));
        size = QSize(w, h);
    }
    // The screenshot's path is checked before anything runs (the same rules as every file LayerLab writes).
    if (parser.isSet(shotOpt)) {
        if (const QString why = checkWritableFile(parser.value(shotOpt)); !why.isEmpty())
            return fail(QCoreApplication::translate("StudioMain", "--screenshot: cannot write %1: %2")
                            .arg(parser.value(shotOpt), why));
    }

    MainWindow window;
    window.trainingController()->setHealthInterval(healthEvery);
    if (size.isValid()) {
        window.setWindowState(Qt::WindowNoState);  // a remembered maximised window would ignore the size
        window.resize(size);
    }
    const bool scripted = benchSeconds > 0 || parser.isSet(shotOpt);
    // A folder of images shows the import dialog first, unless scripted (then its remembered settings).
    if (parser.isSet(dataOpt)) window.setDataOverride(parser.value(dataOpt), !scripted);
    if (scripted) window.fileController()->setInteractive(false);
    if (!modelPath.isEmpty() &&
        !window.fileController()->openFile(QDir::current().absoluteFilePath(modelPath))) {
        const QString why = window.fileController()->lastError();
        if (scripted)
            return fail(
                QCoreApplication::translate("StudioMain", "could not open %1: %2").arg(modelPath, why));
    }
    window.show();
    if (size.isValid() && window.size() != size)  // the layout's minimum applies once shown
        QTextStream(stderr) << "layerlab: "
                            << QCoreApplication::translate(
                                   "StudioMain",
                                   "note: the window cannot be %1x%2; it is %3x%4 (its minimum size)")
                                   .arg(size.width())
                                   .arg(size.height())
                                   .arg(window.width())
                                   .arg(window.height())
                            << '\n';
    const QStringList view = parser.value(viewOpt).split(QLatin1Char(','));

    if (benchSeconds > 0) {
        auto* bench = new UiBenchmark(&window, benchSeconds, &app);
        QObject::connect(bench, &UiBenchmark::done, &app, [&app](const QString& json, int code) {
            std::fputs(json.toUtf8().constData(), stdout);
            std::fputc('\n', stdout);
            std::fflush(stdout);
            app.exit(code);
        });
        QTimer::singleShot(0, bench, &UiBenchmark::start);
        return app.exec();
    }

    bool shotFailed = false;
    if (parser.isSet(shotOpt)) {
        const QString path = parser.value(shotOpt);
        // Shows `view`, lets it lay out and paint for one event-loop pass, grabs the window, then closes it
        // (which stops a running training first).
        auto grabAndClose = [&window, &shotFailed, path, view] {
            if (!view.value(0).isEmpty()) window.showView(view.value(0), view.value(1));
            QTimer::singleShot(400, &window, [&window, &shotFailed, path] {
                const QString why = writePngFile(window.grab().toImage(), path);
                if (why.isEmpty())
                    QTextStream(stdout) << QCoreApplication::translate("StudioMain", "saved %1 (%2x%3)")
                                               .arg(path)
                                               .arg(window.width())
                                               .arg(window.height())
                                        << '\n';
                else
                    QTextStream(stderr)
                        << "layerlab: "
                        << QCoreApplication::translate("StudioMain", "could not save the screenshot %1: %2")
                               .arg(path, why)
                        << '\n';
                shotFailed = !why.isEmpty();  // a screenshot that was not written fails the run: exit 1
                window.close();
            });
        };
        TrainingController* c = window.trainingController();
        if (parser.isSet(noTrainOpt)) {
            QTimer::singleShot(int(after * 1000), &window, grabAndClose);
        } else if (view.value(0) == QLatin1String("step")) {
            // --view step: train --after seconds, pause, take one step, grab once the Step tab has it.
            QObject::connect(c, &TrainingController::started, &window, [&window, c, after, grabAndClose] {
                QTimer::singleShot(int(after * 1000), &window, [c, grabAndClose] {
                    if (c->state() != TrainingController::State::Running) return grabAndClose();  // it ended
                    c->pause();
                    c->step();
                });
            });
            QObject::connect(c, &TrainingController::stepInspected, &window,
                             [&window, grabAndClose] { QTimer::singleShot(0, &window, grabAndClose); });
        } else {
            QObject::connect(c, &TrainingController::started, &window, [&window, after, grabAndClose] {
                QTimer::singleShot(int(after * 1000), &window, grabAndClose);
            });
            QObject::connect(c, &TrainingController::failed, &app, [](const QString& m) {
                QTextStream(stderr) << "layerlab: "
                                    << QCoreApplication::translate("StudioMain", "training failed: %1").arg(m)
                                    << '\n';
                QApplication::exit(1);
            });
        }
    }
    if (parser.isSet(trainOpt) || (parser.isSet(shotOpt) && !parser.isSet(noTrainOpt)))
        QTimer::singleShot(0, &window, &MainWindow::startTraining);
    // The view is shown from the start (a screenshot shows it again before grabbing), so that work it starts
    // on showing, such as the Evaluate tab's evaluation, has had --after seconds when the window is grabbed.
    if (!view.value(0).isEmpty())
        QTimer::singleShot(0, &window, [&window, view] { window.showView(view.value(0), view.value(1)); });
    const int code = app.exec();
    return shotFailed && code == 0 ? 1 : code;
}
