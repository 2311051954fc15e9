<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>ActivationExplorer</name>
    <message>
        <source>Sigmoid, 1 / (1 + e^(-x)), squeezes any number into 0 to 1, which reads as a probability. Its slope y(1 - y) is at most 0.25, at x = 0, and almost 0 once |x| passes about 4 (shaded): a unit pushed there saturates, passes almost no gradient back and stops learning. In a deep network the gradient is multiplied by at most 0.25 at every Sigmoid layer on its way back, so the first layers hardly learn (vanishing gradients). Today it is used mostly for an output that must be a probability.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tanh squeezes into -1 to 1 and is centred on 0, so the next layer gets inputs balanced around zero. Its slope 1 - y^2 is 1 at x = 0, four times Sigmoid&apos;s best, which is why it trains deep networks better than Sigmoid; but it saturates too, beyond |x| of about 2 (shaded), and large weights or inputs push units there.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ReLU, max(0, x), passes positive values unchanged with slope 1, so the gradient does not shrink however many layers it crosses, and it costs almost nothing to compute: the default for hidden layers. Negative inputs give 0 with slope 0 (shaded). A unit whose input is negative for every image passes no gradient at all and can never recover: a dead ReLU. A learning rate that is too high kills many of them.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>LeakyReLU is x for positive x and alpha x otherwise: ReLU with a small slope alpha on the negative side, so a unit that is off still gets a little gradient and can come back to life. The shading marks where the slope is under 5% of its largest value: with alpha 0.01 that is all of x &lt; 0; raise alpha above 0.05 and nothing is shaded.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Softmax turns a vector of scores z into probabilities: y_i = e^(z_i) / sum of e^(z_j). They are positive and add up to 1, the largest score gets the largest share, and adding the same number to every score changes nothing. The slope of each probability with respect to its own score is y_i(1 - y_i): small when one class already has almost all the probability, so a confident wrong answer would learn slowly through Softmax alone. Cross-entropy undoes this: LayerLab computes the two together, and the gradient on the scores is simply y - target. Edit the scores to see it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Activation Functions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>x (the unit&apos;s weighted sum)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>value</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>LeakyReLU&apos;s slope for negative x (the alpha option of the layer)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>alpha</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Two to ten scores separated by commas</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Scores z</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Close</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>f(x)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>slope f&apos;(x)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(almost) no slope</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>saturates</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>“%1” is not a number from -50 to 50.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Give 2 to 10 scores separated by commas, e.g. 2, 1, 0.1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>score z</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>probability y</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>slope y(1 - y)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>class</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>probabilities add up to %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>AugmentPreview</name>
    <message>
        <source>Top: training images as they are. Bottom: the same images as the first batch of epoch 1 will show them to the model, with these settings.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The preview appears when the dataset has loaded.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Shift %1, %2 px; rotation %3°; zoom %4×; noise %5</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Augmentation is off: the model sees the image as it is.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Top: as stored. Bottom: as the model sees them in the first batch.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Augmentation is off: set a shift, rotation, zoom or noise above to see what it does.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>BlockPainter</name>
    <message>
        <source>Drag layers here from the palette</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Input</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 channel(s), %2 x %3 pixel image</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 numbers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1, frozen</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>→ no output</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>→ (fix the layers inside first)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>→ (fix the layers above first)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Drop layers here: the block adds their output to its input</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Drop layers here</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>y = x + f(x)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Output</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 classes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>→ %1 scores, one per class</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fix layer %1 to see the output</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The model cannot produce the output:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Frozen with the block it is in: unfreeze the block to train it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b&gt;Frozen&lt;/b&gt;: its weights keep their values while the rest of the model trains (no update, no L2, no optimizer state, no weight gradients). Click to unfreeze.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b&gt;Trainable&lt;/b&gt;. Click to freeze its weights: they then keep their values while the rest of the model trains, as when a model learned on one dataset gets a new last layer for another (transfer learning).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;br&gt;in %1 → out %2&lt;br&gt;%3, %4 per sample</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;br&gt;&lt;span style=&apos;color:#2f64b0&apos;&gt;Frozen: its weights do not train&lt;/span&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;br&gt;&lt;span style=&apos;color:#2f64b0&apos;&gt;%1 of them frozen (layers inside)&lt;/span&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;br&gt;%1 of them running statistics (no gradient moves them)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CheckpointActions</name>
    <message>
        <source>Save &amp;Checkpoint…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save the trained weights with their model (.llckpt), for the studio and layerlab-cli</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Load Checkpoint…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open a trained model and view its filters and feature maps</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;ONNX…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Write the trained model as an ONNX file (opset 13) for ONNX Runtime, PyTorch and other tools: it takes raw pixels 0-255 and gives class probabilities</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;PyTorch…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Write the trained model into a folder for PyTorch: model.py (an nn.Module taking raw pixels 0-255), weights.npz, and train.py to keep training it (torchrun for many processes)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Start from &amp;Weights…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Load a checkpoint&apos;s weights into this model&apos;s layers that match them by position and shape (transfer learning); the other layers start fresh</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>There are no trained weights yet. Train the model (F5) first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saved the paused run&apos;s weights to %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saved checkpoint %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> Note: %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stop training before loading a checkpoint.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loaded int8 checkpoint %1. The studio runs it in float32: its weights are on the int8 grid, its activations are not rounded (layerlab-cli evaluate runs it quantized). Start (F5) continues training from its weights in float32.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Opened ONNX model %1 with its weights. Start (F5) continues training from them.%2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loaded checkpoint %1. Start (F5) continues training from its weights.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stop training before loading weights.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>weights from %1 (%2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Weights from %1: %2. Start (F5) trains from them.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Start from Weights</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>LayerLab checkpoints (*.llckpt);;ONNX models (*.onnx);;All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not use %1.

%2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Exported %1 (ONNX: input &quot;image&quot; raw pixels 0-255, output &quot;probabilities&quot;)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export as ONNX</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ONNX models (*.onnx)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not export %1.

%2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Exported to %1: model.py, weights.npz, train.py (python3 train.py --data MNIST_FOLDER)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export for PyTorch: choose or create a folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export for PyTorch</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 already holds %2. Replace them?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not export to %1.

%2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save Checkpoint</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>LayerLab checkpoints (*.llckpt)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not save %1.

%2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Load Checkpoint</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>LayerLab checkpoints (*.llckpt);;All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not load %1.

%2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ConfusionMatrixView</name>
    <message>
        <source>Rows: the true class. Columns: the class the model answered. Click a cell to see its images; the arrow keys move between cells.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>predicted class</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>true class</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>recall</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>precision</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 of %2 images of %3 answered correctly</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 of %2 images of %3 taken for %4</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>. Click to see them.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DatasetLoader</name>
    <message>
        <source>The import of %1 was cancelled.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loading was cancelled.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Importing the images of %1…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loading %1…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loading %1 from %2…</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DatasetSession</name>
    <message>
        <source>%1 Open the folder again to import it (File &gt; Open Image Folder…), or choose another dataset in the Training tab.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The data folder %1 could not be loaded, so it is no longer used: the dataset you chose is looked up the usual way.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The data folder %1 holds another dataset than the one you chose, so it is no longer used: the dataset you chose is looked up the usual way.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The model trains on an image folder but names none: open one with File &gt; Open Image Folder…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No dataset loaded</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: %2 training / %3 test images</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 as the model says: it would learn and be scored on other classes than it names. Open a folder with the model&apos;s dataset (File &gt; Open Data Folder…) or choose the dataset the folder holds in the Training tab.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DrawingPad</name>
    <message>
        <source>Draw a digit with the mouse or a pen. Ctrl+Z undoes the last stroke.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Draw a digit here</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DrawingPanel</name>
    <message>
        <source>Pen</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Draw ink</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Eraser</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rub ink out</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> px</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Brush width on the pad (which is 280 px across: ten times MNIST&apos;s 28)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Undo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Take back the last stroke (Ctrl+Z on the pad)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Clear</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Wipe the pad (Delete on the pad)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Width</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Crop to the ink</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cut the drawing to the bounding box of its ink. Off: the whole pad is scaled, so the digit comes out small.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Scale to 20 px</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Scale the longer side of the box to 20 of the 28 pixels, keeping its shape, as MNIST did. Off: the pixels keep their size and a large drawing is clipped.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Area averaging</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Each small pixel is the mean of the area it covers: soft grey edges like MNIST&apos;s. Off: the nearest pixel, hard and broken strokes.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Centre of mass</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Shift the digit so its centre of mass (weighted by ink) lands on pixel (14, 14), as in MNIST. Off: the box is centred instead.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b&gt;MNIST&apos;s preprocessing&lt;/b&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b&gt;What the network gets&lt;/b&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The 28x28 image the network is given, four times enlarged</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The model&apos;s probability for each class, updated while you draw</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Time for the last update: preprocessing, one pass through the network and copying every layer&apos;s output</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Why this answer?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show what in the drawing the model&apos;s answer rests on (saliency, occlusion, Grad-CAM)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Draw a digit to see what each layer makes of it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No trained weights yet: train the model (F5) or load a checkpoint.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The pad draws one grey image, but this model takes %1 inputs: use a model for grey images such as MNIST&apos;s.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Draw a digit first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ink box %1x%2 px → %3x%4, centre of mass (%5, %6)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Updated in %1 ms</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>EvaluateWorkspace</name>
    <message>
        <source>The weights this tab looks at</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Test set</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Validation set</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Evaluate on the test images, or on the training images the run held out for validation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Counts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Row-normalised</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show the number of images in each cell, or each cell&apos;s share of its row (of the images of that true class)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Step back through the epochs of the run: one confusion matrix per epoch</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Epoch</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Colour scale of the cells</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Click a cell of the matrix to see its images.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cell images</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The images of the chosen cell, most confident wrong answers first (on the diagonal: least confident right answers first)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Class</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Precision</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Recall</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>F1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Support</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Of the images the model called this class, the share that are</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Of the images of this class, the share the model recognised</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The harmonic mean of precision and recall</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>How many images of this class the set holds</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Per class</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b&gt;Top losses&lt;/b&gt;: the images the model is most wrong about</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Click an image to ask why the model answered as it did</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b&gt;Most confused pairs&lt;/b&gt; (true → answered)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Click a pair to see its images</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Top losses</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Errors</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What the model gets wrong: confusion matrix, per-class metrics, top losses (Alt+E)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Draw</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Does it read your handwriting? Draw a digit (Alt+D)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Why?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Why did it answer that? Saliency, SmoothGrad, occlusion and Grad-CAM of the chosen image (Alt+W)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The evaluation failed: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>share of row</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>images</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b&gt;Your drawing&lt;/b&gt;, as the network gets it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b&gt;Weights:&lt;/b&gt; none</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b&gt;Weights:&lt;/b&gt; %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 of %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Evaluating %1 on the %2 images on all cores…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open this tab to evaluate.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b&gt;Accuracy %1&lt;/b&gt; (%2 of %3 %4 images right) · loss %5 · macro F1 %6 · evaluated in %7 s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>loss %1 · a %2 answered %3 (%4) · image %5</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 → %2: %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b&gt;%1&lt;/b&gt; answered right: %2, least confident first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b&gt;%1&lt;/b&gt; taken for &lt;b&gt;%2&lt;/b&gt;: %3, most confident first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> The first %1 are shown.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b&gt;%1 image %2&lt;/b&gt;: a %3, answered %4 (%5)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Test</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Training</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>EvaluationSession</name>
    <message>
        <source>No trained weights yet: train the model (F5) or load a checkpoint.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The run has not finished its first epoch yet: the matrix appears after it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>epoch %1 of the running training</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>epoch %1 of the last run</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No dataset loaded: the Evaluate tab needs the test images. Choose one in the Training settings or use File &gt; Open Data Folder.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>These weights are for a model with %1 inputs, but %2 has %3x%4 images: load the dataset the model was trained on, or a checkpoint made for %3x%4 images.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This run holds out no validation images (validation split 0): look at the test set, or set a validation split in the Training settings and train again.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ExplanationPanel</name>
    <message>
        <source>The image explained, as the network gets it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The class whose score is explained: the model&apos;s answer, or another class to ask &quot;why this and not that?&quot;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>How strongly the maps cover the image (0: only the image, 100: only the map)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Explain class:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Map opacity:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>N </source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>How many noisy copies are averaged</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>noise </source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Standard deviation of the noise, as a share of the image&apos;s range of values</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>patch </source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Side of the square covered, in pixels</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>stride </source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>How far the square moves each step (at most the patch size)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>fill zero</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>fill background</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What covers the square: black (erased ink) or the mean of the image&apos;s border (what its background looks like)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No trained weights yet: train the model (F5) or load a checkpoint.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the predicted class</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>layer %1 (Conv2D)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The Conv2D layer whose feature maps are weighed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no Conv2D layer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Coarse on small feature maps: each map pixel covers several image pixels.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pick an image: click one in the gallery or the top losses, or draw one.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The image has %1x%2 pixels but the model takes %3 inputs.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not available for this model.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>computing…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: %2 s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the predicted class (%1 %2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>drop</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>d/dx</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>FeatureMapView</name>
    <message>
        <source>Probe image:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Previous image</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Which held-out image to send through the network. Its activations are drawn below.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Next image</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Before activation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A Dense or Conv2D layer with an activation (relu, sigmoid, …) shows what it passes on: its output after the activation. Tick this to see the values before the activation instead (negative ones included).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>of %1 %2 images</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No activations yet. Start training (F5) or load a checkpoint to see what each layer makes of an image.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Colour scale of this layer&apos;s outputs for the probe image.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b&gt;label %1&lt;/b&gt;, predicted &lt;b&gt;%2&lt;/b&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>predicted &lt;b&gt;%1&lt;/b&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> &lt;span style=&apos;color:#2a7d2a&apos;&gt;✔ right&lt;/span&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> &lt;span style=&apos;color:#b22222&apos;&gt;✘ wrong&lt;/span&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>probabilities </source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>weights of epoch %1, batch %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>weights at the end of epoch %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>before %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>output</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 · %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> (before %1)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>FilterView</name>
    <message>
        <source>No weights yet. Start training (F5), or load a checkpoint (File ▸ Load Checkpoint…) to see the learned filters.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This model has no Conv2D layer and no Dense layer on raw pixels, so there are no filters to draw. The Feature maps tab shows what each layer computes.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Weights of the loaded model (not trained in this session).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Weights at the end of epoch %1 (%2 optimizer steps). Red is positive, blue negative, white zero.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Weights of epoch %1, batch %2 (%3 optimizer steps). Red is positive, blue negative, white zero.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>channel:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>mean</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Each filter has one kernel per input channel. Show their mean, or one channel&apos;s kernel.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>in colour</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Each kernel as a colour picture: its weights on the red, green and blue input make the pixel&apos;s red, green and blue; mid-grey is 0.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Colour scale: the layer&apos;s largest |weight| is full red (+) or full blue (−).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Conv2D #%1 (layer %2): %3 filters %4x%5 on the RGB image, in colour (red, green and blue weights; mid-grey 0)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>weight</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Conv2D #%1 (layer %2): %3 filters %4x%5, %6 input channel(s)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dense (layer %1) on raw pixels: each unit&apos;s %2 weights as a %3x%4 image</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ImageFolderActions</name>
    <message>
        <source>Open &amp;Image Folder…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Train on your own pictures: a folder with one subfolder of images per class</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Image Import &amp;Settings…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Change how the image folder&apos;s pictures become the model&apos;s inputs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Import S&amp;ummary…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Images per class, a preview, skipped files and duplicates of the image folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;New Dataset…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Make a dataset by drawing examples of your own classes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Importing Images</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open image folder %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The model&apos;s input is now %1 to take the images (it was %2).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Make the model output %1 classes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open Image Folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Importing the images of %1…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Importing the images of %1: %2 of %3…</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ImageGallery</name>
    <message>
        <source>Image %1 of the set: a %2, answered %3.
Top 3:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>
Click to ask why.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ImageImportDialog</name>
    <message>
        <source>Import Image Folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>How the images become the model&apos;s inputs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The first image of each class, as the model will see it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Import</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b&gt;%1&lt;/b&gt; cannot be used: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>… (%1 more)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b&gt;%1&lt;/b&gt;: %2 image files in %3 classes (%4)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>; the test images are in test/.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>; no test/ folder: a share of each class is held out for testing.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;br&gt;Left out, no images: %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;br&gt;1 other entry is skipped (listed in the import summary).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;br&gt;%1 other entries are skipped (listed in the import summary).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The folder has a test/ folder: its images are the test set.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The model&apos;s input is %1: it fits these settings.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The model&apos;s input changes from %1 to %2 to take these images.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1x%2 pixels, %3; shown enlarged.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>colour</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>grey</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not shown: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ImportSummaryDialog</name>
    <message>
        <source>Import Summary</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>read from the cache in %1 s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>decoded in %1 s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b&gt;%1&lt;/b&gt;: %2 classes, %3 training and %4 test images of %5x%6 %7 (%8).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>colour</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>grey</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Left out, no images in the folder: %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The model has %1 outputs but the folder has %2 classes.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Make the model output %1 classes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sets the model&apos;s class count and its last Dense layer to %1 units (one undo step).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Class</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Training</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Test</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Training images as the model will see them:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Classes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>File</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Why it was skipped</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Skipped files (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Training file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Identical test file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The same file in the training and the test set: the test accuracy counts images the model was trained on. Remove one copy of each.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Duplicates (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not cached: %1. The next start decodes the images again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cached in %1: reopening the unchanged folder skips decoding.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>LayerInspector</name>
    <message>
        <source>Select a layer in the model to edit its settings.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This layer has no settings.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Shape:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Parameters:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>FLOPs/sample:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 · %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The block is empty. Drag layers from the palette into it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Its inner layer is edited in the model: select it there, drag more in from the palette.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Its %1 inner layers are edited in the model: select one there, drag more in from the palette.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 → %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Shapes appear once layer %1 is fixed.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>LayerPalette</name>
    <message>
        <source>Drag a layer into the model</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>LessonSession</name>
    <message>
        <source>The dataset could not be loaded: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the dataset was still loading</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stopped during the sanity check.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Another run is training: stop it (Shift+F5) and start the lesson again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This window cannot start lesson runs.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: %2 · lesson “%3”</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stopped during run %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The dataset is gone.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Run %1 failed: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stopped.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>LessonsPanel</name>
    <message>
        <source>Open Folder…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Read lesson cards from a folder of your own (one .json file per card; the format is in the README): for cards a teacher wrote or shared</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reload</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Read the cards again (after editing one)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Click a card to open its experiment: its model and settings are loaded (Ctrl+Z undoes it)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose a card above. Each one loads a small experiment: you predict what it will show, run it, and see whether the results agree.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Predict first</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Decide what you expect before the runs: the check afterwards tells you whether the results agree</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sanity check first</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Before the runs: is the starting loss close to ln(classes) (2.30 for 10), and can the model learn 20 images by heart? A few seconds that catch a broken set-up.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Run the Experiment</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose your prediction first</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stop</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Some cards could not be read:
%1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>There is no lesson card “%1”.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A lesson is running: stop it first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Model: %1 (%2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1, learning rate %2, batch size %3, epochs %4, seed %5</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Data: %1 training images of the bundled MNIST subset</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Data: the training images of the bundled MNIST subset</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Runs:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Settings that matter here: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Train the card&apos;s runs, then check your prediction against the results</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sanity check: the first loss, then 20 images learned by heart…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The lesson could not finish: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sanity check: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Run %1 of %2: %3 — %4 (the Training tab shows it live)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All runs done (%1).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>✔ Right. %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>✘ Not this time. What happened: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The runs did not settle it: none of the answers came true this time.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The runs did not settle it: %1 of the answers came true at once.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Measured:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show the %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Try next: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Lesson Cards Folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Lesson cards read from %1 and the bundled ones.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Open &amp;Data Folder…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Train on the MNIST or Fashion-MNIST files in a folder of your choice instead of the usual place</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Export Charts…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>S&amp;weep…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Train the model once per combination of settings and compare the runs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not draw the filters: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Import of %1 cancelled: the model keeps its dataset.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The model trains on the bundled subset, which never comes from a folder: choose MNIST or Fashion-MNIST in the Training tab to use %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loading the dataset from %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open Data Folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No trained weights for this model yet: train it (F5) or load a checkpoint.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ready to train.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No dataset.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>test</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Training failed: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The dataset could not be loaded: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1%2[*] — LayerLab</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>validation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>best epoch %1 of the last run (restored by early stopping)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the last run, stopped in epoch %1 after %2 batches</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>checkpoint %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Drawing the loaded filters…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Drawing the loaded weights&apos; feature maps…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stopping training…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Filters</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Feature maps</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The learned kernels of every Conv2D layer, and a first Dense layer&apos;s weights on the pixels</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What every layer outputs for one held-out image</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Training</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Evaluate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What the model gets wrong, whether it reads your handwriting, and why it answers what it does (Ctrl+3)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Runs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Every training run kept: compare their curves and settings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Train</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Layers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Settings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Layer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Lessons</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>E&amp;xport</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Train</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Training</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Evaluate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Runs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Lessons</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Guided experiments, one card per concept: predict, run, check (Ctrl+Shift+L)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Fit Charts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Activation Functions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sigmoid, Tanh, ReLU, LeakyReLU and Softmax with their slopes, and why they matter</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;About LayerLab</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>About &amp;Qt</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Language</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The translation for %1 could not be loaded; the language stays as it is. Rebuild LayerLab (the .qm files are compiled at build time).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Language changed. Texts computed before the change (open dialogs, summaries, messages) change when they next update; restart LayerLab to see every text in the new language.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>System default</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>About LayerLab</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;h3&gt;LayerLab %1&lt;/h3&gt;&lt;p&gt;Build a neural network by dragging layers, train it on MNIST and watch the loss, the accuracy and the learned filters change live.&lt;/p&gt;&lt;p&gt;F5 starts training, F6 pauses or resumes, Shift+F5 stops.&lt;/p&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A run is training: stop it before a sweep.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The dataset is not loaded yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The model of run %1 cannot be read: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Opened the model of run %1 (unsaved).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unticked %1 in the Runs tab, so that it compares this lesson&apos;s runs.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>other run</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>other runs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open Lesson “%1”</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Lesson “%1”: the settings that matter.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Opened the lesson “%1” (Ctrl+Z brings back the model you had).</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ModelCommand</name>
    <message>
        <source>Add %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Move %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Duplicate %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unfreeze %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Freeze %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Change %1 %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>settings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Change %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>training settings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Change training settings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rename model</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ModelEditor</name>
    <message>
        <source>Model editor</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Delete Layer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>D&amp;uplicate Layer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Move Layer &amp;Up</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Move Layer Do&amp;wn</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Freeze Layer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keep the selected layer&apos;s weights as they are while the rest of the model trains (Ctrl+L)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Add Layer After</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add Layer &amp;Inside</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Add Layer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Insert Layer Here</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ModelFileController</name>
    <message>
        <source>Seed CNN</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Seed CNN + BatchNorm</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>MLP</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>LeNet-5</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Logistic regression</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fashion-MNIST Transfer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;New Model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Start an empty model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Open Model…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open a model file (.json), a checkpoint (.llckpt) or an ONNX model (.onnx)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Save Model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save Model &amp;As…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Undo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Redo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>S&amp;trict Model Files</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Refuse to open a model file with keys LayerLab does not use (a typo, a key from a newer version) instead of opening it with a warning</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open &amp;Recent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Presets</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Undo %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Redo %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Model locked</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unsaved changes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The model “%1” has unsaved changes.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Do you want to save them first?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open Model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Models, checkpoints and ONNX files (*.json *.llckpt *.onnx);;All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot open ONNX model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot open checkpoint</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not open %1:
%2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>

Turn off File &gt; Strict Model Files to open it with a warning instead.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot open model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 has keys LayerLab does not use. They are kept and saved back with the model; check them for typos:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keys LayerLab does not use</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot load preset</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The preset “%1” is missing from this build.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The preset “%1” is invalid:
%2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save Model As</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>LayerLab models (*.json)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot save model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not save %1:
%2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No recent files</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Clear Recent Files</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ModelSummaryBar</name>
    <message>
        <source>Parameters</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Weights and biases the model learns; frozen ones (the lock on a block) keep their values while the rest trains.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>FLOPs / sample</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Arithmetic operations for one forward pass over one image (a multiply-add counts 2).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Memory training takes at this batch size and thread count: parameters, their gradients and the optimizer&apos;s state, the batch&apos;s activations and their gradients, and each thread&apos;s own buffers. The engine refuses to train when this is more than half of the machine&apos;s memory.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Memory (batch %1, 1 thread)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Memory (batch %1, %2 threads)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (%2 frozen)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 parameters: %2 trainable, %3 frozen (their weights keep their values while the rest trains)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>, %1 BatchNorm running statistics</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 parameters: %2 trainable, %3 BatchNorm running statistics (no gradient moves them)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 parameters, all trainable</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 forward, about %2 when training (forward + backward)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 for the parameters and optimizer state, %2 for the batch, %3 per thread</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>✗ %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>✗ Too big to train: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>✗ Nothing to train: %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>✓ The model fits together: %1 layers, output %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Trains %1 of its %2 parameters; the rest are frozen.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>NewDatasetDialog</name>
    <message>
        <source>New Dataset</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dataset folder:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Each class gets a subfolder here, each example a PNG file in it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Classes:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>circle, triangle, cross</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The names of the classes, separated by commas: each becomes a folder.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Draw an example here</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Draw an example of the class chosen on the right. Ctrl+Z undoes the last stroke.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Undo stroke</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Clear</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Draw an example of:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Save Example</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save the drawing as an example of the chosen class and clear the pad (Enter)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Open as Dataset</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Import the folder and train on it (the drawings are light ink on black, as MNIST)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Close</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dataset Folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose a folder for the dataset.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is a file: choose a folder for the dataset.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name at least two classes, separated by commas (circle, triangle, cross).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>At most 256 classes.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;%1&quot; cannot be a class name: it becomes a folder name (no slashes, no leading dot, not train or test).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 — 1 example</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 — %2 examples</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pick a class, draw an example, save it; about 20 of each is a good start.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pick the class of the drawing first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The pad is empty: draw an example of %1 first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot create the folder %1: check that you may write there.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot save %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saved %1: %2 examples in %3 classes so far.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>QObject</name>
    <message>
        <source>%1 already exists.
Do you want to replace it?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>1 image</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 images</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>test</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>validation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unreadable</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>running</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>finished</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>early-stopped</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>stopped</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>diverged</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>val loss</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>val acc</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>train loss</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>train acc</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 min</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 h %2 min</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>loss (cross-entropy)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>loss (mean squared error)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>error rate (%), log scale</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>error (%)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>accuracy (%)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>acc. (%)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>QuantityFormat</name>
    <message>
        <source>1 param</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 params</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>RunActions</name>
    <message>
        <source>&amp;Start Training</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Train the model on the chosen dataset (F5)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Pause</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pause or resume training (F6)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>S&amp;top</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stop training after the current batch; the weights so far are kept (Shift+F5)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sanity Check Before Training</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Before a run from fresh weights: check that the first loss is near ln(classes) and that the model can learn 20 images by heart (a few seconds)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot train yet: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing to train: %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot train: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loading the dataset…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot train: the model takes %1 inputs but %2 has %3: set the input to %4</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Start training (F5)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Resume</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Training starts when the dataset has loaded.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sanity check before training: the first loss, then 20 images learned by heart…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Training started.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Training continues from the weights loaded from %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Training starts from the weights loaded from %1 (Start from Weights); the layers that did not get any start fresh.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not started: the stopped run&apos;s weights are kept.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Training continues from the weights the stopped run reached (%1); the charts carry on from epoch %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Training started from fresh weights (seed %1); the stopped run&apos;s charts were cleared.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Frozen layers (%1) keep their fresh random weights: to train on top of trained ones, load them first with Train &gt; Start from Weights….</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>It runs on %1 threads: the model asks for %2, but this machine has %1 cores.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sanity check passed; training starts. %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sanity Check</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The sanity check found a problem.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Train &amp;Anyway</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Do &amp;Not Start</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Training despite the sanity check: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not started: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A run is active: stop it first (Shift+F5).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The dataset is still loading.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The run could not start (the status bar says why).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Training %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>before its first batch</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>epoch %1, batch %2 of %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Start Training</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The last run was stopped in %1. Continue from the weights it reached, or start again from fresh weights?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b&gt;Continue&lt;/b&gt;: a new run of %1 starts from the stopped run&apos;s weights (the optimizer&apos;s state and the learning-rate schedule start over); its points are added to the charts.&lt;br&gt;&lt;b&gt;Start Fresh&lt;/b&gt;: training begins again from new weights; the charts are cleared.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>1 epoch</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 epochs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Continue Training</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Start &amp;Fresh</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The model is locked while it trains (paused too). Stop the run (Shift+F5) to edit it.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>RunCompareCharts</name>
    <message>
        <source>Tick runs in the list to draw their curves here (solid: validation, dashed: training).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>x: epochs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>x: samples seen</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>x: seconds</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What the x axis counts: epochs, training images seen (runs with other batch sizes or validation splits line up by work done) or training seconds (without pauses).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save both charts as a PNG image, or their curves as CSV (by the file&apos;s suffix).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>loss</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>accuracy (%)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tick runs in the list to draw their curves here.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Solid: validation · dashed: training</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>epoch</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>training samples seen</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>training seconds</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> (live)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export compare charts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PNG image (*.png)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CSV table (*.csv)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot write %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>RunCompareTable</name>
    <message>
        <source>The settings that differ between the ticked runs, and how each run ended.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Max val accuracy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Test accuracy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Best epoch</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Epochs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Time (s)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The highest validation accuracy of any epoch (not necessarily the best epoch&apos;s).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The epoch best.llckpt holds, chosen by the run&apos;s monitor, and the monitored value then.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(none)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tick a second run to see what differs.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The ticked runs have the same settings.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export compare table</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CSV table (*.csv)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot write %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>RunListModel</name>
    <message>
        <source>No epoch has finished yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Epoch %1 is the best by the run&apos;s monitor (the early-stopping monitor); best.llckpt holds its weights.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Epoch %1 is the best by %2, the run&apos;s monitor (early_stopping.monitor, used whether early stopping is on or not): %3 then; best.llckpt holds its weights.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>
Validation accuracy at epoch %1: %2; the highest of any epoch: %3.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 cannot be read: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>
Note: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>
Sweep %1, trial %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Date</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Settings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Max val acc</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Test</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Best epoch</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Epochs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tick a run to draw its curves on the compare charts; double-click to rename it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The highest validation accuracy of any epoch of the run (what sweeps rank by). It need not be the best epoch&apos;s: see Best epoch.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The epoch whose weights best.llckpt holds (Load Weights &gt; Best), chosen by the run&apos;s monitor, and the monitored value then: validation loss unless the model&apos;s early_stopping.monitor says validation accuracy. Sorts best first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Test accuracy of the weights the run ended with (none for a stopped run).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Training time, without pauses.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The run&apos;s colour on the compare charts (Colour… changes it).</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>RunsPanel</name>
    <message>
        <source>Record runs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keep every training run (curves, settings, checkpoints) in the runs folder.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Folder…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose the runs folder (default: runs/ beside the model file, or the user&apos;s data folder for an unsaved model).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Filter: name, model, note, status, settings…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Note…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add or edit a note on the selected run.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Colour…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The selected run&apos;s colour on the compare charts.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open Model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open the model as the selected run trained it in the editor (unsaved).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Load Weights</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Load the selected run&apos;s final weights (or best, from the menu) as a checkpoint.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete the selected runs&apos; folders (asks first).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>List the runs folder again (runs from the CLI or another window appear).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export CSV…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The sweeps recorded in the runs folder (Train &gt; Sweep… or layerlab-cli sweep).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sweep:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Trial %1 has no run in this folder (not run yet, or deleted).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Curves</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Compare</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sweep</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loss and accuracy of the ticked runs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The settings that differ between the ticked runs, and their results</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A sweep&apos;s trials and its metric against each varied setting; click a trial to select its run</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Runs folder: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 in %2 (listed in %3 ms)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>run</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>runs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (%2 of %3 trials done: %4)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The run being trained cannot be deleted: stop it first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete %1 and their files (curves, checkpoints)? This cannot be undone.

%2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete runs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Note</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Note on %1:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Run colour</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 cannot be read: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Final weights (as the run ended)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Best weights (epoch %1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Best weights (epoch %1, best %2: %3)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 has no checkpoint yet (one is written after the first epoch).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Runs folder</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SanityCheckRunner</name>
    <message>
        <source>The sanity check could not run: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>StartWeightsDialog</name>
    <message>
        <source>✓ gets weights</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>↻ starts fresh</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>✗ no match</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Start from Weights</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Weights of &lt;b&gt;%1&lt;/b&gt; for &lt;b&gt;%2&lt;/b&gt;, layer by layer: the layers with weights are paired in order (pooling, Flatten, Dropout and activations do not count), and a pair of the same type and shape gets the checkpoint&apos;s weights. The other layers start from fresh weights, as a new run would. Nothing changes until you choose &lt;i&gt;Use These Weights&lt;/i&gt;; Start (F5) then trains from them.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Layer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Shape here</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Result</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>From / why</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the checkpoint&apos;s %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not used from the checkpoint: %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>✗ Nothing to load: %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Use These Weights</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SweepDialog</name>
    <message>
        <source>Sweep</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Train %1 once per combination of the values below. Each trial is recorded as a run in %2 and listed in the Runs tab.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unfinished sweep of this model:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Resume</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Continue this sweep: the trials that finished are skipped, the others (a trial stopped part way too) run, each recorded as a new run.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Setting</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Values</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(none)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>0.1, 0.01, 0.001   or   log:1e-4:1e-1 (random search)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Grid (every combination)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Random search:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> trials</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Trials:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Highest validation accuracy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Test accuracy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rank by:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> min</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no limit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No trial starts after this time, and the ones running then are stopped.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Auto</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>One at a time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Two at once</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Auto: two trials at once, the cores split between them, when the trials are too small to use every core (or the model asks for at most half of them); otherwise one at a time on all cores. A trial gives the same results for its seed and thread count either way.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Trials at once:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Time budget:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Start</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stop After Trial</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>End the sweep once the trials under way have finished.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stop</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stop the trials under way now and end the sweep (Resume runs them again).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 — %2 of %3 trials done (%4), started %5</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1, %2; %3.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>run</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>runs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> This is the plan of the unfinished sweep above: Resume skips its %1, Start begins a new sweep.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>finished trial</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>finished trials</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>time unknown until the first trial ends</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>about %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot start: the sweep&apos;s state cannot be written in %1: %2. Choose a runs folder that can be written, or free some space.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Trial %1 could not start: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The sweep&apos;s state could not be saved (%1): the trials go on, but a resumed sweep would not know which finished.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Trials %1 and %2 of %3 (two at once)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Trial %1 of %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sweep ended: %1 of %2 trials done</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> · best so far %1 %2 (%3)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> left</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> · the sweep ends when the trials under way end</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> · Resume continues it</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SweepResults</name>
    <message>
        <source>Export…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save the chart as a PNG image, or the table as CSV (by the file&apos;s suffix).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The sweep&apos;s trials; click a header to sort, a row to select the trial&apos;s run.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The sweep&apos;s metric against each varied setting; click a point to select its run.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No sweep to show: run one with Train &gt; Sweep… (or layerlab-cli sweep).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: %2 of %3 trials done, ranked by %4</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>test accuracy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the highest validation accuracy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> · best: trial %1 (%2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Max val acc</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Test acc</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Time (s)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Run</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The highest validation accuracy of any epoch of the trial&apos;s run.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not run yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> (runs again on resume)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>test accuracy (%)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>max val accuracy (%)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> (log)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export sweep results</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PNG image (*.png);;CSV table (*.csv)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot write %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>TrainingCharts</name>
    <message>
        <source>Zoom to data</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>0–100 %</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Error, log</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Accuracy axis. Zoom to data: fitted to the trend and validation, so the gap between them shows once training has started (the first batches may run off the bottom). 0–100 %: the whole scale. Error, log: the error rate (100 % − accuracy) on a log scale, where 10 %, 1 % and 0.1 % are equally far apart (batches without an error are drawn at the bottom).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show all the data again after zooming or panning (the charts then follow the run).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save both charts as one PNG image, or their data as a CSV table (a row per batch and per epoch).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loss: what the optimizer minimises. Drag to pan, wheel to zoom, Fit to reset.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Accuracy: share of images classified right. Drag to pan, wheel to zoom.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>loss</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Shading: the gap between training and validation. Drag to pan, wheel to zoom, Fit to show all.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Continuing from the stopped run&apos;s weights: the new points follow its own.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> lr %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>test %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>test %1 %</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Test loss %1, test accuracy %2 %. </source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export charts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PNG image of both charts (*.png)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CSV table of the data (*.csv)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not write %1: %2.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>TrainingConfigPanel</name>
    <message>
        <source>Settings are locked while training runs. Stop (Shift+F5) to change them.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>all cores (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your own images: a folder with one subfolder per class (File &gt; Open Image Folder…).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Found in %1 (%2).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not found on this computer. To get it: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 &lt;a href=&quot;all&quot;&gt;Show all settings&lt;/a&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Showing only some settings.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> (%1 run here)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This machine has %1 cores: training runs %1 threads, and the model file keeps %2.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>TrainingController</name>
    <message>
        <source>Training is already running. Stop it before starting a new run.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No dataset is loaded yet. Wait for loading to finish, or pick another dataset.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This run is not recorded: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>TrainingPlot</name>
    <message>
        <source>epoch</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>batches</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>trend</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>validation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>best epoch %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>train %1 %, validation %2 %</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>gap %1 points</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>train %1, validation %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>gap %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>epoch %1: %2, %3</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>TrainingProgressBar</name>
    <message>
        <source>Ready to train.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Starting…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Paused before the first batch.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1Epoch %2/%3 · batch %4/%5 · %6 samples/s · %7 left · learning rate %8</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Paused · </source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Training ended.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Training failed: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>UiBenchmark</name>
    <message>
        <source>training did not start: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>layerlab</name>
    <message>
        <source>Core</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Convolution</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pooling</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Activation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Normalization</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Regularization</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Blocks</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connects every input number to every output unit with its own weight, then adds a bias. Needs a flat input, so put Flatten after image layers.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Slides small learned filters over the image; each filter lights up where it finds its pattern, such as an edge or a curve. Output: one feature map per filter.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Shrinks each feature map by keeping only the largest value in every small window, so the exact position of a feature matters less.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Shrinks each feature map by replacing every small window with its average value.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unrolls an image-shaped input (channels x height x width) into one long list of numbers so Dense layers can read it. It has no weights.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>While training, randomly switches off a fraction (the rate) of its inputs so the network cannot rely on any single unit. Does nothing when testing.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keeps positive values and turns negative ones into zero. The usual non-linearity between layers: without one, stacked layers act like a single layer.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Like ReLU, but negative values are scaled by a small slope (alpha) instead of zeroed, so units never go completely silent.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Squashes every value into the range 0 to 1 along an S-shaped curve. Learns slowly in deep stacks because the curve is flat at both ends.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Squashes every value into the range -1 to 1 along an S-shaped curve centred on zero.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Turns the final scores into probabilities that add up to 1, one per class. Usually the last layer of a classifier.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Adds its input to what the layers inside it compute: y = x + f(x). The layers inside must give back the input&apos;s shape. The skip lets the signal and the gradient pass straight through, so deep models train well.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Normalises each channel (of an image) or feature (of a flat input) to mean 0 and variance 1 over the batch, then scales and shifts it by two learned numbers. Keeps every layer&apos;s input in a steady range, so deep models train faster and at higher learning rates. Testing uses running averages of the batch statistics. Usually between a Dense or Conv2D (without activation) and its ReLU.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Units</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Number of output units (neurons). More units can learn more, but add weights: inputs x units + units.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A non-linearity applied to this layer&apos;s output, the same as adding the activation layer right after it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>None (linear)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ReLU</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>LeakyReLU</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sigmoid</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tanh</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Softmax</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Alpha</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Slope for negative inputs: out = alpha * x when x &lt; 0.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Initialisation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>How this layer&apos;s weights start (biases start at 0). He normal suits ReLU, Xavier/Glorot tanh and sigmoid, LeCun normal SELU; &quot;normal&quot; uses a fixed standard deviation. Zeros gives every unit the same weights, and they stay the same however long it trains: try it to see why the start must be random. &quot;default&quot; follows the model&apos;s choice in the Training tab.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>As the model (Training tab)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Auto (He or Xavier)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>He normal</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Xavier/Glorot normal</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Xavier/Glorot uniform</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>LeCun normal</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Normal (fixed std)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Zeros</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Init std</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Standard deviation of the normal distribution the weights start from. Too small and the signal fades layer after layer; too large and it explodes or saturates.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Trainable</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Off: the layer is frozen. Its weights keep their values while the rest of the model trains, e.g. the convolution layers a model learned on one dataset under a new last layer for another (transfer learning). A frozen layer gets no weight update and no L2, the optimizer keeps no state for it, and training skips its weight gradients. A frozen block freezes every layer inside it. A frozen BatchNorm keeps its scale and shift; its running mean and variance still follow the training batches (as in PyTorch).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Filters</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Number of filters, i.e. output channels. Each filter learns one pattern.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Kernel size</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Side of the square filter window, in pixels (3 means 3x3).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stride</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>How many pixels the window moves at each step. 2 halves the output size.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Padding</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Whether the image border is padded with zeros so the output keeps the input&apos;s height and width (with stride 1).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>valid (no padding)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>same (zero padding)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pool size</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Side of the square pooling window (2 means 2x2).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>How many pixels the window moves at each step. 2 halves the output size; 0 means the same as the pool size (windows side by side).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>same as pool size</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dropout rate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fraction of inputs switched off at random while training (0.5 = half).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Momentum</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Share of the running mean and variance kept at each training step (0.9: each batch adds 10 %, as PyTorch and ONNX do by default). Testing and predictions use these running statistics instead of the batch&apos;s. Keras&apos; 0.99 averages over about 100 steps, and lags behind a model that is still changing fast.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Epsilon</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Added to the variance before its square root, so that a channel that hardly varies is not divided by almost zero.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Data</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loss and optimizer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Learning-rate schedule</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Run</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Early stopping</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Data augmentation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Image import</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loss</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What training minimises. Cross-entropy suits classification (pair it with a Softmax output); mean squared error on one-hot targets learns more slowly.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cross-entropy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mean squared error</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Optimizer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>How each gradient becomes a weight update. Adam adapts the step per weight and works with little tuning; SGD with momentum needs a larger learning rate.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Adam</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>SGD</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>RMSprop</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Adagrad</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Learning rate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Size of each update step. Too large and the loss jumps or diverges; too small and it falls slowly. Adam: about 0.001; SGD: about 0.01-0.1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>SGD: share of the previous update carried into the next. Smooths noisy gradients and speeds up progress along consistent directions.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nesterov</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>SGD: take the gradient after the momentum step (looks ahead); often a little faster and steadier.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>β₁</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Adam: decay of the running mean of gradients (momentum). Higher = smoother, slower to react.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>β₂</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Adam: decay of the running mean of squared gradients, which scales each weight&apos;s step.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ρ (decay)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>RMSprop: decay of the running mean of squared gradients. Higher = longer memory.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ε</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Small number added to the denominator so steps stay finite when gradients are tiny. Rarely needs changing.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>L2 (λ)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>L2 weight decay λ: adds λ/2·Σw² to the loss, pulling weights towards 0. Fights overfitting; too large and the model underfits. Try 0.0001.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Batch size</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Images per update step. Larger batches give smoother gradients and more samples/s but fewer steps per epoch; small ones are noisier.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Epochs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>How many passes over the training images. More epochs learn more, until the validation curve stops improving (overfitting).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Validation split</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Share of the training images held out to measure validation loss and accuracy after each epoch. They are not trained on; early stopping watches them.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Training images</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Train on only this many images (after the validation split), picked at random by the seed. A small set is learned by heart: the way to watch overfitting happen, and Dropout, L2, augmentation and early stopping cure it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>all</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Seed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Seeds the weight initialisation, shuffling and dropout. The same seed and settings give the same run.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>How the weights of every Dense and Conv2D layer start, unless the layer sets its own (Layer tab). Auto: He normal before ReLU-family activations, Xavier/Glorot normal otherwise. Zeros never breaks the symmetry between units: they all stay the same.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Standard deviation of the normal distribution the weights start from (initialisation &quot;normal&quot;).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Threads</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CPU threads used for training (0 = all cores). More threads = faster, until there are no more cores.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>all cores</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dataset</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The images the model learns from. The bundled subset is small: fast, but it reaches lower test accuracy than full MNIST.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>MNIST (digits)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fashion-MNIST (clothes)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>MNIST subset (bundled, 2,000 images)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Image folder (your own images)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Image folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The folder of your images: one subfolder per class (shapes/circle/*.png, shapes/square/*.jpg, ...), optionally under train/ and test/ folders. A relative path is relative to the model file&apos;s folder.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Width</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Every image is scaled to this many pixels across, the model&apos;s input width.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Height</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Every image is scaled to this many pixels down, the model&apos;s input height.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Colour</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Grey: one input channel (colour images are turned into their brightness). RGB: three channels, red, green and blue; the model&apos;s input takes 3 channels.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Grey (1 channel)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>RGB (3 channels)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keep the aspect ratio: the image is scaled to fit and the rest is filled with the colour of its border, so shapes keep their proportions. Stretch: scaled to fill the whole frame, a wide image becomes narrower.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keep aspect ratio (pad)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stretch</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Invert (dark ink on light paper becomes light on dark, as MNIST)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Turn every pixel value v into 255 - v. MNIST digits are light ink on black; drawings and scans are usually dark on white.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Test split</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Without a test/ folder, this share of each class&apos;s images is held out as the test set (never trained on), drawn by the split seed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Split seed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Draws which images form the test split. Keep it to compare runs on the same test set.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Shift (pixels)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Move each training image by a random whole number of pixels, up to this far horizontally and vertically. Teaches the model that position does not matter.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rotation (degrees)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Turn each training image by a random angle up to this many degrees either way.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Zoom</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Scale each training image by a random factor between 1 - zoom and 1 + zoom (0.1: from 90% to 110%).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Noise</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add random Gaussian noise with this standard deviation to every pixel (1 = the whole range from black to white).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Elastic (pixels)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Bend each training image as a hand would: every pixel moves by a random displacement, smoothed over about 4 pixels so that strokes stay connected, of this strength (Simard et al. 2003; 8 to 34 on 28x28 digits). 0 = off.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stop when the validation metric has not improved for `patience` epochs, so the model does not keep fitting noise. Needs a validation split.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Monitor</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The number watched after each epoch: lower validation loss or higher validation accuracy counts as an improvement.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>validation loss</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>validation accuracy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Patience</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Epochs without improvement before training stops.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Restore best weights</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>When stopping, go back to the weights of the best epoch instead of keeping the last ones.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Schedule</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>How the learning rate changes during the run. A large rate learns fast at first; a smaller one later lets the weights settle instead of bouncing around the minimum.
constant: never changes. step decay: × factor every few epochs. cosine decay: glides down to the minimum over all epochs. reduce on plateau: × factor when the monitored metric stops improving.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>constant</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>step decay</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cosine decay</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>reduce on plateau</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Factor</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Multiply the learning rate by this at each reduction (0.2 = a fifth).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Every (epochs)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Epochs between two reductions.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Epochs without improvement before the learning rate is lowered.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The metric whose stalling lowers the learning rate.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Minimum rate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The learning rate never goes below this (it must be below the learning rate).</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
