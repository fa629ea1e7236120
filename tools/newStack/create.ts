import * as fs from "fs";
import * as path from "path";
import * as yaml from "js-yaml";
import { CONFIG_NAMESPACE, argsFromStackConfig } from "../../components/config";
import { readProject } from "../stackConfig";
import { RawConfig, deriveConfig, sourceStack } from "./derive";
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
}

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
        const header = [
            `# Created by npm run new-stack from stack ${from} for account ${target.account} in ${target.region}.`,
            ...(derived.changes.length > 0 ? ["# Re-pointed from the source's account and region:", ...derived.changes.map((change) => `#   ${change}`)] : []),
        ];
        files.push({ stack: target.name, file, text: `${header.join("\n")}\n${yaml.dump({ config: derived.config }, { lineWidth: -1 })}`, changes: derived.changes });
    }
    return { files, problems };
}

/** Writes the planned files (call only when there was no problem). */
export function writeStackFiles(files: readonly PlannedStackFile[]): void {
    for (const planned of files) {
        fs.mkdirSync(path.dirname(planned.file), { recursive: true });
        fs.writeFileSync(planned.file, planned.text);
    }
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
