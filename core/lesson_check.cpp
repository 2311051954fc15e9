#include "core/lesson_check.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdlib>
#include <limits>
#include <stdexcept>

#include "core/spec_field.h"

namespace layerlab {

const std::vector<LessonMetricInfo>& lessonMetrics() {
    static const std::vector<LessonMetricInfo> metrics = {
        {"diverged", "1 when a NaN, infinite or exploded loss ended the run, else 0"},
        {"stopped_early", "1 when early stopping ended the run, else 0"},
        {"epochs", "epochs finished"},
        {"steps", "optimizer steps taken (batches trained)"},
        {"initial_loss", "the loss of the first batch, before any weight changed"},
        {"first_train_loss", "the mean training loss of epoch 1"},
        {"final_train_loss", "the mean training loss of the last finished epoch"},
        {"final_train_accuracy", "the training accuracy of the last finished epoch (0 to 1)"},
        {"final_val_loss", "the validation loss after the last finished epoch"},
        {"final_val_accuracy", "the validation accuracy after the last finished epoch (0 to 1)"},
        {"best_val_loss", "the lowest validation loss of any epoch"},
        {"best_val_accuracy", "the highest validation accuracy of any epoch (0 to 1)"},
        {"best_val_loss_epoch", "the epoch (from 1) with the lowest validation loss"},
        {"gap", "final_train_accuracy - final_val_accuracy: how much better it does on what it trained on"},
        {"last_batch_loss", "the loss of the last batch trained"},
        {"test_loss", "the loss on the test set with the weights the run ended with"},
        {"test_accuracy", "the accuracy on the test set with the weights the run ended with (0 to 1)"},
        {"seconds", "training time in seconds"},
        {"parameters", "the model's number of parameters (weights and biases)"},
        {"weight_norm",
         "the length of the weight vector at the end, sqrt(sum of w^2) over the weights (not biases)"},
        {"compressed_test_accuracy",
         "the test accuracy of the run's model compressed as its \"compress\" says (0 to 1; none without "
         "it)"},
        {"agreement",
         "the share of test images the compressed model predicts as the run's float32 model does (0 to 1)"},
        {"compressed_kb", "the compressed model's size as stored, in KB (1 KB = 1,000 bytes)"},
        {"float_kb", "the float32 model's size as stored, in KB: 4 bytes per parameter"},
        {"saliency_on_ink",
         "the share of the saliency (|d score / d pixel|, summed) that falls on the digit's ink, over the "
         "first "
         "20 test images: about 0.19 when it is spread evenly"},
    };
    return metrics;
}

namespace {

enum class Op {
    Number,
    Metric,
    Neg,
    Not,
    Add,
    Sub,
    Mul,
    Div,
    Less,
    LessEq,
    Greater,
    GreaterEq,
    Equal,
    NotEqual,
    And,
    Or,
    Abs,
    Min,
    Max,
    Ln,
    Sqrt,
    IsNan
};

struct Function {
    const char* name;
    Op op;
    int arity;
};
const Function kFunctions[] = {{"abs", Op::Abs, 1}, {"min", Op::Min, 2},   {"max", Op::Max, 2},
                               {"ln", Op::Ln, 1},   {"sqrt", Op::Sqrt, 1}, {"isnan", Op::IsNan, 1}};

std::string functionList() {
    std::string s;
    for (const Function& f : kFunctions) s += (s.empty() ? "" : ", ") + std::string(f.name) + "()";
    return s;
}

bool truth(double v) {
    return v != 0 && !std::isnan(v);
}

}  // namespace

struct CheckExpression::Node {
    Op op = Op::Number;
    double value = 0;
    std::string run, metric;
    int a = -1, b = -1;
};

// Recursive descent over the text; nodes go into the expression's vector, children before parents.
class CheckParser {
public:
    CheckParser(CheckExpression& e, const std::vector<std::string>& runs) : m_e(e), m_runs(runs) {}

    void parse() {
        skip();
        if (atEnd()) fail(0, "the check is empty", "write a condition such as A.final_train_loss < 0.5");
        m_e.m_root = parseOr();
        skip();
        if (!atEnd())
            fail(m_pos, "unexpected \"" + rest() + "\"",
                 "join conditions with and/or, and close every parenthesis you open");
    }

private:
    using Node = CheckExpression::Node;

    [[noreturn]] void fail(std::size_t at, const std::string& problem, const std::string& fix) const {
        throw std::invalid_argument(problem + " at character " + std::to_string(at + 1) + ": " + fix);
    }
    const std::string& text() const { return m_e.m_text; }
    bool atEnd() const { return m_pos >= text().size(); }
    std::string rest() const {
        std::string r = text().substr(m_pos, 20);
        return r;
    }
    void skip() {
        while (!atEnd() && std::isspace(static_cast<unsigned char>(text()[m_pos]))) ++m_pos;
    }
    bool peek(const char* s) {
        skip();
        return text().compare(m_pos, std::char_traits<char>::length(s), s) == 0;
    }
    bool accept(const char* s) {
        if (!peek(s)) return false;
        m_pos += std::char_traits<char>::length(s);
        return true;
    }
    // A keyword ("and", "or", "not") is a whole word.
    bool acceptWord(const char* w) {
        skip();
        const std::size_t n = std::char_traits<char>::length(w);
        if (text().compare(m_pos, n, w) != 0) return false;
        const std::size_t end = m_pos + n;
        if (end < text().size() &&
            (std::isalnum(static_cast<unsigned char>(text()[end])) || text()[end] == '_'))
            return false;
        m_pos = end;
        return true;
    }
    int add(Node n) {
        m_e.m_nodes.push_back(std::move(n));
        return int(m_e.m_nodes.size()) - 1;
    }
    int binary(Op op, int a, int b) {
        Node n;
        n.op = op;
        n.a = a;
        n.b = b;
        return add(std::move(n));
    }

    int parseOr() {
        int left = parseAnd();
        while (acceptWord("or") || accept("||")) left = binary(Op::Or, left, parseAnd());
        return left;
    }
    int parseAnd() {
        int left = parseNot();
        while (acceptWord("and") || accept("&&")) left = binary(Op::And, left, parseNot());
        return left;
    }
    int parseNot() {
        if (acceptWord("not") || (peek("!") && !peek("!=") && accept("!")))
            return binary(Op::Not, parseNot(), -1);
        return parseCompare();
    }
    int parseCompare() {
        const int left = parseSum();
        struct Cmp {
            const char* s;
            Op op;
        };
        // Two-character operators first.
        static const Cmp cmps[] = {{"<=", Op::LessEq},   {">=", Op::GreaterEq}, {"==", Op::Equal},
                                   {"!=", Op::NotEqual}, {"<", Op::Less},       {">", Op::Greater}};
        for (const Cmp& c : cmps)
            if (accept(c.s)) {
                const int right = parseSum();
                skip();
                for (const Cmp& d : cmps)
                    if (peek(d.s))
                        fail(m_pos, "comparisons cannot be chained",
                             "write a < b and b < c instead of a < b < c");
                return binary(c.op, left, right);
            }
        if (accept("=")) fail(m_pos - 1, "a single \"=\"", "compare with == (or <=, >=)");
        return left;
    }
    int parseSum() {
        int left = parseProduct();
        for (;;) {
            if (accept("+"))
                left = binary(Op::Add, left, parseProduct());
            else if (accept("-"))
                left = binary(Op::Sub, left, parseProduct());
            else
                return left;
        }
    }
    int parseProduct() {
        int left = parseUnary();
        for (;;) {
            if (accept("*"))
                left = binary(Op::Mul, left, parseUnary());
            else if (accept("/"))
                left = binary(Op::Div, left, parseUnary());
            else
                return left;
        }
    }
    int parseUnary() {
        if (accept("-")) return binary(Op::Neg, parseUnary(), -1);
        return parseAtom();
    }

    std::string word() {
        std::string w;
        while (!atEnd() && (std::isalnum(static_cast<unsigned char>(text()[m_pos])) || text()[m_pos] == '_'))
            w += text()[m_pos++];
        return w;
    }

    std::string runList() const {
        std::string s;
        for (const std::string& r : m_runs) s += (s.empty() ? "" : ", ") + r;
        return s;
    }

    int parseAtom() {
        skip();
        if (atEnd()) fail(m_pos, "the check ends too early", "finish the condition");
        const std::size_t start = m_pos;
        const char c = text()[m_pos];
        if (accept("(")) {
            const int inner = parseOr();
            if (!accept(")")) fail(m_pos, "a \"(\" is not closed", "add \")\"");
            return inner;
        }
        if (std::isdigit(static_cast<unsigned char>(c)) || c == '.') {
            const char* begin = text().c_str() + m_pos;
            char* end = nullptr;
            const double v = std::strtod(begin, &end);
            if (end == begin) fail(start, "a number is malformed", "write numbers as 2, 0.5 or 1e-3");
            m_pos += std::size_t(end - begin);
            Node n;
            n.value = v;
            return add(std::move(n));
        }
        if (!std::isalpha(static_cast<unsigned char>(c)) && c != '_')
            fail(start, "unexpected \"" + rest() + "\"",
                 "write a number, RUN.metric (e.g. A.final_val_loss), a function or \"(\"");
        const std::string name = word();
        if (name == "true" || name == "false") {
            Node n;
            n.value = name == "true" ? 1 : 0;
            return add(std::move(n));
        }
        if (name == "and" || name == "or" || name == "not")
            fail(start, "\"" + name + "\" where a value belongs", "put a condition on both sides of and/or");
        if (accept("(")) {
            const Function* f = nullptr;
            for (const Function& g : kFunctions)
                if (name == g.name) f = &g;
            if (!f) fail(start, "unknown function \"" + name + "\"", "use one of " + functionList());
            std::vector<int> args;
            if (!accept(")")) {
                do args.push_back(parseOr());
                while (accept(","));
                if (!accept(")")) fail(m_pos, "the arguments of " + name + "() are not closed", "add \")\"");
            }
            if (int(args.size()) != f->arity)
                fail(start,
                     name + "() takes " + std::to_string(f->arity) + " argument" +
                         (f->arity == 1 ? "" : "s") + ", got " + std::to_string(args.size()),
                     "e.g. " + std::string(f->arity == 1 ? name + "(A.final_val_loss)"
                                                         : name + "(A.test_accuracy, B.test_accuracy)"));
            return binary(f->op, args[0], f->arity > 1 ? args[1] : -1);
        }
        if (!accept("."))
            fail(start, "\"" + name + "\" is not a value",
                 "name a run's result as RUN.metric (this card's runs are " + runList() + "), e.g. " +
                     (m_runs.empty() ? std::string("A") : m_runs.front()) + ".final_val_loss");
        const std::size_t metricAt = m_pos;
        const std::string metric = word();
        if (std::find(m_runs.begin(), m_runs.end(), name) == m_runs.end())
            fail(start, "unknown run \"" + name + "\"", "this card's runs are " + runList());
        std::vector<std::string> names;
        for (const LessonMetricInfo& m : lessonMetrics()) names.push_back(m.name);
        if (std::find(names.begin(), names.end(), metric) == names.end()) {
            const std::string close = closestKey(metric, names);
            std::string all;
            for (const std::string& n : names) all += (all.empty() ? "" : ", ") + n;
            fail(metricAt, "unknown metric \"" + metric + "\"",
                 close.empty() ? "use one of " + all
                               : "did you mean \"" + close + "\"? (metrics: " + all + ")");
        }
        Node n;
        n.op = Op::Metric;
        n.run = name;
        n.metric = metric;
        return add(std::move(n));
    }

    CheckExpression& m_e;
    const std::vector<std::string>& m_runs;
    std::size_t m_pos = 0;
};

CheckExpression::CheckExpression() = default;
CheckExpression::~CheckExpression() = default;
CheckExpression::CheckExpression(const CheckExpression&) = default;
CheckExpression& CheckExpression::operator=(const CheckExpression&) = default;

CheckExpression CheckExpression::parse(const std::string& text, const std::vector<std::string>& runIds) {
    CheckExpression e;
    e.m_text = text;
    CheckParser(e, runIds).parse();
    return e;
}

double CheckExpression::evaluate(const Lookup& lookup) const {
    if (m_root < 0) return std::numeric_limits<double>::quiet_NaN();
    // Children come before their parents in m_nodes, so one pass in order evaluates everything.
    std::vector<double> v(m_nodes.size());
    for (std::size_t i = 0; i < m_nodes.size(); ++i) {
        const Node& n = m_nodes[i];
        const double a = n.a >= 0 ? v[std::size_t(n.a)] : 0, b = n.b >= 0 ? v[std::size_t(n.b)] : 0;
        double r = 0;
        switch (n.op) {
            case Op::Number:
                r = n.value;
                break;
            case Op::Metric:
                r = lookup(n.run, n.metric);
                break;
            case Op::Neg:
                r = -a;
                break;
            case Op::Not:
                r = truth(a) ? 0 : 1;
                break;
            case Op::Add:
                r = a + b;
                break;
            case Op::Sub:
                r = a - b;
                break;
            case Op::Mul:
                r = a * b;
                break;
            case Op::Div:
                r = a / b;
                break;
            case Op::Less:
                r = a < b;
                break;
            case Op::LessEq:
                r = a <= b;
                break;
            case Op::Greater:
                r = a > b;
                break;
            case Op::GreaterEq:
                r = a >= b;
                break;
            case Op::Equal:
                r = a == b;
                break;
            case Op::NotEqual:
                r = !(std::isnan(a) || std::isnan(b)) && a != b;
                break;
            case Op::And:
                r = truth(a) && truth(b);
                break;
            case Op::Or:
                r = truth(a) || truth(b);
                break;
            case Op::Abs:
                r = std::fabs(a);
                break;
            case Op::Min:
                r = std::isnan(a) || std::isnan(b) ? std::numeric_limits<double>::quiet_NaN()
                                                   : std::min(a, b);
                break;
            case Op::Max:
                r = std::isnan(a) || std::isnan(b) ? std::numeric_limits<double>::quiet_NaN()
                                                   : std::max(a, b);
                break;
            case Op::Ln:
                r = std::log(a);
                break;
            case Op::Sqrt:
                r = std::sqrt(a);
                break;
            case Op::IsNan:
                r = std::isnan(a);
                break;
        }
        v[i] = r;
    }
    return v[std::size_t(m_root)];
}

bool CheckExpression::holds(const Lookup& lookup) const {
    return truth(evaluate(lookup));
}

std::vector<std::string> CheckExpression::references() const {
    std::vector<std::string> out;
    for (const Node& n : m_nodes)
        if (n.op == Op::Metric) {
            const std::string r = n.run + "." + n.metric;
            if (std::find(out.begin(), out.end(), r) == out.end()) out.push_back(r);
        }
    return out;
}

}  // namespace layerlab
