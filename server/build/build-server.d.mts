/** Types of build-server.mjs (plain JavaScript, so `npm start` needs no TypeScript loader). */
export declare const SERVER_OUT_DIR: string;
export declare function buildServer(outDir?: string): Promise<string>;
export declare function ensureServerBuild(outDir?: string): Promise<string>;
