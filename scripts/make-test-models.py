#!/usr/bin/python3
"""Builds tiny ONNX models whose outputs are known, with their manifests, for the tests of the
model path (Debian's python3-onnx; real weights cannot be downloaded here).

colour.onnx: global average pool of the RGB input, times 10, softmax: a red picture is class 0
("beer bottle" -> alcohol), a green one class 1 ("dance floor" -> nightlife), a blue one class 2
(mapped to nothing).
  python3 scripts/make-test-models.py OUT_DIR
"""
import hashlib
import json
import os
import sys

import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper


def colour_model(path):
    w = numpy_helper.from_array(np.eye(3, dtype=np.float32) * 10.0, name="W")
    nodes = [helper.make_node("GlobalAveragePool", ["data"], ["pooled"]),
             helper.make_node("Flatten", ["pooled"], ["flat"], axis=1),
             helper.make_node("MatMul", ["flat", "W"], ["logits"]),
             helper.make_node("Softmax", ["logits"], ["prob"], axis=1)]
    graph = helper.make_graph(nodes, "colour", [helper.make_tensor_value_info("data", TensorProto.FLOAT, [1, 3, 32, 32])],
                              [helper.make_tensor_value_info("prob", TensorProto.FLOAT, [1, 3])], [w])
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 11)])
    model.ir_version = 7
    onnx.checker.check_model(model)
    onnx.save(model, path)


def yolox_model(path):
    """A stand-in for YOLOX-S with its real output layout (1 x 8400 x 85 for a 640 x 640 input,
    rows over strides 8, 16, 32, cells relative to the grid): one bottle at stride-8 cell (10, 20)
    with centre offset (0.5, 0.5), size exp(ln 4) * 8 = 32 px, objectness and class score 0.9.
    The input is pooled away, so every picture gives the same detection."""
    out = np.zeros((1, 8400, 85), dtype=np.float32)
    row = 20 * 80 + 10
    out[0, row, :5] = [0.5, 0.5, np.log(4.0), np.log(4.0), 0.9]
    out[0, row, 5 + 39] = 0.9
    # Gemm(pooled input, zero weights) + bias: the bias is the answer, whatever the picture.
    weights = numpy_helper.from_array(np.zeros((out.size, 3), dtype=np.float32), name="W")
    bias = numpy_helper.from_array(out.reshape(-1), name="B")
    shape = numpy_helper.from_array(np.array([1, 8400, 85], dtype=np.int64), name="shape")
    nodes = [helper.make_node("GlobalAveragePool", ["data"], ["pooled"]),
             helper.make_node("Flatten", ["pooled"], ["flat"], axis=1),
             helper.make_node("Gemm", ["flat", "W", "B"], ["dense"], transB=1),
             helper.make_node("Reshape", ["dense", "shape"], ["output"])]
    graph = helper.make_graph(nodes, "yolox_stub", [helper.make_tensor_value_info("data", TensorProto.FLOAT, [1, 3, 640, 640])],
                              [helper.make_tensor_value_info("output", TensorProto.FLOAT, [1, 8400, 85])], [weights, bias, shape])
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 11)])
    model.ir_version = 7
    onnx.checker.check_model(model)
    onnx.save(model, path)


def yunet_model(path):
    """A stand-in for YuNet 2023mar with its real heads (cls_/obj_/bbox_/kps_ at strides 8, 16, 32,
    shaped [1, N, 1], [1, N, 4], [1, N, 10], any input size): scores are the cell's mean
    brightness, so a white square on black is a face; every box is exp(ln 8) = 8 cells wide and
    centred on its cell."""
    inits, nodes, outputs = [], [], []
    for stride in (8, 16, 32):
        mean = np.full((1, 3, stride, stride), 1.0 / (3 * stride * stride * 255), dtype=np.float32)
        for head, channels in (("cls", 1), ("obj", 1), ("bbox", 4), ("kps", 10)):
            w = np.zeros((channels, 3, stride, stride), dtype=np.float32)
            b = np.zeros(channels, dtype=np.float32)
            if head in ("cls", "obj"):
                w[:] = mean
            elif head == "bbox":
                b[:] = [0.5, 0.5, np.log(8.0), np.log(8.0)]
            name = "%s_%d" % (head, stride)
            inits += [numpy_helper.from_array(w, "w_" + name), numpy_helper.from_array(b, "b_" + name),
                      numpy_helper.from_array(np.array([1, channels, -1], dtype=np.int64), "s_" + name)]
            nodes += [helper.make_node("Conv", ["input", "w_" + name, "b_" + name], ["c_" + name],
                                       kernel_shape=[stride, stride], strides=[stride, stride]),
                      helper.make_node("Reshape", ["c_" + name, "s_" + name], ["r_" + name]),
                      helper.make_node("Transpose", ["r_" + name], [name], perm=[0, 2, 1])]
            outputs.append(helper.make_tensor_value_info(name, TensorProto.FLOAT, [1, None, channels]))
    graph = helper.make_graph(nodes, "yunet_stub",
                              [helper.make_tensor_value_info("input", TensorProto.FLOAT, [1, 3, None, None])],
                              outputs, inits)
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 11)])
    model.ir_version = 7
    onnx.checker.check_model(model)
    onnx.save(model, path)


def manifest(out, name, file, **extra):
    with open(os.path.join(out, file), "rb") as f:
        data = f.read()
    m = {"schema": "mediascan.model/1", "name": name, "file": file, "framework": "onnx", "task": "classification",
         "sha256": hashlib.sha256(data).hexdigest(), "size": len(data),
         "input": {"width": 32, "height": 32, "mean": [0, 0, 0], "scale": 1 / 255, "swap_rb": True},
         "classes": {"0": "beer bottle", "1": "dance floor", "2": "sky"},
         "categories": {"beer bottle": "alcohol", "dance floor": "nightlife"}, "threshold": 0.5,
         "enables": "test colours"}
    m.update(extra)
    with open(os.path.join(out, name + ".json"), "w") as f:
        json.dump(m, f, indent=2)


def main(out, variant="good"):
    os.makedirs(out, exist_ok=True)
    colour_model(os.path.join(out, "colour.onnx"))
    manifest(out, "colour", "colour.onnx")
    if variant == "yolox":
        yolox_model(os.path.join(out, "yolox_stub.onnx"))
        manifest(out, "yolox-stub", "yolox_stub.onnx", task="detection:yolox",
                 input={"width": 640, "height": 640, "mean": [0, 0, 0], "scale": 1.0, "swap_rb": False},
                 classes={"0": "person", "39": "bottle", "40": "wine glass"},
                 categories={"bottle": "alcohol", "wine glass": "alcohol"})
    if variant == "yunet":
        yunet_model(os.path.join(out, "yunet_stub.onnx"))
        manifest(out, "yunet-stub", "yunet_stub.onnx", task="face:yunet")
    if variant == "broken":
        with open(os.path.join(out, "garbage.onnx"), "wb") as f:
            f.write(b"this is not an onnx graph" * 10)
        manifest(out, "garbage", "garbage.onnx")                       # right hash, unreadable file
        manifest(out, "tampered", "colour.onnx", sha256="0" * 64)      # wrong hash
        with open(os.path.join(out, "bad.json"), "w") as f:
            f.write('{"schema": "mediascan.model/1", "name": "bad", "framework": "tensorflow"}')


if __name__ == "__main__":
    main(sys.argv[1], *(sys.argv[2:3]))
