// One small run of the browser twin, the same in Node and in a browser page:
// tests/test_js_twin_in_chromium.py imports this module in both and compares.
// Data, weights and batch orders all come from the twin's own Random(seed).

export function demoRun(nn) {
  const { X, y } = nn.makeDataset("circle", { n: 200, noise: 0.1, seed: 1 });
  const split = nn.trainTestSplit(X, y, { testFraction: 0.5, seed: 1 });
  const features = ["x1", "x2", "x1^2", "sin(x1)"];
  const network = new nn.Network([features.length, 8, 1], { activation: "gelu", seed: 3 });
  const trainer = new nn.Trainer(network, nn.addFeatures(split.XTrain, features), split.yTrain, {
    XTest: nn.addFeatures(split.XTest, features),
    yTest: split.yTest,
    learningRate: 0.3,
    batchSize: 10,
    l2: 0.001,
  });
  trainer.run(20);
  const random = new nn.Random(7);
  return {
    // integer arithmetic and one exact division: identical in every engine
    uniforms: Array.from({ length: 50 }, () => random.uniform()),
    integers: Array.from({ length: 50 }, () => random.integer(1000)),
    permutation: Array.from(random.permutation(50)),
    // through Math.log, Math.cos, Math.exp ...: engines may differ in the last bit
    normals: Array.from({ length: 50 }, () => random.normal()),
    data: Array.from(X.data),
    status: trainer.status,
    trainLoss: trainer.history.trainLoss,
    testAccuracy: trainer.history.testAccuracy,
    parameters: network.parameters().map((p) => Array.from(p)),
  };
}
