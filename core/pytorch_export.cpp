#include "core/pytorch_export.h"

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <system_error>
#include <vector>

#include "core/atomic_file.h"
#include "core/errors.h"
#include "core/inference_model.h"
#include "core/layer.h"
#include "core/layers/residual.h"
#include "core/network.h"
#include "core/npz_writer.h"

namespace layerlab {

extern const char* const kPytorchTrainScript;  // core/pytorch_train.py, embedded by CMake

namespace {

const char* const kSupported =
    "Dense, Conv2D, MaxPool2D, AvgPool2D, Flatten, Dropout, ReLU, LeakyReLU, Sigmoid, Tanh, Softmax, "
    "Residual";

// The shortest decimal that reads back as the same float32 (0.1f -> "0.1"), as a Python float literal.
std::string pyFloat(float v) {
    char buf[64];
    for (int precision = 1; precision <= 9; ++precision) {
        std::snprintf(buf, sizeof buf, "%.*g", precision, double(v));
        if (std::strtof(buf, nullptr) == v) break;
    }
    std::string s = buf;
    if (s.find_first_of(".en") == std::string::npos) s += ".0";
    return s;
}

std::string pyString(const std::string& s) {
    std::string out = "\"";
    for (unsigned char c : s) {
        if (c == '"' || c == '\\') {
            out += '\\';
            out += char(c);
        } else if (c < 0x20) {
            char buf[8];
            std::snprintf(buf, sizeof buf, "\\x%02x", c);
            out += buf;
        } else {
            out += char(c);
        }
    }
    return out + "\"";
}

std::string pyBool(bool b) {
    return b ? "True" : "False";
}

// "N x 32 x 26 x 26"
std::string batchShape(const Shape& s) {
    std::string out = "N";
    for (int d : s.dims) out += " x " + std::to_string(d);
    return out;
}

// "SeedCNN" from "Seed CNN": the model's name as a Python class name.
std::string className(const std::string& name) {
    std::string out;
    bool upper = true;
    for (unsigned char c : name) {
        if (std::isalnum(c) && c < 0x80) {
            out += upper ? char(std::toupper(c)) : char(c);
            upper = false;
        } else {
            upper = true;
        }
    }
    if (out.empty() || std::isdigit(static_cast<unsigned char>(out[0])) || out == "Residual" ||
        out == "Model")
        out = "LayerLab" + out;
    return out;
}

const char* activationModule(LayerType t) {
    switch (t) {
        case LayerType::ReLU:
            return "nn.ReLU()";
        case LayerType::Sigmoid:
            return "nn.Sigmoid()";
        case LayerType::Tanh:
            return "nn.Tanh()";
        case LayerType::Softmax:
            return "nn.Softmax(dim=1)";
        case LayerType::Flatten:
            return "nn.Flatten()";
        default:
            return nullptr;
    }
}

const char* activationCall(LayerType t) {
    switch (t) {
        case LayerType::ReLU:
            return "F.relu(x)";
        case LayerType::Sigmoid:
            return "torch.sigmoid(x)";
        case LayerType::Tanh:
            return "torch.tanh(x)";
        case LayerType::Softmax:
            return "torch.softmax(x, dim=1)";
        case LayerType::Flatten:
            return "torch.flatten(x, 1)";
        default:
            return nullptr;
    }
}

// One engine layer as PyTorch modules: `modules` (one, or a ZeroPad2d and the Conv2d), the index among them
// of the one holding the parameters (-1: none), and its parameters.
struct Piece {
    std::vector<std::string> modules;
    int paramModule = -1;
    std::vector<std::int64_t> weightShape;
    std::vector<float> weights, bias;
};

class Writer {
public:
    explicit Writer(const ModelSpec& spec) : m_spec(spec) {}

    // Modules for engine layer `layer` (spec `ls`, at `path` for messages), parameters from p.
    Piece piece(const Layer& layer, const LayerSpec& ls, const float* p, const std::vector<int>& path,
                const std::string& prefix) {
        Piece out;
        const Shape& in = layer.inputShape();
        switch (layer.type()) {
            case LayerType::Dense: {
                const std::int64_t units = layer.outputShape().size(), inputs = in.size();
                out.modules = {"nn.Linear(" + std::to_string(inputs) + ", " + std::to_string(units) + ")"};
                out.paramModule = 0;
                out.weightShape = {units, inputs};
                out.weights.assign(p, p + units * inputs);
                out.bias.assign(p + units * inputs, p + units * inputs + units);
                break;
            }
            case LayerType::Conv2D: {
                const std::vector<int> ws = layer.weightShape();  // F x C x K x K
                const std::int64_t f = ws[0], c = ws[1], k = ws[2];
                const Shape& o = layer.outputShape();
                // 'same' pads (out - 1) * stride + k - in in all, half (rounded down) at the top/left.
                const int padH = std::max((o.h() - 1) * ls.stride + ls.kernel - in.h(), 0);
                const int padW = std::max((o.w() - 1) * ls.stride + ls.kernel - in.w(), 0);
                const bool same = ls.padding == Padding::Same;
                std::string conv = "nn.Conv2d(" + std::to_string(c) + ", " + std::to_string(f) +
                                   ", kernel_size=" + std::to_string(k) +
                                   ", stride=" + std::to_string(ls.stride);
                if (same && padH % 2 == 0 && padW % 2 == 0 && (padH > 0 || padW > 0)) {
                    conv += padH == padW ? ", padding=" + std::to_string(padH / 2)
                                         : ", padding=(" + std::to_string(padH / 2) + ", " +
                                               std::to_string(padW / 2) + ")";
                } else if (same && (padH > 0 || padW > 0)) {
                    // nn.ZeroPad2d takes (left, right, top, bottom): the odd pixel at the bottom/right.
                    out.modules.push_back("nn.ZeroPad2d((" + std::to_string(padW / 2) + ", " +
                                          std::to_string(padW - padW / 2) + ", " + std::to_string(padH / 2) +
                                          ", " + std::to_string(padH - padH / 2) + "))");
                }
                out.modules.push_back(conv + ")");
                out.paramModule = int(out.modules.size()) - 1;
                out.weightShape = {f, c, k, k};
                out.weights.assign(p, p + f * c * k * k);
                out.bias.assign(p + f * c * k * k, p + f * c * k * k + f);
                break;
            }
            case LayerType::MaxPool2D:
            case LayerType::AvgPool2D: {
                const int stride = ls.stride > 0 ? ls.stride : ls.poolSize;
                out.modules = {
                    std::string(layer.type() == LayerType::MaxPool2D ? "nn.MaxPool2d" : "nn.AvgPool2d") +
                    "(kernel_size=" + std::to_string(ls.poolSize) + ", stride=" + std::to_string(stride) +
                    ")"};
                break;
            }
            case LayerType::Dropout:
                out.modules = {"nn.Dropout(p=" + pyFloat(ls.rate) + ")"};
                break;
            case LayerType::LeakyReLU:
                out.modules = {"nn.LeakyReLU(negative_slope=" + pyFloat(ls.alpha) + ")"};
                break;
            case LayerType::Residual: {
                m_residual = true;
                out.modules = {residual(static_cast<const Residual&>(layer), ls, p, path, prefix)};
                break;
            }
            default:
                if (const char* m = activationModule(layer.type())) {
                    out.modules = {m};
                    break;
                }
                throw SpecError("PyTorch export: " + layerLabel(path, ls.type) +
                                " has no PyTorch equivalent " + "in the export (it writes " + kSupported +
                                ")");
        }
        return out;
    }

    // Residual(nn.Sequential(...)) for a block whose state_dict keys start with prefix.
    std::string residual(const Residual& block, const LayerSpec& ls, const float* p,
                         const std::vector<int>& path, const std::string& prefix) {
        std::vector<std::pair<int, bool>> parts;  // (inner spec index, is its fused activation)
        for (std::size_t s = 0; s < ls.layers.size(); ++s) {
            parts.push_back({int(s), false});
            if (ls.layers[s].activation != Activation::None) parts.push_back({int(s), true});
        }
        if (int(parts.size()) != block.innerCount())
            throw SpecError("PyTorch export: " + layerLabel(path, ls.type) + " has " +
                            std::to_string(block.innerCount()) + " inner layers, its spec " +
                            std::to_string(parts.size()));
        std::vector<std::string> modules;
        long long offset = 0;
        for (int j = 0; j < block.innerCount(); ++j) {
            const Layer& inner = block.inner(j);
            const LayerSpec& is = ls.layers[std::size_t(parts[j].first)];
            std::vector<int> innerPath = path;
            innerPath.push_back(parts[j].first);
            const int first = int(modules.size());
            // A nested block's keys start with its own index in this Sequential.
            Piece pc = piece(inner, is, p + offset, innerPath, prefix + ".body." + std::to_string(first));
            if (pc.paramModule >= 0) {
                const std::string key = prefix + ".body." + std::to_string(first + pc.paramModule);
                addParams(key, pc);
                if (!is.trainable) m_frozen.push_back(key);
            } else if (inner.type() == LayerType::Residual && !is.trainable) {
                m_frozen.push_back(prefix + ".body." + std::to_string(first));
            }
            for (std::string& m : pc.modules) modules.push_back(std::move(m));
            offset += inner.paramCount();
        }
        std::string out = "Residual(nn.Sequential(";
        for (std::size_t i = 0; i < modules.size(); ++i) out += (i ? ", " : "") + modules[i];
        return out + "))";
    }

    void addParams(const std::string& key, const Piece& pc) {
        m_arrays.push_back({key + ".weight", pc.weightShape, pc.weights});
        m_arrays.push_back({key + ".bias", {std::int64_t(pc.bias.size())}, pc.bias});
    }

    std::string modelPy(const Network& net, std::span<const float> params) {
        const ImageGeometry g = imageGeometryOf(m_spec.input);
        const int classes = int(net.outputSize());
        const std::string cls = className(m_spec.name);
        std::string init, fwd;
        int count = net.layerCount();
        const bool endsWithSoftmax = net.layer(count - 1).type() == LayerType::Softmax;
        if (endsWithSoftmax) --count;
        int lastSpec = -1;
        for (int i = 0; i < count; ++i) {
            const Layer& layer = net.layer(i);
            const int si = net.specIndexOf(i);
            const LayerSpec& ls = m_spec.layers[std::size_t(si)];
            const bool fusedActivation = si == lastSpec;
            lastSpec = si;
            const std::string label = layerLabel(si, ls.type);
            const std::string shape = "  # -> " + batchShape(layer.outputShape());
            if (!fusedActivation) {
                const std::string summary = ls.summary();
                init += "        # " + label + (summary.empty() ? "" : ": " + summary) +
                        (ls.trainable ? "" : " (frozen: train.py does not change its weights)") + "\n";
            }
            if (const char* call = activationCall(layer.type())) {
                fwd += "        x = " + std::string(call) + shape + "  " +
                       (fusedActivation ? "layer " + std::to_string(si + 1) + "'s activation" : label) + "\n";
                continue;
            }
            if (layer.type() == LayerType::LeakyReLU) {
                fwd += "        x = F.leaky_relu(x, negative_slope=" + pyFloat(ls.alpha) + ")" + shape +
                       "  " +
                       (fusedActivation ? "layer " + std::to_string(si + 1) + "'s activation" : label) + "\n";
                continue;
            }
            const std::string name = attrName(layer.type(), si);
            const Piece pc = piece(layer, ls, params.data() + net.paramOffset(i), {si}, name);
            std::string call = "x";
            for (std::size_t m = 0; m < pc.modules.size(); ++m) {
                const std::string attr = m + 1 == pc.modules.size() ? name : name + "_pad";
                init += "        self." + attr + " = " + pc.modules[m] + "\n";
                call = "self." + attr + "(" + call + ")";
            }
            if (pc.paramModule >= 0) addParams(name, pc);
            if (!ls.trainable && (pc.paramModule >= 0 || layer.type() == LayerType::Residual))
                m_frozen.push_back(name);
            fwd += "        x = " + call + shape + "\n";
        }
        const int softmaxSpec = endsWithSoftmax ? net.specIndexOf(net.layerCount() - 1) : -1;
        const std::string softmaxWhat =
            endsWithSoftmax ? (m_spec.layers[std::size_t(softmaxSpec)].type == LayerType::Softmax
                                   ? layerLabel(softmaxSpec, LayerType::Softmax)
                                   : "layer " + std::to_string(softmaxSpec + 1) + "'s softmax activation") +
                                  ": the probabilities"
                            : "";

        std::string py;
        py += "\"\"\"" + m_spec.name + ": a LayerLab model as a PyTorch module.\n\n";
        py += "Written by LayerLab " LAYERLAB_VERSION
              " (layerlab-cli export --format pytorch, or the studio's\n";
        py +=
            "File > Export > PyTorch...). The layers are LayerLab's, in the same order, with its trained "
            "weights\nin weights.npz beside this file:\n\n";
        py += "    import model\n    net = model.load_weights(model.Model(), \"weights.npz\").eval()\n";
        py += "    probabilities = net(pixels)  # pixels: float N x " + std::to_string(g.channels) + " x " +
              std::to_string(g.height) + " x " + std::to_string(g.width) + ", raw values 0-255\n\n";
        py +=
            "Feed pixels as they are stored in the image (MNIST: 0 = background, 255 = ink): the module "
            "scales\nthem by 1/255 first, as LayerLab does. train.py continues training it.\n\"\"\"\n";
        py +=
            "import os\n\nimport numpy as np\nimport torch\nimport torch.nn.functional as F\nfrom torch "
            "import nn\n\n";
        py += "INPUT_SHAPE = (" + std::to_string(g.channels) + ", " + std::to_string(g.height) + ", " +
              std::to_string(g.width) + ")  # channels, height, width of the pixels forward() takes\n";
        py += "CLASSES = " + std::to_string(classes) + "\n";
        py += "PIXEL_SCALE = 1.0 / 255.0  # LayerLab's input scaling: input = pixel / 255 (in float32)\n";
        py += "OUTPUTS = (\"probabilities\", \"scores\", \"outputs\")\n\n\n";
        if (m_residual)
            py +=
                "class Residual(nn.Module):\n"
                "    \"\"\"LayerLab's residual block: y = x + body(x), body keeping the shape.\"\"\"\n\n"
                "    def __init__(self, body):\n        super().__init__()\n        self.body = body\n\n"
                "    def forward(self, x):\n        return x + self.body(x)\n\n\n";
        py += "class " + cls + "(nn.Module):\n";
        py += "    \"\"\"" + m_spec.name + ": " + std::to_string(m_spec.layers.size()) +
              " LayerLab layers, " + std::to_string(net.params().size()) + " parameters.\"\"\"\n\n";
        py += "    def __init__(self):\n        super().__init__()\n" + init + "\n";
        py += "    def forward(self, pixels, output=\"probabilities\"):\n";
        py += "        \"\"\"pixels: N x " + std::to_string(g.channels) + " x " + std::to_string(g.height) +
              " x " + std::to_string(g.width) + ", raw values 0-255 (float or uint8).\n";
        py += "        output: \"probabilities\" (N x " + std::to_string(classes) +
              ", softmax), \"scores\" (before the final softmax: the logits)\n";
        py += "        or \"outputs\" (what the last layer gives: " +
              std::string(endsWithSoftmax ? "the probabilities" : "the scores") + ").\"\"\"\n";
        py +=
            "        if output not in OUTPUTS:\n            raise ValueError(f\"output must be one of "
            "{OUTPUTS}, "
            "not {output!r}\")\n";
        py += "        x = pixels.float() * PIXEL_SCALE\n";
        if (m_spec.input.isFlat())
            py += "        x = torch.flatten(x, 1)  # the model reads its input flat: " +
                  std::to_string(m_spec.input.size()) + " values\n";
        py += fwd;
        if (endsWithSoftmax) {
            py += "        if output == \"scores\":\n            return x\n";
            py += "        return torch.softmax(x, dim=1)  # " + softmaxWhat + "\n";
        } else {
            py +=
                "        if output != \"probabilities\":  # the model has no final Softmax: its outputs are "
                "the scores\n            return x\n";
            py +=
                "        return torch.softmax(x, dim=1)  # as LayerLab's evaluation turns scores into "
                "probabilities\n";
        }
        py += "\n\nModel = " + cls + "\n\n\n";
        py +=
            "def load_weights(module, path=os.path.join(os.path.dirname(os.path.abspath(__file__)), "
            "\"weights.npz\")):\n";
        py +=
            "    \"\"\"Sets every parameter from an .npz of arrays named as state_dict keys (strict: all of "
            "them, no other).\"\"\"\n";
        py += "    with np.load(path) as arrays:\n";
        py += "        state = {name: torch.from_numpy(arrays[name]) for name in arrays.files}\n";
        py += "    module.load_state_dict(state, strict=True)\n    return module\n\n\n";
        py += "def save_weights(module, path):\n";
        py += "    \"\"\"The module's parameters as weights.npz (what load_weights reads).\"\"\"\n";
        py += "    with open(path, \"wb\") as f:\n";
        py +=
            "        np.savez(f, **{name: t.detach().cpu().numpy() for name, t in "
            "module.state_dict().items()})\n";
        return py;
    }

    // After modelPy, which names the frozen layers.
    std::string trainPy() const {
        const TrainingSpec& t = m_spec.training;
        const OptimizerSpec& o = t.optimizer;
        const LrScheduleSpec& s = t.schedule;
        const EarlyStoppingSpec& es = t.earlyStopping;
        const AugmentationSpec& a = t.augmentation;
        auto monitor = [](Monitor m) {
            return m == Monitor::ValAccuracy ? "\"val_accuracy\"" : "\"val_loss\"";
        };
        std::string c = "CONFIG = {\n    \"name\": " + pyString(m_spec.name) + ",\n    \"training\": {\n";
        c += "        \"loss\": \"" + std::string(lossName(t.loss)) + "\",\n";
        c += "        \"optimizer\": {\"type\": \"" + std::string(optimizerName(o.type)) +
             "\", \"momentum\": " + pyFloat(o.momentum) + ", \"nesterov\": " + pyBool(o.nesterov) +
             ", \"beta1\": " + pyFloat(o.beta1) + ", \"beta2\": " + pyFloat(o.beta2) + ",\n" +
             "                      \"epsilon\": " + pyFloat(o.epsilon) + ", \"rho\": " + pyFloat(o.rho) +
             "},\n";
        c += "        \"learning_rate\": " + pyFloat(o.learningRate) + ",\n";
        c += "        \"lr_schedule\": {\"type\": \"" + std::string(scheduleName(s.type)) +
             "\", \"factor\": " + pyFloat(s.factor) + ", \"every\": " + std::to_string(s.every) +
             ", \"patience\": " + std::to_string(s.patience) +
             ",\n                        \"monitor\": " + monitor(s.monitor) +
             ", \"min_lr\": " + pyFloat(s.minLr) + "},\n";
        c += "        \"l2\": " + pyFloat(t.l2) + ",  # on weights, not biases\n";
        c += "        \"batch_size\": " + std::to_string(t.batchSize) + ",\n";
        c += "        \"epochs\": " + std::to_string(t.epochs) + ",\n";
        c += "        \"validation_split\": " + pyFloat(t.validationSplit) + ",\n";
        c += "        \"train_samples\": " + std::to_string(t.trainSamples) + ",  # 0: all\n";
        c += "        \"seed\": " + std::to_string(t.seed) + ",\n";
        c += "        \"early_stopping\": {\"enabled\": " + pyBool(es.enabled) +
             ", \"monitor\": " + monitor(es.monitor) + ", \"patience\": " + std::to_string(es.patience) +
             ", \"restore_best\": " + pyBool(es.restoreBest) + "},\n";
        c += "        \"augmentation\": {\"shift\": " + pyFloat(a.shift) +
             ", \"rotation\": " + pyFloat(a.rotation) + ", \"zoom\": " + pyFloat(a.zoom) +
             ", \"noise\": " + pyFloat(a.noise) + ", \"elastic\": " + pyFloat(a.elastic) + "},\n";
        c += "        \"frozen\": [";
        for (std::size_t i = 0; i < m_frozen.size(); ++i) c += (i ? ", " : "") + pyString(m_frozen[i]);
        c += "],  # layers whose weights stay as they are\n    },\n";
        // How an image folder given to --data becomes inputs (the model file's import settings; LayerLab's
        // defaults when it trained on MNIST), and the folder it trained on.
        ImageImportSpec im = t.imageImport;
        if (t.dataset != DatasetKind::ImageFolder) {  // the model's input decides
            const ImageGeometry g = imageGeometryOf(m_spec.input);
            im.width = g.width;
            im.height = g.height;
            im.color = g.channels == 3 ? ImageColor::RGB : ImageColor::Grey;
        }
        c += "    \"data_folder\": " + pyString(t.dataset == DatasetKind::ImageFolder ? t.dataFolder : "") +
             ",  # as the model file says (relative: to its folder)\n";
        c += "    \"image_import\": {\"width\": " + std::to_string(im.width) +
             ", \"height\": " + std::to_string(im.height) + ", \"color\": \"" +
             (im.color == ImageColor::RGB ? "rgb" : "grey") + "\", \"fit\": \"" +
             (im.fit == ImageFit::Stretch ? "stretch" : "pad") + "\", \"invert\": " + pyBool(im.invert) +
             ",\n                     \"test_split\": " + pyFloat(im.testSplit) +
             ", \"split_seed\": " + std::to_string(im.splitSeed) + "},\n}";
        std::string script = kPytorchTrainScript;
        const std::string marker = "CONFIG = None  # filled in by layerlab-cli export";
        const std::size_t at = script.find(marker);
        if (at == std::string::npos)
            throw SpecError("PyTorch export: the train.py template lacks its CONFIG line");
        script.replace(at, marker.size(), c);
        return script;
    }

    const std::vector<NpyArray>& arrays() const { return m_arrays; }

private:
    static std::string attrName(LayerType t, int specIndex) {
        std::string base;
        switch (t) {
            case LayerType::Dense:
                base = "dense";
                break;
            case LayerType::Conv2D:
                base = "conv";
                break;
            case LayerType::MaxPool2D:
                base = "maxpool";
                break;
            case LayerType::AvgPool2D:
                base = "avgpool";
                break;
            case LayerType::Dropout:
                base = "dropout";
                break;
            case LayerType::Residual:
                base = "block";
                break;
            default:
                base = "layer";
                break;
        }
        return base + std::to_string(specIndex + 1);
    }

    const ModelSpec& m_spec;
    std::vector<NpyArray> m_arrays;
    std::vector<std::string> m_frozen;
    bool m_residual = false;
};

}  // namespace

const std::vector<std::string>& pytorchExportFileNames() {
    static const std::vector<std::string> names = {"weights.npz", "model.py", "train.py",
                                                   "layerlab-model.json"};
    return names;
}

PytorchExport pytorchExport(const ModelSpec& spec, std::span<const float> params) {
    Network net(spec);  // throws SpecError naming the layer when the model cannot work
    if (params.size() != net.params().size())
        throw CheckpointError("the weights hold " + std::to_string(params.size()) + " values but model \"" +
                              spec.name + "\" has " + std::to_string(net.params().size()) +
                              " parameters: the weights belong to another model");
    Writer w(spec);
    PytorchExport out;
    out.modelPy = w.modelPy(net, params);
    out.trainPy = w.trainPy();
    out.weightsNpz = npzBytes(w.arrays());
    out.modelJson = serializeModelSpec(spec);
    return out;
}

std::string exportPytorch(const std::string& dir, const ModelSpec& spec, std::span<const float> params) {
    const PytorchExport files = pytorchExport(spec, params);
    namespace fs = std::filesystem;
    std::error_code ec;
    const fs::path folder(dir);
    if (fs::exists(folder, ec) && !fs::is_directory(folder, ec))
        return "\"" + dir +
               "\" is not a folder: give a folder to write model.py, train.py and weights.npz into";
    if (!fs::exists(folder, ec) && !fs::create_directory(folder, ec))
        return "cannot create the folder \"" + dir + "\" (" + ec.message() +
               "): does its parent folder exist?";
    const std::string* contents[] = {&files.weightsNpz, &files.modelPy, &files.trainPy, &files.modelJson};
    for (std::size_t i = 0; i < pytorchExportFileNames().size(); ++i) {
        const std::string path = (folder / pytorchExportFileNames()[i]).string();
        if (const std::string err = writeFileAtomically(path, *contents[i]); !err.empty())
            return "cannot write " + path + ": " + err;
    }
    return "";
}

}  // namespace layerlab
