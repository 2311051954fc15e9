#pragma once
// An ONNX file as a LayerLab model with its weights: the studio's File > Open and layerlab-cli's --model
// accept FILE.onnx.
//
// What is read: one input (float32 N x C x H x W, or N x D), one output, and a chain of nodes, each reading
// the previous node's output (plus constants): Conv (square kernel, equal strides, no dilation or groups,
// pads none or as LayerLab's 'same'), Gemm (alpha = beta = 1, transA = 0) or MatMul followed by Add (a
// bias), Relu, LeakyRelu, Sigmoid, Tanh, Softmax (over the classes), MaxPool and AveragePool (square window,
// no padding, floor), BatchNormalization (inference mode, per channel or per feature: a BatchNorm layer with
// the file's running statistics, epsilon and momentum), Flatten (axis 1) or Reshape to N x features, Dropout
// (its ratio kept; the identity when run), Identity. An activation right after a Conv or Gemm becomes that
// layer's `activation`, as LayerLab's presets write it. Tensors come as raw_data or float_data (int64 for
// shapes). A skip connection, a tensor x read by a chain f of these and by an Add of f's output and x (either
// order), becomes a Residual block holding f's layers (nested when f holds one).
//
// Inputs: LayerLab feeds every model pixels / 255. A file whose first node is LayerLab's own scaling (Mul by
// 1/255 or Div by 255, as core/onnx_export writes it) has that node dropped; any other file is taken to
// expect pixels / 255 already, as PyTorch's and Keras' MNIST tutorials train (ToTensor, x / 255).
//
// A file LayerLab exported (metadata "layerlab.model" whose model, written again with the file's weights,
// gives the very same graph) comes back as that model: name, description, layer options and training
// settings. Any other file gets a name from its graph (or file name) and LayerLab's default training
// settings on MNIST.
//
// Anything else (another branch, another operator, an attribute LayerLab cannot follow, a non-float tensor,
// data in an external file) is refused with one SpecError line naming the node, its operator and what
// LayerLab supports; nothing is returned half-read.
#include <string>
#include <vector>

#include "core/compression.h"
#include "core/model_spec.h"

namespace layerlab {

struct OnnxImport {
    ModelSpec spec;
    std::vector<float> params;       // in the Network's parameter order (as a checkpoint holds them)
    bool layerlabFile = false;       // round trip of a LayerLab export: spec is the exported model
    std::vector<std::string> notes;  // what the reader assumed, one sentence each (scaling, settings)
    Quantization quantization;       // an int8 LayerLab export's (QDQ, core/onnx_export.h); else empty
};

// True when the path ends in ".onnx" (any case): the places that take a model file route it here.
bool isOnnxPath(const std::string& path);

// Throws SpecError naming the file, and the node when the problem is one node.
OnnxImport importOnnx(const std::string& path);
// The same from the file's bytes; `name` stands for the file in messages and names the model when the graph
// has no name.
OnnxImport importOnnxBytes(const std::string& bytes, const std::string& name);

}  // namespace layerlab
