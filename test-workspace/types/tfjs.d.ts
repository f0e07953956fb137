// The sample workspace is not installed; these declarations keep the editor's TypeScript quiet.
declare module '@tensorflow/tfjs';
declare module '@tensorflow/tfjs-node';
declare module '@tensorflow/tfjs-node-gpu';
declare module '@tensorflow/tfjs-layers';
declare module 'react';
declare module 'react/jsx-runtime';
declare const tf: any;
