// Written by scripts/update-translations.sh (tst_translations) from core's descriptor tables:
// the texts the studio shows through QCoreApplication::translate("layerlab", ...). Not compiled;
// read by lupdate. Do not edit by hand.
#define QT_TRANSLATE_NOOP(c, s) s
static const char* const kCoreStrings[] = {
    QT_TRANSLATE_NOOP("layerlab", "Core"),
    QT_TRANSLATE_NOOP("layerlab", "Convolution"),
    QT_TRANSLATE_NOOP("layerlab", "Pooling"),
    QT_TRANSLATE_NOOP("layerlab", "Activation"),
    QT_TRANSLATE_NOOP("layerlab", "Normalization"),
    QT_TRANSLATE_NOOP("layerlab", "Regularization"),
    QT_TRANSLATE_NOOP("layerlab", "Blocks"),
    QT_TRANSLATE_NOOP("layerlab",
                      "Connects every input number to every output unit with its own weight, then adds a "
                      "bias. Needs a flat input, so put Flatten after image layers."),
    QT_TRANSLATE_NOOP("layerlab",
                      "Slides small learned filters over the image; each filter lights up where it finds its "
                      "pattern, such as an edge or a curve. Output: one feature map per filter."),
    QT_TRANSLATE_NOOP("layerlab",
                      "Shrinks each feature map by keeping only the largest value in every small window, so "
                      "the exact position of a feature matters less."),
    QT_TRANSLATE_NOOP("layerlab",
                      "Shrinks each feature map by replacing every small window with its average value."),
    QT_TRANSLATE_NOOP("layerlab",
                      "Unrolls an image-shaped input (channels x height x width) into one long list of "
                      "numbers so Dense layers can read it. It has no weights."),
    QT_TRANSLATE_NOOP("layerlab",
                      "While training, randomly switches off a fraction (the rate) of its inputs so the "
                      "network cannot rely on any single unit. Does nothing when testing."),
    QT_TRANSLATE_NOOP("layerlab",
                      "Keeps positive values and turns negative ones into zero. The usual non-linearity "
                      "between layers: without one, stacked layers act like a single layer."),
    QT_TRANSLATE_NOOP("layerlab",
                      "Like ReLU, but negative values are scaled by a small slope (alpha) instead of zeroed, "
                      "so units never go completely silent."),
    QT_TRANSLATE_NOOP("layerlab",
                      "Squashes every value into the range 0 to 1 along an S-shaped curve. Learns slowly in "
                      "deep stacks because the curve is flat at both ends."),
    QT_TRANSLATE_NOOP("layerlab",
                      "Squashes every value into the range -1 to 1 along an S-shaped curve centred on zero."),
    QT_TRANSLATE_NOOP("layerlab",
                      "Turns the final scores into probabilities that add up to 1, one per class. Usually "
                      "the last layer of a classifier."),
    QT_TRANSLATE_NOOP("layerlab",
                      "Adds its input to what the layers inside it compute: y = x + f(x). The layers inside "
                      "must give back the input's shape. The skip lets the signal and the gradient pass "
                      "straight through, so deep models train well."),
    QT_TRANSLATE_NOOP(
        "layerlab",
        "Normalises each channel (of an image) or feature (of a flat input) to mean 0 and variance 1 over "
        "the batch, then scales and shifts it by two learned numbers. Keeps every layer's input in a steady "
        "range, so deep models train faster and at higher learning rates. Testing uses running averages of "
        "the batch statistics. Usually between a Dense or Conv2D (without activation) and its ReLU."),
    QT_TRANSLATE_NOOP("layerlab", "Units"),
    QT_TRANSLATE_NOOP("layerlab",
                      "Number of output units (neurons). More units can learn more, but add weights: inputs "
                      "x units + units."),
    QT_TRANSLATE_NOOP("layerlab",
                      "A non-linearity applied to this layer's output, the same as adding the activation "
                      "layer right after it."),
    QT_TRANSLATE_NOOP("layerlab", "None (linear)"),
    QT_TRANSLATE_NOOP("layerlab", "ReLU"),
    QT_TRANSLATE_NOOP("layerlab", "LeakyReLU"),
    QT_TRANSLATE_NOOP("layerlab", "Sigmoid"),
    QT_TRANSLATE_NOOP("layerlab", "Tanh"),
    QT_TRANSLATE_NOOP("layerlab", "Softmax"),
    QT_TRANSLATE_NOOP("layerlab", "Alpha"),
    QT_TRANSLATE_NOOP("layerlab", "Slope for negative inputs: out = alpha * x when x < 0."),
    QT_TRANSLATE_NOOP("layerlab", "Initialisation"),
    QT_TRANSLATE_NOOP(
        "layerlab",
        "How this layer's weights start (biases start at 0). He normal suits ReLU, Xavier/Glorot tanh and "
        "sigmoid, LeCun normal SELU; \"normal\" uses a fixed standard deviation. Zeros gives every unit the "
        "same weights, and they stay the same however long it trains: try it to see why the start must be "
        "random. \"default\" follows the model's choice in the Training tab."),
    QT_TRANSLATE_NOOP("layerlab", "As the model (Training tab)"),
    QT_TRANSLATE_NOOP("layerlab", "Auto (He or Xavier)"),
    QT_TRANSLATE_NOOP("layerlab", "He normal"),
    QT_TRANSLATE_NOOP("layerlab", "Xavier/Glorot normal"),
    QT_TRANSLATE_NOOP("layerlab", "Xavier/Glorot uniform"),
    QT_TRANSLATE_NOOP("layerlab", "LeCun normal"),
    QT_TRANSLATE_NOOP("layerlab", "Normal (fixed std)"),
    QT_TRANSLATE_NOOP("layerlab", "Zeros"),
    QT_TRANSLATE_NOOP("layerlab", "Init std"),
    QT_TRANSLATE_NOOP("layerlab",
                      "Standard deviation of the normal distribution the weights start from. Too small and "
                      "the signal fades layer after layer; too large and it explodes or saturates."),
    QT_TRANSLATE_NOOP("layerlab", "Trainable"),
    QT_TRANSLATE_NOOP(
        "layerlab",
        "Off: the layer is frozen. Its weights keep their values while the rest of the model trains, e.g. "
        "the convolution layers a model learned on one dataset under a new last layer for another (transfer "
        "learning). A frozen layer gets no weight update and no L2, the optimizer keeps no state for it, and "
        "training skips its weight gradients. A frozen block freezes every layer inside it. A frozen "
        "BatchNorm keeps its scale and shift; its running mean and variance still follow the training "
        "batches (as in PyTorch)."),
    QT_TRANSLATE_NOOP("layerlab", "Filters"),
    QT_TRANSLATE_NOOP("layerlab", "Number of filters, i.e. output channels. Each filter learns one pattern."),
    QT_TRANSLATE_NOOP("layerlab", "Kernel size"),
    QT_TRANSLATE_NOOP("layerlab", "Side of the square filter window, in pixels (3 means 3x3)."),
    QT_TRANSLATE_NOOP("layerlab", "Stride"),
    QT_TRANSLATE_NOOP("layerlab", "How many pixels the window moves at each step. 2 halves the output size."),
    QT_TRANSLATE_NOOP("layerlab", "Padding"),
    QT_TRANSLATE_NOOP("layerlab",
                      "Whether the image border is padded with zeros so the output keeps the input's height "
                      "and width (with stride 1)."),
    QT_TRANSLATE_NOOP("layerlab", "valid (no padding)"),
    QT_TRANSLATE_NOOP("layerlab", "same (zero padding)"),
    QT_TRANSLATE_NOOP("layerlab", "Pool size"),
    QT_TRANSLATE_NOOP("layerlab", "Side of the square pooling window (2 means 2x2)."),
    QT_TRANSLATE_NOOP("layerlab",
                      "How many pixels the window moves at each step. 2 halves the output size; 0 means the "
                      "same as the pool size (windows side by side)."),
    QT_TRANSLATE_NOOP("layerlab", "same as pool size"),
    QT_TRANSLATE_NOOP("layerlab", "Dropout rate"),
    QT_TRANSLATE_NOOP("layerlab", "Fraction of inputs switched off at random while training (0.5 = half)."),
    QT_TRANSLATE_NOOP("layerlab", "Momentum"),
    QT_TRANSLATE_NOOP("layerlab",
                      "Share of the running mean and variance kept at each training step (0.9: each batch "
                      "adds 10 %, as PyTorch and ONNX do by default). Testing and predictions use these "
                      "running statistics instead of the batch's. Keras' 0.99 averages over about 100 steps, "
                      "and lags behind a model that is still changing fast."),
    QT_TRANSLATE_NOOP("layerlab", "Epsilon"),
    QT_TRANSLATE_NOOP("layerlab",
                      "Added to the variance before its square root, so that a channel that hardly varies is "
                      "not divided by almost zero."),
    QT_TRANSLATE_NOOP("layerlab", "Data"),
    QT_TRANSLATE_NOOP("layerlab", "Loss and optimizer"),
    QT_TRANSLATE_NOOP("layerlab", "Learning-rate schedule"),
    QT_TRANSLATE_NOOP("layerlab", "Run"),
    QT_TRANSLATE_NOOP("layerlab", "Early stopping"),
    QT_TRANSLATE_NOOP("layerlab", "Data augmentation"),
    QT_TRANSLATE_NOOP("layerlab", "Image import"),
    QT_TRANSLATE_NOOP("layerlab", "Loss"),
    QT_TRANSLATE_NOOP("layerlab",
                      "What training minimises. Cross-entropy suits classification (pair it with a Softmax "
                      "output); mean squared error on one-hot targets learns more slowly."),
    QT_TRANSLATE_NOOP("layerlab", "Cross-entropy"),
    QT_TRANSLATE_NOOP("layerlab", "Mean squared error"),
    QT_TRANSLATE_NOOP("layerlab", "Optimizer"),
    QT_TRANSLATE_NOOP("layerlab",
                      "How each gradient becomes a weight update. Adam adapts the step per weight and works "
                      "with little tuning; SGD with momentum needs a larger learning rate."),
    QT_TRANSLATE_NOOP("layerlab", "Adam"),
    QT_TRANSLATE_NOOP("layerlab", "SGD"),
    QT_TRANSLATE_NOOP("layerlab", "RMSprop"),
    QT_TRANSLATE_NOOP("layerlab", "Adagrad"),
    QT_TRANSLATE_NOOP("layerlab", "Learning rate"),
    QT_TRANSLATE_NOOP("layerlab",
                      "Size of each update step. Too large and the loss jumps or diverges; too small and it "
                      "falls slowly. Adam: about 0.001; SGD: about 0.01-0.1."),
    QT_TRANSLATE_NOOP("layerlab",
                      "SGD: share of the previous update carried into the next. Smooths noisy gradients and "
                      "speeds up progress along consistent directions."),
    QT_TRANSLATE_NOOP("layerlab", "Nesterov"),
    QT_TRANSLATE_NOOP(
        "layerlab",
        "SGD: take the gradient after the momentum step (looks ahead); often a little faster and steadier."),
    QT_TRANSLATE_NOOP("layerlab", "β₁"),
    QT_TRANSLATE_NOOP(
        "layerlab",
        "Adam: decay of the running mean of gradients (momentum). Higher = smoother, slower to react."),
    QT_TRANSLATE_NOOP("layerlab", "β₂"),
    QT_TRANSLATE_NOOP(
        "layerlab", "Adam: decay of the running mean of squared gradients, which scales each weight's step."),
    QT_TRANSLATE_NOOP("layerlab", "ρ (decay)"),
    QT_TRANSLATE_NOOP("layerlab",
                      "RMSprop: decay of the running mean of squared gradients. Higher = longer memory."),
    QT_TRANSLATE_NOOP("layerlab", "ε"),
    QT_TRANSLATE_NOOP("layerlab",
                      "Small number added to the denominator so steps stay finite when gradients are tiny. "
                      "Rarely needs changing."),
    QT_TRANSLATE_NOOP("layerlab", "L2 (λ)"),
    QT_TRANSLATE_NOOP("layerlab",
                      "L2 weight decay λ: adds λ/2·Σw² to the loss, pulling weights towards 0. Fights "
                      "overfitting; too large and the model underfits. Try 0.0001."),
    QT_TRANSLATE_NOOP("layerlab", "Batch size"),
    QT_TRANSLATE_NOOP("layerlab",
                      "Images per update step. Larger batches give smoother gradients and more samples/s but "
                      "fewer steps per epoch; small ones are noisier."),
    QT_TRANSLATE_NOOP("layerlab", "Epochs"),
    QT_TRANSLATE_NOOP("layerlab",
                      "How many passes over the training images. More epochs learn more, until the "
                      "validation curve stops improving (overfitting)."),
    QT_TRANSLATE_NOOP("layerlab", "Validation split"),
    QT_TRANSLATE_NOOP("layerlab",
                      "Share of the training images held out to measure validation loss and accuracy after "
                      "each epoch. They are not trained on; early stopping watches them."),
    QT_TRANSLATE_NOOP("layerlab", "Training images"),
    QT_TRANSLATE_NOOP("layerlab",
                      "Train on only this many images (after the validation split), picked at random by the "
                      "seed. A small set is learned by heart: the way to watch overfitting happen, and "
                      "Dropout, L2, augmentation and early stopping cure it."),
    QT_TRANSLATE_NOOP("layerlab", "all"),
    QT_TRANSLATE_NOOP("layerlab", "Seed"),
    QT_TRANSLATE_NOOP("layerlab",
                      "Seeds the weight initialisation, shuffling and dropout. The same seed and settings "
                      "give the same run."),
    QT_TRANSLATE_NOOP("layerlab",
                      "How the weights of every Dense and Conv2D layer start, unless the layer sets its own "
                      "(Layer tab). Auto: He normal before ReLU-family activations, Xavier/Glorot normal "
                      "otherwise. Zeros never breaks the symmetry between units: they all stay the same."),
    QT_TRANSLATE_NOOP(
        "layerlab",
        "Standard deviation of the normal distribution the weights start from (initialisation \"normal\")."),
    QT_TRANSLATE_NOOP("layerlab", "Threads"),
    QT_TRANSLATE_NOOP("layerlab",
                      "CPU threads used for training (0 = all cores). More threads = faster, until there are "
                      "no more cores."),
    QT_TRANSLATE_NOOP("layerlab", "all cores"),
    QT_TRANSLATE_NOOP("layerlab", "Dataset"),
    QT_TRANSLATE_NOOP("layerlab",
                      "The images the model learns from. The bundled subset is small: fast, but it reaches "
                      "lower test accuracy than full MNIST."),
    QT_TRANSLATE_NOOP("layerlab", "MNIST (digits)"),
    QT_TRANSLATE_NOOP("layerlab", "Fashion-MNIST (clothes)"),
    QT_TRANSLATE_NOOP("layerlab", "MNIST subset (bundled, 2,000 images)"),
    QT_TRANSLATE_NOOP("layerlab", "Image folder (your own images)"),
    QT_TRANSLATE_NOOP("layerlab", "Image folder"),
    QT_TRANSLATE_NOOP(
        "layerlab",
        "The folder of your images: one subfolder per class (shapes/circle/*.png, shapes/square/*.jpg, ...), "
        "optionally under train/ and test/ folders. A relative path is relative to the model file's folder."),
    QT_TRANSLATE_NOOP("layerlab", "Width"),
    QT_TRANSLATE_NOOP("layerlab",
                      "Every image is scaled to this many pixels across, the model's input width."),
    QT_TRANSLATE_NOOP("layerlab", "Height"),
    QT_TRANSLATE_NOOP("layerlab",
                      "Every image is scaled to this many pixels down, the model's input height."),
    QT_TRANSLATE_NOOP("layerlab", "Colour"),
    QT_TRANSLATE_NOOP("layerlab",
                      "Grey: one input channel (colour images are turned into their brightness). RGB: three "
                      "channels, red, green and blue; the model's input takes 3 channels."),
    QT_TRANSLATE_NOOP("layerlab", "Grey (1 channel)"),
    QT_TRANSLATE_NOOP("layerlab", "RGB (3 channels)"),
    QT_TRANSLATE_NOOP("layerlab", "Fit"),
    QT_TRANSLATE_NOOP("layerlab",
                      "Keep the aspect ratio: the image is scaled to fit and the rest is filled with the "
                      "colour of its border, so shapes keep their proportions. Stretch: scaled to fill the "
                      "whole frame, a wide image becomes narrower."),
    QT_TRANSLATE_NOOP("layerlab", "Keep aspect ratio (pad)"),
    QT_TRANSLATE_NOOP("layerlab", "Stretch"),
    QT_TRANSLATE_NOOP("layerlab", "Invert (dark ink on light paper becomes light on dark, as MNIST)"),
    QT_TRANSLATE_NOOP("layerlab",
                      "Turn every pixel value v into 255 - v. MNIST digits are light ink on black; drawings "
                      "and scans are usually dark on white."),
    QT_TRANSLATE_NOOP("layerlab", "Test split"),
    QT_TRANSLATE_NOOP("layerlab",
                      "Without a test/ folder, this share of each class's images is held out as the test set "
                      "(never trained on), drawn by the split seed."),
    QT_TRANSLATE_NOOP("layerlab", "Split seed"),
    QT_TRANSLATE_NOOP(
        "layerlab", "Draws which images form the test split. Keep it to compare runs on the same test set."),
    QT_TRANSLATE_NOOP("layerlab", "Shift (pixels)"),
    QT_TRANSLATE_NOOP("layerlab",
                      "Move each training image by a random whole number of pixels, up to this far "
                      "horizontally and vertically. Teaches the model that position does not matter."),
    QT_TRANSLATE_NOOP("layerlab", "Rotation (degrees)"),
    QT_TRANSLATE_NOOP("layerlab",
                      "Turn each training image by a random angle up to this many degrees either way."),
    QT_TRANSLATE_NOOP("layerlab", "Zoom"),
    QT_TRANSLATE_NOOP("layerlab",
                      "Scale each training image by a random factor between 1 - zoom and 1 + zoom (0.1: from "
                      "90% to 110%)."),
    QT_TRANSLATE_NOOP("layerlab", "Noise"),
    QT_TRANSLATE_NOOP("layerlab",
                      "Add random Gaussian noise with this standard deviation to every pixel (1 = the whole "
                      "range from black to white)."),
    QT_TRANSLATE_NOOP("layerlab", "Elastic (pixels)"),
    QT_TRANSLATE_NOOP("layerlab",
                      "Bend each training image as a hand would: every pixel moves by a random displacement, "
                      "smoothed over about 4 pixels so that strokes stay connected, of this strength (Simard "
                      "et al. 2003; 8 to 34 on 28x28 digits). 0 = off."),
    QT_TRANSLATE_NOOP("layerlab",
                      "Stop when the validation metric has not improved for `patience` epochs, so the model "
                      "does not keep fitting noise. Needs a validation split."),
    QT_TRANSLATE_NOOP("layerlab", "Monitor"),
    QT_TRANSLATE_NOOP("layerlab",
                      "The number watched after each epoch: lower validation loss or higher validation "
                      "accuracy counts as an improvement."),
    QT_TRANSLATE_NOOP("layerlab", "validation loss"),
    QT_TRANSLATE_NOOP("layerlab", "validation accuracy"),
    QT_TRANSLATE_NOOP("layerlab", "Patience"),
    QT_TRANSLATE_NOOP("layerlab", "Epochs without improvement before training stops."),
    QT_TRANSLATE_NOOP("layerlab", "Restore best weights"),
    QT_TRANSLATE_NOOP(
        "layerlab",
        "When stopping, go back to the weights of the best epoch instead of keeping the last ones."),
    QT_TRANSLATE_NOOP("layerlab", "Schedule"),
    QT_TRANSLATE_NOOP(
        "layerlab",
        "How the learning rate changes during the run. A large rate learns fast at first; a smaller one "
        "later lets the weights settle instead of bouncing around the minimum.\nconstant: never changes. "
        "step decay: × factor every few epochs. cosine decay: glides down to the minimum over all epochs. "
        "reduce on plateau: × factor when the monitored metric stops improving."),
    QT_TRANSLATE_NOOP("layerlab", "constant"),
    QT_TRANSLATE_NOOP("layerlab", "step decay"),
    QT_TRANSLATE_NOOP("layerlab", "cosine decay"),
    QT_TRANSLATE_NOOP("layerlab", "reduce on plateau"),
    QT_TRANSLATE_NOOP("layerlab", "Factor"),
    QT_TRANSLATE_NOOP("layerlab", "Multiply the learning rate by this at each reduction (0.2 = a fifth)."),
    QT_TRANSLATE_NOOP("layerlab", "Every (epochs)"),
    QT_TRANSLATE_NOOP("layerlab", "Epochs between two reductions."),
    QT_TRANSLATE_NOOP("layerlab", "Epochs without improvement before the learning rate is lowered."),
    QT_TRANSLATE_NOOP("layerlab", "The metric whose stalling lowers the learning rate."),
    QT_TRANSLATE_NOOP("layerlab", "Minimum rate"),
    QT_TRANSLATE_NOOP("layerlab",
                      "The learning rate never goes below this (it must be below the learning rate)."),
    QT_TRANSLATE_NOOP("layerlab", "MNIST"),
    QT_TRANSLATE_NOOP("layerlab", "Fashion-MNIST"),
    QT_TRANSLATE_NOOP("layerlab", "MNIST subset (bundled)"),
};
