#pragma once
// A trained LayerLab model as a PyTorch project in a folder, to keep training it elsewhere (PyTorch, one
// machine or many with torchrun). LayerLab itself never runs or links PyTorch; it writes text and arrays:
//   model.py             a readable nn.Module (class named after the model, alias `Model`) with the same
//                        layers in the same order: Dense -> nn.Linear, Conv2D -> nn.Conv2d (stride; 'same'
//                        padding as LayerLab pads it, the odd pixel at the bottom/right through
//                        nn.ZeroPad2d), MaxPool2D/AvgPool2D -> nn.MaxPool2d/nn.AvgPool2d, Flatten, Dropout ->
//                        nn.Dropout, the activations (ReLU, LeakyReLU with its alpha, Sigmoid, Tanh,
//                        Softmax), Residual -> y = x + body(x). Input: float N x C x H x W raw pixels 0-255
//                        (or uint8); the module scales them by 1/255 first, as LayerLab does
//                        (core/input_scaling.h). forward(pixels) gives N x classes probabilities (the model's
//                        final Softmax, or one added, as LayerLab's evaluation shows them); forward(pixels,
//                        output="scores") the values before it (the logits); output="outputs" the last
//                        layer's own outputs. load_weights / save_weights read and write weights.npz.
//   weights.npz          one float32 array per parameter, named as the module's state_dict keys
//                        (core/npz_writer.h), so numpy.load and load_state_dict(strict=True) take it.
//   train.py             continues training with the model's training settings (core/pytorch_train.py is
//                        its text; CONFIG is filled in here).
//   layerlab-model.json  the LayerLab model file (to open the architecture in LayerLab again).
#include <span>
#include <string>
#include <vector>

#include "core/model_spec.h"

namespace layerlab {

struct PytorchExport {
    std::string modelPy, trainPy, weightsNpz, modelJson;
};

// The four files' contents. Throws SpecError when the model cannot work or has a layer the export cannot
// write (one line naming the layer and the types it writes), CheckpointError when params does not hold the
// model's parameter count.
PytorchExport pytorchExport(const ModelSpec& spec, std::span<const float> params);

// Writes the four files into `dir` (created when missing; its parent must exist), each through the atomic
// writer (core/atomic_file.h): a file already there is replaced whole. Returns "" on success, else a clause
// saying which file could not be written and why. Throws as pytorchExport, before writing anything.
std::string exportPytorch(const std::string& dir, const ModelSpec& spec, std::span<const float> params);

// The files exportPytorch writes, in the order it writes them.
const std::vector<std::string>& pytorchExportFileNames();

}  // namespace layerlab
