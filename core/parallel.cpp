#include "core/parallel.h"

#include <algorithm>

#include <tbb/blocked_range.h>
#include <tbb/info.h>
#include <tbb/parallel_for.h>
#include <tbb/partitioner.h>
#include <tbb/task_arena.h>

namespace layerlab {

ChunkRange chunkRange(int n, int chunks, int i) {
    const int base = n / chunks, extra = n % chunks;
    const int begin = i * base + (i < extra ? i : extra);
    return {begin, begin + base + (i < extra ? 1 : 0)};
}

void parallelFor(int count, const std::function<void(int)>& fn) {
    if (count <= 1) {
        if (count == 1) fn(0);
        return;
    }
    tbb::parallel_for(
        tbb::blocked_range<int>(0, count, 1),
        [&](const tbb::blocked_range<int>& r) {
            for (int i = r.begin(); i != r.end(); ++i) fn(i);
        },
        tbb::simple_partitioner());
}

int hardwareThreads() {
    return tbb::info::default_concurrency();
}

int effectiveThreads(int requested) {
    const int cores = hardwareThreads();
    return requested > 0 ? std::min(requested, cores) : cores;
}

int currentConcurrency() {
    return tbb::this_task_arena::max_concurrency();
}

void parallelRanges(long long n, long long grain, const std::function<void(long long, long long)>& fn) {
    const long long blocks =
        std::max(1LL, std::min<long long>(currentConcurrency(), n / std::max(1LL, grain)));
    if (blocks <= 1) {
        if (n > 0) fn(0, n);
        return;
    }
    parallelFor(int(blocks), [&](int b) { fn(n * b / blocks, n * (b + 1) / blocks); });
}

ThreadArena::ThreadArena(int threads)
    : m_threads(effectiveThreads(threads)), m_arena(new tbb::task_arena(m_threads)) {}

ThreadArena::~ThreadArena() {
    delete static_cast<tbb::task_arena*>(m_arena);
}

void ThreadArena::execute(const std::function<void()>& fn) {
    static_cast<tbb::task_arena*>(m_arena)->execute(fn);
}

}  // namespace layerlab
