#pragma once
// The check of a lesson card's answer (core/lesson_card.h): a small expression over the measured results of
// the card's runs, e.g.
//     A.diverged or A.final_train_loss > 2 * A.initial_loss
//     B.best_val_loss_epoch < B.epochs and B.test_accuracy > A.test_accuracy + 0.02
//     abs(A.initial_loss - ln(10)) < 0.3
// Grammar (lowest precedence first):
//     or:   and ("or" and)*
//     and:  not ("and" not)*
//     not:  "not" not | cmp
//     cmp:  sum [("<" | "<=" | ">" | ">=" | "==" | "!=") sum]
//     sum:  prod (("+" | "-") prod)*
//     prod: unary (("*" | "/") unary)*
//     unary: "-" unary | atom
//     atom: NUMBER | "true" | "false" | RUN "." METRIC | FUNCTION "(" args ")" | "(" or ")"
// Functions: abs(x), min(x, y), max(x, y), ln(x), sqrt(x), isnan(x). A truth value is 1 or 0; any other
// number is true when it is neither 0 nor NaN. A comparison with NaN is false (a run that diverged has no
// final validation loss: test it with RUN.diverged or isnan(...)).
// The metrics a check may read are listed by lessonMetrics() (core/lesson_runner.h defines how each is
// measured). Parsing checks every run id and metric name, so a typo is found when the card is read, not
// after the runs.
#include <functional>
#include <memory>
#include <string>
#include <vector>

namespace layerlab {

// One metric a check can read, e.g. "final_val_loss".
struct LessonMetricInfo {
    const char* name;
    const char* meaning;  // one line for README and error messages
};
const std::vector<LessonMetricInfo>& lessonMetrics();

class CheckExpression {
public:
    CheckExpression();
    ~CheckExpression();
    CheckExpression(const CheckExpression&);
    CheckExpression& operator=(const CheckExpression&);

    // Parses `text`; runIds are the card's run ids ("A", "B"). Throws std::invalid_argument with one
    // sentence naming the problem, where it is ("at character 14") and the fix.
    static CheckExpression parse(const std::string& text, const std::vector<std::string>& runIds);

    // The value of a metric of a run, NaN when the run has no such value (e.g. no epoch finished).
    using Lookup = std::function<double(const std::string& run, const std::string& metric)>;
    double evaluate(const Lookup& lookup) const;
    bool holds(const Lookup& lookup) const;  // evaluate() is neither 0 nor NaN

    const std::string& text() const { return m_text; }
    // The run.metric pairs it reads, in order of first use: "A.final_train_loss".
    std::vector<std::string> references() const;

private:
    struct Node;
    std::string m_text;
    std::vector<Node> m_nodes;
    int m_root = -1;
    friend class CheckParser;
};

}  // namespace layerlab
