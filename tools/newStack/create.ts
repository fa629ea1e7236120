import * as fs from "fs";
import * as path from "path";
import * as yaml from "js-yaml";
import { CONFIG_NAMESPACE, argsFromStackConfig } from "../../components/config";
import { readProject } from "../stackConfig";
import { RawConfig, arnsIn, deriveConfig, sourceStack } from "./derive";
import { stackPolicyConfig } from "../stacks/list";
import { StackTarget, TargetProblem, duplicateNames } from "./targets";

export interface NewStacksRequest {
    /** The project root (where Pulumi.yaml is). */
    root: string;
    targets: StackTarget[];
    /** The stack whose settings the new ones start from. @default "dev" */
    from?: string;
    /** Where stack files are read and written. @default the project's stackConfigDir */
    stacksDir?: string;
    /** Overwrite existing stack files. @default false */
    force?: boolean;
}

export interface PlannedStackFile {
    stack: string;
    file: string;
    text: string;
    changes: string[];
    /** ARNs carried over unchanged, and why (the management account's, another account's). */
    kept: string[];
    /** Values still the source's examples, to replace before `pulumi up` (empty when the source had none). */
    examples: string[];
    /** The source's policy group, which the new stack runs with; undefined when it runs at the pack's levels. */
    policyGroup?: { group: string; file: string };
}

/** Where a stack that shares another's policy group says so: `{ "<stack>": "<group>" }`, beside the stack files. */
export const POLICY_GROUPS_FILE = "policy-groups.json";

/**
 * Everything that would be written, or every problem: the source is read once, each target derived from it and
 * validated the way the stack program reads its config, and nothing is written unless every target is sound.
 */
export function planNewStacks(request: NewStacksRequest): { files: PlannedStackFile[]; problems: TargetProblem[] } {
    const from = request.from ?? "dev";
    const { stackConfigDir } = readProject(request.root, request.stacksDir);
    const sourceFile = path.join(stackConfigDir, `Pulumi.${from}.yaml`);
    if (!fs.existsSync(sourceFile)) {
        return { files: [], problems: [{ where: "--from", field: "stack", value: from, rule: `has no stack file ${sourceFile}` }] };
    }
    let parsed: { config?: RawConfig };
    try {
        parsed = (yaml.load(fs.readFileSync(sourceFile, "utf8")) ?? {}) as { config?: RawConfig };
    } catch (error) {
        return { files: [], problems: [{ where: "--from", field: "stack", value: from, rule: `has a stack file ${sourceFile} that is not valid YAML: ${(error as Error).message.split("\n")[0]}` }] };
    }
    const { source, problems } = sourceStack(from, parsed.config ?? {});
    if (!source) {
        return { files: [], problems };
    }
    const exampleHeader = exampleValuesHeader(fs.readFileSync(sourceFile, "utf8"));
    const policyGroup = sourcePolicyGroup(request.root, from, request.stacksDir);
    problems.push(...duplicateNames(request.targets));
    const files: PlannedStackFile[] = [];
    for (const target of request.targets) {
        const file = path.join(stackConfigDir, `Pulumi.${target.name}.yaml`);
        if (fs.existsSync(file) && !request.force) {
            problems.push({ where: `stack ${target.name}`, field: "file", value: file, rule: "exists already: pass --force to overwrite it" });
        }
        const { derived, problems: derivation } = deriveConfig(source, target);
        problems.push(...derivation);
        if (!derived) {
            continue;
        }
        problems.push(...validate(target, derived.config));
        const examples = exampleHeader ? remainingExamples(exampleHeader, derived.config, target.account) : [];
        const header = [
            `# Created by npm run new-stack from stack ${from} for account ${target.account} in ${target.region}.`,
            ...(policyGroup ? [`# Policy group: ${policyGroup.group} (${policyGroup.file}), recorded in ${POLICY_GROUPS_FILE}.`] : []),
            ...(derived.changes.length > 0 ? ["# Re-pointed from the source's account and region:", ...derived.changes.map((change) => `#   ${change}`)] : []),
            ...(derived.kept.length > 0 ? ["# Kept as they were:", ...derived.kept.map((kept) => `#   ${kept}`)] : []),
            // The source's list of example values stays while any of them remains: the new stack is not ready either.
            ...(examples.length > 0 ? ["#", `# From stack ${from}:`, ...exampleHeader!, `# Still example values here: ${examples.join(", ")}.`] : []),
        ];
        files.push({
            stack: target.name,
            file,
            text: `${header.join("\n")}\n${yaml.dump({ config: derived.config }, { lineWidth: -1 })}`,
            changes: derived.changes,
            kept: derived.kept,
            examples,
            policyGroup,
        });
    }
    return { files, problems };
}

/** Writes the planned files (call only when there was no problem), and records each policy group. */
export function writeStackFiles(files: readonly PlannedStackFile[]): void {
    for (const planned of files) {
        fs.mkdirSync(path.dirname(planned.file), { recursive: true });
        fs.writeFileSync(planned.file, planned.text);
    }
    const byDir = new Map<string, PlannedStackFile[]>();
    for (const planned of files.filter((candidate) => candidate.policyGroup)) {
        byDir.set(path.dirname(planned.file), [...(byDir.get(path.dirname(planned.file)) ?? []), planned]);
    }
    for (const [dir, planned] of byDir) {
        const file = path.join(dir, POLICY_GROUPS_FILE);
        const groups = readPolicyGroups(dir);
        for (const entry of planned) {
            groups[entry.stack] = entry.policyGroup!.group;
        }
        const sorted = Object.fromEntries(Object.entries(groups).sort(([a], [b]) => a.localeCompare(b)));
        fs.writeFileSync(file, `${JSON.stringify(sorted, null, 2)}\n`);
    }
}

/** The stack → policy group map of a stack directory ({} when it has none). */
export function readPolicyGroups(stackConfigDir: string): Record<string, string> {
    const file = path.join(stackConfigDir, POLICY_GROUPS_FILE);
    return fs.existsSync(file) ? (JSON.parse(fs.readFileSync(file, "utf8")) as Record<string, string>) : {};
}

/**
 * The policy group a new stack inherits from its source: the source's own `policy-pack/config.<source>.json`, or
 * the group the source itself is recorded in. A throwaway source's config follows from allowDeletion, which the
 * new stack carries over, so it needs no record.
 */
function sourcePolicyGroup(root: string, from: string, stacksDir: string | undefined): { group: string; file: string } | undefined {
    const file = stackPolicyConfig(root, from, stacksDir);
    const group = /^policy-pack[\\/]config\.(.+)\.json$/.exec(file)?.[1];
    return group && group !== "throwaway" ? { group, file } : undefined;
}

/** The source file's leading comment paragraph that lists its example values, from "EXAMPLE VALUES" on. */
function exampleValuesHeader(text: string): string[] | undefined {
    const comments: string[] = [];
    for (const line of text.split("\n")) {
        if (!line.startsWith("#")) {
            break;
        }
        comments.push(line);
    }
    const start = comments.findIndex((line) => line.includes("EXAMPLE VALUES"));
    if (start < 0) {
        return undefined;
    }
    const end = comments.findIndex((line, index) => index > start && line.trim() === "#");
    return comments.slice(start, end < 0 ? undefined : end);
}

/**
 * The example values still in the new config: the account ids and organization ids the header names (the new
 * account aside), and every role or trail ARN carried over, which the header counts as examples too.
 */
function remainingExamples(header: readonly string[], config: RawConfig, account: string): string[] {
    const text = header.join(" ");
    const tokens = new Set([...(text.match(/\b\d{12}\b/g) ?? []), ...(text.match(/\bo-[a-z0-9]{10,32}\b/g) ?? [])].filter((token) => token !== account));
    const remaining: string[] = [];
    for (const [key, value] of Object.entries(config)) {
        if (key === "aws:region" || key === "aws:allowedAccountIds" || key === `${CONFIG_NAMESPACE}:accountId`) {
            continue;
        }
        const written = typeof value === "string" ? value : JSON.stringify(value);
        const found = [...tokens].filter((token) => written.includes(token));
        if (found.length > 0) {
            remaining.push(`${key} (${found.join(", ")})`);
        } else if (arnsIn(value).length > 0) {
            remaining.push(`${key} (the example's ARNs)`);
        }
    }
    return remaining;
}

/** The new config read as the stack program reads it: every problem the program would refuse it for. */
function validate(target: StackTarget, config: RawConfig): TargetProblem[] {
    const raw = (key: string): string | undefined => {
        const value = config[`${CONFIG_NAMESPACE}:${key}`];
        return value === undefined ? undefined : typeof value === "string" ? value : JSON.stringify(value);
    };
    const { problems } = argsFromStackConfig(raw, target.region, target.account);
    return problems.map((problem) => ({ where: `stack ${target.name}`, field: problem.configKey ?? problem.field, value: problem.value, rule: problem.rule }));
}
