#pragma once
// The real consumers of LayerLab's ONNX files, for tests: the ONNX checker (Debian's python3-onnx) and ONNX
// Runtime (npm onnxruntime-node@1.30.0, run by node through tests/support/ort_run.js), and PyTorch (Debian's
// python3-torch) through scripts in tests/support/. Each function returns "" on success or says what failed
// and how to install the missing tool (scripts/install-deps.sh installs them all): a missing tool is a
// failure, not a skip.
#include <string>
#include <vector>

namespace layerlab::test {

// The Debian interpreter (/usr/bin/python3): python3-onnx and python3-torch are installed for it, not for
// whatever python3 comes first on PATH.
std::string debianPython();
// Where scripts/install-deps.sh puts onnxruntime-node: $LAYERLAB_NPM_DIR, else
// ${XDG_CACHE_HOME:-$HOME/.cache}/layerlab/npm.
std::string npmDir();
std::string testsSupportDir();  // <source>/tests/support

// Runs a program; returns "" when it exits 0, else its command line, exit code and output.
std::string runProgram(const std::string& program, const std::vector<std::string>& args,
                       std::string* out = nullptr, int timeoutMs = 240000);

// onnx.checker.check_model(full_check=True) on the file.
std::string onnxCheck(const std::string& path);

// Runs the model in ONNX Runtime on n images (n x c x h x w floats); fills out and the output's name.
std::string onnxRuntimeRun(const std::string& modelPath, const std::vector<float>& input, int n, int c, int h,
                           int w, std::vector<float>* out, std::string* outputName = nullptr);

std::vector<float> readFloats(const std::string& path);
void writeFloats(const std::string& path, const std::vector<float>& v);

}  // namespace layerlab::test
