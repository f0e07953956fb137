import { configObject } from './config';
import { insertProperty, isStringLiteralAt, replaceString } from './edits';
import type { ActivationFact, LossFact } from './model';
import type { TextEdit } from './rule';
import { containsSpan } from './span';
import { layerFacts } from './tfjs';

/**
 * Edits shared by rules that repair an output layer or a loss. Each returns undefined when the change
 * cannot be made locally: the value comes from a variable or parameter, or the config object is not
 * written at the layer.
 */

/** Sets the output activation to `name`: replaces the written string, or adds the option. */
export function setActivationEdit(text: (file: string) => string, activation: ActivationFact & { known: true }, name: string): TextEdit | undefined {
  const entry = activation.entry;
  if (entry?.state === 'present') {
    const span = entry.property.valueSpan;
    return span && isStringLiteralAt(text(span.file), span) ? replaceString(text(span.file), span, name) : undefined;
  }
  if (entry?.state === 'absent') {
    const object = configObject(activation.layer.config);
    const facts = layerFacts(activation.layer.factory);
    if (!object?.span || facts?.defaultActivation === undefined || !containsSpan(activation.layer.span, object.span)) return undefined;
    return insertProperty(text(object.span.file), object.span, 'activation', `'${name}'`);
  }
  return undefined;
}

/** Replaces a loss written as a string literal. */
export function setLossEdit(text: (file: string) => string, loss: LossFact & { known: true }, name: string): TextEdit | undefined {
  if (loss.form !== 'string' || !loss.span) return undefined;
  const source = text(loss.span.file);
  return isStringLiteralAt(source, loss.span) ? replaceString(source, loss.span, name) : undefined;
}
