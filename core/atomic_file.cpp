#include "core/atomic_file.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <vector>

namespace layerlab {

std::string writeFileAtomically(const std::string& path, const std::string& data) {
    std::string tmpl = path + ".tmp-XXXXXX";
    std::vector<char> name(tmpl.begin(), tmpl.end());
    name.push_back('\0');
    int fd = ::mkstemp(name.data());
    if (fd < 0) return std::strerror(errno);
    const std::string tmp(name.data());
    auto cleanup = [&](int err) {
        if (fd >= 0) ::close(fd);
        ::unlink(tmp.c_str());
        return std::strerror(err);
    };
    // mkstemp makes 0600; keep the old file's mode, or give new files the usual 0644.
    struct stat st;
    mode_t mode = (::stat(path.c_str(), &st) == 0) ? (st.st_mode & 07777) : 0644;
    if (::fchmod(fd, mode) != 0) return cleanup(errno);
    size_t done = 0;
    while (done < data.size()) {
        ssize_t n = ::write(fd, data.data() + done, data.size() - done);
        if (n < 0) {
            if (errno == EINTR) continue;
            return cleanup(errno);
        }
        done += static_cast<size_t>(n);
    }
    if (::fsync(fd) != 0) return cleanup(errno);
    int c = ::close(fd);
    fd = -1;
    if (c != 0) return cleanup(errno);
    if (::rename(tmp.c_str(), path.c_str()) != 0) return cleanup(errno);
    // Make the rename itself durable (best effort).
    std::string dir = ".";
    if (auto slash = path.find_last_of('/'); slash != std::string::npos)
        dir = slash == 0 ? "/" : path.substr(0, slash);
    int dfd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY);
    if (dfd >= 0) {
        ::fsync(dfd);
        ::close(dfd);
    }
    return {};
}

}  // namespace layerlab
