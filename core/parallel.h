#pragma once
// Deterministic parallel loops over batch chunks. TBB stays in parallel.cpp (its headers clash with Qt's
// `emit`). Work runs in whatever tbb::task_arena the caller is inside (the Trainer owns one).
#include <functional>
#include <memory>

namespace layerlab {

// Splits [0, n) into `chunks` contiguous ranges of near-equal size; chunk i is [begin, end).
// The split depends only on n and chunks, so reductions over chunks in index order are deterministic.
struct ChunkRange {
    int begin, end;
};
ChunkRange chunkRange(int n, int chunks, int i);

// Piece i of members x perMember pieces of [0, n): member i / perMember's share (chunkRange(n, members, m)),
// cut into perMember pieces that halve in size, the last taking the rest (64 samples in 7 pieces: 32, 16, 8,
// 4, 2, 1, 1; a piece may be empty). A team loop (ParallelTeam) over them hands each member its own share's
// pieces, largest first, and a member that is done takes the others' from the back, smallest first: the
// members end within about one sample of each other however their cores' speeds differ, and the bits depend
// only on n, members and perMember.
ChunkRange taperedRange(int n, int members, int perMember, int i);

// Runs fn(i) for every i in [0, count), in parallel when count > 1. Each i is one task.
void parallelFor(int count, const std::function<void(int)>& fn);

// Keeps the arena's other threads working in one region across the parallel loops of a short stretch of
// work, such as a training step. Without it every parallelFor is a region of its own, and a 2-task region
// costs 5-18 us here (the worker is woken, then joins); an MLP's step of about 0.3 ms runs half a dozen.
// While a team is open on this thread, parallelFor posts its indices to the team's helpers, which spin
// between loops, and the caller takes indices too: a loop then costs about a microsecond. Each member of the
// team has a home share of every loop (the caller the first contiguous indices, the first helper the next,
// ...), so the same samples of a batch, or the same block of parameters, stay on one thread from loop to
// loop and their data in that core's cache. A member that runs out takes the others' indices from the back,
// so a helper that never started (no free worker) only means the caller runs everything itself; nothing
// waits for a thread that is not working. Results are unchanged: as before, which thread runs index i does
// not matter to what it computes.
// A no-op with one thread, inside another team, or inside a loop's task (loops nested there run in order
// on their thread). The helpers spin while the caller works alone between loops, so keep a team to work
// that is mostly parallel loops. Not copyable; close it on the thread that opened it.
class ParallelTeam {
public:
    ParallelTeam();
    ~ParallelTeam();
    ParallelTeam(const ParallelTeam&) = delete;
    ParallelTeam& operator=(const ParallelTeam&) = delete;
    // Whether helpers were asked for (false in the no-op cases above).
    bool active() const { return m_state != nullptr; }
    struct State;  // in parallel.cpp

private:
    std::unique_ptr<State> m_state;
};

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
