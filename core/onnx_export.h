#pragma once
// A trained LayerLab model as an ONNX file (opset 13), written with the ONNX project's own protobuf messages
// (Debian's libonnx-dev). What the file holds:
//   input  "image":         float32 N x C x H x W (N dynamic), raw pixel values 0-255. A model whose input is
//                           flat (an MLP) takes the image its input reads as (1 x 28 x 28 for 784 values).
//   first node:             Mul by 1/255, the scaling LayerLab applies to every pixel (core/input_scaling.h),
//                           then Flatten for a flat-input model.
//   one node per engine layer, in order:
//     Dense -> Gemm (transB = 1: W is units x inputs, as LayerLab stores it), Conv2D -> Conv (pads as
//     LayerLab pads, the odd pixel of 'same' at the bottom/right), MaxPool2D -> MaxPool, AvgPool2D ->
//     AveragePool, Flatten -> Flatten (axis 1: LayerLab's CHW order is ONNX's NCHW order), Dropout -> Dropout
//     (ratio as its input, training_mode off: the identity), ReLU/LeakyReLU/Sigmoid/Tanh/Softmax ->
//     Relu/LeakyRelu (alpha)/Sigmoid/Tanh/Softmax (axis 1), BatchNorm -> BatchNormalization (inference
//     mode: scale, shift, running mean and variance, epsilon, momentum); a fused activation is its own node
//     after its layer.
//   output "probabilities": N x classes, the softmax of the model's scores as LayerLab's evaluation shows
//   them
//                           (a final Softmax is the model's own; a model without one gets one added), or
//   output "logits":        N x classes, the scores before a final Softmax (OnnxExportOptions::logits).
// The graph's doc_string says this; metadata_props "layerlab.model" holds the model file (JSON), so that
// importing the file again gives back the same model with its training settings (core/onnx_import.h).
//
// An int8 model (OnnxExportOptions::quantization, core/compression.h) is written in ONNX's QDQ form, so
// that a runtime computes what LayerLab's quantized model does: each quantized layer's weights are int8
// initializers (name_W_int8, one scale per output channel, zero point 0) read through DequantizeLinear
// (axis 0) into name_W, and its input goes through Clip(-127 s, 127 s) -> QuantizeLinear(s, 0) ->
// DequantizeLinear(s, 0) (the Clip keeps the codes in LayerLab's -127..127; ONNX's int8 would allow -128).
// The weights LayerLab multiplies by (q x scale) are then the very floats the file's DequantizeLinear makes.
// A layer whose weights have left the int8 grid (trained on after loading) keeps them as float32, exactly,
// and only its input is quantized: what LayerLab runs in that case too.
#include <span>
#include <string>

#include "core/compression.h"
#include "core/model_spec.h"

namespace layerlab {

struct OnnxExportOptions {
    bool logits = false;  // output the scores ("logits") instead of the probabilities
    // An int8 model's quantization (an int8 checkpoint's): written in QDQ form (above). Empty: float32.
    Quantization quantization;
};

constexpr int kOnnxOpset = 13;

// The ONNX file's bytes. Throws SpecError when the model cannot work, CheckpointError when params does not
// hold the model's parameter count.
std::string onnxModelBytes(const ModelSpec& spec, std::span<const float> params,
                           const OnnxExportOptions& options = {});

class Network;
// The name of engine layer i's node in the file ("layer3_conv2d": its model layer's number and its type);
// its weights are name_W, its bias name_b.
std::string onnxLayerName(const Network& net, int i);

// Writes the file through the one atomic writer (core/atomic_file.h). Returns "" on success, else a clause
// saying why it could not be written (as writeFileAtomically). Throws as onnxModelBytes.
std::string exportOnnx(const std::string& path, const ModelSpec& spec, std::span<const float> params,
                       const OnnxExportOptions& options = {});

}  // namespace layerlab
