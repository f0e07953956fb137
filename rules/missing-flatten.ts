import { spanText } from './core/edits';
import { compiledLossTrains, lossForOutput } from './core/model';
import { defineRule, type TextEdit } from './core/rule';
import { formatShape, modelShapes } from './core/shapes';
import { type Span } from './core/span';

type MessageId = 'gridOutput' | 'addFlatten';

const CLASSIFICATION = new Set(['binaryCrossentropy', 'categoricalCrossentropy', 'sparseCategoricalCrossentropy']);
const SPATIAL_SOURCES = /^(conv2d|separableConv2d|depthwiseConv2d|maxPooling2d|averagePooling2d|maxPool2d|avgPool2d|avgPooling2d|upSampling2d|batchNormalization|dropout|activation|reLU)$/;

const rule = defineRule<MessageId>({
  meta: {
    id: 'missing-flatten',
    category: 'architecture',
    severity: 'error',
    description: 'A dense layer applied to a feature map without flattening it first',
    messages: {
      gridOutput:
        'This dense layer needs a flatten layer before it. It receives feature maps of shape {{input}} and applies itself to every position separately, so the model outputs {{output}}: one prediction per position instead of one per image. {{loss}} then compares it with labels of another shape and fit throws. Add tf.layers.flatten() (or a global pooling layer) before the dense layers.',
      addFlatten: 'Add a flatten layer before this dense layer',
    },
    fix: 'suggestion',
  },
  check(context) {
    for (const model of context.graph.models) {
      const compile = compiledLossTrains(model) ? model.compiles[0] : undefined;
      const loss = compile ? lossForOutput(compile, 0, undefined) : undefined;
      // The flatten goes into the layer list, which only a sequential model has.
      if (model.kind !== 'sequential' || !loss?.known || loss.form !== 'string' || !CLASSIFICATION.has(loss.name)) continue;
      const shapes = modelShapes(context.graph, model);
      const last = shapes.layers.at(-1);
      if (!last?.output || last.output.length < 2 || shapes.layers.length !== model.slots.length) continue;
      const index = shapes.layers.findIndex((entry) => entry.layer.factory === 'dense' && entry.input.length === 3);
      const dense = shapes.layers[index];
      if (!dense || index === 0 || !SPATIAL_SOURCES.test(shapes.layers[index - 1]!.layer.factory)) continue;
      const edit = insertFlatten(context.text(dense.layer.span.file), model.slots[index]!.span, dense.layer.span);
      context.report({
        messageId: 'gridOutput',
        data: { input: formatShape(dense.input), output: formatShape(last.output), loss: loss.name },
        span: dense.layer.span,
        suggestions: edit ? [{ messageId: 'addFlatten', edits: [edit] }] : [],
      });
    }
  },
});

export default rule;

/** Adds a flatten layer before the dense one, in the style the model is built in. */
function insertFlatten(text: string, slot: Span, layer: Span): TextEdit | undefined {
  const call = spanText(text, layer);
  const namespace = /^([\w$.]*?)dense\s*\(/.exec(call)?.[1];
  if (namespace === undefined) return undefined;
  const lineStart = text.lastIndexOf('\n', slot.start - 1) + 1;
  const indent = /^[ \t]*/.exec(text.slice(lineStart))![0];
  const onOwnLine = text.slice(lineStart, slot.start).trim().length === 0;
  if (slot.start !== layer.start) {
    // model.add(...dense(...)): add a statement before it.
    const receiver = /^([\s\S]*?)\.add\s*\(/.exec(spanText(text, slot))?.[1];
    if (receiver === undefined || !onOwnLine) return undefined;
    return { span: { file: slot.file, start: slot.start, end: slot.start }, text: `${receiver}.add(${namespace}flatten());\n${indent}` };
  }
  // An element of a layers array.
  return { span: { file: slot.file, start: slot.start, end: slot.start }, text: onOwnLine ? `${namespace}flatten(),\n${indent}` : `${namespace}flatten(), ` };
}
