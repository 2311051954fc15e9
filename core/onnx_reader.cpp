// The ONNX reader's tensors, attributes and node handlers: each turns one operator into LayerLab layers (or
// fuses it into the last one), checking what LayerLab cannot represent and saying so.
#include "core/onnx_reader.h"

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

#include "core/network.h"
#include "core/spec_field.h"

namespace layerlab::onnx_reader {

std::string dimsText(const std::vector<std::int64_t>& d) {
    std::string s = "[";
    for (std::size_t k = 0; k < d.size(); ++k)
        s += (k ? ", " : "") + (d[k] == kBatchDim ? "N" : std::to_string(d[k]));
    return s + "]";
}

Tensor Reader::readTensor(const onnx::TensorProto& t, const std::string& what) const {
    if (t.data_location() == onnx::TensorProto::EXTERNAL || t.external_data_size() > 0)
        fail(what +
             " is stored in an external file: LayerLab reads ONNX files that hold their weights (save "
             "without external data)");
    Tensor out;
    long long count = 1;
    for (std::int64_t d : t.dims()) {
        if (d < 0 || (d > 0 && count > kMaxTensorValues / d))
            fail(what + " has dimensions " + dimsText({t.dims().begin(), t.dims().end()}) +
                 " that LayerLab cannot hold");
        count *= d;
        out.dims.push_back(d);
    }
    const std::string& raw = t.raw_data();
    switch (t.data_type()) {
        case onnx::TensorProto::FLOAT:
            out.isFloat = true;
            if (t.has_raw_data()) {
                if (raw.size() != std::size_t(count) * sizeof(float))
                    fail(what + " holds " + std::to_string(raw.size()) + " bytes for dimensions " +
                         dimsText(out.dims) + " (" + std::to_string(count) +
                         " float32 values): the file is damaged");
                out.f.resize(std::size_t(count));
                if (count) std::memcpy(out.f.data(), raw.data(), raw.size());
            } else {
                if (t.float_data_size() != count)
                    fail(what + " holds " + std::to_string(t.float_data_size()) + " values for dimensions " +
                         dimsText(out.dims) + ": the file is damaged");
                out.f.assign(t.float_data().begin(), t.float_data().end());
            }
            return out;
        case onnx::TensorProto::INT64:
            if (t.has_raw_data()) {
                if (raw.size() != std::size_t(count) * sizeof(std::int64_t))
                    fail(what + " holds " + std::to_string(raw.size()) + " bytes for dimensions " +
                         dimsText(out.dims) + ": the file is damaged");
                out.i.resize(std::size_t(count));
                if (count) std::memcpy(out.i.data(), raw.data(), raw.size());
            } else {
                if (t.int64_data_size() != count)
                    fail(what + " holds " + std::to_string(t.int64_data_size()) + " values for dimensions " +
                         dimsText(out.dims) + ": the file is damaged");
                out.i.assign(t.int64_data().begin(), t.int64_data().end());
            }
            return out;
        case onnx::TensorProto::BOOL:
            // Dropout's training_mode: a single false is fine.
            if (count == 1 && ((t.has_raw_data() && raw.size() == 1) || t.int32_data_size() == 1)) {
                out.i = {t.has_raw_data() ? std::int64_t(raw[0] != 0) : std::int64_t(t.int32_data(0) != 0)};
                return out;
            }
            break;
        default:
            break;
    }
    fail(what + " is of element type " + onnx::TensorProto::DataType_Name(t.data_type()) +
         ": LayerLab reads float32 weights (and int64 shapes)");
}

const Tensor& Reader::constantInput(int index, const char* role) const {
    if (index < 0 || index >= m_node->input_size() || m_node->input(index).empty())
        fail(std::string("its ") + role + " (input " + std::to_string(index + 1) +
             ") is missing: the file is damaged");
    const std::string& name = m_node->input(index);
    const Tensor* t = constant(name);
    if (!t)
        fail(std::string("its ") + role + " '" + name +
             "' is computed in the graph, not a stored constant: LayerLab reads weights stored in the file");
    return *t;
}

void Reader::checkAttributes(const std::set<std::string>& allowed) const {
    for (const onnx::AttributeProto& a : m_node->attribute())
        if (!allowed.count(a.name()))
            fail("attribute '" + a.name() + "' is not supported here; " + kSupported +
                 (allowed.empty() ? std::string() : " with the usual attributes"));
}

std::int64_t Reader::intAttr(const char* name, std::int64_t def) const {
    for (const onnx::AttributeProto& a : m_node->attribute())
        if (a.name() == name) {
            if (a.type() != onnx::AttributeProto::INT)
                fail(std::string("attribute '") + name + "' is not an int");
            return a.i();
        }
    return def;
}

float Reader::floatAttr(const char* name, float def) const {
    for (const onnx::AttributeProto& a : m_node->attribute())
        if (a.name() == name) {
            if (a.type() != onnx::AttributeProto::FLOAT)
                fail(std::string("attribute '") + name + "' is not a float");
            return a.f();
        }
    return def;
}

std::vector<std::int64_t> Reader::intsAttr(const char* name, std::vector<std::int64_t> def) const {
    for (const onnx::AttributeProto& a : m_node->attribute())
        if (a.name() == name) {
            if (a.type() != onnx::AttributeProto::INTS)
                fail(std::string("attribute '") + name + "' is not a list of ints");
            return {a.ints().begin(), a.ints().end()};
        }
    return def;
}

std::string Reader::stringAttr(const char* name, const std::string& def) const {
    for (const onnx::AttributeProto& a : m_node->attribute())
        if (a.name() == name) {
            if (a.type() != onnx::AttributeProto::STRING)
                fail(std::string("attribute '") + name + "' is not a string");
            return a.s();
        }
    return def;
}

// Both values of a 2-D attribute (kernel, strides) must be the same: LayerLab's windows are square.
int Reader::square(const std::vector<std::int64_t>& v, const char* name) const {
    if (v.size() != 2)
        fail(std::string(name) + " " + dimsText(v) +
             " is not 2-D: LayerLab reads 2-D images (N x C x H x W)");
    if (v[0] != v[1])
        fail(std::string(name) + " " + dimsText(v) +
             " differs between height and width: LayerLab's are square");
    if (v[0] < 1 || v[0] > 64) fail(std::string(name) + " " + dimsText(v) + " is outside 1 to 64");
    return int(v[0]);
}

void Reader::readInput() {
    const onnx::GraphProto& g = m_model.graph();
    std::vector<const onnx::ValueInfoProto*> inputs;
    for (const onnx::ValueInfoProto& v : g.input())
        if (!isConstant(v.name())) inputs.push_back(&v);
    if (inputs.size() != 1)
        fail("the graph has " + std::to_string(inputs.size()) +
             " inputs: LayerLab reads models with one input (the image)");
    const onnx::ValueInfoProto& in = *inputs[0];
    if (!in.type().has_tensor_type() || in.type().tensor_type().elem_type() != onnx::TensorProto::FLOAT)
        fail("input '" + in.name() + "' is not a float32 tensor: LayerLab feeds float32 images");
    const onnx::TensorShapeProto& s = in.type().tensor_type().shape();
    std::vector<std::int64_t> dims;
    for (int k = 1; k < s.dim_size(); ++k) {
        if (!s.dim(k).has_dim_value() || s.dim(k).dim_value() < 1 || s.dim(k).dim_value() > 100000)
            fail("input '" + in.name() + "' has no fixed size in dimension " + std::to_string(k) +
                 ": LayerLab needs N x C x H x W (or N x features) with C, H, W fixed");
        dims.push_back(s.dim(k).dim_value());
    }
    if (s.dim_size() == 4)
        m_inputShape = Shape::chw(int(dims[0]), int(dims[1]), int(dims[2]));
    else if (s.dim_size() == 2)
        m_inputShape = Shape::flat(int(dims[0]));
    else
        fail("input '" + in.name() + "' has " + std::to_string(s.dim_size()) +
             " dimensions: LayerLab reads N x C x H x W images (or N x features)");
    m_shape = m_inputShape;
}

// LayerLab's own scaling (Mul by 1/255 or Div by 255) as the first node: dropped (LayerLab scales).
bool Reader::scaling() {
    const std::string& op = m_node->op_type();
    if ((op != "Mul" && op != "Div") || m_node->input_size() != 2 || !m_layers.empty() || m_scaled ||
        m_depth > 0)
        return false;
    const int other = 1 - m_dataInput;
    const Tensor* t = constant(m_node->input(other));
    if (!t || !t->isFloat || t->f.size() != 1) return false;
    const float v = t->f[0];
    const bool ok = op == "Mul" ? std::abs(v - 1.0f / 255.0f) <= 1e-9f : (v == 255.0f && other == 1);
    if (!ok) return false;
    m_scaled = true;
    return true;
}

void Reader::conv() {
    checkAttributes({"auto_pad", "dilations", "group", "kernel_shape", "pads", "strides"});
    if (!m_shape.isSpatial()) fail("its input is " + m_shape.toString() + ", not C x H x W");
    if (m_node->input_size() < 2) fail("it has no weights");
    const Tensor& w = constantInput(1, "weights");
    if (!w.isFloat || w.dims.size() != 4)
        fail("its weights have dimensions " + dimsText(w.dims) +
             ": LayerLab reads filters x channels x k x k");
    if (intAttr("group", 1) != 1)
        fail("group " + std::to_string(intAttr("group", 1)) + ": LayerLab's Conv2D has group 1");
    for (std::int64_t d : intsAttr("dilations", {1, 1}))
        if (d != 1)
            fail("dilations " + dimsText(intsAttr("dilations", {})) + ": LayerLab's Conv2D has dilation 1");
    const int k = square(intsAttr("kernel_shape", {w.dims[2], w.dims[3]}), "kernel_shape");
    if (w.dims[2] != k || w.dims[3] != k || w.dims[1] != m_shape.c())
        fail("its weights " + dimsText(w.dims) + " do not fit a " + std::to_string(k) + "x" +
             std::to_string(k) + " kernel on " + std::to_string(m_shape.c()) + " channels");
    const int stride = square(intsAttr("strides", {1, 1}), "strides");
    const int h = m_shape.h(), wd = m_shape.w();
    // LayerLab's 'same': out = ceil(in / stride), padding (out - 1) * stride + k - in, half at the top/left.
    const int sameH = std::max(((h + stride - 1) / stride - 1) * stride + k - h, 0);
    const int sameW = std::max(((wd + stride - 1) / stride - 1) * stride + k - wd, 0);
    const std::vector<std::int64_t> same = {sameH / 2, sameW / 2, sameH - sameH / 2, sameW - sameW / 2};
    const std::string autoPad = stringAttr("auto_pad", "NOTSET");
    std::vector<std::int64_t> pads = intsAttr("pads", {0, 0, 0, 0});
    if (autoPad == "VALID")
        pads = {0, 0, 0, 0};
    else if (autoPad == "SAME_UPPER")
        pads = same;
    else if (autoPad != "NOTSET")
        fail("auto_pad " + autoPad + ": LayerLab pads as NOTSET (with pads), VALID or SAME_UPPER");
    LayerSpec l = LayerSpec::make(LayerType::Conv2D);
    l.filters = int(w.dims[0]);
    l.kernel = k;
    l.stride = stride;
    l.activation = Activation::None;
    if (pads == std::vector<std::int64_t>{0, 0, 0, 0})
        l.padding = Padding::Valid;
    else if (pads == same)
        l.padding = Padding::Same;
    else
        fail("pads " + dimsText(pads) + " are neither none ('valid') nor LayerLab's 'same' for this input " +
             dimsText(same) + " (the odd pixel at the bottom/right)");
    if (l.padding == Padding::Valid && (k > h || k > wd))
        fail("its " + std::to_string(k) + "x" + std::to_string(k) + " kernel does not fit its " +
             m_shape.toString() + " input");
    const int ho = l.padding == Padding::Same ? (h + stride - 1) / stride : (h - k) / stride + 1;
    const int wo = l.padding == Padding::Same ? (wd + stride - 1) / stride : (wd - k) / stride + 1;
    m_params.insert(m_params.end(), w.f.begin(), w.f.end());
    if (m_node->input_size() > 2 && !m_node->input(2).empty()) {
        const Tensor& b = constantInput(2, "bias");
        if (!b.isFloat || b.count() != w.dims[0])
            fail("its bias has dimensions " + dimsText(b.dims) + ", not [" + std::to_string(w.dims[0]) + "]");
        m_params.insert(m_params.end(), b.f.begin(), b.f.end());
    } else {
        m_params.insert(m_params.end(), std::size_t(w.dims[0]), 0.0f);
    }
    pushLayer(l, Shape::chw(l.filters, ho, wo));
}

// Y = alpha A B' + beta C with A = N x inputs. LayerLab's Dense stores W as units x inputs (transB = 1).
void Reader::gemm() {
    checkAttributes({"alpha", "beta", "transA", "transB"});
    if (!m_shape.isFlat())
        fail("its input is " + m_shape.toString() + ", not N x features: add Flatten before it");
    if (floatAttr("alpha", 1.0f) != 1.0f || floatAttr("beta", 1.0f) != 1.0f || intAttr("transA", 0) != 0)
        fail("alpha, beta and transA other than 1, 1 and 0: LayerLab's Dense computes A B' + C");
    if (m_node->input_size() < 2) fail("it has no weights");
    const Tensor& b = constantInput(1, "weights");
    if (!b.isFloat || b.dims.size() != 2) fail("its weights have dimensions " + dimsText(b.dims) + ", not 2");
    const bool transB = intAttr("transB", 0) != 0;
    const std::int64_t units = transB ? b.dims[0] : b.dims[1], inputs = transB ? b.dims[1] : b.dims[0];
    if (inputs != m_shape.size())
        fail("its weights " + dimsText(b.dims) + " take " + std::to_string(inputs) + " inputs but it gets " +
             std::to_string(m_shape.size()));
    if (units < 1 || units > 100000)
        fail("it has " + std::to_string(units) + " units; LayerLab's Dense has 1 to 100000");
    if (transB) {
        m_params.insert(m_params.end(), b.f.begin(), b.f.end());
    } else {
        for (std::int64_t o = 0; o < units; ++o)
            for (std::int64_t i = 0; i < inputs; ++i) m_params.push_back(b.f[std::size_t(i * units + o)]);
    }
    if (m_node->input_size() > 2 && !m_node->input(2).empty()) {
        const Tensor& c = constantInput(2, "bias");
        if (!c.isFloat || (c.count() != units && c.count() != 1))
            fail("its bias has dimensions " + dimsText(c.dims) + ", not [" + std::to_string(units) + "]");
        for (std::int64_t o = 0; o < units; ++o) m_params.push_back(c.f[c.count() == 1 ? 0 : std::size_t(o)]);
    } else {
        m_params.insert(m_params.end(), std::size_t(units), 0.0f);
    }
    LayerSpec l = LayerSpec::make(LayerType::Dense);
    l.units = int(units);
    l.activation = Activation::None;
    pushLayer(l, Shape::flat(l.units));
}

// MatMul(A, B) with B = inputs x units: a Dense whose bias is the Add that follows (zero without one).
void Reader::matMul() {
    checkAttributes({});
    if (!m_shape.isFlat())
        fail("its input is " + m_shape.toString() + ", not N x features: add Flatten before it");
    if (m_node->input_size() != 2) fail("it needs two inputs");
    const Tensor& b = constantInput(1, "weights");
    if (!b.isFloat || b.dims.size() != 2 || b.dims[0] != m_shape.size())
        fail("its weights " + dimsText(b.dims) + " do not take " + std::to_string(m_shape.size()) +
             " inputs");
    const std::int64_t inputs = b.dims[0], units = b.dims[1];
    if (units < 1 || units > 100000)
        fail("it has " + std::to_string(units) + " units; LayerLab's Dense has 1 to 100000");
    for (std::int64_t o = 0; o < units; ++o)
        for (std::int64_t i = 0; i < inputs; ++i) m_params.push_back(b.f[std::size_t(i * units + o)]);
    m_params.insert(m_params.end(), std::size_t(units), 0.0f);
    LayerSpec l = LayerSpec::make(LayerType::Dense);
    l.units = int(units);
    l.activation = Activation::None;
    pushLayer(l, Shape::flat(l.units));
    m_matMulDense = int(m_layers.size()) - 1;
}

void Reader::addBias() {
    checkAttributes({});
    if (m_matMulDense < 0 || m_matMulDense != int(m_layers.size()) - 1)
        fail("an Add that is not the bias of a MatMul: " + std::string(kSupported));
    if (m_node->input_size() != 2) fail("it needs two inputs");
    const Tensor& c = constantInput(1 - m_dataInput, "bias");
    const int units = m_layers.back().units;
    if (!c.isFloat || (c.count() != units && c.count() != 1))
        fail("its bias has dimensions " + dimsText(c.dims) + ", not [" + std::to_string(units) + "]");
    float* bias = m_params.data() + m_params.size() - units;
    for (int o = 0; o < units; ++o) bias[o] += c.f[c.count() == 1 ? 0 : std::size_t(o)];
    m_matMulDense = -1;
    m_fusable = int(m_layers.size()) - 1;
}

void Reader::pool(bool isMax) {
    if (isMax)
        checkAttributes(
            {"auto_pad", "ceil_mode", "dilations", "kernel_shape", "pads", "storage_order", "strides"});
    else
        checkAttributes({"auto_pad", "ceil_mode", "count_include_pad", "kernel_shape", "pads", "strides"});
    if (!m_shape.isSpatial()) fail("its input is " + m_shape.toString() + ", not C x H x W");
    if (m_node->output_size() > 1 && !m_node->output(1).empty()) fail("its Indices output is not supported");
    const int size = square(intsAttr("kernel_shape", {}), "kernel_shape");
    const int stride = square(intsAttr("strides", {1, 1}), "strides");
    for (std::int64_t p : intsAttr("pads", {0, 0, 0, 0}))
        if (p != 0) fail("pads " + dimsText(intsAttr("pads", {})) + ": LayerLab's pooling does not pad");
    const std::string autoPad = stringAttr("auto_pad", "NOTSET");
    if (autoPad != "NOTSET" && autoPad != "VALID")
        fail("auto_pad " + autoPad + ": LayerLab's pooling does not pad");
    if (intAttr("ceil_mode", 0) != 0) fail("ceil_mode 1: LayerLab's pooling drops a partial window (floor)");
    for (std::int64_t d : intsAttr("dilations", {1, 1}))
        if (d != 1) fail("dilations: LayerLab's pooling has none");
    if (intAttr("storage_order", 0) != 0) fail("storage_order 1 is not supported");
    if (size > m_shape.h() || size > m_shape.w())
        fail("its " + std::to_string(size) + "x" + std::to_string(size) + " window does not fit its " +
             m_shape.toString() + " input");
    LayerSpec l = LayerSpec::make(isMax ? LayerType::MaxPool2D : LayerType::AvgPool2D);
    l.poolSize = size;
    l.stride = stride;  // as the file says (a model file may also write 0 for "same as the size")
    pushLayer(l,
              Shape::chw(m_shape.c(), (m_shape.h() - size) / stride + 1, (m_shape.w() - size) / stride + 1));
}

void Reader::flatten() {
    checkAttributes({"axis"});
    if (intAttr("axis", 1) != 1)
        fail("axis " + std::to_string(intAttr("axis", 1)) + ": LayerLab flattens from axis 1");
    if (m_shape.isFlat()) return;  // already N x features
    pushLayer(LayerSpec::make(LayerType::Flatten), Shape::flat(int(m_shape.size())));
}

// Reshape to N x features (x.view(N, -1) or x.view(-1, features)), the same as Flatten.
void Reader::reshape() {
    checkAttributes({"allowzero"});
    if (intAttr("allowzero", 0) != 0) fail("allowzero 1 is not supported");
    const Tensor& s = constantInput(1, "shape");
    const long long features = m_shape.size();
    bool flat = false;
    if (s.i.size() == 2) {
        const std::int64_t a = s.i[0], b = s.i[1];
        const bool batch = a == kBatchDim || a == 0 || a >= 1;  // N from the graph, N kept (0), or a number
        flat = (b == features && (batch || a == -1)) || (b == -1 && batch);
    }
    if (!flat)
        fail("reshape to " + dimsText(s.i) + ": LayerLab reads Reshape only to N x " +
             std::to_string(features) + " (a flatten)");
    if (m_shape.isFlat()) return;
    pushLayer(LayerSpec::make(LayerType::Flatten), Shape::flat(int(features)));
}

void Reader::dropout() {
    checkAttributes({"ratio", "seed"});
    float ratio = floatAttr("ratio", 0.5f);
    if (m_node->input_size() > 1 && !m_node->input(1).empty()) {
        const Tensor& r = constantInput(1, "ratio");
        if (!r.isFloat || r.f.size() != 1) fail("its ratio is not one float");
        ratio = r.f[0];
    }
    if (m_node->input_size() > 2 && !m_node->input(2).empty()) {
        const Tensor& t = constantInput(2, "training_mode");
        if (t.i.size() != 1 || t.i[0] != 0) fail("training_mode is on: LayerLab reads a model for inference");
    }
    if (!(ratio >= 0.0f && ratio < 1.0f)) fail("ratio " + std::to_string(ratio) + " is outside 0 to 1");
    LayerSpec l = LayerSpec::make(LayerType::Dropout);
    l.rate = ratio;
    pushLayer(l, m_shape);
}

// BatchNormalization in inference mode: per channel of N x C x H x W, or per feature of N x C.
void Reader::batchNorm() {
    checkAttributes({"epsilon", "momentum", "spatial", "training_mode"});
    if (intAttr("training_mode", 0) != 0) fail("training_mode is on: LayerLab reads a model for inference");
    if (m_depth > 0)
        fail(
            "it is inside a residual block: LayerLab's Residual cannot hold BatchNorm yet (it normalises "
            "over "
            "the whole batch); put it before or after the block");
    if (intAttr("spatial", 1) != 1) fail("spatial 0 (statistics per pixel) is not supported");
    if (m_node->input_size() != 5) fail("it needs five inputs: X, scale, B, input_mean, input_var");
    const long long c = m_shape.isSpatial() ? m_shape.c() : m_shape.size();
    const char* const roles[4] = {"scale", "B", "input_mean", "input_var"};
    for (int k = 1; k <= 4; ++k) {
        const Tensor& t = constantInput(k, roles[k - 1]);
        if (!t.isFloat || t.dims.size() != 1 || t.count() != c)
            fail(std::string("its ") + roles[k - 1] + " has dimensions " + dimsText(t.dims) + ", not [" +
                 std::to_string(c) + "] (one per channel)");
        m_params.insert(m_params.end(), t.f.begin(), t.f.end());
    }
    LayerSpec l = LayerSpec::make(LayerType::BatchNorm);
    l.epsilon = floatAttr("epsilon", 1e-5f);
    l.momentum = floatAttr("momentum", 0.9f);
    if (!(l.epsilon > 0.0f && l.epsilon <= 1.0f))
        fail("epsilon " + floatText(l.epsilon) + " is outside LayerLab's range (above 0, at most 1)");
    if (!(l.momentum >= 0.0f && l.momentum < 1.0f))
        fail("momentum " + floatText(l.momentum) + " is outside 0 to 1");
    pushLayer(l, m_shape);
}

// An activation right after a Conv or Gemm (with none yet) becomes its activation option.
void Reader::activation(LayerType type, float alpha) {
    if (m_fusable >= 0 && m_fusable == int(m_layers.size()) - 1 &&
        m_layers.back().activation == Activation::None &&
        (type != LayerType::Softmax || m_layers.back().type == LayerType::Dense)) {
        LayerSpec& l = m_layers.back();
        switch (type) {
            case LayerType::ReLU:
                l.activation = Activation::ReLU;
                break;
            case LayerType::LeakyReLU:
                l.activation = Activation::LeakyReLU;
                l.alpha = alpha;
                break;
            case LayerType::Sigmoid:
                l.activation = Activation::Sigmoid;
                break;
            case LayerType::Tanh:
                l.activation = Activation::Tanh;
                break;
            default:
                l.activation = Activation::Softmax;
                break;
        }
        m_fusable = -1;
        m_matMulDense = -1;
        return;
    }
    LayerSpec l = LayerSpec::make(type);
    if (type == LayerType::LeakyReLU) l.alpha = alpha;
    pushLayer(l, m_shape);
}

void Reader::softmax() {
    checkAttributes({"axis"});
    if (!m_shape.isFlat())
        fail("its input is " + m_shape.toString() +
             ": LayerLab's Softmax is over the classes of N x classes");
    const std::int64_t axis = intAttr("axis", m_opset >= 13 ? -1 : 1);
    if (axis != 1 && axis != -1) fail("axis " + std::to_string(axis) + ": LayerLab's Softmax is over axis 1");
    activation(LayerType::Softmax);
}

// PyTorch's log_softmax ends many MNIST models (its examples train them with nll_loss): the same classes as
// a Softmax, whose probabilities LayerLab shows and trains with cross-entropy (= log_softmax + nll_loss).
void Reader::logSoftmax() {
    if (m_depth > 0 || m_node->output(0) != m_model.graph().output(0).name())
        fail("LayerLab reads LogSoftmax only as the model's last node (the classes' log-probabilities)");
    softmax();
    m_notes.push_back(
        "the last node, LogSoftmax, is read as Softmax: LayerLab shows the probabilities (e to the "
        "log-probabilities), which give the same classes, and trains them with cross-entropy (PyTorch's "
        "log_softmax + nll_loss)");
}

void Reader::foldShape(int shapeNode) {
    setNode(shapeNode);
    // (what libFuzzer found: a Shape without an output reached past the node's outputs)
    if (m_node->output_size() != 1 || m_node->output(0).empty())
        fail("it has " + std::to_string(m_node->output_size()) +
             " outputs (or an unnamed one): a Shape has one");
    checkAttributes({});
    Tensor t;
    t.i = {kBatchDim};
    if (m_shape.isFlat()) {
        t.i.push_back(m_shape.size());
    } else {
        t.i.insert(t.i.end(), {m_shape.c(), m_shape.h(), m_shape.w()});
    }
    t.dims = {std::int64_t(t.i.size())};
    m_constants[m_node->output(0)] = std::move(t);
    // The nodes computing from it, until none is left that can be computed (the Reshape reads the result).
    const onnx::GraphProto& g = m_model.graph();
    for (bool progress = true; progress;) {
        progress = false;
        for (int ni = 0; ni < g.node_size(); ++ni)
            if (!m_visited[std::size_t(ni)] && foldShapeNode(ni)) progress = true;
    }
    m_node = nullptr;
}

bool Reader::foldShapeNode(int index) {
    const onnx::NodeProto& n = m_model.graph().node(index);
    static const std::set<std::string> ops = {"Gather", "Unsqueeze", "Squeeze", "Concat",
                                              "Slice",  "Cast",      "Identity"};
    if (!ops.count(n.op_type()) || n.output_size() != 1 || n.input_size() == 0 ||
        (!n.domain().empty() && n.domain() != "ai.onnx"))
        return false;
    std::vector<const Tensor*> in;
    bool fromShape = false;  // at least one input comes from a Shape (others: stored int64 constants)
    for (const std::string& name : n.input()) {
        if (name.empty()) {
            in.push_back(nullptr);
            continue;
        }
        const auto folded = m_constants.find(name);
        const bool stored = m_initializers.count(name) > 0;
        if (folded == m_constants.end() && !stored) return false;
        const Tensor* t = constant(name);
        if (t->isFloat) return false;
        fromShape = fromShape || !stored;
        in.push_back(t);
    }
    if (!fromShape || !in[0]) return false;
    setNode(index);
    const std::string& op = n.op_type();
    const Tensor& x = *in[0];
    auto axesOf = [&](int input) {
        if (n.input_size() > input && in[std::size_t(input)]) return in[std::size_t(input)]->i;
        return intsAttr("axes", {});
    };
    Tensor out;
    if (op == "Identity" || op == "Cast") {
        checkAttributes({"to"});
        if (op == "Cast" && intAttr("to", onnx::TensorProto::INT64) != onnx::TensorProto::INT64)
            fail("a shape cast to another type than int64: LayerLab computes shapes as int64");
        out = x;
    } else if (op == "Gather") {
        checkAttributes({"axis"});
        if (intAttr("axis", 0) != 0 || x.dims.size() != 1 || !in[1])
            fail("LayerLab computes Gather of a shape only along axis 0 of a 1-D shape");
        for (std::int64_t k : in[1]->i) {
            const std::int64_t size = std::int64_t(x.i.size());
            // (k < -size first: k + size must not overflow for a hostile index)
            const std::int64_t at = k < -size ? -1 : k < 0 ? k + size : k;
            if (at < 0 || at >= size)
                fail("index " + std::to_string(k) + " is outside the shape " + dimsText(x.i));
            out.i.push_back(x.i[std::size_t(at)]);
        }
        out.dims = in[1]->dims;
    } else if (op == "Unsqueeze" || op == "Squeeze") {
        checkAttributes({"axes"});
        out = x;
        const std::vector<std::int64_t> axes = axesOf(1);
        if (op == "Unsqueeze") {
            for (std::int64_t a : axes) {
                const std::int64_t rank = std::int64_t(out.dims.size()) + 1;
                const std::int64_t at = a < -rank ? -1 : a < 0 ? a + rank : a;
                if (at < 0 || at >= rank) fail("axis " + std::to_string(a) + " is outside the result");
                out.dims.insert(out.dims.begin() + at, 1);
            }
        } else {
            std::vector<std::int64_t> dims;
            for (std::size_t d = 0; d < x.dims.size(); ++d) {
                const bool listed = std::find(axes.begin(), axes.end(), std::int64_t(d)) != axes.end() ||
                                    std::find(axes.begin(), axes.end(),
                                              std::int64_t(d) - std::int64_t(x.dims.size())) != axes.end();
                if (!(x.dims[d] == 1 && (axes.empty() || listed))) dims.push_back(x.dims[d]);
            }
            out.dims = dims;
        }
    } else if (op == "Concat") {
        checkAttributes({"axis"});
        if (intAttr("axis", 0) != 0) fail("LayerLab computes Concat of shapes only along axis 0");
        for (const Tensor* t : in) {
            if (!t || t->dims.size() > 1) fail("LayerLab computes Concat only of 1-D shapes");
            out.i.insert(out.i.end(), t->i.begin(), t->i.end());
        }
        out.dims = {std::int64_t(out.i.size())};
    } else {  // Slice: data, starts, ends[, axes[, steps]] (opset 10 on)
        checkAttributes({});
        if (x.dims.size() != 1 || n.input_size() < 3 || !in[1] || !in[2] || in[1]->i.size() != 1 ||
            in[2]->i.size() != 1 ||
            (n.input_size() > 3 && in[3] && (in[3]->i.size() != 1 || in[3]->i[0] != 0)) ||
            (n.input_size() > 4 && in[4] && (in[4]->i.size() != 1 || in[4]->i[0] != 1)))
            fail("LayerLab computes Slice of a 1-D shape only, with step 1");
        const std::int64_t size = std::int64_t(x.i.size());
        auto clampAt = [&](std::int64_t v) {
            return v < -size ? std::int64_t(0) : std::clamp(v < 0 ? v + size : v, std::int64_t(0), size);
        };
        const std::int64_t from = clampAt(in[1]->i[0]), to = clampAt(in[2]->i[0]);
        for (std::int64_t k = from; k < to; ++k) out.i.push_back(x.i[std::size_t(k)]);
        out.dims = {std::int64_t(out.i.size())};
    }
    m_constants[n.output(0)] = std::move(out);
    return true;
}

}  // namespace layerlab::onnx_reader
