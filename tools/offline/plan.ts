import * as path from "path";
import * as fs from "fs";
import * as yaml from "js-yaml";
import { PACKAGE_ROOT } from "../launch/packageRoot";
import { registerProgramTypeScript } from "../launch/programTypeScript";
import { StackConfig, loadStackConfig } from "../stackConfig";
import { ProgramRun, runUnderMocks } from "./capture";

export const REPO_ROOT = PACKAGE_ROOT;

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
    /**
     * The plan as it would be after `pulumi up`: every id and ARN known (the access matrix, the cost model and
     * reading need that). Without it the plan is a preview: computed values of created resources are unknown.
     * @default false
     */
    asDeployed?: boolean;
    /** Where the stack files are. @default the project's stackConfigDir */
    stacksDir?: string;
}

export interface StackPlan extends ProgramRun {
    stack: StackConfig;
}

/** Runs the stack program of `root` under mocks with the stack's config, as `pulumi preview` (or, asDeployed, `pulumi up`) would run it. */
export async function planStack(options: PlanOptions): Promise<StackPlan> {
    const root = options.root ?? REPO_ROOT;
    const stack = loadStackConfig(root, options.stack, options.overrides, options.stacksDir);
    const entry = require.resolve(path.resolve(root, options.program ?? "index.ts"));
    if (entry.endsWith(".ts")) {
        registerTypeScript(root);
    }
    // A program that exports a function (as index.ts does) is loaded once and called per stack, as the language
    // host would call it; one that registers resources at load time is loaded again for each stack.
    const loaded = require.cache[entry]?.exports as unknown;
    if (typeof loaded !== "function") {
        delete require.cache[entry];
    }
    const program = typeof loaded === "function" ? () => loaded : () => require(entry);
    const run = await runUnderMocks({ project: stack.project, stack: stack.stack, config: stack.config, identity: identityFromConfig(stack), preview: !options.asDeployed }, program);
    return { ...run, stack };
}

let registered = false;

/**
 * Loads TypeScript transpile-only, as the stack's Pulumi.yaml asks the language host to: this repository's program
 * with ts-node, another program (preview --program) with that program's own typescript.
 */
export function registerTypeScript(root: string = REPO_ROOT): void {
    if (registered || require.extensions[".ts"]) {
        registered = true;
        return;
    }
    if (path.resolve(root) === REPO_ROOT) {
        require("ts-node").register({ transpileOnly: true, project: path.join(REPO_ROOT, "tsconfig.json") });
    } else {
        registerProgramTypeScript(root);
    }
    registered = true;
}

/** A program directory's entry point, as the language host finds it: Pulumi.yaml's main, else index.ts or index.js. */
export function programEntry(root: string): string {
    const project = yaml.load(fs.readFileSync(path.join(root, "Pulumi.yaml"), "utf8")) as { main?: string } | undefined;
    const main = project?.main ? path.resolve(root, project.main) : root;
    if (fs.existsSync(main) && fs.statSync(main).isFile()) {
        return path.relative(root, main);
    }
    for (const candidate of ["index.ts", "index.js"]) {
        if (fs.existsSync(path.join(main, candidate))) {
            return path.relative(root, path.join(main, candidate));
        }
    }
    throw new Error(`${root} has no program: Pulumi.yaml names no main file, and there is no index.ts or index.js`);
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
