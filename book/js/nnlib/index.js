// The browser twin of nnlib, in one import:
//     import { Network, Trainer, makeDataset, addFeatures } from "./nnlib/index.js";
// Each module mirrors the nnlib module of the same name (snake_case in Python,
// camelCase here); see the comment at the top of each for its Python twin.

export * from "./matrix.js";
export * from "./random.js";
export * from "./activations.js";
export * from "./initializers.js";
export * from "./layers.js";
export * from "./network.js";
export * from "./losses.js";
export * from "./regularization.js";
export * from "./optimizers.js";
export * from "./training.js";
export * from "./datasets.js";
export * from "./neurons.js";
export * from "./schedules.js";
export * from "./gradcheck.js";
