#pragma once
// Streaming (non-temporal) stores for outputs that nothing reads soon: a normal store first reads the
// destination's cache line (read for ownership), a streaming one writes the line without reading it and
// leaves the cache to the data that is still in use. x and y must not overlap. Both return after a fence,
// so the values are visible to other threads.
namespace layerlab {

// y[0, n) = x[0, n)
void streamCopy(const float* x, float* y, long long n);
// y[0, n) = max(x[0, n), 0), the bits of Eigen's max(0) (x itself when both are zero or x is NaN)
void streamRelu(const float* x, float* y, long long n);

}  // namespace layerlab
