#include "core/onnx_import.h"

#include <onnx/onnx_pb.h>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <limits>
#include <map>
#include <optional>
#include <set>

#include "core/errors.h"
#include "core/network.h"
#include "core/onnx_export.h"
#include "core/onnx_reader.h"
#include "core/shape_inference.h"
#include "core/spec_field.h"

namespace layerlab {

using onnx_reader::dimsText;
using onnx_reader::kSupported;
using onnx_reader::Reader;
using onnx_reader::Tensor;

OnnxImport Reader::read() {
    for (const onnx::OperatorSetIdProto& o : m_model.opset_import())
        if (o.domain().empty() || o.domain() == "ai.onnx") m_opset = int(o.version());
    if (m_opset == 0)
        fail("the file imports no ONNX operator set (opset_import): it is not a usable ONNX model");
    const onnx::GraphProto& g = m_model.graph();
    for (const onnx::TensorProto& t : g.initializer()) m_initializers[t.name()] = &t;
    readInput();
    if (g.output_size() != 1)
        fail("the graph has " + std::to_string(g.output_size()) +
             " outputs: LayerLab reads models with one output");

    // Who reads each tensor (a tensor read by two nodes is a branch: a residual block or refused), and the
    // Constant nodes' values (they read nothing).
    m_visited.assign(std::size_t(g.node_size()), false);
    for (int ni = 0; ni < g.node_size(); ++ni) {
        const onnx::NodeProto& n = g.node(ni);
        for (const std::string& in : n.input())
            if (!in.empty()) m_users[in].push_back(ni);
        if (n.op_type() == "Constant") readConstantNode(ni);
    }
    m_node = nullptr;
    const std::string input =
        std::find_if(g.input().begin(), g.input().end(), [&](const onnx::ValueInfoProto& v) {
            return !isConstant(v.name());
        })->name();
    readChain(input, -1);
    // Every node is on the walk: the chain, its blocks, the constants.
    for (int ni = 0; ni < g.node_size(); ++ni)
        if (!m_visited[std::size_t(ni)]) {
            m_node = &g.node(ni);
            m_nodeIndex = ni;
            fail("it is not on the chain from the input '" + input + "' to the output '" +
                 g.output(0).name() + "' (it reads '" +
                 (m_node->input_size() ? m_node->input(0) : std::string()) + "'): " + kSupported);
        }
    m_node = nullptr;
    if (m_layers.empty()) fail("the graph has no layers");
    if (!m_shape.isFlat())
        fail("the model's output is " + m_shape.toString() +
             " per image: LayerLab needs N x classes (add Flatten and Gemm)");

    OnnxImport r;
    ModelSpec& s = r.spec;
    s.name = std::filesystem::path(m_file).stem().string();
    if (s.name.empty()) s.name = "Imported model";
    s.description =
        "Imported from " + std::filesystem::path(m_file).filename().string() +
        (m_model.producer_name().empty()
             ? std::string()
             : " (written by " + m_model.producer_name() +
                   (m_model.producer_version().empty() ? "" : " " + m_model.producer_version()) + ")");
    s.input = m_inputShape;
    s.classes = int(m_shape.size());
    s.layers = m_layers;
    r.params = std::move(m_params);
    if (!m_scaled)
        r.notes.push_back(
            "the file has no input scaling node: LayerLab feeds it pixels / 255 (0 to 1), as "
            "PyTorch's and Keras' MNIST tutorials train");
    r.notes.insert(r.notes.end(), m_notes.begin(), m_notes.end());
    r.notes.push_back("training settings are LayerLab's defaults (the file holds none)");
    return r;
}

void Reader::readConstantNode(int index) {
    setNode(index);
    const onnx::NodeProto& n = *m_node;
    if (!n.domain().empty() && n.domain() != "ai.onnx")
        fail("operator domain '" + n.domain() + "' is not ONNX's own: " + kSupported);
    if (n.output_size() != 1) fail("a Constant with " + std::to_string(n.output_size()) + " outputs");
    if (n.attribute_size() != 1) fail("a Constant without exactly one value attribute");
    const onnx::AttributeProto& a = n.attribute(0);
    Tensor t;
    if (a.name() == "value" && a.has_t()) {
        t = readTensor(a.t(), "its value");
    } else if (a.name() == "value_float") {
        t.isFloat = true;
        t.f = {a.f()};
    } else if (a.name() == "value_floats") {
        t.isFloat = true;
        t.f.assign(a.floats().begin(), a.floats().end());
        t.dims = {std::int64_t(t.f.size())};
    } else if (a.name() == "value_int") {
        t.i = {a.i()};
    } else if (a.name() == "value_ints") {
        t.i.assign(a.ints().begin(), a.ints().end());
        t.dims = {std::int64_t(t.i.size())};
    } else {
        fail("a Constant holding '" + a.name() + "': LayerLab reads float and int64 tensors");
    }
    m_constants[n.output(0)] = std::move(t);
}

std::string Reader::readChain(std::string current, int join) {
    const onnx::GraphProto& g = m_model.graph();
    const std::string& output = g.output(0).name();
    const std::string skip = current;
    for (;;) {
        // A Shape of the tensor feeds a computed Reshape of it (x.view(x.size(0), -1)): computed here.
        for (std::vector<int>& readers = m_users[current];;) {
            const auto shape = std::find_if(readers.begin(), readers.end(),
                                            [&](int ni) { return g.node(ni).op_type() == "Shape"; });
            if (shape == readers.end() || readers.size() < 2) break;
            const int ni = *shape;
            readers.erase(shape);
            foldShape(ni);
        }
        std::vector<int> users = m_users[current];
        if (join >= 0 && current == skip) users.erase(std::find(users.begin(), users.end(), join));
        if (join >= 0 && users == std::vector<int>{join}) return current;  // f(x) ends here
        const bool isOutput = current == output;
        const int readers = int(users.size()) + (isOutput ? 1 : 0);
        if (isOutput && users.empty()) {
            if (join >= 0) {
                m_node = &g.node(join);
                m_nodeIndex = join;
                fail("it reads '" + skip + "', but the chain from there reaches the graph's output '" +
                     output + "' instead of this Add: not a residual block; " + kSupported);
            }
            return current;
        }
        if (users.empty())
            fail("its output '" + current + "' is read by no node and is not the graph's output '" + output +
                 "': the chain ends before the output");
        if (readers == 1) {
            setNode(users[0]);
            readNode(current);
            current = m_node->output(0);
        } else if (readers == 2 && !isOutput) {
            current = readResidual(current, users);
        } else {
            m_node = &g.node(users[0]);
            m_nodeIndex = users[0];
            fail("'" + current + "' is read by " + std::to_string(readers) +
                 " nodes or outputs (a branch that is not a residual block): " + kSupported);
        }
    }
}

void Reader::readNode(const std::string& current) {
    const onnx::NodeProto& n = *m_node;
    const std::string& op = n.op_type();
    if (!n.domain().empty() && n.domain() != "ai.onnx")
        fail("operator domain '" + n.domain() + "' is not ONNX's own: " + kSupported);
    // The chain: the node reads the previous node's output (Mul and Add in either place), nothing else
    // that is not a constant, and only its first output is used.
    int dataInput = -1;
    for (int k = 0; k < n.input_size(); ++k)
        if (n.input(k) == current) {
            dataInput = k;
            break;
        }
    const bool commutative = op == "Mul" || op == "Add";
    if (dataInput < 0 || (dataInput > 0 && !commutative))
        fail("it reads '" + current + "' as input " + std::to_string(dataInput + 1) +
             ", not as its data (input 1): LayerLab reads a chain, one node after another");
    for (int k = 0; k < n.input_size(); ++k)
        if (k != dataInput && !n.input(k).empty() && !isConstant(n.input(k))) {
            // Name the node it comes from: a shape computed with an operator LayerLab does not compute
            // (foldShape), or another branch.
            std::string from;
            for (const onnx::NodeProto& p : m_model.graph().node())
                if (std::find(p.output().begin(), p.output().end(), n.input(k)) != p.output().end())
                    from = " (made by node '" + p.name() + "', " + p.op_type() + ")";
            fail("it also reads '" + n.input(k) + "'" + from +
                 ", which is neither a stored constant, nor a shape LayerLab computes from Shape with "
                 "Gather, Unsqueeze, Squeeze, Concat, Slice and Cast, nor the previous node's output: a "
                 "branch; " +
                 kSupported);
        }
    if (n.output_size() < 1 || n.output(0).empty()) fail("it has no output");
    for (int k = 1; k < n.output_size(); ++k)
        if (!n.output(k).empty() &&
            (m_users.count(n.output(k)) || n.output(k) == m_model.graph().output(0).name()))
            fail("its output '" + n.output(k) + "' is used: LayerLab reads only a node's first output");

    m_dataInput = dataInput;
    if (op != "Add") m_matMulDense = -1;  // an Add is a MatMul's bias only right after it
    if (scaling()) {
    } else if (op == "Conv") {
        conv();
    } else if (op == "Gemm") {
        gemm();
    } else if (op == "MatMul") {
        matMul();
    } else if (op == "Add") {
        addBias();
    } else if (op == "Relu") {
        checkAttributes({});
        activation(LayerType::ReLU);
    } else if (op == "LeakyRelu") {
        checkAttributes({"alpha"});
        activation(LayerType::LeakyReLU, floatAttr("alpha", 0.01f));
    } else if (op == "Sigmoid") {
        checkAttributes({});
        activation(LayerType::Sigmoid);
    } else if (op == "Tanh") {
        checkAttributes({});
        activation(LayerType::Tanh);
    } else if (op == "Softmax") {
        softmax();
    } else if (op == "LogSoftmax") {
        logSoftmax();
    } else if (op == "MaxPool" || op == "AveragePool") {
        pool(op == "MaxPool");
    } else if (op == "Flatten") {
        flatten();
    } else if (op == "Reshape") {
        reshape();
    } else if (op == "Dropout") {
        dropout();
    } else if (op == "BatchNormalization") {
        batchNorm();
    } else if (op == "Identity") {
        checkAttributes({});
    } else {
        fail(std::string("LayerLab has no layer for this operator; ") + kSupported);
    }
}

// x read by two nodes: one must be an Add of x and another computed tensor (the join), the other starts
// f, the block's inner chain, which must end at the tensor the Add adds to x.
std::string Reader::readResidual(const std::string& x, const std::vector<int>& users) {
    const onnx::GraphProto& g = m_model.graph();
    auto joins = [&](int ni) {
        const onnx::NodeProto& n = g.node(ni);
        if (n.op_type() != "Add" || n.input_size() != 2 || (!n.domain().empty() && n.domain() != "ai.onnx"))
            return false;
        const int k = n.input(0) == x ? 0 : n.input(1) == x ? 1 : -1;
        return k >= 0 && n.input(1 - k) != x && !isConstant(n.input(1 - k));
    };
    int join = -1;
    if (users[0] != users[1] && joins(users[0]) != joins(users[1]))
        join = joins(users[0]) ? users[0] : users[1];
    if (join < 0) {
        const int named = joins(users[0]) || g.node(users[0]).op_type() == "Add" ? users[1] : users[0];
        m_node = &g.node(named);
        m_nodeIndex = named;
        fail("'" + x +
             "' is read by 2 nodes or outputs (a branch that is not a residual block: neither reader " +
             "is an Add of '" + x + "' and the end of the other's chain): " + kSupported);
    }
    const std::size_t start = m_layers.size();
    const Shape in = m_shape;
    m_fusable = -1;
    m_matMulDense = -1;
    ++m_depth;
    const std::string end = readChain(x, join);
    --m_depth;
    setNode(join);
    if (m_node->output_size() < 1 || m_node->output(0).empty()) fail("it has no output");
    checkAttributes({});
    if (end == x)
        fail("it adds '" + x + "' to itself: a residual block adds x to f(x), f being at least one layer");
    if (m_layers.size() == start)
        fail("the chain it adds to '" + x + "' (up to '" + end +
             "') has no layers: a residual block needs at least one layer in f");
    if (m_shape != in)
        fail("it adds '" + end + "' (" + m_shape.toString() + " per image) to '" + x + "' (" + in.toString() +
             "): the layers of a residual block must give back their input's shape");
    LayerSpec block = LayerSpec::make(LayerType::Residual);
    block.layers.assign(m_layers.begin() + std::ptrdiff_t(start), m_layers.end());
    m_layers.resize(start);
    pushLayer(block, in);
    m_matMulDense = -1;
    return m_node->output(0);
}

namespace {

std::string readWholeFile(const std::string& path) {
    std::error_code ec;
    if (std::filesystem::is_directory(path, ec)) throw SpecError(path + ": is a folder, not an ONNX file");
    std::ifstream in(path, std::ios::binary);
    if (!in) throw SpecError("cannot open " + path + ": " + std::strerror(errno) + "; check the path");
    in.seekg(0, std::ios::end);
    const std::streamoff size = in.tellg();
    if (size < 0 || size > (std::streamoff(1) << 31))
        throw SpecError(path + ": larger than 2 GB, which ONNX files (protobuf) cannot be");
    in.seekg(0);
    std::string bytes(std::size_t(size), '\0');
    if (!in.read(bytes.data(), size)) throw SpecError("cannot read " + path + "; check the file");
    return bytes;
}

// Whether `spec` written with `params` and `quantization` (as probabilities or logits) gives exactly `graph`.
bool exportsAs(const ModelSpec& spec, const std::vector<float>& params, const Quantization& quantization,
               const onnx::GraphProto& graph) {
    const std::string want = graph.SerializeAsString();
    for (bool logits : {false, true}) {
        OnnxExportOptions o;
        o.logits = logits;
        o.quantization = quantization;
        onnx::ModelProto again;
        if (!again.ParseFromString(onnxModelBytes(spec, params, o))) return false;
        if (again.graph().SerializeAsString() == want) return true;
    }
    return false;
}

bool endsWith(const std::string& n, const char* tail) {
    const std::size_t k = std::strlen(tail);
    return n.size() > k && n.compare(n.size() - k, k, tail) == 0;
}

// A raw float32 or int8 initializer's values as floats; nullopt for anything else.
std::optional<std::vector<float>> rawValues(const onnx::TensorProto& t) {
    const std::string& raw = t.raw_data();
    std::vector<float> v;
    if (t.data_type() == onnx::TensorProto::FLOAT && raw.size() % sizeof(float) == 0) {
        v.resize(raw.size() / sizeof(float));
        if (!v.empty()) std::memcpy(v.data(), raw.data(), raw.size());
    } else if (t.data_type() == onnx::TensorProto::INT8) {
        for (char c : raw) v.push_back(float(static_cast<std::int8_t>(c)));
    } else {
        return std::nullopt;
    }
    return v;
}

// The model stored by core/onnx_export (metadata "layerlab.model") with the weights of the file's *_W and *_b
// initializers in file order (the exporter writes them in parameter order), when writing that model with
// those weights gives exactly the file's graph. An int8 export's weights are its codes times their scales
// (name_W_int8, name_W_scale), and its quantization comes back from those scales and the inputs'
// (name_input_scale), engine layer by engine layer.
std::optional<OnnxImport> ownExport(const onnx::ModelProto& model) {
    for (const onnx::StringStringEntryProto& p : model.metadata_props()) {
        if (p.key() != "layerlab.model") continue;
        try {
            OnnxImport r;
            r.spec = parseModelSpec(p.value());
            std::map<std::string, std::vector<float>> values;  // every raw float32 or int8 initializer
            for (const onnx::TensorProto& t : model.graph().initializer())
                if (std::optional<std::vector<float>> v = rawValues(t)) values[t.name()] = std::move(*v);
            for (const onnx::TensorProto& t : model.graph().initializer()) {
                const std::string& n = t.name();
                if (endsWith(n, "_W_int8")) {
                    const std::string w = n.substr(0, n.size() - 5);
                    const auto codes = values.find(n), scales = values.find(w + "_scale");
                    if (codes == values.end() || scales == values.end() || scales->second.empty() ||
                        codes->second.size() % scales->second.size() != 0)
                        return std::nullopt;
                    const std::size_t cols = codes->second.size() / scales->second.size();
                    for (std::size_t i = 0; i < codes->second.size(); ++i)
                        r.params.push_back(codes->second[i] * scales->second[i / cols]);
                    continue;
                }
                // Weights and biases; a BatchNorm's scale, shift and running statistics.
                const bool param = endsWith(n, "_W") || endsWith(n, "_b") || endsWith(n, "_gamma") ||
                                   endsWith(n, "_beta") || endsWith(n, "_mean") || endsWith(n, "_var");
                if (!param) continue;
                if (t.data_type() != onnx::TensorProto::FLOAT || !values.count(n)) return std::nullopt;
                r.params.insert(r.params.end(), values[n].begin(), values[n].end());
            }
            Network net(r.spec);
            if (r.params.size() != net.params().size()) return std::nullopt;
            for (int i = 0; i < net.layerCount(); ++i) {
                const std::string name = onnxLayerName(net, i);
                const auto in = values.find(name + "_input_scale"), w = values.find(name + "_W_scale");
                if (in == values.end() && w == values.end()) continue;
                QuantizedLayer q;
                q.engineLayer = i;
                if (in != values.end() && in->second.size() == 1) q.inputScale = in->second[0];
                if (w != values.end()) {
                    q.weightScales = w->second;
                } else {
                    // Weights that had left the int8 grid are stored as float32 and carry no scales: the
                    // layer's own (only a checkpoint saved from it would use them).
                    for (const CompressibleLayer& c : compressibleLayers(r.spec))
                        if (c.engineLayer == i)
                            q.weightScales = channelScales(r.params.data() + c.offset, c.rows, c.cols);
                }
                r.quantization.layers.push_back(std::move(q));
            }
            if (!r.quantization.empty() && !checkQuantization(r.spec, r.quantization).empty())
                return std::nullopt;
            if (!exportsAs(r.spec, r.params, r.quantization, model.graph())) return std::nullopt;
            r.layerlabFile = true;
            return r;
        } catch (const std::exception&) {
            return std::nullopt;  // not ours after all (or edited): the graph's model stands
        }
    }
    return std::nullopt;
}

}  // namespace

bool isOnnxPath(const std::string& path) {
    if (path.size() < 5) return false;
    std::string ext = path.substr(path.size() - 5);
    for (char& c : ext) c = char(std::tolower(static_cast<unsigned char>(c)));
    return ext == ".onnx";
}

OnnxImport importOnnxBytes(const std::string& bytes, const std::string& name) {
    onnx::ModelProto model;
    if (!model.ParseFromString(bytes) || !model.has_graph())
        throw SpecError(name +
                        ": not an ONNX model (the file does not parse as one): export it again, or give a "
                        "LayerLab model file or checkpoint");
    // A LayerLab export first: its own model, when that model written with the file's weights gives the
    // very same graph (this also brings back what the chain reader does not read, such as Residual blocks).
    if (std::optional<OnnxImport> own = ownExport(model)) return std::move(*own);
    Reader reader(model, name);
    OnnxImport r = reader.read();
    // The engine's own checks: field limits (as a model file), shapes, and the weights' count.
    try {
        r.spec = parseModelSpec(serializeModelSpec(r.spec));
        validateModel(r.spec);
        Network net(r.spec);
        if (net.params().size() != r.params.size())
            throw SpecError("the weights hold " + std::to_string(r.params.size()) +
                            " values but the model has " + std::to_string(net.params().size()));
    } catch (const SpecError& e) {
        throw SpecError(name + ": " + e.what(), e.layerIndex);
    }
    return r;
}

OnnxImport importOnnx(const std::string& path) {
    return importOnnxBytes(readWholeFile(path), path);
}

}  // namespace layerlab
