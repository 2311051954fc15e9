#pragma once
// The ONNX importer's reader (internal to core/onnx_import*.cpp): its state while it walks a graph's chain of
// nodes, one handler per operator. onnx_import.cpp walks the graph and keeps LayerLab's own exports exact;
// onnx_reader.cpp reads tensors and attributes and turns each node into layers.
#include <onnx/onnx_pb.h>

#include <cstdint>
#include <limits>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "core/errors.h"
#include "core/model_spec.h"
#include "core/onnx_import.h"
#include "core/shape_inference.h"

namespace layerlab::onnx_reader {

inline constexpr const char* kSupported =
    "LayerLab reads a chain of Conv, Gemm, MatMul+Add, Relu, LeakyRelu, Sigmoid, Tanh, Softmax (LogSoftmax "
    "as "
    "the last node), MaxPool, AveragePool, BatchNormalization, Flatten, Reshape to N x features (its shape "
    "stored or computed from the tensor's Shape), Dropout and Identity, and residual blocks (a tensor x read "
    "by "
    "a chain f of these and by the Add of f's output and x: y = x + f(x))";
// A shape computed in the graph from Shape(x) holds the batch size N, unknown until run time: it stands for
// N.
inline constexpr std::int64_t kBatchDim = std::numeric_limits<std::int64_t>::min();
inline constexpr long long kMaxTensorValues = 1LL << 28;  // 1 GiB of floats: far beyond any LayerLab layer

struct Tensor {
    std::vector<std::int64_t> dims;
    std::vector<float> f;         // FLOAT
    std::vector<std::int64_t> i;  // INT64
    bool isFloat = false;
    long long count() const {
        long long c = 1;
        for (std::int64_t d : dims) c *= d;
        return c;
    }
};

std::string dimsText(const std::vector<std::int64_t>& d);  // "[1, 28, 28]"

// The reader's state while it walks the chain. Errors about one node say which.
//
// The walk follows tensors from the input to the output: a tensor read by one node leads to that node; a
// tensor x read by two nodes, one of them an Add of x and another computed tensor, opens a residual block:
// the other reader starts its inner chain f, read (recursively, so blocks nest) until the tensor the Add
// joins to x; the layers read on the way become the block's inner layers. Any other branch is refused.
class Reader {
public:
    Reader(const onnx::ModelProto& m, std::string file) : m_model(m), m_file(std::move(file)) {}

    OnnxImport read();

private:
    // Reads nodes from tensor `current` on, until the graph's output (join < 0) or, inside a residual
    // block, until the tensor the block's Add (node `join`) adds to `current`; returns that tensor.
    std::string readChain(std::string current, int join);
    void readNode(const std::string& current);
    void readConstantNode(int index);  // one node of the chain that reads `current`
    // `x` is read by nodes `users` (two): the residual block they make, y = x + f(x); returns y's tensor.
    std::string readResidual(const std::string& x, const std::vector<int>& users);
    void setNode(int index) {
        m_nodeIndex = index;
        m_node = &m_model.graph().node(index);
        if (m_visited[std::size_t(index)])
            fail("it is reached twice while walking the graph (a cycle): the file is damaged");
        m_visited[std::size_t(index)] = true;
    }

    [[noreturn]] void fail(const std::string& what) const {
        if (m_node) {
            const std::string nodeName = m_node->name().empty() ? "" : " '" + m_node->name() + "'";
            throw SpecError(m_file + ": node " + std::to_string(m_nodeIndex + 1) + nodeName + " (" +
                            m_node->op_type() + "): " + what);
        }
        throw SpecError(m_file + ": " + what);
    }

    Tensor readTensor(const onnx::TensorProto& t, const std::string& what) const;
    bool isConstant(const std::string& name) const {
        return m_constants.count(name) || m_initializers.count(name);
    }
    // A stored constant (an initializer, read when a node first uses it, so errors name the node; or a
    // Constant node's value), or null.
    const Tensor* constant(const std::string& name) const {
        if (auto it = m_constants.find(name); it != m_constants.end()) return &it->second;
        auto raw = m_initializers.find(name);
        if (raw == m_initializers.end()) return nullptr;
        return &(m_constants[name] = readTensor(*raw->second, "'" + name + "'"));
    }
    const Tensor& constantInput(int index, const char* role) const;
    void readInput();
    void checkAttributes(const std::set<std::string>& allowed) const;
    std::int64_t intAttr(const char* name, std::int64_t def) const;
    float floatAttr(const char* name, float def) const;
    std::vector<std::int64_t> intsAttr(const char* name, std::vector<std::int64_t> def) const;
    std::string stringAttr(const char* name, const std::string& def) const;
    int square(const std::vector<std::int64_t>& v, const char* name) const;

    void conv();
    void gemm();
    void matMul();
    void addBias();
    void pool(bool isMax);
    void flatten();
    void reshape();
    void dropout();
    void batchNorm();
    void activation(LayerType type, float alpha = 0.01f);
    void softmax();
    void logSoftmax();
    bool scaling();
    // x.view(x.size(0), -1) as PyTorch exports it: Shape(x) -> Gather -> Unsqueeze -> Concat -> the shape a
    // Reshape of x reads. Computes the branch that starts at Shape node `shapeNode` (x's shape, N standing
    // for the batch) into constants, so the Reshape reads a stored shape; its nodes count as read.
    void foldShape(int shapeNode);
    // One node of a shape branch whose inputs are all int64 constants (Gather, Unsqueeze, Squeeze, Concat,
    // Slice, Cast, Identity) into m_constants; false when it is not one LayerLab can compute.
    bool foldShapeNode(int index);

    void pushLayer(const LayerSpec& l, const Shape& out) {
        m_layers.push_back(l);
        m_shape = out;
        m_fusable =
            (l.type == LayerType::Dense || l.type == LayerType::Conv2D) ? int(m_layers.size()) - 1 : -1;
    }

    const onnx::ModelProto& m_model;
    std::string m_file;
    int m_opset = 0;
    mutable std::map<std::string, Tensor> m_constants;
    std::map<std::string, const onnx::TensorProto*> m_initializers;
    const onnx::NodeProto* m_node = nullptr;
    int m_nodeIndex = -1;
    int m_dataInput = 0;  // which of the node's inputs is the previous node's output
    Shape m_inputShape, m_shape;
    std::vector<LayerSpec> m_layers;
    std::vector<float> m_params;
    int m_fusable = -1;      // the last layer when an activation may still be fused into it
    int m_matMulDense = -1;  // the Dense a MatMul just made, waiting for its Add
    bool m_scaled = false;
    std::vector<std::string> m_notes;  // what the reader read differently from the file (OnnxImport::notes)
    std::map<std::string, std::vector<int>> m_users;  // the nodes reading each tensor (once per input)
    std::vector<bool> m_visited;                      // per node: read by the walk
    int m_depth = 0;                                  // how many residual blocks the walk is inside
};

}  // namespace layerlab::onnx_reader
