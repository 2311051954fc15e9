#pragma once
// How much memory a training run holds, by part. One estimate for both sides: the studio's editor shows it
// (and blocks Start with refusal() when it does not fit) and the engine checks it before allocating
// (Network refuses with the same sentence), so the figure a user sees is the one that is enforced.
//
// It counts what a Trainer allocates for a model, batch B and T threads (T parallel chunks, at most one per
// sample), with P parameters:
//   parameters : P floats each for the weights, their gradient, the last good weights (divergence), the best
//                weights (early stopping with restore-best), a snapshot's copy, the snapshot network's
//                weights and gradient; two byte masks per network (weights, learning); the optimizer's
//                moments (2 for Adam, 1 for the others) for the parameters that learn (frozen ones have
//                none).
//   batch      : B x (the input + every engine layer's output + dropout masks + three gradient buffers as
//                large as the largest layer's output + the loss gradient; with BatchNorm layers, two
//                gradient buffers as large as the largest of them, see Network).
//   per thread : per part (parallelChunks / T parts a thread): P floats (the part's own gradient sum) + the
//                flat layers' per-chunk workspace; per spatial piece (spatialPiecesPerThread a thread): the
//                spatial layers' parameters (the piece's gradient sum), their per-chunk workspace
//                (Layer::workspace: 2 x (C K K x P) floats per Conv2D for im2col) and two scratch blocks
//                for their outputs (a sample block at a time, see Network::reserve).
// The limit is half of the machine's physical memory: allocating beyond it gets a process killed by the
// kernel rather than a catchable error.
#include <string>

#include "core/model_spec.h"

namespace layerlab {

struct TrainingMemory {
    int batch = 0;          // 0: the parameters alone (what building a network takes)
    int threads = 1;        // parallel chunks: min(threads, batch), at least 1 (0 with batch 0)
    double parameters = 0;  // bytes that depend on neither batch nor threads
    double batchBytes = 0;  // bytes for the batch (grows with B)
    double perThread = 0;   // bytes each thread adds
    long long paramCount = 0;
    double total() const { return parameters + batchBytes + threads * perThread; }
};

// How many parallel parts (chunks) Network splits a batch of up to `batch` samples into on `threads` threads
// for its flat layers (Dense and the like, after the spatial part): one a thread, at most one a sample. Each
// part sums its own parameter gradients and the parts' sums are added in part order, so the bits depend on
// the number of parts, which depends only on the batch and the threads. (The spatial layers run on finer
// pieces: spatialPiecesPerThread.)
int parallelChunks(int batch, int threads);

// How many pieces Network cuts each thread's share of the batch into for its spatial layers (convolutions,
// pools: most of a step's time), pieces that halve in size (taperedRange in core/parallel.h): a thread that
// is done takes the other's smallest pieces, so the threads end within about a sample of each other even
// when one core runs slower (a virtual machine's core that shares its physical core, a desktop's other
// work). Equal parts could not do that: on 2 threads with 2 parts each, the faster thread waited about 5 %
// of each pass. 1 + log2 of a thread's share (64 samples: 7 pieces), at most 8; at least 2, and at most so
// many that their gradient sums (spatialParams floats each) take 16 MB; 1 on one thread.
int spatialPiecesPerThread(int batch, int threads, long long spatialParams);

// The most samples Network's spatial layers take in one call: the largest piece, and at most
// ceil(batch / pieces), what a layer's per-part workspace holds (Layer::reserve).
int spatialBlockCap(int batch, int threads, int piecesPerThread);

// How many samples Network runs its spatial layers on at a time (the sample block): as many as fit their
// outputs (`spatialBytes` a sample) in 512 KB, about half of a 1 MB L2 cache; at least 1, at most a part's
// `maxChunk`. Network's scratch blocks hold that many of its largest spatial output but the last.
int spatialBlockSamples(long long spatialBytes, int maxChunk);

// Throws nothing: a model that cannot work (shape errors) is estimated as far as it goes. `threads` is what
// runs (see effectiveThreads in core/parallel.h).
TrainingMemory estimateTrainingMemory(const ModelSpec& spec, int batch, int threads);

double physicalMemoryBytes();  // 0 when unknown
double trainingMemoryLimit();  // half of physicalMemoryBytes(); infinite when unknown

// Empty when `m` fits under the limit; otherwise one sentence that names the figure, the real limit and
// what to change, e.g. "the model needs about 20.6 GB to train at batch 128 on 64 threads (each thread
// adds 0.31 GB), more than the limit of 12.7 GB (half of this machine's 25.3 GB): use a smaller batch
// size, fewer threads or fewer filters/units".
std::string trainingMemoryRefusal(const TrainingMemory& m);

// Throws SpecError(trainingMemoryRefusal(...)) when the run would not fit.
void checkTrainingMemory(const ModelSpec& spec, int batch, int threads);

}  // namespace layerlab
