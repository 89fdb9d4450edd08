// Types for scripts/build-stamp.mjs (imported by the test setup and its tests).
export declare const stampFile: (root: string) => string;
export declare function sourcesHash(root: string): string;
export declare function distHash(root: string): string | undefined;
export declare function writeStamp(root: string, sources: string): void;
export declare function isCurrent(root: string): boolean;
export declare function ensureBuilt(root: string, log?: (line: string) => void): 'current' | 'built';
