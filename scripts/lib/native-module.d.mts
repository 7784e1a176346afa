export interface RuntimeTarget {
  runtime: 'node' | 'electron';
  version: string;
}

export function classifyLoadError(
  message: string,
): 'abi-mismatch' | 'missing-build' | 'other';

export const markerName: string;

export function buildStamp(
  releaseDir: string,
  target: RuntimeTarget,
): RuntimeTarget & { size: number; mtimeMs: number };

export function markerMatches(
  releaseDir: string,
  target: RuntimeTarget,
): boolean;

export function writeMarker(releaseDir: string, target: RuntimeTarget): void;
