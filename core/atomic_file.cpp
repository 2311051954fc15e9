#include "core/atomic_file.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <climits>
#include <cstring>
#include <filesystem>
#include <vector>

namespace layerlab {

namespace {

std::string parentOf(const std::string& path) {
    const auto slash = path.find_last_of('/');
    if (slash == std::string::npos) return ".";
    return slash == 0 ? "/" : path.substr(0, slash);
}

// A folder as the user would want to read it in a message: absolute.
std::string shown(const std::string& dir) {
    std::error_code ec;
    const auto abs = std::filesystem::absolute(dir, ec);
    return ec ? dir : abs.lexically_normal().string();
}

const char* kindOf(mode_t mode) {
    if (S_ISCHR(mode)) return "a character device";
    if (S_ISBLK(mode)) return "a block device";
    if (S_ISFIFO(mode)) return "a FIFO (named pipe)";
    if (S_ISSOCK(mode)) return "a socket";
    return "a special file";
}

// An errno from creating, writing or renaming the temp file, as a clause with what to do.
std::string describe(int err, const std::string& dir) {
    switch (err) {
        case ENOSPC:
            return "the disk is full (no space left on device): free some space or choose another disk";
        case EDQUOT:
            return "the disk quota is exceeded: free some space or choose another disk";
        case EFBIG:
            return "the file is larger than this file system or the file size limit (ulimit -f) allows";
        case EROFS:
            return "the file system of folder " + shown(dir) + " is read-only: choose another folder";
        case EACCES:
        case EPERM:
            return "folder " + shown(dir) +
                   " is not writable: choose another folder or change its permissions";
        case EIO:
            return "the disk reported an input/output error (failing or disconnected?)";
        case ENAMETOOLONG:
            return "the file name is too long: choose a shorter one";
        default:
            return std::strerror(err);
    }
}

// Follows a chain of symbolic links one hop at a time (lstat + readlink), so that a dangling link resolves
// to the file it would create. Sets `out` to the end of the chain.
std::string followLinks(const std::string& path, std::string& out) {
    std::string p = path;
    for (int hop = 0; hop < 40; ++hop) {
        // /dev/stdout, /dev/fd/N and /proc/self/fd/N name an open descriptor (e.g. a shell's redirection),
        // not a file: renaming over what they point to would swap the file out from under its writer.
        if (p.rfind("/proc/", 0) == 0 && p.find("/fd/") != std::string::npos)
            return "it names an open file descriptor (" + p + "), not a file: give the path of a file";
        struct stat st;
        if (::lstat(p.c_str(), &st) != 0 || !S_ISLNK(st.st_mode)) {
            out = p;
            return {};
        }
        std::vector<char> buf(PATH_MAX + 1);
        const ssize_t n = ::readlink(p.c_str(), buf.data(), buf.size() - 1);
        if (n <= 0) return "the symbolic link " + p + " cannot be read: " + std::strerror(errno);
        const std::string next(buf.data(), size_t(n));
        p = next.front() == '/' ? next : parentOf(p) + "/" + next;
    }
    return "it is a chain of more than 40 symbolic links (a loop?): give the path of a file";
}

}  // namespace

std::string checkWritableTarget(const std::string& path, std::string* target) {
    if (path.empty()) return "no file name was given";
    struct stat st;
    const bool exists = ::stat(path.c_str(), &st) == 0;  // follows links, including /proc's fd links
    if (!exists && errno != ENOENT) {
        if (errno == ELOOP) return "it is a loop of symbolic links: give the path of a file";
        if (errno == ENOTDIR) return "a part of the path is a file, not a folder: check the path";
        if (errno == EACCES)
            return "a folder on the way is not accessible (permission denied): check the path";
        return std::strerror(errno);
    }
    std::string resolved;
    if (std::string err = followLinks(path, resolved); !err.empty()) return err;
    const std::string via = resolved != path ? " (" + resolved + ")" : "";
    if (exists && S_ISDIR(st.st_mode)) return "it is a folder" + via + ": add a file name to the path";
    if (exists && !S_ISREG(st.st_mode))
        return std::string("it is ") + kindOf(st.st_mode) + via +
               ", not a regular file: give the path of a file (LayerLab writes files only)";
    const std::string dir = parentOf(resolved);
    struct stat ds;
    if (::stat(dir.c_str(), &ds) != 0 || !S_ISDIR(ds.st_mode))
        return "folder " + shown(dir) + " does not exist: create it first";
    if (::access(dir.c_str(), W_OK) != 0) return describe(errno, dir);
    if (exists && ::access(resolved.c_str(), W_OK) != 0)
        return "the file" + via + " is read-only: make it writable or choose another name";
    if (target) *target = resolved;
    return {};
}

std::string writeFileAtomically(const std::string& path, const std::string& data) {
    std::string target;
    if (std::string err = checkWritableTarget(path, &target); !err.empty()) return err;
    const std::string dir = parentOf(target);
    const std::string tmpl = target + ".tmp-XXXXXX";
    std::vector<char> name(tmpl.begin(), tmpl.end());
    name.push_back('\0');
    int fd = ::mkstemp(name.data());
    if (fd < 0) return describe(errno, dir);
    const std::string tmp(name.data());
    auto fail = [&](int err) {
        if (fd >= 0) ::close(fd);
        ::unlink(tmp.c_str());
        return describe(err, dir);
    };
    // mkstemp makes 0600: keep the old file's mode and owner (the owner only where allowed, e.g. as root),
    // or give a new file the usual 0644.
    struct stat st;
    const bool existed = ::stat(target.c_str(), &st) == 0 && S_ISREG(st.st_mode);
    if (::fchmod(fd, existed ? (st.st_mode & 07777) : 0644) != 0) return fail(errno);
    if (existed && (st.st_uid != ::geteuid() || st.st_gid != ::getegid()))
        if (::fchown(fd, st.st_uid, st.st_gid) != 0) {
            // not allowed: the new file belongs to us, as any newly written file would
        }
    size_t done = 0;
    while (done < data.size()) {
        const ssize_t n = ::write(fd, data.data() + done, data.size() - done);
        if (n < 0) {
            if (errno == EINTR) continue;
            return fail(errno);
        }
        done += size_t(n);
    }
    if (::fsync(fd) != 0) return fail(errno);
    const int closed = ::close(fd);
    fd = -1;
    if (closed != 0) return fail(errno);
    // Something may have been put at the target since the check (e.g. a FIFO): never rename over it.
    if (::lstat(target.c_str(), &st) == 0 && !S_ISREG(st.st_mode)) {
        ::unlink(tmp.c_str());
        const std::string why = checkWritableTarget(path);
        return why.empty() ? "the target changed while it was written: try again" : why;
    }
    if (::rename(tmp.c_str(), target.c_str()) != 0) return fail(errno);
    // Make the rename itself durable (best effort).
    const int dfd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY);
    if (dfd >= 0) {
        ::fsync(dfd);
        ::close(dfd);
    }
    return {};
}

}  // namespace layerlab
