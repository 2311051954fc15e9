#include "core/onnx_export.h"

#include <onnx/onnx_pb.h>

#include <algorithm>
#include <bit>
#include <cstdint>
#include <cstring>
#include <string>
#include <vector>

#include "core/atomic_file.h"
#include "core/errors.h"
#include "core/inference_model.h"
#include "core/layer.h"
#include "core/layers/batchnorm.h"
#include "core/layers/residual.h"
#include "core/network.h"

namespace layerlab {

namespace {

// Builds the graph node by node; `current` is the name of the tensor the next node reads.
class GraphWriter {
public:
    explicit GraphWriter(onnx::GraphProto& g) : m_g(g) {}

    onnx::NodeProto& node(const std::string& op, const std::string& name,
                          std::vector<std::string> extraInputs) {
        onnx::NodeProto& n = *m_g.add_node();
        n.set_op_type(op);
        n.set_name(name);
        n.add_input(current);
        for (const std::string& in : extraInputs) n.add_input(in);
        current = name + "_out";
        n.add_output(current);
        return n;
    }

    void floatTensor(const std::string& name, const std::vector<std::int64_t>& dims, const float* data,
                     std::size_t count) {
        onnx::TensorProto& t = *m_g.add_initializer();
        t.set_name(name);
        t.set_data_type(onnx::TensorProto::FLOAT);
        for (std::int64_t d : dims) t.add_dims(d);
        // raw_data is little-endian float32, as this machine stores floats (x86-64, AArch64).
        t.set_raw_data(std::string(reinterpret_cast<const char*>(data), count * sizeof(float)));
    }

    // A node that does not read `current` (a weight's DequantizeLinear); its output is `output`.
    onnx::NodeProto& sideNode(const std::string& op, const std::string& name, std::vector<std::string> inputs,
                              const std::string& output) {
        onnx::NodeProto& n = *m_g.add_node();
        n.set_op_type(op);
        n.set_name(name);
        for (const std::string& in : inputs) n.add_input(in);
        n.add_output(output);
        return n;
    }

    void int8Tensor(const std::string& name, const std::vector<std::int64_t>& dims, const std::int8_t* data,
                    std::size_t count) {
        onnx::TensorProto& t = *m_g.add_initializer();
        t.set_name(name);
        t.set_data_type(onnx::TensorProto::INT8);
        for (std::int64_t d : dims) t.add_dims(d);
        t.set_raw_data(std::string(reinterpret_cast<const char*>(data), count));
    }

    // The weights W (rows x cols, `dims` in ONNX's order) as initializer `name`: float32, or for an int8
    // layer whose weights are all on its grid, int8 codes through DequantizeLinear (per row, axis 0).
    void weights(const std::string& name, const std::vector<std::int64_t>& dims, const float* w, int rows,
                 long long cols, const QuantizedLayer* q) {
        const std::size_t n = std::size_t(rows * cols);
        std::vector<std::int8_t> codes(n);
        bool onGrid = q != nullptr && int(q->weightScales.size()) == rows;
        for (int r = 0; onGrid && r < rows; ++r) {
            const float scale = q->weightScales[std::size_t(r)];
            for (long long c = 0; onGrid && c < cols; ++c) {
                const std::size_t i = std::size_t(r * cols + c);
                codes[i] = quantizeInt8(w[i], scale);
                onGrid = std::bit_cast<std::uint32_t>(float(codes[i]) * scale) ==
                         std::bit_cast<std::uint32_t>(w[i]);
            }
        }
        if (!onGrid) {
            floatTensor(name, dims, w, n);
            return;
        }
        int8Tensor(name + "_int8", dims, codes.data(), n);
        floatTensor(name + "_scale", {rows}, q->weightScales.data(), std::size_t(rows));
        const std::vector<std::int8_t> zeros(std::size_t(rows), 0);
        int8Tensor(name + "_zero", {rows}, zeros.data(), std::size_t(rows));
        onnx::NodeProto& d = sideNode("DequantizeLinear", name + "_dequantize",
                                      {name + "_int8", name + "_scale", name + "_zero"}, name);
        onnx::AttributeProto& a = *d.add_attribute();
        a.set_name("axis");
        a.set_type(onnx::AttributeProto::INT);
        a.set_i(0);
    }

    std::string current;

private:
    onnx::GraphProto& m_g;
};

void intsAttr(onnx::NodeProto& n, const char* name, const std::vector<std::int64_t>& v) {
    onnx::AttributeProto& a = *n.add_attribute();
    a.set_name(name);
    a.set_type(onnx::AttributeProto::INTS);
    for (std::int64_t x : v) a.add_ints(x);
}

void intAttr(onnx::NodeProto& n, const char* name, std::int64_t v) {
    onnx::AttributeProto& a = *n.add_attribute();
    a.set_name(name);
    a.set_type(onnx::AttributeProto::INT);
    a.set_i(v);
}

void floatAttr(onnx::NodeProto& n, const char* name, float v) {
    onnx::AttributeProto& a = *n.add_attribute();
    a.set_name(name);
    a.set_type(onnx::AttributeProto::FLOAT);
    a.set_f(v);
}

void tensorType(onnx::ValueInfoProto& v, const std::string& name, const std::vector<std::int64_t>& dims) {
    v.set_name(name);
    onnx::TypeProto_Tensor& t = *v.mutable_type()->mutable_tensor_type();
    t.set_elem_type(onnx::TensorProto::FLOAT);
    onnx::TensorShapeProto& s = *t.mutable_shape();
    s.add_dim()->set_dim_param("N");
    for (std::int64_t d : dims) s.add_dim()->set_dim_value(d);
}

std::string lowerName(LayerType t) {
    std::string s = layerTypeName(t);
    for (char& c : s) c = char(std::tolower(static_cast<unsigned char>(c)));
    return s;
}

const char* activationOp(LayerType t) {
    switch (t) {
        case LayerType::ReLU:
            return "Relu";
        case LayerType::LeakyReLU:
            return "LeakyRelu";
        case LayerType::Sigmoid:
            return "Sigmoid";
        case LayerType::Tanh:
            return "Tanh";
        default:
            return nullptr;
    }
}

std::string docString(const ModelSpec& spec, const ImageGeometry& g, int classes, bool logits, bool int8) {
    const std::string chw =
        std::to_string(g.channels) + " x " + std::to_string(g.height) + " x " + std::to_string(g.width);
    std::string d =
        "LayerLab model \"" + spec.name + "\". Input \"image\": float32 N x " + chw +
        " (N any), raw pixel values 0-255 as stored in the image (MNIST: 0 = background, 255 = "
        "ink); the first node scales them by 1/255 as LayerLab does, so feed pixels as they are. ";
    if (logits)
        d += "Output \"logits\": float32 N x " + std::to_string(classes) +
             ", the class scores before softmax (the largest is the predicted class).";
    else
        d += "Output \"probabilities\": float32 N x " + std::to_string(classes) +
             ", the class probabilities (softmax; each row sums to 1).";
    if (int8)
        d +=
            " int8 model (QDQ): the Dense and Conv2D weights are int8 with one scale per output channel, and "
            "each such layer's input is rounded to int8 (Clip, QuantizeLinear, DequantizeLinear), as "
            "LayerLab "
            "runs it.";
    return d;
}

// An int8 layer's input as LayerLab rounds it: x -> clamp(round(x / s), -127, 127) x s.
void quantizeInput(GraphWriter& w, float scale, const std::string& name) {
    const float lo = -127.0f * scale, hi = 127.0f * scale;
    const std::int8_t zero = 0;
    w.floatTensor(name + "_input_lo", {}, &lo, 1);
    w.floatTensor(name + "_input_hi", {}, &hi, 1);
    w.floatTensor(name + "_input_scale", {}, &scale, 1);
    w.int8Tensor(name + "_input_zero", {}, &zero, 1);
    w.node("Clip", name + "_input_clip", {name + "_input_lo", name + "_input_hi"});
    w.node("QuantizeLinear", name + "_input_quantize", {name + "_input_scale", name + "_input_zero"});
    w.node("DequantizeLinear", name + "_input_dequantize", {name + "_input_scale", name + "_input_zero"});
}

// One engine layer as ONNX nodes after w.current; p: its parameters (weights, then biases); q: its int8
// quantization, or null.
void emitLayer(GraphWriter& w, const Layer& layer, const LayerSpec& ls, const float* p,
               const std::string& name, const QuantizedLayer* q = nullptr) {
    const Shape& in = layer.inputShape();
    if (q != nullptr && q->inputScale > 0) quantizeInput(w, q->inputScale, name);
    switch (layer.type()) {
        case LayerType::Dense: {
            const std::int64_t units = layer.outputShape().size(), inputs = in.size();
            w.weights(name + "_W", {units, inputs}, p, int(units), inputs, q);
            w.floatTensor(name + "_b", {units}, p + units * inputs, std::size_t(units));
            onnx::NodeProto& n = w.node("Gemm", name, {name + "_W", name + "_b"});
            intAttr(n, "transB", 1);
            break;
        }
        case LayerType::Conv2D: {
            const std::vector<int> ws = layer.weightShape();  // F x C x K x K
            const std::int64_t f = ws[0], c = ws[1], k = ws[2];
            w.weights(name + "_W", {f, c, k, k}, p, int(f), c * k * k, q);
            w.floatTensor(name + "_b", {f}, p + f * c * k * k, std::size_t(f));
            onnx::NodeProto& n = w.node("Conv", name, {name + "_W", name + "_b"});
            intsAttr(n, "kernel_shape", {k, k});
            intsAttr(n, "strides", {ls.stride, ls.stride});
            // Conv2D's padding: 'same' pads (out - 1) * stride + k - in in total, half (rounded down) at
            // the top/left and the rest at the bottom/right.
            const Shape& out = layer.outputShape();
            const int padH = std::max((out.h() - 1) * ls.stride + ls.kernel - in.h(), 0);
            const int padW = std::max((out.w() - 1) * ls.stride + ls.kernel - in.w(), 0);
            const bool same = ls.padding == Padding::Same;
            intsAttr(n, "pads",
                     {same ? padH / 2 : 0, same ? padW / 2 : 0, same ? padH - padH / 2 : 0,
                      same ? padW - padW / 2 : 0});
            break;
        }
        case LayerType::MaxPool2D:
        case LayerType::AvgPool2D: {
            const int stride = ls.stride > 0 ? ls.stride : ls.poolSize;
            onnx::NodeProto& n =
                w.node(layer.type() == LayerType::MaxPool2D ? "MaxPool" : "AveragePool", name, {});
            intsAttr(n, "kernel_shape", {ls.poolSize, ls.poolSize});
            intsAttr(n, "strides", {stride, stride});
            break;
        }
        case LayerType::Flatten:
            intAttr(w.node("Flatten", name, {}), "axis", 1);
            break;
        case LayerType::Dropout: {
            // Opset 13: the ratio is an input; without training_mode the node is the identity.
            w.floatTensor(name + "_ratio", {}, &ls.rate, 1);
            w.node("Dropout", name, {name + "_ratio"});
            break;
        }
        case LayerType::Softmax:
            intAttr(w.node("Softmax", name, {}), "axis", 1);
            break;
        case LayerType::BatchNorm: {
            // Inference form: the running statistics (ONNX's momentum has LayerLab's meaning: the share
            // of the running statistics kept). A flat input is N x C, which BatchNormalization accepts.
            const std::int64_t c = static_cast<const BatchNorm&>(layer).channels();
            const char* parts[4] = {"_gamma", "_beta", "_mean", "_var"};
            std::vector<std::string> inputs;
            for (int k = 0; k < 4; ++k) {
                w.floatTensor(name + parts[k], {c}, p + k * c, std::size_t(c));
                inputs.push_back(name + parts[k]);
            }
            onnx::NodeProto& n = w.node("BatchNormalization", name, inputs);
            floatAttr(n, "epsilon", ls.epsilon);
            floatAttr(n, "momentum", ls.momentum);
            break;
        }
        case LayerType::Residual: {
            // y = x + f(x): f's nodes after the block's input, then Add(f(x), x). Inner engine layer j is
            // inner spec layer s, or its fused activation.
            const auto& block = static_cast<const Residual&>(layer);
            std::vector<std::pair<const LayerSpec*, int>> parts;  // (inner spec, its number from 1)
            for (std::size_t s = 0; s < ls.layers.size(); ++s) {
                parts.push_back({&ls.layers[s], int(s) + 1});
                if (ls.layers[s].activation != Activation::None) parts.push_back({&ls.layers[s], int(s) + 1});
            }
            if (int(parts.size()) != block.innerCount())
                throw SpecError("ONNX export: " + name + " has " + std::to_string(block.innerCount()) +
                                " inner layers, its spec " + std::to_string(parts.size()));
            const std::string skip = w.current;
            long long offset = 0;
            for (int j = 0; j < block.innerCount(); ++j) {
                const Layer& inner = block.inner(j);
                emitLayer(w, inner, *parts[j].first, p + offset,
                          name + "_" + std::to_string(parts[j].second) + "_" + lowerName(inner.type()));
                offset += inner.paramCount();
            }
            w.node("Add", name + "_add", {skip});
            break;
        }
        case LayerType::LeakyReLU: {
            onnx::NodeProto& n = w.node("LeakyRelu", name, {});
            floatAttr(n, "alpha", ls.alpha);  // the layer's alpha, or its fused leaky_relu's
            break;
        }
        default: {
            const char* op = activationOp(layer.type());
            if (!op)
                throw SpecError(std::string("ONNX export: no ONNX operator for layer type ") + layer.name());
            w.node(op, name, {});
            break;
        }
    }
}

}  // namespace

std::string onnxModelBytes(const ModelSpec& spec, std::span<const float> params,
                           const OnnxExportOptions& options) {
    Network net(spec);  // throws SpecError naming the layer when the model cannot work
    if (params.size() != net.params().size())
        throw CheckpointError("the weights hold " + std::to_string(params.size()) + " values but model \"" +
                              spec.name + "\" has " + std::to_string(net.params().size()) +
                              " parameters: the weights belong to another model");
    if (!options.quantization.empty())
        if (const std::string why = checkQuantization(spec, options.quantization); !why.empty())
            throw CheckpointError("ONNX export: the int8 quantization does not fit model \"" + spec.name +
                                  "\": " + why);
    const ImageGeometry geo = imageGeometryOf(spec.input);
    const int classes = int(net.outputSize());

    onnx::ModelProto model;
    model.set_ir_version(onnx::IR_VERSION);
    model.set_producer_name("LayerLab");
    model.set_producer_version(LAYERLAB_VERSION);
    model.set_model_version(1);
    onnx::OperatorSetIdProto& opset = *model.add_opset_import();
    opset.set_domain("");
    opset.set_version(kOnnxOpset);
    model.set_doc_string(docString(spec, geo, classes, options.logits, !options.quantization.empty()));
    onnx::StringStringEntryProto& meta = *model.add_metadata_props();
    meta.set_key("layerlab.model");
    meta.set_value(serializeModelSpec(spec));
    onnx::StringStringEntryProto& scaling = *model.add_metadata_props();
    scaling.set_key("layerlab.input_scaling");
    scaling.set_value("pixels * (1/255)");

    onnx::GraphProto& g = *model.mutable_graph();
    g.set_name(spec.name);
    g.set_doc_string(model.doc_string());
    tensorType(*g.add_input(), "image", {geo.channels, geo.height, geo.width});
    GraphWriter w(g);
    w.current = "image";

    // pixels -> inputs: p * (1/255) in float32, the same multiplication as pixelsToInputs.
    const float scale = 1.0f / 255.0f;
    w.floatTensor("input_scale", {}, &scale, 1);
    w.node("Mul", "input_scaling", {"input_scale"});
    if (spec.input.isFlat()) intAttr(w.node("Flatten", "input_flatten", {}), "axis", 1);

    // A final Softmax is left out for logits; a model without one gets one for probabilities, as
    // InferenceModel::evaluate turns scores into probabilities.
    int count = net.layerCount();
    const bool endsWithSoftmax = net.layer(count - 1).type() == LayerType::Softmax;
    if (options.logits && endsWithSoftmax) --count;

    for (int i = 0; i < count; ++i) {
        const Layer& layer = net.layer(i);
        const QuantizedLayer* q = nullptr;
        for (const QuantizedLayer& l : options.quantization.layers)
            if (l.engineLayer == i) q = &l;
        emitLayer(w, layer, spec.layers[std::size_t(net.specIndexOf(i))], params.data() + net.paramOffset(i),
                  onnxLayerName(net, i), q);
    }
    if (!options.logits && !endsWithSoftmax) intAttr(w.node("Softmax", "output_softmax", {}), "axis", 1);
    // The last node writes the graph's output.
    const std::string output = options.logits ? "logits" : "probabilities";
    g.mutable_node(g.node_size() - 1)->set_output(0, output);
    tensorType(*g.add_output(), output, {classes});

    std::string bytes;
    if (!model.SerializeToString(&bytes)) throw SpecError("ONNX export: the model could not be serialised");
    return bytes;
}

std::string onnxLayerName(const Network& net, int i) {
    return "layer" + std::to_string(net.specIndexOf(i) + 1) + "_" + lowerName(net.layer(i).type());
}

std::string exportOnnx(const std::string& path, const ModelSpec& spec, std::span<const float> params,
                       const OnnxExportOptions& options) {
    return writeFileAtomically(path, onnxModelBytes(spec, params, options));
}

}  // namespace layerlab
