// layerlab-cli lesson: lists the lesson cards, or runs one headless (core/lesson_runner.h) and says what
// happened: the card's question, a line per run, the answer whose check came true, what was measured, the
// explanation and what to try next.
#include <sys/stat.h>

#include <cstdio>
#include <cstdlib>
#include <iostream>
#include <string>
#include <vector>

#include "app/cli/cli_common.h"
#include "app/cli/cli_text.h"
#include "app/cli/commands.h"
#include "core/data_location.h"
#include "core/dataset.h"
#include "core/image_folder.h"
#include "core/lesson_card.h"
#include "core/lesson_runner.h"

namespace layerlab::cli {

namespace {

QString lessonHelp() {
    return Cli::tr(R"(usage: layerlab-cli lesson [CARD] [--cards DIR] [--answer ID] [--lang en|zh_CN]
                           [--data DIR] [--check] [--json]

Without CARD: lists the lesson cards (the bundled ones and those of --cards DIR) by concept, with their ids.
With CARD (a card's id, or a card file): prints the card's question and choices, trains its runs on the bundled
MNIST subset (or the card's dataset), one line per run, then the answer whose check came true, the figures
the checks read, the explanation and what to try next. The runs are not recorded. The card format is in the
README ("Writing a lesson card").
  --cards DIR  also read the cards in this folder (a card with a bundled card's id replaces it)
  --answer ID  your prediction (a choice's id): says whether it was right
  --lang L     the cards' language, en or zh_CN (default: the UI language, see 'layerlab-cli --help')
  --data DIR   where MNIST or Fashion-MNIST is, for a card that asks for one of them; for a card on an image
               folder, the folder (one subfolder per class): the learner's own, or instead of the card's
  --check      for card writers: exit 1 unless exactly one check came true and it is the card's answer
  --json       one JSON object: card, runs (id, label, metrics), choices (id, holds), happened, answer, right
Exit codes: 0 done (and, with --check, the documented answer came true); 1 with --check, it did not, or a run
failed; 2 an unknown or broken card, or a bad option.
)");
}

bool isDirectory(const std::string& path) {
    struct stat st {};
    return ::stat(path.c_str(), &st) == 0 && S_ISDIR(st.st_mode);
}

std::vector<LessonCard> readCards(const std::string& extra) {
    std::vector<std::string> errors;
    std::vector<LessonCard> cards = loadLessonFolder(bundledLessonsDir(), presetsFromResources(), &errors);
    if (!extra.empty()) {
        if (!isDirectory(extra))
            throw UsageError(fmt(Cli::tr("--cards: %1 is not a folder: give a folder of cards"), extra));
        for (LessonCard& c : loadLessonFolder(extra, presetsFromResources(), &errors)) {
            auto same =
                std::find_if(cards.begin(), cards.end(), [&](const LessonCard& b) { return b.id == c.id; });
            if (same != cards.end())
                *same = std::move(c);
            else
                cards.push_back(std::move(c));
        }
        sortLessonCards(cards);
    }
    for (const std::string& e : errors) std::cerr << fmt(Cli::tr("warning: %1"), coreText(e)) << "\n";
    return cards;
}

std::string conceptName(const std::string& id, const std::string& lang) {
    const LessonConcept* c = lessonConcept(id);
    if (!c) return id;
    return lang == "zh_CN" ? c->zhCN : c->en;
}

}  // namespace

int cmdLesson(int argc, char** argv) {
    const Args a = parseArgs(argc, argv, 2, {"--cards", "--answer", "--lang", "--data"}, {"--check"}, true);
    if (a.help) {
        std::cout << str(lessonHelp());
        return 0;
    }
    if (a.positional.size() > 1)
        throw UsageError(str(Cli::tr("give one card (an id or a file): see --help")));
    const std::string lang = optionValue(a, "--lang", str(language()));  // the UI language by default
    if (lang != "en" && lang != "zh_CN")
        throw UsageError(fmt(Cli::tr("--lang: use en or zh_CN, got '%1'"), lang));
    const std::vector<LessonCard> cards = readCards(optionValue(a, "--cards"));

    if (a.positional.empty()) {
        if (a.json) {
            nlohmann::ordered_json j = nlohmann::ordered_json::array();
            for (const LessonCard& c : cards)
                j.push_back({{"id", c.id},
                             {"concept", c.conceptId},
                             {"title", c.title.in(lang)},
                             {"summary", c.summary.in(lang)},
                             {"source", c.source}});
            std::printf("%s\n", readableJson({{"cards", j}}).c_str());
            return 0;
        }
        std::string group;
        for (const LessonCard& c : cards) {
            if (c.conceptId != group) {
                group = c.conceptId;
                std::printf("%s\n", conceptName(group, lang).c_str());
            }
            std::printf("  %-24s %s\n", c.id.c_str(), c.title.in(lang).c_str());
        }
        return 0;
    }

    // The card: an id, else a file.
    const std::string which = a.positional.front();
    LessonCard card;
    auto found = std::find_if(cards.begin(), cards.end(), [&](const LessonCard& c) { return c.id == which; });
    if (found != cards.end()) {
        card = *found;
    } else if (which.find('/') != std::string::npos ||
               (which.size() > 5 && which.substr(which.size() - 5) == ".json")) {
        try {
            card = loadLessonCard(which, presetsFromResources());
        } catch (const LessonError& e) {
            throw UsageError(coreText(e.what()));
        }
    } else {
        throw UsageError(fmt(Cli::tr("no lesson card '%1': run 'layerlab-cli lesson' for the list"), which));
    }
    int chosen = -1;
    if (a.values.count("--answer")) {
        chosen = card.choiceIndex(a.values.at("--answer"));
        if (chosen < 0) {
            std::string ids;
            for (const LessonChoice& c : card.choices) ids += (ids.empty() ? "" : ", ") + c.id;
            throw UsageError(
                fmt(Cli::tr("--answer: '%1' is not one of the choices (%2)"), a.values.at("--answer"), ids));
        }
    }
    std::string note;
    Dataset data;
    if (card.data.imageFolder()) {
        // The card's folder, the learner's (--data), or a folder given instead of the card's.
        const std::string folder = optionValue(a, "--data", card.data.folder);
        if (folder.empty())
            throw UsageError(
                fmt(Cli::tr("card '%1' trains on your own images: give their folder with --data DIR "
                            "(one subfolder per class; draw them with File > New Dataset… in the "
                            "studio)"),
                    card.id));
        useLessonImageFolder(card, folder);  // DataError: missing, empty, one class, too few per class
        ImageFolderReport report;
        data = loadImageFolder(card.data.folder, card.model.training.imageImport, &report);
        if (!a.json) {
            for (const ImageFolderIssue& i : report.skipped)
                std::fprintf(stderr, "%s\n",
                             fmt(Cli::tr("note: skipped %1: %2"), i.path, coreText(i.reason)).c_str());
            if (!report.imbalance.empty())
                std::fprintf(stderr, "%s\n", fmt(Cli::tr("warning: %1"), coreText(report.imbalance)).c_str());
        }
    } else {
        data = loadDatasetOrSubset(card.runs.front().spec.training.dataset, optionValue(a, "--data"), &note);
    }
    if (!note.empty() && !a.json) std::fprintf(stderr, "%s\n", coreText(note).c_str());

    if (!a.json) {
        std::printf("%s: %s\n\n%s\n\n%s\n", conceptName(card.conceptId, lang).c_str(),
                    card.title.in(lang).c_str(), card.body.in(lang).c_str(), card.question.in(lang).c_str());
        for (const LessonChoice& c : card.choices)
            std::printf("  %s) %s\n", c.id.c_str(), c.text.in(lang).c_str());
        std::printf("\n");
        std::fflush(stdout);
    }
    const LessonOutcome out = runLesson(card, data, [&](int i, const LessonRunMetrics& m) {
        if (a.json) return;
        const LessonRun& r = card.runs[std::size_t(i)];
        std::printf("%s\n", fmt(Cli::tr("run %1 (%2): %3 Test accuracy %4."), r.id, r.label.in(lang),
                                coreText(m.result.message), percent(m.result.testAccuracy))
                                .c_str());
        if (!m.compressedName.empty())
            std::printf("  %s\n", fmt(Cli::tr("compressed (%1): test accuracy %2, %3 KB instead of %4 KB."),
                                      m.compressedName, percent(m.compressedAccuracy),
                                      fixed(m.compressedBytes / 1000, 1), fixed(m.floatBytes / 1000, 1))
                                      .c_str());
        std::fflush(stdout);
    });
    if (!out.error.empty()) {
        std::cerr << fmt(Cli::tr("error: %1"), coreText(out.error)) << "\n";
        return 1;
    }
    const LessonVerdict& v = out.verdict;
    const bool documented = v.settled() && card.choices[std::size_t(v.happened)].id == card.answer;
    if (a.json) {
        nlohmann::ordered_json runs = nlohmann::ordered_json::array();
        for (std::size_t i = 0; i < out.runs.size(); ++i) {
            nlohmann::ordered_json metrics = nlohmann::ordered_json::object();
            for (const LessonMetricInfo& m : lessonMetrics())
                metrics[m.name] = number(out.runs[i].metric(m.name));
            runs.push_back(
                {{"id", card.runs[i].id}, {"label", card.runs[i].label.in(lang)}, {"metrics", metrics}});
        }
        nlohmann::ordered_json choices = nlohmann::ordered_json::array();
        for (std::size_t i = 0; i < card.choices.size(); ++i)
            choices.push_back({{"id", card.choices[i].id},
                               {"check", card.choices[i].check.text()},
                               {"holds", bool(v.holds[i])}});
        nlohmann::ordered_json j = {
            {"card", card.id},
            {"runs", runs},
            {"choices", choices},
            {"happened", v.settled() ? nlohmann::ordered_json(card.choices[std::size_t(v.happened)].id)
                                     : nlohmann::ordered_json()},
            {"answer", card.answer},
            {"right", chosen < 0 ? nlohmann::ordered_json() : nlohmann::ordered_json(v.right(chosen))}};
        std::printf("%s\n", readableJson(j).c_str());
    } else {
        std::printf("\n");
        if (v.settled())
            std::printf("%s\n",
                        fmt(Cli::tr("What happened: %1) %2"), card.choices[std::size_t(v.happened)].id,
                            card.choices[std::size_t(v.happened)].text.in(lang))
                            .c_str());
        else
            std::printf("%s\n",
                        str(std::count(v.holds.begin(), v.holds.end(), true) == 0
                                ? Cli::tr("The runs did not settle it: none of the answers came true.")
                                : Cli::tr("The runs did not settle it: more than one of the answers came "
                                          "true."))
                            .c_str());
        if (chosen >= 0)
            std::printf("%s\n", fmt(v.right(chosen) ? Cli::tr("Your prediction (%1) was right.")
                                                    : Cli::tr("Your prediction (%1) was not right."),
                                    card.choices[std::size_t(chosen)].id)
                                    .c_str());
        std::printf("%s\n", str(Cli::tr("Measured:")).c_str());
        for (const std::string& e : lessonEvidence(card, out.runs)) std::printf("  %s\n", e.c_str());
        std::printf("\n%s\n\n%s\n", card.explanation.in(lang).c_str(),
                    fmt(Cli::tr("Try next: %1"), card.tryNext.in(lang)).c_str());
    }
    if (a.flags.count("--check") && !documented) {
        std::cerr << (v.settled()
                          ? fmt(Cli::tr("check: the documented answer '%1' did not come true ('%2' did)"),
                                card.answer, card.choices[std::size_t(v.happened)].id)
                          : fmt(Cli::tr("check: the documented answer '%1' did not come true (no single "
                                        "answer did)"),
                                card.answer))
                  << "\n";
        return 1;
    }
    return 0;
}

}  // namespace layerlab::cli
