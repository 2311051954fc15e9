// core/parallel: the chunk split that makes reductions deterministic, loops that run every index exactly
// once on the arena's threads, and thread counts that report what really runs.
#include <QtTest>
#include <algorithm>
#include <atomic>
#include <chrono>
#include <cmath>
#include <cstring>
#include <memory>
#include <mutex>
#include <set>
#include <thread>
#include <vector>

#include "core/parallel.h"

using namespace layerlab;

class TestParallel : public QObject {
    Q_OBJECT
private slots:
    // Chunks tile [0, n) in order, differ in size by at most one, the larger ones first.
    void chunksTileTheRange_data() {
        QTest::addColumn<int>("n");
        QTest::addColumn<int>("chunks");
        QTest::newRow("even") << 12 << 4;
        QTest::newRow("remainder") << 10 << 4;
        QTest::newRow("fewer items than chunks") << 3 << 8;
        QTest::newRow("one chunk") << 7 << 1;
        QTest::newRow("empty") << 0 << 3;
    }
    void chunksTileTheRange() {
        QFETCH(int, n);
        QFETCH(int, chunks);
        int next = 0, largest = 0, smallest = n + 1;
        for (int i = 0; i < chunks; ++i) {
            const ChunkRange r = chunkRange(n, chunks, i);
            QCOMPARE(r.begin, next);
            QVERIFY(r.end >= r.begin);
            const int size = r.end - r.begin;
            if (i > 0)
                QVERIFY2(size <= chunkRange(n, chunks, i - 1).end - chunkRange(n, chunks, i - 1).begin,
                         "a later chunk is larger than an earlier one");
            largest = std::max(largest, size);
            smallest = std::min(smallest, size);
            next = r.end;
        }
        QCOMPARE(next, n);
        QVERIFY(largest - smallest <= 1);
    }
    void chunkRangeExactValues() {
        // 10 over 4: 3, 3, 2, 2.
        QCOMPARE(chunkRange(10, 4, 0).begin, 0);
        QCOMPARE(chunkRange(10, 4, 0).end, 3);
        QCOMPARE(chunkRange(10, 4, 1).end, 6);
        QCOMPARE(chunkRange(10, 4, 2).end, 8);
        QCOMPARE(chunkRange(10, 4, 3).begin, 8);
        QCOMPARE(chunkRange(10, 4, 3).end, 10);
    }

    // Pieces tile [0, n) in order; each member's pieces tile its chunkRange share and halve in size (the last
    // takes the rest, which is at most the one before it).
    void taperedPiecesTileEachShare_data() {
        QTest::addColumn<int>("n");
        QTest::addColumn<int>("members");
        QTest::addColumn<int>("perMember");
        QTest::newRow("a batch of 128 on 2 threads") << 128 << 2 << 7;
        QTest::newRow("uneven shares") << 37 << 3 << 5;
        QTest::newRow("a short last batch") << 5 << 2 << 7;
        QTest::newRow("capped pieces") << 1000 << 2 << 8;
        QTest::newRow("one piece a member") << 9 << 2 << 1;
        QTest::newRow("empty") << 0 << 2 << 3;
    }
    void taperedPiecesTileEachShare() {
        QFETCH(int, n);
        QFETCH(int, members);
        QFETCH(int, perMember);
        int next = 0;
        for (int m = 0; m < members; ++m) {
            const ChunkRange share = chunkRange(n, members, m);
            for (int j = 0; j < perMember; ++j) {
                const ChunkRange r = taperedRange(n, members, perMember, m * perMember + j);
                QCOMPARE(r.begin, next);
                QVERIFY(r.end >= r.begin);
                const int left = share.end - r.begin;  // this piece and the ones after it
                QCOMPARE(r.end - r.begin, j + 1 == perMember ? left : (left + 1) / 2);
                next = r.end;
            }
            QCOMPARE(next, share.end);
        }
        QCOMPARE(next, n);
    }
    void taperedRangeExactValues() {
        // 128 on 2 members, 7 pieces each: 32, 16, 8, 4, 2, 1, 1 from 0 and from 64.
        const int sizes[] = {32, 16, 8, 4, 2, 1, 1};
        for (int m = 0; m < 2; ++m)
            for (int j = 0, begin = 64 * m; j < 7; begin += sizes[j], ++j) {
                QCOMPARE(taperedRange(128, 2, 7, 7 * m + j).begin, begin);
                QCOMPARE(taperedRange(128, 2, 7, 7 * m + j).end, begin + sizes[j]);
            }
    }

    void parallelForRunsEachIndexOnce() {
        ThreadArena arena(2);
        constexpr int kCount = 257;
        std::vector<std::atomic<int>> hits(kCount);
        std::mutex m;
        std::set<std::thread::id> threads;
        arena.execute([&] {
            parallelFor(kCount, [&](int i) {
                hits[size_t(i)].fetch_add(1);
                const std::lock_guard<std::mutex> lock(m);
                threads.insert(std::this_thread::get_id());
            });
        });
        for (int i = 0; i < kCount; ++i) QCOMPARE(hits[size_t(i)].load(), 1);
        QVERIFY(int(threads.size()) <= arena.threads());
    }
    void parallelForSmallCounts() {
        int calls = 0;
        parallelFor(0, [&](int) { ++calls; });
        QCOMPARE(calls, 0);
        int seen = -1;
        parallelFor(1, [&](int i) {
            ++calls;
            seen = i;
        });
        QCOMPARE(calls, 1);
        QCOMPARE(seen, 0);
    }
    // An exception in one task reaches the caller (the trainer reports it as a failed run).
    void parallelForPassesOnAnException() {
        ThreadArena arena(2);
        bool caught = false;
        arena.execute([&] {
            try {
                parallelFor(16, [](int i) {
                    if (i == 11) throw std::runtime_error("chunk 11 failed");
                });
            } catch (const std::runtime_error& e) {
                caught = std::string(e.what()) == "chunk 11 failed";
            }
        });
        QVERIFY(caught);
    }

    // Blocks tile [0, n), each at least `grain` long, at most one per thread.
    void parallelRangesTileTheRange_data() {
        QTest::addColumn<long long>("n");
        QTest::addColumn<long long>("grain");
        QTest::newRow("large") << 1000003LL << 1000LL;
        QTest::newRow("below one grain") << 500LL << 1000LL;
        QTest::newRow("exactly two grains") << 2000LL << 1000LL;
        QTest::newRow("grain 0") << 10LL << 0LL;
        QTest::newRow("empty") << 0LL << 16LL;
    }
    void parallelRangesTileTheRange() {
        QFETCH(long long, n);
        QFETCH(long long, grain);
        ThreadArena arena(2);
        std::mutex m;
        std::vector<std::pair<long long, long long>> blocks;
        arena.execute([&] {
            parallelRanges(n, grain, [&](long long b, long long e) {
                const std::lock_guard<std::mutex> lock(m);
                blocks.emplace_back(b, e);
            });
        });
        std::sort(blocks.begin(), blocks.end());
        long long next = 0;
        for (const auto& [b, e] : blocks) {
            QCOMPARE(b, next);
            QVERIFY(e > b);
            if (blocks.size() > 1) QVERIFY(e - b >= grain);
            next = e;
        }
        QCOMPARE(next, n);
        QVERIFY(int(blocks.size()) <= arena.threads());
        if (n == 0) QVERIFY(blocks.empty());
    }

    // A sum reduced chunk by chunk in index order is the same bits whatever the threads, and in a team (which
    // thread runs a chunk does not matter).
    void chunkReductionIsDeterministic() {
        std::vector<float> x(100000);
        for (size_t i = 0; i < x.size(); ++i) x[i] = float(std::sin(double(i))) * 1e3f + 1e-3f * float(i);
        auto sumWith = [&](int threads, bool inTeam) {
            ThreadArena arena(threads);
            constexpr int kChunks = 8;
            std::vector<float> partial(kChunks, 0.f);
            arena.execute([&] {
                const std::unique_ptr<ParallelTeam> team(inTeam ? new ParallelTeam : nullptr);
                parallelFor(kChunks, [&](int c) {
                    const ChunkRange r = chunkRange(int(x.size()), kChunks, c);
                    for (int i = r.begin; i < r.end; ++i) partial[size_t(c)] += x[size_t(i)];
                });
            });
            float total = 0;
            for (float p : partial) total += p;
            return total;
        };
        const float one = sumWith(1, false), two = sumWith(2, false), team = sumWith(2, true);
        QVERIFY(std::memcmp(&one, &two, sizeof one) == 0);  // the same bits (QCOMPARE on floats is fuzzy)
        QVERIFY(std::memcmp(&one, &team, sizeof one) == 0);
    }

    // In a team every loop runs each index once, the helpers take part, and a loop nested in a task runs in
    // order on that task's thread. (Loops go on until a helper has run an index, for at most 20 s: on a
    // loaded machine the worker may wait a while for a core.)
    void teamRunsEachIndexOnce() {
        ThreadArena arena(2);
        if (arena.threads() < 2) QSKIP("one core: a team has no helpers");
        std::vector<std::atomic<int>> hits(32);
        int loops = 0, wrong = 0, nestedElsewhere = 0;
        std::atomic<int> byHelpers{0};
        bool active = false;
        const auto t0 = std::chrono::steady_clock::now();
        arena.execute([&] {
            const ParallelTeam team;
            active = team.active();
            const auto owner = std::this_thread::get_id();
            std::atomic<int> nested{0};
            while (loops < 400 || (byHelpers.load() == 0 &&
                                   std::chrono::steady_clock::now() - t0 < std::chrono::seconds(20))) {
                const int count = 2 + (loops * 7) % 23;
                for (auto& h : hits) h.store(0);
                parallelFor(count, [&](int i) {
                    hits[size_t(i)].fetch_add(1);
                    if (std::this_thread::get_id() != owner) byHelpers.fetch_add(1);
                    const auto me = std::this_thread::get_id();
                    parallelFor(3, [&](int) {
                        if (std::this_thread::get_id() != me) nested.fetch_add(1);
                    });
                    // about 20 us of work, so that a helper has time to take part
                    volatile double x = 0;
                    for (int k = 0; k < 4000; ++k) x = x + std::sqrt(double(k + i));
                });
                for (int i = 0; i < int(hits.size()); ++i)
                    wrong += hits[size_t(i)].load() != (i < count ? 1 : 0);
                ++loops;
            }
            nestedElsewhere = nested.load();
        });
        QVERIFY(active);
        QCOMPARE(wrong, 0);
        QVERIFY2(byHelpers.load() > 0, "no index ran on a helper in 20 s");
        QCOMPARE(nestedElsewhere, 0);
    }
    // Each member has a home share: in a loop of 4 indices on 2 threads the caller runs 0 and 1, the helper 2
    // and 3. The indices pace the two threads so that neither can run ahead: a thread's k-th index of a loop
    // waits until the other thread has started its k-th (for at most 0.2 s, then the loop stops pacing and is
    // not counted). Paced like that, the shares give the home split in every loop, whatever the timing (a
    // slow helper under TSan included); claiming one index at a time, as before the shares, gives the helper
    // index 1 and the caller index 2 in every loop.
    void teamMembersKeepTheirShares() {
        ThreadArena arena(2);
        if (arena.threads() < 2) QSKIP("one core: a team has no helpers");
        int paced = 0, homeSplit = 0, wrong = 0, loops = 0;
        const auto t0 = std::chrono::steady_clock::now();
        arena.execute([&] {
            const ParallelTeam team;
            const auto owner = std::this_thread::get_id();
            while (paced < 50 && std::chrono::steady_clock::now() - t0 < std::chrono::seconds(30)) {
                ++loops;
                std::atomic<int> byOwner[4] = {}, runs[4] = {};
                std::atomic<int> ownerStarted{0}, helperStarted{0};
                std::atomic<bool> gaveUp{false};
                parallelFor(4, [&](int i) {
                    runs[i].fetch_add(1);
                    const bool isOwner = std::this_thread::get_id() == owner;
                    if (isOwner) byOwner[i].store(1);
                    const int k = (isOwner ? ownerStarted : helperStarted).fetch_add(1) + 1;
                    const std::atomic<int>& other = isOwner ? helperStarted : ownerStarted;
                    const auto waitFrom = std::chrono::steady_clock::now();
                    while (other.load() < k && !gaveUp.load()) {
                        if (std::chrono::steady_clock::now() - waitFrom > std::chrono::milliseconds(200))
                            gaveUp.store(true);
                        std::this_thread::yield();
                    }
                });
                for (int i = 0; i < 4; ++i) wrong += runs[i].load() != 1;
                if (gaveUp.load()) continue;  // the helper did not come in time: nothing to judge
                ++paced;
                homeSplit += byOwner[0] && byOwner[1] && !byOwner[2] && !byOwner[3];
            }
        });
        QCOMPARE(wrong, 0);
        if (paced < 10)
            QSKIP(
                qPrintable(QStringLiteral("the helper came in time in only %1 of %2 loops (a loaded machine)")
                               .arg(paced)
                               .arg(loops)));
        QVERIFY2(
            homeSplit == paced,
            qPrintable(QStringLiteral("the home split in %1 of %2 paced loops").arg(homeSplit).arg(paced)));
    }
    // One thread, a team inside a team, or a team inside a loop's task: nothing to do.
    void teamIsANoOpWhereItCannotHelp() {
        ThreadArena one(1);
        one.execute([&] { QVERIFY(!ParallelTeam().active()); });
        ThreadArena two(2);
        if (two.threads() < 2) return;
        two.execute([&] {
            const ParallelTeam outer;
            QVERIFY(outer.active());
            QVERIFY(!ParallelTeam().active());
            std::atomic<int> activeInside{0};
            parallelFor(4, [&](int) { activeInside += ParallelTeam().active(); });
            QCOMPARE(activeInside.load(), 0);
        });
        // closed: a new team can open
        two.execute([&] { QVERIFY(ParallelTeam().active()); });
    }
    // An exception in one index reaches the caller after the loop; the team goes on with the next loop, and
    // the owner working alone for a while (the helpers yield) loses nothing.
    void teamPassesOnAnExceptionAndGoesOn() {
        ThreadArena arena(2);
        bool caught = false;
        std::atomic<int> after{0};
        arena.execute([&] {
            const ParallelTeam team;
            try {
                parallelFor(16, [](int i) {
                    if (i == 11) throw std::runtime_error("index 11 failed");
                });
            } catch (const std::runtime_error& e) {
                caught = std::string(e.what()) == "index 11 failed";
            }
            std::this_thread::sleep_for(std::chrono::milliseconds(20));
            parallelFor(16, [&](int i) { after.fetch_add(i); });
        });
        QVERIFY(caught);
        QCOMPARE(after.load(), 120);
    }
    void threadCountsAreWhatRuns() {
        const int cores = hardwareThreads();
        QVERIFY(cores >= 1);
        QCOMPARE(effectiveThreads(0), cores);
        QCOMPARE(effectiveThreads(1), 1);
        QCOMPARE(effectiveThreads(cores + 7), cores);
        QCOMPARE(ThreadArena(cores + 7).threads(), cores);
        QCOMPARE(ThreadArena(0).threads(), cores);
        int inside = 0;
        ThreadArena one(1);
        one.execute([&] { inside = currentConcurrency(); });
        QCOMPARE(inside, 1);
        ThreadArena all(0);
        all.execute([&] { inside = currentConcurrency(); });
        QCOMPARE(inside, cores);
    }
};

QTEST_APPLESS_MAIN(TestParallel)
#include "tst_parallel.moc"
