import { numericLeaves } from './core/data';
import type { ModelNode } from './core/graph';
import { defineRule } from './core/rule';
import { spanKey, type Span } from './core/span';
import type { TensorValue, Value } from './core/values';

type MessageId = 'rawPixels' | 'largeValues' | 'usedHere';

/** Operations that change a tensor's shape or type but not the scale of its values. */
const KEEPS_SCALE = new Set(['expandDims', 'reshape', 'squeeze', 'cast', 'toFloat', 'asType', 'image.resizeBilinear', 'image.resizeNearestNeighbor', 'stack', 'concat', 'slice', 'clone']);
const IMAGE_SOURCES = new Set(['browser.fromPixels', 'browser.fromPixelsAsync', 'node.decodeImage', 'node.decodeJpeg', 'node.decodePng', 'node.decodeBmp', 'node.decodeGif']);
const TENSOR_FACTORIES = new Set(['tensor', 'tensor1d', 'tensor2d', 'tensor3d', 'tensor4d']);

/** The unscaled source of a tensor: an image read as raw pixels, or literal data with large values. */
function unscaledSource(value: Value | undefined, depth = 0): { kind: 'pixels' | 'large'; tensor: TensorValue } | undefined {
  if (!value || depth > 12) return undefined;
  if (value.kind === 'array') {
    for (const element of value.elements) {
      const found = unscaledSource(element, depth + 1);
      if (found) return found;
    }
    return undefined;
  }
  if (value.kind !== 'tensor') return undefined;
  if (IMAGE_SOURCES.has(value.op)) return { kind: 'pixels', tensor: value };
  if (TENSOR_FACTORIES.has(value.op)) {
    const leaves = value.args[0] ? numericLeaves(value.args[0]) : undefined;
    return leaves && leaves.length > 0 && Math.max(...leaves.map(Math.abs)) > 100 ? { kind: 'large', tensor: value } : undefined;
  }
  return KEEPS_SCALE.has(value.op) ? unscaledSource(value.args[0], depth + 1) : undefined;
}

/** A model that scales its input itself (a rescaling layer first) or looks values up (an embedding). */
function handlesRawInput(model: ModelNode): boolean {
  const first = model.slots[0]?.layer;
  return model.kind !== 'sequential' || !first || first.factory === 'rescaling' || first.factory === 'embedding' || first.factory === 'categoryEncoding';
}

const rule = defineRule<MessageId>({
  meta: {
    id: 'unnormalized-input',
    category: 'data',
    severity: 'warning',
    description: 'Raw pixels or large unscaled values fed to a model',
    messages: {
      rawPixels:
        'These pixels reach the model as integers from 0 to 255. Inputs that large saturate the first layer and make the gradients enormous, so training is unstable or stalls. Scale them to [0, 1] (divide by 255) here and wherever the model predicts.',
      largeValues:
        'These inputs go up to {{max}}. Features that large dominate the first layer and make the gradients enormous; scale them (for example to zero mean and unit variance) before training and prediction.',
      usedHere: 'the model is trained or run on them here',
    },
    fix: 'none',
    options: {},
  },
  check(context) {
    const seen = new Set<string>();
    const check = (model: ModelNode, input: Value | undefined, site: { span: Span }): void => {
      if (handlesRawInput(model)) return;
      const found = unscaledSource(input);
      if (!found || seen.has(spanKey(found.tensor.span))) return;
      seen.add(spanKey(found.tensor.span));
      const leaves = found.kind === 'large' && found.tensor.args[0] ? numericLeaves(found.tensor.args[0]) : undefined;
      context.report({
        messageId: found.kind === 'pixels' ? 'rawPixels' : 'largeValues',
        data: { max: leaves ? Math.max(...leaves.map(Math.abs)) : 0 },
        span: found.tensor.span,
        related: [{ span: site.span, message: rule.meta.messages.usedHere }],
      });
    };
    for (const model of context.graph.models) for (const fit of model.fits) check(model, fit.x, fit);
    for (const tensor of context.graph.tensors) if (tensor.op === 'predict' && tensor.model) check(tensor.model, tensor.args[0], tensor);
  },
});

export default rule;
