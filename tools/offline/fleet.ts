import { REPO_ROOT } from "./plan";
import { listStacks } from "../stackConfig";
import type { PendingPack } from "../policy/analyzer";
import { PackSession } from "./packSession";
import { NamedPolicyConfig, PreviewDocument, planForPreview } from "./preview";
import { readPolicyConfig } from "../policy/packDir";
import { stackPolicyConfig } from "../stacks/list";
import * as path from "path";
import { wrapText } from "./wrap";

/** A stack that could not be previewed (bad config): what `npm run preview` alone would have said. */
export interface FleetError {
    stack: string;
    error: { message: string; problems?: unknown };
}

export interface FleetDocument {
    stacks: (PreviewDocument | FleetError)[];
    summary: {
        stacks: number;
        resources: number;
        mandatory: number;
        advisory: number;
        /** Stacks with a mandatory violation. */
        failed: string[];
        /** Stacks that could not be previewed. */
        errors: string[];
        policyPacks: string[];
        /** The worst exit status of the stacks: 2 bad input, 1 a mandatory violation, 0 clean. */
        exitCode: 0 | 1 | 2;
    };
}

export interface FleetOptions {
    pack: PendingPack;
    /** One policy config for every stack (--policy-config); without it, each stack runs with its own. */
    policyConfig?: NamedPolicyConfig;
    overrides?: readonly string[];
    asDeployed?: boolean;
    stacksDir?: string;
    /** Another program's directory: its stacks, at the pack's levels unless policyConfig says otherwise. */
    root?: string;
    program?: string;
}

/**
 * Previews every stack of the stack directory in this one process, against one pack process: the SDK, the
 * provider's classes and the component load once, and the pack starts once, so each further stack costs only its
 * own program run and verdicts.
 */
export async function previewAll(options: FleetOptions): Promise<FleetDocument> {
    const names = listStacks(options.root ?? REPO_ROOT, options.stacksDir);
    const session = await PackSession.open(options.pack);
    const pending: Promise<PreviewDocument | FleetError>[] = [];
    let stacks: (PreviewDocument | FleetError)[];
    try {
        // Checks run one stack at a time on the pack (ConfigureStack sets the stack for the calls that follow),
        // each as soon as its plan is ready, while the next program runs.
        let packFree: Promise<unknown> = Promise.resolve();
        for (const stack of names) {
            let planned;
            let policyConfig: NamedPolicyConfig;
            try {
                policyConfig = options.policyConfig ?? (options.root ? { file: "" } : ownPolicyConfig(stack, options.stacksDir));
                planned = await planForPreview({ ...options, stack });
            } catch (error) {
                pending.push(Promise.resolve(fleetError(stack, error)));
                continue;
            }
            const checked = packFree.then(() => planned.check(session, policyConfig));
            packFree = checked.catch(() => undefined);
            pending.push(checked);
        }
        stacks = await Promise.all(pending);
    } finally {
        session.close();
    }
    const documents = stacks.filter((entry): entry is PreviewDocument => !("error" in entry));
    const failed = documents.filter((document) => document.summary.mandatory > 0).map((document) => document.stack);
    const errors = stacks.filter((entry): entry is FleetError => "error" in entry).map((entry) => entry.stack);
    return {
        stacks,
        summary: {
            stacks: stacks.length,
            resources: sum(documents.map((document) => document.summary.resources)),
            mandatory: sum(documents.map((document) => document.summary.mandatory)),
            advisory: sum(documents.map((document) => document.summary.advisory)),
            failed,
            errors,
            policyPacks: [...new Set(documents.flatMap((document) => document.summary.policyPacks))],
            exitCode: errors.length > 0 ? 2 : failed.length > 0 ? 1 : 0,
        },
    };
}

/**
 * A stack's own policy config, the one `npm run -s stacks -- --json` names for it and the pull-request workflow's
 * real preview applies: prod runs with config.prod.json, a throwaway stack with config.throwaway.json.
 */
export function ownPolicyConfig(stack: string, stacksDir?: string): NamedPolicyConfig {
    const file = stackPolicyConfig(REPO_ROOT, stack, stacksDir);
    return file ? { file, config: readPolicyConfig(path.join(REPO_ROOT, file)) } : { file: "" };
}

function fleetError(stack: string, error: unknown): FleetError {
    return { stack, error: { message: error instanceof Error ? error.message : String(error), problems: (error as { problems?: unknown }).problems } };
}

/** A table of stack, resources, mandatory and advisory counts, then what failed and why. */
export function renderFleet(fleet: FleetDocument, width: number): string {
    const rows = fleet.stacks.map((entry) =>
        "error" in entry
            ? [entry.stack, "-", "-", "-", "error", ""]
            : [entry.stack, String(entry.summary.resources), String(entry.summary.mandatory), String(entry.summary.advisory), entry.summary.mandatory > 0 ? "failed" : "ok", entry.policyConfig ? path.basename(entry.policyConfig) : "(pack's levels)"],
    );
    const header = ["stack", "resources", "mandatory", "advisory", "result", "policy config"];
    const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => row[column].length)));
    const line = (cells: string[]): string => cells.map((cell, column) => (column === 0 || column === 4 ? cell.padEnd(widths[column]) : column === 5 ? cell : cell.padStart(widths[column]))).join("  ").trimEnd();
    const { summary } = fleet;
    const lines = [
        `Previewing ${summary.stacks} stacks offline against ${summary.policyPacks.join(", ") || "the policy pack"}`,
        "",
        line(header),
        ...rows.map(line),
        "",
        `${summary.stacks} stacks, ${summary.resources} resources, ${summary.mandatory} mandatory and ${summary.advisory} advisory violations`,
    ];
    for (const entry of fleet.stacks) {
        if ("error" in entry) {
            lines.push(`error in ${entry.stack}: ${entry.error.message}`);
        } else {
            for (const violation of entry.violations.filter((candidate) => candidate.enforcementLevel === "mandatory")) {
                lines.push(`[mandatory] ${entry.stack}: ${violation.policy}: ${violation.message.split("\n")[0]}`);
            }
        }
    }
    if (summary.failed.length > 0) {
        lines.push("", `preview failed: ${summary.mandatory} mandatory violation${summary.mandatory === 1 ? "" : "s"} in ${summary.failed.join(", ")}`);
    }
    return wrapText(lines.join("\n"), width);
}

function sum(values: number[]): number {
    return values.reduce((total, value) => total + value, 0);
}
