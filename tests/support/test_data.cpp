#include "tests/support/test_data.h"
#include "tests/support/build_paths.h"

#include <zlib.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <stdexcept>

namespace layerlab::test {

std::string resourcesPath() {
    return LAYERLAB_RESOURCES;
}
std::string subsetPath() {
    return resourcesPath() + "/mnist-subset";
}

std::vector<std::uint8_t> readBytes(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    return std::vector<std::uint8_t>(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

std::string readText(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

void writeText(const std::string& path, const std::string& text) {
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out << text;
    if (!out) throw std::runtime_error("test fixture: cannot write " + path);
}

void writeBytes(const std::string& path, const std::vector<std::uint8_t>& bytes) {
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out.write(reinterpret_cast<const char*>(bytes.data()), std::streamsize(bytes.size()));
    if (!out) throw std::runtime_error("test fixture: cannot write " + path);
}

void writeGzip(const std::string& path, const std::vector<std::uint8_t>& bytes) {
    gzFile f = gzopen(path.c_str(), "wb9");
    if (!f) throw std::runtime_error("test fixture: cannot gzopen " + path);
    const int n = bytes.empty() ? 0 : gzwrite(f, bytes.data(), unsigned(bytes.size()));
    const int closed = gzclose(f);
    if (n != int(bytes.size()) || closed != Z_OK)
        throw std::runtime_error("test fixture: gzip write failed for " + path);
}

std::vector<std::uint8_t> idxHeader(const std::vector<std::uint32_t>& dims, std::uint8_t type) {
    std::vector<std::uint8_t> h{0, 0, type, std::uint8_t(dims.size())};
    for (std::uint32_t d : dims)
        h.insert(h.end(),
                 {std::uint8_t(d >> 24), std::uint8_t(d >> 16), std::uint8_t(d >> 8), std::uint8_t(d)});
    return h;
}

IdxArray syntheticImages(int n, int rows, int cols) {
    IdxArray a;
    a.dims = {n, rows, cols};
    a.data.resize(std::size_t(n) * rows * cols);
    for (std::size_t i = 0; i < a.data.size(); ++i) a.data[i] = std::uint8_t((i * 37 + i / 7) % 256);
    return a;
}

IdxArray syntheticLabels(int n, int classes) {
    IdxArray a;
    a.dims = {n};
    a.data.resize(std::size_t(n));
    for (int i = 0; i < n; ++i) a.data[std::size_t(i)] = std::uint8_t(i % classes);
    return a;
}

void writeTinyDataset(const std::string& dir, int nTrain, int nTest, int rows, int cols, int classes,
                      bool gz) {
    std::filesystem::create_directories(dir);
    auto put = [&](const std::string& base, const IdxArray& a) {
        if (!gz) {
            writeIdx(dir + "/" + base, a);
            return;
        }
        const std::string plain = dir + "/" + base + ".plain";
        writeIdx(plain, a);
        writeGzip(dir + "/" + base + ".gz", readBytes(plain));
        std::filesystem::remove(plain);
    };
    put("train-images-idx3-ubyte", syntheticImages(nTrain, rows, cols));
    put("train-labels-idx1-ubyte", syntheticLabels(nTrain, classes));
    put("t10k-images-idx3-ubyte", syntheticImages(nTest, rows, cols));
    put("t10k-labels-idx1-ubyte", syntheticLabels(nTest, classes));
}

ScopedEnv::ScopedEnv(const char* name, const std::optional<std::string>& value) : name_(name) {
    if (const char* v = std::getenv(name)) old_ = std::string(v);
    if (value)
        ::setenv(name, value->c_str(), 1);
    else
        ::unsetenv(name);
}

ScopedEnv::~ScopedEnv() {
    if (old_)
        ::setenv(name_.c_str(), old_->c_str(), 1);
    else
        ::unsetenv(name_.c_str());
}

}  // namespace layerlab::test
