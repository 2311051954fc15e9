#pragma once
// Shared by the libFuzzer targets: the readers under test take a path, so each input is written to one
// scratch file per process (in /dev/shm when it exists: no disk writes), and a failed property aborts with a
// message, which libFuzzer reports as a crash with the input that caused it.
#include <unistd.h>

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>

namespace fuzz {

// The scratch file of this process, created on first use and removed at exit.
inline const std::string& scratchPath() {
    static const std::string path = [] {
        const char* dir = access("/dev/shm", W_OK) == 0
                              ? "/dev/shm"
                              : (std::getenv("TMPDIR") ? std::getenv("TMPDIR") : "/tmp");
        std::string p = std::string(dir) + "/layerlab-fuzz-XXXXXX";
        const int fd = mkstemp(p.data());
        if (fd < 0) {
            std::perror("fuzz: mkstemp");
            std::abort();
        }
        close(fd);
        static std::string removeAtExit;
        removeAtExit = p;
        std::atexit([] { std::remove(removeAtExit.c_str()); });
        return p;
    }();
    return path;
}

// Replaces the scratch file's contents with `size` bytes and returns its path.
inline const std::string& writeScratch(const void* data, std::size_t size) {
    const std::string& p = scratchPath();
    std::FILE* f = std::fopen(p.c_str(), "wb");
    if (!f || (size > 0 && std::fwrite(data, 1, size, f) != size) || std::fclose(f) != 0) {
        std::perror("fuzz: writing the scratch file");
        std::abort();
    }
    return p;
}

// A property of the code under test does not hold: report it and let libFuzzer save the input.
[[noreturn]] inline void violated(const std::string& what) {
    std::fprintf(stderr, "fuzz: property violated: %s\n", what.c_str());
    std::abort();
}

}  // namespace fuzz
