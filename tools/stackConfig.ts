import * as fs from "fs";
import * as path from "path";
import * as yaml from "js-yaml";

/** A stack's config as the engine hands it to the program: `namespace:key` → raw string. */
export interface StackConfig {
    project: string;
    stack: string;
    config: Record<string, string>;
}

export class StackConfigError extends Error {
    constructor(message: string) {
        super(message);
        this.name = "StackConfigError";
    }
}

interface ProjectFile {
    name?: string;
    stackConfigDir?: string;
}

/**
 * The project of `root` and where its stack files live: `stacksDir` when given (tests and tools write stacks to a
 * temporary directory that way), else the project's `stackConfigDir`.
 */
export function readProject(root: string, stacksDir?: string): { name: string; stackConfigDir: string } {
    const file = path.join(root, "Pulumi.yaml");
    const project = yaml.load(fs.readFileSync(file, "utf8")) as ProjectFile;
    if (!project?.name) {
        throw new StackConfigError(`${file} has no project name`);
    }
    return { name: project.name, stackConfigDir: stacksDir ? path.resolve(stacksDir) : path.join(root, project.stackConfigDir ?? ".") };
}

/** The stacks that have a config file, e.g. ["dev", "prod"]. */
export function listStacks(root: string, stacksDir?: string): string[] {
    const { stackConfigDir } = readProject(root, stacksDir);
    if (!fs.existsSync(stackConfigDir)) {
        throw new StackConfigError(`stack directory ${stackConfigDir} does not exist`);
    }
    return fs
        .readdirSync(stackConfigDir)
        .map((file) => /^Pulumi\.(.+)\.yaml$/.exec(file)?.[1])
        .filter((stack): stack is string => stack !== undefined)
        .sort();
}

/**
 * Reads `Pulumi.<stack>.yaml` and applies `-c key=value` overrides the way `pulumi preview -c` does: a key without a
 * namespace belongs to the project. Structured values (lists, maps) reach the program as JSON, as with the CLI.
 */
export function loadStackConfig(root: string, stack: string, overrides: readonly string[] = [], stacksDir?: string): StackConfig {
    const project = readProject(root, stacksDir);
    const file = path.join(project.stackConfigDir, `Pulumi.${stack}.yaml`);
    if (!fs.existsSync(file)) {
        const known = fs.existsSync(project.stackConfigDir) ? listStacks(root, stacksDir) : [];
        throw new StackConfigError(`no stack "${stack}": ${path.relative(root, file)} does not exist (stacks: ${known.join(", ") || "none"})`);
    }
    const parsed = (yaml.load(fs.readFileSync(file, "utf8")) ?? {}) as { config?: Record<string, unknown> };
    const config: Record<string, string> = {};
    for (const [key, value] of Object.entries(parsed.config ?? {})) {
        config[qualify(key, project.name)] = configValue(key, value);
    }
    for (const override of overrides) {
        const separator = override.indexOf("=");
        if (separator <= 0) {
            throw new StackConfigError(`-c ${override}: expected key=value`);
        }
        config[qualify(override.slice(0, separator), project.name)] = override.slice(separator + 1);
    }
    return { project: project.name, stack, config };
}

function qualify(key: string, project: string): string {
    return key.includes(":") ? key : `${project}:${key}`;
}

function configValue(key: string, value: unknown): string {
    if (value !== null && typeof value === "object" && "secure" in value) {
        throw new StackConfigError(`${key} is a secret: the offline preview has no way to decrypt it; pass a stand-in with -c ${key}=...`);
    }
    return typeof value === "string" ? value : JSON.stringify(value);
}
