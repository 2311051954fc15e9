// Model spec: presets, round trip, defaults, every validation error, case-insensitivity, atomic save.
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

#include <QDir>
#include <QTemporaryDir>
#include <QtTest>
#include <algorithm>
#include <cmath>
#include <csignal>
#include <limits>

#include "core/errors.h"
#include "core/layer_tree.h"
#include "core/layer_types.h"
#include "core/model_spec.h"
#include "core/shape_inference.h"
#include "core/training_fields.h"
#include "tests/support/file_guards.h"
#include "tests/support/test_data.h"

using namespace layerlab;

namespace {

// A full model document around the given layers array and training object (JSON text).
std::string doc(const std::string& layers = "[]", const std::string& training = "{}",
                const std::string& extra = "") {
    return R"({"format": "layerlab-model", "version": 1, "name": "T", "input": {"channels": 1, "height": 28, "width": 28},)"
           R"( "classes": 10, "layers": )" +
           layers + R"(, "training": )" + training + extra + "}";
}

using test::dirEntries;
using test::readText;
using test::ScopedFileSizeLimit;
using test::writeText;

// A spec exercising every layer type, odd floats and non-default settings.
ModelSpec richSpec() {
    ModelSpec s;
    s.name = "Rich \"model\" \xc3\xa9 \\ / \n tab\t";
    s.input = Shape::chw(3, 32, 30);
    s.classes = 7;
    for (LayerType t : allLayerTypes()) s.layers.push_back(LayerSpec::make(t));
    LayerSpec conv = LayerSpec::make(LayerType::Conv2D);
    conv.filters = 17;
    conv.kernel = 5;
    conv.stride = 2;
    conv.padding = Padding::Same;
    conv.activation = Activation::LeakyReLU;
    conv.alpha = 0.3333333f;
    s.layers.push_back(conv);
    LayerSpec dense = LayerSpec::make(LayerType::Dense);
    dense.units = 99999;
    dense.activation = Activation::None;
    s.layers.push_back(dense);
    LayerSpec pool = LayerSpec::make(LayerType::AvgPool2D);
    pool.poolSize = 3;
    pool.stride = 2;
    s.layers.push_back(pool);
    LayerSpec drop = LayerSpec::make(LayerType::Dropout);
    drop.rate = 0.1f + 0.2f;  // 0.3 with float rounding noise
    s.layers.push_back(drop);
    LayerSpec leaky = LayerSpec::make(LayerType::LeakyReLU);
    leaky.alpha = 1e-7f;
    s.layers.push_back(leaky);
    s.training.loss = LossType::MeanSquaredError;
    s.training.optimizer.learningRate = 3.14159265f;
    s.training.optimizer.beta1 = 0.85f;
    s.training.optimizer.beta2 = 0.99999f;
    s.training.optimizer.epsilon = 1.17549435e-38f;  // smallest normal float
    s.training.l2 = 0.000123f;
    s.training.batchSize = 65536;
    s.training.epochs = 10000;
    s.training.validationSplit = 0.9f;
    s.training.seed = 18446744073709551615ull;
    s.training.threads = 256;
    s.training.dataset = DatasetKind::FashionMNIST;
    s.training.earlyStopping = {true, Monitor::ValAccuracy, 10000, false};
    for (LayerSpec& l : s.layers)  // a block with a nested block inside
        if (l.type == LayerType::Residual) {
            LayerSpec inner = LayerSpec::make(LayerType::Residual);
            inner.layers = {conv, LayerSpec::make(LayerType::Tanh)};
            l.layers = {dense, inner, drop};
        }
    s.layers.back().id = "my.own-id_7";
    assignLayerIds(s);  // reading a file gives every layer an id
    return s;
}

// The spec as reading gives it back: with ids.
ModelSpec withIds(ModelSpec s) {
    assignLayerIds(s);
    return s;
}

LayerSpec withoutId(LayerSpec l) {
    l.id.clear();
    return l;
}

}  // namespace

class TstModelSpec : public QObject {
    Q_OBJECT

private slots:
    void presetsParseAndRoundTrip_data();
    void presetsParseAndRoundTrip();
    void seedCnnPresetContents();
    void otherPresetContents();
    void roundTripEveryOptimizerAndLayer();
    void floatsRoundTripExactly();
    void serializeIsStable();
    void missingFieldsTakeDefaults();
    void unknownKeysAreKeptAndReported();
    void descriptionIsAModelKey();
    void unusedKeysAreKeptAndReported();
    void imageFolderSettingsRoundTrip();
    void strictRefusesUnknownKeys();
    void closestKeySuggestions();
    void descriptorTablesAreConsistent();
    void layerNumbersAreTheEditors();
    void idsAreKeptAndGiven();
    void blocksRoundTripWithTheirInnerLayers();
    void caseInsensitiveNames();
    void namesAndLists();
    void makeDefaultsAndSummary();
    void errors_data();
    void errors();
    void validateTrainingErrors_data();
    void validateTrainingErrors();
    void validateTrainingAcceptsDefaults();
    void saveAndLoad();
    void loadErrorsNameThePath();
    void failedSaveLeavesOldFileIntact();
    void saveIntoReadOnlyDirFailsCleanly();
    void saveOverDirectoryFailsCleanly();
    void saveKeepsFileMode();
};

void TstModelSpec::presetsParseAndRoundTrip_data() {
    QTest::addColumn<QString>("file");
    const QDir dir(QString::fromStdString(test::resourcesPath()) + "/presets");
    const QStringList files = dir.entryList({"*.json"}, QDir::Files, QDir::Name);
    QVERIFY(files.size() >= 4);
    for (const QString& f : files) QTest::newRow(qPrintable(f)) << dir.filePath(f);
}

void TstModelSpec::presetsParseAndRoundTrip() {
    QFETCH(QString, file);
    ModelSpec s;
    try {
        s = loadModelSpec(file.toStdString());
    } catch (const SpecError& e) {
        QFAIL(e.what());
    }
    QVERIFY(!s.layers.empty());
    // Each preset says what it is and the reference figure it is measured against (issue 7 item 22).
    QVERIFY2(s.description.find("Measured here: ") != std::string::npos &&
                 s.description.find("Reference: ") != std::string::npos,
             s.description.c_str());
    QVERIFY(unknownKeyWarnings(s).empty());
    validateTraining(s.training);
    const ModelInfo info = inferShapes(s);  // presets are complete, working models
    QVERIFY2(info.ok(), info.error.c_str());
    QCOMPARE(info.outputShape, Shape::flat(s.classes));
    const std::string text = serializeModelSpec(s);
    QCOMPARE(parseModelSpec(text), s);
    QCOMPARE(serializeModelSpec(parseModelSpec(text)), text);
}

void TstModelSpec::seedCnnPresetContents() {
    const ModelSpec s = loadModelSpec(test::resourcesPath() + "/presets/seed-cnn.json");
    QCOMPARE(s.name, std::string("Seed CNN"));
    QCOMPARE(s.input, Shape::chw(1, 28, 28));
    QCOMPARE(s.classes, 10);
    QCOMPARE(s.layers.size(), size_t(7));
    QCOMPARE(s.layers[0].type, LayerType::Conv2D);
    QCOMPARE(s.layers[0].filters, 32);
    QCOMPARE(s.layers[0].kernel, 3);
    QCOMPARE(s.layers[0].padding, Padding::Valid);
    QCOMPARE(s.layers[0].activation, Activation::ReLU);
    QCOMPARE(s.layers[1].type, LayerType::MaxPool2D);
    QCOMPARE(s.layers[1].poolSize, 2);
    QCOMPARE(s.layers[2].filters, 64);
    QCOMPARE(s.layers[4].type, LayerType::Flatten);
    QCOMPARE(s.layers[5].units, 64);
    QCOMPARE(s.layers[6].units, 10);
    QCOMPARE(s.layers[6].activation, Activation::Softmax);
    QCOMPARE(s.training.loss, LossType::CrossEntropy);
    QCOMPARE(s.training.optimizer.type, OptimizerType::Adam);
    QCOMPARE(s.training.optimizer.learningRate, 0.001f);
    QCOMPARE(s.training.batchSize, 128);
    QCOMPARE(s.training.epochs, 10);
    QCOMPARE(s.training.validationSplit, 0.1f);
    QVERIFY(s.training.earlyStopping.enabled);
    QCOMPARE(s.training.earlyStopping.monitor, Monitor::ValLoss);
    QCOMPARE(s.training.earlyStopping.patience, 3);
    QVERIFY(s.training.earlyStopping.restoreBest);
    QCOMPARE(s.training.schedule.type, ScheduleType::Plateau);
    QCOMPARE(s.training.schedule.factor, 0.2f);
    QCOMPARE(s.training.schedule.patience, 1);
    QCOMPARE(s.training.schedule.monitor, Monitor::ValLoss);
    QCOMPARE(s.training.schedule.minLr, 0.0f);
    QCOMPARE(s.training.seed, 42ull);
    QCOMPARE(s.training.threads, 0);
    QCOMPARE(s.training.dataset, DatasetKind::MNIST);
}

void TstModelSpec::otherPresetContents() {
    const std::string dir = test::resourcesPath() + "/presets/";
    const ModelSpec mlp = loadModelSpec(dir + "mlp.json");
    QCOMPARE(mlp.name, std::string("MLP"));
    QCOMPARE(mlp.layers.size(), size_t(3));
    QCOMPARE(mlp.layers[1].units, 128);
    QVERIFY(!mlp.training.earlyStopping.enabled);
    QCOMPARE(mlp.training.schedule.type, ScheduleType::Plateau);

    const ModelSpec lenet = loadModelSpec(dir + "lenet5.json");
    QCOMPARE(lenet.layers.size(), size_t(8));
    QCOMPARE(lenet.layers[0].padding, Padding::Same);
    QCOMPARE(lenet.layers[0].kernel, 5);
    QCOMPARE(lenet.layers[1].type, LayerType::AvgPool2D);
    QCOMPARE(lenet.layers[5].units, 120);
    QCOMPARE(lenet.layers[6].units, 84);

    const ModelSpec logistic = loadModelSpec(dir + "logistic.json");
    QCOMPARE(logistic.name, std::string("Logistic regression"));
    QCOMPARE(logistic.layers.size(), size_t(2));
    QCOMPARE(logistic.training.optimizer.type, OptimizerType::SGD);
    QCOMPARE(logistic.training.optimizer.learningRate, 0.1f);
    QCOMPARE(logistic.training.optimizer.momentum, 0.0f);
}

void TstModelSpec::roundTripEveryOptimizerAndLayer() {
    for (OptimizerType o :
         {OptimizerType::SGD, OptimizerType::Adam, OptimizerType::Adagrad, OptimizerType::RMSprop}) {
        ModelSpec s = richSpec();
        s.training.optimizer = OptimizerSpec{};
        s.training.optimizer.type = o;
        s.training.optimizer.learningRate = 0.07f;
        if (o == OptimizerType::SGD) {
            s.training.optimizer.momentum = 0.95f;
            s.training.optimizer.nesterov = true;
        }
        if (o == OptimizerType::RMSprop) s.training.optimizer.rho = 0.75f;
        if (o != OptimizerType::SGD) s.training.optimizer.epsilon = 1e-6f;
        const std::string text = serializeModelSpec(s);
        QCOMPARE(parseModelSpec(text), s);
    }
    for (ScheduleType type :
         {ScheduleType::Constant, ScheduleType::Step, ScheduleType::Cosine, ScheduleType::Plateau}) {
        ModelSpec s = richSpec();
        s.training.schedule.type = type;
        if (type != ScheduleType::Constant) {  // only the fields the type uses are written
            s.training.schedule.minLr = 1e-5f;
            if (type != ScheduleType::Cosine) s.training.schedule.factor = 0.3f;
            if (type == ScheduleType::Step) s.training.schedule.every = 4;
            if (type == ScheduleType::Plateau) {
                s.training.schedule.patience = 2;
                s.training.schedule.monitor = Monitor::ValAccuracy;
            }
        }
        QCOMPARE(parseModelSpec(serializeModelSpec(s)), withIds(s));
    }
    ModelSpec flat = richSpec();
    flat.input = Shape::flat(784);
    QCOMPARE(parseModelSpec(serializeModelSpec(flat)), flat);
    ModelSpec empty;
    QCOMPARE(parseModelSpec(serializeModelSpec(empty)), empty);
}

void TstModelSpec::floatsRoundTripExactly() {
    // Many awkward float values through every float field kind.
    uint32_t state = 12345;
    for (int i = 0; i < 2000; ++i) {
        state = state * 1664525u + 1013904223u;
        const float u = float(state >> 8) / float(1 << 24);  // [0, 1)
        ModelSpec s;
        LayerSpec d = LayerSpec::make(LayerType::Dropout);
        d.rate = u;
        s.layers.push_back(d);
        LayerSpec l = LayerSpec::make(LayerType::LeakyReLU);
        l.alpha = u;
        s.layers.push_back(l);
        s.training.optimizer.learningRate = std::ldexp(u + 0.5f, -int(state % 40));
        s.training.optimizer.beta1 = u;
        s.training.optimizer.epsilon = std::ldexp(u + 0.5f, -int(state % 100));
        s.training.validationSplit = u * 0.9f;
        s.training.l2 = u;
        const ModelSpec back = parseModelSpec(serializeModelSpec(s));
        if (!(back == withIds(s)))
            QFAIL(qPrintable(QString("float round trip failed for u=%1").arg(double(u), 0, 'g', 17)));
    }
    // Short values stay short in the file.
    ModelSpec s;
    const std::string text = serializeModelSpec(s);
    QVERIFY2(text.find("\"learning_rate\": 0.001") != std::string::npos, text.c_str());
    QVERIFY2(text.find("\"validation_split\": 0.1") != std::string::npos, text.c_str());
}

void TstModelSpec::serializeIsStable() {
    const ModelSpec s = richSpec();
    const std::string a = serializeModelSpec(s);
    QCOMPARE(serializeModelSpec(s), a);
    // Key order is the documented one, not alphabetical.
    QVERIFY(a.find("\"format\"") < a.find("\"version\""));
    QVERIFY(a.find("\"version\"") < a.find("\"name\""));
    QVERIFY(a.find("\"name\"") < a.find("\"input\""));
    QVERIFY(a.find("\"layers\"") < a.find("\"training\""));
    // Only relevant fields per layer: a Flatten carries just its type.
    ModelSpec f;
    f.layers.push_back(LayerSpec::make(LayerType::Flatten));
    const std::string ft = serializeModelSpec(f);
    QVERIFY(ft.find("\"units\"") == std::string::npos);
    QVERIFY(ft.find("\"filters\"") == std::string::npos);
    QVERIFY(ft.find("\"alpha\"") == std::string::npos);
}

void TstModelSpec::missingFieldsTakeDefaults() {
    const ModelSpec s = parseModelSpec(R"({"format": "layerlab-model", "version": 1})");
    QCOMPARE(s, ModelSpec{});

    const ModelSpec l = parseModelSpec(doc(
        R"([{"type": "Dense"}, {"type": "Conv2D"}, {"type": "MaxPool2D"}, {"type": "Dropout"}, {"type": "LeakyReLU"},
            {"type": "Dense", "units": 5}, {"type": "Conv2D", "activation": "leaky_relu"}])",
        R"({"optimizer": {"type": "sgd"}})"));
    QCOMPARE(withoutId(l.layers[0]), LayerSpec::make(LayerType::Dense));
    QCOMPARE(withoutId(l.layers[1]), LayerSpec::make(LayerType::Conv2D));
    QCOMPARE(withoutId(l.layers[2]), LayerSpec::make(LayerType::MaxPool2D));
    QCOMPARE(withoutId(l.layers[3]), LayerSpec::make(LayerType::Dropout));
    QCOMPARE(withoutId(l.layers[4]), LayerSpec::make(LayerType::LeakyReLU));
    // Layers without an id get one: the type in lower case and the next free number.
    QCOMPARE(l.layers[0].id, std::string("dense_1"));
    QCOMPARE(l.layers[1].id, std::string("conv2d_1"));
    QCOMPARE(l.layers[5].id, std::string("dense_2"));
    QCOMPARE(l.layers[6].id, std::string("conv2d_2"));
    QCOMPARE(l.layers[5].units, 5);
    QCOMPARE(l.layers[5].activation, LayerSpec::make(LayerType::Dense).activation);
    QCOMPARE(l.layers[6].activation, Activation::LeakyReLU);
    QCOMPARE(l.layers[6].alpha, 0.01f);
    QCOMPARE(l.training.optimizer.type, OptimizerType::SGD);
    OptimizerSpec sgd;
    sgd.type = OptimizerType::SGD;
    QCOMPARE(l.training.optimizer, sgd);
    QCOMPARE(l.training.batchSize, TrainingSpec{}.batchSize);
}

// "description" is LayerLab's own key (the presets' reference figures, shown in the studio): read, written
// back after "name", never reported as unknown; a model without one writes none.
void TstModelSpec::descriptionIsAModelKey() {
    const ModelSpec s = parseModelSpec(doc("[]", "{}", R"(, "description": "Two layers. Reaches 97%.")"));
    QCOMPARE(s.description, std::string("Two layers. Reaches 97%."));
    QVERIFY(unknownKeyWarnings(s).empty());
    const std::string out = serializeModelSpec(s);
    QVERIFY2(
        out.find("\"name\": \"T\",\n  \"description\": \"Two layers. Reaches 97%.\"") != std::string::npos,
        out.c_str());
    QCOMPARE(parseModelSpec(out), s);
    QVERIFY(serializeModelSpec(parseModelSpec(doc())).find("description") == std::string::npos);
    try {
        parseModelSpec(doc("[]", "{}", R"(, "description": 3)"));
        QFAIL("a description that is not a string was accepted");
    } catch (const SpecError& e) {
        QVERIFY2(std::string(e.what()).find("description: must be a string") != std::string::npos, e.what());
    }
}

void TstModelSpec::unknownKeysAreKeptAndReported() {
    const std::string text = doc(
        R"([{"type": "Dense", "units": 3, "colour": "red", "activation": "relu"}, {"type": "Flatten", "comment": {"why": [1, 2]}}])",
        R"({"future": [1, 2], "optimizer": {"type": "adam", "warmup": 5}, "epoch": 3,
                "early_stopping": {"min_delta": 0.1}, "mixup": {"flip": true, "crop": 2}})",
        R"(, "notes": "notes", "author": {"name": "x"}, "comment": null)");
    const ModelSpec s = parseModelSpec(text);
    QCOMPARE(s.layers.size(), size_t(2));
    QCOMPARE(s.layers[0].units, 3);
    const std::vector<std::string> expected = {
        R"(unknown key "notes")",
        R"(unknown key "author")",
        R"(unknown key "comment")",
        R"(layer 1 (Dense): unknown key "colour")",
        R"(layer 2 (Flatten): unknown key "comment")",
        R"(unknown key "training.future")",
        R"(unknown key "training.epoch" (did you mean "epochs"?))",
        R"(unknown key "training.mixup")",
        R"(unknown key "training.optimizer.warmup")",
        R"(unknown key "training.early_stopping.min_delta")",
    };
    QCOMPARE(unknownKeyWarnings(s), expected);
    // Kept verbatim through a round trip (values, nesting and order inside them), after the known keys.
    const std::string out = serializeModelSpec(s);
    QVERIFY2(out.find(R"("notes": "notes")") != std::string::npos, out.c_str());
    QVERIFY2(out.find("\"comment\": {\n        \"why\": [\n          1,\n          2\n        ]") !=
                 std::string::npos,
             out.c_str());
    QVERIFY2(out.find("\"mixup\": {\n      \"flip\": true,\n      \"crop\": 2\n    }") != std::string::npos,
             out.c_str());
    QVERIFY(out.find(R"("warmup": 5)") > out.find(R"("learning_rate")"));
    QCOMPARE(parseModelSpec(out), s);
    QCOMPARE(serializeModelSpec(parseModelSpec(out)), out);
    // An edit elsewhere keeps them: only the edited value changes.
    ModelSpec edited = s;
    edited.training.optimizer.learningRate = 0.05f;
    edited.layers[0].units = 7;
    const ModelSpec back = parseModelSpec(serializeModelSpec(edited));
    QCOMPARE(back, edited);
    QCOMPARE(back.extra, s.extra);
    QCOMPARE(back.layers[1].extra, s.layers[1].extra);
    QCOMPARE(back.training.extra, s.training.extra);
    // A model without them reports nothing.
    QVERIFY(unknownKeyWarnings(parseModelSpec(doc())).empty());
}

void TstModelSpec::unusedKeysAreKeptAndReported() {
    // Keys the format knows, but not for this type or setting: kept (a switch back finds them) and reported.
    const ModelSpec s =
        parseModelSpec(doc(R"([{"type": "Dense", "units": 3, "alpha": 0.7}, {"type": "Conv2D", "units": 5}])",
                           R"({"optimizer": {"type": "adam", "momentum": 0.5},
                                               "lr_schedule": {"type": "constant", "factor": 0.5}})"));
    // alpha is not used by a relu Dense, so it is not read (round trip stays exact).
    QCOMPARE(s.layers[0].alpha, LayerSpec::make(LayerType::Dense).alpha);
    QCOMPARE(s.training.optimizer.momentum, OptimizerSpec{}.momentum);
    const std::vector<std::string> expected = {
        R"(layer 1 (Dense): unused key "alpha" (used only when "activation" is "leaky_relu"))",
        R"(layer 2 (Conv2D): unknown key "units")",
        R"(unused key "training.optimizer.momentum" (used only when "type" is "sgd"))",
        R"(unused key "training.lr_schedule.factor" (used only when "type" is "step" or "plateau"))",
    };
    QCOMPARE(unknownKeyWarnings(s), expected);
    QCOMPARE(parseModelSpec(serializeModelSpec(s)), s);
    // Once the setting uses the key, the live value is written (once) and read back.
    ModelSpec leaky = s;
    leaky.layers[0].activation = Activation::LeakyReLU;
    leaky.layers[0].alpha = 0.25f;
    const std::string text = serializeModelSpec(leaky);
    QCOMPARE(parseModelSpec(text).layers[0].alpha, 0.25f);
    QVERIFY2(text.find("\"alpha\": 0.7") == std::string::npos, text.c_str());
}

void TstModelSpec::strictRefusesUnknownKeys() {
    const std::string text = doc(R"([{"type": "Flatten", "note": 1}])", R"({"learning_rat": 0.1})");
    QCOMPARE(parseModelSpec(text, UnknownKeys::Keep).layers.size(), size_t(1));
    try {
        parseModelSpec(text, UnknownKeys::Refuse);
        QFAIL("no SpecError");
    } catch (const SpecError& e) {
        QCOMPARE(std::string(e.what()),
                 std::string(R"(layer 1 (Flatten): unknown key "note"; unknown key "training.learning_rat" )"
                             R"((did you mean "learning_rate"? it belongs in "training.optimizer"): fix or )"
                             R"(remove them (strict mode refuses keys LayerLab does not use))"));
    }
    // A file without them passes; so does every preset.
    parseModelSpec(doc(), UnknownKeys::Refuse);
    const QDir dir(QString::fromStdString(test::resourcesPath()) + "/presets");
    for (const QString& f : dir.entryList({"*.json"}, QDir::Files))
        loadModelSpec(dir.filePath(f).toStdString(), UnknownKeys::Refuse);
}

void TstModelSpec::closestKeySuggestions() {
    const std::vector<std::string> keys = {"learning_rate", "batch_size", "epochs", "units", "l2", "loss"};
    QCOMPARE(closestKey("learning_rat", keys), std::string("learning_rate"));
    QCOMPARE(closestKey("learningrate", keys), std::string("learning_rate"));
    QCOMPARE(closestKey("epoch", keys), std::string("epochs"));
    QCOMPARE(closestKey("Units", keys), std::string("units"));       // only the case differs
    QCOMPARE(closestKey("batch", keys), std::string("batch_size"));  // a prefix of a known word
    QCOMPARE(closestKey("lr", keys), std::string());                 // too short to guess (not "l2")
    QCOMPARE(closestKey("comment", keys), std::string());
    QCOMPARE(editDistance("kitten", "sitting"), 3);
    QCOMPARE(editDistance("", "abc"), 3);
}

void TstModelSpec::idsAreKeptAndGiven() {
    // Ids in the file stay; layers without one get the type in lower case and the first free number (ids
    // in the file are taken first, wherever they are).
    const ModelSpec s =
        parseModelSpec(doc(R"([{"type": "Flatten"}, {"type": "Dense", "id": "dense_1", "units": 784},
                {"type": "Residual", "layers": [{"type": "Dense", "units": 784}, {"id": "act", "type": "Tanh"}]},
                {"type": "Dense", "units": 10}])"));
    QCOMPARE(s.layers[0].id, std::string("flatten_1"));
    QCOMPARE(s.layers[1].id, std::string("dense_1"));
    QCOMPARE(s.layers[2].id, std::string("residual_1"));
    QCOMPARE(s.layers[2].layers[0].id, std::string("dense_2"));
    QCOMPARE(s.layers[2].layers[1].id, std::string("act"));
    QCOMPARE(s.layers[3].id, std::string("dense_3"));
    // Written first in each layer, and read back the same: open -> save -> open keeps every id.
    const std::string text = serializeModelSpec(s);
    QVERIFY2(text.find("\"id\": \"flatten_1\",\n      \"type\": \"Flatten\"") != std::string::npos,
             text.c_str());
    QCOMPARE(parseModelSpec(text), s);
    QCOMPARE(serializeModelSpec(parseModelSpec(text)), text);
    // Places and paths by id.
    QVERIFY((layerPath(s, "act") == std::vector<int>{2, 1}));
    QCOMPARE(placeOf(s, "act")->parent, std::string("residual_1"));
    QCOMPARE(placeOf(s, "act")->index, 1);
    QCOMPARE(placeOf(s, "dense_3")->parent, std::string());
    QVERIFY(!placeOf(s, "nope"));
    QCOMPARE(findLayer(s, "dense_2")->units, 784);
    // A copy gets new ids for itself and everything inside it.
    LayerSpec copy = s.layers[2];
    assignNewLayerIds(copy, s);
    QCOMPARE(copy.id, std::string("residual_2"));
    QCOMPARE(copy.layers[0].id, std::string("dense_4"));
    QCOMPARE(copy.layers[1].id, std::string("tanh_1"));
}

void TstModelSpec::blocksRoundTripWithTheirInnerLayers() {
    const ModelSpec s = parseModelSpec(doc(R"([{"type": "Conv2D", "filters": 8, "padding": "same"},
                {"type": "Residual", "note": "kept", "layers": [
                    {"type": "Conv2D", "filters": 8, "padding": "same", "activation": "relu", "unit": 3},
                    {"type": "Residual", "layers": [{"type": "Conv2D", "filters": 8, "padding": "same"}]}]},
                {"type": "Flatten"}, {"type": "Dense", "units": 10, "layers": []}])"));
    QCOMPARE(s.layers[1].type, LayerType::Residual);
    QCOMPARE(s.layers[1].layers.size(), size_t(2));
    QCOMPARE(s.layers[1].layers[0].activation, Activation::ReLU);
    QCOMPARE(s.layers[1].layers[1].layers[0].filters, 8);
    QVERIFY(s.layers[3].layers.empty());  // only a block reads "layers"
    QCOMPARE(parseModelSpec(serializeModelSpec(s)), s);
    QVERIFY(inferShapes(s).ok());
    QCOMPARE(inferShapes(s).layers[1].params, (8LL * 8 * 9 + 8) * 2);
    // Keys a layer inside a block does not use are reported with its number.
    const std::vector<std::string> w = unknownKeyWarnings(s);
    QCOMPARE(w.size(), size_t(3));
    QCOMPARE(w[0], std::string("layer 2 (Residual): unknown key \"note\""));
    QCOMPARE(w[1], std::string("layer 2.1 (Conv2D): unknown key \"unit\" (did you mean \"init\"?)"));
    QCOMPARE(w[2], std::string("layer 4 (Dense): unknown key \"layers\""));
}

void TstModelSpec::layerNumbersAreTheEditors() {
    // The third layer (index 2) is "layer 3" in every message, as the editor's block "3 · Dense" shows it;
    // SpecError::layerIndex stays the index, for selecting the block.
    QCOMPARE(layerLabel(2, LayerType::Dense), std::string("layer 3 (Dense)"));
    try {
        parseModelSpec(doc(R"([{"type": "Flatten"}, {"type": "Dropout"}, {"type": "Dense", "units": 0}])"));
        QFAIL("no SpecError");
    } catch (const SpecError& e) {
        QCOMPARE(std::string(e.what()),
                 std::string("layer 3 (Dense) units: must be a whole number from 1 to 100000, got 0"));
        QCOMPARE(e.layerIndex, 2);
    }
    ModelSpec s = parseModelSpec(doc(R"([{"type": "Flatten"}, {"type": "Dropout"}, {"type": "Conv2D"}])"));
    const ModelInfo info = inferShapes(s);
    QCOMPARE(info.errorLayer, 2);
    QVERIFY2(info.error.rfind("layer 3 (Conv2D) ", 0) == 0, info.error.c_str());
    s.layers[2].extra.push_back({"", "note", "1"});
    QCOMPARE(unknownKeyWarnings(s), std::vector<std::string>{R"(layer 3 (Conv2D): unknown key "note")"});
}

void TstModelSpec::imageFolderSettingsRoundTrip() {
    // The folder and its import settings are read and written with "image_folder", and only then.
    const ModelSpec s = parseModelSpec(doc("[]", R"({"dataset": "image_folder", "data_folder": "shapes",
        "image_import": {"width": 32, "height": 24, "color": "rgb", "fit": "stretch", "invert": true,
                         "test_split": 0.3, "split_seed": 5}})"));
    const TrainingSpec& t = s.training;
    QCOMPARE(t.dataset, DatasetKind::ImageFolder);
    QCOMPARE(t.dataFolder, std::string("shapes"));
    QCOMPARE(t.imageImport.width, 32);
    QCOMPARE(t.imageImport.height, 24);
    QCOMPARE(t.imageImport.color, ImageColor::RGB);
    QCOMPARE(t.imageImport.fit, ImageFit::Stretch);
    QVERIFY(t.imageImport.invert);
    QCOMPARE(t.imageImport.testSplit, 0.3f);
    QCOMPARE(t.imageImport.splitSeed, 5ull);
    QVERIFY(unknownKeyWarnings(s).empty());
    const std::string text = serializeModelSpec(s);
    QVERIFY2(text.find("\"data_folder\": \"shapes\"") != std::string::npos, text.c_str());
    QCOMPARE(parseModelSpec(text), s);
    // Another dataset: the settings are not read, kept and reported.
    const ModelSpec m = parseModelSpec(doc("[]", R"({"dataset": "mnist", "image_import": {"width": 32}})"));
    QCOMPARE(m.training.imageImport.width, 28);
    QCOMPARE(unknownKeyWarnings(m),
             std::vector<std::string>{
                 R"(unused key "training.image_import.width" (used only when "dataset" is "image_folder"))"});
    // An MNIST model writes none of them.
    const std::string mnist = serializeModelSpec(ModelSpec{});
    QVERIFY2(
        mnist.find("image_import") == std::string::npos && mnist.find("data_folder") == std::string::npos,
        mnist.c_str());
    // Wrong values are named with what is allowed.
    auto error = [](const std::string& training) {
        try {
            parseModelSpec(doc("[]", training));
        } catch (const SpecError& e) {
            return std::string(e.what());
        }
        return std::string();
    };
    QCOMPARE(error(R"({"dataset": "image_folder", "image_import": {"color": "purple"}})"),
             std::string(R"(training.image_import.color: unknown colour "purple"; use one of grey, rgb)"));
    QCOMPARE(error(R"({"dataset": "image_folder", "data_folder": 5})"),
             std::string("training.data_folder: must be a string of at most 4096 bytes, got 5"));
    QCOMPARE(error(R"({"dataset": "image_folder", "image_import": {"width": 0}})"),
             std::string("training.image_import.width: must be a whole number from 1 to 512, got 0"));
}

void TstModelSpec::descriptorTablesAreConsistent() {
    // Every layer type is in the table once, and its defaults pass its own rules.
    QCOMPARE(layerTypes().size(), allLayerTypes().size());
    for (const LayerTypeInfo& t : layerTypes()) {
        QCOMPARE(layerTypeFromName(t.key), std::optional<LayerType>(t.type));
        const LayerSpec l = LayerSpec::make(t.type);
        for (const LayerField* f : t.fields) {
            QVERIFY2(f->meta.check(f->get(l)).empty(), f->meta.key);
            QVERIFY2(*f->meta.label && *f->meta.tooltip, f->meta.key);
            if (f->meta.controller)
                QVERIFY2(controllerOf(*f, t.fields) || t.type == LayerType::LeakyReLU, f->meta.key);
        }
        QVERIFY(*t.description);
    }
    // Training: the default is TrainingSpec{}'s, every field has texts, every option names real fields.
    const TrainingSpec defaults;
    for (const TrainingField* f : trainingFields()) {
        QVERIFY2(f->get(defaults) == f->meta.def, f->meta.key);
        QVERIFY2(f->meta.check(f->meta.def).empty(), f->meta.key);
        QVERIFY2(*f->meta.label && *f->meta.tooltip, f->meta.key);
        QCOMPARE(trainingField(f->meta.path()), f);
        if (f->meta.controller) QVERIFY2(controllerOf(*f, trainingFields()), f->meta.key);
        for (const ChoiceOption& o : f->meta.choices)
            for (const std::string& used : o.uses) {
                bool found = false;
                for (const TrainingField* g : trainingFields())
                    found = found || (g->meta.key == used && controllerOf(*g, trainingFields()) == f);
                QVERIFY2(found, used.c_str());
            }
    }
    validateTraining(defaults);
    // The open ends of the file's ranges, as the widgets get them: the float next to the bound.
    const FieldMeta& rate = layerTypeInfo(LayerType::Dropout).fields.front()->meta;
    QCOMPARE(rate.maximum(), double(std::nextafter(1.0f, 0.0f)));
    QCOMPARE(rate.minimum(), 0.0);
    QCOMPARE(trainingField("optimizer.learning_rate")->meta.minimum(),
             double(std::numeric_limits<float>::denorm_min()));
    QCOMPARE(trainingField("optimizer.learning_rate")->meta.maximum(),
             double(std::numeric_limits<float>::max()));
    QCOMPARE(trainingField("validation_split")->meta.maximum(), 0.9);
    QCOMPARE(trainingField("epochs")->meta.maximum(), 10000.0);
}

void TstModelSpec::caseInsensitiveNames() {
    const ModelSpec s = parseModelSpec(doc(
        R"([{"type": "conv2d", "activation": "ReLU", "padding": "SAME"}, {"type": "MAXPOOL2D"}, {"type": "flatten"},
            {"type": "dense", "activation": "Leaky_ReLU"}, {"type": "DENSE", "activation": "SoftMax"},
            {"type": "leakyrelu"}, {"type": "Relu"}, {"type": "tanh"}])",
        R"({"loss": "MSE", "optimizer": {"type": "Adam"}, "dataset": "Fashion_MNIST",
            "early_stopping": {"monitor": "VAL_ACCURACY"}})"));
    QCOMPARE(s.layers[0].type, LayerType::Conv2D);
    QCOMPARE(s.layers[0].activation, Activation::ReLU);
    QCOMPARE(s.layers[0].padding, Padding::Same);
    QCOMPARE(s.layers[1].type, LayerType::MaxPool2D);
    QCOMPARE(s.layers[2].type, LayerType::Flatten);
    QCOMPARE(s.layers[3].activation, Activation::LeakyReLU);
    QCOMPARE(s.layers[4].activation, Activation::Softmax);
    QCOMPARE(s.layers[5].type, LayerType::LeakyReLU);
    QCOMPARE(s.layers[6].type, LayerType::ReLU);
    QCOMPARE(s.layers[7].type, LayerType::Tanh);
    QCOMPARE(s.training.loss, LossType::MeanSquaredError);
    QCOMPARE(s.training.dataset, DatasetKind::FashionMNIST);
    QCOMPARE(s.training.earlyStopping.monitor, Monitor::ValAccuracy);

    QCOMPARE(layerTypeFromName("avgpool2d"), std::optional<LayerType>(LayerType::AvgPool2D));
    QCOMPARE(layerTypeFromName("SIGMOID"), std::optional<LayerType>(LayerType::Sigmoid));
    QVERIFY(!layerTypeFromName("Dense2"));
    QVERIFY(!layerTypeFromName(""));
    QCOMPARE(activationFromName("TANH"), std::optional<Activation>(Activation::Tanh));
    QCOMPARE(activationFromName("none"), std::optional<Activation>(Activation::None));
    QVERIFY(!activationFromName("gelu"));
}

void TstModelSpec::namesAndLists() {
    // Every type there is, each once (a new type is a new row: the list grows, nothing here changes).
    for (LayerType t :
         {LayerType::Dense, LayerType::Conv2D, LayerType::MaxPool2D, LayerType::AvgPool2D, LayerType::Flatten,
          LayerType::Dropout, LayerType::ReLU, LayerType::LeakyReLU, LayerType::Sigmoid, LayerType::Tanh,
          LayerType::Softmax, LayerType::Residual, LayerType::BatchNorm})
        QCOMPARE(std::count(allLayerTypes().begin(), allLayerTypes().end(), t), 1);
    for (LayerType t : allLayerTypes())
        QCOMPARE(layerTypeFromName(layerTypeName(t)), std::optional<LayerType>(t));
    for (Activation a : {Activation::None, Activation::ReLU, Activation::LeakyReLU, Activation::Sigmoid,
                         Activation::Tanh, Activation::Softmax})
        QCOMPARE(activationFromName(activationName(a)), std::optional<Activation>(a));
    QCOMPARE(std::string(layerTypeName(LayerType::Conv2D)), std::string("Conv2D"));
    QCOMPARE(std::string(activationName(Activation::LeakyReLU)), std::string("leaky_relu"));
    QCOMPARE(std::string(lossName(LossType::CrossEntropy)), std::string("cross_entropy"));
    QCOMPARE(std::string(lossName(LossType::MeanSquaredError)), std::string("mse"));
    QCOMPARE(std::string(optimizerName(OptimizerType::RMSprop)), std::string("rmsprop"));
    QCOMPARE(std::string(datasetName(DatasetKind::FashionMNIST)), std::string("fashion_mnist"));
}

void TstModelSpec::makeDefaultsAndSummary() {
    const LayerSpec dense = LayerSpec::make(LayerType::Dense);
    QCOMPARE(dense.units, 64);
    QCOMPARE(dense.activation, Activation::ReLU);
    QCOMPARE(dense.summary(), std::string("64 units, relu"));
    const LayerSpec conv = LayerSpec::make(LayerType::Conv2D);
    QCOMPARE(conv.filters, 32);
    QCOMPARE(conv.kernel, 3);
    QCOMPARE(conv.stride, 1);
    QCOMPARE(conv.padding, Padding::Valid);
    QCOMPARE(conv.summary(), std::string("32 filters 3x3 /1 valid, relu"));
    LayerSpec conv2 = conv;
    conv2.stride = 2;
    conv2.padding = Padding::Same;
    conv2.activation = Activation::None;
    QCOMPARE(conv2.summary(), std::string("32 filters 3x3 /2 same"));
    const LayerSpec pool = LayerSpec::make(LayerType::MaxPool2D);
    QCOMPARE(pool.poolSize, 2);
    QCOMPARE(pool.summary(), std::string("2x2"));
    LayerSpec pool2 = pool;
    pool2.poolSize = 3;
    pool2.stride = 2;
    QCOMPARE(pool2.summary(), std::string("3x3 /2"));
    QCOMPARE(LayerSpec::make(LayerType::Dropout).rate, 0.5f);
    QCOMPARE(LayerSpec::make(LayerType::Dropout).summary(), std::string("rate 0.5"));
    QCOMPARE(LayerSpec::make(LayerType::LeakyReLU).summary(), std::string("alpha 0.01"));
    QCOMPARE(LayerSpec::make(LayerType::Flatten).summary(), std::string());
    QCOMPARE(LayerSpec::make(LayerType::ReLU).summary(), std::string());
    QCOMPARE(LayerSpec::make(LayerType::Softmax).summary(), std::string());
    const LayerSpec bn = LayerSpec::make(LayerType::BatchNorm);
    QCOMPARE(bn.momentum, 0.9f);
    QCOMPARE(bn.epsilon, 0.001f);
    QCOMPARE(bn.summary(), std::string("momentum 0.9"));
    for (LayerType t : allLayerTypes()) QCOMPARE(LayerSpec::make(t).type, t);
}

void TstModelSpec::errors_data() {
    QTest::addColumn<QString>("json");
    QTest::addColumn<QString>("expected");
    QTest::addColumn<int>("layer");
    auto row = [](const char* name, const std::string& json, const QString& expected, int layer = -1) {
        QTest::newRow(name) << QString::fromStdString(json) << expected << layer;
    };
    auto layer = [&](const char* name, const std::string& layerJson, const QString& expected) {
        // The bad layer sits at index 1 after a harmless Flatten.
        row(name, doc("[{\"type\": \"Flatten\"}, " + layerJson + "]"), expected, 1);
    };
    auto training = [&](const char* name, const std::string& trainingJson, const QString& expected) {
        row(name, doc("[]", trainingJson), expected);
    };

    // File-level
    row("syntax", "{\n  \"format\": \"layerlab-model\",\n  \"version\": 1,\n  oops\n}",
        "invalid JSON at line 4, column 3");
    row("syntax trailing comma", "{\"format\": \"layerlab-model\",}", "invalid JSON at line 1");
    row("empty text", "", "invalid JSON at line 1, column 1");
    row("number overflow", doc("[]", R"({"l2": 1e999})"), "invalid JSON");
    row("not an object", "[1, 2]", "not a LayerLab model file");
    row("format missing", R"({"version": 1})",
        "not a LayerLab model file: \"format\" must be \"layerlab-model\"");
    row("format wrong", R"({"format": "keras", "version": 1})",
        "not a LayerLab model file: \"format\" must be \"layerlab-model\"");
    row("version newer", R"({"format": "layerlab-model", "version": 7})",
        "version 7 is newer than this LayerLab supports (1)");
    row("version missing", R"({"format": "layerlab-model"})", "version: missing");
    row("version string", R"({"format": "layerlab-model", "version": "1"})",
        "version: must be a whole number");
    row("version zero", R"({"format": "layerlab-model", "version": 0})", "version: must be a whole number");
    row("name number", doc("[]", "{}", R"(, "name": 5)"), "name: must be a string");
    row("input not object", R"({"format": "layerlab-model", "version": 1, "input": [1, 28, 28]})",
        "input: must be an object");
    row("input height 0",
        R"({"format": "layerlab-model", "version": 1, "input": {"channels": 1, "height": 0, "width": 28}})",
        "input.height: must be a whole number from 1 to 4096, got 0");
    row("input width huge", R"({"format": "layerlab-model", "version": 1, "input": {"width": 5000}})",
        "input.width: must be a whole number from 1 to 4096, got 5000");
    row("input channels negative", R"({"format": "layerlab-model", "version": 1, "input": {"channels": -1}})",
        "input.channels: must be a whole number from 1 to 4096, got -1");
    row("classes 1", R"({"format": "layerlab-model", "version": 1, "classes": 1})",
        "classes: must be a whole number from 2 to 100000, got 1");
    row("layers not array", R"({"format": "layerlab-model", "version": 1, "layers": {"type": "Dense"}})",
        "layers: must be an array");

    // Layers
    row("layer not object", doc("[\"Dense\"]"), "layer 1: must be an object", 0);
    layer("type missing", R"({"units": 5})", "layer 2 type: missing; use one of Dense, Conv2D");
    layer("type number", R"({"type": 3})", "layer 2 type: must be a string");
    row("type unknown", doc(R"([{"type": "Flatten"}, {"type": "Flatten"}, {"type": "Dense2"}])"),
        "layer 3 type: unknown layer type \"Dense2\"; use one of Dense, Conv2D, MaxPool2D, AvgPool2D, "
        "Flatten, Dropout, "
        "ReLU, LeakyReLU, Sigmoid, Tanh, Softmax",
        2);
    row("units negative",
        doc(R"([{"type": "Flatten"}, {"type": "Dense"}, {"type": "Dense"}, {"type": "Dense", "units": -5}])"),
        "layer 4 (Dense) units: must be a whole number from 1 to 100000, got -5", 3);
    layer("units zero", R"({"type": "Dense", "units": 0})",
          "layer 2 (Dense) units: must be a whole number from 1 to 100000, got 0");
    layer("units huge", R"({"type": "Dense", "units": 100001})",
          "layer 2 (Dense) units: must be a whole number from 1 to 100000, got 100001");
    layer("units overflow", R"({"type": "Dense", "units": 99999999999999999999})",
          "layer 2 (Dense) units: must be a whole number");
    layer("units fraction", R"({"type": "Dense", "units": 2.5})",
          "layer 2 (Dense) units: must be a whole number from 1 to 100000, got 2.5");
    layer("units string", R"({"type": "Dense", "units": "64"})",
          "layer 2 (Dense) units: must be a whole number from 1 to 100000, got \"64\"");
    layer("units bool", R"({"type": "Dense", "units": true})",
          "layer 2 (Dense) units: must be a whole number from 1 to 100000, got true");
    layer("filters zero", R"({"type": "Conv2D", "filters": 0})",
          "layer 2 (Conv2D) filters: must be a whole number from 1 to 100000, got 0");
    layer("filters huge", R"({"type": "Conv2D", "filters": 200000})",
          "layer 2 (Conv2D) filters: must be a whole number from 1 to 100000");
    layer("kernel huge", R"({"type": "Conv2D", "kernel": 65})",
          "layer 2 (Conv2D) kernel: must be a whole number from 1 to 64, got 65");
    layer("kernel zero", R"({"type": "Conv2D", "kernel": 0})",
          "layer 2 (Conv2D) kernel: must be a whole number from 1 to 64, got 0");
    layer("conv stride zero", R"({"type": "Conv2D", "stride": 0})",
          "layer 2 (Conv2D) stride: must be a whole number from 1 to 64, got 0");
    layer("padding unknown", R"({"type": "Conv2D", "padding": "full"})",
          "layer 2 (Conv2D) padding: unknown padding \"full\"; use one of valid, same");
    layer("padding number", R"({"type": "Conv2D", "padding": 1})",
          "layer 2 (Conv2D) padding: must be a string");
    layer("activation unknown", R"({"type": "Dense", "activation": "gelu"})",
          "layer 2 (Dense) activation: unknown activation \"gelu\"; use one of none, relu, leaky_relu, "
          "sigmoid, "
          "tanh, softmax");
    layer("activation null", R"({"type": "Conv2D", "activation": null})",
          "layer 2 (Conv2D) activation: must be a string");
    layer("pool size zero", R"({"type": "MaxPool2D", "size": 0})",
          "layer 2 (MaxPool2D) size: must be a whole number from 1 to 64, got 0");
    layer("pool size huge", R"({"type": "AvgPool2D", "size": 65})",
          "layer 2 (AvgPool2D) size: must be a whole number from 1 to 64, got 65");
    layer("pool stride negative", R"({"type": "MaxPool2D", "stride": -1})",
          "layer 2 (MaxPool2D) stride: must be a whole number from 0 to 64, got -1");
    layer("dropout rate 1", R"({"type": "Dropout", "rate": 1})",
          "layer 2 (Dropout) rate: must be a number from 0 up to but not including 1 (e.g. 0.5), got 1");
    layer("dropout rate negative", R"({"type": "Dropout", "rate": -0.1})",
          "layer 2 (Dropout) rate: must be a number from 0 up to but not including 1");
    layer(
        "dropout rate string", R"({"type": "Dropout", "rate": "half"})",
        "layer 2 (Dropout) rate: must be a number from 0 up to but not including 1 (e.g. 0.5), got \"half\"");
    layer("leaky alpha 2", R"({"type": "LeakyReLU", "alpha": 2})",
          "layer 2 (LeakyReLU) alpha: must be a number from 0 to 1 (e.g. 0.01), got 2");
    layer("dense leaky alpha negative", R"({"type": "Dense", "activation": "leaky_relu", "alpha": -1})",
          "layer 2 (Dense) alpha: must be a number from 0 to 1 (e.g. 0.01), got -1");

    // Ids
    const QString idRule = "must be 1 to 64 letters, digits, '_', '-' or '.', such as \"conv1\"";
    layer("id number", R"({"type": "Dense", "id": 3})", "layer 2 (Dense) id: " + idRule + ", got 3");
    layer("id empty", R"({"type": "Dense", "id": ""})", "layer 2 (Dense) id: " + idRule + ", got \"\"");
    layer("id with a space", R"({"type": "Dense", "id": "my layer"})",
          "layer 2 (Dense) id: " + idRule + ", got \"my layer\"");
    layer("id too long", R"({"type": "Dense", "id": ")" + std::string(65, 'a') + "\"}",
          "layer 2 (Dense) id: " + idRule);
    row("ids twice",
        doc(R"([{"type": "Flatten", "id": "a"}, {"type": "Dense", "id": "b"}, {"type": "Dense", "id": "a"}])"),
        "layer 3 (Dense) id: \"a\" is also the id of layer 1 (Flatten): give each layer its own id, or "
        "delete "
        "one of them to get a new one",
        2);
    row("ids twice, one inside a block",
        doc(R"([{"type": "Flatten", "id": "x"}, {"type": "Residual", "layers": [{"type": "Dense", "units": 784, "id": "x"}]}])"),
        "layer 2.1 (Dense) id: \"x\" is also the id of layer 1 (Flatten)", 1);

    // Blocks
    layer("block without layers", R"({"type": "Residual"})",
          "layer 2 (Residual) layers: missing; a Residual block lists its inner layers like the model does: "
          "\"layers\": [...]");
    layer("block layers not array", R"({"type": "Residual", "layers": {"type": "Dense"}})",
          "layer 2 (Residual) layers: must be an array of layer objects");
    layer("inner layer bad",
          R"({"type": "Residual", "layers": [{"type": "Tanh"}, {"type": "Dense", "units": 0}]})",
          "layer 2.2 (Dense) units: must be a whole number from 1 to 100000, got 0");
    layer("inner layer not object", R"({"type": "Residual", "layers": [7]})",
          "layer 2.1: must be an object like {\"type\": \"Dense\", \"units\": 64}, got 7");
    layer("inner type unknown", R"({"type": "Residual", "layers": [{"type": "Densely"}]})",
          "layer 2.1 type: unknown layer type \"Densely\"");
    {
        std::string deep = R"({"type": "Tanh"})";
        for (int i = 0; i < 20; ++i) deep = R"({"type": "Residual", "layers": [)" + deep + "]}";
        layer("blocks nested too deep", deep,
              "layer 2.1.1.1.1.1.1.1.1.1.1.1.1.1.1.1 (Residual) layers: blocks are nested more than 16 deep");
    }

    // Training
    row("training not object", doc("[]", "[]"), "training: must be an object");
    training("loss unknown", R"({"loss": "hinge"})",
             "training.loss: unknown loss \"hinge\"; use one of cross_entropy, mse");
    training("optimizer not object", R"({"optimizer": "adam"})", "training.optimizer: must be an object");
    training("optimizer unknown", R"({"optimizer": {"type": "adamw"}})",
             "training.optimizer.type: unknown optimizer \"adamw\"; use one of adam, sgd, rmsprop, adagrad");
    training("lr zero", R"({"optimizer": {"learning_rate": 0}})",
             "training.optimizer.learning_rate: must be a positive finite number (e.g. 0.001), got 0");
    training("lr negative", R"({"optimizer": {"type": "sgd", "learning_rate": -0.1}})",
             "training.optimizer.learning_rate: must be a positive finite number (e.g. 0.001), got -0.1");
    training("lr beyond float", R"({"optimizer": {"learning_rate": 1e300}})",
             "training.optimizer.learning_rate: must be a positive finite number (e.g. 0.001), got 1e+300");
    training("lr string", R"({"optimizer": {"learning_rate": "fast"}})",
             "training.optimizer.learning_rate: must be a positive finite number (e.g. 0.001), got \"fast\"");
    training("momentum 1", R"({"optimizer": {"type": "sgd", "momentum": 1}})",
             "training.optimizer.momentum: must be a number from 0 up to but not including 1");
    training("nesterov string", R"({"optimizer": {"type": "sgd", "nesterov": "yes"}})",
             "training.optimizer.nesterov: must be true or false, got \"yes\"");
    training("beta1 negative", R"({"optimizer": {"type": "adam", "beta1": -0.5}})",
             "training.optimizer.beta1: must be a number from 0 up to but not including 1");
    training("beta2 1.5", R"({"optimizer": {"type": "adam", "beta2": 1.5}})",
             "training.optimizer.beta2: must be a number from 0 up to but not including 1");
    training("epsilon zero", R"({"optimizer": {"type": "adagrad", "epsilon": 0}})",
             "training.optimizer.epsilon: must be a positive finite number (e.g. 1e-8), got 0");
    training("rho negative", R"({"optimizer": {"type": "rmsprop", "rho": -1}})",
             "training.optimizer.rho: must be a number from 0 up to but not including 1");
    training("l2 negative", R"({"l2": -1})", "training.l2: must be a number from 0 to 1");
    training("batch zero", R"({"batch_size": 0})",
             "training.batch_size: must be a whole number from 1 to 65536, got 0");
    training("batch huge", R"({"batch_size": 65537})",
             "training.batch_size: must be a whole number from 1 to 65536, got 65537");
    training("epochs zero", R"({"epochs": 0})",
             "training.epochs: must be a whole number from 1 to 10000, got 0");
    training("epochs huge", R"({"epochs": 10001})",
             "training.epochs: must be a whole number from 1 to 10000, got 10001");
    training("split too big", R"({"validation_split": 0.95})",
             "training.validation_split: must be a number from 0 to 0.9 (e.g. 0.1), got 0.95");
    training("split negative", R"({"validation_split": -0.1})",
             "training.validation_split: must be a number from 0 to 0.9");
    training("threads negative", R"({"threads": -1})",
             "training.threads: must be a whole number from 0 to 256, got -1");
    training("threads huge", R"({"threads": 257})",
             "training.threads: must be a whole number from 0 to 256, got 257");
    training("seed negative", R"({"seed": -1})", "training.seed: must be a whole number from 0 to");
    training("seed string", R"({"seed": "42"})", "training.seed: must be a whole number from 0 to");
    training("dataset unknown", R"({"dataset": "cifar10"})",
             "training.dataset: unknown dataset \"cifar10\"; use one of mnist, fashion_mnist, subset");
    training("early stopping not object", R"({"early_stopping": true})",
             "training.early_stopping: must be an object");
    training("enabled number", R"({"early_stopping": {"enabled": 1}})",
             "training.early_stopping.enabled: must be true or false, got 1");
    training("patience zero", R"({"early_stopping": {"enabled": true, "patience": 0}})",
             "training.early_stopping.patience: must be a whole number from 1 to 10000, got 0");
    training(
        "monitor unknown", R"({"early_stopping": {"monitor": "accuracy"}})",
        "training.early_stopping.monitor: unknown monitor \"accuracy\"; use one of val_loss, val_accuracy");
    training("restore_best string", R"({"early_stopping": {"restore_best": "no"}})",
             "training.early_stopping.restore_best: must be true or false");
    training("schedule unknown", R"({"lr_schedule": {"type": "exponential"}})",
             "training.lr_schedule.type: unknown schedule \"exponential\"; use one of constant, step, "
             "cosine, plateau");
    training(
        "schedule factor 1", R"({"lr_schedule": {"type": "plateau", "factor": 1}})",
        "training.lr_schedule.factor: must be a number between 0 and 1, both excluded (e.g. 0.2), got 1");
    training(
        "schedule factor 0", R"({"lr_schedule": {"type": "step", "factor": 0}})",
        "training.lr_schedule.factor: must be a number between 0 and 1, both excluded (e.g. 0.2), got 0");
    training("schedule every 0", R"({"lr_schedule": {"type": "step", "every": 0}})",
             "training.lr_schedule.every: must be a whole number from 1 to 10000, got 0");
    training("schedule patience 0", R"({"lr_schedule": {"type": "plateau", "patience": 0}})",
             "training.lr_schedule.patience: must be a whole number from 1 to 10000, got 0");
    training("schedule min_lr negative", R"({"lr_schedule": {"type": "cosine", "min_lr": -1}})",
             "training.lr_schedule.min_lr: must be 0 or a positive finite number (e.g. 0), got -1");
    training(
        "schedule min_lr above rate",
        R"({"optimizer": {"type": "adam", "learning_rate": 0.001}, "lr_schedule": {"type": "cosine", "min_lr": 0.01}})",
        "training.lr_schedule.min_lr: is 0.01 but must be below the learning rate (0.001): lower min_lr, for "
        "example to 0");
}

void TstModelSpec::errors() {
    QFETCH(QString, json);
    QFETCH(QString, expected);
    QFETCH(int, layer);
    try {
        parseModelSpec(json.toStdString());
        QFAIL(qPrintable("no SpecError; expected: " + expected));
    } catch (const SpecError& e) {
        const QString msg = QString::fromUtf8(e.what());
        QVERIFY2(msg.contains(expected),
                 qPrintable("message: " + msg + "\nexpected to contain: " + expected));
        QCOMPARE(e.layerIndex, layer);
        QVERIFY2(!msg.contains('\n'), qPrintable(msg));  // one sentence, one line
    }
}

void TstModelSpec::validateTrainingErrors_data() {
    QTest::addColumn<int>("which");
    QTest::addColumn<QString>("expected");
    QTest::newRow("lr nan")
        << 0 << "training.optimizer.learning_rate: must be a positive finite number (e.g. 0.001), got nan";
    QTest::newRow("lr inf")
        << 1 << "training.optimizer.learning_rate: must be a positive finite number (e.g. 0.001), got inf";
    QTest::newRow("lr negative")
        << 2 << "training.optimizer.learning_rate: must be a positive finite number (e.g. 0.001), got -0.5";
    QTest::newRow("batch 0") << 3 << "training.batch_size: must be a whole number from 1 to 65536, got 0";
    QTest::newRow("batch huge") << 4
                                << "training.batch_size: must be a whole number from 1 to 65536, got 70000";
    QTest::newRow("epochs 0") << 5 << "training.epochs: must be a whole number from 1 to 10000, got 0";
    QTest::newRow("split")
        << 6 << "training.validation_split: must be a number from 0 to 0.9 (e.g. 0.1), got 0.95";
    QTest::newRow("threads") << 7 << "training.threads: must be a whole number from 0 to 256, got -2";
    QTest::newRow("patience")
        << 8 << "training.early_stopping.patience: must be a whole number from 1 to 10000, got 0";
    QTest::newRow("momentum")
        << 9
        << "training.optimizer.momentum: must be a number from 0 up to but not including 1 (e.g. 0.9), got 1";
    QTest::newRow("epsilon")
        << 10 << "training.optimizer.epsilon: must be a positive finite number (e.g. 1e-8), got 0";
    QTest::newRow("l2 nan") << 11 << "training.l2: must be a number from 0 to 1 (e.g. 0.0001), got nan";
    QTest::newRow("rho")
        << 12
        << "training.optimizer.rho: must be a number from 0 up to but not including 1 (e.g. 0.9), got 1.5";
    QTest::newRow("schedule factor")
        << 13
        << "training.lr_schedule.factor: must be a number between 0 and 1, both excluded (e.g. 0.2), got 2";
    QTest::newRow("schedule floor") << 14
                                    << "training.lr_schedule.min_lr: is 0.001 but must be below the learning "
                                       "rate (0.001): lower min_lr, for example to 0";
}

void TstModelSpec::validateTrainingErrors() {
    QFETCH(int, which);
    QFETCH(QString, expected);
    TrainingSpec t;
    switch (which) {
        case 0:
            t.optimizer.learningRate = std::numeric_limits<float>::quiet_NaN();
            break;
        case 1:
            t.optimizer.learningRate = std::numeric_limits<float>::infinity();
            break;
        case 2:
            t.optimizer.learningRate = -0.5f;
            break;
        case 3:
            t.batchSize = 0;
            break;
        case 4:
            t.batchSize = 70000;
            break;
        case 5:
            t.epochs = 0;
            break;
        case 6:
            t.validationSplit = 0.95f;
            break;
        case 7:
            t.threads = -2;
            break;
        case 8:
            t.earlyStopping.patience = 0;
            break;
        case 9:
            t.optimizer.type = OptimizerType::SGD;
            t.optimizer.momentum = 1.0f;
            break;
        case 10:
            t.optimizer.type = OptimizerType::Adagrad;
            t.optimizer.epsilon = 0.0f;
            break;
        case 11:
            t.l2 = std::numeric_limits<float>::quiet_NaN();
            break;
        case 12:
            t.optimizer.type = OptimizerType::RMSprop;
            t.optimizer.rho = 1.5f;
            break;
        case 13:
            t.schedule.type = ScheduleType::Plateau;
            t.schedule.factor = 2.0f;
            break;
        case 14:
            t.schedule.type = ScheduleType::Step;
            t.schedule.minLr = 0.001f;
            break;
    }
    try {
        validateTraining(t);
        QFAIL("no SpecError");
    } catch (const SpecError& e) {
        QCOMPARE(QString::fromUtf8(e.what()), expected);
        QCOMPARE(e.layerIndex, -1);
    }
}

void TstModelSpec::validateTrainingAcceptsDefaults() {
    validateTraining(TrainingSpec{});
    TrainingSpec t;
    t.validationSplit = 0.0f;
    t.threads = 256;
    t.batchSize = 1;
    validateTraining(t);
    // Fields unused by the chosen optimizer or schedule are not checked (the file does not hold them).
    t.optimizer.type = OptimizerType::SGD;
    t.optimizer.beta2 = 7.0f;
    t.schedule.factor = 2.0f;  // the constant schedule has no factor
    validateTraining(t);
}

void TstModelSpec::saveAndLoad() {
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const std::string path = dir.filePath("model.json").toStdString();
    const ModelSpec s = richSpec();
    saveModelSpec(s, path);
    QCOMPARE(loadModelSpec(path), s);
    // Overwrite in place.
    ModelSpec s2 = s;
    s2.name = "second";
    saveModelSpec(s2, path);
    QCOMPARE(loadModelSpec(path), s2);
    QCOMPARE(readText(path), serializeModelSpec(s2));
    QCOMPARE(dirEntries(dir.path()), QStringList{"model.json"});
}

void TstModelSpec::loadErrorsNameThePath() {
    QTemporaryDir dir;
    const std::string missing = dir.filePath("nope.json").toStdString();
    try {
        loadModelSpec(missing);
        QFAIL("no error");
    } catch (const SpecError& e) {
        QVERIFY2(QString(e.what()).contains(QString::fromStdString(missing)), e.what());
        QVERIFY2(QString(e.what()).contains("No such file"), e.what());
    }
    const std::string bad = dir.filePath("bad.json").toStdString();
    writeText(bad, doc(R"([{"type": "Dense", "units": -5}])"));
    try {
        loadModelSpec(bad);
        QFAIL("no error");
    } catch (const SpecError& e) {
        QVERIFY2(QString(e.what()).contains(QString::fromStdString(bad)), e.what());
        QVERIFY2(QString(e.what()).contains("layer 1 (Dense) units: must be"), e.what());
        QCOMPARE(e.layerIndex, 0);
    }
    try {
        loadModelSpec(dir.path().toStdString());  // a directory
        QFAIL("no error");
    } catch (const SpecError& e) {
        QVERIFY2(QString(e.what()).contains(dir.path()), e.what());
    }
}

void TstModelSpec::failedSaveLeavesOldFileIntact() {
    QTemporaryDir dir;
    const std::string path = dir.filePath("model.json").toStdString();
    const ModelSpec old = richSpec();
    saveModelSpec(old, path);
    const std::string before = readText(path);
    ModelSpec big = old;
    big.name = std::string(100000, 'x');
    {
        ScopedFileSizeLimit limit(4096);  // the write of the new, larger file fails part way
        try {
            saveModelSpec(big, path);
            QFAIL("save should have failed");
        } catch (const SpecError& e) {
            QVERIFY2(QString(e.what()).contains(QString::fromStdString(path)), e.what());
        }
    }
    QCOMPARE(readText(path), before);
    QCOMPARE(dirEntries(dir.path()), QStringList{"model.json"});
    // And afterwards saving works again.
    saveModelSpec(big, path);
    QCOMPARE(loadModelSpec(path), big);
}

void TstModelSpec::saveIntoReadOnlyDirFailsCleanly() {
    QTemporaryDir dir;
    const QString sub = dir.filePath("ro");
    QVERIFY(QDir().mkdir(sub));
    const std::string path = (sub + "/model.json").toStdString();
    const ModelSpec old = richSpec();
    saveModelSpec(old, path);
    const std::string before = readText(path);
    QVERIFY(::chmod(sub.toLocal8Bit().constData(), 0555) == 0);
    const bool root = ::geteuid() == 0;
    ModelSpec changed = old;
    changed.name = "changed";
    bool threw = false;
    try {
        saveModelSpec(changed, path);
    } catch (const SpecError& e) {
        threw = true;
        QVERIFY2(QString(e.what()).contains(QString::fromStdString(path)), e.what());
    }
    ::chmod(sub.toLocal8Bit().constData(), 0755);
    if (root) {
        // Root ignores directory permissions; the save succeeds, so only check it left no debris.
        QCOMPARE(dirEntries(sub), QStringList{"model.json"});
        QSKIP(
            "running as root: directory permissions are not enforced (failure paths are covered by other "
            "tests)");
    }
    QVERIFY(threw);
    QCOMPARE(readText(path), before);
    QCOMPARE(dirEntries(sub), QStringList{"model.json"});
}

void TstModelSpec::saveOverDirectoryFailsCleanly() {
    // The rename is the last step; make it fail by putting a non-empty directory where the file should go.
    QTemporaryDir dir;
    const QString target = dir.filePath("model.json");
    QVERIFY(QDir().mkdir(target));
    writeText((target + "/keep").toStdString(), "keep");
    try {
        saveModelSpec(richSpec(), target.toStdString());
        QFAIL("save should have failed");
    } catch (const SpecError& e) {
        QVERIFY2(QString(e.what()).contains(target), e.what());
    }
    QCOMPARE(dirEntries(dir.path()), QStringList{"model.json"});
    QCOMPARE(readText((target + "/keep").toStdString()), std::string("keep"));
    // A missing directory fails cleanly too.
    try {
        saveModelSpec(richSpec(), dir.filePath("no/such/dir/model.json").toStdString());
        QFAIL("save should have failed");
    } catch (const SpecError& e) {
        QVERIFY2(QString(e.what()).contains("no/such/dir/model.json"), e.what());
    }
}

void TstModelSpec::saveKeepsFileMode() {
    QTemporaryDir dir;
    const std::string path = dir.filePath("model.json").toStdString();
    saveModelSpec(ModelSpec{}, path);
    struct stat st {};
    QCOMPARE(::stat(path.c_str(), &st), 0);
    QCOMPARE(int(st.st_mode & 0777), 0644);  // not mkstemp's 0600
    QCOMPARE(::chmod(path.c_str(), 0640), 0);
    saveModelSpec(ModelSpec{}, path);
    QCOMPARE(::stat(path.c_str(), &st), 0);
    QCOMPARE(int(st.st_mode & 0777), 0640);
}

QTEST_APPLESS_MAIN(TstModelSpec)
#include "tst_model_spec.moc"
