// The concepts lesson cards teach, the views they point at (both in English and Chinese), and the small
// members of LessonText and LessonCard. Reading cards from JSON is in lesson_card.cpp.
#include <string>
#include <vector>

#include "core/lesson_card.h"

namespace layerlab {

const std::vector<LessonConcept>& lessonConcepts() {
    static const std::vector<LessonConcept> concepts = {
        {"forward_backward", "Forward and backward pass", "前向传播与反向传播"},
        {"activation_functions", "Activation functions", "激活函数"},
        {"loss_functions", "Loss functions", "损失函数"},
        {"optimizers", "Optimizers", "优化器"},
        {"learning_rate", "Learning rate", "学习率"},
        {"batch_size", "Batch size", "批大小"},
        {"epochs", "Epochs", "迭代轮数"},
        {"weight_init", "Weight initialisation", "权重初始化"},
        {"data_split", "Training, validation and test sets", "训练集、验证集与测试集"},
        {"overfitting", "Overfitting", "过拟合"},
        {"l2", "L2 regularisation", "L2正则化"},
        {"dropout", "Dropout", "Dropout"},
        {"early_stopping", "Early stopping", "早停"},
        {"batch_norm", "Batch normalisation", "批归一化"},
        {"data_augmentation", "Data augmentation", "数据增强"},
        {"convolution_pooling", "Convolution and pooling", "卷积与池化"},
        {"transfer_learning", "Transfer learning", "迁移学习"},
        {"explainability", "Explainability", "可解释性"},
        {"compression", "Model compression", "模型压缩"},
        {"run_comparison", "Comparing runs", "对比实验"},
    };
    return concepts;
}

const LessonConcept* lessonConcept(const std::string& id) {
    for (const LessonConcept& c : lessonConcepts())
        if (id == c.id) return &c;
    return nullptr;
}

const std::vector<LessonView>& lessonViews() {
    static const std::vector<LessonView> views = {
        {"model", "Model tab", "模型页"},
        {"training", "Training tab", "训练页"},
        {"training_settings", "Training settings", "训练设置"},
        {"filters", "Filters", "卷积核"},
        {"feature_maps", "Feature maps", "特征图"},
        {"evaluate", "Evaluate tab", "评估页"},
        {"confusion", "Confusion matrix", "混淆矩阵"},
        {"why", "Why? (saliency, occlusion)", "为什么？（显著图、遮挡）"},
        {"runs", "Runs tab", "运行记录页"},
    };
    return views;
}

const LessonView* lessonView(const std::string& id) {
    for (const LessonView& v : lessonViews())
        if (id == v.id) return &v;
    return nullptr;
}

const std::string& LessonText::in(const std::string& language) const {
    if (language.rfind("zh", 0) == 0 && !zhCN.empty()) return zhCN;
    return en;
}

int LessonCard::choiceIndex(const std::string& choiceId) const {
    for (std::size_t i = 0; i < choices.size(); ++i)
        if (choices[i].id == choiceId) return int(i);
    return -1;
}

int LessonCard::runIndex(const std::string& runId) const {
    for (std::size_t i = 0; i < runs.size(); ++i)
        if (runs[i].id == runId) return int(i);
    return -1;
}

}  // namespace layerlab
