#include "core/parallel.h"

#include <algorithm>

#include <tbb/blocked_range.h>
#include <tbb/info.h>
#include <tbb/parallel_for.h>
#include <tbb/partitioner.h>
#include <tbb/task_arena.h>

// ThreadSanitizer cannot see the synchronisation inside libtbb (Debian's is not built with TSan), so
// without help every task of a parallel_for looks like it races with the caller that prepared its data and
// with the caller that reads its results. parallelFor tells TSan what TBB guarantees: everything before the
// loop happens before each task, and each task happens before everything after the loop. With these two
// edges TSan checks the tasks against each other and against other threads (pause, stop, snapshots);
// what remains is TBB's own bookkeeping, see tests/tsan.supp.
#if defined(__SANITIZE_THREAD__)
#define LAYERLAB_TSAN 1
#elif defined(__has_feature)
#if __has_feature(thread_sanitizer)
#define LAYERLAB_TSAN 1
#endif
#endif
#ifdef LAYERLAB_TSAN
extern "C" void __tsan_acquire(void* addr);
extern "C" void __tsan_release(void* addr);
extern "C" void AnnotateIgnoreReadsBegin(const char* file, int line);
extern "C" void AnnotateIgnoreReadsEnd(const char* file, int line);
#define NOINLINE_UNDER_TSAN [[gnu::noinline]]
#else
#define NOINLINE_UNDER_TSAN
#endif

namespace layerlab {

namespace {

#ifdef LAYERLAB_TSAN
void tsanRelease(void* edge) {
    __tsan_release(edge);
}
void tsanAcquire(void* edge) {
    __tsan_acquire(edge);
}
void tsanIgnoreReads(bool on) {
    if (on)
        AnnotateIgnoreReadsBegin(__FILE__, __LINE__);
    else
        AnnotateIgnoreReadsEnd(__FILE__, __LINE__);
}
#else
void tsanRelease(void*) {}
void tsanAcquire(void*) {}
void tsanIgnoreReads(bool) {}
#endif

// The fork and the join of one parallel loop as happens-before edges: the caller's ForkJoin lives across
// the loop, each task holds a ForkJoin::Task while it runs. Both close their edge in the destructor, so a
// task that throws still ends.
class ForkJoin {
public:
    ForkJoin() { tsanRelease(&m_fork); }
    ~ForkJoin() { tsanAcquire(&m_join); }
    ForkJoin(const ForkJoin&) = delete;
    ForkJoin& operator=(const ForkJoin&) = delete;

    class Task {
    public:
        explicit Task(ForkJoin& f) : m_f(f) { tsanAcquire(&m_f.m_fork); }
        ~Task() { tsanRelease(&m_f.m_join); }
        Task(const Task&) = delete;
        Task& operator=(const Task&) = delete;

    private:
        ForkJoin& m_f;
    };

private:
    char m_fork = 0, m_join = 0;
};

// One task of parallelFor: runs fn over its part of [0, count) inside the loop's fork and join edges.
struct ChunkBody {
    ForkJoin* edges;
    const std::function<void(int)>* fn;
    void operator()(const tbb::blocked_range<int>& r) const;
};

// A task's first reads are of its own task object (TBB's copy of the body, its range), written by the
// thread that split the range, before the fork edge can be taken: TBB's hand-off, hidden from TSan. Not
// inlined under TSan, so the compiler cannot move these reads out of the ignored span (TBB keeps the body
// const, which lets it hoist them).
struct TaskObject {
    ChunkBody body;
    int begin, end;
};
NOINLINE_UNDER_TSAN TaskObject readTaskObject(const ChunkBody* body, const tbb::blocked_range<int>* r) {
    tsanIgnoreReads(true);
    const TaskObject t{*body, r->begin(), r->end()};
    tsanIgnoreReads(false);
    return t;
}

void ChunkBody::operator()(const tbb::blocked_range<int>& r) const {
    const TaskObject t = readTaskObject(this, &r);
    ForkJoin::Task task(*t.body.edges);
    for (int i = t.begin; i != t.end; ++i) (*t.body.fn)(i);
}

}  // namespace

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
    ForkJoin edges;
    tbb::parallel_for(tbb::blocked_range<int>(0, count, 1), ChunkBody{&edges, &fn},
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
    // TBB may run fn on another thread when the arena's slot for callers is taken.
    ForkJoin edges;
    static_cast<tbb::task_arena*>(m_arena)->execute([&] {
        ForkJoin::Task task(edges);
        fn();
    });
}

}  // namespace layerlab
