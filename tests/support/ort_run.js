// Runs an ONNX file in ONNX Runtime (npm onnxruntime-node) on a batch of images, for tst_onnx_export.
// usage: node ort_run.js MODEL.onnx INPUT.f32 N C H W OUTPUT.f32
//   INPUT.f32: N x C x H x W float32 (little-endian), fed as the model's only input.
//   OUTPUT.f32: the model's only output as float32; standard output gets one JSON line with the input and
//   output names and the output's dims.
'use strict';
const fs = require('fs');
const ort = require('onnxruntime-node');

async function main() {
  const [modelPath, inputPath, n, c, h, w, outputPath] = process.argv.slice(2);
  const dims = [n, c, h, w].map(Number);
  const bytes = fs.readFileSync(inputPath);
  const data = new Float32Array(bytes.buffer, bytes.byteOffset, bytes.length / 4);
  const session = await ort.InferenceSession.create(modelPath, {intraOpNumThreads: 1, interOpNumThreads: 1});
  if (session.inputNames.length !== 1 || session.outputNames.length !== 1)
    throw new Error('expected one input and one output, got ' + session.inputNames + ' / ' + session.outputNames);
  const feeds = {[session.inputNames[0]]: new ort.Tensor('float32', data, dims)};
  const results = await session.run(feeds);
  const out = results[session.outputNames[0]];
  fs.writeFileSync(outputPath, Buffer.from(out.data.buffer, out.data.byteOffset, out.data.byteLength));
  console.log(JSON.stringify({input: session.inputNames[0], output: session.outputNames[0], dims: out.dims,
                              version: ort.env.versions.node}));
}

main().catch((e) => {
  console.error('ort_run.js: ' + (e && e.message ? e.message : e));
  process.exit(1);
});
