#include "tests/support/onnx_tools.h"
#include "tests/support/build_paths.h"

#include <QDir>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QProcessEnvironment>
#include <QStandardPaths>
#include <QStringList>
#include <QTemporaryDir>

#include <cstdlib>
#include <cstring>
#include <fstream>
#include <iterator>
#include <stdexcept>

#include <signal.h>
#include <unistd.h>

namespace layerlab::test {

std::string debianPython() {
    return "/usr/bin/python3";
}

std::string npmDir() {
    if (const char* d = std::getenv("LAYERLAB_NPM_DIR"); d && *d) return d;
    if (const char* c = std::getenv("XDG_CACHE_HOME"); c && *c) return std::string(c) + "/layerlab/npm";
    const char* home = std::getenv("HOME");
    return std::string(home ? home : "") + "/.cache/layerlab/npm";
}

std::string testsSupportDir() {
    return std::string(LAYERLAB_TESTS_DIR) + "/support";
}

std::string runProgram(const std::string& program, const std::vector<std::string>& args, std::string* out,
                       int timeoutMs) {
    QProcess p;
    QStringList a;
    for (const std::string& s : args) a << QString::fromStdString(s);
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert("NODE_PATH", QString::fromStdString(npmDir() + "/node_modules"));
    p.setProcessEnvironment(env);
    p.setProcessChannelMode(QProcess::MergedChannels);
    // Its own process group, so that a timeout ends the children too (torchrun's workers, node's threads).
    p.setChildProcessModifier([] { ::setpgid(0, 0); });
    p.start(QString::fromStdString(program), a);
    std::string cmd = program;
    for (const std::string& s : args) cmd += " " + s;
    if (!p.waitForStarted(30000)) return "cannot start " + cmd + ": " + p.errorString().toStdString();
    if (!p.waitForFinished(timeoutMs)) {
        ::kill(-static_cast<pid_t>(p.processId()), SIGKILL);
        p.waitForFinished();
        return cmd + " did not finish in " + std::to_string(timeoutMs / 1000) + " s";
    }
    const std::string output = p.readAll().toStdString();
    if (out) *out = output;
    if (p.exitStatus() != QProcess::NormalExit || p.exitCode() != 0)
        return cmd + " failed (exit " + std::to_string(p.exitCode()) + "):\n" + output;
    return "";
}

namespace {
std::string missingTool() {
    if (!QFileInfo(QString::fromStdString(debianPython())).isExecutable())
        return debianPython() + " is missing: run scripts/install-deps.sh (Debian python3)";
    return "";
}
}  // namespace

std::string onnxCheck(const std::string& path) {
    if (std::string m = missingTool(); !m.empty()) return m;
    std::string out;
    if (runProgram(debianPython(), {"-c", "import onnx"}, &out) != "")
        return "python3-onnx is missing (import onnx failed: " + out +
               "): run scripts/install-deps.sh, which installs it";
    return runProgram(debianPython(),
                      {"-c",
                       "import sys, onnx\n"
                       "m = onnx.load(sys.argv[1])\n"
                       "onnx.checker.check_model(m, full_check=True)\n",
                       path},
                      &out);
}

std::string onnxRuntimeRun(const std::string& modelPath, const std::vector<float>& input, int n, int c, int h,
                           int w, std::vector<float>* out, std::string* outputName) {
    const QString node = QStandardPaths::findExecutable("node");
    if (node.isEmpty()) return "node is missing: run scripts/install-deps.sh (it installs nodejs and npm)";
    const std::string ortPackage = npmDir() + "/node_modules/onnxruntime-node/package.json";
    if (!QFileInfo::exists(QString::fromStdString(ortPackage)))
        return "onnxruntime-node is missing (no " + ortPackage +
               "): run scripts/install-deps.sh, which installs onnxruntime-node@1.30.0 there with npm";
    QTemporaryDir dir;
    if (!dir.isValid()) return "cannot make a temporary folder";
    const std::string in = dir.filePath("input.f32").toStdString(),
                      res = dir.filePath("output.f32").toStdString();
    writeFloats(in, input);
    std::string log;
    const std::string err = runProgram(node.toStdString(),
                                       {testsSupportDir() + "/ort_run.js", modelPath, in, std::to_string(n),
                                        std::to_string(c), std::to_string(h), std::to_string(w), res},
                                       &log);
    if (!err.empty()) return err;
    const QJsonObject j = QJsonDocument::fromJson(QByteArray::fromStdString(log)).object();
    if (j.value("version").toString() != "1.30.0")
        return "ort_run.js did not report onnxruntime-node 1.30.0: " + log;
    if (outputName) *outputName = j.value("output").toString().toStdString();
    *out = readFloats(res);
    return "";
}

std::vector<float> readFloats(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::vector<char> bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    std::vector<float> v(bytes.size() / sizeof(float));
    std::memcpy(v.data(), bytes.data(), v.size() * sizeof(float));
    return v;
}

void writeFloats(const std::string& path, const std::vector<float>& v) {
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out.write(reinterpret_cast<const char*>(v.data()), std::streamsize(v.size() * sizeof(float)));
    if (!out) throw std::runtime_error("test fixture: cannot write " + path);
}

}  // namespace layerlab::test
