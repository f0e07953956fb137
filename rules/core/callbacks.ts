/**
 * What the browser, Node and tfjs call again and again. A function handed to one of these runs once
 * per frame, tick, event or batch, so whatever it leaks per call adds up for as long as the page or
 * the training runs. The extractor uses these to find such functions (see RepeatedCallback in
 * graph.ts) and rules to describe them.
 */

/**
 * `frame`: once per animation or video frame; `timer`: once per tick of a timer; `event`: once per
 * event of a kind that fires again and again; `training`: once per batch or epoch of `fit`.
 */
export type CallbackKind = 'frame' | 'timer' | 'event' | 'training';

/**
 * Schedulers that run their callback once, a little later. A function that hands itself to one of
 * them (`requestAnimationFrame(loop)` inside `loop`) runs again and again; one handed over once runs
 * once.
 */
export const RESCHEDULERS: Readonly<Record<string, CallbackKind>> = {
  requestAnimationFrame: 'frame',
  requestVideoFrameCallback: 'frame',
  setTimeout: 'timer',
};

/** Schedulers that run their callback again and again by themselves. */
export const REPEATING_SCHEDULERS: Readonly<Record<string, CallbackKind>> = { setInterval: 'timer' };

/**
 * Events that fire continuously while the page is in use: many times a second while the pointer
 * moves, the page scrolls, a video plays or the user types.
 */
export const CONTINUOUS_EVENTS: ReadonlySet<string> = new Set([
  'devicemotion', 'deviceorientation', 'drag', 'dragover', 'input', 'mousemove', 'pointermove', 'pointerrawupdate',
  'resize', 'scroll', 'timeupdate', 'touchmove', 'wheel',
]);

/**
 * Events that fire again and again at a pace set by someone else: once per user action (a click, a
 * key press, a change of a control), or once per message of another thread or process, which may be
 * a frame to label or a single command to train.
 */
export const PACED_EVENTS: ReadonlySet<string> = new Set([
  'change', 'click', 'contextmenu', 'dblclick', 'dragend', 'dragstart', 'drop', 'keydown', 'keypress', 'keyup',
  'message', 'mousedown', 'mouseenter', 'mouseleave', 'mouseout', 'mouseover', 'mouseup', 'paste', 'pointerdown',
  'pointerup', 'seeked', 'submit', 'touchend', 'touchstart',
]);

/**
 * The callbacks of `fit` and `fitDataset` that run once per batch or once per epoch, with when.
 * `onTrainBegin` and `onTrainEnd` run once per call of `fit`, so they are not here.
 */
export const TRAINING_HOOKS: Readonly<Record<string, 'batch' | 'epoch' | 'yield'>> = {
  onBatchBegin: 'batch',
  onBatchEnd: 'batch',
  onEpochBegin: 'epoch',
  onEpochEnd: 'epoch',
  onYield: 'yield',
};

/** Base classes of custom training callbacks (`class Logger extends tf.Callback`). */
export const CALLBACK_CLASSES: ReadonlySet<string> = new Set(['Callback', 'CustomCallback']);

export function isRepeatedEvent(name: string): boolean {
  return CONTINUOUS_EVENTS.has(name) || PACED_EVENTS.has(name);
}

/** The event of an event-handler property (`onmousemove`), or of a JSX prop (`onMouseMove`). */
export function handlerEvent(property: string): string | undefined {
  if (!/^on[A-Za-z]+$/.test(property)) return undefined;
  const event = property.slice(2).toLowerCase();
  return isRepeatedEvent(event) ? event : undefined;
}
