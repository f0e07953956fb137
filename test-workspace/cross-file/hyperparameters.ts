export const INPUT_FEATURES = 30;
export const HIDDEN_UNITS = INPUT_FEATURES * 2;
export const EPOCHS = 20;
export const BATCH_SIZE = 32;
