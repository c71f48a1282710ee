export type BuildFreshness = 'fresh' | 'stale' | 'missing';
export declare const BUILD_STAMP: string;
export declare const COMPILED_MAIN: string;
export declare const SOURCE_FOLDERS: readonly string[];
export declare function newestSourceTime(root: string): number;
export declare function buildFreshness(root: string): BuildFreshness;
export declare function buildProblem(freshness: BuildFreshness): string | undefined;
