import * as path from "path";
import { StackConfig, loadStackConfig } from "../stackConfig";
import { ProgramRun, runUnderMocks } from "./capture";

export const REPO_ROOT = path.resolve(__dirname, "..", "..");

/** The account the mocks report as the caller: the stack's accountId, else its first allowed account. */
export function identityFromConfig(stack: StackConfig): { accountId: string; region: string } {
    const project = stack.config[`${stack.project}:accountId`];
    const allowed = parseList(stack.config["aws:allowedAccountIds"]);
    return {
        accountId: project ?? allowed[0] ?? "123456789012",
        region: stack.config["aws:region"] ?? "us-east-1",
    };
}

export interface PlanOptions {
    root?: string;
    stack: string;
    overrides?: readonly string[];
    /** The program's entry point, relative to root. @default "index.ts" */
    program?: string;
}

export interface StackPlan extends ProgramRun {
    stack: StackConfig;
}

/** Runs the stack program of `root` under mocks with the stack's config, as `pulumi preview` would run it. */
export async function planStack(options: PlanOptions): Promise<StackPlan> {
    const root = options.root ?? REPO_ROOT;
    const stack = loadStackConfig(root, options.stack, options.overrides);
    registerTypeScript();
    const entry = require.resolve(path.resolve(root, options.program ?? "index.ts"));
    delete require.cache[entry];
    const run = await runUnderMocks({ project: stack.project, stack: stack.stack, config: stack.config, identity: identityFromConfig(stack) }, () => require(entry));
    return { ...run, stack };
}

let registered = false;

/** Loads TypeScript transpile-only, as the stack's Pulumi.yaml asks the language host to. */
export function registerTypeScript(): void {
    if (registered || require.extensions[".ts"]) {
        registered = true;
        return;
    }
    require("ts-node").register({ transpileOnly: true, project: path.join(REPO_ROOT, "tsconfig.json") });
    registered = true;
}

function parseList(raw: string | undefined): string[] {
    if (!raw) {
        return [];
    }
    try {
        const parsed: unknown = JSON.parse(raw);
        return Array.isArray(parsed) ? parsed.map(String) : [];
    } catch {
        return [];
    }
}
