#pragma once
// Lesson cards (lab cards): one JSON file per card ("format": "layerlab-lesson", "version": 1), bundled in
// resources/lessons/ and loadable from a teacher's folder. A card teaches one concept: it opens a scenario
// (a model, its training settings and seed, a data subset, the controls that matter), asks the learner to
// predict what its runs will do (multiple choice), runs them (core/lesson_runner.h) and decides which
// answer came true by each choice's CHECK on the measured results (core/lesson_check.h), then explains.
// The format is documented in README ("Lesson cards").
//
// Every text is given in English ("en") and Simplified Chinese ("zh_CN"); a card without a zh_CN text
// reads, with a warning, in English. Reading a card checks everything a run would need, so a broken card is
// refused with one message naming the file, the key and the fix, never half-way through a lesson.
#include <functional>
#include <stdexcept>
#include <string>
#include <vector>

#include "core/lesson_check.h"
#include "core/model_spec.h"

namespace layerlab {

// A card that cannot be read or cannot work. The message starts with the card's file.
struct LessonError : std::runtime_error {
    using std::runtime_error::runtime_error;
};

constexpr int kLessonFormatVersion = 1;

// The concepts a card may teach, in the order the Lessons panel lists them. A card's "concept" is one of
// these ids; concepts without a bundled card yet (weight initialisation, batch normalisation, transfer
// learning, compression) are here so that their cards need no change of the format.
struct LessonConcept {
    const char* id;    // "learning_rate"
    const char* en;    // "Learning rate"
    const char* zhCN;  // "学习率"
};
const std::vector<LessonConcept>& lessonConcepts();
const LessonConcept* lessonConcept(const std::string& id);  // nullptr when unknown

// The studio views an explanation may point at ("views": ["runs", "confusion"]).
struct LessonView {
    const char* id;    // "runs"
    const char* en;    // "Runs tab": a button's text
    const char* zhCN;  // "运行记录页"
};
const std::vector<LessonView>& lessonViews();
const LessonView* lessonView(const std::string& id);

// A text in both languages.
struct LessonText {
    std::string en, zhCN;
    // The text for a UI language: "zh_CN" (or any "zh..." locale name) gives zhCN when there is one, else en.
    const std::string& in(const std::string& language) const;
    bool operator==(const LessonText&) const = default;
};

// Where a card's images come from: its scenario's optional "data" key. Without it the runs train on the
// dataset their settings name (the bundled subset unless they choose another).
struct LessonData {
    enum class Source {
        Settings,  // no "data" key
        Folder,    // "image_folder": "shapes": a folder of class subfolders, relative to the card's file
        Learner    // "image_folder": "learner": the learner's own folder, asked for by the panel (--data DIR)
    };
    Source source = Source::Settings;
    std::string folder;   // Folder: resolved from the card's folder; Learner: empty until one is chosen
    LessonText prompt;    // what the learner should make or choose (optional)
    int minPerClass = 0;  // images (training + test) every class needs; 0: no minimum
    bool imageFolder() const { return source != Source::Settings; }
};

// A run compresses its trained model (the run's optional "compress" key; core/compression.h): int8
// quantization and/or magnitude pruning to a sparsity (no fine-tuning). Its compressed_* metrics read it.
struct LessonCompression {
    bool int8 = false;
    double sparsity = 0;  // 0 <= s < 1
    bool any() const { return int8 || sparsity > 0; }
};

struct LessonRun {
    std::string id;  // "A": what checks call it
    LessonText label;
    std::vector<std::pair<std::string, std::string>> settings;  // resolved key -> value text
    ModelSpec spec;  // the scenario's model with this run's settings
    // "train_per_class": N: trains on N x (the number of classes) training images (train_samples set when
    // the data is known; drawn at random across the classes, so about N of each). 0: as the settings say.
    int trainPerClass = 0;
    LessonCompression compress;
    // "start_from": "A" or {"run": "A", "layers": [1, 3]}: starts from the final weights of an earlier run
    // (an index into the card's runs; -1: fresh weights), copied into its layers of the same type and shape
    // (core/weight_transfer.h), or only into the listed ones (numbered from 1 as in the editor); the other
    // layers start fresh. With "layerN.trainable": false the run fine-tunes on a trained, frozen base.
    int startFrom = -1;
    std::vector<int> startLayers;  // empty: every layer that fits
};

struct LessonChoice {
    std::string id;  // "a"
    LessonText text;
    CheckExpression check;
};

struct LessonCard {
    std::string source;  // the file it was read from (messages name it)
    std::string id;
    std::string conceptId;
    LessonText title, summary, body;
    std::string preset;                 // the preset the scenario starts from ("" for an inline model)
    ModelSpec model;                    // the scenario: the model with the scenario's settings
    std::vector<std::string> controls;  // setting keys that matter (as core/sweep.h names them)
    LessonData data;                    // where the images come from
    std::vector<LessonRun> runs;
    LessonText question;
    std::vector<LessonChoice> choices;
    std::string answer;  // the id of the choice whose check the runs are expected to make true
    LessonText explanation;
    std::vector<std::string> views;  // LessonView ids
    LessonText tryNext;
    std::vector<std::string> warnings;  // e.g. a text without zh_CN

    int choiceIndex(const std::string& choiceId) const;  // -1 when none has it
    int runIndex(const std::string& runId) const;
};

// Model file text (JSON) of a bundled preset by id ("mlp"); throws or returns "" when there is none.
using PresetSource = std::function<std::string(const std::string& presetId)>;
// Presets from <resources>/presets/<id>.json (core/data_location.h resourcesDir()).
PresetSource presetsFromResources();

// Reads one card. `source` names it in messages (a path or ":/lessons/x.json"). Throws LessonError:
//   lessons/lr.json: runs[1].settings: unknown setting "lrr": use lr, batch, ...
//   lessons/lr.json: question.choices[0].check: unknown metric "final_los" at character 3: did you mean ...
LessonCard parseLessonCard(const std::string& jsonText, const std::string& source,
                           const PresetSource& presets);
LessonCard loadLessonCard(const std::string& path, const PresetSource& presets);

// Every *.json card in a folder, sorted by concept order, then title. A card that cannot be read goes to
// *errors (one message each) and the others are still returned; two cards with the same id: the later file
// is refused, naming both.
std::vector<LessonCard> loadLessonFolder(const std::string& dir, const PresetSource& presets,
                                         std::vector<std::string>* errors);
// Sorts cards by the concept table's order, then by English title.
void sortLessonCards(std::vector<LessonCard>& cards);

// The bundled cards' folder: <resources>/lessons.
std::string bundledLessonsDir();

// Points an image-folder card (data.imageFolder()) at `folder`: every run and the scenario train on it
// (training.dataset "image_folder", training.data_folder the folder, the card's own import settings), and
// their output layer is sized to the folder's classes. Reads only the folder's layout (no decoding), so a
// missing folder, an empty one, a single class, or a class below data.minPerClass is refused at once:
// throws DataError with one sentence naming the problem and the fix. For a card on the bundled subset:
// throws LessonError.
void useLessonImageFolder(LessonCard& card, const std::string& folder);

// The weights run `run` starts from: empty (fresh) without start_from; else its model freshly initialised
// (its seed) with `sourceParams` (the final weights of run startFrom) copied into the layers start_from
// names. Throws SpecError when sourceParams does not fit that run's model.
std::vector<float> lessonStartParams(const LessonCard& card, int run, const std::vector<float>& sourceParams);

// Sets spec's class count and its last top-level Dense layer's units to `classes`.
void fitOutputClasses(ModelSpec& spec, int classes);

}  // namespace layerlab
