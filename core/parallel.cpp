#include "core/parallel.h"

#include <algorithm>
#include <atomic>
#include <cstdint>
#include <exception>
#include <mutex>
#include <thread>
#include <utility>

#include <tbb/blocked_range.h>
#include <tbb/info.h>
#include <tbb/parallel_for.h>
#include <tbb/partitioner.h>
#include <tbb/task_arena.h>
#include <tbb/task_group.h>

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

// ParallelTeam. Each member of the team (the owner is member 0, the helpers number themselves 1, 2, ... as
// they start) has a home share of every loop: the contiguous indices chunkRange(count, members, m), the same
// share of the batch in the fill, the forward and the backward pass, and of the parameters in the sum of the
// gradients and the optimizer step. A member takes its own indices from the front, then helps the others by
// taking theirs from the back, so nothing waits for a member that is late or never starts. Keeping each
// share on one thread keeps its data in that core's cache: on machines whose cores exchange data slowly
// (here about 5 GB/s between the two cores, against 50 in one core's cache) that is worth more than any
// other part of the step.
//
// Each share is one 64-bit word: the loop's sequence number (16 bits), then the share's front and back
// index (24 bits each). A member claims index i with a compare-and-swap that moves the front (or the back)
// past i; the word's sequence number makes a claim on a share of an earlier loop fail. A claimed index
// belongs to the loop on offer: the loop cannot end before i is done, so the loop's function (written
// before the loop's sequence number is published) stays valid while i runs.

struct ParallelTeam::State {
    struct alignas(64) Share {
        std::atomic<std::uint64_t> word{0};
    };
    explicit State(int members) : members(members), shares(new Share[members]) {}
    const int members;
    std::unique_ptr<Share[]> shares;
    std::atomic<std::uint32_t> seq{0};  // the loop on offer (0: none yet)
    std::atomic<int> done{0};           // indices of the loop on offer that have finished
    std::atomic<int> nextMember{1};
    std::atomic<bool> closed{false};
    std::uint32_t lastSeq = 0;  // the owner's
    const std::function<void(int)>* fn = nullptr;
    std::mutex errorLock;
    std::exception_ptr error;  // the first exception of the loop on offer
    std::thread::id owner;
    char forkEdge = 0, joinEdge = 0;  // for TSan, as ForkJoin
    tbb::task_group helpers;
};

namespace {
using TeamState = ParallelTeam::State;

thread_local TeamState* t_team = nullptr;  // the team this thread has open
thread_local bool t_inTeamTask = false;    // this thread runs an index of a team's loop

void cpuRelax() {
#if defined(__x86_64__) || defined(__i386__)
    __builtin_ia32_pause();
#endif
}

// Spins first (a loop's last index takes microseconds), then yields the core (the owner working alone
// between loops, or a preempted thread).
class Backoff {
public:
    void pause() {
        if (m_spins < kSpins) {
            ++m_spins;
            cpuRelax();
        } else {
            std::this_thread::yield();
        }
    }
    void reset() { m_spins = 0; }

private:
    static constexpr int kSpins = 2000;
    int m_spins = 0;
};

constexpr int kIndexBits = 24;
constexpr std::uint64_t kIndexMask = (std::uint64_t(1) << kIndexBits) - 1;
constexpr std::uint32_t kSeqMask = 0xffff;

std::uint64_t shareWord(std::uint32_t seq, int front, int back) {
    return (std::uint64_t(seq) << (2 * kIndexBits)) | (std::uint64_t(front) << kIndexBits) |
           std::uint64_t(back);
}

// Claims an index of loop `seq` from share `s`: its front one (fromFront) or its back one. -1 when the share
// is empty or belongs to another loop.
int claim(TeamState::Share& s, std::uint32_t seq, bool fromFront) {
    std::uint64_t w = s.word.load(std::memory_order_acquire);
    for (;;) {
        const int front = int((w >> kIndexBits) & kIndexMask), back = int(w & kIndexMask);
        if (std::uint32_t(w >> (2 * kIndexBits)) != seq || front >= back) return -1;
        const std::uint64_t next =
            fromFront ? shareWord(seq, front + 1, back) : shareWord(seq, front, back - 1);
        if (s.word.compare_exchange_weak(w, next, std::memory_order_acq_rel, std::memory_order_acquire))
            return fromFront ? front : back - 1;
    }
}

void runIndex(TeamState& t, int i) {
    t_inTeamTask = true;
    try {
        (*t.fn)(i);
    } catch (...) {
        const std::lock_guard<std::mutex> lock(t.errorLock);
        if (!t.error) t.error = std::current_exception();
    }
    t_inTeamTask = false;
    t.done.fetch_add(1, std::memory_order_release);
}

// Member m's part of loop `seq`: its own share from the front, then the others' from the back.
void work(TeamState& t, int m, std::uint32_t seq) {
    for (int i; (i = claim(t.shares[m], seq, true)) >= 0;) runIndex(t, i);
    for (int k = 1; k < t.members; ++k) {
        TeamState::Share& other = t.shares[(m + k) % t.members];
        for (int i; (i = claim(other, seq, false)) >= 0;) runIndex(t, i);
    }
}

void helperLoop(TeamState& t) {
    tsanAcquire(&t.forkEdge);  // before the first read of the team (its owner)
    // The owner runs a helper that no worker took when it closes the team (task_group::wait): nothing is
    // on offer then, and it must not wait for loops that only it could post.
    if (std::this_thread::get_id() == t.owner) return;
    const int m = t.nextMember.fetch_add(1, std::memory_order_relaxed);
    if (m < t.members) {
        Backoff backoff;
        std::uint32_t seen = 0;
        for (;;) {
            const std::uint32_t seq = t.seq.load(std::memory_order_acquire);
            if (seq != seen) {
                work(t, m, seq);
                seen = seq;
                backoff.reset();
                continue;
            }
            if (t.closed.load(std::memory_order_acquire)) break;
            backoff.pause();
        }
    }
    tsanRelease(&t.joinEdge);
}

// A helper task's body. Its first read is of its own task object (the team pointer), written by the owner
// inside TBB's hand-off, which TSan cannot see; as readTaskObject above.
struct HelperBody {
    TeamState* team;
    void operator()() const;
};
NOINLINE_UNDER_TSAN TeamState* readTeam(const HelperBody* body) {
    tsanIgnoreReads(true);
    TeamState* t = body->team;
    tsanIgnoreReads(false);
    return t;
}
void HelperBody::operator()() const {
    helperLoop(*readTeam(this));
}

void teamFor(TeamState& t, int count, const std::function<void(int)>& fn) {
    t.fn = &fn;
    t.done.store(0, std::memory_order_relaxed);
    t.lastSeq = t.lastSeq % kSeqMask + 1;  // 1 .. 65535: never 0, a helper's "no loop seen yet"
    for (int m = 0; m < t.members; ++m) {
        const ChunkRange r = chunkRange(count, t.members, m);
        t.shares[m].word.store(shareWord(t.lastSeq, r.begin, r.end), std::memory_order_relaxed);
    }
    t.seq.store(t.lastSeq, std::memory_order_release);
    work(t, 0, t.lastSeq);
    Backoff backoff;
    while (t.done.load(std::memory_order_acquire) < count) backoff.pause();
    if (t.error) {
        std::exception_ptr e = std::exchange(t.error, nullptr);
        std::rethrow_exception(e);
    }
}
}  // namespace

ChunkRange chunkRange(int n, int chunks, int i) {
    const int base = n / chunks, extra = n % chunks;
    const int begin = i * base + (i < extra ? i : extra);
    return {begin, begin + base + (i < extra ? 1 : 0)};
}

ChunkRange taperedRange(int n, int members, int perMember, int i) {
    const ChunkRange share = chunkRange(n, members, i / perMember);
    int begin = share.begin;
    for (int j = 0; j < i % perMember; ++j) begin += (share.end - begin + 1) / 2;
    const int end = i % perMember == perMember - 1 ? share.end : begin + (share.end - begin + 1) / 2;
    return {begin, end};
}

void parallelFor(int count, const std::function<void(int)>& fn) {
    if (count <= 1) {
        if (count == 1) fn(0);
        return;
    }
    if (t_inTeamTask) {  // nested in a team's loop: in order, on this thread
        for (int i = 0; i < count; ++i) fn(i);
        return;
    }
    // A team's shares hold indices in 24 bits; a larger loop (none in the engine) goes to TBB, where the
    // caller runs it alone while the helpers spin: correct, only not parallel.
    if (t_team && std::uint64_t(count) <= kIndexMask) {
        teamFor(*t_team, count, fn);
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

ParallelTeam::ParallelTeam() {
    const int threads = currentConcurrency();
    if (threads <= 1 || t_team || t_inTeamTask) return;
    m_state = std::make_unique<State>(threads);
    State& t = *m_state;
    t.owner = std::this_thread::get_id();
    tsanRelease(&t.forkEdge);
    for (int i = 1; i < threads; ++i) t.helpers.run(HelperBody{&t});
    t_team = &t;
}

ParallelTeam::~ParallelTeam() {
    if (!m_state) return;
    State& t = *m_state;
    t.closed.store(true, std::memory_order_release);
    t.helpers.wait();
    tsanAcquire(&t.joinEdge);
    t_team = nullptr;
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
