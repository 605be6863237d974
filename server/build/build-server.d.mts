/** Types of build-server.mjs (plain JavaScript, so `npm start` needs no TypeScript loader). */
export declare const SERVER_OUT_DIR: string;
/** The operator's commands compiled beside the server: name → source. */
export declare const OPERATOR_COMMANDS: Readonly<Record<string, string>>;
export declare function buildServer(outDir?: string): Promise<string>;
export declare function ensureServerBuild(outDir?: string): Promise<string>;
