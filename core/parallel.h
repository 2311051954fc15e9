#pragma once
// Deterministic parallel loops over batch chunks. TBB stays in parallel.cpp (its headers clash with Qt's
// `emit`). Work runs in whatever tbb::task_arena the caller is inside (the Trainer owns one).
#include <functional>

namespace layerlab {

// Splits [0, n) into `chunks` contiguous ranges of near-equal size; chunk i is [begin, end).
// The split depends only on n and chunks, so reductions over chunks in index order are deterministic.
struct ChunkRange {
    int begin, end;
};
ChunkRange chunkRange(int n, int chunks, int i);

// Runs fn(i) for every i in [0, count), in parallel when count > 1. Each i is one task.
void parallelFor(int count, const std::function<void(int)>& fn);

// Runs fn inside an arena of effectiveThreads(threads) threads (0 = all cores). For tools and tests that are
// not the Trainer.
class ThreadArena {
public:
    explicit ThreadArena(int threads = 0);
    ~ThreadArena();
    ThreadArena(const ThreadArena&) = delete;
    ThreadArena& operator=(const ThreadArena&) = delete;
    int threads() const { return m_threads; }
    void execute(const std::function<void()>& fn);

private:
    int m_threads;
    void* m_arena;  // tbb::task_arena*
};

int hardwareThreads();
// The threads that really run for a `requested` count: all cores for 0, and never more than the cores (an
// arena asked for more gets no more workers from TBB, only a warning; the extra chunks would cost memory and
// run on the same cores). Every report of a thread count uses this.
int effectiveThreads(int requested);
// Threads of the arena the caller runs in (1 outside any arena with one thread).
int currentConcurrency();

// Runs fn(begin, end) over [0, n) split into contiguous blocks of at least `grain` elements, one block per
// thread at most. For element-wise work (optimizer steps, sums of buffers): results do not depend on the
// split.
void parallelRanges(long long n, long long grain, const std::function<void(long long, long long)>& fn);

}  // namespace layerlab
