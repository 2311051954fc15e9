<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>ActivationExplorer</name>
    <message>
        <source>Sigmoid, 1 / (1 + e^(-x)), squeezes any number into 0 to 1, which reads as a probability. Its slope y(1 - y) is at most 0.25, at x = 0, and almost 0 once |x| passes about 4 (shaded): a unit pushed there saturates, passes almost no gradient back and stops learning. In a deep network the gradient is multiplied by at most 0.25 at every Sigmoid layer on its way back, so the first layers hardly learn (vanishing gradients). Today it is used mostly for an output that must be a probability.</source>
        <translation>Sigmoid，即 1 / (1 + e^(-x))，把任意数压缩到 0 到 1 之间，可以读作概率。它的斜率 y(1 - y) 最大只有 0.25（在 x = 0 处），当 |x| 超过约 4 时几乎为 0（阴影区）：落到那里的单元会饱和，几乎不向回传递梯度，从而停止学习。在深层网络中，梯度在反向传播时每经过一个 Sigmoid 层至多乘以 0.25，所以前面的层几乎学不到东西（梯度消失）。如今它主要用于必须是概率的输出。</translation>
    </message>
    <message>
        <source>Tanh squeezes into -1 to 1 and is centred on 0, so the next layer gets inputs balanced around zero. Its slope 1 - y^2 is 1 at x = 0, four times Sigmoid&apos;s best, which is why it trains deep networks better than Sigmoid; but it saturates too, beyond |x| of about 2 (shaded), and large weights or inputs push units there.</source>
        <translation>Tanh 把输入压缩到 -1 到 1 之间，并以 0 为中心，所以下一层得到的输入在零附近平衡。它的斜率 1 - y^2 在 x = 0 处为 1，是 Sigmoid 最大斜率的四倍，这就是它训练深层网络比 Sigmoid 更好的原因；但它同样会饱和，|x| 超过约 2 时（阴影区）就会饱和，过大的权重或输入会把单元推到那里。</translation>
    </message>
    <message>
        <source>ReLU, max(0, x), passes positive values unchanged with slope 1, so the gradient does not shrink however many layers it crosses, and it costs almost nothing to compute: the default for hidden layers. Negative inputs give 0 with slope 0 (shaded). A unit whose input is negative for every image passes no gradient at all and can never recover: a dead ReLU. A learning rate that is too high kills many of them.</source>
        <translation>ReLU，即 max(0, x)，让正值原样通过、斜率为 1，所以无论穿过多少层梯度都不会缩小，而且计算几乎不花代价：它是隐藏层的默认选择。负输入得到 0，斜率也为 0（阴影区）。如果一个单元对每张图像的输入都是负的，它就完全不传递梯度，再也无法恢复：这就是死亡 ReLU。学习率过高会杀死很多这样的单元。</translation>
    </message>
    <message>
        <source>LeakyReLU is x for positive x and alpha x otherwise: ReLU with a small slope alpha on the negative side, so a unit that is off still gets a little gradient and can come back to life. The shading marks where the slope is under 5% of its largest value: with alpha 0.01 that is all of x &lt; 0; raise alpha above 0.05 and nothing is shaded.</source>
        <translation>LeakyReLU 对正的 x 输出 x，否则输出 alpha x：就是在负半轴带一个小斜率 alpha 的 ReLU，所以处于关闭状态的单元仍能得到一点梯度，还能重新激活。阴影标出斜率低于其最大值 5% 的区域：alpha 为 0.01 时就是整个 x &lt; 0；把 alpha 调到 0.05 以上就没有阴影了。</translation>
    </message>
    <message>
        <source>Softmax turns a vector of scores z into probabilities: y_i = e^(z_i) / sum of e^(z_j). They are positive and add up to 1, the largest score gets the largest share, and adding the same number to every score changes nothing. The slope of each probability with respect to its own score is y_i(1 - y_i): small when one class already has almost all the probability, so a confident wrong answer would learn slowly through Softmax alone. Cross-entropy undoes this: LayerLab computes the two together, and the gradient on the scores is simply y - target. Edit the scores to see it.</source>
        <translation>Softmax 把一个分数向量 z 变成概率：y_i = e^(z_i) / Σ e^(z_j)。这些概率都是正数、加起来等于 1，分数最大的类别得到最大的份额，而给每个分数加上同一个数不会改变结果。每个概率对其自身分数的斜率是 y_i(1 - y_i)：当某个类别已经占据几乎全部概率时它很小，所以仅靠 Softmax，一个自信的错误答案会学得很慢。交叉熵抵消了这一点：LayerLab 把两者放在一起计算，分数上的梯度就是 y - 目标。编辑分数来看看效果。</translation>
    </message>
    <message>
        <source>Activation Functions</source>
        <translation>激活函数</translation>
    </message>
    <message>
        <source>x (the unit&apos;s weighted sum)</source>
        <translation>x（单元的加权和）</translation>
    </message>
    <message>
        <source>value</source>
        <translation>值</translation>
    </message>
    <message>
        <source>LeakyReLU&apos;s slope for negative x (the alpha option of the layer)</source>
        <translation>LeakyReLU 在负 x 上的斜率（该层的 alpha 选项）</translation>
    </message>
    <message>
        <source>alpha</source>
        <translation>alpha</translation>
    </message>
    <message>
        <source>Two to ten scores separated by commas</source>
        <translation>2 到 10 个用逗号分隔的分数</translation>
    </message>
    <message>
        <source>Scores z</source>
        <translation>分数 z</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>f(x)</source>
        <translation>f(x)</translation>
    </message>
    <message>
        <source>slope f&apos;(x)</source>
        <translation>斜率 f&apos;(x)</translation>
    </message>
    <message>
        <source>(almost) no slope</source>
        <translation>（几乎）没有斜率</translation>
    </message>
    <message>
        <source>saturates</source>
        <translation>饱和</translation>
    </message>
    <message>
        <source>“%1” is not a number from -50 to 50.</source>
        <translation>“%1”不是 -50 到 50 之间的数。</translation>
    </message>
    <message>
        <source>Give 2 to 10 scores separated by commas, e.g. 2, 1, 0.1.</source>
        <translation>请输入 2 到 10 个用逗号分隔的分数，例如 2, 1, 0.1。</translation>
    </message>
    <message>
        <source>score z</source>
        <translation>分数 z</translation>
    </message>
    <message>
        <source>probability y</source>
        <translation>概率 y</translation>
    </message>
    <message>
        <source>slope y(1 - y)</source>
        <translation>斜率 y(1 - y)</translation>
    </message>
    <message>
        <source>class</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>probabilities add up to %1</source>
        <translation>概率之和为 %1</translation>
    </message>
</context>
<context>
    <name>AugmentPreview</name>
    <message>
        <source>Top: training images as they are. Bottom: the same images as the first batch of epoch 1 will show them to the model, with these settings.</source>
        <translation>上：训练图像原样。下：使用这些设置时，第 1 轮的第一个批次中模型看到的同一批图像。</translation>
    </message>
    <message>
        <source>The preview appears when the dataset has loaded.</source>
        <translation>数据集加载后会显示预览。</translation>
    </message>
    <message>
        <source>Shift %1, %2 px; rotation %3°; zoom %4×; noise %5</source>
        <translation>平移 %1, %2 像素；旋转 %3°；缩放 %4×；噪声 %5</translation>
    </message>
    <message>
        <source>Augmentation is off: the model sees the image as it is.</source>
        <translation>数据增强已关闭：模型看到的是原始图像。</translation>
    </message>
    <message>
        <source>Top: as stored. Bottom: as the model sees them in the first batch.</source>
        <translation>上：存储的样子。下：模型在第一个批次中看到的样子。</translation>
    </message>
    <message>
        <source>Augmentation is off: set a shift, rotation, zoom or noise above to see what it does.</source>
        <translation>数据增强已关闭：在上方设置平移、旋转、缩放或噪声，看看它的效果。</translation>
    </message>
</context>
<context>
    <name>BlockPainter</name>
    <message>
        <source>Drag layers here from the palette</source>
        <translation>从层面板把层拖到这里</translation>
    </message>
    <message>
        <source>Input</source>
        <translation>输入</translation>
    </message>
    <message>
        <source>%1 channel(s), %2 x %3 pixel image</source>
        <translation>%1 个通道、%2 x %3 像素的图像</translation>
    </message>
    <message>
        <source>%1 numbers</source>
        <translation>%1 个数</translation>
    </message>
    <message>
        <source>%1, frozen</source>
        <translation>%1，已冻结</translation>
    </message>
    <message>
        <source>→ no output</source>
        <translation>→ 无输出</translation>
    </message>
    <message>
        <source>→ (fix the layers inside first)</source>
        <translation>→（请先修正里面的层）</translation>
    </message>
    <message>
        <source>→ (fix the layers above first)</source>
        <translation>→（请先修正上面的层）</translation>
    </message>
    <message>
        <source>Drop layers here: the block adds their output to its input</source>
        <translation>把层拖到这里：该模块把它们的输出加到自己的输入上</translation>
    </message>
    <message>
        <source>Drop layers here</source>
        <translation>把层拖到这里</translation>
    </message>
    <message>
        <source>y = x + f(x)</source>
        <translation>y = x + f(x)</translation>
    </message>
    <message>
        <source>Output</source>
        <translation>输出</translation>
    </message>
    <message>
        <source>%1 classes</source>
        <translation>%1 个类别</translation>
    </message>
    <message>
        <source>→ %1 scores, one per class</source>
        <translation>→ %1 个分数，每个类别一个</translation>
    </message>
    <message>
        <source>Fix layer %1 to see the output</source>
        <translation>修正第 %1 层后才能看到输出</translation>
    </message>
    <message>
        <source>The model cannot produce the output:</source>
        <translation>模型无法产生输出：</translation>
    </message>
    <message>
        <source>Frozen with the block it is in: unfreeze the block to train it.</source>
        <translation>随所在模块一起冻结：解冻该模块才能训练它。</translation>
    </message>
    <message>
        <source>&lt;b&gt;Frozen&lt;/b&gt;: its weights keep their values while the rest of the model trains (no update, no L2, no optimizer state, no weight gradients). Click to unfreeze.</source>
        <translation>&lt;b&gt;已冻结&lt;/b&gt;：模型其余部分训练时，它的权重保持不变（不更新、无 L2、无优化器状态、无权重梯度）。点击解冻。</translation>
    </message>
    <message>
        <source>&lt;b&gt;Trainable&lt;/b&gt;. Click to freeze its weights: they then keep their values while the rest of the model trains, as when a model learned on one dataset gets a new last layer for another (transfer learning).</source>
        <translation>&lt;b&gt;可训练&lt;/b&gt;。点击冻结它的权重：之后模型其余部分训练时它们保持不变，就像在一个数据集上学好的模型换上新的最后一层去学另一个数据集（迁移学习）。</translation>
    </message>
    <message>
        <source>&lt;br&gt;in %1 → out %2&lt;br&gt;%3, %4 per sample</source>
        <translation>&lt;br&gt;输入 %1 → 输出 %2&lt;br&gt;%3，每个样本 %4</translation>
    </message>
    <message>
        <source>&lt;br&gt;&lt;span style=&apos;color:#2f64b0&apos;&gt;Frozen: its weights do not train&lt;/span&gt;</source>
        <translation>&lt;br&gt;&lt;span style=&apos;color:#2f64b0&apos;&gt;已冻结：它的权重不参与训练&lt;/span&gt;</translation>
    </message>
    <message>
        <source>&lt;br&gt;&lt;span style=&apos;color:#2f64b0&apos;&gt;%1 of them frozen (layers inside)&lt;/span&gt;</source>
        <translation>&lt;br&gt;&lt;span style=&apos;color:#2f64b0&apos;&gt;其中 %1 个已冻结（内部的层）&lt;/span&gt;</translation>
    </message>
    <message>
        <source>&lt;br&gt;%1 of them running statistics (no gradient moves them)</source>
        <translation>&lt;br&gt;其中 %1 个是运行统计量（不受梯度影响）</translation>
    </message>
</context>
<context>
    <name>CheckpointActions</name>
    <message>
        <source>Save &amp;Checkpoint…</source>
        <translation>保存检查点(&amp;C)…</translation>
    </message>
    <message>
        <source>Save the trained weights with their model (.llckpt), for the studio and layerlab-cli</source>
        <translation>保存训练好的权重及其模型（.llckpt），供工作室和 layerlab-cli 使用</translation>
    </message>
    <message>
        <source>&amp;Load Checkpoint…</source>
        <translation>加载检查点(&amp;L)…</translation>
    </message>
    <message>
        <source>Open a trained model and view its filters and feature maps</source>
        <translation>打开一个训练好的模型，查看它的滤波器和特征图</translation>
    </message>
    <message>
        <source>&amp;ONNX…</source>
        <translation>&amp;ONNX…</translation>
    </message>
    <message>
        <source>Write the trained model as an ONNX file (opset 13) for ONNX Runtime, PyTorch and other tools: it takes raw pixels 0-255 and gives class probabilities</source>
        <translation>把训练好的模型写成 ONNX 文件（opset 13），供 ONNX Runtime、PyTorch 等工具使用：输入为 0-255 的原始像素，输出为类别概率</translation>
    </message>
    <message>
        <source>&amp;PyTorch…</source>
        <translation>&amp;PyTorch…</translation>
    </message>
    <message>
        <source>Write the trained model into a folder for PyTorch: model.py (an nn.Module taking raw pixels 0-255), weights.npz, and train.py to keep training it (torchrun for many processes)</source>
        <translation>把训练好的模型写入一个 PyTorch 文件夹：model.py（接收 0-255 原始像素的 nn.Module）、weights.npz，以及用于继续训练的 train.py（多进程用 torchrun）</translation>
    </message>
    <message>
        <source>Start from &amp;Weights…</source>
        <translation>从权重开始(&amp;W)…</translation>
    </message>
    <message>
        <source>Load a checkpoint&apos;s weights into this model&apos;s layers that match them by position and shape (transfer learning); the other layers start fresh</source>
        <translation>把检查点的权重加载到本模型中位置和形状相符的层（迁移学习）；其他层从头开始</translation>
    </message>
    <message>
        <source>There are no trained weights yet. Train the model (F5) first.</source>
        <translation>还没有训练好的权重。请先训练模型（F5）。</translation>
    </message>
    <message>
        <source>Saved the paused run&apos;s weights to %1</source>
        <translation>已把暂停的运行的权重保存到 %1</translation>
    </message>
    <message>
        <source>Saved checkpoint %1</source>
        <translation>已保存检查点 %1</translation>
    </message>
    <message>
        <source>Stop training before loading a checkpoint.</source>
        <translation>请先停止训练再加载检查点。</translation>
    </message>
    <message>
        <source>Opened ONNX model %1 with its weights. Start (F5) continues training from them.%2</source>
        <translation>已打开 ONNX 模型 %1 及其权重。开始（F5）会从这些权重继续训练。%2</translation>
    </message>
    <message>
        <source>Loaded checkpoint %1. Start (F5) continues training from its weights.</source>
        <translation>已加载检查点 %1。开始（F5）会从它的权重继续训练。</translation>
    </message>
    <message>
        <source>Stop training before loading weights.</source>
        <translation>请先停止训练再加载权重。</translation>
    </message>
    <message>
        <source>weights from %1 (%2)</source>
        <translation>来自 %1 的权重（%2）</translation>
    </message>
    <message>
        <source>Weights from %1: %2. Start (F5) trains from them.</source>
        <translation>来自 %1 的权重：%2。开始（F5）会从这些权重开始训练。</translation>
    </message>
    <message>
        <source>Start from Weights</source>
        <translation>从权重开始</translation>
    </message>
    <message>
        <source>LayerLab checkpoints (*.llckpt);;ONNX models (*.onnx);;All files (*)</source>
        <translation>LayerLab 检查点 (*.llckpt);;ONNX 模型 (*.onnx);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Could not use %1.

%2</source>
        <translation>无法使用 %1。

%2</translation>
    </message>
    <message>
        <source>Exported %1 (ONNX: input &quot;image&quot; raw pixels 0-255, output &quot;probabilities&quot;)</source>
        <translation>已导出 %1（ONNX：输入 &quot;image&quot; 为 0-255 原始像素，输出 &quot;probabilities&quot;）</translation>
    </message>
    <message>
        <source>Export as ONNX</source>
        <translation>导出为 ONNX</translation>
    </message>
    <message>
        <source>ONNX models (*.onnx)</source>
        <translation>ONNX 模型 (*.onnx)</translation>
    </message>
    <message>
        <source>Could not export %1.

%2</source>
        <translation>无法导出 %1。

%2</translation>
    </message>
    <message>
        <source>Exported to %1: model.py, weights.npz, train.py (python3 train.py --data MNIST_FOLDER)</source>
        <translation>已导出到 %1：model.py、weights.npz、train.py（python3 train.py --data MNIST_FOLDER）</translation>
    </message>
    <message>
        <source>Export for PyTorch: choose or create a folder</source>
        <translation>导出到 PyTorch：选择或新建一个文件夹</translation>
    </message>
    <message>
        <source>Export for PyTorch</source>
        <translation>导出到 PyTorch</translation>
    </message>
    <message>
        <source>%1 already holds %2. Replace them?</source>
        <translation>%1 中已有 %2。要替换它们吗？</translation>
    </message>
    <message>
        <source>Could not export to %1.

%2</source>
        <translation>无法导出到 %1。

%2</translation>
    </message>
    <message>
        <source>Save Checkpoint</source>
        <translation>保存检查点</translation>
    </message>
    <message>
        <source>LayerLab checkpoints (*.llckpt)</source>
        <translation>LayerLab 检查点 (*.llckpt)</translation>
    </message>
    <message>
        <source>Could not save %1.

%2</source>
        <translation>无法保存 %1。

%2</translation>
    </message>
    <message>
        <source>Load Checkpoint</source>
        <translation>加载检查点</translation>
    </message>
    <message>
        <source>LayerLab checkpoints (*.llckpt);;All files (*)</source>
        <translation>LayerLab 检查点 (*.llckpt);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Could not load %1.

%2</source>
        <translation>无法加载 %1。

%2</translation>
    </message>
    <message>
        <source> Note: %1.</source>
        <translation> 注：%1。</translation>
    </message>
    <message>
        <source>Loaded int8 checkpoint %1. Evaluate runs it quantized, as layerlab-cli evaluate does: weights dequantized on load, each layer&apos;s input rounded to int8 (float32 speed: no int8 kernels). Start (F5) continues training from its weights in float32.</source>
        <translation>已加载 int8 检查点 %1。评估以量化方式运行它，与 layerlab-cli evaluate 相同：加载时反量化权重，每一层的输入取整到 int8（float32 速度：没有 int8 内核）。开始（F5）会以 float32 从这些权重继续训练。</translation>
    </message>
    <message>
        <source>Exported %1 (ONNX, int8 in QDQ form: int8 weights, each layer&apos;s input rounded to int8 as LayerLab runs it; input &quot;image&quot; raw pixels 0-255, output &quot;probabilities&quot;)</source>
        <translation>已导出 %1（ONNX，int8 的 QDQ 形式：int8 权重，每一层的输入像 LayerLab 运行时一样取整到 int8；输入 &quot;image&quot; 为原始像素 0-255，输出 &quot;probabilities&quot;）</translation>
    </message>
    <message>
        <source>Exported to %1: model.py, weights.npz, train.py. The int8 model&apos;s weights are written as the float32 values they stand for, and PyTorch runs them in float32 without rounding the inputs to int8: its results can differ slightly from Evaluate&apos;s.</source>
        <translation>已导出到 %1：model.py、weights.npz、train.py。int8 模型的权重按其代表的 float32 数值写出，PyTorch 以 float32 运行它们，不把输入取整到 int8：结果可能与评估中的略有不同。</translation>
    </message>
</context>
<context>
    <name>Cli</name>
    <message>
        <source>%1, batch %2, %3 thread, %4</source>
        <translation>%1，批大小 %2，%3 个线程，%4</translation>
    </message>
    <message>
        <source>%1, batch %2, %3 threads, %4</source>
        <translation>%1，批大小 %2，%3 个线程，%4</translation>
    </message>
    <message>
        <source>train: %1 samples/s
infer: %2 samples/s</source>
        <translation>训练：%1 样本/秒
推理：%2 样本/秒</translation>
    </message>
    <message>
        <source>kernels: %1; training %2 GFLOP/s, %3% of this machine&apos;s GEMM peak (%4 GFLOP/s)</source>
        <translation>计算内核：%1；训练 %2 GFLOP/s，为本机 GEMM 峰值（%4 GFLOP/s）的 %3%</translation>
    </message>
    <message>
        <source>number of epochs</source>
        <translation>训练轮数</translation>
    </message>
    <message>
        <source>mini-batch size</source>
        <translation>小批量的批大小</translation>
    </message>
    <message>
        <source>learning rate (where a schedule starts)</source>
        <translation>学习率（学习率调度的起点）</translation>
    </message>
    <message>
        <source>worker threads (0 = all cores)</source>
        <translation>工作线程数（0 = 全部核心）</translation>
    </message>
    <message>
        <source>random seed (same seed and threads give bit-identical weights)</source>
        <translation>随机种子（相同的种子和线程数得到逐位相同的权重）</translation>
    </message>
    <message>
        <source>(%1; default: the model file&apos;s)</source>
        <translation>（%1；默认：模型文件中的值）</translation>
    </message>
    <message>
        <source>unknown option &apos;%1&apos;: see --help</source>
        <translation>未知选项“%1”：见 --help</translation>
    </message>
    <message>
        <source>option %1 needs a value: see --help</source>
        <translation>选项 %1 需要一个值：见 --help</translation>
    </message>
    <message>
        <source>%1: must be a whole number from %2 to %3, got &apos;%4&apos;</source>
        <translation>%1：必须是 %2 到 %3 之间的整数，收到的是“%4”</translation>
    </message>
    <message>
        <source>%1: %2; run without --strict to only warn</source>
        <translation>%1：%2；不加 --strict 运行则只给出警告</translation>
    </message>
    <message>
        <source>warning: %1: %2</source>
        <translation>警告：%1：%2</translation>
    </message>
    <message>
        <source>--model is required: give a model file, e.g. resources/presets/seed-cnn.json</source>
        <translation>必须给出 --model：一个模型文件，例如 resources/presets/seed-cnn.json</translation>
    </message>
    <message>
        <source>note: %1: %2</source>
        <translation>提示：%1：%2</translation>
    </message>
    <message>
        <source>note: %1</source>
        <translation>提示：%1</translation>
    </message>
    <message>
        <source>note: %1: %2 training and %3 test images in %4 classes (%5), %6, read from the cache in %7 s</source>
        <translation>提示：%1：%2 张训练图像和 %3 张测试图像，共 %4 个类别（%5），%6，用 %7 秒从缓存读取</translation>
    </message>
    <message>
        <source>note: %1: %2 training and %3 test images in %4 classes (%5), %6, decoded in %7 s</source>
        <translation>提示：%1：%2 张训练图像和 %3 张测试图像，共 %4 个类别（%5），%6，用 %7 秒解码</translation>
    </message>
    <message>
        <source>warning: %1 file(s) skipped, first %2: %3</source>
        <translation>警告：跳过了 %1 个文件，第一个是 %2：%3</translation>
    </message>
    <message>
        <source>warning: class folder %1 has no images: left out</source>
        <translation>警告：类别文件夹 %1 中没有图像：已略去</translation>
    </message>
    <message>
        <source>warning: %1 identical file(s) in the training and the test set, first %2 and %3: the test accuracy counts images trained on; remove one copy of each</source>
        <translation>警告：训练集和测试集中有 %1 个相同的文件，第一对是 %2 和 %3：测试准确率会计入训练过的图像；请删除每对中的一个副本</translation>
    </message>
    <message>
        <source>warning: %1</source>
        <translation>警告：%1</translation>
    </message>
    <message>
        <source>note: the decoded images were not cached: %1</source>
        <translation>提示：解码后的图像没有缓存：%1</translation>
    </message>
    <message>
        <source>warning: %1 as the model says: its classes will be scored against other labels; point --data at a folder with the model&apos;s dataset</source>
        <translation>警告：%1（模型文件写的是后者）：模型的类别将按其他标签评分；请让 --data 指向存放模型所用数据集的文件夹</translation>
    </message>
    <message>
        <source>--save: a checkpoint is binary and cannot go to standard output (-); give a file name, e.g. --save model.llckpt</source>
        <translation>--save：检查点是二进制文件，不能写到标准输出（-）；请给出文件名，例如 --save model.llckpt</translation>
    </message>
    <message>
        <source>%1: cannot write %2: %3; --report - prints the report on standard output</source>
        <translation>%1：无法写入 %2：%3；--report - 会把报告打印到标准输出</translation>
    </message>
    <message>
        <source>%1: cannot write %2: %3</source>
        <translation>%1：无法写入 %2：%3</translation>
    </message>
    <message>
        <source>error: cannot write the report to standard output: %1</source>
        <translation>错误：无法把报告写到标准输出：%1</translation>
    </message>
    <message>
        <source>error: cannot write report %1: %2</source>
        <translation>错误：无法写入报告 %1：%2</translation>
    </message>
    <message>
        <source>--language needs a value: en or zh_CN</source>
        <translation>--language 需要一个值：en 或 zh_CN</translation>
    </message>
    <message>
        <source>--language wants en or zh_CN; got &apos;%1&apos;</source>
        <translation>--language 只接受 en 或 zh_CN；收到的是“%1”</translation>
    </message>
    <message>
        <source>epoch %1/%2 [%3] %4/%5  loss %6  %7 samples/s</source>
        <translation>第 %1/%2 轮 [%3] %4/%5  损失 %6  %7 样本/秒</translation>
    </message>
    <message>
        <source>lr %1</source>
        <translation>学习率 %1</translation>
    </message>
    <message>
        <source>epoch %1/%2  train loss %3 acc %4%  val loss %5 acc %6%  %7 s  %8 samples/s</source>
        <translation>第 %1/%2 轮  训练损失 %3 准确率 %4%  验证损失 %5 准确率 %6%  %7 秒  %8 样本/秒</translation>
    </message>
    <message>
        <source>--runs: give a folder, or --no-record</source>
        <translation>--runs：请给出一个文件夹，或使用 --no-record</translation>
    </message>
    <message>
        <source>note: %1; recording in %2 instead</source>
        <translation>提示：%1；改为记录在 %2</translation>
    </message>
    <message>
        <source>usage: layerlab-cli compress --model CHECKPOINT [--data DIR] [--quantize int8] [--sparsity S | --sweep P,P,...]
                            [--fine-tune-epochs N] [--calibration N] [--threads N] [--out CHECKPOINT] [--report REPORT.json]

Compresses a trained model and shows what it costs: a row per variant with its size, test accuracy,
agreement with the float32 model (the share of test images both predict alike) and inference speed
(test images per second through the engine). The float32 model is always the first row.
  --quantize int8      post-training int8 quantization: symmetric per-output-channel weights (scale =
                       max |w| / 127 per unit or filter) of every Dense and Conv2D layer, and the input of
                       each such layer quantized to int8 with a scale calibrated on training images. The
                       engine dequantizes the weights on load and quantizes the activations on the fly
                       (there are no int8 GEMM kernels): the accuracy is int8&apos;s, the speed is float32&apos;s.
  --sparsity S         magnitude pruning: in every Dense and Conv2D layer the fraction S of the weights with
                       the smallest magnitude set to 0 (biases and BatchNorm kept). S from 0 to 0.99, or a
                       percentage: 50%. With --quantize, pruned first, then quantized.
  --sweep P,P,...      one pruned row per sparsity, in percent from 0 to 99 (e.g. 0,50,80,90,95); with
                       --quantize, the int8 row is the unpruned model&apos;s
  --fine-tune-epochs N after pruning, train each pruned model (sparsity &gt; 0) N more epochs with the model&apos;s
                       training settings, its pruned weights held at 0 (set back after every step);
                       default 0
  --calibration N      training images the activation scales are calibrated on (default 1000)
  --threads N          worker threads (0 = all cores, the default)
  --out CHECKPOINT     write the compressed model (one variant: --quantize and/or --sparsity, not --sweep).
                       An int8 model is a version 4 checkpoint (scales + int8 weights) that evaluate
                       and predict run quantized; a pruned model is an ordinary checkpoint with zeros in it
  --report REPORT.json write a JSON report: model, checkpoint, dataset, images, calibration_images,
                       fine_tune_epochs, variants [{variant, precision, sparsity (a fraction), bytes, accuracy (0..1),
                       agreement (0..1), images_per_second, zero_weights, weights}], out; --report - prints
                       it on standard output (the table goes to standard error)
  --strict             refuse a checkpoint whose model has keys LayerLab does not use (default: warn)
Sizes are as stored: float32 4 bytes per parameter; int8 1 byte per quantized weight + 4 per scale + 4 per
other parameter; pruned a sparse format: 1 bit per weight of a pruned layer + 4 bytes per nonzero one, 4 per
other parameter (a pruned + int8 model is counted as int8).
</source>
        <translation>用法：layerlab-cli compress --model CHECKPOINT [--data DIR] [--quantize int8] [--sparsity S | --sweep P,P,...]
                            [--fine-tune-epochs N] [--calibration N] [--threads N] [--out CHECKPOINT] [--report REPORT.json]

压缩一个训练好的模型并显示代价：每个变体一行，列出大小、测试准确率、与 float32 模型的一致率（两者预测
相同的测试图像所占比例）和推理速度（引擎每秒处理的测试图像数）。第一行总是 float32 模型。
  --quantize int8      训练后 int8 量化：每个 Dense 和 Conv2D 层的权重按输出通道对称量化（每个单元或
                       滤波器的 scale = max |w| / 127），这些层的输入用在训练图像上校准的 scale 量化为
                       int8。引擎在加载时把权重反量化，并即时量化激活值（没有 int8 GEMM 内核）：
                       准确率是 int8 的，速度是 float32 的。
  --sparsity S         按幅值剪枝：每个 Dense 和 Conv2D 层中幅值最小的 S 比例的权重置为 0（偏置和
                       BatchNorm 保留）。S 取 0 到 0.99，或百分数：50%。与 --quantize 一起时先剪枝再量化。
  --sweep P,P,...      每个稀疏度一行剪枝结果，以百分数给出，0 到 99（例如 0,50,80,90,95）；与
                       --quantize 一起时，int8 那一行是未剪枝的模型
  --fine-tune-epochs N 剪枝后用模型的训练设置把每个剪枝模型（稀疏度 &gt; 0）再训练 N 轮，被剪掉的权重保持
                       为 0（每一步之后重新置零）；默认 0
  --calibration N      用来校准激活值 scale 的训练图像数（默认 1000）
  --threads N          工作线程数（0 = 全部核心，默认）
  --out CHECKPOINT     写入压缩后的模型（一个变体：--quantize 和/或 --sparsity，不能用 --sweep）。
                       int8 模型是第 4 版检查点（scale + int8 权重），evaluate 和 predict 会以量化方式
                       运行它；剪枝模型是普通检查点，其中含有零
  --report REPORT.json 写入 JSON 报告：model, checkpoint, dataset, images, calibration_images,
                       fine_tune_epochs, variants [{variant, precision, sparsity（比例）, bytes, accuracy (0..1),
                       agreement (0..1), images_per_second, zero_weights, weights}], out；--report - 把它
                       打印到标准输出（表格改到标准错误）
  --strict             拒绝其模型含有 LayerLab 不使用的键的检查点（默认：只警告）
大小按存储计算：float32 每个参数 4 字节；int8 每个量化权重 1 字节 + 每个 scale 4 字节 + 其他参数各 4
字节；剪枝为稀疏格式：剪枝层的每个权重 1 位 + 每个非零权重 4 字节，其他参数各 4 字节（剪枝 + int8 的
模型按 int8 计算）。
</translation>
    </message>
    <message>
        <source>%1: &apos;%2&apos; is not a number; give a sparsity from 0 to 99% (percentages: 0,50,80,90,95)</source>
        <translation>%1：“%2”不是数字；请给出 0 到 99% 的稀疏度（百分数：0,50,80,90,95）</translation>
    </message>
    <message>
        <source>%1: &apos;%2&apos; is not a number; give a sparsity from 0 to 99% (0.5 or 50%)</source>
        <translation>%1：“%2”不是数字；请给出 0 到 99% 的稀疏度（0.5 或 50%）</translation>
    </message>
    <message>
        <source> (--sparsity takes 0.5 or 50%)</source>
        <translation>（--sparsity 接受 0.5 或 50%）</translation>
    </message>
    <message>
        <source>%1 is already an int8 model: compress the float checkpoint it was made from</source>
        <translation>%1 已经是 int8 模型：请压缩生成它的 float 检查点</translation>
    </message>
    <message>
        <source>--quantize: &apos;%1&apos; is not a precision LayerLab quantizes to; use int8</source>
        <translation>--quantize：LayerLab 不能量化到“%1”；请用 int8</translation>
    </message>
    <message>
        <source>--sparsity and --sweep both given: use --sparsity for one model (--out), --sweep for a table of several</source>
        <translation>同时给出了 --sparsity 和 --sweep：一个模型（--out）用 --sparsity，多个变体的对比表用 --sweep</translation>
    </message>
    <message>
        <source>--sweep: give sparsities in percent, e.g. 0,50,80,90,95</source>
        <translation>--sweep：请以百分数给出稀疏度，例如 0,50,80,90,95</translation>
    </message>
    <message>
        <source>nothing to do: give --quantize int8, --sparsity S or --sweep P,P,... (see --help)</source>
        <translation>没有要做的事：请给出 --quantize int8、--sparsity S 或 --sweep P,P,...（见 --help）</translation>
    </message>
    <message>
        <source>--out writes one model: use --sparsity (and/or --quantize int8) instead of --sweep</source>
        <translation>--out 只写一个模型：请用 --sparsity（和/或 --quantize int8）代替 --sweep</translation>
    </message>
    <message>
        <source>--out and --report name the same file (%1): give two files</source>
        <translation>--out 和 --report 指向同一个文件（%1）：请给出两个文件</translation>
    </message>
    <message>
        <source>--fine-tune-epochs fine-tunes a pruned model: give --sparsity S or --sweep P,P,...</source>
        <translation>--fine-tune-epochs 用于微调剪枝后的模型：请给出 --sparsity S 或 --sweep P,P,...</translation>
    </message>
    <message>
        <source>error: %1</source>
        <translation>错误：%1</translation>
    </message>
    <message>
        <source>fine-tuned %1: %2 epoch in %3 s</source>
        <translation>已微调 %1：%2 轮，用时 %3 秒</translation>
    </message>
    <message>
        <source>fine-tuned %1: %2 epochs in %3 s</source>
        <translation>已微调 %1：%2 轮，用时 %3 秒</translation>
    </message>
    <message>
        <source>%1 on %2: %3 test images, %4 calibration images, %5 thread</source>
        <translation>%1，数据集 %2：%3 张测试图像，%4 张校准图像，%5 个线程</translation>
    </message>
    <message>
        <source>%1 on %2: %3 test images, %4 calibration images, %5 threads</source>
        <translation>%1，数据集 %2：%3 张测试图像，%4 张校准图像，%5 个线程</translation>
    </message>
    <message>
        <source>int8: weights dequantized on load, activations quantized in the engine (no int8 GEMM kernels: int8 accuracy at float32 speed)</source>
        <translation>int8：权重在加载时反量化，激活值在引擎中量化（没有 int8 GEMM 内核：得到 int8 的准确率，float32 的速度）</translation>
    </message>
    <message>
        <source>saved %1 (float32 checkpoint) to %2</source>
        <translation>已将 %1（float32 检查点）保存到 %2</translation>
    </message>
    <message>
        <source>saved %1 (int8, checkpoint version 4) to %2</source>
        <translation>已将 %1（int8，第 4 版检查点）保存到 %2</translation>
    </message>
    <message>
        <source>usage: layerlab-cli evaluate --model CHECKPOINT [--data DIR] [--shift PIXELS] [--threads N] [--report REPORT.json] [--strict]

Loads a checkpoint written by &apos;train --save&apos; or the studio (or an ONNX file), runs every test image of its dataset through
it (batched, on all threads) and prints the test loss and accuracy, the time it took and the most confused
pairs of classes. An ONNX file is fed pixels / 255 (its own scaling node, when LayerLab wrote it, is read as
that).
  --data DIR           the four IDX files, or a folder of images (a subfolder per class); default: see
                       &apos;layerlab-cli --help&apos;
  --shift PIXELS       test on moved images: each test image shifted by whole pixels, x and y each drawn
                       from -PIXELS..PIXELS (the same draws on every run), black entering at the edge;
                       how much a model relies on where the digit sits, and what shift augmentation buys
  --threads N          worker threads (0 = all cores, the default)
  --report REPORT.json write a JSON report: model, dataset, data_directory, set, images, accuracy (a fraction
                       0..1), loss, confusion (classes x classes counts, rows = true class, columns =
                       predicted), class_names (an image folder&apos;s), per_class [{class, name (an image
                       folder&apos;s), precision, recall, f1, support}] (null where undefined:
                       a class never predicted has no precision), macro_precision, macro_recall, macro_f1,
                       misclassified (test-set indices of the wrong answers, ascending), most_confused
                       [{true, predicted, count}], top_losses [{index, true, predicted, loss}], seconds
                       (wall time of the pass), cpu_seconds, threads; --report - prints it on standard
                       output (the summary goes to standard error)
  --strict             refuse a checkpoint whose model has keys LayerLab does not use (default: warn)
</source>
        <translation>用法：layerlab-cli evaluate --model CHECKPOINT [--data DIR] [--shift PIXELS] [--threads N] [--report REPORT.json] [--strict]

加载由 &apos;train --save&apos; 或工作室写入的检查点（或 ONNX 文件），把其数据集的每张测试图像送入模型（分批，
使用全部线程），打印测试损失和准确率、所用时间和最常混淆的类别对。ONNX 文件的输入是 像素值 / 255
（LayerLab 写入的文件自带的缩放节点会被识别为这一步）。
  --data DIR           四个 IDX 文件，或一个图像文件夹（每个类别一个子文件夹）；默认：见
                       &apos;layerlab-cli --help&apos;
  --shift PIXELS       在移动过的图像上测试：每张测试图像平移整数个像素，x 和 y 各自从
                       -PIXELS..PIXELS 中抽取（每次运行抽取相同），边缘移入黑色；
                       用来看模型有多依赖数字所在的位置，以及平移增强带来了什么
  --threads N          工作线程数（0 = 全部核心，默认）
  --report REPORT.json 写入 JSON 报告：model, dataset, data_directory, set, images, accuracy（比例
                       0..1）, loss, confusion（类别 x 类别的计数，行 = 真实类别，列 = 预测类别），
                       class_names（图像文件夹的）, per_class [{class, name（图像文件夹的）, precision,
                       recall, f1, support}]（未定义处为 null：从未被预测的类别没有精确率）,
                       macro_precision, macro_recall, macro_f1, misclassified（答错的测试集下标，升序）,
                       most_confused [{true, predicted, count}], top_losses [{index, true, predicted,
                       loss}], seconds（这一遍的实际用时）, cpu_seconds, threads；--report - 把它打印到
                       标准输出（摘要改到标准错误）
  --strict             拒绝其模型含有 LayerLab 不使用的键的检查点（默认：只警告）
</translation>
    </message>
    <message>
        <source>%1 on %2: test loss %3  test accuracy %4%  (%5 images in %6 s, %7 s of CPU, %8 thread)</source>
        <translation>%1，数据集 %2：测试损失 %3  测试准确率 %4%  （%5 张图像，用时 %6 秒，CPU 时间 %7 秒，%8 个线程）</translation>
    </message>
    <message>
        <source>%1 on %2: test loss %3  test accuracy %4%  (%5 images in %6 s, %7 s of CPU, %8 threads)</source>
        <translation>%1，数据集 %2：测试损失 %3  测试准确率 %4%  （%5 张图像，用时 %6 秒，CPU 时间 %7 秒，%8 个线程）</translation>
    </message>
    <message>
        <source>int8 model (layerlab-cli compress): weights dequantized on load, activations quantized to int8 in the engine</source>
        <translation>int8 模型（layerlab-cli compress）：权重在加载时反量化，激活值在引擎中量化为 int8</translation>
    </message>
    <message>
        <source>most confused (true -&gt; predicted: images):</source>
        <translation>最常混淆（真实 -&gt; 预测：图像数）：</translation>
    </message>
    <message>
        <source>usage: layerlab-cli export --model CHECKPOINT --format onnx --out FILE.onnx [--logits] [--strict]
       layerlab-cli export --model CHECKPOINT --format pytorch --out DIR [--strict]

Writes a trained model for other tools. --model is a checkpoint (its weights), or a model file (the weights
it starts training with, from its seed: an untrained model).
  --format onnx    an ONNX file (opset 13), checked by onnx.checker and run by ONNX Runtime in the tests.
                   Input &quot;image&quot;: float32 N x C x H x W (N any) holding raw pixel values 0-255: the graph&apos;s
                   first node scales them by 1/255 as LayerLab does, so feed pixels as they are. Output
                   &quot;probabilities&quot;: N x classes (softmax). The file&apos;s doc_string says so. Opening the file in
                   LayerLab (studio or --model FILE.onnx) gives back the same model and settings.
  --format pytorch a folder (created when missing) for PyTorch, which LayerLab does not need itself:
                     model.py     an nn.Module with the same layers in the same order; it takes raw pixels
                                  0-255 and scales them by 1/255 as LayerLab does; forward() gives the
                                  probabilities, forward(x, output=&quot;scores&quot;) the logits
                     weights.npz  the weights, one array per state_dict key (model.load_weights reads it)
                     train.py     continues training with the model&apos;s optimizer, learning rate, schedule,
                                  L2, batch size, seed and validation split:  python3 train.py --data DIR,
                                  or on many processes / machines:  torchrun --nproc_per_node=N train.py ...
                     layerlab-model.json  the LayerLab model file
                   Each file is written whole; files of an earlier export in DIR are replaced.
  --out FILE|DIR   the file (onnx) or folder (pytorch) to write (written whole: a temp file renamed over it)
  --logits         output &quot;logits&quot; (the scores before softmax) instead of &quot;probabilities&quot;
  --strict         refuse a model with keys LayerLab does not use (default: warn)
</source>
        <translation>用法：layerlab-cli export --model CHECKPOINT --format onnx --out FILE.onnx [--logits] [--strict]
      layerlab-cli export --model CHECKPOINT --format pytorch --out DIR [--strict]

把训练好的模型写成其他工具能用的格式。--model 是检查点（用它的权重），或模型文件（用它由种子得到的
初始权重：一个未训练的模型）。
  --format onnx    ONNX 文件（opset 13），测试中由 onnx.checker 检查并由 ONNX Runtime 运行。
                   输入 &quot;image&quot;：float32 N x C x H x W（N 任意），内容是原始像素值 0-255：计算图的
                   第一个节点像 LayerLab 一样把它们乘以 1/255，所以直接输入像素即可。输出
                   &quot;probabilities&quot;：N x 类别数（softmax）。文件的 doc_string 中写明了这些。在 LayerLab
                   中打开该文件（工作室或 --model FILE.onnx）会得到相同的模型和设置。
  --format pytorch 一个供 PyTorch 使用的文件夹（不存在时创建），LayerLab 本身不需要 PyTorch：
                     model.py     一个 nn.Module，层相同、顺序相同；输入原始像素 0-255，像 LayerLab
                                  一样乘以 1/255；forward() 给出概率，forward(x, output=&quot;scores&quot;)
                                  给出 logits
                     weights.npz  权重，每个 state_dict 键一个数组（由 model.load_weights 读取）
                     train.py     用模型的优化器、学习率、调度、L2、批大小、种子和验证集划分继续训练：
                                  python3 train.py --data DIR，或在多个进程/机器上：
                                  torchrun --nproc_per_node=N train.py ...
                     layerlab-model.json  LayerLab 模型文件
                   每个文件都整体写入；DIR 中上一次导出的文件会被替换。
  --out FILE|DIR   要写入的文件（onnx）或文件夹（pytorch）（整体写入：先写临时文件再改名覆盖）
  --logits         输出 &quot;logits&quot;（softmax 之前的分数），而不是 &quot;probabilities&quot;
  --strict         拒绝含有 LayerLab 不使用的键的模型（默认：只警告）
</translation>
    </message>
    <message>
        <source>--format is required: --format onnx</source>
        <translation>必须给出 --format：--format onnx</translation>
    </message>
    <message>
        <source>--format: unknown format &apos;%1&apos;: use onnx or pytorch</source>
        <translation>--format：未知格式“%1”：请用 onnx 或 pytorch</translation>
    </message>
    <message>
        <source>--logits is for --format onnx: model.py gives both (forward(x, output=&quot;scores&quot;))</source>
        <translation>--logits 只用于 --format onnx：model.py 两者都能给出（forward(x, output=&quot;scores&quot;)）</translation>
    </message>
    <message>
        <source>--out is required: the folder to write, e.g. --out model-pytorch</source>
        <translation>必须给出 --out：要写入的文件夹，例如 --out model-pytorch</translation>
    </message>
    <message>
        <source>--out is required: the file to write, e.g. --out model.onnx</source>
        <translation>必须给出 --out：要写入的文件，例如 --out model.onnx</translation>
    </message>
    <message>
        <source>--out: the PyTorch export is a folder of files; give a folder name</source>
        <translation>--out：PyTorch 导出是一个包含多个文件的文件夹；请给出文件夹名</translation>
    </message>
    <message>
        <source>--out: an ONNX file is binary and cannot go to standard output (-); give a file name</source>
        <translation>--out：ONNX 文件是二进制文件，不能写到标准输出（-）；请给出文件名</translation>
    </message>
    <message>
        <source>note: %1 is a model file without trained weights: exporting the weights training starts from (seed %2)</source>
        <translation>提示：%1 是没有训练权重的模型文件：导出的是训练开始时的权重（种子 %2）</translation>
    </message>
    <message>
        <source>wrote %1/: model.py (input N x %2 x %3 x %4 pixels 0-255, output N x %5 probabilities), weights.npz (%6 parameters), train.py, layerlab-model.json</source>
        <translation>已写入 %1/：model.py（输入 N x %2 x %3 x %4，像素值 0-255，输出 N x %5 个概率），weights.npz（%6 个参数），train.py，layerlab-model.json</translation>
    </message>
    <message>
        <source>error: cannot write %1: %2</source>
        <translation>错误：无法写入 %1：%2</translation>
    </message>
    <message>
        <source>wrote %1: ONNX opset %2, input &quot;image&quot; N x %3 x %4 x %5 (pixels 0-255), output &quot;%6&quot; N x %7</source>
        <translation>已写入 %1：ONNX opset %2，输入 &quot;image&quot; N x %3 x %4 x %5（像素值 0-255），输出 &quot;%6&quot; N x %7</translation>
    </message>
    <message>
        <source>usage: layerlab-cli predict --model CHECKPOINT [options] IMAGE...

Classifies image files (PNG, JPEG, BMP, GIF, TGA, PNM; any size; colour is read as grey) with a saved
checkpoint. Each image goes through MNIST&apos;s own preprocessing first: dark ink on light paper or light ink on
dark (told from the image&apos;s border) becomes light on black, cropped to the ink, its longer side scaled to
20 px with area averaging, pasted into 28x28 and shifted so its centre of mass is at the centre. (For a
Fashion-MNIST model: scaled to 28 px and centred by its box, as Fashion-MNIST was made.)
A model trained on an image folder (&quot;dataset&quot;: &quot;image_folder&quot;) gets each file as its training images were
imported instead (the model&apos;s size, grey or RGB, fit and invert settings), and its classes are named after
the folder&apos;s class folders when the folder is still there; the ink options do not apply.
Prints one line per file: the class, its probability and the probabilities of all classes. An image that
cannot be read, or holds no ink, gets one error line naming the file; the others are still classified, and
the exit code is then 2.
  --json               one JSON object per line: {&quot;file&quot;, &quot;class&quot;, &quot;probabilities&quot;}
  --ink auto|dark|light  dark: dark ink on light paper; light: light ink on dark (default auto)
  --no-crop            do not crop to the ink (the whole image is scaled)
  --no-scale           do not scale (the image&apos;s pixels are used as they are)
  --no-center          centre the ink&apos;s box instead of its centre of mass
  --show               print the image the network is given, as text (on standard error with --json)
  --threads N          worker threads (0 = all cores)
  --strict             refuse a checkpoint whose model has keys LayerLab does not use (default: warn)
</source>
        <translation>用法：layerlab-cli predict --model CHECKPOINT [options] IMAGE...

用保存的检查点对图像文件（PNG、JPEG、BMP、GIF、TGA、PNM；任意大小；彩色按灰度读取）分类。每张图像
先经过 MNIST 自己的预处理：浅色纸上的深色笔迹或深色背景上的浅色笔迹（由图像边缘判断）变为黑底白字，
裁剪到笔迹，长边用面积平均缩放到 20 像素，贴入 28x28 并平移使其质心位于中心。（Fashion-MNIST 模型：
缩放到 28 像素并按外框居中，与 Fashion-MNIST 的制作方式相同。）
在图像文件夹上训练的模型（&quot;dataset&quot;: &quot;image_folder&quot;）则按其训练图像的导入方式处理每个文件（模型的
大小、灰度或 RGB、适配和反色设置），文件夹还在时类别以其类别文件夹命名；笔迹选项不适用。
每个文件打印一行：类别、它的概率和所有类别的概率。无法读取或没有笔迹的图像会得到一行指明该文件的
错误；其他图像照常分类，此时退出码为 2。
  --json               每行一个 JSON 对象：{&quot;file&quot;, &quot;class&quot;, &quot;probabilities&quot;}
  --ink auto|dark|light  dark：浅色纸上的深色笔迹；light：深色背景上的浅色笔迹（默认 auto）
  --no-crop            不裁剪到笔迹（缩放整张图像）
  --no-scale           不缩放（按原样使用图像的像素）
  --no-center          把笔迹的外框居中，而不是它的质心
  --show               以文本形式打印送入网络的图像（与 --json 一起时打印到标准错误）
  --threads N          工作线程数（0 = 全部核心）
  --strict             拒绝其模型含有 LayerLab 不使用的键的检查点（默认：只警告）
</translation>
    </message>
    <message>
        <source>%1: the model takes %2 inputs, but predict prepares one grey image (1 x height x width) as in MNIST: use a model for grey images</source>
        <translation>%1：模型的输入是 %2，但 predict 像 MNIST 一样准备一张灰度图像（1 x 高 x 宽）：请使用灰度图像的模型</translation>
    </message>
    <message>
        <source>give one or more image files to classify, e.g. layerlab-cli predict --model %1 digit.png</source>
        <translation>请给出一个或多个要分类的图像文件，例如 layerlab-cli predict --model %1 digit.png</translation>
    </message>
    <message>
        <source>--ink: must be auto, dark (dark ink on light paper) or light, got &apos;%1&apos;</source>
        <translation>--ink：必须是 auto、dark（浅色纸上的深色笔迹）或 light，收到的是“%1”</translation>
    </message>
    <message>
        <source>%1: the model takes %2 inputs but its import settings make %3x%4x%5 images: fix training.image_import or the input</source>
        <translation>%1：模型的输入是 %2，但它的导入设置生成 %3x%4x%5 的图像：请修改 training.image_import 或输入</translation>
    </message>
    <message>
        <source>note: the classes are numbered: %1</source>
        <translation>提示：类别以编号表示：%1</translation>
    </message>
    <message>
        <source>error: %1: %2</source>
        <translation>错误：%1：%2</translation>
    </message>
    <message>
        <source>no ink found (the image is blank, or all one shade): nothing to classify</source>
        <translation>没有找到笔迹（图像是空白的，或只有一种深浅）：没有可分类的内容</translation>
    </message>
    <message>
        <source>%1: %2  (%3%)  probabilities %4</source>
        <translation>%1：%2  （%3%）  概率 %4</translation>
    </message>
    <message>
        <source>usage: layerlab-cli runs [--runs DIR] [--json]

Lists the runs recorded in a runs folder, newest first: name, start time, status, epochs, the highest
validation accuracy of any epoch (&quot;max val&quot;), test accuracy, seconds and folder. A folder or file that is not
a readable run is listed as unreadable with the reason.
  --runs DIR   the runs folder (default: $LAYERLAB_RUNS_DIR, else runs/ in the current folder)
  --json       one JSON array: [{folder, name, status, start_time, model, epochs_done, best_val_accuracy
               (the highest of any epoch), best_epoch (the epoch best.llckpt holds, chosen by monitor),
               monitor, best_monitor_value, test_accuracy, seconds, sweep, settings} or {folder, unreadable}]
</source>
        <translation>用法：layerlab-cli runs [--runs DIR] [--json]

列出运行记录文件夹中记录的运行，最新的在前：名称、开始时间、状态、轮数、所有轮次中最高的验证准确率
（&quot;最高验证&quot;）、测试准确率、秒数和文件夹。不是可读运行的文件夹或文件会列为无法读取，并给出原因。
  --runs DIR   运行记录文件夹（默认：$LAYERLAB_RUNS_DIR，否则为当前文件夹中的 runs/）
  --json       一个 JSON 数组：[{folder, name, status, start_time, model, epochs_done, best_val_accuracy
               （所有轮次中的最高值）, best_epoch（best.llckpt 保存的轮次，由 monitor 选出）,
               monitor, best_monitor_value, test_accuracy, seconds, sweep, settings} 或 {folder, unreadable}]
</translation>
    </message>
    <message>
        <source>--runs: %1 is not a folder: give the runs folder (runs/ beside a model file)</source>
        <translation>--runs：%1 不是文件夹：请给出运行记录文件夹（模型文件旁的 runs/）</translation>
    </message>
    <message>
        <source>%1 run in %2</source>
        <translation>%2 中有 %1 个运行</translation>
    </message>
    <message>
        <source>%1 runs in %2</source>
        <translation>%2 中有 %1 个运行</translation>
    </message>
    <message>
        <source>name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>started</source>
        <translation>开始时间</translation>
    </message>
    <message>
        <source>status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>epochs</source>
        <translation>轮数</translation>
    </message>
    <message>
        <source>max val</source>
        <translation>最高验证</translation>
    </message>
    <message>
        <source>test</source>
        <translation>测试</translation>
    </message>
    <message>
        <source>seconds</source>
        <translation>秒</translation>
    </message>
    <message>
        <source>folder</source>
        <translation>文件夹</translation>
    </message>
    <message>
        <source>unreadable: %1</source>
        <translation>无法读取：%1</translation>
    </message>
    <message>
        <source>usage: layerlab-cli sweep --model SPEC.json --vary KEY=VALUES [--vary ...] [options]

Trains the model once per trial, one trial after another (or two at once, see --at-once), each recorded as
a normal run tagged with the sweep&apos;s id, then prints the trials ranked by the metric. A trial gives the same
results as &apos;train&apos; with the same settings, seed and threads.
  --vary KEY=V1,V2,...   a setting and its values; the grid of all --vary lists is run. KEY is lr, batch,
                         optimizer, a training key of the model file (learning_rate, l2,
                         optimizer.momentum, epochs, lr_schedule.type, ...; see &apos;layerlab-cli help model&apos;)
                         or a layer&apos;s setting as layerN.KEY, layers numbered from 1 as in the editor
                         (layer3.units=64,128; layer2.rate=0.2,0.5 for a Dropout)
  --vary KEY=log:LO:HI   with --random: drawn log-uniformly (KEY=uniform:LO:HI: uniformly)
  --random N             random search: N trials, each setting drawn from its list or range
  --sweep-seed N         seed of the random draws (default: the model&apos;s seed)
  --metric NAME          rank by val_accuracy (the highest validation accuracy of a run; default) or
                         test_accuracy
  --at-once auto|1|2     trials at once (default auto): two, the cores split between them, when the trials
                         are too small to use every core or the model asks for at most half of them;
                         threads 0 (all cores) then become half the cores for each trial, and its run says so
{overrides}  --budget SECONDS       start no trial after this much time, and stop the one running then
  --runs DIR             the runs folder (default as for train); the sweep&apos;s state is DIR/ID.sweep.json
  --resume               continue the last unfinished sweep of this model and plan in DIR (one the studio
                         started too): finished trials are skipped
  --data DIR             the four IDX files, or a folder of images (a subfolder per class); default: see
                         &apos;layerlab-cli --help&apos;
  --json                 print the ranked trials as one JSON array: [{&lt;each varied setting&gt;,
                         val_accuracy, test_accuracy, seconds, status, run}] (progress on standard error)
  --strict               refuse a model file with keys LayerLab does not use (default: warn)
Every value is checked against the setting&apos;s limits before the first trial starts (batch 0 or a Dense with
0 units is refused, naming the value).
</source>
        <translation>用法：layerlab-cli sweep --model SPEC.json --vary KEY=VALUES [--vary ...] [options]

对每次试验训练一次模型，一次接一次（或两次同时，见 --at-once），每次都记录为带有该参数扫描编号的普通
运行，最后按指标打印试验的排名。一次试验的结果与相同设置、种子和线程数的 &apos;train&apos; 相同。
  --vary KEY=V1,V2,...   一个设置及其取值；运行所有 --vary 列表组成的网格。KEY 可以是 lr、batch、
                         optimizer、模型文件的训练键（learning_rate、l2、optimizer.momentum、epochs、
                         lr_schedule.type……；见 &apos;layerlab-cli help model&apos;），或写成 layerN.KEY 的
                         某一层的设置，层从 1 开始编号，与编辑器相同
                         （layer3.units=64,128；Dropout 层用 layer2.rate=0.2,0.5）
  --vary KEY=log:LO:HI   与 --random 一起：按对数均匀分布抽取（KEY=uniform:LO:HI：均匀分布）
  --random N             随机搜索：N 次试验，每个设置从其列表或范围中抽取
  --sweep-seed N         随机抽取的种子（默认：模型的种子）
  --metric NAME          按 val_accuracy（一次运行的最高验证准确率；默认）或 test_accuracy 排名
  --at-once auto|1|2     同时进行的试验数（默认 auto）：当试验太小、用不满所有核心，或模型最多只要求
                         一半核心时为两次，核心在两者之间平分；此时 threads 0（全部核心）变为每次试验
                         一半核心，运行记录中会注明
{overrides}  --budget SECONDS       超过这段时间后不再开始新的试验，并停止正在运行的那次
  --runs DIR             运行记录文件夹（默认同 train）；参数扫描的状态保存在 DIR/ID.sweep.json
  --resume               继续 DIR 中这个模型和计划最近一次未完成的参数扫描（也可以是工作室开始的）：
                         跳过已完成的试验
  --data DIR             四个 IDX 文件，或一个图像文件夹（每个类别一个子文件夹）；默认：见
                         &apos;layerlab-cli --help&apos;
  --json                 把排名后的试验打印为一个 JSON 数组：[{&lt;每个变化的设置&gt;,
                         val_accuracy, test_accuracy, seconds, status, run}]（进度输出到标准错误）
  --strict               拒绝含有 LayerLab 不使用的键的模型文件（默认：只警告）
每个取值都会在第一次试验开始前按该设置的限制检查（批大小 0 或 0 个单元的 Dense 会被拒绝，并指出该值）。
</translation>
    </message>
    <message>
        <source>--metric: must be val_accuracy or test_accuracy, got &apos;%1&apos;</source>
        <translation>--metric：必须是 val_accuracy 或 test_accuracy，收到的是“%1”</translation>
    </message>
    <message>
        <source>--at-once: must be auto, 1 or 2, got &apos;%1&apos;</source>
        <translation>--at-once：必须是 auto、1 或 2，收到的是“%1”</translation>
    </message>
    <message>
        <source>--budget: must be a number of seconds above 0, got &apos;%1&apos;</source>
        <translation>--budget：必须是大于 0 的秒数，收到的是“%1”</translation>
    </message>
    <message>
        <source>give at least one --vary KEY=VALUES, e.g. --vary lr=0.01,0.001 (see --help)</source>
        <translation>请至少给出一个 --vary KEY=VALUES，例如 --vary lr=0.01,0.001（见 --help）</translation>
    </message>
    <message>
        <source>--vary: %1 is varied twice</source>
        <translation>--vary：%1 被变化了两次</translation>
    </message>
    <message>
        <source>a sweep records its trials: --no-record does not apply</source>
        <translation>参数扫描会记录每次试验：--no-record 不适用</translation>
    </message>
    <message>
        <source>note: no sweep of this model and plan in %1 to resume: starting a new one</source>
        <translation>提示：%1 中没有这个模型和计划可继续的参数扫描：开始一次新的扫描</translation>
    </message>
    <message>
        <source>--runs: cannot write the sweep&apos;s state: %1</source>
        <translation>--runs：无法写入参数扫描的状态：%1</translation>
    </message>
    <message>
        <source>sweep %1: %2 trial of %3 in %4</source>
        <translation>参数扫描 %1：%3 的 %2 次试验，记录在 %4</translation>
    </message>
    <message>
        <source>sweep %1: %2 trials of %3 in %4</source>
        <translation>参数扫描 %1：%3 的 %2 次试验，记录在 %4</translation>
    </message>
    <message>
        <source>, resuming: %1 finished trial skipped</source>
        <translation>，继续进行：跳过 %1 次已完成的试验</translation>
    </message>
    <message>
        <source>, resuming: %1 finished trials skipped</source>
        <translation>，继续进行：跳过 %1 次已完成的试验</translation>
    </message>
    <message>
        <source>trial %1/%2</source>
        <translation>试验 %1/%2</translation>
    </message>
    <message>
        <source>error: cannot write the sweep&apos;s state: %1</source>
        <translation>错误：无法写入参数扫描的状态：%1</translation>
    </message>
    <message>
        <source>the time budget (%1 s) ran out with %2 trial left: --resume continues</source>
        <translation>时间预算（%1 秒）已用完，还剩 %2 次试验：用 --resume 继续</translation>
    </message>
    <message>
        <source>the time budget (%1 s) ran out with %2 trials left: --resume continues</source>
        <translation>时间预算（%1 秒）已用完，还剩 %2 次试验：用 --resume 继续</translation>
    </message>
    <message>
        <source>ranked by %1:</source>
        <translation>按 %1 排名：</translation>
    </message>
    <message>
        <source>usage: layerlab-cli train --model SPEC.json [options]

Trains the model in SPEC.json (or in a checkpoint or an ONNX file, continuing from its weights). Prints one line per epoch (train loss/accuracy, validation loss/accuracy,
seconds, samples/s, the learning rate when the model file&apos;s lr_schedule changes it; a progress bar while
on a terminal), then the test loss and accuracy. Early stopping and the learning-rate schedule (constant,
step, cosine, plateau) come from the model file. A loss that becomes NaN or infinite, or explodes (grows
past 1000 times its starting value), ends the run as diverged: the last good weights are kept, exit code 1.

options:
  --model SPEC.json    model file (required; see resources/presets/), or a checkpoint (.llckpt):
                       training then continues from its weights
  --data DIR           the four IDX files (plain or .gz), or a folder of images (a subfolder per class, read
                       with the model&apos;s import settings or sized to its input); default: see &apos;layerlab-cli --help&apos;
  --init-from CKPT     start from a checkpoint&apos;s (or ONNX file&apos;s) weights, layer by layer: the layers with
                       weights are paired in order (pooling, Flatten, Dropout and activations do not
                       count) and a pair of the same type and shapes gets the checkpoint&apos;s; the others
                       start fresh (the model&apos;s seed). Each pair is printed. Transfer learning: freeze the
                       loaded layers with &quot;trainable&quot;: false in the model file
{overrides}  --strict             refuse a model file with keys LayerLab does not use (default: warn)
  --save CHECKPOINT    write the trained model (spec + weights) here, atomically
  --report REPORT.json write a JSON report: epochs[{epoch, train_loss, train_accuracy, val_loss,
                       val_accuracy, seconds, samples_per_second, learning_rate}], test_loss, test_accuracy,
                       total_seconds, stopped_early, diverged, run_folder (accuracies are fractions 0..1),
                       trainable_parameters, frozen_parameters; with --init-from: init_from and
                       init_layers[{layer, type, outcome, reason}];
                       --report - prints it on standard output (the progress lines go to standard error)
  --runs DIR           record the run in this runs folder (default: $LAYERLAB_RUNS_DIR, else runs/ beside
                       the model file; the user&apos;s data folder for a bundled preset or when that cannot be
                       written): run.json,
                       epochs.csv, batches.csv, best.llckpt and final.llckpt in a folder of its own
  --name NAME          the run&apos;s name in the runs list (default: the model&apos;s name)
  --no-record          do not record the run
  --help               this text
</source>
        <translation>用法：layerlab-cli train --model SPEC.json [options]

训练 SPEC.json 中的模型（或检查点、ONNX 文件中的模型，从其权重继续）。每轮打印一行（训练损失/准确率、
验证损失/准确率、秒数、样本/秒、模型文件的 lr_schedule 改变学习率时的学习率；在终端上显示进度条），
最后打印测试损失和准确率。早停和学习率调度（constant、step、cosine、plateau）来自模型文件。损失变为
NaN 或无穷大，或爆炸（超过初始值的 1000 倍）时，运行以发散结束：保留最后一组正常的权重，退出码为 1。

选项：
  --model SPEC.json    模型文件（必需；见 resources/presets/），或检查点（.llckpt）：
                       此时从它的权重继续训练
  --data DIR           四个 IDX 文件（原始或 .gz），或一个图像文件夹（每个类别一个子文件夹，按模型的
                       导入设置读取或缩放到其输入大小）；默认：见 &apos;layerlab-cli --help&apos;
  --init-from CKPT     逐层从检查点（或 ONNX 文件）的权重开始：有权重的层按顺序配对（池化、Flatten、
                       Dropout 和激活函数不计），类型和形状都相同的一对得到检查点的权重；其他层
                       重新初始化（模型的种子）。每一对都会打印出来。迁移学习：在模型文件中用
                       &quot;trainable&quot;: false 冻结加载的层
{overrides}  --strict             拒绝含有 LayerLab 不使用的键的模型文件（默认：只警告）
  --save CHECKPOINT    把训练好的模型（结构 + 权重）原子地写到这里
  --report REPORT.json 写入 JSON 报告：epochs[{epoch, train_loss, train_accuracy, val_loss,
                       val_accuracy, seconds, samples_per_second, learning_rate}], test_loss, test_accuracy,
                       total_seconds, stopped_early, diverged, run_folder（准确率是 0..1 的比例）,
                       trainable_parameters, frozen_parameters；使用 --init-from 时还有 init_from 和
                       init_layers[{layer, type, outcome, reason}]；
                       --report - 把它打印到标准输出（进度行改到标准错误）
  --runs DIR           把运行记录在这个运行记录文件夹中（默认：$LAYERLAB_RUNS_DIR，否则为模型文件旁的
                       runs/；对于内置预设或无法写入时为用户数据文件夹）：run.json、
                       epochs.csv、batches.csv、best.llckpt 和 final.llckpt 放在它自己的文件夹中
  --name NAME          运行在运行列表中的名称（默认：模型的名称）
  --no-record          不记录这次运行
  --help               显示本说明
</translation>
    </message>
    <message>
        <source>--save and --report name the same file (%1): the report would replace the checkpoint; give two names</source>
        <translation>--save 和 --report 指向同一个文件（%1）：报告会覆盖检查点；请给出两个文件名</translation>
    </message>
    <message>
        <source>--init-from: %1 is a checkpoint and brings its own weights; give a model file as --model</source>
        <translation>--init-from：%1 是检查点，自带权重；请用模型文件作为 --model</translation>
    </message>
    <message>
        <source>weights from %1: %2</source>
        <translation>来自 %1 的权重：%2</translation>
    </message>
    <message>
        <source>note: %1 is a checkpoint: training continues from its weights</source>
        <translation>提示：%1 是检查点：从它的权重继续训练</translation>
    </message>
    <message>
        <source>%1 on %2: %3 training, %4 validation, %5 test images; batch %6, %7 thread</source>
        <translation>%1，数据集 %2：%3 张训练图像，%4 张验证图像，%5 张测试图像；批大小 %6，%7 个线程</translation>
    </message>
    <message>
        <source>%1 on %2: %3 training, %4 validation, %5 test images; batch %6, %7 threads</source>
        <translation>%1，数据集 %2：%3 张训练图像，%4 张验证图像，%5 张测试图像；批大小 %6，%7 个线程</translation>
    </message>
    <message>
        <source>note: %1 threads asked but this machine has %2 cores: training runs on %3</source>
        <translation>提示：要求 %1 个线程，但本机只有 %2 个核心：训练使用 %3 个</translation>
    </message>
    <message>
        <source>recording the run in %1</source>
        <translation>运行记录在 %1</translation>
    </message>
    <message>
        <source>test loss %1  test accuracy %2%  (%3 s in all)</source>
        <translation>测试损失 %1  测试准确率 %2%  （共 %3 秒）</translation>
    </message>
    <message>
        <source>saved %1</source>
        <translation>已保存 %1</translation>
    </message>
    <message>
        <source>layerlab-cli - train, evaluate, use and benchmark LayerLab models without the studio

usage: layerlab-cli &lt;command&gt; [options]

commands:
  train      train a model file on MNIST (or Fashion-MNIST) and print a line per epoch
  evaluate   test a saved checkpoint: loss, accuracy, confusion matrix, per-class metrics (--report)
  predict    classify image files (PNG, JPEG, BMP) with a saved checkpoint, MNIST-style preprocessing
  bench      measure training and inference throughput (samples/s)
  export     write a trained model for other tools: ONNX (--format onnx), PyTorch (--format pytorch)
  runs       list the recorded runs of a runs folder (every train and sweep run is recorded)
  sweep      train a model once per combination of settings (grid or random search) and rank the runs
  compress   int8 quantization and magnitude pruning of a checkpoint: size, accuracy and speed per variant
  lesson     list the lesson cards, or run one: predict, train its runs, see what happened and why
  help model the model file&apos;s reference: every layer type and setting with its limits and default

Run &apos;layerlab-cli &lt;command&gt; --help&apos; for the options of a command; &apos;layerlab-cli --version&apos; prints the
version, the GEMM kernels this CPU runs (avx512, or the portable build&apos;s avx2; LAYERLAB_ISA=avx2 forces
the portable ones) and the folder the presets, lesson cards and the bundled subset are read from.
Keys a model file has that LayerLab does not use (a typo, a note) are reported on standard error, each with
the closest known key; --strict makes them an error (exit 2).
Data is looked up in this order: --data DIR, $LAYERLAB_MNIST_DIR (or $LAYERLAB_FASHION_DIR), the data folder
(data/mnist, data/fashion-mnist), the Debian package path; without full MNIST the bundled subset is used.
--data DIR takes MNIST&apos;s four IDX files or a folder of your own images (PNG, JPEG, BMP; one subfolder per class,
optionally under train/ and test/), told apart by what the folder holds; a model trained on an image folder
(&quot;dataset&quot;: &quot;image_folder&quot;) names its folder and import settings, and finds it without --data. Decoded image
folders are cached in $LAYERLAB_CACHE_DIR (default ~/.cache/layerlab)/image-folders.
Exit codes: 0 success; 1 training diverged (the loss became NaN, infinite or exploded) or failed, or the
checkpoint or report could not be written after training or evaluation; 2 bad input (file, option, model,
image, or an output path that cannot be written), found before training starts.
Output files are written whole (a temp file renamed over the target) through symlinks to their target;
a folder, device, FIFO or socket at the path is refused, and so is a read-only file.
--language en|zh_CN prints the texts meant for people in English or Simplified Chinese (default: the system&apos;s
language, from $LANGUAGE, $LC_ALL, $LC_MESSAGES or $LANG); --json output, reports and files stay the same.
</source>
        <translation>layerlab-cli - 无需工作室即可训练、评估、使用 LayerLab 模型并测试其性能

用法：layerlab-cli &lt;command&gt; [options]

命令：
  train      在 MNIST（或 Fashion-MNIST）上训练模型文件，每轮打印一行
  evaluate   测试保存的检查点：损失、准确率、混淆矩阵、每个类别的指标（--report）
  predict    用保存的检查点对图像文件（PNG、JPEG、BMP）分类，采用 MNIST 式的预处理
  bench      测量训练和推理的吞吐量（样本/秒）
  export     把训练好的模型写成其他工具的格式：ONNX（--format onnx）、PyTorch（--format pytorch）
  runs       列出运行记录文件夹中记录的运行（每次 train 和 sweep 的运行都会被记录）
  sweep      对每种设置组合各训练一次模型（网格搜索或随机搜索），并给运行排名
  compress   对检查点做 int8 量化和按幅值剪枝：每个变体的大小、准确率和速度
  lesson     列出课程卡，或运行其中一张：先预测，再训练它的运行，看看发生了什么以及为什么
  help model 模型文件参考：每种层类型和设置及其限制和默认值

运行 &apos;layerlab-cli &lt;command&gt; --help&apos; 查看某个命令的选项；&apos;layerlab-cli --version&apos; 打印版本、本 CPU 运行的
GEMM 内核（avx512，或可移植构建的 avx2；LAYERLAB_ISA=avx2 强制使用可移植内核）以及读取预设、课程卡
和内置子集的文件夹。
模型文件中 LayerLab 不使用的键（拼写错误、备注）会在标准错误上报告，并给出最接近的已知键；--strict 把它们
视为错误（退出码 2）。
数据按以下顺序查找：--data DIR、$LAYERLAB_MNIST_DIR（或 $LAYERLAB_FASHION_DIR）、数据文件夹
（data/mnist、data/fashion-mnist）、Debian 软件包路径；没有完整的 MNIST 时使用内置子集。
--data DIR 接受 MNIST 的四个 IDX 文件，或你自己的图像文件夹（PNG、JPEG、BMP；每个类别一个子文件夹，
可以放在 train/ 和 test/ 下），按文件夹的内容区分；在图像文件夹上训练的模型（&quot;dataset&quot;: &quot;image_folder&quot;）
记有它的文件夹和导入设置，不用 --data 也能找到。解码后的图像文件夹缓存在
$LAYERLAB_CACHE_DIR（默认 ~/.cache/layerlab）/image-folders 中。
退出码：0 成功；1 训练发散（损失变为 NaN、无穷大或爆炸）或失败，或训练、评估后无法写入检查点或报告；
2 输入有误（文件、选项、模型、图像，或无法写入的输出路径），在训练开始前发现。
输出文件整体写入（先写临时文件再改名覆盖目标），经由符号链接写到其目标；路径上是文件夹、设备、FIFO
或套接字时拒绝写入，只读文件也一样。
--language en|zh_CN 以英文或简体中文打印给人看的文字（默认：系统的语言，取自 $LANGUAGE、$LC_ALL、
$LC_MESSAGES 或 $LANG）；--json 输出、报告和文件保持不变。
</translation>
    </message>
    <message>
        <source>kernels: %1
resources: %2</source>
        <translation>计算内核：%1
资源文件夹：%2</translation>
    </message>
    <message>
        <source>error: unknown command &apos;%1&apos;: use train, evaluate, predict, bench, export, runs, sweep, compress or lesson (see --help)</source>
        <translation>错误：未知命令“%1”：请用 train、evaluate、predict、bench、export、runs、sweep、compress 或 lesson（见 --help）</translation>
    </message>
    <message>
        <source>error: out of memory: use a smaller batch size or model</source>
        <translation>错误：内存不足：请使用更小的批大小或模型</translation>
    </message>
    <message>
        <source>%1 to %2</source>
        <translation>%1 到 %2</translation>
    </message>
    <message>
        <source>--cards: %1 is not a folder: give a folder of cards</source>
        <translation>--cards：%1 不是文件夹：请给出存放课程卡的文件夹</translation>
    </message>
    <message>
        <source>give one card (an id or a file): see --help</source>
        <translation>请给出一张课程卡（编号或文件）：见 --help</translation>
    </message>
    <message>
        <source>--lang: use en or zh_CN, got &apos;%1&apos;</source>
        <translation>--lang：请用 en 或 zh_CN，收到的是“%1”</translation>
    </message>
    <message>
        <source>no lesson card &apos;%1&apos;: run &apos;layerlab-cli lesson&apos; for the list</source>
        <translation>没有课程卡“%1”：运行 &apos;layerlab-cli lesson&apos; 查看列表</translation>
    </message>
    <message>
        <source>--answer: &apos;%1&apos; is not one of the choices (%2)</source>
        <translation>--answer：“%1”不是选项之一（%2）</translation>
    </message>
    <message>
        <source>run %1 (%2): %3 Test accuracy %4.</source>
        <translation>运行 %1（%2）：%3测试准确率 %4。</translation>
    </message>
    <message>
        <source>What happened: %1) %2</source>
        <translation>实际情况：%1) %2</translation>
    </message>
    <message>
        <source>The runs did not settle it: none of the answers came true.</source>
        <translation>这些运行没有给出结论：没有一个答案成立。</translation>
    </message>
    <message>
        <source>The runs did not settle it: more than one of the answers came true.</source>
        <translation>这些运行没有给出结论：不止一个答案成立。</translation>
    </message>
    <message>
        <source>Your prediction (%1) was right.</source>
        <translation>你的预测（%1）正确。</translation>
    </message>
    <message>
        <source>Your prediction (%1) was not right.</source>
        <translation>你的预测（%1）不正确。</translation>
    </message>
    <message>
        <source>Measured:</source>
        <translation>测得的数值：</translation>
    </message>
    <message>
        <source>Try next: %1</source>
        <translation>接下来试试：%1</translation>
    </message>
    <message>
        <source>check: the documented answer &apos;%1&apos; did not come true (&apos;%2&apos; did)</source>
        <translation>check：卡片写明的答案“%1”没有成立（成立的是“%2”）</translation>
    </message>
    <message>
        <source>check: the documented answer &apos;%1&apos; did not come true (no single answer did)</source>
        <translation>check：卡片写明的答案“%1”没有成立（没有唯一成立的答案）</translation>
    </message>
    <message>
        <source>note: %1 as the model says: training learns its classes, and the saved checkpoint and the run record say %2 (the model file is not changed)</source>
        <translation>提示：%1（模型文件写的是后者）：训练学习的是它的类别，保存的检查点和运行记录会写明 %2（模型文件不会改变）</translation>
    </message>
    <message>
        <source>note: %1 is an int8 model: weights.npz holds the float32 values its int8 weights stand for, and PyTorch runs them in float32 without rounding each layer&apos;s input to int8, so its results can differ slightly from layerlab-cli evaluate&apos;s</source>
        <translation>提示：%1 是 int8 模型：weights.npz 保存的是其 int8 权重所代表的 float32 值，PyTorch 以 float32 运行它们，不会把每一层的输入取整到 int8，因此结果可能与 layerlab-cli evaluate 的略有不同</translation>
    </message>
    <message>
        <source>wrote %1: ONNX opset %2, int8 (QDQ), input &quot;image&quot; N x %3 x %4 x %5 (pixels 0-255), output &quot;%6&quot; N x %7</source>
        <translation>已写入 %1：ONNX opset %2，int8（QDQ），输入 &quot;image&quot; N x %3 x %4 x %5（像素值 0-255），输出 &quot;%6&quot; N x %7</translation>
    </message>
    <message>
        <source>usage: layerlab-cli lesson [CARD] [--cards DIR] [--answer ID] [--lang en|zh_CN]
                           [--data DIR] [--check] [--json]

Without CARD: lists the lesson cards (the bundled ones and those of --cards DIR) by concept, with their ids.
With CARD (a card&apos;s id, or a card file): prints the card&apos;s question and choices, trains its runs on the bundled
MNIST subset (or the card&apos;s dataset), one line per run, then the answer whose check came true, the figures
the checks read, the explanation and what to try next. The runs are not recorded. The card format is in the
README (&quot;Writing a lesson card&quot;).
  --cards DIR  also read the cards in this folder (a card with a bundled card&apos;s id replaces it)
  --answer ID  your prediction (a choice&apos;s id): says whether it was right
  --lang L     the cards&apos; language, en or zh_CN (default: the UI language, see &apos;layerlab-cli --help&apos;)
  --data DIR   where MNIST or Fashion-MNIST is, for a card that asks for one of them; for a card on an image
               folder, the folder (one subfolder per class): the learner&apos;s own, or instead of the card&apos;s
  --check      for card writers: exit 1 unless exactly one check came true and it is the card&apos;s answer
  --json       one JSON object: card, runs (id, label, metrics), choices (id, holds), happened, answer, right
Exit codes: 0 done (and, with --check, the documented answer came true); 1 with --check, it did not, or a run
failed; 2 an unknown or broken card, or a bad option.
</source>
        <translation>用法：layerlab-cli lesson [CARD] [--cards DIR] [--answer ID] [--lang en|zh_CN]
                          [--data DIR] [--check] [--json]

不给 CARD：按概念列出课程卡（内置的和 --cards DIR 中的）及其编号。
给出 CARD（课程卡的编号或文件）：打印卡片的问题和选项，在内置的 MNIST 子集（或卡片指定的数据集）上训练
它的各个运行，每个运行一行，然后是检查成立的那个答案、检查读取的数值、解释和接下来可以尝试的事。这些
运行不会被记录。卡片格式见 README（&quot;Writing a lesson card&quot;）。
  --cards DIR  同时读取这个文件夹中的课程卡（与内置卡片编号相同的卡片会替换它）
  --answer ID  你的预测（某个选项的编号）：告诉你是否正确
  --lang L     卡片的语言，en 或 zh_CN（默认：界面语言，见 &apos;layerlab-cli --help&apos;）
  --data DIR   MNIST 或 Fashion-MNIST 所在的位置，供需要它们的卡片使用；对于使用图像文件夹的卡片，就是
               那个文件夹（每个类别一个子文件夹）：学习者自己的，或代替卡片中的文件夹
  --check      供编写卡片的人使用：除非恰好一个检查成立且它就是卡片写明的答案，否则退出码为 1
  --json       一个 JSON 对象：card, runs (id, label, metrics), choices (id, holds), happened, answer, right
退出码：0 完成（使用 --check 时，写明的答案成立）；1 使用 --check 时答案没有成立，或某个运行失败；
2 未知或损坏的卡片，或选项有误。
</translation>
    </message>
    <message>
        <source>card &apos;%1&apos; trains on your own images: give their folder with --data DIR (one subfolder per class; draw them with File &gt; New Dataset… in the studio)</source>
        <translation>课程卡“%1”在你自己的图像上训练：请用 --data DIR 给出它们的文件夹（每个类别一个子文件夹；可以在工作室中用 文件 &gt; 新建数据集… 画出来）</translation>
    </message>
    <message>
        <source>note: skipped %1: %2</source>
        <translation>提示：跳过了 %1：%2</translation>
    </message>
    <message>
        <source>compressed (%1): test accuracy %2, %3 KB instead of %4 KB.</source>
        <translation>压缩后（%1）：测试准确率 %2，%3 KB，原为 %4 KB。</translation>
    </message>
    <message>
        <source>usage: layerlab-cli bench --model SPEC.json [--data DIR] [--batch N] [--threads N] [--scaling] [--json]

Measures training and inference throughput in samples/s on real images at that batch size: a warm-up,
then the median of 5 one-second repeats. A training step is the trainer&apos;s own step (pixels to inputs,
forward, loss and its checks, backward, L2, optimizer step); inference is its evaluation pass. --model may
also be a checkpoint (its model is measured). It also measures this machine&apos;s GEMM peak on the same
threads (a 1024^3 product on the engine&apos;s own kernel, for a quarter second after each training repeat,
the best of them) and reports the training GFLOP/s (shape inference&apos;s FLOPs per sample x samples/s) as a
fraction of it, and which kernel path ran (LAYERLAB_ISA=avx2 in the environment forces the portable AVX2
path on an AVX-512 CPU).
  --batch N     batch size (default: the model file&apos;s)
  --threads N   worker threads (default: all cores)
  --repeats N   repeats (default 5)
  --scaling     then how training speeds up from 1 thread to --threads, measured fairly on a machine whose
                speed drifts: 1 and N threads trained in turn, half a second each, 2 x repeats times; the
                median of the pairs&apos; ratios, their quartiles, and this machine&apos;s GEMM peak measured the same
                way
  --json        print {&quot;train_samples_per_second&quot;: ..., &quot;infer_samples_per_second&quot;: ..., &quot;batch&quot;: ...,
                &quot;threads&quot;: ..., &quot;isa&quot;: &quot;avx512&quot;, &quot;train_gflops&quot;: ..., &quot;gemm_peak_gflops&quot;: ...,
                &quot;peak_fraction&quot;: ...}; with --scaling also &quot;scaling_threads&quot;, &quot;scaling_ratio&quot;,
                &quot;scaling_ratio_low&quot;, &quot;scaling_ratio_high&quot; (quartiles), &quot;scaling_one_thread_samples_per_second&quot;,
                &quot;scaling_samples_per_second&quot; and &quot;scaling_gemm_peak_ratio&quot;
  --strict      refuse a model file with keys LayerLab does not use (default: warn)
</source>
        <translation>用法：layerlab-cli bench --model SPEC.json [--data DIR] [--batch N] [--threads N] [--scaling] [--json]

在真实图像上以给定的批大小测量训练和推理的吞吐量（样本/秒）：先预热，再取 5 次各一秒测量的中位数。
一个训练步骤就是训练器自己的步骤（像素转为输入、前向传播、损失及其检查、反向传播、L2、优化器更新）；
推理就是它的评估过程。--model 也可以是检查点（测量的是其中的模型）。同时在相同的线程上测量本机的
GEMM 峰值（用引擎自己的内核计算一个 1024^3 的矩阵乘积，在每次训练测量之后测四分之一秒，取其中最好的
一次），报告训练的 GFLOP/s（形状推断得到的每样本
FLOPs x 样本/秒）占峰值的比例，以及运行的是哪条内核路径（环境变量 LAYERLAB_ISA=avx2 会在 AVX-512 CPU
上强制使用可移植的 AVX2 路径）。
  --batch N     批大小（默认：模型文件中的值）
  --threads N   工作线程数（默认：全部核心）
  --repeats N   重复次数（默认 5）
  --scaling     随后测量训练从 1 个线程到 --threads 个线程的加速比，在速度会漂移的机器上也公平：1 个和 N 个
                线程轮流训练，每次半秒，共 2 x 重复次数 轮；报告各轮比值的中位数、其四分位数，以及用同样方法
                测得的本机 GEMM 峰值之比
  --json        打印 {&quot;train_samples_per_second&quot;: ..., &quot;infer_samples_per_second&quot;: ..., &quot;batch&quot;: ...,
                &quot;threads&quot;: ..., &quot;isa&quot;: &quot;avx512&quot;, &quot;train_gflops&quot;: ..., &quot;gemm_peak_gflops&quot;: ...,
                &quot;peak_fraction&quot;: ...}；使用 --scaling 时还有 &quot;scaling_threads&quot;、&quot;scaling_ratio&quot;、
                &quot;scaling_ratio_low&quot;、&quot;scaling_ratio_high&quot;（四分位数）、&quot;scaling_one_thread_samples_per_second&quot;、
                &quot;scaling_samples_per_second&quot; 和 &quot;scaling_gemm_peak_ratio&quot;
  --strict      拒绝含有 LayerLab 不使用的键的模型文件（默认：只警告）
</translation>
    </message>
    <message>
        <source>--scaling compares 1 thread with more, but this run has 1 thread: use --threads 2 or more, on a machine with several cores</source>
        <translation>--scaling 比较 1 个线程和更多线程，但这次运行只有 1 个线程：请使用 --threads 2 或更多，并在有多个核心的机器上运行</translation>
    </message>
    <message>
        <source>1 -&gt; %1 threads, trained in turn: training %2x (quartiles %3-%4x; %5 -&gt; %6 samples/s); this machine&apos;s GEMM peak %7x</source>
        <translation>1 -&gt; %1 个线程，轮流训练：训练 %2x（四分位数 %3-%4x；%5 -&gt; %6 样本/秒）；本机 GEMM 峰值 %7x</translation>
    </message>
</context>
<context>
    <name>CompressDialog</name>
    <message>
        <source>Compress Model</source>
        <translation>压缩模型</translation>
    </message>
    <message>
        <source>&lt;b&gt;%1&lt;/b&gt; (%2) on %3. Int8 quantization stores each Dense and Conv2D weight in one byte; pruning sets the smallest weights to zero. Each variant is tested on the test set.</source>
        <translation>&lt;b&gt;%1&lt;/b&gt;（%2），数据集 %3。int8 量化把每个 Dense 和 Conv2D 权重存成一个字节；剪枝把最小的权重置为零。每个变体都在测试集上测试。</translation>
    </message>
    <message>
        <source>no dataset</source>
        <translation>没有数据集</translation>
    </message>
    <message>
        <source>int8 quantization (per-channel weights, calibrated activations)</source>
        <translation>int8 量化（按通道的权重，校准后的激活值）</translation>
    </message>
    <message>
        <source>Magnitude pruning: one variant per sparsity, in percent from 0 to 99 (the share of each Dense and Conv2D layer&apos;s weights set to zero, smallest first). Empty: no pruned variants.</source>
        <translation>幅值剪枝：每个稀疏度一个变体，以 0 到 99 的百分比表示（每个 Dense 和 Conv2D 层中被置零的权重比例，从最小的开始）。留空：不生成剪枝变体。</translation>
    </message>
    <message>
        <source>After pruning, train each pruned model this many epochs with its training settings, the pruned weights held at zero (0: no fine-tune)</source>
        <translation>剪枝之后，用各自的训练设置把每个剪枝模型再训练这么多轮，被剪掉的权重保持为零（0：不微调）</translation>
    </message>
    <message>
        <source>Precision:</source>
        <translation>精度：</translation>
    </message>
    <message>
        <source>Sparsities (%):</source>
        <translation>稀疏度 (%)：</translation>
    </message>
    <message>
        <source>Fine-tune epochs:</source>
        <translation>微调轮数：</translation>
    </message>
    <message>
        <source>&amp;Run</source>
        <translation>运行(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Cancel Sweep</source>
        <translation>取消扫描(&amp;C)</translation>
    </message>
    <message>
        <source>Variant</source>
        <translation>变体</translation>
    </message>
    <message>
        <source>Size (KB)</source>
        <translation>大小 (KB)</translation>
    </message>
    <message>
        <source>Test accuracy</source>
        <translation>测试准确率</translation>
    </message>
    <message>
        <source>Agreement with float32</source>
        <translation>与 float32 的一致率</translation>
    </message>
    <message>
        <source>Images/s</source>
        <translation>图像/秒</translation>
    </message>
    <message>
        <source>variant (precision or sparsity)</source>
        <translation>变体（精度或稀疏度）</translation>
    </message>
    <message>
        <source>test accuracy (%)</source>
        <translation>测试准确率 (%)</translation>
    </message>
    <message>
        <source>size (KB)</source>
        <translation>大小 (KB)</translation>
    </message>
    <message>
        <source>&amp;Save Variant…</source>
        <translation>保存变体(&amp;S)…</translation>
    </message>
    <message>
        <source>Write the selected variant as a checkpoint (int8: a checkpoint holding one byte per quantized weight that layerlab-cli evaluate and the studio run quantized)</source>
        <translation>把所选变体写成检查点（int8：每个量化权重占一个字节的检查点，layerlab-cli evaluate 和工作室都以量化方式运行它）</translation>
    </message>
    <message>
        <source>&amp;Use in Evaluate</source>
        <translation>在评估中使用(&amp;U)</translation>
    </message>
    <message>
        <source>Show the selected variant in the Evaluate tab (the trained weights stay as they are)</source>
        <translation>在评估页显示所选变体（训练好的权重保持不变）</translation>
    </message>
    <message>
        <source>There are no trained weights to compress: train the model (F5) or load a checkpoint.</source>
        <translation>没有可压缩的训练好的权重：请训练模型（F5）或加载检查点。</translation>
    </message>
    <message>
        <source>No dataset is loaded: the variants are tested on its test set. Load one first.</source>
        <translation>未加载数据集：变体要在它的测试集上测试。请先加载一个数据集。</translation>
    </message>
    <message>
        <source>Choose the variants and press Run.</source>
        <translation>选择变体后按“运行”。</translation>
    </message>
    <message>
        <source>Sparsities: &apos;%1&apos; is not a number; give percentages from 0 to 99, e.g. 0, 50, 80, 90, 95.</source>
        <translation>稀疏度：“%1”不是数；请给出 0 到 99 的百分比，例如 0, 50, 80, 90, 95。</translation>
    </message>
    <message>
        <source>Sparsities: %1.</source>
        <translation>稀疏度：%1。</translation>
    </message>
    <message>
        <source>Nothing to compress: tick int8 quantization or give at least one sparsity.</source>
        <translation>没有要压缩的内容：勾选 int8 量化，或至少给出一个稀疏度。</translation>
    </message>
    <message>
        <source>Fine-tune epochs fine-tune a pruned model: give a sparsity above 0, or set them to 0.</source>
        <translation>微调轮数用于微调剪枝后的模型：请给出大于 0 的稀疏度，或把它设为 0。</translation>
    </message>
    <message>
        <source>Compressing…</source>
        <translation>正在压缩…</translation>
    </message>
    <message>
        <source>Cancelling…</source>
        <translation>正在取消…</translation>
    </message>
    <message>
        <source>Step %1 of %2: %3…</source>
        <translation>第 %1 / %2 步：%3…</translation>
    </message>
    <message>
        <source>%1 variants tested on %2 test images</source>
        <translation>在 %2 张测试图像上测试了 %1 个变体</translation>
    </message>
    <message>
        <source>; int8 calibrated on %1 training images. The engine dequantizes int8 weights on load and rounds each layer&apos;s input to int8 (no int8 kernels: int8 accuracy at float32 speed)</source>
        <translation>；int8 在 %1 张训练图像上校准。引擎在加载时反量化 int8 权重，并把每一层的输入取整到 int8（没有 int8 内核：int8 的准确率，float32 的速度）</translation>
    </message>
    <message>
        <source>. Pruned sizes are a sparse format: a bitmask and the nonzero weights.</source>
        <translation>。剪枝后的大小按稀疏格式计算：一个位掩码加上非零权重。</translation>
    </message>
    <message>
        <source>Compression failed: %1</source>
        <translation>压缩失败：%1</translation>
    </message>
    <message>
        <source>Cancelled: nothing was kept from this sweep.</source>
        <translation>已取消：这次扫描的结果都没有保留。</translation>
    </message>
    <message>
        <source>size (KB, right axis)</source>
        <translation>大小（KB，右轴）</translation>
    </message>
    <message>
        <source>%1 of %2 (Compress Model)</source>
        <translation>%2 的 %1（压缩模型）</translation>
    </message>
    <message>
        <source>Choose a variant in the table first.</source>
        <translation>请先在表格中选择一个变体。</translation>
    </message>
    <message>
        <source>Save Compressed Checkpoint</source>
        <translation>保存压缩后的检查点</translation>
    </message>
    <message>
        <source>LayerLab checkpoints (*.llckpt)</source>
        <translation>LayerLab 检查点 (*.llckpt)</translation>
    </message>
    <message>
        <source>Could not save %1.

%2</source>
        <translation>无法保存 %1。

%2</translation>
    </message>
    <message>
        <source>Saved %1 to %2 (a float32 checkpoint).</source>
        <translation>已把 %1 保存到 %2（float32 检查点）。</translation>
    </message>
    <message>
        <source>Saved %1 to %2 (an int8 checkpoint).</source>
        <translation>已把 %1 保存到 %2（int8 检查点）。</translation>
    </message>
</context>
<context>
    <name>ConfusionMatrixView</name>
    <message>
        <source>Rows: the true class. Columns: the class the model answered. Click a cell to see its images; the arrow keys move between cells.</source>
        <translation>行：真实类别。列：模型给出的类别。点击单元格查看其中的图像；方向键在单元格之间移动。</translation>
    </message>
    <message>
        <source>predicted class</source>
        <translation>预测类别</translation>
    </message>
    <message>
        <source>true class</source>
        <translation>真实类别</translation>
    </message>
    <message>
        <source>recall</source>
        <translation>召回率</translation>
    </message>
    <message>
        <source>precision</source>
        <translation>精确率</translation>
    </message>
    <message>
        <source>%1 of %2 images of %3 answered correctly</source>
        <translation>%3 的 %2 张图像中有 %1 张答对</translation>
    </message>
    <message>
        <source>%1 of %2 images of %3 taken for %4</source>
        <translation>%3 的 %2 张图像中有 %1 张被当成 %4</translation>
    </message>
    <message>
        <source>. Click to see them.</source>
        <translation>。点击查看这些图像。</translation>
    </message>
</context>
<context>
    <name>CoreText</name>
    <message>
        <source>Full MNIST not found (%1); using the bundled subset of %2 training and %3 test images.</source>
        <translation>未找到完整的 MNIST（%1）；改用内置子集的 %2 张训练图像和 %3 张测试图像。</translation>
    </message>
    <message>
        <source>run scripts/fetch-mnist.sh</source>
        <translation>请运行 scripts/fetch-mnist.sh</translation>
    </message>
    <message>
        <source>put MNIST&apos;s four IDX files (train-images-idx3-ubyte, train-labels-idx1-ubyte, t10k-images-idx3-ubyte, t10k-labels-idx1-ubyte; plain or .gz) in %1, or point --data (the studio: File &gt; Open Data Folder…) or $LAYERLAB_MNIST_DIR at them</source>
        <translation>把 MNIST 的四个 IDX 文件（train-images-idx3-ubyte、train-labels-idx1-ubyte、t10k-images-idx3-ubyte、t10k-labels-idx1-ubyte；原样或 .gz）放到 %1，或用 --data（工作室中：文件 &gt; 打开数据文件夹…）或 $LAYERLAB_MNIST_DIR 指向它们</translation>
    </message>
    <message>
        <source>sudo apt-get install dataset-fashion-mnist (or run scripts/install-deps.sh)</source>
        <translation>sudo apt-get install dataset-fashion-mnist（或运行 scripts/install-deps.sh）</translation>
    </message>
    <message>
        <source>Finished %1 epoch.</source>
        <translation>已完成 %1 轮。</translation>
    </message>
    <message>
        <source>Finished %1 epochs.</source>
        <translation>已完成 %1 轮。</translation>
    </message>
    <message>
        <source>Early stopping after epoch %1: no improvement for %2 epochs; restored the weights of epoch %3.</source>
        <translation>第 %1 轮后早停：已连续 %2 轮没有改进；已恢复第 %3 轮的权重。</translation>
    </message>
    <message>
        <source>Early stopping after epoch %1: no improvement for %2 epochs.</source>
        <translation>第 %1 轮后早停：已连续 %2 轮没有改进。</translation>
    </message>
    <message>
        <source>Stopped by the user in epoch %1 at batch %2 of %3 (no validation of the partial epoch); restored the weights of epoch %4.</source>
        <translation>用户在第 %1 轮的第 %2 / %3 批次停止了训练（不完整的一轮不做验证）；已恢复第 %4 轮的权重。</translation>
    </message>
    <message>
        <source>Stopped by the user in epoch %1 at batch %2 of %3 (no validation of the partial epoch).</source>
        <translation>用户在第 %1 轮的第 %2 / %3 批次停止了训练（不完整的一轮不做验证）。</translation>
    </message>
    <message>
        <source>Stopped by the user before the first batch.</source>
        <translation>用户在第一个批次之前停止了训练。</translation>
    </message>
    <message>
        <source>Stopped by the user after epoch %1; restored the weights of epoch %2.</source>
        <translation>用户在第 %1 轮之后停止了训练；已恢复第 %2 轮的权重。</translation>
    </message>
    <message>
        <source>Stopped by the user after epoch %1.</source>
        <translation>用户在第 %1 轮之后停止了训练。</translation>
    </message>
    <message>
        <source>Training diverged at epoch %1, batch %2: the loss %3. Lower the learning rate (now %4, try %5); the last good weights were kept.</source>
        <translation>训练在第 %1 轮第 %2 批次发散：损失%3。请降低学习率（现在是 %4，试试 %5）；已保留最后一组正常的权重。</translation>
    </message>
    <message>
        <source>became NaN</source>
        <translation>变成了 NaN</translation>
    </message>
    <message>
        <source>became infinite</source>
        <translation>变成了无穷大</translation>
    </message>
    <message>
        <source>exploded to %1 (over %2 times its starting level %3)</source>
        <translation>爆炸到 %1（超过初始水平 %3 的 %2 倍）</translation>
    </message>
    <message>
        <source>Training failed: %1</source>
        <translation>训练失败：%1</translation>
    </message>
    <message>
        <source>layer %1 (%2): %3</source>
        <translation>第 %1 层（%2）：%3</translation>
    </message>
    <message>
        <source>layer %1 (%2) %3</source>
        <translation>第 %1 层（%2）%3</translation>
    </message>
    <message>
        <source>needs a flat input but gets %1: add Flatten before it</source>
        <translation>需要扁平的输入，但得到的是 %1：请在它前面加上 Flatten</translation>
    </message>
    <message>
        <source>needs a channels x height x width input but gets %1: move it before Flatten</source>
        <translation>需要 通道 x 高 x 宽 的输入，但得到的是 %1：请把它移到 Flatten 之前</translation>
    </message>
    <message>
        <source>kernel %1 does not fit its %2 input: use a smaller kernel, &apos;same&apos; padding, or less pooling before it</source>
        <translation>卷积核 %1 放不进它的 %2 输入：请用更小的卷积核、&apos;same&apos; 填充，或在它前面少用池化</translation>
    </message>
    <message>
        <source>window %1 does not fit its %2 input: use a smaller pool size or remove a pooling layer before it</source>
        <translation>池化窗口 %1 放不进它的 %2 输入：请用更小的池化大小，或去掉它前面的一个池化层</translation>
    </message>
    <message>
        <source>the output is %1 but the data has %2 classes: end the model with a Dense layer of %3 units</source>
        <translation>输出是 %1，但数据有 %2 个类别：请以一个有 %3 个单元的 Dense 层结束模型</translation>
    </message>
    <message>
        <source>the output is %1 but the data has %2 classes: end the model with Flatten and a Dense layer of %3 units</source>
        <translation>输出是 %1，但数据有 %2 个类别：请以 Flatten 和一个有 %3 个单元的 Dense 层结束模型</translation>
    </message>
    <message>
        <source>the model has no layers: add Flatten and a Dense layer with %1 units</source>
        <translation>模型没有任何层：请加上 Flatten 和一个有 %1 个单元的 Dense 层</translation>
    </message>
    <message>
        <source>the input shape %1 is empty: give channels, height and width of at least 1</source>
        <translation>输入形状 %1 为空：通道、高和宽都至少要为 1</translation>
    </message>
    <message>
        <source>units must be at least 1</source>
        <translation>units 至少要为 1</translation>
    </message>
    <message>
        <source>filters, kernel and stride must be at least 1</source>
        <translation>filters、kernel 和 stride 至少要为 1</translation>
    </message>
    <message>
        <source>pool size and stride must be at least 1</source>
        <translation>池化大小和 stride 至少要为 1</translation>
    </message>
    <message>
        <source>cannot open model file %1: %2</source>
        <translation>无法打开模型文件 %1：%2</translation>
    </message>
    <message>
        <source>invalid JSON at line %1, column %2: %3</source>
        <translation>JSON 无效，位于第 %1 行第 %2 列：%3</translation>
    </message>
    <message>
        <source>not a LayerLab model file: &quot;format&quot; must be &quot;layerlab-model&quot;</source>
        <translation>不是 LayerLab 模型文件：&quot;format&quot; 必须是 &quot;layerlab-model&quot;</translation>
    </message>
    <message>
        <source>layer %1 type: unknown layer type %2; use one of %3</source>
        <translation>第 %1 层 type：未知的层类型 %2；请使用以下之一：%3</translation>
    </message>
    <message>
        <source>unknown key %1 (did you mean %2?)</source>
        <translation>未知的键 %1（是不是 %2？）</translation>
    </message>
    <message>
        <source>unknown key %1</source>
        <translation>未知的键 %1</translation>
    </message>
    <message>
        <source>must be a whole number from %1 to %2, got %3</source>
        <translation>必须是 %1 到 %2 之间的整数，收到的是 %3</translation>
    </message>
    <message>
        <source>must be a positive finite number (e.g. %1), got %2</source>
        <translation>必须是正的有限数（例如 %1），收到的是 %2</translation>
    </message>
    <message>
        <source>must be a positive finite number, got %1</source>
        <translation>必须是正的有限数，收到的是 %1</translation>
    </message>
    <message>
        <source>must be 0 or a positive finite number (e.g. %1), got %2</source>
        <translation>必须是 0 或正的有限数（例如 %1），收到的是 %2</translation>
    </message>
    <message>
        <source>must be 0 or a positive finite number, got %1</source>
        <translation>必须是 0 或正的有限数，收到的是 %1</translation>
    </message>
    <message>
        <source>must be a number from %1 to %2 (e.g. %3), got %4</source>
        <translation>必须是 %1 到 %2 之间的数（例如 %3），收到的是 %4</translation>
    </message>
    <message>
        <source>must be a number from %1 to %2, got %3</source>
        <translation>必须是 %1 到 %2 之间的数，收到的是 %3</translation>
    </message>
    <message>
        <source>must be one of %1, got %2</source>
        <translation>必须是 %1 之一，收到的是 %2</translation>
    </message>
    <message>
        <source>must be true or false, got %1</source>
        <translation>必须是 true 或 false，收到的是 %1</translation>
    </message>
    <message>
        <source>a positive finite number</source>
        <translation>正的有限数</translation>
    </message>
    <message>
        <source>0 or a positive finite number</source>
        <translation>0 或正的有限数</translation>
    </message>
    <message>
        <source>%1 holds %2 (recognised by its images), not %3</source>
        <translation>%1 中是 %2（由图像识别），而不是 %3</translation>
    </message>
</context>
<context>
    <name>DatasetLoader</name>
    <message>
        <source>The import of %1 was cancelled.</source>
        <translation>%1 的导入已取消。</translation>
    </message>
    <message>
        <source>Loading was cancelled.</source>
        <translation>加载已取消。</translation>
    </message>
    <message>
        <source>Importing the images of %1…</source>
        <translation>正在导入 %1 的图像…</translation>
    </message>
    <message>
        <source>Loading %1…</source>
        <translation>正在加载 %1…</translation>
    </message>
    <message>
        <source>Loading %1 from %2…</source>
        <translation>正在从 %2 加载 %1…</translation>
    </message>
</context>
<context>
    <name>DatasetSession</name>
    <message>
        <source>%1 Open the folder again to import it (File &gt; Open Image Folder…), or choose another dataset in the Training tab.</source>
        <translation>%1 请重新打开该文件夹来导入（文件 &gt; 打开图像文件夹…），或在训练页中选择其他数据集。</translation>
    </message>
    <message>
        <source>The data folder %1 could not be loaded, so it is no longer used: the dataset you chose is looked up the usual way.</source>
        <translation>数据文件夹 %1 无法加载，因此不再使用：将按常规方式查找你选择的数据集。</translation>
    </message>
    <message>
        <source>The data folder %1 holds another dataset than the one you chose, so it is no longer used: the dataset you chose is looked up the usual way.</source>
        <translation>数据文件夹 %1 中的数据集与你选择的不同，因此不再使用：将按常规方式查找你选择的数据集。</translation>
    </message>
    <message>
        <source>The model trains on an image folder but names none: open one with File &gt; Open Image Folder…</source>
        <translation>模型在图像文件夹上训练，但没有指定文件夹：请用 文件 &gt; 打开图像文件夹… 打开一个</translation>
    </message>
    <message>
        <source>No dataset loaded</source>
        <translation>未加载数据集</translation>
    </message>
    <message>
        <source>%1: %2 training / %3 test images</source>
        <translation>%1：%2 张训练图像 / %3 张测试图像</translation>
    </message>
    <message>
        <source>%1 as the model says: it would learn and be scored on other classes than it names. Open a folder with the model&apos;s dataset (File &gt; Open Data Folder…) or choose the dataset the folder holds in the Training tab.</source>
        <translation>%1（模型所写的数据集）：模型会在它没有列出的类别上学习和评分。请打开含有模型数据集的文件夹（文件 &gt; 打开数据文件夹…），或在训练页中选择该文件夹所含的数据集。</translation>
    </message>
</context>
<context>
    <name>DrawingPad</name>
    <message>
        <source>Draw a digit with the mouse or a pen. Ctrl+Z undoes the last stroke.</source>
        <translation>用鼠标或手写笔画一个数字。Ctrl+Z 撤销最后一笔。</translation>
    </message>
    <message>
        <source>Draw a digit here</source>
        <translation>在这里画一个数字</translation>
    </message>
</context>
<context>
    <name>DrawingPanel</name>
    <message>
        <source>Pen</source>
        <translation>画笔</translation>
    </message>
    <message>
        <source>Draw ink</source>
        <translation>画上墨迹</translation>
    </message>
    <message>
        <source>Eraser</source>
        <translation>橡皮擦</translation>
    </message>
    <message>
        <source>Rub ink out</source>
        <translation>擦掉墨迹</translation>
    </message>
    <message>
        <source> px</source>
        <translation> 像素</translation>
    </message>
    <message>
        <source>Brush width on the pad (which is 280 px across: ten times MNIST&apos;s 28)</source>
        <translation>画板上的笔刷宽度（画板宽 280 像素：MNIST 的 28 的十倍）</translation>
    </message>
    <message>
        <source>Undo</source>
        <translation>撤销</translation>
    </message>
    <message>
        <source>Take back the last stroke (Ctrl+Z on the pad)</source>
        <translation>撤回最后一笔（在画板上按 Ctrl+Z）</translation>
    </message>
    <message>
        <source>Clear</source>
        <translation>清空</translation>
    </message>
    <message>
        <source>Wipe the pad (Delete on the pad)</source>
        <translation>擦净画板（在画板上按 Delete）</translation>
    </message>
    <message>
        <source>Width</source>
        <translation>宽度</translation>
    </message>
    <message>
        <source>Crop to the ink</source>
        <translation>裁剪到墨迹</translation>
    </message>
    <message>
        <source>Cut the drawing to the bounding box of its ink. Off: the whole pad is scaled, so the digit comes out small.</source>
        <translation>把画裁剪到墨迹的外接框。关闭：缩放整个画板，数字会显得很小。</translation>
    </message>
    <message>
        <source>Scale to 20 px</source>
        <translation>缩放到 20 像素</translation>
    </message>
    <message>
        <source>Scale the longer side of the box to 20 of the 28 pixels, keeping its shape, as MNIST did. Off: the pixels keep their size and a large drawing is clipped.</source>
        <translation>把外接框的长边缩放到 28 像素中的 20 像素并保持形状，和 MNIST 的做法一样。关闭：像素保持原大小，大的画会被截掉。</translation>
    </message>
    <message>
        <source>Area averaging</source>
        <translation>区域平均</translation>
    </message>
    <message>
        <source>Each small pixel is the mean of the area it covers: soft grey edges like MNIST&apos;s. Off: the nearest pixel, hard and broken strokes.</source>
        <translation>每个小像素取它覆盖区域的平均值：像 MNIST 一样的柔和灰色边缘。关闭：取最近的像素，笔画生硬且断裂。</translation>
    </message>
    <message>
        <source>Centre of mass</source>
        <translation>质心居中</translation>
    </message>
    <message>
        <source>Shift the digit so its centre of mass (weighted by ink) lands on pixel (14, 14), as in MNIST. Off: the box is centred instead.</source>
        <translation>平移数字，使它的质心（按墨迹加权）落在像素 (14, 14) 上，和 MNIST 一样。关闭：改为把外接框居中。</translation>
    </message>
    <message>
        <source>&lt;b&gt;MNIST&apos;s preprocessing&lt;/b&gt;</source>
        <translation>&lt;b&gt;MNIST 的预处理&lt;/b&gt;</translation>
    </message>
    <message>
        <source>&lt;b&gt;What the network gets&lt;/b&gt;</source>
        <translation>&lt;b&gt;网络得到的输入&lt;/b&gt;</translation>
    </message>
    <message>
        <source>The 28x28 image the network is given, four times enlarged</source>
        <translation>网络得到的 28x28 图像，放大四倍</translation>
    </message>
    <message>
        <source>The model&apos;s probability for each class, updated while you draw</source>
        <translation>模型对每个类别的概率，边画边更新</translation>
    </message>
    <message>
        <source>Time for the last update: preprocessing, one pass through the network and copying every layer&apos;s output</source>
        <translation>上次更新的耗时：预处理、一次网络前向传播，以及复制每一层的输出</translation>
    </message>
    <message>
        <source>Why this answer?</source>
        <translation>为什么是这个答案？</translation>
    </message>
    <message>
        <source>Show what in the drawing the model&apos;s answer rests on (saliency, occlusion, Grad-CAM)</source>
        <translation>显示模型的答案依据的是画中的哪些部分（显著性、遮挡、Grad-CAM）</translation>
    </message>
    <message>
        <source>Draw a digit to see what each layer makes of it.</source>
        <translation>画一个数字，看看每一层怎样处理它。</translation>
    </message>
    <message>
        <source>No trained weights yet: train the model (F5) or load a checkpoint.</source>
        <translation>还没有训练好的权重：请训练模型（F5）或加载检查点。</translation>
    </message>
    <message>
        <source>The pad draws one grey image, but this model takes %1 inputs: use a model for grey images such as MNIST&apos;s.</source>
        <translation>画板画出的是一张灰度图像，但这个模型需要 %1 个输入：请使用处理灰度图像的模型，例如 MNIST 的模型。</translation>
    </message>
    <message>
        <source>Draw a digit first.</source>
        <translation>请先画一个数字。</translation>
    </message>
    <message>
        <source>Ink box %1x%2 px → %3x%4, centre of mass (%5, %6)</source>
        <translation>墨迹框 %1x%2 像素 → %3x%4，质心 (%5, %6)</translation>
    </message>
    <message>
        <source>Updated in %1 ms</source>
        <translation>更新用时 %1 毫秒</translation>
    </message>
</context>
<context>
    <name>EvaluateWorkspace</name>
    <message>
        <source>The weights this tab looks at</source>
        <translation>本页查看的权重</translation>
    </message>
    <message>
        <source>Test set</source>
        <translation>测试集</translation>
    </message>
    <message>
        <source>Validation set</source>
        <translation>验证集</translation>
    </message>
    <message>
        <source>Evaluate on the test images, or on the training images the run held out for validation</source>
        <translation>在测试图像上评估，或在运行时留作验证的训练图像上评估</translation>
    </message>
    <message>
        <source>Counts</source>
        <translation>计数</translation>
    </message>
    <message>
        <source>Row-normalised</source>
        <translation>按行归一化</translation>
    </message>
    <message>
        <source>Show the number of images in each cell, or each cell&apos;s share of its row (of the images of that true class)</source>
        <translation>显示每个单元格中的图像数，或每个单元格占所在行（该真实类别的图像）的比例</translation>
    </message>
    <message>
        <source>Step back through the epochs of the run: one confusion matrix per epoch</source>
        <translation>逐轮回看这次运行：每一轮一个混淆矩阵</translation>
    </message>
    <message>
        <source>Epoch</source>
        <translation>轮次</translation>
    </message>
    <message>
        <source>Colour scale of the cells</source>
        <translation>单元格的颜色刻度</translation>
    </message>
    <message>
        <source>Click a cell of the matrix to see its images.</source>
        <translation>点击矩阵中的单元格查看其中的图像。</translation>
    </message>
    <message>
        <source>Cell images</source>
        <translation>单元格图像</translation>
    </message>
    <message>
        <source>The images of the chosen cell, most confident wrong answers first (on the diagonal: least confident right answers first)</source>
        <translation>所选单元格中的图像，最自信的错误答案在前（对角线上：最不自信的正确答案在前）</translation>
    </message>
    <message>
        <source>Class</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>Precision</source>
        <translation>精确率</translation>
    </message>
    <message>
        <source>Recall</source>
        <translation>召回率</translation>
    </message>
    <message>
        <source>F1</source>
        <translation>F1</translation>
    </message>
    <message>
        <source>Support</source>
        <translation>样本数</translation>
    </message>
    <message>
        <source>Of the images the model called this class, the share that are</source>
        <translation>模型判为该类别的图像中，真正属于该类别的比例</translation>
    </message>
    <message>
        <source>Of the images of this class, the share the model recognised</source>
        <translation>该类别的图像中，被模型认出的比例</translation>
    </message>
    <message>
        <source>The harmonic mean of precision and recall</source>
        <translation>精确率和召回率的调和平均</translation>
    </message>
    <message>
        <source>How many images of this class the set holds</source>
        <translation>数据集中该类别的图像数</translation>
    </message>
    <message>
        <source>Per class</source>
        <translation>按类别</translation>
    </message>
    <message>
        <source>&lt;b&gt;Top losses&lt;/b&gt;: the images the model is most wrong about</source>
        <translation>&lt;b&gt;最大损失&lt;/b&gt;：模型错得最厉害的图像</translation>
    </message>
    <message>
        <source>Click an image to ask why the model answered as it did</source>
        <translation>点击一张图像，问问模型为什么这样回答</translation>
    </message>
    <message>
        <source>&lt;b&gt;Most confused pairs&lt;/b&gt; (true → answered)</source>
        <translation>&lt;b&gt;最易混淆的类别对&lt;/b&gt;（真实 → 回答）</translation>
    </message>
    <message>
        <source>Click a pair to see its images</source>
        <translation>点击一对类别查看其图像</translation>
    </message>
    <message>
        <source>Top losses</source>
        <translation>最大损失</translation>
    </message>
    <message>
        <source>&amp;Errors</source>
        <translation>错误(&amp;E)</translation>
    </message>
    <message>
        <source>What the model gets wrong: confusion matrix, per-class metrics, top losses (Alt+E)</source>
        <translation>模型错在哪里：混淆矩阵、各类别指标、最大损失（Alt+E）</translation>
    </message>
    <message>
        <source>&amp;Draw</source>
        <translation>手写(&amp;D)</translation>
    </message>
    <message>
        <source>Does it read your handwriting? Draw a digit (Alt+D)</source>
        <translation>它能认出你的手写吗？画一个数字（Alt+D）</translation>
    </message>
    <message>
        <source>&amp;Why?</source>
        <translation>为什么(&amp;W)?</translation>
    </message>
    <message>
        <source>Why did it answer that? Saliency, SmoothGrad, occlusion and Grad-CAM of the chosen image (Alt+W)</source>
        <translation>它为什么这样回答？所选图像的显著性、SmoothGrad、遮挡和 Grad-CAM（Alt+W）</translation>
    </message>
    <message>
        <source>The evaluation failed: %1</source>
        <translation>评估失败：%1</translation>
    </message>
    <message>
        <source>share of row</source>
        <translation>占行比例</translation>
    </message>
    <message>
        <source>images</source>
        <translation>图像</translation>
    </message>
    <message>
        <source>&lt;b&gt;Your drawing&lt;/b&gt;, as the network gets it</source>
        <translation>&lt;b&gt;你画的图&lt;/b&gt;，网络看到的样子</translation>
    </message>
    <message>
        <source>&lt;b&gt;Weights:&lt;/b&gt; none</source>
        <translation>&lt;b&gt;权重：&lt;/b&gt;无</translation>
    </message>
    <message>
        <source>&lt;b&gt;Weights:&lt;/b&gt; %1</source>
        <translation>&lt;b&gt;权重：&lt;/b&gt;%1</translation>
    </message>
    <message>
        <source>%1 of %2</source>
        <translation>%1 / %2</translation>
    </message>
    <message>
        <source>Evaluating %1 on the %2 images on all cores…</source>
        <translation>正在用所有核心在 %2 图像上评估 %1…</translation>
    </message>
    <message>
        <source>Open this tab to evaluate.</source>
        <translation>打开本页即可评估。</translation>
    </message>
    <message>
        <source>&lt;b&gt;Accuracy %1&lt;/b&gt; (%2 of %3 %4 images right) · loss %5 · macro F1 %6 · evaluated in %7 s</source>
        <translation>&lt;b&gt;准确率 %1&lt;/b&gt;（%4 图像 %3 张中答对 %2 张）· 损失 %5 · 宏 F1 %6 · 评估用时 %7 秒</translation>
    </message>
    <message>
        <source>loss %1 · a %2 answered %3 (%4) · image %5</source>
        <translation>损失 %1 · %2 被答成 %3（%4）· 图像 %5</translation>
    </message>
    <message>
        <source>%1 → %2: %3</source>
        <translation>%1 → %2：%3</translation>
    </message>
    <message>
        <source>&lt;b&gt;%1&lt;/b&gt; answered right: %2, least confident first.</source>
        <translation>&lt;b&gt;%1&lt;/b&gt; 答对：%2，最不自信的在前。</translation>
    </message>
    <message>
        <source>&lt;b&gt;%1&lt;/b&gt; taken for &lt;b&gt;%2&lt;/b&gt;: %3, most confident first.</source>
        <translation>&lt;b&gt;%1&lt;/b&gt; 被当成 &lt;b&gt;%2&lt;/b&gt;：%3，最自信的在前。</translation>
    </message>
    <message>
        <source> The first %1 are shown.</source>
        <translation> 只显示前 %1 张。</translation>
    </message>
    <message>
        <source>&lt;b&gt;%1 image %2&lt;/b&gt;: a %3, answered %4 (%5)</source>
        <translation>&lt;b&gt;%1 图像 %2&lt;/b&gt;：一个 %3，被答成 %4（%5）</translation>
    </message>
    <message>
        <source>Test</source>
        <translation>测试</translation>
    </message>
    <message>
        <source>Training</source>
        <translation>训练</translation>
    </message>
</context>
<context>
    <name>EvaluationSession</name>
    <message>
        <source>No trained weights yet: train the model (F5) or load a checkpoint.</source>
        <translation>还没有训练好的权重：请训练模型（F5）或加载检查点。</translation>
    </message>
    <message>
        <source>The run has not finished its first epoch yet: the matrix appears after it.</source>
        <translation>这次运行还没完成第一轮：矩阵会在第一轮之后出现。</translation>
    </message>
    <message>
        <source>epoch %1 of the running training</source>
        <translation>正在进行的训练的第 %1 轮</translation>
    </message>
    <message>
        <source>epoch %1 of the last run</source>
        <translation>上次运行的第 %1 轮</translation>
    </message>
    <message>
        <source>No dataset loaded: the Evaluate tab needs the test images. Choose one in the Training settings or use File &gt; Open Data Folder.</source>
        <translation>未加载数据集：评估页需要测试图像。请在训练设置中选择数据集，或使用 文件 &gt; 打开数据文件夹。</translation>
    </message>
    <message>
        <source>These weights are for a model with %1 inputs, but %2 has %3x%4 images: load the dataset the model was trained on, or a checkpoint made for %3x%4 images.</source>
        <translation>这些权重属于一个有 %1 个输入的模型，但 %2 的图像是 %3x%4：请加载训练该模型所用的数据集，或加载为 %3x%4 图像制作的检查点。</translation>
    </message>
    <message>
        <source>This run holds out no validation images (validation split 0): look at the test set, or set a validation split in the Training settings and train again.</source>
        <translation>这次运行没有留出验证图像（验证集比例为 0）：请查看测试集，或在训练设置中设置验证集比例后重新训练。</translation>
    </message>
</context>
<context>
    <name>ExplanationPanel</name>
    <message>
        <source>The image explained, as the network gets it</source>
        <translation>被解释的图像，网络看到的样子</translation>
    </message>
    <message>
        <source>The class whose score is explained: the model&apos;s answer, or another class to ask &quot;why this and not that?&quot;</source>
        <translation>要解释其分数的类别：模型的答案，或另一个类别，用来问“为什么是这个而不是那个？”</translation>
    </message>
    <message>
        <source>How strongly the maps cover the image (0: only the image, 100: only the map)</source>
        <translation>解释图覆盖图像的强度（0：只有图像，100：只有解释图）</translation>
    </message>
    <message>
        <source>Explain class:</source>
        <translation>解释类别：</translation>
    </message>
    <message>
        <source>Map opacity:</source>
        <translation>解释图不透明度：</translation>
    </message>
    <message>
        <source>N </source>
        <translation>N </translation>
    </message>
    <message>
        <source>How many noisy copies are averaged</source>
        <translation>平均多少个加噪副本</translation>
    </message>
    <message>
        <source>noise </source>
        <translation>噪声 </translation>
    </message>
    <message>
        <source>Standard deviation of the noise, as a share of the image&apos;s range of values</source>
        <translation>噪声的标准差，以图像取值范围的比例表示</translation>
    </message>
    <message>
        <source>patch </source>
        <translation>方块 </translation>
    </message>
    <message>
        <source>Side of the square covered, in pixels</source>
        <translation>被遮盖方块的边长（像素）</translation>
    </message>
    <message>
        <source>stride </source>
        <translation>步长 </translation>
    </message>
    <message>
        <source>How far the square moves each step (at most the patch size)</source>
        <translation>方块每步移动多远（最多为方块大小）</translation>
    </message>
    <message>
        <source>fill zero</source>
        <translation>填充 0</translation>
    </message>
    <message>
        <source>fill background</source>
        <translation>填充背景</translation>
    </message>
    <message>
        <source>What covers the square: black (erased ink) or the mean of the image&apos;s border (what its background looks like)</source>
        <translation>用什么遮盖方块：黑色（擦掉墨迹）或图像边框的平均值（背景的样子）</translation>
    </message>
    <message>
        <source>No trained weights yet: train the model (F5) or load a checkpoint.</source>
        <translation>还没有训练好的权重：请训练模型（F5）或加载检查点。</translation>
    </message>
    <message>
        <source>the predicted class</source>
        <translation>预测的类别</translation>
    </message>
    <message>
        <source>layer %1 (Conv2D)</source>
        <translation>第 %1 层（Conv2D）</translation>
    </message>
    <message>
        <source>The Conv2D layer whose feature maps are weighed</source>
        <translation>对其特征图加权的 Conv2D 层</translation>
    </message>
    <message>
        <source>no Conv2D layer</source>
        <translation>没有 Conv2D 层</translation>
    </message>
    <message>
        <source>Coarse on small feature maps: each map pixel covers several image pixels.</source>
        <translation>特征图较小时会比较粗糙：每个特征图像素覆盖多个图像像素。</translation>
    </message>
    <message>
        <source>Pick an image: click one in the gallery or the top losses, or draw one.</source>
        <translation>选一张图像：在图库或最大损失中点击一张，或者自己画一张。</translation>
    </message>
    <message>
        <source>The image has %1x%2 pixels but the model takes %3 inputs.</source>
        <translation>图像有 %1x%2 像素，但模型需要 %3 个输入。</translation>
    </message>
    <message>
        <source>Not available for this model.</source>
        <translation>此模型不可用。</translation>
    </message>
    <message>
        <source>computing…</source>
        <translation>计算中…</translation>
    </message>
    <message>
        <source>%1: %2 s</source>
        <translation>%1：%2 秒</translation>
    </message>
    <message>
        <source>the predicted class (%1 %2)</source>
        <translation>预测的类别（%1 %2）</translation>
    </message>
    <message>
        <source>drop</source>
        <translation>下降</translation>
    </message>
    <message>
        <source>d/dx</source>
        <translation>d/dx</translation>
    </message>
</context>
<context>
    <name>FeatureMapView</name>
    <message>
        <source>Probe image:</source>
        <translation>探测图像：</translation>
    </message>
    <message>
        <source>Previous image</source>
        <translation>上一张图像</translation>
    </message>
    <message>
        <source>Which held-out image to send through the network. Its activations are drawn below.</source>
        <translation>送入网络的留出图像。它的激活值画在下面。</translation>
    </message>
    <message>
        <source>Next image</source>
        <translation>下一张图像</translation>
    </message>
    <message>
        <source>Before activation</source>
        <translation>激活前</translation>
    </message>
    <message>
        <source>A Dense or Conv2D layer with an activation (relu, sigmoid, …) shows what it passes on: its output after the activation. Tick this to see the values before the activation instead (negative ones included).</source>
        <translation>带激活函数（relu、sigmoid 等）的 Dense 或 Conv2D 层显示它传递出去的内容：激活后的输出。勾选此项改为查看激活前的值（包括负值）。</translation>
    </message>
    <message>
        <source>of %1 %2 images</source>
        <translation>共 %1 张%2图像</translation>
    </message>
    <message>
        <source>No activations yet. Start training (F5) or load a checkpoint to see what each layer makes of an image.</source>
        <translation>还没有激活值。开始训练（F5）或加载检查点，看看每一层怎样处理一张图像。</translation>
    </message>
    <message>
        <source>Colour scale of this layer&apos;s outputs for the probe image.</source>
        <translation>此层对探测图像的输出的颜色刻度。</translation>
    </message>
    <message>
        <source>&lt;b&gt;label %1&lt;/b&gt;, predicted &lt;b&gt;%2&lt;/b&gt;</source>
        <translation>&lt;b&gt;标签 %1&lt;/b&gt;，预测 &lt;b&gt;%2&lt;/b&gt;</translation>
    </message>
    <message>
        <source>predicted &lt;b&gt;%1&lt;/b&gt;</source>
        <translation>预测 &lt;b&gt;%1&lt;/b&gt;</translation>
    </message>
    <message>
        <source> &lt;span style=&apos;color:#2a7d2a&apos;&gt;✔ right&lt;/span&gt;</source>
        <translation> &lt;span style=&apos;color:#2a7d2a&apos;&gt;✔ 正确&lt;/span&gt;</translation>
    </message>
    <message>
        <source> &lt;span style=&apos;color:#b22222&apos;&gt;✘ wrong&lt;/span&gt;</source>
        <translation> &lt;span style=&apos;color:#b22222&apos;&gt;✘ 错误&lt;/span&gt;</translation>
    </message>
    <message>
        <source>probabilities </source>
        <translation>概率 </translation>
    </message>
    <message>
        <source>weights of epoch %1, batch %2</source>
        <translation>第 %1 轮第 %2 批次的权重</translation>
    </message>
    <message>
        <source>weights at the end of epoch %1</source>
        <translation>第 %1 轮结束时的权重</translation>
    </message>
    <message>
        <source>before %1</source>
        <translation>%1 之前</translation>
    </message>
    <message>
        <source>output</source>
        <translation>输出</translation>
    </message>
    <message>
        <source>%1 · %2</source>
        <translation>%1 · %2</translation>
    </message>
    <message>
        <source> (before %1)</source>
        <translation>（%1 之前）</translation>
    </message>
</context>
<context>
    <name>FilterView</name>
    <message>
        <source>No weights yet. Start training (F5), or load a checkpoint (File ▸ Load Checkpoint…) to see the learned filters.</source>
        <translation>还没有权重。开始训练（F5），或加载检查点（文件 ▸ 加载检查点…）来查看学到的滤波器。</translation>
    </message>
    <message>
        <source>This model has no Conv2D layer and no Dense layer on raw pixels, so there are no filters to draw. The Feature maps tab shows what each layer computes.</source>
        <translation>这个模型没有 Conv2D 层，也没有直接作用于原始像素的 Dense 层，所以没有可画的滤波器。特征图页显示每一层的计算结果。</translation>
    </message>
    <message>
        <source>Weights of the loaded model (not trained in this session).</source>
        <translation>已加载模型的权重（不是本次会话训练的）。</translation>
    </message>
    <message>
        <source>Weights at the end of epoch %1 (%2 optimizer steps). Red is positive, blue negative, white zero.</source>
        <translation>第 %1 轮结束时的权重（%2 次优化器步）。红色为正，蓝色为负，白色为零。</translation>
    </message>
    <message>
        <source>Weights of epoch %1, batch %2 (%3 optimizer steps). Red is positive, blue negative, white zero.</source>
        <translation>第 %1 轮第 %2 批次的权重（%3 次优化器步）。红色为正，蓝色为负，白色为零。</translation>
    </message>
    <message>
        <source>channel:</source>
        <translation>通道：</translation>
    </message>
    <message>
        <source>mean</source>
        <translation>平均</translation>
    </message>
    <message>
        <source>Each filter has one kernel per input channel. Show their mean, or one channel&apos;s kernel.</source>
        <translation>每个滤波器对每个输入通道有一个卷积核。显示它们的平均值，或某一个通道的卷积核。</translation>
    </message>
    <message>
        <source>in colour</source>
        <translation>彩色</translation>
    </message>
    <message>
        <source>Each kernel as a colour picture: its weights on the red, green and blue input make the pixel&apos;s red, green and blue; mid-grey is 0.</source>
        <translation>把每个卷积核画成彩色图片：它在红、绿、蓝输入上的权重构成像素的红、绿、蓝；中灰为 0。</translation>
    </message>
    <message>
        <source>Colour scale: the layer&apos;s largest |weight| is full red (+) or full blue (−).</source>
        <translation>颜色刻度：该层最大的 |权重| 为纯红 (+) 或纯蓝 (−)。</translation>
    </message>
    <message>
        <source>Conv2D #%1 (layer %2): %3 filters %4x%5 on the RGB image, in colour (red, green and blue weights; mid-grey 0)</source>
        <translation>Conv2D #%1（第 %2 层）：%3 个 %4x%5 滤波器作用于 RGB 图像，彩色显示（红、绿、蓝权重；中灰为 0）</translation>
    </message>
    <message>
        <source>weight</source>
        <translation>权重</translation>
    </message>
    <message>
        <source>Conv2D #%1 (layer %2): %3 filters %4x%5, %6 input channel(s)</source>
        <translation>Conv2D #%1（第 %2 层）：%3 个 %4x%5 滤波器，%6 个输入通道</translation>
    </message>
    <message>
        <source>Dense (layer %1) on raw pixels: each unit&apos;s %2 weights as a %3x%4 image</source>
        <translation>直接作用于原始像素的 Dense（第 %1 层）：每个单元的 %2 个权重显示为 %3x%4 图像</translation>
    </message>
</context>
<context>
    <name>HealthView</name>
    <message>
        <source>Layer health appears here while the model trains: it is measured every few batches (and after every Step).</source>
        <translation>模型训练时，这里显示各层的健康状况：每隔几个批次测量一次（每次单步后也会测量）。</translation>
    </message>
    <message>
        <source>Layer</source>
        <translation>层</translation>
    </message>
    <message>
        <source>Output</source>
        <translation>输出</translation>
    </message>
    <message>
        <source>Dead</source>
        <translation>死亡</translation>
    </message>
    <message>
        <source>Gradient</source>
        <translation>梯度</translation>
    </message>
    <message>
        <source>Update / weight</source>
        <translation>更新 / 权重</translation>
    </message>
    <message>
        <source>Mean ± standard deviation of the layer&apos;s outputs over the last measured batch</source>
        <translation>最近一次测量的批次中，该层输出的均值 ± 标准差</translation>
    </message>
    <message>
        <source>ReLU units that output 0 for every image of the batch: they pass no gradient and stop learning</source>
        <translation>对批次中每张图像都输出 0 的 ReLU 神经元：它们不传递梯度，停止学习</translation>
    </message>
    <message>
        <source>Norm of the gradient of the loss with respect to the layer&apos;s weights</source>
        <translation>损失函数对该层权重的梯度的范数</translation>
    </message>
    <message>
        <source>How much one step changes the weights, relative to their size (log axis). Around 0.001 is healthy (green band); far above, the learning rate is too high; far below, too low</source>
        <translation>一步更新相对于权重大小的变化量（对数坐标）。约 0.001 为健康（绿色带）；远高于此说明学习率过大，远低于此说明学习率过小</translation>
    </message>
    <message>
        <source>Click a layer to see its distributions over time.</source>
        <translation>点击一层，查看它的分布随训练的变化。</translation>
    </message>
    <message>
        <source>Weights</source>
        <translation>权重</translation>
    </message>
    <message>
        <source>Biases</source>
        <translation>偏置</translation>
    </message>
    <message>
        <source>Gradients</source>
        <translation>梯度</translation>
    </message>
    <message>
        <source>Activations</source>
        <translation>激活值</translation>
    </message>
    <message>
        <source>Which values of the layer the distributions show</source>
        <translation>分布图显示该层的哪些值</translation>
    </message>
    <message>
        <source>training step</source>
        <translation>训练步</translation>
    </message>
    <message>
        <source>Percentiles over training: the light band holds all values, the darker ones 7-93 % and 16-84 %, the line is the median</source>
        <translation>训练过程中的百分位数：浅色带包含全部数值，较深的带为 7-93 % 和 16-84 %，线为中位数</translation>
    </message>
    <message>
        <source>count</source>
        <translation>数量</translation>
    </message>
    <message>
        <source>The training step whose histogram shows</source>
        <translation>显示哪一个训练步的直方图</translation>
    </message>
    <message>
        <source>%1: %2% of units are dead (zero for every image of the batch): the learning rate may be too high</source>
        <translation>%1：%2% 的神经元已死亡（对批次中每张图像都为 0）：学习率可能过大</translation>
    </message>
    <message>
        <source>Gradients shrink %1x from the last layer to the first: vanishing gradients (try ReLU instead of Sigmoid, or BatchNorm)</source>
        <translation>梯度从最后一层到第一层缩小了 %1 倍：梯度消失（试试用 ReLU 代替 Sigmoid，或加入 BatchNorm）</translation>
    </message>
    <message>
        <source>Gradients grow %1x from the last layer to the first: exploding gradients (lower the learning rate or add BatchNorm)</source>
        <translation>梯度从最后一层到第一层增大了 %1 倍：梯度爆炸（降低学习率或加入 BatchNorm）</translation>
    </message>
    <message>
        <source>%1: each step changes the weights by %2 of their size (healthy: about 0.001): the learning rate may be too high</source>
        <translation>%1：每一步使权重变化其大小的 %2（健康值约 0.001）：学习率可能过大</translation>
    </message>
    <message>
        <source>%1: each step changes the weights by only %2 of their size (healthy: about 0.001): the learning rate may be too low</source>
        <translation>%1：每一步只使权重变化其大小的 %2（健康值约 0.001）：学习率可能过小</translation>
    </message>
    <message>
        <source>%1: NaN or infinite values: the run is diverging, lower the learning rate</source>
        <translation>%1：出现 NaN 或无穷大：训练正在发散，请降低学习率</translation>
    </message>
    <message>
        <source>Step %1 (epoch %2, batch %3, loss %4): every layer looks healthy.</source>
        <translation>第 %1 步（第 %2 轮，第 %3 批，损失 %4）：各层看起来都健康。</translation>
    </message>
    <message>
        <source>Step %1 (epoch %2, batch %3, loss %4):</source>
        <translation>第 %1 步（第 %2 轮，第 %3 批，损失 %4）：</translation>
    </message>
    <message numerus="yes">
        <source>… and %n more (point here to read them all)</source>
        <translation>
            <numerusform>……还有 %n 条（指向这里可阅读全部）</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 of %2 units output 0 for every image of the batch</source>
        <translation>%2 个神经元中有 %1 个对批次中每张图像都输出 0</translation>
    </message>
    <message>
        <source>Only units after a ReLU can die</source>
        <translation>只有 ReLU 之后的神经元会死亡</translation>
    </message>
    <message>
        <source>frozen</source>
        <translation>已冻结</translation>
    </message>
    <message>
        <source>||step|| / ||weights|| = %1 / %2</source>
        <translation>||步长|| / ||权重|| = %1 / %2</translation>
    </message>
    <message>
        <source>%1: %2 over training</source>
        <translation>%1：%2 随训练的变化</translation>
    </message>
    <message>
        <source>%1 has no %2</source>
        <translation>%1 没有%2</translation>
    </message>
    <message>
        <source>step %1 (epoch %2, batch %3)</source>
        <translation>第 %1 步（第 %2 轮，第 %3 批）</translation>
    </message>
</context>
<context>
    <name>ImageFolderActions</name>
    <message>
        <source>Open &amp;Image Folder…</source>
        <translation>打开图像文件夹(&amp;I)…</translation>
    </message>
    <message>
        <source>Train on your own pictures: a folder with one subfolder of images per class</source>
        <translation>用你自己的图片训练：一个文件夹，每个类别一个图像子文件夹</translation>
    </message>
    <message>
        <source>Image Import &amp;Settings…</source>
        <translation>图像导入设置(&amp;S)…</translation>
    </message>
    <message>
        <source>Change how the image folder&apos;s pictures become the model&apos;s inputs</source>
        <translation>更改图像文件夹中的图片如何变成模型的输入</translation>
    </message>
    <message>
        <source>Import S&amp;ummary…</source>
        <translation>导入摘要(&amp;U)…</translation>
    </message>
    <message>
        <source>Images per class, a preview, skipped files and duplicates of the image folder</source>
        <translation>图像文件夹的每类图像数、预览、跳过的文件和重复文件</translation>
    </message>
    <message>
        <source>&amp;New Dataset…</source>
        <translation>新建数据集(&amp;N)…</translation>
    </message>
    <message>
        <source>Make a dataset by drawing examples of your own classes</source>
        <translation>亲手画出你自己类别的样例来制作数据集</translation>
    </message>
    <message>
        <source>Importing Images</source>
        <translation>正在导入图像</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Open image folder %1</source>
        <translation>打开图像文件夹 %1</translation>
    </message>
    <message>
        <source>The model&apos;s input is now %1 to take the images (it was %2).</source>
        <translation>模型的输入现在是 %1，以接收这些图像（原来是 %2）。</translation>
    </message>
    <message>
        <source>Make the model output %1 classes</source>
        <translation>让模型输出 %1 个类别</translation>
    </message>
    <message>
        <source>Open Image Folder</source>
        <translation>打开图像文件夹</translation>
    </message>
    <message>
        <source>Importing the images of %1…</source>
        <translation>正在导入 %1 的图像…</translation>
    </message>
    <message>
        <source>Importing the images of %1: %2 of %3…</source>
        <translation>正在导入 %1 的图像：%3 张中的 %2 张…</translation>
    </message>
</context>
<context>
    <name>ImageGallery</name>
    <message>
        <source>Image %1 of the set: a %2, answered %3.
Top 3:</source>
        <translation>数据集中的第 %1 张图像：一个 %2，被答成 %3。
前 3 名：</translation>
    </message>
    <message>
        <source>
Click to ask why.</source>
        <translation>
点击询问原因。</translation>
    </message>
</context>
<context>
    <name>ImageImportDialog</name>
    <message>
        <source>Import Image Folder</source>
        <translation>导入图像文件夹</translation>
    </message>
    <message>
        <source>How the images become the model&apos;s inputs</source>
        <translation>图像如何变成模型的输入</translation>
    </message>
    <message>
        <source>The first image of each class, as the model will see it</source>
        <translation>每个类别的第一张图像，模型看到的样子</translation>
    </message>
    <message>
        <source>Import</source>
        <translation>导入</translation>
    </message>
    <message>
        <source>&lt;b&gt;%1&lt;/b&gt; cannot be used: %2</source>
        <translation>&lt;b&gt;%1&lt;/b&gt; 无法使用：%2</translation>
    </message>
    <message>
        <source>… (%1 more)</source>
        <translation>…（还有 %1 个）</translation>
    </message>
    <message>
        <source>&lt;b&gt;%1&lt;/b&gt;: %2 image files in %3 classes (%4)</source>
        <translation>&lt;b&gt;%1&lt;/b&gt;：%3 个类别中共 %2 个图像文件（%4）</translation>
    </message>
    <message>
        <source>; the test images are in test/.</source>
        <translation>；测试图像在 test/ 中。</translation>
    </message>
    <message>
        <source>; no test/ folder: a share of each class is held out for testing.</source>
        <translation>；没有 test/ 文件夹：每个类别留出一部分用于测试。</translation>
    </message>
    <message>
        <source>&lt;br&gt;Left out, no images: %1.</source>
        <translation>&lt;br&gt;没有图像、被排除：%1。</translation>
    </message>
    <message>
        <source>&lt;br&gt;1 other entry is skipped (listed in the import summary).</source>
        <translation>&lt;br&gt;另有 1 个条目被跳过（列在导入摘要中）。</translation>
    </message>
    <message>
        <source>&lt;br&gt;%1 other entries are skipped (listed in the import summary).</source>
        <translation>&lt;br&gt;另有 %1 个条目被跳过（列在导入摘要中）。</translation>
    </message>
    <message>
        <source>The folder has a test/ folder: its images are the test set.</source>
        <translation>该文件夹有 test/ 文件夹：其中的图像就是测试集。</translation>
    </message>
    <message>
        <source>The model&apos;s input is %1: it fits these settings.</source>
        <translation>模型的输入是 %1：与这些设置相符。</translation>
    </message>
    <message>
        <source>The model&apos;s input changes from %1 to %2 to take these images.</source>
        <translation>模型的输入从 %1 变为 %2，以接收这些图像。</translation>
    </message>
    <message>
        <source>%1x%2 pixels, %3; shown enlarged.</source>
        <translation>%1x%2 像素，%3；放大显示。</translation>
    </message>
    <message>
        <source>colour</source>
        <translation>彩色</translation>
    </message>
    <message>
        <source>grey</source>
        <translation>灰度</translation>
    </message>
    <message>
        <source>Not shown: %1</source>
        <translation>未显示：%1</translation>
    </message>
</context>
<context>
    <name>ImportSummaryDialog</name>
    <message>
        <source>Import Summary</source>
        <translation>导入摘要</translation>
    </message>
    <message>
        <source>read from the cache in %1 s</source>
        <translation>%1 秒内从缓存读取</translation>
    </message>
    <message>
        <source>decoded in %1 s</source>
        <translation>%1 秒内解码</translation>
    </message>
    <message>
        <source>&lt;b&gt;%1&lt;/b&gt;: %2 classes, %3 training and %4 test images of %5x%6 %7 (%8).</source>
        <translation>&lt;b&gt;%1&lt;/b&gt;：%2 个类别，%3 张训练图像和 %4 张测试图像，%5x%6 %7（%8）。</translation>
    </message>
    <message>
        <source>colour</source>
        <translation>彩色</translation>
    </message>
    <message>
        <source>grey</source>
        <translation>灰度</translation>
    </message>
    <message>
        <source>Left out, no images in the folder: %1.</source>
        <translation>文件夹中没有图像、被排除：%1。</translation>
    </message>
    <message>
        <source>The model has %1 outputs but the folder has %2 classes.</source>
        <translation>模型有 %1 个输出，但文件夹有 %2 个类别。</translation>
    </message>
    <message>
        <source>Make the model output %1 classes</source>
        <translation>让模型输出 %1 个类别</translation>
    </message>
    <message>
        <source>Sets the model&apos;s class count and its last Dense layer to %1 units (one undo step).</source>
        <translation>把模型的类别数和最后一个 Dense 层设为 %1 个单元（一步撤销）。</translation>
    </message>
    <message>
        <source>Class</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>Training</source>
        <translation>训练</translation>
    </message>
    <message>
        <source>Test</source>
        <translation>测试</translation>
    </message>
    <message>
        <source>Training images as the model will see them:</source>
        <translation>模型将看到的训练图像：</translation>
    </message>
    <message>
        <source>Classes</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>File</source>
        <translation>文件</translation>
    </message>
    <message>
        <source>Why it was skipped</source>
        <translation>跳过原因</translation>
    </message>
    <message>
        <source>Skipped files (%1)</source>
        <translation>跳过的文件（%1）</translation>
    </message>
    <message>
        <source>Training file</source>
        <translation>训练文件</translation>
    </message>
    <message>
        <source>Identical test file</source>
        <translation>相同的测试文件</translation>
    </message>
    <message>
        <source>The same file in the training and the test set: the test accuracy counts images the model was trained on. Remove one copy of each.</source>
        <translation>训练集和测试集中有同一个文件：测试准确率会计入模型训练过的图像。请每对删除一份。</translation>
    </message>
    <message>
        <source>Duplicates (%1)</source>
        <translation>重复（%1）</translation>
    </message>
    <message>
        <source>Not cached: %1. The next start decodes the images again.</source>
        <translation>未缓存：%1。下次启动会重新解码这些图像。</translation>
    </message>
    <message>
        <source>Cached in %1: reopening the unchanged folder skips decoding.</source>
        <translation>已缓存在 %1：重新打开未改动的文件夹时跳过解码。</translation>
    </message>
</context>
<context>
    <name>LayerInspector</name>
    <message>
        <source>Select a layer in the model to edit its settings.</source>
        <translation>在模型中选择一个层来编辑它的设置。</translation>
    </message>
    <message>
        <source>This layer has no settings.</source>
        <translation>此层没有设置。</translation>
    </message>
    <message>
        <source>Shape:</source>
        <translation>形状：</translation>
    </message>
    <message>
        <source>Parameters:</source>
        <translation>参数：</translation>
    </message>
    <message>
        <source>FLOPs/sample:</source>
        <translation>每样本 FLOPs：</translation>
    </message>
    <message>
        <source>%1:</source>
        <translation>%1：</translation>
    </message>
    <message>
        <source>%1 · %2</source>
        <translation>%1 · %2</translation>
    </message>
    <message>
        <source>The block is empty. Drag layers from the palette into it.</source>
        <translation>模块是空的。从层面板把层拖进来。</translation>
    </message>
    <message>
        <source>Its inner layer is edited in the model: select it there, drag more in from the palette.</source>
        <translation>它的内部层在模型中编辑：在那里选中它，或从层面板拖入更多层。</translation>
    </message>
    <message>
        <source>Its %1 inner layers are edited in the model: select one there, drag more in from the palette.</source>
        <translation>它的 %1 个内部层在模型中编辑：在那里选中其中一个，或从层面板拖入更多层。</translation>
    </message>
    <message>
        <source>?</source>
        <translation>？</translation>
    </message>
    <message>
        <source>%1 → %2</source>
        <translation>%1 → %2</translation>
    </message>
    <message>
        <source>Shapes appear once layer %1 is fixed.</source>
        <translation>修正第 %1 层后才会显示形状。</translation>
    </message>
</context>
<context>
    <name>LayerPalette</name>
    <message>
        <source>Drag a layer into the model</source>
        <translation>把层拖进模型</translation>
    </message>
</context>
<context>
    <name>LessonSession</name>
    <message>
        <source>The dataset could not be loaded: %1</source>
        <translation>无法加载数据集：%1</translation>
    </message>
    <message>
        <source>the dataset was still loading</source>
        <translation>数据集仍在加载</translation>
    </message>
    <message>
        <source>Stopped during the sanity check.</source>
        <translation>在合理性检查期间停止。</translation>
    </message>
    <message>
        <source>Another run is training: stop it (Shift+F5) and start the lesson again.</source>
        <translation>另一个运行正在训练：请先停止它（Shift+F5），再重新开始本课。</translation>
    </message>
    <message>
        <source>This window cannot start lesson runs.</source>
        <translation>此窗口无法启动课程运行。</translation>
    </message>
    <message>
        <source>%1: %2 · lesson “%3”</source>
        <translation>%1：%2 · 课程“%3”</translation>
    </message>
    <message>
        <source>Stopped during run %1.</source>
        <translation>在运行 %1 期间停止。</translation>
    </message>
    <message>
        <source>The dataset is gone.</source>
        <translation>数据集已不存在。</translation>
    </message>
    <message>
        <source>Run %1 failed: %2</source>
        <translation>运行 %1 失败：%2</translation>
    </message>
    <message>
        <source>Stopped.</source>
        <translation>已停止。</translation>
    </message>
    <message>
        <source>Run %1 cannot start from run %2&apos;s weights: %3</source>
        <translation>运行 %1 无法从运行 %2 的权重开始：%3</translation>
    </message>
</context>
<context>
    <name>LessonsPanel</name>
    <message>
        <source>Open Folder…</source>
        <translation>打开文件夹…</translation>
    </message>
    <message>
        <source>Read lesson cards from a folder of your own (one .json file per card; the format is in the README): for cards a teacher wrote or shared</source>
        <translation>从你自己的文件夹读取课程卡（每张卡一个 .json 文件；格式见 README）：用于老师编写或分享的卡片</translation>
    </message>
    <message>
        <source>Reload</source>
        <translation>重新加载</translation>
    </message>
    <message>
        <source>Read the cards again (after editing one)</source>
        <translation>重新读取卡片（编辑之后）</translation>
    </message>
    <message>
        <source>Click a card to open its experiment: its model and settings are loaded (Ctrl+Z undoes it)</source>
        <translation>点击一张卡片打开它的实验：会加载它的模型和设置（Ctrl+Z 可撤销）</translation>
    </message>
    <message>
        <source>Choose a card above. Each one loads a small experiment: you predict what it will show, run it, and see whether the results agree.</source>
        <translation>在上面选择一张卡片。每张卡片加载一个小实验：先预测它会显示什么，再运行，看结果是否一致。</translation>
    </message>
    <message>
        <source>Predict first</source>
        <translation>先预测</translation>
    </message>
    <message>
        <source>Decide what you expect before the runs: the check afterwards tells you whether the results agree</source>
        <translation>在运行之前决定你的预期：之后的检查会告诉你结果是否一致</translation>
    </message>
    <message>
        <source>Sanity check first</source>
        <translation>先做合理性检查</translation>
    </message>
    <message>
        <source>Before the runs: is the starting loss close to ln(classes) (2.30 for 10), and can the model learn 20 images by heart? A few seconds that catch a broken set-up.</source>
        <translation>运行之前：初始损失是否接近 ln(类别数)（10 类为 2.30），模型能否记住 20 张图像？几秒钟就能发现配置错误。</translation>
    </message>
    <message>
        <source>Run the Experiment</source>
        <translation>运行实验</translation>
    </message>
    <message>
        <source>Choose your prediction first</source>
        <translation>请先选择你的预测</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>停止</translation>
    </message>
    <message>
        <source>Some cards could not be read:
%1</source>
        <translation>部分卡片无法读取：
%1</translation>
    </message>
    <message>
        <source>There is no lesson card “%1”.</source>
        <translation>没有课程卡“%1”。</translation>
    </message>
    <message>
        <source>A lesson is running: stop it first.</source>
        <translation>有一个课程正在运行：请先停止它。</translation>
    </message>
    <message>
        <source>Model: %1 (%2)</source>
        <translation>模型：%1（%2）</translation>
    </message>
    <message>
        <source>%1, learning rate %2, batch size %3, epochs %4, seed %5</source>
        <translation>%1，学习率 %2，批大小 %3，轮数 %4，随机种子 %5</translation>
    </message>
    <message>
        <source>Data: %1 training images of the bundled MNIST subset</source>
        <translation>数据：内置 MNIST 子集中的 %1 张训练图像</translation>
    </message>
    <message>
        <source>Data: the training images of the bundled MNIST subset</source>
        <translation>数据：内置 MNIST 子集的训练图像</translation>
    </message>
    <message>
        <source>Runs:</source>
        <translation>运行：</translation>
    </message>
    <message>
        <source>Settings that matter here: %1</source>
        <translation>这里重要的设置：%1</translation>
    </message>
    <message>
        <source>Train the card&apos;s runs, then check your prediction against the results</source>
        <translation>训练卡片中的各个运行，然后把你的预测与结果对照</translation>
    </message>
    <message>
        <source>Sanity check: the first loss, then 20 images learned by heart…</source>
        <translation>合理性检查：先看初始损失，再让模型记住 20 张图像…</translation>
    </message>
    <message>
        <source>The lesson could not finish: %1</source>
        <translation>课程未能完成：%1</translation>
    </message>
    <message>
        <source>Sanity check: %1</source>
        <translation>合理性检查：%1</translation>
    </message>
    <message>
        <source>Run %1 of %2: %3 — %4 (the Training tab shows it live)</source>
        <translation>运行 %2 个中的第 %1 个：%3 — %4（训练页实时显示）</translation>
    </message>
    <message>
        <source>All runs done (%1).</source>
        <translation>所有运行已完成（%1）。</translation>
    </message>
    <message>
        <source>✔ Right. %1</source>
        <translation>✔ 正确。%1</translation>
    </message>
    <message>
        <source>✘ Not this time. What happened: %1</source>
        <translation>✘ 这次没猜中。实际情况：%1</translation>
    </message>
    <message>
        <source>The runs did not settle it: none of the answers came true this time.</source>
        <translation>这些运行没有给出定论：这次没有一个答案成立。</translation>
    </message>
    <message>
        <source>The runs did not settle it: %1 of the answers came true at once.</source>
        <translation>这些运行没有给出定论：有 %1 个答案同时成立。</translation>
    </message>
    <message>
        <source>Measured:</source>
        <translation>测量结果：</translation>
    </message>
    <message>
        <source>Show the %1</source>
        <translation>显示%1</translation>
    </message>
    <message>
        <source>Try next: %1</source>
        <translation>接下来试试：%1</translation>
    </message>
    <message>
        <source>Lesson Cards Folder</source>
        <translation>课程卡文件夹</translation>
    </message>
    <message>
        <source>Lesson cards read from %1 and the bundled ones.</source>
        <translation>从 %1 和内置卡片中读取的课程卡。</translation>
    </message>
    <message>
        <source>Your images</source>
        <translation>你的图像</translation>
    </message>
    <message>
        <source>Draw Examples…</source>
        <translation>画样本…</translation>
    </message>
    <message>
        <source>File &gt; New Dataset…: name the classes and draw examples of each; this lesson then trains on the folder they are saved in</source>
        <translation>文件 &gt; 新建数据集…：给类别起名，并为每类画样本；这节课随后就在保存它们的文件夹上训练</translation>
    </message>
    <message>
        <source>Choose Folder…</source>
        <translation>选择文件夹…</translation>
    </message>
    <message>
        <source>A folder of your own images with one subfolder per class (circle/, triangle/, …)</source>
        <translation>一个装有你自己图像的文件夹，每个类别一个子文件夹（circle/、triangle/、…）</translation>
    </message>
    <message>
        <source>No folder chosen yet: draw examples, or choose a folder of your own images.</source>
        <translation>还没有选择文件夹：请画样本，或者选择一个装有你自己图像的文件夹。</translation>
    </message>
    <message>
        <source>Folder: %1 (%2 classes)</source>
        <translation>文件夹：%1（%2 个类别）</translation>
    </message>
    <message>
        <source>This lesson trains on the images in %1.</source>
        <translation>这节课在 %1 中的图像上训练。</translation>
    </message>
    <message>
        <source>Your Images for the Lesson</source>
        <translation>这节课使用的你的图像</translation>
    </message>
    <message>
        <source>Data: your images in %1, %2 classes; %3% of each class held back for testing</source>
        <translation>数据：%1 中你的图像，%2 个类别；每类留出 %3% 作为测试集</translation>
    </message>
    <message>
        <source>Data: your own images (see below)</source>
        <translation>数据：你自己的图像（见下方）</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Open &amp;Data Folder…</source>
        <translation>打开数据文件夹(&amp;D)…</translation>
    </message>
    <message>
        <source>Train on the MNIST or Fashion-MNIST files in a folder of your choice instead of the usual place</source>
        <translation>在你选择的文件夹中的 MNIST 或 Fashion-MNIST 文件上训练，而不是在通常的位置</translation>
    </message>
    <message>
        <source>&amp;Export Charts…</source>
        <translation>导出图表(&amp;E)…</translation>
    </message>
    <message>
        <source>S&amp;weep…</source>
        <translation>参数扫描(&amp;W)…</translation>
    </message>
    <message>
        <source>Train the model once per combination of settings and compare the runs</source>
        <translation>对每种设置组合各训练一次模型，并比较这些运行</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <source>Could not draw the filters: %1</source>
        <translation>无法绘制滤波器：%1</translation>
    </message>
    <message>
        <source>Import of %1 cancelled: the model keeps its dataset.</source>
        <translation>已取消 %1 的导入：模型保留原来的数据集。</translation>
    </message>
    <message>
        <source>The model trains on the bundled subset, which never comes from a folder: choose MNIST or Fashion-MNIST in the Training tab to use %1.</source>
        <translation>模型在内置子集上训练，它不来自文件夹：请在训练页中选择 MNIST 或 Fashion-MNIST 以使用 %1。</translation>
    </message>
    <message>
        <source>Loading the dataset from %1.</source>
        <translation>正在从 %1 加载数据集。</translation>
    </message>
    <message>
        <source>Open Data Folder</source>
        <translation>打开数据文件夹</translation>
    </message>
    <message>
        <source>No trained weights for this model yet: train it (F5) or load a checkpoint.</source>
        <translation>此模型还没有训练好的权重：请训练它（F5）或加载检查点。</translation>
    </message>
    <message>
        <source>Ready to train.</source>
        <translation>可以开始训练。</translation>
    </message>
    <message>
        <source>No dataset.</source>
        <translation>没有数据集。</translation>
    </message>
    <message>
        <source>test</source>
        <translation>测试</translation>
    </message>
    <message>
        <source>Training failed: %1</source>
        <translation>训练失败：%1</translation>
    </message>
    <message>
        <source>The dataset could not be loaded: %1</source>
        <translation>无法加载数据集：%1</translation>
    </message>
    <message>
        <source>%1%2[*] — LayerLab</source>
        <translation>%1%2[*] — LayerLab</translation>
    </message>
    <message>
        <source>validation</source>
        <translation>验证</translation>
    </message>
    <message>
        <source>best epoch %1 of the last run (restored by early stopping)</source>
        <translation>上次运行的最佳轮次 %1（由早停恢复）</translation>
    </message>
    <message>
        <source>the last run, stopped in epoch %1 after %2 batches</source>
        <translation>上次运行，在第 %1 轮 %2 个批次后停止</translation>
    </message>
    <message>
        <source>checkpoint %1</source>
        <translation>检查点 %1</translation>
    </message>
    <message>
        <source>Drawing the loaded filters…</source>
        <translation>正在绘制加载的滤波器…</translation>
    </message>
    <message>
        <source>Drawing the loaded weights&apos; feature maps…</source>
        <translation>正在绘制加载的权重的特征图…</translation>
    </message>
    <message>
        <source>Stopping training…</source>
        <translation>正在停止训练…</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>模型</translation>
    </message>
    <message>
        <source>Filters</source>
        <translation>滤波器</translation>
    </message>
    <message>
        <source>Feature maps</source>
        <translation>特征图</translation>
    </message>
    <message>
        <source>The learned kernels of every Conv2D layer, and a first Dense layer&apos;s weights on the pixels</source>
        <translation>每个 Conv2D 层学到的卷积核，以及第一个 Dense 层在像素上的权重</translation>
    </message>
    <message>
        <source>What every layer outputs for one held-out image</source>
        <translation>每一层对一张留出图像的输出</translation>
    </message>
    <message>
        <source>Training</source>
        <translation>训练</translation>
    </message>
    <message>
        <source>Evaluate</source>
        <translation>评估</translation>
    </message>
    <message>
        <source>What the model gets wrong, whether it reads your handwriting, and why it answers what it does (Ctrl+3)</source>
        <translation>模型错在哪里、能否认出你的手写，以及它为什么这样回答（Ctrl+3）</translation>
    </message>
    <message>
        <source>Runs</source>
        <translation>运行记录</translation>
    </message>
    <message>
        <source>Every training run kept: compare their curves and settings</source>
        <translation>保留的每次训练运行：比较它们的曲线和设置</translation>
    </message>
    <message>
        <source>Train</source>
        <translation>训练</translation>
    </message>
    <message>
        <source>Layers</source>
        <translation>层</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <source>Layer</source>
        <translation>层</translation>
    </message>
    <message>
        <source>Lessons</source>
        <translation>课程</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>E&amp;xport</source>
        <translation>导出(&amp;X)</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>编辑(&amp;E)</translation>
    </message>
    <message>
        <source>&amp;Train</source>
        <translation>训练(&amp;T)</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <source>&amp;Model</source>
        <translation>模型(&amp;M)</translation>
    </message>
    <message>
        <source>&amp;Training</source>
        <translation>训练(&amp;T)</translation>
    </message>
    <message>
        <source>&amp;Evaluate</source>
        <translation>评估(&amp;E)</translation>
    </message>
    <message>
        <source>&amp;Runs</source>
        <translation>运行记录(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Lessons</source>
        <translation>课程(&amp;L)</translation>
    </message>
    <message>
        <source>Guided experiments, one card per concept: predict, run, check (Ctrl+Shift+L)</source>
        <translation>引导式实验，每个概念一张卡片：预测、运行、检查（Ctrl+Shift+L）</translation>
    </message>
    <message>
        <source>&amp;Fit Charts</source>
        <translation>图表适应数据(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <source>&amp;Activation Functions</source>
        <translation>激活函数(&amp;A)</translation>
    </message>
    <message>
        <source>Sigmoid, Tanh, ReLU, LeakyReLU and Softmax with their slopes, and why they matter</source>
        <translation>Sigmoid、Tanh、ReLU、LeakyReLU 和 Softmax 及其斜率，以及它们为什么重要</translation>
    </message>
    <message>
        <source>&amp;About LayerLab</source>
        <translation>关于 LayerLab(&amp;A)</translation>
    </message>
    <message>
        <source>About &amp;Qt</source>
        <translation>关于 Qt(&amp;Q)</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>语言(&amp;L)</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>语言</translation>
    </message>
    <message>
        <source>The translation for %1 could not be loaded; the language stays as it is. Rebuild LayerLab (the .qm files are compiled at build time).</source>
        <translation>无法加载 %1 的翻译；语言保持不变。请重新构建 LayerLab（.qm 文件在构建时编译）。</translation>
    </message>
    <message>
        <source>Language changed. Texts computed before the change (open dialogs, summaries, messages) change when they next update; restart LayerLab to see every text in the new language.</source>
        <translation>语言已切换。切换前生成的文字（打开的对话框、摘要、消息）会在下次更新时改变；重新启动 LayerLab 即可看到全部使用新语言的文字。</translation>
    </message>
    <message>
        <source>System default</source>
        <translation>跟随系统</translation>
    </message>
    <message>
        <source>About LayerLab</source>
        <translation>关于 LayerLab</translation>
    </message>
    <message>
        <source>&lt;h3&gt;LayerLab %1&lt;/h3&gt;&lt;p&gt;Build a neural network by dragging layers, train it on MNIST and watch the loss, the accuracy and the learned filters change live.&lt;/p&gt;&lt;p&gt;F5 starts training, F6 pauses or resumes, Shift+F5 stops.&lt;/p&gt;</source>
        <translation>&lt;h3&gt;LayerLab %1&lt;/h3&gt;&lt;p&gt;拖动层来搭建神经网络，在 MNIST 上训练它，实时观察损失、准确率和学到的滤波器的变化。&lt;/p&gt;&lt;p&gt;F5 开始训练，F6 暂停或继续，Shift+F5 停止。&lt;/p&gt;</translation>
    </message>
    <message>
        <source>A run is training: stop it before a sweep.</source>
        <translation>有一个运行正在训练：请先停止它再进行参数扫描。</translation>
    </message>
    <message>
        <source>The dataset is not loaded yet.</source>
        <translation>数据集尚未加载。</translation>
    </message>
    <message>
        <source>The model of run %1 cannot be read: %2</source>
        <translation>无法读取运行 %1 的模型：%2</translation>
    </message>
    <message>
        <source>Opened the model of run %1 (unsaved).</source>
        <translation>已打开运行 %1 的模型（未保存）。</translation>
    </message>
    <message>
        <source>Unticked %1 in the Runs tab, so that it compares this lesson&apos;s runs.</source>
        <translation>已在运行记录页取消勾选 %1，以便比较本课的运行。</translation>
    </message>
    <message>
        <source>other run</source>
        <translation>其他运行</translation>
    </message>
    <message>
        <source>other runs</source>
        <translation>其他运行</translation>
    </message>
    <message>
        <source>Open Lesson “%1”</source>
        <translation>打开课程“%1”</translation>
    </message>
    <message>
        <source>Lesson “%1”: the settings that matter.</source>
        <translation>课程“%1”：重要的设置。</translation>
    </message>
    <message>
        <source>Opened the lesson “%1” (Ctrl+Z brings back the model you had).</source>
        <translation>已打开课程“%1”（Ctrl+Z 可恢复你原来的模型）。</translation>
    </message>
    <message>
        <source>T&amp;ools</source>
        <translation>工具(&amp;O)</translation>
    </message>
    <message>
        <source>&amp;Compress Model…</source>
        <translation>压缩模型(&amp;C)…</translation>
    </message>
    <message>
        <source>Quantize the trained model to int8 and prune it at several sparsities: size, test accuracy and speed of each variant (Ctrl+Shift+K)</source>
        <translation>把训练好的模型量化为 int8，并以多个稀疏度剪枝：每个变体的大小、测试准确率和速度（Ctrl+Shift+K）</translation>
    </message>
    <message>
        <source>Compress Model: there are no trained weights yet. Train the model (F5) or load a checkpoint first.</source>
        <translation>压缩模型：还没有训练好的权重。请先训练模型（F5）或加载检查点。</translation>
    </message>
    <message>
        <source>Compress Model: a run is training. Stop it (Shift+F5) first.</source>
        <translation>压缩模型：有一个运行正在训练。请先停止它（Shift+F5）。</translation>
    </message>
    <message>
        <source>Compress Model: %1 is already an int8 model. Load the float checkpoint it was made from and compress that.</source>
        <translation>压缩模型：%1 已经是 int8 模型。请加载它所来自的浮点检查点并压缩那个。</translation>
    </message>
    <message>
        <source>Compress Model: the dataset is not loaded yet; try again when it is.</source>
        <translation>压缩模型：数据集尚未加载；加载完成后再试。</translation>
    </message>
    <message>
        <source>weights from %1, not trained yet</source>
        <translation>来自 %1 的权重，尚未训练</translation>
    </message>
    <message>
        <source>the last run</source>
        <translation>上次运行</translation>
    </message>
    <message>
        <source>Evaluate shows %1. The trained weights are unchanged.</source>
        <translation>评估页显示 %1。训练好的权重保持不变。</translation>
    </message>
    <message>
        <source>Health</source>
        <translation>健康</translation>
    </message>
    <message>
        <source>Inside every layer while it trains: dead units, gradients, how much each step moves the weights, and alerts in plain words</source>
        <translation>训练时每一层的内部状况：死亡神经元、梯度、每一步使权重移动多少，以及通俗易懂的提醒</translation>
    </message>
    <message>
        <source>Step</source>
        <translation>单步</translation>
    </message>
    <message>
        <source>After Step (F10): the batch&apos;s images with their predictions before and after the step, and one Dense layer&apos;s numbers for one sample</source>
        <translation>单步（F10）之后：该批次的图像及其在这一步之前和之后的预测，以及某个 Dense 层上一个样本的数值</translation>
    </message>
</context>
<context>
    <name>ModelCommand</name>
    <message>
        <source>Add %1</source>
        <translation>添加 %1</translation>
    </message>
    <message>
        <source>Delete %1</source>
        <translation>删除 %1</translation>
    </message>
    <message>
        <source>Move %1</source>
        <translation>移动 %1</translation>
    </message>
    <message>
        <source>Duplicate %1</source>
        <translation>复制 %1</translation>
    </message>
    <message>
        <source>Unfreeze %1</source>
        <translation>解冻 %1</translation>
    </message>
    <message>
        <source>Freeze %1</source>
        <translation>冻结 %1</translation>
    </message>
    <message>
        <source>Change %1 %2</source>
        <translation>更改 %1 %2</translation>
    </message>
    <message>
        <source>settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <source>Change %1</source>
        <translation>更改 %1</translation>
    </message>
    <message>
        <source>training settings</source>
        <translation>训练设置</translation>
    </message>
    <message>
        <source>Change training settings</source>
        <translation>更改训练设置</translation>
    </message>
    <message>
        <source>Rename model</source>
        <translation>重命名模型</translation>
    </message>
</context>
<context>
    <name>ModelEditor</name>
    <message>
        <source>Model editor</source>
        <translation>模型编辑器</translation>
    </message>
    <message>
        <source>&amp;Delete Layer</source>
        <translation>删除层(&amp;D)</translation>
    </message>
    <message>
        <source>D&amp;uplicate Layer</source>
        <translation>复制层(&amp;U)</translation>
    </message>
    <message>
        <source>Move Layer &amp;Up</source>
        <translation>上移层(&amp;U)</translation>
    </message>
    <message>
        <source>Move Layer Do&amp;wn</source>
        <translation>下移层(&amp;W)</translation>
    </message>
    <message>
        <source>&amp;Freeze Layer</source>
        <translation>冻结层(&amp;F)</translation>
    </message>
    <message>
        <source>Keep the selected layer&apos;s weights as they are while the rest of the model trains (Ctrl+L)</source>
        <translation>在模型其余部分训练时保持所选层的权重不变（Ctrl+L）</translation>
    </message>
    <message>
        <source>&amp;Add Layer After</source>
        <translation>在后面添加层(&amp;A)</translation>
    </message>
    <message>
        <source>Add Layer &amp;Inside</source>
        <translation>在内部添加层(&amp;I)</translation>
    </message>
    <message>
        <source>&amp;Add Layer</source>
        <translation>添加层(&amp;A)</translation>
    </message>
    <message>
        <source>&amp;Insert Layer Here</source>
        <translation>在此插入层(&amp;I)</translation>
    </message>
</context>
<context>
    <name>ModelFileController</name>
    <message>
        <source>Seed CNN</source>
        <translation>种子 CNN</translation>
    </message>
    <message>
        <source>Seed CNN + BatchNorm</source>
        <translation>种子 CNN + BatchNorm</translation>
    </message>
    <message>
        <source>MLP</source>
        <translation>MLP</translation>
    </message>
    <message>
        <source>LeNet-5</source>
        <translation>LeNet-5</translation>
    </message>
    <message>
        <source>Logistic regression</source>
        <translation>逻辑回归</translation>
    </message>
    <message>
        <source>Fashion-MNIST Transfer</source>
        <translation>Fashion-MNIST 迁移</translation>
    </message>
    <message>
        <source>&amp;New Model</source>
        <translation>新建模型(&amp;N)</translation>
    </message>
    <message>
        <source>Start an empty model</source>
        <translation>从空模型开始</translation>
    </message>
    <message>
        <source>&amp;Open Model…</source>
        <translation>打开模型(&amp;O)…</translation>
    </message>
    <message>
        <source>Open a model file (.json), a checkpoint (.llckpt) or an ONNX model (.onnx)</source>
        <translation>打开模型文件（.json）、检查点（.llckpt）或 ONNX 模型（.onnx）</translation>
    </message>
    <message>
        <source>&amp;Save Model</source>
        <translation>保存模型(&amp;S)</translation>
    </message>
    <message>
        <source>Save Model &amp;As…</source>
        <translation>模型另存为(&amp;A)…</translation>
    </message>
    <message>
        <source>&amp;Undo</source>
        <translation>撤销(&amp;U)</translation>
    </message>
    <message>
        <source>&amp;Redo</source>
        <translation>重做(&amp;R)</translation>
    </message>
    <message>
        <source>S&amp;trict Model Files</source>
        <translation>严格模型文件(&amp;T)</translation>
    </message>
    <message>
        <source>Refuse to open a model file with keys LayerLab does not use (a typo, a key from a newer version) instead of opening it with a warning</source>
        <translation>拒绝打开含有 LayerLab 不使用的键（拼写错误、新版本的键）的模型文件，而不是打开并给出警告</translation>
    </message>
    <message>
        <source>Open &amp;Recent</source>
        <translation>最近打开(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Presets</source>
        <translation>预设(&amp;P)</translation>
    </message>
    <message>
        <source>&amp;Undo %1</source>
        <translation>撤销 %1(&amp;U)</translation>
    </message>
    <message>
        <source>&amp;Redo %1</source>
        <translation>重做 %1(&amp;R)</translation>
    </message>
    <message>
        <source>Model locked</source>
        <translation>模型已锁定</translation>
    </message>
    <message>
        <source>Unsaved changes</source>
        <translation>未保存的更改</translation>
    </message>
    <message>
        <source>The model “%1” has unsaved changes.</source>
        <translation>模型“%1”有未保存的更改。</translation>
    </message>
    <message>
        <source>Do you want to save them first?</source>
        <translation>要先保存吗？</translation>
    </message>
    <message>
        <source>Open Model</source>
        <translation>打开模型</translation>
    </message>
    <message>
        <source>Models, checkpoints and ONNX files (*.json *.llckpt *.onnx);;All files (*)</source>
        <translation>模型、检查点和 ONNX 文件 (*.json *.llckpt *.onnx);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Cannot open ONNX model</source>
        <translation>无法打开 ONNX 模型</translation>
    </message>
    <message>
        <source>Cannot open checkpoint</source>
        <translation>无法打开检查点</translation>
    </message>
    <message>
        <source>Could not open %1:
%2</source>
        <translation>无法打开 %1：
%2</translation>
    </message>
    <message>
        <source>

Turn off File &gt; Strict Model Files to open it with a warning instead.</source>
        <translation>

关闭 文件 &gt; 严格模型文件 即可改为打开并给出警告。</translation>
    </message>
    <message>
        <source>Cannot open model</source>
        <translation>无法打开模型</translation>
    </message>
    <message>
        <source>%1 has keys LayerLab does not use. They are kept and saved back with the model; check them for typos:</source>
        <translation>%1 含有 LayerLab 不使用的键。它们会被保留并随模型一起保存；请检查是否有拼写错误：</translation>
    </message>
    <message>
        <source>Keys LayerLab does not use</source>
        <translation>LayerLab 不使用的键</translation>
    </message>
    <message>
        <source>Cannot load preset</source>
        <translation>无法加载预设</translation>
    </message>
    <message>
        <source>The preset “%1” is missing from this build.</source>
        <translation>此版本中缺少预设“%1”。</translation>
    </message>
    <message>
        <source>The preset “%1” is invalid:
%2</source>
        <translation>预设“%1”无效：
%2</translation>
    </message>
    <message>
        <source>Save Model As</source>
        <translation>模型另存为</translation>
    </message>
    <message>
        <source>LayerLab models (*.json)</source>
        <translation>LayerLab 模型 (*.json)</translation>
    </message>
    <message>
        <source>Cannot save model</source>
        <translation>无法保存模型</translation>
    </message>
    <message>
        <source>Could not save %1:
%2</source>
        <translation>无法保存 %1：
%2</translation>
    </message>
    <message>
        <source>No recent files</source>
        <translation>没有最近打开的文件</translation>
    </message>
    <message>
        <source>&amp;Clear Recent Files</source>
        <translation>清除最近文件(&amp;C)</translation>
    </message>
</context>
<context>
    <name>ModelSummaryBar</name>
    <message>
        <source>Parameters</source>
        <translation>参数</translation>
    </message>
    <message>
        <source>Weights and biases the model learns; frozen ones (the lock on a block) keep their values while the rest trains.</source>
        <translation>模型学习的权重和偏置；冻结的参数（模块上的锁）在其余部分训练时保持不变。</translation>
    </message>
    <message>
        <source>FLOPs / sample</source>
        <translation>FLOPs / 样本</translation>
    </message>
    <message>
        <source>Arithmetic operations for one forward pass over one image (a multiply-add counts 2).</source>
        <translation>对一张图像做一次前向传播的算术运算次数（一次乘加算 2 次）。</translation>
    </message>
    <message>
        <source>Memory training takes at this batch size and thread count: parameters, their gradients and the optimizer&apos;s state, the batch&apos;s activations and their gradients, and each thread&apos;s own buffers. The engine refuses to train when this is more than half of the machine&apos;s memory.</source>
        <translation>在此批大小和线程数下训练所需的内存：参数、参数的梯度和优化器状态、批次的激活值及其梯度，以及每个线程自己的缓冲区。当它超过本机内存的一半时，引擎拒绝训练。</translation>
    </message>
    <message>
        <source>Memory (batch %1, 1 thread)</source>
        <translation>内存（批大小 %1，1 个线程）</translation>
    </message>
    <message>
        <source>Memory (batch %1, %2 threads)</source>
        <translation>内存（批大小 %1，%2 个线程）</translation>
    </message>
    <message>
        <source>%1 (%2 frozen)</source>
        <translation>%1（%2 个已冻结）</translation>
    </message>
    <message>
        <source>%1 parameters: %2 trainable, %3 frozen (their weights keep their values while the rest trains)</source>
        <translation>%1 个参数：%2 个可训练，%3 个已冻结（其余部分训练时它们的权重保持不变）</translation>
    </message>
    <message>
        <source>, %1 BatchNorm running statistics</source>
        <translation>，%1 个 BatchNorm 运行统计量</translation>
    </message>
    <message>
        <source>%1 parameters: %2 trainable, %3 BatchNorm running statistics (no gradient moves them)</source>
        <translation>%1 个参数：%2 个可训练，%3 个 BatchNorm 运行统计量（不受梯度影响）</translation>
    </message>
    <message>
        <source>%1 parameters, all trainable</source>
        <translation>%1 个参数，全部可训练</translation>
    </message>
    <message>
        <source>%1 forward, about %2 when training (forward + backward)</source>
        <translation>前向 %1，训练时约 %2（前向 + 反向）</translation>
    </message>
    <message>
        <source>%1 for the parameters and optimizer state, %2 for the batch, %3 per thread</source>
        <translation>参数和优化器状态 %1，批次 %2，每个线程 %3</translation>
    </message>
    <message>
        <source>✗ %1</source>
        <translation>✗ %1</translation>
    </message>
    <message>
        <source>✗ Too big to train: %1</source>
        <translation>✗ 太大，无法训练：%1</translation>
    </message>
    <message>
        <source>✗ Nothing to train: %1.</source>
        <translation>✗ 没有可训练的内容：%1。</translation>
    </message>
    <message>
        <source>✓ The model fits together: %1 layers, output %2.</source>
        <translation>✓ 模型可以连通：%1 层，输出 %2。</translation>
    </message>
    <message>
        <source>Trains %1 of its %2 parameters; the rest are frozen.</source>
        <translation>训练其 %2 个参数中的 %1 个；其余已冻结。</translation>
    </message>
</context>
<context>
    <name>NewDatasetDialog</name>
    <message>
        <source>New Dataset</source>
        <translation>新建数据集</translation>
    </message>
    <message>
        <source>Dataset folder:</source>
        <translation>数据集文件夹：</translation>
    </message>
    <message>
        <source>Each class gets a subfolder here, each example a PNG file in it.</source>
        <translation>每个类别在这里有一个子文件夹，每个样例是其中的一个 PNG 文件。</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>浏览…</translation>
    </message>
    <message>
        <source>Classes:</source>
        <translation>类别：</translation>
    </message>
    <message>
        <source>circle, triangle, cross</source>
        <translation>圆形, 三角形, 叉号</translation>
    </message>
    <message>
        <source>The names of the classes, separated by commas: each becomes a folder.</source>
        <translation>类别名称，用逗号分隔：每个名称成为一个文件夹。</translation>
    </message>
    <message>
        <source>Draw an example here</source>
        <translation>在这里画一个样例</translation>
    </message>
    <message>
        <source>Draw an example of the class chosen on the right. Ctrl+Z undoes the last stroke.</source>
        <translation>为右侧选中的类别画一个样例。Ctrl+Z 撤销最后一笔。</translation>
    </message>
    <message>
        <source>Undo stroke</source>
        <translation>撤销笔画</translation>
    </message>
    <message>
        <source>Clear</source>
        <translation>清空</translation>
    </message>
    <message>
        <source>Draw an example of:</source>
        <translation>为此类别画样例：</translation>
    </message>
    <message>
        <source>&amp;Save Example</source>
        <translation>保存样例(&amp;S)</translation>
    </message>
    <message>
        <source>Save the drawing as an example of the chosen class and clear the pad (Enter)</source>
        <translation>把画保存为所选类别的一个样例并清空画板（Enter）</translation>
    </message>
    <message>
        <source>&amp;Open as Dataset</source>
        <translation>作为数据集打开(&amp;O)</translation>
    </message>
    <message>
        <source>Import the folder and train on it (the drawings are light ink on black, as MNIST)</source>
        <translation>导入该文件夹并在其上训练（画是黑底上的浅色墨迹，与 MNIST 相同）</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>Dataset Folder</source>
        <translation>数据集文件夹</translation>
    </message>
    <message>
        <source>Choose a folder for the dataset.</source>
        <translation>请为数据集选择一个文件夹。</translation>
    </message>
    <message>
        <source>%1 is a file: choose a folder for the dataset.</source>
        <translation>%1 是一个文件：请为数据集选择一个文件夹。</translation>
    </message>
    <message>
        <source>Name at least two classes, separated by commas (circle, triangle, cross).</source>
        <translation>请至少命名两个类别，用逗号分隔（圆形, 三角形, 叉号）。</translation>
    </message>
    <message>
        <source>At most 256 classes.</source>
        <translation>最多 256 个类别。</translation>
    </message>
    <message>
        <source>&quot;%1&quot; cannot be a class name: it becomes a folder name (no slashes, no leading dot, not train or test).</source>
        <translation>“%1”不能作为类别名称：它会成为文件夹名（不能含斜杠、不能以点开头、不能是 train 或 test）。</translation>
    </message>
    <message>
        <source>%1 — 1 example</source>
        <translation>%1 — 1 个样例</translation>
    </message>
    <message>
        <source>%1 — %2 examples</source>
        <translation>%1 — %2 个样例</translation>
    </message>
    <message>
        <source>Pick a class, draw an example, save it; about 20 of each is a good start.</source>
        <translation>选一个类别，画一个样例，保存；每类大约 20 个是不错的开始。</translation>
    </message>
    <message>
        <source>Pick the class of the drawing first.</source>
        <translation>请先选择这幅画的类别。</translation>
    </message>
    <message>
        <source>The pad is empty: draw an example of %1 first.</source>
        <translation>画板是空的：请先画一个 %1 的样例。</translation>
    </message>
    <message>
        <source>Cannot create the folder %1: check that you may write there.</source>
        <translation>无法创建文件夹 %1：请检查你是否有写入权限。</translation>
    </message>
    <message>
        <source>Cannot save %1: %2</source>
        <translation>无法保存 %1：%2</translation>
    </message>
    <message>
        <source>Saved %1: %2 examples in %3 classes so far.</source>
        <translation>已保存 %1：目前 %3 个类别中共 %2 个样例。</translation>
    </message>
</context>
<context>
    <name>QObject</name>
    <message>
        <source>%1 already exists.
Do you want to replace it?</source>
        <translation>%1 已存在。
要替换它吗？</translation>
    </message>
    <message>
        <source>1 image</source>
        <translation>1 张图像</translation>
    </message>
    <message>
        <source>%1 images</source>
        <translation>%1 张图像</translation>
    </message>
    <message>
        <source>test</source>
        <translation>测试</translation>
    </message>
    <message>
        <source>validation</source>
        <translation>验证</translation>
    </message>
    <message>
        <source>unreadable</source>
        <translation>无法读取</translation>
    </message>
    <message>
        <source>running</source>
        <translation>运行中</translation>
    </message>
    <message>
        <source>finished</source>
        <translation>已完成</translation>
    </message>
    <message>
        <source>early-stopped</source>
        <translation>已早停</translation>
    </message>
    <message>
        <source>stopped</source>
        <translation>已停止</translation>
    </message>
    <message>
        <source>diverged</source>
        <translation>已发散</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>失败</translation>
    </message>
    <message>
        <source>val loss</source>
        <translation>验证损失</translation>
    </message>
    <message>
        <source>val acc</source>
        <translation>验证准确率</translation>
    </message>
    <message>
        <source>train loss</source>
        <translation>训练损失</translation>
    </message>
    <message>
        <source>train acc</source>
        <translation>训练准确率</translation>
    </message>
    <message>
        <source>%1 s</source>
        <translation>%1 秒</translation>
    </message>
    <message>
        <source>%1 min</source>
        <translation>%1 分钟</translation>
    </message>
    <message>
        <source>%1 h %2 min</source>
        <translation>%1 小时 %2 分钟</translation>
    </message>
    <message>
        <source>loss (cross-entropy)</source>
        <translation>损失（交叉熵）</translation>
    </message>
    <message>
        <source>loss (mean squared error)</source>
        <translation>损失（均方误差）</translation>
    </message>
    <message>
        <source>error rate (%), log scale</source>
        <translation>错误率 (%)，对数刻度</translation>
    </message>
    <message>
        <source>error (%)</source>
        <translation>错误率 (%)</translation>
    </message>
    <message>
        <source>accuracy (%)</source>
        <translation>准确率 (%)</translation>
    </message>
    <message>
        <source>acc. (%)</source>
        <translation>准确率 (%)</translation>
    </message>
</context>
<context>
    <name>QuantityFormat</name>
    <message>
        <source>1 param</source>
        <translation>1 个参数</translation>
    </message>
    <message>
        <source>%1 params</source>
        <translation>%1 个参数</translation>
    </message>
</context>
<context>
    <name>RunActions</name>
    <message>
        <source>&amp;Start Training</source>
        <translation>开始训练(&amp;S)</translation>
    </message>
    <message>
        <source>Train the model on the chosen dataset (F5)</source>
        <translation>在所选数据集上训练模型（F5）</translation>
    </message>
    <message>
        <source>&amp;Pause</source>
        <translation>暂停(&amp;P)</translation>
    </message>
    <message>
        <source>Pause or resume training (F6)</source>
        <translation>暂停或继续训练（F6）</translation>
    </message>
    <message>
        <source>S&amp;top</source>
        <translation>停止(&amp;T)</translation>
    </message>
    <message>
        <source>Stop training after the current batch; the weights so far are kept (Shift+F5)</source>
        <translation>在当前批次之后停止训练；保留目前的权重（Shift+F5）</translation>
    </message>
    <message>
        <source>Sanity Check Before Training</source>
        <translation>训练前做合理性检查</translation>
    </message>
    <message>
        <source>Before a run from fresh weights: check that the first loss is near ln(classes) and that the model can learn 20 images by heart (a few seconds)</source>
        <translation>从新权重开始运行之前：检查初始损失是否接近 ln(类别数)，以及模型能否记住 20 张图像（几秒钟）</translation>
    </message>
    <message>
        <source>Cannot train yet: %1</source>
        <translation>暂时无法训练：%1</translation>
    </message>
    <message>
        <source>Nothing to train: %1.</source>
        <translation>没有可训练的内容：%1。</translation>
    </message>
    <message>
        <source>Cannot train: %1</source>
        <translation>无法训练：%1</translation>
    </message>
    <message>
        <source>Loading the dataset…</source>
        <translation>正在加载数据集…</translation>
    </message>
    <message>
        <source>Cannot train: the model takes %1 inputs but %2 has %3: set the input to %4</source>
        <translation>无法训练：模型需要 %1 个输入，但 %2 有 %3：请把输入设为 %4</translation>
    </message>
    <message>
        <source>Start training (F5)</source>
        <translation>开始训练（F5）</translation>
    </message>
    <message>
        <source>&amp;Resume</source>
        <translation>继续(&amp;R)</translation>
    </message>
    <message>
        <source>Training starts when the dataset has loaded.</source>
        <translation>数据集加载后开始训练。</translation>
    </message>
    <message>
        <source>Sanity check before training: the first loss, then 20 images learned by heart…</source>
        <translation>训练前的合理性检查：先看初始损失，再让模型记住 20 张图像…</translation>
    </message>
    <message>
        <source>Training started.</source>
        <translation>训练已开始。</translation>
    </message>
    <message>
        <source>Training continues from the weights loaded from %1.</source>
        <translation>从 %1 加载的权重继续训练。</translation>
    </message>
    <message>
        <source>Training starts from the weights loaded from %1 (Start from Weights); the layers that did not get any start fresh.</source>
        <translation>从 %1 加载的权重开始训练（从权重开始）；没有得到权重的层从头开始。</translation>
    </message>
    <message>
        <source>Not started: the stopped run&apos;s weights are kept.</source>
        <translation>未开始：保留已停止运行的权重。</translation>
    </message>
    <message>
        <source>Training continues from the weights the stopped run reached (%1); the charts carry on from epoch %2.</source>
        <translation>从已停止运行达到的权重继续训练（%1）；图表从第 %2 轮接着画。</translation>
    </message>
    <message>
        <source>Training started from fresh weights (seed %1); the stopped run&apos;s charts were cleared.</source>
        <translation>已从新权重开始训练（随机种子 %1）；已清除停止的运行的图表。</translation>
    </message>
    <message>
        <source>Frozen layers (%1) keep their fresh random weights: to train on top of trained ones, load them first with Train &gt; Start from Weights….</source>
        <translation>冻结的层（%1）保持其新的随机权重：要在训练好的权重之上训练，请先用 训练 &gt; 从权重开始… 加载它们。</translation>
    </message>
    <message>
        <source>It runs on %1 threads: the model asks for %2, but this machine has %1 cores.</source>
        <translation>它在 %1 个线程上运行：模型要求 %2 个，但本机只有 %1 个核心。</translation>
    </message>
    <message>
        <source>Sanity check passed; training starts. %1</source>
        <translation>合理性检查通过；开始训练。%1</translation>
    </message>
    <message>
        <source>Sanity Check</source>
        <translation>合理性检查</translation>
    </message>
    <message>
        <source>The sanity check found a problem.</source>
        <translation>合理性检查发现了问题。</translation>
    </message>
    <message>
        <source>Train &amp;Anyway</source>
        <translation>仍然训练(&amp;A)</translation>
    </message>
    <message>
        <source>Do &amp;Not Start</source>
        <translation>不要开始(&amp;N)</translation>
    </message>
    <message>
        <source>Training despite the sanity check: %1</source>
        <translation>不顾合理性检查继续训练：%1</translation>
    </message>
    <message>
        <source>Not started: %1</source>
        <translation>未开始：%1</translation>
    </message>
    <message>
        <source>A run is active: stop it first (Shift+F5).</source>
        <translation>有一个运行正在进行：请先停止它（Shift+F5）。</translation>
    </message>
    <message>
        <source>The dataset is still loading.</source>
        <translation>数据集仍在加载。</translation>
    </message>
    <message>
        <source>The run could not start (the status bar says why).</source>
        <translation>运行无法开始（原因见状态栏）。</translation>
    </message>
    <message>
        <source>Training %1.</source>
        <translation>正在训练 %1。</translation>
    </message>
    <message>
        <source>before its first batch</source>
        <translation>在第一个批次之前</translation>
    </message>
    <message>
        <source>epoch %1, batch %2 of %3</source>
        <translation>第 %1 轮，第 %2 / %3 批次</translation>
    </message>
    <message>
        <source>Start Training</source>
        <translation>开始训练</translation>
    </message>
    <message>
        <source>The last run was stopped in %1. Continue from the weights it reached, or start again from fresh weights?</source>
        <translation>上次运行停止于%1。要从它达到的权重继续，还是从新权重重新开始？</translation>
    </message>
    <message>
        <source>&lt;b&gt;Continue&lt;/b&gt;: a new run of %1 starts from the stopped run&apos;s weights (the optimizer&apos;s state and the learning-rate schedule start over); its points are added to the charts.&lt;br&gt;&lt;b&gt;Start Fresh&lt;/b&gt;: training begins again from new weights; the charts are cleared.</source>
        <translation>&lt;b&gt;继续&lt;/b&gt;：新运行 %1 从停止的运行的权重开始（优化器状态和学习率调度重新开始）；它的数据点会追加到图表中。&lt;br&gt;&lt;b&gt;重新开始&lt;/b&gt;：从新权重重新训练；图表会被清除。</translation>
    </message>
    <message>
        <source>1 epoch</source>
        <translation>1 轮</translation>
    </message>
    <message>
        <source>%1 epochs</source>
        <translation>%1 轮</translation>
    </message>
    <message>
        <source>&amp;Continue Training</source>
        <translation>继续训练(&amp;C)</translation>
    </message>
    <message>
        <source>Start &amp;Fresh</source>
        <translation>重新开始(&amp;F)</translation>
    </message>
    <message>
        <source>The model is locked while it trains (paused too). Stop the run (Shift+F5) to edit it.</source>
        <translation>模型在训练时（包括暂停时）被锁定。停止运行（Shift+F5）后才能编辑。</translation>
    </message>
    <message>
        <source>Ste&amp;p</source>
        <translation>单步(&amp;P)</translation>
    </message>
    <message>
        <source>Pause, then step one batch at a time (F10)</source>
        <translation>暂停，然后一次训练一个批次（F10）</translation>
    </message>
    <message>
        <source>Train on exactly one batch, then pause (F10)</source>
        <translation>只训练一个批次，然后暂停（F10）</translation>
    </message>
    <message>
        <source>Train on exactly one batch, then pause: the Step tab shows that batch&apos;s predictions before and after it, the Health tab what it did to every layer (F10; Resume continues normally)</source>
        <translation>只训练一个批次然后暂停：单步页显示该批次在这一步之前和之后的预测，健康页显示这一步对每一层做了什么（F10；继续则恢复正常训练）</translation>
    </message>
</context>
<context>
    <name>RunCompareCharts</name>
    <message>
        <source>Tick runs in the list to draw their curves here (solid: validation, dashed: training).</source>
        <translation>在列表中勾选运行，即可在这里画出它们的曲线（实线：验证，虚线：训练）。</translation>
    </message>
    <message>
        <source>x: epochs</source>
        <translation>x：轮次</translation>
    </message>
    <message>
        <source>x: samples seen</source>
        <translation>x：已见样本数</translation>
    </message>
    <message>
        <source>x: seconds</source>
        <translation>x：秒</translation>
    </message>
    <message>
        <source>What the x axis counts: epochs, training images seen (runs with other batch sizes or validation splits line up by work done) or training seconds (without pauses).</source>
        <translation>x 轴计数的内容：轮次、已见过的训练图像数（不同批大小或验证集比例的运行按工作量对齐）或训练秒数（不含暂停）。</translation>
    </message>
    <message>
        <source>Export…</source>
        <translation>导出…</translation>
    </message>
    <message>
        <source>Save both charts as a PNG image, or their curves as CSV (by the file&apos;s suffix).</source>
        <translation>把两张图表保存为 PNG 图像，或把它们的曲线保存为 CSV（按文件后缀）。</translation>
    </message>
    <message>
        <source>loss</source>
        <translation>损失</translation>
    </message>
    <message>
        <source>accuracy (%)</source>
        <translation>准确率 (%)</translation>
    </message>
    <message>
        <source>Tick runs in the list to draw their curves here.</source>
        <translation>在列表中勾选运行，即可在这里画出它们的曲线。</translation>
    </message>
    <message>
        <source>Solid: validation · dashed: training</source>
        <translation>实线：验证 · 虚线：训练</translation>
    </message>
    <message>
        <source>epoch</source>
        <translation>轮次</translation>
    </message>
    <message>
        <source>training samples seen</source>
        <translation>已见训练样本数</translation>
    </message>
    <message>
        <source>training seconds</source>
        <translation>训练秒数</translation>
    </message>
    <message>
        <source> (live)</source>
        <translation>（实时）</translation>
    </message>
    <message>
        <source>Export compare charts</source>
        <translation>导出比较图表</translation>
    </message>
    <message>
        <source>PNG image (*.png)</source>
        <translation>PNG 图像 (*.png)</translation>
    </message>
    <message>
        <source>CSV table (*.csv)</source>
        <translation>CSV 表格 (*.csv)</translation>
    </message>
    <message>
        <source>Cannot write %1: %2</source>
        <translation>无法写入 %1：%2</translation>
    </message>
</context>
<context>
    <name>RunCompareTable</name>
    <message>
        <source>The settings that differ between the ticked runs, and how each run ended.</source>
        <translation>所勾选运行之间不同的设置，以及每个运行的结束方式。</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Max val accuracy</source>
        <translation>最高验证准确率</translation>
    </message>
    <message>
        <source>Test accuracy</source>
        <translation>测试准确率</translation>
    </message>
    <message>
        <source>Best epoch</source>
        <translation>最佳轮次</translation>
    </message>
    <message>
        <source>Epochs</source>
        <translation>轮数</translation>
    </message>
    <message>
        <source>Time (s)</source>
        <translation>时间（秒）</translation>
    </message>
    <message>
        <source>The highest validation accuracy of any epoch (not necessarily the best epoch&apos;s).</source>
        <translation>任一轮中最高的验证准确率（不一定是最佳轮次的）。</translation>
    </message>
    <message>
        <source>The epoch best.llckpt holds, chosen by the run&apos;s monitor, and the monitored value then.</source>
        <translation>best.llckpt 保存的轮次（由运行的监控指标选出），以及当时的监控值。</translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>（无）</translation>
    </message>
    <message>
        <source>Tick a second run to see what differs.</source>
        <translation>再勾选一个运行，看看有什么不同。</translation>
    </message>
    <message>
        <source>The ticked runs have the same settings.</source>
        <translation>所勾选的运行设置相同。</translation>
    </message>
    <message>
        <source>Export compare table</source>
        <translation>导出比较表</translation>
    </message>
    <message>
        <source>CSV table (*.csv)</source>
        <translation>CSV 表格 (*.csv)</translation>
    </message>
    <message>
        <source>Cannot write %1: %2</source>
        <translation>无法写入 %1：%2</translation>
    </message>
</context>
<context>
    <name>RunListModel</name>
    <message>
        <source>No epoch has finished yet.</source>
        <translation>还没有完成任何一轮。</translation>
    </message>
    <message>
        <source>Epoch %1 is the best by the run&apos;s monitor (the early-stopping monitor); best.llckpt holds its weights.</source>
        <translation>按运行的监控指标（早停的监控指标），第 %1 轮最佳；best.llckpt 保存其权重。</translation>
    </message>
    <message>
        <source>Epoch %1 is the best by %2, the run&apos;s monitor (early_stopping.monitor, used whether early stopping is on or not): %3 then; best.llckpt holds its weights.</source>
        <translation>按运行的监控指标 %2（early_stopping.monitor，无论是否启用早停都会使用），第 %1 轮最佳：当时为 %3；best.llckpt 保存其权重。</translation>
    </message>
    <message>
        <source>
Validation accuracy at epoch %1: %2; the highest of any epoch: %3.</source>
        <translation>
第 %1 轮的验证准确率：%2；所有轮次中的最高值：%3。</translation>
    </message>
    <message>
        <source>%1 cannot be read: %2</source>
        <translation>无法读取 %1：%2</translation>
    </message>
    <message>
        <source>
Note: %1</source>
        <translation>
备注：%1</translation>
    </message>
    <message>
        <source>
Sweep %1, trial %2</source>
        <translation>
参数扫描 %1，试验 %2</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>模型</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <source>Max val acc</source>
        <translation>最高验证准确率</translation>
    </message>
    <message>
        <source>Test</source>
        <translation>测试</translation>
    </message>
    <message>
        <source>Best epoch</source>
        <translation>最佳轮次</translation>
    </message>
    <message>
        <source>Epochs</source>
        <translation>轮数</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Tick a run to draw its curves on the compare charts; double-click to rename it.</source>
        <translation>勾选一个运行，在比较图表中画出它的曲线；双击可重命名。</translation>
    </message>
    <message>
        <source>The highest validation accuracy of any epoch of the run (what sweeps rank by). It need not be the best epoch&apos;s: see Best epoch.</source>
        <translation>该运行任一轮中最高的验证准确率（参数扫描按它排序）。它不一定是最佳轮次的：见“最佳轮次”。</translation>
    </message>
    <message>
        <source>The epoch whose weights best.llckpt holds (Load Weights &gt; Best), chosen by the run&apos;s monitor, and the monitored value then: validation loss unless the model&apos;s early_stopping.monitor says validation accuracy. Sorts best first.</source>
        <translation>best.llckpt 保存其权重的轮次（加载权重 &gt; 最佳），由运行的监控指标选出，以及当时的监控值：除非模型的 early_stopping.monitor 指定验证准确率，否则为验证损失。排序时最佳的在前。</translation>
    </message>
    <message>
        <source>Test accuracy of the weights the run ended with (none for a stopped run).</source>
        <translation>运行结束时权重的测试准确率（停止的运行没有）。</translation>
    </message>
    <message>
        <source>Training time, without pauses.</source>
        <translation>训练时间，不含暂停。</translation>
    </message>
    <message>
        <source>The run&apos;s colour on the compare charts (Colour… changes it).</source>
        <translation>该运行在比较图表中的颜色（用“颜色…”更改）。</translation>
    </message>
</context>
<context>
    <name>RunsPanel</name>
    <message>
        <source>Record runs</source>
        <translation>记录运行</translation>
    </message>
    <message>
        <source>Keep every training run (curves, settings, checkpoints) in the runs folder.</source>
        <translation>把每次训练运行（曲线、设置、检查点）保存在运行文件夹中。</translation>
    </message>
    <message>
        <source>Folder…</source>
        <translation>文件夹…</translation>
    </message>
    <message>
        <source>Choose the runs folder (default: runs/ beside the model file, or the user&apos;s data folder for an unsaved model).</source>
        <translation>选择运行文件夹（默认：模型文件旁边的 runs/，未保存的模型则为用户数据文件夹）。</translation>
    </message>
    <message>
        <source>Filter: name, model, note, status, settings…</source>
        <translation>筛选：名称、模型、备注、状态、设置…</translation>
    </message>
    <message>
        <source>Note…</source>
        <translation>备注…</translation>
    </message>
    <message>
        <source>Add or edit a note on the selected run.</source>
        <translation>为所选运行添加或编辑备注。</translation>
    </message>
    <message>
        <source>Colour…</source>
        <translation>颜色…</translation>
    </message>
    <message>
        <source>The selected run&apos;s colour on the compare charts.</source>
        <translation>所选运行在比较图表中的颜色。</translation>
    </message>
    <message>
        <source>Open Model</source>
        <translation>打开模型</translation>
    </message>
    <message>
        <source>Open the model as the selected run trained it in the editor (unsaved).</source>
        <translation>在编辑器中打开所选运行训练时的模型（未保存）。</translation>
    </message>
    <message>
        <source>Load Weights</source>
        <translation>加载权重</translation>
    </message>
    <message>
        <source>Load the selected run&apos;s final weights (or best, from the menu) as a checkpoint.</source>
        <translation>把所选运行的最终权重（或从菜单选择最佳权重）作为检查点加载。</translation>
    </message>
    <message>
        <source>Delete…</source>
        <translation>删除…</translation>
    </message>
    <message>
        <source>Delete the selected runs&apos; folders (asks first).</source>
        <translation>删除所选运行的文件夹（会先询问）。</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>刷新</translation>
    </message>
    <message>
        <source>List the runs folder again (runs from the CLI or another window appear).</source>
        <translation>重新列出运行文件夹（会出现来自 CLI 或其他窗口的运行）。</translation>
    </message>
    <message>
        <source>Export CSV…</source>
        <translation>导出 CSV…</translation>
    </message>
    <message>
        <source>The sweeps recorded in the runs folder (Train &gt; Sweep… or layerlab-cli sweep).</source>
        <translation>运行文件夹中记录的参数扫描（训练 &gt; 参数扫描… 或 layerlab-cli sweep）。</translation>
    </message>
    <message>
        <source>Sweep:</source>
        <translation>参数扫描：</translation>
    </message>
    <message>
        <source>Trial %1 has no run in this folder (not run yet, or deleted).</source>
        <translation>试验 %1 在此文件夹中没有运行（尚未运行或已删除）。</translation>
    </message>
    <message>
        <source>Curves</source>
        <translation>曲线</translation>
    </message>
    <message>
        <source>Compare</source>
        <translation>比较</translation>
    </message>
    <message>
        <source>Sweep</source>
        <translation>参数扫描</translation>
    </message>
    <message>
        <source>Loss and accuracy of the ticked runs</source>
        <translation>所勾选运行的损失和准确率</translation>
    </message>
    <message>
        <source>The settings that differ between the ticked runs, and their results</source>
        <translation>所勾选运行之间不同的设置，以及它们的结果</translation>
    </message>
    <message>
        <source>A sweep&apos;s trials and its metric against each varied setting; click a trial to select its run</source>
        <translation>参数扫描的各次试验及其指标随每个变化设置的关系；点击一次试验可选中它的运行</translation>
    </message>
    <message>
        <source>Runs folder: %1</source>
        <translation>运行文件夹：%1</translation>
    </message>
    <message>
        <source>%1 in %2 (listed in %3 ms)</source>
        <translation>%2 中的 %1（列出用时 %3 毫秒）</translation>
    </message>
    <message>
        <source>run</source>
        <translation>个运行</translation>
    </message>
    <message>
        <source>runs</source>
        <translation>个运行</translation>
    </message>
    <message>
        <source>%1 (%2 of %3 trials done: %4)</source>
        <translation>%1（%3 次试验中已完成 %2 次：%4）</translation>
    </message>
    <message>
        <source>The run being trained cannot be deleted: stop it first.</source>
        <translation>正在训练的运行不能删除：请先停止它。</translation>
    </message>
    <message>
        <source>Delete %1 and their files (curves, checkpoints)? This cannot be undone.

%2</source>
        <translation>删除 %1 及其文件（曲线、检查点）？此操作无法撤销。

%2</translation>
    </message>
    <message>
        <source>Delete runs</source>
        <translation>删除运行</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>Note on %1:</source>
        <translation>%1 的备注：</translation>
    </message>
    <message>
        <source>Run colour</source>
        <translation>运行颜色</translation>
    </message>
    <message>
        <source>%1 cannot be read: %2</source>
        <translation>无法读取 %1：%2</translation>
    </message>
    <message>
        <source>Final weights (as the run ended)</source>
        <translation>最终权重（运行结束时）</translation>
    </message>
    <message>
        <source>Best weights (epoch %1)</source>
        <translation>最佳权重（第 %1 轮）</translation>
    </message>
    <message>
        <source>Best weights (epoch %1, best %2: %3)</source>
        <translation>最佳权重（第 %1 轮，最佳 %2：%3）</translation>
    </message>
    <message>
        <source>%1 has no checkpoint yet (one is written after the first epoch).</source>
        <translation>%1 还没有检查点（第一轮结束后才会写入）。</translation>
    </message>
    <message>
        <source>Runs folder</source>
        <translation>运行文件夹</translation>
    </message>
</context>
<context>
    <name>SanityCheckRunner</name>
    <message>
        <source>The sanity check could not run: %1</source>
        <translation>合理性检查无法运行：%1</translation>
    </message>
</context>
<context>
    <name>StartWeightsDialog</name>
    <message>
        <source>✓ gets weights</source>
        <translation>✓ 获得权重</translation>
    </message>
    <message>
        <source>↻ starts fresh</source>
        <translation>↻ 从头开始</translation>
    </message>
    <message>
        <source>✗ no match</source>
        <translation>✗ 不匹配</translation>
    </message>
    <message>
        <source>Start from Weights</source>
        <translation>从权重开始</translation>
    </message>
    <message>
        <source>Weights of &lt;b&gt;%1&lt;/b&gt; for &lt;b&gt;%2&lt;/b&gt;, layer by layer: the layers with weights are paired in order (pooling, Flatten, Dropout and activations do not count), and a pair of the same type and shape gets the checkpoint&apos;s weights. The other layers start from fresh weights, as a new run would. Nothing changes until you choose &lt;i&gt;Use These Weights&lt;/i&gt;; Start (F5) then trains from them.</source>
        <translation>&lt;b&gt;%1&lt;/b&gt; 的权重用于 &lt;b&gt;%2&lt;/b&gt;，逐层对应：带权重的层按顺序配对（池化、Flatten、Dropout 和激活层不计），类型和形状相同的一对会得到检查点的权重。其他层和新运行一样从新权重开始。在你选择&lt;i&gt;使用这些权重&lt;/i&gt;之前什么都不会改变；之后开始（F5）会从这些权重开始训练。</translation>
    </message>
    <message>
        <source>Layer</source>
        <translation>层</translation>
    </message>
    <message>
        <source>Shape here</source>
        <translation>此处的形状</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>结果</translation>
    </message>
    <message>
        <source>From / why</source>
        <translation>来源 / 原因</translation>
    </message>
    <message>
        <source>%1 %2</source>
        <translation>%1 %2</translation>
    </message>
    <message>
        <source>the checkpoint&apos;s %1</source>
        <translation>检查点的 %1</translation>
    </message>
    <message>
        <source>Not used from the checkpoint: %1.</source>
        <translation>检查点中未使用：%1。</translation>
    </message>
    <message>
        <source>✗ Nothing to load: %1.</source>
        <translation>✗ 没有可加载的内容：%1。</translation>
    </message>
    <message>
        <source>&amp;Use These Weights</source>
        <translation>使用这些权重(&amp;U)</translation>
    </message>
</context>
<context>
    <name>StepBatchGrid</name>
    <message>
        <source>The batch&apos;s images</source>
        <translation>该批次的图像</translation>
    </message>
    <message>
        <source>label %1</source>
        <translation>标签 %1</translation>
    </message>
    <message>
        <source>probability</source>
        <translation>概率</translation>
    </message>
    <message>
        <source>output</source>
        <translation>输出</translation>
    </message>
    <message>
        <source>Sample %1 of the batch (training image %2), label %3
Before the step: predicts %4, %5 of the label %6
After the step: predicts %7, %5 of the label %8</source>
        <translation>批次中的第 %1 个样本（训练图像 %2），标签 %3
这一步之前：预测为 %4，标签的%5为 %6
这一步之后：预测为 %7，标签的%5为 %8</translation>
    </message>
</context>
<context>
    <name>StepTraceModel</name>
    <message>
        <source>unit %1 (dL/dz = %2)</source>
        <translation>单元 %1（dL/dz = %2）</translation>
    </message>
    <message>
        <source>unit %1</source>
        <translation>单元 %1</translation>
    </message>
    <message>
        <source>Input %1 of the sample: x = %2</source>
        <translation>样本的第 %1 个输入：x = %2</translation>
    </message>
    <message>
        <source>x%1 = %2</source>
        <translation>x%1 = %2</translation>
    </message>
    <message>
        <source>The unit&apos;s bias before the step</source>
        <translation>这一步之前该单元的偏置</translation>
    </message>
    <message>
        <source>b</source>
        <translation>b</translation>
    </message>
    <message>
        <source>Pre-activation: the unit&apos;s weights times the inputs, summed, plus its bias</source>
        <translation>激活前的值：该单元的权重与输入逐项相乘再求和，再加上偏置</translation>
    </message>
    <message>
        <source>z
= W·x + b</source>
        <translation>z
= W·x + b</translation>
    </message>
    <message>
        <source>Activation: f applied to z</source>
        <translation>激活值：对 z 应用激活函数 f</translation>
    </message>
    <message>
        <source>a
= f(z)</source>
        <translation>a
= f(z)</translation>
    </message>
    <message>
        <source>How this sample&apos;s loss changes with a: what the layers above send back</source>
        <translation>该样本的损失随 a 的变化率：由上面的层反向传回</translation>
    </message>
    <message>
        <source>dL/da</source>
        <translation>dL/da</translation>
    </message>
    <message>
        <source>The slope of the activation at z</source>
        <translation>激活函数在 z 处的斜率（导数）</translation>
    </message>
    <message>
        <source>f′(z)</source>
        <translation>f′(z)</translation>
    </message>
    <message>
        <source>The chain rule: dL/da times the activation&apos;s slope</source>
        <translation>链式法则：dL/da 乘以激活函数的斜率</translation>
    </message>
    <message>
        <source>dL/dz
= dL/da · f′(z)</source>
        <translation>dL/dz
= dL/da · f′(z)</translation>
    </message>
    <message>
        <source>The bias adds 1 · b to z, so its gradient is dL/dz</source>
        <translation>偏置以 1 · b 加到 z 上，所以它的梯度就是 dL/dz</translation>
    </message>
    <message>
        <source>dL/db
= dL/dz</source>
        <translation>dL/db
= dL/dz</translation>
    </message>
    <message>
        <source>The batch&apos;s gradient: the mean of dL/db over all samples of the batch</source>
        <translation>批次的梯度：dL/db 在该批次所有样本上的平均值</translation>
    </message>
    <message>
        <source>batch dL/db
= mean over samples</source>
        <translation>批次 dL/db
= 样本平均</translation>
    </message>
    <message>
        <source>The bias after the optimizer&apos;s step</source>
        <translation>优化器更新之后的偏置</translation>
    </message>
    <message>
        <source>b after
the step</source>
        <translation>更新后
的 b</translation>
    </message>
</context>
<context>
    <name>StepView</name>
    <message>
        <source>Pause training (F6) and press Step (F10): this tab then shows what that one batch did. Its images with the class predicted before and after the step, the loss before and after, and for a Dense layer the numbers of one sample on the way forward and back, so you can follow the chain rule by hand.</source>
        <translation>暂停训练（F6）后按“单步”（F10）：这里会显示这一个批次做了什么。它的图像以及这一步之前和之后预测的类别，之前和之后的损失，以及某个 Dense 层上一个样本在前向和反向传播中的数值，让你可以亲手跟着链式法则算一遍。</translation>
    </message>
    <message>
        <source>Before: the step&apos;s own forward pass, the one whose loss it followed down (with dropout as it ran). After: the same images with the new weights, in inference mode.</source>
        <translation>之前：这一步自己的前向传播，也就是它沿着其损失下降的那一次（Dropout 与运行时相同）。之后：同样的图像使用新的权重，在推理模式下计算。</translation>
    </message>
    <message>
        <source>Each image: its label, the class predicted before → after the step and how the label&apos;s probability changed. Green frame: right after the step, red: wrong; amber: the step changed the prediction. Click an image (or use the arrow keys) to see its numbers on the right.</source>
        <translation>每张图像：它的标签、这一步之前 → 之后预测的类别，以及标签概率的变化。绿框：这一步之后预测正确，红框：错误；琥珀色：这一步改变了预测。点击一张图像（或使用方向键）在右侧查看它的数值。</translation>
    </message>
    <message>
        <source>&amp;Layer:</source>
        <translation>层(&amp;L)：</translation>
    </message>
    <message>
        <source>The Dense layer whose numbers the table shows</source>
        <translation>表格显示其数值的 Dense 层</translation>
    </message>
    <message>
        <source>S&amp;ample:</source>
        <translation>样本(&amp;A)：</translation>
    </message>
    <message>
        <source>Which image of the batch (its number in batch order); clicking an image chooses it too</source>
        <translation>批次中的哪张图像（按批次顺序的编号）；点击图像也可以选择</translation>
    </message>
    <message>
        <source>S&amp;how:</source>
        <translation>显示(&amp;H)：</translation>
    </message>
    <message>
        <source>Per unit: z, a, dL/da, dL/dz, dL/db</source>
        <translation>逐单元：z、a、dL/da、dL/dz、dL/db</translation>
    </message>
    <message>
        <source>Weights W (before the step)</source>
        <translation>权重 W（这一步之前）</translation>
    </message>
    <message>
        <source>dL/dW of this sample = dL/dz · xᵀ</source>
        <translation>该样本的 dL/dW = dL/dz · xᵀ</translation>
    </message>
    <message>
        <source>dL/dW of the batch = mean over samples</source>
        <translation>批次的 dL/dW = 样本平均</translation>
    </message>
    <message>
        <source>Weights W after the step</source>
        <translation>这一步之后的权重 W</translation>
    </message>
    <message>
        <source>The numbers of one sample through the layer</source>
        <translation>一个样本经过该层的数值</translation>
    </message>
    <message>
        <source>Dense %1 (%2 units)</source>
        <translation>Dense %1（%2 个单元）</translation>
    </message>
    <message>
        <source>Step %1 (epoch %2, batch %3, learning rate %4): loss %5 → %6, right %7 → %8 of %9 images; the step changed %10 predictions.</source>
        <translation>第 %1 步（第 %2 轮，第 %3 批次，学习率 %4）：损失 %5 → %6，%9 张图像中预测正确 %7 → %8 张；这一步改变了 %10 个预测。</translation>
    </message>
    <message>
        <source>This model has no Dense layer.</source>
        <translation>这个模型没有 Dense 层。</translation>
    </message>
    <message>
        <source>Dense %1: %2 units on %3 inputs. Sample %4, label %5.</source>
        <translation>Dense %1：%2 个单元，%3 个输入。样本 %4，标签 %5。</translation>
    </message>
    <message>
        <source>Softmax and cross-entropy are worked out together: a = softmax(z), and dL/dz = a − 1 for the label&apos;s unit and a for the others.</source>
        <translation>Softmax 与交叉熵合在一起计算：a = softmax(z)，标签对应的单元 dL/dz = a − 1，其他单元 dL/dz = a。</translation>
    </message>
    <message>
        <source>f is %1.</source>
        <translation>f 为 %1。</translation>
    </message>
    <message>
        <source>The batch&apos;s dL/db is the mean of its %1 samples&apos; dL/db; the optimizer moved b with it (learning rate %2).</source>
        <translation>批次的 dL/db 是其 %1 个样本的 dL/db 的平均值；优化器用它更新 b（学习率 %2）。</translation>
    </message>
    <message>
        <source>Unit %1, input %2: this sample&apos;s dL/dW = dL/dz × x = %3 × %4 = %5. The batch&apos;s dL/dW is the mean over its %6 samples: %7 (the network&apos;s own backward gave the optimizer %8%9). The step moved W from %10 to %11.</source>
        <translation>单元 %1，输入 %2：该样本的 dL/dW = dL/dz × x = %3 × %4 = %5。批次的 dL/dW 是其 %6 个样本的平均值：%7（网络自己的反向传播交给优化器的是 %8%9）。这一步把 W 从 %10 变为 %11。</translation>
    </message>
    <message>
        <source>, with L2&apos;s λ·W</source>
        <translation>，含 L2 的 λ·W</translation>
    </message>
    <message>
        <source>&amp;Most changed first</source>
        <translation>变化最大的在前(&amp;M)</translation>
    </message>
    <message>
        <source>Show first the images whose predicted class the step changed, then those whose label&apos;s probability changed most; unticked: the batch&apos;s order</source>
        <translation>先显示这一步改变了预测类别的图像，再显示标签概率变化最大的图像；不勾选：按批次顺序</translation>
    </message>
    <message>
        <source>The table shows the first %1 of its %2 units.</source>
        <translation>表格只显示全部 %2 个单元中的前 %1 个。</translation>
    </message>
    <message>
        <source>The W columns show the first %1 of its %2 inputs; z sums all %2.</source>
        <translation>W 的各列只显示全部 %2 个输入中的前 %1 个；z 对全部 %2 个输入求和。</translation>
    </message>
    <message>
        <source>That is W − learning rate × gradient: %1 − %2 × %3.</source>
        <translation>即 W − 学习率 × 梯度：%1 − %2 × %3。</translation>
    </message>
    <message>
        <source>That is not W − learning rate × gradient (%1): this optimizer also uses the gradients of earlier steps (momentum, Adam).</source>
        <translation>这不等于 W − 学习率 × 梯度（%1）：这个优化器还用到了之前各步的梯度（动量、Adam）。</translation>
    </message>
</context>
<context>
    <name>StudioMain</name>
    <message>
        <source>no display to open a window on (DISPLAY and WAYLAND_DISPLAY are not set). Run the studio in a desktop session, or set QT_QPA_PLATFORM=offscreen for --screenshot and --benchmark-ui; layerlab-cli trains without a display.</source>
        <translation>没有可以打开窗口的显示（DISPLAY 和 WAYLAND_DISPLAY 都没有设置）。请在桌面会话中运行工作室，或为 --screenshot 和 --benchmark-ui 设置 QT_QPA_PLATFORM=offscreen；layerlab-cli 无需显示即可训练。</translation>
    </message>
    <message>
        <source>LayerLab studio: build a neural network by dragging layers and train it on MNIST.</source>
        <translation>LayerLab 工作室：拖动层来搭建神经网络，并在 MNIST 上训练它。</translation>
    </message>
    <message>
        <source>A model file (.json) to open.</source>
        <translation>要打开的模型文件（.json）。</translation>
    </message>
    <message>
        <source>Open this model file (.json).</source>
        <translation>打开这个模型文件（.json）。</translation>
    </message>
    <message>
        <source>Folder holding the dataset&apos;s IDX files (overrides the lookup), or a folder of images with a subfolder per class (the import dialog opens).</source>
        <translation>存放数据集 IDX 文件的文件夹（不再自动查找），或每个类别一个子文件夹的图像文件夹（会打开导入对话框）。</translation>
    </message>
    <message>
        <source>Train in the studio for SECONDS with all panels live, measure GUI event-loop latency, then run the engine benchmark and print one JSON line.</source>
        <translation>在所有面板实时更新的情况下在工作室中训练 SECONDS 秒，测量界面事件循环的延迟，然后运行引擎基准测试并打印一行 JSON。</translation>
    </message>
    <message>
        <source>Start training as soon as the dataset has loaded.</source>
        <translation>数据集加载完成后立即开始训练。</translation>
    </message>
    <message>
        <source>Save a PNG of the window --after seconds into training (implies --train-on-start unless --no-train), then quit.</source>
        <translation>在训练开始 --after 秒后把窗口保存为 PNG（除非给出 --no-train，否则隐含 --train-on-start），然后退出。</translation>
    </message>
    <message>
        <source>Seconds of training before --screenshot (default 8).</source>
        <translation>--screenshot 之前训练的秒数（默认 8）。</translation>
    </message>
    <message>
        <source>Window size, e.g. 1366x768 (each side %1 to %2 pixels).</source>
        <translation>窗口大小，例如 1366x768（每边 %1 到 %2 像素）。</translation>
    </message>
    <message>
        <source>Measure layer health every BATCHES batches (default %1; 0 turns it off, e.g. to compare --benchmark-ui figures).</source>
        <translation>每 BATCHES 个批次测量一次层健康状况（默认 %1；0 表示关闭，例如用于比较 --benchmark-ui 的数据）。</translation>
    </message>
    <message>
        <source>With --screenshot: do not train; grab --after seconds after the window opened.</source>
        <translation>与 --screenshot 一起使用：不训练；在窗口打开 --after 秒后截图。</translation>
    </message>
    <message>
        <source>The UI language for this session: en or zh_CN (View &gt; Language chooses it for good).</source>
        <translation>本次会话的界面语言：en 或 zh_CN（视图 &gt; 语言 可永久选择）。</translation>
    </message>
    <message>
        <source>--benchmark-ui needs a number of seconds &gt; 0.</source>
        <translation>--benchmark-ui 需要一个大于 0 的秒数。</translation>
    </message>
    <message>
        <source>--health-every needs a whole number of batches &gt;= 0 (0: off).</source>
        <translation>--health-every 需要一个 &gt;= 0 的整数批次数（0：关闭）。</translation>
    </message>
    <message>
        <source>--after needs a number of seconds &gt;= 0.</source>
        <translation>--after 需要一个 &gt;= 0 的秒数。</translation>
    </message>
    <message>
        <source>--language wants en or zh_CN; got &apos;%1&apos;.</source>
        <translation>--language 只接受 en 或 zh_CN；收到的是“%1”。</translation>
    </message>
    <message>
        <source>--size wants WxH with each side from %1 to %2 pixels, e.g. 1366x768; got &apos;%3&apos;.</source>
        <translation>--size 需要 宽x高，每边 %1 到 %2 像素，例如 1366x768；收到的是“%3”。</translation>
    </message>
    <message>
        <source>--screenshot: cannot write %1: %2</source>
        <translation>--screenshot：无法写入 %1：%2</translation>
    </message>
    <message>
        <source>could not open %1: %2</source>
        <translation>无法打开 %1：%2</translation>
    </message>
    <message>
        <source>note: the window cannot be %1x%2; it is %3x%4 (its minimum size)</source>
        <translation>提示：窗口不能是 %1x%2；它是 %3x%4（它的最小尺寸）</translation>
    </message>
    <message>
        <source>saved %1 (%2x%3)</source>
        <translation>已保存 %1（%2x%3）</translation>
    </message>
    <message>
        <source>could not save the screenshot %1: %2</source>
        <translation>无法保存截图 %1：%2</translation>
    </message>
    <message>
        <source>training failed: %1</source>
        <translation>训练失败：%1</translation>
    </message>
    <message>
        <source>What to show: model, training, feature-maps, health, step, evaluate, runs or lessons; add ,layer or ,training for the settings tab (lessons,CARD opens a lesson card).</source>
        <translation>要显示的内容：model、training、feature-maps、health、step、evaluate、runs 或 lessons；加上 ,layer 或 ,training 选择设置标签页（lessons,CARD 打开一张课程卡）。</translation>
    </message>
</context>
<context>
    <name>SweepDialog</name>
    <message>
        <source>Sweep</source>
        <translation>参数扫描</translation>
    </message>
    <message>
        <source>Train %1 once per combination of the values below. Each trial is recorded as a run in %2 and listed in the Runs tab.</source>
        <translation>对下面各值的每种组合训练 %1 一次。每次试验作为一个运行记录在 %2 中，并列在运行记录页。</translation>
    </message>
    <message>
        <source>Unfinished sweep of this model:</source>
        <translation>此模型未完成的参数扫描：</translation>
    </message>
    <message>
        <source>Resume</source>
        <translation>继续</translation>
    </message>
    <message>
        <source>Continue this sweep: the trials that finished are skipped, the others (a trial stopped part way too) run, each recorded as a new run.</source>
        <translation>继续这次参数扫描：跳过已完成的试验，运行其他试验（包括中途停止的试验），每个都记录为新的运行。</translation>
    </message>
    <message>
        <source>Setting</source>
        <translation>设置</translation>
    </message>
    <message>
        <source>Values</source>
        <translation>取值</translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>（无）</translation>
    </message>
    <message>
        <source>0.1, 0.01, 0.001   or   log:1e-4:1e-1 (random search)</source>
        <translation>0.1, 0.01, 0.001   或   log:1e-4:1e-1（随机搜索）</translation>
    </message>
    <message>
        <source>Grid (every combination)</source>
        <translation>网格（所有组合）</translation>
    </message>
    <message>
        <source>Random search:</source>
        <translation>随机搜索：</translation>
    </message>
    <message>
        <source> trials</source>
        <translation> 次试验</translation>
    </message>
    <message>
        <source>Trials:</source>
        <translation>试验：</translation>
    </message>
    <message>
        <source>Highest validation accuracy</source>
        <translation>最高验证准确率</translation>
    </message>
    <message>
        <source>Test accuracy</source>
        <translation>测试准确率</translation>
    </message>
    <message>
        <source>Rank by:</source>
        <translation>排序依据：</translation>
    </message>
    <message>
        <source> min</source>
        <translation> 分钟</translation>
    </message>
    <message>
        <source>no limit</source>
        <translation>不限</translation>
    </message>
    <message>
        <source>No trial starts after this time, and the ones running then are stopped.</source>
        <translation>超过此时间后不再开始新的试验，正在运行的试验会被停止。</translation>
    </message>
    <message>
        <source>Auto</source>
        <translation>自动</translation>
    </message>
    <message>
        <source>One at a time</source>
        <translation>一次一个</translation>
    </message>
    <message>
        <source>Two at once</source>
        <translation>一次两个</translation>
    </message>
    <message>
        <source>Auto: two trials at once, the cores split between them, when the trials are too small to use every core (or the model asks for at most half of them); otherwise one at a time on all cores. A trial gives the same results for its seed and thread count either way.</source>
        <translation>自动：当试验太小、用不满所有核心（或模型最多只要求一半核心）时，同时运行两个试验，平分核心；否则一次一个、使用所有核心。无论哪种方式，一次试验在相同随机种子和线程数下结果都相同。</translation>
    </message>
    <message>
        <source>Trials at once:</source>
        <translation>同时试验数：</translation>
    </message>
    <message>
        <source>Time budget:</source>
        <translation>时间预算：</translation>
    </message>
    <message>
        <source>Start</source>
        <translation>开始</translation>
    </message>
    <message>
        <source>Stop After Trial</source>
        <translation>本次试验后停止</translation>
    </message>
    <message>
        <source>End the sweep once the trials under way have finished.</source>
        <translation>正在进行的试验完成后结束参数扫描。</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>停止</translation>
    </message>
    <message>
        <source>Stop the trials under way now and end the sweep (Resume runs them again).</source>
        <translation>立即停止正在进行的试验并结束参数扫描（“继续”会重新运行它们）。</translation>
    </message>
    <message>
        <source>%1 — %2 of %3 trials done (%4), started %5</source>
        <translation>%1 — %3 次试验中已完成 %2 次（%4），开始于 %5</translation>
    </message>
    <message>
        <source>%1, %2; %3.</source>
        <translation>%1，%2；%3。</translation>
    </message>
    <message>
        <source>run</source>
        <translation>个运行</translation>
    </message>
    <message>
        <source>runs</source>
        <translation>个运行</translation>
    </message>
    <message>
        <source> This is the plan of the unfinished sweep above: Resume skips its %1, Start begins a new sweep.</source>
        <translation> 这是上面未完成的参数扫描的计划：“继续”会跳过其中的%1，“开始”则开始新的参数扫描。</translation>
    </message>
    <message>
        <source>finished trial</source>
        <translation>已完成的试验</translation>
    </message>
    <message>
        <source>finished trials</source>
        <translation>已完成的试验</translation>
    </message>
    <message>
        <source>time unknown until the first trial ends</source>
        <translation>第一次试验结束前无法估计时间</translation>
    </message>
    <message>
        <source>about %1</source>
        <translation>约 %1</translation>
    </message>
    <message>
        <source>Cannot start: the sweep&apos;s state cannot be written in %1: %2. Choose a runs folder that can be written, or free some space.</source>
        <translation>无法开始：参数扫描的状态无法写入 %1：%2。请选择可写入的运行文件夹，或释放一些空间。</translation>
    </message>
    <message>
        <source>Trial %1 could not start: %2</source>
        <translation>试验 %1 无法开始：%2</translation>
    </message>
    <message>
        <source>The sweep&apos;s state could not be saved (%1): the trials go on, but a resumed sweep would not know which finished.</source>
        <translation>无法保存参数扫描的状态（%1）：试验会继续，但继续扫描时将不知道哪些已完成。</translation>
    </message>
    <message>
        <source>Trials %1 and %2 of %3 (two at once)</source>
        <translation>第 %1 和第 %2 次试验，共 %3 次（同时两个）</translation>
    </message>
    <message>
        <source>Trial %1 of %2</source>
        <translation>第 %1 次试验，共 %2 次</translation>
    </message>
    <message>
        <source>Sweep ended: %1 of %2 trials done</source>
        <translation>参数扫描结束：%2 次试验中已完成 %1 次</translation>
    </message>
    <message>
        <source> · best so far %1 %2 (%3)</source>
        <translation> · 目前最佳 %1 %2（%3）</translation>
    </message>
    <message>
        <source> left</source>
        <translation> 剩余</translation>
    </message>
    <message>
        <source> · the sweep ends when the trials under way end</source>
        <translation> · 正在进行的试验结束后参数扫描结束</translation>
    </message>
    <message>
        <source> · Resume continues it</source>
        <translation> · “继续”可接着进行</translation>
    </message>
</context>
<context>
    <name>SweepResults</name>
    <message>
        <source>Export…</source>
        <translation>导出…</translation>
    </message>
    <message>
        <source>Save the chart as a PNG image, or the table as CSV (by the file&apos;s suffix).</source>
        <translation>把图表保存为 PNG 图像，或把表格保存为 CSV（按文件后缀）。</translation>
    </message>
    <message>
        <source>The sweep&apos;s trials; click a header to sort, a row to select the trial&apos;s run.</source>
        <translation>参数扫描的各次试验；点击表头排序，点击一行选中该试验的运行。</translation>
    </message>
    <message>
        <source>The sweep&apos;s metric against each varied setting; click a point to select its run.</source>
        <translation>参数扫描的指标随每个变化设置的关系；点击一个点选中它的运行。</translation>
    </message>
    <message>
        <source>No sweep to show: run one with Train &gt; Sweep… (or layerlab-cli sweep).</source>
        <translation>没有可显示的参数扫描：用 训练 &gt; 参数扫描…（或 layerlab-cli sweep）运行一次。</translation>
    </message>
    <message>
        <source>%1: %2 of %3 trials done, ranked by %4</source>
        <translation>%1：%3 次试验中已完成 %2 次，按%4排序</translation>
    </message>
    <message>
        <source>test accuracy</source>
        <translation>测试准确率</translation>
    </message>
    <message>
        <source>the highest validation accuracy</source>
        <translation>最高验证准确率</translation>
    </message>
    <message>
        <source> · best: trial %1 (%2)</source>
        <translation> · 最佳：试验 %1（%2）</translation>
    </message>
    <message>
        <source>Max val acc</source>
        <translation>最高验证准确率</translation>
    </message>
    <message>
        <source>Test acc</source>
        <translation>测试准确率</translation>
    </message>
    <message>
        <source>Time (s)</source>
        <translation>时间（秒）</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Run</source>
        <translation>运行</translation>
    </message>
    <message>
        <source>The highest validation accuracy of any epoch of the trial&apos;s run.</source>
        <translation>该试验的运行中任一轮最高的验证准确率。</translation>
    </message>
    <message>
        <source>not run yet</source>
        <translation>尚未运行</translation>
    </message>
    <message>
        <source> (runs again on resume)</source>
        <translation>（继续时会重新运行）</translation>
    </message>
    <message>
        <source>test accuracy (%)</source>
        <translation>测试准确率 (%)</translation>
    </message>
    <message>
        <source>max val accuracy (%)</source>
        <translation>最高验证准确率 (%)</translation>
    </message>
    <message>
        <source> (log)</source>
        <translation>（对数）</translation>
    </message>
    <message>
        <source>Export sweep results</source>
        <translation>导出参数扫描结果</translation>
    </message>
    <message>
        <source>PNG image (*.png);;CSV table (*.csv)</source>
        <translation>PNG 图像 (*.png);;CSV 表格 (*.csv)</translation>
    </message>
    <message>
        <source>Cannot write %1: %2</source>
        <translation>无法写入 %1：%2</translation>
    </message>
</context>
<context>
    <name>TrainingCharts</name>
    <message>
        <source>Zoom to data</source>
        <translation>缩放到数据</translation>
    </message>
    <message>
        <source>0–100 %</source>
        <translation>0–100 %</translation>
    </message>
    <message>
        <source>Error, log</source>
        <translation>错误率，对数</translation>
    </message>
    <message>
        <source>Accuracy axis. Zoom to data: fitted to the trend and validation, so the gap between them shows once training has started (the first batches may run off the bottom). 0–100 %: the whole scale. Error, log: the error rate (100 % − accuracy) on a log scale, where 10 %, 1 % and 0.1 % are equally far apart (batches without an error are drawn at the bottom).</source>
        <translation>准确率坐标轴。缩放到数据：适配趋势线和验证曲线，训练开始后就能看到两者之间的差距（最初几个批次可能超出底部）。0–100 %：完整刻度。错误率，对数：以对数刻度显示错误率（100 % − 准确率），10 %、1 % 和 0.1 % 间距相等（没有错误的批次画在底部）。</translation>
    </message>
    <message>
        <source>Fit</source>
        <translation>适配</translation>
    </message>
    <message>
        <source>Show all the data again after zooming or panning (the charts then follow the run).</source>
        <translation>缩放或平移后重新显示全部数据（之后图表会跟随运行）。</translation>
    </message>
    <message>
        <source>Export…</source>
        <translation>导出…</translation>
    </message>
    <message>
        <source>Save both charts as one PNG image, or their data as a CSV table (a row per batch and per epoch).</source>
        <translation>把两张图表保存为一张 PNG 图像，或把它们的数据保存为 CSV 表格（每个批次和每一轮各一行）。</translation>
    </message>
    <message>
        <source>Loss: what the optimizer minimises. Drag to pan, wheel to zoom, Fit to reset.</source>
        <translation>损失：优化器要最小化的量。拖动平移，滚轮缩放，“适配”复位。</translation>
    </message>
    <message>
        <source>Accuracy: share of images classified right. Drag to pan, wheel to zoom.</source>
        <translation>准确率：分类正确的图像所占比例。拖动平移，滚轮缩放。</translation>
    </message>
    <message>
        <source>loss</source>
        <translation>损失</translation>
    </message>
    <message>
        <source>Shading: the gap between training and validation. Drag to pan, wheel to zoom, Fit to show all.</source>
        <translation>阴影：训练与验证之间的差距。拖动平移，滚轮缩放，“适配”显示全部。</translation>
    </message>
    <message>
        <source>Continuing from the stopped run&apos;s weights: the new points follow its own.</source>
        <translation>从已停止运行的权重继续：新的数据点接在它自己的后面。</translation>
    </message>
    <message>
        <source> lr %1</source>
        <translation> 学习率 %1</translation>
    </message>
    <message>
        <source>test %1</source>
        <translation>测试 %1</translation>
    </message>
    <message>
        <source>test %1 %</source>
        <translation>测试 %1 %</translation>
    </message>
    <message>
        <source>Test loss %1, test accuracy %2 %. </source>
        <translation>测试损失 %1，测试准确率 %2 %。</translation>
    </message>
    <message>
        <source>Export charts</source>
        <translation>导出图表</translation>
    </message>
    <message>
        <source>PNG image of both charts (*.png)</source>
        <translation>两张图表的 PNG 图像 (*.png)</translation>
    </message>
    <message>
        <source>CSV table of the data (*.csv)</source>
        <translation>数据的 CSV 表格 (*.csv)</translation>
    </message>
    <message>
        <source>Could not write %1: %2.</source>
        <translation>无法写入 %1：%2。</translation>
    </message>
</context>
<context>
    <name>TrainingConfigPanel</name>
    <message>
        <source>Settings are locked while training runs. Stop (Shift+F5) to change them.</source>
        <translation>训练进行时设置被锁定。停止（Shift+F5）后才能更改。</translation>
    </message>
    <message>
        <source>all cores (%1)</source>
        <translation>所有核心（%1）</translation>
    </message>
    <message>
        <source>Your own images: a folder with one subfolder per class (File &gt; Open Image Folder…).</source>
        <translation>你自己的图像：一个文件夹，每个类别一个子文件夹（文件 &gt; 打开图像文件夹…）。</translation>
    </message>
    <message>
        <source>Found in %1 (%2).</source>
        <translation>在 %1 中找到（%2）。</translation>
    </message>
    <message>
        <source>Not found on this computer. To get it: %1</source>
        <translation>在这台计算机上没有找到。获取方法：%1</translation>
    </message>
    <message>
        <source>%1 &lt;a href=&quot;all&quot;&gt;Show all settings&lt;/a&gt;</source>
        <translation>%1 &lt;a href=&quot;all&quot;&gt;显示全部设置&lt;/a&gt;</translation>
    </message>
    <message>
        <source>Showing only some settings.</source>
        <translation>只显示部分设置。</translation>
    </message>
    <message>
        <source> (%1 run here)</source>
        <translation>（此处运行 %1 个）</translation>
    </message>
    <message>
        <source>This machine has %1 cores: training runs %1 threads, and the model file keeps %2.</source>
        <translation>本机有 %1 个核心：训练使用 %1 个线程，模型文件保留 %2。</translation>
    </message>
</context>
<context>
    <name>TrainingController</name>
    <message>
        <source>Training is already running. Stop it before starting a new run.</source>
        <translation>训练已在进行。请先停止它再开始新的运行。</translation>
    </message>
    <message>
        <source>No dataset is loaded yet. Wait for loading to finish, or pick another dataset.</source>
        <translation>还没有加载数据集。请等待加载完成，或选择其他数据集。</translation>
    </message>
    <message>
        <source>This run is not recorded: %1</source>
        <translation>本次运行未被记录：%1</translation>
    </message>
</context>
<context>
    <name>TrainingPlot</name>
    <message>
        <source>epoch</source>
        <translation>轮次</translation>
    </message>
    <message>
        <source>batches</source>
        <translation>批次</translation>
    </message>
    <message>
        <source>trend</source>
        <translation>趋势</translation>
    </message>
    <message>
        <source>validation</source>
        <translation>验证</translation>
    </message>
    <message>
        <source>best epoch %1</source>
        <translation>最佳轮次 %1</translation>
    </message>
    <message>
        <source>train %1 %, validation %2 %</source>
        <translation>训练 %1 %，验证 %2 %</translation>
    </message>
    <message>
        <source>gap %1 points</source>
        <translation>差距 %1 个百分点</translation>
    </message>
    <message>
        <source>train %1, validation %2</source>
        <translation>训练 %1，验证 %2</translation>
    </message>
    <message>
        <source>gap %1</source>
        <translation>差距 %1</translation>
    </message>
    <message>
        <source>epoch %1: %2, %3</source>
        <translation>第 %1 轮：%2，%3</translation>
    </message>
</context>
<context>
    <name>TrainingProgressBar</name>
    <message>
        <source>Ready to train.</source>
        <translation>可以开始训练。</translation>
    </message>
    <message>
        <source>Starting…</source>
        <translation>正在开始…</translation>
    </message>
    <message>
        <source>Paused before the first batch.</source>
        <translation>在第一个批次之前暂停。</translation>
    </message>
    <message>
        <source>%1Epoch %2/%3 · batch %4/%5 · %6 samples/s · %7 left · learning rate %8</source>
        <translation>%1第 %2/%3 轮 · 批次 %4/%5 · 每秒 %6 个样本 · 剩余 %7 · 学习率 %8</translation>
    </message>
    <message>
        <source>Paused · </source>
        <translation>已暂停 · </translation>
    </message>
    <message>
        <source>Training ended.</source>
        <translation>训练结束。</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1（%2）</translation>
    </message>
    <message>
        <source>Training failed: %1</source>
        <translation>训练失败：%1</translation>
    </message>
</context>
<context>
    <name>UiBenchmark</name>
    <message>
        <source>training did not start: %1</source>
        <translation>训练没有开始：%1</translation>
    </message>
</context>
<context>
    <name>layerlab</name>
    <message>
        <source>Core</source>
        <translation>核心</translation>
    </message>
    <message>
        <source>Convolution</source>
        <translation>卷积</translation>
    </message>
    <message>
        <source>Pooling</source>
        <translation>池化</translation>
    </message>
    <message>
        <source>Activation</source>
        <translation>激活函数</translation>
    </message>
    <message>
        <source>Normalization</source>
        <translation>归一化</translation>
    </message>
    <message>
        <source>Regularization</source>
        <translation>正则化</translation>
    </message>
    <message>
        <source>Blocks</source>
        <translation>模块</translation>
    </message>
    <message>
        <source>Connects every input number to every output unit with its own weight, then adds a bias. Needs a flat input, so put Flatten after image layers.</source>
        <translation>把每个输入数用各自的权重连接到每个输出单元，再加上偏置。需要扁平的输入，所以在图像层之后放一个 Flatten。</translation>
    </message>
    <message>
        <source>Slides small learned filters over the image; each filter lights up where it finds its pattern, such as an edge or a curve. Output: one feature map per filter.</source>
        <translation>在图像上滑动学到的小滤波器；每个滤波器在找到它的模式（如边缘或曲线）的地方亮起。输出：每个滤波器一张特征图。</translation>
    </message>
    <message>
        <source>Shrinks each feature map by keeping only the largest value in every small window, so the exact position of a feature matters less.</source>
        <translation>在每个小窗口中只保留最大值，从而缩小每张特征图，使特征的精确位置变得不那么重要。</translation>
    </message>
    <message>
        <source>Shrinks each feature map by replacing every small window with its average value.</source>
        <translation>把每个小窗口替换为它的平均值，从而缩小每张特征图。</translation>
    </message>
    <message>
        <source>Unrolls an image-shaped input (channels x height x width) into one long list of numbers so Dense layers can read it. It has no weights.</source>
        <translation>把图像形状的输入（通道 x 高 x 宽）展开成一长串数，让 Dense 层能够读取。它没有权重。</translation>
    </message>
    <message>
        <source>While training, randomly switches off a fraction (the rate) of its inputs so the network cannot rely on any single unit. Does nothing when testing.</source>
        <translation>训练时随机关闭一部分（比例为丢弃率）输入，使网络不能依赖任何单个单元。测试时不起作用。</translation>
    </message>
    <message>
        <source>Keeps positive values and turns negative ones into zero. The usual non-linearity between layers: without one, stacked layers act like a single layer.</source>
        <translation>保留正值，把负值变成零。层与层之间常用的非线性：没有它，堆叠的多个层就相当于一个层。</translation>
    </message>
    <message>
        <source>Like ReLU, but negative values are scaled by a small slope (alpha) instead of zeroed, so units never go completely silent.</source>
        <translation>与 ReLU 类似，但负值按一个小斜率（alpha）缩放而不是置零，所以单元永远不会完全沉默。</translation>
    </message>
    <message>
        <source>Squashes every value into the range 0 to 1 along an S-shaped curve. Learns slowly in deep stacks because the curve is flat at both ends.</source>
        <translation>沿一条 S 形曲线把每个值压缩到 0 到 1 之间。由于曲线两端平坦，在深层网络中学得很慢。</translation>
    </message>
    <message>
        <source>Squashes every value into the range -1 to 1 along an S-shaped curve centred on zero.</source>
        <translation>沿一条以零为中心的 S 形曲线把每个值压缩到 -1 到 1 之间。</translation>
    </message>
    <message>
        <source>Turns the final scores into probabilities that add up to 1, one per class. Usually the last layer of a classifier.</source>
        <translation>把最后的分数变成加起来等于 1 的概率，每个类别一个。通常是分类器的最后一层。</translation>
    </message>
    <message>
        <source>Adds its input to what the layers inside it compute: y = x + f(x). The layers inside must give back the input&apos;s shape. The skip lets the signal and the gradient pass straight through, so deep models train well.</source>
        <translation>把输入加到内部各层的计算结果上：y = x + f(x)。内部各层必须返回与输入相同的形状。这条跳跃连接让信号和梯度直接通过，使深层模型训练良好。</translation>
    </message>
    <message>
        <source>Normalises each channel (of an image) or feature (of a flat input) to mean 0 and variance 1 over the batch, then scales and shifts it by two learned numbers. Keeps every layer&apos;s input in a steady range, so deep models train faster and at higher learning rates. Testing uses running averages of the batch statistics. Usually between a Dense or Conv2D (without activation) and its ReLU.</source>
        <translation>把每个通道（图像）或特征（扁平输入）在批次上归一化为均值 0、方差 1，再用两个学到的数进行缩放和平移。使每一层的输入保持在稳定范围内，因此深层模型训练更快，并能使用更高的学习率。测试时使用批次统计量的运行平均。通常放在 Dense 或 Conv2D（不带激活函数）与其 ReLU 之间。</translation>
    </message>
    <message>
        <source>Units</source>
        <translation>单元数</translation>
    </message>
    <message>
        <source>Number of output units (neurons). More units can learn more, but add weights: inputs x units + units.</source>
        <translation>输出单元（神经元）的数量。单元越多能学到的越多，但会增加权重：输入数 x 单元数 + 单元数。</translation>
    </message>
    <message>
        <source>A non-linearity applied to this layer&apos;s output, the same as adding the activation layer right after it.</source>
        <translation>作用在此层输出上的非线性函数，相当于紧接着添加一个激活层。</translation>
    </message>
    <message>
        <source>None (linear)</source>
        <translation>无（线性）</translation>
    </message>
    <message>
        <source>ReLU</source>
        <translation>ReLU</translation>
    </message>
    <message>
        <source>LeakyReLU</source>
        <translation>LeakyReLU</translation>
    </message>
    <message>
        <source>Sigmoid</source>
        <translation>Sigmoid</translation>
    </message>
    <message>
        <source>Tanh</source>
        <translation>Tanh</translation>
    </message>
    <message>
        <source>Softmax</source>
        <translation>Softmax</translation>
    </message>
    <message>
        <source>Alpha</source>
        <translation>Alpha</translation>
    </message>
    <message>
        <source>Slope for negative inputs: out = alpha * x when x &lt; 0.</source>
        <translation>负输入的斜率：x &lt; 0 时 out = alpha * x。</translation>
    </message>
    <message>
        <source>Initialisation</source>
        <translation>初始化</translation>
    </message>
    <message>
        <source>How this layer&apos;s weights start (biases start at 0). He normal suits ReLU, Xavier/Glorot tanh and sigmoid, LeCun normal SELU; &quot;normal&quot; uses a fixed standard deviation. Zeros gives every unit the same weights, and they stay the same however long it trains: try it to see why the start must be random. &quot;default&quot; follows the model&apos;s choice in the Training tab.</source>
        <translation>此层权重的初始方式（偏置从 0 开始）。He normal 适合 ReLU，Xavier/Glorot 适合 tanh 和 sigmoid，LeCun normal 适合 SELU；&quot;normal&quot; 使用固定的标准差。Zeros 让每个单元的权重都相同，无论训练多久都保持相同：试试看，就会明白为什么初始值必须是随机的。&quot;default&quot; 沿用训练页中模型的选择。</translation>
    </message>
    <message>
        <source>As the model (Training tab)</source>
        <translation>与模型相同（训练页）</translation>
    </message>
    <message>
        <source>Auto (He or Xavier)</source>
        <translation>自动（He 或 Xavier）</translation>
    </message>
    <message>
        <source>He normal</source>
        <translation>He normal</translation>
    </message>
    <message>
        <source>Xavier/Glorot normal</source>
        <translation>Xavier/Glorot normal</translation>
    </message>
    <message>
        <source>Xavier/Glorot uniform</source>
        <translation>Xavier/Glorot uniform</translation>
    </message>
    <message>
        <source>LeCun normal</source>
        <translation>LeCun normal</translation>
    </message>
    <message>
        <source>Normal (fixed std)</source>
        <translation>Normal（固定标准差）</translation>
    </message>
    <message>
        <source>Zeros</source>
        <translation>Zeros（全零）</translation>
    </message>
    <message>
        <source>Init std</source>
        <translation>初始标准差</translation>
    </message>
    <message>
        <source>Standard deviation of the normal distribution the weights start from. Too small and the signal fades layer after layer; too large and it explodes or saturates.</source>
        <translation>权重初始值所服从的正态分布的标准差。太小，信号会一层层衰减；太大，信号会爆炸或饱和。</translation>
    </message>
    <message>
        <source>Trainable</source>
        <translation>可训练</translation>
    </message>
    <message>
        <source>Off: the layer is frozen. Its weights keep their values while the rest of the model trains, e.g. the convolution layers a model learned on one dataset under a new last layer for another (transfer learning). A frozen layer gets no weight update and no L2, the optimizer keeps no state for it, and training skips its weight gradients. A frozen block freezes every layer inside it. A frozen BatchNorm keeps its scale and shift; its running mean and variance still follow the training batches (as in PyTorch).</source>
        <translation>关闭：此层被冻结。模型其余部分训练时它的权重保持不变，例如在一个数据集上学到的卷积层，接上新的最后一层去学另一个数据集（迁移学习）。冻结的层不做权重更新、不加 L2，优化器不为它保留状态，训练时跳过它的权重梯度。冻结的模块会冻结其中的每一层。冻结的 BatchNorm 保持其缩放和平移；其运行均值和方差仍随训练批次更新（与 PyTorch 相同）。</translation>
    </message>
    <message>
        <source>Filters</source>
        <translation>滤波器数</translation>
    </message>
    <message>
        <source>Number of filters, i.e. output channels. Each filter learns one pattern.</source>
        <translation>滤波器的数量，即输出通道数。每个滤波器学习一种模式。</translation>
    </message>
    <message>
        <source>Kernel size</source>
        <translation>卷积核大小</translation>
    </message>
    <message>
        <source>Side of the square filter window, in pixels (3 means 3x3).</source>
        <translation>正方形滤波窗口的边长，以像素计（3 表示 3x3）。</translation>
    </message>
    <message>
        <source>Stride</source>
        <translation>步长</translation>
    </message>
    <message>
        <source>How many pixels the window moves at each step. 2 halves the output size.</source>
        <translation>窗口每一步移动多少像素。2 会使输出尺寸减半。</translation>
    </message>
    <message>
        <source>Padding</source>
        <translation>填充</translation>
    </message>
    <message>
        <source>Whether the image border is padded with zeros so the output keeps the input&apos;s height and width (with stride 1).</source>
        <translation>是否在图像边缘补零，使输出保持输入的高和宽（步长为 1 时）。</translation>
    </message>
    <message>
        <source>valid (no padding)</source>
        <translation>valid（不填充）</translation>
    </message>
    <message>
        <source>same (zero padding)</source>
        <translation>same（补零）</translation>
    </message>
    <message>
        <source>Pool size</source>
        <translation>池化窗口大小</translation>
    </message>
    <message>
        <source>Side of the square pooling window (2 means 2x2).</source>
        <translation>正方形池化窗口的边长（2 表示 2x2）。</translation>
    </message>
    <message>
        <source>How many pixels the window moves at each step. 2 halves the output size; 0 means the same as the pool size (windows side by side).</source>
        <translation>窗口每一步移动多少像素。2 会使输出尺寸减半；0 表示与池化窗口大小相同（窗口并排）。</translation>
    </message>
    <message>
        <source>same as pool size</source>
        <translation>与池化窗口相同</translation>
    </message>
    <message>
        <source>Dropout rate</source>
        <translation>丢弃率</translation>
    </message>
    <message>
        <source>Fraction of inputs switched off at random while training (0.5 = half).</source>
        <translation>训练时随机关闭的输入比例（0.5 = 一半）。</translation>
    </message>
    <message>
        <source>Momentum</source>
        <translation>动量</translation>
    </message>
    <message>
        <source>Share of the running mean and variance kept at each training step (0.9: each batch adds 10 %, as PyTorch and ONNX do by default). Testing and predictions use these running statistics instead of the batch&apos;s. Keras&apos; 0.99 averages over about 100 steps, and lags behind a model that is still changing fast.</source>
        <translation>每个训练步保留的运行均值和方差的比例（0.9：每个批次贡献 10 %，与 PyTorch 和 ONNX 的默认值相同）。测试和预测使用这些运行统计量而不是批次的统计量。Keras 的 0.99 相当于对约 100 步取平均，会落后于仍在快速变化的模型。</translation>
    </message>
    <message>
        <source>Epsilon</source>
        <translation>Epsilon</translation>
    </message>
    <message>
        <source>Added to the variance before its square root, so that a channel that hardly varies is not divided by almost zero.</source>
        <translation>在开平方之前加到方差上，使几乎不变化的通道不会被近乎零的数相除。</translation>
    </message>
    <message>
        <source>Data</source>
        <translation>数据</translation>
    </message>
    <message>
        <source>Loss and optimizer</source>
        <translation>损失函数与优化器</translation>
    </message>
    <message>
        <source>Learning-rate schedule</source>
        <translation>学习率调度</translation>
    </message>
    <message>
        <source>Run</source>
        <translation>运行</translation>
    </message>
    <message>
        <source>Early stopping</source>
        <translation>早停</translation>
    </message>
    <message>
        <source>Data augmentation</source>
        <translation>数据增强</translation>
    </message>
    <message>
        <source>Image import</source>
        <translation>图像导入</translation>
    </message>
    <message>
        <source>Loss</source>
        <translation>损失函数</translation>
    </message>
    <message>
        <source>What training minimises. Cross-entropy suits classification (pair it with a Softmax output); mean squared error on one-hot targets learns more slowly.</source>
        <translation>训练要最小化的量。交叉熵适合分类（搭配 Softmax 输出）；对 one-hot 目标使用均方误差学得更慢。</translation>
    </message>
    <message>
        <source>Cross-entropy</source>
        <translation>交叉熵</translation>
    </message>
    <message>
        <source>Mean squared error</source>
        <translation>均方误差</translation>
    </message>
    <message>
        <source>Optimizer</source>
        <translation>优化器</translation>
    </message>
    <message>
        <source>How each gradient becomes a weight update. Adam adapts the step per weight and works with little tuning; SGD with momentum needs a larger learning rate.</source>
        <translation>每个梯度如何变成权重更新。Adam 为每个权重自适应步长，几乎不需要调参；带动量的 SGD 需要更大的学习率。</translation>
    </message>
    <message>
        <source>Adam</source>
        <translation>Adam</translation>
    </message>
    <message>
        <source>SGD</source>
        <translation>SGD</translation>
    </message>
    <message>
        <source>RMSprop</source>
        <translation>RMSprop</translation>
    </message>
    <message>
        <source>Adagrad</source>
        <translation>Adagrad</translation>
    </message>
    <message>
        <source>Learning rate</source>
        <translation>学习率</translation>
    </message>
    <message>
        <source>Size of each update step. Too large and the loss jumps or diverges; too small and it falls slowly. Adam: about 0.001; SGD: about 0.01-0.1.</source>
        <translation>每次更新步的大小。太大，损失会跳动或发散；太小，损失下降很慢。Adam：约 0.001；SGD：约 0.01-0.1。</translation>
    </message>
    <message>
        <source>SGD: share of the previous update carried into the next. Smooths noisy gradients and speeds up progress along consistent directions.</source>
        <translation>SGD：把上一次更新的一部分带入下一次。平滑带噪声的梯度，并加快沿一致方向的前进。</translation>
    </message>
    <message>
        <source>Nesterov</source>
        <translation>Nesterov</translation>
    </message>
    <message>
        <source>SGD: take the gradient after the momentum step (looks ahead); often a little faster and steadier.</source>
        <translation>SGD：在动量步之后再取梯度（向前看一步）；通常更快也更稳一些。</translation>
    </message>
    <message>
        <source>β₁</source>
        <translation>β₁</translation>
    </message>
    <message>
        <source>Adam: decay of the running mean of gradients (momentum). Higher = smoother, slower to react.</source>
        <translation>Adam：梯度运行均值（动量）的衰减率。越高越平滑，反应越慢。</translation>
    </message>
    <message>
        <source>β₂</source>
        <translation>β₂</translation>
    </message>
    <message>
        <source>Adam: decay of the running mean of squared gradients, which scales each weight&apos;s step.</source>
        <translation>Adam：梯度平方运行均值的衰减率，用来缩放每个权重的步长。</translation>
    </message>
    <message>
        <source>ρ (decay)</source>
        <translation>ρ（衰减）</translation>
    </message>
    <message>
        <source>RMSprop: decay of the running mean of squared gradients. Higher = longer memory.</source>
        <translation>RMSprop：梯度平方运行均值的衰减率。越高记忆越长。</translation>
    </message>
    <message>
        <source>ε</source>
        <translation>ε</translation>
    </message>
    <message>
        <source>Small number added to the denominator so steps stay finite when gradients are tiny. Rarely needs changing.</source>
        <translation>加到分母上的小数，使梯度很小时步长仍然有限。很少需要修改。</translation>
    </message>
    <message>
        <source>L2 (λ)</source>
        <translation>L2 (λ)</translation>
    </message>
    <message>
        <source>L2 weight decay λ: adds λ/2·Σw² to the loss, pulling weights towards 0. Fights overfitting; too large and the model underfits. Try 0.0001.</source>
        <translation>L2 权重衰减 λ：在损失中加上 λ/2·Σw²，把权重拉向 0。对抗过拟合；太大则模型欠拟合。可以试试 0.0001。</translation>
    </message>
    <message>
        <source>Batch size</source>
        <translation>批大小</translation>
    </message>
    <message>
        <source>Images per update step. Larger batches give smoother gradients and more samples/s but fewer steps per epoch; small ones are noisier.</source>
        <translation>每个更新步使用的图像数。批次越大，梯度越平滑、每秒样本数越多，但每轮的步数越少；小批次噪声更大。</translation>
    </message>
    <message>
        <source>Epochs</source>
        <translation>轮数</translation>
    </message>
    <message>
        <source>How many passes over the training images. More epochs learn more, until the validation curve stops improving (overfitting).</source>
        <translation>遍历训练图像的次数。轮数越多学得越多，直到验证曲线不再改善（过拟合）。</translation>
    </message>
    <message>
        <source>Validation split</source>
        <translation>验证集比例</translation>
    </message>
    <message>
        <source>Share of the training images held out to measure validation loss and accuracy after each epoch. They are not trained on; early stopping watches them.</source>
        <translation>留出的训练图像比例，用于每轮之后测量验证损失和准确率。不在它们上面训练；早停监视的就是它们。</translation>
    </message>
    <message>
        <source>Training images</source>
        <translation>训练图像数</translation>
    </message>
    <message>
        <source>Train on only this many images (after the validation split), picked at random by the seed. A small set is learned by heart: the way to watch overfitting happen, and Dropout, L2, augmentation and early stopping cure it.</source>
        <translation>只用这么多张图像训练（在划分验证集之后），由随机种子随机挑选。小数据集会被死记硬背：这正是观察过拟合如何发生、以及 Dropout、L2、数据增强和早停如何治疗它的方式。</translation>
    </message>
    <message>
        <source>all</source>
        <translation>全部</translation>
    </message>
    <message>
        <source>Seed</source>
        <translation>随机种子</translation>
    </message>
    <message>
        <source>Seeds the weight initialisation, shuffling and dropout. The same seed and settings give the same run.</source>
        <translation>决定权重初始化、打乱顺序和 Dropout 的随机数。相同的种子和设置得到相同的运行。</translation>
    </message>
    <message>
        <source>How the weights of every Dense and Conv2D layer start, unless the layer sets its own (Layer tab). Auto: He normal before ReLU-family activations, Xavier/Glorot normal otherwise. Zeros never breaks the symmetry between units: they all stay the same.</source>
        <translation>每个 Dense 和 Conv2D 层权重的初始方式，除非该层自己设置（层页）。Auto：ReLU 类激活函数之前用 He normal，其他用 Xavier/Glorot normal。Zeros 永远无法打破单元之间的对称：它们始终保持相同。</translation>
    </message>
    <message>
        <source>Standard deviation of the normal distribution the weights start from (initialisation &quot;normal&quot;).</source>
        <translation>权重初始值所服从的正态分布的标准差（初始化为 &quot;normal&quot; 时）。</translation>
    </message>
    <message>
        <source>Threads</source>
        <translation>线程数</translation>
    </message>
    <message>
        <source>CPU threads used for training (0 = all cores). More threads = faster, until there are no more cores.</source>
        <translation>训练使用的 CPU 线程数（0 = 所有核心）。线程越多越快，直到没有更多核心为止。</translation>
    </message>
    <message>
        <source>all cores</source>
        <translation>所有核心</translation>
    </message>
    <message>
        <source>Dataset</source>
        <translation>数据集</translation>
    </message>
    <message>
        <source>The images the model learns from. The bundled subset is small: fast, but it reaches lower test accuracy than full MNIST.</source>
        <translation>模型学习用的图像。内置子集很小：快，但测试准确率低于完整的 MNIST。</translation>
    </message>
    <message>
        <source>MNIST (digits)</source>
        <translation>MNIST（手写数字）</translation>
    </message>
    <message>
        <source>Fashion-MNIST (clothes)</source>
        <translation>Fashion-MNIST（服装）</translation>
    </message>
    <message>
        <source>MNIST subset (bundled, 2,000 images)</source>
        <translation>MNIST 子集（内置，2,000 张图像）</translation>
    </message>
    <message>
        <source>Image folder (your own images)</source>
        <translation>图像文件夹（你自己的图像）</translation>
    </message>
    <message>
        <source>Image folder</source>
        <translation>图像文件夹</translation>
    </message>
    <message>
        <source>The folder of your images: one subfolder per class (shapes/circle/*.png, shapes/square/*.jpg, ...), optionally under train/ and test/ folders. A relative path is relative to the model file&apos;s folder.</source>
        <translation>存放你的图像的文件夹：每个类别一个子文件夹（shapes/circle/*.png、shapes/square/*.jpg 等），可以放在 train/ 和 test/ 文件夹下。相对路径相对于模型文件所在的文件夹。</translation>
    </message>
    <message>
        <source>Width</source>
        <translation>宽度</translation>
    </message>
    <message>
        <source>Every image is scaled to this many pixels across, the model&apos;s input width.</source>
        <translation>每张图像缩放到这么多像素宽，即模型的输入宽度。</translation>
    </message>
    <message>
        <source>Height</source>
        <translation>高度</translation>
    </message>
    <message>
        <source>Every image is scaled to this many pixels down, the model&apos;s input height.</source>
        <translation>每张图像缩放到这么多像素高，即模型的输入高度。</translation>
    </message>
    <message>
        <source>Colour</source>
        <translation>颜色</translation>
    </message>
    <message>
        <source>Grey: one input channel (colour images are turned into their brightness). RGB: three channels, red, green and blue; the model&apos;s input takes 3 channels.</source>
        <translation>灰度：一个输入通道（彩色图像转换为亮度）。RGB：红、绿、蓝三个通道；模型的输入取 3 个通道。</translation>
    </message>
    <message>
        <source>Grey (1 channel)</source>
        <translation>灰度（1 个通道）</translation>
    </message>
    <message>
        <source>RGB (3 channels)</source>
        <translation>RGB（3 个通道）</translation>
    </message>
    <message>
        <source>Fit</source>
        <translation>适配</translation>
    </message>
    <message>
        <source>Keep the aspect ratio: the image is scaled to fit and the rest is filled with the colour of its border, so shapes keep their proportions. Stretch: scaled to fill the whole frame, a wide image becomes narrower.</source>
        <translation>保持宽高比：缩放图像使其放得下，其余部分用边框颜色填充，使形状保持比例。拉伸：缩放到填满整个画框，宽图像会变窄。</translation>
    </message>
    <message>
        <source>Keep aspect ratio (pad)</source>
        <translation>保持宽高比（填充）</translation>
    </message>
    <message>
        <source>Stretch</source>
        <translation>拉伸</translation>
    </message>
    <message>
        <source>Invert (dark ink on light paper becomes light on dark, as MNIST)</source>
        <translation>反色（白纸黑字变成黑底白字，与 MNIST 相同）</translation>
    </message>
    <message>
        <source>Turn every pixel value v into 255 - v. MNIST digits are light ink on black; drawings and scans are usually dark on white.</source>
        <translation>把每个像素值 v 变成 255 - v。MNIST 的数字是黑底上的浅色墨迹；绘画和扫描件通常是白底黑字。</translation>
    </message>
    <message>
        <source>Test split</source>
        <translation>测试集比例</translation>
    </message>
    <message>
        <source>Without a test/ folder, this share of each class&apos;s images is held out as the test set (never trained on), drawn by the split seed.</source>
        <translation>没有 test/ 文件夹时，每个类别的图像中按此比例留出作为测试集（永不用于训练），由划分种子抽取。</translation>
    </message>
    <message>
        <source>Split seed</source>
        <translation>划分种子</translation>
    </message>
    <message>
        <source>Draws which images form the test split. Keep it to compare runs on the same test set.</source>
        <translation>决定哪些图像构成测试集。保持不变即可在同一测试集上比较运行。</translation>
    </message>
    <message>
        <source>Shift (pixels)</source>
        <translation>平移（像素）</translation>
    </message>
    <message>
        <source>Move each training image by a random whole number of pixels, up to this far horizontally and vertically. Teaches the model that position does not matter.</source>
        <translation>把每张训练图像随机移动整数个像素，水平和垂直方向最多移动这么远。让模型学到位置并不重要。</translation>
    </message>
    <message>
        <source>Rotation (degrees)</source>
        <translation>旋转（度）</translation>
    </message>
    <message>
        <source>Turn each training image by a random angle up to this many degrees either way.</source>
        <translation>把每张训练图像随机旋转，向任一方向最多这么多度。</translation>
    </message>
    <message>
        <source>Zoom</source>
        <translation>缩放</translation>
    </message>
    <message>
        <source>Scale each training image by a random factor between 1 - zoom and 1 + zoom (0.1: from 90% to 110%).</source>
        <translation>把每张训练图像按 1 - zoom 到 1 + zoom 之间的随机因子缩放（0.1：从 90% 到 110%）。</translation>
    </message>
    <message>
        <source>Noise</source>
        <translation>噪声</translation>
    </message>
    <message>
        <source>Add random Gaussian noise with this standard deviation to every pixel (1 = the whole range from black to white).</source>
        <translation>给每个像素加上具有此标准差的随机高斯噪声（1 = 从黑到白的整个范围）。</translation>
    </message>
    <message>
        <source>Elastic (pixels)</source>
        <translation>弹性形变（像素）</translation>
    </message>
    <message>
        <source>Bend each training image as a hand would: every pixel moves by a random displacement, smoothed over about 4 pixels so that strokes stay connected, of this strength (Simard et al. 2003; 8 to 34 on 28x28 digits). 0 = off.</source>
        <translation>像手写那样弯曲每张训练图像：每个像素按此强度随机位移，并在约 4 个像素范围内平滑，使笔画保持连贯（Simard 等，2003；28x28 数字上为 8 到 34）。0 = 关闭。</translation>
    </message>
    <message>
        <source>Stop when the validation metric has not improved for `patience` epochs, so the model does not keep fitting noise. Needs a validation split.</source>
        <translation>当验证指标连续 `patience` 轮没有改善时停止，使模型不再继续拟合噪声。需要验证集。</translation>
    </message>
    <message>
        <source>Monitor</source>
        <translation>监控指标</translation>
    </message>
    <message>
        <source>The number watched after each epoch: lower validation loss or higher validation accuracy counts as an improvement.</source>
        <translation>每轮之后观察的数值：验证损失降低或验证准确率提高都算作改善。</translation>
    </message>
    <message>
        <source>validation loss</source>
        <translation>验证损失</translation>
    </message>
    <message>
        <source>validation accuracy</source>
        <translation>验证准确率</translation>
    </message>
    <message>
        <source>Patience</source>
        <translation>耐心轮数</translation>
    </message>
    <message>
        <source>Epochs without improvement before training stops.</source>
        <translation>训练停止前允许没有改善的轮数。</translation>
    </message>
    <message>
        <source>Restore best weights</source>
        <translation>恢复最佳权重</translation>
    </message>
    <message>
        <source>When stopping, go back to the weights of the best epoch instead of keeping the last ones.</source>
        <translation>停止时回到最佳轮次的权重，而不是保留最后的权重。</translation>
    </message>
    <message>
        <source>Schedule</source>
        <translation>学习率调度</translation>
    </message>
    <message>
        <source>How the learning rate changes during the run. A large rate learns fast at first; a smaller one later lets the weights settle instead of bouncing around the minimum.
constant: never changes. step decay: × factor every few epochs. cosine decay: glides down to the minimum over all epochs. reduce on plateau: × factor when the monitored metric stops improving.</source>
        <translation>学习率在运行中如何变化。大的学习率一开始学得快；之后较小的学习率让权重稳定下来，而不是在最小值附近来回跳动。
constant：始终不变。step decay：每隔几轮乘以系数。cosine decay：在所有轮次中平滑下降到最小值。reduce on plateau：当监控指标不再改善时乘以系数。</translation>
    </message>
    <message>
        <source>constant</source>
        <translation>constant（恒定）</translation>
    </message>
    <message>
        <source>step decay</source>
        <translation>step decay（阶梯衰减）</translation>
    </message>
    <message>
        <source>cosine decay</source>
        <translation>cosine decay（余弦衰减）</translation>
    </message>
    <message>
        <source>reduce on plateau</source>
        <translation>reduce on plateau（停滞时降低）</translation>
    </message>
    <message>
        <source>Factor</source>
        <translation>系数</translation>
    </message>
    <message>
        <source>Multiply the learning rate by this at each reduction (0.2 = a fifth).</source>
        <translation>每次降低时把学习率乘以此数（0.2 = 五分之一）。</translation>
    </message>
    <message>
        <source>Every (epochs)</source>
        <translation>间隔（轮）</translation>
    </message>
    <message>
        <source>Epochs between two reductions.</source>
        <translation>两次降低之间的轮数。</translation>
    </message>
    <message>
        <source>Epochs without improvement before the learning rate is lowered.</source>
        <translation>学习率降低前允许没有改善的轮数。</translation>
    </message>
    <message>
        <source>The metric whose stalling lowers the learning rate.</source>
        <translation>其停滞会导致学习率降低的指标。</translation>
    </message>
    <message>
        <source>Minimum rate</source>
        <translation>最小学习率</translation>
    </message>
    <message>
        <source>The learning rate never goes below this (it must be below the learning rate).</source>
        <translation>学习率永远不会低于此值（它必须小于学习率）。</translation>
    </message>
    <message>
        <source>MNIST</source>
        <translation>MNIST</translation>
    </message>
    <message>
        <source>Fashion-MNIST</source>
        <translation>Fashion-MNIST</translation>
    </message>
    <message>
        <source>MNIST subset (bundled)</source>
        <translation>MNIST 子集（内置）</translation>
    </message>
    <message>
        <source>T-shirt/top</source>
        <translation>T恤/上衣</translation>
    </message>
    <message>
        <source>Trouser</source>
        <translation>裤子</translation>
    </message>
    <message>
        <source>Pullover</source>
        <translation>套头衫</translation>
    </message>
    <message>
        <source>Dress</source>
        <translation>连衣裙</translation>
    </message>
    <message>
        <source>Coat</source>
        <translation>外套</translation>
    </message>
    <message>
        <source>Sandal</source>
        <translation>凉鞋</translation>
    </message>
    <message>
        <source>Shirt</source>
        <translation>衬衫</translation>
    </message>
    <message>
        <source>Sneaker</source>
        <translation>运动鞋</translation>
    </message>
    <message>
        <source>Bag</source>
        <translation>包</translation>
    </message>
    <message>
        <source>Ankle boot</source>
        <translation>短靴</translation>
    </message>
</context>
</TS>
