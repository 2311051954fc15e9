"""ONNX files LayerLab must refuse, for tst_onnx_import, built with onnx.helper (Debian's python3-onnx).

usage: /usr/bin/python3 onnx_bad_models.py OUT_DIR [EXPORTED.onnx]
writes OUT_DIR/<case>.onnx for each case below, and with EXPORTED.onnx (a LayerLab export) also
OUT_DIR/stripped.onnx: that file without its metadata (the model file LayerLab keeps there), i.e. as a
foreign tool would write the same graph.
"""
import sys

import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper


def image_input(name="input", c=1, h=28, w=28):
    return helper.make_tensor_value_info(name, TensorProto.FLOAT, ["N", c, h, w])


def output(name, k=10):
    return helper.make_tensor_value_info(name, TensorProto.FLOAT, ["N", k])


def conv_weights(name, f=4, c=1, k=3, dtype=np.float32):
    return numpy_helper.from_array(np.full((f, c, k, k), 0.1, dtype=dtype), name)


def save(path, nodes, inputs, outputs, inits, opset=13):
    graph = helper.make_graph(nodes, "bad", inputs, outputs, inits)
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", opset)])
    onnx.save(model, path)


def head(x):
    """Flatten + Gemm to 10 classes after a 4 x 26 x 26 tensor."""
    w = numpy_helper.from_array(np.zeros((10, 4 * 26 * 26), np.float32), "fc.w")
    return ([helper.make_node("Flatten", [x], ["flat"], name="flat"),
             helper.make_node("Gemm", ["flat", "fc.w"], ["out"], name="fc", transB=1)], [w])


def main():
    out = sys.argv[1]
    inp = image_input()
    # An unsupported operator.
    tail, inits = head("lrn")
    save(f"{out}/unsupported.onnx",
         [helper.make_node("Conv", ["input", "w"], ["c"], name="conv1"),
          helper.make_node("LRN", ["c"], ["lrn"], name="lrn1", size=3)] + tail,
         [inp], [output("out")], [conv_weights("w")] + inits)
    # BatchNormalization in training mode (opset 15), and with 3 scales for 4 channels.
    tail, inits = head("bn")
    stats = [numpy_helper.from_array(np.ones(4, np.float32), n) for n in "sbmv"]
    save(f"{out}/bn_training.onnx",
         [helper.make_node("Conv", ["input", "w"], ["c"], name="conv1"),
          helper.make_node("BatchNormalization", ["c", "s", "b", "m", "v"], ["bn"], name="bn1",
                           training_mode=1)] + tail,
         [inp], [output("out")], [conv_weights("w")] + stats + inits, opset=15)
    stats[0] = numpy_helper.from_array(np.ones(3, np.float32), "s")
    save(f"{out}/bn_size.onnx",
         [helper.make_node("Conv", ["input", "w"], ["c"], name="conv1"),
          helper.make_node("BatchNormalization", ["c", "s", "b", "m", "v"], ["bn"], name="bn1")] + tail,
         [inp], [output("out")], [conv_weights("w")] + stats + inits)
    # A residual block (y = r + conv2(r), 'same' padding keeps 4 x 28 x 28): read as a Residual block.
    tail, inits = head("sum")
    save(f"{out}/residual.onnx",
         [helper.make_node("Conv", ["input", "w"], ["c"], name="conv1", pads=[1, 1, 1, 1]),
          helper.make_node("Relu", ["c"], ["r"], name="relu1"),
          helper.make_node("Conv", ["r", "w2"], ["c2"], name="conv2", pads=[1, 1, 1, 1]),
          helper.make_node("Add", ["c2", "r"], ["s"], name="residual"),
          helper.make_node("Conv", ["s", "w3"], ["sum"], name="conv3")] + tail,
         [inp], [output("out")],
         [conv_weights("w"), conv_weights("w2", c=4), conv_weights("w3", c=4)] + inits)
    # Branches that are not a residual block: the Add of two chains that both start at r ...
    save(f"{out}/two_branches.onnx",
         [helper.make_node("Conv", ["input", "w"], ["c"], name="conv1", pads=[1, 1, 1, 1]),
          helper.make_node("Relu", ["c"], ["r"], name="relu1"),
          helper.make_node("Conv", ["r", "w2"], ["a"], name="convA", pads=[1, 1, 1, 1]),
          helper.make_node("Conv", ["r", "w2"], ["b"], name="convB", pads=[1, 1, 1, 1]),
          helper.make_node("Add", ["a", "b"], ["s"], name="join"),
          helper.make_node("Conv", ["s", "w3"], ["sum"], name="conv3")] + tail,
         [inp], [output("out")],
         [conv_weights("w"), conv_weights("w2", c=4), conv_weights("w3", c=4)] + inits)
    # ... r read by three nodes (r + conv2(r), then + r again) ...
    save(f"{out}/three_readers.onnx",
         [helper.make_node("Conv", ["input", "w"], ["c"], name="conv1", pads=[1, 1, 1, 1]),
          helper.make_node("Relu", ["c"], ["r"], name="relu1"),
          helper.make_node("Conv", ["r", "w2"], ["c2"], name="conv2", pads=[1, 1, 1, 1]),
          helper.make_node("Add", ["c2", "r"], ["s"], name="residual"),
          helper.make_node("Add", ["s", "r"], ["t"], name="again"),
          helper.make_node("Conv", ["t", "w3"], ["sum"], name="conv3")] + tail,
         [inp], [output("out")],
         [conv_weights("w"), conv_weights("w2", c=4), conv_weights("w3", c=4)] + inits)
    # ... a residual whose inner chain changes the shape (a 'valid' conv: 4 x 28 x 28 -> 4 x 26 x 26) ...
    save(f"{out}/residual_shape.onnx",
         [helper.make_node("Conv", ["input", "w"], ["c"], name="conv1", pads=[1, 1, 1, 1]),
          helper.make_node("Relu", ["c"], ["r"], name="relu1"),
          helper.make_node("Conv", ["r", "w2"], ["c2"], name="conv2"),
          helper.make_node("Add", ["r", "c2"], ["s"], name="residual"),
          helper.make_node("Conv", ["s", "w3"], ["sum"], name="conv3")] + tail,
         [inp], [output("out")],
         [conv_weights("w"), conv_weights("w2", c=4), conv_weights("w3", c=4)] + inits)
    # ... a residual whose Add has no output (as a damaged file would have) ...
    save(f"{out}/residual_no_output.onnx",
         [helper.make_node("Conv", ["input", "w"], ["c"], name="conv1", pads=[1, 1, 1, 1]),
          helper.make_node("Relu", ["c"], ["r"], name="relu1"),
          helper.make_node("Conv", ["r", "w2"], ["c2"], name="conv2", pads=[1, 1, 1, 1]),
          helper.make_node("Add", ["r", "c2"], [], name="residual"),
          helper.make_node("Conv", ["s", "w3"], ["sum"], name="conv3")] + tail,
         [inp], [output("out")],
         [conv_weights("w"), conv_weights("w2", c=4), conv_weights("w3", c=4)] + inits)
    # ... and BatchNormalization inside a residual block (LayerLab's Residual cannot hold BatchNorm).
    bn_stats = [numpy_helper.from_array(np.ones(4, np.float32), n) for n in "sbmv"]
    save(f"{out}/residual_bn.onnx",
         [helper.make_node("Conv", ["input", "w"], ["c"], name="conv1", pads=[1, 1, 1, 1]),
          helper.make_node("Relu", ["c"], ["r"], name="relu1"),
          helper.make_node("Conv", ["r", "w2"], ["c2"], name="conv2", pads=[1, 1, 1, 1]),
          helper.make_node("BatchNormalization", ["c2", "s", "b", "m", "v"], ["n2"], name="bn2"),
          helper.make_node("Add", ["n2", "r"], ["sum0"], name="residual"),
          helper.make_node("Conv", ["sum0", "w3"], ["sum"], name="conv3")] + tail,
         [inp], [output("out")],
         [conv_weights("w"), conv_weights("w2", c=4), conv_weights("w3", c=4)] + bn_stats + inits)
    # Grouped convolution.
    tail, inits = head("c2")
    save(f"{out}/group.onnx",
         [helper.make_node("Conv", ["input", "w"], ["c"], name="conv1", pads=[1, 1, 1, 1]),
          helper.make_node("Conv", ["c", "w2"], ["c2"], name="grouped", group=2)] + tail,
         [inp], [output("out")], [conv_weights("w"), conv_weights("w2", c=2)] + inits)
    # Float64 weights.
    tail, inits = head("c")
    save(f"{out}/double.onnx", [helper.make_node("Conv", ["input", "w"], ["c"], name="conv64")] + tail,
         [inp], [output("out")], [conv_weights("w", dtype=np.float64)] + inits)
    # Padding that is neither valid nor LayerLab's same.
    w = numpy_helper.from_array(np.zeros((10, 4 * 28 * 28), np.float32), "fc.w")
    save(f"{out}/pads.onnx",
         [helper.make_node("Conv", ["input", "w"], ["c"], name="oddpad", pads=[2, 0, 0, 2]),
          helper.make_node("Flatten", ["c"], ["flat"], name="flat"),
          helper.make_node("Gemm", ["flat", "fc.w"], ["out"], name="fc", transB=1)],
         [inp], [output("out")], [conv_weights("w"), w])
    # Two inputs.
    tail, inits = head("c")
    save(f"{out}/two_inputs.onnx", [helper.make_node("Conv", ["input", "w"], ["c"], name="conv1")] + tail,
         [inp, image_input("extra")], [output("out")], [conv_weights("w")] + inits)
    # An integer image input.
    tail, inits = head("c")
    save(f"{out}/int_input.onnx", [helper.make_node("Conv", ["input", "w"], ["c"], name="conv1")] + tail,
         [helper.make_tensor_value_info("input", TensorProto.UINT8, ["N", 1, 28, 28])], [output("out")],
         [conv_weights("w")] + inits)
    # Gemm with alpha 2.
    w = numpy_helper.from_array(np.zeros((10, 784), np.float32), "fc.w")
    save(f"{out}/alpha.onnx",
         [helper.make_node("Flatten", ["input"], ["flat"], name="flat"),
          helper.make_node("Gemm", ["flat", "fc.w"], ["out"], name="scaled", transB=1, alpha=2.0)],
         [inp], [output("out")], [w])
    # A spatial output.
    save(f"{out}/spatial_output.onnx", [helper.make_node("Conv", ["input", "w"], ["out"], name="conv1")],
         [inp], [helper.make_tensor_value_info("out", TensorProto.FLOAT, ["N", 4, 26, 26])], [conv_weights("w")])
    # LogSoftmax that is not the last node.
    tail, inits = head("ls")
    save(f"{out}/logsoftmax_inside.onnx",
         [helper.make_node("Conv", ["input", "w"], ["c"], name="conv1"),
          helper.make_node("LogSoftmax", ["c"], ["ls"], name="logsm", axis=1)] + tail,
         [inp], [output("out")], [conv_weights("w")] + inits)
    # A shape computed from Shape(x) with an operator LayerLab does not compute (Mul): the Reshape cannot be
    # read, and the file is refused naming the node left over.
    two = numpy_helper.from_array(np.array([2], np.int64), "two")
    save(f"{out}/shape_mul.onnx",
         [helper.make_node("Conv", ["input", "w"], ["c"], name="conv1"),
          helper.make_node("Shape", ["c"], ["s"], name="shape"),
          helper.make_node("Mul", ["s", "two"], ["s2"], name="doubled"),
          helper.make_node("Reshape", ["c", "s2"], ["out"], name="reshape")],
         [inp], [output("out")], [conv_weights("w"), two])
    # A Reshape without its shape input (what libFuzzer found: it reached past the node's inputs).
    save(f"{out}/reshape_no_shape.onnx",
         [helper.make_node("Conv", ["input", "w"], ["c"], name="conv1"),
          helper.make_node("Reshape", ["c"], ["out"], name="reshape")],
         [inp], [output("out")], [conv_weights("w")])
    # A Shape without its output (what libFuzzer found next: it reached past the node's outputs).
    save(f"{out}/shape_no_output.onnx",
         [helper.make_node("Conv", ["input", "w"], ["c"], name="conv1"),
          helper.make_node("Shape", ["c"], [], name="shape"),
          helper.make_node("Reshape", ["c", "s"], ["out"], name="reshape")],
         [inp], [output("out")], [conv_weights("w")])
    # x.view(x.size(0), -1) as torch.onnx.export writes it, then Gemm and LogSoftmax: supported (a fuzz seed).
    idx0 = numpy_helper.from_array(np.array(0, np.int64), "idx0")
    minus1 = numpy_helper.from_array(np.array([-1], np.int64), "minus1")
    axes0 = numpy_helper.from_array(np.array([0], np.int64), "axes0")
    small = numpy_helper.from_array(np.linspace(-0.1, 0.1, 10 * 81, dtype=np.float32).reshape(10, 81), "fc.w")
    save(f"{out}/view_logsoftmax.onnx",  # small: 1 x 9 x 9 after the strided Conv
         [helper.make_node("Conv", ["input", "w1"], ["c"], name="conv1", strides=[3, 3]),
          helper.make_node("Shape", ["c"], ["s"], name="shape"),
          helper.make_node("Gather", ["s", "idx0"], ["n"], name="gather", axis=0),
          helper.make_node("Unsqueeze", ["n", "axes0"], ["n1"], name="unsqueeze"),
          helper.make_node("Concat", ["n1", "minus1"], ["shape2"], name="concat", axis=0),
          helper.make_node("Reshape", ["c", "shape2"], ["flat"], name="view"),
          helper.make_node("Gemm", ["flat", "fc.w"], ["g"], name="fc", transB=1),
          helper.make_node("LogSoftmax", ["g"], ["out"], name="logsm", axis=1)],
         [inp], [output("out")], [conv_weights("w1", f=1), idx0, minus1, axes0, small])
    # MatMul + Add (as Keras' converters write Dense), then Softmax: supported, for the positive test.
    w = numpy_helper.from_array(np.linspace(-1, 1, 784 * 10, dtype=np.float32).reshape(784, 10), "W")
    b = numpy_helper.from_array(np.linspace(-0.5, 0.5, 10, dtype=np.float32), "b")
    shape = numpy_helper.from_array(np.array([-1, 784], np.int64), "shape")
    save(f"{out}/matmul_add.onnx",
         [helper.make_node("Reshape", ["input", "shape"], ["flat"], name="reshape"),
          helper.make_node("MatMul", ["flat", "W"], ["mm"], name="dense"),
          helper.make_node("Add", ["mm", "b"], ["logits"], name="bias"),
          helper.make_node("Softmax", ["logits"], ["out"], name="softmax", axis=1)],
         [inp], [output("out")], [w, b, shape])
    if len(sys.argv) > 2:
        model = onnx.load(sys.argv[2])
        del model.metadata_props[:]
        onnx.save(model, f"{out}/stripped.onnx")


if __name__ == "__main__":
    main()
