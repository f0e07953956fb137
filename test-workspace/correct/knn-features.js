import * as tf from '@tensorflow/tfjs';

export function cosineSimilarity(a, b) {
  return tf.tidy(() => {
    const dot = a.mul(b).sum(-1);
    const norms = a.norm('euclidean', -1).mul(b.norm('euclidean', -1));
    return dot.div(norms.maximum(1e-12));
  });
}

export function nearest(embeddings, query, k) {
  return tf.tidy(() => {
    const scores = cosineSimilarity(embeddings, query.expandDims(0));
    return tf.topk(scores, k).indices.arraySync();
  });
}
